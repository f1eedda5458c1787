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
import {
  getDocProperty,
  SCHEMA_VERSION_KEY,
  setDocProperty,
} from '../services/properties';
import {effectiveUserEmail} from '../services/user';
import {
  FormatCache,
  colourStatuses,
  formatSignature,
  formatTable,
} from '../workbook/format';
import {lookRequests, tabLook} from '../workbook/formatRequests';
import {SheetsBatch, sheetsApiAvailable} from '../services/sheetsApi';
import {ensureHelp} from '../workbook/help';
import {appendHistory} from '../workbook/history';
import {
  applyProtections,
  PROTECTION_KEY_PROPERTY,
  protectionKey,
} from '../workbook/protect';
import {describeReview} from '../core/assignmentIdentity';
import {trustedPeople, type TrustedPeople} from '../core/trustedPeople';
import {assertAdmin, assertGranted} from './admin';
import {storeHistoryArchive} from './daily/guardHistory';
import {
  historySpareRows,
  protectionPlan,
  TAB_COUNT_KEY,
  unitBlocks,
} from './setupProtections';
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
import {
  gridHolds,
  readSheetTable,
  tableGrid,
  writeGrid,
  type Table,
} from '../workbook/table';
import {
  assignmentView,
  loadWorkbookFromSheets,
  trustAssignments,
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
 * The key of who may edit what (stored by set-up, compared by the daily job): only valid addresses
 * count, as only those reach the protections.
 */
export function protectionKeyOf(units: Unit[], people: TrustedPeople): string {
  return protectionKey(
    units
      .filter(u => people.unitEmails.has(u.code))
      .map(u => ({code: u.code, emails: people.unitEmails.get(u.code) ?? []})),
    people.admins,
  );
}

/**
 * Who reaches the protections: valid addresses only, and no unit at all in links-only mode
 * ("Đơn vị cập nhật qua: chỉ đường dẫn"), where units update only through their personal links and
 * get no edit access to Phân công (their blocks stay admin-only).
 */
export function protectionPeople(
  units: Unit[],
  settings: {adminEmails: string[]; leaderEmails: string[]; linksOnly: boolean},
): TrustedPeople {
  const people = trustedPeople(
    units,
    settings.adminEmails,
    settings.leaderEmails,
  );
  return settings.linksOnly ? {...people, unitEmails: new Map()} : people;
}

/** Sets up or repairs the workbook. Holds the document lock; never loses or duplicates user data. */
export function runSetup(
  plan: Plan = DEFAULT_PLAN,
  onAdmin?: () => void,
): SetupReport {
  return withDocumentLock(() => setupLocked(plan, {}, onAdmin), 60000);
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

/** `onAdmin` runs once the running user is known to be an admin, before anything is written. */
function setupLocked(
  plan: Plan,
  additions: SetupAdditions = {},
  onAdmin?: () => void,
): SetupReport {
  const ss = SpreadsheetApp.getActive();
  // Every tab by name, listed once (set-up reads each tab from this list, never by name again).
  const sheets = new Map<string, Sheet>();
  for (const s of ss.getSheets()) sheets.set(s.getName(), s);
  const settingsTable = readSheetTable(
    sheets.get(SETTINGS.name) ?? null,
    SETTINGS,
  );
  // A unit that runs set-up gets a Vietnamese refusal before anything is written.
  assertAdmin('thiết lập hoặc sửa chữa bảng tính', ss, settingsTable);
  // …and so does an admin newly added to Cấu hình whom the protections do not list yet.
  assertGranted('thiết lập hoặc sửa chữa bảng tính', ss);
  onAdmin?.();
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
  const spreadsheetId = ss.getId();
  rememberSpreadsheetId(spreadsheetId);

  /** Sheets inserted by this run (nothing to clear or read back on them). */
  const fresh = new Set<Sheet>();
  const ensureSheet = (name: string, index: number): Sheet => {
    const existing = sheets.get(name);
    if (existing) return existing;
    const created = ss.insertSheet(name, Math.min(index, sheets.size));
    sheets.set(name, created);
    fresh.add(created);
    report.createdTabs.push(name);
    return created;
  };

  const data = loadWorkbookFromSheets(
    sheets,
    clock.offset,
    plan,
    settingsTable,
  );
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

  // Every address is checked before any protection is touched; bad ones count as absent.
  const people = protectionPeople(units, settings);
  report.problems.push(...people.problems);

  // Assignments: the plan's expansion merged into what exists (nothing dropped, nothing doubled).
  // Rows that cannot be trusted (unknown, duplicated or relabelled ids) are kept, below every unit
  // block in the admin-only part, and listed: never moved into a unit's block.
  const expansion = expandPlan(tasks, units, groups);
  // Checked against this run's plan (tabs seeded just now count).
  const trust = trustAssignments(
    data.assignmentRows,
    new Set(expansion.assignments.map(a => a.id)),
  );
  const review = trust.reviewAssignments.filter(
    x => x.review.kind !== 'relabelled',
  );
  const merged = mergeAssignments(
    [...trust.assignments, ...trust.reviewAssignments.map(x => x.assignment)],
    expansion.assignments,
  );
  const reviewIds = new Set(review.map(x => x.assignment.id));
  const editorUnits = new Set(people.unitEmails.keys());
  const ordered = [
    ...orderAssignments(
      merged.assignments.filter(a => !reviewIds.has(a.id)),
      units,
      tasks,
      editorUnits,
    ),
    ...review.map(x => x.assignment),
  ];
  report.problems.push(
    ...trust.reviewAssignments.map(x =>
      describeReview(x.review, ASSIGNMENTS.name),
    ),
  );
  report.addedAssignments = merged.added.length;
  report.orphanedAssignments = review.filter(
    x => x.review.kind === 'unknown',
  ).length;
  report.problems.push(...expansion.problems.map(describeProblem));
  report.tasks = tasks.length;
  report.assignments = ordered.length;
  const historySpare = historySpareRows(ordered.length);

  const taskByTt = new Map(tasks.map(t => [t.tt, t] as const));
  const unitByCode = new Map(units.map(u => [u.code, u] as const));
  const withOverride = ordered.map(a => ({
    ...a,
    dueOverride: taskByTt.get(a.tt)?.dueOverride ?? null,
  }));

  // What set-up last applied to each tab's look; a tab whose look and grid are unchanged is not
  // formatted again (its widths, formats, dropdowns and colour rules are still the ones set).
  const storedLooks = readLooks(getDocProperty(FORMAT_SIGNATURES_KEY));
  const looks: Record<string, string> = {...storedLooks};
  const formatCache = new FormatCache();
  // Every tab's look goes in one Sheets API batchUpdate, sent before any value is written (text
  // columns must be plain text first); the tabs missing are added by one batchUpdate before it, at
  // the size a sheet gets, so neither their ids nor their sizes are read back. Without the
  // advanced service: SpreadsheetApp, tab by tab.
  const batch = sheetsApiAvailable()
    ? new SheetsBatch(spreadsheetId)
    : undefined;
  const newTabs = batch ? new SheetsBatch(spreadsheetId) : undefined;
  const added: Array<{
    schema: TableSchema;
    maxRows: number;
    writeValues: (sheet: Sheet) => void;
  }> = [];
  const pendingWrites: Array<() => void> = [];
  const write = (
    schema: TableSchema,
    index: number,
    table: Table,
    records: Record<string, unknown>[],
    keyOf: (v: Record<string, unknown>) => string,
    options: {skipUnchanged?: boolean; minRows?: number} = {},
  ): void => {
    if (table.sheet && !headerIsCanonical(table))
      report.repairedTabs.push(schema.name);
    const extras = extrasOf(table, keyOf);
    const grid = tableGrid(schema, records, clock.offset, {
      extraHeaders: table.extraHeaders,
      extras: records.map(r => extras.get(keyOf(r)) ?? []),
    });
    const width = grid[0].length;
    const writeValues = (sheet: Sheet) => {
      if (!(options.skipUnchanged && gridHolds(table.grid, grid)))
        writeGrid(sheet, schema, grid, table.grid.length);
    };
    if (newTabs && !sheets.has(schema.name)) {
      const maxRows = Math.max(NEW_TAB_ROWS, grid.length, options.minRows ?? 0);
      newTabs.add({
        addSheet: {
          properties: {
            title: schema.name,
            index: Math.min(index, sheets.size + added.length),
            gridProperties: {
              rowCount: maxRows,
              columnCount: Math.max(NEW_TAB_COLUMNS, width),
            },
          },
        },
      });
      report.createdTabs.push(schema.name);
      added.push({schema, maxRows, writeValues});
      looks[schema.name] = formatSignature(schema, maxRows);
      return;
    }
    const sheet = ensureSheet(schema.name, index);
    const isFresh = fresh.has(sheet);
    // The grid grows before anything is written (one call each, only when too small).
    let maxRows = sheet.getMaxRows();
    if (maxRows < grid.length) {
      sheet.insertRowsAfter(maxRows, grid.length - maxRows);
      maxRows = grid.length;
    }
    if (width > (table.grid[0]?.length ?? 0)) {
      const maxCols = sheet.getMaxColumns();
      if (maxCols < width) sheet.insertColumnsAfter(maxCols, width - maxCols);
    }
    // Formats first: text columns are plain text before any value lands in them.
    const look = formatSignature(schema, maxRows);
    if (
      isFresh ||
      !headerIsCanonical(table) ||
      storedLooks[schema.name] !== look
    )
      formatTable(sheet, schema, {
        maxRows,
        cache: formatCache,
        fresh: isFresh,
        batch,
      });
    looks[schema.name] = look;
    if (batch) pendingWrites.push(() => writeValues(sheet));
    else writeValues(sheet);
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

  write(TASKS, indexOf(TASKS), data.tables.tasks, taskRecords, v =>
    String(v.tt ?? ''),
  );
  const firstReview = withOverride.length - review.length;
  const assignmentRecords = withOverride.map((a, i) => {
    const view = assignmentView(
      a,
      taskByTt.get(a.tt),
      unitByCode.get(a.unitCode),
      clock.today,
      settings.dueSoonDays,
    );
    if (i < firstReview) return assignmentToRecord(a, view);
    // A row kept for review: its identity cells as they were, its status saying why.
    const cells = data.tables.assignments.rows.find(
      r => r.row === review[i - firstReview].assignment.row,
    )?.values;
    return {
      ...assignmentToRecord(a, view),
      tt: cells?.tt ?? a.tt,
      unitCode: cells?.unitCode ?? a.unitCode,
      status: `Cần xem lại: ${review[i - firstReview].review.reason}`,
    };
  });
  write(
    ASSIGNMENTS,
    indexOf(ASSIGNMENTS),
    data.tables.assignments,
    assignmentRecords,
    v => String(v.id ?? ''),
  );
  write(
    UNITS,
    indexOf(UNITS),
    data.tables.units,
    units.map(unitToRecord),
    v => String(v.code ?? ''),
    {skipUnchanged: true},
  );
  write(
    GROUPS,
    indexOf(GROUPS),
    data.tables.groups,
    groups.map(groupToRecord),
    v => String(v.phrase ?? ''),
    {skipUnchanged: true},
  );
  write(
    PERIODS,
    indexOf(PERIODS),
    data.tables.periods,
    periods.map(periodToRecord),
    v => String(v.id ?? ''),
    {skipUnchanged: true},
  );
  write(
    SETTINGS,
    indexOf(SETTINGS),
    data.tables.settings,
    settingRecords,
    v => String(v.key ?? ''),
    {skipUnchanged: true},
  );

  // Tabs only the script writes: created or header-repaired, their rows kept as they are.
  // The history's values as read, when the tab is kept as it is (its archive is digested from them).
  let historyGrid: unknown[][] | undefined;
  for (const schema of SCRIPT_TABS) {
    const table = readSheetTable(sheets.get(schema.name) ?? null, schema);
    if (table.sheet && headerIsCanonical(table)) {
      if (schema === HISTORY) historyGrid = table.grid;
      continue;
    }
    write(
      schema,
      indexOf(schema),
      table,
      table.rows.map(r => r.values),
      v => JSON.stringify(v),
      // A new Nhật ký is made with its spare rows (the protection keeps them; saves the insert).
      schema === HISTORY ? {minRows: 1 + 2 * historySpare} : {},
    );
  }

  // The new tabs in one call, every look in one more, then the values.
  if (newTabs && batch && added.length) {
    const replies = newTabs.flush();
    added.forEach((tab, i) => {
      const id = replies[i]?.addSheet?.properties?.sheetId;
      if (typeof id !== 'number')
        throw new Error(`Không tạo được trang "${tab.schema.name}".`);
      batch.add(...lookRequests(tabLook(tab.schema, tab.maxRows), id));
    });
  }
  batch?.flush();
  for (const tab of added) {
    const sheet = ss.getSheetByName(tab.schema.name) as Sheet;
    sheets.set(tab.schema.name, sheet);
    fresh.add(sheet);
    colourStatuses(sheet, tab.schema, {maxRows: tab.maxRows, fresh: true});
    tab.writeValues(sheet);
  }
  for (const writeValues of pendingWrites) writeValues();
  const tabOf = (schema: TableSchema) => sheets.get(schema.name) as Sheet;
  const [tasksSheet, assignmentsSheet, unitsSheet, groupsSheet] = [
    TASKS,
    ASSIGNMENTS,
    UNITS,
    GROUPS,
  ].map(tabOf);
  const [periodsSheet, settingsSheet] = [PERIODS, SETTINGS].map(tabOf);
  const [reportsSheet, linksSheet, historySheet, mailSheet] =
    SCRIPT_TABS.map(tabOf);

  // Protections.
  const helpSheet = ensureSheet(HELP_TAB, 0);
  looks[HELP_TAB] = ensureHelp(helpSheet, settings.commune, settings.reportTo, {
    fresh: fresh.has(helpSheet),
    storedLook: storedLooks[HELP_TAB],
  });

  const me = effectiveUserEmail();
  const admins = people.admins;
  applyProtections(
    protectionPlan(
      {
        help: helpSheet,
        tasks: tasksSheet,
        assignments: assignmentsSheet,
        adminOnly: [
          [unitsSheet, 'chỉ quản trị viên sửa Đơn vị'],
          [groupsSheet, 'chỉ quản trị viên sửa Nhóm đơn vị'],
          [periodsSheet, 'chỉ quản trị viên sửa Kỳ báo cáo'],
          [settingsSheet, 'chỉ quản trị viên sửa Cấu hình'],
          [reportsSheet, 'Báo cáo thôn do hệ thống ghi'],
          [linksSheet, 'Liên kết biểu mẫu do hệ thống ghi'],
          [mailSheet, 'Thư đã gửi do hệ thống ghi'],
        ],
        history: historySheet,
        historyLastRow: historyGrid?.length,
        historySpare,
        all: sheets,
      },
      admins,
      unitBlocks(
        ordered.slice(0, firstReview),
        people.unitEmails,
        code => unitByCode.get(code)?.name ?? code,
      ),
      people.unitEmails,
    ),
    me,
    {rangeSheets: [assignmentsSheet], fresh},
  );

  // Tidy: the blank first tab of a new spreadsheet, the tab order.
  for (const name of BLANK_TAB_NAMES) {
    const blank = sheets.get(name);
    if (blank && sheets.size > 1 && blank.getLastRow() === 0) {
      ss.deleteSheet(blank);
      sheets.delete(name);
    }
  }

  setDocProperty(SCHEMA_VERSION_KEY, String(SCHEMA_VERSION));
  setDocProperty(PROTECTION_KEY_PROPERTY, protectionKeyOf(units, people));
  setDocProperty(TAB_COUNT_KEY, String(sheets.size));
  if (JSON.stringify(looks) !== JSON.stringify(storedLooks))
    setDocProperty(FORMAT_SIGNATURES_KEY, JSON.stringify(looks));
  // The rows just locked are the archive the daily job checks for changes.
  storeHistoryArchive(historySheet, historyGrid);
  appendHistory(ss, clock, [
    {
      action: 'Thiết lập bảng tính',
      target: ss.getName(),
      note: setupNote(report),
    },
  ]);
  return report;
}

/** Document property: the look (formatSignature) set-up last gave each tab, by tab name. */
export const FORMAT_SIGNATURES_KEY = 'formatSignatures';

function readLooks(text: string | null): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(text ?? '{}');
    return parsed && typeof parsed === 'object'
      ? (parsed as Record<string, string>)
      : {};
  } catch {
    return {};
  }
}

/** The size of a sheet Sheets inserts (Spreadsheet.insertSheet): what set-up gives a new tab. */
const NEW_TAB_ROWS = 1000;
const NEW_TAB_COLUMNS = 26;

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
