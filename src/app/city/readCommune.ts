// Reads one commune's summary block from its workbook, read-only: open, find the tab, one range read.
import {
  spreadsheetIdOf,
  type CommuneEntry,
  type CommuneOutcome,
} from '../../core/city/rollup';
import {
  parseBlock,
  SUMMARY_BLOCK_COLUMN,
  SUMMARY_BLOCK_WIDTH,
} from '../../core/summaryBlock';
import {summarySheetName} from '../../workbook/summarySheet';

/** Spreadsheet calls one read makes at most: openById, getSheetByName, getMaxRows, getMaxColumns, getRange, getValues. */
export const CALLS_PER_COMMUNE = 6;

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Google's refusal when the city's account has no access to the file (or it does not exist). */
function isAccessError(text: string): boolean {
  return /permission|access|not found|không có quyền|unexpected error while getting the method or property openById/i.test(
    text,
  );
}

/**
 * What the city learns from one commune for `periodId`. Never writes to the commune's workbook: it
 * calls only openById, getSheetByName, getMaxRows, getMaxColumns, getRange and getValues. Every
 * failure is an outcome with its reason, never a guess.
 */
export function readCommune(
  entry: CommuneEntry,
  periodId: string,
): CommuneOutcome {
  const spreadsheetId = spreadsheetIdOf(entry.link);
  const outcome = (
    status: CommuneOutcome['status'],
    detail = '',
  ): CommuneOutcome => ({entry, status, block: null, spreadsheetId, detail});
  if (!spreadsheetId) return outcome('bad_link');
  let ss: GoogleAppsScript.Spreadsheet.Spreadsheet;
  try {
    ss = SpreadsheetApp.openById(spreadsheetId);
  } catch (e) {
    const text = message(e);
    return outcome(isAccessError(text) ? 'not_shared' : 'error', text);
  }
  try {
    const sheet = ss.getSheetByName(summarySheetName(periodId));
    if (!sheet) return outcome('no_summary');
    const rows = sheet.getMaxRows();
    if (sheet.getMaxColumns() < SUMMARY_BLOCK_COLUMN + SUMMARY_BLOCK_WIDTH - 1)
      return outcome('old_format');
    const values = sheet
      .getRange(1, SUMMARY_BLOCK_COLUMN, rows, SUMMARY_BLOCK_WIDTH)
      .getValues();
    const read = parseBlock(values, periodId);
    if (!read.ok) {
      return outcome(
        read.problem,
        read.version !== undefined ? `Phiên bản ${read.version}` : '',
      );
    }
    return {entry, status: 'ok', block: read.block, spreadsheetId, detail: ''};
  } catch (e) {
    return outcome('error', message(e));
  }
}
