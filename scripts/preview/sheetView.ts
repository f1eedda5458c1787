// Renders one emulated sheet as an escaped HTML table (display values, formats, protections) and as data.
import {columnToLetters, gridToA1} from '../../emulator/spreadsheet/a1';
import type {GridRange} from '../../emulator/spreadsheet/a1';
import type {
  Cell,
  CellFormat,
  ConditionalRuleState,
  ProtectionState,
  SheetModel,
  SpreadsheetModel,
} from '../../emulator/spreadsheet/model';
import {
  displayValue,
  formatSheetsDate,
} from '../../emulator/spreadsheet/values';
import {wallClock} from '../../emulator/tz';
import {isDate} from '../../emulator/runtime';
import {escapeHtml, safeColor, safeFontFamily} from './html';

/** At most this many rows are rendered (the rest are counted in a note). */
export const MAX_RENDERED_ROWS = 1000;
const DEFAULT_COL_WIDTH = 100;
const MIN_EMPTY_COLS = 6;

/** One sheet's tab in the strip. */
export interface SheetTabInfo {
  id: number;
  name: string;
  hidden: boolean;
  tabColor: string | null;
  protected: boolean;
}

/** The display values of a sheet (what the tests and panels read). */
export interface SheetData {
  id: number;
  name: string;
  frozenRows: number;
  lastRow: number;
  lastColumn: number;
  values: string[][];
}

export function sheetTabs(ss: SpreadsheetModel): SheetTabInfo[] {
  return ss.sheets.map(s => ({
    id: s.id,
    name: s.name,
    hidden: s.hidden,
    tabColor: s.tabColor,
    protected: ss.protections.some(p => p.sheetId === s.id),
  }));
}

/** The text a cell shows; dates without an explicit date format read dd/MM/yyyy (HH:mm). */
export function cellText(ss: SpreadsheetModel, cell: Cell | undefined): string {
  if (!cell || cell.v === undefined) return '';
  const v = cell.v;
  const fmt = cell.fmt?.numberFormat;
  if (isDate(v) && (!fmt || !/[dmyhs]/i.test(fmt.replace(/"[^"]*"/g, '')))) {
    const w = wallClock(v.getTime(), ss.timeZone);
    const midnight = w.hour === 0 && w.minute === 0 && w.second === 0;
    return formatSheetsDate(
      v.getTime(),
      ss.timeZone,
      midnight ? 'dd/MM/yyyy' : 'dd/MM/yyyy HH:mm',
    );
  }
  return displayValue(v, fmt, ss.timeZone, ss.locale);
}

export function sheetData(ss: SpreadsheetModel, sheet: SheetModel): SheetData {
  const lastRow = sheet.lastRow();
  const lastColumn = sheet.lastColumn();
  const values: string[][] = [];
  for (let r = 1; r <= lastRow; r++) {
    const row: string[] = [];
    for (let c = 1; c <= lastColumn; c++)
      row.push(cellText(ss, sheet.cell(r, c)));
    values.push(row);
  }
  return {
    id: sheet.id,
    name: sheet.name,
    frozenRows: sheet.frozenRows,
    lastRow,
    lastColumn,
    values,
  };
}

/** The first conditional rule whose condition holds for the cell's display text gives its format. */
function conditionalFormat(
  rules: ConditionalRuleState[],
  sheetId: number,
  row: number,
  col: number,
  cell: Cell | undefined,
  text: string,
): ConditionalRuleState['format'] | null {
  for (const rule of rules) {
    const inRange = rule.ranges.some(
      g =>
        (g.sheetId === undefined || g.sheetId === sheetId) &&
        row >= g.row &&
        row < g.row + g.numRows &&
        col >= g.col &&
        col < g.col + g.numCols,
    );
    if (inRange && conditionHolds(rule, cell, text)) return rule.format;
  }
  return null;
}

function conditionHolds(
  rule: ConditionalRuleState,
  cell: Cell | undefined,
  text: string,
): boolean {
  const arg = rule.args[0];
  const t = text.toLowerCase();
  const a = typeof arg === 'string' ? arg.toLowerCase() : '';
  const n = typeof cell?.v === 'number' ? cell.v : NaN;
  const [x, y] = rule.args as number[];
  switch (rule.criteria) {
    case 'CELL_EMPTY':
      return text === '';
    case 'CELL_NOT_EMPTY':
      return text !== '';
    case 'TEXT_CONTAINS':
      return text !== '' && t.includes(a);
    case 'TEXT_DOES_NOT_CONTAIN':
      return !t.includes(a);
    case 'TEXT_EQUAL_TO':
      return t === a;
    case 'TEXT_NOT_EQUAL_TO':
      return t !== a;
    case 'TEXT_STARTS_WITH':
      return text !== '' && t.startsWith(a);
    case 'TEXT_ENDS_WITH':
      return text !== '' && t.endsWith(a);
    case 'NUMBER_EQUAL_TO':
      return n === x;
    case 'NUMBER_NOT_EQUAL_TO':
      return !Number.isNaN(n) && n !== x;
    case 'NUMBER_GREATER_THAN':
      return n > x;
    case 'NUMBER_GREATER_THAN_OR_EQUAL_TO':
      return n >= x;
    case 'NUMBER_LESS_THAN':
      return n < x;
    case 'NUMBER_LESS_THAN_OR_EQUAL_TO':
      return n <= x;
    case 'NUMBER_BETWEEN':
      return n >= Math.min(x, y) && n <= Math.max(x, y);
    case 'NUMBER_NOT_BETWEEN':
      return !Number.isNaN(n) && (n < Math.min(x, y) || n > Math.max(x, y));
    default:
      // Custom formulas and relative dates are not evaluated by the preview.
      return false;
  }
}

function cellStyle(
  fmt: CellFormat | undefined,
  cond: ConditionalRuleState['format'] | null,
  value: unknown,
): string {
  const css: string[] = [];
  const bg = safeColor(cond?.background ?? fmt?.background);
  if (bg && bg !== '#ffffff') css.push(`background:${bg}`);
  const color = safeColor(cond?.fontColor ?? fmt?.fontColor);
  if (color && color !== '#000000') css.push(`color:${color}`);
  if (cond?.bold || fmt?.fontWeight === 'bold') css.push('font-weight:600');
  if (cond?.italic || fmt?.fontStyle === 'italic')
    css.push('font-style:italic');
  const lines: string[] = [];
  if (cond?.underline || fmt?.fontLine === 'underline') lines.push('underline');
  if (cond?.strikethrough || fmt?.fontLine === 'line-through')
    lines.push('line-through');
  if (lines.length) css.push(`text-decoration:${lines.join(' ')}`);
  if (
    typeof fmt?.fontSize === 'number' &&
    fmt.fontSize > 0 &&
    fmt.fontSize !== 10
  ) {
    css.push(`font-size:${Math.min(36, Math.round(fmt.fontSize * 1.3))}px`);
  }
  const family = safeFontFamily(fmt?.fontFamily);
  if (family && fmt?.fontFamily !== 'Arial') css.push(`font-family:${family}`);
  const align = String(fmt?.horizontalAlignment ?? '').toLowerCase();
  if (/^(left|center|right)$/.test(align)) css.push(`text-align:${align}`);
  else if (typeof value === 'number' || isDate(value))
    css.push('text-align:right');
  else if (typeof value === 'boolean') css.push('text-align:center');
  const valign = String(fmt?.verticalAlignment ?? '').toLowerCase();
  if (valign === 'middle') css.push('vertical-align:middle');
  else if (valign === 'top') css.push('vertical-align:top');
  return css.join(';');
}

/** Who may edit under a protection, in words. */
export function protectionText(
  ss: SpreadsheetModel,
  sheet: SheetModel,
  p: ProtectionState,
): string {
  const editors = ss.protectionEditors(p);
  const owner = ss.owner.toLowerCase();
  const onlyOwner =
    editors.length === 0 || editors.every(e => e.toLowerCase() === owner);
  const who = onlyOwner
    ? 'chỉ quản trị viên (chủ sở hữu) được sửa'
    : `chỉ ${editors.join(', ')} được sửa`;
  const what =
    p.type === 'SHEET'
      ? 'Cả trang tính'
      : `Vùng ${p.rangeName ?? gridToA1(p.grid)}`;
  const except =
    p.type === 'SHEET' && p.unprotected.length
      ? `, trừ ${p.unprotected
          .filter(u => u.sheetId === sheet.id)
          .map(gridToA1)
          .join(', ')}`
      : '';
  const desc = p.description ? ` (${p.description})` : '';
  const mode = p.warningOnly ? 'chỉ cảnh báo khi sửa' : who;
  return `${what}${except}${desc}: ${mode}`;
}

interface MergeInfo {
  anchors: Map<string, GridRange>;
  covered: Set<string>;
}

function mergeInfo(merges: GridRange[]): MergeInfo {
  const anchors = new Map<string, GridRange>();
  const covered = new Set<string>();
  for (const m of merges) {
    anchors.set(`${m.row}:${m.col}`, m);
    for (let r = m.row; r < m.row + m.numRows; r++) {
      for (let c = m.col; c < m.col + m.numCols; c++) {
        if (r !== m.row || c !== m.col) covered.add(`${r}:${c}`);
      }
    }
  }
  return {anchors, covered};
}

/** The sheet as an HTML fragment: protection notes, then the grid. Every text is escaped. */
export function renderSheet(ss: SpreadsheetModel, sheet: SheetModel): string {
  const lastRow = sheet.lastRow();
  const lastCol = Math.max(sheet.lastColumn(), lastRow ? 1 : 0);
  const shownRows = Math.min(lastRow, MAX_RENDERED_ROWS);
  const frozen = Math.min(sheet.frozenRows, shownRows);
  const notes: string[] = [];
  for (const p of ss.protections.filter(x => x.sheetId === sheet.id)) {
    notes.push(
      `<span class="lock">${escapeHtml(protectionText(ss, sheet, p))}</span>`,
    );
  }
  const size = lastRow
    ? `${lastRow} hàng × ${sheet.lastColumn()} cột có dữ liệu`
    : 'Trang tính trống';
  const hidden = sheet.hidden ? ' · trang đang ẩn' : '';
  const head = `<div class="sheet-info"><span class="size">${escapeHtml(size + hidden)}</span>${notes.join('')}</div>`;
  if (!lastRow)
    return `${head}<div class="empty">Trang tính này chưa có dữ liệu.</div>`;

  const cols = Math.max(lastCol, MIN_EMPTY_COLS);
  const colgroup = ['<col class="rn-col">'];
  const letters = ['<th class="corner"></th>'];
  let tableWidth = 46;
  for (let c = 1; c <= cols; c++) {
    const hiddenCol = sheet.hiddenCols.has(c);
    const w = hiddenCol ? 0 : (sheet.colWidths.get(c) ?? DEFAULT_COL_WIDTH);
    tableWidth += w;
    colgroup.push(`<col style="width:${w}px">`);
    letters.push(
      `<th class="col-letter${hiddenCol ? ' hidden-col' : ''}">${columnToLetters(c)}</th>`,
    );
  }
  const merges = mergeInfo(sheet.merges);
  const renderRow = (r: number): string => {
    const cells = [`<th class="rn">${r}</th>`];
    for (let c = 1; c <= cols; c++) {
      const key = `${r}:${c}`;
      if (merges.covered.has(key)) continue;
      const cell = sheet.cell(r, c);
      const text = cellText(ss, cell);
      const cond = conditionalFormat(
        sheet.conditionalRules,
        sheet.id,
        r,
        c,
        cell,
        text,
      );
      const style = cellStyle(cell?.fmt, cond, cell?.v);
      const attrs: string[] = [];
      const classes: string[] = [];
      if (style) attrs.push(`style="${escapeHtml(style)}"`);
      const m = merges.anchors.get(key);
      if (m) {
        if (m.numRows > 1)
          attrs.push(`rowspan="${Math.min(m.numRows, shownRows - r + 1)}"`);
        if (m.numCols > 1) attrs.push(`colspan="${m.numCols}"`);
      }
      if (sheet.hiddenCols.has(c)) classes.push('hidden-col');
      if (cell?.note) {
        classes.push('has-note');
        attrs.push(`title="${escapeHtml(cell.note)}"`);
      }
      let content = escapeHtml(text);
      if (cell?.dv?.criteria === 'CHECKBOX') {
        content = cell.v === true ? '☑' : '☐';
        classes.push('checkbox');
      } else if (
        cell?.dv &&
        /VALUE_IN_LIST|VALUE_IN_RANGE/.test(cell.dv.criteria) &&
        r > frozen
      ) {
        classes.push('dropdown');
      }
      if (cell?.f) attrs.push(`data-formula="${escapeHtml(cell.f)}"`);
      if (classes.length) attrs.push(`class="${classes.join(' ')}"`);
      cells.push(
        `<td${attrs.length ? ' ' + attrs.join(' ') : ''}>${content}</td>`,
      );
    }
    const rowHidden = sheet.hiddenRows.has(r) ? ' class="hidden-row"' : '';
    return `<tr${rowHidden}>${cells.join('')}</tr>`;
  };
  const headRows: string[] = [];
  const bodyRows: string[] = [];
  for (let r = 1; r <= shownRows; r++)
    (r <= frozen ? headRows : bodyRows).push(renderRow(r));
  const more =
    lastRow > shownRows
      ? `<div class="more">Chỉ hiển thị ${shownRows} hàng đầu trong ${lastRow} hàng.</div>`
      : '';
  return (
    `${head}<div class="grid-wrap"><table class="grid" style="width:${tableWidth}px">` +
    `<colgroup>${colgroup.join('')}</colgroup>` +
    `<thead><tr class="letters">${letters.join('')}</tr>${headRows.join('')}</thead>` +
    `<tbody>${bodyRows.join('')}</tbody></table></div>${more}`
  );
}
