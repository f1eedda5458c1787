// The history tab (Nhật ký): append-only, one batch write per run, whoever made the change.
import {capText} from '../core/cellText';
import {CACHE_MAX_SECONDS, sharedCache} from '../services/cache';
import type {RunClock} from '../services/clock';
import {activeUserEmail, effectiveUserEmail} from '../services/user';
import {HISTORY} from './schema';
import {a1Range, appendRecords, recordToCells} from './table';

/** Document-cache key of the first free row of Nhật ký, as the last append left it (a hint). */
export const HISTORY_NEXT_ROW_KEY = 'dv:hist:next';

const isBlank = (v: unknown) => v === '' || v === null || v === undefined;

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

/**
 * Appends entries to Nhật ký in one write. Fast path (3 calls): the first free row remembered in the
 * script cache by the last append, used only when the rows to write read blank; anything else (no
 * hint, rows taken, the tab too short or missing) takes the slow path, which finds the last row
 * (5–7 calls). A hint can only be too high if rows were deleted from this append-only tab: then the
 * new rows leave a blank gap, nothing is overwritten. Does nothing when there are no entries.
 */
export function appendHistory(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  clock: RunClock,
  entries: HistoryEntry[],
): void {
  if (!entries.length) return;
  const who = activeUserEmail() || effectiveUserEmail() || 'hệ thống';
  // Every text below the cell limit (a long village answer would otherwise throw mid-run).
  const records = entries.map(e => ({
    at: clock.now,
    user: capText(e.user ?? who),
    action: capText(e.action),
    target: capText(e.target),
    field: capText(e.field ?? ''),
    before: capText(e.before ?? ''),
    after: capText(e.after ?? ''),
    note: capText(e.note ?? ''),
  }));
  const cache = sharedCache();
  const width = HISTORY.columns.length;
  const hint = readHint(cache);
  if (hint >= 2) {
    let range: GoogleAppsScript.Spreadsheet.Range | null = null;
    try {
      range = ss.getRange(
        a1Range(HISTORY.name, hint, 1, records.length, width),
      );
      if (!range.getValues().every(r => r.every(isBlank))) range = null;
    } catch {
      range = null; // beyond the tab's last row, or no such tab: the slow path grows or makes it
    }
    if (range) {
      range.setValues(
        records.map(r => recordToCells(HISTORY, r, clock.offset)),
      );
      remember(cache, hint + records.length);
      return;
    }
  }
  const sheet = ss.getSheetByName(HISTORY.name) ?? ss.insertSheet(HISTORY.name);
  if (sheet.getLastRow() === 0) {
    sheet
      .getRange(1, 1, 1, HISTORY.columns.length)
      .setValues([HISTORY.columns.map(c => c.header)]);
  }
  const first = appendRecords(sheet, HISTORY, records, clock.offset);
  remember(cache, first + records.length);
}

/**
 * Records where Nhật ký's first free row is, for a reader that has just read the whole tab (the
 * daily job's history guard): the next append takes the fast path. Only a hint, as above.
 */
export function rememberHistoryNextRow(next: number): void {
  if (next >= 2) remember(sharedCache(), next);
}

function readHint(cache: GoogleAppsScript.Cache.Cache | null): number {
  try {
    const n = Number(cache?.get(HISTORY_NEXT_ROW_KEY) ?? 0);
    return Number.isInteger(n) ? n : 0;
  } catch {
    return 0;
  }
}

function remember(
  cache: GoogleAppsScript.Cache.Cache | null,
  next: number,
): void {
  try {
    cache?.put(HISTORY_NEXT_ROW_KEY, String(next), CACHE_MAX_SECONDS);
  } catch {
    // Only a hint: the next append takes the slow path.
  }
}
