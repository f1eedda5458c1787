// Tests for the pure part of uploaded evidence: accepted types, magic bytes, sizes, safe names, the upload check.
import fc from 'fast-check';
import {
  UPLOAD_MAX_BYTES,
  UPLOAD_TYPES,
  base64Size,
  checkUpload,
  contentMatches,
  formatBytes,
  safeFileName,
} from '../../src/core/evidence';

const JPEG_HEAD = [
  0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1,
];
const PNG_HEAD = [
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d,
];
const PDF_HEAD = [...'%PDF-1.7\n%'].map(c => c.charCodeAt(0));
const ZIP_HEAD = [0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0];
const OLE_HEAD = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const WEBP_HEAD = [...'RIFF']
  .map(c => c.charCodeAt(0))
  .concat(
    [1, 2, 3, 4],
    [...'WEBP'].map(c => c.charCodeAt(0)),
  );

const DOCX =
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

describe('contentMatches', () => {
  it('accepts each type only with its own signature', () => {
    expect(contentMatches('image/jpeg', JPEG_HEAD)).toBe(true);
    expect(contentMatches('image/png', PNG_HEAD)).toBe(true);
    expect(contentMatches('image/webp', WEBP_HEAD)).toBe(true);
    expect(contentMatches('application/pdf', PDF_HEAD)).toBe(true);
    expect(contentMatches(DOCX, ZIP_HEAD)).toBe(true);
    expect(contentMatches('application/msword', OLE_HEAD)).toBe(true);

    expect(contentMatches('image/jpeg', PNG_HEAD)).toBe(false);
    expect(contentMatches('image/png', JPEG_HEAD)).toBe(false);
    expect(contentMatches('application/pdf', ZIP_HEAD)).toBe(false);
    expect(contentMatches(DOCX, PDF_HEAD)).toBe(false);
    expect(contentMatches('application/vnd.ms-excel', ZIP_HEAD)).toBe(false);
  });

  it('reads signed bytes (Apps Script gives -128..127) as unsigned', () => {
    const signed = JPEG_HEAD.map(b => (b > 127 ? b - 256 : b));
    expect(contentMatches('image/jpeg', signed)).toBe(true);
  });

  it('refuses a type that is not accepted, whatever the bytes', () => {
    expect(contentMatches('text/html', JPEG_HEAD)).toBe(false);
    expect(contentMatches('application/zip', ZIP_HEAD)).toBe(false);
    expect(contentMatches('image/svg+xml', PNG_HEAD)).toBe(false);
  });

  it('refuses short heads', () => {
    expect(contentMatches('image/jpeg', [0xff, 0xd8])).toBe(false);
    expect(contentMatches('image/png', [])).toBe(false);
  });
});

describe('base64Size', () => {
  it('is the decoded length, padding included', () => {
    fc.assert(
      fc.property(fc.uint8Array({maxLength: 300}), bytes => {
        const b64 = Buffer.from(bytes).toString('base64');
        return base64Size(b64) === bytes.length;
      }),
    );
  });
});

describe('formatBytes', () => {
  it('writes KB and MB the Vietnamese way', () => {
    expect(formatBytes(10)).toBe('1 KB');
    expect(formatBytes(2048)).toBe('2 KB');
    expect(formatBytes(10 * 1024 * 1024)).toBe('10,0 MB');
    expect(formatBytes(1.5 * 1024 * 1024)).toBe('1,5 MB');
  });
});

describe('safeFileName', () => {
  it("keeps the name, gives it the type's extension", () => {
    expect(safeFileName('Ảnh họp thôn.jpeg', 'image/jpeg')).toBe(
      'Ảnh họp thôn.jpg',
    );
    expect(safeFileName('bien-ban', 'application/pdf')).toBe('bien-ban.pdf');
    expect(safeFileName('report.exe', DOCX)).toBe('report.docx');
  });

  it('drops paths, control characters and formula starts', () => {
    expect(safeFileName('C:\\Users\\x\\anh.png', 'image/png')).toBe('anh.png');
    expect(safeFileName('../../etc/passwd', 'application/pdf')).toBe(
      'passwd.pdf',
    );
    expect(safeFileName('=HYPERLINK("x")', 'application/pdf')).toBe(
      'HYPERLINK("x").pdf',
    );
    expect(safeFileName('a\tb\nc', 'image/png')).toBe('a b c.png');
  });

  it('names a nameless file, and cuts long names', () => {
    expect(safeFileName('', 'image/png')).toBe('minh-chung.png');
    expect(safeFileName('   ', 'image/png')).toBe('minh-chung.png');
    expect(safeFileName('x'.repeat(300), 'image/png')).toBe(
      `${'x'.repeat(80)}.png`,
    );
  });

  it('never yields a path separator or a control character', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.constantFrom(...Object.keys(UPLOAD_TYPES)),
        (name, type) => {
          const out = safeFileName(name, type);
          return (
            !/[\\/]/.test(out) &&
            ![...out].some(ch => ch.charCodeAt(0) < 0x20) &&
            out.endsWith(`.${UPLOAD_TYPES[type].ext}`)
          );
        },
      ),
    );
  });
});

describe('checkUpload', () => {
  const b64 = Buffer.from(JPEG_HEAD).toString('base64');

  it('accepts a good file, normalising its type and name', () => {
    const r = checkUpload({
      name: 'a/b.JPG',
      mimeType: ' IMAGE/JPEG ',
      base64: b64,
    });
    expect(r).toEqual({
      ok: true,
      value: {name: 'b.jpg', mimeType: 'image/jpeg', base64: b64, size: 12},
    });
  });

  it('ignores whitespace inside the base64 text', () => {
    const r = checkUpload({
      mimeType: 'image/jpeg',
      base64: `${b64.slice(0, 4)}\n${b64.slice(4)}`,
    });
    expect(r.ok && r.value.base64).toBe(b64);
  });

  it('refuses what is not a file', () => {
    for (const f of [null, undefined, 'x', [], 5]) {
      const r = checkUpload(f);
      expect(r).toEqual({
        ok: false,
        message: 'Không nhận được tệp. Vui lòng chọn lại tệp.',
      });
    }
  });

  it('refuses a type that is not accepted', () => {
    const r = checkUpload({name: 'x.html', mimeType: 'text/html', base64: b64});
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain('Loại tệp này không được nhận');
  });

  it('refuses empty or non-base64 data', () => {
    for (const base64 of ['', '====', 'abc$', 'ab-_', 42]) {
      const r = checkUpload({name: 'x', mimeType: 'image/jpeg', base64});
      expect(r.ok).toBe(false);
      expect(!r.ok && r.message).toContain('dữ liệu không đúng');
    }
  });

  it('refuses a file over the limit, naming both sizes', () => {
    const big = 'A'.repeat(Math.ceil(((UPLOAD_MAX_BYTES + 3) * 4) / 3 / 4) * 4);
    const r = checkUpload({
      name: 'big.pdf',
      mimeType: 'application/pdf',
      base64: big,
    });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain('vượt quá giới hạn 10,0 MB');
    const small = checkUpload(
      {name: 'x', mimeType: 'image/jpeg', base64: b64},
      11,
    );
    expect(small.ok).toBe(false);
    expect(
      checkUpload({name: 'x', mimeType: 'image/jpeg', base64: b64}, 12).ok,
    ).toBe(true);
  });

  it('checks megabytes of base64 in linear time (no regex backtracking)', () => {
    const big = 'A'.repeat(8 * 1024 * 1024);
    expect(() =>
      checkUpload({name: 'x', mimeType: 'application/pdf', base64: big}),
    ).not.toThrow();
  });
});
