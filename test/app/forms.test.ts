// The village forms use cases against the emulator: creating and updating forms, links, and receiving responses.
import {Workspace} from '../../emulator';
import {
  formRunNote,
  runCreateVillageForms,
  type FormRunReport,
} from '../../src/app/forms';
import {handleVillageFormSubmit} from '../../src/app/formSubmit';
import {runDailyJob} from '../../src/app/daily/dailyJob';
import {runSetup} from '../../src/app/setup';
import {CODE_TITLE} from '../../src/core/villageForm';
import {
  loadFormLinks,
  loadVillageReports,
} from '../../src/workbook/villageReports';
import {
  activeVillages,
  quotaProgress,
  villageReporting,
} from '../../src/core/villageReports';
import {DEFAULT_TASKS} from '../../src/plan/defaultPlan';
import {loadWorkbook} from '../../src/workbook/workbook';
import {scaledPlan} from '../support/scaledPlan';

const ADMIN = 'admin@example.com';

// The modules run in jest's realm, where `new Date()` is the host clock: keep it on the emulated now.
jest.useFakeTimers({
  doNotFake: [
    'nextTick',
    'setImmediate',
    'clearImmediate',
    'setTimeout',
    'clearTimeout',
    'setInterval',
    'clearInterval',
    'queueMicrotask',
    'hrtime',
    'performance',
  ],
});

/** Moves the emulated clock and the host's Date together. */
function setNow(ws: Workspace, iso: string): void {
  ws.setNow(iso);
  jest.setSystemTime(new Date(iso));
}

/** Every event the trigger handler received, newest last. */
const seen: unknown[] = [];

/** The workspace of the running test (for the villages' codes). */
let current: Workspace | null = null;

/** The village's own code, as its prefilled link carries it ({} before the links exist). */
function codeOf(village: string): Record<string, string> {
  const ws = current;
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

function workspace(villages = 5, now = '2025-08-27T01:00:00Z'): Workspace {
  const ws = new Workspace({owner: ADMIN, now});
  current = ws;
  jest.setSystemTime(new Date(now));
  ws.installGlobals();
  ws.setFunctions({
    onVillageFormSubmit: (e: unknown) => {
      seen.push(e);
      return handleVillageFormSubmit(e);
    },
  });
  ws.run(ADMIN, () => runSetup(scaledPlan(13, villages)));
  return ws;
}

const create = (ws: Workspace, periodId = 'KY1') =>
  ws.run(ADMIN, () => runCreateVillageForms({periodId})) as FormRunReport;

function rows(ws: Workspace, sheet: string): Record<string, unknown>[] {
  const [head, ...body] = ws.sheetValues(sheet);
  return body.map(r =>
    Object.fromEntries(head.map((h, i) => [String(h), r[i]])),
  );
}

/** A complete, valid answer set for a village of the seed plan's form. */
function answers(
  village: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    Thôn: village,
    ...codeOf(village),
    'Họ và tên người báo cáo': 'Trần Thị B',
    'Số điện thoại liên hệ': '0912345678',
    'NV1 – Tình trạng thực hiện': 'Đang thực hiện',
    'NV1 – Số buổi tuyên truyền, phổ biến đã tổ chức': '2',
    'NV5 – Tình trạng thực hiện': 'Đã hoàn thành',
    'NV5 – Số lượng đã thực hiện (chỉ tiêu 1/thôn)': '1',
    'NV5 – Tên mô hình': 'Tuyến đường hoa',
    'NV5 – Loại mô hình': 'Tuyến đường',
    'NV8 – Tình trạng thực hiện': 'Đang thực hiện',
    'NV10 – Tình trạng thực hiện': 'Chưa thực hiện',
    'NV11 – Tình trạng thực hiện': 'Đang thực hiện',
    'Đường dẫn minh chứng': 'https://drive.google.com/anh1',
    ...extra,
  };
}

describe('createVillageForms', () => {
  let ws: Workspace;
  afterEach(() => ws.uninstallGlobals());

  it('creates one published form for the period, its response tab, links and the trigger', () => {
    ws = workspace();
    const r = create(ws);
    expect(r).toMatchObject({
      periodId: 'KY1',
      created: true,
      tasks: ['1', '5', '8', '10', '11'],
      villages: 5,
      links: 5,
      published: true,
      accepting: true,
      triggerCreated: true,
      responseTab: 'Phản hồi biểu mẫu KY1',
    });
    const form = ws.forms.get(r.formId)!;
    expect(form.published).toBe(true);
    expect(form.destination?.spreadsheetId).toBe(ws.boundSpreadsheet.id);
    expect(form.items[0].choices.map(c => c.value)).toEqual(
      [1, 2, 3, 4, 5].map(i => `Thôn số ${i}`),
    );
    expect(
      form.items
        .filter(i => i.type === 'PAGE_BREAK')
        .map(i => i.title.slice(0, 12)),
    ).toEqual([
      'Nhiệm vụ 1: ',
      'Nhiệm vụ 5: ',
      'Nhiệm vụ 8: ',
      'Nhiệm vụ 10:',
      'Nhiệm vụ 11:',
      'Khó khăn, đề',
    ]);
    const period = rows(ws, 'Kỳ báo cáo').find(p => p['Mã kỳ'] === 'KY1')!;
    expect(period['Mã biểu mẫu']).toBe(r.formId);
    expect(period['Biểu mẫu báo cáo thôn']).toBe(r.publishedUrl);
    const links = rows(ws, 'Liên kết biểu mẫu');
    expect(links.map(l => l['Mã thôn'])).toEqual([
      'THON0001',
      'THON0002',
      'THON0003',
      'THON0004',
      'THON0005',
    ]);
    const entry = form.items[0].entryId;
    const codeEntry = form.items.find(i => i.title === CODE_TITLE)!.entryId;
    const url = String(links[1]['Đường dẫn điền sẵn']);
    const head = `${r.publishedUrl}?usp=pp_url&entry.${entry}=Th%C3%B4n+s%E1%BB%91+2&entry.${codeEntry}=`;
    expect(url.slice(0, head.length)).toBe(head);
    expect(url.slice(head.length)).toMatch(/^[\w-]{16}$/);
    expect(
      ws.triggers.filter(t => t.handler === 'onVillageFormSubmit'),
    ).toHaveLength(1);
    expect(ws.ui.of('alert').at(-1)?.title).toBe(
      'Đã tạo biểu mẫu báo cáo thôn',
    );
    expect(formRunNote(r)).toContain(r.publishedUrl);
  });

  it('running again updates the same form: no duplicate, same entry ids, a new village in the list', () => {
    ws = workspace();
    const first = create(ws);
    const entryIds = ws.forms.get(first.formId)!.items.map(i => i.entryId);
    const tabs = ws.boundSpreadsheet.sheets.length;
    // The admin adds a village in the units tab.
    ws.run(ADMIN, () => {
      const sheet = SpreadsheetApp.getActive().getSheetByName('Đơn vị')!;
      const head = sheet
        .getRange(1, 1, 1, sheet.getLastColumn())
        .getValues()[0];
      const row = head.map(() => '' as unknown);
      row[head.indexOf('Mã đơn vị')] = 'THONMOI';
      row[head.indexOf('Tên đơn vị')] = 'Thôn Mới';
      row[head.indexOf('Loại')] = 'Thôn';
      row[head.indexOf('Nhóm (cách nhau bởi ;)')] = 'thôn';
      sheet.getRange(sheet.getLastRow() + 1, 1, 1, row.length).setValues([row]);
    });
    const again = create(ws);
    expect(again).toMatchObject({
      created: false,
      formId: first.formId,
      addedVillages: ['THONMOI'],
      links: 6,
    });
    expect(again.itemsAdded).toBe(0);
    expect(again.itemsRemoved).toBe(0);
    expect(ws.forms.list()).toHaveLength(1);
    expect(ws.boundSpreadsheet.sheets.length).toBe(tabs);
    const form = ws.forms.get(first.formId)!;
    expect(form.items.map(i => i.entryId)).toEqual(entryIds);
    expect(form.items[0].choices.map(c => c.value)).toContain('Thôn Mới');
    const links = rows(ws, 'Liên kết biểu mẫu');
    expect(links).toHaveLength(6);
    expect(links[5]).toMatchObject({'Mã thôn': 'THONMOI', Thôn: 'Thôn Mới'});
    expect(
      ws.triggers.filter(t => t.handler === 'onVillageFormSubmit'),
    ).toHaveLength(1);
  });

  it('follows the plan: a task marked "Không" loses its section, one marked "Có" gets one', () => {
    ws = workspace();
    const first = create(ws);
    ws.run(ADMIN, () => {
      const sheet = SpreadsheetApp.getActive().getSheetByName('Nhiệm vụ')!;
      const values = sheet.getDataRange().getValues();
      const col = values[0].indexOf('Thôn báo cáo qua biểu mẫu');
      values[values.findIndex(r => r[0] === '8')][col] = 'Không';
      values[values.findIndex(r => r[0] === '3')][col] = 'Có';
      sheet.getRange(1, 1, values.length, values[0].length).setValues(values);
    });
    const again = create(ws);
    expect(again.tasks).toEqual(['1', '3', '5', '10', '11']);
    expect(again.itemsRemoved).toBeGreaterThan(0);
    const titles = ws.forms.get(first.formId)!.items.map(i => i.title);
    expect(titles.some(t => t.startsWith('NV8'))).toBe(false);
    expect(titles.indexOf('NV3 – Tình trạng thực hiện')).toBeLessThan(
      titles.indexOf('NV5 – Tình trạng thực hiện'),
    );
    expect(titles.indexOf('NV3 – Tình trạng thực hiện')).toBeGreaterThan(
      titles.indexOf('NV1 – Tình trạng thực hiện'),
    );
  });

  it('one form per period: KY2 gets its own form and tab; KY1’s links stay', () => {
    ws = workspace();
    const a = create(ws, 'KY1');
    const b = create(ws, 'KY2');
    expect(b.formId).not.toBe(a.formId);
    expect(b.responseTab).toBe('Phản hồi biểu mẫu KY2');
    const links = loadFormLinks(ws.activeSpreadsheet());
    expect(links.filter(l => l.periodId === 'KY1')).toHaveLength(5);
    expect(links.filter(l => l.periodId === 'KY2')).toHaveLength(5);
  });

  it('asks for the period when several are open or coming; blank means the current one', () => {
    ws = workspace();
    ws.ui.promptAnswers.push({button: 'OK', text: ''});
    const r = ws.run(ADMIN, () => runCreateVillageForms()) as FormRunReport;
    expect(r.periodId).toBe('KY1');
    expect(ws.ui.of('prompt')[0].prompt).toContain('KY2');
    ws.ui.promptAnswers.push({button: 'CANCEL', text: ''});
    expect(ws.run(ADMIN, () => runCreateVillageForms())).toBeNull();
  });

  it('makes a new form when the old one cannot be opened, and says so', () => {
    ws = workspace();
    const first = create(ws);
    ws.forms.get(first.formId)!.owner = 'someone@else.vn';
    const again = create(ws);
    expect(again.created).toBe(true);
    expect(again.formId).not.toBe(first.formId);
    expect(again.problems.join(' ')).toContain('Không mở được biểu mẫu cũ');
  });
});

describe('createVillageForms call budget', () => {
  function measure(villages: number) {
    const ws = workspace(villages);
    try {
      ws.calls.reset();
      const r = create(ws);
      const first = ws.calls.total();
      const firstCalls = ws.calls.snapshot();
      ws.calls.reset();
      create(ws);
      return {
        r,
        first,
        firstCalls,
        rerun: ws.calls.total(),
        rerunCalls: ws.calls.snapshot(),
        ws,
      };
    } finally {
      ws.uninstallGlobals();
    }
  }
  const small = measure(10);
  const large = measure(1000);

  it('makes the same service calls for 10 and 1,000 villages (the links tab growing past 1,000 rows aside)', () => {
    expect(small.r.links).toBe(10);
    expect(large.r.links).toBe(1000);
    // Utilities runs inside the script (no service round trip): each village's link code is one
    // HMAC and one base64 encoding, and nothing else grows with the villages.
    const local = (k: string) => k.startsWith('Utilities.');
    const diff = (a: Record<string, number>, b: Record<string, number>) =>
      [...new Set([...Object.keys(a), ...Object.keys(b)])]
        .filter(k => !local(k) && a[k] !== b[k])
        .map(k => [k, a[k] ?? 0, b[k] ?? 0]);
    for (const m of [small, large]) {
      const villages = m.r.links;
      expect(m.firstCalls['Utilities.computeHmacSha256Signature']).toBe(
        villages,
      );
      expect(m.rerunCalls['Utilities.computeHmacSha256Signature']).toBe(
        villages,
      );
    }
    expect(diff(small.firstCalls, large.firstCalls)).toEqual([
      ['Sheet.insertRowsAfter', 0, 1],
    ]);
    expect(diff(small.rerunCalls, large.rerunCalls)).toEqual([]);
    const services = (calls: Record<string, number>) =>
      Object.entries(calls)
        .filter(([k]) => !local(k))
        .reduce((n, [, v]) => n + v, 0);
    expect(services(small.firstCalls)).toBeLessThan(330);
    expect(services(small.rerunCalls)).toBeLessThan(330);
    console.log(
      `createVillageForms: ${small.first} calls (first run) / ${small.rerun} (re-run) with 10 villages; ` +
        `${large.first} / ${large.rerun} with 1,000 villages`,
    );
  });

  it('writes 1,000 links in one write of the links tab', () => {
    expect(large.ws.sheetValues('Liên kết biểu mẫu')).toHaveLength(1001);
  });
});

describe('onVillageFormSubmit', () => {
  let ws: Workspace;
  let formId: string;
  beforeEach(() => {
    ws = workspace();
    formId = create(ws).formId;
    ws.run(ADMIN, () => {
      const s = SpreadsheetApp.getActive().getSheetByName('Cấu hình')!;
      const v = s.getDataRange().getValues();
      v[v.findIndex(r => r[0] === 'adminEmails')][2] = 'vhxh@daison.vn';
      s.getRange(1, 1, v.length, v[0].length).setValues(v);
    });
  });
  afterEach(() => ws.uninstallGlobals());

  const reports = () =>
    ws.run(ADMIN, () => loadVillageReports(ws.activeSpreadsheet(), 420));
  const assignment = (id: string) =>
    rows(ws, 'Phân công').find(r => r['Mã phân công'] === id)!;

  it('turns a response into one report row and updates the village’s assignments', () => {
    const result = ws.submitForm(
      formId,
      answers('Thôn số 2'),
      '2025-08-28T02:00:00Z',
    );
    expect(result.runs.map(r => [r.ok, r.error])).toEqual([[true, undefined]]);
    expect(result.runs[0].result).toMatchObject({
      action: 'stored',
      state: 'valid',
      unitCode: 'THON0002',
      updatedAssignments: 3,
    });
    const [r] = reports();
    expect(r).toMatchObject({
      periodId: 'KY1',
      unitCode: 'THON0002',
      village: 'Thôn số 2',
      reporter: 'Trần Thị B',
      phone: '0912345678',
      state: 'valid',
      evidence: ['https://drive.google.com/anh1'],
      submittedAt: '2025-08-28T09:00:00+07:00',
    });
    expect(r.tasks.find(t => t.tt === '5')).toMatchObject({
      progress: 'done',
      count: 1,
    });
    const a5 = assignment('5|THON0002|lead');
    expect(a5['Trạng thái thực hiện']).toBe('Đã hoàn thành');
    expect(String(a5['Kết quả thực hiện'])).toContain(
      '[KY1] Đã hoàn thành – Số lượng đã thực hiện: 1; Tên mô hình: Tuyến đường hoa',
    );
    expect(a5['Minh chứng (đường dẫn)']).toBe('https://drive.google.com/anh1');
    expect(a5['Phiên bản']).toBe(1);
    expect(assignment('8|THON0002|support')['Trạng thái thực hiện']).toBe(
      'Đang thực hiện',
    );
    expect(assignment('5|THON0001|lead')['Trạng thái thực hiện']).toBe(
      'Chưa thực hiện',
    );
    const history = rows(ws, 'Nhật ký').map(h => h['Hành động']);
    expect(history).toContain('Nhận báo cáo thôn');
    expect(
      history.filter(h => h === 'Cập nhật từ biểu mẫu thôn').length,
    ).toBeGreaterThanOrEqual(3);
    // Who has not reported, and the quota tasks as "x/N thôn".
    const data = ws.run(ADMIN, () => loadWorkbook(ws.activeSpreadsheet(), 420));
    const villages = activeVillages(data.units);
    const who = villageReporting(reports(), 'KY1', villages);
    expect(who.reported.map(u => u.code)).toEqual(['THON0002']);
    expect(who.missing).toHaveLength(4);
    const t5 = DEFAULT_TASKS.find(t => t.tt === '5')!;
    expect(quotaProgress(t5, reports(), 'KY1', villages).label).toBe(
      '1/5 thôn',
    );
  });

  it('keeps a report row about as tall as its text: the JSON column is clipped to one line', () => {
    ws.submitForm(formId, answers('Thôn số 2'), '2025-08-28T02:00:00Z');
    const look = ws.run(ADMIN, () => {
      const sheet = SpreadsheetApp.getActive().getSheetByName('Báo cáo thôn')!;
      const head = sheet
        .getRange(1, 1, 1, sheet.getLastColumn())
        .getValues()[0];
      const json = head.indexOf('Dữ liệu (JSON)') + 1;
      const answersCol = head.indexOf('Nội dung báo cáo') + 1;
      return {
        json: String(sheet.getRange(2, json).getWrapStrategy()),
        answers: String(sheet.getRange(2, answersCol).getWrapStrategy()),
        jsonLength: String(sheet.getRange(2, json).getValue()).length,
        height: sheet.getRowHeight(2),
      };
    });
    expect(look.jsonLength).toBeGreaterThan(500);
    expect(look).toMatchObject({json: 'CLIP', answers: 'WRAP'});
    // Wrapped in its 120 px column, the JSON alone would make the row over 1,000 px tall.
    expect(look.height).toBeLessThan(400);
  });

  it('a resubmission replaces the earlier answer, which stays (state replaced) and in history', () => {
    ws.submitForm(formId, answers('Thôn số 2'), '2025-08-28T02:00:00Z');
    ws.submitForm(
      formId,
      answers('Thôn số 2', {
        'NV5 – Tình trạng thực hiện': 'Đang thực hiện',
        'NV5 – Số lượng đã thực hiện (chỉ tiêu 1/thôn)': '0',
      }),
      '2025-08-29T02:00:00Z',
    );
    const all = reports();
    expect(all.map(r => r.state)).toEqual(['replaced', 'valid']);
    expect(all[0].issue).toContain(all[1].responseId);
    const a5 = assignment('5|THON0002|lead');
    expect(a5['Trạng thái thực hiện']).toBe('Đang thực hiện');
    expect(String(a5['Kết quả thực hiện']).match(/\[KY1\]/g)).toHaveLength(1);
    expect(a5['Ngày hoàn thành']).toBe('');
    expect(
      rows(ws, 'Nhật ký').some(h => h['Hành động'] === 'Thay báo cáo thôn'),
    ).toBe(true);
    const t5 = DEFAULT_TASKS.find(t => t.tt === '5')!;
    const data = ws.run(ADMIN, () => loadWorkbook(ws.activeSpreadsheet(), 420));
    expect(
      quotaProgress(t5, all, 'KY1', activeVillages(data.units)).label,
    ).toBe('0/5 thôn');
  });

  it('the same response delivered twice changes nothing', () => {
    const result = ws.submitForm(
      formId,
      answers('Thôn số 3'),
      '2025-08-28T02:00:00Z',
    );
    const before = JSON.stringify([
      ws.sheetValues('Báo cáo thôn'),
      ws.sheetValues('Phân công'),
      ws.sheetValues('Nhật ký'),
    ]);
    const event = seen.at(-1) as Record<string, unknown>;
    expect(ws.fireTrigger(result.runs[0].trigger, {}).ok).toBe(false); // no response: refused, not guessed
    // Google delivers the very same event again.
    const run = ws.fireTrigger(result.runs[0].trigger, event);
    expect(run.result).toMatchObject({action: 'duplicate'});
    expect(
      JSON.stringify([
        ws.sheetValues('Báo cáo thôn'),
        ws.sheetValues('Phân công'),
        ws.sheetValues('Nhật ký'),
      ]),
    ).toBe(before);
  });

  it('flags an unknown village, keeps it, and tells the admin in the daily digest', () => {
    const r = ws.submitForm(
      formId,
      answers('Thôn Lạ'),
      '2025-08-28T02:00:00Z',
      {validate: false},
    );
    expect(r.runs[0].result).toMatchObject({
      action: 'stored',
      state: 'flagged',
      queued: true,
    });
    expect(ws.mail.outbox).toHaveLength(0);
    const [rep] = reports();
    expect(rep).toMatchObject({
      state: 'flagged',
      unitCode: '',
      village: 'Thôn Lạ',
    });
    expect(rep.issue).toContain('Thôn Lạ');
    expect(rows(ws, 'Báo cáo thôn')[0]['Trạng thái']).toBe('Cần xem lại');
    expect(rows(ws, 'Phân công').every(a => a['Phiên bản'] === 0)).toBe(true);
    // The admin hears of it in the next morning's digest, once.
    ws.run(ADMIN, () => runDailyJob());
    ws.run(ADMIN, () => runDailyJob());
    const mail = ws.mail
      .to('vhxh@daison.vn')
      .filter(m => m.subject.includes('cần xem lại'));
    expect(mail).toHaveLength(1);
    expect(mail[0].subject).toBe('[Dân vận] Báo cáo thôn cần xem lại: Thôn Lạ');
    expect(mail[0].htmlBody).toContain('Thôn Lạ');
    expect(
      rows(ws, 'Thư đã gửi').filter(r =>
        String(r['Khóa']).startsWith('village-'),
      ),
    ).toEqual([
      expect.objectContaining({'Trạng thái': 'Đã gửi'}),
      expect.objectContaining({'Trạng thái': 'Đã gửi'}),
    ]);
  });

  it('flags malformed answers (missing progress) and a closed period; text that looks like a formula stays text', () => {
    const bad = answers('Thôn số 1', {
      'Khó khăn, vướng mắc': '=IMPORTXML("http://x")',
      'NV8 – Tình trạng thực hiện': '',
    });
    ws.submitForm(formId, bad, '2025-08-28T02:00:00Z', {validate: false});
    setNow(ws, '2025-09-10T01:00:00Z');
    ws.submitForm(formId, answers('Thôn số 4'), '2025-09-10T01:00:00Z', {
      validate: false,
    });
    const [missing, late] = reports();
    expect(missing.state).toBe('flagged');
    expect(missing.issue).toContain('NV8 – Tình trạng thực hiện');
    expect(missing.difficulties).toBe('=IMPORTXML("http://x")');
    const cells = ws.boundSpreadsheet.sheetByName('Báo cáo thôn')!;
    expect(cells.cell(2, 9)?.f).toBeUndefined();
    expect(late.state).toBe('flagged');
    expect(late.issue).toContain('03/09/2025');
    expect(ws.mail.to('vhxh@daison.vn')).toHaveLength(0);
    ws.run(ADMIN, () => runDailyJob());
    const digest = ws.mail
      .to('vhxh@daison.vn')
      .filter(m => m.subject.includes('cần xem lại'));
    expect(digest.map(m => m.subject)).toEqual([
      '[Dân vận] 2 báo cáo thôn cần xem lại',
    ]);
  });

  it('receives a response through a form-level trigger as well, without doubling it', () => {
    ws.run(ADMIN, () =>
      ScriptApp.newTrigger('onVillageFormSubmit')
        .forForm(formId)
        .onFormSubmit()
        .create(),
    );
    const r = ws.submitForm(
      formId,
      answers('Thôn số 5'),
      '2025-08-28T02:00:00Z',
    );
    expect(r.runs.map(x => x.ok)).toEqual([true, true]);
    expect(r.runs.map(x => (x.result as {action: string}).action)).toEqual([
      'stored',
      'duplicate',
    ]);
    expect(reports()).toHaveLength(1);
  });

  it('responses that arrived with the trigger off are recorded when the forms are updated, once', () => {
    ws.submitForm(formId, answers('Thôn số 1'), '2025-08-28T02:00:00Z');
    const trigger = ws.triggers.find(t => t.handler === 'onVillageFormSubmit')!;
    ws.triggerTable.triggers = ws.triggers.filter(t => t !== trigger);
    ws.submitForm(formId, answers('Thôn số 3'), '2025-08-28T03:00:00Z');
    ws.submitForm(formId, answers('Thôn số 4'), '2025-08-28T03:00:00Z');
    expect(reports()).toHaveLength(1);
    const again = create(ws);
    expect(again.caughtUp).toBe(2);
    expect(formRunNote(again)).toContain('Đã ghi thêm 2 câu trả lời');
    expect(reports().map(r => [r.unitCode, r.state])).toEqual([
      ['THON0001', 'valid'],
      ['THON0003', 'valid'],
      ['THON0004', 'valid'],
    ]);
    // From the tab's displayed text: Sheets made the phone a number, its leading zero is gone.
    expect(reports()[1].phone).toBe('912345678');
    expect(assignment('5|THON0003|lead')['Trạng thái thực hiện']).toBe(
      'Đã hoàn thành',
    );
    expect(create(ws).caughtUp).toBe(0);
    expect(reports()).toHaveLength(3);
  });

  it('ignores another form linked to the spreadsheet (not a village report)', () => {
    const other = ws.run(ADMIN, () => {
      const f = FormApp.create('Khảo sát');
      f.addTextItem().setTitle('Ý kiến của bạn');
      f.setDestination(
        FormApp.DestinationType.SPREADSHEET,
        SpreadsheetApp.getActive().getId(),
      );
      (f as unknown as {setPublished(p: boolean): void}).setPublished(true);
      return f.getId();
    });
    const r = ws.submitForm(other, {'Ý kiến của bạn': 'Tốt'});
    expect(r.runs[0].result).toMatchObject({action: 'ignored'});
    expect(reports()).toHaveLength(0);
    expect(ws.mail.outbox).toHaveLength(0);
  });

  it('the handler’s calls do not grow with the villages', () => {
    const count = (villages: number) => {
      const w = workspace(villages);
      try {
        const id = (
          w.run(ADMIN, () =>
            runCreateVillageForms({periodId: 'KY1'}),
          ) as FormRunReport
        ).formId;
        w.calls.reset();
        w.submitForm(id, answers('Thôn số 2'), '2025-08-28T02:00:00Z');
        return w.calls.total();
      } finally {
        w.uninstallGlobals();
      }
    };
    const small = count(10);
    const large = count(1000);
    expect(large).toBe(small);
    expect(small).toBeLessThan(80);
    console.log(
      `onVillageFormSubmit: ${small} calls with 10 villages, ${large} with 1,000`,
    );
  });
});
