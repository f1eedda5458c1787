// Spreadsheet.getAs(): Google converts a spreadsheet to PDF only; the emulator writes each visible sheet's text.
import type {SpreadsheetEnv} from './env';
import type {SpreadsheetModel} from './model';
import {displayValue} from './values';
import {gasError} from '../runtime';
import {textPdf} from '../pdf';

export function spreadsheetExport(
  env: SpreadsheetEnv,
  ss: SpreadsheetModel,
  contentType: string,
): {data: Buffer; type: string; ext: string} {
  if (contentType !== 'application/pdf') {
    throw gasError(
      env.ctx,
      `Converting from application/vnd.google-apps.spreadsheet to ${contentType} is not supported.`,
    );
  }
  const lines: string[] = [];
  for (const sheet of ss.sheets) {
    if (sheet.hidden) continue;
    lines.push(`== ${sheet.name} ==`);
    const last = sheet.lastRow();
    const cols = sheet.lastColumn();
    for (let r = 1; r <= last; r++) {
      const cells: string[] = [];
      for (let c = 1; c <= cols; c++) {
        const cell = sheet.cell(r, c);
        cells.push(
          displayValue(
            cell?.v,
            cell?.fmt?.numberFormat,
            ss.timeZone,
            ss.locale,
          ),
        );
      }
      lines.push(cells.join(' | '));
    }
    lines.push('');
  }
  return {data: textPdf(lines, ss.name), type: 'application/pdf', ext: 'pdf'};
}
