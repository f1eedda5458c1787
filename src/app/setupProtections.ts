// Set-up's protection plan: every tab admin-only except each unit's own Phân công cells and the day's history rows.
import type {Assignment} from '../core/types';
import {
  type ProtectionPlan,
  type RangeRule,
  type SheetRule,
} from '../workbook/protect';
import {
  ASSIGNMENTS,
  HISTORY,
  SUMMARY_PREFIX,
  TASKS,
  UNIT_OWNED_KEYS,
} from '../workbook/schema';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** A run of consecutive Phân công rows of one unit whose staff use the sidebar. */
export interface UnitBlock {
  code: string;
  name: string;
  firstRow: number;
  numRows: number;
}

/** Document property holding the digests of the archived history rows. */
export const HISTORY_ARCHIVE_KEY = 'historyArchive';

/** Document property: how many tabs there were when every tab was last protected (set-up, daily). */
export const TAB_COUNT_KEY = 'protectedTabCount';

/** Blank rows kept below the history so a unit's sidebar save appends without inserting rows. */
export const HISTORY_SPARE_ROWS = 1000;

/** The most spare rows kept (2 × this × 8 columns stays far below Google's 10 million cells). */
export const HISTORY_SPARE_ROWS_MAX = 20000;

/**
 * Spare rows for a plan of `assignments` rows in Phân công: room for every assignment to change
 * once (a full round of village reports writes one history row per village assignment), so a
 * day's saves and submissions append without inserting rows; at least HISTORY_SPARE_ROWS.
 */
export function historySpareRows(assignments: number): number {
  return Math.min(
    Math.max(HISTORY_SPARE_ROWS, assignments),
    HISTORY_SPARE_ROWS_MAX,
  );
}

/** The blocks of the (already ordered, header at row 1) assignment rows of the units in `emails`. */
export function unitBlocks(
  ordered: readonly Assignment[],
  emails: ReadonlyMap<string, string[]>,
  nameOf: (code: string) => string,
): UnitBlock[] {
  const blocks: UnitBlock[] = [];
  let i = 0;
  while (i < ordered.length) {
    const code = ordered[i].unitCode;
    let j = i + 1;
    while (j < ordered.length && ordered[j].unitCode === code) j++;
    if (emails.has(code))
      blocks.push({code, name: nameOf(code), firstRow: i + 2, numRows: j - i});
    i = j;
  }
  return blocks;
}

/**
 * Keeps spare rows below the history and returns the range every editor may still write: the rows
 * after the last one written. Everything above (earlier days) becomes admin-only.
 */
export function historyOpenRange(
  sheet: Sheet,
  lastRow?: number,
  spare = HISTORY_SPARE_ROWS,
): GoogleAppsScript.Spreadsheet.Range {
  const last = Math.max(lastRow ?? sheet.getLastRow(), 1);
  let maxRows = sheet.getMaxRows();
  // Topped up to twice the spare when it runs low, so most days insert nothing.
  if (maxRows < last + spare) {
    sheet.insertRowsAfter(maxRows, last + 2 * spare - maxRows);
    maxRows = last + 2 * spare;
  }
  return sheet.getRange(last + 1, 1, maxRows - last, HISTORY.columns.length);
}

/** The description of the history's protection (set-up and the daily job write the same). */
export const HISTORY_PROTECTION =
  'Nhật ký: các ngày trước chỉ quản trị viên sửa';

export interface ProtectionTabs {
  help: Sheet;
  tasks: Sheet;
  assignments: Sheet;
  adminOnly: Array<[Sheet, string]>;
  history: Sheet;
  /** The history's last row with data, when the caller has just read it (saves a call). */
  historyLastRow?: number;
  /** Spare rows to keep below the history (historySpareRows of the plan). */
  historySpare?: number;
  /** Every sheet of the spreadsheet by name (response and summary tabs are found among them). */
  all: ReadonlyMap<string, Sheet>;
}

/** Tabs that are neither ours by name nor handled elsewhere: form response tabs and summary tabs. */
function extraAdminTabs(tabs: ProtectionTabs): Array<[Sheet, string]> {
  const known = new Set(
    [tabs.help, tabs.tasks, tabs.assignments, tabs.history].concat(
      tabs.adminOnly.map(([s]) => s),
    ),
  );
  const out: Array<[Sheet, string]> = [];
  for (const [name, s] of tabs.all) {
    if (known.has(s)) continue;
    if (name.startsWith(SUMMARY_PREFIX)) {
      out.push([s, 'Tổng hợp do hệ thống lập']);
    } else if (s.getFormUrl()) {
      out.push([s, 'Câu trả lời biểu mẫu (chỉ biểu mẫu và quản trị viên ghi)']);
    }
  }
  return out;
}

/**
 * The whole plan: admin-only sheets; Nhiệm vụ open only in the two status columns the sidebar
 * writes; Nhật ký open only below the rows already written; Phân công admin-only except each unit
 * block's own columns, which only that unit (and the admins) may edit.
 */
export function protectionPlan(
  tabs: ProtectionTabs,
  admins: string[],
  blocks: readonly UnitBlock[],
  unitEmails: ReadonlyMap<string, string[]>,
): ProtectionPlan {
  const sheets: SheetRule[] = [
    {sheet: tabs.help, description: 'Hướng dẫn', editors: admins},
    ...[...tabs.adminOnly, ...extraAdminTabs(tabs)].map(
      ([sheet, description]) => ({sheet, description, editors: admins}),
    ),
  ];
  const statusCol = TASKS.columns.findIndex(c => c.key === 'status') + 1;
  sheets.push({
    sheet: tabs.tasks,
    description: 'chỉ quản trị viên sửa Nhiệm vụ',
    editors: admins,
    unprotected: [
      tabs.tasks.getRange(
        2,
        statusCol,
        Math.max(tabs.tasks.getMaxRows() - 1, 1),
        2,
      ),
    ],
  });
  sheets.push({
    sheet: tabs.history,
    description: HISTORY_PROTECTION,
    editors: admins,
    unprotected: [
      historyOpenRange(tabs.history, tabs.historyLastRow, tabs.historySpare),
    ],
  });
  const firstOwned =
    ASSIGNMENTS.columns.findIndex(c => c.key === UNIT_OWNED_KEYS[0]) + 1;
  // One range per block, shared by the sheet's hole and the block's own protection.
  const owned = blocks.map(b =>
    tabs.assignments.getRange(
      b.firstRow,
      firstOwned,
      b.numRows,
      UNIT_OWNED_KEYS.length,
    ),
  );
  sheets.push({
    sheet: tabs.assignments,
    description:
      'Phân công: chỉ quản trị viên sửa, trừ các cột cập nhật của từng đơn vị',
    editors: admins,
    unprotected: owned,
  });
  const ranges: RangeRule[] = blocks.map((b, i) => ({
    range: owned[i],
    description: `Phân công của ${b.name}`,
    editors: [...(unitEmails.get(b.code) ?? []), ...admins],
  }));
  return {sheets, ranges};
}
