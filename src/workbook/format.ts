// Formats a tab from its schema: header, widths, wrapping, date formats, dropdowns, colours. Calls per tab, never per row.
import {digestText} from '../core/historyDigest';
import type {SheetsBatch} from '../services/sheetsApi';
import type {RuleLook, TabLook} from './formatRequests';
import {HEADER_FONT, lookRequests, tabLook, widthRuns} from './formatRequests';
import type {TableSchema} from './schema';

type Range = GoogleAppsScript.Spreadsheet.Range;
type DataValidation = GoogleAppsScript.Spreadsheet.DataValidation;

/** Keys of columns whose text says "quá hạn" / "đã hoàn thành" and gets coloured. */
const STATUS_KEYS = new Set(['status', 'timeliness']);

/** Conditional colour rules for status columns ("Tình trạng"): red overdue, amber soon, green done. */
function statusRules(
  ranges: Range[],
): GoogleAppsScript.Spreadsheet.ConditionalFormatRule[] {
  // One rule per colour covers every status column of the tab.
  const rule = () =>
    SpreadsheetApp.newConditionalFormatRule().setRanges(ranges);
  return [
    rule()
      .whenTextContains('quá hạn')
      .setBackground('#f8d7da')
      .setFontColor('#842029')
      .build(),
    rule()
      .whenTextContains('Sắp đến hạn')
      .setBackground('#fff3cd')
      .setFontColor('#664d03')
      .build(),
    rule()
      .whenTextContains('Đã hoàn thành')
      .setBackground('#d1e7dd')
      .setFontColor('#0f5132')
      .build(),
    rule().whenTextContains('Tạm dừng').setBackground('#e2e3e5').build(),
  ];
}

/**
 * Data validation rules built once per run and shared by every tab (a DataValidation is a value:
 * the same rule may be set on many cells, developers.google.com/apps-script/reference/spreadsheet/
 * data-validation).
 */
export class FormatCache {
  private readonly rules = new Map<string, DataValidation>();

  rule(key: string, build: () => DataValidation): DataValidation {
    let found = this.rules.get(key);
    if (!found) {
      found = build();
      this.rules.set(key, found);
    }
    return found;
  }
}

/** A rule of the look as a SpreadsheetApp DataValidation (shared by every tab through the cache). */
function columnRule(
  rule: RuleLook | null,
  cache: FormatCache,
): DataValidation | null {
  if (!rule) return null;
  if (rule.kind === 'list')
    return cache.rule(`list:${JSON.stringify(rule.options)}`, () =>
      SpreadsheetApp.newDataValidation()
        .requireValueInList(rule.options, true)
        .setAllowInvalid(false)
        .setHelpText(rule.helpText)
        .build(),
    );
  return cache.rule('date', () =>
    SpreadsheetApp.newDataValidation()
      .requireDate()
      .setAllowInvalid(false)
      .setHelpText(rule.helpText)
      .build(),
  );
}

/**
 * What formatTable would apply to a tab with `maxRows` rows: a digest that changes whenever the
 * schema's look or the grid's height changes. Set-up stores it and skips formatting a tab whose
 * digest is unchanged (same rows, same look); a tab it inserts, or whose header it repairs, is
 * always formatted.
 */
export function formatSignature(schema: TableSchema, maxRows: number): string {
  return digestText(
    JSON.stringify([
      FORMAT_VERSION,
      maxRows,
      schema.tabColor,
      schema.columns.map(c => [
        c.key,
        c.header,
        c.type,
        c.width,
        c.options ?? null,
        c.derived ?? false,
        c.note ?? null,
      ]),
      {}, // where the dropdown sources once were: kept so stored signatures still match
    ]),
  );
}

/** Bump when formatTable applies something new, so every tab is formatted again once. */
const FORMAT_VERSION = 2;

/** How formatTable is called: the tab's height, the shared rules, whether the sheet is new. */
export interface FormatOptions {
  /** The sheet's row count (Sheet.getMaxRows), read once by the caller. */
  maxRows: number;
  cache?: FormatCache;
  /** Inserted by this run: nothing to clear (no colour rules, no notes yet). */
  fresh?: boolean;
  /**
   * Gathers the look as Sheets API requests, sent by the caller with every other tab's in one
   * batchUpdate (one call instead of about 12 per tab); without it SpreadsheetApp applies the
   * look at once (the Sheets advanced service disabled).
   */
  batch?: SheetsBatch;
}

/**
 * Applies the schema's look to a sheet: frozen bold header with notes, column widths, wrapping,
 * number formats, dropdowns and date validation over the whole column, tab colour and colour rules.
 * With a batch: 1 call (the sheet id) plus the colour rules' 1-2, and the look goes in the batch.
 * Without: about 12 calls plus one per run of equal widths, whatever the number of rows.
 */
export function formatTable(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  schema: TableSchema,
  options: FormatOptions,
): void {
  const look = tabLook(schema, options.maxRows);
  if (options.batch)
    options.batch.add(...lookRequests(look, sheet.getSheetId()));
  else applyLook(sheet, look, options);
  colourStatuses(sheet, schema, options);
}

/**
 * The status columns' colour rules, through SpreadsheetApp (one call, plus one range per status
 * column); a tab without status columns loses any rules unless it is new.
 */
export function colourStatuses(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  schema: TableSchema,
  options: {maxRows: number; fresh?: boolean},
): void {
  const bodyRows = Math.max(options.maxRows, 2) - 1;
  const statusRanges: Range[] = [];
  schema.columns.forEach((col, i) => {
    if (STATUS_KEYS.has(col.key))
      statusRanges.push(sheet.getRange(2, i + 1, bodyRows, 1));
  });
  if (statusRanges.length)
    sheet.setConditionalFormatRules(statusRules(statusRanges));
  else if (!options.fresh) sheet.setConditionalFormatRules([]);
}

/** The look through SpreadsheetApp: one call per property and per run of equal widths. */
function applyLook(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  look: TabLook,
  options: FormatOptions,
): void {
  const cache = options.cache ?? new FormatCache();
  const cols = look.columns;
  const n = cols.length;
  const bodyRows = look.maxRows - 1;
  sheet.setFrozenRows(1);
  sheet.setTabColor(look.tabColor);
  const notes = cols.map(c => c.note);
  const header = sheet
    .getRange(1, 1, 1, n)
    .setFontWeight('bold')
    .setFontColor(HEADER_FONT)
    .setBackgrounds([cols.map(c => c.headerBackground)]);
  if (!options.fresh || notes.some(Boolean)) header.setNotes([notes]);
  // Header and body in one range: wrapping, alignment, number formats and dropdowns, one call each.
  const W = SpreadsheetApp.WrapStrategy;
  const bodyWraps = cols.map(c => W[c.wrap]);
  const bodyRules = cols.map(c => columnRule(c.rule, cache));
  const rows = <T>(head: T[], body: T[]): T[][] => [
    head,
    ...Array.from({length: bodyRows}, () => body),
  ];
  sheet
    .getRange(1, 1, look.maxRows, n)
    .setWrapStrategies(rows(Array(n).fill(W.WRAP), bodyWraps))
    .setVerticalAlignments(rows(Array(n).fill('middle'), Array(n).fill('top')))
    .setNumberFormats(
      rows(
        Array(n).fill('@'),
        cols.map(c => c.numberFormat),
      ),
    )
    .setDataValidations(rows(Array(n).fill(null), bodyRules));
  for (const [first, count, width] of widthRuns(cols.map(c => c.width)))
    sheet.setColumnWidths(first + 1, count, width);
}
