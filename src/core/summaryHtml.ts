// The summary tab as print-ready HTML (A4, fitted to width, headers repeated) for the PDF export.
import {STATUS_COLORS} from './status';
import {
  type SummaryCell,
  type SummaryGrid,
  type SummarySection,
} from './summary';
import {NONE_TEXT} from './summaryGrid';
import {escapeHtml} from './text';
import type {StatusLabel} from './types';

/** Printable width of A4 with 10 mm side margins, in CSS pixels (96 per inch). */
const PAGE_WIDTH_PX = {portrait: 718, landscape: 1047};
/** Average width of one character of 9 pt table text, in CSS pixels, plus a cell's padding. */
const CHAR_PX = 6.3;
const CELL_PADDING_PX = 10;
/** Pixels of a Sheets column per character of text, to read the tab's widths as text widths. */
const GRID_CHAR_PX = 7;
const REPORTED_FILL = '#d9ead3';
const NOT_REPORTED_FILL = '#f4cccc';

export interface SummaryHtmlOptions {
  /** The document's title (the PDF's title). */
  title: string;
  /** Small text at the foot of every page, left (e.g. the issuer and period). */
  footer?: string;
  /** The figures (bar tables of summaryFigures.figuresHtml), shown after the header lines. */
  figureHtml?: string;
}

function cellText(c: SummaryCell | undefined): string {
  return c === undefined || c === null ? '' : String(c);
}

/** The longest run of non-space characters (a word a column must hold without breaking it). */
function longestWord(text: string): number {
  let best = 0;
  for (const w of text.split(/\s+/))
    best = Math.max(best, Array.from(w).length);
  return best;
}

/** Links and e-mail addresses may wrap anywhere: they never set a column's minimum. */
function isAddress(word: string): boolean {
  return /^(https?:\/\/|www\.)|@/i.test(word);
}

interface ColumnNeed {
  /** Characters the column would like (its tab width, or its content in a narrow section). */
  want: number;
  /** Characters it must have so that no word is broken. */
  min: number;
}

function columnNeeds(grid: SummaryGrid, s: SummarySection): ColumnNeed[] {
  const n = Math.max(1, s.header.length);
  // A section as wide as the tab uses the tab's widths; a narrower one sizes itself by content.
  const ownWidths = n < grid.width;
  const out: ColumnNeed[] = [];
  for (let j = 0; j < n; j++) {
    // Headings are bold: a character more for their longest word.
    let min = Math.min(15, longestWord(s.header[j] ?? '') + 1);
    let longest = Math.min(14, Array.from(s.header[j] ?? '').length);
    for (let r = s.firstRow; r <= s.lastRow; r++) {
      const text = cellText(grid.rows[r - 1]?.[j]);
      if (text === NONE_TEXT) continue;
      for (const w of text.split(/\s+/)) {
        if (!isAddress(w))
          min = Math.max(min, Math.min(24, Array.from(w).length));
      }
      for (const line of text.split('\n'))
        longest = Math.max(longest, Array.from(line).length);
    }
    const tab = (grid.widths[j] ?? 100) / GRID_CHAR_PX;
    const want = ownWidths ? Math.min(60, Math.max(min, longest)) : tab;
    out.push({want: Math.max(want, min), min});
  }
  return out;
}

/**
 * Column widths of one section in CSS pixels on a page `pageWidth` wide: proportional to what
 * each column wants, but never so narrow that a word (a date, a number, a name) must break;
 * the columns that can give room (long text) give it.
 */
export function sectionWidths(
  grid: SummaryGrid,
  s: SummarySection,
  pageWidth: number,
): number[] {
  const needs = columnNeeds(grid, s);
  const mins = needs.map(c => c.min * CHAR_PX + CELL_PADDING_PX);
  const wants = needs.map(c => c.want * CHAR_PX + CELL_PADDING_PX);
  const wantTotal = wants.reduce((a, b) => a + b, 0);
  if (wantTotal <= pageWidth) return wants;
  const fixed = new Array<boolean>(needs.length).fill(false);
  let widths = wants.slice();
  for (let pass = 0; pass < needs.length; pass++) {
    const fixedWidth = widths.reduce((a, w, j) => a + (fixed[j] ? w : 0), 0);
    const freeWant = wants.reduce((a, w, j) => a + (fixed[j] ? 0 : w), 0);
    const scale =
      freeWant > 0 ? Math.max(0, pageWidth - fixedWidth) / freeWant : 0;
    widths = wants.map((w, j) => (fixed[j] ? widths[j] : w * scale));
    let changed = false;
    widths.forEach((w, j) => {
      if (!fixed[j] && w < mins[j]) {
        widths[j] = mins[j];
        fixed[j] = true;
        changed = true;
      }
    });
    if (!changed) break;
  }
  return widths;
}

/** Landscape when a section would be squeezed on a portrait page (its columns want more room). */
export function needsLandscape(grid: SummaryGrid): boolean {
  return grid.sections.some(s => {
    const want = columnNeeds(grid, s).reduce(
      (a, c) => a + c.want * CHAR_PX + CELL_PADDING_PX,
      0,
    );
    return want > PAGE_WIDTH_PX.portrait * 1.15;
  });
}

function fillFor(s: SummarySection, col: number, text: string): string {
  if (
    s.statusColumn === col &&
    Object.prototype.hasOwnProperty.call(STATUS_COLORS, text)
  ) {
    return STATUS_COLORS[text as StatusLabel];
  }
  if (s.reportedColumn === col && text)
    return /^chưa/i.test(text) ? NOT_REPORTED_FILL : REPORTED_FILL;
  return '';
}

/** Lines (9pt) past which a row may split across pages rather than jump whole to the next. */
const TALL_ROW_LINES = 6;

/** Roughly how many lines the row's fullest cell wraps to, at ~6 px a character of 9pt text. */
function isTall(texts: string[], widths: number[], total: number): boolean {
  let lines = 0;
  texts.forEach((t, j) => {
    const chars = Math.max(4, Math.floor((widths[j] ?? total) / 6));
    const cellLines = t
      .split(/\r?\n/)
      .reduce((n, line) => n + Math.max(1, Math.ceil(line.length / chars)), 0);
    lines = Math.max(lines, cellLines);
  });
  return lines > TALL_ROW_LINES;
}

function sectionHtml(
  grid: SummaryGrid,
  s: SummarySection,
  pageWidth: number,
): string {
  const widths = sectionWidths(grid, s, pageWidth);
  const total = widths.reduce((a, b) => a + b, 0);
  const n = widths.length;
  const cols = widths
    .map(w => `<col style="width:${((w * 100) / total).toFixed(2)}%">`)
    .join('');
  // A narrow section keeps its natural width; a wide one fills the page.
  const tableWidth = Math.min(100, (total * 100) / pageWidth).toFixed(2);
  const head =
    `<tr class="title"><th colspan="${n}">${escapeHtml(s.title)}</th></tr>` +
    `<tr>${s.header.map(h => `<th>${escapeHtml(h)}</th>`).join('')}</tr>`;
  const body: string[] = [];
  const totals = new Set(grid.totalRows);
  for (let r = s.firstRow; r <= s.lastRow; r++) {
    const row = grid.rows[r - 1] ?? [];
    const texts = Array.from({length: n}, (_, j) => cellText(row[j]));
    if (texts[0] === NONE_TEXT && texts.slice(1).every(t => t === '')) {
      body.push(
        `<tr><td class="none" colspan="${n}">${escapeHtml(NONE_TEXT)}</td></tr>`,
      );
      continue;
    }
    const cells = texts.map((t, j) => {
      const fill = fillFor(s, j + 1, t);
      const cls =
        typeof row[j] === 'number' || /^\d{1,3}([.,]\d+)?%?$/.test(t)
          ? ' class="num"'
          : '';
      const style = fill ? ` style="background:${fill}"` : '';
      return `<td${cls}${style}>${escapeHtml(t).replace(/\r?\n/g, '<br>')}</td>`;
    });
    // A tall row (a task's results from many units) may split across pages: kept whole, it
    // would leave the rest of the page blank (the first page was 60 % blank).
    const classes = [
      ...(totals.has(r) ? ['total'] : []),
      ...(isTall(texts, widths, total) ? ['tall'] : []),
    ];
    body.push(
      `<tr${classes.length ? ` class="${classes.join(' ')}"` : ''}>${cells.join('')}</tr>`,
    );
  }
  return (
    `<table style="width:${tableWidth}%"><colgroup>${cols}</colgroup><thead>${head}</thead>` +
    `<tbody>${body.join('')}</tbody></table>`
  );
}

/** Text inside a CSS double-quoted string within a <style> element. */
function cssString(text: string): string {
  return String(text ?? '')
    .replace(/[\\"]/g, c => `\\${c}`)
    .replace(/[\u0000-\u001f\u007f<>]/g, ' '); // eslint-disable-line no-control-regex
}

/**
 * A complete HTML document of the summary grid: the header lines, then one table per section
 * whose title and heading rows repeat on every page it runs onto (thead), A4 in the orientation
 * the widest table needs, every table fitted to the page width. All text is escaped.
 */
export function summaryHtml(
  grid: SummaryGrid,
  opts: SummaryHtmlOptions,
): string {
  const landscape = needsLandscape(grid);
  const pageWidth = landscape
    ? PAGE_WIDTH_PX.landscape
    : PAGE_WIDTH_PX.portrait;
  const headLines = grid.rows
    .slice(0, grid.headerRows)
    .map(r => cellText(r[0]));
  const [title = '', ...rest] = headLines;
  const centered = rest.slice(0, 2).filter(Boolean);
  const info = rest.slice(2).filter(Boolean);
  const font = "'Times New Roman', 'Liberation Serif', 'DejaVu Serif', serif";
  const css = `
@page { size: A4 ${landscape ? 'landscape' : 'portrait'}; margin: 12mm 10mm 14mm 10mm;
  @bottom-left { content: "${cssString(opts.footer ?? '')}"; font: italic 8pt ${font}; }
  @bottom-right { content: "Trang " counter(page) "/" counter(pages); font: 8pt ${font}; } }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: ${font}; font-size: 10pt; color: #000; margin: 0; }
h1 { font-size: 14pt; text-align: center; margin: 0 0 1.5mm; }
p.sub { text-align: center; font-weight: bold; margin: 0 0 1mm; font-size: 11pt; }
div.info { margin: 2mm 0 1mm; }
div.info p { margin: 0 0 0.6mm; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; margin-top: 4mm; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
tr.tall { break-inside: auto; page-break-inside: auto; }
th, td { border: 0.6pt solid #555; padding: 1.5pt 3pt; vertical-align: top; text-align: left;
  overflow-wrap: anywhere; word-wrap: break-word; font-size: 9pt; line-height: 1.3; }
th { background: #d9d9d9; font-weight: bold; text-align: center; vertical-align: middle; }
tr.title th { background: none; border: none; text-align: left; font-size: 11pt; padding: 2mm 0 1.5mm;
  white-space: nowrap; overflow: visible; }
td.num { text-align: center; }
td.none { font-style: italic; text-align: center; color: #444; }
tr.total td { font-weight: bold; background: #f3f3f3; }
div.figures { margin: 3mm 0 1mm; break-inside: avoid; page-break-inside: avoid; }
div.figures table { width: auto; table-layout: auto; margin-top: 0; }
div.figures td { border: none; padding: 1pt 3pt; vertical-align: middle; }
`;
  return (
    '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8">' +
    `<title>${escapeHtml(opts.title)}</title><style>${css}</style></head><body>` +
    `<h1>${escapeHtml(title)}</h1>` +
    centered.map(t => `<p class="sub">${escapeHtml(t)}</p>`).join('') +
    `<div class="info">${info.map(t => `<p>${escapeHtml(t)}</p>`).join('')}</div>` +
    (opts.figureHtml ? `<div class="figures">${opts.figureHtml}</div>` : '') +
    grid.sections.map(s => sectionHtml(grid, s, pageWidth)).join('') +
    '</body></html>'
  );
}
