// Who has reported in a period: the one rule the status mail, the summary tab, the summary mail and the exports count by.
import {dueDateOf, reportedInPeriod} from './status';
import type {
  Assignment,
  IsoDate,
  ReportingPeriod,
  Timeline,
  Unit,
} from './types';
import {activeVillages, villageReporting} from './villageReports';
import type {StoredVillageReport} from './villageReports';

/** What the rule reads of a task. */
export interface ReportingTask {
  tt: string;
  timeline: Timeline | null;
  dueOverride?: IsoDate | null;
}

/**
 * True when the assignment owes a report in the period: its task is in the plan and has begun by
 * the reporting date, the work is not paused, and it is not dated work finished before the period
 * (done and not updated in it). Ongoing work (no deadline) owes a report every period.
 */
export function owesReportIn(
  a: Assignment,
  task: ReportingTask | undefined,
  period: Pick<ReportingPeriod, 'start' | 'due'>,
): boolean {
  if (!task || a.progress === 'paused') return false;
  const start = task.timeline?.start ?? null;
  if (start && start > period.due) return false;
  const due = dueDateOf(task.timeline, task.dueOverride ?? a.dueOverride);
  return !(a.progress === 'done' && due && !reportedInPeriod(a, period));
}

/** A unit (not a village) that owes reports in the period. */
export interface UnitReporting {
  code: string;
  name: string;
  /** Assignments it owes a report on. */
  owed: number;
  /** Of those, updated within the period. */
  reported: number;
  /** Task numbers still to report on, once each, in assignment order. */
  pending: string[];
  /** Every owed assignment was updated within the period: the unit "has reported". */
  complete: boolean;
}

export interface PeriodReporting {
  /** Active units (villages apart) owing at least one report, in the units tab's order. */
  units: UnitReporting[];
  /** Active villages, in the units tab's order; a village has reported when its form report is in. */
  villages: {code: string; name: string; reported: boolean}[];
  unitsReported: number;
  villagesReported: number;
}

/**
 * The period's reporting, counted once: units by their assignments (a unit has reported when it has
 * updated every assignment it owes in the period), villages by their form report (a village is
 * never counted among the units, whatever assignments it has).
 */
export function periodReporting(input: {
  units: Unit[];
  tasks: ReportingTask[];
  assignments: Assignment[];
  villageReports: StoredVillageReport[];
  period: ReportingPeriod;
}): PeriodReporting {
  const {period} = input;
  const taskByTt = new Map(input.tasks.map(t => [t.tt, t] as const));
  const rows = new Map<string, UnitReporting>();
  for (const u of input.units) {
    if (!u.active || u.kind === 'village') continue;
    rows.set(u.code, {
      code: u.code,
      name: u.name,
      owed: 0,
      reported: 0,
      pending: [],
      complete: false,
    });
  }
  for (const a of input.assignments) {
    const row = rows.get(a.unitCode);
    if (!row || !owesReportIn(a, taskByTt.get(a.tt), period)) continue;
    row.owed++;
    if (reportedInPeriod(a, period)) row.reported++;
    else if (!row.pending.includes(a.tt)) row.pending.push(a.tt);
  }
  const units = [...rows.values()].filter(r => r.owed > 0);
  for (const r of units) r.complete = r.reported === r.owed;
  const villages = activeVillages(input.units);
  const {reported} = villageReporting(
    input.villageReports,
    period.id,
    villages,
  );
  const have = new Set(reported.map(v => v.code));
  return {
    units,
    villages: villages.map(v => ({
      code: v.code,
      name: v.name,
      reported: have.has(v.code),
    })),
    unitsReported: units.filter(u => u.complete).length,
    villagesReported: have.size,
  };
}
