// Prints a PDF's text (pages separated by form feeds) and page sizes as JSON, read by pdfjs-dist.
import {readFileSync} from 'node:fs';
import {getDocument} from 'pdfjs-dist/legacy/build/pdf.mjs';

const data = new Uint8Array(readFileSync(process.argv[2]));
const doc = await getDocument({data, useSystemFonts: false, isEvalSupported: false, verbosity: 0}).promise;
const pages = [];
for (let i = 1; i <= doc.numPages; i++) {
  const page = await doc.getPage(i);
  const [x0, y0, x1, y1] = page.view;
  const content = await page.getTextContent();
  let text = '';
  for (const item of content.items) {
    if (!('str' in item)) continue;
    text += item.str + (item.hasEOL ? '\n' : '');
  }
  pages.push({width: x1 - x0, height: y1 - y0, text: text.normalize('NFC')});
}
const info = await doc.getMetadata().catch(() => ({info: {}}));
process.stdout.write(JSON.stringify({pages, title: info.info?.Title ?? ''}));
