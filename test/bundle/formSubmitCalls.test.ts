// A village's form submission through dist/Code.js: its spreadsheet calls, and the shortcuts' fallbacks (header, response tab, snapshot).
import type {Workspace} from '../../emulator';
import {
  ADMIN,
  answers,
  createForms,
  reports,
  rows,
  setUp,
  type Env,
} from '../support/formsBundle';

const TAB = 'Phản hồi biểu mẫu KY1';

function submit(
  env: Env,
  formId: string,
  village: string,
  at: string,
  extra: Record<string, string | undefined> = {},
): {sheet: number; result: Record<string, unknown>} {
  env.ws.calls.reset();
  const r = env.ws.submitForm(formId, answers(village, extra), at);
  const sheet = env.ws.calls.spreadsheetTotal();
  expect(r.runs).toHaveLength(1);
  expect(r.runs[0].ok).toBe(true);
  return {sheet, result: r.runs[0].result as Record<string, unknown>};
}

/** The tasks tab's status and progress cells by task number. */
function taskStatuses(ws: Workspace): Record<string, [unknown, unknown]> {
  return Object.fromEntries(
    rows(ws, 'Nhiệm vụ').map(r => [
      String(r['TT']),
      [r['Tình trạng chung'], r['Tiến độ']],
    ]),
  );
}

/** Runs fn as the admin with the emulated services as globals (uncounted). */
function asAdmin<T>(ws: Workspace, fn: () => T): T {
  ws.installGlobals();
  try {
    return ws.uncounted(() => ws.run(ADMIN, fn));
  } finally {
    ws.uninstallGlobals();
  }
}

function formRecords(ws: Workspace): Record<string, Record<string, unknown>> {
  return asAdmin(ws, () =>
    JSON.parse(
      PropertiesService.getDocumentProperties().getProperty('villageForms') ??
        '{}',
    ),
  );
}

describe('a village form submission: one read of what it needs, one write of what it changes', () => {
  it('costs a fixed number of spreadsheet calls, and fewer once the slow tabs are in the snapshot', () => {
    const env = setUp();
    const {formId} = createForms(env);
    // The first response after the form was made: the slow tabs' snapshot is rebuilt (5 tabs).
    const first = submit(env, formId, 'Thôn mẫu 1', '2025-08-28T02:00:00Z');
    expect(first.result).toMatchObject({action: 'stored', state: 'valid'});
    expect(first.result.updatedAssignments).toBeGreaterThan(1);
    // The next village's, moments later: event row (2: grid id, values), the active spreadsheet (1),
    // Phân công read and write (4), Báo cáo thôn read and append (3), the tasks' status block (2),
    // Nhật ký (3).
    const next = submit(env, formId, 'Thôn mẫu 2', '2025-08-28T02:05:00Z');
    expect(next.result).toMatchObject({action: 'stored', state: 'valid'});
    expect(next.sheet).toBe(15);
    expect(first.sheet).toBe(next.sheet + 11);
    // A resubmission that changes no assignment: no Phân công or tasks write (−4), the earlier
    // report's row marked replaced (+2).
    const again = submit(env, formId, 'Thôn mẫu 2', '2025-08-28T02:10:00Z', {
      'Khó khăn, vướng mắc': 'Thiếu kinh phí',
    });
    expect(again.result).toMatchObject({
      action: 'stored',
      replaced: 1,
      updatedAssignments: 0,
    });
    expect(again.sheet).toBe(13);
    // One that changes them: both writes again, and the replaced row (15 + 2).
    const changed = submit(env, formId, 'Thôn mẫu 2', '2025-08-28T02:15:00Z', {
      'NV1 – Tình trạng thực hiện': 'Đã hoàn thành',
    });
    expect(changed.result).toMatchObject({action: 'stored', replaced: 1});
    expect(changed.result.updatedAssignments).toBeGreaterThan(0);
    expect(changed.sheet).toBe(17);
  });

  it('the tasks a village answered get the same status a fresh roll-up gives; the others keep theirs', () => {
    const env = setUp();
    const {ws} = env;
    const {formId} = createForms(env);
    const before = taskStatuses(ws);
    submit(env, formId, 'Thôn mẫu 1', '2025-08-28T02:00:00Z');
    const after = taskStatuses(ws);
    // The sidebar's save keeps the same cells: a no-change save by the admin recomputes them.
    const answered = ['1', '5', '8', '10', '11'];
    for (const tt of Object.keys(before)) {
      if (!answered.includes(tt)) expect(after[tt]).toEqual(before[tt]);
    }
    expect(answered.some(tt => after[tt][1] !== before[tt][1])).toBe(true);
    // The daily refresh (which recomputes every task from Phân công) changes none of them.
    ws.uncounted(() => ws.callFunction(ADMIN, 'setupWorkbook'));
    expect(taskStatuses(ws)).toEqual(after);
  });

  it('without the remembered header (cache evicted) the header is read and the report is the same', () => {
    const cold = setUp();
    const made = createForms(cold);
    cold.ws.caches.evict(/^dv:rhdr:/);
    const a = submit(cold, made.formId, 'Thôn mẫu 1', '2025-08-28T02:00:00Z');
    const b = submit(cold, made.formId, 'Thôn mẫu 2', '2025-08-28T02:05:00Z');
    // The first reads the header (3 calls: its tab, range, values) and remembers it; the second
    // reads none.
    expect(b.sheet).toBe(15);
    cold.ws.caches.evict(/^dv:rhdr:/);
    const c = submit(cold, made.formId, 'Thôn mẫu 3', '2025-08-28T02:10:00Z');
    expect(c.sheet).toBe(18);
    const warm = setUp();
    const made2 = createForms(warm);
    submit(warm, made2.formId, 'Thôn mẫu 1', '2025-08-28T02:00:00Z');
    const strip = (r: Record<string, unknown>) => {
      const {responseId, ...rest} = r;
      void responseId;
      return rest;
    };
    expect(
      reports(cold.ws)
        .slice(0, 1)
        .map(r => strip({...r})),
    ).toEqual(reports(warm.ws).map(r => strip({...r})));
    expect(a.result.state).toBe('valid');
  });

  it('a response tab the records do not mark ready is locked and named by the submission, then remembered', () => {
    const env = setUp();
    const {ws} = env;
    const {formId} = createForms(env);
    const records = formRecords(ws);
    expect(records.KY1.tabReady).toBe(true);
    // As an older version left it: no "ready" mark, and no protection on the tab.
    asAdmin(ws, () => {
      delete records.KY1.tabReady;
      PropertiesService.getDocumentProperties().setProperty(
        'villageForms',
        JSON.stringify(records),
      );
      const tab = SpreadsheetApp.getActive().getSheetByName(TAB)!;
      for (const p of tab.getProtections(SpreadsheetApp.ProtectionType.SHEET))
        p.remove();
    });
    const tabProtections = () =>
      asAdmin(
        ws,
        () =>
          SpreadsheetApp.getActive()
            .getSheetByName(TAB)!
            .getProtections(SpreadsheetApp.ProtectionType.SHEET).length,
      );
    expect(tabProtections()).toBe(0);
    const first = submit(env, formId, 'Thôn mẫu 1', '2025-08-28T02:00:00Z');
    expect(first.result.state).toBe('valid');
    expect(tabProtections()).toBe(1);
    expect(formRecords(ws).KY1.tabReady).toBe(true);
    const next = submit(env, formId, 'Thôn mẫu 2', '2025-08-28T02:05:00Z');
    expect(next.sheet).toBe(15);
  });

  it('a tab the records do not know (another form linked to the workbook) is found by its form, not taken for a village report', () => {
    const env = setUp();
    const {ws} = env;
    const {formId} = createForms(env);
    // A unit links a survey of its own to the spreadsheet.
    const survey = asAdmin(ws, () => {
      const f = FormApp.create('Khảo sát riêng');
      f.addTextItem().setTitle('Ý kiến của bạn');
      // Form.setPublished is in Apps Script, not in @types 2.0.13.
      (f as unknown as {setPublished(p: boolean): void}).setPublished(true);
      f.setDestination(
        FormApp.DestinationType.SPREADSHEET,
        SpreadsheetApp.getActive().getId(),
      );
      return f.getId();
    });
    const r = ws.submitForm(survey, {'Ý kiến của bạn': 'Tốt'});
    expect(r.runs.map(x => x.ok)).toEqual([true]);
    expect(r.runs[0].result).toMatchObject({action: 'ignored'});
    expect(reports(ws)).toHaveLength(0);
    submit(env, formId, 'Thôn mẫu 1', '2025-08-28T02:00:00Z');
    expect(reports(ws)).toHaveLength(1);
  });
});

describe('the response id needs no row number', () => {
  it('two villages answering in the same second are both stored (ids differ by their answers)', () => {
    const env = setUp();
    const {ws} = env;
    const {formId} = createForms(env);
    const at = '2025-08-28T02:00:00Z';
    const one = submit(env, formId, 'Thôn mẫu 1', at);
    const two = submit(env, formId, 'Thôn mẫu 2', at);
    expect(one.result).toMatchObject({action: 'stored', state: 'valid'});
    expect(two.result).toMatchObject({action: 'stored', state: 'valid'});
    expect(one.result.responseId).not.toBe(two.result.responseId);
    expect(reports(ws).map(r => r.village)).toEqual([
      'Thôn mẫu 1',
      'Thôn mẫu 2',
    ]);
    // One response delivered twice is still one report: test/app/forms.test.ts.
  });
});
