// The mail-log tab (Thư đã gửi): which reminder keys went out, read once a run and appended once a run.
import type {RunClock} from '../services/clock';
import {cellToIsoDate, cellToText, type TzOffset} from './cells';
import {MAIL_LOG} from './schema';
import {appendRecords, readTable} from './table';

/** What happened to one item of an e-mail. */
export type MailState = 'sent' | 'deferred' | 'failed';

/** The state column's Vietnamese labels. */
export const MAIL_STATE_LABELS: Readonly<Record<MailState, string>> = {
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
  /** Keys dealt with for good: sent, or failed (a bad address is reported once, not retried daily). */
  done: Set<string>;
  /** Keys logged as deferred today (not logged again by a second run the same day). */
  deferredToday: Set<string>;
  /** Keys sent, per key the number of times (more than 1 would be a bug). */
  sentCount: Map<string, number>;
  rows: number;
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

/** Reads the mail log in one range read. A missing tab reads as empty. */
export function loadMailLog(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  offset: TzOffset,
  today: string,
): MailLog {
  const table = readTable(ss, MAIL_LOG);
  const log: MailLog = {
    done: new Set(),
    deferredToday: new Set(),
    sentCount: new Map(),
    rows: table.rows.length,
  };
  for (const r of table.rows) {
    const key = cellToText(r.values.key, offset).trim();
    const state = stateOf(r.values.state);
    if (!key || !state) continue;
    if (state === 'sent') {
      log.sentCount.set(key, (log.sentCount.get(key) ?? 0) + 1);
    }
    if (state === 'sent' || state === 'failed') log.done.add(key);
    else if (cellToIsoDate(r.values.at, offset) === today) {
      log.deferredToday.add(key);
    }
  }
  return log;
}

/** Appends the run's rows in one write (creating the tab with its header if it is missing). */
export function appendMailLog(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  clock: RunClock,
  entries: MailLogEntry[],
): void {
  if (!entries.length) return;
  const sheet =
    ss.getSheetByName(MAIL_LOG.name) ?? ss.insertSheet(MAIL_LOG.name);
  if (sheet.getLastRow() === 0) {
    sheet
      .getRange(1, 1, 1, MAIL_LOG.columns.length)
      .setValues([MAIL_LOG.columns.map(c => c.header)]);
  }
  appendRecords(
    sheet,
    MAIL_LOG,
    entries.map(e => ({
      key: e.key,
      at: clock.now,
      to: e.to,
      subject: e.subject,
      kind: e.kind,
      periodId: e.periodId,
      state: MAIL_STATE_LABELS[e.state],
      note: e.note,
    })),
    clock.offset,
  );
}
