// Use case "Thiết lập / sửa chữa bảng tính": builds or repairs every tab from the plan, keeping all user data.
import {rememberSpreadsheetId} from '../services/linkStore';
import {
  describeProblem,
  expandPlan,
  mergeAssignments,
} from '../core/assignments';
import {periodAt} from '../core/periods';
import {dueDateOf, rollUpTask} from '../core/status';
import {parseTimeline} from '../core/timeline';
import type {Assignment, Plan, Unit, UnitGroup} from '../core/types';
import {DEFAULT_PLAN} from '../plan/defaultPlan';
import {runClock, type RunClock} from '../services/clock';
import {withDocumentLock} from '../services/lock';
import {SCHEMA_VERSION_KEY, setDocProperty} from '../services/properties';
import {effectiveUserEmail} from '../services/user';
import {formatTable} from '../workbook/format';
import {writeHelp} from '../workbook/help';
import {appendHistory} from '../workbook/history';
import {
  PROTECTION_KEY_PROPERTY,
  protectionKey,
  protectRowBlocks,
  protectSheet,
  removeOurProtections,
  type RowBlock,
} from '../workbook/protect';
import {
  assignmentToRecord,
  groupToRecord,
  periodToRecord,
  unitToRecord,
  type PeriodRecord,
  type TaskRecord,
} from '../workbook/records';
import {
  ASSIGNMENTS,
  FORM_LINKS,
  GROUPS,
  HELP_TAB,
  HISTORY,
  MAIL_LOG,
  PERIODS,
  SCHEMA_VERSION,
  SETTINGS,
  TABLES,
  TASKS,
  UNITS,
  VILLAGE_REPORTS,
  type TableSchema,
} from '../workbook/schema';
import {SETTING_DEFS} from '../workbook/settings';
import {ensureSize, readTable, writeTable, type Table} from '../workbook/table';
import {
  assignmentView,
  loadWorkbook,
  settingsValues,
  type WorkbookData,
} from '../workbook/workbook';

export interface SetupReport {
  createdTabs: string[];
  repairedTabs: string[];
  /** Tabs that were empty and got the default plan's data. */
  seededTabs: string[];
  tasks: number;
  assignments: number;
  addedAssignments: number;
  /** Assignments kept although the plan no longer gives them. */
  orphanedAssignments: number;
  /** Vietnamese descriptions of what the admin should look at. */
  problems: string[];
  schemaVersion: number;
  /** True when this run set the spreadsheet's locale to Vietnam (vi_VN). */
  localeSet?: boolean;
}

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The spreadsheet locale set-up gives the workbook: Vietnamese, dates day/month/year. */
export const VIETNAM_LOCALE = 'vi_VN';

/** Default names of the blank first tab of a new spreadsheet (removed when empty). */
const BLANK_TAB_NAMES = ['Sheet1', 'Trang tính1', 'Trang tính 1'];

function taskRecordFromPlan(
  t: Plan['tasks'][number],
  row: number,
  year: number,
): TaskRecord {
  return {
    ...t,
    timeline: parseTimeline(t.timelineText, {defaultYear: year}),
    dueOverride: null,
    row,
  };
}

/** The cells of a row under headers the schema does not know, keyed for re-ordering. */
function extrasOf(
  table: Table,
  keyOf: (values: Record<string, unknown>) => string,
): Map<string, unknown[]> {
  const out = new Map<string, unknown[]>();
  if (!table.extraHeaders.length) return out;
  const header = table.grid[0] ?? [];
  const positions = table.extraHeaders.map(h => header.indexOf(h));
  for (const r of table.rows) {
    const cells = table.grid[r.row - 1] ?? [];
    out.set(
      keyOf(r.values),
      positions.map(p => (p >= 0 ? cells[p] : '')),
    );
  }
  return out;
}

/** True when the header row is exactly the schema's columns, in order, followed by extras only. */
function headerIsCanonical(table: Table): boolean {
  if (!table.sheet || table.missing.length) return false;
  return table.schema.columns.every(
    (col, i) => table.columnOf[col.key] === i + 1,
  );
}

/** Builds the assignment rows' order: sidebar units' blocks first, then everyone else; plan order within. */
function orderAssignments(
  assignments: Assignment[],
  units: Unit[],
  tasks: TaskRecord[],
  editorUnits: Set<string>,
): Assignment[] {
  const unitIndex = new Map(units.map((u, i) => [u.code, i] as const));
  const taskIndex = new Map(tasks.map((t, i) => [t.tt, i] as const));
  const blockOf = (code: string) => (editorUnits.has(code) ? 0 : 1);
  return [...assignments].sort(
    (a, b) =>
      blockOf(a.unitCode) - blockOf(b.unitCode) ||
      (editorUnits.has(a.unitCode)
        ? (unitIndex.get(a.unitCode) ?? 1e9) -
          (unitIndex.get(b.unitCode) ?? 1e9)
        : 0) ||
      (taskIndex.get(a.tt) ?? 1e9) - (taskIndex.get(b.tt) ?? 1e9) ||
      (unitIndex.get(a.unitCode) ?? 1e9) - (unitIndex.get(b.unitCode) ?? 1e9) ||
      (a.role === b.role ? 0 : a.role === 'lead' ? -1 : 1) ||
      a.id.localeCompare(b.id),
  );
}

/**
 * Units whose staff edit through the sidebar: active, with e-mails, not villages (they use forms).
 * None in links-only mode ("Đơn vị cập nhật qua: chỉ đường dẫn"): units then update only through
 * their personal links and get no edit access to Phân công.
 */
export function sidebarUnits(units: Unit[], linksOnly = false): Set<string> {
  if (linksOnly) return new Set();
  return new Set(
    units
      .filter(u => u.active && u.emails.length && u.kind !== 'village')
      .map(u => u.code),
  );
}

/** Row blocks of the (already ordered) assignment rows for protections. */
export function assignmentBlocks(
  ordered: Assignment[],
  units: Unit[],
  editorUnits: Set<string>,
  admins: string[],
): RowBlock[] {
  const byCode = new Map(units.map(u => [u.code, u] as const));
  const blocks: RowBlock[] = [
    {firstRow: 1, numRows: 1, editors: admins, label: 'tiêu đề Phân công'},
  ];
  let i = 0;
  while (i < ordered.length) {
    const code = ordered[i].unitCode;
    const own = editorUnits.has(code);
    let j = i;
    while (
      j < ordered.length &&
      (own
        ? ordered[j].unitCode === code
        : !editorUnits.has(ordered[j].unitCode))
    )
      j++;
    const unit = byCode.get(code);
    blocks.push({
      firstRow: i + 2,
      numRows: j - i,
      editors: own && unit ? [...unit.emails, ...admins] : admins,
      label:
        own && unit
          ? `Phân công của ${unit.name}`
          : 'Phân công do quản trị viên cập nhật',
    });
    i = j;
  }
  return blocks;
}

/** Sets up or repairs the workbook. Holds the document lock; never loses or duplicates user data. */
export function runSetup(plan: Plan = DEFAULT_PLAN): SetupReport {
  return withDocumentLock(() => setupLocked(plan), 60000);
}

/** What a plan import adds to set-up: new units and groups, and settings it overrides. */
export interface SetupAdditions {
  units?: Unit[];
  groups?: UnitGroup[];
  /** Setting key → value written whatever the tab held (the imported plan's title, number…). */
  settings?: Record<string, unknown>;
}

/** Set-up for a caller that already holds the document lock (the plan import). */
export function setupInsideLock(
  plan: Plan,
  additions: SetupAdditions,
): SetupReport {
  return setupLocked(plan, additions);
}

function setupLocked(plan: Plan, additions: SetupAdditions = {}): SetupReport {
  const ss = SpreadsheetApp.getActive();
  const timeZone = Session.getScriptTimeZone() || 'Asia/Ho_Chi_Minh';
  const clock = runClock(timeZone);
  const report: SetupReport = {
    createdTabs: [],
    repairedTabs: [],
    seededTabs: [],
    tasks: 0,
    assignments: 0,
    addedAssignments: 0,
    orphanedAssignments: 0,
    problems: [],
    schemaVersion: SCHEMA_VERSION,
  };
  if (ss.getSpreadsheetTimeZone() !== timeZone)
    ss.setSpreadsheetTimeZone(timeZone);
  // Dates typed or shown in the sheet read day/month (a new spreadsheet is often en_US: month/day).
  if (ss.getSpreadsheetLocale() !== VIETNAM_LOCALE) {
    ss.setSpreadsheetLocale(VIETNAM_LOCALE);
    report.localeSet = true;
  }
  // The web app (personal links) opens the workbook by this id.
  rememberSpreadsheetId(ss.getId());

  const sheets = new Map<string, Sheet>();
  for (const s of ss.getSheets()) sheets.set(s.getName(), s);
  const ensureSheet = (name: string, index: number): Sheet => {
    const existing = sheets.get(name);
    if (existing) return existing;
    const created = ss.insertSheet(name, Math.min(index, sheets.size));
    sheets.set(name, created);
    report.createdTabs.push(name);
    return created;
  };

  const data = loadWorkbook(ss, clock.offset, plan);
  const year =
    Number(plan.periodStart.slice(0, 4)) || Number(clock.today.slice(0, 4));

  // Seed empty tabs from the plan; otherwise the workbook is the source of truth.
  const seed = <T>(table: Table, current: T[], fromPlan: () => T[]): T[] => {
    if (table.rows.length) return current;
    report.seededTabs.push(table.schema.name);
    return fromPlan();
  };
  const seededUnits = seed(data.tables.units, data.units, () => plan.units);
  const units = [
    ...seededUnits,
    ...(additions.units ?? []).filter(
      u => !seededUnits.some(s => s.code === u.code),
    ),
  ];
  const seededGroups = seed(data.tables.groups, data.groups, () => plan.groups);
  const groups = [
    ...seededGroups,
    ...(additions.groups ?? []).filter(
      g => !seededGroups.some(s => s.phrase === g.phrase),
    ),
  ];
  const periods = seed<PeriodRecord>(data.tables.periods, data.periods, () =>
    plan.periods.map((p, i) => ({...p, formUrl: '', formId: '', row: i + 2})),
  );
  const tasks = seed(data.tables.tasks, data.tasks, () =>
    plan.tasks.map((t, i) => taskRecordFromPlan(t, i + 2, year)),
  );
  const settings = data.settings;

  // Assignments: the plan's expansion merged into what exists (nothing dropped, nothing doubled).
  const expansion = expandPlan(tasks, units, groups);
  const merged = mergeAssignments(data.assignments, expansion.assignments);
  const editorUnits = sidebarUnits(units, settings.linksOnly);
  const ordered = orderAssignments(
    merged.assignments,
    units,
    tasks,
    editorUnits,
  );
  report.addedAssignments = merged.added.length;
  report.orphanedAssignments = merged.orphaned.length;
  report.problems.push(...expansion.problems.map(describeProblem));
  if (merged.orphaned.length) {
    report.problems.push(
      `${merged.orphaned.length} phân công không còn trong kế hoạch (được giữ lại, Tình trạng "Không còn trong kế hoạch").`,
    );
  }
  report.tasks = tasks.length;
  report.assignments = ordered.length;

  const taskByTt = new Map(tasks.map(t => [t.tt, t] as const));
  const unitByCode = new Map(units.map(u => [u.code, u] as const));
  const withOverride = ordered.map(a => ({
    ...a,
    dueOverride: taskByTt.get(a.tt)?.dueOverride ?? null,
  }));

  const write = (
    schema: TableSchema,
    index: number,
    table: Table,
    records: Record<string, unknown>[],
    keyOf: (v: Record<string, unknown>) => string,
    listSources: (
      sheet: Sheet,
    ) => Record<string, GoogleAppsScript.Spreadsheet.Range> = () => ({}),
  ): Sheet => {
    const sheet = ensureSheet(schema.name, index);
    if (table.sheet && !headerIsCanonical(table))
      report.repairedTabs.push(schema.name);
    const extras = extrasOf(table, keyOf);
    // Formats first: text columns are plain text before any value lands in them.
    ensureSize(
      sheet,
      records.length + 1,
      schema.columns.length + table.extraHeaders.length,
    );
    formatTable(sheet, schema, listSources(sheet));
    writeTable(sheet, schema, records, clock.offset, {
      extraHeaders: table.extraHeaders,
      extras: records.map(r => extras.get(keyOf(r)) ?? []),
      previousLastRow: table.grid.length,
    });
    return sheet;
  };
  const indexOf = (schema: TableSchema) => TABLES.indexOf(schema) + 1;

  // Cấu hình: every known key, values kept; unknown rows the admin added kept after them.
  const rawSettings = settingsValues(data.tables.settings, clock.offset);
  const settingRecords: Record<string, unknown>[] = SETTING_DEFS.map(def => ({
    key: def.key,
    label: def.label,
    value:
      additions.settings && def.key in additions.settings
        ? additions.settings[def.key]
        : def.key in rawSettings
          ? rawSettings[def.key]
          : def.defaultValue(plan),
    help: def.help,
  }));
  for (const r of data.tables.settings.rows) {
    const key = String(r.values.key ?? '').trim();
    if (key && !SETTING_DEFS.some(d => d.key === key))
      settingRecords.push(r.values);
  }
  if (!data.tables.settings.rows.length) report.seededTabs.push(SETTINGS.name);

  const period = periodAt(periods, clock.today);
  const taskRecords = tasks.map(t => {
    const own = withOverride.filter(a => a.tt === t.tt);
    const roll = rollUpTask(own, {
      timeline: t.timeline,
      today: clock.today,
      period,
      soonDays: settings.dueSoonDays,
    });
    const problems = expansion.problems
      .filter(p => p.tt === t.tt)
      .map(describeProblem);
    if (t.timeline.kind === 'unknown' && t.timelineText.trim()) {
      problems.push(
        'Chưa đọc được thời hạn từ "Thời gian thực hiện": nhập "Hạn điều chỉnh" nếu nhiệm vụ có hạn.',
      );
    }
    return {
      tt: t.tt,
      text: t.text,
      lead: t.lead,
      support: t.support,
      timelineText: t.timelineText,
      product: t.product,
      start: t.timeline.start,
      due: dueDateOf(t.timeline, t.dueOverride),
      dueOverride: t.dueOverride,
      timelineKind:
        TIMELINE_KIND_LABELS[t.timeline.kind] +
        (t.timeline.continues ? ' (các năm tiếp theo)' : ''),
      quotaPerVillage: t.quotaPerVillage,
      villageForm:
        t.villageForm === true ? 'Có' : t.villageForm === false ? 'Không' : '',
      status: roll.label,
      progressSummary: roll.summary,
      problems: problems.join('\n'),
    };
  });

  const tasksSheet = write(
    TASKS,
    indexOf(TASKS),
    data.tables.tasks,
    taskRecords,
    v => String(v.tt ?? ''),
  );
  const assignmentRecords = withOverride.map(a =>
    assignmentToRecord(
      a,
      assignmentView(
        a,
        taskByTt.get(a.tt),
        unitByCode.get(a.unitCode),
        clock.today,
        settings.dueSoonDays,
      ),
    ),
  );
  const assignmentsSheet = write(
    ASSIGNMENTS,
    indexOf(ASSIGNMENTS),
    data.tables.assignments,
    assignmentRecords,
    v => String(v.id ?? ''),
  );
  const unitsSheet = write(
    UNITS,
    indexOf(UNITS),
    data.tables.units,
    units.map(unitToRecord),
    v => String(v.code ?? ''),
  );
  const groupsSheet = write(
    GROUPS,
    indexOf(GROUPS),
    data.tables.groups,
    groups.map(groupToRecord),
    v => String(v.phrase ?? ''),
  );
  const periodsSheet = write(
    PERIODS,
    indexOf(PERIODS),
    data.tables.periods,
    periods.map(periodToRecord),
    v => String(v.id ?? ''),
  );
  const settingsSheet = write(
    SETTINGS,
    indexOf(SETTINGS),
    data.tables.settings,
    settingRecords,
    v => String(v.key ?? ''),
  );

  // Tabs only the script writes: created or header-repaired, their rows kept as they are.
  const [reportsSheet, linksSheet, historySheet, mailSheet] = SCRIPT_TABS.map(
    schema => {
      const table = readTable(ss, schema);
      if (table.sheet && headerIsCanonical(table)) return table.sheet;
      return write(
        schema,
        indexOf(schema),
        table,
        table.rows.map(r => r.values),
        v => JSON.stringify(v),
      );
    },
  );
  const logSheets = [reportsSheet, linksSheet, historySheet, mailSheet];

  // Protections.
  const helpSheet = ensureSheet(HELP_TAB, 0);
  writeHelp(helpSheet, settings.commune, settings.reportTo);

  const me = effectiveUserEmail();
  const admins = settings.adminEmails;
  for (const sheet of [
    helpSheet,
    tasksSheet,
    assignmentsSheet,
    unitsSheet,
    groupsSheet,
    periodsSheet,
    settingsSheet,
    ...logSheets,
  ]) {
    removeOurProtections(sheet);
  }
  for (const [sheet, description] of [
    [helpSheet, 'Hướng dẫn'],
    [unitsSheet, 'chỉ quản trị viên sửa Đơn vị'],
    [groupsSheet, 'chỉ quản trị viên sửa Nhóm đơn vị'],
    [periodsSheet, 'chỉ quản trị viên sửa Kỳ báo cáo'],
    [settingsSheet, 'chỉ quản trị viên sửa Cấu hình'],
    [reportsSheet, 'Báo cáo thôn do hệ thống ghi'],
    [linksSheet, 'Liên kết biểu mẫu do hệ thống ghi'],
    [mailSheet, 'Thư đã gửi do hệ thống ghi'],
  ] as const) {
    protectSheet(sheet, {description, editors: admins, me});
  }
  // The sidebar writes the task's rolled-up status and one history row as the signed-in unit user.
  protectSheet(tasksSheet, {
    description: 'chỉ quản trị viên sửa Nhiệm vụ',
    editors: admins,
    me,
    unprotected: [
      tasksSheet.getRange(
        2,
        TASKS.columns.findIndex(c => c.key === 'status') + 1,
        Math.max(tasksSheet.getMaxRows() - 1, 1),
        2,
      ),
    ],
  });
  protectSheet(historySheet, {
    description: 'Nhật ký do hệ thống ghi',
    editors: admins,
    me,
    warningOnly: true,
  });
  protectRowBlocks(
    assignmentsSheet,
    assignmentBlocks(ordered, units, editorUnits, admins),
    ASSIGNMENTS.columns.length,
    me,
  );

  // Tidy: the blank first tab of a new spreadsheet, the tab order.
  for (const name of BLANK_TAB_NAMES) {
    const blank = sheets.get(name);
    if (blank && blank.getLastRow() === 0 && ss.getSheets().length > 1)
      ss.deleteSheet(blank);
  }

  setDocProperty(SCHEMA_VERSION_KEY, String(SCHEMA_VERSION));
  setDocProperty(
    PROTECTION_KEY_PROPERTY,
    protectionKey(
      units.filter(u => editorUnits.has(u.code)),
      admins,
    ),
  );
  appendHistory(ss, clock, [
    {
      action: 'Thiết lập bảng tính',
      target: ss.getName(),
      note: setupNote(report),
    },
  ]);
  return report;
}

/** Tabs only the script writes, in workbook order. */
const SCRIPT_TABS = [VILLAGE_REPORTS, FORM_LINKS, HISTORY, MAIL_LOG];

const TIMELINE_KIND_LABELS = {
  ongoing: 'Thường xuyên',
  deadline: 'Có hạn',
  window: 'Trong khoảng thời gian',
  unknown: 'Chưa đọc được',
} as const;

/** One Vietnamese paragraph saying what set-up did. */
export function setupNote(r: SetupReport): string {
  const parts = [
    `${r.tasks} nhiệm vụ, ${r.assignments} phân công (thêm mới ${r.addedAssignments}).`,
  ];
  if (r.createdTabs.length) parts.push(`Tạo mới: ${r.createdTabs.join(', ')}.`);
  if (r.repairedTabs.length)
    parts.push(`Sửa tiêu đề: ${r.repairedTabs.join(', ')}.`);
  if (r.seededTabs.length)
    parts.push(`Điền dữ liệu mặc định: ${r.seededTabs.join(', ')}.`);
  if (r.localeSet)
    parts.push(
      'Đã đặt ngôn ngữ và vùng của bảng tính là Việt Nam (vi_VN): ngày viết theo ngày/tháng/năm.',
    );
  if (r.problems.length)
    parts.push(
      `Cần xem lại: ${r.problems.length} mục (cột "Cần xem lại" của trang Nhiệm vụ).`,
    );
  return parts.join(' ');
}

export type {RunClock, WorkbookData};
