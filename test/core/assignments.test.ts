// Tests for expanding tasks into assignments and merging them with existing ones.
import {
  assignmentId,
  describeProblem,
  expandPlan,
  expandTask,
  mergeAssignments,
  newAssignment,
} from '../../src/core/assignments';
import type {Assignment, Task, Unit} from '../../src/core/types';
import {
  DEFAULT_GROUPS,
  DEFAULT_TASKS,
  DEFAULT_UNITS,
} from '../../src/plan/defaultPlan';

const VILLAGES = ['THON01', 'THON02', 'THON03', 'THON04', 'THON05'];
const SCHOOLS = ['TRUONG_MN', 'TRUONG_TH', 'TRUONG_THCS'];
const UNDER_COMMITTEE = ['VHXH', 'VP', 'KT', 'TTVH', 'TTHCC', ...SCHOOLS];

const taskOf = (tt: string): Task => {
  const t = DEFAULT_TASKS.find(x => x.tt === tt);
  if (!t) throw new Error(`no task ${tt}`);
  return t;
};
const summary = (assignments: Assignment[]) => ({
  lead: assignments.filter(a => a.role === 'lead').map(a => a.unitCode),
  support: assignments.filter(a => a.role === 'support').map(a => a.unitCode),
});

describe('newAssignment', () => {
  it('is fresh: not started, nothing reported, version 0', () => {
    expect(newAssignment('5', 'THON01', 'lead')).toEqual({
      id: '5|THON01|lead',
      tt: '5',
      unitCode: 'THON01',
      role: 'lead',
      progress: 'not_started',
      completedOn: null,
      result: '',
      evidence: [],
      proposals: '',
      updatedAt: null,
      updatedBy: '',
      version: 0,
      dueOverride: null,
    });
    expect(assignmentId('13', 'VP', 'support')).toBe('13|VP|support');
  });
});

describe('expandTask on the seed plan with the default units', () => {
  const expected: Record<string, {lead: string[]; support: string[]}> = {
    '1': {lead: [...UNDER_COMMITTEE, ...VILLAGES], support: []},
    '2': {lead: ['VHXH'], support: ['VP']},
    '3': {lead: ['KT'], support: ['VHXH', 'TTVH']},
    '4': {lead: ['KT'], support: []},
    '5': {lead: VILLAGES, support: []},
    '6': {lead: ['VHXH'], support: ['VP', 'TTHCC']},
    '7': {lead: ['VHXH'], support: ['VP']},
    '8': {
      lead: ['VHXH'],
      support: ['VP', 'KT', 'TTVH', 'TTHCC', ...SCHOOLS, ...VILLAGES],
    },
    '9': {lead: ['TTVH', ...SCHOOLS], support: ['VHXH']},
    '10': {lead: ['VP'], support: ['VHXH']},
    '11': {lead: ['VP'], support: ['TTHCC']},
    '12': {lead: ['TTHCC'], support: ['VP', 'KT']},
    '13': {lead: ['VP'], support: ['VHXH', 'KT', 'TTVH', 'TTHCC', ...SCHOOLS]},
  };

  it.each(Object.keys(expected))('task %s', tt => {
    const {assignments} = expandTask(taskOf(tt), DEFAULT_UNITS, DEFAULT_GROUPS);
    expect(summary(assignments)).toEqual(expected[tt]);
    for (const a of assignments) {
      expect(a.tt).toBe(tt);
      expect(a.id).toBe(`${tt}|${a.unitCode}|${a.role}`);
      expect(a.progress).toBe('not_started');
      expect(a.version).toBe(0);
    }
  });

  it('reports no problem on the sample data: every group has members', () => {
    const {problems} = expandPlan(DEFAULT_TASKS, DEFAULT_UNITS, DEFAULT_GROUPS);
    expect(problems).toEqual([]);
  });

  // A commune's own units, with no unit tagged for the per-task groups.
  const untagged: Unit[] = DEFAULT_UNITS.map(u => ({
    ...u,
    tags: u.tags.filter(t => !t.startsWith('liên quan')),
  }));

  it('still reports a "liên quan" group no unit is tagged for (tasks 3, 6 and 12)', () => {
    const {problems} = expandPlan(DEFAULT_TASKS, untagged, DEFAULT_GROUPS);
    expect(problems).toEqual([
      {
        tt: '3',
        field: 'support',
        kind: 'empty_group',
        text: 'Các phòng, đơn vị liên quan',
      },
      {
        tt: '6',
        field: 'support',
        kind: 'empty_group',
        text: 'Các phòng chuyên môn, đơn vị liên quan',
      },
      {
        tt: '12',
        field: 'support',
        kind: 'empty_group',
        text: 'Các phòng chuyên môn liên quan',
      },
    ]);
  });

  it('fills a "liên quan" group once units are tagged for that task', () => {
    const units: Unit[] = untagged.map(u =>
      u.code === 'TTVH' || u.code === 'VHXH'
        ? {...u, tags: [...u.tags, 'liên quan 3']}
        : u,
    );
    const {assignments, problems} = expandTask(
      taskOf('3'),
      units,
      DEFAULT_GROUPS,
    );
    expect(summary(assignments)).toEqual({
      lead: ['KT'],
      support: ['VHXH', 'TTVH'],
    });
    expect(problems).toEqual([]);
    // The tag is per task: task 6 stays empty.
    expect(
      expandTask(taskOf('6'), units, DEFAULT_GROUPS).problems,
    ).toHaveLength(1);
  });

  it('gives the whole plan a unique id per assignment', () => {
    const {assignments} = expandPlan(
      DEFAULT_TASKS,
      DEFAULT_UNITS,
      DEFAULT_GROUPS,
    );
    const ids = assignments.map(a => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    const total = Object.values(expected).reduce(
      (n, e) => n + e.lead.length + e.support.length,
      0,
    );
    expect(total).toBe(62);
    expect(assignments).toHaveLength(total);
    expect(assignments[0].tt).toBe('1');
    expect(assignments[assignments.length - 1].tt).toBe('13');
  });
});

describe('expandTask problems', () => {
  const base: Task = {
    tt: '20',
    text: 'Nhiệm vụ thử',
    lead: 'Phòng Kinh tế',
    support: '',
    timelineText: 'Thường xuyên',
    product: '',
    quotaPerVillage: null,
  };

  it('reports unknown text with the user’s wording and still assigns the rest', () => {
    const task = {
      ...base,
      lead: 'Phòng Kinh tế, Phòng Tài chính',
      support: 'Hội Nông dân xã',
    };
    const {assignments, problems} = expandTask(
      task,
      DEFAULT_UNITS,
      DEFAULT_GROUPS,
    );
    expect(summary(assignments)).toEqual({lead: ['KT'], support: []});
    expect(problems).toEqual([
      {tt: '20', field: 'lead', kind: 'unknown_text', text: 'Phòng Tài chính'},
      {
        tt: '20',
        field: 'support',
        kind: 'unknown_text',
        text: 'Hội Nông dân xã',
      },
    ]);
  });

  it('gives a unit that is both lead and support only the lead assignment', () => {
    const task = {
      ...base,
      lead: 'Phòng Kinh tế',
      support: 'Các phòng chuyên môn; Phòng Kinh tế',
    };
    const {assignments} = expandTask(task, DEFAULT_UNITS, DEFAULT_GROUPS);
    expect(summary(assignments)).toEqual({
      lead: ['KT'],
      support: ['VHXH', 'VP'],
    });
  });

  it('reports a unit switched off, and a group whose members are all off', () => {
    const units = DEFAULT_UNITS.map(u =>
      u.code === 'KT' || u.tags.includes('trường học')
        ? {...u, active: false}
        : u,
    );
    const task = {...base, lead: 'Phòng Kinh tế', support: 'các trường học'};
    const {assignments, problems} = expandTask(task, units, DEFAULT_GROUPS);
    expect(assignments).toEqual([]);
    expect(problems).toEqual([
      {tt: '20', field: 'lead', kind: 'inactive_unit', text: 'Phòng Kinh tế'},
      {tt: '20', field: 'support', kind: 'empty_group', text: 'các trường học'},
    ]);
  });

  it('reports a task with no lead', () => {
    const {assignments, problems} = expandTask(
      {...base, lead: '  ', support: 'Phòng Kinh tế'},
      DEFAULT_UNITS,
      DEFAULT_GROUPS,
    );
    expect(summary(assignments)).toEqual({lead: [], support: ['KT']});
    expect(problems).toEqual([
      {tt: '20', field: 'lead', kind: 'no_lead', text: ''},
    ]);
  });

  it('tolerates a missing lead field', () => {
    const task = {...base, lead: undefined as unknown as string};
    expect(expandTask(task, DEFAULT_UNITS, DEFAULT_GROUPS).problems).toEqual([
      {tt: '20', field: 'lead', kind: 'no_lead', text: ''},
    ]);
  });

  it('tolerates a missing support field', () => {
    const task = {...base, support: undefined as unknown as string};
    expect(expandTask(task, DEFAULT_UNITS, DEFAULT_GROUPS).problems).toEqual(
      [],
    );
  });

  it('describes each problem in Vietnamese', () => {
    expect(
      describeProblem({
        tt: '3',
        field: 'support',
        kind: 'empty_group',
        text: 'Các phòng liên quan',
      }),
    ).toBe(
      'Nhiệm vụ 3, cơ quan phối hợp: nhóm "Các phòng liên quan" chưa có đơn vị nào. Gắn nhãn nhóm cho các đơn vị ở tab Đơn vị.',
    );
    expect(
      describeProblem({
        tt: '1',
        field: 'lead',
        kind: 'unknown_text',
        text: 'Phòng X',
      }),
    ).toMatch(/^Nhiệm vụ 1, cơ quan chủ trì: không nhận ra đơn vị "Phòng X"/);
    expect(
      describeProblem({
        tt: '1',
        field: 'lead',
        kind: 'inactive_unit',
        text: 'Phòng Kinh tế',
      }),
    ).toMatch(/tạm ngừng theo dõi/);
    expect(
      describeProblem({tt: '1', field: 'lead', kind: 'no_lead', text: ''}),
    ).toBe('Nhiệm vụ 1, cơ quan chủ trì: chưa ghi cơ quan chủ trì.');
  });
});

describe('mergeAssignments', () => {
  const entered = (a: Assignment): Assignment => ({
    ...a,
    progress: 'done',
    completedOn: '2025-08-20',
    result: 'Đã tổ chức',
    evidence: ['https://example.org/a'],
    updatedAt: '2025-08-20T09:00:00+07:00',
    updatedBy: 'canbo@example.org',
    version: 4,
  });

  it('keeps existing data, adds new ones, and keeps (reports) ones no longer planned', () => {
    const kept = entered(newAssignment('2', 'VHXH', 'lead'));
    const stale = entered(newAssignment('2', 'KT', 'support'));
    const expanded = [
      newAssignment('2', 'VHXH', 'lead'),
      newAssignment('2', 'VP', 'support'),
    ];
    const result = mergeAssignments([kept, stale], expanded);
    expect(result.assignments).toEqual([kept, stale, expanded[1]]);
    expect(result.assignments[0]).toBe(kept);
    expect(result.added).toEqual([expanded[1]]);
    expect(result.orphaned).toEqual([stale]);
    expect(result.duplicateIds).toEqual([]);
  });

  it('is idempotent: merging the same plan twice adds nothing', () => {
    const {assignments} = expandPlan(
      DEFAULT_TASKS,
      DEFAULT_UNITS,
      DEFAULT_GROUPS,
    );
    const first = mergeAssignments([], assignments);
    expect(first.added).toHaveLength(assignments.length);
    const second = mergeAssignments(first.assignments, assignments);
    expect(second.added).toEqual([]);
    expect(second.orphaned).toEqual([]);
    expect(second.assignments).toEqual(first.assignments);
  });

  it('reports duplicated existing ids and keeps every copy', () => {
    const a = newAssignment('1', 'KT', 'lead');
    const b = {...a, result: 'bản sao'};
    const result = mergeAssignments([a, b], [newAssignment('1', 'KT', 'lead')]);
    expect(result.assignments).toEqual([a, b]);
    expect(result.duplicateIds).toEqual(['1|KT|lead']);
  });

  it('adds a planned id only once even if the expansion repeats it', () => {
    const x = newAssignment('1', 'KT', 'lead');
    expect(mergeAssignments([], [x, {...x}]).added).toHaveLength(1);
  });
});
