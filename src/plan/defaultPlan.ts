// The default plan: the xã Đại Sơn plan for the second half of 2025 (seed appendix, units, periods).
import {readQuotaPerVillage} from '../core/plan';
import type {
  Plan,
  ReportingPeriod,
  Task,
  Unit,
  UnitGroup,
  UnitKind,
} from '../core/types';

/** One appendix row as written; the quota is read from the task's text. */
function task(
  tt: string,
  text: string,
  lead: string,
  support: string,
  timelineText: string,
  product: string,
): Task {
  return {
    tt,
    text,
    lead,
    support,
    timelineText,
    product,
    quotaPerVillage: readQuotaPerVillage(text),
  };
}

/** A task villages report through the village form whatever its assignments. */
function withVillageForm(t: Task): Task {
  return {...t, villageForm: true};
}

/** The 13 tasks of the appendix (Phụ lục), transcribed word for word. */
export const DEFAULT_TASKS: Task[] = [
  task(
    '1',
    'Phổ biến, quán triệt, tuyên truyền và triển khai các văn bản của Trung ương, thành phố về công tác dân vận gắn với việc thực hiện dân chủ ở cơ sở;',
    'Các Phòng, ban, đơn vị thuộc UBND xã; các thôn',
    '',
    'Thường xuyên',
    'Báo cáo, hình ảnh',
  ),
  task(
    '2',
    'Tổ chức sơ kết 5 năm thực hiện Chỉ thị số 33/CT- TTg ngày 26/11/2021 của Thủ tướng Chính phủ; báo cáo sơ kết 5 năm thực hiện công tác dân vận của cơ quan hành chính nhà nước, chính quyền các cấp giai đoạn 2021 - 2025',
    'Phòng Văn hóa- Xã hội',
    'Văn phòng HĐND&UBND xã',
    'Xong trước 05/9/2025',
    'Kế hoạch, báo cáo',
  ),
  task(
    '3',
    'Thực hiện công tác dân vận gắn với thực hiện Nghị quyết của Đảng ủy về xây dựng nông thôn mới nâng cao trên địa bàn xã giai đoạn 2021-2025.',
    'Phòng Kinh tế',
    'Các phòng, đơn vị liên quan',
    '6 tháng cuối năm 2025 và các năm tiếp theo',
    'Báo cáo kết quả',
  ),
  task(
    '4',
    'Thực hiện công khai tài chính, dự án, quy hoạch',
    'Phòng Kinh tế',
    '',
    'Quý III, IV/2025',
    'Biên bản công khai',
  ),
  task(
    '5',
    'Xây dựng Mô hình dân vận khéo: 1 mô hình/thôn (tuyến đường, CLB, tổ tự quản…)',
    'Các thôn',
    '',
    '6 tháng cuối năm 2025 và các năm tiếp theo',
    'Báo cáo kết quả',
  ),
  task(
    '6',
    'Thực hiện công tác dân vận gắn với thực hiện Kế hoạch hành động của Ban Thường vụ Thành ủy thực hiện Nghị quyết số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị về chuyển đổi số',
    'Phòng Văn hóa- Xã hội',
    'Các phòng chuyên môn, đơn vị liên quan',
    '6 tháng cuối năm 2025 và các năm tiếp theo',
    'Kế hoạch/Báo cáo kết quả',
  ),
  task(
    '7',
    'Xây dựng, sửa đổi, bổ sung Quy chế dân chủ ở cơ sở',
    'Phòng Văn hóa- Xã hội',
    'Văn phòng HĐND&UBND xã',
    'Hoàn thành trước ngày 30/8/2025',
    'Kế hoạch',
  ),
  task(
    '8',
    'Triển khai thực hiện dân chủ ở trên địa bàn xã và cộng đồng dân cư trên',
    'Phòng Văn hóa- Xã hôi.',
    'Các phòng chuyên môn, đơn vị, các thôn',
    '6 tháng cuối năm 2025',
    'Báo cáo kết quả',
  ),
  task(
    '9',
    'Triển khai thực hiện dân chủ tại các đơn vị sự nghiệp công lập',
    'Trung tâm Văn hóa, Thể thao và Truyền thông, các trường học',
    'Phòng Văn hóa- Xã hội',
    '6 tháng cuối năm 2025',
    'Kế hoạch/Báo cáo kết quả',
  ),
  task(
    '10',
    'Tăng cường đối thoại, tiếp xúc trực tiếp với Nhân dân, tháo gỡ khó khăn, vướng mắc của Nhân dân (01 cuộc/thôn)',
    'Văn phòng HĐND&UBND xã',
    'Phòng Văn hóa- Xã hội',
    'Tháng 9-11/2025',
    'Biên bản đối thoại',
  ),
  // Villages receive people's feedback too (Ban công tác Mặt trận "tiếp nhận phản ánh của Nhân
  // dân", section III.5), so task 11 gets a section in the village form though no village is assigned.
  withVillageForm(
    task(
      '11',
      'Kịp thời tiếp nhận, giải quyết và tạo điều kiện thuận lợi để công dân, doanh nghiệp góp ý, phản ánh, kiến nghị, khiếu nại, tố cáo các hành vi tham nhũng, gây phiền hà, sách nhiễu, thu phí ngoài quy định trong giải quyết thủ tục hành chính qua đường dây nóng, điện thoại, tin nhắn, thư điện tử và các hình thức khác được pháp luật cho phép',
      'Văn phòng HĐND&UBND xã',
      'Trung tâm Phục vụ hành chính công',
      'Thường xuyên',
      'Tổng hợp các phản ánh, kiến nghị',
    ),
  ),
  task(
    '12',
    'Rà soát thủ tục, hồ sơ tại Trung tâm Phục vụ hành chính công',
    'Trung tâm Phục vụ hành chính công',
    'Các phòng chuyên môn liên quan',
    'Thường xuyên',
    'Báo cáo cải cách hành chính',
  ),
  task(
    '13',
    'Ký cam kết không gây phiền hà, sách nhiễu, tiêu cực trong thực thi nhiệm vụ, công vụ của cán bộ, công chức, viên chức',
    'Văn phòng HĐND&UBND xã',
    'Các phòng chuyên môn, đơn vị trên địa bàn xã',
    'Tháng 8/2025',
    'Bản cam kết',
  ),
];

/** Reporting dates of section III: "lần 1 trước ngày 03/9/2025 và lần 2 trước ngày 03/12/2025". */
export const DEFAULT_PERIODS: ReportingPeriod[] = [
  {
    id: 'KY1',
    name: 'Kỳ 1 (báo cáo trước 03/09/2025)',
    kind: 'regular',
    start: '2025-07-01',
    due: '2025-09-03',
    reminderOffsets: [7, 3, 1],
    note: 'Báo cáo kết quả công tác dân vận chính quyền lần 1 về UBND xã (qua Phòng Văn hóa - Xã hội) trước ngày 03/09/2025.',
  },
  {
    id: 'KY2',
    name: 'Kỳ 2 (báo cáo trước 03/12/2025)',
    kind: 'regular',
    start: '2025-09-04',
    due: '2025-12-03',
    reminderOffsets: [7, 3, 1],
    note: 'Báo cáo kết quả công tác dân vận chính quyền lần 2 về UBND xã (qua Phòng Văn hóa - Xã hội) trước ngày 03/12/2025.',
  },
];

/** Group tags. */
const DEPARTMENT = 'phòng chuyên môn';
const UNDER_COMMITTEE = 'thuộc UBND xã';
const SCHOOL = 'trường học';
const VILLAGE = 'thôn';
const PUBLIC_SERVICE = 'đơn vị sự nghiệp';
const FRONT_BOARD = 'ban công tác mặt trận';

/**
 * Sample members of the plan's per-task "… liên quan" groups (tasks 3, 6 and 12): the plan names
 * none, and an empty group is flagged "Cần xem lại" at set-up, so the sample data tags a few
 * likely units for the sample to set up clean. A commune replaces them with its own choice.
 */
const related = (tt: string) => `liên quan ${tt}`;

function unit(
  code: string,
  name: string,
  kind: UnitKind,
  aliases: string[],
  tags: string[],
  extra: Partial<Pick<Unit, 'sample' | 'note'>> = {},
): Unit {
  return {
    code,
    name,
    kind,
    aliases,
    tags,
    person: '',
    emails: [],
    phone: '',
    active: true,
    sample: extra.sample ?? false,
    note: extra.note ?? '',
  };
}

const SAMPLE_SCHOOL_NOTE =
  'Dữ liệu mẫu: kế hoạch chỉ ghi "các trường học". Thay bằng tên các trường thực tế trên địa bàn xã, hoặc tạm ngừng theo dõi nếu không có.';
const SAMPLE_VILLAGE_NOTE =
  'Dữ liệu mẫu: kế hoạch không nêu tên các thôn. Thay bằng các thôn thực tế của xã (tên, người phụ trách, e-mail), thêm hoặc bớt dòng cho đủ số thôn.';
const SAMPLE_FRONT_NOTE =
  'Dữ liệu mẫu: đổi tên theo thôn thực tế của xã, cùng lúc với danh sách thôn.';

/** The number of sample villages. */
export const SAMPLE_VILLAGE_COUNT = 5;

function villageNumber(n: number): string {
  return String(n).padStart(2, '0');
}

/** Sample villages "Thôn mẫu 1".."Thôn mẫu 5" (THON01..THON05): the plan names none. */
export const SAMPLE_VILLAGES: Unit[] = Array.from(
  {length: SAMPLE_VILLAGE_COUNT},
  (_, i) =>
    unit(
      `THON${villageNumber(i + 1)}`,
      `Thôn mẫu ${i + 1}`,
      'village',
      [],
      [VILLAGE],
      {
        sample: true,
        note: SAMPLE_VILLAGE_NOTE,
      },
    ),
);

/** Each sample village's Ban công tác Mặt trận (BCTMT01..BCTMT05). */
export const SAMPLE_FRONT_BOARDS: Unit[] = Array.from(
  {length: SAMPLE_VILLAGE_COUNT},
  (_, i) =>
    unit(
      `BCTMT${villageNumber(i + 1)}`,
      `Ban công tác Mặt trận thôn mẫu ${i + 1}`,
      'front',
      [],
      [FRONT_BOARD],
      {sample: true, note: SAMPLE_FRONT_NOTE},
    ),
);

/** The units the plan names (section III, the appendix, the recipients), then the sample ones. */
export const DEFAULT_UNITS: Unit[] = [
  unit(
    'VHXH',
    'Phòng Văn hóa - Xã hội',
    'department',
    [
      'Phòng Văn hóa- Xã hội',
      'Phòng Văn hóa- Xã hôi',
      'Phòng Văn hóa - Xã hội xã',
      'Phòng VH-XH',
      'Phòng VHXH',
    ],
    [DEPARTMENT, UNDER_COMMITTEE, related('3')],
    {
      note: 'Cơ quan tổng hợp, nhận báo cáo kết quả công tác dân vận chính quyền.',
    },
  ),
  unit(
    'VP',
    'Văn phòng HĐND & UBND xã',
    'department',
    [
      'Văn phòng HĐND&UBND xã',
      'Văn phòng HĐND&UBND',
      'Văn phòng HĐND và UBND xã',
      'Văn phòng HĐND và UBND',
    ],
    [DEPARTMENT, UNDER_COMMITTEE, related('6'), related('12')],
  ),
  unit(
    'KT',
    'Phòng Kinh tế',
    'department',
    ['Phòng Kinh tế xã'],
    [DEPARTMENT, UNDER_COMMITTEE, related('12')],
  ),
  unit(
    'TTVH',
    'Trung tâm Văn hóa, Thể thao và Truyền thông',
    'center',
    [
      'Trung tâm VHTT&TT xã',
      'Trung tâm VHTT&TT',
      'Trung tâm Văn hóa, Thể thao và Truyền thông xã',
    ],
    [UNDER_COMMITTEE, PUBLIC_SERVICE, related('3')],
  ),
  unit(
    'TTHCC',
    'Trung tâm Phục vụ hành chính công',
    'center',
    ['Trung tâm Phục vụ hành chính công xã'],
    [UNDER_COMMITTEE, related('6')],
  ),
  unit(
    'TRUONG_MN',
    'Trường Mầm non (mẫu)',
    'school',
    [],
    [UNDER_COMMITTEE, SCHOOL, PUBLIC_SERVICE],
    {
      sample: true,
      note: SAMPLE_SCHOOL_NOTE,
    },
  ),
  unit(
    'TRUONG_TH',
    'Trường Tiểu học (mẫu)',
    'school',
    [],
    [UNDER_COMMITTEE, SCHOOL, PUBLIC_SERVICE],
    {
      sample: true,
      note: SAMPLE_SCHOOL_NOTE,
    },
  ),
  unit(
    'TRUONG_THCS',
    'Trường THCS (mẫu)',
    'school',
    [],
    [UNDER_COMMITTEE, SCHOOL, PUBLIC_SERVICE],
    {
      sample: true,
      note: SAMPLE_SCHOOL_NOTE,
    },
  ),
  unit('CA', 'Công an xã', 'force', [], []),
  unit('QS', 'Ban chỉ huy quân sự xã', 'force', ['Ban CHQS xã'], []),
  unit(
    'MTTQ',
    'Ủy ban MTTQ Việt Nam xã',
    'front',
    [
      'Ủy ban MTTQ VN xã',
      'Ủy ban MTTQ xã',
      'UBMTTQ xã',
      'Ủy ban Mặt trận Tổ quốc Việt Nam xã',
    ],
    [],
  ),
  ...SAMPLE_VILLAGES,
  ...SAMPLE_FRONT_BOARDS,
];

const RELATED_NOTE =
  'Nhóm theo từng nhiệm vụ: gắn nhãn "liên quan {tt}" (ví dụ "liên quan 3") cho các đơn vị liên quan đến nhiệm vụ số {tt}. Dữ liệu mẫu đã gắn cho vài đơn vị (nhiệm vụ 3, 6, 12): sửa lại theo phân công thực tế của xã.';
const UNDER_COMMITTEE_NOTE =
  'Các phòng chuyên môn và đơn vị thuộc UBND xã (đơn vị mang nhãn "thuộc UBND xã").';

/** The phrases the plan uses for several units at once, and the tag each stands for. */
export const DEFAULT_GROUPS: UnitGroup[] = [
  {
    phrase: 'Các Phòng, ban, đơn vị thuộc UBND xã',
    tag: UNDER_COMMITTEE,
    note: UNDER_COMMITTEE_NOTE,
  },
  {
    phrase: 'Các thôn',
    tag: VILLAGE,
    note: 'Tất cả các thôn (đơn vị mang nhãn "thôn").',
  },
  {
    phrase: 'Các thôn trên địa bàn xã',
    tag: VILLAGE,
    note: 'Tất cả các thôn (đơn vị mang nhãn "thôn").',
  },
  {
    phrase: 'Các phòng chuyên môn',
    tag: DEPARTMENT,
    note: 'Các phòng chuyên môn (đơn vị mang nhãn "phòng chuyên môn").',
  },
  {
    phrase: 'Các phòng chuyên môn thuộc UBND xã',
    tag: DEPARTMENT,
    note: 'Các phòng chuyên môn (đơn vị mang nhãn "phòng chuyên môn").',
  },
  {
    phrase: 'các trường học',
    tag: SCHOOL,
    note: 'Các trường học trên địa bàn xã (đơn vị mang nhãn "trường học").',
  },
  {
    phrase: 'Các đơn vị sự nghiệp công lập',
    tag: PUBLIC_SERVICE,
    note: 'Trung tâm và trường học (đơn vị mang nhãn "đơn vị sự nghiệp").',
  },
  {
    phrase: 'Các phòng, đơn vị liên quan',
    tag: 'liên quan {tt}',
    note: RELATED_NOTE,
  },
  {
    phrase: 'Các phòng chuyên môn, đơn vị liên quan',
    tag: 'liên quan {tt}',
    note: RELATED_NOTE,
  },
  {
    phrase: 'Các phòng chuyên môn liên quan',
    tag: 'liên quan {tt}',
    note: RELATED_NOTE,
  },
  {
    phrase: 'Các phòng chuyên môn, đơn vị',
    tag: UNDER_COMMITTEE,
    note: UNDER_COMMITTEE_NOTE,
  },
  {
    phrase: 'Các phòng chuyên môn, đơn vị trên địa bàn xã',
    tag: UNDER_COMMITTEE,
    note: UNDER_COMMITTEE_NOTE,
  },
  {
    phrase: 'Các Ban công tác Mặt trận',
    tag: FRONT_BOARD,
    note: 'Ban công tác Mặt trận của các thôn (đơn vị mang nhãn "ban công tác mặt trận").',
  },
];

/** The seed plan: xã Đại Sơn, 6 tháng cuối năm 2025. Only seeds an empty workbook. */
export const DEFAULT_PLAN: Plan = {
  title:
    'Triển khai thực hiện công tác dân vận chính quyền 6 tháng cuối năm 2025 trên địa bàn xã Đại Sơn',
  number: '',
  commune: 'Đại Sơn',
  issuer: 'UBND xã Đại Sơn',
  parentBody: 'UBND THÀNH PHỐ HẢI PHÒNG',
  reportTo: 'Phòng Văn hóa - Xã hội',
  signerName: 'Đào Văn Soái',
  signerTitle: 'Chủ tịch',
  periodStart: '2025-07-01',
  periodEnd: '2025-12-31',
  tasks: DEFAULT_TASKS,
  periods: DEFAULT_PERIODS,
  units: DEFAULT_UNITS,
  groups: DEFAULT_GROUPS,
};

/** A fresh deep copy of the default plan, safe to change. */
export function defaultPlan(): Plan {
  return JSON.parse(JSON.stringify(DEFAULT_PLAN)) as Plan;
}
