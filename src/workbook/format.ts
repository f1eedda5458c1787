// Formats a tab from its schema: header, widths, wrapping, date formats, dropdowns, colours. Calls per column, never per row.
import {numberFormatOf} from './cells';
import type {TableSchema} from './schema';

const HEADER_BG = '#1f4e79';
const DERIVED_HEADER_BG = '#607d8b';

/** Conditional colour rules for a status column ("Tình trạng"): red overdue, green done, amber soon. */
function statusRules(
  range: GoogleAppsScript.Spreadsheet.Range,
): GoogleAppsScript.Spreadsheet.ConditionalFormatRule[] {
  const rule = () =>
    SpreadsheetApp.newConditionalFormatRule().setRanges([range]);
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

/** Keys of columns whose text says "quá hạn" / "đã hoàn thành" and gets coloured. */
const STATUS_KEYS = new Set(['status', 'timeliness']);

/**
 * Applies the schema's look to a sheet: frozen bold header with notes, column widths, wrapping,
 * number formats, dropdowns and date validation over the whole column, tab colour and colour rules.
 * `listSources` gives, per column key, a range whose values a dropdown must come from.
 */
export function formatTable(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  schema: TableSchema,
  listSources: Record<string, GoogleAppsScript.Spreadsheet.Range> = {},
): void {
  const n = schema.columns.length;
  const bodyRows = Math.max(sheet.getMaxRows() - 1, 1);
  sheet.setFrozenRows(1);
  sheet.setTabColor(schema.tabColor);
  const header = sheet.getRange(1, 1, 1, n);
  header
    .setFontWeight('bold')
    .setFontColor('#ffffff')
    .setWrap(true)
    .setVerticalAlignment('middle')
    .setBackgrounds([
      schema.columns.map(col => (col.derived ? DERIVED_HEADER_BG : HEADER_BG)),
    ])
    .setNotes([
      schema.columns.map(
        col =>
          col.note ??
          (col.derived ? 'Do hệ thống tự tính, không cần nhập.' : ''),
      ),
    ]);
  // The body's alignment, number formats and wrapping: three calls for the whole tab.
  const formats = schema.columns.map(numberFormatOf);
  const wraps = schema.columns.map(col => col.type === 'longtext');
  sheet
    .getRange(2, 1, bodyRows, n)
    .setVerticalAlignment('top')
    .setNumberFormats(Array.from({length: bodyRows}, () => formats))
    .setWraps(Array.from({length: bodyRows}, () => wraps));
  // Widths: one call per run of columns of the same width.
  for (let i = 0; i < n;) {
    let j = i;
    while (j + 1 < n && schema.columns[j + 1].width === schema.columns[i].width)
      j++;
    sheet.setColumnWidths(i + 1, j - i + 1, schema.columns[i].width);
    i = j + 1;
  }
  const rules: GoogleAppsScript.Spreadsheet.ConditionalFormatRule[] = [];
  schema.columns.forEach((col, i) => {
    const at = i + 1;
    const needsRange =
      col.type === 'list' ||
      Boolean(listSources[col.key]) ||
      ((col.type === 'date' || col.type === 'datetime') && !col.derived) ||
      STATUS_KEYS.has(col.key);
    if (!needsRange) return;
    const body = sheet.getRange(2, at, bodyRows, 1);
    if (col.type === 'list' && col.options) {
      body.setDataValidation(
        SpreadsheetApp.newDataValidation()
          .requireValueInList([...col.options], true)
          .setAllowInvalid(false)
          .setHelpText(`Chọn một trong: ${col.options.join(', ')}`)
          .build(),
      );
    } else if (listSources[col.key]) {
      body.setDataValidation(
        SpreadsheetApp.newDataValidation()
          .requireValueInRange(listSources[col.key], true)
          .setAllowInvalid(false)
          .build(),
      );
    } else if (
      (col.type === 'date' || col.type === 'datetime') &&
      !col.derived
    ) {
      body.setDataValidation(
        SpreadsheetApp.newDataValidation()
          .requireDate()
          .setAllowInvalid(false)
          .setHelpText('Nhập ngày dạng dd/MM/yyyy')
          .build(),
      );
    }
    if (STATUS_KEYS.has(col.key)) rules.push(...statusRules(body));
  });
  sheet.setConditionalFormatRules(rules);
}
