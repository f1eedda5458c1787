// Village forms through dist/Code.js in node:vm: the set-up, the admin's menu click, answers and reading the tabs.
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import type {Context} from 'node:vm';
import {Workspace} from '../../emulator';
import {createVmContext, loadScript} from '../../emulator/vm';
import {CODE_TITLE} from '../../src/core/villageForm';
import {
  loadFormLinks,
  loadVillageReports,
} from '../../src/workbook/villageReports';

export const ADMIN = 'quantri@daison.vn';
export const CODE = readFileSync(join(__dirname, '../../dist/Code.js'), 'utf8');
export const QUIET = {log() {}, info() {}, warn() {}, error() {}};
export const MENU = 'Dân vận';
export const FORMS_ITEM = 'Tạo / cập nhật biểu mẫu báo cáo thôn';

export interface Env {
  ws: Workspace;
  vm: Context;
  /** Events the trigger handler received (to deliver one again, as Google sometimes does). */
  events: Record<string, unknown>[];
}

/** dist/Code.js in a vm, the workbook set up on 27/8/2025, the admin's e-mail set, `extra` more villages. */
/** The workspace of the running test (for the villages' codes). */
let current: Workspace | null = null;

/** The village's own code as its prefilled link carries it ({} before the links exist). */
export function codeOf(
  village: string,
  ws: Workspace | null = current,
): Record<string, string> {
  if (!ws) return {};
  return ws.uncounted(() =>
    ws.run(ADMIN, (): Record<string, string> => {
      const link = loadFormLinks(ws.activeSpreadsheet()).find(
        l => l.village === village,
      );
      const form = link ? ws.forms.get(link.formId) : undefined;
      const item = form?.items.find(i => i.title === CODE_TITLE);
      if (!link || !item) return {};
      const code = ws.forms.prefilledAnswers(link.url)[`entry.${item.entryId}`];
      return code ? {[CODE_TITLE]: code[0]} : {};
    }),
  );
}

export function setUp(extra = 0): Env {
  const ws = new Workspace({owner: ADMIN, now: '2025-08-27T01:00:00Z'});
  current = ws;
  const vm = createVmContext(ws, {console: QUIET});
  loadScript(vm, CODE);
  const events: Record<string, unknown>[] = [];
  const handler = (vm as Record<string, unknown>).onVillageFormSubmit as (
    e: unknown,
  ) => unknown;
  ws.setFunctions({
    onVillageFormSubmit: (e: Record<string, unknown>) => {
      events.push(e);
      return handler(e);
    },
  });
  ws.callFunction(ADMIN, 'setupWorkbook');
  ws.uncounted(() =>
    ws.run(ADMIN, () => {
      const ss = ws.activeSpreadsheet();
      const settings = ss.getSheetByName('Cấu hình')!;
      const s = settings.getDataRange().getValues();
      s[s.findIndex(r => r[0] === 'adminEmails')][2] = ADMIN;
      settings.getRange(1, 1, s.length, s[0].length).setValues(s);
      if (extra) addVillages(ss, extra);
    }),
  );
  if (extra) ws.callFunction(ADMIN, 'setupWorkbook');
  return {ws, vm, events};
}

/** Appends villages "Thôn thêm 1"… (THONX0001…) to the units tab, as the admin would. */
export function addVillages(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  n: number,
  name = (i: number) => `Thôn thêm ${i}`,
): void {
  const units = ss.getSheetByName('Đơn vị')!;
  const head = units.getRange(1, 1, 1, units.getLastColumn()).getValues()[0];
  const rows = Array.from({length: n}, (_, i) => {
    const row = head.map(() => '' as unknown);
    row[head.indexOf('Mã đơn vị')] = `THONX${String(i + 1).padStart(4, '0')}`;
    row[head.indexOf('Tên đơn vị')] = name(i + 1);
    row[head.indexOf('Loại')] = 'Thôn';
    row[head.indexOf('Nhóm (cách nhau bởi ;)')] = 'thôn';
    row[head.indexOf('Đang hoạt động')] = 'Có';
    return row;
  });
  const at = units.getLastRow() + 1;
  if (units.getMaxRows() < at + n)
    units.insertRowsAfter(units.getMaxRows(), at + n - units.getMaxRows());
  units.getRange(at, 1, n, head.length).setValues(rows);
}

export function rows(ws: Workspace, sheet: string): Record<string, unknown>[] {
  const [head, ...body] = ws.sheetValues(sheet);
  return body.map(r =>
    Object.fromEntries(head.map((h, i) => [String(h), r[i]])),
  );
}

/** The admin clicks the menu item and accepts the default period. */
export function createForms(env: Env): {
  formId: string;
  publishedUrl: string;
  created: boolean;
  links: number;
} {
  env.ws.ui.promptAnswers.push({button: 'OK', text: ''});
  env.ws.openSpreadsheet(ADMIN);
  return env.ws.clickMenu(ADMIN, MENU, FORMS_ITEM) as {
    formId: string;
    publishedUrl: string;
    created: boolean;
    links: number;
  };
}

/** A complete, valid answer set for a village of the seed form. */
export function answers(
  village: string,
  extra: Record<string, string | undefined> = {},
): Record<string, string | undefined> {
  return {
    Thôn: village,
    ...codeOf(village),
    'Họ và tên người báo cáo': 'Nguyễn Văn An',
    'Số điện thoại liên hệ': '0912345678',
    'NV1 – Tình trạng thực hiện': 'Đang thực hiện',
    'NV1 – Số buổi tuyên truyền, phổ biến đã tổ chức': '3',
    'NV1 – Số lượt người tham dự': '120',
    'NV5 – Tình trạng thực hiện': 'Đã hoàn thành',
    'NV5 – Số lượng đã thực hiện (chỉ tiêu 1/thôn)': '1',
    'NV5 – Tên mô hình': 'Tuyến đường tự quản xanh – sạch – đẹp',
    'NV5 – Loại mô hình': 'Tuyến đường',
    'NV5 – Giai đoạn thực hiện': 'Đã ra mắt, đang triển khai',
    'NV8 – Tình trạng thực hiện': 'Đang thực hiện',
    'NV8 – Các hoạt động thực hiện dân chủ ở cơ sở': 'Họp thôn bàn làm đường',
    'NV10 – Tình trạng thực hiện': 'Đã hoàn thành',
    'NV10 – Số lượng đã thực hiện (chỉ tiêu 1/thôn)': '1',
    'NV10 – Ngày tổ chức đối thoại': '2025-08-20',
    'NV11 – Tình trạng thực hiện': 'Đang thực hiện',
    'NV11 – Số phản ánh, kiến nghị đã tiếp nhận': '4',
    'Khó khăn, vướng mắc': 'Kinh phí còn hạn hẹp',
    'Kiến nghị, đề xuất': '+ Hỗ trợ thêm kinh phí',
    'Đường dẫn minh chứng':
      'https://drive.google.com/file/d/abc/view\nhttps://zalo.me/g/xyz',
    ...extra,
  };
}

export const reports = (ws: Workspace) =>
  ws.uncounted(() => loadVillageReports(ws.activeSpreadsheet(), 420));
export const assignment = (ws: Workspace, id: string) =>
  rows(ws, 'Phân công').find(r => r['Mã phân công'] === id)!;
