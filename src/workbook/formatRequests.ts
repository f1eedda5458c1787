// A tab's look from its schema (one description), and that look as Sheets API batchUpdate requests.
import type {TableSchema} from './schema';
import {numberFormatOf} from './cells';

type Request = GoogleAppsScript.Sheets.Schema.Request;
type Color = GoogleAppsScript.Sheets.Schema.Color;

export const HEADER_BG = '#1f4e79';
export const DERIVED_HEADER_BG = '#607d8b';
export const HEADER_FONT = '#ffffff';

/** A column's dropdown or date check, as both paths build it. */
export type RuleLook =
  | {kind: 'list'; options: string[]; helpText: string}
  | {kind: 'date'; helpText: string};

export interface ColumnLook {
  width: number;
  headerBackground: string;
  note: string;
  /** Body wrapping (Apps Script's WrapStrategy names); the header always wraps. */
  wrap: 'WRAP' | 'OVERFLOW' | 'CLIP';
  /** Body number format; the header is plain text ('@'). */
  numberFormat: string;
  rule: RuleLook | null;
}

/**
 * What formatTable gives a tab: row 1 frozen, bold white on blue (grey for derived columns) with
 * notes, wrapped and centred vertically; the body top-aligned with each column's wrapping, number
 * format and validation; widths; the tab colour.
 */
export interface TabLook {
  tabColor: string;
  /** The sheet's row count: the body is rows 2..maxRows. */
  maxRows: number;
  columns: ColumnLook[];
}

export function tabLook(schema: TableSchema, maxRows: number): TabLook {
  return {
    tabColor: schema.tabColor,
    maxRows: Math.max(maxRows, 2),
    columns: schema.columns.map(col => ({
      width: col.width,
      headerBackground: col.derived ? DERIVED_HEADER_BG : HEADER_BG,
      note:
        col.note ?? (col.derived ? 'Do hệ thống tự tính, không cần nhập.' : ''),
      // Machine data (a JSON) is clipped to one line: wrapped, it would make its row screen-tall.
      wrap: col.clip ? 'CLIP' : col.type === 'longtext' ? 'WRAP' : 'OVERFLOW',
      numberFormat: numberFormatOf(col),
      rule:
        col.type === 'list' && col.options
          ? {
              kind: 'list',
              options: [...col.options],
              helpText: `Chọn một trong: ${col.options.join(', ')}`,
            }
          : (col.type === 'date' || col.type === 'datetime') && !col.derived
            ? {kind: 'date', helpText: 'Nhập ngày dạng dd/MM/yyyy'}
            : null,
    })),
  };
}

/** Runs of adjacent columns of one width: [first column (0-based), count, width]. */
export function widthRuns(
  widths: readonly number[],
): Array<[number, number, number]> {
  const runs: Array<[number, number, number]> = [];
  widths.forEach((width, i) => {
    const last = runs[runs.length - 1];
    if (last && last[2] === width && last[0] + last[1] === i) last[1]++;
    else runs.push([i, 1, width]);
  });
  return runs;
}

/** '#1f4e79' as the API's Color (0-1 floats). */
export function apiColor(hex: string): Color {
  const n = parseInt(hex.replace('#', ''), 16);
  return {
    red: ((n >> 16) & 255) / 255,
    green: ((n >> 8) & 255) / 255,
    blue: (n & 255) / 255,
  };
}

/** Apps Script's WrapStrategy names → the API's (developers.google.com/sheets/api/reference/rest/v4/spreadsheets/cells#wrapstrategy). */
const API_WRAP = {WRAP: 'WRAP', OVERFLOW: 'OVERFLOW_CELL', CLIP: 'CLIP'};

/** A number format pattern as the API's NumberFormat. */
function apiNumberFormat(
  pattern: string,
): GoogleAppsScript.Sheets.Schema.NumberFormat {
  if (pattern === '@') return {type: 'TEXT', pattern: '@'};
  if (/[dy]/.test(pattern))
    return {type: /H/.test(pattern) ? 'DATE_TIME' : 'DATE', pattern};
  return {type: 'NUMBER', pattern};
}

function apiRule(
  rule: RuleLook,
): GoogleAppsScript.Sheets.Schema.DataValidationRule {
  return rule.kind === 'list'
    ? {
        condition: {
          type: 'ONE_OF_LIST',
          values: rule.options.map(o => ({userEnteredValue: o})),
        },
        strict: true,
        showCustomUi: true,
        inputMessage: rule.helpText,
      }
    : {
        condition: {type: 'DATE_IS_VALID'},
        strict: true,
        inputMessage: rule.helpText,
      };
}

/**
 * The look as batchUpdate requests for the sheet `sheetId`: sheet properties, the header row in
 * one updateCells, one repeatCell per body column, one width per run of equal widths
 * (developers.google.com/sheets/api/reference/rest/v4/spreadsheets/request). Every field the
 * SpreadsheetApp path sets is named, so what a field does not hold is cleared as setX(null) would.
 */
export function lookRequests(look: TabLook, sheetId: number): Request[] {
  const n = look.columns.length;
  const requests: Request[] = [
    {
      updateSheetProperties: {
        properties: {
          sheetId,
          gridProperties: {frozenRowCount: 1},
          tabColorStyle: {rgbColor: apiColor(look.tabColor)},
        },
        fields: 'gridProperties.frozenRowCount,tabColorStyle',
      },
    },
    {
      updateCells: {
        range: {
          sheetId,
          startRowIndex: 0,
          endRowIndex: 1,
          startColumnIndex: 0,
          endColumnIndex: n,
        },
        rows: [
          {
            values: look.columns.map(c => ({
              userEnteredFormat: {
                textFormat: {
                  bold: true,
                  foregroundColorStyle: {rgbColor: apiColor(HEADER_FONT)},
                },
                backgroundColorStyle: {rgbColor: apiColor(c.headerBackground)},
                wrapStrategy: 'WRAP',
                verticalAlignment: 'MIDDLE',
                numberFormat: apiNumberFormat('@'),
              },
              ...(c.note ? {note: c.note} : {}),
            })),
          },
        ],
        fields:
          'userEnteredFormat(textFormat(bold,foregroundColorStyle),backgroundColorStyle,wrapStrategy,verticalAlignment,numberFormat),note,dataValidation',
      },
    },
  ];
  look.columns.forEach((c, i) =>
    requests.push({
      repeatCell: {
        range: {
          sheetId,
          startRowIndex: 1,
          endRowIndex: look.maxRows,
          startColumnIndex: i,
          endColumnIndex: i + 1,
        },
        cell: {
          userEnteredFormat: {
            wrapStrategy: API_WRAP[c.wrap],
            verticalAlignment: 'TOP',
            numberFormat: apiNumberFormat(c.numberFormat),
          },
          ...(c.rule ? {dataValidation: apiRule(c.rule)} : {}),
        },
        fields:
          'userEnteredFormat(wrapStrategy,verticalAlignment,numberFormat),dataValidation',
      },
    }),
  );
  requests.push(
    ...widthRequests(
      sheetId,
      look.columns.map(c => c.width),
    ),
  );
  return requests;
}

/** Column widths as requests: one per run of adjacent columns of the same width. */
export function widthRequests(
  sheetId: number,
  widths: readonly number[],
): Request[] {
  return widthRuns(widths).map(([first, count, width]) => ({
    updateDimensionProperties: {
      range: {
        sheetId,
        dimension: 'COLUMNS',
        startIndex: first,
        endIndex: first + count,
      },
      properties: {pixelSize: width},
      fields: 'pixelSize',
    },
  }));
}
