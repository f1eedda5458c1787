// Reading and writing one tab as records, in whole-range batches: a fixed number of calls per tab.
import {guardFormula, normalizeKey} from '../core/text';
import {toCell, type TzOffset} from './cells';
import type {Column, TableSchema} from './schema';
import {bumpSnapshotVersion, isSnapshotTab} from './snapshotVersion';

/** A row of a tab: raw cell values by column key, and where it sits. */
export interface TableRow {
  /** 1-based sheet row number. */
  row: number;
  values: Record<string, unknown>;
}

export interface Table {
  schema: TableSchema;
  sheet: GoogleAppsScript.Spreadsheet.Sheet | null;
  /** Read from the script-cache snapshot (the tab exists; `sheet` is null and `grid` empty). */
  cached?: boolean;
  /** Column key → 1-based column number, as the header row is laid out now. */
  columnOf: Record<string, number>;
  /** Headers the schema does not know (kept as they are: the admin's own columns). */
  extraHeaders: string[];
  /** Schema columns missing from the header row. */
  missing: string[];
  rows: TableRow[];
  /** The raw grid, header included (for keeping extra columns when rewriting). */
  grid: unknown[][];
}

/** Where each schema column sits in a header row; headers compare case- and spacing-insensitively. */
export function mapHeader(
  schema: TableSchema,
  header: unknown[],
): {
  columnOf: Record<string, number>;
  extraHeaders: string[];
  missing: string[];
} {
  const byHeader = new Map<string, Column>();
  for (const col of schema.columns) byHeader.set(normalizeKey(col.header), col);
  const columnOf: Record<string, number> = {};
  const extraHeaders: string[] = [];
  header.forEach((h, i) => {
    const text = String(h ?? '');
    const col = byHeader.get(normalizeKey(text));
    if (col && !(col.key in columnOf)) columnOf[col.key] = i + 1;
    else if (text.trim()) extraHeaders.push(text);
  });
  const missing = schema.columns
    .filter(col => !(col.key in columnOf))
    .map(col => col.key);
  return {columnOf, extraHeaders, missing};
}

function isBlankRow(cells: unknown[]): boolean {
  return cells.every(v => v === '' || v === null || v === undefined);
}

/**
 * Every value of a sheet, in one call: getSheetValues(1, 1, -1, -1), where -1 means "up to the last
 * row / column with data" (Sheet.getSheetValues in Google's reference). On a sheet with no data at
 * all that has no rows to return, so it falls back to getDataRange (one cell) there.
 */
export function sheetValues(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
): unknown[][] {
  try {
    return sheet.getSheetValues(1, 1, -1, -1);
  } catch {
    return sheet.getDataRange().getValues();
  }
}

/** A1 notation of a block on a named tab ("'Nhiệm vụ'!M5:N5"), for Spreadsheet.getRange. */
export function a1Range(
  sheetName: string,
  row: number,
  column: number,
  numRows = 1,
  numColumns = 1,
): string {
  const letters = (n: number): string => {
    let s = '';
    for (let x = n; x > 0; x = Math.floor((x - 1) / 26))
      s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
    return s;
  };
  const name = `'${sheetName.replace(/'/g, "''")}'`;
  return `${name}!${letters(column)}${row}:${letters(column + numColumns - 1)}${row + numRows - 1}`;
}

/** Reads a whole tab in one range read (2 calls). A missing tab reads as empty. */
export function readTable(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  schema: TableSchema,
): Table {
  return readSheetTable(ss.getSheetByName(schema.name), schema);
}

/** Reads a tab already at hand (1 call); null reads as a missing tab. */
export function readSheetTable(
  sheet: GoogleAppsScript.Spreadsheet.Sheet | null,
  schema: TableSchema,
): Table {
  if (!sheet) {
    return {
      schema,
      sheet: null,
      columnOf: {},
      extraHeaders: [],
      missing: schema.columns.map(col => col.key),
      rows: [],
      grid: [],
    };
  }
  const grid = sheetValues(sheet);
  const header = grid.length ? grid[0] : [];
  const {columnOf, extraHeaders, missing} = mapHeader(schema, header);
  const rows: TableRow[] = [];
  for (let r = 1; r < grid.length; r++) {
    if (isBlankRow(grid[r])) continue;
    const values: Record<string, unknown> = {};
    for (const col of schema.columns) {
      const at = columnOf[col.key];
      values[col.key] = at ? grid[r][at - 1] : '';
    }
    rows.push({row: r + 1, values});
  }
  return {schema, sheet, columnOf, extraHeaders, missing, rows, grid};
}

/** The header row the schema wants, followed by the admin's extra columns. */
export function headerRow(
  schema: TableSchema,
  extraHeaders: string[] = [],
): string[] {
  return [...schema.columns.map(col => col.header), ...extraHeaders];
}

/** One record as a row of cells in schema order (text formula-guarded, dates as Date cells). */
export function recordToCells(
  schema: TableSchema,
  record: Record<string, unknown>,
  offset: TzOffset,
): unknown[] {
  return schema.columns.map(col => toCell(col, record[col.key], offset));
}

/** The cells writeTable writes: canonical header, then each record with its extra cells. */
export function tableGrid(
  schema: TableSchema,
  records: Record<string, unknown>[],
  offset: TzOffset,
  options: {extraHeaders?: string[]; extras?: unknown[][]} = {},
): unknown[][] {
  const extraHeaders = options.extraHeaders ?? [];
  const grid: unknown[][] = [headerRow(schema, extraHeaders)];
  records.forEach((rec, i) => {
    const extra = options.extras?.[i] ?? [];
    // Extra cells were read as values: text that looks like a formula goes back as text.
    const padded = extraHeaders.map((_h, j) =>
      j < extra.length ? guardCell(extra[j]) : '',
    );
    grid.push([...recordToCells(schema, rec, offset), ...padded]);
  });
  return grid;
}

/**
 * Writes a grid from A1 (the sheet already large enough) and clears the rows below it up to
 * `previousLastRow`: 2–4 calls.
 */
export function writeGrid(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  schema: TableSchema,
  grid: unknown[][],
  previousLastRow = 0,
): void {
  const width = grid[0].length;
  sheet.getRange(1, 1, grid.length, width).setValues(grid);
  if (previousLastRow > grid.length) {
    sheet
      .getRange(grid.length + 1, 1, previousLastRow - grid.length, width)
      .clearContent();
  }
  wrote(schema);
}

/** One cell as read against one as it would be written: equal when writing would change nothing. */
function sameCell(read: unknown, wanted: unknown): boolean {
  const blank = (v: unknown) => v === '' || v === null || v === undefined;
  if (blank(read) || blank(wanted)) return blank(read) && blank(wanted);
  if (read instanceof Date || wanted instanceof Date) {
    const t = (v: unknown) =>
      Object.prototype.toString.call(v) === '[object Date]'
        ? (v as Date).getTime()
        : NaN;
    return t(read) === t(wanted);
  }
  if (typeof read === 'string') return guardFormula(read) === wanted;
  return read === wanted;
}

/**
 * True when the grid read from a tab (getSheetValues from A1) already holds `wanted` over its
 * columns, with nothing below it: writing it again would change no cell.
 */
export function gridHolds(read: unknown[][], wanted: unknown[][]): boolean {
  const width = wanted[0]?.length ?? 0;
  for (let r = 0; r < Math.max(read.length, wanted.length); r++) {
    const have = read[r] ?? [];
    const want = wanted[r] ?? [];
    for (let c = 0; c < width; c++)
      if (!sameCell(have[c], want[c])) return false;
  }
  return true;
}

/**
 * Rewrites a whole tab: canonical header, `records` in order, each record's extra (non-schema)
 * cells kept from `extras`. Leftover rows below are cleared. 4–6 calls whatever the size.
 */
export function writeTable(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  schema: TableSchema,
  records: Record<string, unknown>[],
  offset: TzOffset,
  options: {
    extraHeaders?: string[];
    extras?: unknown[][];
    previousLastRow?: number;
  } = {},
): void {
  const grid = tableGrid(schema, records, offset, options);
  ensureSize(sheet, grid.length, grid[0].length);
  writeGrid(sheet, schema, grid, options.previousLastRow);
}

/** After a write to one of the cached tabs: the snapshot of them is out of date. */
function wrote(schema: TableSchema): void {
  if (isSnapshotTab(schema.name)) bumpSnapshotVersion();
}

/** A value read from a cell, safe to write back: text starting with = + - @ stays text. */
export function guardCell(value: unknown): unknown {
  return typeof value === 'string' ? guardFormula(value) : value;
}

/**
 * Grows the sheet's grid when a write needs more rows or columns (2 calls at most, usually 0
 * extra); rows are grown with spare ones beyond the need: `spareRows`, or `spareShare` of the
 * rows the tab had, whichever is more (so a tab appended to often grows rarely).
 */
export function ensureSize(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  rows: number,
  columns: number,
  spareRows = 0,
  spareShare = 0,
): void {
  const maxRows = sheet.getMaxRows();
  if (maxRows < rows) {
    const spare = Math.max(spareRows, Math.ceil(maxRows * spareShare));
    sheet.insertRowsAfter(maxRows, rows - maxRows + spare);
  }
  const maxCols = sheet.getMaxColumns();
  if (maxCols < columns) sheet.insertColumnsAfter(maxCols, columns - maxCols);
}

/** Rows an append-only tab grows by, beyond what an append needs, when it is full. */
export const APPEND_SPARE_ROWS = 200;

/** Appends records below the last row in one write (append-only tabs); returns the first row written. */
export function appendRecords(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  schema: TableSchema,
  records: Record<string, unknown>[],
  offset: TzOffset,
): number {
  if (!records.length) return 0;
  const last = Math.max(sheet.getLastRow(), 1);
  const cells = records.map(r => recordToCells(schema, r, offset));
  // A full tab grows by half its size (at least 200 rows, at least four such appends), so the
  // next appends (Nhật ký's remembered free row) find room below the last row: a tab appended
  // to every day grows a few times in its life, not at every append.
  ensureSize(
    sheet,
    last + cells.length,
    schema.columns.length,
    Math.max(APPEND_SPARE_ROWS, 4 * cells.length),
    0.5,
  );
  sheet
    .getRange(last + 1, 1, cells.length, schema.columns.length)
    .setValues(cells);
  wrote(schema);
  return last + 1;
}

/** Writes records over consecutive rows starting at `firstRow`, in one write (2 calls). */
export function overwriteRecords(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  schema: TableSchema,
  firstRow: number,
  records: Record<string, unknown>[],
  offset: TzOffset,
): void {
  if (!records.length) return;
  const cells = records.map(r => recordToCells(schema, r, offset));
  sheet
    .getRange(firstRow, 1, cells.length, schema.columns.length)
    .setValues(cells);
  wrote(schema);
}

/** Writes one record over its row, schema columns only (2 calls). */
export function writeRecordAt(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  table: Table,
  row: number,
  record: Record<string, unknown>,
  offset: TzOffset,
  keys?: readonly string[],
): void {
  const cols = keys
    ? table.schema.columns.filter(col => keys.includes(col.key))
    : table.schema.columns;
  const first = Math.min(
    ...cols.map(col => table.columnOf[col.key] ?? Infinity),
  );
  const last = Math.max(...cols.map(col => table.columnOf[col.key] ?? 0));
  const current = table.grid[row - 1] ?? [];
  const cells: unknown[] = [];
  for (let at = first; at <= last; at++)
    cells.push(guardCell(current[at - 1] ?? ''));
  for (const col of cols) {
    const at = table.columnOf[col.key];
    if (at) cells[at - first] = toCell(col, record[col.key], offset);
  }
  sheet.getRange(row, first, 1, cells.length).setValues([cells]);
  wrote(table.schema);
}
