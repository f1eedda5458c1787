// setupWorkbook through dist/Code.js in the emulator, as Apps Script runs it: first run, re-runs, repairs.
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {Workspace} from '../../emulator';
import {createVmContext, loadScript} from '../../emulator/vm';

const ADMIN = 'admin@example.com';
const code = readFileSync(join(__dirname, '../../dist/Code.js'), 'utf8');

const EXPECTED_TABS = [
  'Hướng dẫn',
  'Nhiệm vụ',
  'Phân công',
  'Đơn vị',
  'Nhóm đơn vị',
  'Kỳ báo cáo',
  'Báo cáo thôn',
  'Liên kết biểu mẫu',
  'Nhật ký',
  'Thư đã gửi',
  'Cấu hình',
];

let current: Workspace | null = null;
afterEach(() => current?.uninstallGlobals());

/** A workspace with dist/Code.js loaded; its globals are installed too, for the test's own edits. */
function newWorkspace(): Workspace {
  const ws = new Workspace({
    owner: ADMIN,
    now: new Date('2025-08-27T01:00:00Z'),
  });
  loadScript(createVmContext(ws), code);
  ws.installGlobals();
  current = ws;
  return ws;
}

const tabNames = (ws: Workspace) => ws.boundSpreadsheet.sheets.map(s => s.name);
const column = (ws: Workspace, tab: string, header: string) => {
  const [head, ...rows] = ws.sheetValues(tab);
  const i = head.indexOf(header);
  if (i < 0) throw new Error(`no column ${header} in ${tab}`);
  return rows.map(r => r[i]);
};

describe('setupWorkbook (bundle)', () => {
  it('onOpen adds the Vietnamese menu with every action', () => {
    const ws = newWorkspace();
    ws.openSpreadsheet(ADMIN);
    const menu = ws.ui.menus.get('Dân vận');
    expect(menu).toBeDefined();
    const functions = JSON.stringify(menu);
    for (const fn of [
      'setupWorkbook',
      'showSidebar',
      'createVillageForms',
      'installTriggers',
      'removeTriggers',
      'buildSummary',
      'exportSummary',
      'showHelp',
    ]) {
      expect(functions).toContain(fn);
    }
  });

  it('builds every tab from the default plan on an empty spreadsheet', () => {
    const ws = newWorkspace();
    ws.callFunction(ADMIN, 'setupWorkbook');
    expect(tabNames(ws)).toEqual(EXPECTED_TABS);
    expect(column(ws, 'Nhiệm vụ', 'TT')).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
      '10',
      '11',
      '12',
      '13',
    ]);
    const dues = column(ws, 'Nhiệm vụ', 'Hạn (tự tính)').map(d =>
      Object.prototype.toString.call(d) === '[object Date]'
        ? (d as Date).toISOString()
        : d,
    );
    // Task 2 "Xong trước 05/9/2025": midnight of 5 Sep in Hà Nội time; task 1 "Thường xuyên": none.
    expect(dues[1]).toBe('2025-09-04T17:00:00.000Z');
    expect(dues[0]).toBe('');
    expect(column(ws, 'Phân công', 'Mã phân công')).toHaveLength(62);
    // Task 5 is led by every village: one assignment per sample village.
    const task5 = column(ws, 'Phân công', 'Mã phân công').filter(id =>
      String(id).startsWith('5|'),
    );
    expect(task5).toEqual([
      '5|THON01|lead',
      '5|THON02|lead',
      '5|THON03|lead',
      '5|THON04|lead',
      '5|THON05|lead',
    ]);
    expect(column(ws, 'Kỳ báo cáo', 'Mã kỳ')).toEqual(['KY1', 'KY2']);
    expect(column(ws, 'Cấu hình', 'Khóa')).toContain('adminEmails');
    const alert = ws.ui.of('alert').at(-1);
    expect(JSON.stringify(alert)).toContain('62 phân công');
    // The shipped sample sets up clean: nothing for the admin to review.
    expect(JSON.stringify(alert)).not.toContain('Cần xem lại');
    expect(column(ws, 'Nhiệm vụ', 'Cần xem lại')).toEqual(Array(13).fill(''));
    const frozen = ws.boundSpreadsheet.sheets.find(s => s.name === 'Phân công');
    expect(frozen?.frozenRows).toBe(1);
    expect(PropertiesOf(ws).schemaVersion).toBe('1');
  });

  it('a second run adds nothing and keeps every user edit', () => {
    const ws = newWorkspace();
    ws.callFunction(ADMIN, 'setupWorkbook');
    const before = ws.sheetValues('Phân công');
    ws.callFunction(ADMIN, 'setupWorkbook');
    expect(ws.sheetValues('Phân công')).toEqual(before);
    expect(tabNames(ws)).toEqual(EXPECTED_TABS);
  });

  it('keeps user edits, re-parses an edited timeline, expands a new task and adds a new village', () => {
    const ws = newWorkspace();
    ws.callFunction(ADMIN, 'setupWorkbook');
    ws.run(ADMIN, () => {
      const ss = SpreadsheetApp.getActive();
      const units = ss.getSheetByName('Đơn vị')!;
      const unitRows = units.getDataRange().getValues();
      const vhxh = unitRows.findIndex(r => r[0] === 'VHXH') + 1;
      units.getRange(vhxh, 7).setValue('vhxh@example.com');
      units.appendRow([
        'THON06',
        'Thôn Mới',
        'Thôn',
        '',
        'thôn',
        'Ông Sáu',
        'thon6@example.com',
        "'0912345678",
        'Có',
        'Không',
        '',
      ]);
      const assignments = ss.getSheetByName('Phân công')!;
      const ids = assignments
        .getDataRange()
        .getValues()
        .map(r => r[0]);
      const row = ids.indexOf('7|VHXH|lead') + 1;
      assignments
        .getRange(row, 7, 1, 3)
        .setValues([['Đang thực hiện', '', 'Đã dự thảo quy chế']]);
      const tasks = ss.getSheetByName('Nhiệm vụ')!;
      tasks.getRange(3, 5).setValue('Xong trước 15/9/2025');
      tasks.appendRow([
        '14',
        'Nhiệm vụ mới do xã bổ sung',
        'Phòng Kinh tế',
        'Các thôn',
        'Tháng 10/2025',
        'Báo cáo',
      ]);
    });
    ws.callFunction(ADMIN, 'setupWorkbook');
    const ids = column(ws, 'Phân công', 'Mã phân công');
    expect(ids).toContain('14|KT|lead');
    expect(ids).toContain('14|THON06|support');
    expect(ids).toContain('5|THON06|lead');
    expect(new Set(ids).size).toBe(ids.length);
    const i = ids.indexOf('7|VHXH|lead');
    expect(column(ws, 'Phân công', 'Trạng thái thực hiện')[i]).toBe(
      'Đang thực hiện',
    );
    expect(column(ws, 'Phân công', 'Kết quả thực hiện')[i]).toBe(
      'Đã dự thảo quy chế',
    );
    const due2 = column(ws, 'Nhiệm vụ', 'Hạn (tự tính)')[1] as Date;
    expect(due2.toISOString()).toBe('2025-09-14T17:00:00.000Z');
    expect(column(ws, 'Đơn vị', 'Email (cách nhau bởi dấu phẩy)')).toContain(
      'vhxh@example.com',
    );
    expect(column(ws, 'Đơn vị', 'Điện thoại')).toContain('0912345678');
    expect(column(ws, 'Nhiệm vụ', 'TT')).toHaveLength(14);
  });

  it('repairs a deleted tab and a damaged header without losing rows', () => {
    const ws = newWorkspace();
    ws.callFunction(ADMIN, 'setupWorkbook');
    const assignments = ws.sheetValues('Phân công');
    ws.run(ADMIN, () => {
      const ss = SpreadsheetApp.getActive();
      ss.deleteSheet(ss.getSheetByName('Kỳ báo cáo')!);
      ss.getSheetByName('Phân công')!.getRange(1, 9).setValue('cột bị sửa');
    });
    ws.callFunction(ADMIN, 'setupWorkbook');
    expect(tabNames(ws)).toEqual(EXPECTED_TABS);
    expect(column(ws, 'Kỳ báo cáo', 'Mã kỳ')).toEqual(['KY1', 'KY2']);
    const repaired = ws.sheetValues('Phân công');
    expect(repaired[0]).toEqual(assignments[0].concat(['cột bị sửa']));
    expect(repaired.slice(1).map(r => r[0])).toEqual(
      assignments.slice(1).map(r => r[0]),
    );
  });

  it('protects the tabs only the script or the admins write', () => {
    const ws = newWorkspace();
    ws.callFunction(ADMIN, 'setupWorkbook');
    ws.addEditor('staff@example.com');
    expect(() =>
      ws.run('staff@example.com', () => {
        SpreadsheetApp.getActive()
          .getSheetByName('Thư đã gửi')!
          .getRange(2, 1)
          .setValue('x');
      }),
    ).toThrow(/protected/);
    expect(() =>
      ws.run('staff@example.com', () => {
        SpreadsheetApp.getActive()
          .getSheetByName('Cấu hình')!
          .getRange(2, 3)
          .setValue('x');
      }),
    ).toThrow(/protected/);
  });
});

function PropertiesOf(ws: Workspace): Record<string, string> {
  return ws.run(ADMIN, () =>
    PropertiesService.getDocumentProperties().getProperties(),
  );
}
