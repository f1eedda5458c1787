// The village report form as data: which tasks get a section, their questions, and reading a response back.
import {formatVnDate, isIsoDate} from './dates';
import {taskQuota} from './plan';
import {PROGRESS_LABELS, PROGRESS_ORDER} from './status';
import {nfc, normalizeKey} from './text';
import type {Assignment, ReportingPeriod, Task, Unit} from './types';

/** How a question is asked. `number` is a short answer that must be a whole number. */
export type FormItemKind =
  | 'list'
  | 'choice'
  | 'text'
  | 'number'
  | 'paragraph'
  | 'date'
  | 'header'
  | 'section';

/** What an answer means when a response is read back. */
export type ItemRole =
  | 'village'
  | 'code'
  | 'reporter'
  | 'phone'
  | 'progress'
  | 'count'
  | 'detail'
  | 'difficulties'
  | 'proposals'
  | 'evidence'
  | 'info';

export interface FormItemSpec {
  /** Stable key: "village", "t5.progress", "t5.modelName"… */
  key: string;
  kind: FormItemKind;
  /** The question as the form shows it; task questions start with "NV<tt> – ". */
  title: string;
  /** The short label used in summaries ("Tên mô hình"). */
  label: string;
  helpText: string;
  required: boolean;
  /** Choices of list and choice questions. */
  choices: string[];
  role: ItemRole;
  /** The task this question belongs to, or null. */
  tt: string | null;
}

/** A page of the form (Google Forms "section"): the first has no task. */
export interface FormSectionSpec {
  tt: string | null;
  title: string;
  helpText: string;
  /** Keys of its items, in order. */
  keys: string[];
}

export interface FormSpec {
  periodId: string;
  title: string;
  description: string;
  confirmation: string;
  /** Every item in form order; a `section` item starts each page after the first. */
  items: FormItemSpec[];
  sections: FormSectionSpec[];
  /** The tasks that got a section, in plan order. */
  tasks: string[];
  /** The village list's choices, in the units' order, and the village each stands for. */
  villageChoices: {choice: string; unitCode: string}[];
}

/** Where villages send photos and papers that cannot be uploaded through the form. */
export interface FormContact {
  /** The office that collects reports ("Phòng Văn hóa - Xã hội"). */
  office: string;
  /** Its phone (Zalo), or ''. */
  phone: string;
  /** Its e-mail addresses. */
  emails: string[];
}

export interface FormSpecOptions {
  /** Tên xã, for the title. */
  commune?: string;
  contact?: FormContact;
}

// ---------------------------------------------------------------------------------------------
// Which tasks villages report.

const isVillage = (u: Unit) => u.kind === 'village';

/**
 * The tasks that get a section in the village form, in plan order: the admin's choice when set,
 * else those with villages among their assignments (lead or support), or with a per-village quota.
 */
export function villageFormTasks<T extends Task>(
  tasks: T[],
  assignments: Pick<Assignment, 'tt' | 'unitCode'>[],
  units: Unit[],
): T[] {
  const villageCodes = new Set(units.filter(isVillage).map(u => u.code));
  const withVillages = new Set(
    assignments.filter(a => villageCodes.has(a.unitCode)).map(a => a.tt),
  );
  return tasks.filter(t => {
    if (t.villageForm === true || t.villageForm === false) return t.villageForm;
    return withVillages.has(t.tt) || quotaOf(t) !== null;
  });
}

/** A task's per-village quota: its field, else read from its text or product. */
export function quotaOf(
  task: Pick<Task, 'text' | 'product' | 'quotaPerVillage'>,
): number | null {
  return task.quotaPerVillage ?? taskQuota(task);
}

// ---------------------------------------------------------------------------------------------
// The questions.

/** One question a keyword rule adds to a task's section. */
interface QuestionTemplate {
  id: string;
  kind: FormItemKind;
  label: string;
  helpText?: string;
  choices?: string[];
}

/** The kinds of Dân vận khéo model (the seed's "tuyến đường, CLB, tổ tự quản…"). */
export const MODEL_KINDS = [
  'Tuyến đường',
  'Câu lạc bộ (CLB)',
  'Tổ tự quản',
  'Khác',
];

/** How far a model has got. */
export const MODEL_STAGES = [
  'Đang xây dựng kế hoạch',
  'Đã ra mắt, đang triển khai',
  'Đã đi vào hoạt động ổn định',
  'Đã sơ kết, đánh giá, nhân rộng',
];

/** A keyword rule: the questions a task gets when its text or product matches. */
interface KeywordRule {
  name: string;
  pattern: RegExp;
  questions: QuestionTemplate[];
}

/** The keyword table. Patterns run on normalised text (NFC, lower case, single spaces). */
export const KEYWORD_RULES: readonly KeywordRule[] = [
  {
    name: 'propaganda',
    pattern: /tuyên truyền|phổ biến|quán triệt/u,
    questions: [
      {
        id: 'sessions',
        kind: 'number',
        label: 'Số buổi tuyên truyền, phổ biến đã tổ chức',
      },
      {id: 'participants', kind: 'number', label: 'Số lượt người tham dự'},
      {
        id: 'content',
        kind: 'paragraph',
        label: 'Nội dung, hình thức tuyên truyền',
        helpText:
          'Ví dụ: họp thôn, loa truyền thanh, nhóm Zalo của thôn, pa nô, tờ rơi…',
      },
    ],
  },
  {
    name: 'model',
    pattern: /mô hình/u,
    questions: [
      {id: 'modelName', kind: 'text', label: 'Tên mô hình'},
      {
        id: 'modelKind',
        kind: 'choice',
        label: 'Loại mô hình',
        choices: MODEL_KINDS,
      },
      {
        id: 'modelStage',
        kind: 'choice',
        label: 'Giai đoạn thực hiện',
        choices: MODEL_STAGES,
      },
      {
        id: 'modelResult',
        kind: 'paragraph',
        label: 'Kết quả, hiệu quả của mô hình',
      },
    ],
  },
  {
    name: 'democracy',
    pattern: /dân chủ/u,
    questions: [
      {
        id: 'democracy',
        kind: 'paragraph',
        label: 'Các hoạt động thực hiện dân chủ ở cơ sở',
        helpText:
          'Những việc dân biết, dân bàn, dân làm, dân kiểm tra, dân giám sát, dân thụ hưởng đã thực hiện ở thôn.',
      },
      {
        id: 'meetings',
        kind: 'number',
        label: 'Số cuộc họp thôn, hội nghị lấy ý kiến Nhân dân',
      },
    ],
  },
  {
    name: 'dialogue',
    pattern: /đối thoại|tiếp xúc/u,
    questions: [
      {id: 'dialogueDate', kind: 'date', label: 'Ngày tổ chức đối thoại'},
      {
        id: 'dialogueParticipants',
        kind: 'number',
        label: 'Số người tham dự đối thoại',
      },
      {
        id: 'issuesRaised',
        kind: 'paragraph',
        label: 'Các ý kiến, vấn đề Nhân dân nêu',
      },
      {
        id: 'issuesResolved',
        kind: 'paragraph',
        label: 'Các vấn đề đã được giải quyết, trả lời',
      },
    ],
  },
  {
    name: 'feedback',
    pattern: /phản ánh|kiến nghị|khiếu nại/u,
    questions: [
      {
        id: 'feedbackReceived',
        kind: 'number',
        label: 'Số phản ánh, kiến nghị đã tiếp nhận',
      },
      {
        id: 'feedbackForwarded',
        kind: 'number',
        label: 'Số đã chuyển cấp có thẩm quyền hoặc đã giải quyết',
      },
      {
        id: 'feedbackContent',
        kind: 'paragraph',
        label: 'Nội dung chính của các phản ánh, kiến nghị',
      },
    ],
  },
];

/** The question asked when no keyword matches. */
const GENERIC_QUESTION: QuestionTemplate = {
  id: 'result',
  kind: 'paragraph',
  label: 'Kết quả thực hiện',
  helpText: 'Những việc thôn đã làm, kết quả cụ thể (số liệu nếu có).',
};

/** "A gắn với B": B is context, not what the task asks for. */
const CONTEXT_CLAUSE = /\s+gắn (?:liền )?với\s.*$/u;

/**
 * The keyword rules a task matches: on its main clause (before "gắn với …") and product first,
 * else on its whole text; empty when none matches (the section then asks the generic question).
 */
export function matchRules(
  task: Pick<Task, 'text' | 'product'>,
): KeywordRule[] {
  const text = normalizeKey(task.text);
  const product = normalizeKey(task.product);
  const head = `${text.replace(CONTEXT_CLAUSE, '')} ${product}`;
  const onHead = KEYWORD_RULES.filter(r => r.pattern.test(head));
  if (onHead.length) return onHead;
  return KEYWORD_RULES.filter(r => r.pattern.test(`${text} ${product}`));
}

/** The title prefix of a task's questions: "NV5 – ". */
export function taskPrefix(tt: string): string {
  return `NV${tt} – `;
}

/** Shortens a task's text for a section title (whole words, at most `max` characters). */
export function shortText(text: string, max = 90): string {
  const s = nfc(text)
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[;,.:]+$/, '');
  if (s.length <= max) return s;
  const cut = s.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[;,.:]+$/, '')}…`;
}

/** The title of the village question (first item of every village form). */
export const VILLAGE_TITLE = 'Thôn';

/** The title of the village's verification code (second item, prefilled in the village's link). */
export const CODE_TITLE = 'Mã xác nhận của thôn';

/** What the code question tells the village. */
export const CODE_HELP =
  'Mã riêng của thôn cho kỳ báo cáo này, đã điền sẵn trong đường dẫn gửi cho thôn (thư nhắc, tab ' +
  '"Liên kết biểu mẫu"). Đừng sửa hay xóa. Mã cho xã biết báo cáo đúng là của thôn: mã của thôn này ' +
  'không suy ra được từ đường dẫn của thôn khác. Báo cáo thiếu mã hoặc sai mã vẫn được lưu nhưng chờ ' +
  'cán bộ xem lại, chưa được tính.';

/** The village list's choices: the names, with the code added where two villages share a name. */
export function villageChoices(
  villages: Unit[],
): {choice: string; unitCode: string}[] {
  const counts = new Map<string, number>();
  for (const v of villages)
    counts.set(
      normalizeKey(v.name),
      (counts.get(normalizeKey(v.name)) ?? 0) + 1,
    );
  return villages.map(v => ({
    choice:
      (counts.get(normalizeKey(v.name)) ?? 0) > 1
        ? `${v.name} (${v.code})`
        : v.name,
    unitCode: v.code,
  }));
}

function photoHelp(contact: FormContact | undefined): string {
  const office = contact?.office || 'Phòng Văn hóa - Xã hội';
  const ways: string[] = [
    'trả lời (reply) thư nhắc báo cáo, đính kèm ảnh và biên bản',
  ];
  if (contact?.phone) ways.push(`gửi qua Zalo số ${contact.phone}`);
  if (contact?.emails.length)
    ways.push(`gửi e-mail đến ${contact.emails.join(', ')}`);
  return (
    `Biểu mẫu không tải được tệp lên. Ảnh, biên bản, danh sách: ${ways.join('; hoặc ')} ` +
    `(${office}), ghi rõ tên thôn và kỳ báo cáo. Nếu ảnh đã có trên Google Drive, Zalo, Facebook…, ` +
    'dán đường dẫn vào câu hỏi "Đường dẫn minh chứng".'
  );
}

/** The page a village sees after sending (the same for every answer: Google Forms shows one text). */
export const CONFIRMATION =
  'Cảm ơn thôn đã gửi báo cáo. Cần sửa thì mở lại đường dẫn và gửi lại: báo cáo mới sẽ thay báo cáo cũ.\n\n' +
  'Lưu ý: báo cáo được tính ngay khi gửi từ đường dẫn riêng của thôn (mã xác nhận đúng) và mỗi dòng ở ' +
  '"Đường dẫn minh chứng" là một đường dẫn (bắt đầu bằng http:// hoặc https://). Nếu không, báo cáo vẫn ' +
  'được lưu đủ, kể cả dòng minh chứng không phải đường dẫn (giữ nguyên chữ), nhưng phải chờ cán bộ xem lại ' +
  'trước khi tính; cán bộ sẽ liên hệ thôn nếu cần.';

const item = (
  key: string,
  kind: FormItemKind,
  title: string,
  role: ItemRole,
  extra: Partial<FormItemSpec> = {},
): FormItemSpec => ({
  key,
  kind,
  title,
  label: extra.label ?? title,
  helpText: extra.helpText ?? '',
  required: extra.required ?? false,
  choices: extra.choices ?? [],
  role,
  tt: extra.tt ?? null,
});

/**
 * The village form of a period: the village (list kept in step with the active villages), the
 * reporter and phone, one section per task villages report (questions from the keyword table,
 * progress always, the quota count for quota tasks), then difficulties, proposals and evidence.
 */
export function buildFormSpec(
  tasks: Task[],
  assignments: Pick<Assignment, 'tt' | 'unitCode'>[],
  units: Unit[],
  period: ReportingPeriod,
  options: FormSpecOptions = {},
): FormSpec {
  const villages = units.filter(u => isVillage(u) && u.active);
  const choices = villageChoices(villages);
  const chosen = villageFormTasks(tasks, assignments, units);
  const commune = options.commune ? ` xã ${options.commune}` : '';
  const items: FormItemSpec[] = [];
  const sections: FormSectionSpec[] = [];

  const first: FormSectionSpec = {
    tt: null,
    title: 'Thông tin chung',
    helpText: '',
    keys: [],
  };
  sections.push(first);
  const push = (section: FormSectionSpec, it: FormItemSpec) => {
    items.push(it);
    section.keys.push(it.key);
  };
  push(
    first,
    item('village', 'list', VILLAGE_TITLE, 'village', {
      required: true,
      choices: choices.map(c => c.choice),
      helpText: 'Chọn thôn của mình (đường dẫn trong thư nhắc đã chọn sẵn).',
    }),
  );
  push(first, item('code', 'text', CODE_TITLE, 'code', {helpText: CODE_HELP}));
  push(
    first,
    item('reporter', 'text', 'Họ và tên người báo cáo', 'reporter', {
      required: true,
    }),
  );
  push(
    first,
    item('phone', 'text', 'Số điện thoại liên hệ', 'phone', {
      required: true,
      helpText: 'Để Phòng Văn hóa - Xã hội liên hệ khi cần làm rõ.',
    }),
  );

  for (const task of chosen) {
    const tt = task.tt;
    const p = taskPrefix(tt);
    const quota = quotaOf(task);
    const help = [
      task.text.trim(),
      task.timelineText.trim()
        ? `Thời gian thực hiện: ${task.timelineText.trim()}.`
        : '',
      task.product.trim() ? `Sản phẩm: ${task.product.trim()}.` : '',
      quota !== null ? `Chỉ tiêu: ${quota}/thôn.` : '',
    ]
      .filter(Boolean)
      .join('\n');
    const section: FormSectionSpec = {
      tt,
      title: `Nhiệm vụ ${tt}: ${shortText(task.text)}`,
      helpText: help,
      keys: [],
    };
    sections.push(section);
    push(
      section,
      item(`t${tt}.section`, 'section', section.title, 'info', {
        tt,
        helpText: help,
      }),
    );
    push(
      section,
      item(
        `t${tt}.progress`,
        'choice',
        `${p}Tình trạng thực hiện`,
        'progress',
        {
          tt,
          label: 'Tình trạng thực hiện',
          required: true,
          choices: PROGRESS_ORDER.map(x => PROGRESS_LABELS[x]),
        },
      ),
    );
    if (quota !== null) {
      push(
        section,
        item(
          `t${tt}.count`,
          'number',
          `${p}Số lượng đã thực hiện (chỉ tiêu ${quota}/thôn)`,
          'count',
          {
            tt,
            label: 'Số lượng đã thực hiện',
            helpText: 'Nhập một số (ví dụ 1). Chưa thực hiện thì nhập 0.',
          },
        ),
      );
    }
    const rules = matchRules(task);
    const templates = rules.length
      ? rules.flatMap(r => r.questions)
      : [GENERIC_QUESTION];
    const seen = new Set<string>();
    for (const q of templates) {
      if (seen.has(q.id)) continue;
      seen.add(q.id);
      push(
        section,
        item(`t${tt}.${q.id}`, q.kind, `${p}${q.label}`, 'detail', {
          tt,
          label: q.label,
          helpText: q.helpText ?? (q.kind === 'number' ? 'Nhập một số.' : ''),
          choices: q.choices ?? [],
        }),
      );
    }
  }

  const last: FormSectionSpec = {
    tt: null,
    title: 'Khó khăn, đề xuất và minh chứng',
    helpText: photoHelp(options.contact),
    keys: [],
  };
  sections.push(last);
  push(
    last,
    item('final.section', 'section', last.title, 'info', {
      helpText: last.helpText,
    }),
  );
  push(
    last,
    item('difficulties', 'paragraph', 'Khó khăn, vướng mắc', 'difficulties'),
  );
  push(last, item('proposals', 'paragraph', 'Kiến nghị, đề xuất', 'proposals'));
  push(
    last,
    item('evidence', 'paragraph', 'Đường dẫn minh chứng', 'evidence', {
      helpText:
        'Dán đường dẫn ảnh, biên bản (Google Drive, Zalo, Facebook…), mỗi dòng một đường dẫn. ' +
        'Ảnh chưa có đường dẫn thì gửi theo hướng dẫn ở trên.',
    }),
  );

  return {
    periodId: period.id,
    title: `Báo cáo kết quả công tác dân vận của thôn – ${period.name}${commune}`,
    description: [
      `Dành cho Trưởng thôn, Ban công tác Mặt trận thôn${commune}: báo cáo kết quả thực hiện các nhiệm vụ` +
        ` của kế hoạch công tác dân vận chính quyền, ${period.name}` +
        (isIsoDate(period.due)
          ? `, hạn gửi ${formatVnDate(period.due)}.`
          : '.'),
      'Mỗi thôn gửi một báo cáo cho mỗi kỳ; gửi lại thì báo cáo mới thay báo cáo cũ.',
      photoHelp(options.contact),
    ].join('\n\n'),
    confirmation: CONFIRMATION,
    items,
    sections,
    tasks: chosen.map(t => t.tt),
    villageChoices: choices,
  };
}

// ---------------------------------------------------------------------------------------------
// Comparing question titles.

/** Question titles compared loosely: NFC, case, spacing, and any dash as "-". */
export function titleKey(title: string): string {
  return normalizeKey(title).replace(/[\u2010-\u2015\u2212]/g, '-');
}
