// Formats a tab from its schema: header, widths, wrapping, date formats, dropdowns, colours. Calls per tab, never per row.
import {digestText} from '../core/historyDigest';
import {numberFormatOf} from './cells';
import type {TableSchema} from './schema';

const HEADER_BG = '#1f4e79';
const DERIVED_HEADER_BG = '#607d8b';

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

/** The validation a column's body wants, or null when it wants none. */
function columnRule(
  col: TableSchema['columns'][number],
  source: Range | undefined,
  cache: FormatCache,
): DataValidation | null {
  if (col.type === 'list' && col.options) {
    const options = [...col.options];
    return cache.rule(`list:${JSON.stringify(options)}`, () =>
      SpreadsheetApp.newDataValidation()
        .requireValueInList(options, true)
        .setAllowInvalid(false)
        .setHelpText(`Chọn một trong: ${options.join(', ')}`)
        .build(),
    );
  }
  if (source) {
    return SpreadsheetApp.newDataValidation()
      .requireValueInRange(source, true)
      .setAllowInvalid(false)
      .build();
  }
  if ((col.type === 'date' || col.type === 'datetime') && !col.derived) {
    return cache.rule('date', () =>
      SpreadsheetApp.newDataValidation()
        .requireDate()
        .setAllowInvalid(false)
        .setHelpText('Nhập ngày dạng dd/MM/yyyy')
        .build(),
    );
  }
  return null;
}

/**
 * What formatTable would apply to a tab with `maxRows` rows: a digest that changes whenever the
 * schema's look or the grid's height changes. Set-up stores it and skips formatting a tab whose
 * digest is unchanged (same rows, same look); a tab it inserts, or whose header it repairs, is
 * always formatted.
 */
export function formatSignature(
  schema: TableSchema,
  maxRows: number,
  listSources: Record<string, string> = {},
): string {
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
      listSources,
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
}

/**
 * Applies the schema's look to a sheet: frozen bold header with notes, column widths, wrapping,
 * number formats, dropdowns and date validation over the whole column, tab colour and colour rules.
 * `listSources` gives, per column key, a range whose values a dropdown must come from.
 * About 12 calls plus one per run of equal widths, whatever the number of rows.
 */
export function formatTable(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  schema: TableSchema,
  listSources: Record<string, Range>,
  options: FormatOptions,
): void {
  const cache = options.cache ?? new FormatCache();
  const n = schema.columns.length;
  const maxRows = Math.max(options.maxRows, 2);
  const bodyRows = maxRows - 1;
  sheet.setFrozenRows(1);
  sheet.setTabColor(schema.tabColor);
  const notes = schema.columns.map(
    col =>
      col.note ?? (col.derived ? 'Do hệ thống tự tính, không cần nhập.' : ''),
  );
  const header = sheet
    .getRange(1, 1, 1, n)
    .setFontWeight('bold')
    .setFontColor('#ffffff')
    .setBackgrounds([
      schema.columns.map(col => (col.derived ? DERIVED_HEADER_BG : HEADER_BG)),
    ]);
  if (!options.fresh || notes.some(Boolean)) header.setNotes([notes]);
  // Header and body in one range: wrapping, alignment, number formats and dropdowns, one call each.
  const bodyFormats = schema.columns.map(numberFormatOf);
  // Machine data (a JSON) is clipped to one line: wrapped, it would make its row screen-tall.
  const W = SpreadsheetApp.WrapStrategy;
  const bodyWraps = schema.columns.map(col =>
    col.clip ? W.CLIP : col.type === 'longtext' ? W.WRAP : W.OVERFLOW,
  );
  const bodyRules = schema.columns.map(col =>
    columnRule(col, listSources[col.key], cache),
  );
  const rows = <T>(head: T[], body: T[]): T[][] => [
    head,
    ...Array.from({length: bodyRows}, () => body),
  ];
  sheet
    .getRange(1, 1, maxRows, n)
    .setWrapStrategies(rows(Array(n).fill(W.WRAP), bodyWraps))
    .setVerticalAlignments(rows(Array(n).fill('middle'), Array(n).fill('top')))
    .setNumberFormats(rows(Array(n).fill('@'), bodyFormats))
    .setDataValidations(rows(Array(n).fill(null), bodyRules));
  // Widths: one call per run of columns of the same width.
  for (let i = 0; i < n;) {
    let j = i;
    while (j + 1 < n && schema.columns[j + 1].width === schema.columns[i].width)
      j++;
    sheet.setColumnWidths(i + 1, j - i + 1, schema.columns[i].width);
    i = j + 1;
  }
  const statusRanges: Range[] = [];
  schema.columns.forEach((col, i) => {
    if (STATUS_KEYS.has(col.key))
      statusRanges.push(sheet.getRange(2, i + 1, bodyRows, 1));
  });
  if (statusRanges.length)
    sheet.setConditionalFormatRules(statusRules(statusRanges));
  else if (!options.fresh) sheet.setConditionalFormatRules([]);
}
