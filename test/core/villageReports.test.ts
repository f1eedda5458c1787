// Tests for stored village reports: newest valid per village, who reported, quota progress, the JSON cell.
import fc from 'fast-check';
import type {Unit} from '../../src/core/types';
import {
  activeVillages,
  decodeAnswers,
  encodeAnswers,
  latestReports,
  planSubmission,
  quotaProgress,
  villageReporting,
  villageTable,
  type StoredVillageReport,
  type VillageTaskAnswer,
} from '../../src/core/villageReports';
import {
  DEFAULT_TASKS,
  DEFAULT_UNITS,
  SAMPLE_VILLAGES,
} from '../../src/plan/defaultPlan';

const TASK5 = DEFAULT_TASKS.find(t => t.tt === '5')!;
const TASK10 = DEFAULT_TASKS.find(t => t.tt === '10')!;
const V = SAMPLE_VILLAGES;

let seq = 0;
function report(
  unitCode: string,
  submittedAt: string,
  tasks: VillageTaskAnswer[] = [],
  extra: Partial<StoredVillageReport> = {},
): StoredVillageReport {
  seq++;
  return {
    responseId: `R${seq}`,
    periodId: 'KY1',
    unitCode,
    village: unitCode,
    submittedAt,
    reporter: 'Nguyễn Văn A',
    phone: '0912345678',
    answers: {},
    difficulties: '',
    proposals: '',
    evidence: [],
    state: 'valid',
    issue: '',
    tasks,
    ...extra,
  };
}
const answer = (
  tt: string,
  progress: VillageTaskAnswer['progress'],
  count: number | null = null,
) => ({
  tt,
  progress,
  count,
  summary: '',
});

describe('activeVillages', () => {
  it('keeps the active village units in the units order', () => {
    const units: Unit[] = [...DEFAULT_UNITS];
    units[units.indexOf(V[1])] = {...V[1], active: false};
    expect(activeVillages(units).map(u => u.code)).toEqual([
      'THON01',
      'THON03',
      'THON04',
      'THON05',
    ]);
  });
});

describe('latestReports', () => {
  it('takes the newest valid report of each village in the period', () => {
    const a1 = report('THON01', '2025-08-01T08:00:00+07:00');
    const a2 = report('THON01', '2025-08-20T08:00:00+07:00');
    const b = report('THON02', '2025-08-05T08:00:00+07:00');
    const other = report('THON03', '2025-08-05T08:00:00+07:00', [], {
      periodId: 'KY2',
    });
    const flagged = report('THON02', '2025-08-30T08:00:00+07:00', [], {
      state: 'flagged',
    });
    const replaced = report('THON03', '2025-08-30T08:00:00+07:00', [], {
      state: 'replaced',
    });
    const got = latestReports([a2, a1, b, other, flagged, replaced], 'KY1');
    expect(got.map(r => r.responseId)).toEqual([a2.responseId, b.responseId]);
  });

  it('compares instants, not text, across offsets; a later row wins a tie', () => {
    const early = report('THON01', '2025-08-01T09:00:00+07:00'); // 02:00Z
    const late = report('THON01', '2025-08-01T03:00:00Z');
    expect(latestReports([late, early], 'KY1')[0].responseId).toBe(
      late.responseId,
    );
    const t1 = report('THON01', '2025-08-01T03:00:00Z');
    const t2 = report('THON01', '2025-08-01T03:00:00Z');
    expect(latestReports([t1, t2], 'KY1')[0].responseId).toBe(t2.responseId);
  });

  it('ignores reports with no village', () => {
    expect(latestReports([report('', '2025-08-01T03:00:00Z')], 'KY1')).toEqual(
      [],
    );
  });
});

describe('villageReporting', () => {
  it('splits the villages into reported and missing, in the villages order', () => {
    const reports = [
      report('THON04', '2025-08-01T03:00:00Z'),
      report('THON02', '2025-08-01T03:00:00Z'),
      report('THON01', '2025-08-01T03:00:00Z', [], {state: 'flagged'}),
      report('XYZ', '2025-08-01T03:00:00Z'),
    ];
    const got = villageReporting(reports, 'KY1', V);
    expect(got.reported.map(u => u.code)).toEqual(['THON02', 'THON04']);
    expect(got.missing.map(u => u.code)).toEqual([
      'THON01',
      'THON03',
      'THON05',
    ]);
  });

  it('every village is reported or missing, never both (property)', () => {
    const codes = V.map(v => v.code);
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            code: fc.constantFrom(...codes, 'OTHER'),
            state: fc.constantFrom('valid', 'flagged', 'replaced' as const),
            period: fc.constantFrom('KY1', 'KY2'),
          }),
        ),
        rows => {
          const reports = rows.map(r =>
            report(r.code, '2025-08-01T03:00:00Z', [], {
              state: r.state as StoredVillageReport['state'],
              periodId: r.period,
            }),
          );
          const got = villageReporting(reports, 'KY1', V);
          expect(got.reported.length + got.missing.length).toBe(V.length);
          const expected = new Set(
            rows
              .filter(r => r.state === 'valid' && r.period === 'KY1')
              .map(r => r.code),
          );
          expect(got.reported.map(u => u.code)).toEqual(
            codes.filter(c => expected.has(c)),
          );
        },
      ),
    );
  });
});

describe('quotaProgress', () => {
  it('counts the villages whose count reaches the quota or that say done: "x/N thôn"', () => {
    const reports = [
      report('THON01', '2025-08-01T03:00:00Z', [answer('5', 'in_progress', 1)]),
      report('THON02', '2025-08-01T03:00:00Z', [answer('5', 'done', null)]),
      report('THON03', '2025-08-01T03:00:00Z', [answer('5', 'in_progress', 0)]),
      report('THON04', '2025-08-01T03:00:00Z', [answer('10', 'done', 1)]),
    ];
    const got = quotaProgress(TASK5, reports, 'KY1', V);
    expect(got).toEqual({
      tt: '5',
      quota: 1,
      done: ['THON01', 'THON02'],
      missing: ['THON03', 'THON04', 'THON05'],
      label: '2/5 thôn',
    });
    expect(quotaProgress(TASK10, reports, 'KY1', V).label).toBe('1/5 thôn');
  });

  it('uses only the newest valid report: a resubmission can undo "done"', () => {
    const reports = [
      report('THON01', '2025-08-01T03:00:00Z', [answer('5', 'done', 1)]),
      report('THON01', '2025-08-02T03:00:00Z', [answer('5', 'in_progress', 0)]),
    ];
    expect(quotaProgress(TASK5, reports, 'KY1', V).done).toEqual([]);
  });

  it('a quota of 2 needs a count of 2', () => {
    const task = {...TASK5, text: 'Mỗi thôn 2 buổi', quotaPerVillage: 2};
    const reports = [
      report('THON01', '2025-08-01T03:00:00Z', [answer('5', 'in_progress', 1)]),
      report('THON02', '2025-08-01T03:00:00Z', [answer('5', 'in_progress', 2)]),
    ];
    expect(quotaProgress(task, reports, 'KY1', V).done).toEqual(['THON02']);
  });

  it('over several periods, a village done in any of them counts', () => {
    const reports = [
      report('THON01', '2025-08-01T03:00:00Z', [answer('5', 'done', 1)]),
      report('THON02', '2025-10-01T03:00:00Z', [answer('5', 'done', 1)], {
        periodId: 'KY2',
      }),
    ];
    expect(quotaProgress(TASK5, reports, 'KY2', V).label).toBe('1/5 thôn');
    expect(quotaProgress(TASK5, reports, ['KY1', 'KY2'], V).label).toBe(
      '2/5 thôn',
    );
  });
});

describe('villageTable', () => {
  it('gives one row per village with its newest answers', () => {
    const reports = [
      report(
        'THON02',
        '2025-08-01T03:00:00Z',
        [{tt: '5', progress: 'done', count: 1, summary: 'Tên mô hình: A'}],
        {
          difficulties: 'Thiếu kinh phí',
          evidence: ['https://drive.google.com/x'],
        },
      ),
    ];
    const rows = villageTable(reports, 'KY1', V.slice(0, 2));
    expect(rows[0]).toMatchObject({
      unitCode: 'THON01',
      reported: false,
      tasks: {},
    });
    expect(rows[1]).toMatchObject({
      unitCode: 'THON02',
      name: 'Thôn mẫu 2',
      reported: true,
      tasks: {
        '5': {progress: 'Đã hoàn thành', count: 1, summary: 'Tên mô hình: A'},
      },
      difficulties: 'Thiếu kinh phí',
      evidence: ['https://drive.google.com/x'],
    });
  });
});

describe('planSubmission', () => {
  it('a stored response id is a duplicate; a valid one replaces the village’s valid reports', () => {
    const old = report('THON01', '2025-08-01T03:00:00Z');
    const otherPeriod = report('THON01', '2025-08-01T03:00:00Z', [], {
      periodId: 'KY2',
    });
    const flagged = report('THON01', '2025-08-01T03:00:00Z', [], {
      state: 'flagged',
    });
    const stored = [old, otherPeriod, flagged];
    expect(planSubmission(stored, {...old})).toEqual({
      action: 'duplicate',
      replaces: [],
    });
    const next = report('THON01', '2025-08-02T03:00:00Z');
    expect(planSubmission(stored, next)).toEqual({
      action: 'store',
      replaces: [0],
    });
    const bad = report('THON01', '2025-08-02T03:00:00Z', [], {
      state: 'flagged',
    });
    expect(planSubmission(stored, bad)).toEqual({
      action: 'store',
      replaces: [],
    });
  });
});

describe('encodeAnswers / decodeAnswers', () => {
  it('round-trips any answers and task answers (property)', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string(), fc.dictionary(fc.string(), fc.string())),
        fc.array(
          fc.record({
            tt: fc.string(),
            progress: fc.constantFrom(
              'not_started',
              'in_progress',
              'done',
              'paused',
              null,
            ),
            count: fc.option(fc.nat()),
            summary: fc.string(),
          }),
        ),
        (answers, tasks) => {
          const r = {answers, tasks: tasks as VillageTaskAnswer[]};
          const back = decodeAnswers(encodeAnswers(r));
          expect(back.tasks).toEqual(r.tasks);
          expect(JSON.stringify(back.answers)).toBe(
            JSON.stringify(JSON.parse(JSON.stringify(answers))),
          );
        },
      ),
    );
  });

  it('never throws on unreadable cells', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), text => {
        const got = decodeAnswers(text);
        expect(Array.isArray(got.tasks)).toBe(true);
        expect(typeof got.answers).toBe('object');
      }),
    );
    expect(
      decodeAnswers('{"tasks":[{"tt":"5","progress":"weird","count":"x"}]}')
        .tasks,
    ).toEqual([{tt: '5', progress: null, count: null, summary: ''}]);
  });
});
