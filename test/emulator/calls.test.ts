// Call counting: every script call to a service counts once under "Class.method".
import {Workspace} from '../../emulator';
import {callerOf} from '../../emulator/context';

let ws: Workspace;
beforeEach(() => {
  ws = new Workspace();
  ws.installGlobals();
});
afterEach(() => ws.uninstallGlobals());

test('calls are counted per method and per class, nested calls are not', () => {
  const sheet = SpreadsheetApp.getActive().getSheetByName(
    'Sheet1',
  ) as GoogleAppsScript.Spreadsheet.Sheet;
  const range = sheet.getRange(1, 1, 100, 3);
  range.setValues(Array.from({length: 100}, (_, i) => [i, 'x', true]));
  range.getValues();
  range.getValues();
  sheet.appendRow([1, 2, 3]);
  PropertiesService.getScriptProperties().getProperty('x');
  expect(ws.calls.snapshot()).toEqual({
    'Properties.getProperty': 1,
    'PropertiesService.getScriptProperties': 1,
    'Range.getValues': 2,
    'Range.setValues': 1,
    'Sheet.appendRow': 1,
    'Sheet.getRange': 1,
    'Spreadsheet.getSheetByName': 1,
    'SpreadsheetApp.getActive': 1,
  });
  expect(ws.calls.get('Range')).toBe(3);
  expect(ws.calls.spreadsheetTotal()).toBe(7);
  expect(ws.calls.total()).toBe(9);
});

test('host inspection is not counted; reset clears', () => {
  ws.uncounted(() =>
    SpreadsheetApp.getActive().getSheets()[0].getRange('A1').setValue(1),
  );
  ws.sheetValues('Sheet1');
  expect(ws.calls.total()).toBe(0);
  SpreadsheetApp.getActive();
  expect(ws.calls.total()).toBe(1);
  ws.calls.reset();
  expect(ws.calls.snapshot()).toEqual({});
});

test('a script execution started inside uncounted is not counted either; one started outside is', () => {
  ws.uncounted(() =>
    ws.run('a@x.vn', () => SpreadsheetApp.getActive().getSheets()),
  );
  expect(ws.calls.total()).toBe(0);
  ws.run('a@x.vn', () => SpreadsheetApp.getActive().getSheets());
  expect(ws.calls.total()).toBe(2);
});

test('builders and enums do not count', () => {
  SpreadsheetApp.newDataValidation()
    .requireValueInList(['a'])
    .setAllowInvalid(false)
    .build();
  void SpreadsheetApp.ProtectionType.RANGE;
  expect(ws.calls.snapshot()).toEqual({'SpreadsheetApp.newDataValidation': 1});
});

test('call sites name the script functions behind each call, when asked', () => {
  function readTab(): unknown[][] {
    return SpreadsheetApp.getActive()
      .getSheetByName('Sheet1')!
      .getDataRange()
      .getValues();
  }
  function loadAll(): void {
    readTab();
    readTab();
  }
  loadAll();
  expect(ws.calls.topSites()).toEqual([]);
  ws.calls.reset();
  ws.calls.recordSites(true);
  loadAll();
  const sites = ws.calls.topSites(10);
  expect(sites).toHaveLength(4);
  expect(sites.every(s => s.calls === 2)).toBe(true);
  const values = sites.find(s => s.site.startsWith('Range.getValues ← '));
  // (jest's source maps name a frame after the callee at its call position, so names may shift by one)
  expect(values?.site).toMatch(
    /^Range\.getValues ← (.* ← )?readTab ← loadAll.* \(calls\.test\.ts:\d+\)$/,
  );
  expect(ws.calls.topSites(1)).toHaveLength(1);
  ws.calls.reset();
  expect(ws.calls.topSites()).toEqual([]);
});

test('callerOf skips emulator and node frames', () => {
  const stack = [
    'Error',
    '    at CallCounter.count (/x/emulator/context.ts:10:5)',
    '    at RangeImpl.getValues (/x/emulator/runtime.ts:47:9)',
    '    at readTable (Code.js:2167:40)',
    '    at Object.loadWorkbook (Code.js:2100:3)',
    '    at Code.js:900:1',
    '    at processTicksAndRejections (node:internal/process/task_queues:95:5)',
  ].join('\n');
  expect(callerOf(stack)).toBe(
    'readTable ← loadWorkbook ← <anonymous> (Code.js:2167)',
  );
  expect(callerOf('Error\n    at x (/y/emulator/a.ts:1:1)')).toBe('?');
});
