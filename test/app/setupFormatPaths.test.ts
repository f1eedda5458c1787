// Set-up's two formatting paths: one Sheets API batchUpdate, or SpreadsheetApp when the advanced service is off; the same look either way.
import {Workspace} from '../../emulator';
import {runSetup} from '../../src/app/setup';
import {scaledPlan} from '../support/scaledPlan';

const ADMIN = 'admin@example.com';

type Look = Record<string, unknown>;

/** Everything formatTable sets, read back through SpreadsheetApp (and the model for font colours). */
function lookOf(ws: Workspace): Record<string, Look> {
  const out: Record<string, Look> = {};
  const ss = SpreadsheetApp.getActive();
  const model = ws.store.byId.get(ss.getId())!;
  for (const sheet of ss.getSheets()) {
    const rows = sheet.getMaxRows();
    const cols = sheet.getLastColumn() || 1;
    const all = sheet.getRange(1, 1, rows, cols);
    const m = model.sheetById(sheet.getSheetId())!;
    out[sheet.getName()] = {
      frozen: sheet.getFrozenRows(),
      tabColor: sheet.getTabColor(),
      widths: Array.from({length: cols}, (_, i) => sheet.getColumnWidth(i + 1)),
      weights: all.getFontWeights(),
      fontColors: Array.from(
        {length: cols},
        (_, i) => m.cell(1, i + 1)?.fmt?.fontColor,
      ),
      backgrounds: all.getBackgrounds(),
      notes: all.getNotes(),
      wraps: all.getWrapStrategies().map(r => r.map(String)),
      vAlign: all.getVerticalAlignments(),
      numberFormats: all.getNumberFormats(),
      validations: all
        .getDataValidations()
        .map(r =>
          r.map(v =>
            v
              ? [
                  String(v.getCriteriaType()),
                  JSON.stringify(v.getCriteriaValues()),
                  v.getAllowInvalid(),
                  v.getHelpText(),
                ].join('|')
              : null,
          ),
        ),
      rules: sheet.getConditionalFormatRules().length,
      values: sheet.getDataRange().getDisplayValues(),
    };
  }
  return out;
}

function setUp(sheetsApi: boolean) {
  const ws = new Workspace({
    owner: ADMIN,
    now: new Date('2025-08-27T01:00:00Z'),
    sheetsApi,
  });
  ws.installGlobals();
  try {
    ws.run(ADMIN, () => runSetup(scaledPlan(13, 10)));
    const calls = ws.calls.snapshot();
    return {calls, look: ws.run(ADMIN, () => lookOf(ws))};
  } finally {
    ws.uninstallGlobals();
  }
}

describe('set-up formats every tab', () => {
  const api = setUp(true);
  const plain = setUp(false);

  it('through the Sheets API when the advanced service is enabled: one batchUpdate adds the tabs, one formats them all', () => {
    expect(api.calls['Sheets.Spreadsheets.batchUpdate']).toBe(2);
    // Only the help tab is inserted through SpreadsheetApp; no tab's id or size is read back.
    expect(api.calls['Spreadsheet.insertSheet']).toBe(1);
    expect(api.calls['Sheet.getSheetId'] ?? 0).toBe(0);
    for (const key of [
      'Sheet.setColumnWidths',
      'Sheet.setFrozenRows',
      'Range.setBackgrounds',
      'Range.setWrapStrategies',
      'Range.setNumberFormats',
      'Range.setDataValidations',
    ])
      expect([key, api.calls[key] ?? 0]).toEqual([key, 0]);
    // Only the help tab (help.ts, its own look) colours its tab through SpreadsheetApp.
    expect(api.calls['Sheet.setTabColor']).toBe(1);
  });

  it('through SpreadsheetApp when it is disabled (an admin may turn advanced services off)', () => {
    expect(plain.calls['Sheets.Spreadsheets.batchUpdate'] ?? 0).toBe(0);
    expect(plain.calls['Range.setDataValidations']).toBeGreaterThan(0);
  });

  it('with the same tabs in the same order, the same look and the same values either way', () => {
    expect(Object.keys(api.look)).toEqual(Object.keys(plain.look));
    for (const name of Object.keys(plain.look))
      for (const key of Object.keys(plain.look[name]))
        expect([name, key, api.look[name][key]]).toEqual([
          name,
          key,
          plain.look[name][key],
        ]);
  });
});
