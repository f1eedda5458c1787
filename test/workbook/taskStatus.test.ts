// The tasks' status cells written by A1 notation: one task, a block of tasks, a block with the admin's own row, a rearranged tab.
import {Workspace} from '../../emulator';
import {TASKS} from '../../src/workbook/schema';
import {readTable, type Table} from '../../src/workbook/table';
import {writeTaskStatuses} from '../../src/workbook/taskStatus';

const ADMIN = 'quantri@daison.vn';

/** A tasks tab: header, then the given rows (tt in column A, status / summary where TASKS puts them). */
function tasksTab(
  ws: Workspace,
  rows: Array<{tt?: string; text?: string; status?: string; extra?: string}>,
  headers: string[] = TASKS.columns.map(c => c.header),
): Table {
  return ws.run(ADMIN, () => {
    const ss = SpreadsheetApp.getActive();
    const sheet = ss.insertSheet(TASKS.name);
    const col = (key: string) =>
      headers.indexOf(TASKS.columns.find(c => c.key === key)!.header);
    const grid = [
      headers,
      ...rows.map(r => {
        const cells = headers.map(() => '' as unknown);
        if (r.tt) cells[col('tt')] = r.tt;
        if (r.text) cells[col('text')] = r.text;
        if (r.status) cells[col('status')] = r.status;
        if (r.extra) cells[headers.length - 1] = r.extra;
        return cells;
      }),
    ];
    sheet.getRange(1, 1, grid.length, headers.length).setValues(grid);
    return readTable(ss, TASKS);
  });
}

function statusCells(ws: Workspace, table: Table): unknown[][] {
  return ws.uncounted(() =>
    ws.run(ADMIN, () => {
      const sheet = SpreadsheetApp.getActive().getSheetByName(TASKS.name)!;
      const values = sheet.getDataRange().getValues();
      const s = table.columnOf.status - 1;
      const p = table.columnOf.progressSummary - 1;
      return values.slice(1).map(r => [r[s], r[p]]);
    }),
  );
}

function written(
  ws: Workspace,
  table: Table,
  ...args: Parameters<typeof writeTaskStatuses> extends [
    unknown,
    unknown,
    ...infer R,
  ]
    ? R
    : never
): number {
  return ws.run(ADMIN, () => {
    const ss = SpreadsheetApp.getActive();
    ws.calls.reset();
    writeTaskStatuses(ss, table, ...args);
    return ws.calls.spreadsheetTotal();
  });
}

describe('writeTaskStatuses', () => {
  it('one task: one range write of its two cells', () => {
    const ws = new Workspace({owner: ADMIN});
    ws.installGlobals();
    const table = tasksTab(ws, [
      {tt: '1', text: 'a', status: 'cũ'},
      {tt: '2', text: 'b', status: 'cũ'},
    ]);
    const calls = written(ws, table, [
      {row: 3, status: 'Đang thực hiện', summary: '1/2'},
    ]);
    expect(calls).toBe(2);
    expect(statusCells(ws, table)).toEqual([
      ['cũ', ''],
      ['Đang thực hiện', '1/2'],
    ]);
  });

  it('several tasks: one block write, the tasks between from everyTask, blank rows kept blank', () => {
    const ws = new Workspace({owner: ADMIN});
    ws.installGlobals();
    const table = tasksTab(ws, [
      {tt: '1', text: 'a', status: 'cũ'},
      {tt: '2', text: 'b', status: 'cũ'},
      {},
      {tt: '3', text: 'c', status: 'cũ'},
    ]);
    const every = [
      {row: 2, status: 'A', summary: 'a'},
      {row: 3, status: 'B', summary: 'b'},
      {row: 5, status: 'C', summary: 'c'},
    ];
    const calls = written(ws, table, [every[0], every[2]], every);
    expect(calls).toBe(2);
    expect(statusCells(ws, table)).toEqual([
      ['A', 'a'],
      ['B', 'b'],
      ['', ''],
      ['C', 'c'],
    ]);
  });

  it("a row between that is no task (the admin's own) is read and written back as it was", () => {
    const ws = new Workspace({owner: ADMIN});
    ws.installGlobals();
    const table = tasksTab(ws, [
      {tt: '1', text: 'a', status: 'cũ'},
      {status: "'1/2", extra: 'ghi chú của quản trị'},
      {tt: '3', text: 'c', status: 'cũ'},
    ]);
    const every = [
      {row: 2, status: 'A', summary: 'a'},
      {row: 4, status: 'C', summary: 'c'},
    ];
    const calls = written(ws, table, every, every);
    expect(calls).toBe(3);
    const cells = statusCells(ws, table);
    // "1/2" stays text (written back with its apostrophe), not a date.
    expect(cells).toEqual([
      ['A', 'a'],
      ['1/2', ''],
      ['C', 'c'],
    ]);
  });

  it('a rearranged tab (status and summary apart): each cell on its own', () => {
    const ws = new Workspace({owner: ADMIN});
    ws.installGlobals();
    const headers = TASKS.columns.map(c => c.header);
    const summary = headers.splice(
      headers.indexOf(
        TASKS.columns.find(c => c.key === 'progressSummary')!.header,
      ),
      1,
    );
    headers.unshift(...summary);
    const table = tasksTab(ws, [{tt: '1', text: 'a'}], headers);
    expect(table.columnOf.progressSummary).toBe(1);
    const calls = written(ws, table, [{row: 2, status: 'A', summary: 'a'}]);
    expect(calls).toBe(4);
    expect(statusCells(ws, table)).toEqual([['A', 'a']]);
  });

  it('nothing to write, or no tasks tab: no call', () => {
    const ws = new Workspace({owner: ADMIN});
    ws.installGlobals();
    const table = ws.run(ADMIN, () =>
      readTable(SpreadsheetApp.getActive(), TASKS),
    );
    expect(written(ws, table, [{row: 2, status: 'A', summary: 'a'}])).toBe(0);
    const real = tasksTab(ws, [{tt: '1', text: 'a'}]);
    expect(written(ws, real, [])).toBe(0);
  });
});
