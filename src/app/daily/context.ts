// What every step of the daily job gets: the spreadsheet, the run's clock, the workbook and a place for notes.
import type {RunClock} from '../../services/clock';
import type {HistoryEntry} from '../../workbook/history';
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

export interface DailyContext {
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet;
  clock: RunClock;
  /** The workbook, read once on first use and shared by the steps. */
  workbook(): WorkbookData;
  /**
   * Reads the workbook again (a step about to write does so under the document lock) and shares
   * that fresh copy with the steps after it.
   */
  reload(): WorkbookData;
  /** Extra history rows; written with the run's own row in one write at the end. */
  history: HistoryEntry[];
}

/** A context whose workbook is read once, on first use. */
export function dailyContext(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  clock: RunClock,
): DailyContext {
  let cached: WorkbookData | null = null;
  return {
    ss,
    clock,
    workbook() {
      if (!cached) cached = loadWorkbook(ss, clock.offset);
      return cached;
    },
    reload() {
      cached = loadWorkbook(ss, clock.offset);
      return cached;
    },
    history: [],
  };
}
