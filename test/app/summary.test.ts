// The summary use case against the emulator: the tab's cells, rebuilding, past periods kept, the daily step.
import {Workspace} from '../../emulator';
import * as main from '../../src/app/main';
import {runSetup} from '../../src/app/setup';
import {buildSummaryFor, type SummaryBuildResult} from '../../src/app/summary';
import {runDailyJob} from '../../src/app/daily/dailyJob';
import {
  autoBuildKey,
  summaryMailKey,
  summaryStep,
} from '../../src/app/daily/summaryStep';
import {DAILY_STEPS} from '../../src/app/daily/steps';
import {computeSummary} from '../../src/core/summary';
import {summaryToGrid, SUMMARY_WIDTHS} from '../../src/core/summaryGrid';
import type {SummaryInput} from '../../src/core/summary';
import {DEFAULT_PLAN} from '../../src/plan/defaultPlan';
import {HISTORY, MAIL_LOG} from '../../src/workbook/schema';
import {summaryMetaKey} from '../../src/workbook/summarySheet';
import {adhocInput, ky1Input, ky2Input, SETTINGS} from '../core/summaryFixture';
import {writePlanState} from './summaryWorkbook';
import {SUMMARY_WIDTH} from '../../src/core/summaryGrid';

/** The summary grid's part of a summary tab (columns A–K; the city block and charts sit to the right). */
function tabValues(name: string): unknown[][] {
  return ws.sheetValues(name).map(r => r.slice(0, SUMMARY_WIDTH));
}

const OWNER = 'owner@xa.gov.vn';
const ADMIN = 'admin@xa.gov.vn';

function setNow(ws: Workspace, iso: string): void {
  ws.setNow(iso);
  jest.setSystemTime(new Date(iso));
}

beforeAll(() => {
  jest.useFakeTimers({
    now: new Date('2025-09-02T00:00:00Z'),
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
});
afterAll(() => jest.useRealTimers());

let ws: Workspace;
afterEach(() => ws?.uninstallGlobals());

/** The fixture's settings as the settings tab holds them. */
const SETTING_CELLS = {
  commune: SETTINGS.commune,
  issuer: SETTINGS.issuer,
  planTitle: SETTINGS.planTitle,
  planNumber: SETTINGS.planNumber,
  reportTo: SETTINGS.reportTo,
  adminEmails: ADMIN,
};

/** A workbook set up from the seed plan, then given the state of `input`, at `nowIso`. */
function makeWorkspace(input: SummaryInput, nowIso: string): Workspace {
  ws = new Workspace({
    owner: OWNER,
    now: nowIso,
    spreadsheetName: 'Dân vận Đại Sơn',
  });
  jest.setSystemTime(new Date(nowIso));
  ws.installGlobals();
  ws.setFunctions(main as unknown as Record<string, unknown>);
  ws.addEditor(ADMIN);
  ws.run(OWNER, () => runSetup(DEFAULT_PLAN));
  ws.uncounted(() =>
    writePlanState(ws.activeSpreadsheet(), {
      settings: SETTING_CELLS,
      tasks: input.tasks.map(t => ({...t, dueOverride: t.dueOverride ?? null})),
      periods: input.periods,
      assignments: input.assignments,
      villageReports: input.villageReports,
    }),
  );
  return ws;
}

/** The cells the tab must hold: the pure layout of the same state. */
const expectedRows = (input: SummaryInput) =>
  summaryToGrid(computeSummary(input)).rows;

const menuBuild = (user = OWNER) =>
  ws.callFunction(user, 'buildSummary') as SummaryBuildResult;

function sheetNames(): string[] {
  return ws.boundSpreadsheet.sheets.map(s => s.name);
}

function formulasOf(name: string): string[][] {
  return ws.uncounted(() => {
    const sheet = ws.activeSpreadsheet().getSheetByName(name);
    if (!sheet) throw new Error(`no ${name}`);
    return sheet.getDataRange().getFormulas();
  });
}

function sheetOf(name: string): GoogleAppsScript.Spreadsheet.Sheet {
  const sheet = ws.uncounted(() => ws.activeSpreadsheet().getSheetByName(name));
  if (!sheet) throw new Error(`no ${name}`);
  return sheet;
}

describe('buildSummary from the menu', () => {
  it('writes "Tổng hợp KY1" for the current period with exactly the summary’s cells', () => {
    makeWorkspace(ky1Input(), '2025-09-02T00:00:00Z');
    ws.ui.promptAnswers.push({button: 'OK', text: ''});
    const result = menuBuild();

    expect(result).toMatchObject({
      ok: true,
      built: true,
      periodId: 'KY1',
      sheetName: 'Tổng hợp KY1',
      asOf: '2025-09-02T07:00:00+07:00',
    });
    expect(result.totals).toEqual(computeSummary(ky1Input()).totals);
    expect(tabValues('Tổng hợp KY1')).toEqual(expectedRows(ky1Input()));

    // The prompt listed every period, the ad-hoc one too, and proposed the current one.
    const prompt = ws.ui.of('prompt')[0];
    expect(prompt.prompt).toContain('để trống để lập cho kỳ KY1');
    expect(prompt.prompt).toContain(
      '• DX1: Báo cáo đột xuất tháng 10 — hạn 15/10/2025, đột xuất',
    );
    expect(prompt.prompt).toContain(
      '• KY2: Kỳ 2 (báo cáo trước 03/12/2025) — hạn 03/12/2025',
    );

    // User text stays text: "=Kế hoạch số 12" is shown, never run as a formula.
    expect(
      formulasOf('Tổng hợp KY1')
        .flat()
        .every(f => f === ''),
    ).toBe(true);
    expect(
      tabValues('Tổng hợp KY1').some(r =>
        String(r[7]).includes('=Kế hoạch số 12'),
      ),
    ).toBe(true);
    // Dates are text as shown: dd/MM/yyyy.
    expect(ws.sheetDisplayValues('Tổng hợp KY1')[4][0]).toBe(
      'Hạn báo cáo: 03/09/2025 (còn 1 ngày)',
    );

    // The look, the metadata and the history.
    const sheet = sheetOf('Tổng hợp KY1');
    ws.uncounted(() => {
      expect(sheet.getFrozenRows()).toBe(1);
      // Status colours are set with the values (the tab is rebuilt when figures change), no rules.
      expect(sheet.getConditionalFormatRules()).toHaveLength(0);
      const shown = ws.sheetValues('Tổng hợp KY1');
      const backgrounds = sheet.getDataRange().getBackgrounds();
      const coloured = (text: string, colour: string) =>
        shown.every((r, i) =>
          r.every((v, j) => v !== text || backgrounds[i][j] === colour),
        ) && shown.some(r => r.includes(text));
      expect(coloured('Chưa báo cáo', '#f4cccc')).toBe(true);
      expect(sheet.getRange(1, 1).getNote()).toContain(
        'Tổng hợp kỳ KY1, lập theo yêu cầu bởi owner@xa.gov.vn; số liệu tính đến 02/09/2025 07:00.',
      );
      expect(sheet.getRange(1, 1).getFontWeight()).toBe('bold');
      expect(sheet.getColumnWidth(8)).toBe(SUMMARY_WIDTHS[7]);
    });
    const meta = JSON.parse(
      ws.uncounted(() =>
        PropertiesService.getDocumentProperties().getProperty(
          summaryMetaKey('KY1'),
        ),
      ) as string,
    );
    expect(meta).toEqual({
      periodId: 'KY1',
      asOf: '2025-09-02T07:00:00+07:00',
      builtBy: OWNER,
      sheetName: 'Tổng hợp KY1',
      mode: 'manual',
    });
    const history = ws.sheetValues(HISTORY.name);
    const last = history[history.length - 1];
    expect(last[2]).toBe('Lập tổng hợp');
    expect(last[3]).toBe('Tổng hợp KY1');
    expect(ws.ui.of('toast').map(t => t.title)).toEqual([
      'Lập tổng hợp',
      'Đã lập tổng hợp',
    ]);
    expect(ws.boundSpreadsheet.activeSheet().name).toBe('Tổng hợp KY1');
  });

  it('rebuilding with the same data gives identical cells in the same tab', () => {
    makeWorkspace(ky1Input(), '2025-09-02T00:00:00Z');
    ws.ui.promptAnswers.push({button: 'OK', text: ''});
    const first = menuBuild();
    const before = tabValues('Tổng hợp KY1');
    const tabs = sheetNames();
    ws.ui.promptAnswers.push({button: 'OK', text: 'KY1'});
    const second = menuBuild();
    expect(second.sheetId).toBe(first.sheetId);
    expect(sheetNames()).toEqual(tabs);
    expect(tabValues('Tổng hợp KY1')).toEqual(before);
    const sheet = sheetOf('Tổng hợp KY1');
    ws.uncounted(() => {
      expect(sheet.getConditionalFormatRules()).toHaveLength(0);
      expect(
        sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET),
      ).toHaveLength(1);
      // The 8 header lines merged across once each (section titles run on over their row).
      const merged = sheet.getDataRange().getMergedRanges();
      expect(merged.map(r => r.getA1Notation())).toEqual([
        'A1:K1',
        'A2:K2',
        'A3:K3',
        'A4:K4',
        'A5:K5',
        'A6:K6',
        'A7:K7',
        'A8:K8',
      ]);
      // A section title: white bold on blue across the grid, not wrapped.
      const title = sheet.getRange('A10:K10');
      expect(new Set(title.getBackgrounds()[0])).toEqual(new Set(['#1f4e79']));
      expect(title.getFontWeights()[0][0]).toBe('bold');
      expect(title.getWraps()[0][0]).toBe(false);
    });
  });

  it('a rebuild after new entries replaces the current period’s tab in place, shorter or longer', () => {
    makeWorkspace(ky1Input(), '2025-09-02T00:00:00Z');
    expect(ws.callFunction(OWNER, 'buildSummary', ['KY1'])).toMatchObject({
      built: true,
    });
    const input = ky1Input();
    input.units = input.units.filter(u => u.kind !== 'village');
    input.assignments = input.assignments.filter(
      a => !a.unitCode.startsWith('THON'),
    );
    ws.uncounted(() =>
      writePlanState(ws.activeSpreadsheet(), {
        units: input.units,
        assignments: input.assignments,
      }),
    );
    ws.callFunction(OWNER, 'buildSummary', ['KY1']);
    expect(tabValues('Tổng hợp KY1')).toEqual(expectedRows(input));
  });

  it('builds an ad-hoc period chosen by its id, in any case', () => {
    makeWorkspace(adhocInput(), '2025-10-14T01:00:00Z');
    ws.ui.promptAnswers.push({button: 'OK', text: ' dx1 '});
    const result = menuBuild();
    expect(result.sheetName).toBe('Tổng hợp DX1');
    expect(tabValues('Tổng hợp DX1')).toEqual(expectedRows(adhocInput()));
    expect(String(tabValues('Tổng hợp DX1')[3][0])).toContain(
      'mã DX1 (đột xuất)',
    );
  });

  it('builds kỳ 2 when google.script.run names it, without asking', () => {
    makeWorkspace(ky2Input(), '2025-12-02T00:00:00Z');
    const result = ws.scriptRun(ADMIN, 'buildSummary', [
      'KY2',
    ]) as SummaryBuildResult;
    expect(result.built).toBe(true);
    expect(ws.ui.of('prompt')).toHaveLength(0);
    expect(tabValues('Tổng hợp KY2')).toEqual(expectedRows(ky2Input()));
  });

  it('is for the admins only', () => {
    makeWorkspace(ky1Input(), '2025-09-02T00:00:00Z');
    ws.addEditor('kt@xa.gov.vn');
    const tabs = sheetNames();
    expect(
      ws.callFunction('kt@xa.gov.vn', 'buildSummary', ['KY1']),
    ).toMatchObject({
      built: false,
      skipped: 'not_admin',
    });
    expect(ws.ui.of('alert').at(-1)?.title).toBe('Không có quyền');
    expect(sheetNames()).toEqual(tabs);
    expect(ws.callFunction(ADMIN, 'buildSummary', ['KY1'])).toMatchObject({
      built: true,
    });
  });

  it('does nothing when cancelled, and says so for an unknown period', () => {
    makeWorkspace(ky1Input(), '2025-09-02T00:00:00Z');
    const tabs = sheetNames();
    ws.ui.promptAnswers.push({button: 'CANCEL', text: ''});
    expect(menuBuild()).toMatchObject({built: false, skipped: 'cancelled'});
    ws.ui.promptAnswers.push({button: 'OK', text: 'KY9'});
    expect(menuBuild()).toMatchObject({
      built: false,
      skipped: 'unknown_period',
    });
    const alert = ws.ui.of('alert').at(-1);
    expect(alert?.prompt).toBe(
      'Không có kỳ báo cáo mã "KY9". Các mã hiện có: KY1, DX1, KY2.',
    );
    expect(sheetNames()).toEqual(tabs);
  });
});

describe('a past period’s summary', () => {
  function builtAtKy1(): unknown[][] {
    makeWorkspace(ky1Input(), '2025-09-02T00:00:00Z');
    ws.callFunction(OWNER, 'buildSummary', ['KY1']);
    return tabValues('Tổng hợp KY1');
  }

  it('is kept as it was built: no automatic rebuild, and a manual one asks first', () => {
    const built = builtAtKy1();
    setNow(ws, '2025-09-10T02:00:00Z');
    const auto = ws.run(OWNER, () => buildSummaryFor('KY1', {mode: 'auto'}));
    expect(auto).toMatchObject({built: false, skipped: 'past'});
    expect(tabValues('Tổng hợp KY1')).toEqual(built);

    ws.ui.promptAnswers.push({button: 'OK', text: 'KY1'});
    ws.ui.alertAnswers.push('NO');
    expect(menuBuild()).toMatchObject({built: false, skipped: 'cancelled'});
    expect(ws.ui.of('alert').at(-1)?.prompt).toBe(
      'Kỳ KY1 đã qua hạn báo cáo (03/09/2025). Bản tổng hợp đã lập sẽ được giữ lại với tên "Tổng hợp KY1 (bản 02/09/2025)" và một bản mới được lập theo số liệu hiện tại. Tiếp tục?',
    );
    expect(tabValues('Tổng hợp KY1')).toEqual(built);
    expect(sheetNames()).not.toContain('Tổng hợp KY1 (bản 02/09/2025)');
  });

  it('named by google.script.run or the preview (checked under the lock), asks first too', () => {
    const built = builtAtKy1();
    setNow(ws, '2025-09-10T02:00:00Z');
    ws.ui.alertAnswers.push('NO');
    expect(ws.callFunction(OWNER, 'buildSummary', ['KY1'])).toMatchObject({
      built: false,
      skipped: 'cancelled',
    });
    expect(ws.ui.of('alert').at(-1)?.prompt).toBe(
      'Kỳ KY1 đã qua hạn báo cáo (03/09/2025). Bản tổng hợp đã lập sẽ được giữ lại với tên "Tổng hợp KY1 (bản 02/09/2025)" và một bản mới được lập theo số liệu hiện tại. Tiếp tục?',
    );
    expect(tabValues('Tổng hợp KY1')).toEqual(built);
    ws.ui.alertAnswers.push('YES');
    expect(ws.callFunction(OWNER, 'buildSummary', ['KY1'])).toMatchObject({
      built: true,
      archivedAs: 'Tổng hợp KY1 (bản 02/09/2025)',
    });
    expect(tabValues('Tổng hợp KY1 (bản 02/09/2025)')).toEqual(built);
    expect(ws.boundSpreadsheet.activeSheet().name).toBe('Tổng hợp KY1');
    // An unknown id is told with the ids there are, as from the prompt.
    expect(ws.callFunction(OWNER, 'buildSummary', ['KY9'])).toMatchObject({
      built: false,
      skipped: 'unknown_period',
      message: 'Không có kỳ báo cáo mã "KY9". Các mã hiện có: KY1, DX1, KY2.',
    });
    expect(ws.ui.of('alert').at(-1)?.title).toBe('Không tìm thấy kỳ báo cáo');
  });

  it('is renamed "(bản dd/MM/yyyy)" and kept intact when the admin rebuilds it', () => {
    const built = builtAtKy1();
    setNow(ws, '2025-09-10T02:00:00Z');
    ws.ui.promptAnswers.push({button: 'OK', text: 'KY1'});
    ws.ui.alertAnswers.push('YES');
    const result = menuBuild();
    expect(result).toMatchObject({
      built: true,
      archivedAs: 'Tổng hợp KY1 (bản 02/09/2025)',
    });
    expect(tabValues('Tổng hợp KY1 (bản 02/09/2025)')).toEqual(built);
    const fresh = tabValues('Tổng hợp KY1');
    expect(fresh[5][0]).toBe('Số liệu tính đến: 10/09/2025 09:00');
    expect(fresh[4][0]).toBe('Hạn báo cáo: 03/09/2025 (đã qua hạn 7 ngày)');
    expect(fresh).toEqual(
      expectedRows({...ky1Input(), asOf: '2025-09-10T09:00:00+07:00'}),
    );

    // A second rebuild the same day keeps both earlier versions.
    ws.ui.promptAnswers.push({button: 'OK', text: 'KY1'});
    ws.ui.alertAnswers.push('YES');
    expect(menuBuild().archivedAs).toBe('Tổng hợp KY1 (bản 10/09/2025)');
    expect(sheetNames().filter(n => n.startsWith('Tổng hợp KY1'))).toEqual([
      'Tổng hợp KY1 (bản 02/09/2025)',
      'Tổng hợp KY1 (bản 10/09/2025)',
      'Tổng hợp KY1',
    ]);
  });
});

describe('the daily step', () => {
  const runDay = (iso: string) => {
    setNow(ws, iso);
    return ws.run(OWNER, () => runDailyJob(undefined, [summaryStep]), {
      ui: false,
    });
  };
  const asOfCell = (name: string) => String(tabValues(name)[5][0]);
  const adminMails = () => ws.mail.to(ADMIN);
  const mailLogKeys = () =>
    ws
      .sheetValues(MAIL_LOG.name)
      .slice(1)
      .map(r => [r[0], r[6]]);

  it('is registered in the daily job', () => {
    expect(DAILY_STEPS).toContain(summaryStep);
  });

  it('builds the day before the deadline and on its morning, once each, and e-mails the admins once each', () => {
    makeWorkspace(ky1Input(), '2025-08-31T00:00:00Z');
    runDay('2025-08-31T00:00:00Z');
    runDay('2025-09-01T00:00:00Z');
    expect(sheetNames()).not.toContain('Tổng hợp KY1');
    expect(adminMails()).toHaveLength(0);

    const day = runDay('2025-09-02T00:00:00Z');
    expect(day.steps[0]).toMatchObject({ok: true});
    expect(day.steps[0].note).toContain('đã lập "Tổng hợp KY1"');
    expect(tabValues('Tổng hợp KY1')).toEqual(expectedRows(ky1Input()));
    expect(adminMails()).toHaveLength(1);

    // A second run the same day neither rebuilds nor mails again.
    runDay('2025-09-02T05:00:00Z');
    expect(asOfCell('Tổng hợp KY1')).toBe('Số liệu tính đến: 02/09/2025 07:00');
    expect(adminMails()).toHaveLength(1);

    runDay('2025-09-03T00:00:00Z');
    expect(asOfCell('Tổng hợp KY1')).toBe('Số liệu tính đến: 03/09/2025 07:00');
    expect(adminMails()).toHaveLength(2);
    runDay('2025-09-03T03:00:00Z');
    expect(adminMails()).toHaveLength(2);

    // After the deadline the period's summary stays as it was built.
    runDay('2025-09-04T00:00:00Z');
    runDay('2025-09-05T00:00:00Z');
    expect(asOfCell('Tổng hợp KY1')).toBe('Số liệu tính đến: 03/09/2025 07:00');
    expect(adminMails()).toHaveLength(2);
    expect(sheetNames().filter(n => n.startsWith('Tổng hợp'))).toEqual([
      'Tổng hợp KY1',
    ]);

    const [before, due] = adminMails();
    expect(before.subject).toBe(
      '[Dân vận] Tổng hợp Kỳ 1 (báo cáo trước 03/09/2025) (13 nhiệm vụ, số liệu đến 02/09/2025)',
    );
    expect(before.body).toContain(
      'Hạn báo cáo của Kỳ 1 (báo cáo trước 03/09/2025) là ngày 03/09/2025 (còn 1 ngày).',
    );
    expect(before.body).toContain(
      '- 2/13 nhiệm vụ đã hoàn thành; 5 phân công quá hạn; 0/8 đơn vị và 3/5 thôn đã báo cáo.',
    );
    expect(before.body).toContain(
      '- Nhiệm vụ 5 (chỉ tiêu 1/thôn): 2/5 thôn đạt',
    );
    expect(before.body).toContain(
      '- Nhiệm vụ 10 (chỉ tiêu 1/thôn): 1/5 thôn đạt',
    );
    const gid = sheetOf('Tổng hợp KY1').getSheetId();
    expect(before.body).toContain(`#gid=${gid}`);
    // Styled like the reminders: the same frame, a heading and a button to the tab.
    expect(before.htmlBody).toMatch(
      /^<div style="font-family:Arial,Helvetica,sans-serif;font-size:14px/,
    );
    expect(before.htmlBody).toContain('<h3 style="');
    expect(before.htmlBody).toMatch(
      new RegExp(
        `<a href="[^"]*#gid=${gid}" style="[^"]*background:[^"]*">Mở trang Tổng hợp KY1</a>`,
      ),
    );
    expect(due.body).toContain(
      'Hôm nay (03/09/2025) là hạn báo cáo của Kỳ 1 (báo cáo trước 03/09/2025).',
    );
    expect(mailLogKeys()).toEqual([
      [summaryMailKey('KY1', 'before'), 'Đã gửi'],
      [summaryMailKey('KY1', 'due'), 'Đã gửi'],
    ]);
    expect(
      JSON.parse(
        ws.uncounted(() =>
          PropertiesService.getDocumentProperties().getProperty(
            autoBuildKey('KY1'),
          ),
        ) as string,
      ),
    ).toEqual({before: '2025-09-02', due: '2025-09-03'});
    const history = ws.sheetValues(HISTORY.name).map(r => r[2]);
    expect(history.filter(a => a === 'Lập tổng hợp tự động')).toHaveLength(2);
  });

  it('catches up a missed day within the configured days, and retries a mail the quota stopped', () => {
    makeWorkspace(ky2Input(), '2025-11-29T00:00:00Z');
    ws.uncounted(() =>
      writePlanState(ws.activeSpreadsheet(), {
        settings: {summaryDaysBefore: '3'},
      }),
    );
    runDay('2025-11-29T00:00:00Z');
    expect(sheetNames()).not.toContain('Tổng hợp KY2');
    // 30/11 (three days before) the job did not run; 01/12 catches up, but today's quota is used up.
    ws.mail.dailyQuota = 0;
    const day = runDay('2025-12-01T00:00:00Z');
    expect(day.steps[0].note).toContain(
      'thư báo tổng hợp KY2 để lần sau (hết hạn mức)',
    );
    expect(asOfCell('Tổng hợp KY2')).toBe('Số liệu tính đến: 01/12/2025 07:00');
    expect(adminMails()).toHaveLength(0);
    expect(mailLogKeys()).toEqual([[summaryMailKey('KY2', 'before'), 'Hoãn']]);
    runDay('2025-12-01T04:00:00Z');
    expect(mailLogKeys()).toHaveLength(1);

    // The next day: no rebuild (built on 01/12), the deferred mail goes out.
    ws.mail.dailyQuota = 100;
    runDay('2025-12-02T00:00:00Z');
    expect(asOfCell('Tổng hợp KY2')).toBe('Số liệu tính đến: 01/12/2025 07:00');
    expect(adminMails()).toHaveLength(1);
    expect(adminMails()[0].body).toContain('số liệu tính đến 01/12/2025 07:00');

    runDay('2025-12-03T00:00:00Z');
    expect(asOfCell('Tổng hợp KY2')).toBe('Số liệu tính đến: 03/12/2025 07:00');
    expect(tabValues('Tổng hợp KY2')).toEqual(
      expectedRows({...ky2Input(), asOf: '2025-12-03T07:00:00+07:00'}),
    );
    expect(adminMails()).toHaveLength(2);
    expect(mailLogKeys().map(r => r.join(' '))).toEqual([
      `${summaryMailKey('KY2', 'before')} Hoãn`,
      `${summaryMailKey('KY2', 'before')} Đã gửi`,
      `${summaryMailKey('KY2', 'due')} Đã gửi`,
    ]);
  });

  it('builds an ad-hoc period the same way', () => {
    makeWorkspace(adhocInput(), '2025-10-14T01:00:00Z');
    runDay('2025-10-14T01:00:00Z');
    expect(tabValues('Tổng hợp DX1')).toEqual(expectedRows(adhocInput()));
    expect(adminMails()).toHaveLength(1);
  });
});
