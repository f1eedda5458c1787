// Tests for the one "reported in period" rule: complete/partial units, work that owes nothing, villages counted once.
import {owesReportIn, periodReporting} from '../../src/core/reporting';
import {parseTimeline} from '../../src/core/timeline';
import type {
  Assignment,
  ReportingPeriod,
  Unit,
  UnitKind,
} from '../../src/core/types';
import type {StoredVillageReport} from '../../src/core/villageReports';

const PERIOD: ReportingPeriod = {
  id: 'KY1',
  name: 'Kỳ 1',
  kind: 'regular',
  start: '2025-07-01',
  due: '2025-09-03',
  reminderOffsets: [7, 3, 1],
  note: '',
};

const tl = (text: string) => parseTimeline(text, {defaultYear: 2025});
const TASKS = [
  {tt: '1', timeline: tl('Thường xuyên'), dueOverride: null},
  {tt: '2', timeline: tl('Trước 15/8/2025'), dueOverride: null},
  {tt: '3', timeline: tl('Tháng 11/2025'), dueOverride: null},
];

function unit(
  code: string,
  kind: UnitKind = 'department',
  active = true,
): Unit {
  return {
    code,
    name: `Tên ${code}`,
    kind,
    aliases: [],
    tags: [],
    person: '',
    emails: [],
    phone: '',
    active,
    sample: false,
    note: '',
  };
}

function asg(
  tt: string,
  unitCode: string,
  updatedAt: string | null,
  extra: Partial<Assignment> = {},
): Assignment {
  return {
    id: `${tt}|${unitCode}|lead`,
    tt,
    unitCode,
    role: 'lead',
    progress: 'in_progress',
    completedOn: null,
    result: '',
    evidence: [],
    proposals: '',
    updatedAt,
    updatedBy: '',
    version: 1,
    dueOverride: null,
    ...extra,
  };
}

function report(unitCode: string, state = 'valid'): StoredVillageReport {
  return {
    responseId: `r-${unitCode}`,
    periodId: 'KY1',
    unitCode,
    submittedAt: '2025-08-30T10:00:00+07:00',
    reporter: 'Trưởng thôn',
    phone: '',
    answers: {},
    difficulties: '',
    proposals: '',
    evidence: [],
    village: unitCode,
    state: state as StoredVillageReport['state'],
    issue: '',
    tasks: [],
  };
}

const IN = '2025-08-20T09:00:00+07:00';
const BEFORE = '2025-06-20T09:00:00+07:00';

describe('owesReportIn', () => {
  it('ongoing work owes a report every period; paused work and tasks not begun owe none', () => {
    expect(owesReportIn(asg('1', 'A', null), TASKS[0], PERIOD)).toBe(true);
    expect(
      owesReportIn(asg('1', 'A', null, {progress: 'paused'}), TASKS[0], PERIOD),
    ).toBe(false);
    expect(owesReportIn(asg('3', 'A', null), TASKS[2], PERIOD)).toBe(false);
    expect(owesReportIn(asg('9', 'A', null), undefined, PERIOD)).toBe(false);
  });

  it('dated work done before the period owes none; done within it still counts', () => {
    const done = {progress: 'done' as const, completedOn: '2025-06-15'};
    expect(owesReportIn(asg('2', 'A', BEFORE, done), TASKS[1], PERIOD)).toBe(
      false,
    );
    expect(owesReportIn(asg('2', 'A', IN, done), TASKS[1], PERIOD)).toBe(true);
  });
});

describe('periodReporting', () => {
  const units = [
    unit('FULL'),
    unit('PART'),
    unit('NONE'),
    unit('IDLE'),
    unit('OFF', 'department', false),
    unit('THON01', 'village'),
    unit('THON02', 'village'),
  ];
  const assignments = [
    asg('1', 'FULL', IN),
    asg('2', 'FULL', IN),
    asg('1', 'PART', IN),
    asg('2', 'PART', BEFORE),
    asg('1', 'NONE', null),
    asg('3', 'IDLE', null),
    asg('1', 'OFF', null),
    // Villages' own assignments never make them units.
    asg('1', 'THON01', null),
    asg('1', 'THON02', IN),
  ];
  const r = periodReporting({
    units,
    tasks: TASKS,
    assignments,
    villageReports: [report('THON01'), report('THON02', 'flagged')],
    period: PERIOD,
  });

  it('a unit has reported when it updated every assignment it owes in the period', () => {
    expect(
      r.units.map(u => [u.code, u.owed, u.reported, u.pending, u.complete]),
    ).toEqual([
      ['FULL', 2, 2, [], true],
      ['PART', 2, 1, ['2'], false],
      ['NONE', 1, 0, ['1'], false],
    ]);
    expect(r.unitsReported).toBe(1);
  });

  it('counts villages once, by their valid form report', () => {
    expect(r.villages).toEqual([
      {code: 'THON01', name: 'Tên THON01', reported: true},
      {code: 'THON02', name: 'Tên THON02', reported: false},
    ]);
    expect(r.villagesReported).toBe(1);
  });
});
