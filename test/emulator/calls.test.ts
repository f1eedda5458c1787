// Call counting: every script call to a service counts once under "Class.method".
import {Workspace} from '../../emulator';

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

test('builders and enums do not count', () => {
  SpreadsheetApp.newDataValidation()
    .requireValueInList(['a'])
    .setAllowInvalid(false)
    .build();
  void SpreadsheetApp.ProtectionType.RANGE;
  expect(ws.calls.snapshot()).toEqual({'SpreadsheetApp.newDataValidation': 1});
});
