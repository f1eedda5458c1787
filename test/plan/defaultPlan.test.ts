// Pins the default plan to the seed plan's words: appendix tasks, reporting dates, units and groups.
import {expandPlan} from '../../src/core/assignments';
import {validatePlan} from '../../src/core/plan';
import {
  DEFAULT_GROUPS,
  DEFAULT_PERIODS,
  DEFAULT_PLAN,
  DEFAULT_TASKS,
  DEFAULT_UNITS,
  SAMPLE_FRONT_BOARDS,
  SAMPLE_VILLAGES,
  SAMPLE_VILLAGE_COUNT,
  defaultPlan,
} from '../../src/plan/defaultPlan';

/** [tt, Nhiệm vụ, Cơ quan chủ trì, Cơ quan phối hợp, Thời gian thực hiện, Sản phẩm], from the seed. */
const APPENDIX: [string, string, string, string, string, string][] = [
  [
    '1',
    'Phổ biến, quán triệt, tuyên truyền và triển khai các văn bản của Trung ương, thành phố về ' +
      'công tác dân vận gắn với việc thực hiện dân chủ ở cơ sở;',
    'Các Phòng, ban, đơn vị thuộc UBND xã; các thôn',
    '',
    'Thường xuyên',
    'Báo cáo, hình ảnh',
  ],
  [
    '2',
    'Tổ chức sơ kết 5 năm thực hiện Chỉ thị số 33/CT- TTg ngày 26/11/2021 của Thủ tướng Chính ' +
      'phủ; báo cáo sơ kết 5 năm thực hiện công tác dân vận của cơ quan hành chính nhà nước, ' +
      'chính quyền các cấp giai đoạn 2021 - 2025',
    'Phòng Văn hóa- Xã hội',
    'Văn phòng HĐND&UBND xã',
    'Xong trước 05/9/2025',
    'Kế hoạch, báo cáo',
  ],
  [
    '3',
    'Thực hiện công tác dân vận gắn với thực hiện Nghị quyết của Đảng ủy về xây dựng nông thôn ' +
      'mới nâng cao trên địa bàn xã giai đoạn 2021-2025.',
    'Phòng Kinh tế',
    'Các phòng, đơn vị liên quan',
    '6 tháng cuối năm 2025 và các năm tiếp theo',
    'Báo cáo kết quả',
  ],
  [
    '4',
    'Thực hiện công khai tài chính, dự án, quy hoạch',
    'Phòng Kinh tế',
    '',
    'Quý III, IV/2025',
    'Biên bản công khai',
  ],
  [
    '5',
    'Xây dựng Mô hình dân vận khéo: 1 mô hình/thôn (tuyến đường, CLB, tổ tự quản…)',
    'Các thôn',
    '',
    '6 tháng cuối năm 2025 và các năm tiếp theo',
    'Báo cáo kết quả',
  ],
  [
    '6',
    'Thực hiện công tác dân vận gắn với thực hiện Kế hoạch hành động của Ban Thường vụ Thành ủy ' +
      'thực hiện Nghị quyết số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị về chuyển đổi số',
    'Phòng Văn hóa- Xã hội',
    'Các phòng chuyên môn, đơn vị liên quan',
    '6 tháng cuối năm 2025 và các năm tiếp theo',
    'Kế hoạch/Báo cáo kết quả',
  ],
  [
    '7',
    'Xây dựng, sửa đổi, bổ sung Quy chế dân chủ ở cơ sở',
    'Phòng Văn hóa- Xã hội',
    'Văn phòng HĐND&UBND xã',
    'Hoàn thành trước ngày 30/8/2025',
    'Kế hoạch',
  ],
  [
    '8',
    'Triển khai thực hiện dân chủ ở trên địa bàn xã và cộng đồng dân cư trên',
    'Phòng Văn hóa- Xã hôi.',
    'Các phòng chuyên môn, đơn vị, các thôn',
    '6 tháng cuối năm 2025',
    'Báo cáo kết quả',
  ],
  [
    '9',
    'Triển khai thực hiện dân chủ tại các đơn vị sự nghiệp công lập',
    'Trung tâm Văn hóa, Thể thao và Truyền thông, các trường học',
    'Phòng Văn hóa- Xã hội',
    '6 tháng cuối năm 2025',
    'Kế hoạch/Báo cáo kết quả',
  ],
  [
    '10',
    'Tăng cường đối thoại, tiếp xúc trực tiếp với Nhân dân, tháo gỡ khó khăn, vướng mắc của ' +
      'Nhân dân (01 cuộc/thôn)',
    'Văn phòng HĐND&UBND xã',
    'Phòng Văn hóa- Xã hội',
    'Tháng 9-11/2025',
    'Biên bản đối thoại',
  ],
  [
    '11',
    'Kịp thời tiếp nhận, giải quyết và tạo điều kiện thuận lợi để công dân, doanh nghiệp góp ý, ' +
      'phản ánh, kiến nghị, khiếu nại, tố cáo các hành vi tham nhũng, gây phiền hà, sách nhiễu, ' +
      'thu phí ngoài quy định trong giải quyết thủ tục hành chính qua đường dây nóng, điện thoại, ' +
      'tin nhắn, thư điện tử và các hình thức khác được pháp luật cho phép',
    'Văn phòng HĐND&UBND xã',
    'Trung tâm Phục vụ hành chính công',
    'Thường xuyên',
    'Tổng hợp các phản ánh, kiến nghị',
  ],
  [
    '12',
    'Rà soát thủ tục, hồ sơ tại Trung tâm Phục vụ hành chính công',
    'Trung tâm Phục vụ hành chính công',
    'Các phòng chuyên môn liên quan',
    'Thường xuyên',
    'Báo cáo cải cách hành chính',
  ],
  [
    '13',
    'Ký cam kết không gây phiền hà, sách nhiễu, tiêu cực trong thực thi nhiệm vụ, công vụ của ' +
      'cán bộ, công chức, viên chức',
    'Văn phòng HĐND&UBND xã',
    'Các phòng chuyên môn, đơn vị trên địa bàn xã',
    'Tháng 8/2025',
    'Bản cam kết',
  ],
];

describe('DEFAULT_PLAN header', () => {
  it('carries the seed plan’s title, issuer and signer', () => {
    expect(DEFAULT_PLAN.title).toBe(
      'Triển khai thực hiện công tác dân vận chính quyền 6 tháng cuối năm 2025 trên địa bàn xã Đại Sơn',
    );
    expect(DEFAULT_PLAN.number).toBe('');
    expect(DEFAULT_PLAN.commune).toBe('Đại Sơn');
    expect(DEFAULT_PLAN.issuer).toBe('UBND xã Đại Sơn');
    expect(DEFAULT_PLAN.parentBody).toBe('UBND THÀNH PHỐ HẢI PHÒNG');
    expect(DEFAULT_PLAN.reportTo).toBe('Phòng Văn hóa - Xã hội');
    expect(DEFAULT_PLAN.signerName).toBe('Đào Văn Soái');
    expect(DEFAULT_PLAN.signerTitle).toBe('Chủ tịch');
    expect(DEFAULT_PLAN.periodStart).toBe('2025-07-01');
    expect(DEFAULT_PLAN.periodEnd).toBe('2025-12-31');
    expect(DEFAULT_PLAN.tasks).toBe(DEFAULT_TASKS);
    expect(DEFAULT_PLAN.periods).toBe(DEFAULT_PERIODS);
    expect(DEFAULT_PLAN.units).toBe(DEFAULT_UNITS);
    expect(DEFAULT_PLAN.groups).toBe(DEFAULT_GROUPS);
  });

  it('passes validation', () => {
    expect(validatePlan(DEFAULT_PLAN)).toEqual([]);
  });

  it('sets up clean: every group the tasks name has a member, nothing "Cần xem lại"', () => {
    const {problems} = expandPlan(DEFAULT_TASKS, DEFAULT_UNITS, DEFAULT_GROUPS);
    expect(problems).toEqual([]);
  });

  it('is stored in NFC, with no line breaks or doubled spaces in any text', () => {
    const texts = JSON.stringify(DEFAULT_PLAN);
    expect(texts.normalize('NFC')).toBe(texts);
    for (const t of DEFAULT_TASKS) {
      for (const v of [t.text, t.lead, t.support, t.timelineText, t.product]) {
        expect(v).toBe(v.trim());
        expect(v).not.toMatch(/\s{2}|\n/);
      }
    }
  });

  it('defaultPlan() returns an independent copy', () => {
    const copy = defaultPlan();
    expect(copy).toEqual(DEFAULT_PLAN);
    copy.tasks[0].text = 'changed';
    copy.units[0].tags.push('x');
    expect(DEFAULT_TASKS[0].text).toBe(APPENDIX[0][1]);
    expect(DEFAULT_UNITS[0].tags).not.toContain('x');
  });
});

describe('DEFAULT_TASKS: the appendix, word for word', () => {
  it('has the 13 tasks, numbered 1 to 13 in order', () => {
    expect(DEFAULT_TASKS.map(t => t.tt)).toEqual(APPENDIX.map(row => row[0]));
  });

  it.each(APPENDIX)(
    'task %s',
    (tt, text, lead, support, timelineText, product) => {
      const t = DEFAULT_TASKS.find(x => x.tt === tt);
      expect(t).toEqual({
        tt,
        text,
        lead,
        support,
        timelineText,
        product,
        quotaPerVillage: tt === '5' || tt === '10' ? 1 : null,
        // Task 11: feedback is received in the villages too (village form section).
        ...(tt === '11' ? {villageForm: true} : {}),
      });
    },
  );

  it('keeps the seed’s own spellings', () => {
    expect(DEFAULT_TASKS[1].lead).toBe('Phòng Văn hóa- Xã hội');
    expect(DEFAULT_TASKS[7].lead).toBe('Phòng Văn hóa- Xã hôi.');
    expect(DEFAULT_TASKS[7].text.endsWith('cộng đồng dân cư trên')).toBe(true);
  });
});

describe('DEFAULT_PERIODS', () => {
  it('are the two reporting dates of section III', () => {
    expect(
      DEFAULT_PERIODS.map(p => [
        p.id,
        p.kind,
        p.start,
        p.due,
        p.reminderOffsets,
      ]),
    ).toEqual([
      ['KY1', 'regular', '2025-07-01', '2025-09-03', [7, 3, 1]],
      ['KY2', 'regular', '2025-09-04', '2025-12-03', [7, 3, 1]],
    ]);
    expect(DEFAULT_PERIODS[0].name).toBe('Kỳ 1 (báo cáo trước 03/09/2025)');
    expect(DEFAULT_PERIODS[1].name).toBe('Kỳ 2 (báo cáo trước 03/12/2025)');
    for (const p of DEFAULT_PERIODS)
      expect(p.note).toMatch(/Phòng Văn hóa - Xã hội/);
  });
});

describe('DEFAULT_UNITS', () => {
  const byCode = (code: string) => {
    const u = DEFAULT_UNITS.find(x => x.code === code);
    if (!u) throw new Error(`no unit ${code}`);
    return u;
  };

  it('has stable upper-case codes, in order', () => {
    expect(DEFAULT_UNITS.map(u => u.code)).toEqual([
      'VHXH',
      'VP',
      'KT',
      'TTVH',
      'TTHCC',
      'TRUONG_MN',
      'TRUONG_TH',
      'TRUONG_THCS',
      'CA',
      'QS',
      'MTTQ',
      'THON01',
      'THON02',
      'THON03',
      'THON04',
      'THON05',
      'BCTMT01',
      'BCTMT02',
      'BCTMT03',
      'BCTMT04',
      'BCTMT05',
    ]);
  });

  it('names, kinds and sample flags', () => {
    const rows = DEFAULT_UNITS.map(u => [u.code, u.name, u.kind, u.sample]);
    expect(rows).toEqual([
      ['VHXH', 'Phòng Văn hóa - Xã hội', 'department', false],
      ['VP', 'Văn phòng HĐND & UBND xã', 'department', false],
      ['KT', 'Phòng Kinh tế', 'department', false],
      ['TTVH', 'Trung tâm Văn hóa, Thể thao và Truyền thông', 'center', false],
      ['TTHCC', 'Trung tâm Phục vụ hành chính công', 'center', false],
      ['TRUONG_MN', 'Trường Mầm non (mẫu)', 'school', true],
      ['TRUONG_TH', 'Trường Tiểu học (mẫu)', 'school', true],
      ['TRUONG_THCS', 'Trường THCS (mẫu)', 'school', true],
      ['CA', 'Công an xã', 'force', false],
      ['QS', 'Ban chỉ huy quân sự xã', 'force', false],
      ['MTTQ', 'Ủy ban MTTQ Việt Nam xã', 'front', false],
      ['THON01', 'Thôn mẫu 1', 'village', true],
      ['THON02', 'Thôn mẫu 2', 'village', true],
      ['THON03', 'Thôn mẫu 3', 'village', true],
      ['THON04', 'Thôn mẫu 4', 'village', true],
      ['THON05', 'Thôn mẫu 5', 'village', true],
      ['BCTMT01', 'Ban công tác Mặt trận thôn mẫu 1', 'front', true],
      ['BCTMT02', 'Ban công tác Mặt trận thôn mẫu 2', 'front', true],
      ['BCTMT03', 'Ban công tác Mặt trận thôn mẫu 3', 'front', true],
      ['BCTMT04', 'Ban công tác Mặt trận thôn mẫu 4', 'front', true],
      ['BCTMT05', 'Ban công tác Mặt trận thôn mẫu 5', 'front', true],
    ]);
  });

  it('are all active, with no e-mails, person or phone', () => {
    for (const u of DEFAULT_UNITS) {
      expect(u.active).toBe(true);
      expect(u.emails).toEqual([]);
      expect(u.person).toBe('');
      expect(u.phone).toBe('');
    }
  });

  it('exports the sample villages and their Ban công tác Mặt trận', () => {
    expect(SAMPLE_VILLAGE_COUNT).toBe(5);
    expect(SAMPLE_VILLAGES.map(u => u.code)).toEqual([
      'THON01',
      'THON02',
      'THON03',
      'THON04',
      'THON05',
    ]);
    expect(SAMPLE_FRONT_BOARDS.map(u => u.code)).toEqual([
      'BCTMT01',
      'BCTMT02',
      'BCTMT03',
      'BCTMT04',
      'BCTMT05',
    ]);
    for (const u of [...SAMPLE_VILLAGES, ...SAMPLE_FRONT_BOARDS])
      expect(DEFAULT_UNITS).toContain(u);
  });

  it('tell the admin to replace the sample villages and schools', () => {
    for (const u of DEFAULT_UNITS.filter(x => x.sample))
      expect(u.note).toMatch(/mẫu/i);
    expect(byCode('THON01').note).toMatch(/thôn thực tế/);
    expect(byCode('TRUONG_MN').note).toMatch(/trường thực tế/);
  });

  it('carry the aliases the plan uses', () => {
    expect(byCode('VHXH').aliases).toEqual(
      expect.arrayContaining([
        'Phòng Văn hóa- Xã hội',
        'Phòng Văn hóa- Xã hôi',
        'Phòng VH-XH',
      ]),
    );
    expect(byCode('VP').aliases).toEqual(
      expect.arrayContaining([
        'Văn phòng HĐND&UBND xã',
        'Văn phòng HĐND&UBND',
        'Văn phòng HĐND và UBND xã',
      ]),
    );
    expect(byCode('TTVH').aliases).toContain('Trung tâm VHTT&TT xã');
  });

  it('carry the tags that drive the groups', () => {
    const tagged = (tag: string) =>
      DEFAULT_UNITS.filter(u => u.tags.includes(tag)).map(u => u.code);
    expect(tagged('phòng chuyên môn')).toEqual(['VHXH', 'VP', 'KT']);
    expect(tagged('thuộc UBND xã')).toEqual([
      'VHXH',
      'VP',
      'KT',
      'TTVH',
      'TTHCC',
      'TRUONG_MN',
      'TRUONG_TH',
      'TRUONG_THCS',
    ]);
    expect(tagged('trường học')).toEqual([
      'TRUONG_MN',
      'TRUONG_TH',
      'TRUONG_THCS',
    ]);
    expect(tagged('thôn')).toEqual([
      'THON01',
      'THON02',
      'THON03',
      'THON04',
      'THON05',
    ]);
    expect(tagged('đơn vị sự nghiệp')).toEqual([
      'TTVH',
      'TRUONG_MN',
      'TRUONG_TH',
      'TRUONG_THCS',
    ]);
    expect(tagged('ban công tác mặt trận')).toEqual([
      'BCTMT01',
      'BCTMT02',
      'BCTMT03',
      'BCTMT04',
      'BCTMT05',
    ]);
    // The plan's per-task groups (tasks 3, 6, 12) get sample members, so the sample sets up clean.
    expect(tagged('liên quan 3')).toEqual(['VHXH', 'TTVH']);
    expect(tagged('liên quan 6')).toEqual(['VP', 'TTHCC']);
    expect(tagged('liên quan 12')).toEqual(['VP', 'KT']);
    expect(
      DEFAULT_UNITS.flatMap(u => u.tags).filter(t => t.startsWith('liên quan')),
    ).toHaveLength(6);
  });
});

describe('DEFAULT_GROUPS', () => {
  it('map the plan’s phrases to tags', () => {
    const map = Object.fromEntries(DEFAULT_GROUPS.map(g => [g.phrase, g.tag]));
    expect(map).toMatchObject({
      'Các Phòng, ban, đơn vị thuộc UBND xã': 'thuộc UBND xã',
      'Các thôn': 'thôn',
      'Các phòng chuyên môn': 'phòng chuyên môn',
      'các trường học': 'trường học',
      'Các phòng, đơn vị liên quan': 'liên quan {tt}',
      'Các phòng chuyên môn, đơn vị liên quan': 'liên quan {tt}',
      'Các phòng chuyên môn liên quan': 'liên quan {tt}',
      'Các phòng chuyên môn, đơn vị': 'thuộc UBND xã',
      'Các phòng chuyên môn, đơn vị trên địa bàn xã': 'thuộc UBND xã',
    });
  });

  it('each carry a Vietnamese note', () => {
    for (const g of DEFAULT_GROUPS) expect(g.note.length).toBeGreaterThan(10);
  });
});
