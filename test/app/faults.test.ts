// A service failing in the middle of setup, a save, the daily job and the summary (dist/Code.js): the
// workbook stays consistent, the error is reported, and a rerun without the fault completes the work.
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {Workspace} from '../../emulator';
import {injectFault, type Fault} from '../../emulator/faults';
import {createVmContext, loadScript} from '../../emulator/vm';

const ADMIN = 'quantri@daison.vn';
const UNIT = 'donvi@daison.vn';
const CODE = readFileSync(join(__dirname, '../../dist/Code.js'), 'utf8');
const QUIET = {log() {}, info() {}, warn() {}, error() {}};
const LOG_TAB = 'Nhật ký';
const MAIL_TAB = 'Thư đã gửi';

let faults: Fault[] = [];
afterEach(() => {
  for (const f of faults) f.restore();
  faults = [];
});

function fault(...args: Parameters<typeof injectFault>): Fault {
  const f = injectFault(...args);
  faults.push(f);
  return f;
}

/** Writes to the named tab only. */
const onTab =
  (name: string) =>
  (range: unknown): boolean =>
    (range as GoogleAppsScript.Spreadsheet.Range).getSheet().getName() === name;

function rows(ws: Workspace, sheet: string): Record<string, unknown>[] {
  const [head, ...body] = ws.sheetValues(sheet);
  return body.map(r =>
    Object.fromEntries(head.map((h, i) => [String(h), r[i]])),
  );
}

const tabs = (ws: Workspace) =>
  ws.boundSpreadsheet.sheets.map(s => [s.name, ws.sheetValues(s.name)]);

function fresh(date = '2025-08-27'): Workspace {
  const ws = new Workspace({owner: ADMIN, now: `${date}T00:00:00Z`});
  loadScript(createVmContext(ws, {console: QUIET}), CODE);
  return ws;
}

/** Set up, every unit with an address (the first office's is UNIT), the admin named. */
function workspace(date = '2025-08-27'): Workspace {
  const ws = fresh(date);
  ws.callFunction(ADMIN, 'setupWorkbook');
  ws.uncounted(() =>
    ws.run(ADMIN, () => {
      const ss = ws.activeSpreadsheet();
      const units = ss.getSheetByName('Đơn vị')!;
      const values = units.getDataRange().getValues();
      const col = values[0].indexOf('Email (cách nhau bởi dấu phẩy)');
      const kind = values[0].indexOf('Loại');
      const office = values.findIndex((r, i) => i > 0 && r[kind] !== 'Thôn');
      for (let r = 1; r < values.length; r++)
        values[r][col] =
          r === office
            ? UNIT
            : `${String(values[r][0]).toLowerCase()}@daison.vn`;
      units.getRange(1, 1, values.length, values[0].length).setValues(values);
      const settings = ss.getSheetByName('Cấu hình')!;
      const s = settings.getDataRange().getValues();
      s[s.findIndex(r => r[0] === 'adminEmails')][2] = ADMIN;
      settings.getRange(1, 1, s.length, s[0].length).setValues(s);
    }),
  );
  ws.callFunction(ADMIN, 'setupWorkbook');
  return ws;
}

function assignmentIds(ws: Workspace): string[] {
  return rows(ws, 'Phân công').map(r => String(r['Mã phân công']));
}

describe('a fault during setupWorkbook', () => {
  it.each([1, 4, 9])(
    'the %ith Range.setValues fails: reported, and a rerun gives the full workbook',
    n => {
      const clean = fresh();
      clean.callFunction(ADMIN, 'setupWorkbook');
      const ws = fresh();
      const f = fault(ws, 'Range.setValues', {
        after: n - 1,
        message: 'Service Spreadsheets failed while accessing document',
      });
      let error: unknown;
      let out: unknown;
      try {
        out = ws.callFunction(ADMIN, 'setupWorkbook');
      } catch (e) {
        error = e;
      }
      // The admin sees Google's error for the menu item; nothing is half set up for good.
      expect(out).toBeUndefined();
      expect(String(error)).toContain('Service Spreadsheets failed');
      expect(f.thrown).toBe(1);
      f.restore();
      const load = ws.scriptRun(ADMIN, 'sidebarLoad', []) as {
        ok: boolean;
        message?: string;
      };
      expect(load.ok || /[ạảãâấầậơớờợđ]/.test(String(load.message))).toBe(true);
      ws.callFunction(ADMIN, 'setupWorkbook');
      expect(ws.boundSpreadsheet.sheets.map(s => s.name)).toEqual(
        clean.boundSpreadsheet.sheets.map(s => s.name),
      );
      const ids = assignmentIds(ws);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toEqual(assignmentIds(clean));
    },
  );
});

interface Saved {
  ok: boolean;
  code?: string;
  message?: string;
}

function payload(
  a: {id: string; version: number; stamp: string},
  result: string,
) {
  return {
    id: a.id,
    version: a.version,
    stamp: a.stamp,
    progress: 'in_progress',
    completedOn: null,
    result,
    evidence: '',
    proposals: '',
  };
}

describe('a fault during sidebarSave', () => {
  it('the row write fails: nothing written, the user is told, and a retry is accepted once', () => {
    const ws = workspace();
    const loaded = ws.scriptRun(UNIT, 'sidebarLoad', []) as {
      assignments: Array<{id: string; version: number; stamp: string}>;
    };
    const a = loaded.assignments[0];
    const before = JSON.stringify(tabs(ws));
    const f = fault(ws, 'Range.setValues', {when: onTab('Phân công')});
    const r = ws.scriptRun(UNIT, 'sidebarSave', [
      payload(a, 'Lần thử'),
    ]) as Saved;
    expect(f.thrown).toBe(1);
    f.restore();
    expect(r).toMatchObject({ok: false, code: 'error'});
    expect(r.message).toContain('vui lòng thử lại');
    expect(JSON.stringify(tabs(ws))).toBe(before);
    expect((ws.scriptRun(UNIT, 'sidebarLoad', []) as {ok: boolean}).ok).toBe(
      true,
    );
    const again = ws.scriptRun(UNIT, 'sidebarSave', [
      payload(a, 'Lần thử'),
    ]) as Saved;
    expect(again.ok).toBe(true);
    const twice = ws.scriptRun(UNIT, 'sidebarSave', [
      payload(a, 'Lần thử'),
    ]) as Saved;
    expect(twice).toMatchObject({ok: false, code: 'stale'});
    const row = rows(ws, 'Phân công').find(x => x['Mã phân công'] === a.id)!;
    expect(row['Phiên bản']).toBe(a.version + 1);
    expect(
      rows(ws, LOG_TAB).filter(
        h =>
          h['Đối tượng'] === a.id &&
          String(h['Ghi chú']).includes(`phiên bản ${a.version + 1}`),
      ).length,
    ).toBeGreaterThan(0);
    const ids = assignmentIds(ws);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('a fault after the row of a save was written', () => {
  it('the history append fails: the row is put back, the user is told, and the retry is accepted once', () => {
    const ws = workspace();
    const loaded = ws.scriptRun(UNIT, 'sidebarLoad', []) as {
      assignments: Array<{id: string; version: number; stamp: string}>;
    };
    const a = loaded.assignments[0];
    const before = JSON.stringify(tabs(ws));
    const f = fault(ws, 'Range.setValues', {when: onTab(LOG_TAB)});
    const r = ws.scriptRun(UNIT, 'sidebarSave', [
      payload(a, 'Lần thử'),
    ]) as Saved;
    f.restore();
    expect(f.thrown).toBe(1);
    expect(r).toMatchObject({ok: false, code: 'error'});
    // Not half-saved: every tab is as it was (the row and the task status were put back).
    expect(JSON.stringify(tabs(ws))).toBe(before);
    const again = ws.scriptRun(UNIT, 'sidebarSave', [
      payload(a, 'Lần thử'),
    ]) as Saved;
    expect(again.ok).toBe(true);
    const row = rows(ws, 'Phân công').find(x => x['Mã phân công'] === a.id)!;
    expect(row['Phiên bản']).toBe(a.version + 1);
    expect(
      rows(ws, LOG_TAB).filter(h => h['Đối tượng'] === a.id).length,
    ).toBeGreaterThan(0);
  });
});

const daily = (ws: Workspace) =>
  ws.callFunction(ADMIN, 'dailyJob', [], {ui: false}) as {
    steps: {name: string; ok: boolean; note: string; error?: string}[];
  };

const mailKeys = (ws: Workspace) =>
  ws.mail.outbox.map(m => `${String(m.to)}|${m.subject}`);

const sentLogged = (ws: Workspace) =>
  rows(ws, MAIL_TAB).filter(r => r['Trạng thái'] === 'Đã gửi').length;

describe('a fault during the daily job', () => {
  it('MailApp.sendEmail runs out after 3 mails: the rest go on the rerun, each exactly once', () => {
    const clean = workspace();
    daily(clean);
    const ws = workspace();
    const f = fault(ws, 'MailApp.sendEmail', {
      after: 3,
      times: Infinity,
      message: 'Service invoked too many times for one day: email.',
    });
    const first = daily(ws);
    f.restore();
    expect(f.thrown).toBeGreaterThan(0);
    expect(ws.mail.outbox).toHaveLength(3);
    const send = first.steps.find(x => x.name === 'sendReminders')!;
    expect(send.note).toContain('gửi 3 thư');
    expect(send.note).toContain('hoãn');
    // Only what went out is logged as sent.
    const items = rows(ws, MAIL_TAB).filter(r => r['Trạng thái'] === 'Đã gửi');
    expect(new Set(items.map(r => r['Tiêu đề'])).size).toBe(3);
    ws.advance(3600000);
    daily(ws);
    expect(mailKeys(ws).sort()).toEqual(mailKeys(clean).sort());
    expect(new Set(mailKeys(ws)).size).toBe(mailKeys(ws).length);
    expect(sentLogged(ws)).toBe(sentLogged(clean));
    daily(ws);
    expect(ws.mail.outbox.length).toBe(clean.mail.outbox.length);
  });

  it('one MailApp.sendEmail fails with another error: logged as an error, not as sent, the others go once', () => {
    const clean = workspace();
    daily(clean);
    const ws = workspace();
    const f = fault(ws, 'MailApp.sendEmail', {
      after: 3,
      message: 'Service unavailable: Mail',
    });
    const first = daily(ws);
    f.restore();
    expect(f.thrown).toBe(1);
    expect(ws.mail.outbox).toHaveLength(clean.mail.outbox.length - 1);
    const failed = rows(ws, MAIL_TAB).filter(r => r['Trạng thái'] === 'Lỗi');
    expect(failed.length).toBeGreaterThan(0);
    expect(
      failed.every(r => r['Ghi chú'] === 'Service unavailable: Mail'),
    ).toBe(true);
    const sentSubjects = new Set(ws.mail.outbox.map(m => m.subject));
    expect(failed.some(r => sentSubjects.has(String(r['Tiêu đề'])))).toBe(
      false,
    );
    expect(first.steps.find(x => x.name === 'sendReminders')!.note).toContain(
      'lỗi 1 thư',
    );
    // The admin hears of it.
    expect(
      ws.mail.to(ADMIN).some(m => m.body.includes('Service unavailable: Mail')),
    ).toBe(true);
    ws.advance(3600000);
    daily(ws);
    expect(new Set(mailKeys(ws)).size).toBe(mailKeys(ws).length);
  });
});

describe('a fault while logging the mails already sent', () => {
  it('the outcome write to "Thư đã gửi" fails after the mails went: the rerun sends none of them again', () => {
    const clean = workspace();
    daily(clean);
    const ws = workspace();
    // The first write to the mail log (the items written ahead as "Đang gửi") goes through; the
    // second one, the outcomes after sending, fails.
    const f = fault(ws, 'Range.setValues', {after: 1, when: onTab(MAIL_TAB)});
    daily(ws);
    f.restore();
    expect(f.thrown).toBe(1);
    // Every reminder went once; the only extra e-mail is the error report to the admin.
    const cleanKeys = mailKeys(clean);
    const extra = () => mailKeys(ws).filter(k => !cleanKeys.includes(k));
    expect(cleanKeys.every(k => mailKeys(ws).includes(k))).toBe(true);
    expect(extra().every(k => k.startsWith(`${ADMIN}|`))).toBe(true);
    const sentFirst = ws.mail.outbox.length;
    expect(rows(ws, MAIL_TAB).some(r => r['Trạng thái'] === 'Đang gửi')).toBe(
      true,
    );
    ws.advance(3600000);
    daily(ws);
    ws.advance(3600000);
    daily(ws);
    // Nothing twice; the interrupted items are closed once and the admin is told in the history.
    expect(ws.mail.outbox.length).toBe(sentFirst);
    expect(new Set(mailKeys(ws)).size).toBe(mailKeys(ws).length);
    const closed = rows(ws, MAIL_TAB).filter(r =>
      String(r['Ghi chú']).includes('bị gián đoạn'),
    );
    expect(closed.length).toBeGreaterThan(0);
    expect(
      rows(ws, 'Nhật ký').filter(r => r['Hành động'] === 'Thư chưa rõ đã gửi'),
    ).toHaveLength(1);
  });
});

describe('a fault while logging the summary mail (eve of a reporting date)', () => {
  it('the first write to "Thư đã gửi" fails: the summary mail still goes to the admin exactly once', () => {
    const ws = workspace('2025-09-02');
    ws.mail.dailyQuota = 1500;
    const summaries = () =>
      ws.mail.outbox.filter(
        m => String(m.to).includes(ADMIN) && /tổng hợp/i.test(m.subject),
      );
    // The summary mail is reserved ("Đang gửi") in the run's first mail-log write, before it goes:
    // that write failing (at the expected row, then below the last row) sends nothing, and the
    // mail is reserved and sent later in the run.
    const f = fault(ws, 'Range.setValues', {when: onTab(MAIL_TAB), times: 2});
    daily(ws);
    f.restore();
    expect(f.thrown).toBe(2);
    expect(summaries()).toHaveLength(1);
    ws.advance(3600000);
    daily(ws);
    ws.advance(3600000);
    daily(ws);
    expect(summaries()).toHaveLength(1);
    const logged = rows(ws, MAIL_TAB).filter(r =>
      String(r['Khóa']).startsWith('summary:'),
    );
    expect(logged.map(r => r['Trạng thái'])).toEqual(['Đã gửi']);
  });
});

describe('a fault during buildSummary', () => {
  it.each([1, 2])(
    'the %ith Range.setValues fails: reported, and a rerun builds the complete tab',
    n => {
      const clean = workspace('2025-09-02');
      clean.callFunction(ADMIN, 'buildSummary', ['KY1']);
      const ws = workspace('2025-09-02');
      const f = fault(ws, 'Range.setValues', {after: n - 1});
      let error: unknown;
      try {
        ws.callFunction(ADMIN, 'buildSummary', ['KY1']);
      } catch (e) {
        error = e;
      }
      f.restore();
      expect(f.thrown).toBe(1);
      expect(String(error)).toContain('Service error: Range.setValues');
      const again = ws.callFunction(ADMIN, 'buildSummary', ['KY1']);
      expect(again).toMatchObject({ok: true, built: true});
      expect(ws.boundSpreadsheet.sheets.map(s => s.name)).toEqual(
        clean.boundSpreadsheet.sheets.map(s => s.name),
      );
      expect(ws.sheetValues('Tổng hợp KY1')).toEqual(
        clean.sheetValues('Tổng hợp KY1'),
      );
      const ids = assignmentIds(ws);
      expect(new Set(ids).size).toBe(ids.length);
    },
  );
});
