// A PDF's text and page sizes for tests, read by pdfjs-dist (test/app/pdfText.mjs) in a child process.
import {execFileSync} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

export interface PdfText {
  pages: {width: number; height: number; text: string}[];
  title: string;
}

/** The PDF's text and page sizes (pdfjs-dist is an ES module: it runs in a child process). */
export function pdfText(pdf: Buffer): PdfText {
  const dir = mkdtempSync(join(tmpdir(), 'pdf-text-'));
  try {
    const file = join(dir, 'f.pdf');
    writeFileSync(file, pdf);
    const out = execFileSync(
      process.execPath,
      [join(__dirname, '../app/pdfText.mjs'), file],
      {encoding: 'utf8'},
    );
    return JSON.parse(out) as PdfText;
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
}

/** Text with every run of white space as one space (PDF text wraps lines anywhere). */
export const flat = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ');
