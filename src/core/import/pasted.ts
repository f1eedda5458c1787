// Pasted appendix text: tab-separated rows (copied from Word or a spreadsheet) into a table grid.
import {nfc} from '../text';

/** Splits tab-separated text into rows of fields; quoted fields ("…", "" for a quote) may hold line breaks. */
export function parseTsv(text: string): string[][] {
  const s = nfc(text).replace(/\r\n?/g, '\n');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let atFieldStart = true;
  while (i < s.length) {
    const ch = s[i];
    if (atFieldStart && ch === '"') {
      // A quoted field: up to the quote that is followed by a tab, a line break or the end.
      let j = i + 1;
      let value = '';
      let closed = false;
      while (j < s.length) {
        if (s[j] === '"') {
          if (s[j + 1] === '"') {
            value += '"';
            j += 2;
            continue;
          }
          if (j + 1 === s.length || s[j + 1] === '\t' || s[j + 1] === '\n') {
            closed = true;
            j++;
            break;
          }
        }
        value += s[j];
        j++;
      }
      if (closed) {
        field = value;
        i = j;
        atFieldStart = false;
        continue;
      }
    }
    atFieldStart = false;
    if (ch === '\t') {
      row.push(field);
      field = '';
      atFieldStart = true;
    } else if (ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      atFieldStart = true;
    } else field += ch;
    i++;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/**
 * The table part of pasted text and the lines around it. Rows with tabs are table rows; a row with
 * fewer fields than the table is the rest of the row above broken by a line break inside a cell
 * (Word copies a cell's paragraphs that way): its first field goes on that cell, the others after it.
 * A line with no tab between table rows, or a short lower-case one right after them, ends the cell above.
 */
export function pastedTable(text: string): {grid: string[][]; lines: string[]} {
  const rows = parseTsv(text);
  const tabbed = rows.map(r => r.length > 1);
  const first = tabbed.indexOf(true);
  const last = tabbed.lastIndexOf(true);
  if (first < 0) return {grid: [], lines: rows.map(r => r.join(' '))};
  const width = Math.max(0, ...rows.map(r => r.length));
  const lines = rows.slice(0, first).map(r => r[0] ?? '');
  const grid: string[][] = [];
  let open: string[] = [];
  let trailingEnd = last;
  for (let i = first; i < rows.length; i++) {
    const r = rows[i];
    const short = open.length > 0 && open.length < width;
    // Just after the table, a short line in lower case still belongs to the last cell.
    const trailing =
      i === trailingEnd + 1 &&
      i > last &&
      /^\p{Ll}/u.test(r[0] ?? '') &&
      (r[0] ?? '').length < 60;
    if (trailing) trailingEnd = i;
    if (short || trailing || (i <= last && !tabbed[i] && open.length)) {
      open[open.length - 1] = `${open[open.length - 1]}\n${r[0]}`.trim();
      open.push(...r.slice(1));
      continue;
    }
    if (i > last) {
      lines.push(r.join(' '));
      continue;
    }
    open = [...r];
    grid.push(open);
  }
  return {grid: grid.map(r => r.slice(0, width)), lines};
}
