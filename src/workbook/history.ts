// The history tab (Nhật ký): append-only, one batch write per run, whoever made the change.
import type {RunClock} from '../services/clock';
import {activeUserEmail, effectiveUserEmail} from '../services/user';
import {HISTORY} from './schema';
import {appendRecords} from './table';

export interface HistoryEntry {
  action: string;
  target: string;
  field?: string;
  before?: string;
  after?: string;
  note?: string;
  /** Defaults to the signed-in user, else the user the script runs as. */
  user?: string;
}

/** Appends entries to Nhật ký in one write (4–5 calls). Does nothing when there are none. */
export function appendHistory(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  clock: RunClock,
  entries: HistoryEntry[],
): void {
  if (!entries.length) return;
  const sheet = ss.getSheetByName(HISTORY.name) ?? ss.insertSheet(HISTORY.name);
  if (sheet.getLastRow() === 0) {
    sheet
      .getRange(1, 1, 1, HISTORY.columns.length)
      .setValues([HISTORY.columns.map(c => c.header)]);
  }
  const who = activeUserEmail() || effectiveUserEmail() || 'hệ thống';
  appendRecords(
    sheet,
    HISTORY,
    entries.map(e => ({
      at: clock.now,
      user: e.user ?? who,
      action: e.action,
      target: e.target,
      field: e.field ?? '',
      before: e.before ?? '',
      after: e.after ?? '',
      note: e.note ?? '',
    })),
    clock.offset,
  );
}
