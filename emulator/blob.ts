// Blob: bytes with a content type and a name; bytes are signed (-128..127) like Apps Script's Byte[].
import type {EmulatorContext} from './context';
import {gasError, instrument} from './runtime';

type GasBlob = GoogleAppsScript.Base.Blob;

/** Signed bytes (Apps Script's Byte[]) from a Node buffer. */
export function toSignedBytes(buf: Uint8Array): number[] {
  const out = new Array<number>(buf.length);
  for (let i = 0; i < buf.length; i++)
    out[i] = buf[i] > 127 ? buf[i] - 256 : buf[i];
  return out;
}

/** A Node buffer from bytes given signed (-128..127) or unsigned (0..255). */
export function fromBytes(bytes: ArrayLike<number>): Buffer {
  const buf = Buffer.alloc(bytes.length);
  for (let i = 0; i < bytes.length; i++) buf[i] = bytes[i] & 0xff;
  return buf;
}

export function charsetEncoding(charset: string | undefined): BufferEncoding {
  const c = (charset ?? 'UTF-8').toUpperCase().replace('_', '-');
  if (c === 'UTF-8' || c === 'UTF8') return 'utf8';
  if (c === 'US-ASCII' || c === 'ASCII') return 'ascii';
  if (c === 'ISO-8859-1' || c === 'LATIN1') return 'latin1';
  if (c === 'UTF-16LE') return 'utf16le';
  return 'utf8';
}

const EXTENSIONS: Record<string, string> = {
  'application/pdf': 'pdf',
  'text/plain': 'txt',
  'text/csv': 'csv',
  'text/html': 'html',
  'application/json': 'json',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'application/zip': 'zip',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document':
    'docx',
};

/** Converts a blob's data into another content type; hosts may add converters (e.g. to PDF). */
export type BlobConverter = (blob: BlobImpl) => Buffer;

export class BlobImpl implements Partial<GasBlob> {
  constructor(
    readonly _ctx: EmulatorContext,
    public _data: Buffer,
    public _contentType: string | null = null,
    public _name: string | null = null,
    readonly _converters: Map<string, BlobConverter> = new Map(),
  ) {}

  copyBlob(): GasBlob {
    return new BlobImpl(
      this._ctx,
      Buffer.from(this._data),
      this._contentType,
      this._name,
      this._converters,
    ) as unknown as GasBlob;
  }
  getBlob(): GasBlob {
    return this as unknown as GasBlob;
  }
  getAs(contentType: string): GasBlob {
    const target = String(contentType);
    let data = this._data;
    if (target !== this._contentType) {
      const conv = this._converters.get(target);
      if (
        !conv &&
        !(
          target.startsWith('text/') &&
          (this._contentType ?? 'text/').startsWith('text/')
        )
      ) {
        throw gasError(
          this._ctx,
          `Converting from ${this._contentType ?? 'unknown'} to ${target} is not supported.`,
        );
      }
      if (conv) data = conv(this);
    }
    const ext = EXTENSIONS[target];
    const name =
      this._name && ext
        ? this._name.replace(/(\.[^./]*)?$/, `.${ext}`)
        : this._name;
    return new BlobImpl(
      this._ctx,
      Buffer.from(data),
      target,
      name,
      this._converters,
    ) as unknown as GasBlob;
  }
  getBytes(): number[] {
    return toSignedBytes(this._data);
  }
  setBytes(data: number[]): GasBlob {
    this._data = fromBytes(data);
    return this as unknown as GasBlob;
  }
  getDataAsString(charset?: string): string {
    return this._data.toString(charsetEncoding(charset));
  }
  setDataFromString(string: string, charset?: string): GasBlob {
    this._data = Buffer.from(String(string), charsetEncoding(charset));
    return this as unknown as GasBlob;
  }
  getContentType(): string | null {
    return this._contentType;
  }
  setContentType(contentType: string | null): GasBlob {
    this._contentType = contentType;
    return this as unknown as GasBlob;
  }
  setContentTypeFromExtension(): GasBlob {
    const ext = this._name?.split('.').pop()?.toLowerCase();
    const found = Object.entries(EXTENSIONS).find(([, e]) => e === ext);
    if (!found)
      throw gasError(
        this._ctx,
        'Could not determine the content type from the extension.',
      );
    this._contentType = found[0];
    return this as unknown as GasBlob;
  }
  getName(): string | null {
    return this._name;
  }
  setName(name: string): GasBlob {
    this._name = String(name);
    return this as unknown as GasBlob;
  }
  isGoogleType(): boolean {
    return (this._contentType ?? '').startsWith('application/vnd.google-apps.');
  }
}
instrument(BlobImpl, 'Blob', 'Base.Blob');
