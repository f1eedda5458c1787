// Loads the whole workbook into domain objects in one read per tab: what every use case starts from.
import {
  dueDateOf,
  statusLabel,
  timeliness,
  TIMELINESS_LABELS,
} from '../core/status';
import {isAdmin} from '../core/assignmentUpdate';
import {expandPlan} from '../core/assignments';
import {
  untrustedRows,
  type ReviewReason,
  type RowIdentity,
} from '../core/assignmentIdentity';
import type {Assignment, Plan, Unit, UnitGroup} from '../core/types';
import {DEFAULT_PLAN} from '../plan/defaultPlan';
import {cellToText, type TzOffset} from './cells';
import {
  rowToAssignment,
  rowToGroup,
  rowToPeriod,
  rowToTask,
  rowToUnit,
  type AssignmentRecord,
  type AssignmentView,
  type PeriodRecord,
  type TaskRecord,
} from './records';
import {
  ASSIGNMENTS,
  GROUPS,
  PERIODS,
  SETTINGS,
  TASKS,
  UNITS,
  type TableSchema,
} from './schema';
import {parseSettings, type Settings} from './settings';
import {readSlowTabs} from './snapshot';
import {readSheetTable, readTable, type Table} from './table';

export interface WorkbookData {
  settings: Settings;
  tasks: TaskRecord[];
  units: Unit[];
  groups: UnitGroup[];
  periods: PeriodRecord[];
  /** The assignment rows that can be trusted: id given by the plan, on one row, identity cells agreeing. */
  assignments: AssignmentRecord[];
  /** Rows left out of the sidebar, summary and exports, for the admin ("Cần xem lại"). */
  reviewAssignments: Array<{
    assignment: AssignmentRecord;
    review: ReviewReason;
  }>;
  /** Every assignment row as read, with its identity cells (set-up re-checks them against its plan). */
  assignmentRows: AssignmentRow[];
  tables: {
    settings: Table;
    tasks: Table;
    units: Table;
    groups: Table;
    periods: Table;
    assignments: Table;
  };
}

/** An assignment row as read and what its identity cells say. */
export interface AssignmentRow {
  a: AssignmentRecord;
  identity: RowIdentity;
}

/** Splits the rows into trusted ones and ones for the admin to review, given the plan's ids. */
export function trustAssignments(
  rows: readonly AssignmentRow[],
  plannedIds: ReadonlySet<string>,
): Pick<WorkbookData, 'assignments' | 'reviewAssignments'> {
  const flagged = untrustedRows(
    rows.map(x => x.identity),
    plannedIds,
  );
  const assignments: AssignmentRecord[] = [];
  const reviewAssignments: WorkbookData['reviewAssignments'] = [];
  for (const {a, identity} of rows) {
    const review = flagged.get(identity.row);
    if (review) reviewAssignments.push({assignment: a, review});
    else assignments.push(a);
  }
  return {assignments, reviewAssignments};
}

/** Settings tab rows as key → value (by the key column, or by the label when keys were lost). */
export function settingsValues(
  table: Table,
  offset: TzOffset,
): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const r of table.rows) {
    const key = cellToText(r.values.key, offset).trim();
    if (key) raw[key] = r.values.value;
  }
  return raw;
}

/** Year to assume for timelines that give none: the plan's start year. */
function planYear(settings: Settings): number | undefined {
  const m = /(\d{4})\s*$/.exec(settings.periodStart);
  return m ? Number(m[1]) : undefined;
}

/** Reads the six data tabs (6 range reads). `plan` gives defaults for settings that are missing. */
export function loadWorkbook(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  offset: TzOffset,
  plan: Plan = DEFAULT_PLAN,
  given: Partial<WorkbookData['tables']> = {},
): WorkbookData {
  return workbookFrom(
    {
      settings: given.settings ?? readTable(ss, SETTINGS),
      tasks: given.tasks ?? readTable(ss, TASKS),
      units: given.units ?? readTable(ss, UNITS),
      groups: given.groups ?? readTable(ss, GROUPS),
      periods: given.periods ?? readTable(ss, PERIODS),
      assignments: given.assignments ?? readTable(ss, ASSIGNMENTS),
    },
    offset,
    plan,
  );
}

/**
 * The workbook from sheets the caller already listed (name → sheet): one range read per tab, and
 * `settings` when the caller read it already.
 */
export function loadWorkbookFromSheets(
  sheets: ReadonlyMap<string, GoogleAppsScript.Spreadsheet.Sheet>,
  offset: TzOffset,
  plan: Plan = DEFAULT_PLAN,
  settings?: Table,
): WorkbookData {
  const read = (schema: TableSchema) =>
    readSheetTable(sheets.get(schema.name) ?? null, schema);
  return workbookFrom(
    {
      settings: settings ?? read(SETTINGS),
      tasks: read(TASKS),
      units: read(UNITS),
      groups: read(GROUPS),
      periods: read(PERIODS),
      assignments: read(ASSIGNMENTS),
    },
    offset,
    plan,
  );
}

/**
 * The workbook with the slow-changing tabs from the script-cache snapshot when it is current
 * (readSlowTabs) and the assignments read live: one range read on a cache hit. Also the owner.
 */
export function loadWorkbookCached(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  offset: TzOffset,
  plan: Plan = DEFAULT_PLAN,
): {data: WorkbookData; owner: string; fromCache: boolean} {
  const slow = readSlowTabs(ss);
  const data = workbookFrom(
    {...slow.tabs, assignments: readTable(ss, ASSIGNMENTS)},
    offset,
    plan,
  );
  return {data, owner: slow.owner, fromCache: slow.fromCache};
}

/** True when the tab exists (read live, or from the snapshot). */
export function tabPresent(table: Table): boolean {
  return table.sheet !== null || table.cached === true;
}

/** Domain objects from the six tables, however they were read. */
export function workbookFrom(
  tables: WorkbookData['tables'],
  offset: TzOffset,
  plan: Plan = DEFAULT_PLAN,
): WorkbookData {
  const settings = parseSettings(settingsValues(tables.settings, offset), plan);
  const year = planYear(settings);
  const tasks = tables.tasks.rows
    .map(r => rowToTask(r, offset, year))
    .filter(t => t.tt || t.text);
  const units = tables.units.rows
    .map(r => rowToUnit(r, offset))
    .filter(u => u.code && u.name);
  const groups = tables.groups.rows
    .map(r => rowToGroup(r, offset))
    .filter(g => g.phrase && g.tag);
  const periods = tables.periods.rows
    .map(r => rowToPeriod(r, offset))
    .filter((p): p is PeriodRecord => p !== null);
  const taskByTt = new Map(tasks.map(t => [t.tt, t] as const));
  const all: AssignmentRow[] = tables.assignments.rows.flatMap(r => {
    const a = rowToAssignment(r, offset);
    if (!a) return [];
    return [
      {
        a: {...a, dueOverride: taskByTt.get(a.tt)?.dueOverride ?? null},
        identity: {
          row: r.row,
          id: a.id,
          ttCell: cellToText(r.values.tt, offset).trim(),
          unitCell: cellToText(r.values.unitCode, offset).trim(),
          roleCell: cellToText(r.values.role, offset).trim(),
        },
      },
    ];
  });
  // The unit of a row is the one its id names, and only ids the plan gives are trusted.
  const {assignments, reviewAssignments} = trustAssignments(
    all,
    new Set(expandPlan(tasks, units, groups).assignments.map(a => a.id)),
  );
  return {
    settings,
    tasks,
    units,
    groups,
    periods,
    assignments,
    reviewAssignments,
    assignmentRows: all,
    tables,
  };
}

/** The display columns of an assignment row as of `today`. */
export function assignmentView(
  a: Assignment,
  task: TaskRecord | undefined,
  unit: Unit | undefined,
  today: string,
  soonDays: number,
): AssignmentView {
  const due = task ? dueDateOf(task.timeline, task.dueOverride) : null;
  const t = timeliness(due, a.progress, a.completedOn, today, soonDays);
  return {
    taskText: task ? task.text : '',
    unitName: unit ? unit.name : '',
    due,
    timeliness: task ? TIMELINESS_LABELS[t] : '',
    status: task
      ? statusLabel(a.progress, due, a.completedOn, today)
      : 'Không còn trong kế hoạch',
  };
}

/** True when `email` is an admin: listed in the settings, or the spreadsheet's owner. */
export function isAdminEmail(
  settings: Settings,
  email: string,
  ownerEmail: string,
): boolean {
  return isAdmin(email, [ownerEmail, ...settings.adminEmails].filter(Boolean));
}
