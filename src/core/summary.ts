// The per-period summary (Tổng hợp): the model computed from the plan's state.
import {daysBetween, VN_OFFSET} from './dates';
import {sortPeriods} from './periods';
import {
  dueDateOf,
  localDateOf,
  reportedInPeriod,
  rollUpTask,
  STATUS_LABELS,
  statusLabel,
} from './status';
import {periodReporting} from './reporting';
import {canonicalUnitText} from './unitNames';
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
  UnitGroup,
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
  /**
   * Has reported in the period by the shared rule (`periodReporting`: every assignment it owes was
   * updated in the period); null when it owes no report in this period.
   */
  reportedThisPeriod: boolean | null;
  /** Assignments still owing a report for the period (`owesReportIn`, not updated in the window). */
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
  /** Đơn vị's groups: with the units, they turn the plan's lead/support text into canonical names. */
  groups?: UnitGroup[];
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

export const DEFAULT_OFFSET = VN_OFFSET;

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
  const groups = input.groups ?? [];

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
      lead: canonicalUnitText(task.lead, input.units, groups),
      support: canonicalUnitText(task.support, input.units, groups),
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

  // Who has reported: the one rule of every mail, tab and export (villages counted once, apart).
  const reporting = periodReporting({...input, period});
  const owing = new Map(reporting.units.map(r => [r.code, r] as const));

  // Units (villages apart) with assignments, in the units tab's order (unknown codes last, by code).
  const codes = [...tallies.keys()]
    .filter(code => unitByCode.get(code)?.kind !== 'village')
    .sort(
      (a, b) =>
        (unitIndex.get(a) ?? Infinity) - (unitIndex.get(b) ?? Infinity) ||
        a.localeCompare(b),
    );
  const units: SummaryUnitRow[] = codes.map(code => {
    const t = tallies.get(code) as UnitTally;
    const unit = unitByCode.get(code);
    const r = owing.get(code);
    return {
      code,
      name: unit?.name ?? code,
      kind: unit?.kind ?? 'other',
      emails: unit?.emails ?? [],
      assignments: t.assignments,
      lead: t.lead,
      done: t.done,
      overdue: t.overdue,
      reportedThisPeriod: r ? r.complete : null,
      notReported: r ? r.owed - r.reported : 0,
    };
  });

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

  // Who has not reported: units owing a report not yet complete, and villages with no report.
  const notReported: SummaryMissingReport[] = [];
  const missingVillages = new Set(
    reporting.villages.filter(v => !v.reported).map(v => v.code),
  );
  for (const unit of input.units) {
    const r = owing.get(unit.code);
    if (!(r ? !r.complete : missingVillages.has(unit.code))) continue;
    notReported.push({
      code: unit.code,
      name: unit.name,
      kind: unit.kind,
      emails: unit.emails,
      pending: r ? r.owed - r.reported : 0,
    });
  }

  const counts: SummaryCount[] = STATUS_LABELS.map(label => ({
    label,
    count: tasks.filter(t => t.status === label).length,
  }));
  let assignments = 0;
  let assignmentsDone = 0;
  for (const t of tallies.values()) {
    assignments += t.assignments;
    assignmentsDone += t.done;
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
      units: reporting.units.length,
      unitsReported: reporting.unitsReported,
      villages: reporting.villages.length,
      villagesReported: reporting.villagesReported,
    },
    tasks,
    units,
    villages: villageRows,
    quotas,
    overdue,
    notReported,
  };
}
