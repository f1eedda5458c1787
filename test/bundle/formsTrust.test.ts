// Village reports an anonymous respondent or a unit cannot forge, mail they cannot flood, and writes that always fit (dist/Code.js).
import {createHmac} from 'node:crypto';
import {injectFault} from '../../emulator/faults';
import {CUT_MARK} from '../../src/core/cellText';
import {CONFIRMATION} from '../../src/core/villageForm';
import {loadFormLinks} from '../../src/workbook/villageReports';
import {
  ADMIN,
  answers,
  assignment,
  createForms,
  reports,
  rows,
  setUp,
  type Env,
} from '../support/formsBundle';

const CODE = 'Mã xác nhận của thôn';
const UNIT = 'ttvh@daison.vn';

const links = (env: Env) =>
  env.ws.uncounted(() => loadFormLinks(env.ws.activeSpreadsheet()));

/** The village and code a link carries, by question title. */
function carried(env: Env, unitCode: string, formId: string) {
  const link = links(env).find(l => l.unitCode === unitCode)!;
  const entries = env.ws.forms.prefilledAnswers(link.url);
  const form = env.ws.forms.get(formId)!;
  const out: Record<string, string> = {};
  for (const [key, [value]] of Object.entries(entries)) {
    const item = form.items.find(i => `entry.${i.entryId}` === key)!;
    out[item.title] = value;
  }
  return out;
}

const snapshot = (env: Env, tab: string) =>
  JSON.stringify(env.ws.sheetValues(tab));

describe('verified village reports (dist/Code.js)', () => {
  it("each link carries its village's own code for the period: an HMAC-SHA256 under the script's secret", () => {
    const env = setUp();
    const {ws} = env;
    const made = createForms(env);
    const secret = ws.uncounted(() =>
      ws.run(ADMIN, () =>
        (
          ws.globals()
            .PropertiesService as GoogleAppsScript.Properties.PropertiesService
        )
          .getScriptProperties()
          .getProperty('villageCodeSecret'),
      ),
    );
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    const codes = links(env).map(l => carried(env, l.unitCode, made.formId));
    for (const [i, l] of links(env).entries()) {
      const expected = createHmac('sha256', secret!)
        .update(`KY1\n${l.unitCode}`)
        .digest('base64url')
        .slice(0, 16);
      expect(codes[i][CODE]).toBe(expected);
    }
    expect(new Set(codes.map(c => c[CODE])).size).toBe(5);
    // The form explains the code to the village.
    const item = ws.forms.get(made.formId)!.items.find(i => i.title === CODE)!;
    expect(item.helpText).toContain(
      'không suy ra được từ đường dẫn của thôn khác',
    );
  });

  it("a report naming another village with this village's code is kept for review and changes nothing of the other village", () => {
    const env = setUp();
    const {ws} = env;
    const made = createForms(env);
    // Thôn mẫu 3 reports, genuinely.
    ws.submitForm(
      made.formId,
      {
        ...answers('x'),
        Thôn: undefined,
        [CODE]: undefined,
        ...carried(env, 'THON03', made.formId),
      },
      '2025-08-28T03:00:00Z',
    );
    expect(reports(ws).map(r => [r.unitCode, r.state])).toEqual([
      ['THON03', 'valid'],
    ]);
    const before = snapshot(env, 'Phân công');
    // Someone holding Thôn mẫu 2's link reports "as" Thôn mẫu 3, and someone with the bare form.
    const forged = {
      ...answers('x', {'NV5 – Tình trạng thực hiện': 'Chưa thực hiện'}),
      ...carried(env, 'THON02', made.formId),
      Thôn: 'Thôn mẫu 3',
    };
    ws.submitForm(made.formId, forged, '2025-08-28T04:00:00Z');
    ws.submitForm(
      made.formId,
      {...answers('Thôn mẫu 3'), [CODE]: undefined},
      '2025-08-28T05:00:00Z',
    );
    const stored = reports(ws);
    expect(stored.map(r => [r.unitCode, r.state])).toEqual([
      ['THON03', 'valid'],
      ['THON03', 'flagged'],
      ['THON03', 'flagged'],
    ]);
    expect(stored[1].issue).toContain(`"${CODE}" không đúng với thôn`);
    expect(stored[2].issue).toContain(`Thiếu "${CODE}"`);
    expect(snapshot(env, 'Phân công')).toBe(before);
    expect(rows(ws, 'Báo cáo thôn').map(r => r['Trạng thái'])).toEqual([
      'Hợp lệ',
      'Cần xem lại',
      'Cần xem lại',
    ]);
  });

  it('the response tab is admin-only; a row added there is checked like any response when caught up', () => {
    const env = setUp();
    const {ws} = env;
    ws.addEditor(UNIT);
    const made = createForms(env) as ReturnType<typeof createForms> & {
      responseTab: string;
    };
    ws.submitForm(
      made.formId,
      {...answers('Thôn mẫu 1')},
      '2025-08-28T03:00:00Z',
    );
    const tab = 'Phản hồi biểu mẫu KY1';
    const grid = ws.sheetValues(tab);
    const forgedRow = grid[1].map((v, i) =>
      String(grid[0][i]) === 'Thôn' ? 'Thôn mẫu 4' : v,
    );
    forgedRow[0] = new Date('2025-08-28T06:00:00Z');
    // A unit cannot write into it.
    expect(() =>
      ws.run(UNIT, () =>
        ws
          .activeSpreadsheet()
          .getSheetByName(tab)!
          .getRange(3, 1, 1, forgedRow.length)
          .setValues([forgedRow]),
      ),
    ).toThrow(/protected/);
    expect(ws.sheetValues(tab)).toHaveLength(2);
    // A row that got there anyway (the admin pasted it) is caught up and flagged: its code is
    // Thôn mẫu 1's.
    ws.uncounted(() =>
      ws.run(ADMIN, () =>
        ws
          .activeSpreadsheet()
          .getSheetByName(tab)!
          .getRange(3, 1, 1, forgedRow.length)
          .setValues([forgedRow]),
      ),
    );
    const again = createForms(env) as ReturnType<typeof createForms> & {
      caughtUp: number;
    };
    expect(again.caughtUp).toBe(1);
    expect(reports(ws).map(r => [r.unitCode, r.state])).toEqual([
      ['THON01', 'valid'],
      ['THON04', 'flagged'],
    ]);
    expect(assignment(ws, '5|THON04|lead')['Phiên bản']).toBe(0);
  });
});

describe('form input never spends the reminders’ mail quota (dist/Code.js)', () => {
  it('100 anonymous responses before the daily run send nothing; the run sends the reminders, then one digest', () => {
    const env = setUp();
    const {ws} = env;
    const made = createForms(env);
    for (let i = 0; i < 100; i++) {
      ws.submitForm(
        made.formId,
        {...answers('Thôn mẫu 2'), [CODE]: `doan-bua-${i}`},
        new Date(Date.parse('2025-08-27T02:00:00Z') + i * 60000),
      );
    }
    expect(reports(ws).filter(r => r.state === 'flagged')).toHaveLength(100);
    expect(ws.mail.outbox).toHaveLength(0);
    ws.callFunction(ADMIN, 'dailyJob');
    const digests = ws.mail.outbox.filter(m =>
      m.subject.includes('cần xem lại'),
    );
    expect(digests.map(m => m.subject)).toEqual([
      '[Dân vận] 100 báo cáo thôn cần xem lại',
    ]);
    expect(digests[0].body).toContain('… và 50 báo cáo khác');
    expect(ws.mail.outbox.at(-1)).toBe(digests[0]);
    expect(
      rows(ws, 'Thư đã gửi').filter(r => r['Trạng thái'] === 'Hoãn'),
    ).toEqual([]);
    // The same day again: no second digest; later flagged reports wait for tomorrow's.
    ws.submitForm(
      made.formId,
      {...answers('Thôn mẫu 2'), [CODE]: 'sai'},
      '2025-08-27T05:00:00Z',
    );
    ws.callFunction(ADMIN, 'dailyJob');
    expect(
      ws.mail.outbox.filter(m => m.subject.includes('cần xem lại')),
    ).toHaveLength(1);
  });

  it('on a day the reminders run short of quota, the digest waits and takes none of it', () => {
    const env = setUp();
    const {ws} = env;
    const made = createForms(env);
    for (let i = 0; i < 5; i++) {
      ws.submitForm(
        made.formId,
        {...answers('Thôn mẫu 2'), [CODE]: `doan-${i}`},
        new Date(Date.parse('2025-08-27T02:00:00Z') + i * 60000),
      );
    }
    // Every unit has an address, so the reminders need more than the day's 3 recipients.
    ws.uncounted(() =>
      ws.run(ADMIN, () => {
        const units = ws.activeSpreadsheet().getSheetByName('Đơn vị')!;
        const grid = units.getDataRange().getValues();
        const code = grid[0].indexOf('Mã đơn vị');
        const mail = grid[0].indexOf('Email (cách nhau bởi dấu phẩy)');
        for (const row of grid.slice(1))
          if (!/^THON/.test(String(row[code])))
            row[mail] = `${String(row[code]).toLowerCase()}@daison.vn`;
        units.getRange(1, 1, grid.length, grid[0].length).setValues(grid);
      }),
    );
    ws.mail.dailyQuota = 3;
    ws.callFunction(ADMIN, 'dailyJob');
    expect(
      ws.mail.outbox.filter(m => m.subject.includes('cần xem lại')),
    ).toHaveLength(0);
    expect(
      rows(ws, 'Thư đã gửi').filter(r => r['Trạng thái'] === 'Hoãn').length,
    ).toBeGreaterThan(0);
    const history = rows(ws, 'Nhật ký').find(
      h => h['Hành động'] === 'Công việc tự động hằng ngày',
    )!;
    expect(String(history['Ghi chú'])).toContain(
      'hạn mức thư hôm nay dành cho thư nhắc',
    );
  });
});

describe('every write fits, a report is applied whole or not at all (dist/Code.js)', () => {
  it('long answers and many resubmitted links: reports stay valid, assignments and history follow, cut visibly', () => {
    const env = setUp();
    const {ws} = env;
    const made = createForms(env);
    const long =
      'Thôn đã tổ chức nhiều buổi họp, làm đường, trồng hoa. '.repeat(600);
    for (let i = 0; i < 12; i++) {
      const r = ws.submitForm(
        made.formId,
        answers('Thôn mẫu 2', {
          'NV5 – Tên mô hình': `${long} (lần ${i})`,
          'NV5 – Kết quả, hiệu quả của mô hình': long,
          'Đường dẫn minh chứng': Array.from(
            {length: 150},
            (_, j) => `https://drive.google.com/file/d/lan${i}-anh${j}/view`,
          ).join('\n'),
        }),
        new Date(Date.parse('2025-08-28T02:00:00Z') + i * 60000),
        {validate: false},
      );
      expect(r.runs.map(x => [x.ok, x.error])).toEqual([[true, undefined]]);
    }
    const stored = reports(ws);
    expect(stored.map(r => r.state)).toEqual([
      ...Array(11).fill('replaced'),
      'valid',
    ]);
    const a5 = assignment(ws, '5|THON02|lead');
    expect(a5['Phiên bản']).toBe(12);
    const result = String(a5['Kết quả thực hiện']);
    expect(result.length).toBeLessThan(50000);
    expect(result).toContain(CUT_MARK);
    const evidence = String(a5['Minh chứng (đường dẫn)']);
    expect(evidence.length).toBeLessThan(50000);
    expect(evidence.startsWith(CUT_MARK)).toBe(true);
    expect(evidence).toContain('lan11-anh149');
    for (const h of rows(ws, 'Nhật ký'))
      for (const v of Object.values(h))
        expect(String(v).length).toBeLessThan(50000);
    expect(
      rows(ws, 'Nhật ký').filter(h => h['Hành động'] === 'Nhận báo cáo thôn'),
    ).toHaveLength(12);
  });

  it('a write that fails is reported, and the response is applied whole by the next catch-up', () => {
    const env = setUp();
    const {ws} = env;
    const made = createForms(env);
    const fault = injectFault(ws, 'Range.setValues', {
      when: target =>
        (target as {getSheet(): {getName(): string}}).getSheet().getName() ===
        'Nhật ký',
    });
    const r = ws.submitForm(
      made.formId,
      answers('Thôn mẫu 2'),
      '2025-08-28T03:00:00Z',
    );
    fault.restore();
    expect(r.runs[0].ok).toBe(false);
    expect(String(r.runs[0].error)).toContain('Chưa ghi xong báo cáo thôn');
    expect(reports(ws)).toHaveLength(0);
    const again = createForms(env) as ReturnType<typeof createForms> & {
      caughtUp: number;
    };
    expect(again.caughtUp).toBe(1);
    expect(reports(ws).map(x => x.state)).toEqual(['valid']);
    expect(assignment(ws, '5|THON02|lead')['Trạng thái thực hiện']).toBe(
      'Đã hoàn thành',
    );
    expect(
      rows(ws, 'Nhật ký').filter(h => h['Hành động'] === 'Nhận báo cáo thôn'),
    ).toHaveLength(1);
  });
});

describe('evidence that is not a link (dist/Code.js)', () => {
  it('is kept as text, the report flagged with the reason, and the village told on the confirmation page', () => {
    const env = setUp();
    const {ws} = env;
    const made = createForms(env);
    expect(ws.forms.get(made.formId)!.confirmation).toBe(CONFIRMATION);
    expect(CONFIRMATION).toContain('không phải đường dẫn');
    ws.submitForm(
      made.formId,
      answers('Thôn mẫu 2', {
        'Đường dẫn minh chứng':
          'https://drive.google.com/file/d/abc/view\nẢnh đã gửi Zalo cho chị Hoa',
      }),
      '2025-08-28T03:00:00Z',
    );
    const [r] = reports(ws);
    expect(r.state).toBe('flagged');
    expect(r.issue).toContain('không phải đường dẫn');
    expect(r.issue).toContain('Ảnh đã gửi Zalo cho chị Hoa');
    expect(rows(ws, 'Báo cáo thôn')[0]['Minh chứng']).toBe(
      'https://drive.google.com/file/d/abc/view\nẢnh đã gửi Zalo cho chị Hoa',
    );
    expect(assignment(ws, '5|THON02|lead')['Phiên bản']).toBe(0);
  });
});
