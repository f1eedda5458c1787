// The summary tab's cells as an .xlsx workbook description (styles, widths, merges), for xlsxParts.
import {STATUS_COLORS} from './status';
import {type SummaryGrid} from './summary';
import {NONE_TEXT} from './summaryGrid';
import type {StatusLabel} from './types';
import {
  sanitizeSheetName,
  type XlsxCell,
  type XlsxMerge,
  type XlsxStyle,
  type XlsxWorkbook,
} from './xlsx';

/** Pixels of a Sheets column per unit of Excel's column width. */
const PX_PER_CHAR = 7;
/** The tab's colours (workbook/summarySheet.ts): dark blue titles, light blue headings. */
const TITLE_COLOR = '#1f4e79';
const HEADER_FILL = '#d9e2f3';
const TOTAL_FILL = '#f3f3f3';
const REPORTED_FILL = '#d9ead3';
const NOT_REPORTED_FILL = '#f4cccc';

export interface SummaryXlsxOptions {
  /** The tab's name ("Tổng hợp Kỳ 1"). */
  sheetName: string;
  title?: string;
  creator?: string;
  created?: string;
  /** Rows kept in view (default: none). */
  frozenRows?: number;
}

const TITLE: XlsxStyle = {
  bold: true,
  size: 14,
  color: TITLE_COLOR,
  vAlign: 'center',
  wrap: true,
};
const SUBTITLE: XlsxStyle = {bold: true, vAlign: 'center', wrap: true};
const INFO: XlsxStyle = {wrap: true, vAlign: 'top'};
const SECTION: XlsxStyle = {
  bold: true,
  size: 12,
  color: '#ffffff',
  fill: TITLE_COLOR,
  vAlign: 'center',
};
const HEAD: XlsxStyle = {
  bold: true,
  fill: HEADER_FILL,
  border: true,
  wrap: true,
  hAlign: 'center',
  vAlign: 'center',
};
const BODY: XlsxStyle = {border: true, wrap: true, vAlign: 'top'};

/** The workbook of one sheet holding exactly the summary tab's cells, styled for reading and printing. */
export function summaryWorkbook(
  grid: SummaryGrid,
  opts: SummaryXlsxOptions,
): XlsxWorkbook {
  const width = grid.width;
  const rows: XlsxCell[][] = grid.rows.map(r =>
    r.map(v => ({value: v === '' ? null : v})),
  );
  const merges: XlsxMerge[] = [];
  for (let r = 1; r <= grid.headerRows; r++) {
    const style = r === 1 ? TITLE : r <= 3 ? SUBTITLE : INFO;
    rows[r - 1][0].style = style;
    merges.push({row: r, col: 1, rows: 1, cols: width});
  }
  const totals = new Set(grid.totalRows);
  for (const s of grid.sections) {
    const n = s.header.length;
    rows[s.titleRow - 1][0].style = SECTION;
    merges.push({row: s.titleRow, col: 1, rows: 1, cols: width});
    for (let c = 0; c < n; c++) rows[s.headerRow - 1][c].style = HEAD;
    const first = grid.rows[s.firstRow - 1];
    const empty =
      s.firstRow === s.lastRow &&
      first[0] === NONE_TEXT &&
      first.slice(1).every(v => v === '');
    for (let r = s.firstRow; r <= s.lastRow; r++) {
      const row = rows[r - 1];
      for (let c = 0; c < n; c++) {
        const cell = row[c];
        const text = cell.value === null ? '' : String(cell.value);
        const style: XlsxStyle = {...BODY};
        if (typeof cell.value === 'number') style.hAlign = 'center';
        if (totals.has(r)) {
          style.bold = true;
          style.fill = TOTAL_FILL;
        }
        if (
          s.statusColumn === c + 1 &&
          Object.prototype.hasOwnProperty.call(STATUS_COLORS, text)
        ) {
          style.fill = STATUS_COLORS[text as StatusLabel];
        }
        if (s.reportedColumn === c + 1 && text)
          style.fill = /^chưa/i.test(text) ? NOT_REPORTED_FILL : REPORTED_FILL;
        if (empty) {
          style.italic = true;
          style.hAlign = 'center';
        }
        cell.style = style;
      }
      if (empty && n > 1) merges.push({row: r, col: 1, rows: 1, cols: n});
    }
  }
  return {
    title: opts.title,
    creator: opts.creator,
    created: opts.created,
    sheets: [
      {
        name: sanitizeSheetName(opts.sheetName),
        rows,
        widths: grid.widths.map(px =>
          Math.max(4, Math.round((px / PX_PER_CHAR) * 10) / 10),
        ),
        frozenRows: opts.frozenRows ?? 0,
        merges,
        landscape: true,
        fitToWidth: true,
        footer: 'Trang &P/&N',
      },
    ],
  };
}
