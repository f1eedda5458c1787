// Village forms end to end through dist/Code.js: create the forms, villages report, the tabs and assignments follow.
import {
  activeVillages,
  quotaProgress,
  villageReporting,
} from '../../src/core/villageReports';
import {loadFormLinks} from '../../src/workbook/villageReports';
import {loadWorkbook} from '../../src/workbook/workbook';
import {
  ADMIN,
  addVillages,
  answers,
  assignment,
  createForms,
  reports,
  rows,
  setUp,
} from '../support/formsBundle';

describe('village forms through dist/Code.js', () => {
  it('the admin creates the forms from the menu; villages report; the workbook follows', () => {
    const env = setUp();
    const {ws} = env;
    const made = createForms(env);
    expect(made).toMatchObject({created: true, links: 5});
    const form = ws.forms.get(made.formId)!;
    expect(form.published).toBe(true);
    expect(
      ws.triggers.filter(
        t => t.handler === 'onVillageFormSubmit' && t.source === 'SPREADSHEETS',
      ),
    ).toHaveLength(1);
    expect(ws.boundSpreadsheet.sheets.map(s => s.name)).toContain(
      'Phản hồi biểu mẫu KY1',
    );
    const links = ws.uncounted(() => loadFormLinks(ws.activeSpreadsheet()));
    expect(links.map(l => l.unitCode)).toEqual([
      'THON01',
      'THON02',
      'THON03',
      'THON04',
      'THON05',
    ]);

    // Two villages open their prefilled links and submit.
    for (const [i, village] of [
      [1, 'Thôn mẫu 2'],
      [3, 'Thôn mẫu 4'],
    ] as const) {
      const prefilled = ws.forms.prefilledAnswers(links[i].url);
      // The village and its own code (16 characters, different for every village).
      const [choice, code] = Object.values(prefilled);
      expect(choice).toEqual([village]);
      expect(code[0]).toMatch(/^[\w-]{16}$/);
      const r = ws.submitForm(
        made.formId,
        {
          ...answers(village),
          Thôn: undefined,
          'Mã xác nhận của thôn': undefined,
          ...prefilled,
        },
        `2025-08-2${i}T03:00:00Z`,
      );
      expect(r.runs.map(x => [x.ok, x.error])).toEqual([[true, undefined]]);
    }

    const stored = reports(ws);
    expect(stored.map(r => [r.unitCode, r.state])).toEqual([
      ['THON02', 'valid'],
      ['THON04', 'valid'],
    ]);
    expect(stored[0]).toMatchObject({
      phone: '0912345678',
      proposals: '+ Hỗ trợ thêm kinh phí',
      evidence: [
        'https://drive.google.com/file/d/abc/view',
        'https://zalo.me/g/xyz',
      ],
    });
    const tab = rows(ws, 'Báo cáo thôn');
    expect(tab[0]['Điện thoại']).toBe('0912345678');
    expect(tab[0]['Kiến nghị, đề xuất']).toBe('+ Hỗ trợ thêm kinh phí');
    expect(String(tab[0]['Nội dung báo cáo'])).toContain(
      'NV5: Đã hoàn thành – Số lượng đã thực hiện: 1',
    );

    // Assignments of the reporting villages, and only theirs.
    expect(assignment(ws, '5|THON02|lead')['Trạng thái thực hiện']).toBe(
      'Đã hoàn thành',
    );
    expect(assignment(ws, '5|THON02|lead')['Tình trạng']).toBe('Đã hoàn thành');
    expect(assignment(ws, '1|THON04|lead')['Trạng thái thực hiện']).toBe(
      'Đang thực hiện',
    );
    expect(
      String(assignment(ws, '8|THON04|support')['Kết quả thực hiện']),
    ).toContain('Họp thôn bàn làm đường');
    expect(assignment(ws, '5|THON01|lead')['Trạng thái thực hiện']).toBe(
      'Chưa thực hiện',
    );
    expect(
      String(assignment(ws, '5|THON02|lead')['Minh chứng (đường dẫn)']).split(
        '\n',
      ),
    ).toEqual([
      'https://drive.google.com/file/d/abc/view',
      'https://zalo.me/g/xyz',
    ]);

    // Who has not reported; the quota tasks as "x/N thôn".
    const data = ws.uncounted(() => loadWorkbook(ws.activeSpreadsheet(), 420));
    const villages = activeVillages(data.units);
    const who = villageReporting(stored, 'KY1', villages);
    expect(who.missing.map(v => v.code)).toEqual([
      'THON01',
      'THON03',
      'THON05',
    ]);
    const task = (tt: string) => data.tasks.find(t => t.tt === tt)!;
    expect(quotaProgress(task('5'), stored, 'KY1', villages).label).toBe(
      '2/5 thôn',
    );
    expect(quotaProgress(task('10'), stored, 'KY1', villages)).toMatchObject({
      label: '2/5 thôn',
      missing: ['THON01', 'THON03', 'THON05'],
    });
  });

  it('resubmission replaces, duplicate delivery changes nothing, bad responses are kept and flagged', () => {
    const env = setUp();
    const {ws} = env;
    const {formId} = createForms(env);
    ws.submitForm(formId, answers('Thôn mẫu 1'), '2025-08-28T03:00:00Z');
    ws.submitForm(
      formId,
      answers('Thôn mẫu 1', {
        'NV5 – Tình trạng thực hiện': 'Đang thực hiện',
        'NV5 – Số lượng đã thực hiện (chỉ tiêu 1/thôn)': '0',
      }),
      '2025-08-29T03:00:00Z',
    );
    expect(reports(ws).map(r => r.state)).toEqual(['replaced', 'valid']);
    expect(assignment(ws, '5|THON01|lead')['Trạng thái thực hiện']).toBe(
      'Đang thực hiện',
    );
    expect(
      rows(ws, 'Nhật ký').some(h => h['Hành động'] === 'Thay báo cáo thôn'),
    ).toBe(true);

    // Google delivers the last event a second time.
    const snapshot = () =>
      JSON.stringify(
        ['Báo cáo thôn', 'Phân công', 'Nhật ký', 'Thư đã gửi'].map(t =>
          ws.sheetValues(t),
        ),
      );
    const before = snapshot();
    const trigger = ws.triggers.find(t => t.handler === 'onVillageFormSubmit')!;
    const again = ws.fireTrigger(trigger, env.events.at(-1));
    expect(again.result).toMatchObject({action: 'duplicate'});
    expect(snapshot()).toBe(before);

    // An unknown village and malformed answers: kept, flagged, the admin told; assignments untouched.
    ws.submitForm(formId, answers('Thôn Không Có'), '2025-08-30T03:00:00Z', {
      validate: false,
    });
    ws.submitForm(
      formId,
      answers('Thôn mẫu 3', {
        'NV1 – Tình trạng thực hiện': 'xong rồi',
        'NV10 – Tình trạng thực hiện': undefined,
        'Họ và tên người báo cáo': undefined,
      }),
      '2025-08-30T04:00:00Z',
      {validate: false},
    );
    const [, , unknown, malformed] = reports(ws);
    expect(unknown).toMatchObject({
      state: 'flagged',
      village: 'Thôn Không Có',
      unitCode: '',
    });
    expect(malformed.state).toBe('flagged');
    expect(malformed.issue).toContain('NV1 – Tình trạng thực hiện');
    expect(malformed.issue).toContain('NV10 – Tình trạng thực hiện');
    expect(malformed.issue).toContain('Họ và tên người báo cáo');
    expect(assignment(ws, '5|THON03|lead')['Phiên bản']).toBe(0);
    // No mail from form input; the next daily run sends one digest of both.
    expect(ws.mail.to(ADMIN)).toEqual([]);
    ws.callFunction(ADMIN, 'dailyJob');
    expect(
      ws.mail
        .to(ADMIN)
        .map(m => m.subject)
        .filter(s => s.includes('cần xem lại')),
    ).toEqual(['[Dân vận] 2 báo cáo thôn cần xem lại']);
    expect(rows(ws, 'Báo cáo thôn').map(r => r['Trạng thái'])).toEqual([
      'Đã thay thế',
      'Hợp lệ',
      'Cần xem lại',
      'Cần xem lại',
    ]);
  });

  it('a village added after the forms exist gets into the list, gets a link and can report', () => {
    const env = setUp();
    const {ws} = env;
    const first = createForms(env);
    ws.uncounted(() =>
      ws.run(ADMIN, () =>
        addVillages(ws.activeSpreadsheet(), 1, () => 'Thôn Đồng Tâm'),
      ),
    );
    ws.callFunction(ADMIN, 'setupWorkbook');
    const again = createForms(env);
    expect(again).toMatchObject({
      created: false,
      formId: first.formId,
      links: 6,
    });
    expect(ws.forms.list()).toHaveLength(1);
    expect(
      ws.forms.get(first.formId)!.items[0].choices.map(c => c.value),
    ).toContain('Thôn Đồng Tâm');
    const link = ws
      .uncounted(() => loadFormLinks(ws.activeSpreadsheet()))
      .find(l => l.unitCode === 'THONX0001')!;
    const r = ws.submitForm(first.formId, {
      ...answers('x'),
      Thôn: undefined,
      ...ws.forms.prefilledAnswers(link.url),
    });
    expect(r.runs[0].result).toMatchObject({
      state: 'valid',
      unitCode: 'THONX0001',
    });
    expect(assignment(ws, '5|THONX0001|lead')['Trạng thái thực hiện']).toBe(
      'Đã hoàn thành',
    );
  });
});

describe('call budget with 1,000 villages', () => {
  function measure(extra: number) {
    const env = setUp(extra);
    const {ws} = env;
    ws.calls.reset();
    const made = createForms(env);
    const create = ws.calls.snapshot();
    ws.calls.reset();
    ws.submitForm(made.formId, answers('Thôn mẫu 2'), '2025-08-28T03:00:00Z');
    const submit = ws.calls.total();
    return {made, create, submit, villages: made.links};
  }

  it('creating the forms and receiving a response cost the same for 10 and 1,000 villages', () => {
    const small = measure(5);
    const large = measure(995);
    expect(small.villages).toBe(10);
    expect(large.villages).toBe(1000);
    const keys = [
      ...new Set([...Object.keys(small.create), ...Object.keys(large.create)]),
    ];
    const differing = keys.filter(k => small.create[k] !== large.create[k]);
    // Only the links tab growing past the sheet's 1,000 rows (one insertRowsAfter), and each
    // village's code: one HMAC and one base64 encoding, in-process (Utilities has no round trip).
    expect(differing.sort()).toEqual([
      'Sheet.insertRowsAfter',
      'Utilities.base64EncodeWebSafe',
      'Utilities.computeHmacSha256Signature',
    ]);
    expect(large.create['Utilities.computeHmacSha256Signature']).toBe(1000);
    expect(large.submit).toBe(small.submit);
  });
});
