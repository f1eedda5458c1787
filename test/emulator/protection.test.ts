// Protections are enforced for the user the script runs as: owner always, listed editors yes, others no.
import {Workspace} from '../../emulator';

const OWNER = 'admin@xa.gov.vn';
const STAFF = 'staff@xa.gov.vn';
const OTHER = 'other@xa.gov.vn';
const PROTECTED =
  'Exception: You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.';

let ws: Workspace;
beforeEach(() => {
  ws = new Workspace({owner: OWNER});
  ws.addEditor(STAFF, OTHER);
  ws.installGlobals();
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

function lockDown(p: GoogleAppsScript.Spreadsheet.Protection): void {
  const me = Session.getEffectiveUser();
  p.addEditor(me);
  p.removeEditors(p.getEditors());
  if (p.canDomainEdit()) p.setDomainEdit(false);
}

test('a new protection mirrors the file’s editors until its editors change', () => {
  const p = ws.run(OWNER, () =>
    SpreadsheetApp.getActive().getSheets()[0].getRange('A1:B2').protect(),
  );
  ws.run(STAFF, () =>
    SpreadsheetApp.getActive().getSheets()[0].getRange('A1').setValue('ok'),
  );
  expect(ws.run(OWNER, () => p.getEditors().map(u => u.getEmail()))).toEqual([
    OWNER,
    STAFF,
    OTHER,
  ]);
  expect(ws.run(OWNER, () => p.canDomainEdit())).toBe(true);
});

test('a locked range refuses non-editors, not the owner or listed editors', () => {
  ws.run(OWNER, () => {
    const p = SpreadsheetApp.getActive()
      .getSheets()[0]
      .getRange('A1:B2')
      .protect()
      .setDescription('Chỉ script');
    lockDown(p);
    p.addEditor(STAFF);
    expect(p.getEditors().map(u => u.getEmail())).toEqual([OWNER, STAFF]);
  });
  const write = () =>
    SpreadsheetApp.getActive().getSheets()[0].getRange('B2').setValue('x');
  expect(message(() => ws.run(OTHER, write))).toBe(PROTECTED);
  expect(message(() => ws.run(STAFF, write))).toBe('no error');
  expect(message(() => ws.run(OWNER, write))).toBe('no error');
  // Outside the protected range anyone may write.
  expect(
    message(() =>
      ws.run(OTHER, () =>
        SpreadsheetApp.getActive().getSheets()[0].getRange('C3').setValue(1),
      ),
    ),
  ).toBe('no error');
  expect(
    ws.run(OTHER, () =>
      SpreadsheetApp.getActive().getSheets()[0].getRange('A1').canEdit(),
    ),
  ).toBe(false);
});

test('a protected sheet with an unprotected hole; formats and structure are protected too', () => {
  ws.run(OWNER, () => {
    const sh = SpreadsheetApp.getActive().getSheets()[0];
    const p = sh.protect();
    lockDown(p);
    p.setUnprotectedRanges([sh.getRange('D2:D10')]);
  });
  const sh = () => SpreadsheetApp.getActive().getSheets()[0];
  expect(
    message(() => ws.run(STAFF, () => sh().getRange('D5').setValue('ghi chú'))),
  ).toBe('no error');
  expect(
    message(() => ws.run(STAFF, () => sh().getRange('A5').setValue('x'))),
  ).toBe(PROTECTED);
  expect(
    message(() =>
      ws.run(STAFF, () => sh().getRange('D5').setBackground('#ff0000')),
    ),
  ).toBe('no error');
  expect(
    message(() =>
      ws.run(STAFF, () => sh().getRange('A1').setBackground('#ff0000')),
    ),
  ).toBe(PROTECTED);
  expect(message(() => ws.run(STAFF, () => sh().insertRowsAfter(1, 1)))).toBe(
    PROTECTED,
  );
  expect(message(() => ws.run(STAFF, () => sh().setName('Khác')))).toBe(
    PROTECTED,
  );
  expect(message(() => ws.run(OWNER, () => sh().insertRowsAfter(1, 1)))).toBe(
    'no error',
  );
});

test('warning-only protections never refuse', () => {
  ws.run(OWNER, () => {
    const p = SpreadsheetApp.getActive()
      .getSheets()[0]
      .getRange('A1')
      .protect();
    lockDown(p);
    p.setWarningOnly(true);
  });
  expect(
    message(() =>
      ws.run(OTHER, () =>
        SpreadsheetApp.getActive().getSheets()[0].getRange('A1').setValue(1),
      ),
    ),
  ).toBe('no error');
});

test('only those who can edit a protection may change or remove it; protections are listed', () => {
  ws.run(OWNER, () =>
    lockDown(
      SpreadsheetApp.getActive().getSheets()[0].getRange('A1:A5').protect(),
    ),
  );
  ws.run(OTHER, () => {
    const [p] = SpreadsheetApp.getActive().getProtections(
      SpreadsheetApp.ProtectionType.RANGE,
    );
    expect(p.canEdit()).toBe(false);
    expect(p.getRange().getA1Notation()).toBe('A1:A5');
    expect(message(() => p.remove())).toBe(PROTECTED);
    expect(message(() => p.addEditor(OTHER))).toBe(PROTECTED);
  });
  ws.run(OWNER, () => {
    const [p] = SpreadsheetApp.getActive()
      .getSheets()[0]
      .getProtections(SpreadsheetApp.ProtectionType.RANGE);
    p.remove();
    expect(
      SpreadsheetApp.getActive().getProtections(
        SpreadsheetApp.ProtectionType.RANGE,
      ),
    ).toHaveLength(0);
  });
});

test('protected ranges follow inserted rows', () => {
  ws.run(OWNER, () => {
    const sh = SpreadsheetApp.getActive().getSheets()[0];
    lockDown(sh.getRange('A5:B6').protect());
    sh.insertRowsBefore(1, 2);
    expect(
      sh
        .getProtections(SpreadsheetApp.ProtectionType.RANGE)[0]
        .getRange()
        .getA1Notation(),
    ).toBe('A7:B8');
  });
});

test('a user edit in the UI is refused by protections and reject-invalid validation', () => {
  ws.run(OWNER, () => {
    const sh = SpreadsheetApp.getActive().getSheets()[0];
    lockDown(sh.getRange('A1').protect());
    sh.getRange('B1').setDataValidation(
      SpreadsheetApp.newDataValidation()
        .requireValueInList(['Có', 'Không'])
        .setAllowInvalid(false)
        .setHelpText('Chọn Có/Không')
        .build(),
    );
  });
  expect(() => ws.editCell(STAFF, 'Sheet1!A1', 'x')).toThrow(/protected cell/);
  expect(() => ws.editCell(STAFF, 'Sheet1!B1', 'x')).toThrow('Chọn Có/Không');
  ws.editCell(STAFF, 'Sheet1!B1', 'Có');
  expect(ws.sheetValues('Sheet1')).toEqual([['', 'Có']]);
});
