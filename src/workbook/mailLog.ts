// The mail-log tab (Thư đã gửi): which reminder keys went out, read once a run and appended once a run.
import type {RunClock} from '../services/clock';
import {cellToIsoDate, cellToText, type TzOffset} from './cells';
import {MAIL_LOG} from './schema';
import {a1Range, appendRecords, readTable, recordToCells} from './table';

/**
 * What happened to one item of an e-mail. 'sending' is written ahead, before MailApp is called: if
 * the run dies before it logs the outcome, the item counts as sent, so it is never sent twice.
 */
export type MailState = 'sending' | 'sent' | 'deferred' | 'failed';

/** The state column's Vietnamese labels. */
export const MAIL_STATE_LABELS: Readonly<Record<MailState, string>> = {
  sending: 'Đang gửi',
  sent: 'Đã gửi',
  deferred: 'Hoãn',
  failed: 'Lỗi',
};

/** One row to append: an item's key and what happened to the e-mail that carried it. */
export interface MailLogEntry {
  key: string;
  to: string;
  subject: string;
  /** The item's kind, in Vietnamese. */
  kind: string;
  periodId: string;
  state: MailState;
  note: string;
}

export interface MailLog {
  /**
   * Keys dealt with for good: sent, failed (a bad address is reported once, not retried daily), or
   * written ahead as 'sending' by a run that died before logging the outcome (never sent twice).
   */
  done: Set<string>;
  /** Keys whose last row is 'sending': the outcome of that run is unknown (for the admin to check). */
  unconfirmed: Set<string>;
  /** Keys logged as deferred today (not logged again by a second run the same day). */
  deferredToday: Set<string>;
  /** Keys sent, per key the number of times (more than 1 would be a bug). */
  sentCount: Map<string, number>;
  rows: number;
  /**
   * The row below the last one read (0 when the tab is missing): where this run's next rows go,
   * as a hint for `appendMailLog` (checked blank before it is written).
   */
  nextRow: number;
  /** The day the log was read for (`deferredToday`). */
  today: string;
  /** Each row read or written by this run, by sheet row (what the sets above are folded from). */
  items: Map<number, LoggedItem>;
  /** The tab as read (null when missing), for this run's appends. */
  sheet: GoogleAppsScript.Spreadsheet.Sheet | null;
}

/** What the log's sets need of one row. */
export interface LoggedItem {
  key: string;
  state: MailState;
  /** The row's ISO date. */
  day: string;
}

function stateOf(label: unknown): MailState | null {
  const text = String(label ?? '').trim();
  for (const [state, l] of Object.entries(MAIL_STATE_LABELS) as [
    MailState,
    string,
  ][]) {
    if (text === l || text === state) return state;
  }
  return null;
}

/** Recomputes the log's sets from its rows, in sheet order (the last row of a key says where it stands). */
function fold(log: MailLog): void {
  log.done.clear();
  log.unconfirmed.clear();
  log.deferredToday.clear();
  log.sentCount.clear();
  const last = new Map<string, MailState>();
  const rows = [...log.items.keys()].sort((a, b) => a - b);
  for (const row of rows) {
    const {key, state, day} = log.items.get(row) as LoggedItem;
    if (state === 'sent') {
      log.sentCount.set(key, (log.sentCount.get(key) ?? 0) + 1);
    }
    if (state === 'sent' || state === 'failed') log.done.add(key);
    else if (state === 'deferred' && day === log.today) {
      log.deferredToday.add(key);
    }
    last.set(key, state);
  }
  for (const [key, state] of last) {
    if (state !== 'sending') continue;
    log.done.add(key);
    log.unconfirmed.add(key);
  }
}

/** Reads the mail log in one range read (2 calls). A missing tab reads as empty. */
export function loadMailLog(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  offset: TzOffset,
  today: string,
): MailLog {
  const table = readTable(ss, MAIL_LOG);
  const log: MailLog = {
    done: new Set(),
    unconfirmed: new Set(),
    deferredToday: new Set(),
    sentCount: new Map(),
    rows: table.rows.length,
    nextRow: table.sheet ? table.grid.length + 1 : 0,
    today,
    items: new Map(),
    sheet: table.sheet,
  };
  for (const r of table.rows) {
    const key = cellToText(r.values.key, offset).trim();
    const state = stateOf(r.values.state);
    if (!key || !state) continue;
    log.items.set(r.row, {
      key,
      state,
      day: cellToIsoDate(r.values.at, offset) ?? '',
    });
  }
  fold(log);
  return log;
}

/**
 * Brings a log read earlier in the run up to date with rows this run has just written at
 * `firstRow` (appended or rewritten in place), without reading the tab again. Only the daily job
 * (under the script lock) writes the keys it checks, so what it wrote is all that changed for them;
 * rows others append (links, under the document lock) only move the next free row, which
 * `appendMailLog` checks blank before it writes.
 */
export function noteMailLogWrite(
  log: MailLog,
  clock: RunClock,
  firstRow: number,
  entries: MailLogEntry[],
): void {
  if (firstRow < 2 || !entries.length) return;
  entries.forEach((e, i) => {
    const row = firstRow + i;
    if (!log.items.has(row)) log.rows++;
    log.items.set(row, {key: e.key, state: e.state, day: clock.today});
  });
  log.nextRow = Math.max(log.nextRow, firstRow + entries.length);
  fold(log);
}

/** `appendMailLog` at the log's next row, then `noteMailLogWrite`; returns the first row written. */
export function appendToMailLog(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  clock: RunClock,
  log: MailLog,
  entries: MailLogEntry[],
): number {
  const first = appendMailLog(ss, clock, entries, log.nextRow, log.sheet);
  noteMailLogWrite(log, clock, first, entries);
  return first;
}

/** `rewriteMailLog`, then `noteMailLogWrite`. */
export function rewriteInMailLog(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  clock: RunClock,
  log: MailLog,
  firstRow: number,
  entries: MailLogEntry[],
): void {
  rewriteMailLog(ss, clock, firstRow, entries);
  noteMailLogWrite(log, clock, firstRow, entries);
}

function toRecord(e: MailLogEntry, clock: RunClock): Record<string, unknown> {
  return {
    key: e.key,
    at: clock.now,
    to: e.to,
    subject: e.subject,
    kind: e.kind,
    periodId: e.periodId,
    state: MAIL_STATE_LABELS[e.state],
    note: e.note,
  };
}

/**
 * Replaces rows written ahead (from `firstRow`, as many as `entries`) with their outcomes, so
 * each item keeps one row (one write).
 */
export function rewriteMailLog(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  clock: RunClock,
  firstRow: number,
  entries: MailLogEntry[],
): void {
  if (firstRow < 2 || !entries.length) return;
  let range: GoogleAppsScript.Spreadsheet.Range;
  try {
    range = ss.getRange(
      a1Range(
        MAIL_LOG.name,
        firstRow,
        1,
        entries.length,
        MAIL_LOG.columns.length,
      ),
    );
  } catch {
    return; // no such tab (deleted meanwhile): nothing to replace
  }
  range.setValues(cells(entries, clock));
}

/**
 * Appends the run's rows in one write (creating the tab with its header if it is missing); returns
 * the first row written (0 when there was nothing to write). `at`: where this run expects the next
 * free row (`MailLog.nextRow` of its last read, or the row after its last append): used when those
 * rows still read blank (3 calls), else the last row is looked up (up to 7 calls).
 */
export function appendMailLog(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  clock: RunClock,
  entries: MailLogEntry[],
  at = 0,
  tab: GoogleAppsScript.Spreadsheet.Sheet | null = null,
): number {
  if (!entries.length) return 0;
  // Fast path (3 calls): the rows below the last one this run read, if they are still blank. Rows
  // another run added meanwhile are never overwritten: they make the rows not blank (slow path).
  if (at >= 2) {
    const n = entries.length;
    const width = MAIL_LOG.columns.length;
    const fast = (): boolean => {
      const range = tab
        ? tab.getRange(at, 1, n, width)
        : ss.getRange(a1Range(MAIL_LOG.name, at, 1, n, width));
      if (!range.getValues().every(r => r.every(isBlank))) return false;
      range.setValues(cells(entries, clock));
      return true;
    };
    try {
      if (fast()) return at;
    } catch {
      // Beyond the tab's last row (a long day's rows written ahead), or no such tab. With the tab
      // at hand, grow it with spare rows (the next days' rows then fit) and try again (3 calls).
      try {
        if (tab && growTo(tab, at + n - 1, n) && fast()) return at;
      } catch {
        // The slow path makes or grows the tab.
      }
    }
  }
  const sheet =
    ss.getSheetByName(MAIL_LOG.name) ?? ss.insertSheet(MAIL_LOG.name);
  if (sheet.getLastRow() === 0) {
    sheet
      .getRange(1, 1, 1, MAIL_LOG.columns.length)
      .setValues([MAIL_LOG.columns.map(c => c.header)]);
  }
  return appendRecords(
    sheet,
    MAIL_LOG,
    entries.map(e => toRecord(e, clock)),
    clock.offset,
  );
}

/** Blank rows kept below the log's last row when it grows (at least as many as were just written). */
export const MAIL_LOG_SPARE_ROWS = 200;

/**
 * Grows the tab to `lastRow` and spare rows below it, so a day as long as this one fits the next
 * day too; false when it was that tall already.
 */
function growTo(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  lastRow: number,
  written: number,
): boolean {
  const maxRows = sheet.getMaxRows();
  if (maxRows >= lastRow) return false;
  const spare = Math.max(MAIL_LOG_SPARE_ROWS, written);
  sheet.insertRowsAfter(maxRows, lastRow - maxRows + spare);
  return true;
}

const isBlank = (v: unknown) => v === '' || v === null || v === undefined;

function cells(entries: MailLogEntry[], clock: RunClock): unknown[][] {
  return entries.map(e =>
    recordToCells(MAIL_LOG, toRecord(e, clock), clock.offset),
  );
}
