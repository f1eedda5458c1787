// Blob.getAs('application/pdf') on HTML prints a real PDF with headless Chromium: A4 as @page says, Vietnamese text intact.
import {execFileSync} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {Workspace} from '../../emulator';

let ws: Workspace;
beforeEach(() => {
  ws = new Workspace({owner: 'admin@example.com'});
  ws.installGlobals();
});
afterEach(() => ws.uninstallGlobals());

jest.setTimeout(120000);

function readPdf(bytes: number[]): {
  pages: {width: number; height: number; text: string}[];
} {
  const dir = mkdtempSync(join(tmpdir(), 'pdf-test-'));
  try {
    const file = join(dir, 'f.pdf');
    writeFileSync(file, Buffer.from(bytes.map(b => b & 0xff)));
    return JSON.parse(
      execFileSync(
        process.execPath,
        [join(__dirname, '../app/pdfText.mjs'), file],
        {encoding: 'utf8'},
      ),
    );
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
}

test('an HTML blob becomes a real PDF named like Google names it', () => {
  const html =
    '<!DOCTYPE html><html><head><meta charset="utf-8"><style>@page { size: A4 landscape; margin: 10mm }</style></head>' +
    '<body><h1>Tổng hợp kết quả</h1><p>Phòng Văn hóa - Xã hội: Đã hoàn thành đúng hạn</p></body></html>';
  const pdf = Utilities.newBlob(html, 'text/html', 'Tổng hợp.html').getAs(
    'application/pdf',
  );
  expect(pdf.getContentType()).toBe('application/pdf');
  expect(pdf.getName()).toBe('Tổng hợp.pdf');
  const bytes = pdf.getBytes();
  expect(
    Buffer.from(bytes.slice(0, 5).map(b => b & 0xff)).toString('latin1'),
  ).toBe('%PDF-');
  const read = readPdf(bytes);
  expect(read.pages).toHaveLength(1);
  expect(Math.round(read.pages[0].width)).toBe(842);
  expect(Math.round(read.pages[0].height)).toBe(595);
  expect(read.pages[0].text).toContain('Tổng hợp kết quả');
  expect(read.pages[0].text).toContain(
    'Phòng Văn hóa - Xã hội: Đã hoàn thành đúng hạn',
  );
});

test('plain text still converts with the simple text writer', () => {
  const pdf = Utilities.newBlob(
    'dòng một\ndòng hai',
    'text/plain',
    'a.txt',
  ).getAs('application/pdf');
  expect(
    Buffer.from(
      pdf
        .getBytes()
        .slice(0, 5)
        .map(b => b & 0xff),
    ).toString('latin1'),
  ).toBe('%PDF-');
});
