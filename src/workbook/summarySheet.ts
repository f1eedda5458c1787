// The summary tab "Tổng hợp <kỳ>": the grid written in one call, formatted in a fixed number of calls.
import {formatVnDate} from '../core/dates';
import {STATUS_COLORS, STATUS_LABELS} from '../core/status';
import {type SummaryCell, type SummaryGrid} from '../core/summary';
import {NOT_REPORTED_TEXT, REPORTED_TEXT} from '../core/summaryGrid';
import {
  SUMMARY_BLOCK_COLUMN,
  SUMMARY_BLOCK_WIDTH,
  type BlockLayout,
} from '../core/summaryBlock';
import type {IsoDate} from '../core/types';
import {
  chartRequests,
  SUMMARY_TAB_COLUMNS,
  type ChartSpec,
} from './summaryCharts';
import {
  adminTabProtectionRequest,
  hasOurSheetProtection,
  protectAdminTab,
} from './protect';
import {
  batchUpdate,
  sheetsApiAvailable,
  type SheetsRequest,
} from '../services/sheetsApi';
import {widthRuns} from './formatRequests';
import {cellLookRequests, tabRequests, type CellLooks} from './summaryRequests';
import {SUMMARY_PREFIX} from './schema';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** What is recorded about a build: in the document properties and the note on cell A1. */
export interface SummaryMeta {
  periodId: string;
  /** ISO timestamp the figures are as of. */
  asOf: string;
  /** Who built it ('' when unknown). */
  builtBy: string;
  sheetName: string;
  /** 'manual' from the menu or the preview, 'auto' by the daily job. */
  mode: 'manual' | 'auto';
}

/** The tab of a period's current summary. */
export function summarySheetName(periodId: string): string {
  return `${SUMMARY_PREFIX} ${periodId}`;
}

/** The name a replaced past summary keeps: "Tổng hợp KY1 (bản 02/09/2025)". */
export function archivedSheetName(periodId: string, builtOn: IsoDate): string {
  return `${SUMMARY_PREFIX} ${periodId} (bản ${formatVnDate(builtOn)})`;
}

/** The document property holding a period's build metadata. */
export function summaryMetaKey(periodId: string): string {
  return `summary.meta:${periodId}`;
}

/** Reads build metadata stored as JSON; null when missing or unreadable. */
export function parseSummaryMeta(text: string | null): SummaryMeta | null {
  if (!text) return null;
  try {
    const v = JSON.parse(text) as Partial<SummaryMeta>;
    if (!v || typeof v.periodId !== 'string' || typeof v.asOf !== 'string') {
      return null;
    }
    return {
      periodId: v.periodId,
      asOf: v.asOf,
      builtBy: String(v.builtBy ?? ''),
      sheetName: String(v.sheetName ?? summarySheetName(v.periodId)),
      mode: v.mode === 'auto' ? 'auto' : 'manual',
    };
  } catch {
    return null;
  }
}

const TITLE_BG = '#1f4e79';
const HEADER_BG = '#d9e2f3';
const REPORTED_BG = '#d9ead3';
const NOT_REPORTED_BG = '#f4cccc';
const TAB_COLOR = '#c62828';

/**
 * A grid cell as written: text gets a leading apostrophe so Sheets keeps it exactly as text (never
 * a formula, number or date: "=…" from a user, "03/09/2025" and "1" all stay as shown).
 */
export function sheetCell(cell: SummaryCell): string | number {
  if (typeof cell === 'number') return cell;
  return cell === '' ? '' : `'${cell}`;
}

/** The note on A1 saying what the tab is and when it was built. */
export function summaryNote(meta: SummaryMeta, asOfText: string): string {
  const how = meta.mode === 'auto' ? 'tự động' : 'theo yêu cầu';
  const who = meta.builtBy ? ` bởi ${meta.builtBy}` : '';
  return (
    `Tổng hợp kỳ ${meta.periodId}, lập ${how}${who}; số liệu tính đến ${asOfText}.\n` +
    'Trang do hệ thống lập: sửa số liệu ở các trang Phân công, Báo cáo thôn rồi lập lại tổng hợp.'
  );
}

/**
 * Renames a tab to the first free name among `name`, `name (2)`, `name (3)`… and returns it.
 * One lookup per name already taken (a handful at most).
 */
export function renameToFree(
  ss: Spreadsheet,
  sheet: Sheet,
  name: string,
): string {
  let candidate = name;
  for (let n = 2; ss.getSheetByName(candidate); n++) {
    candidate = `${name} (${n})`;
  }
  sheet.setName(candidate);
  return candidate;
}

/**
 * Gives the sheet exactly `rows` × `columns` cells (one call each way at most): no trailing blank
 * rows to scroll or print, and room for the grid.
 */
export function fitSheet(sheet: Sheet, rows: number, columns: number): void {
  const maxRows = sheet.getMaxRows();
  if (maxRows > rows) sheet.deleteRows(rows + 1, maxRows - rows);
  else if (maxRows < rows) sheet.insertRowsAfter(maxRows, rows - maxRows);
  const maxColumns = sheet.getMaxColumns();
  if (maxColumns > columns) {
    sheet.deleteColumns(columns + 1, maxColumns - columns);
  } else if (maxColumns < columns) {
    sheet.insertColumnsAfter(maxColumns, columns - maxColumns);
  }
}

/** The grid's rows with the block beside them (from column SUMMARY_BLOCK_COLUMN), as one matrix. */
export function withBlock(
  grid: SummaryGrid,
  block: BlockLayout,
): SummaryCell[][] {
  const total = SUMMARY_BLOCK_COLUMN + SUMMARY_BLOCK_WIDTH - 1;
  const rows = Math.max(grid.rows.length, block.rows.length);
  const out: SummaryCell[][] = [];
  for (let r = 0; r < rows; r++) {
    const line: SummaryCell[] = (grid.rows[r] ?? []).slice(0, grid.width);
    while (line.length < SUMMARY_BLOCK_COLUMN - 1) line.push('');
    const b = block.rows[r] ?? [];
    for (let c = 0; c < SUMMARY_BLOCK_WIDTH; c++) line.push(b[c] ?? '');
    out.push(line.slice(0, total));
  }
  return out;
}

/**
 * Every cell's look, computed in memory so the whole tab is formatted in one call per property
 * (the batchUpdate's CellLooks, with the notes made from the build's note).
 */
export interface SummaryLooks extends Omit<CellLooks, 'notes'> {
  notes: (note: string) => string[][];
}

/**
 * The look of the summary tab: the title (A1) large, bold, blue; section titles white on blue, not
 * wrapped; section headers bold on light blue, centred vertically; totals bold; status and
 * "reported" cells coloured by their text (the tab is rebuilt whenever the figures change, so the
 * colours are set with the values, not by rules).
 */
export function summaryLooks(
  grid: SummaryGrid,
  rows: number,
  columns: number,
): SummaryLooks {
  const fill = <T>(v: T): T[][] =>
    Array.from({length: rows}, () => new Array<T>(columns).fill(v));
  const backgrounds = fill('#ffffff');
  const fontColors = fill('#000000');
  const fontWeights = fill<'bold' | 'normal'>('normal');
  const fontSizes = fill(10);
  // The city's data block (from SUMMARY_BLOCK_COLUMN) is never wrapped: its cells would make the
  // summary's rows, blank spacer rows too, as tall as their longest value.
  const wraps = Array.from({length: rows}, () =>
    Array.from({length: columns}, (_, c) => c < SUMMARY_BLOCK_COLUMN - 1),
  );
  const verticalAlignments = fill<'top' | 'middle'>('top');
  const span = (r: number, n: number, f: (c: number) => void) => {
    if (r < 1 || r > rows) return;
    for (let c = 0; c < Math.min(n, columns); c++) f(c);
  };
  fontSizes[0][0] = 14;
  fontWeights[0][0] = 'bold';
  fontColors[0][0] = TITLE_BG;
  const statusColour = new Map<string, string>(
    STATUS_LABELS.filter(l => STATUS_COLORS[l] !== '#ffffff').map(
      l => [l, STATUS_COLORS[l]] as [string, string],
    ),
  );
  statusColour.set(REPORTED_TEXT, REPORTED_BG);
  statusColour.set(NOT_REPORTED_TEXT, NOT_REPORTED_BG);
  for (const section of grid.sections) {
    span(section.titleRow, grid.width, c => {
      const r = section.titleRow - 1;
      backgrounds[r][c] = TITLE_BG;
      fontColors[r][c] = '#ffffff';
      fontWeights[r][c] = 'bold';
      wraps[r][c] = false;
    });
    span(section.headerRow, section.header.length, c => {
      const r = section.headerRow - 1;
      backgrounds[r][c] = HEADER_BG;
      fontWeights[r][c] = 'bold';
      verticalAlignments[r][c] = 'middle';
    });
    for (const col of [section.statusColumn, section.reportedColumn]) {
      if (!col || col > columns) continue;
      for (let r = section.firstRow; r <= section.lastRow && r <= rows; r++) {
        const colour = statusColour.get(String(grid.rows[r - 1]?.[col - 1]));
        if (colour) backgrounds[r - 1][col - 1] = colour;
      }
    }
  }
  for (const row of grid.totalRows) {
    span(row, grid.width, c => {
      fontWeights[row - 1][c] = 'bold';
    });
  }
  const notes = (note: string) => {
    const n = fill('');
    n[0][0] = note;
    return n;
  };
  return {
    backgrounds,
    fontColors,
    fontWeights,
    fontSizes,
    wraps,
    verticalAlignments,
    notes,
  };
}

/**
 * What the last build of a summary tab left that a rebuild with the same layout need not redo: the
 * tab's id (a tab deleted and made again by hand has another), the look that is not per cell
 * (widths, header merges, frozen row, tab colour) and the charts (what they draw and their ids).
 * Kept in a document property; anything that does not match means "do it all again".
 */
export interface SummaryTabState {
  id: number;
  look: string;
  charts: string;
  chartIds: string[];
}

/** The document property holding a summary tab's state (by tab name; the id inside must match). */
export function summaryTabStateKey(name: string): string {
  return `summary.tab:${name}`;
}

/** Reads a stored tab state; null when missing or unreadable. */
export function parseTabState(text: string | null): SummaryTabState | null {
  if (!text) return null;
  try {
    const v = JSON.parse(text) as Partial<SummaryTabState>;
    if (
      !v ||
      typeof v.id !== 'number' ||
      typeof v.look !== 'string' ||
      typeof v.charts !== 'string' ||
      !Array.isArray(v.chartIds)
    )
      return null;
    return {
      id: v.id,
      look: v.look,
      charts: v.charts,
      chartIds: v.chartIds.map(String),
    };
  } catch {
    return null;
  }
}

/** The part of the look set per tab rather than per cell (equal texts: nothing to redo). */
function tabLook(grid: SummaryGrid, columns: number): string {
  return JSON.stringify({
    widths: grid.widths,
    merged: [grid.headerRows, grid.width],
    columns,
    frozen: 1,
    tab: TAB_COLOR,
  });
}

/** What writeSummaryTab wrote: the tab, its id and whether it was made now. */
export interface WrittenTab {
  sheet: Sheet;
  /** The tab's id; 0 when the caller passed no `previous` (not asked for). */
  id: number;
  created: boolean;
  /** The per-tab look written (for the next build's state). */
  look: string;
  /** The charts asked for were added with the new tab (the caller need not sync them). */
  charted: boolean;
}

/** The description of a summary tab's protection. */
const SUMMARY_PROTECTION = 'Tổng hợp do hệ thống lập';

/** A sheet id for a tab added by the Sheets API: random, as Sheets' own (a clash fails the batch). */
function newSheetId(): number {
  return 1 + Math.floor(Math.random() * 2147483000);
}

/**
 * Writes the summary grid into the tab `name` (created at the end when missing, otherwise rewritten
 * in place so links to it keep working): one setValues over every cell of the tab, then the look —
 * computed in memory (summaryLooks) and set in one Sheets API batchUpdate, or one SpreadsheetApp
 * call per property without the advanced service. A missing tab is added through the API when it
 * can be (addSummaryTab: admin-only from the start, with `reuse.charts`). On a new
 * tab, or when `previous` (the last build's state) does not match, the tab is cleared first and its
 * per-tab look set again: the header lines merged across, widths by runs, a frozen title row and
 * the tab colour. When it matches, those are as the last build left them and the calls are saved
 * (every cell's value and look is written anyway, so nothing of the old figures can remain). The
 * number of calls does not depend on the number of rows. `existing` is the tab as looked up by the
 * caller (undefined: looked up here).
 */
export function writeSummaryTab(
  ss: Spreadsheet,
  grid: SummaryGrid,
  name: string,
  note: string,
  block?: BlockLayout,
  protection?: {editors: string[]; me: string},
  reuse: {
    existing?: Sheet | null;
    previous?: SummaryTabState | null;
    /** Charts to add with a new tab, in the same call as its look. */
    charts?: ChartSpec[];
  } = {},
): WrittenTab {
  const existing =
    reuse.existing === undefined ? ss.getSheetByName(name) : reuse.existing;
  if (!existing && sheetsApiAvailable()) {
    const added = addSummaryTab(
      ss,
      grid,
      name,
      note,
      block,
      protection,
      reuse.charts,
    );
    if (added) return added;
  }
  const sheet = existing ?? ss.insertSheet(name, ss.getNumSheets());
  // The id only for a caller that keeps the tab's state (one call).
  const id = reuse.previous !== undefined ? sheet.getSheetId() : 0;
  // Admin-only before anything is written into it (a summary written by a unit would be forgeable).
  if (protection && !(existing && hasOurSheetProtection(sheet)))
    protectAdminTab(
      sheet,
      SUMMARY_PROTECTION,
      protection.editors,
      protection.me,
    );
  const {cells, rows, columns} = tabCells(grid, block);
  const width = grid.width;
  const look = tabLook(grid, columns);
  const same = Boolean(
    existing &&
    reuse.previous &&
    reuse.previous.id === id &&
    reuse.previous.look === look,
  );
  if (existing && !same) sheet.clear();
  fitSheet(sheet, rows, columns);

  const all = sheet.getRange(1, 1, rows, columns);
  if (existing && !same) all.breakApart();
  all.setValues(cells.map(row => row.map(sheetCell)));
  if (existing && !same) sheet.setConditionalFormatRules([]);
  if (sheetsApiAvailable()) {
    // The whole look in one Sheets API call (about 20 SpreadsheetApp calls otherwise).
    const sheetId = id || sheet.getSheetId();
    batchUpdate(
      ss.getId(),
      lookRequests(grid, note, sheetId, rows, columns, !same),
    );
    return {sheet, id, created: !existing, look, charted: false};
  }
  const looks = summaryLooks(grid, rows, columns);
  all
    .setBackgrounds(looks.backgrounds)
    .setFontColors(looks.fontColors)
    .setFontWeights(looks.fontWeights)
    .setFontSizes(looks.fontSizes)
    .setWraps(looks.wraps)
    .setVerticalAlignments(looks.verticalAlignments)
    .setNotes(looks.notes(note));
  if (same) return {sheet, id, created: !existing, look, charted: false};

  // The header block: each line merged across the grid (one call). Section titles are not merged:
  // unwrapped, they run on over the empty cells of their coloured row.
  sheet.getRange(1, 1, grid.headerRows, width).mergeAcross();

  // Widths by runs of equal widths (one call per run).
  for (const [first, count, px] of widthRuns(grid.widths))
    sheet.setColumnWidths(first + 1, count, px);
  sheet.setFrozenRows(1);
  sheet.setTabColor(TAB_COLOR);
  return {sheet, id, created: !existing, look, charted: false};
}

/**
 * The tab's look as Sheets API requests: every cell's (summaryLooks, with the build's note) and,
 * when `perTab`, the header merges, widths, frozen row and tab colour.
 */
function lookRequests(
  grid: SummaryGrid,
  note: string,
  sheetId: number,
  rows: number,
  columns: number,
  perTab: boolean,
): SheetsRequest[] {
  const looks = summaryLooks(grid, rows, columns);
  return [
    ...cellLookRequests(
      {...looks, notes: looks.notes(note)},
      sheetId,
      rows,
      columns,
    ),
    ...(perTab
      ? tabRequests(sheetId, {
          headerRows: grid.headerRows,
          width: grid.width,
          widths: grid.widths,
          tabColor: TAB_COLOR,
        })
      : []),
  ];
}

/**
 * Every cell of the tab: with the machine-readable block, the grid and the block (columns M…) in
 * one write, and room on the right for the charts (written blank, so every cell is written).
 */
function tabCells(
  grid: SummaryGrid,
  block: BlockLayout | undefined,
): {cells: SummaryCell[][]; rows: number; columns: number} {
  const columns = block ? SUMMARY_TAB_COLUMNS : grid.width;
  const cells = (block ? withBlock(grid, block) : grid.rows).map(row => {
    const line = row.slice(0, columns);
    while (line.length < columns) line.push('');
    return line;
  });
  return {cells, rows: cells.length, columns};
}

/**
 * A new summary tab through the Sheets API, in about six calls whatever its size: one batchUpdate
 * adds it at its exact size and makes it admin-only (atomic: it never exists unprotected), the
 * values are written in one call, one more batchUpdate sets the whole look and adds the charts.
 * Null when the first batch fails (nothing was added): the caller takes the SpreadsheetApp path.
 */
function addSummaryTab(
  ss: Spreadsheet,
  grid: SummaryGrid,
  name: string,
  note: string,
  block: BlockLayout | undefined,
  protection: {editors: string[]; me: string} | undefined,
  charts: ChartSpec[] | undefined,
): WrittenTab | null {
  const {cells, rows, columns} = tabCells(grid, block);
  const spreadsheetId = ss.getId();
  const sheetId = newSheetId();
  try {
    batchUpdate(spreadsheetId, [
      {
        addSheet: {
          properties: {
            sheetId,
            title: name,
            gridProperties: {rowCount: rows, columnCount: columns},
          },
        },
      },
      ...(protection
        ? [
            adminTabProtectionRequest(
              sheetId,
              SUMMARY_PROTECTION,
              protection.editors,
              protection.me,
            ),
          ]
        : []),
    ]);
  } catch (e) {
    console.warn(`Sheets API addSheet "${name}": ${String(e)}`);
    return null;
  }
  const sheet = ss.getSheetByName(name);
  if (!sheet) throw new Error(`Không tạo được trang "${name}".`);
  sheet
    .getRange(1, 1, rows, columns)
    .setValues(cells.map(row => row.map(sheetCell)));
  batchUpdate(spreadsheetId, [
    ...lookRequests(grid, note, sheetId, rows, columns, true),
    ...(charts ? chartRequests(charts, sheetId) : []),
  ]);
  return {
    sheet,
    id: sheetId,
    created: true,
    look: tabLook(grid, columns),
    charted: Boolean(charts),
  };
}

/** writeSummaryTab without a stored state (every build sets the whole look): the tab. */
export function writeSummarySheet(
  ss: Spreadsheet,
  grid: SummaryGrid,
  name: string,
  note: string,
  block?: BlockLayout,
  protection?: {editors: string[]; me: string},
): Sheet {
  return writeSummaryTab(ss, grid, name, note, block, protection).sheet;
}

/**
 * Rewrites only the machine-readable block of a summary tab (e.g. when the export adds the files'
 * links): clears the block's columns and writes the new block in one call; the grid is untouched.
 */
export function writeSummaryBlock(sheet: Sheet, block: BlockLayout): void {
  const maxRows = sheet.getMaxRows();
  const rows = Math.max(maxRows, block.rows.length);
  if (rows > maxRows) sheet.insertRowsAfter(maxRows, rows - maxRows);
  const cells: SummaryCell[][] = [];
  for (let r = 0; r < rows; r++) {
    const line = (block.rows[r] ?? []).slice(0, SUMMARY_BLOCK_WIDTH);
    while (line.length < SUMMARY_BLOCK_WIDTH) line.push('');
    cells.push(line);
  }
  sheet
    .getRange(1, SUMMARY_BLOCK_COLUMN, rows, SUMMARY_BLOCK_WIDTH)
    .setValues(cells.map(row => row.map(sheetCell)));
}
