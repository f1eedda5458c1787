// Tests for the village form as data: sections from the plan, questions from keywords, reading responses.
import fc from 'fast-check';
import {expandPlan} from '../../src/core/assignments';
import {newAssignment} from '../../src/core/assignments';
import type {Task, Unit} from '../../src/core/types';
import {
  derivePrefilledUrls,
  formUrlDecode,
  formUrlEncode,
  queryParamWithValue,
  withQueryParam,
} from '../../src/core/formUrls';
import {
  CODE_TITLE,
  buildFormSpec,
  matchRules,
  titleKey,
  villageChoices,
  villageFormTasks,
  type FormSpec,
} from '../../src/core/villageForm';
import {CELL_TEXT_LIMIT, CUT_MARK, capText} from '../../src/core/cellText';
import {encodeAnswers, fitReport} from '../../src/core/villageReports';
import {
  applyAnswer,
  extractLinks,
  findVillage,
  mergeEvidence,
  mergeResult,
  parseCount,
  parseResponse,
} from '../../src/core/villageResponse';
import {
  DEFAULT_GROUPS,
  DEFAULT_PERIODS,
  DEFAULT_TASKS,
  DEFAULT_UNITS,
  SAMPLE_VILLAGES,
} from '../../src/plan/defaultPlan';

const [KY1] = DEFAULT_PERIODS;
const EXPANSION = expandPlan(DEFAULT_TASKS, DEFAULT_UNITS, DEFAULT_GROUPS);
const SPEC = buildFormSpec(
  DEFAULT_TASKS,
  EXPANSION.assignments,
  DEFAULT_UNITS,
  KY1,
  {
    commune: 'Đại Sơn',
    contact: {
      office: 'Phòng Văn hóa - Xã hội',
      phone: '0912 000 111',
      emails: ['vhxh@daison.vn'],
    },
  },
);
const META = {
  responseId: 'F1|2|2025-08-20T08:00:00Z',
  submittedAt: '2025-08-20T15:00:00+07:00',
};
const titles = (spec: FormSpec, tt: string) =>
  spec.items.filter(i => i.tt === tt && i.kind !== 'section').map(i => i.title);

/** A complete valid answer set for the seed form, by title. */
function fullAnswers(village = 'Thôn mẫu 2'): Record<string, string> {
  const a: Record<string, string> = {
    Thôn: village,
    'Họ và tên người báo cáo': 'Trần Thị B',
    'Số điện thoại liên hệ': '0912345678',
  };
  for (const tt of SPEC.tasks)
    a[`NV${tt} – Tình trạng thực hiện`] = 'Đang thực hiện';
  a['NV5 – Tình trạng thực hiện'] = 'Đã hoàn thành';
  a['NV5 – Số lượng đã thực hiện (chỉ tiêu 1/thôn)'] = '1';
  a['NV5 – Tên mô hình'] = 'Tuyến đường hoa';
  a['NV5 – Loại mô hình'] = 'Tuyến đường';
  a['NV10 – Ngày tổ chức đối thoại'] = '2025-08-15';
  a['Đường dẫn minh chứng'] =
    'https://drive.google.com/a ảnh\nhttps://zalo.me/b.';
  a['Khó khăn, vướng mắc'] = '=HYPERLINK("x")';
  return a;
}

describe('villageFormTasks: which tasks get a section', () => {
  it('seed plan: tasks 1, 5, 8 (villages assigned), 10 (quota) and 11 (admin flag)', () => {
    const got = villageFormTasks(
      DEFAULT_TASKS,
      EXPANSION.assignments,
      DEFAULT_UNITS,
    );
    expect(got.map(t => t.tt)).toEqual(['1', '5', '8', '10', '11']);
  });

  it('follows the plan, not task numbers: another plan gets its own sections', () => {
    const tasks: Task[] = [
      {...DEFAULT_TASKS[0], tt: 'A', lead: 'Phòng Kinh tế', villageForm: null},
      {...DEFAULT_TASKS[0], tt: 'B', lead: 'Các thôn', villageForm: null},
      {...DEFAULT_TASKS[0], tt: 'C', lead: 'Các thôn', villageForm: false},
      {
        ...DEFAULT_TASKS[0],
        tt: 'D',
        lead: 'Phòng Kinh tế',
        text: 'Mỗi thôn 2 buổi',
        quotaPerVillage: 2,
      },
      {...DEFAULT_TASKS[0], tt: 'E', lead: 'Phòng Kinh tế', villageForm: true},
    ];
    const exp = expandPlan(tasks, DEFAULT_UNITS, DEFAULT_GROUPS);
    expect(
      villageFormTasks(tasks, exp.assignments, DEFAULT_UNITS).map(t => t.tt),
    ).toEqual(['B', 'D', 'E']);
  });

  it('a village named by itself (not through a group) counts too', () => {
    const tasks: Task[] = [
      {...DEFAULT_TASKS[3], tt: 'X', support: 'Thôn mẫu 3'},
    ];
    const exp = expandPlan(tasks, DEFAULT_UNITS, DEFAULT_GROUPS);
    expect(
      villageFormTasks(tasks, exp.assignments, DEFAULT_UNITS).map(t => t.tt),
    ).toEqual(['X']);
  });
});

describe('matchRules: the keyword table', () => {
  const names = (tt: string) =>
    matchRules(DEFAULT_TASKS.find(t => t.tt === tt)!).map(r => r.name);
  it('reads each seed task for what it asks', () => {
    expect(names('1')).toEqual(['propaganda']); // "… gắn với … dân chủ" is context only
    expect(names('5')).toEqual(['model']);
    expect(names('8')).toEqual(['democracy']);
    expect(names('10')).toEqual(['dialogue']);
    expect(names('11')).toEqual(['feedback']);
    expect(names('3')).toEqual([]);
  });

  it('falls back on the whole text when the main clause has no keyword', () => {
    expect(
      matchRules({
        text: 'Thực hiện công tác dân vận gắn với tuyên truyền',
        product: '',
      }).map(r => r.name),
    ).toEqual(['propaganda']);
  });

  it('matches text pasted in decomposed Unicode and upper case', () => {
    expect(
      matchRules({text: 'XÂY DỰNG MÔ HÌNH'.normalize('NFD'), product: ''}).map(
        r => r.name,
      ),
    ).toEqual(['model']);
  });
});

describe('buildFormSpec', () => {
  it('starts with the village list of active villages, the village code, reporter and phone', () => {
    const [village, code, reporter, phone] = SPEC.items;
    expect(code).toMatchObject({
      role: 'code',
      kind: 'text',
      title: CODE_TITLE,
      required: false,
    });
    expect(code.helpText).toContain(
      'không suy ra được từ đường dẫn của thôn khác',
    );
    expect(village).toMatchObject({
      key: 'village',
      kind: 'list',
      required: true,
    });
    expect(village.choices).toEqual(SAMPLE_VILLAGES.map(v => v.name));
    expect(reporter).toMatchObject({role: 'reporter', required: true});
    expect(phone).toMatchObject({role: 'phone', required: true});
  });

  it('has one section per village task, with the questions the issue lists', () => {
    expect(SPEC.tasks).toEqual(['1', '5', '8', '10', '11']);
    expect(SPEC.sections.map(s => s.tt)).toEqual([
      null,
      '1',
      '5',
      '8',
      '10',
      '11',
      null,
    ]);
    expect(titles(SPEC, '1')).toEqual([
      'NV1 – Tình trạng thực hiện',
      'NV1 – Số buổi tuyên truyền, phổ biến đã tổ chức',
      'NV1 – Số lượt người tham dự',
      'NV1 – Nội dung, hình thức tuyên truyền',
    ]);
    expect(titles(SPEC, '5')).toEqual([
      'NV5 – Tình trạng thực hiện',
      'NV5 – Số lượng đã thực hiện (chỉ tiêu 1/thôn)',
      'NV5 – Tên mô hình',
      'NV5 – Loại mô hình',
      'NV5 – Giai đoạn thực hiện',
      'NV5 – Kết quả, hiệu quả của mô hình',
    ]);
    const kind = SPEC.items.find(i => i.title === 'NV5 – Loại mô hình')!;
    expect(kind.choices).toEqual([
      'Tuyến đường',
      'Câu lạc bộ (CLB)',
      'Tổ tự quản',
      'Khác',
    ]);
    expect(titles(SPEC, '10')).toEqual([
      'NV10 – Tình trạng thực hiện',
      'NV10 – Số lượng đã thực hiện (chỉ tiêu 1/thôn)',
      'NV10 – Ngày tổ chức đối thoại',
      'NV10 – Số người tham dự đối thoại',
      'NV10 – Các ý kiến, vấn đề Nhân dân nêu',
      'NV10 – Các vấn đề đã được giải quyết, trả lời',
    ]);
    expect(
      SPEC.items.find(i => i.title === 'NV10 – Ngày tổ chức đối thoại')!.kind,
    ).toBe('date');
    expect(titles(SPEC, '8')).toContain(
      'NV8 – Các hoạt động thực hiện dân chủ ở cơ sở',
    );
    expect(titles(SPEC, '11')).toContain(
      'NV11 – Số phản ánh, kiến nghị đã tiếp nhận',
    );
    const progress = SPEC.items.find(
      i => i.title === 'NV1 – Tình trạng thực hiện',
    )!;
    expect(progress.choices).toEqual([
      'Chưa thực hiện',
      'Đang thực hiện',
      'Đã hoàn thành',
      'Tạm dừng',
    ]);
    expect(progress.required).toBe(true);
  });

  it('asks the generic question when no keyword matches', () => {
    const task = {...DEFAULT_TASKS[2], villageForm: true};
    const spec = buildFormSpec([task], [], DEFAULT_UNITS, KY1);
    expect(titles(spec, '3')).toEqual([
      'NV3 – Tình trạng thực hiện',
      'NV3 – Kết quả thực hiện',
    ]);
  });

  it('ends with difficulties, proposals and evidence, and says how to send photos', () => {
    const last = SPEC.items.slice(-3).map(i => i.role);
    expect(last).toEqual(['difficulties', 'proposals', 'evidence']);
    expect(SPEC.description).toContain('không tải được tệp');
    expect(SPEC.description).toContain('Zalo số 0912 000 111');
    expect(SPEC.description).toContain('vhxh@daison.vn');
    expect(SPEC.title).toContain('Kỳ 1');
    expect(SPEC.description).toContain('03/09/2025');
  });

  it('every question title is unique (responses are mapped back by title)', () => {
    const t = SPEC.items.filter(i => i.kind !== 'section').map(i => i.title);
    expect(new Set(t).size).toBe(t.length);
  });

  it('two villages with the same name are told apart by their code', () => {
    const units: Unit[] = [
      ...SAMPLE_VILLAGES,
      {...SAMPLE_VILLAGES[0], code: 'THON09'},
    ];
    expect(villageChoices(units).map(c => c.choice)).toEqual([
      'Thôn mẫu 1 (THON01)',
      'Thôn mẫu 2',
      'Thôn mẫu 3',
      'Thôn mẫu 4',
      'Thôn mẫu 5',
      'Thôn mẫu 1 (THON09)',
    ]);
  });

  it('leaves inactive villages out of the list', () => {
    const units = DEFAULT_UNITS.map(u =>
      u.code === 'THON03' ? {...u, active: false} : u,
    );
    const spec = buildFormSpec(
      DEFAULT_TASKS,
      EXPANSION.assignments,
      units,
      KY1,
    );
    expect(spec.items[0].choices).not.toContain('Thôn mẫu 3');
  });
});

describe('parseResponse', () => {
  const today = '2025-08-20';
  it('reads a full response into one normalised report', () => {
    const {report, problems} = parseResponse(
      SPEC,
      fullAnswers(),
      SAMPLE_VILLAGES,
      KY1,
      today,
      META,
    );
    expect(problems).toEqual([]);
    expect(report).toMatchObject({
      responseId: META.responseId,
      periodId: 'KY1',
      unitCode: 'THON02',
      village: 'Thôn mẫu 2',
      reporter: 'Trần Thị B',
      phone: '0912345678',
      state: 'valid',
      issue: '',
      difficulties: '=HYPERLINK("x")',
      evidence: ['https://drive.google.com/a', 'https://zalo.me/b'],
    });
    const t5 = report.tasks.find(t => t.tt === '5')!;
    expect(t5).toEqual({
      tt: '5',
      progress: 'done',
      count: 1,
      summary:
        'Số lượng đã thực hiện: 1; Tên mô hình: Tuyến đường hoa; Loại mô hình: Tuyến đường',
    });
    expect(report.tasks.find(t => t.tt === '10')!.summary).toBe(
      'Ngày tổ chức đối thoại: 15/08/2025',
    );
    expect(report.tasks.map(t => t.tt)).toEqual(['1', '5', '8', '10', '11']);
    expect(report.answers['5']['NV5 – Tên mô hình']).toBe('Tuyến đường hoa');
    expect(report.answers['']['Thôn']).toBe('Thôn mẫu 2');
  });

  it('accepts namedValues arrays, other dashes and spacing in titles', () => {
    const named: Record<string, string[]> = {};
    for (const [k, v] of Object.entries(fullAnswers()))
      named[k.replace(' – ', ' - ').toUpperCase()] = [v];
    const {report, problems} = parseResponse(
      SPEC,
      named,
      SAMPLE_VILLAGES,
      KY1,
      today,
      META,
    );
    expect(problems).toEqual([]);
    expect(report.unitCode).toBe('THON02');
  });

  it('flags an unknown village, keeping what it said', () => {
    const {report, problems} = parseResponse(
      SPEC,
      fullAnswers('Thôn Lạ'),
      SAMPLE_VILLAGES,
      KY1,
      today,
      META,
    );
    expect(report.state).toBe('flagged');
    expect(report.unitCode).toBe('');
    expect(report.village).toBe('Thôn Lạ');
    expect(problems.map(p => p.kind)).toEqual(['unknown_village']);
    expect(report.issue).toContain('Thôn Lạ');
    expect(report.tasks.length).toBe(5);
  });

  it('flags an inactive village, a closed period and an unknown period', () => {
    const villages = SAMPLE_VILLAGES.map(v =>
      v.code === 'THON02' ? {...v, active: false} : v,
    );
    expect(
      parseResponse(
        SPEC,
        fullAnswers(),
        villages,
        KY1,
        today,
        META,
      ).problems.map(p => p.kind),
    ).toEqual(['inactive_village']);
    const late = parseResponse(
      SPEC,
      fullAnswers(),
      SAMPLE_VILLAGES,
      KY1,
      '2025-09-04',
      META,
    );
    expect(late.report.state).toBe('flagged');
    expect(late.problems[0].message).toContain('03/09/2025');
    expect(
      parseResponse(
        SPEC,
        fullAnswers(),
        SAMPLE_VILLAGES,
        KY1,
        '2025-09-03',
        META,
      ).report.state,
    ).toBe('valid');
    expect(
      parseResponse(
        SPEC,
        fullAnswers(),
        SAMPLE_VILLAGES,
        KY1,
        '2025-09-05',
        META,
        {graceDays: 2},
      ).report.state,
    ).toBe('valid');
    const none = parseResponse(
      SPEC,
      fullAnswers(),
      SAMPLE_VILLAGES,
      null,
      today,
      META,
    );
    expect(none.problems.map(p => p.kind)).toEqual(['unknown_period']);
    expect(none.report.periodId).toBe('');
  });

  it('flags missing required answers and unreadable progress; a bad number is only a warning', () => {
    const a = fullAnswers();
    delete a['Họ và tên người báo cáo'];
    delete a['NV8 – Tình trạng thực hiện'];
    a['NV1 – Tình trạng thực hiện'] = 'sắp xong';
    a['NV5 – Số lượng đã thực hiện (chỉ tiêu 1/thôn)'] = 'một hai ba 4 5';
    const {report, problems} = parseResponse(
      SPEC,
      a,
      SAMPLE_VILLAGES,
      KY1,
      today,
      META,
    );
    expect(report.state).toBe('flagged');
    expect(
      problems.filter(p => p.severity === 'error').map(p => p.kind),
    ).toEqual(['missing_answer', 'missing_answer', 'missing_answer']);
    expect(
      problems.filter(p => p.severity === 'warning').map(p => p.kind),
    ).toEqual(['bad_number']);
    expect(report.answers['1']['NV1 – Tình trạng thực hiện']).toBe('sắp xong');
    const onlyWarning = fullAnswers();
    onlyWarning['NV1 – Số lượt người tham dự'] = 'khoảng trăm người';
    const w = parseResponse(
      SPEC,
      onlyWarning,
      SAMPLE_VILLAGES,
      KY1,
      today,
      META,
    );
    expect(w.report.state).toBe('valid');
    expect(w.report.issue).toContain('khoảng trăm người');
  });

  it('keeps answers to questions the spec does not know, under the task their title names', () => {
    const a = {
      ...fullAnswers(),
      'NV5 – Câu hỏi admin thêm': 'trả lời',
      'Câu khác': 'x',
    };
    const {report} = parseResponse(SPEC, a, SAMPLE_VILLAGES, KY1, today, META);
    expect(report.answers['5']['NV5 – Câu hỏi admin thêm']).toBe('trả lời');
    expect(report.answers['']['Câu khác']).toBe('x');
    expect(report.tasks.find(t => t.tt === '5')!.summary).toContain(
      'NV5 – Câu hỏi admin thêm: trả lời',
    );
  });

  it('never throws and keeps every answer text (property)', () => {
    const known = SPEC.items
      .filter(i => i.kind !== 'section')
      .map(i => i.title);
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.oneof(fc.constantFrom(...known), fc.string()),
          fc.oneof(
            fc.string(),
            fc.array(fc.string()),
            fc.constantFrom('Thôn mẫu 1', 'Đã hoàn thành', '=1+1'),
          ),
        ),
        fc.constantFrom(KY1, null),
        (named, period) => {
          const {report} = parseResponse(
            SPEC,
            named,
            SAMPLE_VILLAGES,
            period,
            today,
            META,
          );
          const kept = Object.values(report.answers).flatMap(o =>
            Object.values(o),
          );
          for (const [title, v] of Object.entries(named)) {
            // The code proves the village; it is checked, never kept with the answers.
            if (titleKey(title) === titleKey(CODE_TITLE)) continue;
            const text = (
              Array.isArray(v)
                ? v
                    .map(x => x.trim())
                    .filter(Boolean)
                    .join(', ')
                : v
            ).trim();
            if (text) expect(kept).toContain(text);
          }
          expect(['valid', 'flagged']).toContain(report.state);
        },
      ),
    );
  });
});

describe('findVillage', () => {
  const choices = villageChoices(SAMPLE_VILLAGES);
  it('finds by choice, name in any case or Unicode form, code, "name (CODE)"', () => {
    expect(
      findVillage('thôn  MẪU 3'.normalize('NFD'), SAMPLE_VILLAGES, choices)
        ?.code,
    ).toBe('THON03');
    expect(findVillage('THON04', SAMPLE_VILLAGES, choices)?.code).toBe(
      'THON04',
    );
    expect(findVillage('Tên cũ (THON05)', SAMPLE_VILLAGES, choices)?.code).toBe(
      'THON05',
    );
    expect(findVillage('', SAMPLE_VILLAGES, choices)).toBeNull();
    expect(findVillage('Thôn 9', SAMPLE_VILLAGES, choices)).toBeNull();
  });
});

describe('parseCount', () => {
  it.each([
    ['1', 1],
    [' 02 ', 2],
    ['2 cuộc', 2],
    ['hai', 2],
    ['Không', 0],
    ['1.200', 1200],
    ['', null],
    ['abc', null],
    ['-1', null],
    ['1,5', null],
    ['1 hoặc 2', null],
  ])('%j → %j', (text, n) => expect(parseCount(text)).toBe(n));
});

describe('applyAnswer and mergeResult', () => {
  const base = newAssignment('5', 'THON02', 'lead');
  const report = {
    periodId: 'KY1',
    evidence: ['https://drive.google.com/a'],
    submittedAt: '2025-08-20T15:00:00+07:00',
    reporter: 'Trần Thị B',
    village: 'Thôn mẫu 2',
  };
  it('sets progress, completion date, the period line of the result and evidence', () => {
    const got = applyAnswer(
      base,
      {tt: '5', progress: 'done', count: 1, summary: 'Tên mô hình: A'},
      report,
      '2025-08-20',
    )!;
    expect(got).toMatchObject({
      progress: 'done',
      completedOn: '2025-08-20',
      result: '[KY1] Đã hoàn thành – Tên mô hình: A',
      evidence: ['https://drive.google.com/a'],
      updatedAt: report.submittedAt,
      updatedBy: 'Biểu mẫu thôn: Thôn mẫu 2 – Trần Thị B',
      version: 1,
    });
    // A resubmission replaces the period's line; the same answer again changes nothing.
    const again = applyAnswer(
      got,
      {tt: '5', progress: 'in_progress', count: 0, summary: ''},
      report,
      '2025-08-21',
    )!;
    expect(again.result).toBe('[KY1] Đang thực hiện – Số lượng: 0');
    expect(again.completedOn).toBeNull();
    expect(
      applyAnswer(
        again,
        {tt: '5', progress: 'in_progress', count: 0, summary: ''},
        report,
        '2025-08-21',
      ),
    ).toBeNull();
  });

  it('keeps other periods’ lines and text users typed', () => {
    const existing = 'Ghi chú của cán bộ\n[KY1] cũ\n[KY2] kỳ hai';
    expect(mergeResult(existing, 'KY1', 'mới')).toBe(
      'Ghi chú của cán bộ\n[KY2] kỳ hai\n[KY1] mới',
    );
    expect(mergeResult('', 'KY1', 'mới')).toBe('[KY1] mới');
  });
});

describe('prefilled links without URLSearchParams', () => {
  const template =
    'https://docs.google.com/forms/d/e/1FAIpQLSabc/viewform?usp=pp_url&entry.1234567=Th%C3%B4n+m%E1%BA%ABu+1';
  it('finds the village parameter and derives each village’s link', () => {
    expect(queryParamWithValue(template, 'Thôn mẫu 1')).toBe('entry.1234567');
    const urls = derivePrefilledUrls(
      template,
      'Thôn mẫu 1',
      villageChoices(SAMPLE_VILLAGES),
    );
    expect(urls[1]).toEqual({
      unitCode: 'THON02',
      choice: 'Thôn mẫu 2',
      url: 'https://docs.google.com/forms/d/e/1FAIpQLSabc/viewform?usp=pp_url&entry.1234567=Th%C3%B4n+m%E1%BA%ABu+2',
    });
    expect(
      derivePrefilledUrls(
        template,
        'Không có',
        villageChoices(SAMPLE_VILLAGES),
      ),
    ).toEqual([]);
  });

  it('round-trips any text through form encoding (property)', () => {
    fc.assert(
      fc.property(
        fc.string({unit: 'grapheme'}),
        fc.string({unit: 'grapheme'}),
        (a, b) => {
          expect(formUrlDecode(formUrlEncode(a))).toBe(a);
          const url = withQueryParam(
            'https://x/viewform?usp=pp_url&entry.1=' + formUrlEncode(a),
            'entry.1',
            b,
          );
          expect(queryParamWithValue(url, b)).toBe('entry.1');
        },
      ),
    );
  });

  it('agrees with URLSearchParams (checked here in Node only)', () => {
    fc.assert(
      fc.property(fc.string({unit: 'grapheme'}), s => {
        expect(new URLSearchParams(`v=${formUrlEncode(s)}`).get('v')).toBe(s);
        expect(
          formUrlDecode(new URLSearchParams({v: s}).toString().slice(2)),
        ).toBe(s);
      }),
    );
  });

  it('never throws on lone surrogates or broken escapes', () => {
    fc.assert(
      fc.property(fc.string({unit: 'binary'}), s => {
        expect(typeof formUrlEncode(s)).toBe('string');
        expect(typeof formUrlDecode(s)).toBe('string');
      }),
    );
    expect(formUrlDecode('%E1%BA+%zz')).toBe('%E1%BA %zz');
  });
});

describe('extractLinks', () => {
  it('keeps http(s) links once, without trailing punctuation', () => {
    expect(
      extractLinks('xem https://a.vn/x, và (https://b.vn/y). https://a.vn/x'),
    ).toEqual(['https://a.vn/x', 'https://b.vn/y']);
  });
});

describe('village code and evidence lines', () => {
  const today = '2025-08-20';
  const check = (unitCode: string, code: string) =>
    code === `code-of-${unitCode}`;
  const parse = (extra: Record<string, string>) =>
    parseResponse(
      SPEC,
      {...fullAnswers(), ...extra},
      SAMPLE_VILLAGES,
      KY1,
      today,
      META,
      {checkCode: check},
    );

  it("accepts the named village's own code and never keeps it with the answers", () => {
    const {report, problems} = parse({[CODE_TITLE]: 'code-of-THON02'});
    expect(problems).toEqual([]);
    expect(report.state).toBe('valid');
    expect(JSON.stringify(report.answers)).not.toContain('code-of-THON02');
  });

  it("flags a missing code or another village's code", () => {
    const missing = parse({});
    expect(missing.report.state).toBe('flagged');
    expect(missing.problems.map(p => p.kind)).toEqual(['bad_code']);
    expect(missing.report.issue).toContain(`Thiếu "${CODE_TITLE}"`);
    const other = parse({[CODE_TITLE]: 'code-of-THON01'});
    expect(other.report.state).toBe('flagged');
    expect(other.report.issue).toContain('không đúng với thôn "Thôn mẫu 2"');
  });

  it('keeps an evidence line that is not a link as text and flags the report with the reason', () => {
    const {report, problems} = parse({
      [CODE_TITLE]: 'code-of-THON02',
      'Đường dẫn minh chứng':
        'https://drive.google.com/a\nẢnh gửi qua Zalo chị Lan\n\nxem https://zalo.me/b',
    });
    expect(report.evidence).toEqual([
      'https://drive.google.com/a',
      'Ảnh gửi qua Zalo chị Lan',
      'https://zalo.me/b',
    ]);
    expect(report.state).toBe('flagged');
    expect(problems.map(p => p.kind)).toEqual(['not_a_link']);
    expect(report.issue).toContain('"Ảnh gửi qua Zalo chị Lan"');
    expect(report.issue).toContain('không phải đường dẫn');
  });
});

describe('cell limits', () => {
  it('capText cuts below the limit with a visible mark, never inside a surrogate pair', () => {
    expect(capText('ngắn', 10)).toBe('ngắn');
    const lone =
      /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
    fc.assert(
      fc.property(
        fc.string({unit: 'grapheme', maxLength: 200}),
        fc.integer({min: 20, max: 120}),
        (text, max) => {
          const c = capText(text, max);
          if (text.length <= max) expect(c).toBe(text);
          else {
            expect(c.length).toBeLessThanOrEqual(max);
            expect(c.endsWith(CUT_MARK)).toBe(true);
            expect(lone.test(c)).toBe(false);
          }
        },
      ),
    );
  });

  it('mergeResult and mergeEvidence stay within a cell however many long reports come in', () => {
    let result = '';
    let evidence: string[] = [];
    for (let i = 0; i < 30; i++) {
      result = mergeResult(result, `KY${i}`, 'dài '.repeat(4000));
      evidence = mergeEvidence(
        evidence,
        Array.from(
          {length: 200},
          (_, j) => `https://drive.google.com/${i}/${j}`,
        ),
      );
      expect(result.length).toBeLessThanOrEqual(CELL_TEXT_LIMIT);
      expect(evidence.join('\n').length).toBeLessThanOrEqual(CELL_TEXT_LIMIT);
    }
    expect(result.split('\n')[0]).toBe(CUT_MARK);
    expect(result).toContain('[KY29] ');
    expect(evidence[0]).toBe(CUT_MARK);
    expect(evidence.at(-1)).toBe('https://drive.google.com/29/199');
  });

  it('fitReport makes every cell of a report with huge answers fit, marking what it cut', () => {
    const long = 'Nội dung rất dài. '.repeat(6000);
    const {report} = parseResponse(
      SPEC,
      {
        ...fullAnswers(),
        'NV5 – Tên mô hình': long,
        'NV5 – Kết quả, hiệu quả của mô hình': long,
        'Khó khăn, vướng mắc': long,
      },
      SAMPLE_VILLAGES,
      KY1,
      '2025-08-20',
      META,
    );
    expect(encodeAnswers(report).length).toBeGreaterThan(CELL_TEXT_LIMIT);
    const fitted = fitReport(report);
    expect(encodeAnswers(fitted).length).toBeLessThanOrEqual(CELL_TEXT_LIMIT);
    expect(fitted.difficulties.length).toBeLessThanOrEqual(CELL_TEXT_LIMIT);
    expect(fitted.difficulties.endsWith(CUT_MARK)).toBe(true);
    expect(fitted.tasks.find(t => t.tt === '5')!.summary).toContain(CUT_MARK);
    // Short answers are untouched.
    expect(fitted.reporter).toBe(report.reporter);
    expect(fitted.tasks.find(t => t.tt === '1')).toEqual(
      report.tasks.find(t => t.tt === '1'),
    );
  });
});
