// Use case "Lập tổng hợp": computes a period's summary and writes its tab, from the menu or the daily job.
import {partitionAddresses} from '../core/trustedPeople';
import {formatVnDate} from '../core/dates';
import {periodAt, sortPeriods} from '../core/periods';
import {
  computeSummary,
  type Summary,
  type SummaryCount,
  type SummaryTotals,
} from '../core/summary';
import {formatVnDateTime, summaryToGrid} from '../core/summaryGrid';
import {summaryHeadline} from '../core/summaryMail';
import {
  blockRows,
  parseBlockFiles,
  summaryBlock,
  summaryFilesKey,
} from '../core/summaryBlock';
import {summaryFigures} from '../core/summaryFigures';
import {normalizeKey} from '../core/text';
import type {ReportingPeriod} from '../core/types';
import {now, runClock, type RunClock} from '../services/clock';
import {withDocumentLock} from '../services/lock';
import {getDocProperty, setDocProperty} from '../services/properties';
import {getUiOrNull, toast} from '../services/ui';
import {
  activeUserEmail,
  effectiveUserEmail,
  spreadsheetOwnerEmail,
} from '../services/user';
import {dateToIsoDateTime} from '../workbook/cells';
import {appendHistory, type HistoryEntry} from '../workbook/history';
import {rowToPeriod, type PeriodRecord} from '../workbook/records';
import {PERIODS} from '../workbook/schema';
import {parseSettings, type Settings} from '../workbook/settings';
import {
  peekSlowTabs,
  readSlowTabs,
  type SlowTabs,
  type SlowTabsRead,
} from '../workbook/snapshot';
import {DEFAULT_PLAN} from '../plan/defaultPlan';
import {
  archivedSheetName,
  parseSummaryMeta,
  parseTabState,
  renameToFree,
  summaryMetaKey,
  summaryNote,
  summarySheetName,
  summaryTabStateKey,
  writeSummaryTab,
  type SummaryMeta,
  type SummaryTabState,
} from '../workbook/summarySheet';
import {
  chartSpecs,
  chartsSignature,
  syncChartsKnown,
} from '../workbook/summaryCharts';
import {readTable} from '../workbook/table';
import {
  loadVillageReports,
  type StoredVillageReportRecord,
} from '../workbook/villageReports';
import {
  isAdminEmail,
  loadWorkbook,
  settingsValues,
  type WorkbookData,
} from '../workbook/workbook';

/** What a build did (plain JSON: it crosses google.script.run and the preview). */
export interface SummaryBuildResult {
  ok: boolean;
  /** false when nothing was written (cancelled, unknown period, past period kept). */
  built: boolean;
  /** Why nothing was built. */
  skipped?:
    'cancelled' | 'past' | 'unknown_period' | 'no_periods' | 'not_admin';
  periodId: string;
  periodName: string;
  sheetName: string;
  /** The tab's id (for "#gid=" links), 0 when not built. */
  sheetId: number;
  /** The old past summary's new name, when it was kept aside. */
  archivedAs?: string;
  /** ISO timestamp the figures are as of. */
  asOf: string;
  counts: SummaryCount[];
  totals: SummaryTotals | null;
  /** One Vietnamese line of the figures. */
  headline: string;
  /** Rows written. */
  rows: number;
  /** Vietnamese message shown to the user. */
  message: string;
}

export interface BuildOptions {
  /** The moment the figures are as of (default: now). */
  at?: Date;
  /**
   * Rebuild a past period's summary (its reporting date before today): the old tab is kept,
   * renamed "Tổng hợp <kỳ> (bản dd/MM/yyyy)". Without it a past period's summary is left as built.
   */
  force?: boolean;
  /** 'auto' when the daily job builds. */
  mode?: 'manual' | 'auto';
  /** Collect the history row here instead of writing it (the daily job writes its rows at once). */
  history?: HistoryEntry[];
  /**
   * The workbook as the caller already read it in this run (the daily job): used instead of reading
   * the six tabs again. The build writes only its own tab, so no fresher copy is needed.
   */
  workbook?: WorkbookData;
  /** The village reports as the caller already read them in this run. */
  villageReports?: StoredVillageReportRecord[];
  /**
   * Build only if this user is an admin by the tabs read under the lock (the menu when its first
   * check could not be made from the cache); otherwise nothing is written ('not_admin').
   */
  adminCheck?: string;
}

function scriptTimeZone(): string {
  return Session.getScriptTimeZone() || 'Asia/Ho_Chi_Minh';
}

/**
 * The settings, the periods (sorted) and the owner, for a menu's first questions (is this an admin?
 * which period?) before any lock is taken: from the document-cache snapshot when it is current (no
 * spreadsheet call), else read live. What runs under the lock reads the tabs again.
 */
export function preflight(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  offset: number,
): Preflight {
  const slow = readSlowTabs(ss);
  return {...preflightFrom(slow, offset), tabs: slow.tabs};
}

/** preflight's answers, and the slow tabs they came from (for a computation that reads no more of them). */
export interface Preflight {
  settings: Settings;
  periods: PeriodRecord[];
  owner: string;
  /** As read (the current snapshot, or live just now). */
  tabs: SlowTabs;
}

/** preflight's answers from slow tabs already read (from the cache or live). */
function preflightFrom(
  slow: SlowTabsRead,
  offset: number,
): {settings: Settings; periods: PeriodRecord[]; owner: string} {
  return {
    settings: parseSettings(
      settingsValues(slow.tabs.settings, offset),
      DEFAULT_PLAN,
    ),
    periods: sortPeriods(
      slow.tabs.periods.rows
        .map(r => rowToPeriod(r, offset))
        .filter((p): p is PeriodRecord => p !== null),
    ) as PeriodRecord[],
    owner: slow.owner,
  };
}

/** The periods tab, read alone (one range read): for choosing a period before any lock is taken. */
export function readPeriods(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  offset: number,
): PeriodRecord[] {
  return sortPeriods(
    readTable(ss, PERIODS)
      .rows.map(r => rowToPeriod(r, offset))
      .filter((p): p is PeriodRecord => p !== null),
  ) as PeriodRecord[];
}

/** A period by id, compared case- and spacing-insensitively. */
export function findPeriod<P extends ReportingPeriod>(
  periods: P[],
  id: string,
): P | null {
  const key = normalizeKey(id);
  return (
    periods.find(p => p.id === id) ??
    periods.find(p => normalizeKey(p.id) === key) ??
    null
  );
}

/** The period the menu proposes: the current one, else (all past) the last one. */
export function defaultPeriod<P extends ReportingPeriod>(
  periods: P[],
  today: string,
): P | null {
  const current = periodAt(periods, today) as P | null;
  if (current) return current;
  const sorted = sortPeriods(periods) as P[];
  return sorted.length ? sorted[sorted.length - 1] : null;
}

function emptyResult(
  periodId: string,
  skipped: SummaryBuildResult['skipped'],
  message: string,
): SummaryBuildResult {
  return {
    ok: skipped === 'cancelled' || skipped === 'past',
    built: false,
    skipped,
    periodId,
    periodName: '',
    sheetName: periodId ? summarySheetName(periodId) : '',
    sheetId: 0,
    asOf: '',
    counts: [],
    totals: null,
    headline: '',
    rows: 0,
    message,
  };
}

/** The build metadata of a period's current summary tab, or null. */
export function readSummaryMeta(periodId: string): SummaryMeta | null {
  return parseSummaryMeta(getDocProperty(summaryMetaKey(periodId)));
}

/**
 * Computes a period's summary from the workbook as it is now, without writing anything (7 range
 * reads; 2 when `slow`, the settings, tasks, units, groups and periods this run has just read, is
 * given). For the exports and the preview.
 */
export function computeSummaryFor(
  periodId: string,
  at: Date = now(),
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet = SpreadsheetApp.getActive(),
  slow?: SlowTabs,
): Summary {
  const clock = runClock(scriptTimeZone(), at);
  // The slow tabs given were read by this run's preflight: only the assignments are read here.
  const given = slow && loadWorkbook(ss, clock.offset, undefined, slow);
  const {data, period} = loadFor(ss, clock, periodId, given);
  return summarize(ss, clock, data, period);
}

/**
 * The workbook (6 range reads, none when `given`) and the period; throws a Vietnamese message for
 * an unknown id.
 */
function loadFor(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  clock: RunClock,
  periodId: string,
  given?: WorkbookData,
): {data: WorkbookData; period: PeriodRecord} {
  const data = given ?? loadWorkbook(ss, clock.offset);
  const period = findPeriod(data.periods, periodId);
  if (!period) {
    throw new Error(
      `Không tìm thấy kỳ báo cáo "${periodId}" ở trang ${PERIODS.name}.`,
    );
  }
  return {data, period};
}

/** The summary from the loaded workbook and the village reports (1 more range read unless given). */
function summarize(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  clock: RunClock,
  data: WorkbookData,
  period: PeriodRecord,
  villageReports?: StoredVillageReportRecord[],
): Summary {
  return computeSummary({
    ...data,
    villageReports: villageReports ?? loadVillageReports(ss, clock.offset),
    periodId: period.id,
    asOf: dateToIsoDateTime(clock.now, clock.offset),
    offset: clock.offset,
  });
}

/**
 * Builds the summary of one period and writes its tab "Tổng hợp <kỳ>", holding the document lock:
 * a bounded number of spreadsheet calls whatever the plan's size. The current period's tab is
 * replaced in place. A past period's tab (reporting date before today) is left as it was built
 * unless `force`, and then it is kept aside as "Tổng hợp <kỳ> (bản dd/MM/yyyy)".
 */
export function buildSummaryFor(
  periodId: string,
  options: BuildOptions = {},
): SummaryBuildResult {
  return buildSummaryModel(periodId, options).result;
}

/** What a build hands back: the result, the summary written and the tab (null when not built). */
export interface BuiltSummary {
  result: SummaryBuildResult;
  summary: Summary | null;
  sheet: GoogleAppsScript.Spreadsheet.Sheet | null;
  /** The period found (null when refused before looking). */
  period: PeriodRecord | null;
}

/** Like `buildSummaryFor`, also handing back the summary it wrote and its tab. */
export function buildSummaryModel(
  periodId: string,
  options: BuildOptions = {},
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet = SpreadsheetApp.getActive(),
): BuiltSummary {
  return withDocumentLock(() => buildLocked(ss, periodId, options), 60000);
}

function buildLocked(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  periodId: string,
  options: BuildOptions,
): BuiltSummary {
  const clock = runClock(scriptTimeZone(), options.at ?? now());
  const loaded = options.workbook ?? loadWorkbook(ss, clock.offset);
  if (options.adminCheck !== undefined) {
    const refused = menuChecks(ss, loaded, periodId, options.adminCheck);
    if (refused)
      return {result: refused, summary: null, sheet: null, period: null};
  }
  const {data, period} = loadFor(ss, clock, periodId, loaded);
  const name = summarySheetName(period.id);
  const existing = ss.getSheetByName(name);
  const past = period.due < clock.today;
  let archivedAs: string | undefined;
  if (existing && past) {
    if (!options.force) {
      const result: SummaryBuildResult = {
        ...emptyResult(
          period.id,
          'past',
          `Kỳ ${period.id} đã qua hạn báo cáo (${formatVnDate(period.due)}): giữ nguyên bản tổng hợp đã lập.`,
        ),
        periodName: period.name,
        sheetId: existing.getSheetId(),
      };
      return {result, summary: null, sheet: null, period};
    }
    const old = readSummaryMeta(period.id);
    const builtOn = (old && old.asOf.slice(0, 10)) || clock.today;
    archivedAs = renameToFree(
      ss,
      existing,
      archivedSheetName(period.id, builtOn),
    );
  }

  const summary = summarize(ss, clock, data, period, options.villageReports);
  const grid = summaryToGrid(summary);
  const meta: SummaryMeta = {
    periodId: period.id,
    asOf: summary.header.asOf,
    builtBy: activeUserEmail() || effectiveUserEmail(),
    sheetName: name,
    mode: options.mode ?? 'manual',
  };
  // The machine-readable block (for the city) and the charts, beside the grid.
  const figures = summaryFigures(summary);
  const layout = blockRows(
    summaryBlock(
      summary,
      figures,
      parseBlockFiles(getDocProperty(summaryFilesKey(period.id))),
    ),
  );
  // A tab renamed aside (archivedAs) is no longer `existing`: the new one starts from nothing.
  const stateKey = summaryTabStateKey(name);
  const previous =
    existing && !archivedAs ? parseTabState(getDocProperty(stateKey)) : null;
  const specs = chartSpecs(layout, figures);
  const written = writeSummaryTab(
    ss,
    grid,
    name,
    summaryNote(meta, formatVnDateTime(meta.asOf, clock.offset)),
    layout,
    {
      editors: partitionAddresses(data.settings.adminEmails).valid,
      me: effectiveUserEmail(),
    },
    {existing: archivedAs ? null : existing, previous, charts: specs},
  );
  const sheet = written.sheet;
  // A new tab's charts came with its look; the next build takes them as its own (syncChartsKnown).
  const charts = written.charted
    ? {charts: chartsSignature(specs), chartIds: []}
    : syncChartsKnown(
        sheet,
        specs,
        previous && previous.id === written.id ? previous : null,
        written.created,
      );
  const state: SummaryTabState = {
    id: written.id,
    look: written.look,
    ...charts,
  };
  const stateText = JSON.stringify(state);
  if (stateText !== JSON.stringify(previous))
    setDocProperty(stateKey, stateText);
  setDocProperty(summaryMetaKey(period.id), JSON.stringify(meta));

  const headline = summaryHeadline(summary);
  const entry: HistoryEntry = {
    action: options.mode === 'auto' ? 'Lập tổng hợp tự động' : 'Lập tổng hợp',
    target: name,
    note: archivedAs
      ? `${headline} Bản cũ được giữ lại: ${archivedAs}.`
      : headline,
  };
  if (options.history) options.history.push(entry);
  else appendHistory(ss, clock, [entry]);

  const result: SummaryBuildResult = {
    ok: true,
    built: true,
    periodId: period.id,
    periodName: period.name,
    sheetName: name,
    sheetId: written.id,
    archivedAs,
    asOf: summary.header.asOf,
    counts: summary.counts,
    totals: summary.totals,
    headline,
    rows: grid.rows.length,
    message:
      `Đã lập "${name}" (số liệu tính đến ${formatVnDateTime(summary.header.asOf, clock.offset)}). ${headline}` +
      (archivedAs
        ? ` Bản tổng hợp trước được giữ lại ở trang "${archivedAs}".`
        : ''),
  };
  return {result, summary, sheet, period};
}

/**
 * The menu's first questions, answered from the tabs read under the lock: the user must be an admin
 * (the owner looked up only when the settings do not list them), and the period must exist.
 */
function menuChecks(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  data: WorkbookData,
  periodId: string,
  user: string,
): SummaryBuildResult | null {
  if (
    !isAdminEmail(data.settings, user, '') &&
    !isAdminEmail(data.settings, user, spreadsheetOwnerEmail(ss))
  )
    return emptyResult('', 'not_admin', NOT_ADMIN_MESSAGE);
  if (!data.periods.length) return emptyResult('', 'no_periods', NO_PERIODS);
  if (!findPeriod(data.periods, periodId))
    return emptyResult(
      periodId,
      'unknown_period',
      unknownPeriodMessage(periodId, sortPeriods(data.periods)),
    );
  return null;
}

function unknownPeriodMessage(id: string, periods: ReportingPeriod[]): string {
  return `Không có kỳ báo cáo mã "${id}". Các mã hiện có: ${periods.map(p => p.id).join(', ')}.`;
}

/** The prompt's list of periods: "KY1: Kỳ 1 … — hạn 03/09/2025 (đã qua)". */
function periodList(periods: ReportingPeriod[], today: string): string {
  return periods
    .map(p => {
      const kind = p.kind === 'adhoc' ? ', đột xuất' : '';
      const past = p.due < today ? ' (đã qua hạn)' : '';
      return `• ${p.id}: ${p.name} — hạn ${formatVnDate(p.due)}${kind}${past}`;
    })
    .join('\n');
}

const NOT_ADMIN_MESSAGE =
  'Chỉ cán bộ quản trị (Phòng Văn hóa - Xã hội) được lập tổng hợp. Vui lòng liên hệ người quản trị.';
const NO_PERIODS = `Chưa có kỳ báo cáo nào. Vui lòng thêm kỳ báo cáo ở trang ${PERIODS.name} (hoặc chạy "Thiết lập / sửa chữa bảng tính").`;

/**
 * Menu "Lập tổng hợp ngay": asks which period (blank = the current one; ad-hoc periods listed too),
 * asks before replacing a past period's summary, builds it, and opens its tab. `periodId` (from the
 * preview or google.script.run) skips the question.
 *
 * The first questions (is this an admin? which period?) use the cached snapshot of the slow tabs
 * when it is current. With a period given and no current snapshot nothing is read before the lock:
 * the build itself checks the admin from the tabs it reads under the lock and writes nothing for
 * anyone else, and a past period's tab (found by the build, which then leaves it as it is) is
 * rebuilt only after the user says yes.
 */
export function runBuildSummary(periodId?: unknown): SummaryBuildResult {
  const ss = SpreadsheetApp.getActive();
  const clock = runClock(scriptTimeZone());
  let uiRead = false;
  let uiObject: GoogleAppsScript.Base.Ui | null = null;
  const getUi = () => {
    if (!uiRead) {
      uiObject = getUiOrNull();
      uiRead = true;
    }
    return uiObject;
  };
  const alert = (title: string, message: string) => {
    const ui = getUi();
    if (ui) ui.alert(title, message, ui.ButtonSet.OK);
  };
  const given = typeof periodId === 'string' ? periodId.trim() : '';
  const user = activeUserEmail() || effectiveUserEmail();
  const slow = given ? peekSlowTabs() : readSlowTabs(ss);
  if (!slow) return buildGiven(ss, clock, given, user, getUi, alert);
  const {settings, periods, owner} = preflightFrom(slow, clock.offset);
  if (!isAdminEmail(settings, user, owner)) {
    alert('Không có quyền', NOT_ADMIN_MESSAGE);
    return emptyResult('', 'not_admin', NOT_ADMIN_MESSAGE);
  }
  if (!periods.length) {
    alert('Chưa có kỳ báo cáo', NO_PERIODS);
    return emptyResult('', 'no_periods', NO_PERIODS);
  }
  const proposed = defaultPeriod(periods, clock.today) as PeriodRecord;

  let chosen: PeriodRecord | null = proposed;
  if (given) {
    chosen = findPeriod(periods, given);
  } else {
    const ui = getUi();
    if (ui) {
      const answer = ui.prompt(
        'Lập tổng hợp',
        `Nhập mã kỳ báo cáo cần lập tổng hợp, hoặc để trống để lập cho kỳ ${proposed.id} (${proposed.name}).\n\nCác kỳ báo cáo:\n${periodList(periods, clock.today)}`,
        ui.ButtonSet.OK_CANCEL,
      );
      if (answer.getSelectedButton() !== ui.Button.OK) {
        return emptyResult('', 'cancelled', 'Đã hủy lập tổng hợp.');
      }
      const text = answer.getResponseText().trim();
      chosen = text ? findPeriod(periods, text) : proposed;
      if (!chosen) {
        const message = unknownPeriodMessage(text, periods);
        alert('Không tìm thấy kỳ báo cáo', message);
        return emptyResult(text, 'unknown_period', message);
      }
    }
  }
  if (!chosen) {
    const message = unknownPeriodMessage(given, periods);
    alert('Không tìm thấy kỳ báo cáo', message);
    return emptyResult(given, 'unknown_period', message);
  }

  const name = summarySheetName(chosen.id);
  if (chosen.due < clock.today && ss.getSheetByName(name)) {
    const ui = getUi();
    if (ui && !confirmPast(ui, chosen.id, chosen.due, clock.today)) {
      return emptyResult(
        chosen.id,
        'cancelled',
        `Đã giữ nguyên bản tổng hợp của kỳ ${chosen.id}.`,
      );
    }
  }
  toast(`Đang lập tổng hợp kỳ ${chosen.id}…`, 'Lập tổng hợp', 30, ss);
  return opened(ss, buildSummaryModel(chosen.id, {force: true}, ss));
}

/** Asks before a past period's summary is replaced (the old tab is kept); true on "Yes". */
function confirmPast(
  ui: GoogleAppsScript.Base.Ui,
  periodId: string,
  due: string,
  today: string,
): boolean {
  const old = readSummaryMeta(periodId);
  const keptAs = archivedSheetName(
    periodId,
    (old && old.asOf.slice(0, 10)) || today,
  );
  const button = ui.alert(
    'Lập lại tổng hợp của kỳ đã qua?',
    `Kỳ ${periodId} đã qua hạn báo cáo (${formatVnDate(due)}). Bản tổng hợp đã lập sẽ được giữ lại với tên "${keptAs}" và một bản mới được lập theo số liệu hiện tại. Tiếp tục?`,
    ui.ButtonSet.YES_NO,
  );
  return button === ui.Button.YES;
}

/** The built tab made active and the result told (a toast). */
function opened(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  built: BuiltSummary,
): SummaryBuildResult {
  if (built.sheet) ss.setActiveSheet(built.sheet);
  toast(built.result.message, 'Đã lập tổng hợp', 10, ss);
  return built.result;
}

/**
 * A given period without a current snapshot: the build checks the admin and finds the period under
 * the lock. A past period's tab is left as it is by that build; it is rebuilt once the user says yes
 * (without a UI, as before, at once).
 */
function buildGiven(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  clock: RunClock,
  given: string,
  user: string,
  getUi: () => GoogleAppsScript.Base.Ui | null,
  alert: (title: string, message: string) => void,
): SummaryBuildResult {
  toast(`Đang lập tổng hợp kỳ ${given}…`, 'Lập tổng hợp', 30, ss);
  let built = buildSummaryModel(given, {adminCheck: user}, ss);
  const r = built.result;
  const titles: Partial<Record<string, string>> = {
    not_admin: 'Không có quyền',
    no_periods: 'Chưa có kỳ báo cáo',
    unknown_period: 'Không tìm thấy kỳ báo cáo',
  };
  const title = r.skipped ? titles[r.skipped] : undefined;
  if (title) {
    alert(title, r.message);
    return r;
  }
  if (r.skipped === 'past' && built.period) {
    const ui = getUi();
    if (ui && !confirmPast(ui, r.periodId, built.period.due, clock.today)) {
      return emptyResult(
        r.periodId,
        'cancelled',
        `Đã giữ nguyên bản tổng hợp của kỳ ${r.periodId}.`,
      );
    }
    built = buildSummaryModel(r.periodId, {adminCheck: user, force: true}, ss);
  }
  return opened(ss, built);
}
