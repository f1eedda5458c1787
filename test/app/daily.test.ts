// Tests for the daily job through dist/Code.js: statuses, reminders, repeated runs, bad addresses, errors, call budget.
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {Workspace} from '../../emulator';
import {createVmContext, loadScript} from '../../emulator/vm';

const CODE = readFileSync(join(__dirname, '../../dist/Code.js'), 'utf8');
const ADMIN = 'quantri@daison.vn';
const QUIET = {log() {}, info() {}, warn() {}, error() {}};

type SS = GoogleAppsScript.Spreadsheet.SpreadsheetApp;

/** Workbook set up on `date` (07:00 in Hà Nội), units' e-mails `email(code)`, admin set. */
function workspace(
  date: string,
  opts: {extraVillages?: number; email?: (code: string) => string} = {},
): Workspace {
  const ws = new Workspace({owner: ADMIN, now: `${date}T00:00:00Z`});
  const context = createVmContext(ws, {console: QUIET});
  loadScript(context, CODE);
  ws.callFunction(ADMIN, 'setupWorkbook');
  const email =
    opts.email ?? ((code: string) => `${code.toLowerCase()}@daison.vn`);
  const SpreadsheetApp = ws.globals().SpreadsheetApp as SS;
  ws.run(ADMIN, () => {
    const ss = SpreadsheetApp.getActive();
    const units = ss.getSheetByName('Đơn vị')!;
    const values = units.getDataRange().getValues();
    const col = values[0].indexOf('Email (cách nhau bởi dấu phẩy)');
    for (let r = 1; r < values.length; r++)
      values[r][col] = email(String(values[r][0]));
    for (let i = 0; i < (opts.extraVillages ?? 0); i++) {
      const code = `THONX${String(i + 1).padStart(3, '0')}`;
      const row = values[0].map(() => '' as unknown);
      row[0] = code;
      row[1] = `Thôn thêm ${i + 1}`;
      row[2] = 'Thôn';
      row[4] = 'thôn';
      row[col] = email(code);
      row[8] = 'Có';
      values.push(row);
    }
    units.getRange(1, 1, values.length, values[0].length).setValues(values);
    const settings = ss.getSheetByName('Cấu hình')!;
    const s = settings.getDataRange().getValues();
    s[s.findIndex(r => r[0] === 'adminEmails')][2] = ADMIN;
    settings.getRange(1, 1, s.length, s[0].length).setValues(s);
  });
  // As the admin does after filling in e-mails: set-up again, so protections follow.
  ws.callFunction(ADMIN, 'setupWorkbook');
  return ws;
}

function rows(ws: Workspace, sheet: string): Record<string, unknown>[] {
  const [head, ...body] = ws.sheetValues(sheet);
  return body.map(r =>
    Object.fromEntries(head.map((h, i) => [String(h), r[i]])),
  );
}

const run = (ws: Workspace) =>
  ws.callFunction(ADMIN, 'dailyJob', [], {ui: false}) as {
    steps: {name: string; ok: boolean; note: string; error?: string}[];
  };

type Result = ReturnType<typeof run>;
const step = (r: Result, name: string) => r.steps.find(s => s.name === name)!;

describe('dailyJob', () => {
  it('refreshes the status columns as of today, in one write per tab', () => {
    const ws = workspace('2025-08-27');
    const status = () =>
      rows(ws, 'Phân công').find(r => r['Mã phân công'] === '7|VHXH|lead')![
        'Tình trạng'
      ];
    expect(status()).toBe('Chưa thực hiện');
    ws.setNow('2025-08-31T00:00:00Z');
    ws.calls.reset();
    run(ws);
    expect(status()).toBe('Chưa thực hiện quá hạn');
    expect(
      rows(ws, 'Phân công').find(r => r['Mã phân công'] === '7|VHXH|lead')![
        'Tình trạng hạn'
      ],
    ).toBe('Quá hạn');
    expect(
      rows(ws, 'Nhiệm vụ').find(r => String(r['TT']) === '7')![
        'Tình trạng chung'
      ],
    ).toBe('Chưa thực hiện quá hạn');
  });

  it("sends the day's reminders once: a second run the same day sends nothing and logs nothing new", () => {
    const ws = workspace('2025-08-27');
    const first = run(ws);
    expect(first.steps.every(s => s.ok)).toBe(true);
    expect(first.steps.map(s => s.name)).toEqual(
      expect.arrayContaining(['refreshStatuses', 'sendReminders']),
    );
    const sent = ws.mail.outbox.length;
    expect(sent).toBeGreaterThan(10);
    const logged = rows(ws, 'Thư đã gửi').length;
    expect(new Set(rows(ws, 'Thư đã gửi').map(r => r['Khóa'])).size).toBe(
      logged,
    );
    ws.advance(3600000);
    const second = run(ws);
    expect(second.steps.every(s => s.ok)).toBe(true);
    expect(ws.mail.outbox.length).toBe(sent);
    expect(rows(ws, 'Thư đã gửi').length).toBe(logged);
    expect(step(second, 'sendReminders').note).toContain('gửi 0 thư (0 mục)');
  });

  it('skips an address Google refuses, logs it as an error, tells the admin, and goes on', () => {
    const ws = workspace('2025-08-27', {
      email: code =>
        code === 'THON02'
          ? 'trưởngthôn2@gmail.com'
          : `${code.toLowerCase()}@daison.vn`,
    });
    const result = run(ws);
    expect(result.steps.every(s => s.ok)).toBe(true);
    expect(step(result, 'sendReminders').note).toContain('lỗi 1 thư');
    const failed = rows(ws, 'Thư đã gửi').filter(
      r => r['Trạng thái'] === 'Lỗi',
    );
    expect(failed.map(r => r['Khóa'])).toEqual(['village:KY1:THON02:d7']);
    expect(failed[0]['Ghi chú']).toBe('Invalid email: trưởngthôn2@gmail.com');
    expect(ws.mail.to('thon03@daison.vn')).toHaveLength(1);
    const admin = ws.mail.to(ADMIN);
    expect(admin).toHaveLength(1);
    // Copies: task 7 (2 units, 3 days left) and task 13 (8 units, first run, so its 7-day stage).
    expect(admin[0].subject).toBe(
      '[Dân vận] Bản sao 10 thư nhắc hạn; thông báo gửi thư ngày 27/08/2025',
    );
    expect(admin[0].body).toContain(
      '  - trưởngthôn2@gmail.com (Thôn mẫu 2): Invalid email: trưởngthôn2@gmail.com',
    );
    // Not retried every day.
    ws.advanceDays(1);
    run(ws);
    expect(
      rows(ws, 'Thư đã gửi').filter(r => r['Trạng thái'] === 'Lỗi'),
    ).toHaveLength(1);
  });

  it('keeps going when a step fails: the error goes to the history tab and, once a day, to the admin', () => {
    const ws = workspace('2025-08-27');
    // Another execution holds the document lock for 45 s: the status refresh gives up after 30 s.
    ws.holdDocumentLock({forMs: 45000});
    const result = run(ws);
    expect(step(result, 'refreshStatuses').ok).toBe(false);
    expect(step(result, 'sendReminders').ok).toBe(true);
    expect(step(result, 'refreshStatuses').error).toContain(
      'Bảng tính đang được người khác cập nhật',
    );
    const history = rows(ws, 'Nhật ký');
    const errorRow = history.find(
      r => r['Hành động'] === 'Lỗi công việc tự động',
    )!;
    expect(errorRow['Đối tượng']).toBe('Cập nhật tình trạng hạn');
    expect(String(errorRow['Ghi chú'])).toContain(
      'Bảng tính đang được người khác cập nhật',
    );
    const errorMails = ws.mail
      .to(ADMIN)
      .filter(m => m.subject.startsWith('[Dân vận] Lỗi'));
    expect(errorMails.map(m => m.subject)).toEqual([
      '[Dân vận] Lỗi công việc tự động ngày 27/08/2025',
    ]);
    expect(errorMails[0].body).toContain(
      '  - Cập nhật tình trạng hạn: Bảng tính đang được người khác cập nhật. Vui lòng đợi vài giây rồi thử lại.',
    );
    // The reminders still went out and were logged.
    expect(ws.mail.to('vhxh@daison.vn')).toHaveLength(1);
    expect(
      rows(ws, 'Thư đã gửi').some(r => r['Khóa'] === 'period:KY1:unit:VHXH:d7'),
    ).toBe(true);
    // Same failure later the same day: in the history again, but no second error e-mail.
    ws.holdDocumentLock({forMs: 45000});
    run(ws);
    expect(
      ws.mail.to(ADMIN).filter(m => m.subject.startsWith('[Dân vận] Lỗi')),
    ).toHaveLength(1);
  });

  it('brings the unit protections in step when an e-mail changed since the last set-up', () => {
    const ws = workspace('2025-08-27');
    expect(step(run(ws), 'syncProtections').note).toContain('đã khớp');
    // The admin types a new address for Phòng Kinh tế and does not run set-up.
    const SpreadsheetApp = ws.globals().SpreadsheetApp as SS;
    ws.run(ADMIN, () => {
      const units = SpreadsheetApp.getActive().getSheetByName('Đơn vị')!;
      const values = units.getDataRange().getValues();
      const col = values[0].indexOf('Email (cách nhau bởi dấu phẩy)');
      const row = values.findIndex(r => r[0] === 'KT');
      units.getRange(row + 1, col + 1).setValue('moi@daison.vn');
    });
    const loaded = () =>
      ws.scriptRun('moi@daison.vn', 'sidebarLoad', []) as {
        ok: boolean;
        assignments?: Array<{id: string; version: number; stamp: string}>;
      };
    const save = () => {
      const a = loaded().assignments![0];
      return ws.scriptRun('moi@daison.vn', 'sidebarSave', [
        {
          id: a.id,
          version: a.version,
          stamp: a.stamp,
          progress: 'in_progress',
          completedOn: null,
          result: 'Đang triển khai',
          evidence: '',
          proposals: '',
        },
      ]) as {ok: boolean};
    };
    // Before the daily job the sheet protection still names the old address.
    expect(save().ok).toBe(false);
    ws.advance(86400000);
    expect(step(run(ws), 'syncProtections').note).toContain('đã thiết lập lại');
    expect(save().ok).toBe(true);
    ws.advance(86400000);
    expect(step(run(ws), 'syncProtections').note).toContain('đã khớp');
  });

  it('does nothing while another run holds the script lock', () => {
    const ws = workspace('2025-08-27');
    const held = ws.holdLock('script');
    expect(ws.callFunction(ADMIN, 'dailyJob', [], {ui: false})).toEqual({
      skipped: 'busy',
      steps: [],
    });
    expect(ws.mail.outbox).toHaveLength(0);
    held.release();
    run(ws);
    expect(ws.mail.outbox.length).toBeGreaterThan(0);
  });

  it('makes a fixed number of sheet calls whatever the number of villages, and none per e-mail', () => {
    const count = (extra: number) => {
      const ws = workspace('2025-08-27', {extraVillages: extra});
      ws.mail.dailyQuota = 1500;
      ws.calls.reset();
      run(ws);
      return {
        sheet: ws.calls.spreadsheetTotal(),
        mails: ws.calls.get('MailApp.sendEmail'),
      };
    };
    const small = count(0);
    const big = count(120);
    expect(big.mails).toBe(small.mails + 120);
    expect(big.sheet).toBe(small.sheet);
    expect(big.sheet).toBeLessThanOrEqual(60);
  });
});

describe('dailyJob on the eve of a reporting date (issue 15)', () => {
  it('builds the summary from the workbook and the reports it read once, and logs its mails at the rows it read as next', () => {
    const ws = workspace('2025-09-02');
    ws.mail.dailyQuota = 1500;
    ws.calls.reset();
    const r = run(ws);
    expect(step(r, 'summary').note).toContain('đã lập "Tổng hợp KY1"');
    expect(r.steps.every(s => s.ok)).toBe(true);
    // Each tab read once: units + settings (protections, shared with the statuses step), the
    // other four of the workbook under the lock, Nhật ký, the village reports (summary,
    // reminders, digest), form links, and the mail log (summary, reminders, digest: each step
    // keeps it up to date with what it writes).
    expect(ws.calls.get('Sheet.getSheetValues')).toBe(2 + 4 + 1 + 1 + 1 + 1);
    // Those ten tabs and the summary tab (looked for, then taken once the API has added it).
    expect(ws.calls.get('Spreadsheet.getSheetByName')).toBe(10 + 2);
    expect(ws.calls.get('Spreadsheet.getOwner')).toBeLessThanOrEqual(1);
    // Every mail-log and history append at its expected row: no last-row lookups.
    expect(ws.calls.get('Sheet.getLastRow')).toBe(0);
    // The bench's eve made 134, then 93 here, then 82; the summary tab's look is now one Sheets
    // API batchUpdate (was about 20 SpreadsheetApp calls on its first build): 63.
    // The mail log is written twice: the write-ahead of every mail (the summary's first), then
    // the outcomes in place (was: the summary's row apart, 3 calls more).
    // The new summary tab is added, at its size and admin-only, by one more batchUpdate, and its
    // charts come with its look (was: insertSheet, 7 protection calls, 4 to size it and 9 for the
    // charts): 42.
    expect(ws.calls.get('Sheets.Spreadsheets.batchUpdate')).toBe(2);
    expect(ws.calls.get('Spreadsheet.insertSheet')).toBe(0);
    expect(ws.calls.get('Sheet.insertChart')).toBe(0);
    expect(ws.calls.spreadsheetTotal()).toBeLessThanOrEqual(42);
    // Each item once; the rows written ahead ('Đang gửi') all replaced by their outcome.
    const log = rows(ws, 'Thư đã gửi');
    expect(log.length).toBeGreaterThan(1);
    expect(log.filter(x => x['Trạng thái'] === 'Đang gửi')).toHaveLength(0);
    const keys = log.map(x => String(x['Khóa']));
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys[0]).toBe('summary:KY1:before');
    expect(log[0]['Trạng thái']).toBe('Đã gửi');
    expect(step(r, 'sendReminders').note).toContain(
      'và 1 thư báo tổng hợp cho quản trị',
    );
  });
});

describe('dailyJob and the personal links (issue 15)', () => {
  it('derives a unit’s link only when a mail carries it: one HMAC per unit mailed, not per unit', () => {
    const ws = workspace('2025-08-27');
    ws.deployWebApp();
    ws.mail.dailyQuota = 1500;
    run(ws); // issues every unit's link
    ws.setNow('2025-09-02T00:00:00Z');
    const before = ws.mail.outbox.length;
    ws.calls.reset();
    run(ws);
    const tokens = new Set(
      ws.mail.outbox
        .slice(before)
        .flatMap(m =>
          [
            ...`${m.body}${m.htmlBody ?? ''}`.matchAll(
              /[?&]t=([A-Za-z0-9_-]{43})/g,
            ),
          ].map(x => x[1]),
        ),
    );
    expect(tokens.size).toBeGreaterThan(0);
    expect(ws.calls.get('Utilities.computeHmacSha256Signature')).toBe(
      tokens.size,
    );
    const units = rows(ws, 'Đơn vị').filter(u => String(u['Mã']).length).length;
    expect(tokens.size).toBeLessThan(units);
  });
});
