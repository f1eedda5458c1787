// Reading and writing one tab as records, in whole-range batches: a fixed number of calls per tab.
import {normalizeKey} from '../core/text';
import {toCell, type TzOffset} from './cells';
import type {Column, TableSchema} from './schema';

/** A row of a tab: raw cell values by column key, and where it sits. */
export interface TableRow {
  /** 1-based sheet row number. */
  row: number;
  values: Record<string, unknown>;
}

export interface Table {
  schema: TableSchema;
  sheet: GoogleAppsScript.Spreadsheet.Sheet | null;
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

/** Reads a whole tab in one range read (4 calls). A missing tab reads as empty. */
export function readTable(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  schema: TableSchema,
): Table {
  const sheet = ss.getSheetByName(schema.name);
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
  const grid = sheet.getDataRange().getValues();
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
  const extraHeaders = options.extraHeaders ?? [];
  const width = schema.columns.length + extraHeaders.length;
  const grid: unknown[][] = [headerRow(schema, extraHeaders)];
  records.forEach((rec, i) => {
    const extra = options.extras?.[i] ?? [];
    const padded = extraHeaders.map((_h, j) =>
      j < extra.length ? extra[j] : '',
    );
    grid.push([...recordToCells(schema, rec, offset), ...padded]);
  });
  ensureSize(sheet, grid.length, width);
  sheet.getRange(1, 1, grid.length, width).setValues(grid);
  const previous = options.previousLastRow ?? 0;
  if (previous > grid.length) {
    sheet
      .getRange(grid.length + 1, 1, previous - grid.length, width)
      .clearContent();
  }
}

/** Grows the sheet's grid when a write needs more rows or columns (2 calls at most, usually 0 extra). */
export function ensureSize(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  rows: number,
  columns: number,
): void {
  const maxRows = sheet.getMaxRows();
  if (maxRows < rows) sheet.insertRowsAfter(maxRows, rows - maxRows);
  const maxCols = sheet.getMaxColumns();
  if (maxCols < columns) sheet.insertColumnsAfter(maxCols, columns - maxCols);
}

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
  ensureSize(sheet, last + cells.length, schema.columns.length);
  sheet
    .getRange(last + 1, 1, cells.length, schema.columns.length)
    .setValues(cells);
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
}

/** Writes one record over its row, schema columns only (2 calls). */
export function writeRecordAt(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  table: Table,
  row: number,
  record: Record<string, unknown>,
  offset: TzOffset,
): void {
  const cols = table.schema.columns;
  const first = Math.min(
    ...cols.map(col => table.columnOf[col.key] ?? Infinity),
  );
  const last = Math.max(...cols.map(col => table.columnOf[col.key] ?? 0));
  const current = table.grid[row - 1] ?? [];
  const cells: unknown[] = [];
  for (let at = first; at <= last; at++) cells.push(current[at - 1] ?? '');
  for (const col of cols) {
    const at = table.columnOf[col.key];
    if (at) cells[at - first] = toCell(col, record[col.key], offset);
  }
  sheet.getRange(row, first, 1, cells.length).setValues([cells]);
}
