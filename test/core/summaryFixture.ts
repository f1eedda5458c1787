// A known state of the seed plan at kỳ 1, kỳ 2 and an ad-hoc period, shared by the summary tests.
import {expandPlan} from '../../src/core/assignments';
import {parseTimeline} from '../../src/core/timeline';
import type {Assignment, Progress, ReportingPeriod} from '../../src/core/types';
import type {
  StoredVillageReport,
  VillageReportState,
} from '../../src/core/villageReports';
import type {SummaryInput, SummaryTaskInput} from '../../src/core/summary';
import {DEFAULT_PLAN} from '../../src/plan/defaultPlan';

export const SETTINGS = {
  commune: 'Đại Sơn',
  issuer: 'UBND xã Đại Sơn',
  planTitle: 'Kế hoạch công tác dân vận chính quyền 6 tháng cuối năm 2025',
  planNumber: '125/KH-UBND',
  reportTo: 'Phòng Văn hóa - Xã hội',
  dueSoonDays: 3,
};

/** The ad-hoc period of the tests. */
export const ADHOC: ReportingPeriod = {
  id: 'DX1',
  name: 'Báo cáo đột xuất tháng 10',
  kind: 'adhoc',
  start: '2025-10-01',
  due: '2025-10-15',
  reminderOffsets: [3, 1],
  note: '',
};

export const PERIODS: ReportingPeriod[] = [...DEFAULT_PLAN.periods, ADHOC];

export function seedTasks(
  overrides: Record<string, string> = {},
): SummaryTaskInput[] {
  return DEFAULT_PLAN.tasks.map(t => ({
    ...t,
    timeline: parseTimeline(t.timelineText, {defaultYear: 2025}),
    dueOverride: overrides[t.tt] ?? null,
  }));
}

/** A change to one assignment, by id "tt|UNIT|role". */
type Change = Partial<Assignment>;

const at = (date: string, time = '09:00') => `${date}T${time}:00+07:00`;

/** Entries made by units in kỳ 1 (before 03/9/2025). */
export const KY1_CHANGES: Record<string, Change> = {
  '1|VHXH|lead': {
    progress: 'in_progress',
    result: 'Tuyên truyền trên hệ thống loa truyền thanh',
    updatedAt: at('2025-08-10'),
    updatedBy: 'vhxh@daison.gov.vn',
  },
  '1|VP|lead': {
    progress: 'in_progress',
    result: 'Đăng tải văn bản lên cổng thông tin',
    updatedAt: at('2025-06-20'),
  },
  '2|VHXH|lead': {
    progress: 'in_progress',
    result: 'Đang xây dựng báo cáo sơ kết',
    updatedAt: at('2025-08-15'),
  },
  '3|KT|lead': {
    progress: 'in_progress',
    result: 'Đã lồng ghép vào các cuộc họp thôn',
    updatedAt: at('2025-07-15'),
  },
  '7|VHXH|lead': {
    progress: 'done',
    completedOn: '2025-08-25',
    result: 'Đã ban hành Quy chế dân chủ',
    evidence: ['https://example.org/quy-che-7'],
    updatedAt: at('2025-08-25'),
  },
  '8|VHXH|lead': {
    progress: 'in_progress',
    result: 'Đang triển khai',
    updatedAt: at('2025-08-05'),
  },
  '9|TTVH|lead': {
    progress: 'done',
    completedOn: '2025-08-20',
    result: '=Kế hoạch số 12',
    evidence: [
      'https://example.org/ke-hoach-9',
      'https://example.org/quy-che-7',
    ],
    updatedAt: at('2025-08-20'),
  },
  '11|VP|lead': {
    progress: 'in_progress',
    result: 'Tiếp nhận 4 phản ánh',
    proposals: 'Bổ sung đường dây nóng',
    updatedAt: at('2025-08-01'),
  },
  '12|TTHCC|lead': {
    progress: 'paused',
    result: 'Tạm dừng chờ hướng dẫn',
    updatedAt: at('2025-07-20'),
  },
  '13|VP|lead': {
    progress: 'done',
    completedOn: '2025-09-01',
    result: 'Đã ký cam kết',
    updatedAt: at('2025-09-01'),
  },
  '13|VHXH|support': {
    progress: 'done',
    completedOn: '2025-08-20',
    updatedAt: at('2025-08-20'),
  },
  '13|TTVH|support': {progress: 'in_progress', updatedAt: at('2025-08-25')},
  '13|TRUONG_MN|support': {
    progress: 'done',
    completedOn: '2025-08-28',
    updatedAt: at('2025-08-28'),
  },
  '13|TRUONG_TH|support': {progress: 'paused', updatedAt: at('2025-08-29')},
};

/** Entries of kỳ 2 (04/9 – 03/12/2025), up to 14/10 for the ad-hoc period. */
export const EARLY_KY2_CHANGES: Record<string, Change> = {
  '2|VHXH|lead': {
    progress: 'done',
    completedOn: '2025-09-04',
    result: 'Đã tổ chức sơ kết',
    updatedAt: at('2025-09-04'),
  },
  '1|TTHCC|lead': {
    progress: 'in_progress',
    result: 'Niêm yết văn bản',
    updatedAt: at('2025-10-01'),
  },
  '4|KT|lead': {
    progress: 'in_progress',
    result: 'Đã công khai quy hoạch',
    updatedAt: at('2025-10-10'),
  },
};

export const LATE_KY2_CHANGES: Record<string, Change> = {
  '6|VHXH|lead': {
    progress: 'in_progress',
    result: 'Triển khai chữ ký số',
    updatedAt: at('2025-11-05'),
  },
  '10|VP|lead': {
    progress: 'done',
    completedOn: '2025-12-01',
    result: 'Tổ chức 3 cuộc đối thoại',
    updatedAt: at('2025-12-01'),
  },
};

/** The seed plan's 62 assignments with the given entries applied. */
export function assignmentsWith(
  ...changes: Record<string, Change>[]
): Assignment[] {
  const {assignments} = expandPlan(
    DEFAULT_PLAN.tasks,
    DEFAULT_PLAN.units,
    DEFAULT_PLAN.groups,
  );
  const merged: Record<string, Change> = Object.assign({}, ...changes);
  for (const id of Object.keys(merged)) {
    if (!assignments.some(a => a.id === id)) throw new Error(`No ${id}`);
  }
  return assignments.map(a => ({...a, ...(merged[a.id] ?? {})}));
}

type Answer = [
  tt: string,
  progress: Progress | null,
  count: number | null,
  summary: string,
];

export function report(
  responseId: string,
  periodId: string,
  unitCode: string,
  submittedAt: string,
  answers: Answer[],
  extra: Partial<StoredVillageReport> & {state?: VillageReportState} = {},
): StoredVillageReport {
  return {
    responseId,
    periodId,
    unitCode,
    village: `Thôn mẫu ${Number(unitCode.slice(4))}`,
    submittedAt,
    reporter: '',
    phone: '',
    answers: {},
    difficulties: '',
    proposals: '',
    evidence: [],
    state: 'valid',
    issue: '',
    tasks: answers.map(([tt, progress, count, summary]) => ({
      tt,
      progress,
      count,
      summary,
    })),
    ...extra,
  };
}

export const KY1_REPORTS: StoredVillageReport[] = [
  report(
    'r1',
    'KY1',
    'THON01',
    at('2025-08-30', '10:00'),
    [
      ['1', 'in_progress', null, 'Họp dân phổ biến văn bản'],
      ['5', 'done', 1, 'Tuyến đường hoa'],
      ['10', 'done', 1, 'Đối thoại ngày 28/8'],
    ],
    {
      reporter: 'Nguyễn Văn An',
      evidence: ['https://example.org/thon01.jpg'],
      difficulties: 'Thiếu kinh phí',
      proposals: 'Hỗ trợ kinh phí duy trì mô hình',
    },
  ),
  report(
    'r2',
    'KY1',
    'THON02',
    at('2025-08-20'),
    [['5', 'done', 1, 'Báo nhầm']],
    {state: 'replaced', issue: 'Đã được thay bằng phản hồi r3'},
  ),
  report(
    'r3',
    'KY1',
    'THON02',
    at('2025-08-31', '08:00'),
    [['5', 'in_progress', 0, 'Đang vận động']],
    {reporter: 'Trần Thị Bình'},
  ),
  report(
    'r4',
    'KY1',
    'THON03',
    at('2025-09-01', '15:30'),
    [
      ['1', 'in_progress', null, 'Tuyên truyền'],
      ['5', 'done', 1, 'CLB dân vận khéo'],
    ],
    {reporter: 'Lê Văn Cường'},
  ),
  report('r5', 'KY1', 'THON04', at('2025-09-01'), [['5', 'done', 1, 'x']], {
    state: 'flagged',
    issue: 'Không nhận ra thôn',
  }),
];

export const ADHOC_REPORTS: StoredVillageReport[] = [
  report(
    'a1',
    'DX1',
    'THON05',
    at('2025-10-10'),
    [
      ['5', 'done', 1, 'Mô hình camera an ninh'],
      ['10', 'done', 1, 'Đối thoại 08/10'],
    ],
    {reporter: 'Phạm Thị Dung'},
  ),
];

export const KY2_REPORTS: StoredVillageReport[] = [
  report(
    'k1',
    'KY2',
    'THON02',
    at('2025-11-20'),
    [
      ['5', 'done', 1, 'Tổ tự quản'],
      ['10', 'done', 1, 'Đối thoại 15/11'],
    ],
    {reporter: 'Trần Thị Bình'},
  ),
  report('k2', 'KY2', 'THON03', at('2025-11-25'), [['10', 'done', 1, '']]),
  report('k3', 'KY2', 'THON04', at('2025-11-28'), [
    ['10', 'in_progress', 0, 'Đã lên lịch'],
    ['5', 'in_progress', 0, ''],
  ]),
  report('k4', 'KY2', 'THON05', at('2025-11-28'), [['5', 'done', 1, '']], {
    state: 'flagged',
    issue: 'Kỳ đã đóng',
  }),
];

/** Kỳ 1 as of 07:00 on 02/9/2025. */
export function ky1Input(): SummaryInput {
  return {
    settings: SETTINGS,
    tasks: seedTasks(),
    units: DEFAULT_PLAN.units,
    periods: PERIODS,
    assignments: assignmentsWith(KY1_CHANGES),
    villageReports: KY1_REPORTS,
    periodId: 'KY1',
    asOf: at('2025-09-02', '07:00'),
  };
}

/** The ad-hoc period as of 08:00 on 14/10/2025, with task 4 due 10/10/2025 by the admin's override. */
export function adhocInput(): SummaryInput {
  return {
    settings: SETTINGS,
    tasks: seedTasks({'4': '2025-10-10'}),
    units: DEFAULT_PLAN.units,
    periods: PERIODS,
    assignments: assignmentsWith(KY1_CHANGES, EARLY_KY2_CHANGES),
    villageReports: [...KY1_REPORTS, ...ADHOC_REPORTS],
    periodId: 'DX1',
    asOf: at('2025-10-14', '08:00'),
  };
}

/** Kỳ 2 as of 07:00 on 02/12/2025. */
export function ky2Input(): SummaryInput {
  return {
    settings: SETTINGS,
    tasks: seedTasks(),
    units: DEFAULT_PLAN.units,
    periods: DEFAULT_PLAN.periods,
    assignments: assignmentsWith(
      KY1_CHANGES,
      EARLY_KY2_CHANGES,
      LATE_KY2_CHANGES,
    ),
    villageReports: [...KY1_REPORTS, ...KY2_REPORTS],
    periodId: 'KY2',
    asOf: at('2025-12-02', '07:00'),
  };
}
