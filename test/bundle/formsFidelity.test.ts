// Village forms through dist/Code.js where Google differs from first guesses: locale, item moves, tab lookup, audience, time.
import {formatVnDate} from '../../src/core/dates';
import {loadFormLinks} from '../../src/workbook/villageReports';
import {
  ADMIN,
  FORMS_ITEM,
  MENU,
  answers,
  createForms,
  reports,
  rows,
  setUp,
  type Env,
} from '../support/formsBundle';

/** Sets a cell of the tasks tab (by task number and column header), as the admin would. */
function setTaskCell(env: Env, tt: string, header: string, value: string) {
  env.ws.uncounted(() =>
    env.ws.run(ADMIN, () => {
      const sheet = env.ws.activeSpreadsheet().getSheetByName('Nhiệm vụ')!;
      const grid = sheet.getDataRange().getValues();
      const col = grid[0].indexOf(header);
      const row = grid.findIndex(r => String(r[0]) === tt);
      expect(col).toBeGreaterThanOrEqual(0);
      expect(row).toBeGreaterThan(0);
      sheet.getRange(row + 1, col + 1).setValue(value);
    }),
  );
}

const locale = (env: Env) =>
  env.ws.uncounted(() =>
    env.ws.run(ADMIN, () => env.ws.activeSpreadsheet().getSpreadsheetLocale()),
  );

/** A village's prefilled answers from its link in the links tab. */
function linkAnswers(env: Env, unitCode: string) {
  const link = env.ws
    .uncounted(() => loadFormLinks(env.ws.activeSpreadsheet()))
    .find(l => l.unitCode === unitCode)!;
  return env.ws.forms.prefilledAnswers(link.url);
}

describe('village forms as Google behaves (dist/Code.js)', () => {
  it('set-up makes the spreadsheet Vietnamese and says so; dates are read from typed cells whatever the locale', () => {
    const env = setUp();
    const {ws} = env;
    expect(locale(env)).toBe('vi_VN');
    const setupAlert = ws.ui.events.find(
      e => e.type === 'alert' && e.title === 'Đã thiết lập bảng tính',
    ) as {prompt: string} | undefined;
    expect(setupAlert?.prompt).toContain('vi_VN');

    // An admin switches the sheet back to the United States: e.values now read month/day.
    ws.uncounted(() =>
      ws.run(ADMIN, () => ws.activeSpreadsheet().setSpreadsheetLocale('en_US')),
    );
    const {formId} = createForms(env);
    const r = ws.submitForm(
      formId,
      {
        ...answers('x', {'NV10 – Ngày tổ chức đối thoại': '2025-08-09'}),
        Thôn: undefined,
        ...linkAnswers(env, 'THON02'),
      },
      '2025-08-28T03:00:00Z',
    );
    expect(r.runs.map(x => x.ok)).toEqual([true]);
    const event = r.runs[0] as unknown as {ok: boolean};
    expect(event.ok).toBe(true);
    const [stored] = reports(ws);
    expect(stored.state).toBe('valid');
    const nv10 = stored.tasks.find(t => t.tt === '10')!;
    // 9 August, not 8 September ("8/9/2025" in en_US).
    expect(nv10.summary).toContain(
      `Ngày tổ chức đối thoại: ${formatVnDate('2025-08-09')}`,
    );
    expect(nv10.summary).not.toContain(formatVnDate('2025-09-08'));
  });

  it('re-running after a task joins the form moves items by index and keeps the spec order', () => {
    const env = setUp();
    const {ws} = env;
    const first = createForms(env);
    setTaskCell(env, '2', 'Thôn báo cáo qua biểu mẫu', 'Có');
    const again = createForms(env) as ReturnType<typeof createForms> & {
      tasks: string[];
      itemsAdded: number;
      problems: string[];
    };
    expect(again).toMatchObject({created: false, formId: first.formId});
    expect(again.tasks).toContain('2');
    expect(again.itemsAdded).toBeGreaterThan(0);
    const titles = ws.forms.get(first.formId)!.items.map(i => i.title);
    const section = (tt: string) =>
      titles.findIndex(t => t.startsWith(`Nhiệm vụ ${tt}:`));
    expect(section('1')).toBeLessThan(section('2'));
    expect(section('2')).toBeLessThan(section('5'));
    const nv2 = titles.findIndex(t => t.startsWith('NV2 – '));
    expect(nv2).toBeGreaterThan(section('2'));
    expect(nv2).toBeLessThan(section('5'));
  });

  it("finds each period's response tab by its form's id (getFormUrl gives the published address)", () => {
    const env = setUp();
    const {ws} = env;
    const ky1 = createForms(env);
    ws.ui.promptAnswers.push({button: 'OK', text: 'KY2'});
    ws.openSpreadsheet(ADMIN);
    const ky2 = ws.clickMenu(ADMIN, MENU, FORMS_ITEM) as {
      formId: string;
      responseTab: string;
    };
    expect(ky2.formId).not.toBe(ky1.formId);
    expect(ky2.responseTab).toBe('Phản hồi biểu mẫu KY2');
    const names = ws.boundSpreadsheet.sheets.map(s => s.name);
    expect(names).toContain('Phản hồi biểu mẫu KY1');
    expect(names).toContain('Phản hồi biểu mẫu KY2');
    // A response to KY2's form is a KY2 report.
    ws.submitForm(ky2.formId, answers('Thôn mẫu 3'), '2025-09-05T03:00:00Z', {
      validate: false,
    });
    expect(reports(ws).map(r => r.periodId)).toEqual(['KY2']);
  });

  it('villages answer by their link without signing in where the domain allows it', () => {
    const env = setUp();
    const {ws} = env;
    ws.forms.domainPolicy = 'signInByDefault';
    const made = createForms(env) as ReturnType<typeof createForms> & {
      signInRequired: boolean;
    };
    expect(made.signInRequired).toBe(false);
    const form = ws.forms.get(made.formId)!;
    expect(form.published).toBe(true);
    expect(form.requireLogin).toBe(false);
    const r = ws.submitForm(
      made.formId,
      {...answers('x'), Thôn: undefined, ...linkAnswers(env, 'THON01')},
      '2025-08-28T03:00:00Z',
    );
    expect(r.runs.map(x => x.ok)).toEqual([true]);
    expect(reports(ws).map(x => x.unitCode)).toEqual(['THON01']);
  });

  it('tells the admin in Vietnamese when the domain keeps the form to its own accounts', () => {
    const env = setUp();
    const {ws} = env;
    ws.forms.domainPolicy = 'domainOnly';
    const made = createForms(env) as ReturnType<typeof createForms> & {
      signInRequired: boolean;
      problems: string[];
    };
    expect(made.signInRequired).toBe(true);
    expect(made.problems.join('\n')).toContain(
      'Google chỉ cho người đăng nhập tài khoản của tổ chức',
    );
    const alert = ws.ui.last('alert')!;
    expect(alert.title).toBe(
      'Biểu mẫu đã sẵn sàng nhưng thôn phải đăng nhập mới gửi được',
    );
    expect(alert.prompt).toContain('Chỉ người dùng trong tổ chức');
  });

  it('a slow Forms day: the build stops on elapsed time well inside 6 minutes and a continuation finishes it', () => {
    const env = setUp();
    const {ws} = env;
    // Every Forms call takes 2 s of the execution's time.
    const count = ws.calls.count.bind(ws.calls);
    const FORMS_CALL =
      /^(FormApp|Form|FormResponse|ItemResponse|Choice|\w*Item|\w*Validation\w*)\./;
    ws.calls.count = (key: string) => {
      count(key);
      if (FORMS_CALL.test(key)) ws.setNow(ws.nowMs() + 2000);
    };
    const before = ws.nowMs();
    const made = createForms(env) as ReturnType<typeof createForms> & {
      complete: boolean;
      itemsDone: number;
      itemsTotal: number;
      continuationScheduled: boolean;
    };
    const elapsed = ws.nowMs() - before;
    expect(made.complete).toBe(false);
    expect(made.continuationScheduled).toBe(true);
    expect(made.itemsDone).toBeGreaterThan(0);
    expect(made.itemsDone).toBeLessThan(made.itemsTotal);
    expect(elapsed).toBeLessThan(4 * 60 * 1000);
    // The continuations run a minute later, each again within the limit, until the form is whole.
    for (let i = 0; i < 10 && ws.forms.get(made.formId)!.items.length; i++) {
      const runs = ws.advance(61 * 1000, {runTriggers: true});
      for (const run of runs) expect(run.ok).toBe(true);
      const links = ws.uncounted(() => loadFormLinks(ws.activeSpreadsheet()));
      if (links.length === 5) break;
    }
    const links = ws.uncounted(() => loadFormLinks(ws.activeSpreadsheet()));
    expect(links).toHaveLength(5);
    expect(
      rows(ws, 'Nhật ký').some(
        h => h['Hành động'] === 'Tạo biểu mẫu báo cáo thôn',
      ),
    ).toBe(true);
  });
});
