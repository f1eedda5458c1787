// Uploaded evidence files, the pure part: which types are accepted, what their bytes must start with, safe names.
import {cleanText} from './assignmentUpdate';

/** Accepted files: photos (already shrunk by the page), PDF and Office documents. */
export const UPLOAD_TYPES: Readonly<
  Record<
    string,
    {ext: string; magic: 'jpeg' | 'png' | 'webp' | 'pdf' | 'zip' | 'ole'}
  >
> = {
  'image/jpeg': {ext: 'jpg', magic: 'jpeg'},
  'image/png': {ext: 'png', magic: 'png'},
  'image/webp': {ext: 'webp', magic: 'webp'},
  'application/pdf': {ext: 'pdf', magic: 'pdf'},
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
    ext: 'docx',
    magic: 'zip',
  },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
    ext: 'xlsx',
    magic: 'zip',
  },
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': {
    ext: 'pptx',
    magic: 'zip',
  },
  'application/msword': {ext: 'doc', magic: 'ole'},
  'application/vnd.ms-excel': {ext: 'xls', magic: 'ole'},
};

/** Largest file accepted, in bytes (photos are shrunk to far less; this is for PDF / Office files). */
export const UPLOAD_MAX_BYTES = 10 * 1024 * 1024;
/** Longest side of a photo after the page shrank it. */
export const IMAGE_MAX_SIDE = 1600;

const MAGIC: Record<string, (b: number[]) => boolean> = {
  jpeg: b => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  png: b =>
    [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every(
      (x, i) => b[i] === x,
    ),
  webp: b =>
    String.fromCharCode(...b.slice(0, 4)) === 'RIFF' &&
    String.fromCharCode(...b.slice(8, 12)) === 'WEBP',
  pdf: b => String.fromCharCode(...b.slice(0, 5)) === '%PDF-',
  zip: b => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04,
  ole: b =>
    [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1].every(
      (x, i) => b[i] === x,
    ),
};

/** True when the bytes (unsigned, the first dozen are enough) look like the declared type. */
export function contentMatches(mimeType: string, head: number[]): boolean {
  const t = UPLOAD_TYPES[mimeType];
  return !!t && MAGIC[t.magic](head.map(x => x & 0xff));
}

/** The decoded size of a base64 text, without decoding it. */
export function base64Size(base64: string): number {
  const pad = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return Math.floor((base64.length * 3) / 4) - pad;
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024)
    return `${(n / 1024 / 1024).toFixed(1).replace('.', ',')} MB`;
  return `${Math.max(1, Math.round(n / 1024))} KB`;
}

/** A file name safe on Drive and in a sheet: no path, no control characters, the type's extension. */
export function safeFileName(name: string, mimeType: string): string {
  const ext = UPLOAD_TYPES[mimeType]?.ext ?? 'bin';
  const base = cleanText(String(name ?? ''))
    .replace(/^.*[\\/]/, '')
    .replace(/[\n\t]+/g, ' ')
    .replace(/\.[A-Za-z0-9]{1,5}$/, '')
    .replace(/^[=+\-@]+/, '')
    .trim()
    .slice(0, 80);
  return `${base || 'minh-chung'}.${ext}`;
}

export interface CheckedUpload {
  name: string;
  mimeType: string;
  base64: string;
  size: number;
}

/** Checks what a page sent before anything is decoded or written; a Vietnamese reason when refused. */
export function checkUpload(
  file: unknown,
  maxBytes: number = UPLOAD_MAX_BYTES,
): {ok: true; value: CheckedUpload} | {ok: false; message: string} {
  if (!file || typeof file !== 'object' || Array.isArray(file))
    return {ok: false, message: 'Không nhận được tệp. Vui lòng chọn lại tệp.'};
  const f = file as Record<string, unknown>;
  const mimeType =
    typeof f.mimeType === 'string' ? f.mimeType.trim().toLowerCase() : '';
  if (!UPLOAD_TYPES[mimeType]) {
    return {
      ok: false,
      message:
        'Loại tệp này không được nhận. Chỉ nhận ảnh (JPEG, PNG, WebP), PDF và tệp Word, Excel, PowerPoint.',
    };
  }
  const base64 =
    typeof f.base64 === 'string' ? f.base64.replace(/\s+/g, '') : '';
  // Linear checks: an anchored `[…]+` over megabytes of text overflows V8's regex backtracking stack.
  const body = base64.replace(/={1,2}$/, '');
  if (!body || /[^A-Za-z0-9+/]/.test(body))
    return {
      ok: false,
      message:
        'Tệp gửi lên bị lỗi (dữ liệu không đúng). Vui lòng chọn lại tệp.',
    };
  const size = base64Size(base64);
  if (size > maxBytes) {
    return {
      ok: false,
      message: `Tệp dài ${formatBytes(size)}, vượt quá giới hạn ${formatBytes(maxBytes)}. Hãy chọn tệp nhỏ hơn hoặc chia thành nhiều tệp.`,
    };
  }
  const name = safeFileName(typeof f.name === 'string' ? f.name : '', mimeType);
  return {ok: true, value: {name, mimeType, base64, size}};
}
