// The summary tab's look (SummaryLooks and its per-tab parts) as Sheets API batchUpdate requests.
import {apiColor, widthRequests} from './formatRequests';

type Request = GoogleAppsScript.Sheets.Schema.Request;
type CellFormat = GoogleAppsScript.Sheets.Schema.CellFormat;

/** What writeSummaryTab sets on every cell, per cell (the same matrices both paths use). */
export interface CellLooks {
  backgrounds: string[][];
  fontColors: string[][];
  fontWeights: Array<Array<'bold' | 'normal'>>;
  fontSizes: number[][];
  wraps: boolean[][];
  verticalAlignments: Array<Array<'top' | 'middle'>>;
  notes: string[][];
}

/** The look set on the whole tab first; cells that differ get their own requests after it. */
const BASE = {
  background: '#ffffff',
  fontColor: '#000000',
  bold: false,
  fontSize: 10,
  wrap: true,
  vAlign: 'top',
  note: '',
};
type Look = typeof BASE;

const FIELDS =
  'userEnteredFormat(backgroundColorStyle,textFormat(foregroundColorStyle,bold,fontSize),wrapStrategy,verticalAlignment),note';

function cell(look: Look): GoogleAppsScript.Sheets.Schema.CellData {
  const format: CellFormat = {
    backgroundColorStyle: {rgbColor: apiColor(look.background)},
    textFormat: {
      foregroundColorStyle: {rgbColor: apiColor(look.fontColor)},
      bold: look.bold,
      fontSize: look.fontSize,
    },
    wrapStrategy: look.wrap ? 'WRAP' : 'OVERFLOW_CELL',
    verticalAlignment: look.vAlign === 'middle' ? 'MIDDLE' : 'TOP',
  };
  return look.note
    ? {userEnteredFormat: format, note: look.note}
    : {userEnteredFormat: format};
}

/**
 * Every cell's look in few requests: one repeatCell over the tab with the common look, then one
 * repeatCell per run of adjacent cells in a row that share another look (a title line, a section
 * header, a coloured status cell). Each request names every field, so a cell ends up exactly as
 * the per-cell SpreadsheetApp calls would leave it.
 */
export function cellLookRequests(
  looks: CellLooks,
  sheetId: number,
  rows: number,
  columns: number,
): Request[] {
  const range = (r0: number, r1: number, c0: number, c1: number) => ({
    sheetId,
    startRowIndex: r0,
    endRowIndex: r1,
    startColumnIndex: c0,
    endColumnIndex: c1,
  });
  const requests: Request[] = [
    {
      repeatCell: {
        range: range(0, rows, 0, columns),
        cell: cell(BASE),
        fields: FIELDS,
      },
    },
  ];
  const baseKey = JSON.stringify(BASE);
  for (let r = 0; r < rows; r++) {
    const lookAt = (c: number): Look => ({
      background: looks.backgrounds[r][c],
      fontColor: looks.fontColors[r][c],
      bold: looks.fontWeights[r][c] === 'bold',
      fontSize: looks.fontSizes[r][c],
      wrap: looks.wraps[r][c],
      vAlign: looks.verticalAlignments[r][c],
      note: looks.notes[r][c] ?? '',
    });
    let c = 0;
    while (c < columns) {
      const look = lookAt(c);
      const key = JSON.stringify(look);
      let end = c + 1;
      while (end < columns && JSON.stringify(lookAt(end)) === key) end++;
      if (key !== baseKey)
        requests.push({
          repeatCell: {
            range: range(r, r + 1, c, end),
            cell: cell(look),
            fields: FIELDS,
          },
        });
      c = end;
    }
  }
  return requests;
}

/** The look that is not per cell: header lines merged across, widths by runs, frozen row, tab colour. */
export function tabRequests(
  sheetId: number,
  tab: {headerRows: number; width: number; widths: number[]; tabColor: string},
): Request[] {
  const requests: Request[] = [];
  if (tab.headerRows > 0 && tab.width > 1)
    requests.push({
      mergeCells: {
        range: {
          sheetId,
          startRowIndex: 0,
          endRowIndex: tab.headerRows,
          startColumnIndex: 0,
          endColumnIndex: tab.width,
        },
        mergeType: 'MERGE_ROWS',
      },
    });
  requests.push(...widthRequests(sheetId, tab.widths));
  requests.push({
    updateSheetProperties: {
      properties: {
        sheetId,
        gridProperties: {frozenRowCount: 1},
        tabColorStyle: {rgbColor: apiColor(tab.tabColor)},
      },
      fields: 'gridProperties.frozenRowCount,tabColorStyle',
    },
  });
  return requests;
}
