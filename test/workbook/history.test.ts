// Nhật ký's appends: a full tab grows with spare rows, so the next append takes the 3-call path at the remembered free row.
import {Workspace} from '../../emulator';
import {runClock} from '../../src/services/clock';
import {appendHistory} from '../../src/workbook/history';
import {HISTORY} from '../../src/workbook/schema';
import {APPEND_SPARE_ROWS} from '../../src/workbook/table';

const OWNER = 'owner@xa.gov.vn';
let ws: Workspace;
beforeEach(() => {
  ws = new Workspace({owner: OWNER, now: '2025-09-02T00:00:00Z'});
  ws.installGlobals();
});
afterEach(() => ws.uninstallGlobals());

const clock = () =>
  runClock('Asia/Ho_Chi_Minh', new Date('2025-09-02T00:00:00Z'));
const append = (
  target: string,
  ss = ws.run(OWNER, () => SpreadsheetApp.getActive()),
) => ws.run(OWNER, () => appendHistory(ss, clock(), [{action: 'Thử', target}]));
const targets = () => ws.sheetValues(HISTORY.name).map(r => String(r[3] ?? ''));

it('a full Nhật ký grows with spare rows; the next append writes at the remembered row in 3 calls', () => {
  // A tab with its header and 5 entries, not one row to spare (as a long set-up leaves it).
  ws.run(OWNER, () => {
    const sheet = SpreadsheetApp.getActive().insertSheet(HISTORY.name);
    const width = HISTORY.columns.length;
    const rows = [HISTORY.columns.map(c => c.header)];
    for (let i = 1; i <= 5; i++)
      rows.push(
        HISTORY.columns.map((_c, j) =>
          j === 3 ? `cũ ${i}` : j === 0 ? '' : 'x',
        ),
      );
    sheet.getRange(1, 1, rows.length, width).setValues(rows);
    sheet.deleteRows(7, sheet.getMaxRows() - 6);
    sheet.deleteColumns(width + 1, sheet.getMaxColumns() - width);
  });
  ws.caches.evict(/./);
  append('mới 1');
  const maxRows = ws.run(OWNER, () =>
    SpreadsheetApp.getActive().getSheetByName(HISTORY.name)!.getMaxRows(),
  );
  expect(maxRows).toBe(7 + APPEND_SPARE_ROWS);
  const ss = ws.run(OWNER, () => SpreadsheetApp.getActive());
  ws.calls.reset();
  append('mới 2', ss);
  expect(ws.calls.spreadsheetTotal()).toBe(3);
  expect(targets()).toEqual([
    HISTORY.columns[3].header,
    'cũ 1',
    'cũ 2',
    'cũ 3',
    'cũ 4',
    'cũ 5',
    'mới 1',
    'mới 2',
  ]);
});
