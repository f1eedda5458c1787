// The per-period summary (Tổng hợp): the model computed from the plan's state, and its cell layout.
import {daysBetween, formatVnDate} from './dates';
import {sortPeriods} from './periods';
import {escapeHtml} from './text';
import {
  dueDateOf,
  localDateOf,
  PROGRESS_LABELS,
  reportedInPeriod,
  rollUpTask,
  STATUS_LABELS,
  statusLabel,
  TIMELINESS_LABELS,
} from './status';
import {
  activeVillages,
  latestReports,
  quotaProgress,
  type StoredVillageReport,
  type VillageTaskAnswer,
} from './villageReports';
import type {
  Assignment,
  IsoDate,
  Progress,
  ReportingPeriod,
  Role,
  StatusLabel,
  Task,
  Timeline,
  Timeliness,
  Unit,
  UnitKind,
} from './types';

// ---------------------------------------------------------------------------------------------
// The model. Every field is plain JSON (dates as ISO text), so it crosses google.script.run and
// feeds the tab writer and the exports (PDF, .xlsx, draft report) alike.

/** The period the summary is for (ad-hoc periods included). */
export interface SummaryPeriod {
  id: string;
  name: string;
  kind: 'regular' | 'adhoc';
  start: IsoDate;
  due: IsoDate;
}

export interface SummaryHeader {
  commune: string;
  issuer: string;
  planTitle: string;
  planNumber: string;
  reportTo: string;
  period: SummaryPeriod;
  /** The moment the summary was computed: ISO timestamp with the plan zone's offset. */
  asOf: string;
  /** The calendar date of `asOf` in the plan's time zone: statuses are judged on this day. */
  asOfDate: IsoDate;
}

/** How many tasks carry one status label (every label is listed, zeros included). */
export interface SummaryCount {
  label: StatusLabel;
  count: number;
}

/** Headline figures of the summary. */
export interface SummaryTotals {
  tasks: number;
  assignments: number;
  /** Assignments marked done. */
  assignmentsDone: number;
  /** Assignments unfinished (not paused) and past their due date as of the summary's date. */
  assignmentsOverdue: number;
  /** Units listed in the units section (those with assignments). */
  units: number;
  /** Of those, the units that reported in the period. */
  unitsReported: number;
  /** Active villages. */
  villages: number;
  /** Of those, the villages with a valid village report for the period. */
  villagesReported: number;
}

/** What one unit reported on one task (one assignment). */
export interface SummaryResult {
  unitCode: string;
  unitName: string;
  role: Role;
  progress: Progress;
  /** The assignment's own status label as of the summary's date. */
  status: StatusLabel;
  /** Kết quả thực hiện (for a village with no entry of its own: its form answer for the task). */
  result: string;
  completedOn: IsoDate | null;
  /** Last report (ISO timestamp) or null. */
  updatedAt: string | null;
  updatedBy: string;
  /** Reported within the period's window [start, due] (or by the village form for the period). */
  reportedInPeriod: boolean;
  proposals: string;
}

/** "x of N villages" for a task with a per-village quota ("1 mô hình/thôn"). */
export interface SummaryQuota {
  tt: string;
  text: string;
  /** Required per village. */
  quota: number;
  /** Villages that met it. */
  done: number;
  /** Active villages. */
  total: number;
  /** "x/N thôn". */
  label: string;
  /** Names of the villages that have not met it yet. */
  missing: string[];
  /** Their codes, in the same order. */
  missingCodes: string[];
}

/** One task of the appendix, rolled up. */
export interface SummaryTaskRow {
  tt: string;
  text: string;
  /** Cơ quan chủ trì, as written. */
  lead: string;
  /** Cơ quan phối hợp, as written. */
  support: string;
  timelineText: string;
  product: string;
  /** The due date that counts (override, else parsed), or null for ongoing tasks. */
  due: IsoDate | null;
  status: StatusLabel;
  timeliness: Timeliness;
  /** No deadline of its own ("Thường xuyên", "… và các năm tiếp theo"). */
  ongoing: boolean;
  /** One Vietnamese sentence, e.g. "3/5 đơn vị đã hoàn thành; 1 đơn vị quá hạn". */
  progressSummary: string;
  /** One entry per assignment, lead units first, in the units tab's order. */
  results: SummaryResult[];
  /** Evidence links of every assignment (and village report answering the task), no repeats. */
  evidence: string[];
  /** Present when the plan sets a per-village quota for the task. */
  quota?: SummaryQuota;
}

/**
 * One unit with assignments. "Reported this period" means at least one of its assignments was
 * updated within the period's window [start, due] (by the unit, or for a village through its
 * form), or, for a village, that it sent a valid village report for the period.
 */
export interface SummaryUnitRow {
  code: string;
  name: string;
  kind: UnitKind;
  emails: string[];
  /** Its assignments (lead and support). */
  assignments: number;
  /** Of which it leads. */
  lead: number;
  done: number;
  /** Unfinished (not paused) and past due. */
  overdue: number;
  reportedThisPeriod: boolean;
  /**
   * Assignments still owing a report for the period: not updated in the window and not finished
   * before the period began.
   */
  notReported: number;
}

/** What one village answered for one task in its report. */
export interface SummaryVillageAnswer {
  tt: string;
  progress: Progress | null;
  count: number | null;
  summary: string;
}

/** One active village and its report for the period. */
export interface SummaryVillageRow {
  code: string;
  name: string;
  /** A valid village report for the period exists. */
  reported: boolean;
  /** When the newest valid report was sent (ISO), or null. */
  reportedAt: string | null;
  reporter: string;
  perTask: SummaryVillageAnswer[];
  /** Per quota task: whether this village has met it (so far). */
  quotas: {tt: string; met: boolean}[];
  difficulties: string;
  proposals: string;
  evidence: string[];
}

/** An assignment unfinished past its due date. */
export interface SummaryOverdueItem {
  tt: string;
  text: string;
  unitCode: string;
  unitName: string;
  role: Role;
  due: IsoDate;
  status: StatusLabel;
  /** Days from the due date to the summary's date (≥ 1). */
  daysLate: number;
}

/** A unit or village that has not reported in the period. */
export interface SummaryMissingReport {
  code: string;
  name: string;
  kind: UnitKind;
  emails: string[];
  /** Assignments still owing a report (0 for a village owing only its village report). */
  pending: number;
}

/** Tổng hợp: everything the tab and the exports show for one period. */
export interface Summary {
  header: SummaryHeader;
  /** Tasks per status label, every label in STATUS_LABELS order. */
  counts: SummaryCount[];
  totals: SummaryTotals;
  tasks: SummaryTaskRow[];
  units: SummaryUnitRow[];
  villages: SummaryVillageRow[];
  /** The quota tasks ("x of N"): the same objects as the tasks' `quota`. */
  quotas: SummaryQuota[];
  overdue: SummaryOverdueItem[];
  notReported: SummaryMissingReport[];
}

/** A task as the summary needs it: the plan's fields, its parsed timeline and the admin's override. */
export interface SummaryTaskInput extends Task {
  timeline: Timeline | null;
  dueOverride?: IsoDate | null;
}

/** The plan's settings the header shows. */
export interface SummarySettings {
  commune: string;
  issuer: string;
  planTitle: string;
  planNumber: string;
  reportTo: string;
  /** "Sắp đến hạn" threshold (default 3). */
  dueSoonDays?: number;
}

/** What `computeSummary` reads: the loaded workbook (WorkbookData fits), the village reports, when. */
export interface SummaryInput {
  settings: SummarySettings;
  tasks: SummaryTaskInput[];
  units: Unit[];
  periods: ReportingPeriod[];
  assignments: Assignment[];
  villageReports: StoredVillageReport[];
  periodId: string;
  /** ISO timestamp of the build ("2025-09-02T07:00:00+07:00"). */
  asOf: string;
  /** The plan zone's offset from UTC in minutes (default 420, Asia/Ho_Chi_Minh). */
  offset?: number;
}

// ---------------------------------------------------------------------------------------------
// The cell layout shared by the tab writer and the .xlsx exporter.

/** The parts of the summary tab, in order. */
export type SummarySectionKey =
  | 'counts'
  | 'tasks'
  | 'units'
  | 'villages'
  | 'quotas'
  | 'overdue'
  | 'notReported';

/** One part of the grid: a title row, a header row, then its body rows (at least one). */
export interface SummarySection {
  key: SummarySectionKey;
  /** "II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ". */
  title: string;
  /** 1-based row of the title. */
  titleRow: number;
  /** 1-based row of the column headings (titleRow + 1). */
  headerRow: number;
  /** 1-based first and last body rows (a section with no items has one "(Không có)" row). */
  firstRow: number;
  lastRow: number;
  header: string[];
  /** 1-based column holding a status label (for colouring), if any. */
  statusColumn?: number;
  /** 1-based column holding the "Đã báo cáo / Chưa báo cáo" text, if any. */
  reportedColumn?: number;
}

/** One cell value: text exactly as shown, or a number. */
export type SummaryCell = string | number;

/** The exact cells of the summary tab. */
export interface SummaryGrid {
  /** Every row has `width` cells. */
  rows: SummaryCell[][];
  width: number;
  /** The title and header lines at the top (1-based rows 1..headerRows). */
  headerRows: number;
  sections: SummarySection[];
  /** Column widths in pixels, one per column. */
  widths: number[];
  /** Rows that hold a total ("Tổng số"), 1-based. */
  totalRows: number[];
}

// ---------------------------------------------------------------------------------------------
// Computing the model.

const DEFAULT_OFFSET = 420;

/** The instant of an ISO timestamp, or NaN. */
function instant(timestamp: string | null): number {
  return timestamp ? Date.parse(timestamp) : NaN;
}

/** True when timestamp `a` is strictly later than `b` (as instants when both read, else as text). */
function isLater(a: string, b: string): boolean {
  const ta = instant(a);
  const tb = instant(b);
  if (!isNaN(ta) && !isNaN(tb)) return ta > tb;
  return a > b;
}

function unique(items: string[]): string[] {
  return [...new Set(items.map(s => s.trim()).filter(Boolean))];
}

/**
 * The periods whose village reports count towards a period's "x of N": every period due on or
 * before it (a model built in kỳ 1 still counts in kỳ 2), ad-hoc ones included.
 */
export function periodsUpTo(
  periods: ReportingPeriod[],
  period: ReportingPeriod,
): ReportingPeriod[] {
  const upTo = sortPeriods(periods).filter(p => p.due <= period.due);
  return upTo.some(p => p.id === period.id) ? upTo : [...upTo, period];
}

interface VillageAnswerSource {
  answer: VillageTaskAnswer;
  report: StoredVillageReport;
}

/** Newest valid answer of each village for each task, over the given periods: key village + tt. */
function villageAnswers(
  reports: StoredVillageReport[],
  periodIds: string[],
): Map<string, VillageAnswerSource> {
  const out = new Map<string, VillageAnswerSource>();
  for (const id of periodIds) {
    for (const report of latestReports(reports, id)) {
      for (const answer of report.tasks) {
        const key = `${report.unitCode}\u0000${answer.tt}`;
        const current = out.get(key);
        if (
          !current ||
          isLater(report.submittedAt, current.report.submittedAt)
        ) {
          out.set(key, {answer, report});
        }
      }
    }
  }
  return out;
}

/**
 * A village's assignment as its newest form answer for the task states it, when that answer is
 * newer than what the sheet holds: progress, result (the answer's text), report time and reporter.
 * Villages report by form, not in the sheet, so without this their work would never show.
 */
function withVillageAnswer(
  a: Assignment,
  source: VillageAnswerSource | undefined,
  offset: number,
): Assignment {
  if (!source) return a;
  const at = source.report.submittedAt;
  if (a.updatedAt && !isLater(at, a.updatedAt)) return a;
  const progress = source.answer.progress ?? a.progress;
  return {
    ...a,
    progress,
    completedOn:
      progress === 'done' ? (a.completedOn ?? localDateOf(at, offset)) : null,
    result: source.answer.summary || a.result,
    evidence: unique([...a.evidence, ...source.report.evidence]),
    updatedAt: at,
    updatedBy: source.report.reporter || a.updatedBy,
  };
}

/** True when an unfinished, unpaused assignment is past its due date on `today`. */
function isOverdue(
  a: Assignment,
  due: IsoDate | null,
  today: IsoDate,
): boolean {
  return (
    due !== null &&
    a.progress !== 'done' &&
    a.progress !== 'paused' &&
    today > due
  );
}

/**
 * Computes the summary of one period as of a moment: tasks rolled up with `rollUpTask` (the
 * period's window decides "reported"), units, villages and their reports, per-village quotas
 * (tasks with `quotaPerVillage`), overdue assignments and who has not reported. Pure: the same
 * input gives the same summary. Throws when the period id is unknown.
 */
export function computeSummary(input: SummaryInput): Summary {
  const offset = input.offset ?? DEFAULT_OFFSET;
  const period = input.periods.find(p => p.id === input.periodId);
  if (!period) {
    throw new Error(`Không tìm thấy kỳ báo cáo "${input.periodId}".`);
  }
  const asOfDate = localDateOf(input.asOf, offset) ?? input.asOf.slice(0, 10);
  const soonDays = input.settings.dueSoonDays ?? 3;

  const unitByCode = new Map(input.units.map(u => [u.code, u] as const));
  const unitIndex = new Map(input.units.map((u, i) => [u.code, i] as const));
  const villages = activeVillages(input.units);
  const periodIds = periodsUpTo(input.periods, period).map(p => p.id);
  const answers = villageAnswers(input.villageReports, periodIds);
  const thisPeriod = new Map(
    latestReports(input.villageReports, period.id).map(
      r => [r.unitCode, r] as const,
    ),
  );

  // Assignments by task, as the summary judges them (overrides and village answers applied).
  const taskByTt = new Map(input.tasks.map(t => [t.tt, t] as const));
  const byTask = new Map<string, Assignment[]>();
  for (const raw of input.assignments) {
    const task = taskByTt.get(raw.tt);
    if (!task) continue; // no longer in the plan
    const a = withVillageAnswer(
      {...raw, dueOverride: raw.dueOverride ?? task.dueOverride ?? null},
      answers.get(`${raw.unitCode}\u0000${raw.tt}`),
      offset,
    );
    const list = byTask.get(a.tt);
    if (list) list.push(a);
    else byTask.set(a.tt, [a]);
  }
  const order = (a: Assignment, b: Assignment) =>
    (a.role === b.role ? 0 : a.role === 'lead' ? -1 : 1) ||
    (unitIndex.get(a.unitCode) ?? Infinity) -
      (unitIndex.get(b.unitCode) ?? Infinity) ||
    a.id.localeCompare(b.id);

  interface UnitTally {
    assignments: number;
    lead: number;
    done: number;
    overdue: number;
    reported: number;
    notReported: number;
  }
  const tallies = new Map<string, UnitTally>();
  const tally = (code: string): UnitTally => {
    let t = tallies.get(code);
    if (!t) {
      t = {
        assignments: 0,
        lead: 0,
        done: 0,
        overdue: 0,
        reported: 0,
        notReported: 0,
      };
      tallies.set(code, t);
    }
    return t;
  };

  const quotas: SummaryQuota[] = [];
  const overdue: SummaryOverdueItem[] = [];
  const tasks: SummaryTaskRow[] = input.tasks.map(task => {
    const own = (byTask.get(task.tt) ?? []).sort(order);
    const roll = rollUpTask(own, {
      timeline: task.timeline,
      today: asOfDate,
      period,
      soonDays,
    });
    const results: SummaryResult[] = own.map(a => {
      const due = dueDateOf(task.timeline, a.dueOverride);
      const reported = reportedInPeriod(a, period);
      const t = tally(a.unitCode);
      t.assignments++;
      if (a.role === 'lead') t.lead++;
      if (a.progress === 'done') t.done++;
      if (reported) t.reported++;
      const finishedBefore =
        a.progress === 'done' &&
        a.completedOn !== null &&
        a.completedOn < period.start;
      if (!reported && !finishedBefore) t.notReported++;
      const status = statusLabel(a.progress, due, a.completedOn, asOfDate);
      const unitName = unitByCode.get(a.unitCode)?.name ?? a.unitCode;
      if (due && isOverdue(a, due, asOfDate)) {
        t.overdue++;
        overdue.push({
          tt: task.tt,
          text: task.text,
          unitCode: a.unitCode,
          unitName,
          role: a.role,
          due,
          status,
          daysLate: daysBetween(due, asOfDate),
        });
      }
      return {
        unitCode: a.unitCode,
        unitName,
        role: a.role,
        progress: a.progress,
        status,
        result: a.result,
        completedOn: a.completedOn,
        updatedAt: a.updatedAt,
        updatedBy: a.updatedBy,
        reportedInPeriod: reported,
        proposals: a.proposals,
      };
    });
    const row: SummaryTaskRow = {
      tt: task.tt,
      text: task.text,
      lead: task.lead,
      support: task.support,
      timelineText: task.timelineText,
      product: task.product,
      due: dueDateOf(task.timeline, task.dueOverride ?? null),
      status: roll.label,
      timeliness: roll.timeliness,
      ongoing: roll.ongoing,
      progressSummary: roll.summary,
      results,
      evidence: unique(own.flatMap(a => a.evidence)),
    };
    if (task.quotaPerVillage !== null && task.quotaPerVillage > 0) {
      const q = quotaProgress(task, input.villageReports, periodIds, villages);
      const missing = new Set(q.missing);
      const quota: SummaryQuota = {
        tt: task.tt,
        text: task.text,
        quota: q.quota,
        done: q.done.length,
        total: villages.length,
        label: q.label,
        missing: villages.filter(v => missing.has(v.code)).map(v => v.name),
        missingCodes: q.missing,
      };
      row.quota = quota;
      quotas.push(quota);
    }
    return row;
  });

  // Units with assignments, in the units tab's order (unknown codes last, by code).
  const codes = [...tallies.keys()].sort(
    (a, b) =>
      (unitIndex.get(a) ?? Infinity) - (unitIndex.get(b) ?? Infinity) ||
      a.localeCompare(b),
  );
  const units: SummaryUnitRow[] = codes.map(code => {
    const t = tallies.get(code) as UnitTally;
    const unit = unitByCode.get(code);
    const kind = unit?.kind ?? 'other';
    const villageReported = kind === 'village' && thisPeriod.has(code);
    return {
      code,
      name: unit?.name ?? code,
      kind,
      emails: unit?.emails ?? [],
      assignments: t.assignments,
      lead: t.lead,
      done: t.done,
      overdue: t.overdue,
      reportedThisPeriod: t.reported > 0 || villageReported,
      notReported: villageReported ? 0 : t.notReported,
    };
  });
  const unitRow = new Map(units.map(u => [u.code, u] as const));

  const missingSets = quotas.map(q => new Set(q.missingCodes));
  const villageRows: SummaryVillageRow[] = villages.map(v => {
    const r = thisPeriod.get(v.code);
    return {
      code: v.code,
      name: v.name,
      reported: Boolean(r),
      reportedAt: r ? r.submittedAt : null,
      reporter: r ? r.reporter : '',
      perTask: r
        ? r.tasks.map(t => ({
            tt: t.tt,
            progress: t.progress,
            count: t.count,
            summary: t.summary,
          }))
        : [],
      quotas: quotas.map((q, i) => ({
        tt: q.tt,
        met: !missingSets[i].has(v.code),
      })),
      difficulties: r ? r.difficulties : '',
      proposals: r ? r.proposals : '',
      evidence: r ? r.evidence : [],
    };
  });

  // Who has not reported: active units owing a report, and active villages with no report.
  const notReported: SummaryMissingReport[] = [];
  const villageCodes = new Set(villages.map(v => v.code));
  for (const unit of input.units) {
    if (!unit.active) continue;
    const row = unitRow.get(unit.code);
    const isVillage = villageCodes.has(unit.code);
    const owes = isVillage
      ? !row?.reportedThisPeriod && !thisPeriod.has(unit.code)
      : row !== undefined && !row.reportedThisPeriod && row.notReported > 0;
    if (!owes) continue;
    notReported.push({
      code: unit.code,
      name: unit.name,
      kind: unit.kind,
      emails: unit.emails,
      pending: row?.notReported ?? 0,
    });
  }

  const counts: SummaryCount[] = STATUS_LABELS.map(label => ({
    label,
    count: tasks.filter(t => t.status === label).length,
  }));
  let assignments = 0;
  let assignmentsDone = 0;
  for (const u of units) {
    assignments += u.assignments;
    assignmentsDone += u.done;
  }

  return {
    header: {
      commune: input.settings.commune,
      issuer: input.settings.issuer,
      planTitle: input.settings.planTitle,
      planNumber: input.settings.planNumber,
      reportTo: input.settings.reportTo,
      period: {
        id: period.id,
        name: period.name,
        kind: period.kind,
        start: period.start,
        due: period.due,
      },
      asOf: input.asOf,
      asOfDate,
    },
    counts,
    totals: {
      tasks: tasks.length,
      assignments,
      assignmentsDone,
      assignmentsOverdue: overdue.length,
      units: units.length,
      unitsReported: units.filter(u => u.reportedThisPeriod).length,
      villages: villages.length,
      villagesReported: villageRows.filter(v => v.reported).length,
    },
    tasks,
    units,
    villages: villageRows,
    quotas,
    overdue,
    notReported,
  };
}

// ---------------------------------------------------------------------------------------------
// The cell layout.

/** Columns of the summary grid (the task section's, which is the widest). */
export const SUMMARY_WIDTH = 11;

/** Column widths in pixels. */
export const SUMMARY_WIDTHS: readonly number[] = [
  45, 300, 170, 150, 120, 110, 110, 320, 170, 200, 220,
];

/** Google's limit on the characters of one cell, with room to spare. */
export const SUMMARY_CELL_LIMIT = 49000;

const ROLE_TEXT: Readonly<Record<Role, string>> = {
  lead: 'Chủ trì',
  support: 'Phối hợp',
};

const UNIT_KIND_TEXT: Readonly<Record<UnitKind, string>> = {
  department: 'Phòng',
  center: 'Trung tâm',
  school: 'Trường học',
  village: 'Thôn',
  front: 'Mặt trận, đoàn thể',
  force: 'Công an, quân sự',
  other: 'Khác',
};

const PERIOD_KIND_TEXT = {regular: 'định kỳ', adhoc: 'đột xuất'} as const;

/** "Đã báo cáo" / "Chưa báo cáo": the reported columns' text. */
export const REPORTED_TEXT = 'Đã báo cáo';
export const NOT_REPORTED_TEXT = 'Chưa báo cáo';
/** The single body row of a section with nothing to list. */
export const NONE_TEXT = '(Không có)';

/** Text cut to what one cell holds. */
function fit(text: string): string {
  return text.length > SUMMARY_CELL_LIMIT
    ? text.slice(0, SUMMARY_CELL_LIMIT - 1) + '…'
    : text;
}

/** The zone offset (minutes) written in an ISO timestamp's suffix, or null. */
function offsetOf(timestamp: string): number | null {
  if (/Z$/i.test(timestamp)) return 0;
  const m = /([+-])(\d{2}):?(\d{2})$/.exec(timestamp);
  if (!m || !timestamp.includes('T')) return null;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -minutes : minutes;
}

/** "HH:mm dd/MM/yyyy" of a timestamp in the zone; '' when unreadable. */
export function formatVnDateTime(
  timestamp: string | null,
  offset = DEFAULT_OFFSET,
): string {
  const s = String(timestamp ?? '').trim();
  if (!s) return '';
  let local: string;
  if (offsetOf(s) === null) {
    local = s; // already wall-clock time
  } else {
    const ms = Date.parse(s);
    if (isNaN(ms)) return s;
    local = new Date(ms + offset * 60000).toISOString();
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?/.exec(local);
  if (!m) return s;
  const date = `${m[3]}/${m[2]}/${m[1]}`;
  return m[4] ? `${m[4]}:${m[5]} ${date}` : date;
}

/** "23,1%" (Vietnamese decimal comma). */
function percent(part: number, whole: number): string {
  if (whole <= 0) return '0%';
  const value = Math.round((part * 1000) / whole) / 10;
  return `${String(value).replace('.', ',')}%`;
}

/** Where the deadline stands on the summary's date. */
function deadlineText(due: IsoDate, today: IsoDate): string {
  const left = daysBetween(today, due);
  if (left > 0) return `còn ${left} ngày`;
  if (left === 0) return 'đến hạn hôm nay';
  return `đã qua hạn ${-left} ngày`;
}

/** True when the unit entered anything for the assignment. */
function hasReport(r: SummaryResult): boolean {
  return (
    r.updatedAt !== null ||
    r.result.trim() !== '' ||
    r.progress !== 'not_started'
  );
}

/** The "Kết quả thực hiện của các đơn vị" cell of a task. */
export function resultsText(results: SummaryResult[]): string {
  if (!results.length) return 'Chưa phân công đơn vị nào.';
  const lines: string[] = [];
  const silent: string[] = [];
  for (const r of results) {
    if (!hasReport(r)) {
      silent.push(r.unitName);
      continue;
    }
    const done = r.completedOn ? ` ngày ${formatVnDate(r.completedOn)}` : '';
    const result = r.result.trim() ? ` – ${r.result.trim()}` : '';
    const stale = r.reportedInPeriod ? '' : ' (chưa cập nhật trong kỳ)';
    lines.push(
      `• ${r.unitName} (${ROLE_TEXT[r.role]}): ${PROGRESS_LABELS[r.progress]}${done}${result}${stale}`,
    );
    if (r.proposals.trim()) lines.push(`  Kiến nghị: ${r.proposals.trim()}`);
  }
  if (silent.length) lines.push(`Chưa báo cáo: ${silent.join(', ')}`);
  return lines.join('\n');
}

/** One village's answers as lines "NV5: Đã hoàn thành, số lượng 1 – …". */
function answersText(answers: SummaryVillageAnswer[]): string {
  return answers
    .map(a => {
      const parts: string[] = [];
      if (a.progress) parts.push(PROGRESS_LABELS[a.progress]);
      if (a.count !== null) parts.push(`số lượng ${a.count}`);
      const head = parts.join(', ');
      const tail = a.summary.trim();
      return `NV${a.tt}: ${[head, tail].filter(Boolean).join(' – ') || '(không có nội dung)'}`;
    })
    .join('\n');
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];

/**
 * The exact cells of the summary tab: a header block, then seven sections (status counts, tasks,
 * units, villages, per-village quotas, overdue assignments, who has not reported), each a title
 * row, a header row and at least one body row, with a blank row between sections. Dates are
 * dd/MM/yyyy text; counts are numbers. The same summary always gives the same grid.
 */
export function summaryToGrid(summary: Summary): SummaryGrid {
  const h = summary.header;
  const offset = offsetOf(h.asOf) ?? DEFAULT_OFFSET;
  const t = summary.totals;
  const rows: SummaryCell[][] = [];
  const sections: SummarySection[] = [];
  const totalRows: number[] = [];
  const push = (cells: SummaryCell[]) => {
    const row: SummaryCell[] = cells.map(c =>
      typeof c === 'number' ? c : fit(String(c ?? '')),
    );
    while (row.length < SUMMARY_WIDTH) row.push('');
    rows.push(row.slice(0, SUMMARY_WIDTH));
    return rows.length;
  };

  const planName = [
    h.planNumber ? `Kế hoạch số ${h.planNumber}` : 'Kế hoạch',
    h.planTitle,
  ]
    .filter(Boolean)
    .join(': ');
  push(['TỔNG HỢP KẾT QUẢ THỰC HIỆN CÔNG TÁC DÂN VẬN CHÍNH QUYỀN']);
  push([`${h.issuer}${h.commune ? ` (xã ${h.commune})` : ''}`]);
  push([planName]);
  push([
    `Kỳ báo cáo: ${h.period.name} – mã ${h.period.id} (${PERIOD_KIND_TEXT[h.period.kind]}), từ ngày ${formatVnDate(h.period.start)} đến ngày ${formatVnDate(h.period.due)}`,
  ]);
  push([
    `Hạn báo cáo: ${formatVnDate(h.period.due)} (${deadlineText(h.period.due, h.asOfDate)})`,
  ]);
  push([`Số liệu tính đến: ${formatVnDateTime(h.asOf, offset)}`]);
  push([`Đơn vị tổng hợp: ${h.reportTo}`]);
  push([
    `Tình hình chung: ${t.tasks} nhiệm vụ, ${t.assignments} phân công (đã hoàn thành ${t.assignmentsDone}, quá hạn ${t.assignmentsOverdue}); ${t.unitsReported}/${t.units} đơn vị đã báo cáo trong kỳ; ${t.villagesReported}/${t.villages} thôn đã gửi báo cáo.`,
  ]);
  const headerRows = rows.length;

  const section = (
    key: SummarySectionKey,
    title: string,
    header: string[],
    body: SummaryCell[][],
    extra: Pick<SummarySection, 'statusColumn' | 'reportedColumn'> = {},
    total?: SummaryCell[],
  ) => {
    push([]);
    const titleRow = push([`${ROMAN[sections.length]}. ${title}`]);
    const headerRow = push(header);
    const lines = body.length ? body : [[NONE_TEXT]];
    let firstRow = 0;
    for (const line of lines) {
      const at = push(line);
      if (!firstRow) firstRow = at;
    }
    if (total) totalRows.push(push(total));
    sections.push({
      key,
      title: rows[titleRow - 1][0] as string,
      titleRow,
      headerRow,
      firstRow,
      lastRow: rows.length,
      header,
      ...extra,
    });
  };

  section(
    'counts',
    'TỔNG HỢP THEO TÌNH TRẠNG THỰC HIỆN',
    ['STT', 'Tình trạng', 'Số nhiệm vụ', 'Tỷ lệ'],
    summary.counts.map((c, i) => [
      i + 1,
      c.label,
      c.count,
      percent(c.count, t.tasks),
    ]),
    {statusColumn: 2},
    ['', 'Tổng số', t.tasks, t.tasks ? '100%' : '0%'],
  );

  section(
    'tasks',
    'KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ',
    [
      'TT',
      'Nhiệm vụ',
      'Cơ quan chủ trì',
      'Cơ quan phối hợp',
      'Thời gian thực hiện',
      'Sản phẩm',
      'Hạn',
      'Kết quả thực hiện của các đơn vị',
      'Tình trạng',
      'Tiến độ',
      'Minh chứng',
    ],
    summary.tasks.map(task => [
      task.tt,
      task.text,
      task.lead,
      task.support,
      task.timelineText,
      task.product,
      task.due ? formatVnDate(task.due) : TIMELINESS_LABELS.no_deadline,
      resultsText(task.results),
      task.status,
      task.quota
        ? `${task.progressSummary}; chỉ tiêu ${task.quota.quota}/thôn: ${task.quota.label} đạt`
        : task.progressSummary,
      task.evidence.join('\n'),
    ]),
    {statusColumn: 9},
  );

  let sumAssignments = 0;
  let sumLead = 0;
  let sumDone = 0;
  let sumOverdue = 0;
  let sumNotReported = 0;
  for (const u of summary.units) {
    sumAssignments += u.assignments;
    sumLead += u.lead;
    sumDone += u.done;
    sumOverdue += u.overdue;
    sumNotReported += u.notReported;
  }
  section(
    'units',
    'TÌNH HÌNH THỰC HIỆN CỦA CÁC ĐƠN VỊ',
    [
      'STT',
      'Đơn vị',
      'Mã đơn vị',
      'Loại',
      'Số phân công',
      'Chủ trì',
      'Đã hoàn thành',
      'Quá hạn',
      'Báo cáo trong kỳ',
      'Phân công chưa báo cáo',
      'Email',
    ],
    summary.units.map((u, i) => [
      i + 1,
      u.name,
      u.code,
      UNIT_KIND_TEXT[u.kind],
      u.assignments,
      u.lead,
      u.done,
      u.overdue,
      u.reportedThisPeriod ? REPORTED_TEXT : NOT_REPORTED_TEXT,
      u.notReported,
      u.emails.join(', '),
    ]),
    {reportedColumn: 9},
    [
      '',
      'Tổng cộng',
      '',
      '',
      sumAssignments,
      sumLead,
      sumDone,
      sumOverdue,
      `${t.unitsReported}/${t.units} đã báo cáo`,
      sumNotReported,
      '',
    ],
  );

  section(
    'villages',
    'BÁO CÁO CỦA CÁC THÔN',
    [
      'STT',
      'Thôn',
      'Mã thôn',
      'Báo cáo kỳ này',
      'Gửi lúc',
      'Người báo cáo',
      'Chỉ tiêu theo thôn',
      'Nội dung báo cáo',
      'Khó khăn, vướng mắc',
      'Kiến nghị, đề xuất',
      'Minh chứng',
    ],
    summary.villages.map((v, i) => [
      i + 1,
      v.name,
      v.code,
      v.reported ? REPORTED_TEXT : NOT_REPORTED_TEXT,
      formatVnDateTime(v.reportedAt, offset),
      v.reporter,
      v.quotas.map(q => `NV${q.tt}: ${q.met ? 'Đạt' : 'Chưa đạt'}`).join('\n'),
      answersText(v.perTask),
      v.difficulties,
      v.proposals,
      v.evidence.join('\n'),
    ]),
    {reportedColumn: 4},
  );

  section(
    'quotas',
    'CHỈ TIÊU THEO THÔN',
    [
      'TT',
      'Nhiệm vụ',
      'Chỉ tiêu mỗi thôn',
      'Số thôn đạt',
      'Tổng số thôn',
      'Kết quả',
      'Tỷ lệ đạt',
      'Thôn chưa đạt',
    ],
    summary.quotas.map(q => [
      q.tt,
      q.text,
      q.quota,
      q.done,
      q.total,
      q.label,
      percent(q.done, q.total),
      q.missing.join(', '),
    ]),
  );

  section(
    'overdue',
    'CÁC PHÂN CÔNG QUÁ HẠN',
    [
      'TT',
      'Nhiệm vụ',
      'Đơn vị',
      'Vai trò',
      'Hạn',
      'Số ngày quá hạn',
      'Tình trạng',
    ],
    summary.overdue.map(o => [
      o.tt,
      o.text,
      o.unitName,
      ROLE_TEXT[o.role],
      formatVnDate(o.due),
      o.daysLate,
      o.status,
    ]),
    {statusColumn: 7},
  );

  section(
    'notReported',
    'ĐƠN VỊ, THÔN CHƯA BÁO CÁO TRONG KỲ',
    ['STT', 'Đơn vị / thôn', 'Email', 'Loại', 'Mã', 'Phân công chưa báo cáo'],
    summary.notReported.map((n, i) => [
      i + 1,
      n.name,
      n.emails.join(', '),
      UNIT_KIND_TEXT[n.kind],
      n.code,
      n.pending,
    ]),
  );

  return {
    rows,
    width: SUMMARY_WIDTH,
    headerRows,
    sections,
    widths: [...SUMMARY_WIDTHS],
    totalRows,
  };
}

/** A short Vietnamese line of the headline figures (for toasts and e-mails). */
export function summaryHeadline(summary: Summary): string {
  const t = summary.totals;
  const done = summary.counts
    .filter(c => c.label.startsWith('Đã hoàn thành'))
    .reduce((n, c) => n + c.count, 0);
  return `${done}/${t.tasks} nhiệm vụ đã hoàn thành; ${t.assignmentsOverdue} phân công quá hạn; ${t.unitsReported}/${t.units} đơn vị và ${t.villagesReported}/${t.villages} thôn đã báo cáo.`;
}

// ---------------------------------------------------------------------------------------------
// Automatic builds before each reporting date.

/** Which automatic build is due: before the reporting date, or on its morning. */
export type SummarySlot = 'before' | 'due';

/**
 * The automatic build due today for a period, or null: 'due' on the reporting date itself, 'before'
 * on any day from `daysBefore` days before it up to the day before (so a missed day is caught up
 * the next day). A past period gets none: its summary is never rebuilt automatically.
 */
export function summarySlot(
  period: Pick<ReportingPeriod, 'due'>,
  today: IsoDate,
  daysBefore: number,
): SummarySlot | null {
  if (today === period.due) return 'due';
  const left = daysBetween(today, period.due);
  return daysBefore > 0 && left > 0 && left <= daysBefore ? 'before' : null;
}

/** The e-mail telling the admins a summary was built. */
export interface SummaryMail {
  subject: string;
  body: string;
  htmlBody: string;
}

/** A short Vietnamese e-mail: the period, the headline figures, what to look at, the tab's link. */
export function summaryMail(
  summary: Summary,
  link: string,
  slot: SummarySlot,
): SummaryMail {
  const h = summary.header;
  const t = summary.totals;
  const due = formatVnDate(h.period.due);
  const when =
    slot === 'due'
      ? `Hôm nay (${due}) là hạn báo cáo của ${h.period.name}.`
      : `Hạn báo cáo của ${h.period.name} là ngày ${due} (${deadlineText(h.period.due, h.asOfDate)}).`;
  const lines = [
    `${h.reportTo ? `Kính gửi ${h.reportTo},` : 'Kính gửi quản trị viên,'}`,
    '',
    `Hệ thống đã lập tổng hợp kết quả thực hiện kế hoạch dân vận chính quyền${h.commune ? ` xã ${h.commune}` : ''}, số liệu tính đến ${formatVnDateTime(h.asOf, offsetOf(h.asOf) ?? DEFAULT_OFFSET)}.`,
    when,
    '',
    `- ${summaryHeadline(summary)}`,
    ...summary.counts
      .filter(c => c.count > 0)
      .map(c => `- ${c.label}: ${c.count} nhiệm vụ`),
    ...summary.quotas.map(
      q => `- Nhiệm vụ ${q.tt} (chỉ tiêu ${q.quota}/thôn): ${q.label} đạt`,
    ),
    `- Đơn vị, thôn chưa báo cáo trong kỳ: ${summary.notReported.length}`,
    '',
    `Xem trang tổng hợp: ${link}`,
    '',
    'Thư này được gửi tự động; vui lòng không trả lời.',
  ];
  const html = lines
    .map(line => {
      if (line === '') return '<br>';
      if (line.startsWith('Xem trang tổng hợp: ')) {
        return `<p>Xem trang tổng hợp: <a href="${escapeHtml(link)}">Tổng hợp ${escapeHtml(h.period.id)}</a></p>`;
      }
      return `<div>${escapeHtml(line)}</div>`;
    })
    .join('\n');
  return {
    subject: `[Dân vận] Tổng hợp ${h.period.name} (${t.tasks} nhiệm vụ, số liệu đến ${formatVnDate(h.asOfDate)})`,
    body: lines.join('\n'),
    htmlBody: html,
  };
}
