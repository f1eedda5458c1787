// Utilities: formatDate/parseDate (Java patterns, IANA zones), blobs, base64, digests, CSV, UUIDs, sleep.
import {createHash, createHmac} from 'node:crypto';
import {gunzipSync, gzipSync} from 'node:zlib';
import type {EmulatorContext} from './context';
import {BlobImpl, charsetEncoding, fromBytes, toSignedBytes} from './blob';
import {gasError, instrument, isDate, realmDate} from './runtime';
import {gasEnum} from './spreadsheet/enums';
import {formatJavaDate, parseJavaDate} from './tz';
import {unzipEntries, zipEntries} from './zip';

type Blob = GoogleAppsScript.Base.Blob;
type BlobSource = GoogleAppsScript.Base.BlobSource;
type Charset = GoogleAppsScript.Utilities.Charset;

const CharsetEnum = gasEnum<typeof GoogleAppsScript.Utilities.Charset>(
  'US_ASCII',
  'UTF_8',
);
const DigestAlgorithmEnum = gasEnum<
  typeof GoogleAppsScript.Utilities.DigestAlgorithm
>('MD2', 'MD5', 'SHA_1', 'SHA_256', 'SHA_384', 'SHA_512');
const MacAlgorithmEnum = gasEnum<
  typeof GoogleAppsScript.Utilities.MacAlgorithm
>('HMAC_MD5', 'HMAC_SHA_1', 'HMAC_SHA_256', 'HMAC_SHA_384', 'HMAC_SHA_512');
const RsaAlgorithmEnum = gasEnum<
  typeof GoogleAppsScript.Utilities.RsaAlgorithm
>('RSA_SHA_1', 'RSA_SHA_256');

const DIGESTS: Record<string, string> = {
  MD5: 'md5',
  SHA_1: 'sha1',
  SHA_256: 'sha256',
  SHA_384: 'sha384',
  SHA_512: 'sha512',
};

/** Java String.format subset: %s %d %f %.Nf %x %%, with argument indexes %1$s. */
export function formatString(template: string, ...args: unknown[]): string {
  let next = 0;
  return template.replace(
    /%(\d+\$)?([-0+ ,]*)(\d+)?(\.\d+)?([sdfxXbBc%n])/g,
    (m, idx, flags, width, prec, conv) => {
      if (conv === '%') return '%';
      if (conv === 'n') return '\n';
      const arg = args[idx ? Number(idx.slice(0, -1)) - 1 : next++];
      let s: string;
      switch (conv) {
        case 'd':
          s = String(Math.trunc(Number(arg)));
          if (flags.includes(',')) s = s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
          break;
        case 'f':
          s = Number(arg).toFixed(prec ? Number(prec.slice(1)) : 6);
          break;
        case 'x':
        case 'X':
          s = Math.trunc(Number(arg)).toString(16);
          if (conv === 'X') s = s.toUpperCase();
          break;
        case 'b':
        case 'B':
          s = String(arg !== null && arg !== undefined && arg !== false);
          break;
        case 'c':
          s =
            typeof arg === 'number'
              ? String.fromCharCode(arg)
              : String(arg).charAt(0);
          break;
        default:
          s = String(arg);
          if (prec) s = s.slice(0, Number(prec.slice(1)));
      }
      if (width && s.length < Number(width)) {
        const pad = (flags.includes('0') && conv !== 's' ? '0' : ' ').repeat(
          Number(width) - s.length,
        );
        s = flags.includes('-') ? s + pad : pad + s;
      }
      void m;
      return s;
    },
  );
}

/** RFC 4180 CSV parsing as Utilities.parseCsv does. */
export function parseCsv(csv: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const ch = csv[i];
    if (quoted) {
      if (ch === '"') {
        if (csv[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && csv[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

export class UtilitiesImpl implements Partial<GoogleAppsScript.Utilities.Utilities> {
  Charset = CharsetEnum;
  DigestAlgorithm = DigestAlgorithmEnum;
  MacAlgorithm = MacAlgorithmEnum;
  RsaAlgorithm = RsaAlgorithmEnum;

  constructor(
    readonly _ctx: EmulatorContext,
    readonly _host: {
      advance(ms: number): void;
      uuid(): string;
      converters: Map<string, (blob: BlobImpl) => Buffer>;
    },
  ) {}

  _data(value: string | number[], charset?: Charset): Buffer {
    if (Array.isArray(value)) return fromBytes(value);
    return Buffer.from(
      String(value),
      charsetEncoding(charset === undefined ? undefined : String(charset)),
    );
  }

  formatDate(date: Date, timeZone: string, format: string): string {
    if (
      !isDate(date) ||
      typeof timeZone !== 'string' ||
      typeof format !== 'string'
    ) {
      const t = (x: unknown) =>
        isDate(x)
          ? 'Date'
          : x === null || x === undefined
            ? 'null'
            : typeof x === 'string'
              ? 'String'
              : typeof x === 'number'
                ? 'number'
                : 'Object';
      throw gasError(
        this._ctx,
        `The parameters (${[date, timeZone, format].map(t).join(',')}) don't match the method signature for Utilities.formatDate.`,
      );
    }
    try {
      return formatJavaDate(date.getTime(), timeZone, format);
    } catch (e) {
      throw gasError(this._ctx, `Invalid argument: ${(e as Error).message}`);
    }
  }
  parseDate(date: string, timeZone: string, format: string): Date {
    let ms: number | null;
    try {
      ms = parseJavaDate(String(date), timeZone, format);
    } catch (e) {
      throw gasError(this._ctx, `Invalid argument: ${(e as Error).message}`);
    }
    if (ms === null || Number.isNaN(ms))
      throw gasError(this._ctx, `Unparseable date: "${date}"`);
    return realmDate(this._ctx, ms);
  }
  formatString(template: string, ...args: unknown[]): string {
    return formatString(template, ...args);
  }
  getUuid(): string {
    return this._host.uuid();
  }
  sleep(milliseconds: number): void {
    if (milliseconds > 300000)
      throw gasError(this._ctx, 'Invalid argument: milliseconds');
    this._host.advance(Math.max(0, Number(milliseconds) || 0));
  }
  newBlob(data: string | number[], contentType?: string, name?: string): Blob {
    const buf = Array.isArray(data)
      ? fromBytes(data)
      : Buffer.from(String(data ?? ''), 'utf8');
    return new BlobImpl(
      this._ctx,
      buf,
      contentType ?? null,
      name ?? null,
      this._host.converters,
    ) as unknown as Blob;
  }
  base64Encode(data: string | number[], charset?: Charset): string {
    return this._data(data, charset).toString('base64');
  }
  base64EncodeWebSafe(data: string | number[], charset?: Charset): string {
    return this._data(data, charset)
      .toString('base64')
      .replace(/\+/g, '-')
      .replace(/\//g, '_');
  }
  base64Decode(encoded: string, charset?: Charset): number[] {
    void charset;
    const s = String(encoded);
    // Linear checks (an anchored `[…]*` over megabytes overflows V8's regex backtracking stack).
    const body = s.replace(/\s/g, '').replace(/={1,2}$/, '');
    if (/[^A-Za-z0-9+/]/.test(body)) {
      throw gasError(this._ctx, 'Could not decode string.');
    }
    return toSignedBytes(Buffer.from(s, 'base64'));
  }
  base64DecodeWebSafe(encoded: string, charset?: Charset): number[] {
    void charset;
    return toSignedBytes(
      Buffer.from(
        String(encoded).replace(/-/g, '+').replace(/_/g, '/'),
        'base64',
      ),
    );
  }
  computeDigest(
    algorithm: GoogleAppsScript.Utilities.DigestAlgorithm,
    value: string | number[],
    charset?: Charset,
  ): number[] {
    const alg = DIGESTS[String(algorithm)];
    if (!alg) throw gasError(this._ctx, 'Invalid argument: algorithm');
    return toSignedBytes(
      createHash(alg).update(this._data(value, charset)).digest(),
    );
  }
  computeHmacSha256Signature(
    value: string | number[],
    key: string | number[],
    charset?: Charset,
  ): number[] {
    return toSignedBytes(
      createHmac('sha256', this._data(key, charset))
        .update(this._data(value, charset))
        .digest(),
    );
  }
  computeHmacSignature(
    algorithm: GoogleAppsScript.Utilities.MacAlgorithm,
    value: string | number[],
    key: string | number[],
    charset?: Charset,
  ): number[] {
    const alg = DIGESTS[String(algorithm).replace('HMAC_', '')];
    if (!alg) throw gasError(this._ctx, 'Invalid argument: algorithm');
    return toSignedBytes(
      createHmac(alg, this._data(key, charset))
        .update(this._data(value, charset))
        .digest(),
    );
  }
  parseCsv(csv: string, delimiter?: string): string[][] {
    return parseCsv(String(csv), delimiter ?? ',');
  }
  gzip(blob: BlobSource, name?: string): Blob {
    const src = blob.getBlob() as unknown as BlobImpl;
    const outName = name ?? (src._name ? `${src._name}.gz` : null);
    return new BlobImpl(
      this._ctx,
      gzipSync(src._data),
      'application/x-gzip',
      outName,
      this._host.converters,
    ) as unknown as Blob;
  }
  ungzip(blob: BlobSource): Blob {
    const src = blob.getBlob() as unknown as BlobImpl;
    const name = src._name?.replace(/\.gz$/, '') ?? null;
    return new BlobImpl(
      this._ctx,
      gunzipSync(src._data),
      null,
      name,
      this._host.converters,
    ) as unknown as Blob;
  }
  zip(blobs: BlobSource[], name?: string): Blob {
    if (!Array.isArray(blobs))
      throw gasError(
        this._ctx,
        "The parameters () don't match the method signature for Utilities.zip.",
      );
    const entries = blobs.map(b => {
      const src = b.getBlob() as unknown as BlobImpl;
      if (!src._name)
        throw gasError(
          this._ctx,
          'Blob object must have non-null name for this operation.',
        );
      return {name: src._name, data: src._data};
    });
    const data = zipEntries(entries, this._ctx.now().getTime());
    return new BlobImpl(
      this._ctx,
      data,
      'application/zip',
      name ?? 'Archive.zip',
      this._host.converters,
    ) as unknown as Blob;
  }
  unzip(blob: BlobSource): Blob[] {
    const src = blob.getBlob() as unknown as BlobImpl;
    let entries;
    try {
      entries = unzipEntries(src._data);
    } catch (e) {
      throw gasError(this._ctx, `Could not unzip: ${(e as Error).message}`);
    }
    return entries.map(e => {
      const out = new BlobImpl(
        this._ctx,
        e.data,
        null,
        e.name,
        this._host.converters,
      );
      try {
        out.setContentTypeFromExtension();
      } catch {
        // Unknown extension: Google leaves the content type unset too.
      }
      return out as unknown as Blob;
    });
  }
}
instrument(UtilitiesImpl, 'Utilities', 'Utilities.Utilities');
