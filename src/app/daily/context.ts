// What every step of the daily job gets: the spreadsheet, the run's clock, the workbook and a place for notes.
import type {RunClock} from '../../services/clock';
import type {OutgoingMail} from '../../services/mail';
import {spreadsheetOwnerEmail} from '../../services/user';
import type {HistoryEntry} from '../../workbook/history';
import {
  loadMailLog,
  type MailLog,
  type MailLogEntry,
} from '../../workbook/mailLog';
import {
  loadVillageReports,
  type StoredVillageReportRecord,
} from '../../workbook/villageReports';
import {loadWorkbook, type WorkbookData} from '../../workbook/workbook';

/** One independent step of the daily job (an error in one never stops the others). */
export interface DailyStep {
  /** Stable id, used in the history tab and the admin's error e-mail. */
  name: string;
  /** Vietnamese label. */
  label: string;
  /** Does the step's work; returns a one-line Vietnamese note for the run's history row. */
  run(ctx: DailyContext): string | void;
}

/** One e-mail a step decided to send, with the mail-log row of its key (see mailQueue.ts). */
export interface QueuedMail {
  /** Its mail-log row, the state aside ('sending' ahead, then the outcome). */
  entry: Omit<MailLogEntry, 'state'>;
  mail: OutgoingMail;
  /** Runs once the mail has gone (the step's own clean-up). */
  onSent?: () => void;
}

export interface DailyContext {
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet;
  clock: RunClock;
  /** The workbook, read once on first use and shared by the steps. */
  workbook(): WorkbookData;
  /**
   * Reads the workbook again (a step about to write does so under the document lock) and shares
   * that fresh copy with the steps after it. Tabs put in `readAhead` by an earlier step of this run
   * (live reads of tabs the reloading step does not write) are taken instead, once.
   */
  reload(): WorkbookData;
  /** Tabs an earlier step has just read live, for the next `reload` (see there). */
  readAhead: Partial<WorkbookData['tables']>;
  /**
   * The village reports, read once on first use and shared by the steps that only read them (the
   * summary, the reminders, the digest); none of the job's steps writes that tab.
   */
  villageReports(): StoredVillageReportRecord[];
  /**
   * The mail log, read once on first use and kept up to date by the steps with what they write
   * (`appendToMailLog` / `rewriteInMailLog`): only the daily job, under the script lock, writes
   * the keys it checks, so the steps after the first need not read the tab again.
   */
  mailLog(): MailLog;
  /** The spreadsheet owner's e-mail (lower case, '' when unknown), looked up once. */
  ownerEmail(): string;
  /** The spreadsheet's URL (for the mails' links), looked up once. */
  url(): string;
  /** Extra history rows; written with the run's own row in one write at the end. */
  history: HistoryEntry[];
  /**
   * Admin mails a step decided to send (the summary's), in order: the reminders step reserves them
   * in its write-ahead and sends them before its own; the job sends what is left at the end.
   */
  mailQueue: QueuedMail[];
}

/** A context whose workbook is read once, on first use. */
export function dailyContext(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  clock: RunClock,
): DailyContext {
  let cached: WorkbookData | null = null;
  let reports: StoredVillageReportRecord[] | null = null;
  let mailLog: MailLog | null = null;
  let owner: string | null = null;
  let url: string | null = null;
  const ctx: DailyContext = {
    ss,
    clock,
    workbook() {
      if (!cached) cached = ctx.reload();
      return cached;
    },
    reload() {
      cached = loadWorkbook(ss, clock.offset, undefined, ctx.readAhead);
      ctx.readAhead = {};
      return cached;
    },
    readAhead: {},
    villageReports() {
      if (!reports) reports = loadVillageReports(ss, clock.offset);
      return reports;
    },
    mailLog() {
      if (!mailLog) mailLog = loadMailLog(ss, clock.offset, clock.today);
      return mailLog;
    },
    ownerEmail() {
      if (owner === null) owner = spreadsheetOwnerEmail(ss);
      return owner;
    },
    url() {
      if (url === null) url = ss.getUrl();
      return url;
    },
    history: [],
    mailQueue: [],
  };
  return ctx;
}
