// The sidebar's document-cache snapshot of the slow tabs: call budgets, and that no edit leaves it stale.
import {Workspace} from '../../emulator';
import * as main from '../../src/app/main';
import {ensureChangeTrigger} from '../../src/app/changeTrigger';
import {runSetup} from '../../src/app/setup';
import type {
  AssignmentDto,
  SavePayload,
  SaveResult,
  SidebarData,
  SidebarLoadResult,
} from '../../src/shared/sidebar';
import {
  ASSIGNMENTS,
  HISTORY,
  SETTINGS,
  TASKS,
  UNITS,
} from '../../src/workbook/schema';
import {splitText} from '../../src/workbook/snapshot';

const OWNER = 'owner@xa.gov.vn';
const ADMIN = 'admin@xa.gov.vn';
const VHXH = 'vhxh@xa.gov.vn';

const col = (schema: {columns: readonly {key: string}[]}, key: string) =>
  schema.columns.findIndex(c => c.key === key) + 1;
const letter = (n: number) => String.fromCharCode(64 + n);

beforeAll(() => {
  jest.useFakeTimers({
    now: new Date('2025-09-01T01:00:00Z'),
    doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate', 'setTimeout'],
  });
});
afterAll(() => jest.useRealTimers());

/** Set up, e-mails typed in, set up again; with the onChange trigger when `guarded`. */
function makeWorkspace(guarded = true): Workspace {
  const ws = new Workspace({owner: OWNER, now: '2025-09-01T01:00:00Z'});
  jest.setSystemTime(ws.now());
  ws.installGlobals();
  ws.setFunctions(main as unknown as Record<string, unknown>);
  ws.addEditor(ADMIN, VHXH);
  ws.run(OWNER, () => runSetup());
  ws.run(OWNER, () => {
    const ss = SpreadsheetApp.getActive();
    const units = ss.getSheetByName(UNITS.name)!;
    const values = units.getDataRange().getValues();
    const i = values.findIndex(r => r[col(UNITS, 'code') - 1] === 'VHXH');
    units.getRange(i + 1, col(UNITS, 'emails')).setValue(VHXH);
    const settings = ss.getSheetByName(SETTINGS.name)!;
    const rows = settings.getDataRange().getValues();
    const at = rows.findIndex(
      r => r[col(SETTINGS, 'key') - 1] === 'adminEmails',
    );
    settings.getRange(at + 1, col(SETTINGS, 'value')).setValue(ADMIN);
  });
  ws.run(OWNER, () => runSetup());
  if (guarded) ws.run(OWNER, () => ensureChangeTrigger());
  return ws;
}

const load = (ws: Workspace, user = VHXH) =>
  ws.scriptRun(user, 'sidebarLoad', []) as SidebarLoadResult;
const save = (ws: Workspace, payload: unknown, user = VHXH) =>
  ws.scriptRun(user, 'sidebarSave', [payload]) as SaveResult;
function loaded(result: SidebarLoadResult): SidebarData {
  if (!result.ok) throw new Error(`load refused: ${result.message}`);
  return result;
}
function payloadOf(
  a: AssignmentDto,
  change: Partial<SavePayload>,
): SavePayload {
  return {
    id: a.id,
    version: a.version,
    stamp: a.stamp,
    progress: a.progress,
    completedOn: a.completedOn,
    result: a.result,
    evidence: a.evidence.join('\n'),
    proposals: a.proposals,
    ...change,
  };
}
/** Spreadsheet calls of one sidebar call. */
function sheetCalls(ws: Workspace, fn: () => unknown): number {
  ws.calls.reset();
  fn();
  return ws.calls.spreadsheetTotal();
}
/** The 1-based row of task `tt` in Nhiệm vụ. */
function taskRow(ws: Workspace, tt: string): number {
  return ws.sheetValues(TASKS.name).findIndex(r => String(r[0]) === tt) + 1;
}

let ws: Workspace;
afterEach(() => ws?.uninstallGlobals());

describe('call budgets (a regression fails here; README §12 has the bench figures)', () => {
  it('a load from the snapshot makes 3 spreadsheet calls, a save 10; the first load after a change 14', () => {
    ws = makeWorkspace();
    const first = sheetCalls(ws, () => loaded(load(ws)));
    const data = loaded(load(ws));
    const warm = sheetCalls(ws, () => loaded(load(ws)));
    const a = data.assignments[0];
    const saved = sheetCalls(ws, () => {
      const r = save(
        ws,
        payloadOf(a, {progress: 'in_progress', result: 'Đang làm'}),
      );
      expect(r.ok).toBe(true);
    });
    expect({first, warm, saved}).toEqual({first: 14, warm: 3, saved: 10});
    // The save changed two fields: two history rows, written in one range by the fast path.
    const history = ws.sheetValues(HISTORY.name);
    expect(history.slice(-2).map(r => r[col(HISTORY, 'field') - 1])).toEqual([
      'Trạng thái thực hiện',
      'Kết quả thực hiện',
    ]);
    // A save does not invalidate the snapshot (it writes only derived task columns).
    expect(sheetCalls(ws, () => loaded(load(ws)))).toBe(3);
  });

  it('without the onChange trigger no snapshot is kept: every load reads the tabs', () => {
    ws = makeWorkspace(false);
    loaded(load(ws));
    expect(sheetCalls(ws, () => loaded(load(ws)))).toBe(14);
  });
});

describe('the snapshot never shows or writes stale data', () => {
  it('an admin typing a new deadline in Nhiệm vụ shows on the next load', () => {
    ws = makeWorkspace();
    const before = loaded(load(ws)).assignments.find(a => a.due !== null)!;
    const row = taskRow(ws, before.tt);
    ws.editCell(
      ADMIN,
      `'${TASKS.name}'!${letter(col(TASKS, 'dueOverride'))}${row}`,
      new Date('2025-12-24T00:00:00+07:00'),
    );
    const after = loaded(load(ws)).assignments.find(a => a.id === before.id)!;
    expect(after.due).toBe('2025-12-24');
    expect(after.dueText).toBe('24/12/2025');
  });

  it('an e-mail removed from Đơn vị in the sheet takes the unit out at once', () => {
    ws = makeWorkspace();
    loaded(load(ws));
    const row =
      ws
        .sheetValues(UNITS.name)
        .findIndex(r => r[col(UNITS, 'code') - 1] === 'VHXH') + 1;
    ws.editCell(
      OWNER,
      `'${UNITS.name}'!${letter(col(UNITS, 'emails'))}${row}`,
      '',
    );
    const r = load(ws);
    expect(r.ok).toBe(false);
    expect(r.ok === false && r.code).toBe('unknown_user');
  });

  it('rows inserted above a task in the sheet: the save writes the status on the task’s new row', () => {
    ws = makeWorkspace();
    const data = loaded(load(ws));
    const a = data.assignments[0];
    const oldRow = taskRow(ws, a.tt);
    ws.insertRowsByUser(OWNER, TASKS.name, 1, 2);
    expect(taskRow(ws, a.tt)).toBe(oldRow + 2);
    const before = ws.sheetValues(TASKS.name);
    const r = save(
      ws,
      payloadOf(a, {progress: 'in_progress', result: 'Đang làm'}),
    );
    expect(r.ok).toBe(true);
    const tasks = ws.sheetValues(TASKS.name);
    const status = col(TASKS, 'status') - 1;
    expect(tasks[oldRow + 1][status]).toBe(r.ok && r.taskStatus.status);
    // The row the task used to sit on (another task now) and the inserted blank rows are untouched.
    expect(tasks[oldRow - 1]).toEqual(before[oldRow - 1]);
    expect(tasks[1].every(v => v === '')).toBe(true);
    expect(tasks[2].every(v => v === '')).toBe(true);
  });

  it('our own writers invalidate it: a set-up re-run renaming a unit shows the new name', () => {
    ws = makeWorkspace();
    loaded(load(ws));
    ws.run(OWNER, () => {
      const sheet = SpreadsheetApp.getActive().getSheetByName(UNITS.name)!;
      const values = sheet.getDataRange().getValues();
      const i = values.findIndex(r => r[col(UNITS, 'code') - 1] === 'VHXH');
      sheet.getRange(i + 1, col(UNITS, 'name')).setValue('Phòng VH-XH (mới)');
    });
    // A script's own setValue fires no trigger: the snapshot is still the old one...
    expect(loaded(load(ws)).unit.name).not.toBe('Phòng VH-XH (mới)');
    // ...until a writer of ours (set-up rewrites the tab through writeTable) bumps the version.
    ws.run(OWNER, () => runSetup());
    expect(loaded(load(ws)).unit.name).toBe('Phòng VH-XH (mới)');
  });

  it('a stale snapshot cannot accept a stale save: the assignment row is always read live', () => {
    ws = makeWorkspace();
    const a = loaded(load(ws)).assignments[0];
    const first = save(ws, payloadOf(a, {result: 'Lần 1'}));
    expect(first.ok).toBe(true);
    const again = save(ws, payloadOf(a, {result: 'Lần 2'}));
    expect(again.ok).toBe(false);
    expect(again.ok === false && again.code).toBe('stale');
    const rows = ws.sheetValues(ASSIGNMENTS.name);
    expect(rows.some(r => r.includes('Lần 2'))).toBe(false);
  });

  it('expired or evicted entries are read live again, with the same answer', () => {
    ws = makeWorkspace();
    const fresh = JSON.stringify(loaded(load(ws)).assignments);
    ws.caches.evict(/^dv:snap:3?$/);
    expect(JSON.stringify(loaded(load(ws)).assignments)).toBe(fresh);
    ws.advanceMinutes(11);
    jest.setSystemTime(ws.now());
    const calls = sheetCalls(ws, () => loaded(load(ws)));
    expect(calls).toBe(14);
  });
});

test('splitText cuts at the size, never inside a surrogate pair', () => {
  expect(splitText('abcdef', 4)).toEqual(['abcd', 'ef']);
  expect(splitText('', 4)).toEqual(['']);
  const emoji = 'ab\u{1F600}cd';
  const parts = splitText(emoji, 3);
  expect(parts.join('')).toBe(emoji);
  expect(parts[0]).toBe('ab');
  expect(parts.every(p => p.length <= 3)).toBe(true);
});
