// toJSON / fromJSON keeps every sheet, format, validation, protection, property, trigger and the clock.
import {Workspace} from '../../emulator';

test('a round trip through JSON text loses nothing', () => {
  const ws = new Workspace({
    owner: 'admin@example.com',
    now: new Date('2025-09-05T03:00:00Z'),
  });
  ws.addEditor('staff@example.com');
  ws.installGlobals();
  try {
    const ss = SpreadsheetApp.getActive();
    const a = ss.getSheets()[0].setName('Nhiệm vụ');
    a.getRange('A1:C2').setValues([
      ['TT', 'Hạn', 'Xong'],
      [1, new Date('2025-09-03T00:00:00Z'), true],
    ]);
    a.getRange('A1:C1').setFontWeight('bold').setBackground('#cfe2f3');
    a.getRange('B2').setNumberFormat('dd/MM/yyyy');
    a.getRange('D2').setFormula('=B2+1');
    a.getRange('C2').setDataValidation(
      SpreadsheetApp.newDataValidation().requireCheckbox().build(),
    );
    a.setFrozenRows(1);
    a.setColumnWidth(2, 180);
    const p = a.getRange('A1:C1').protect().setDescription('Tiêu đề');
    p.removeEditors(p.getEditors());
    const b = ss.insertSheet('Cấu hình');
    b.getRange('A1').setValue("'=không phải công thức");
    b.getRange('B1').setDataValidation(
      SpreadsheetApp.newDataValidation()
        .requireValueInRange(b.getRange('A1:A5'))
        .build(),
    );
    ss.setNamedRange('Settings', b.getRange('A1:B1'));
    b.hideSheet();
    PropertiesService.getScriptProperties().setProperty('version', '3');
    PropertiesService.getDocumentProperties().setProperty('doc', 'yes');
    PropertiesService.getUserProperties().setProperty('me', 'admin');
    ScriptApp.newTrigger('dailyJob')
      .timeBased()
      .everyDays(1)
      .atHour(7)
      .create();
    ws.addHtmlFile('Sidebar', '<p>hi</p>');
  } finally {
    ws.uninstallGlobals();
  }
  const text = JSON.stringify(ws.toJSON());
  const back = Workspace.fromJSON(JSON.parse(text));
  expect(JSON.stringify(back.toJSON())).toBe(text);
  back.installGlobals();
  try {
    const ss = SpreadsheetApp.getActive();
    expect(ss.getSheets().map(s => s.getName())).toEqual([
      'Nhiệm vụ',
      'Cấu hình',
    ]);
    const a = ss.getSheetByName(
      'Nhiệm vụ',
    ) as GoogleAppsScript.Spreadsheet.Sheet;
    const values = a.getRange('A1:D2').getValues();
    expect(values[1][1]).toBeInstanceOf(Date);
    expect((values[1][1] as Date).toISOString()).toBe(
      '2025-09-03T00:00:00.000Z',
    );
    expect(a.getRange('A1:D2').getDisplayValues()[1]).toEqual([
      '1',
      '03/09/2025',
      'TRUE',
      '',
    ]);
    expect(a.getRange('D2').getFormula()).toBe('=B2+1');
    expect(a.getRange('A1').getFontWeight()).toBe('bold');
    expect(
      String(a.getRange('C2').getDataValidation()?.getCriteriaType()),
    ).toBe('CHECKBOX');
    expect(a.getFrozenRows()).toBe(1);
    expect(a.getColumnWidth(2)).toBe(180);
    const [p] = a.getProtections(SpreadsheetApp.ProtectionType.RANGE);
    expect(p.getDescription()).toBe('Tiêu đề');
    expect(p.getEditors().map(u => u.getEmail())).toEqual([
      'admin@example.com',
    ]);
    const b = ss.getSheetByName(
      'Cấu hình',
    ) as GoogleAppsScript.Spreadsheet.Sheet;
    expect(b.isSheetHidden()).toBe(true);
    expect(b.getRange('A1').getValue()).toBe('=không phải công thức');
    expect(
      b
        .getRange('B1')
        .getDataValidation()
        ?.getCriteriaValues()[0]
        .getA1Notation(),
    ).toBe('A1:A5');
    expect(ss.getRangeByName('Settings')?.getA1Notation()).toBe('A1:B1');
    expect(PropertiesService.getScriptProperties().getProperty('version')).toBe(
      '3',
    );
    expect(PropertiesService.getDocumentProperties().getProperty('doc')).toBe(
      'yes',
    );
    expect(PropertiesService.getUserProperties().getProperty('me')).toBe(
      'admin',
    );
    expect(
      ScriptApp.getProjectTriggers().map(t => t.getHandlerFunction()),
    ).toEqual(['dailyJob']);
    expect(back.now().toISOString()).toBe('2025-09-05T03:00:00.000Z');
    expect(HtmlService.createHtmlOutputFromFile('Sidebar').getContent()).toBe(
      '<p>hi</p>',
    );
    expect(back.boundSpreadsheet.editors).toEqual(['staff@example.com']);
    // Ids keep counting where they stopped: a new spreadsheet does not reuse an id.
    expect(SpreadsheetApp.create('Mới').getId()).not.toBe(ss.getId());
  } finally {
    back.uninstallGlobals();
  }
});

test('extensions contribute their own state, restored when they register', () => {
  const ws = new Workspace();
  let sample: string[] = ['form A'];
  ws.registerExtension({
    name: 'sample',
    toJSON: () => sample,
    fromJSON: d => (sample = d as string[]),
  });
  const json = JSON.parse(JSON.stringify(ws.toJSON()));
  sample = [];
  const back = Workspace.fromJSON(json);
  // Saved again before the extension registers: its state is kept.
  expect(back.toJSON().extensions.sample).toEqual(['form A']);
  let restored: unknown = null;
  back.registerExtension({
    name: 'sample',
    toJSON: () => restored,
    fromJSON: d => (restored = d),
  });
  expect(restored).toEqual(['form A']);
});
