// The emulated SpreadsheetApp behaves like Google's: indices, bounds, values, dates, sheets, rows.
import {Workspace} from '../../emulator';

let ws: Workspace;
let sheet: GoogleAppsScript.Spreadsheet.Sheet;

beforeEach(() => {
  ws = new Workspace({owner: 'admin@example.com'});
  ws.installGlobals();
  sheet = SpreadsheetApp.getActive().getSheets()[0];
});
afterEach(() => ws.uninstallGlobals());

function message(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return String(e);
  }
  return 'no error';
}

describe('ranges', () => {
  test('indices are 1-based and out-of-range coordinates throw like Google', () => {
    sheet.getRange(1, 1).setValue('A1');
    expect(sheet.getRange('A1').getValue()).toBe('A1');
    expect(sheet.getRange(1, 1).getA1Notation()).toBe('A1');
    expect(sheet.getRange(2, 3, 4, 5).getA1Notation()).toBe('C2:G5');
    expect(message(() => sheet.getRange(0, 1))).toBe(
      'Exception: The starting row of the range is too small.',
    );
    expect(message(() => sheet.getRange(1, 0))).toBe(
      'Exception: The starting column of the range is too small.',
    );
    expect(message(() => sheet.getRange(1, 1, 0, 1))).toBe(
      'Exception: The number of rows in the range must be at least 1.',
    );
    expect(message(() => sheet.getRange(1000, 1, 2, 1))).toBe(
      'Exception: The coordinates of the range are outside the dimensions of the sheet.',
    );
    expect(message(() => sheet.getRange(1, 27))).toBe(
      'Exception: The coordinates of the range are outside the dimensions of the sheet.',
    );
    expect(sheet.getRange(1000, 26).getA1Notation()).toBe('Z1000');
  });

  test('errors are Exceptions whose message has no prefix', () => {
    let caught: unknown;
    try {
      sheet.getRange(0, 1);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(Error);
    expect((caught as Error).name).toBe('Exception');
    expect((caught as Error).message).toBe(
      'The starting row of the range is too small.',
    );
  });

  test('setValues throws Google’s message when the data does not fit the range', () => {
    const r = sheet.getRange(1, 1, 2, 2);
    expect(message(() => r.setValues([[1, 2]]))).toBe(
      'Exception: The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
    );
    expect(message(() => r.setValues([[1, 2], [3]]))).toBe(
      'Exception: The number of columns in the data does not match the number of columns in the range. The data has 1 but the range has 2.',
    );
    expect(ws.sheetValues('Sheet1')).toEqual([['']]);
  });

  test('empty cells read as "" and getValues returns a fresh array each time', () => {
    const r = sheet.getRange('A1:C2');
    r.setValues([
      ['x', null, 3],
      [undefined, true, ''],
    ]);
    const v = r.getValues();
    expect(v).toEqual([
      ['x', '', 3],
      ['', true, ''],
    ]);
    v[0][0] = 'changed';
    expect(r.getValues()[0][0]).toBe('x');
  });

  test('a Date goes in and a copy comes out', () => {
    const d = new Date('2025-09-02T20:00:00Z');
    sheet.getRange('A1').setValue(d);
    const out = sheet.getRange('A1').getValue() as Date;
    expect(Object.prototype.toString.call(out)).toBe('[object Date]');
    expect(out.getTime()).toBe(d.getTime());
    expect(out).not.toBe(d);
    out.setFullYear(2000);
    expect((sheet.getRange('A1').getValue() as Date).getTime()).toBe(
      d.getTime(),
    );
    d.setFullYear(1999);
    expect((sheet.getRange('A1').getValue() as Date).getUTCFullYear()).toBe(
      2025,
    );
  });

  test('display values follow the number format in the spreadsheet time zone', () => {
    const r = sheet.getRange('A1:C1');
    r.setValues([[new Date('2025-09-02T20:00:00Z'), 0.5, 1234.5]]);
    expect(r.getDisplayValues()).toEqual([
      ['9/3/2025 3:00:00', '0.5', '1234.5'],
    ]);
    r.setNumberFormats([['dd/MM/yyyy', '0%', '#,##0.00']]);
    expect(r.getDisplayValues()).toEqual([['03/09/2025', '50%', '1,234.50']]);
    expect(r.getNumberFormats()).toEqual([['dd/MM/yyyy', '0%', '#,##0.00']]);
  });

  test('strings are read like typed input unless the cell is plain text', () => {
    const r = sheet.getRange('A1:D1');
    r.setValues([['0123', 'TRUE', '12.5', 'Đã hoàn thành']]);
    expect(r.getValues()).toEqual([[123, true, 12.5, 'Đã hoàn thành']]);
    r.setNumberFormat('@');
    r.setValues([['0123', 'TRUE', '12.5', '+84912']]);
    expect(r.getValues()).toEqual([['0123', 'TRUE', '12.5', '+84912']]);
  });

  test('typed-input parsing follows the spreadsheet locale', () => {
    const vi = new Workspace({
      locale: 'vi_VN',
      now: new Date('2025-06-01T00:00:00Z'),
    });
    const s = (
      vi.globals().SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp
    )
      .getActive()
      .getSheets()[0];
    s.getRange('A1:E1').setValues([
      ['03/9/2025', '1,5', '1.234', '5/9', '0912345678'],
    ]);
    const [d, half, thousand, noYear, phone] = s
      .getRange('A1:E1')
      .getValues()[0] as [Date, number, number, Date, number];
    expect(d.toISOString()).toBe('2025-09-02T17:00:00.000Z');
    expect([half, thousand, phone]).toEqual([1.5, 1234, 912345678]);
    expect(noYear.toISOString()).toBe('2025-09-04T17:00:00.000Z');
    expect(s.getRange('A1').getDisplayValues()[0][0]).toBe('3/9/2025');
    // In en_US the same text is 9 March.
    sheet.getRange('A1').setValue('03/9/2025');
    expect((sheet.getRange('A1').getValue() as Date).toISOString()).toBe(
      '2025-03-08T17:00:00.000Z',
    );
  });

  test('a leading apostrophe stores text; "=" starts a formula', () => {
    sheet.getRange('A1:B1').setValues([["'=1+1", '=SUM(1,2)']]);
    expect(sheet.getRange('A1:B1').getValues()).toEqual([['=1+1', '']]);
    expect(sheet.getRange('A1:B1').getDisplayValues()).toEqual([['=1+1', '']]);
    expect(sheet.getRange('A1:B1').getFormulas()).toEqual([['', '=SUM(1,2)']]);
    sheet.getRange('C1').setFormula('=A1');
    expect(sheet.getRange('C1').getFormula()).toBe('=A1');
    expect(sheet.getLastColumn()).toBe(3);
  });

  test('a cell holds at most 50,000 characters', () => {
    expect(
      message(() => sheet.getRange('A1').setValue('x'.repeat(50001))),
    ).toBe(
      'Exception: Your input contains more than the maximum of 50000 characters in a single cell.',
    );
  });

  test('data validation does not refuse script writes', () => {
    const rule = SpreadsheetApp.newDataValidation()
      .requireValueInList(['Có', 'Không'])
      .setAllowInvalid(false)
      .build();
    const r = sheet.getRange('A1:A3');
    r.setDataValidation(rule);
    r.setValues([['Có'], ['khác'], ['']]);
    expect(r.getValues()).toEqual([['Có'], ['khác'], ['']]);
    const got = sheet.getRange('A2').getDataValidation();
    expect(String(got?.getCriteriaType())).toBe('VALUE_IN_LIST');
    expect(got?.getCriteriaValues()).toEqual([['Có', 'Không'], true]);
    expect(got?.getAllowInvalid()).toBe(false);
    expect(
      SpreadsheetApp.newDataValidation()
        .requireDate()
        .build()
        .getAllowInvalid(),
    ).toBe(true);
    expect(
      message(() =>
        r.setDataValidation(
          SpreadsheetApp.newDataValidation().requireDate() as never,
        ),
      ),
    ).toMatch(/DataValidationBuilder/);
  });

  test('formats are kept per cell with Google’s defaults', () => {
    const r = sheet.getRange('A1:B1');
    expect(r.getBackground()).toBe('#ffffff');
    expect(r.getFontWeight()).toBe('normal');
    r.setBackground('#FF0000')
      .setFontWeight('bold')
      .setFontColor('white')
      .setWrap(true);
    expect(r.getBackgrounds()).toEqual([['#ff0000', '#ff0000']]);
    expect(r.getFontWeights()).toEqual([['bold', 'bold']]);
    expect(r.getWrap()).toBe(true);
    expect(String(r.getWrapStrategy())).toBe('WRAP');
    r.clearFormat();
    expect(r.getBackground()).toBe('#ffffff');
  });
});

describe('sheets', () => {
  test('getLastRow is 0 on an empty sheet and ignores formatting', () => {
    expect(sheet.getLastRow()).toBe(0);
    expect(sheet.getLastColumn()).toBe(0);
    sheet.getRange('A1:Z500').setBackground('#eeeeee');
    sheet.getRange('C20').setNote('a note');
    expect(sheet.getLastRow()).toBe(0);
    sheet.getRange('B7').setValue('x');
    expect(sheet.getLastRow()).toBe(7);
    expect(sheet.getLastColumn()).toBe(2);
  });

  test('getDataRange of an empty sheet is A1', () => {
    expect(sheet.getDataRange().getA1Notation()).toBe('A1');
    expect(sheet.getDataRange().getValues()).toEqual([['']]);
    sheet.getRange('C4').setValue(1);
    expect(sheet.getDataRange().getA1Notation()).toBe('A1:C4');
  });

  test('insertSheet refuses a duplicate name like Google', () => {
    const ss = SpreadsheetApp.getActive();
    ss.insertSheet('Nhiệm vụ');
    expect(message(() => ss.insertSheet('Nhiệm vụ'))).toBe(
      'Exception: A sheet with the name "Nhiệm vụ" already exists. Please enter another name.',
    );
    expect(ss.getSheets().map(s => s.getName())).toEqual([
      'Sheet1',
      'Nhiệm vụ',
    ]);
    expect(ss.getSheetByName('Không có')).toBeNull();
    expect(ss.insertSheet('Đầu', 0).getIndex()).toBe(1);
    expect(ss.getActiveSheet().getName()).toBe('Đầu');
  });

  test('max size is 1000 × 26; insertRows grows it, appendRow grows it too', () => {
    expect([sheet.getMaxRows(), sheet.getMaxColumns()]).toEqual([1000, 26]);
    sheet.insertRowsAfter(1000, 5);
    expect(sheet.getMaxRows()).toBe(1005);
    sheet.getRange(1005, 1).setValue('last');
    sheet.appendRow(['x', 1]);
    expect(sheet.getMaxRows()).toBe(1006);
    expect(sheet.getRange(1006, 1, 1, 2).getValues()).toEqual([['x', 1]]);
  });

  test('inserting and deleting rows moves data, formats and validations', () => {
    sheet.getRange('A1:A3').setValues([['h'], ['a'], ['b']]);
    sheet.getRange('A1').setFontWeight('bold');
    sheet.getRange('A2').setBackground('#00ff00');
    sheet.insertRowsAfter(2, 2);
    expect(ws.sheetValues('Sheet1')).toEqual([['h'], ['a'], [''], [''], ['b']]);
    // New rows take the format of the row above.
    expect(sheet.getRange('A3').getBackground()).toBe('#00ff00');
    sheet.deleteRows(3, 2);
    expect(ws.sheetValues('Sheet1')).toEqual([['h'], ['a'], ['b']]);
    sheet.deleteRow(1);
    expect(ws.sheetValues('Sheet1')).toEqual([['a'], ['b']]);
    expect(sheet.getMaxRows()).toBe(999);
  });

  test('frozen rows, widths, tab color, hiding', () => {
    sheet.setFrozenRows(1);
    sheet.setColumnWidth(2, 250);
    sheet.setTabColor('#FF9900');
    expect(sheet.getFrozenRows()).toBe(1);
    expect(sheet.getColumnWidth(2)).toBe(250);
    expect(sheet.getColumnWidth(3)).toBe(100);
    expect(sheet.getTabColor()).toBe('#ff9900');
    expect(message(() => sheet.hideSheet())).toMatch(/hide all the sheets/);
    SpreadsheetApp.getActive().insertSheet('Hai');
    sheet.hideSheet();
    expect(sheet.isSheetHidden()).toBe(true);
  });

  test('conditional format rules are stored and readable', () => {
    const range = sheet.getRange('A2:D100');
    const rule = SpreadsheetApp.newConditionalFormatRule()
      .whenFormulaSatisfied('=$D2="Quá hạn"')
      .setBackground('#F4CCCC')
      .setFontColor('#990000')
      .setRanges([range])
      .build();
    sheet.setConditionalFormatRules([rule]);
    const rules = sheet.getConditionalFormatRules();
    expect(rules).toHaveLength(1);
    const cond = rules[0].getBooleanCondition();
    expect(String(cond?.getCriteriaType())).toBe('CUSTOM_FORMULA');
    expect(cond?.getCriteriaValues()).toEqual(['=$D2="Quá hạn"']);
    expect(cond?.getBackground()).toBe('#f4cccc');
    expect(rules[0].getRanges()[0].getA1Notation()).toBe('A2:D100');
    const other = SpreadsheetApp.getActive().insertSheet('Khác');
    expect(message(() => other.setConditionalFormatRules([rule]))).toMatch(
      /different sheet/,
    );
  });

  test('named ranges and A1 ranges with sheet names', () => {
    const ss = SpreadsheetApp.getActive();
    const s2 = ss.insertSheet('Cấu hình');
    s2.getRange('B2').setValue('Đại Sơn');
    ss.setNamedRange('CommuneName', s2.getRange('B2'));
    expect(ss.getRangeByName('CommuneName')?.getValue()).toBe('Đại Sơn');
    expect(ss.getRange("'Cấu hình'!B2").getValue()).toBe('Đại Sơn');
    expect(ss.getRangeByName('Nope')).toBeNull();
    s2.insertRowsBefore(1, 1);
    expect(ss.getRangeByName('CommuneName')?.getA1Notation()).toBe('B3');
  });

  test('a 10,000-row sheet is written and read back whole', () => {
    sheet.insertRowsAfter(1000, 9000);
    const data = Array.from({length: 10000}, (_, i) => [
      i,
      `row ${i}`,
      new Date(Date.UTC(2025, 0, 1 + (i % 300))),
      i % 2 === 0,
    ]);
    sheet.getRange(1, 1, 10000, 4).setValues(data);
    const back = sheet.getDataRange().getValues();
    expect(sheet.getLastRow()).toBe(10000);
    expect(back[9999][1]).toBe('row 9999');
    expect(back[9999][2]).toEqual(data[9999][2]);
  });
});

describe('spreadsheet', () => {
  test('identity, url, owner and time zone', () => {
    const ss = SpreadsheetApp.getActive();
    expect(ss.getUrl()).toBe(
      `https://docs.google.com/spreadsheets/d/${ss.getId()}/edit`,
    );
    expect(ss.getOwner()?.getEmail()).toBe('admin@example.com');
    expect(ss.getSpreadsheetTimeZone()).toBe('Asia/Ho_Chi_Minh');
    expect(SpreadsheetApp.openById(ss.getId()).getName()).toBe(ss.getName());
    expect(message(() => SpreadsheetApp.openById('nope'))).toMatch(/openById/);
  });

  test('toasts are recorded; getUi throws without a UI', () => {
    SpreadsheetApp.getActive().toast('Đã lưu', 'Thông báo', 3);
    expect(ws.ui.last('toast')).toMatchObject({
      message: 'Đã lưu',
      title: 'Thông báo',
      timeoutSeconds: 3,
    });
    ws.run(
      'admin@example.com',
      () => {
        expect(message(() => SpreadsheetApp.getUi())).toBe(
          'Exception: Cannot call SpreadsheetApp.getUi() from this context.',
        );
      },
      {ui: false},
    );
  });

  test('getAs(PDF) gives a PDF blob; other types are refused', () => {
    sheet.getRange('A1').setValue('Tổng hợp');
    const pdf = SpreadsheetApp.getActive().getAs('application/pdf');
    expect(pdf.getContentType()).toBe('application/pdf');
    expect(pdf.getDataAsString().startsWith('%PDF-1.4')).toBe(true);
    expect(pdf.getDataAsString()).toContain('Tong hop');
    expect(message(() => SpreadsheetApp.getActive().getAs('text/csv'))).toMatch(
      /not supported/,
    );
  });
});

describe('row heights', () => {
  const long = 'x'.repeat(2000);

  test('a row grows to fit wrapped text, not clipped or overflowing text', () => {
    sheet.setColumnWidth(1, 120);
    expect(sheet.getRowHeight(2)).toBe(21);
    sheet.getRange(2, 1).setValue(long).setWrap(true);
    expect(sheet.getRowHeight(2)).toBeGreaterThan(1000);
    sheet.getRange(2, 1).setWrapStrategy(SpreadsheetApp.WrapStrategy.CLIP);
    expect(sheet.getRowHeight(2)).toBe(21);
    sheet.getRange(2, 1).setWrapStrategy(SpreadsheetApp.WrapStrategy.OVERFLOW);
    expect(sheet.getRowHeight(2)).toBe(21);
  });

  test('a set height is a minimum; a forced height holds whatever the row holds', () => {
    sheet.getRange(3, 1).setValue(long).setWrap(true);
    sheet.setRowHeight(3, 40);
    expect(sheet.getRowHeight(3)).toBeGreaterThan(1000);
    sheet.setRowHeightsForced(3, 1, 40);
    expect(sheet.getRowHeight(3)).toBe(40);
    // Inserting a row above moves the forced height with its row.
    sheet.insertRowBefore(1);
    expect(sheet.getRowHeight(4)).toBe(40);
    sheet.setRowHeights(4, 1, 30);
    expect(sheet.getRowHeight(4)).toBeGreaterThan(1000);
  });

  test('a cell merged across columns wraps over the merged width; covered cells add nothing', () => {
    for (let c = 1; c <= 10; c++) sheet.setColumnWidth(c, 40);
    const text = 'y'.repeat(300); // about 60 lines in one 40 px column, 8 over ten of them
    sheet.getRange(6, 1).setValue(text).setWrap(true);
    expect(sheet.getRowHeight(6)).toBeGreaterThan(1000);
    sheet.getRange(6, 1, 1, 10).merge();
    const merged = sheet.getRowHeight(6);
    expect(merged).toBeGreaterThan(21 * 4);
    expect(merged).toBeLessThan(21 * 10);
    // A value left under the merge (hidden by it) grows nothing.
    sheet.getRange(7, 1, 1, 3).merge();
    sheet.getRange(7, 2).setValue(text).setWrap(true);
    expect(sheet.getRowHeight(7)).toBe(21);
    // A merge over two rows grows neither.
    sheet.getRange(8, 1).setValue(text).setWrap(true);
    sheet.getRange(8, 1, 2, 1).merge();
    expect(sheet.getRowHeight(8)).toBe(21);
  });
});
