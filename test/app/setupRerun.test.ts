// Set-up's re-run touches only what changed: unchanged looks, cells, help and protections cost no writes, changed ones are repaired.
import {Workspace} from '../../emulator';
import {runSetup} from '../../src/app/setup';
import {scaledPlan} from '../support/scaledPlan';

const ADMIN = 'admin@example.com';
const UNIT = 'donvi@example.com';
const STRANGER = 'la@example.com';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

let ws: Workspace;
beforeEach(() => {
  ws = new Workspace({owner: ADMIN, now: new Date('2025-08-27T01:00:00Z')});
  ws.addEditor(UNIT, STRANGER);
  ws.installGlobals();
  ws.run(ADMIN, () => runSetup(scaledPlan(13, 10)));
});
afterEach(() => ws.uninstallGlobals());

const tab = (name: string): Sheet =>
  SpreadsheetApp.getActive().getSheetByName(name) as Sheet;

/** Runs set-up again as the admin; returns the calls it made, by key. */
function rerun(): Record<string, number> {
  ws.calls.reset();
  ws.run(ADMIN, () => runSetup(scaledPlan(13, 10)));
  return ws.calls.snapshot();
}

/** Changes the workbook outside the counted run. */
function asAdmin<T>(fn: () => T): T {
  return ws.uncounted(() => ws.run(ADMIN, fn));
}

/** Gives the first non-village unit an e-mail (its rows become a protected block). */
function giveUnitEmail(): void {
  asAdmin(() => {
    const sheet = tab('Đơn vị');
    const values = sheet.getDataRange().getValues();
    const emailCol = values[0].indexOf('Email (cách nhau bởi dấu phẩy)');
    const i = values.findIndex((r, n) => n > 0 && r[2] !== 'Thôn');
    sheet.getRange(i + 1, emailCol + 1).setValue(UNIT);
  });
}

describe('set-up re-run over an unchanged workbook', () => {
  it('formats no tab again: no widths, formats, dropdowns or colour rules', () => {
    const calls = rerun();
    for (const key of [
      'Sheet.setColumnWidths',
      'Sheet.setColumnWidth',
      'Sheet.setFrozenRows',
      'Sheet.setTabColor',
      'Sheet.setConditionalFormatRules',
      'Range.setNumberFormats',
      'Range.setDataValidations',
      'Range.setDataValidation',
      'Range.setBackgrounds',
      'Range.setWraps',
    ])
      expect([key, calls[key] ?? 0]).toEqual([key, 0]);
  });

  it('writes only the two tabs with derived columns and the history line: not Đơn vị, Nhóm, Kỳ, Cấu hình or the how-to tab', () => {
    const calls = rerun();
    // Nhiệm vụ and Phân công (statuses follow the date), then set-up's own history line.
    expect(calls['Range.setValues']).toBe(3);
    expect(calls['Sheet.clearContents'] ?? 0).toBe(0);
  });

  it('leaves its own sheet protections as they are: no editor added, no description set', () => {
    const calls = rerun();
    expect(calls['Protection.addEditor'] ?? 0).toBe(0);
    expect(calls['Protection.addEditors'] ?? 0).toBe(0);
    expect(calls['Protection.removeEditors'] ?? 0).toBe(0);
    expect(calls['Protection.setDescription'] ?? 0).toBe(0);
  });
});

describe('set-up re-run repairs what changed', () => {
  it('a grown tab gets its formats and dropdowns down to the new last row', () => {
    asAdmin(() => tab('Phân công').insertRowsAfter(1000, 500));
    const calls = rerun();
    // The tab's look goes in the one Sheets API batch (dropdowns included), not through Range.
    expect(calls['Sheets.Spreadsheets.batchUpdate']).toBe(1);
    expect(calls['Range.setDataValidations'] ?? 0).toBe(0);
    asAdmin(() => {
      const sheet = tab('Phân công');
      const last = sheet.getMaxRows();
      const progressCol =
        (sheet.getRange(1, 1, 1, 20).getValues()[0] as unknown[]).indexOf(
          'Trạng thái thực hiện',
        ) + 1;
      const rule = sheet.getRange(last, progressCol).getDataValidation();
      expect(rule?.getCriteriaValues()[0]).toContain('Đã hoàn thành');
      expect(sheet.getRange(last, progressCol).getNumberFormat()).toBe('@');
    });
  });

  it('a tab whose header was broken gets its header and look back', () => {
    asAdmin(() => {
      const sheet = tab('Kỳ báo cáo');
      sheet.getRange(1, 1, 1, 3).setValues([['x', 'y', 'z']]);
      sheet.getRange(2, 4, 10, 1).clearDataValidations();
    });
    const report = asAdmin(() => runSetup(scaledPlan(13, 10)));
    expect(report.repairedTabs).toContain('Kỳ báo cáo');
    asAdmin(() => {
      const sheet = tab('Kỳ báo cáo');
      expect(sheet.getRange(1, 1, 1, 3).getValues()[0]).toEqual([
        'Mã kỳ',
        'Tên kỳ',
        'Loại',
      ]);
      expect(sheet.getRange(2, 4).getDataValidation()).not.toBeNull();
    });
  });

  it('a missing setting row comes back, a changed commune rewrites the how-to tab', () => {
    asAdmin(() => {
      const sheet = tab('Cấu hình');
      const keys = sheet
        .getDataRange()
        .getValues()
        .map(r => String(r[0]));
      const at = keys.indexOf('commune') + 1;
      sheet.getRange(at, 3).setValue('Hòa Bình');
      sheet.getRange(at + 1, 1, 1, 4).clearContent();
    });
    rerun();
    asAdmin(() => {
      const keys = tab('Cấu hình')
        .getDataRange()
        .getValues()
        .map(r => String(r[0]))
        .filter(Boolean);
      expect(new Set(keys).size).toBe(keys.length);
      expect(keys.length).toBeGreaterThan(10);
      expect(String(tab('Hướng dẫn').getRange(1, 1).getValue())).toContain(
        'HÒA BÌNH',
      );
    });
  });

  it('a sheet protection an admin opened (warning only, an extra editor, a hole) is closed again', () => {
    asAdmin(() => {
      const p = tab('Cấu hình').protect();
      p.addEditor(STRANGER);
      p.setWarningOnly(true);
    });
    asAdmin(() => {
      const p = tab('Đơn vị').protect();
      p.setUnprotectedRanges([tab('Đơn vị').getRange('A2:K20')]);
    });
    rerun();
    asAdmin(() => {
      const settings = tab('Cấu hình').protect();
      expect(settings.isWarningOnly()).toBe(false);
      expect(settings.getEditors().map(u => u.getEmail())).not.toContain(
        STRANGER,
      );
      expect(tab('Đơn vị').protect().getUnprotectedRanges()).toEqual([]);
    });
    expect(
      ws.run(STRANGER, () => {
        try {
          tab('Cấu hình').getRange(2, 3).setValue('x');
          return 'written';
        } catch {
          return 'refused';
        }
      }),
    ).toBe('refused');
  });

  it("a unit's block follows its new address: the unit writes its rows, the stranger cannot", () => {
    giveUnitEmail();
    rerun();
    const blocks = asAdmin(() =>
      tab('Phân công')
        .getProtections(SpreadsheetApp.ProtectionType.RANGE)
        .map(p => ({
          description: p.getDescription(),
          editors: p
            .getEditors()
            .map(u => u.getEmail())
            .sort(),
        })),
    );
    expect(blocks).toHaveLength(1);
    expect(blocks[0].editors).toEqual([ADMIN, UNIT].sort());
    const write = (user: string) =>
      ws.run(user, () => {
        const sheet = tab('Phân công');
        const header = sheet.getRange(1, 1, 1, 20).getValues()[0] as unknown[];
        const col = header.indexOf('Kết quả thực hiện') + 1;
        try {
          sheet.getRange(2, col).setValue(`viết bởi ${user}`);
          return 'written';
        } catch {
          return 'refused';
        }
      });
    expect(write(UNIT)).toBe('written');
    expect(write(STRANGER)).toBe('refused');
  });
});
