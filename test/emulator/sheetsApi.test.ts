// The Sheets advanced service's batchUpdate: each request kind read back through SpreadsheetApp, errors, atomicity, protections, scopes, manifest.
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {runInContext} from 'node:vm';
import {Workspace} from '../../emulator';
import {parseFieldMask} from '../../emulator/sheetsApi';
import {PROJECT_MANIFEST, createVmContext} from '../../emulator/vm';

const OWNER = 'admin@xa.gov.vn';
const UNIT = 'donvi@xa.gov.vn';
const AUTH = 'https://www.googleapis.com/auth/';
const QUIET = {log() {}, info() {}, warn() {}, error() {}};

type Request = GoogleAppsScript.Sheets.Schema.Request;

let ws: Workspace;
beforeEach(() => {
  ws = new Workspace({owner: OWNER});
  ws.addEditor(UNIT);
  ws.installGlobals();
});
afterEach(() => ws.uninstallGlobals());

const sheets = () => Sheets as GoogleAppsScript.Sheets;
const ssId = () => SpreadsheetApp.getActive().getId();
const tab = () => SpreadsheetApp.getActive().getSheets()[0];
const send = (requests: Request[], id = ssId()) =>
  sheets().Spreadsheets.batchUpdate({requests}, id);

function message(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return String(e);
  }
  return 'no error';
}

const BLUE = {red: 0x1f / 255, green: 0x4e / 255, blue: 0x79 / 255};

test('updateSheetProperties freezes rows and colours the tab, only the fields named', () => {
  ws.run(OWNER, () => {
    tab().setFrozenColumns(2);
    const res = send([
      {
        updateSheetProperties: {
          properties: {
            sheetId: tab().getSheetId(),
            gridProperties: {frozenRowCount: 1, frozenColumnCount: 0},
            tabColorStyle: {rgbColor: BLUE},
          },
          fields: 'gridProperties.frozenRowCount,tabColorStyle',
        },
      },
    ]);
    expect(res.replies).toEqual([{}]);
    expect(tab().getFrozenRows()).toBe(1);
    // frozenColumnCount was given but not named in fields: unchanged.
    expect(tab().getFrozenColumns()).toBe(2);
    expect(tab().getTabColor()).toBe('#1f4e79');
  });
});

test('updateDimensionProperties sets column widths and row heights over half-open ranges', () => {
  ws.run(OWNER, () => {
    const sheetId = tab().getSheetId();
    send([
      {
        updateDimensionProperties: {
          range: {sheetId, dimension: 'COLUMNS', startIndex: 1, endIndex: 3},
          properties: {pixelSize: 240},
          fields: 'pixelSize',
        },
      },
      {
        updateDimensionProperties: {
          range: {sheetId, dimension: 'ROWS', startIndex: 0, endIndex: 1},
          properties: {pixelSize: 40},
          fields: 'pixelSize',
        },
      },
    ]);
    expect([1, 2, 3, 4].map(c => tab().getColumnWidth(c))).toEqual([
      100, 240, 240, 100,
    ]);
    expect(tab().getRowHeight(1)).toBe(40);
  });
});

test('repeatCell formats every cell of its range: bold, colours, size, wrap, alignment, number format', () => {
  ws.run(OWNER, () => {
    tab().getRange('A1:C2').setHorizontalAlignment('center');
    send([
      {
        repeatCell: {
          range: {
            sheetId: tab().getSheetId(),
            startRowIndex: 0,
            endRowIndex: 2,
            startColumnIndex: 0,
            endColumnIndex: 2,
          },
          cell: {
            userEnteredFormat: {
              textFormat: {
                bold: true,
                foregroundColorStyle: {rgbColor: {red: 1, green: 1, blue: 1}},
                fontSize: 14,
              },
              backgroundColorStyle: {rgbColor: BLUE},
              wrapStrategy: 'CLIP',
              verticalAlignment: 'MIDDLE',
              numberFormat: {type: 'DATE', pattern: 'dd/MM/yyyy'},
            },
          },
          fields:
            'userEnteredFormat(textFormat(bold,foregroundColorStyle,fontSize),backgroundColorStyle,wrapStrategy,verticalAlignment,numberFormat)',
        },
      },
    ]);
    const r = tab().getRange('A1:C2');
    expect(r.getFontWeights()).toEqual([
      ['bold', 'bold', 'normal'],
      ['bold', 'bold', 'normal'],
    ]);
    // (The emulator has no font colour getter: read the model SpreadsheetApp's setFontColor writes.)
    const model = ws.store.byId.get(ssId())!.sheets[0];
    expect([1, 2, 3].map(c => model.cell(2, c)?.fmt?.fontColor)).toEqual([
      '#ffffff',
      '#ffffff',
      undefined,
    ]);
    expect(r.getFontSizes()[0]).toEqual([14, 14, 10]);
    expect(r.getBackgrounds()[0]).toEqual(['#1f4e79', '#1f4e79', '#ffffff']);
    expect(String(r.getWrapStrategies()[0][0])).toBe('CLIP');
    expect(r.getVerticalAlignments()[0]).toEqual([
      'middle',
      'middle',
      'bottom',
    ]);
    expect(r.getNumberFormats()[1][1]).toBe('dd/MM/yyyy');
    // Not in fields: left as it was.
    expect(r.getHorizontalAlignments()[0]).toEqual([
      'center',
      'center',
      'center',
    ]);
  });
});

test('a field named but absent from the cell is cleared; OVERFLOW_CELL reads as OVERFLOW', () => {
  ws.run(OWNER, () => {
    const a1 = tab().getRange('A1').setFontWeight('bold').setNote('cũ');
    a1.setBackground('#ff0000');
    send([
      {
        repeatCell: {
          range: {sheetId: 0, endRowIndex: 1, endColumnIndex: 1},
          cell: {userEnteredFormat: {wrapStrategy: 'OVERFLOW_CELL'}},
          fields: 'userEnteredFormat(textFormat.bold,wrapStrategy),note',
        },
      },
    ]);
    expect(a1.getFontWeight()).toBe('normal');
    expect(a1.getNote()).toBe('');
    expect(String(a1.getWrapStrategy())).toBe('OVERFLOW');
    expect(a1.getBackground()).toBe('#ff0000');
  });
});

test('updateCells writes each cell its own format and note from a start', () => {
  ws.run(OWNER, () => {
    tab().getRange('C1').setNote('giữ');
    send([
      {
        updateCells: {
          start: {sheetId: 0, rowIndex: 0, columnIndex: 0},
          rows: [
            {
              values: [
                {
                  note: 'Ghi chú',
                  userEnteredFormat: {backgroundColor: BLUE},
                },
                {
                  userEnteredFormat: {
                    backgroundColor: {red: 0.5, green: 0.5, blue: 0.5},
                  },
                },
              ],
            },
          ],
          fields: 'userEnteredFormat.backgroundColor,note',
        },
      },
    ]);
    expect(tab().getRange('A1:C1').getNotes()).toEqual([
      ['Ghi chú', '', 'giữ'],
    ]);
    expect(tab().getRange('A1:B1').getBackgrounds()).toEqual([
      ['#1f4e79', '#808080'],
    ]);
  });
});

test('data validation: ONE_OF_LIST, ONE_OF_RANGE and DATE_IS_VALID read back as SpreadsheetApp rules', () => {
  ws.run(OWNER, () => {
    const other = SpreadsheetApp.getActive().insertSheet('Đơn vị');
    send([
      {
        setDataValidation: {
          range: {
            sheetId: 0,
            startRowIndex: 1,
            endRowIndex: 5,
            startColumnIndex: 0,
            endColumnIndex: 1,
          },
          rule: {
            condition: {
              type: 'ONE_OF_LIST',
              values: [{userEnteredValue: 'Có'}, {userEnteredValue: 'Không'}],
            },
            strict: true,
            showCustomUi: true,
            inputMessage: 'Chọn một trong: Có, Không',
          },
        },
      },
      {
        repeatCell: {
          range: {
            sheetId: 0,
            startRowIndex: 1,
            endRowIndex: 5,
            startColumnIndex: 1,
            endColumnIndex: 2,
          },
          cell: {
            dataValidation: {
              condition: {type: 'DATE_IS_VALID'},
              strict: true,
              inputMessage: 'Nhập ngày dạng dd/MM/yyyy',
            },
          },
          fields: 'dataValidation',
        },
      },
      {
        setDataValidation: {
          range: {
            sheetId: 0,
            startRowIndex: 1,
            endRowIndex: 2,
            startColumnIndex: 2,
            endColumnIndex: 3,
          },
          rule: {
            condition: {
              type: 'ONE_OF_RANGE',
              values: [{userEnteredValue: "='Đơn vị'!A2:A20"}],
            },
          },
        },
      },
    ]);
    const list = tab().getRange('A5').getDataValidation()!;
    expect(String(list.getCriteriaType())).toBe('VALUE_IN_LIST');
    expect(list.getCriteriaValues()).toEqual([['Có', 'Không'], true]);
    expect(list.getAllowInvalid()).toBe(false);
    expect(list.getHelpText()).toBe('Chọn một trong: Có, Không');
    expect(tab().getRange('A6').getDataValidation()).toBeNull();
    const date = tab().getRange('B2').getDataValidation()!;
    expect(String(date.getCriteriaType())).toBe('DATE_IS_VALID_DATE');
    expect(date.getHelpText()).toBe('Nhập ngày dạng dd/MM/yyyy');
    const ranged = tab().getRange('C2').getDataValidation()!;
    expect(String(ranged.getCriteriaType())).toBe('VALUE_IN_RANGE');
    expect(ranged.getAllowInvalid()).toBe(true);
    const source =
      ranged.getCriteriaValues()[0] as GoogleAppsScript.Spreadsheet.Range;
    expect(source.getSheet().getSheetId()).toBe(other.getSheetId());
    expect(source.getA1Notation()).toBe('A2:A20');
    // A rule set without one clears it.
    send([
      {
        setDataValidation: {
          range: {
            sheetId: 0,
            startRowIndex: 4,
            endRowIndex: 5,
            endColumnIndex: 1,
          },
        },
      },
    ]);
    expect(tab().getRange('A5').getDataValidation()).toBeNull();
    expect(tab().getRange('A4').getDataValidation()).not.toBeNull();
  });
});

test('mergeCells MERGE_ROWS merges each row across, keeping only the first value', () => {
  ws.run(OWNER, () => {
    tab()
      .getRange('A1:C2')
      .setValues([
        ['a', 'b', 'c'],
        ['d', 'e', 'f'],
      ]);
    send([
      {
        mergeCells: {
          range: {
            sheetId: 0,
            startRowIndex: 0,
            endRowIndex: 2,
            startColumnIndex: 0,
            endColumnIndex: 3,
          },
          mergeType: 'MERGE_ROWS',
        },
      },
    ]);
    expect(
      tab()
        .getRange('A1:C2')
        .getMergedRanges()
        .map(r => r.getA1Notation())
        .sort(),
    ).toEqual(['A1:C1', 'A2:C2']);
    expect(tab().getRange('A1:C2').getValues()).toEqual([
      ['a', '', ''],
      ['d', '', ''],
    ]);
  });
});

describe('errors as the API gives them, and nothing of the batch applied', () => {
  const frozen: Request = {
    updateSheetProperties: {
      properties: {sheetId: 0, gridProperties: {frozenRowCount: 1}},
      fields: 'gridProperties.frozenRowCount',
    },
  };
  const cases: Array<[string, Request, RegExp]> = [
    [
      'a sheet that does not exist',
      {repeatCell: {range: {sheetId: 999}, cell: {}, fields: 'note'}},
      /Invalid requests\[1\]\.repeatCell: No grid with id: 999/,
    ],
    [
      'a range past the grid',
      {
        repeatCell: {
          range: {sheetId: 0, startRowIndex: 0, endRowIndex: 1001},
          cell: {},
          fields: 'note',
        },
      },
      /Invalid requests\[1\]\.repeatCell: Range \(Sheet1!A1:Z1001\) exceeds grid limits\. Max rows: 1000, max columns: 26/,
    ],
    [
      'an unknown field',
      {
        repeatCell: {
          range: {sheetId: 0},
          cell: {},
          fields: 'userEnteredFormat.borders',
        },
      },
      /Invalid requests\[1\]\.repeatCell: Invalid field mask: userEnteredFormat\.borders/,
    ],
    [
      'a request kind the emulator does not have',
      {sortRange: {range: {sheetId: 0}}},
      /Invalid requests\[1\]\.sortRange: the emulator does not support sortRange/,
    ],
    [
      'a validation the emulator does not have',
      {
        setDataValidation: {
          range: {sheetId: 0},
          rule: {
            condition: {
              type: 'NUMBER_GREATER',
              values: [{userEnteredValue: '1'}],
            },
          },
        },
      },
      /Invalid requests\[1\]\.setDataValidation:/,
    ],
  ];
  test.each(cases)('%s', (_name, bad, expected) => {
    const text = ws.run(OWNER, () => message(() => send([frozen, bad])));
    expect(text).toMatch(
      /^GoogleJsonResponseException: API call to sheets\.spreadsheets\.batchUpdate failed with error: /,
    );
    expect(text).toMatch(expected);
    // The first request was valid, but the batch is all or nothing.
    expect(ws.run(OWNER, () => tab().getFrozenRows())).toBe(0);
  });

  test('a spreadsheet that does not exist', () => {
    expect(ws.run(OWNER, () => message(() => send([frozen], 'nope')))).toMatch(
      /Requested entity was not found/,
    );
  });
});

test('field masks: nested groups become dotted paths', () => {
  expect(
    parseFieldMask(
      'userEnteredFormat(textFormat(bold,fontSize),wrapStrategy),note',
    ),
  ).toEqual([
    'userEnteredFormat.textFormat.bold',
    'userEnteredFormat.textFormat.fontSize',
    'userEnteredFormat.wrapStrategy',
    'note',
  ]);
});

test('the API obeys protections for the user the script runs as: a unit editor cannot format a protected tab', () => {
  ws.run(OWNER, () => {
    const p = tab().protect();
    p.addEditor(OWNER);
    p.removeEditors(p.getEditors());
    if (p.canDomainEdit()) p.setDomainEdit(false);
  });
  const id = ws.run(OWNER, () => ssId());
  const colour: Request[] = [
    {
      repeatCell: {
        range: {sheetId: 0, endRowIndex: 1, endColumnIndex: 1},
        cell: {userEnteredFormat: {backgroundColor: BLUE}},
        fields: 'userEnteredFormat.backgroundColor',
      },
    },
  ];
  const width: Request[] = [
    {
      updateDimensionProperties: {
        range: {sheetId: 0, dimension: 'COLUMNS', startIndex: 0, endIndex: 1},
        properties: {pixelSize: 300},
        fields: 'pixelSize',
      },
    },
  ];
  for (const requests of [colour, width])
    expect(ws.run(UNIT, () => message(() => send(requests, id)))).toMatch(
      /You are trying to edit a protected cell or object/,
    );
  expect(ws.run(OWNER, () => tab().getRange('A1').getBackground())).toBe(
    '#ffffff',
  );
  expect(ws.run(OWNER, () => tab().getColumnWidth(1))).toBe(100);
  expect(ws.run(OWNER, () => message(() => send(colour, id)))).toBe('no error');
});

test('one batchUpdate is one spreadsheet call, whatever it holds', () => {
  ws.run(OWNER, () => {
    const id = ssId();
    ws.calls.reset();
    send(
      Array.from({length: 20}, (_, i) => ({
        updateDimensionProperties: {
          range: {
            sheetId: 0,
            dimension: 'COLUMNS',
            startIndex: i,
            endIndex: i + 1,
          },
          properties: {pixelSize: 50 + i},
          fields: 'pixelSize',
        },
      })),
      id,
    );
  });
  expect(ws.calls.spreadsheetTotal()).toBe(1);
  expect(ws.calls.get('Sheets.Spreadsheets.batchUpdate')).toBe(1);
});

test('without the spreadsheets (or drive) scope the call fails with Google’s permission error', () => {
  const id = ws.run(OWNER, () => ssId());
  ws.setOAuthScopes([`${AUTH}drive.file`, `${AUTH}spreadsheets.currentonly`]);
  expect(
    ws.run(OWNER, () =>
      message(() =>
        send(
          [
            {
              updateSheetProperties: {
                properties: {sheetId: 0, gridProperties: {frozenRowCount: 1}},
                fields: 'gridProperties.frozenRowCount',
              },
            },
          ],
          id,
        ),
      ),
    ),
  ).toBe(
    'Exception: You do not have permission to call Sheets.Spreadsheets.batchUpdate. Required permissions: (https://www.googleapis.com/auth/spreadsheets || https://www.googleapis.com/auth/drive)',
  );
});

describe('the manifest enables the service', () => {
  test("the project's appsscript.json enables Sheets v4: a script in the vm sees it", () => {
    const w = new Workspace({owner: OWNER});
    const context = createVmContext(w, {console: QUIET});
    expect(typeof context.Sheets).toBe('object');
  });

  test('a manifest without it: no Sheets global, as on Google', () => {
    const dir = mkdtempSync(join(tmpdir(), 'manifest-'));
    try {
      const manifest = JSON.parse(readFileSync(PROJECT_MANIFEST, 'utf8'));
      manifest.dependencies.enabledAdvancedServices =
        manifest.dependencies.enabledAdvancedServices.filter(
          (s: {userSymbol: string}) => s.userSymbol !== 'Sheets',
        );
      const path = join(dir, 'appsscript.json');
      writeFileSync(path, JSON.stringify(manifest));
      const w = new Workspace({owner: OWNER});
      const context = createVmContext(w, {console: QUIET, manifest: path});
      expect(runInContext('typeof Sheets', context)).toBe('undefined');
      expect(typeof context.SpreadsheetApp).toBe('object');
    } finally {
      rmSync(dir, {recursive: true, force: true});
    }
  });

  test('a workspace made without it has no Sheets global', () => {
    const w = new Workspace({owner: OWNER, sheetsApi: false});
    expect('Sheets' in w.globals()).toBe(false);
  });
});

describe('addSheet', () => {
  test('adds a sheet at its index and size; later requests of the batch format it by the id the reply gives', () => {
    ws.run(OWNER, () => {
      const res = send([
        {
          addSheet: {
            properties: {
              title: 'Phân công',
              index: 0,
              gridProperties: {rowCount: 1500, columnCount: 30},
            },
          },
        },
      ]);
      const id = res.replies![0].addSheet!.properties!.sheetId!;
      expect(res.replies![0].addSheet!.properties).toMatchObject({
        title: 'Phân công',
        index: 0,
        gridProperties: {rowCount: 1500, columnCount: 30},
      });
      const ss = SpreadsheetApp.getActive();
      expect(ss.getSheets().map(s => s.getName())).toEqual([
        'Phân công',
        'Sheet1',
      ]);
      const added = ss.getSheetByName('Phân công')!;
      expect(added.getSheetId()).toBe(id);
      expect([added.getMaxRows(), added.getMaxColumns()]).toEqual([1500, 30]);
      // Not made active, unlike Spreadsheet.insertSheet.
      expect(ss.getActiveSheet().getName()).toBe('Sheet1');
    });
  });

  test('a sheet added and formatted in the same batch', () => {
    ws.run(OWNER, () => {
      send([
        {addSheet: {properties: {title: 'Mới', sheetId: 77}}},
        {
          repeatCell: {
            range: {
              sheetId: 77,
              startRowIndex: 999,
              endRowIndex: 1000,
              endColumnIndex: 1,
            },
            cell: {note: 'cuối'},
            fields: 'note',
          },
        },
      ]);
      const sheet = SpreadsheetApp.getActive().getSheetByName('Mới')!;
      expect(sheet.getRange(1000, 1).getNote()).toBe('cuối');
    });
  });

  test('a name taken (whatever the case) fails the batch and adds nothing', () => {
    ws.run(OWNER, () => {
      const text = message(() =>
        send([
          {addSheet: {properties: {title: 'Một'}}},
          {addSheet: {properties: {title: 'sheet1'}}},
        ]),
      );
      expect(text).toMatch(
        /Invalid requests\[1\]\.addSheet: A sheet with the name "sheet1" already exists\. Please enter another name\./,
      );
      expect(
        SpreadsheetApp.getActive()
          .getSheets()
          .map(s => s.getName()),
      ).toEqual(['Sheet1']);
    });
  });
});

describe('addProtectedRange', () => {
  const protectSheet = (
    sheetId: number,
    users: string[],
    description = 'Tổng hợp',
  ): Request => ({
    addProtectedRange: {
      protectedRange: {
        range: {sheetId},
        description,
        warningOnly: false,
        editors: {users, domainUsersCanEdit: false},
      },
    },
  });

  test('protects a sheet added in the same batch before anything else is written into it', () => {
    const res = ws.run(OWNER, () =>
      send([
        {addSheet: {properties: {title: 'TH', sheetId: 42}}},
        protectSheet(42, [OWNER]),
      ]),
    );
    expect(res.replies![1].addProtectedRange!.protectedRange).toMatchObject({
      range: {sheetId: 42},
      description: 'Tổng hợp',
      warningOnly: false,
      requestingUserCanEdit: true,
      editors: {users: [OWNER], domainUsersCanEdit: false},
    });
    expect(
      typeof res.replies![1].addProtectedRange!.protectedRange!
        .protectedRangeId,
    ).toBe('number');
    ws.run(OWNER, () => {
      const sheet = SpreadsheetApp.getActive().getSheetByName('TH')!;
      const [p] = sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET);
      expect(p.getDescription()).toBe('Tổng hợp');
      expect(p.getEditors().map(u => u.getEmail())).toEqual([OWNER]);
      expect(p.canDomainEdit()).toBe(false);
      expect(p.isWarningOnly()).toBe(false);
    });
    // A unit editor of the spreadsheet cannot write into it, through either service.
    ws.run(UNIT, () => {
      const sheet = SpreadsheetApp.getActive().getSheetByName('TH')!;
      expect(message(() => sheet.getRange('A1').setValue('giả'))).toMatch(
        /protected/i,
      );
      expect(
        message(() =>
          send([
            {
              repeatCell: {
                range: {sheetId: 42, endRowIndex: 1, endColumnIndex: 1},
                cell: {note: 'giả'},
                fields: 'note',
              },
            },
          ]),
        ),
      ).toMatch(/Invalid requests\[0\]\.repeatCell/);
    });
  });

  test('the requests after it are checked against it, and a failure takes it back', () => {
    ws.run(UNIT, () => {
      const id = tab().getSheetId();
      const text = message(() =>
        send([
          protectSheet(id, [OWNER]),
          {
            repeatCell: {
              range: {sheetId: id, endRowIndex: 1, endColumnIndex: 1},
              cell: {note: 'sau'},
              fields: 'note',
            },
          },
        ]),
      );
      expect(text).toMatch(/Invalid requests\[1\]\.repeatCell/);
      expect(
        tab().getProtections(SpreadsheetApp.ProtectionType.SHEET),
      ).toHaveLength(0);
      expect(tab().getRange('A1').getNote()).toBe('');
    });
  });

  test('a sheet already protected, a range with holes, and a unit protecting a sheet it may not edit are refused', () => {
    ws.run(OWNER, () => {
      const id = tab().getSheetId();
      send([protectSheet(id, [OWNER])]);
      expect(message(() => send([protectSheet(id, [OWNER])]))).toMatch(
        /already protected/,
      );
      expect(
        message(() =>
          send([
            {
              addProtectedRange: {
                protectedRange: {
                  range: {sheetId: id, endRowIndex: 2, endColumnIndex: 2},
                  unprotectedRanges: [{sheetId: id, endRowIndex: 1}],
                },
              },
            },
          ]),
        ),
      ).toMatch(/only supported on protected sheets/);
    });
    ws.run(UNIT, () => {
      const id = tab().getSheetId();
      expect(
        message(() =>
          send([
            {
              addProtectedRange: {
                protectedRange: {
                  range: {sheetId: id, endRowIndex: 1, endColumnIndex: 1},
                  editors: {users: [UNIT]},
                },
              },
            },
          ]),
        ),
      ).toMatch(/Invalid requests\[0\]\.addProtectedRange/);
      expect(
        tab().getProtections(SpreadsheetApp.ProtectionType.RANGE),
      ).toHaveLength(0);
    });
  });
});

describe('addChart', () => {
  const source = (
    sheetId: number,
    r0: number,
    r1: number,
    c0: number,
    c1: number,
  ) => ({
    sourceRange: {
      sources: [
        {
          sheetId,
          startRowIndex: r0,
          endRowIndex: r1,
          startColumnIndex: c0,
          endColumnIndex: c1,
        },
      ],
    },
  });

  test('a column chart of side-by-side columns, read back through Sheet.getCharts', () => {
    ws.run(OWNER, () => {
      const sheet = tab();
      sheet.getRange('A1:C3').setValues([
        ['Đơn vị', 'Đã', 'Chưa'],
        ['A', 3, 1],
        ['B', 2, 2],
      ]);
      const id = sheet.getSheetId();
      const res = send([
        {
          addChart: {
            chart: {
              spec: {
                title: 'Đơn vị',
                basicChart: {
                  chartType: 'BAR',
                  legendPosition: 'BOTTOM_LEGEND',
                  headerCount: 1,
                  stackedType: 'STACKED',
                  domains: [{domain: source(id, 0, 3, 0, 1)}],
                  series: [
                    {series: source(id, 0, 3, 1, 2), color: BLUE},
                    {series: source(id, 0, 3, 2, 3), color: BLUE},
                  ],
                },
              },
              position: {
                overlayPosition: {
                  anchorCell: {sheetId: id, rowIndex: 0, columnIndex: 4},
                  offsetXPixels: 0,
                  offsetYPixels: 391,
                  widthPixels: 600,
                  heightPixels: 371,
                },
              },
            },
          },
        },
      ]);
      const [chart] = sheet.getCharts();
      expect(res.replies![0].addChart!.chart!.chartId).toBe(chart.getChartId());
      expect(chart.getRanges().map(r => r.getA1Notation())).toEqual(['A1:C3']);
      expect(chart.getTransposeRowsAndColumns()).toBe(false);
      expect(chart.getNumHeaders()).toBe(1);
      const o = chart.getOptions();
      expect(o.get('title')).toBe('Đơn vị');
      expect(o.get('isStacked')).toBe(true);
      expect(o.get('colors')).toEqual(['#1f4e79', '#1f4e79']);
      expect(o.get('width')).toBe(600);
      const info = chart.getContainerInfo();
      expect([info.getAnchorRow(), info.getAnchorColumn()]).toEqual([1, 5]);
      expect(info.getOffsetY()).toBe(391);
    });
  });

  /** A plain column chart at A1 of domain `d` and series `ss` (source ranges). */
  const columnChart = (
    id: number,
    d: ReturnType<typeof source>,
    ss: Array<ReturnType<typeof source>>,
  ): Request => ({
    addChart: {
      chart: {
        spec: {
          basicChart: {
            chartType: 'COLUMN',
            headerCount: 1,
            domains: [{domain: d}],
            series: ss.map(series => ({series})),
          },
        },
        position: {
          overlayPosition: {
            anchorCell: {sheetId: id, rowIndex: 0, columnIndex: 0},
          },
        },
      },
    },
  });

  test('rows one under the other are series (transposed); other layouts and protected sheets are refused', () => {
    ws.run(OWNER, () => {
      const id = tab().getSheetId();
      send([
        columnChart(id, source(id, 0, 1, 0, 2), [
          source(id, 1, 2, 0, 2),
          source(id, 2, 3, 0, 2),
        ]),
      ]);
      const [chart] = tab().getCharts();
      expect(chart.getRanges().map(r => r.getA1Notation())).toEqual(['A1:B3']);
      expect(chart.getTransposeRowsAndColumns()).toBe(true);
      // A series that skips a column is not drawn by the emulator: refused, not guessed.
      const scattered = message(() =>
        send([
          columnChart(id, source(id, 0, 3, 0, 1), [source(id, 0, 3, 2, 3)]),
        ]),
      );
      expect(scattered).toMatch(/Invalid requests\[0\]\.addChart/);
      const p = tab().protect();
      p.removeEditors([UNIT]);
      p.setDomainEdit(false);
    });
    ws.run(UNIT, () => {
      const id = tab().getSheetId();
      const text = message(() =>
        send([
          columnChart(id, source(id, 0, 3, 0, 1), [source(id, 0, 3, 1, 2)]),
        ]),
      );
      expect(text).toMatch(/Invalid requests\[0\]\.addChart/);
      expect(tab().getCharts()).toHaveLength(1);
    });
  });
});
