// Test helper: writes a known plan state (tasks, units, periods, assignments, village reports) into the emulator's workbook.
import type {
  Assignment,
  ReportingPeriod,
  Task,
  Unit,
  UnitGroup,
} from '../../src/core/types';
import type {StoredVillageReport} from '../../src/core/villageReports';
import {
  assignmentToRecord,
  groupToRecord,
  periodToRecord,
  unitToRecord,
} from '../../src/workbook/records';
import {
  ASSIGNMENTS,
  GROUPS,
  PERIODS,
  SETTINGS,
  TASKS,
  UNITS,
  VILLAGE_REPORTS,
  type TableSchema,
} from '../../src/workbook/schema';
import {readTable, writeTable} from '../../src/workbook/table';
import {villageReportToRecord} from '../../src/workbook/villageReports';

export interface PlanState {
  settings?: Record<string, string>;
  tasks?: (Task & {dueOverride?: string | null})[];
  units?: Unit[];
  groups?: UnitGroup[];
  periods?: ReportingPeriod[];
  assignments?: Assignment[];
  villageReports?: StoredVillageReport[];
}

const OFFSET = 420;

function put(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  schema: TableSchema,
  records: Record<string, unknown>[],
): void {
  const sheet = ss.getSheetByName(schema.name) ?? ss.insertSheet(schema.name);
  const previous = readTable(ss, schema).grid.length;
  writeTable(sheet, schema, records, OFFSET, {previousLastRow: previous});
}

/**
 * Writes the given parts of a plan state over the tabs (creating missing ones). Settings are
 * merged into the settings tab by key; every other part replaces its tab's rows.
 */
export function writePlanState(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  state: PlanState,
): void {
  if (state.settings) {
    const current = readTable(ss, SETTINGS).rows.map(r => ({...r.values}));
    for (const [key, value] of Object.entries(state.settings)) {
      const row = current.find(r => r.key === key);
      if (row) row.value = value;
      else current.push({key, label: key, value, help: ''});
    }
    put(ss, SETTINGS, current);
  }
  if (state.tasks) {
    put(
      ss,
      TASKS,
      state.tasks.map(t => ({
        tt: t.tt,
        text: t.text,
        lead: t.lead,
        support: t.support,
        timelineText: t.timelineText,
        product: t.product,
        dueOverride: t.dueOverride ?? null,
      })),
    );
  }
  if (state.units) put(ss, UNITS, state.units.map(unitToRecord));
  if (state.groups) put(ss, GROUPS, state.groups.map(groupToRecord));
  if (state.periods)
    put(
      ss,
      PERIODS,
      state.periods.map(p => periodToRecord(p)),
    );
  if (state.assignments) {
    put(
      ss,
      ASSIGNMENTS,
      state.assignments.map(a =>
        assignmentToRecord(a, {
          taskText: '',
          unitName: '',
          due: null,
          timeliness: '',
          status: '',
        }),
      ),
    );
  }
  if (state.villageReports) {
    put(ss, VILLAGE_REPORTS, state.villageReports.map(villageReportToRecord));
  }
}
