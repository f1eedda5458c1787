// Trust, through dist/Code.js with protections enforced: fail-closed protections, Phân công identity, admin-only tabs.
import {injectFault} from '../../emulator/faults';
import type {Workspace} from '../../emulator';
import {
  ADMIN,
  app,
  attempt,
  cleanUp,
  colOf,
  KT,
  PROTECTED,
  rowOf,
  setSetting,
  setUnitEmails,
  sidebarIds,
  sidebarSave,
  summaryLinesOf,
  tab,
  trustWorkspace,
  VHXH,
} from './trustFixture';

afterEach(cleanUp);

type Protection = GoogleAppsScript.Spreadsheet.Protection;

/** Every protection of the workbook as plain data (to compare before and after). */
function protections(ws: Workspace): unknown[] {
  return ws.uncounted(() =>
    ws.run(ADMIN, () => {
      const ss = app(ws).getActive();
      const all: Protection[] = [
        ...ss.getProtections(app(ws).ProtectionType.SHEET),
        ...ss.getProtections(app(ws).ProtectionType.RANGE),
      ];
      return all
        .map(p => ({
          on: p.getRange().getSheet().getName(),
          range: p.getRange().getA1Notation(),
          description: p.getDescription(),
          warningOnly: p.isWarningOnly(),
          editors: p
            .getEditors()
            .map(u => u.getEmail())
            .sort(),
          open: (p.getUnprotectedRanges() ?? []).map(r => r.getA1Notation()),
        }))
        .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    }),
  );
}

const sheet = (ws: Workspace, name: string) =>
  app(ws).getActive().getSheetByName(name)!;

describe('class 1: fail-closed protections', () => {
  it('bad addresses are listed by name and left out; the unit with none stays admin-only; every tab stays protected', () => {
    const ws = trustWorkspace();
    setSetting(ws, 'adminEmails', `Nguyễn Văn A <a@x.vn>, ${ADMIN}`);
    setUnitEmails(ws, 'KT', 'ttvh@xa');
    setUnitEmails(ws, 'TTVH', 'ttvh(at)xa.vn');
    const report = ws.callFunction(ADMIN, 'setupWorkbook') as {
      problems: string[];
    };
    const text = report.problems.join('\n');
    expect(text).toContain('"<a@x.vn>"');
    expect(text).toContain(
      'Đơn vị "Phòng Kinh tế": email không hợp lệ "ttvh@xa"',
    );
    expect(text).toContain('"ttvh(at)xa.vn"');
    expect(text).toContain('chỉ quản trị viên sửa được');
    expect(JSON.stringify(ws.ui.last('alert'))).toContain('email không hợp lệ');
    // KT's rows are now admin-only: its old address can no longer write them.
    const row = rowOf(ws, '3|KT|lead');
    const resultCol = colOf(ws, 'Phân công', 'Kết quả thực hiện');
    expect(
      attempt(ws, KT, () =>
        sheet(ws, 'Phân công').getRange(row, resultCol).setValue('x'),
      ),
    ).toBe(PROTECTED);
    // Nothing was left open: a unit cannot write itself into the admin setting.
    expect(
      attempt(ws, VHXH, () =>
        sheet(ws, 'Cấu hình').getRange(2, 3).setValue(VHXH),
      ),
    ).toBe(PROTECTED);
    // The bad address never reached a protection.
    expect(JSON.stringify(protections(ws))).not.toMatch(/ttvh@xa"|<a@x\.vn>/);
  });

  it('a protection call that fails part-way leaves the previous protections exactly as they were', () => {
    const ws = trustWorkspace();
    const before = protections(ws);
    const sheetBefore = tab(ws, 'Phân công');
    // A new address for VHXH; Google refuses it when it is added to VHXH's block.
    setUnitEmails(ws, 'VHXH', 'vhxh.moi@daison.vn');
    const fault = injectFault(ws, 'Protection.addEditors', {
      when: (_p, args) => JSON.stringify(args).includes('vhxh.moi@daison.vn'),
      message: 'Service error: Spreadsheets',
    });
    const out = ws.callFunction(ADMIN, 'setupWorkbook') as {
      ok?: boolean;
      message?: string;
    };
    fault.restore();
    expect(fault.thrown).toBe(1);
    expect(out.ok).toBe(false);
    expect(out.message).toContain('Không đặt được quyền sửa');
    expect(out.message).toContain('Các quyền sửa cũ được giữ nguyên');
    // Sheet protections are tightened in place before the range ones are built: the only change is
    // the history's open part, which can only shrink (rows written before now are locked).
    const open = (list: unknown[]) =>
      (list as Array<{on: string; open: string[]}>).find(
        p => p.on === 'Nhật ký',
      )!.open[0];
    const firstOpenRow = (a1: string) => Number(/^A(\d+):/.exec(a1)![1]);
    expect(firstOpenRow(open(protections(ws)))).toBeGreaterThanOrEqual(
      firstOpenRow(open(before)),
    );
    const withoutHistory = (list: unknown[]) =>
      (list as Array<{on: string}>).filter(p => p.on !== 'Nhật ký');
    expect(withoutHistory(protections(ws))).toEqual(withoutHistory(before));
    expect(tab(ws, 'Phân công')).toEqual(sheetBefore);
    // VHXH's old staff still edit their rows; KT still cannot.
    const row = rowOf(ws, '2|VHXH|lead');
    const col = colOf(ws, 'Phân công', 'Kết quả thực hiện');
    expect(
      attempt(ws, VHXH, () =>
        sheet(ws, 'Phân công').getRange(row, col).setValue('vẫn sửa được'),
      ),
    ).toBe('ok');
    expect(
      attempt(ws, KT, () =>
        sheet(ws, 'Phân công').getRange(row, col).setValue('giả mạo'),
      ),
    ).toBe(PROTECTED);
  });

  it('the daily protection sync is as careful: a bad new address is left out, the unit becomes admin-only', () => {
    const ws = trustWorkspace();
    ws.callFunction(ADMIN, 'installTriggers');
    setUnitEmails(ws, 'VHXH', 'Nguyễn Văn B <vhxh@daison.vn>');
    ws.advance(24 * 3600000, {runTriggers: true});
    const run = ws.triggerRuns.at(-1)!;
    expect(run.ok).toBe(true);
    const row = rowOf(ws, '2|VHXH|lead');
    const col = colOf(ws, 'Phân công', 'Kết quả thực hiện');
    expect(
      attempt(ws, VHXH, () =>
        sheet(ws, 'Phân công').getRange(row, col).setValue('x'),
      ),
    ).toBe(PROTECTED);
    expect(JSON.stringify(protections(ws))).not.toContain('<vhxh@daison.vn>');
  });
});

describe('class 2: forgery in Phân công', () => {
  it('a unit can write only its own status columns: not below the blocks, not past the schema, not identity cells, not another unit', () => {
    const ws = trustWorkspace();
    const before = tab(ws, 'Phân công');
    const last = before.length;
    const width = before[0].length;
    const own = rowOf(ws, '3|KT|lead');
    const victim = rowOf(ws, '2|VHXH|lead');
    const c = (h: string) => colOf(ws, 'Phân công', h);
    const pc = () => sheet(ws, 'Phân công');
    const attacks: Array<[string, () => unknown]> = [
      [
        'append a row claiming VHXH',
        () =>
          pc().appendRow([
            '2|VHXH|lead',
            '2',
            'x',
            'VHXH',
            'x',
            'Chủ trì',
            'Đã hoàn thành',
          ]),
      ],
      [
        'write below the last block',
        () =>
          pc()
            .getRange(last + 3, 1, 1, 3)
            .setValues([['2|VHXH|lead', '2', 'x']]),
      ],
      [
        'write past the schema',
        () =>
          pc()
            .getRange(own, width + 1)
            .setValue('x'),
      ],
      [
        'relabel own unit code',
        () => pc().getRange(own, c('Mã đơn vị')).setValue('VHXH'),
      ],
      [
        'rewrite own id',
        () => pc().getRange(own, c('Mã phân công')).setValue('2|VHXH|lead'),
      ],
      [
        'write the victim’s result',
        () => pc().getRange(victim, c('Kết quả thực hiện')).setValue('giả'),
      ],
      ['insert a row in the blocks', () => pc().insertRowAfter(own)],
      ['delete a row', () => pc().deleteRow(victim)],
      [
        'sort the tab',
        () =>
          pc()
            .getRange(2, 1, last - 1, width)
            .sort(4),
      ],
      ['clear the tab', () => pc().clear()],
    ];
    for (const [what, fn] of attacks) {
      expect([what, attempt(ws, KT, fn)]).toEqual([what, PROTECTED]);
    }
    expect(tab(ws, 'Phân công')).toEqual(before);
    // Its own status, result and evidence it may write, by hand or through the sidebar.
    expect(
      attempt(ws, KT, () =>
        pc().getRange(own, c('Kết quả thực hiện')).setValue('Đã làm'),
      ),
    ).toBe('ok');
    expect(sidebarSave(ws, KT, 'KT', '3|KT|lead', 'Qua thanh bên').ok).toBe(
      true,
    );
    // And the sidebar refuses another unit's row.
    expect(sidebarSave(ws, KT, 'VHXH', '2|VHXH|lead', 'giả').ok).toBe(false);
  });

  it('a forged, duplicated or relabelled row never reaches the victim’s sidebar or the summary, and set-up keeps it out of the victim’s block', () => {
    const ws = trustWorkspace();
    const victimIds = sidebarIds(ws, VHXH, 'VHXH');
    const victimSummary = summaryLinesOf(ws, 'Phòng Văn hóa - Xã hội');
    // Rows written while the tab was unprotected (an older version, or a protection removed by hand).
    const c = (h: string) => colOf(ws, 'Phân công', h) - 1;
    const width = tab(ws, 'Phân công')[0].length;
    const forged = (id: string, unit: string) => {
      const r: unknown[] = Array.from({length: width}, () => '');
      r[c('Mã phân công')] = id;
      r[c('TT nhiệm vụ')] = id.split('|')[0];
      r[c('Mã đơn vị')] = unit;
      r[c('Trạng thái thực hiện')] = 'Đã hoàn thành';
      r[c('Ngày hoàn thành')] = '20/08/2025';
      r[c('Kết quả thực hiện')] = 'GIẢ MẠO';
      return r;
    };
    const ownKt = rowOf(ws, '4|KT|lead');
    ws.run(ADMIN, () => {
      const pc = sheet(ws, 'Phân công');
      pc.appendRow(forged('2|VHXH|lead', 'VHXH')); // a duplicate of a real id
      pc.appendRow(forged('4|VHXH|support', 'VHXH')); // an id the plan does not give
      pc.getRange(ownKt, c('Mã đơn vị') + 1).setValue('VHXH'); // KT's row relabelled
    });
    expect(sidebarIds(ws, VHXH, 'VHXH')).toEqual(
      victimIds.filter(id => id !== '2|VHXH|lead'),
    );
    expect(sidebarIds(ws, VHXH, 'VHXH')).not.toContain('4|KT|lead');
    const forgedSummary = summaryLinesOf(ws, 'Phòng Văn hóa - Xã hội');
    expect(forgedSummary.join('\n')).not.toContain('GIẢ MẠO');
    // Set-up lists them, repairs the relabelled cell from the id, keeps the others below the blocks.
    const report = ws.callFunction(ADMIN, 'setupWorkbook') as {
      problems: string[];
    };
    const text = report.problems.join('\n');
    expect(text).toContain('"2|VHXH|lead" xuất hiện ở nhiều dòng');
    expect(text).toContain('"4|VHXH|support" không có trong kế hoạch');
    expect(text).toContain(
      '"Mã đơn vị" không khớp với mã phân công "4|KT|lead"',
    );
    const after = tab(ws, 'Phân công');
    const status = colOf(ws, 'Phân công', 'Tình trạng') - 1;
    const reviewRows = after
      .map((r, i) => ({r, row: i + 1}))
      .filter(x => String(x.r[status]).startsWith('Cần xem lại'));
    expect(reviewRows.map(x => x.r[0])).toEqual([
      '2|VHXH|lead',
      '2|VHXH|lead',
      '4|VHXH|support',
    ]);
    // They are the last rows, and VHXH's staff cannot write them (admin-only part of the tab).
    expect(reviewRows.map(x => x.row)).toEqual([
      after.length - 2,
      after.length - 1,
      after.length,
    ]);
    const result = colOf(ws, 'Phân công', 'Kết quả thực hiện');
    for (const x of reviewRows) {
      expect(
        attempt(ws, VHXH, () =>
          sheet(ws, 'Phân công').getRange(x.row, result).setValue('x'),
        ),
      ).toBe(PROTECTED);
    }
    expect(after[rowOf(ws, '4|KT|lead') - 1][c('Mã đơn vị')]).toBe('KT');
    expect(sidebarIds(ws, KT, 'KT')).toContain('4|KT|lead');
    // Once the admin deletes the forged copies, the genuine row is back and nothing forged is counted.
    ws.run(ADMIN, () => {
      const pc = sheet(ws, 'Phân công');
      const genuine = reviewRows.find(
        x => x.r[c('Kết quả thực hiện')] !== 'GIẢ MẠO',
      )!;
      for (const x of [...reviewRows].reverse())
        if (x !== genuine) pc.deleteRow(x.row);
    });
    ws.callFunction(ADMIN, 'setupWorkbook');
    expect(sidebarIds(ws, VHXH, 'VHXH').sort()).toEqual([...victimIds].sort());
    expect(summaryLinesOf(ws, 'Phòng Văn hóa - Xã hội')).toEqual(victimSummary);
  });
});

describe('class 4 and 12.13: admin-only tabs and entry points', () => {
  it('a unit writes nothing into any admin tab; only the two task status columns the sidebar writes stay open', () => {
    const ws = trustWorkspace();
    ws.callFunction(ADMIN, 'buildSummary', ['KY1']);
    const tabs = [
      'Hướng dẫn',
      'Cấu hình',
      'Đơn vị',
      'Nhóm đơn vị',
      'Kỳ báo cáo',
      'Nhiệm vụ',
      'Báo cáo thôn',
      'Liên kết biểu mẫu',
      'Thư đã gửi',
      'Nhật ký',
      'Tổng hợp KY1',
    ];
    for (const name of tabs) {
      const before = tab(ws, name);
      const attacks: Array<() => unknown> = [
        () => sheet(ws, name).getRange(1, 1).setValue('x'),
        () => sheet(ws, name).getRange(2, 1).setValue('x'),
        () => sheet(ws, name).insertRowBefore(2),
        () =>
          sheet(ws, name)
            .getRange(1, sheet(ws, name).getMaxColumns())
            .setValue('x'),
      ];
      for (const fn of attacks)
        expect([name, attempt(ws, KT, fn)]).toEqual([name, PROTECTED]);
      expect([name, tab(ws, name)]).toEqual([name, before]);
    }
    const statusCol = colOf(ws, 'Nhiệm vụ', 'Tình trạng chung');
    expect(
      attempt(ws, KT, () =>
        sheet(ws, 'Nhiệm vụ').getRange(2, statusCol).setValue('x'),
      ),
    ).toBe('ok');
    expect(
      attempt(ws, KT, () =>
        sheet(ws, 'Nhiệm vụ')
          .getRange(2, statusCol - 1)
          .setValue('x'),
      ),
    ).toBe(PROTECTED);
  });

  it('a form response tab is admin-only once the daily job has seen it', () => {
    const ws = trustWorkspace();
    ws.callFunction(ADMIN, 'createVillageForms', ['KY1']);
    ws.callFunction(ADMIN, 'installTriggers');
    ws.advance(24 * 3600000, {runTriggers: true});
    const names = ws.run(ADMIN, () =>
      app(ws)
        .getActive()
        .getSheets()
        .filter(s => s.getFormUrl())
        .map(s => s.getName()),
    );
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      const before = tab(ws, name);
      expect(
        attempt(ws, KT, () =>
          sheet(ws, name).appendRow([new Date(), 'THON01', 'giả mạo']),
        ),
      ).toBe(PROTECTED);
      expect(tab(ws, name)).toEqual(before);
    }
  });

  it('set-up, forms and the automatic jobs refuse a unit in Vietnamese, by menu and by google.script.run, writing nothing', () => {
    const ws = trustWorkspace();
    const before = ws.boundSpreadsheet.sheets.map(s => ws.sheetValues(s.name));
    const triggersBefore = ws.triggers.map(t => t.id);
    for (const fn of [
      'setupWorkbook',
      'createVillageForms',
      'installTriggers',
      'removeTriggers',
      'showTriggerStatus',
    ]) {
      const viaRun = ws.scriptRun(KT, fn, []) as {
        ok: boolean;
        message: string;
      };
      expect([fn, viaRun.ok]).toEqual([fn, false]);
      expect(viaRun.message).toMatch(/^Chỉ quản trị viên .* mới được /);
      expect(viaRun.message).toContain(KT);
      const viaMenu = ws.callFunction(KT, fn) as {message: string};
      expect(ws.ui.last('alert')?.prompt).toBe(viaMenu.message);
    }
    expect(ws.triggers.map(t => t.id)).toEqual(triggersBefore);
    expect(ws.boundSpreadsheet.sheets.map(s => ws.sheetValues(s.name))).toEqual(
      before,
    );
    expect(ws.forms.list()).toHaveLength(0);
    // The admin's jobs, once on, cannot be turned off by a unit.
    ws.callFunction(ADMIN, 'installTriggers');
    const installed = ws.triggers.length;
    ws.scriptRun(KT, 'removeTriggers', []);
    ws.scriptRun(KT, 'installTriggers', []);
    expect(ws.triggers).toHaveLength(installed);
    expect(ws.triggers.every(t => t.user === ADMIN)).toBe(true);
  });

  it('an address newly added to "Email quản trị" gets a Vietnamese refusal from set-up until an admin with rights re-runs it, not Google’s English protection error', () => {
    const ws = trustWorkspace();
    const NEW_ADMIN = 'quantri2@daison.vn';
    ws.addEditor(NEW_ADMIN);
    // A second officer, and a unit's staff, are made admins; the owner has not re-run set-up yet.
    setSetting(ws, 'adminEmails', `${ADMIN}, ${NEW_ADMIN}, ${KT}`);
    const before = ws.boundSpreadsheet.sheets.map(s => ws.sheetValues(s.name));
    const protectionsBefore = protections(ws);
    for (const user of [NEW_ADMIN, KT]) {
      const viaMenu = ws.callFunction(user, 'setupWorkbook') as {
        ok: boolean;
        refused: string;
        message: string;
      };
      expect(viaMenu).toMatchObject({ok: false, refused: 'not_granted'});
      expect(viaMenu.message).toContain(
        `Tài khoản ${user} có trong mục "Email quản trị" nhưng chưa được cấp quyền sửa`,
      );
      expect(viaMenu.message).toContain(`Chủ sở hữu bảng tính (${ADMIN})`);
      expect(viaMenu.message).not.toMatch(/protected|Exception/i);
      expect(ws.ui.last('alert')).toMatchObject({
        title: 'Chưa được cấp quyền sửa',
        prompt: viaMenu.message,
      });
      const viaRun = ws.scriptRun(user, 'setupWorkbook', []) as {
        refused: string;
      };
      expect(viaRun.refused).toBe('not_granted');
    }
    expect(ws.boundSpreadsheet.sheets.map(s => ws.sheetValues(s.name))).toEqual(
      before,
    );
    expect(protections(ws)).toEqual(protectionsBefore);
    // Once the owner re-runs set-up, the new admin is an editor of the protections and may run it.
    ws.callFunction(ADMIN, 'setupWorkbook');
    const report = ws.callFunction(NEW_ADMIN, 'setupWorkbook') as {
      ok?: boolean;
      tasks: number;
    };
    expect(report.ok).not.toBe(false);
    expect(report.tasks).toBe(13);
    expect(ws.ui.last('alert')?.title).toBe('Đã thiết lập bảng tính');
  });

  it('the menu shows a known unit user only the sidebar and the help', () => {
    const ws = trustWorkspace();
    ws.ui.menus.clear();
    ws.callFunction(KT, 'onOpen');
    const unitMenu = JSON.stringify(ws.ui.menus.get('Dân vận'));
    expect(unitMenu).toContain('showSidebar');
    expect(unitMenu).toContain('showHelp');
    for (const fn of [
      'setupWorkbook',
      'installTriggers',
      'removeTriggers',
      'createVillageForms',
    ])
      expect(unitMenu).not.toContain(fn);
    ws.ui.menus.clear();
    ws.callFunction(ADMIN, 'onOpen');
    expect(JSON.stringify(ws.ui.menus.get('Dân vận'))).toContain(
      'setupWorkbook',
    );
  });
});

describe('class 8: re-written cells keep the formula guard', () => {
  it('text typed as a formula in an extra column comes back as text after set-up', () => {
    const ws = trustWorkspace();
    const width = tab(ws, 'Phân công')[0].length;
    const row = rowOf(ws, '3|KT|lead');
    ws.run(ADMIN, () => {
      const pc = sheet(ws, 'Phân công');
      pc.getRange(1, width + 1).setValue('Ghi chú riêng');
      pc.getRange(row, width + 1).setValue('\'=HYPERLINK("http://x.vn","bấm")');
    });
    ws.callFunction(ADMIN, 'setupWorkbook');
    const after = rowOf(ws, '3|KT|lead');
    const cell = ws.run(ADMIN, () =>
      sheet(ws, 'Phân công').getRange(after, width + 1),
    );
    expect(ws.run(ADMIN, () => cell.getFormula())).toBe('');
    expect(ws.run(ADMIN, () => cell.getValue())).toBe(
      '=HYPERLINK("http://x.vn","bấm")',
    );
  });
});
