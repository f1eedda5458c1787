// Reads WordprocessingML (word/document.xml) into paragraphs and tables of plain text, merges kept.
import {nfc} from '../text';

/** One table cell as written: its text, how many grid columns it spans, and its vertical merge. */
export interface WordCell {
  text: string;
  /** w:gridSpan (1 when absent). */
  span: number;
  /** w:vMerge: "restart" starts a merged block, "continue" repeats the cell above. */
  vMerge: 'restart' | 'continue' | null;
}

export interface WordParagraph {
  type: 'paragraph';
  text: string;
}

export interface WordTable {
  type: 'table';
  rows: WordCell[][];
}

export type WordBlock = WordParagraph | WordTable;

/** The tags the reader needs; everything else is skipped (its text still read where it is w:t). */
const TOKEN =
  /<(\/?)(w:(?:p|tbl|tr|tc|t|delText|tab|br|cr|gridSpan|vMerge|tcPr|instrText))\b([^>]*?)(\/?)>|<!\[CDATA\[([\s\S]*?)\]\]>|([^<]+)|<[^>]*>/g;

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

/** XML character and entity references decoded. */
export function decodeXmlText(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, ref: string) => {
    if (ref[0] === '#') {
      const code =
        ref[1] === 'x' || ref[1] === 'X'
          ? parseInt(ref.slice(2), 16)
          : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff
        ? String.fromCodePoint(code)
        : '';
    }
    return ENTITIES[ref] ?? m;
  });
}

function attr(attrs: string, name: string): string | null {
  const m = new RegExp(`\\b${name}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(attrs);
  return m ? (m[2] ?? m[3] ?? '') : null;
}

interface CellBuilder {
  paragraphs: string[];
  span: number;
  vMerge: 'restart' | 'continue' | null;
}

interface TableBuilder {
  rows: WordCell[][];
  row: WordCell[] | null;
  cell: CellBuilder | null;
}

/**
 * The body's blocks in document order: paragraphs outside tables, and tables (a table nested in a
 * cell adds its text to that cell). Text is NFC; a tab is a space; a line break inside a paragraph
 * is a line break; a cell's paragraphs are joined by line breaks. Deleted text (w:delText) and field
 * instructions are left out. Throws on text that is not WordprocessingML.
 */
export function readWordBlocks(xml: string): WordBlock[] {
  if (!/<w:body\b/.test(xml))
    throw new Error('Not a WordprocessingML document');
  const blocks: WordBlock[] = [];
  const tables: TableBuilder[] = [];
  let para: string | null = null;
  let inText = false;
  for (const m of xml.matchAll(TOKEN)) {
    const [, close, tag, attrs, selfClose, cdata, text] = m;
    if (text !== undefined || cdata !== undefined) {
      if (inText && para !== null)
        para += cdata ?? decodeXmlText(text as string);
      continue;
    }
    if (!tag) continue;
    const table = tables[tables.length - 1];
    const opening = !close;
    switch (tag) {
      case 'w:t':
        inText = opening && !selfClose;
        break;
      case 'w:delText':
      case 'w:instrText':
        if (opening) inText = false;
        break;
      case 'w:tab':
        if (opening && para !== null && !attrs.includes('w:val')) para += ' ';
        break;
      case 'w:br':
      case 'w:cr':
        if (opening && para !== null) para += '\n';
        break;
      case 'w:p':
        if (opening && !selfClose) para = '';
        else {
          const done = selfClose ? '' : (para ?? '');
          para = null;
          const cell = table?.cell;
          if (cell) cell.paragraphs.push(done);
          else if (!table) blocks.push({type: 'paragraph', text: nfc(done)});
        }
        break;
      case 'w:tbl':
        if (opening) tables.push({rows: [], row: null, cell: null});
        else {
          const done = tables.pop();
          if (!done) break;
          const outer = tables[tables.length - 1];
          if (outer?.cell) {
            const text = done.rows
              .map(r => r.map(c => c.text).join(' '))
              .join('\n');
            outer.cell.paragraphs.push(text);
          } else if (!outer) blocks.push({type: 'table', rows: done.rows});
        }
        break;
      case 'w:tr':
        if (!table) break;
        if (opening) table.row = [];
        else {
          if (table.row) table.rows.push(table.row);
          table.row = null;
        }
        break;
      case 'w:tc':
        if (!table) break;
        if (opening) table.cell = {paragraphs: [], span: 1, vMerge: null};
        else if (table.cell) {
          const c = table.cell;
          (table.row ??= []).push({
            text: nfc(c.paragraphs.join('\n')),
            span: c.span,
            vMerge: c.vMerge,
          });
          table.cell = null;
        }
        break;
      case 'w:gridSpan':
        if (table?.cell && opening) {
          const n = Number(attr(attrs, 'w:val'));
          table.cell.span = Number.isInteger(n) && n > 1 && n < 64 ? n : 1;
        }
        break;
      case 'w:vMerge':
        if (table?.cell && opening)
          table.cell.vMerge =
            attr(attrs, 'w:val') === 'restart' ? 'restart' : 'continue';
        break;
    }
  }
  return blocks;
}

/**
 * A table as a rectangle of texts: a cell spanning columns fills each of them, a vertically merged
 * cell repeats the text of the cell it continues. Rows shorter than the widest are padded with "".
 * `merged[r][c]` says the text came from a merge (another row, or a span's first column).
 */
export function tableGrid(rows: WordCell[][]): {
  grid: string[][];
  merged: boolean[][];
} {
  const grid: string[][] = [];
  const merged: boolean[][] = [];
  for (const row of rows) {
    const texts: string[] = [];
    const flags: boolean[] = [];
    for (const cell of row) {
      const col = texts.length;
      const above = grid[grid.length - 1];
      const fromAbove = cell.vMerge === 'continue' && above !== undefined;
      const text = fromAbove ? (above[col] ?? '') : cell.text;
      for (let k = 0; k < cell.span; k++) {
        texts.push(text);
        flags.push(fromAbove || k > 0);
      }
    }
    grid.push(texts);
    merged.push(flags);
  }
  const width = Math.max(0, ...grid.map(r => r.length));
  for (let r = 0; r < grid.length; r++) {
    while (grid[r].length < width) {
      grid[r].push('');
      merged[r].push(false);
    }
  }
  return {grid, merged};
}
