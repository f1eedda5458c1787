// Tests for per-village quotas and plan validation.
import {
  readQuotaPerVillage,
  taskQuota,
  validatePlan,
} from '../../src/core/plan';
import type {Plan} from '../../src/core/types';
import {defaultPlan} from '../../src/plan/defaultPlan';

describe('readQuotaPerVillage', () => {
  it.each([
    [
      'Xây dựng Mô hình dân vận khéo: 1 mô hình/thôn (tuyến đường, CLB, tổ tự quản…)',
      1,
    ],
    ['Tăng cường đối thoại … (01 cuộc/thôn)', 1],
    ['Tổ chức 2 buổi/thôn', 2],
    ['2 buổi / thôn', 2],
    ['3 buổi tuyên truyền/thôn', 3],
    ['10 hộ/1 thôn', 10],
    ['1/thôn', 1],
    ['mỗi thôn 1 mô hình', 1],
    ['Mỗi thôn tổ chức ít nhất 02 cuộc', 2],
    ['mỗi thôn, 1 mô hình', 1],
    ['01 cuộc mỗi thôn', 1],
    ['1 mô hình ở mỗi thôn', 1],
    ['một mô hình/thôn', 1],
    ['hai buổi/thôn', 2],
    ['1 MÔ HÌNH/THÔN', 1],
    ['1 mô hình/thôn'.normalize('NFD'), 1],
    ['0 mô hình/thôn, mỗi thôn 2 buổi', 2],
  ])('%s → %s', (text, n) => {
    expect(readQuotaPerVillage(text)).toBe(n);
  });

  it.each([
    '',
    'Các thôn',
    'Tháng 9-11/2025',
    'giai đoạn 2021-2025/thôn',
    'mỗi thôn trong quý 3/2025',
    'Thực hiện công khai tài chính, dự án, quy hoạch',
    '1 mô hình/thônxóm',
    'bao nhiêu/thôn',
    '0 mô hình/thôn',
    '1000 hộ/thôn',
  ])('none in %j', text => {
    expect(readQuotaPerVillage(text)).toBeNull();
  });

  it('tolerates non-strings', () => {
    expect(readQuotaPerVillage(null as unknown as string)).toBeNull();
  });

  it('taskQuota reads the text, then the product', () => {
    expect(
      taskQuota({text: '1 mô hình/thôn', product: '2 biên bản/thôn'}),
    ).toBe(1);
    expect(taskQuota({text: 'Đối thoại', product: '2 biên bản/thôn'})).toBe(2);
    expect(taskQuota({text: 'Đối thoại', product: 'Biên bản'})).toBeNull();
  });
});

describe('validatePlan', () => {
  let plan: Plan;
  beforeEach(() => {
    plan = defaultPlan();
  });

  it('accepts the default plan', () => {
    expect(validatePlan(plan)).toEqual([]);
  });

  it('plan header', () => {
    plan.title = ' ';
    plan.commune = '';
    plan.periodStart = '2025-13-01';
    plan.periodEnd = '31/12/2025';
    expect(validatePlan(plan)).toEqual([
      'Kế hoạch chưa có tên.',
      'Kế hoạch chưa ghi tên xã.',
      'Ngày bắt đầu của kế hoạch không hợp lệ: "2025-13-01".',
      'Ngày kết thúc của kế hoạch không hợp lệ: "31/12/2025".',
    ]);
    plan = defaultPlan();
    plan.periodEnd = '2025-06-30';
    expect(validatePlan(plan)).toEqual([
      'Ngày kết thúc của kế hoạch trước ngày bắt đầu.',
    ]);
  });

  it('tasks: duplicate tt, missing tt, empty text or lead, bad quota', () => {
    plan.tasks[1].tt = '1';
    plan.tasks[2].tt = ' ';
    plan.tasks[3].text = '';
    plan.tasks[4].lead = '';
    plan.tasks[5].quotaPerVillage = 0;
    plan.tasks[6].quotaPerVillage = 1.5;
    expect(validatePlan(plan)).toEqual([
      'Nhiệm vụ ở dòng 3 chưa có số thứ tự (TT).',
      'Nhiệm vụ 4 chưa có nội dung.',
      'Nhiệm vụ 5 chưa có cơ quan chủ trì.',
      'Nhiệm vụ 6: chỉ tiêu mỗi thôn phải là số nguyên dương (đang là "0").',
      'Nhiệm vụ 7: chỉ tiêu mỗi thôn phải là số nguyên dương (đang là "1.5").',
      'Số thứ tự nhiệm vụ "1" bị trùng.',
    ]);
    plan.tasks = [];
    expect(validatePlan(plan)).toEqual(['Kế hoạch chưa có nhiệm vụ nào.']);
  });

  it('periods: bad dates, due before start, bad offsets, duplicate or missing ids', () => {
    plan.periods[0].due = '2025-06-01';
    plan.periods[1].id = 'KY1';
    plan.periods[1].start = 'x';
    plan.periods[1].due = '';
    plan.periods[1].reminderOffsets = [7, -1];
    plan.periods.push({
      ...plan.periods[0],
      id: '',
      name: '',
      due: '2025-09-03',
    });
    expect(validatePlan(plan)).toEqual([
      'Kỳ báo cáo "Kỳ 1 (báo cáo trước 03/09/2025)": hạn báo cáo trước ngày bắt đầu.',
      'Kỳ báo cáo "Kỳ 2 (báo cáo trước 03/12/2025)": ngày bắt đầu không hợp lệ ("x").',
      'Kỳ báo cáo "Kỳ 2 (báo cáo trước 03/12/2025)": hạn báo cáo không hợp lệ ("").',
      'Kỳ báo cáo "Kỳ 2 (báo cáo trước 03/12/2025)": số ngày nhắc trước hạn phải là số nguyên không âm.',
      'Kỳ báo cáo "dòng 3" chưa có mã.',
      'Mã kỳ báo cáo "KY1" bị trùng.',
    ]);
    plan.periods = [];
    expect(validatePlan(plan)).toEqual(['Kế hoạch chưa có kỳ báo cáo nào.']);
  });

  it('periods without reminder offsets are fine', () => {
    (plan.periods[0] as {reminderOffsets?: number[]}).reminderOffsets =
      undefined;
    expect(validatePlan(plan)).toEqual([]);
  });

  it('units: duplicate or bad codes, empty names, bad e-mails', () => {
    plan.units[1].code = 'vhxh';
    plan.units[2].code = '';
    plan.units[3].name = '';
    plan.units[4].emails = ['tthcc@example.org', 'không phải e-mail'];
    expect(validatePlan(plan)).toEqual([
      'Mã đơn vị "vhxh" chỉ được dùng chữ in hoa không dấu, chữ số và dấu gạch dưới.',
      'Đơn vị "Phòng Kinh tế" chưa có mã.',
      'Đơn vị có mã "TTVH" chưa có tên.',
      'Đơn vị "Trung tâm Phục vụ hành chính công": e-mail không hợp lệ "không phải e-mail".',
      'Mã đơn vị "VHXH" bị trùng.',
    ]);
  });

  it('units: a name or alias two units share', () => {
    plan.units[5].aliases = ['Phòng Kinh tế', 'Phòng  kinh tế'];
    expect(validatePlan(plan)).toEqual([
      'Tên "Phòng Kinh tế" được dùng cho cả hai đơn vị "Phòng Kinh tế" và "Trường Mầm non (mẫu)".',
    ]);
  });

  it('units: a unit with neither name nor code', () => {
    plan.units = [{...plan.units[0], code: '', name: ''}];
    expect(validatePlan(plan)).toEqual([
      'Đơn vị ở dòng 1 chưa có mã.',
      'Đơn vị ở dòng 1 chưa có tên.',
    ]);
  });

  it('tolerates missing fields (rows read from a sheet)', () => {
    const loose = plan as unknown as {
      tasks: {tt?: string}[];
      periods: {id?: string; name: string}[];
      units: {code?: string}[];
    };
    loose.tasks[0].tt = undefined;
    loose.periods[0].id = undefined;
    loose.periods[0].name = '';
    loose.periods[1].name = '';
    plan.periods[1].due = '2025-01-01';
    loose.units[0].code = undefined;
    expect(validatePlan(plan)).toEqual([
      'Nhiệm vụ ở dòng 1 chưa có số thứ tự (TT).',
      'Kỳ báo cáo "dòng 1" chưa có mã.',
      'Kỳ báo cáo "KY2": hạn báo cáo trước ngày bắt đầu.',
      'Đơn vị "Phòng Văn hóa - Xã hội" chưa có mã.',
    ]);
  });

  it('groups: empty phrase or tag, duplicate phrase', () => {
    plan.groups[0].phrase = '';
    plan.groups[1].tag = ' ';
    plan.groups.push({...plan.groups[3], phrase: 'CÁC PHÒNG  CHUYÊN MÔN'});
    expect(validatePlan(plan)).toEqual([
      'Nhóm đơn vị ở dòng 1 chưa có cụm từ.',
      'Nhóm "Các thôn" chưa có nhãn.',
      'Nhóm "Các phòng chuyên môn" bị khai báo hai lần.',
    ]);
  });
});
