// Tests for the period summary: every count, row and "x of N" from a known state, and the cell layout.
import {
  computeSummary,
  periodsUpTo,
  type Summary,
  type SummaryGrid,
} from '../../src/core/summary';
import {
  formatVnDateTime,
  resultsText,
  summaryToGrid,
  SUMMARY_WIDTH,
} from '../../src/core/summaryGrid';
import {summaryHeadline} from '../../src/core/summaryMail';
import {STATUS_LABELS} from '../../src/core/status';
import type {StatusLabel} from '../../src/core/types';
import {ADHOC, adhocInput, ky1Input, ky2Input, PERIODS} from './summaryFixture';

/** Task status label per task number, as the summary rolls them up. */
function statuses(s: Summary): Record<string, StatusLabel> {
  return Object.fromEntries(s.tasks.map(t => [t.tt, t.status]));
}

function countsOf(s: Summary): Record<string, number> {
  return Object.fromEntries(s.counts.map(c => [c.label, c.count]));
}

/** [code, assignments, lead, done, overdue, reported, notReported] per unit row. */
function unitTable(s: Summary) {
  return s.units.map(u => [
    u.code,
    u.assignments,
    u.lead,
    u.done,
    u.overdue,
    u.reportedThisPeriod,
    u.notReported,
  ]);
}

function overdueTable(s: Summary) {
  return s.overdue.map(o => [o.tt, o.unitCode, o.role, o.due, o.daysLate]);
}

function zeroCounts(): Record<string, number> {
  return Object.fromEntries(STATUS_LABELS.map(l => [l, 0]));
}

/** The body rows of one section of the grid. */
function sectionRows(grid: SummaryGrid, key: string) {
  const s = grid.sections.find(x => x.key === key);
  if (!s) throw new Error(`no section ${key}`);
  return grid.rows.slice(s.firstRow - 1, s.lastRow);
}

describe('computeSummary, kỳ 1 as of 02/9/2025', () => {
  const s = computeSummary(ky1Input());

  it('has the header of the plan and the period', () => {
    expect(s.header).toEqual({
      commune: 'Đại Sơn',
      issuer: 'UBND xã Đại Sơn',
      planTitle: 'Kế hoạch công tác dân vận chính quyền 6 tháng cuối năm 2025',
      planNumber: '125/KH-UBND',
      reportTo: 'Phòng Văn hóa - Xã hội',
      period: {
        id: 'KY1',
        name: 'Kỳ 1 (báo cáo trước 03/09/2025)',
        kind: 'regular',
        start: '2025-07-01',
        due: '2025-09-03',
      },
      asOf: '2025-09-02T07:00:00+07:00',
      asOfDate: '2025-09-02',
    });
  });

  it('rolls up every task', () => {
    expect(statuses(s)).toEqual({
      '1': 'Thường xuyên / không có thời hạn',
      '2': 'Đang thực hiện trong hạn',
      '3': 'Thường xuyên / không có thời hạn',
      '4': 'Chưa thực hiện',
      '5': 'Thường xuyên / không có thời hạn',
      '6': 'Thường xuyên / không có thời hạn',
      '7': 'Đã hoàn thành đúng hạn',
      '8': 'Đang thực hiện trong hạn',
      '9': 'Đang thực hiện trong hạn',
      '10': 'Chưa thực hiện',
      '11': 'Thường xuyên / không có thời hạn',
      '12': 'Tạm dừng',
      '13': 'Đã hoàn thành quá hạn',
    });
    expect(s.tasks.find(t => t.tt === '2')?.timeliness).toBe('due_soon');
  });

  it('counts the tasks by every status label, zeros included', () => {
    expect(s.counts.map(c => c.label)).toEqual([...STATUS_LABELS]);
    expect(countsOf(s)).toEqual({
      ...zeroCounts(),
      'Đã hoàn thành đúng hạn': 1,
      'Đã hoàn thành quá hạn': 1,
      'Đang thực hiện trong hạn': 3,
      'Chưa thực hiện': 2,
      'Tạm dừng': 1,
      'Thường xuyên / không có thời hạn': 5,
    });
    expect(s.totals).toEqual({
      tasks: 13,
      assignments: 62,
      assignmentsDone: 7,
      assignmentsOverdue: 5,
      units: 8,
      unitsReported: 0,
      villages: 5,
      villagesReported: 3,
    });
  });

  it('gives each task its fields, progress, results and evidence', () => {
    const t7 = s.tasks.find(t => t.tt === '7');
    expect(t7).toMatchObject({
      text: 'Xây dựng, sửa đổi, bổ sung Quy chế dân chủ ở cơ sở',
      // Đơn vị's names, not the plan's raw text.
      lead: 'Phòng Văn hóa - Xã hội',
      support: 'Văn phòng HĐND & UBND xã',
      timelineText: 'Hoàn thành trước ngày 30/8/2025',
      product: 'Kế hoạch',
      due: '2025-08-30',
      ongoing: false,
      progressSummary: '1/1 đơn vị đã hoàn thành',
      evidence: ['https://example.org/quy-che-7'],
    });
    expect(t7?.results).toEqual([
      {
        unitCode: 'VHXH',
        unitName: 'Phòng Văn hóa - Xã hội',
        role: 'lead',
        progress: 'done',
        status: 'Đã hoàn thành đúng hạn',
        result: 'Đã ban hành Quy chế dân chủ',
        completedOn: '2025-08-25',
        updatedAt: '2025-08-25T09:00:00+07:00',
        updatedBy: '',
        reportedInPeriod: true,
        proposals: '',
      },
      {
        unitCode: 'VP',
        unitName: 'Văn phòng HĐND & UBND xã',
        role: 'support',
        progress: 'not_started',
        status: 'Chưa thực hiện quá hạn',
        result: '',
        completedOn: null,
        updatedAt: null,
        updatedBy: '',
        reportedInPeriod: false,
        proposals: '',
      },
    ]);
    const t1 = s.tasks.find(t => t.tt === '1');
    expect(t1?.due).toBeNull();
    expect(t1?.ongoing).toBe(true);
    expect(t1?.results).toHaveLength(13);
    expect(t1?.progressSummary).toBe(
      '3/13 đơn vị đã báo cáo trong kỳ; 0/13 đơn vị đã hoàn thành',
    );
    expect(
      t1?.results.filter(r => r.reportedInPeriod).map(r => r.unitCode),
    ).toEqual(['VHXH', 'THON01', 'THON03']);
    expect(s.tasks.find(t => t.tt === '12')?.progressSummary).toBe(
      '1/1 đơn vị đã báo cáo trong kỳ; 0/1 đơn vị đã hoàn thành; 1 đơn vị tạm dừng',
    );
    expect(s.tasks.find(t => t.tt === '2')?.progressSummary).toBe(
      '0/1 đơn vị đã hoàn thành; 1 đơn vị sắp đến hạn',
    );
    expect(s.tasks.find(t => t.tt === '9')?.evidence).toEqual([
      'https://example.org/ke-hoach-9',
      'https://example.org/quy-che-7',
    ]);
  });

  it('shows what villages reported by form as their results on their tasks', () => {
    const t5 = s.tasks.find(t => t.tt === '5');
    expect(
      t5?.results.map(r => [r.unitCode, r.progress, r.result, r.completedOn]),
    ).toEqual([
      ['THON01', 'done', 'Tuyến đường hoa', '2025-08-30'],
      ['THON02', 'in_progress', 'Đang vận động', null],
      ['THON03', 'done', 'CLB dân vận khéo', '2025-09-01'],
      ['THON04', 'not_started', '', null],
      ['THON05', 'not_started', '', null],
    ]);
    expect(t5?.results[0].updatedBy).toBe('Nguyễn Văn An');
    expect(t5?.evidence).toEqual(['https://example.org/thon01.jpg']);
    expect(t5?.progressSummary).toBe(
      '3/5 đơn vị đã báo cáo trong kỳ; 2/5 đơn vị đã hoàn thành',
    );
  });

  it('has one row per unit with assignments, in the units tab order', () => {
    // Every unit still owes a report on some assignment (villages are counted apart).
    expect(unitTable(s)).toEqual([
      ['VHXH', 9, 5, 2, 0, false, 4],
      ['VP', 9, 4, 1, 1, false, 7],
      ['KT', 6, 3, 0, 1, false, 5],
      ['TTVH', 5, 2, 1, 1, false, 3],
      ['TTHCC', 6, 2, 0, 1, false, 5],
      ['TRUONG_MN', 4, 2, 1, 0, false, 3],
      ['TRUONG_TH', 4, 2, 0, 0, false, 3],
      ['TRUONG_THCS', 4, 2, 0, 1, false, 4],
    ]);
    expect(s.units[0]).toMatchObject({
      name: 'Phòng Văn hóa - Xã hội',
      kind: 'department',
      emails: [],
    });
  });

  it('lists every active village with its report (replaced and flagged ones ignored)', () => {
    expect(
      s.villages.map(v => [v.code, v.reported, v.reportedAt, v.reporter]),
    ).toEqual([
      ['THON01', true, '2025-08-30T10:00:00+07:00', 'Nguyễn Văn An'],
      ['THON02', true, '2025-08-31T08:00:00+07:00', 'Trần Thị Bình'],
      ['THON03', true, '2025-09-01T15:30:00+07:00', 'Lê Văn Cường'],
      ['THON04', false, null, ''],
      ['THON05', false, null, ''],
    ]);
    expect(s.villages[0].perTask).toEqual([
      {
        tt: '1',
        progress: 'in_progress',
        count: null,
        summary: 'Họp dân phổ biến văn bản',
      },
      {tt: '5', progress: 'done', count: 1, summary: 'Tuyến đường hoa'},
      {tt: '10', progress: 'done', count: 1, summary: 'Đối thoại ngày 28/8'},
    ]);
    expect(s.villages[0]).toMatchObject({
      difficulties: 'Thiếu kinh phí',
      proposals: 'Hỗ trợ kinh phí duy trì mô hình',
      evidence: ['https://example.org/thon01.jpg'],
    });
    expect(s.villages[1].perTask).toEqual([
      {tt: '5', progress: 'in_progress', count: 0, summary: 'Đang vận động'},
    ]);
    expect(s.villages.map(v => v.quotas)).toEqual([
      [
        {tt: '5', met: true},
        {tt: '10', met: true},
      ],
      [
        {tt: '5', met: false},
        {tt: '10', met: false},
      ],
      [
        {tt: '5', met: true},
        {tt: '10', met: false},
      ],
      [
        {tt: '5', met: false},
        {tt: '10', met: false},
      ],
      [
        {tt: '5', met: false},
        {tt: '10', met: false},
      ],
    ]);
  });

  it('counts the model of task 5 and the dialogue of task 10 as "x of N" villages', () => {
    expect(s.quotas).toEqual([
      {
        tt: '5',
        text: 'Xây dựng Mô hình dân vận khéo: 1 mô hình/thôn (tuyến đường, CLB, tổ tự quản…)',
        quota: 1,
        done: 2,
        total: 5,
        label: '2/5 thôn',
        missing: ['Thôn mẫu 2', 'Thôn mẫu 4', 'Thôn mẫu 5'],
        missingCodes: ['THON02', 'THON04', 'THON05'],
      },
      expect.objectContaining({
        tt: '10',
        quota: 1,
        done: 1,
        total: 5,
        label: '1/5 thôn',
        missing: ['Thôn mẫu 2', 'Thôn mẫu 3', 'Thôn mẫu 4', 'Thôn mẫu 5'],
      }),
    ]);
    expect(s.tasks.find(t => t.tt === '5')?.quota).toBe(s.quotas[0]);
    expect(s.tasks.filter(t => t.quota).map(t => t.tt)).toEqual(['5', '10']);
  });

  it('lists the overdue assignments with their days late', () => {
    expect(overdueTable(s)).toEqual([
      ['7', 'VP', 'support', '2025-08-30', 3],
      ['13', 'KT', 'support', '2025-08-31', 2],
      ['13', 'TTVH', 'support', '2025-08-31', 2],
      ['13', 'TTHCC', 'support', '2025-08-31', 2],
      ['13', 'TRUONG_THCS', 'support', '2025-08-31', 2],
    ]);
    expect(s.overdue[2]).toMatchObject({
      unitName: 'Trung tâm Văn hóa, Thể thao và Truyền thông',
      status: 'Đang thực hiện quá hạn',
      text: s.tasks[12].text,
    });
  });

  it('lists who has not reported', () => {
    expect(s.notReported.map(n => [n.code, n.kind, n.pending])).toEqual([
      ['VHXH', 'department', 4],
      ['VP', 'department', 7],
      ['KT', 'department', 5],
      ['TTVH', 'center', 3],
      ['TTHCC', 'center', 5],
      ['TRUONG_MN', 'school', 3],
      ['TRUONG_TH', 'school', 3],
      ['TRUONG_THCS', 'school', 4],
      ['THON04', 'village', 0],
      ['THON05', 'village', 0],
    ]);
  });
});

describe('computeSummary, kỳ 2 as of 02/12/2025', () => {
  const s = computeSummary(ky2Input());

  it('rolls up and counts the tasks', () => {
    expect(statuses(s)).toEqual({
      '1': 'Thường xuyên / không có thời hạn',
      '2': 'Đã hoàn thành đúng hạn',
      '3': 'Thường xuyên / không có thời hạn',
      '4': 'Đang thực hiện trong hạn',
      '5': 'Thường xuyên / không có thời hạn',
      '6': 'Thường xuyên / không có thời hạn',
      '7': 'Đã hoàn thành đúng hạn',
      '8': 'Đang thực hiện trong hạn',
      '9': 'Đang thực hiện trong hạn',
      '10': 'Đã hoàn thành quá hạn',
      '11': 'Thường xuyên / không có thời hạn',
      '12': 'Tạm dừng',
      '13': 'Đã hoàn thành quá hạn',
    });
    expect(countsOf(s)).toEqual({
      ...zeroCounts(),
      'Đã hoàn thành đúng hạn': 2,
      'Đã hoàn thành quá hạn': 2,
      'Đang thực hiện trong hạn': 3,
      'Tạm dừng': 1,
      'Thường xuyên / không có thời hạn': 5,
    });
    expect(s.totals).toEqual({
      tasks: 13,
      assignments: 62,
      assignmentsDone: 10,
      assignmentsOverdue: 7,
      units: 8,
      unitsReported: 0,
      villages: 5,
      villagesReported: 3,
    });
  });

  it('judges "reported" on kỳ 2 only: earlier entries do not count', () => {
    expect(s.tasks.find(t => t.tt === '1')?.progressSummary).toBe(
      '1/13 đơn vị đã báo cáo trong kỳ; 0/13 đơn vị đã hoàn thành',
    );
    expect(s.tasks.find(t => t.tt === '5')?.progressSummary).toBe(
      '2/5 đơn vị đã báo cáo trong kỳ; 3/5 đơn vị đã hoàn thành',
    );
    expect(unitTable(s)).toEqual([
      ['VHXH', 9, 5, 3, 1, false, 5],
      ['VP', 9, 4, 2, 2, false, 7],
      ['KT', 6, 3, 0, 1, false, 5],
      ['TTVH', 5, 2, 1, 1, false, 4],
      ['TTHCC', 6, 2, 0, 1, false, 4],
      ['TRUONG_MN', 4, 2, 1, 0, false, 3],
      ['TRUONG_TH', 4, 2, 0, 0, false, 3],
      ['TRUONG_THCS', 4, 2, 0, 1, false, 4],
    ]);
    expect(s.notReported.map(n => [n.code, n.pending])).toEqual([
      ['VHXH', 5],
      ['VP', 7],
      ['KT', 5],
      ['TTVH', 4],
      ['TTHCC', 4],
      ['TRUONG_MN', 3],
      ['TRUONG_TH', 3],
      ['TRUONG_THCS', 4],
      ['THON01', 0],
      ['THON05', 0],
    ]);
  });

  it('counts the villages towards "x of N" over kỳ 1 and kỳ 2', () => {
    expect(
      s.quotas.map(q => [q.tt, q.done, q.total, q.label, q.missing]),
    ).toEqual([
      ['5', 3, 5, '3/5 thôn', ['Thôn mẫu 4', 'Thôn mẫu 5']],
      ['10', 3, 5, '3/5 thôn', ['Thôn mẫu 4', 'Thôn mẫu 5']],
    ]);
    expect(s.villages.map(v => [v.code, v.reported])).toEqual([
      ['THON01', false],
      ['THON02', true],
      ['THON03', true],
      ['THON04', true],
      ['THON05', false],
    ]);
    expect(s.villages[3].perTask).toEqual([
      {tt: '10', progress: 'in_progress', count: 0, summary: 'Đã lên lịch'},
      {tt: '5', progress: 'in_progress', count: 0, summary: ''},
    ]);
  });

  it('lists the overdue assignments', () => {
    expect(overdueTable(s)).toEqual([
      ['2', 'VP', 'support', '2025-09-05', 88],
      ['7', 'VP', 'support', '2025-08-30', 94],
      ['10', 'VHXH', 'support', '2025-11-30', 2],
      ['13', 'KT', 'support', '2025-08-31', 93],
      ['13', 'TTVH', 'support', '2025-08-31', 93],
      ['13', 'TTHCC', 'support', '2025-08-31', 93],
      ['13', 'TRUONG_THCS', 'support', '2025-08-31', 93],
    ]);
  });
});

describe('computeSummary, an ad-hoc period', () => {
  const s = computeSummary(adhocInput());

  it('uses the ad-hoc period from the periods tab and the admin’s due-date override', () => {
    expect(s.header.period).toEqual({
      id: 'DX1',
      name: 'Báo cáo đột xuất tháng 10',
      kind: 'adhoc',
      start: '2025-10-01',
      due: '2025-10-15',
    });
    expect(s.tasks.find(t => t.tt === '4')).toMatchObject({
      due: '2025-10-10',
      status: 'Đang thực hiện quá hạn',
    });
    expect(countsOf(s)).toEqual({
      ...zeroCounts(),
      'Đã hoàn thành đúng hạn': 2,
      'Đã hoàn thành quá hạn': 1,
      'Đang thực hiện trong hạn': 2,
      'Đang thực hiện quá hạn': 1,
      'Chưa thực hiện': 1,
      'Tạm dừng': 1,
      'Thường xuyên / không có thời hạn': 5,
    });
  });

  it('counts units, villages, quotas, overdue and missing reports for the ad-hoc window', () => {
    expect(s.totals).toEqual({
      tasks: 13,
      assignments: 62,
      assignmentsDone: 9,
      assignmentsOverdue: 7,
      units: 8,
      unitsReported: 0,
      villages: 5,
      villagesReported: 1,
    });
    // No unit has updated every assignment it owes in the window: none has reported (in full).
    expect(s.units.filter(u => u.reportedThisPeriod).map(u => u.code)).toEqual(
      [],
    );
    expect(unitTable(s).find(r => r[0] === 'KT')).toEqual([
      'KT',
      6,
      3,
      0,
      2,
      false,
      5,
    ]);
    expect(s.quotas.map(q => [q.tt, q.label, q.missingCodes])).toEqual([
      ['5', '3/5 thôn', ['THON02', 'THON04']],
      ['10', '2/5 thôn', ['THON02', 'THON03', 'THON04']],
    ]);
    expect(overdueTable(s)).toEqual([
      ['2', 'VP', 'support', '2025-09-05', 39],
      ['4', 'KT', 'lead', '2025-10-10', 4],
      ['7', 'VP', 'support', '2025-08-30', 45],
      ['13', 'KT', 'support', '2025-08-31', 44],
      ['13', 'TTVH', 'support', '2025-08-31', 44],
      ['13', 'TTHCC', 'support', '2025-08-31', 44],
      ['13', 'TRUONG_THCS', 'support', '2025-08-31', 44],
    ]);
    expect(s.notReported.map(n => [n.code, n.pending])).toEqual([
      ['VHXH', 6],
      ['VP', 8],
      ['KT', 5],
      ['TTVH', 4],
      ['TTHCC', 4],
      ['TRUONG_MN', 3],
      ['TRUONG_TH', 3],
      ['TRUONG_THCS', 4],
      ['THON01', 0],
      ['THON02', 0],
      ['THON03', 0],
      ['THON04', 0],
    ]);
  });

  it('counts quotas over every period due up to it, ad-hoc ones included', () => {
    expect(periodsUpTo(PERIODS, ADHOC).map(p => p.id)).toEqual(['KY1', 'DX1']);
    expect(periodsUpTo(PERIODS, PERIODS[1]).map(p => p.id)).toEqual([
      'KY1',
      'DX1',
      'KY2',
    ]);
  });

  it('hard-codes nothing: renumbered tasks and another quota task work the same', () => {
    const input = adhocInput();
    input.tasks = input.tasks.map(t => ({
      ...t,
      tt: `A${t.tt}`,
      quotaPerVillage: t.tt === '8' ? 2 : t.quotaPerVillage,
    }));
    input.assignments = input.assignments.map(a => ({
      ...a,
      tt: `A${a.tt}`,
      id: `A${a.id}`,
    }));
    input.villageReports = input.villageReports.map(r => ({
      ...r,
      tasks: r.tasks.map(t => ({...t, tt: `A${t.tt}`})),
    }));
    const renamed = computeSummary(input);
    expect(renamed.quotas.map(q => [q.tt, q.quota, q.label])).toEqual([
      ['A5', 1, '3/5 thôn'],
      ['A8', 2, '0/5 thôn'],
      ['A10', 1, '2/5 thôn'],
    ]);
    expect(renamed.counts).toEqual(s.counts);
  });
});

describe('computeSummary edge cases', () => {
  it('refuses an unknown period', () => {
    expect(() => computeSummary({...ky1Input(), periodId: 'KY9'})).toThrow(
      'Không tìm thấy kỳ báo cáo "KY9".',
    );
  });

  it('reads the summary date in the plan zone from a UTC timestamp', () => {
    const s = computeSummary({...ky1Input(), asOf: '2025-09-02T18:00:00Z'});
    expect(s.header.asOfDate).toBe('2025-09-03');
  });

  it('works with no villages and no assignments', () => {
    const input = ky1Input();
    input.units = input.units.filter(u => u.kind !== 'village');
    input.assignments = [];
    const s = computeSummary(input);
    expect(s.totals.villages).toBe(0);
    expect(s.quotas.map(q => q.label)).toEqual(['0/0 thôn', '0/0 thôn']);
    expect(s.units).toEqual([]);
    expect(s.notReported).toEqual([]);
    const grid = summaryToGrid(s);
    expect(sectionRows(grid, 'villages')).toEqual([
      ['(Không có)', ...Array(SUMMARY_WIDTH - 1).fill('')],
    ]);
  });

  it('ignores assignments of tasks no longer in the plan', () => {
    const input = ky1Input();
    input.assignments = [
      ...input.assignments,
      {...input.assignments[0], id: '99|VHXH|lead', tt: '99'},
    ];
    expect(computeSummary(input).totals.assignments).toBe(62);
  });
});

describe('summaryToGrid', () => {
  const s = computeSummary(ky1Input());
  const grid = summaryToGrid(s);

  it('is a rectangle of text and numbers, the same every time', () => {
    expect(grid.width).toBe(SUMMARY_WIDTH);
    expect(grid.widths).toHaveLength(SUMMARY_WIDTH);
    for (const row of grid.rows) {
      expect(row).toHaveLength(SUMMARY_WIDTH);
      for (const cell of row)
        expect(['string', 'number']).toContain(typeof cell);
    }
    expect(summaryToGrid(computeSummary(ky1Input()))).toEqual(grid);
  });

  it('starts with the header in Vietnamese', () => {
    expect(grid.rows.slice(0, grid.headerRows).map(r => r[0])).toEqual([
      'TỔNG HỢP KẾT QUẢ THỰC HIỆN CÔNG TÁC DÂN VẬN CHÍNH QUYỀN',
      'UBND xã Đại Sơn (xã Đại Sơn)',
      'Kế hoạch số 125/KH-UBND: Kế hoạch công tác dân vận chính quyền 6 tháng cuối năm 2025',
      'Kỳ báo cáo: Kỳ 1 (báo cáo trước 03/09/2025) – mã KY1 (định kỳ), từ ngày 01/07/2025 đến ngày 03/09/2025',
      'Hạn báo cáo: 03/09/2025 (còn 1 ngày)',
      'Số liệu tính đến: 02/09/2025 07:00',
      'Đơn vị tổng hợp: Phòng Văn hóa - Xã hội',
      'Tình hình chung: 13 nhiệm vụ, 62 phân công (đã hoàn thành 7, quá hạn 5); 0/8 đơn vị đã báo cáo trong kỳ; 3/5 thôn đã gửi báo cáo.',
    ]);
  });

  it('has the seven sections in order, each with a title, a header and its rows', () => {
    expect(grid.sections.map(x => [x.key, x.title])).toEqual([
      ['counts', 'I. TỔNG HỢP THEO TÌNH TRẠNG THỰC HIỆN'],
      ['tasks', 'II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ'],
      ['units', 'III. TÌNH HÌNH THỰC HIỆN CỦA CÁC ĐƠN VỊ'],
      ['villages', 'IV. BÁO CÁO CỦA CÁC THÔN'],
      ['quotas', 'V. CHỈ TIÊU THEO THÔN'],
      ['overdue', 'VI. CÁC PHÂN CÔNG QUÁ HẠN'],
      ['notReported', 'VII. ĐƠN VỊ, THÔN CHƯA BÁO CÁO TRONG KỲ'],
    ]);
    for (const x of grid.sections) {
      expect(grid.rows[x.titleRow - 1][0]).toBe(x.title);
      expect(grid.rows[x.headerRow - 1].slice(0, x.header.length)).toEqual(
        x.header,
      );
      expect(x.headerRow).toBe(x.titleRow + 1);
      expect(x.firstRow).toBe(x.headerRow + 1);
      expect(grid.rows[x.titleRow - 2].every(c => c === '')).toBe(true);
    }
    expect(grid.rows).toHaveLength(grid.sections[6].lastRow);
  });

  it('writes the counts with a total', () => {
    const rows = sectionRows(grid, 'counts');
    expect(rows.map(r => r.slice(0, 4))).toEqual([
      [1, 'Đã hoàn thành đúng hạn', 1, '7,7%'],
      [2, 'Đã hoàn thành quá hạn', 1, '7,7%'],
      [3, 'Đã hoàn thành', 0, '0%'],
      [4, 'Đang thực hiện trong hạn', 3, '23,1%'],
      [5, 'Đang thực hiện quá hạn', 0, '0%'],
      [6, 'Chưa thực hiện', 2, '15,4%'],
      [7, 'Chưa thực hiện quá hạn', 0, '0%'],
      [8, 'Tạm dừng', 1, '7,7%'],
      [9, 'Thường xuyên / không có thời hạn', 5, '38,5%'],
      ['', 'Tổng số', 13, '100%'],
    ]);
    expect(grid.totalRows[0]).toBe(grid.sections[0].lastRow);
  });

  it('writes one row per task with the results of each unit', () => {
    const rows = sectionRows(grid, 'tasks');
    expect(rows).toHaveLength(13);
    expect(rows[6]).toEqual([
      '7',
      'Xây dựng, sửa đổi, bổ sung Quy chế dân chủ ở cơ sở',
      'Phòng Văn hóa - Xã hội',
      'Văn phòng HĐND & UBND xã',
      'Hoàn thành trước ngày 30/8/2025',
      'Kế hoạch',
      '30/08/2025',
      '• Phòng Văn hóa - Xã hội (Chủ trì): Đã hoàn thành ngày 25/08/2025 – Đã ban hành Quy chế dân chủ\nChưa báo cáo: Văn phòng HĐND & UBND xã',
      'Đã hoàn thành đúng hạn',
      '1/1 đơn vị đã hoàn thành',
      'https://example.org/quy-che-7',
    ]);
    expect(rows[4][6]).toBe('Không có thời hạn');
    expect(rows[4][9]).toBe(
      '3/5 đơn vị đã báo cáo trong kỳ; 2/5 đơn vị đã hoàn thành; chỉ tiêu 1/thôn: 2/5 thôn đạt',
    );
    expect(rows[9][9]).toBe(
      '0/1 đơn vị đã hoàn thành; chỉ tiêu 1/thôn: 1/5 thôn đạt',
    );
    // User text is copied as it is: the tab writer keeps it as text.
    expect(rows[8][7]).toContain(
      '• Trung tâm Văn hóa, Thể thao và Truyền thông (Chủ trì): Đã hoàn thành ngày 20/08/2025 – =Kế hoạch số 12',
    );
    expect(rows[0][7]).toContain(
      '• Văn phòng HĐND & UBND xã (Chủ trì): Đang thực hiện – Đăng tải văn bản lên cổng thông tin (chưa cập nhật trong kỳ)',
    );
    expect(rows[10][7]).toContain('  Kiến nghị: Bổ sung đường dây nóng');
  });

  it('writes the units with totals, the villages, the quotas, overdue and missing reports', () => {
    const units = sectionRows(grid, 'units');
    expect(units[0]).toEqual([
      1,
      'Phòng Văn hóa - Xã hội',
      'VHXH',
      'Phòng',
      9,
      5,
      2,
      0,
      'Chưa báo cáo',
      4,
      '',
    ]);
    expect(units[units.length - 1]).toEqual([
      '',
      'Tổng cộng',
      '',
      '',
      47,
      22,
      5,
      5,
      '0/8 đã báo cáo',
      34,
      '',
    ]);
    const villages = sectionRows(grid, 'villages');
    expect(villages[0]).toEqual([
      1,
      'Thôn mẫu 1',
      'THON01',
      'Đã báo cáo',
      '30/08/2025 10:00',
      'Nguyễn Văn An',
      'NV5: Đạt\nNV10: Đạt',
      'NV1: Đang thực hiện – Họp dân phổ biến văn bản\nNV5: Đã hoàn thành, số lượng 1 – Tuyến đường hoa\nNV10: Đã hoàn thành, số lượng 1 – Đối thoại ngày 28/8',
      'Thiếu kinh phí',
      'Hỗ trợ kinh phí duy trì mô hình',
      'https://example.org/thon01.jpg',
    ]);
    expect(villages[4].slice(0, 7)).toEqual([
      5,
      'Thôn mẫu 5',
      'THON05',
      'Chưa báo cáo',
      '',
      '',
      'NV5: Chưa đạt\nNV10: Chưa đạt',
    ]);
    expect(sectionRows(grid, 'quotas').map(r => r.slice(0, 8))).toEqual([
      [
        '5',
        s.tasks[4].text,
        1,
        2,
        5,
        '2/5 thôn',
        '40%',
        'Thôn mẫu 2, Thôn mẫu 4, Thôn mẫu 5',
      ],
      [
        '10',
        s.tasks[9].text,
        1,
        1,
        5,
        '1/5 thôn',
        '20%',
        'Thôn mẫu 2, Thôn mẫu 3, Thôn mẫu 4, Thôn mẫu 5',
      ],
    ]);
    expect(sectionRows(grid, 'overdue')[0].slice(0, 8)).toEqual([
      '7',
      s.tasks[6].text,
      'Văn phòng HĐND & UBND xã',
      'Phối hợp',
      '30/08/2025',
      3,
      'Chưa thực hiện quá hạn',
      '',
    ]);
    expect(sectionRows(grid, 'notReported').map(r => r.slice(0, 6))).toEqual([
      [1, 'Phòng Văn hóa - Xã hội', '', 'Phòng', 'VHXH', 4],
      [2, 'Văn phòng HĐND & UBND xã', '', 'Phòng', 'VP', 7],
      [3, 'Phòng Kinh tế', '', 'Phòng', 'KT', 5],
      [
        4,
        'Trung tâm Văn hóa, Thể thao và Truyền thông',
        '',
        'Trung tâm',
        'TTVH',
        3,
      ],
      [5, 'Trung tâm Phục vụ hành chính công', '', 'Trung tâm', 'TTHCC', 5],
      [6, 'Trường Mầm non (mẫu)', '', 'Trường học', 'TRUONG_MN', 3],
      [7, 'Trường Tiểu học (mẫu)', '', 'Trường học', 'TRUONG_TH', 3],
      [8, 'Trường THCS (mẫu)', '', 'Trường học', 'TRUONG_THCS', 4],
      [9, 'Thôn mẫu 4', '', 'Thôn', 'THON04', 'Chưa gửi báo cáo thôn'],
      [10, 'Thôn mẫu 5', '', 'Thôn', 'THON05', 'Chưa gửi báo cáo thôn'],
    ]);
  });

  it('marks the status and reported columns for colouring', () => {
    const byKey = Object.fromEntries(grid.sections.map(x => [x.key, x]));
    expect(byKey.counts.statusColumn).toBe(2);
    expect(byKey.tasks.statusColumn).toBe(9);
    expect(byKey.overdue.statusColumn).toBe(7);
    expect(byKey.units.reportedColumn).toBe(9);
    expect(byKey.villages.reportedColumn).toBe(4);
  });

  it('cuts a cell to what Google Sheets holds', () => {
    const input = ky1Input();
    input.assignments = input.assignments.map(a =>
      a.id === '7|VHXH|lead' ? {...a, result: 'x'.repeat(60000)} : a,
    );
    const rows = sectionRows(summaryToGrid(computeSummary(input)), 'tasks');
    const cell = rows[6][7] as string;
    expect(cell.length).toBe(49000);
    expect(cell.endsWith('…')).toBe(true);
  });
});

describe('text helpers', () => {
  it('formats timestamps in the plan zone', () => {
    expect(formatVnDateTime('2025-09-02T07:05:00+07:00')).toBe(
      '02/09/2025 07:05',
    );
    expect(formatVnDateTime('2025-09-02T00:30:00Z')).toBe('02/09/2025 07:30');
    expect(formatVnDateTime('2025-09-02')).toBe('02/09/2025');
    expect(formatVnDateTime(null)).toBe('');
  });

  it('says when no unit is assigned', () => {
    expect(resultsText([])).toBe('Chưa phân công đơn vị nào.');
  });

  it('has a one-line headline', () => {
    expect(summaryHeadline(computeSummary(ky1Input()))).toBe(
      '2/13 nhiệm vụ đã hoàn thành; 5 phân công quá hạn; 0/8 đơn vị và 3/5 thôn đã báo cáo.',
    );
  });
});
