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

describe('every kind of write is refused where a blocking protection does not allow the user', () => {
  /** Sheet1: a sheet protection (owner + STAFF) with holes B2:B5 and C2:C5; D2:D3 a range only OTHER may edit. */
  function layout(): void {
    ws.run(OWNER, () => {
      const sh = SpreadsheetApp.getActive().getSheets()[0];
      sh.getRange('A1:E6').setValues(
        Array.from({length: 6}, (_r, i) =>
          Array.from({length: 5}, (_c, j) => `${i}${j}`),
        ),
      );
      const p = sh.protect();
      lockDown(p);
      p.setUnprotectedRanges([sh.getRange('B2:B5'), sh.getRange('C2:C5')]);
      const own = sh.getRange('B2:C3').protect();
      lockDown(own);
      own.addEditor(OTHER);
    });
  }
  const sh = () => SpreadsheetApp.getActive().getSheets()[0];
  const grid = () => ws.sheetValues('Sheet1');

  const writes: Array<[string, () => unknown]> = [
    ['setValue', () => sh().getRange('A2').setValue('x')],
    [
      'setValues',
      () =>
        sh()
          .getRange('A2:B2')
          .setValues([['x', 'y']]),
    ],
    ['setFormula', () => sh().getRange('A3').setFormula('=1+1')],
    [
      'setFormulas',
      () =>
        sh()
          .getRange('A3:A4')
          .setFormulas([['=1'], ['=2']]),
    ],
    ['clearContent', () => sh().getRange('A2:A3').clearContent()],
    ['clear', () => sh().getRange('A2').clear()],
    ['Sheet.clear', () => sh().clear()],
    ['clearNote', () => sh().getRange('A2').clearNote()],
    ['setNote', () => sh().getRange('A2').setNote('n')],
    ['setNumberFormat', () => sh().getRange('A2').setNumberFormat('@')],
    ['appendRow', () => sh().appendRow(['forged', 'row'])],
    ['insertRowsAfter', () => sh().insertRowsAfter(6, 1)],
    ['insertRowBefore', () => sh().insertRowBefore(3)],
    ['deleteRow', () => sh().deleteRow(4)],
    ['deleteColumn', () => sh().deleteColumn(5)],
    ['sort', () => sh().getRange('A2:E6').sort(1)],
    ['Sheet.sort', () => sh().sort(2, false)],
    ['copyTo', () => sh().getRange('B2').copyTo(sh().getRange('A6'))],
    ['merge', () => sh().getRange('A2:A3').merge()],
    ['insertCheckboxes', () => sh().getRange('E2').insertCheckboxes()],
    ['trimWhitespace', () => sh().getRange('E2:E3').trimWhitespace()],
  ];

  it.each(writes)(
    '%s by someone the protection does not list',
    (_name, write) => {
      layout();
      const before = grid();
      expect(message(() => ws.run(OTHER, write))).toBe(PROTECTED);
      expect(grid()).toEqual(before);
      // The owner is never refused.
      expect(message(() => ws.run(OWNER, write))).toBe('no error');
    },
  );

  it('a write is allowed only when the unprotected ranges, together, hold all of it', () => {
    layout();
    // B4:C5 spans two adjacent holes and no range protection: every editor may write it.
    expect(
      message(() =>
        ws.run(STAFF, () =>
          sh()
            .getRange('B4:C5')
            .setValues([
              ['a', 'b'],
              ['c', 'd'],
            ]),
        ),
      ),
    ).toBe('no error');
    // One cell outside the holes refuses the whole write, and nothing is written.
    const before = grid();
    expect(
      message(() =>
        ws.run(OTHER, () =>
          sh()
            .getRange('B5:C6')
            .setValues([
              ['a', 'b'],
              ['c', 'd'],
            ]),
        ),
      ),
    ).toBe(PROTECTED);
    expect(grid()).toEqual(before);
  });

  it('a range protection inside a hole still refuses those it does not list', () => {
    layout();
    // B2:C3 is in the holes but protected for OTHER only (plus the owner).
    expect(
      message(() => ws.run(STAFF, () => sh().getRange('B2').setValue('x'))),
    ).toBe(PROTECTED);
    expect(
      message(() => ws.run(OTHER, () => sh().getRange('C3').setValue('x'))),
    ).toBe('no error');
    // A UI edit follows the same rule.
    expect(() => ws.editCell(STAFF, 'Sheet1!C2', 'y')).toThrow(
      /protected cell/,
    );
    ws.editCell(OTHER, 'Sheet1!C2', 'y');
    expect(grid()[1][2]).toBe('y');
  });

  it('inserting rows inside a range protection is refused for those it does not list', () => {
    ws.run(OWNER, () => lockDown(sh().getRange('A2:B5').protect()));
    expect(
      message(() => ws.run(STAFF, () => sh().insertRowsBefore(3, 1))),
    ).toBe(PROTECTED);
    // Above or below the range it is allowed (the range only moves).
    expect(
      message(() => ws.run(STAFF, () => sh().insertRowsBefore(2, 1))),
    ).toBe('no error');
    expect(message(() => ws.run(STAFF, () => sh().insertRowsAfter(6, 1)))).toBe(
      'no error',
    );
  });
});

test('Protection.addEditors refuses an address it cannot parse, and changes nothing', () => {
  ws.run(OWNER, () => {
    const p = SpreadsheetApp.getActive()
      .getSheets()[0]
      .getRange('A1')
      .protect();
    lockDown(p);
    const before = p.getEditors().map(u => u.getEmail());
    for (const bad of ['Nguyễn Văn A <a@x.vn>', 'ttvh@xa', 'ttvh(at)xa.vn']) {
      expect(message(() => p.addEditors([STAFF, bad]))).toBe(
        `Exception: Invalid email: ${bad}`,
      );
    }
    expect(p.getEditors().map(u => u.getEmail())).toEqual(before);
  });
});
