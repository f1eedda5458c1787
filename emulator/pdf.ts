// A minimal valid PDF writer (Helvetica, text lines, A4 pages) for emulated exports.

/** Latin-1 text for the standard Helvetica font: Vietnamese diacritics are dropped (đ → d). */
export function toLatin1(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e\xa0-\xff]/g, '?');
}

function escapePdf(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\(/g, '\\(').replace(/\)/g, '\\)');
}

/** A PDF with the lines, wrapped at ~95 characters, 60 lines a page; `title` goes in the info. */
export function textPdf(lines: string[], title = ''): Buffer {
  const wrapped: string[] = [];
  for (const line of lines) {
    let rest = toLatin1(line);
    do {
      wrapped.push(rest.slice(0, 95));
      rest = rest.slice(95);
    } while (rest.length > 0);
  }
  const pages: string[][] = [];
  for (let i = 0; i < Math.max(1, wrapped.length); i += 60)
    pages.push(wrapped.slice(i, i + 60));
  const objects: string[] = [];
  const add = (body: string) => objects.push(body) + 0;
  add('<< /Type /Catalog /Pages 2 0 R >>');
  add('PAGES');
  add(
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
  );
  const pageIds: number[] = [];
  for (const page of pages) {
    const text = page.map(l => `(${escapePdf(l)}) Tj T*`).join('\n');
    const stream = `BT /F1 9 Tf 11 TL 40 800 Td\n${text}\nET`;
    const contentId = add(
      `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`,
    );
    pageIds.push(
      add(
        `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${contentId} 0 R >>`,
      ),
    );
  }
  objects[1] = `<< /Type /Pages /Kids [${pageIds.map(id => `${id} 0 R`).join(' ')}] /Count ${pageIds.length} >>`;
  const infoId = add(
    `<< /Title (${escapePdf(toLatin1(title))}) /Producer (Apps Script emulator) >>`,
  );
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info ${infoId} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
