// Tests for the reminder planner: each rule, catch-up, dedupe, grouping, escaping, quota order, ad-hoc periods.
import {expandPlan} from '../../src/core/assignments';
import {addDays} from '../../src/core/dates';
import {
  applicableOffset,
  fitQuota,
  isValidEmail,
  noticeItem,
  overdueStage,
  planReminders,
  reminderItems,
  unreachableToday,
} from '../../src/core/reminders';
import {
  renderErrorMail,
  renderMail,
  safeUrl,
} from '../../src/core/reminderMail';
import type {
  EveItem,
  PlannedMail,
  ReminderInput,
  ReminderItem,
  ReminderSettings,
} from '../../src/core/reminderTypes';
import {parseTimeline} from '../../src/core/timeline';
import type {Assignment, Unit} from '../../src/core/types';
import type {StoredVillageReport} from '../../src/core/villageReports';
import {defaultPlan} from '../../src/plan/defaultPlan';

const ADMIN = 'quantri@daison.vn';
const SHEET = 'https://docs.google.com/spreadsheets/d/abc123/edit';

const SETTINGS: ReminderSettings = {
  adminEmails: [ADMIN],
  senderName: 'Phòng Văn hóa - Xã hội - UBND xã Đại Sơn',
  dueReminderDays: [7, 3, 1],
  overdueRepeatDays: 7,
  dueSoonDays: 3,
  commune: 'Đại Sơn',
  planTitle: 'Kế hoạch dân vận chính quyền 6 tháng cuối năm 2025',
  reportTo: 'Phòng Văn hóa - Xã hội',
};

const email = (code: string) => `${code.toLowerCase()}@daison.vn`;

/** The seed plan with e-mails for every unit (the schools' Mầm non has none). */
function seed(): Omit<ReminderInput, 'today' | 'mailLog'> {
  const plan = defaultPlan();
  for (const u of plan.units)
    u.emails = u.code === 'TRUONG_MN' ? [] : [email(u.code)];
  const tasks = plan.tasks.map(t => ({
    tt: t.tt,
    text: t.text,
    timeline: parseTimeline(t.timelineText, {defaultYear: 2025}),
    dueOverride: null,
  }));
  const {assignments} = expandPlan(plan.tasks, plan.units, plan.groups);
  return {
    settings: {...SETTINGS},
    periods: plan.periods.map(p => ({...p})),
    tasks,
    assignments,
    units: plan.units,
    villageReports: [],
    formLinks: plan.units
      .filter(u => u.kind === 'village')
      .map(u => ({
        periodId: 'KY1',
        unitCode: u.code,
        url: `https://docs.google.com/forms/d/e/F1/viewform?usp=pp_url&entry.1=${u.code}`,
      })),
    spreadsheetUrl: SHEET,
  };
}

function input(
  today: string,
  over: Partial<ReminderInput> = {},
): ReminderInput {
  return {...seed(), today, mailLog: [], ...over};
}

const keys = (items: ReminderItem[]) => items.map(i => i.key).sort();
const allKeys = (mails: PlannedMail[]) =>
  mails.flatMap(m => m.items.map(i => i.key)).sort();

/** Plays the planner day by day from `from` to `to`, logging every key as sent. */
function play(from: string, to: string, base = seed(), skip: string[] = []) {
  const sent = new Set<string>();
  const byDay = new Map<string, string[]>();
  for (let d = from; d <= to; d = addDays(d, 1)) {
    if (skip.includes(d)) continue;
    const planned = planReminders({...base, today: d, mailLog: sent});
    const ks = allKeys(planned);
    for (const k of ks) {
      expect(sent.has(k)).toBe(false);
      sent.add(k);
    }
    byDay.set(d, ks);
  }
  return {sent, byDay};
}

function update(
  a: Assignment[],
  id: string,
  patch: Partial<Assignment>,
): Assignment[] {
  return a.map(x => (x.id === id ? {...x, ...patch} : x));
}

describe('stages', () => {
  it('picks the latest stage whose date has come, and none outside the window', () => {
    expect(applicableOffset([7, 3, 1], 8)).toBeNull();
    expect(applicableOffset([7, 3, 1], 7)).toBe(7);
    expect(applicableOffset([7, 3, 1], 5)).toBe(7);
    expect(applicableOffset([7, 3, 1], 3)).toBe(3);
    expect(applicableOffset([7, 3, 1], 2)).toBe(3);
    expect(applicableOffset([7, 3, 1], 1)).toBe(1);
    expect(applicableOffset([7, 3, 1], 0)).toBe(1);
    expect(applicableOffset([7, 3, 1], -1)).toBeNull();
  });

  it('repeats overdue reminders the day after, then every N days', () => {
    expect(overdueStage('2025-08-30', '2025-08-30', 7)).toBeNull();
    expect(overdueStage('2025-08-30', '2025-08-31', 7)).toBe('2025-08-31');
    expect(overdueStage('2025-08-30', '2025-09-06', 7)).toBe('2025-08-31');
    expect(overdueStage('2025-08-30', '2025-09-07', 7)).toBe('2025-09-07');
    expect(overdueStage('2025-08-30', '2025-09-15', 7)).toBe('2025-09-14');
    expect(overdueStage('2025-08-30', '2025-09-03', 2)).toBe('2025-09-02');
  });
});

describe('reporting-period reminders to units', () => {
  it('go 7, 3 and 1 days before the reporting date, to every followed unit with work to report', () => {
    const {byDay} = play('2025-08-20', '2025-09-10');
    const periodKeys = (d: string) =>
      (byDay.get(d) ?? []).filter(k => k.startsWith('period:KY1:'));
    expect(periodKeys('2025-08-26')).toEqual([]);
    const d7 = periodKeys('2025-08-27');
    expect(d7).toContain('period:KY1:unit:VHXH:d7');
    expect(d7).toContain('period:KY1:unit:KT:d7');
    // Villages report by form; units without assignments (Công an, Quân sự, MTTQ) get nothing.
    expect(d7.some(k => /THON|:CA:|:QS:|MTTQ/.test(k))).toBe(false);
    expect(periodKeys('2025-08-28')).toEqual([]);
    expect(periodKeys('2025-08-31').every(k => k.endsWith(':d3'))).toBe(true);
    expect(periodKeys('2025-09-02').every(k => k.endsWith(':d1'))).toBe(true);
    expect(periodKeys('2025-09-02').length).toBe(d7.length);
    expect(periodKeys('2025-09-03')).toEqual([]);
    expect(periodKeys('2025-09-04')).toEqual([]);
  });

  it('catches up a missed day once, and drops stages that went stale', () => {
    // The trigger did not fire on 31/8: the d3 stage goes out on 1/9, once.
    const {byDay} = play('2025-08-27', '2025-09-04', seed(), ['2025-08-31']);
    const vhxh = (d: string) =>
      (byDay.get(d) ?? []).filter(k => k.startsWith('period:KY1:unit:VHXH'));
    expect(vhxh('2025-09-01')).toEqual(['period:KY1:unit:VHXH:d3']);
    expect(vhxh('2025-09-02')).toEqual(['period:KY1:unit:VHXH:d1']);
    // Nothing ran until 2/9: only the d1 stage, never d7 and d3 late.
    const late = play('2025-09-02', '2025-09-04').byDay;
    expect(
      late.get('2025-09-02')!.filter(k => k.startsWith('period:KY1:unit:VHXH')),
    ).toEqual(['period:KY1:unit:VHXH:d1']);
    // Missed the day before too: it still goes out on the reporting date itself.
    const lastDay = play('2025-09-03', '2025-09-04').byDay;
    expect(lastDay.get('2025-09-03')).toContain('period:KY1:unit:VHXH:d1');
    expect(
      lastDay.get('2025-09-04')!.filter(k => k.startsWith('period:KY1')),
    ).toEqual([]);
  });

  it('list unfinished or unreported items; ongoing work counts as reported once updated in the period', () => {
    const base = seed();
    // KT: task 3 (ongoing) reported in the period, task 4 (dated) done and reported, tasks 12 and 13 support left.
    let assignments = update(base.assignments, '3|KT|lead', {
      progress: 'in_progress',
      updatedAt: '2025-08-20T09:00:00+07:00',
    });
    assignments = update(assignments, '4|KT|lead', {
      progress: 'done',
      completedOn: '2025-08-15',
      updatedAt: '2025-08-15T09:00:00+07:00',
    });
    const items = reminderItems({
      ...base,
      assignments,
      today: '2025-08-27',
      mailLog: [],
    });
    const kt = items.find(i => i.key === 'period:KY1:unit:KT:d7');
    expect(kt?.kind).toBe('period');
    const lines = kt && kt.kind === 'period' ? kt.lines : [];
    // Task 3 (ongoing) was reported in the period and task 4 is done: neither is listed.
    expect(lines.map(l => l.tt)).toEqual(['1', '8', '12', '13']);
    expect(lines.find(l => l.tt === '1')).toMatchObject({
      reported: false,
      due: null,
      status: 'Thường xuyên / không có thời hạn',
    });
    expect(lines.find(l => l.tt === '13')).toMatchObject({
      due: '2025-08-31',
      status: 'Chưa thực hiện',
    });
    // Once ongoing work is reported and no dated work is left open, the unit is not reminded.
    const finished = {
      progress: 'done' as const,
      completedOn: '2025-08-22',
      updatedAt: '2025-08-22T08:00:00+07:00',
    };
    const reportedOngoing = update(
      update(assignments, '1|KT|lead', {
        updatedAt: '2025-08-21T08:00:00+07:00',
      }),
      '12|KT|support',
      {updatedAt: '2025-08-21T08:30:00+07:00'},
    );
    const quiet = update(
      update(reportedOngoing, '13|KT|support', finished),
      '8|KT|support',
      finished,
    );
    const after = reminderItems({
      ...base,
      assignments: quiet,
      today: '2025-08-27',
      mailLog: [],
    });
    expect(after.some(i => i.key === 'period:KY1:unit:KT:d7')).toBe(false);
  });

  it('never mails inactive units nor paused assignments', () => {
    const base = seed();
    const units = base.units.map(u =>
      u.code === 'KT' ? {...u, active: false} : u,
    );
    const assignments = base.assignments.map(a =>
      a.unitCode === 'TTHCC' ? {...a, progress: 'paused' as const} : a,
    );
    const items = reminderItems({
      ...base,
      units,
      assignments,
      today: '2025-08-27',
      mailLog: [],
    });
    expect(items.some(i => i.recipient.code === 'KT')).toBe(false);
    expect(items.some(i => i.recipient.code === 'TTHCC')).toBe(false);
  });
});

describe('due and overdue reminders', () => {
  it('remind the unit 7, 3, 1 days before a dated assignment, copy the admin, and include the due date in the key', () => {
    const {byDay} = play('2025-08-20', '2025-08-31');
    const t7 = (d: string) =>
      (byDay.get(d) ?? []).filter(k => k.includes('7|VHXH|lead'));
    expect(t7('2025-08-23')).toEqual([
      'copy:due:7|VHXH|lead:2025-08-30:d7',
      'due:7|VHXH|lead:2025-08-30:d7',
    ]);
    expect(t7('2025-08-24')).toEqual([]);
    expect(t7('2025-08-27')).toEqual([
      'copy:due:7|VHXH|lead:2025-08-30:d3',
      'due:7|VHXH|lead:2025-08-30:d3',
    ]);
    expect(t7('2025-08-29')).toEqual([
      'copy:due:7|VHXH|lead:2025-08-30:d1',
      'due:7|VHXH|lead:2025-08-30:d1',
    ]);
    expect(t7('2025-08-30')).toEqual([]);
    expect(t7('2025-08-31')).toEqual([
      'copy:overdue:7|VHXH|lead:2025-08-31',
      'overdue:7|VHXH|lead:2025-08-31',
    ]);
  });

  it('repeat weekly when overdue, catch up a missed day, and stop once done', () => {
    const base = seed();
    const {byDay} = play('2025-08-31', '2025-09-15', base, ['2025-09-07']);
    const t7 = (d: string) =>
      (byDay.get(d) ?? []).filter(k => k.startsWith('overdue:7|VHXH|lead'));
    expect(t7('2025-08-31')).toEqual(['overdue:7|VHXH|lead:2025-08-31']);
    expect(t7('2025-09-01')).toEqual([]);
    expect(t7('2025-09-08')).toEqual(['overdue:7|VHXH|lead:2025-09-07']);
    expect(t7('2025-09-09')).toEqual([]);
    expect(t7('2025-09-14')).toEqual(['overdue:7|VHXH|lead:2025-09-14']);
    const done = update(base.assignments, '7|VHXH|lead', {
      progress: 'done',
      completedOn: '2025-09-10',
    });
    const items = reminderItems({
      ...base,
      assignments: done,
      today: '2025-09-14',
      mailLog: [],
    });
    expect(items.some(i => i.key.includes('7|VHXH|lead'))).toBe(false);
  });

  it("follow the admin's override of the due date, with fresh stages", () => {
    const base = seed();
    const tasks = base.tasks.map(t =>
      t.tt === '7' ? {...t, dueOverride: '2025-09-15'} : t,
    );
    const sent = ['due:7|VHXH|lead:2025-08-30:d1'];
    const items = reminderItems({
      ...base,
      tasks,
      today: '2025-09-12',
      mailLog: sent,
    });
    expect(keys(items.filter(i => i.key.includes('7|VHXH|lead')))).toEqual([
      'copy:due:7|VHXH|lead:2025-09-15:d3',
      'due:7|VHXH|lead:2025-09-15:d3',
    ]);
  });

  it('never treat ongoing tasks as overdue', () => {
    const items = reminderItems(input('2026-03-01'));
    const ongoing = ['1', '3', '5', '6', '11', '12'];
    expect(
      items.some(
        i =>
          (i.kind === 'overdue' || i.kind === 'due') &&
          ongoing.includes(i.line.tt),
      ),
    ).toBe(false);
  });
});

describe('village reminders', () => {
  const report = (unitCode: string, periodId = 'KY1'): StoredVillageReport => ({
    responseId: `r-${unitCode}`,
    periodId,
    unitCode,
    village: unitCode,
    submittedAt: '2025-08-29T10:00:00+07:00',
    reporter: 'Nguyễn Văn A',
    phone: '',
    answers: {},
    difficulties: '',
    proposals: '',
    evidence: [],
    state: 'valid',
    issue: '',
    tasks: [],
  });

  it('go to each village that has not reported, with its prefilled link and the tasks to report', () => {
    const base = seed();
    const items = reminderItems({
      ...base,
      villageReports: [
        report('THON02'),
        {...report('THON03'), state: 'flagged'},
      ],
      today: '2025-08-31',
      mailLog: [],
    });
    const villages = items.filter(i => i.kind === 'village');
    expect(keys(villages)).toEqual([
      'village:KY1:THON01:d3',
      'village:KY1:THON03:d3',
      'village:KY1:THON04:d3',
      'village:KY1:THON05:d3',
    ]);
    const one = villages[0];
    expect(one.kind === 'village' && one.formUrl).toBe(
      'https://docs.google.com/forms/d/e/F1/viewform?usp=pp_url&entry.1=THON01',
    );
    expect(one.kind === 'village' && one.tasks.map(t => t.tt)).toEqual([
      '1',
      '5',
      '8',
    ]);
  });

  it("fall back to the period's form, or tell whom to contact when no form exists", () => {
    const base = seed();
    const periods = base.periods.map(p =>
      p.id === 'KY2' ? {...p, formUrl: 'https://forms.gle/ky2'} : p,
    );
    const items = reminderItems({
      ...base,
      periods,
      today: '2025-11-26',
      mailLog: [],
    });
    const v = items.find(i => i.key === 'village:KY2:THON01:d7');
    expect(v?.kind === 'village' && v.formUrl).toBe('https://forms.gle/ky2');
    const none = reminderItems({
      ...base,
      formLinks: [],
      today: '2025-08-27',
      mailLog: [],
    });
    const mail = planReminders({
      ...base,
      formLinks: [],
      today: '2025-08-27',
      mailLog: [],
    }).find(m => m.to.includes(email('THON01')))!;
    expect(none.find(i => i.key === 'village:KY1:THON01:d7')?.kind).toBe(
      'village',
    );
    expect(renderMail(mail, SETTINGS).body).toContain(
      'Biểu mẫu báo cáo chưa được tạo; vui lòng liên hệ Phòng Văn hóa - Xã hội để được hướng dẫn.',
    );
  });
});

describe('the admin the day before the reporting date', () => {
  it('gets who has and has not reported, once, caught up on the reporting date if missed', () => {
    const base = seed();
    const assignments = base.assignments.map(a =>
      a.unitCode === 'KT' || a.unitCode === 'TTHCC'
        ? {...a, updatedAt: '2025-08-25T08:00:00+07:00'}
        : a,
    );
    const villageReports: StoredVillageReport[] = [
      {
        responseId: 'r1',
        periodId: 'KY1',
        unitCode: 'THON01',
        village: 'Thôn mẫu 1',
        submittedAt: '2025-08-29T10:00:00+07:00',
        reporter: '',
        phone: '',
        answers: {},
        difficulties: '',
        proposals: '',
        evidence: [],
        state: 'valid',
        issue: '',
        tasks: [],
      },
    ];
    const at = (today: string, mailLog: string[] = []) =>
      reminderItems({
        ...base,
        assignments,
        villageReports,
        today,
        mailLog,
      }).filter((i): i is EveItem => i.kind === 'admin-eve');
    expect(at('2025-09-01')).toEqual([]);
    const [eve] = at('2025-09-02');
    expect(eve.key).toBe('admin-eve:KY1');
    expect(
      eve.units.filter(u => u.reported === u.total).map(u => u.code),
    ).toEqual(['KT', 'TTHCC']);
    expect(eve.units.find(u => u.code === 'VHXH')).toMatchObject({
      reported: 0,
      reachable: true,
    });
    expect(eve.units.find(u => u.code === 'TRUONG_MN')).toMatchObject({
      reachable: false,
    });
    expect(eve.villagesReported.map(v => v.code)).toEqual(['THON01']);
    expect(eve.villagesMissing.map(v => v.code)).toEqual([
      'THON02',
      'THON03',
      'THON04',
      'THON05',
    ]);
    expect(eve.unreachable).toEqual([
      {
        code: 'TRUONG_MN',
        name: 'Trường Mầm non (mẫu)',
        role: 'unit',
        reason: 'no_email',
        addresses: [],
      },
    ]);
    expect(at('2025-09-02', ['admin-eve:KY1'])).toEqual([]);
    expect(at('2025-09-03').map(i => i.key)).toEqual(['admin-eve:KY1']);
    expect(at('2025-09-04')).toEqual([]);

    const mail = planReminders({
      ...base,
      assignments,
      villageReports,
      today: '2025-09-02',
      mailLog: [],
    }).find(m => m.isAdmin)!;
    const r = renderMail(mail, SETTINGS);
    // Nothing was logged before: copies of 2 overdue (task 7), 8 overdue (task 13), 2 due (task 2).
    expect(r.subject).toBe(
      '[Dân vận] Tình hình báo cáo hạn 03/09/2025: 2/8 đơn vị, 1/5 thôn đã báo cáo; bản sao 12 thư nhắc hạn',
    );
    expect(r.body).toContain(
      'Đơn vị đã báo cáo đủ: 2/8 — Phòng Kinh tế, Trung tâm Phục vụ hành chính công',
    );
    expect(r.body).toContain(
      'Thôn chưa báo cáo: 4 — Thôn mẫu 2, Thôn mẫu 3, Thôn mẫu 4, Thôn mẫu 5',
    );
    expect(r.body).toContain('Trường Mầm non (mẫu) — chưa có email');
  });

  it('gets nothing when no admin e-mail is set', () => {
    const base = seed();
    const items = reminderItems({
      ...base,
      settings: {...SETTINGS, adminEmails: []},
      today: '2025-09-02',
      mailLog: [],
    });
    expect(items.some(i => i.recipient.role === 'admin')).toBe(false);
  });
});

describe('grouping and dedupe', () => {
  it('sends one e-mail per recipient per run, grouping its items, and nothing already logged', () => {
    const mails = planReminders(input('2025-08-27'));
    const tos = mails.map(m => m.to.join(','));
    expect(new Set(tos).size).toBe(tos.length);
    const vhxh = mails.find(m => m.to[0] === email('VHXH'))!;
    expect(vhxh.items.map(i => i.kind)).toEqual(['due', 'due', 'period']);
    const again = planReminders(input('2025-08-27', {mailLog: allKeys(mails)}));
    expect(again).toEqual([]);
  });

  it('merges units that share an address into one e-mail', () => {
    const base = seed();
    const units = base.units.map(u =>
      u.code === 'TRUONG_TH' || u.code === 'TRUONG_THCS'
        ? {...u, emails: ['truong@daison.vn']}
        : u,
    );
    const mails = planReminders({
      ...base,
      units,
      today: '2025-08-27',
      mailLog: [],
    });
    const school = mails.filter(m => m.to.includes('truong@daison.vn'));
    expect(school).toHaveLength(1);
    expect(school[0].recipients.map(r => r.code)).toEqual([
      'TRUONG_TH',
      'TRUONG_THCS',
    ]);
    const r = renderMail(school[0], SETTINGS);
    expect(r.subject).toContain('Trường Tiểu học (mẫu), Trường THCS (mẫu):');
    expect(r.body).toContain(
      'Trường THCS (mẫu) — Các phân công chưa hoàn thành',
    );
  });

  it('reports units without a usable address instead of failing, and each invalid address once', () => {
    const base = seed();
    const units = base.units.map(u =>
      u.code === 'KT' ? {...u, emails: ['kt@daison', 'ketoan@daison.vn']} : u,
    );
    const mails = planReminders({
      ...base,
      units,
      today: '2025-08-27',
      mailLog: [],
    });
    const kt = mails.find(m => m.recipients.some(r => r.code === 'KT'))!;
    expect(kt.to).toEqual(['ketoan@daison.vn']);
    const admin = mails.find(m => m.isAdmin)!;
    expect(
      admin.items.filter(i => i.kind === 'notice').map(i => i.key),
    ).toEqual(['invalid-email:KT:kt@daison']);
    expect(renderMail(admin, SETTINGS).body).toContain(
      'Email không hợp lệ nên đã bỏ qua: kt@daison (Phòng Kinh tế). Vui lòng sửa ở trang Đơn vị.',
    );
    const next = planReminders({
      ...base,
      units,
      today: '2025-08-28',
      mailLog: allKeys(mails),
    });
    expect(
      next.flatMap(m => m.items).some(i => i.key.startsWith('invalid-email')),
    ).toBe(false);
    expect(
      unreachableToday({...base, today: '2025-08-27', mailLog: []}),
    ).toEqual([
      {
        code: 'TRUONG_MN',
        name: 'Trường Mầm non (mẫu)',
        role: 'unit',
        reason: 'no_email',
        addresses: [],
      },
    ]);
    expect(isValidEmail('a.b@xa.gov.vn')).toBe(true);
    expect(isValidEmail('a b@xa.vn')).toBe(false);
  });
});

describe('rendering', () => {
  it('writes Vietnamese subjects and bodies with the items, status, due date and working links', () => {
    const mails = planReminders(input('2025-08-27'));
    const vhxh = renderMail(
      mails.find(m => m.to[0] === email('VHXH'))!,
      SETTINGS,
    );
    expect(vhxh.subject).toBe(
      '[Dân vận] Phòng Văn hóa - Xã hội: 2 nhiệm vụ sắp đến hạn; nhắc báo cáo, hạn 03/09/2025 (còn 7 ngày)',
    );
    expect(vhxh.body).toContain('Kính gửi: Phòng Văn hóa - Xã hội');
    expect(vhxh.body).toContain(
      '  - Nhiệm vụ 7 (chủ trì): Xây dựng, sửa đổi, bổ sung Quy chế dân chủ ở cơ sở — hạn 30/08/2025 — tình trạng: Chưa thực hiện — còn 3 ngày',
    );
    expect(vhxh.body).toContain(
      'Kỳ 1 (báo cáo trước 03/09/2025) — hạn báo cáo 03/09/2025 (còn 7 ngày)',
    );
    expect(vhxh.body).toContain(`bảng tính theo dõi <${SHEET}>`);
    expect(vhxh.body).toContain(
      'Dân vận → Cập nhật tiến độ của đơn vị (thanh bên)',
    );
    expect(vhxh.htmlBody).toContain(
      `<a href="${SHEET}">bảng tính theo dõi</a>`,
    );
    const village = renderMail(
      mails.find(m => m.to[0] === email('THON01'))!,
      SETTINGS,
    );
    expect(village.subject).toBe(
      '[Dân vận] Thôn mẫu 1: nhắc báo cáo, hạn 03/09/2025 (còn 7 ngày)',
    );
    expect(village.htmlBody).toContain(
      '<a href="https://docs.google.com/forms/d/e/F1/viewform?usp=pp_url&amp;entry.1=THON01"',
    );
    expect(village.body).toContain(
      'Mở biểu mẫu báo cáo: <https://docs.google.com/forms/d/e/F1/viewform?usp=pp_url&entry.1=THON01>',
    );
    // Villages never open the sheet: no spreadsheet link for them.
    expect(village.body).not.toContain(SHEET);
  });

  it('escapes every sheet text in HTML and never links a non-http address', () => {
    const base = seed();
    const evil = '<img src=x onerror=alert(1)> & "Phòng"';
    const units: Unit[] = base.units.map(u =>
      u.code === 'KT' ? {...u, name: evil, person: '<b>Ông A</b>'} : u,
    );
    const tasks = base.tasks.map(t =>
      t.tt === '3' ? {...t, text: 'Báo cáo <script>alert(1)</script>'} : t,
    );
    const formLinks = [
      {periodId: 'KY1', unitCode: 'THON01', url: 'javascript:alert(1)'},
    ];
    const mails = planReminders({
      ...base,
      units,
      tasks,
      formLinks,
      today: '2025-08-27',
      mailLog: [],
    });
    const kt = renderMail(
      mails.find(m => m.to[0] === email('KT'))!,
      SETTINGS,
    );
    expect(kt.htmlBody).not.toMatch(/<img|<script|<b>Ông/);
    expect(kt.htmlBody).toContain(
      '&lt;img src=x onerror=alert(1)&gt; &amp; &quot;Phòng&quot;',
    );
    expect(kt.htmlBody).toContain(
      'Báo cáo &lt;script&gt;alert(1)&lt;/script&gt;',
    );
    expect(kt.body).toContain('Báo cáo <script>alert(1)</script>');
    expect(kt.subject).toContain(evil);
    const village = renderMail(
      mails.find(m => m.to[0] === email('THON01'))!,
      SETTINGS,
    );
    expect(village.htmlBody).not.toContain('javascript:');
    expect(safeUrl('https://a.vn/x?y=1')).toBe('https://a.vn/x?y=1');
    expect(safeUrl('javascript:alert(1)')).toBe('');
  });

  it('tells the admin about deferrals and failures, once a day for deferrals', () => {
    const notice = noticeItem(SETTINGS, '2025-08-27', new Set(), {
      deferred: ['Thôn mẫu 4', 'Thôn mẫu 5'],
      quotaLeft: 0,
      failures: [
        {to: 'x@y.vn', names: 'Phòng Kinh tế', error: 'Invalid email: x@y.vn'},
      ],
    })!;
    expect(notice.key).toBe('notice:2025-08-27');
    const again = noticeItem(
      SETTINGS,
      '2025-08-27',
      new Set(['notice:2025-08-27']),
      {
        deferred: ['Thôn mẫu 4'],
        quotaLeft: 0,
        failures: [],
      },
    );
    expect(again).toBeNull();
    const mail: PlannedMail = {
      to: [ADMIN],
      recipients: [notice.recipient],
      items: [notice],
      urgency: notice.urgency,
      isAdmin: true,
      date: '2025-08-27',
      spreadsheetUrl: SHEET,
      replyTo: [],
    };
    const r = renderMail(mail, SETTINGS);
    expect(r.subject).toBe('[Dân vận] Thông báo gửi thư ngày 27/08/2025');
    expect(r.body).toContain(
      '2 thư chưa gửi được hôm nay vì đã hết hạn mức gửi thư trong ngày của Google (còn lại 0 người nhận).',
    );
    expect(r.body).toContain(
      '  - x@y.vn (Phòng Kinh tế): Invalid email: x@y.vn',
    );
    const err = renderErrorMail(
      SETTINGS,
      '2025-08-27',
      [{step: 'Gửi thư nhắc việc', error: 'Lỗi <x>'}],
      SHEET,
    );
    expect(err.subject).toBe('[Dân vận] Lỗi công việc tự động ngày 27/08/2025');
    expect(err.htmlBody).toContain('Lỗi &lt;x&gt;');
  });
});

describe('quota', () => {
  it('sends the most urgent first and defers what does not fit, keeping some back for the admin', () => {
    const mails = planReminders(input('2025-08-31'));
    const {send, defer} = fitQuota(mails, 5, 1);
    expect(send).toHaveLength(4);
    expect(defer).toHaveLength(mails.length - 4);
    const worst = Math.max(...send.map(m => m.urgency));
    expect(defer.every(m => m.urgency >= worst)).toBe(true);
    // Overdue (task 7 since 30/8) before the due tomorrow, before the report in 3 days.
    expect(send[0].urgency).toBe(-1);
    expect(defer.some(m => m.urgency === -1)).toBe(false);
  });
});

describe('periods the admin adds later', () => {
  it("work like the plan's own, with their own offsets and keys, and no code change", () => {
    const base = seed();
    const periods = [
      ...base.periods,
      {
        id: 'DX1',
        name: 'Báo cáo đột xuất về đối thoại với Nhân dân',
        kind: 'adhoc' as const,
        start: '2025-10-01',
        due: '2025-10-15',
        reminderOffsets: [2],
        note: '',
      },
    ];
    const {byDay} = play('2025-10-10', '2025-10-16', {
      ...base,
      periods,
      formLinks: [],
    });
    const dx = (d: string) =>
      (byDay.get(d) ?? []).filter(k => k.includes('DX1'));
    expect(dx('2025-10-12')).toEqual([]);
    expect(dx('2025-10-13')).toContain('period:DX1:unit:VP:d2');
    expect(dx('2025-10-13')).toContain('village:DX1:THON01:d2');
    expect(dx('2025-10-14')).toEqual(['admin-eve:DX1']);
    expect(dx('2025-10-15')).toEqual([]);
    const mail = planReminders({
      ...base,
      periods,
      formLinks: [],
      today: '2025-10-13',
      mailLog: [],
    }).find(m => m.to[0] === email('VP'))!;
    expect(renderMail(mail, SETTINGS).body).toContain(
      'Báo cáo đột xuất về đối thoại với Nhân dân — hạn báo cáo 15/10/2025 (còn 2 ngày)',
    );
  });
});
