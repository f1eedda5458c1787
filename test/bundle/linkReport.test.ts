// A village's report sent from its link page, through dist/Code.js: the same Báo cáo thôn rows and flags as the Google Form.
import fc from 'fast-check';
import type {Workspace} from '../../emulator';
import {CODE_TITLE} from '../../src/core/villageForm';
import {loadFormLinks} from '../../src/workbook/villageReports';
import {ASSIGNMENTS, HISTORY, VILLAGE_REPORTS} from '../../src/workbook/schema';
import {FORMS_ITEM, MENU, answers, rows} from '../support/formsBundle';
import {
  OWNER,
  THON,
  VHXH,
  linkWorkspace,
  tokenFor,
} from '../support/linkWorkbook';

const AT = '2025-08-28T03:00:00Z';
const spaces: Workspace[] = [];
afterEach(() => {
  for (const w of spaces.splice(0)) w.uninstallGlobals();
});

interface Question {
  key: string;
  title: string;
  kind: string;
  required: boolean;
  group: string;
  choices: string[];
}
interface Loaded {
  ok: boolean;
  unit: {code: string; name: string};
  villageReport: {
    periodId: string;
    periodName: string;
    questions: Question[];
    lastReportText: string;
  } | null;
}

/** A workspace whose first real village has its link mailed (the web app deployed). */
function linked(): {
  ws: Workspace;
  village: string;
  name: string;
  token: string;
} {
  const {ws, village} = linkWorkspace();
  spaces.push(ws);
  ws.callFunction(OWNER, 'sendUpdateLinks');
  const token = tokenFor(ws, THON);
  const data = ws.webAppRun('linkLoad', [token]) as Loaded;
  return {ws, village, name: data.unit.name, token};
}

const load = (ws: Workspace, token: string) =>
  ws.webAppRun('linkLoad', [token]) as Loaded;

/** The page's payload for answers written as the form's question titles. */
function payloadOf(
  form: NonNullable<Loaded['villageReport']>,
  byTitle: Record<string, string | undefined>,
  submissionId = 'lan-gui-0001',
) {
  const out: Record<string, string> = {};
  for (const q of form.questions) {
    const v = byTitle[q.title];
    if (v !== undefined) out[q.key] = v;
  }
  return {periodId: form.periodId, submissionId, answers: out};
}

function sendReport(
  ws: Workspace,
  token: string,
  byTitle: Record<string, string | undefined>,
  submissionId?: string,
) {
  const form = load(ws, token).villageReport!;
  return ws.webAppRun('linkVillageReport', [
    token,
    payloadOf(form, byTitle, submissionId),
  ]) as {ok: boolean; state?: string; message: string; problems?: string[]};
}

/** The admin creates the period's form; the village submits it from its own prefilled link. */
function submitByForm(
  ws: Workspace,
  name: string,
  byTitle: Record<string, string | undefined>,
): void {
  ws.ui.promptAnswers.push({button: 'OK', text: ''});
  ws.openSpreadsheet(OWNER);
  const made = ws.clickMenu(OWNER, MENU, FORMS_ITEM) as {formId: string};
  const code = ws.uncounted(() =>
    ws.run(OWNER, () => {
      const link = loadFormLinks(ws.activeSpreadsheet()).find(
        l => l.village === name,
      )!;
      const item = ws.forms
        .get(link.formId)!
        .items.find(i => i.title === CODE_TITLE)!;
      return ws.forms.prefilledAnswers(link.url)[`entry.${item.entryId}`][0];
    }),
  );
  const r = ws.submitForm(made.formId, {...byTitle, [CODE_TITLE]: code}, AT);
  expect(r.runs.map(x => [x.ok, x.error])).toEqual([[true, undefined]]);
}

/** Báo cáo thôn's rows, without the response id (the one column that names the path). */
const reportRows = (ws: Workspace) =>
  rows(ws, VILLAGE_REPORTS.name).map(r => {
    const {['Mã phản hồi']: id, ...rest} = r;
    return {id: String(id), rest};
  });

const villageAssignments = (ws: Workspace, code: string) =>
  rows(ws, ASSIGNMENTS.name).filter(r => r['Mã đơn vị'] === code);

const writes = (ws: Workspace) =>
  JSON.stringify([
    ws.sheetValues(ASSIGNMENTS.name),
    ws.sheetValues(HISTORY.name),
    ws.activeSpreadsheet().getSheetByName(VILLAGE_REPORTS.name)
      ? ws.sheetValues(VILLAGE_REPORTS.name)
      : null,
  ]);

describe("a village's report from its link page (bundle)", () => {
  it('the page shows the period form without the village and code questions', () => {
    const {ws, token} = linked();
    const data = load(ws, token);
    const form = data.villageReport!;
    expect(form.periodId).toBe('KY1');
    const titles = form.questions.map(q => q.title);
    expect(titles).not.toContain('Thôn');
    expect(titles).not.toContain(CODE_TITLE);
    expect(titles).toContain('Họ và tên người báo cáo');
    expect(titles).toContain('NV5 – Tình trạng thực hiện');
    expect(
      form.questions.find(q => q.title === 'NV5 – Tình trạng thực hiện'),
    ).toMatchObject({kind: 'choice', required: true});
    expect(form.lastReportText).toBe('');
    // A unit's page has no village report.
    const unit = load(ws, tokenFor(ws, VHXH));
    expect(unit.villageReport).toBeNull();
  });

  it('stores the same Báo cáo thôn row and assignment changes as the Google Form', () => {
    const a = linked();
    a.ws.setNow(AT);
    const r = sendReport(a.ws, a.token, answers(a.name));
    expect(r).toMatchObject({ok: true, state: 'valid'});
    expect(r.message).toContain('Đã gửi báo cáo');

    const b = linked();
    b.ws.setNow(AT);
    submitByForm(b.ws, b.name, answers(b.name));

    const viaLink = reportRows(a.ws);
    const viaForm = reportRows(b.ws);
    expect(viaLink).toHaveLength(1);
    expect(viaForm).toHaveLength(1);
    expect(viaLink[0].id).toMatch(/^link\|/);
    expect(viaForm[0].id).not.toMatch(/^link\|/);
    expect(viaLink[0].rest).toEqual(viaForm[0].rest);
    expect(viaLink[0].rest['Trạng thái']).toBe('Hợp lệ');
    // The village's assignments moved the same way.
    const strip = (list: Record<string, unknown>[]) =>
      list.map(r =>
        Object.fromEntries(
          Object.entries(r).filter(([k]) => k !== 'Cập nhật lúc'),
        ),
      );
    expect(strip(villageAssignments(a.ws, a.village))).toEqual(
      strip(villageAssignments(b.ws, b.village)),
    );
    expect(
      villageAssignments(a.ws, a.village).some(
        x => x['Trạng thái thực hiện'] === 'Đã hoàn thành',
      ),
    ).toBe(true);
    // History says how it came.
    const history = a.ws.sheetValues(HISTORY.name).map(x => x.join('|'));
    expect(
      history.some(
        h => h.includes('Nhận báo cáo thôn') && h.includes('đường dẫn cá nhân'),
      ),
    ).toBe(true);
    // The page now says when the village reported.
    expect(load(a.ws, a.token).villageReport!.lastReportText).toBe(
      '28/08/2025 10:00',
    );
  });

  it('flags the same answers the Google Form flags, with the same "Cần xem lại" text', () => {
    const bad = (name: string) =>
      answers(name, {
        'Đường dẫn minh chứng':
          'https://drive.google.com/file/d/abc/view\nảnh gửi qua Zalo',
      });
    const a = linked();
    a.ws.setNow(AT);
    const r = sendReport(a.ws, a.token, bad(a.name));
    expect(r).toMatchObject({ok: true, state: 'flagged'});
    expect(r.message).toContain('cần được xem lại');
    const b = linked();
    b.ws.setNow(AT);
    submitByForm(b.ws, b.name, bad(b.name));
    const [viaLink] = reportRows(a.ws);
    const [viaForm] = reportRows(b.ws);
    expect(viaLink.rest['Trạng thái']).toBe(viaForm.rest['Trạng thái']);
    expect(viaLink.rest['Cần xem lại']).toBe(viaForm.rest['Cần xem lại']);
    expect(viaLink.rest['Trạng thái']).toBe('Cần xem lại');
    expect(String(viaLink.rest['Cần xem lại'])).toContain(
      'không phải đường dẫn',
    );
    expect(viaLink.rest).toEqual(viaForm.rest);
  });

  it('refuses, as the Google Form does, a required question unanswered or a number that is not one; nothing is stored', () => {
    const {ws, token} = linked();
    ws.setNow(AT);
    const before = writes(ws);
    const r = sendReport(
      ws,
      token,
      answers('x', {
        'Họ và tên người báo cáo': undefined,
        'NV1 – Số lượt người tham dự': 'khoảng 100',
        'NV5 – Loại mô hình': 'Không có trong danh sách',
      }),
    ) as {ok: boolean; errors?: {key: string; message: string}[]};
    expect(r.ok).toBe(false);
    const form = load(ws, token).villageReport!;
    const keyOf = (title: string) =>
      form.questions.find(q => q.title === title)!.key;
    expect(r.errors!.map(e => e.key).sort()).toEqual(
      [
        keyOf('Họ và tên người báo cáo'),
        keyOf('NV1 – Số lượt người tham dự'),
        keyOf('NV5 – Loại mô hình'),
      ].sort(),
    );
    expect(writes(ws)).toBe(before);
  });

  it('a resubmission replaces the earlier report; a retried request is stored once', () => {
    const {ws, token} = linked();
    ws.setNow(AT);
    expect(sendReport(ws, token, answers('x'), 'lan-gui-0001').ok).toBe(true);
    // The same press of "Gửi" arriving twice (a retry on a slow network): one row.
    const again = sendReport(ws, token, answers('x'), 'lan-gui-0001');
    expect(again.ok).toBe(true);
    expect(again.message).toContain('đã được ghi nhận trước đó');
    expect(reportRows(ws)).toHaveLength(1);
    ws.advanceMinutes(30);
    const second = sendReport(
      ws,
      token,
      answers('x', {'NV5 – Tình trạng thực hiện': 'Đang thực hiện'}),
      'lan-gui-0002',
    );
    expect(second).toMatchObject({ok: true, state: 'valid'});
    expect(second.message).toContain('thay cho báo cáo gửi trước đó');
    const stored = reportRows(ws);
    expect(stored.map(r => r.rest['Trạng thái'])).toEqual([
      'Đã thay thế',
      'Hợp lệ',
    ]);
    const history = ws.sheetValues(HISTORY.name).map(x => x.join('|'));
    expect(history.some(h => h.includes('Thay báo cáo thôn'))).toBe(true);
  });

  it("a village's token reports only for its own village, whatever the payload names", () => {
    const {ws, token, village, name} = linked();
    ws.setNow(AT);
    const form = load(ws, token).villageReport!;
    const payload = payloadOf(form, answers(name));
    const r = ws.webAppRun('linkVillageReport', [
      token,
      {
        ...payload,
        answers: {
          ...payload.answers,
          village: 'Thôn mẫu 2',
          code: 'AAAAAAAAAAAAAAAA',
          Thôn: 'Thôn mẫu 2',
        },
      },
    ]) as {ok: boolean};
    expect(r.ok).toBe(true);
    const stored = rows(ws, VILLAGE_REPORTS.name);
    expect(stored.map(x => x['Mã thôn'])).toEqual([village]);
    expect(stored[0]['Thôn']).toBe(name);
    expect(
      rows(ws, ASSIGNMENTS.name)
        .filter(x => x['Mã đơn vị'] === 'THON02')
        .every(x => x['Trạng thái thực hiện'] === 'Chưa thực hiện'),
    ).toBe(true);
  });

  it("a unit's token, a bad token or a stale period sends no report and writes nothing", () => {
    const {ws, token} = linked();
    ws.setNow(AT);
    const form = load(ws, token).villageReport!;
    const payload = payloadOf(form, answers('x'));
    const before = writes(ws);
    const unit = ws.webAppRun('linkVillageReport', [
      tokenFor(ws, VHXH),
      payload,
    ]) as {ok: boolean; message: string};
    expect(unit.ok).toBe(false);
    expect(unit.message).toContain('Chỉ đường dẫn của thôn');
    const wrong = ws.webAppRun('linkVillageReport', [
      'A'.repeat(43),
      payload,
    ]) as {ok: boolean; message: string};
    expect(wrong.ok).toBe(false);
    expect(wrong.message).toContain('Đường dẫn không đúng');
    const stale = ws.webAppRun('linkVillageReport', [
      token,
      {...payload, periodId: 'KY0'},
    ]) as {ok: boolean; message: string};
    expect(stale.ok).toBe(false);
    expect(stale.message).toContain('tải lại trang');
    for (const junk of [null, 'x', {answers: [1]}, {answers: {a: {b: 1}}}]) {
      const r = ws.webAppRun('linkVillageReport', [token, junk]) as {
        ok: boolean;
      };
      expect(r.ok).toBe(false);
    }
    expect(writes(ws)).toBe(before);
  });

  it('works under the lock: while another web app request holds it, nothing is stored', () => {
    const {ws, token} = linked();
    ws.setNow(AT);
    const before = writes(ws);
    // A web app has no document lock (Google: getDocumentLock() is null there): the script lock.
    const held = ws.locks.holdForeign('script');
    let r: {ok: boolean; message: string};
    try {
      r = sendReport(ws, token, answers('x'));
    } finally {
      held.release();
    }
    expect(r.ok).toBe(false);
    expect(r.message).toContain('Bảng tính đang được người khác cập nhật');
    expect(writes(ws)).toBe(before);
    expect(sendReport(ws, token, answers('x')).ok).toBe(true);
  });

  it('generated payloads from a village link: a Vietnamese refusal or a report for its own village only', () => {
    const {ws, token, village} = linked();
    ws.setNow(AT);
    const form = load(ws, token).villageReport!;
    const keys = [...form.questions.map(q => q.key), 'village', 'code'];
    const value = fc.oneof(
      fc.string({maxLength: 40}),
      fc.constantFrom(
        'Thôn mẫu 2',
        'Đã hoàn thành',
        '<img src=x onerror=alert(1)>',
        '=HYPERLINK("http://x","y")',
        'x'.repeat(60000),
      ),
      fc.jsonValue(),
    );
    const payload = fc.oneof(
      fc.jsonValue(),
      fc.record({
        periodId: fc.constantFrom(form.periodId, 'KY9', ''),
        submissionId: fc.oneof(fc.string(), fc.constant('lan-gui-9999')),
        answers: fc.dictionary(fc.constantFrom(...keys), value),
      }),
    );
    fc.assert(
      fc.property(payload, p => {
        const r = ws.webAppRun('linkVillageReport', [token, p]) as {
          ok: boolean;
          message: string;
        };
        expect(typeof r.message).toBe('string');
        expect(r.message).toMatch(/[ạảãâấầậơớờợđư]/);
        const stored = ws
          .activeSpreadsheet()
          .getSheetByName(VILLAGE_REPORTS.name)
          ? rows(ws, VILLAGE_REPORTS.name)
          : [];
        expect(stored.every(x => x['Mã thôn'] === village)).toBe(true);
      }),
      {numRuns: 60},
    );
  });

  it('a large plan’s report (more than 500 answers) is taken whole; more answers than questions are refused', () => {
    const {ws} = linkWorkspace();
    spaces.push(ws);
    // The admin adds 520 village-led tasks (copies of NV5) and sets up again.
    ws.uncounted(() =>
      ws.run(OWNER, () => {
        const sheet = SpreadsheetApp.getActive().getSheetByName('Nhiệm vụ')!;
        const values = sheet.getDataRange().getValues();
        const five = values.find(r => String(r[0]) === '5')!;
        const copies = Array.from({length: 520}, (_, i) => [
          String(100 + i),
          ...five.slice(1).map(v => (v instanceof Date ? v : String(v))),
        ]);
        sheet
          .getRange(values.length + 1, 1, copies.length, five.length)
          .setValues(copies);
      }),
    );
    ws.callFunction(OWNER, 'setupWorkbook');
    ws.callFunction(OWNER, 'sendUpdateLinks');
    const token = tokenFor(ws, THON);
    const form = load(ws, token).villageReport!;
    expect(form.questions.length).toBeGreaterThan(2000);
    const byTitle: Record<string, string> = {
      'Họ và tên người báo cáo': 'Trần Thị B',
      'Số điện thoại liên hệ': '0912345678',
    };
    for (const q of form.questions)
      if (/ – Tình trạng thực hiện$/.test(q.title))
        byTitle[q.title] = 'Đang thực hiện';
    const payload = payloadOf(form, byTitle);
    expect(Object.keys(payload.answers).length).toBeGreaterThan(500);
    const junk = {...payload, answers: {...payload.answers}};
    for (let i = 0; i < 2 * form.questions.length; i++)
      junk.answers[`khong-co-${i}`] = 'x';
    const before = writes(ws);
    const refused = ws.webAppRun('linkVillageReport', [token, junk]) as {
      ok: boolean;
      message: string;
    };
    expect(refused).toMatchObject({ok: false});
    expect(refused.message).toMatch(/Không nhận được nội dung báo cáo/);
    expect(writes(ws)).toBe(before);
    const sent = ws.webAppRun('linkVillageReport', [token, payload]) as {
      ok: boolean;
      state?: string;
      message: string;
    };
    expect(sent).toMatchObject({ok: true, state: 'valid'});
  }, 60000);
});
