// Tests for progress parsing, timeliness, status labels, colours, reporting and the task roll-up.
import fc from 'fast-check';
import {newAssignment} from '../../src/core/assignments';
import {
  PROGRESS_LABELS,
  PROGRESS_ORDER,
  STATUS_COLORS,
  STATUS_LABELS,
  TIMELINESS_COLORS,
  TIMELINESS_LABELS,
  dueDateOf,
  isOngoing,
  localDateOf,
  parseProgress,
  reportedInPeriod,
  rollUpTask,
  statusColor,
  statusLabel,
  timeliness,
} from '../../src/core/status';
import type {
  Assignment,
  Progress,
  ReportingPeriod,
  Role,
  Timeline,
} from '../../src/core/types';

const deadline = (due: string, text = `Xong trước ${due}`): Timeline => ({
  kind: 'deadline',
  start: null,
  due,
  continues: false,
  recurrence: null,
  text,
});
const ONGOING: Timeline = {
  kind: 'ongoing',
  start: null,
  due: null,
  continues: false,
  recurrence: null,
  text: 'Thường xuyên',
};
const CONTINUES: Timeline = {
  kind: 'window',
  start: '2025-07-01',
  due: '2025-12-31',
  continues: true,
  recurrence: null,
  text: '6 tháng cuối năm 2025 và các năm tiếp theo',
};
const KY1: ReportingPeriod = {
  id: 'KY1',
  name: 'Kỳ 1',
  kind: 'regular',
  start: '2025-07-01',
  due: '2025-09-03',
  reminderOffsets: [7, 3, 1],
  note: '',
};

function a(
  unitCode: string,
  progress: Progress,
  extra: Partial<Assignment> = {},
  role: Role = 'lead',
): Assignment {
  return {...newAssignment('2', unitCode, role), progress, ...extra};
}

describe('labels', () => {
  it('progress labels', () => {
    expect(PROGRESS_LABELS).toEqual({
      not_started: 'Chưa thực hiện',
      in_progress: 'Đang thực hiện',
      done: 'Đã hoàn thành',
      paused: 'Tạm dừng',
    });
    expect(PROGRESS_ORDER).toEqual([
      'not_started',
      'in_progress',
      'done',
      'paused',
    ]);
  });

  it('timeliness labels', () => {
    expect(TIMELINESS_LABELS).toEqual({
      on_track: 'Trong hạn',
      due_soon: 'Sắp đến hạn',
      overdue: 'Quá hạn',
      no_deadline: 'Không có thời hạn',
    });
  });

  it('a colour for every status label and timeliness', () => {
    for (const label of STATUS_LABELS)
      expect(STATUS_COLORS[label]).toMatch(/^#[0-9a-f]{6}$/);
    expect(Object.keys(STATUS_COLORS).sort()).toEqual(
      [...STATUS_LABELS].sort(),
    );
    for (const c of Object.values(TIMELINESS_COLORS))
      expect(c).toMatch(/^#[0-9a-f]{6}$/);
    expect(STATUS_COLORS['Đã hoàn thành đúng hạn']).toBe('#b7e1cd'); // green
    expect(STATUS_COLORS['Chưa thực hiện quá hạn']).toBe('#ea9999'); // red
    expect(TIMELINESS_COLORS.due_soon).toBe('#ffe599'); // amber
  });

  it('statusColor turns unfinished work due soon amber', () => {
    expect(statusColor('Chưa thực hiện', 'due_soon')).toBe(
      TIMELINESS_COLORS.due_soon,
    );
    expect(statusColor('Đang thực hiện trong hạn', 'due_soon')).toBe(
      TIMELINESS_COLORS.due_soon,
    );
    expect(statusColor('Đang thực hiện trong hạn', 'on_track')).toBe(
      STATUS_COLORS['Đang thực hiện trong hạn'],
    );
    expect(statusColor('Đã hoàn thành đúng hạn', 'due_soon')).toBe(
      STATUS_COLORS['Đã hoàn thành đúng hạn'],
    );
    expect(statusColor('Tạm dừng')).toBe(STATUS_COLORS['Tạm dừng']);
  });
});

describe('parseProgress', () => {
  it.each([
    ['Chưa thực hiện', 'not_started'],
    ['Đang thực hiện', 'in_progress'],
    ['Đã hoàn thành', 'done'],
    ['Tạm dừng', 'paused'],
    ['  đã   HOÀN THÀNH ', 'done'],
    ['Đã hoàn thành'.normalize('NFD'), 'done'],
    ['da hoan thanh', 'done'],
    ['Dang thuc hien', 'in_progress'],
    ['Đã hoàn thành.', 'done'],
    ['done', 'done'],
    ['paused', 'paused'],
    ['Hoàn thành', 'done'],
    ['Xong', 'done'],
    ['Đang làm', 'in_progress'],
    ['chưa làm', 'not_started'],
    ['Dừng', 'paused'],
  ])('%s → %s', (label, progress) => {
    expect(parseProgress(label)).toBe(progress);
  });

  it.each(['', '   ', 'Không rõ', 'Đã hoàn thành đúng hạn'])(
    'unknown: %j',
    label => {
      expect(parseProgress(label)).toBeNull();
    },
  );

  it('tolerates non-strings', () => {
    expect(parseProgress(null as unknown as string)).toBeNull();
  });

  it('reads back every label it writes', () => {
    for (const p of PROGRESS_ORDER)
      expect(parseProgress(PROGRESS_LABELS[p])).toBe(p);
  });
});

describe('isOngoing and dueDateOf', () => {
  it('ongoing timelines and "… và các năm tiếp theo" have no due date', () => {
    expect(isOngoing(ONGOING)).toBe(true);
    expect(isOngoing(CONTINUES)).toBe(true);
    expect(isOngoing(null)).toBe(true);
    expect(isOngoing(deadline('2025-09-05'))).toBe(false);
    expect(dueDateOf(ONGOING, null)).toBeNull();
    expect(dueDateOf(CONTINUES, null)).toBeNull();
    expect(dueDateOf(null, null)).toBeNull();
  });

  it('a dated timeline is due on its date; an override wins', () => {
    expect(dueDateOf(deadline('2025-09-05'), null)).toBe('2025-09-05');
    expect(dueDateOf(deadline('2025-09-05'), '2025-09-10')).toBe('2025-09-10');
    expect(dueDateOf(ONGOING, '2025-10-01')).toBe('2025-10-01');
    expect(dueDateOf(deadline('2025-09-05'), '')).toBe('2025-09-05');
    expect(dueDateOf(deadline('2025-09-05'), '2025-02-30')).toBe('2025-09-05');
    expect(dueDateOf(deadline('2025-09-05'), undefined)).toBe('2025-09-05');
  });

  it('an unknown timeline with a bad or missing date has none', () => {
    const unknown: Timeline = {...deadline('x'), kind: 'unknown'};
    expect(dueDateOf(unknown, null)).toBeNull();
    expect(dueDateOf({...unknown, due: null}, null)).toBeNull();
  });
});

describe('timeliness', () => {
  const due = '2025-09-05';
  it('no due date: no_deadline', () => {
    expect(timeliness(null, 'not_started', null, '2025-12-31')).toBe(
      'no_deadline',
    );
    expect(timeliness(null, 'done', '2025-12-31', '2025-12-31')).toBe(
      'no_deadline',
    );
  });

  it('before, on and after the due date, with the 3-day boundary', () => {
    expect(timeliness(due, 'not_started', null, '2025-09-01')).toBe('on_track'); // 4 days
    expect(timeliness(due, 'not_started', null, '2025-09-02')).toBe('due_soon'); // 3 days
    expect(timeliness(due, 'in_progress', null, '2025-09-04')).toBe('due_soon');
    expect(timeliness(due, 'in_progress', null, '2025-09-05')).toBe('due_soon'); // on the day
    expect(timeliness(due, 'in_progress', null, '2025-09-06')).toBe('overdue');
    expect(timeliness(due, 'paused', null, '2025-09-06')).toBe('overdue');
  });

  it('a custom "soon" window', () => {
    expect(timeliness(due, 'not_started', null, '2025-08-29', 7)).toBe(
      'due_soon',
    );
    expect(timeliness(due, 'not_started', null, '2025-09-04', 0)).toBe(
      'on_track',
    );
  });

  it('done: judged by the completion date, not today', () => {
    expect(timeliness(due, 'done', '2025-09-05', '2025-12-01')).toBe(
      'on_track',
    );
    expect(timeliness(due, 'done', '2025-09-06', '2025-12-01')).toBe('overdue');
    expect(timeliness(due, 'done', null, '2025-12-01')).toBe('on_track');
  });
});

describe('statusLabel', () => {
  const due = '2025-09-05';
  it('done', () => {
    expect(statusLabel('done', due, '2025-09-05', '2025-10-01')).toBe(
      'Đã hoàn thành đúng hạn',
    );
    expect(statusLabel('done', due, '2025-09-04', '2025-09-04')).toBe(
      'Đã hoàn thành đúng hạn',
    );
    expect(statusLabel('done', due, '2025-09-06', '2025-10-01')).toBe(
      'Đã hoàn thành quá hạn',
    );
    expect(statusLabel('done', null, '2025-09-06', '2025-10-01')).toBe(
      'Đã hoàn thành',
    );
    expect(statusLabel('done', due, null, '2025-10-01')).toBe('Đã hoàn thành');
  });

  it('in progress: before, on and after the due date, and ongoing', () => {
    expect(statusLabel('in_progress', due, null, '2025-09-04')).toBe(
      'Đang thực hiện trong hạn',
    );
    expect(statusLabel('in_progress', due, null, '2025-09-05')).toBe(
      'Đang thực hiện trong hạn',
    );
    expect(statusLabel('in_progress', due, null, '2025-09-06')).toBe(
      'Đang thực hiện quá hạn',
    );
    expect(statusLabel('in_progress', null, null, '2025-09-06')).toBe(
      'Thường xuyên / không có thời hạn',
    );
  });

  it('not started: before, on and after the due date, and ongoing', () => {
    expect(statusLabel('not_started', due, null, '2025-09-04')).toBe(
      'Chưa thực hiện',
    );
    expect(statusLabel('not_started', due, null, '2025-09-05')).toBe(
      'Chưa thực hiện',
    );
    expect(statusLabel('not_started', due, null, '2025-09-06')).toBe(
      'Chưa thực hiện quá hạn',
    );
    expect(statusLabel('not_started', null, null, '2030-01-01')).toBe(
      'Thường xuyên / không có thời hạn',
    );
  });

  it('paused', () => {
    expect(statusLabel('paused', due, null, '2025-09-06')).toBe('Tạm dừng');
    expect(statusLabel('paused', null, null, '2025-09-06')).toBe('Tạm dừng');
  });

  it('ongoing tasks never become overdue (property)', () => {
    const progress = fc.constantFrom<Progress>(
      'not_started',
      'in_progress',
      'done',
      'paused',
    );
    const day = fc
      .date({
        min: new Date('2025-01-01'),
        max: new Date('2027-12-31'),
        noInvalidDate: true,
      })
      .map(d => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(progress, day, fc.option(day), (p, today, completed) => {
        for (const tl of [ONGOING, CONTINUES]) {
          const due = dueDateOf(tl, null);
          expect(timeliness(due, p, completed, today)).toBe('no_deadline');
          expect(statusLabel(p, due, completed, today)).not.toMatch(/quá hạn/);
        }
      }),
    );
  });

  it('is always one of the known labels (property)', () => {
    const progress = fc.constantFrom<Progress>(
      'not_started',
      'in_progress',
      'done',
      'paused',
    );
    const day = fc.constantFrom('2025-09-01', '2025-09-05', '2025-09-06');
    fc.assert(
      fc.property(
        progress,
        fc.option(day),
        fc.option(day),
        day,
        (p, due, completed, today) => {
          expect(STATUS_LABELS).toContain(
            statusLabel(p, due, completed, today),
          );
        },
      ),
    );
  });
});

describe('localDateOf and reportedInPeriod', () => {
  it('reads timestamps in the plan’s time zone', () => {
    expect(localDateOf('2025-09-03T18:00:00Z')).toBe('2025-09-04'); // 01:00 on the 4th in Hà Nội
    expect(localDateOf('2025-09-03T16:59:59.000Z')).toBe('2025-09-03');
    expect(localDateOf('2025-09-03T23:30:00+07:00')).toBe('2025-09-03');
    expect(localDateOf('2025-09-03T23:30:00')).toBe('2025-09-03');
    expect(localDateOf('2025-09-03')).toBe('2025-09-03');
    expect(localDateOf('2025-09-03T18:00:00Z', 0)).toBe('2025-09-03');
    expect(localDateOf('2025-13-40T00:00:00Z')).toBeNull();
    expect(localDateOf('hôm qua')).toBeNull();
    expect(localDateOf(null)).toBeNull();
  });

  it('counts a report made within [start, due]', () => {
    const at = (updatedAt: string | null) => reportedInPeriod({updatedAt}, KY1);
    expect(at('2025-07-01T08:00:00+07:00')).toBe(true);
    expect(at('2025-09-03T22:00:00+07:00')).toBe(true);
    expect(at('2025-09-03T18:00:00Z')).toBe(false); // already the 4th in Việt Nam
    expect(at('2025-06-30T23:59:00+07:00')).toBe(false);
    expect(at(null)).toBe(false);
  });
});

describe('rollUpTask', () => {
  const TL = deadline('2025-09-05');
  const today = '2025-09-01';

  it('all done on time', () => {
    const r = rollUpTask(
      [
        a('VHXH', 'done', {completedOn: '2025-09-01'}),
        a('VP', 'done', {completedOn: '2025-09-05'}, 'support'),
      ],
      {timeline: TL, today: '2025-10-01'},
    );
    expect(r.label).toBe('Đã hoàn thành đúng hạn');
    expect(r.timeliness).toBe('on_track');
    expect(r.basis).toBe('lead');
    expect(r.counts).toMatchObject({
      total: 1,
      done: 1,
      overdue: 0,
      doneLate: 0,
    });
    expect(r.notDone).toEqual([]);
  });

  it('all done, one late', () => {
    const r = rollUpTask(
      [
        a('THON01', 'done', {completedOn: '2025-09-05'}),
        a('THON02', 'done', {completedOn: '2025-09-07'}),
      ],
      {timeline: TL, today: '2025-10-01'},
    );
    expect(r.label).toBe('Đã hoàn thành quá hạn');
    expect(r.timeliness).toBe('overdue');
    expect(r.counts).toMatchObject({
      total: 2,
      done: 2,
      doneLate: 1,
      overdue: 0,
    });
  });

  it('all done with no due date', () => {
    const r = rollUpTask([a('VP', 'done', {completedOn: '2025-08-01'})], {
      timeline: ONGOING,
      today,
    });
    expect(r.label).toBe('Đã hoàn thành');
    expect(r.timeliness).toBe('no_deadline');
  });

  it('any unfinished past due makes the task overdue', () => {
    const late = '2025-09-06';
    const r1 = rollUpTask(
      [
        a('THON01', 'done', {completedOn: '2025-09-01'}),
        a('THON02', 'not_started'),
      ],
      {
        timeline: TL,
        today: late,
      },
    );
    expect(r1.label).toBe('Đang thực hiện quá hạn');
    expect(r1.timeliness).toBe('overdue');
    expect(r1.counts).toMatchObject({
      total: 2,
      done: 1,
      overdue: 1,
      notStarted: 1,
    });
    expect(r1.notDone).toEqual(['THON02']);
    expect(r1.summary).toBe('1/2 đơn vị đã hoàn thành; 1 đơn vị quá hạn');

    const r2 = rollUpTask([a('THON01', 'not_started'), a('THON02', 'paused')], {
      timeline: TL,
      today: late,
    });
    expect(r2.label).toBe('Chưa thực hiện quá hạn');
    expect(r2.counts).toMatchObject({overdue: 1, paused: 1});
    expect(r2.summary).toBe(
      '0/2 đơn vị đã hoàn thành; 1 đơn vị quá hạn; 1 đơn vị tạm dừng',
    );
  });

  it('all paused', () => {
    const r = rollUpTask([a('KT', 'paused'), a('VP', 'paused')], {
      timeline: TL,
      today: '2025-09-10',
    });
    expect(r.label).toBe('Tạm dừng');
    expect(r.counts.overdue).toBe(0);
    expect(r.timeliness).toBe('no_deadline');
  });

  it('in progress within the deadline, and due soon', () => {
    const r = rollUpTask([a('KT', 'in_progress'), a('VP', 'not_started')], {
      timeline: TL,
      today: '2025-09-03',
    });
    expect(r.label).toBe('Đang thực hiện trong hạn');
    expect(r.timeliness).toBe('due_soon');
    expect(r.counts.dueSoon).toBe(2);
    expect(r.summary).toBe('0/2 đơn vị đã hoàn thành; 2 đơn vị sắp đến hạn');
  });

  it('not started, within the deadline', () => {
    const r = rollUpTask([a('KT', 'not_started')], {
      timeline: TL,
      today: '2025-08-01',
    });
    expect(r.label).toBe('Chưa thực hiện');
    expect(r.timeliness).toBe('on_track');
  });

  it('honours each assignment’s due override', () => {
    const r = rollUpTask(
      [
        a('KT', 'in_progress', {dueOverride: '2025-08-31'}),
        a('VP', 'in_progress'),
      ],
      {timeline: TL, today},
    );
    expect(r.label).toBe('Đang thực hiện quá hạn');
    expect(r.counts.overdue).toBe(1);
  });

  it('ongoing tasks: never overdue, judged by reports in the current period', () => {
    const r = rollUpTask(
      [
        a('THON01', 'in_progress', {updatedAt: '2025-08-15T10:00:00+07:00'}),
        a('THON02', 'not_started', {updatedAt: '2025-06-15T10:00:00+07:00'}),
        a('THON03', 'not_started'),
      ],
      {timeline: CONTINUES, today: '2026-03-01', period: KY1},
    );
    expect(r.ongoing).toBe(true);
    expect(r.label).toBe('Thường xuyên / không có thời hạn');
    expect(r.timeliness).toBe('no_deadline');
    expect(r.counts).toMatchObject({total: 3, reported: 1, overdue: 0});
    expect(r.notReported).toEqual(['THON02', 'THON03']);
    expect(r.summary).toBe(
      '1/3 đơn vị đã báo cáo trong kỳ; 0/3 đơn vị đã hoàn thành',
    );
  });

  it('without a period, any report counts', () => {
    const r = rollUpTask(
      [
        a('VP', 'in_progress', {updatedAt: '2025-06-15T10:00:00+07:00'}),
        a('KT', 'not_started'),
      ],
      {timeline: ONGOING, today},
    );
    expect(r.counts.reported).toBe(1);
    expect(r.summary).toBe('1/2 đơn vị đã báo cáo; 0/2 đơn vị đã hoàn thành');
  });

  it('is judged on leads; with no lead, on everyone', () => {
    const withLead = rollUpTask(
      [
        a('VP', 'done', {completedOn: today}),
        a('KT', 'not_started', {}, 'support'),
      ],
      {timeline: TL, today},
    );
    expect(withLead.basis).toBe('lead');
    expect(withLead.label).toBe('Đã hoàn thành đúng hạn');

    const supportOnly = rollUpTask(
      [
        a('VP', 'done', {completedOn: today}, 'support'),
        a('KT', 'not_started', {}, 'support'),
      ],
      {timeline: TL, today},
    );
    expect(supportOnly.basis).toBe('all');
    expect(supportOnly.label).toBe('Đang thực hiện trong hạn');
    expect(supportOnly.counts.total).toBe(2);
  });

  it('a task with no assignments reads as not started', () => {
    expect(rollUpTask([], {timeline: TL, today: '2025-08-01'})).toMatchObject({
      label: 'Chưa thực hiện',
      timeliness: 'on_track',
      counts: {total: 0},
    });
    expect(rollUpTask([], {timeline: TL, today: '2025-09-10'}).label).toBe(
      'Chưa thực hiện quá hạn',
    );
    expect(rollUpTask([], {timeline: ONGOING, today}).label).toBe(
      'Thường xuyên / không có thời hạn',
    );
  });

  it('counts always add up (property)', () => {
    const progress = fc.constantFrom<Progress>(
      'not_started',
      'in_progress',
      'done',
      'paused',
    );
    const day = fc.constantFrom(
      '2025-08-30',
      '2025-09-05',
      '2025-09-06',
      '2025-10-01',
    );
    const item = fc.record({
      progress,
      completedOn: fc.option(day),
      dueOverride: fc.option(day),
      role: fc.constantFrom<Role>('lead', 'support'),
    });
    fc.assert(
      fc.property(
        fc.array(item, {maxLength: 8}),
        day,
        fc.boolean(),
        (items, today, ongoing) => {
          const list = items.map((x, i) => a(`U${i}`, x.progress, x, x.role));
          const r = rollUpTask(list, {
            timeline: ongoing ? ONGOING : TL,
            today,
            period: KY1,
          });
          const c = r.counts;
          expect(c.done + c.inProgress + c.notStarted + c.paused).toBe(c.total);
          expect(r.notDone).toHaveLength(c.total - c.done);
          expect(c.reported + r.notReported.length).toBe(c.total);
          expect(STATUS_LABELS).toContain(r.label);
          if (c.total > 0 && c.done === c.total)
            expect(r.label).toMatch(/^Đã hoàn thành/);
          if (c.overdue > 0) expect(r.label).toMatch(/quá hạn$/);
        },
      ),
    );
  });
});
