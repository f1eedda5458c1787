// What the workbook holds before a plan import: set up or not, reported data or not, its units and periods.
import {normalizeKey} from '../../core/text';
import type {Unit, UnitGroup} from '../../core/types';
import {DEFAULT_PLAN} from '../../plan/defaultPlan';
import {runClock, type RunClock} from '../../services/clock';
import {
  activeUserEmail,
  effectiveUserEmail,
  spreadsheetOwnerEmail,
} from '../../services/user';
import {SUMMARY_PREFIX, TASKS, VILLAGE_REPORTS} from '../../workbook/schema';
import type {Settings} from '../../workbook/settings';
import {readTable} from '../../workbook/table';
import {
  isAdminEmail,
  loadWorkbook,
  type WorkbookData,
} from '../../workbook/workbook';

export interface ImportWorkbookState {
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet;
  clock: RunClock;
  data: WorkbookData;
  settings: Settings;
  /** The Nhiệm vụ tab has tasks: there is a plan to roll over. */
  hasPlan: boolean;
  /** Vietnamese reasons the workbook counts as holding data (reports, village reports, summaries). */
  dataReasons: string[];
  /** Units and groups names are resolved against: the workbook's, or the default plan's before set-up. */
  units: Unit[];
  groups: UnitGroup[];
  /** The number after the highest "KY<n>" period id, so new periods never reuse an old id. */
  nextPeriodNumber: number;
  isAdmin: boolean;
  user: string;
}

/** Reads the state (one read per data tab plus the village reports' size). */
export function readImportState(): ImportWorkbookState {
  const ss = SpreadsheetApp.getActive();
  const clock = runClock(Session.getScriptTimeZone() || 'Asia/Ho_Chi_Minh');
  const data = loadWorkbook(ss, clock.offset);
  const settings = data.settings;
  const user = activeUserEmail() || effectiveUserEmail();
  const isAdmin = isAdminEmail(settings, user, spreadsheetOwnerEmail(ss));
  const dataReasons: string[] = [];
  const reported = data.assignments.filter(
    a =>
      a.updatedAt ||
      a.progress !== 'not_started' ||
      a.result.trim() ||
      a.evidence.length,
  ).length;
  if (reported) dataReasons.push(`${reported} phân công đã có báo cáo`);
  const villageReports = readTable(ss, VILLAGE_REPORTS).rows.length;
  if (villageReports) dataReasons.push(`${villageReports} báo cáo thôn`);
  const summaries = ss
    .getSheets()
    .map(s => s.getName())
    .filter(n => n.startsWith(`${SUMMARY_PREFIX} `)).length;
  if (summaries) dataReasons.push(`${summaries} trang tổng hợp`);
  let max = 0;
  for (const p of data.periods) {
    const m = /^KY(\d+)$/i.exec(normalizeKey(p.id).toUpperCase());
    if (m) max = Math.max(max, Number(m[1]));
  }
  const hasPlan = data.tables.tasks.sheet !== null && data.tasks.length > 0;
  return {
    ss,
    clock,
    data,
    settings,
    hasPlan,
    dataReasons,
    units: data.tables.units.rows.length ? data.units : DEFAULT_PLAN.units,
    groups: data.tables.groups.rows.length ? data.groups : DEFAULT_PLAN.groups,
    nextPeriodNumber: max + 1,
    isAdmin,
    user,
  };
}

/** The tab name of the tasks, for messages. */
export const TASKS_TAB = TASKS.name;
