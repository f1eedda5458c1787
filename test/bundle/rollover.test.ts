// The half-year rollover through dist/Code.js: the second half of 2025 runs to its end, the next plan is
// imported from its .docx with mode "next", and the first half of 2026 runs (reminders, village forms,
// summaries) while the old half-year stays readable and untouched.
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {Workspace} from '../../emulator';
import {createVmContext, loadScript} from '../../emulator/vm';
import {loadFormLinks} from '../../src/workbook/villageReports';
import {DEFAULT_TASKS} from '../../src/plan/defaultPlan';
import {
  appendixTable,
  planDocument,
  SEED_HEADER,
} from '../../src/plan/samplePlanDocx';
import {packDocx} from '../../scripts/samplePlan';

const CODE = readFileSync(join(__dirname, '../../dist/Code.js'), 'utf8');
const ADMIN = 'quantri@daison.vn';
const QUIET = {log() {}, info() {}, warn() {}, error() {}};
const HOUR = 3600000;
const DAY = 24 * HOUR;
const email = (code: string) => `${code.toLowerCase()}@daison.vn`;
const sevenAm = (date: string) => Date.parse(`${date}T00:00:00Z`);
const addDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY)
    .toISOString()
    .slice(0, 10);

/** The seed workbook on 30/6/2025: e-mails for every unit, the admin in the settings, triggers on. */
function start(): Workspace {
  const ws = new Workspace({
    owner: ADMIN,
    now: '2025-06-30T02:00:00Z',
    spreadsheetName: 'Dân vận xã Đại Sơn',
  });
  loadScript(createVmContext(ws, {console: QUIET}), CODE);
  ws.installGlobals();
  ws.callFunction(ADMIN, 'setupWorkbook');
  ws.run(ADMIN, () => {
    const ss = SpreadsheetApp.getActive();
    const units = ss.getSheetByName('Đơn vị')!;
    const values = units.getDataRange().getValues();
    const col = values[0].map(String).indexOf('Email (cách nhau bởi dấu phẩy)');
    for (let r = 1; r < values.length; r++)
      values[r][col] = email(String(values[r][0]));
    units.getRange(1, 1, values.length, values[0].length).setValues(values);
    const settings = ss.getSheetByName('Cấu hình')!;
    const s = settings.getDataRange().getValues();
    s[s.findIndex(r => r[0] === 'adminEmails')][2] = ADMIN;
    settings.getRange(1, 1, s.length, s[0].length).setValues(s);
  });
  ws.addEditor(...['VHXH', 'VP', 'KT', 'TTVH', 'TTHCC'].map(email));
  ws.callFunction(ADMIN, 'setupWorkbook');
  ws.callFunction(ADMIN, 'installTriggers');
  return ws;
}

/** Each day: the daily trigger at 07:00, then the day's actions at 10:00. */
function play(
  ws: Workspace,
  from: string,
  to: string,
  actions: Record<string, (ws: Workspace) => void> = {},
) {
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const runs = ws.advance(sevenAm(d) + HOUR / 2 - ws.nowMs(), {
      runTriggers: true,
    });
    for (const r of runs)
      expect([d, r.ok, r.error]).toEqual([d, true, undefined]);
    ws.advance(sevenAm(d) + 3 * HOUR - ws.nowMs());
    actions[d]?.(ws);
  }
}

function save(
  ws: Workspace,
  unit: string,
  id: string,
  progress: string,
  completedOn: string | null,
  result: string,
) {
  const user = email(unit);
  const load = ws.scriptRun(user, 'sidebarLoad', [unit]) as {
    ok: boolean;
    assignments: {id: string; version: number; stamp: string}[];
  };
  const a = load.assignments.find(x => x.id === id);
  expect([id, !!a]).toEqual([id, true]);
  const saved = ws.scriptRun(user, 'sidebarSave', [
    {
      id,
      version: a!.version,
      stamp: a!.stamp,
      progress,
      completedOn,
      result,
      evidence: '',
      proposals: '',
    },
  ]) as {ok: boolean};
  expect([id, saved.ok]).toEqual([id, true]);
}

function createForms(ws: Workspace, periodId: string) {
  const made = ws.callFunction(ADMIN, 'createVillageForms', [periodId]) as {
    complete: boolean;
  };
  expect([periodId, made.complete]).toEqual([periodId, true]);
}

function link(ws: Workspace, periodId: string, unitCode: string) {
  const l = ws
    .uncounted(() => loadFormLinks(ws.activeSpreadsheet()))
    .find(x => x.periodId === periodId && x.unitCode === unitCode);
  if (!l) throw new Error(`No form link for ${periodId} ${unitCode}`);
  return l;
}

/** Answers for every task of the village form: each in progress, task 5's model named. */
function villageAnswers(tts: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const tt of tts)
    out[`NV${tt} – Tình trạng thực hiện`] = 'Đang thực hiện';
  out['NV5 – Số lượng đã thực hiện (chỉ tiêu 1/thôn)'] = '1';
  out['NV5 – Tên mô hình'] = 'Mô hình tuyến đường hoa';
  return out;
}
const OLD_VILLAGE_TASKS = ['1', '5', '8', '10', '11'];
const NEW_VILLAGE_TASKS = ['1', '5', '8', '10', '11', '14'];

function villageReport(
  ws: Workspace,
  unitCode: string,
  periodId: string,
  answers: Record<string, string>,
) {
  const l = link(ws, periodId, unitCode);
  const r = ws.submitForm(
    l.formId,
    {
      'Họ và tên người báo cáo': 'Trưởng thôn',
      'Số điện thoại liên hệ': '0912345678',
      ...answers,
      ...ws.forms.prefilledAnswers(l.url),
    },
    ws.now(),
  );
  expect(r.runs.map(x => [x.ok, x.result])).toEqual([
    [true, expect.objectContaining({state: 'valid', unitCode})],
  ]);
}

function mailKeys(ws: Workspace): string[] {
  const [, ...rows] = ws.sheetValues('Thư đã gửi');
  return rows.filter(r => r[6] === 'Đã gửi').map(r => String(r[0]));
}

function tabNames(ws: Workspace): string[] {
  return ws.uncounted(() =>
    ws
      .activeSpreadsheet()
      .getSheets()
      .map(s => s.getName()),
  );
}

function values(ws: Workspace, name: string): unknown[][] {
  return ws.uncounted(() => {
    const s = ws.activeSpreadsheet().getSheetByName(name);
    return s && s.getLastRow() ? s.getDataRange().getValues() : [];
  });
}

/** The plan for the first half of 2026: the seed's tasks with 2026 dates, one new unit. */
function nextPlanDocx(): Buffer {
  const header = {
    ...SEED_HEADER,
    number: 'Số: 03/KH-UBND',
    placeDate: 'Đại Sơn, ngày 05 tháng 01 năm 2026',
    title: [
      'Triển khai thực hiện công tác dân vận chính quyền 6 tháng đầu năm 2026',
      'trên địa bàn xã Đại Sơn',
    ],
    body: [
      'Các phòng chuyên môn, cơ quan, đơn vị sự nghiệp, các thôn trên địa bàn xã thực hiện chế độ báo cáo kết quả công tác dân vận chính quyền về Ủy ban nhân dân xã (qua Phòng Văn hóa- Xã hội) lần 1 trước ngày 03/3/2026 và lần 2 trước ngày 03/6/2026./.',
    ],
  };
  const retime: Record<string, string> = {
    '2': 'Xong trước 20/3/2026',
    '3': '6 tháng đầu năm 2026 và các năm tiếp theo',
    '4': 'Quý I, II/2026',
    '5': '6 tháng đầu năm 2026 và các năm tiếp theo',
    '6': 'Giai đoạn 2026-2030 và những năm tiếp theo',
    '7': 'Hoàn thành trước ngày 30/4/2026',
    '8': '6 tháng đầu năm 2026',
    '9': '6 tháng đầu năm 2026',
    '10': 'Tháng 3-5/2026',
    '13': 'Tháng 2/2026',
  };
  const tasks = DEFAULT_TASKS.map(t => ({
    ...t,
    timelineText: retime[t.tt] ?? t.timelineText,
  }));
  tasks.push({
    ...DEFAULT_TASKS[3],
    tt: '14',
    text: 'Tuyên truyền chuyển đổi số trong nông nghiệp',
    lead: 'Phòng Nông nghiệp và Môi trường',
    support: 'Các thôn',
    timelineText: 'Thường xuyên, theo yêu cầu nhiệm vụ',
    product: 'Báo cáo kết quả',
  });
  return packDocx(planDocument(header, appendixTable(tasks)));
}

describe('two half-years in one workbook', () => {
  const OLD_TABS = [
    'Nhiệm vụ',
    'Phân công',
    'Kỳ báo cáo',
    'Báo cáo thôn',
    'Liên kết biểu mẫu',
    'Nhật ký',
    'Tổng hợp KY1',
    'Tổng hợp KY2',
  ];
  let ws: Workspace;
  const oldAtRollover: Record<string, unknown[][]> = {};
  let applied: {
    ok: boolean;
    archivedTabs: string[];
    periods: string[];
    tasks: number;
    addedUnits: string[];
  };
  let keysAtRollover: string[];
  let oldFormId = '';

  beforeAll(() => {
    ws = start();
    play(ws, '2025-07-01', '2025-12-31', {
      '2025-07-01': w => createForms(w, 'KY1'),
      '2025-08-28': w =>
        save(
          w,
          'VHXH',
          '7|VHXH|lead',
          'done',
          '2025-08-28',
          'Đã ban hành Quy chế',
        ),
      '2025-08-30': w =>
        villageReport(w, 'THON01', 'KY1', villageAnswers(OLD_VILLAGE_TASKS)),
      '2025-09-04': w => createForms(w, 'KY2'),
      '2025-11-28': w =>
        save(
          w,
          'VP',
          '10|VP|lead',
          'done',
          '2025-11-28',
          'Đã đối thoại ở 5 thôn',
        ),
      '2025-12-01': w =>
        villageReport(w, 'THON02', 'KY2', villageAnswers(OLD_VILLAGE_TASKS)),
    });
    for (const name of OLD_TABS) oldAtRollover[name] = values(ws, name);
    oldFormId = link(ws, 'KY2', 'THON03').formId;
    keysAtRollover = mailKeys(ws);

    // 6/1/2026: the admin loads the new plan from its Word file as the next half-year.
    ws.advance(sevenAm('2026-01-06') + 3 * HOUR - ws.nowMs());
    const preview = ws.callFunction(ADMIN, 'importPlanPreview', [
      {
        name: 'KH 03 dan van 2026.docx',
        mimeType: '',
        base64: nextPlanDocx().toString('base64'),
      },
    ]) as {ok: boolean; token: string; modes: {next: {allowed: boolean}}};
    expect(preview.ok && preview.modes.next.allowed).toBe(true);
    applied = ws.callFunction(ADMIN, 'applyImportedPlan', [
      preview.token,
      {mode: 'next'},
    ]) as typeof applied;
    // The new unit gets its e-mail, as the dialog asks; set-up gives it its edit rights.
    ws.run(ADMIN, () => {
      const units = SpreadsheetApp.getActive().getSheetByName('Đơn vị')!;
      const v = units.getDataRange().getValues();
      const col = v[0].map(String).indexOf('Email (cách nhau bởi dấu phẩy)');
      const r = v.findIndex(
        row => row[1] === 'Phòng Nông nghiệp và Môi trường',
      );
      units.getRange(r + 1, col + 1).setValue(email('PNNMT'));
    });
    ws.addEditor(email('PNNMT'));
    ws.callFunction(ADMIN, 'setupWorkbook');

    play(ws, '2026-01-06', '2026-06-30', {
      '2026-01-06': w => createForms(w, 'KY3'),
      '2026-02-20': w =>
        save(w, 'VP', '13|VP|lead', 'done', '2026-02-20', 'Đã ký cam kết'),
      '2026-02-25': w =>
        save(
          w,
          'PNNMT',
          '14|PNNMT|lead',
          'in_progress',
          null,
          'Đang tuyên truyền',
        ),
      '2026-02-27': w =>
        villageReport(w, 'THON01', 'KY3', villageAnswers(NEW_VILLAGE_TASKS)),
      '2026-03-04': w => createForms(w, 'KY4'),
      '2026-05-30': w =>
        villageReport(w, 'THON04', 'KY4', villageAnswers(NEW_VILLAGE_TASKS)),
    });
  });

  it('imports the next plan: 14 tasks, new periods KY3 and KY4, the old tabs archived, the new unit added', () => {
    expect(applied).toMatchObject({
      ok: true,
      tasks: 14,
      periods: ['KY3', 'KY4'],
    });
    expect(applied.archivedTabs.sort()).toEqual(
      OLD_TABS.map(n => `Lưu cuối 2025 - ${n}`).sort(),
    );
    expect(applied.addedUnits).toEqual([
      'Phòng Nông nghiệp và Môi trường (PNNMT)',
    ]);
    expect(
      values(ws, 'Kỳ báo cáo')
        .slice(1)
        .map(r => [r[0], r[1]]),
    ).toEqual([
      ['KY3', 'Kỳ 1 (báo cáo trước 03/03/2026)'],
      ['KY4', 'Kỳ 2 (báo cáo trước 03/06/2026)'],
    ]);
  });

  it('keeps the old half-year readable and untouched through the new one', () => {
    for (const name of OLD_TABS)
      expect([name, values(ws, `Lưu cuối 2025 - ${name}`)]).toEqual([
        name,
        oldAtRollover[name],
      ]);
    // Archived tabs are admin-only: no unit can edit its old rows any more.
    const editors = ws.uncounted(() =>
      ws
        .activeSpreadsheet()
        .getSheetByName('Lưu cuối 2025 - Phân công')!
        .getProtections(SpreadsheetApp.ProtectionType.SHEET)
        .map(p =>
          p
            .getEditors()
            .map(e => e.getEmail())
            .sort(),
        ),
    );
    expect(editors).toEqual([[ADMIN]]);
    expect(
      ws.uncounted(() =>
        ws
          .activeSpreadsheet()
          .getSheetByName('Lưu cuối 2025 - Phân công')!
          .getProtections(SpreadsheetApp.ProtectionType.RANGE),
      ),
    ).toEqual([]);
    // The old period's form takes no more answers.
    expect(
      ws.uncounted(() => FormApp.openById(oldFormId).isAcceptingResponses()),
    ).toBe(false);
  });

  it('the new half-year reminds units and villages for KY3 and KY4, never again for KY1 or KY2', () => {
    const after = mailKeys(ws).slice(keysAtRollover.length);
    expect(after.filter(k => /KY[12]\b/.test(k))).toEqual([]);
    const stages = (prefix: string) =>
      after.filter(k => k.startsWith(prefix)).map(k => k.slice(-2));
    expect(stages('period:KY3:unit:TTVH:')).toEqual(['d7', 'd3', 'd1']);
    expect(stages('period:KY4:unit:TTVH:')).toEqual(['d7', 'd3', 'd1']);
    expect(stages('period:KY3:unit:PNNMT:')).toEqual(['d7', 'd3', 'd1']);
    expect(stages('village:KY3:THON05:')).toEqual(['d7', 'd3', 'd1']);
    expect(stages('village:KY3:THON01:')).toEqual(['d7']);
  });

  it('the new village forms and reports go to the new tabs', () => {
    const reports = values(ws, 'Báo cáo thôn');
    const head = reports[0].map(String);
    const period = head.findIndex(h => /kỳ/i.test(h));
    expect(reports.slice(1).map(r => r[period])).toEqual(['KY3', 'KY4']);
    expect(link(ws, 'KY3', 'THON01').formId).not.toBe(oldFormId);
  });

  it('builds the new summaries beside the archived ones', () => {
    const names = tabNames(ws);
    expect(names).toEqual(
      expect.arrayContaining([
        'Tổng hợp KY3',
        'Tổng hợp KY4',
        'Lưu cuối 2025 - Tổng hợp KY1',
      ]),
    );
    const ky4 = values(ws, 'Tổng hợp KY4').flat().map(String).join('\n');
    expect(ky4).toContain('Tuyên truyền chuyển đổi số trong nông nghiệp');
    expect(ky4).not.toContain('6 tháng cuối năm 2025');
  });

  it('the sidebar shows the new plan only', () => {
    const load = ws.scriptRun(email('VHXH'), 'sidebarLoad', ['VHXH']) as {
      ok: boolean;
      assignments: {id: string; progress: string; result: string}[];
    };
    expect(load.ok).toBe(true);
    const rows = values(ws, 'Phân công');
    const mine = rows
      .slice(1)
      .filter(r => String(r[0]).includes('|VHXH|'))
      .map(r => String(r[0]));
    expect(load.assignments.map(a => a.id).sort()).toEqual(mine.sort());
    // Task 7 was done in 2025; the new plan's task 7 starts afresh, the 2025 result stays in the archive.
    expect(load.assignments.find(a => a.id === '7|VHXH|lead')).toMatchObject({
      progress: 'not_started',
      result: '',
    });
    expect(
      values(ws, 'Lưu cuối 2025 - Phân công').flat().map(String),
    ).toContain('Đã ban hành Quy chế');
    expect(rows.flat().map(String)).not.toContain('Đã ban hành Quy chế');
    expect(rows.some(r => String(r[0]) === '14|PNNMT|lead')).toBe(true);
  });
});
