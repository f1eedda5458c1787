// The village report form as data: which tasks get a section, their questions, and reading a response back.
import {addDays, formatVnDate, isIsoDate} from './dates';
import {taskQuota} from './plan';
import {PROGRESS_LABELS, PROGRESS_ORDER, parseProgress} from './status';
import {foldDiacritics, nfc, normalizeKey} from './text';
import type {
  Assignment,
  IsoDate,
  Progress,
  ReportingPeriod,
  Task,
  Unit,
} from './types';
import type {StoredVillageReport, VillageTaskAnswer} from './villageReports';

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
    confirmation:
      'Cảm ơn thôn đã gửi báo cáo. Cần sửa thì mở lại đường dẫn và gửi lại: báo cáo mới sẽ thay báo cáo cũ.',
    items,
    sections,
    tasks: chosen.map(t => t.tt),
    villageChoices: choices,
  };
}

// ---------------------------------------------------------------------------------------------
// Reading a response.

/** Something wrong with a response: errors flag it for the admin, warnings are only noted. */
export interface ResponseProblem {
  kind:
    | 'unknown_period'
    | 'closed_period'
    | 'unknown_village'
    | 'inactive_village'
    | 'missing_answer'
    | 'bad_number';
  severity: 'error' | 'warning';
  message: string;
}

export interface ParsedResponse {
  report: StoredVillageReport;
  problems: ResponseProblem[];
}

export interface ResponseMeta {
  responseId: string;
  /** ISO timestamp of the submission. */
  submittedAt: string;
}

/** Question titles compared loosely: NFC, case, spacing, and any dash as "-". */
export function titleKey(title: string): string {
  return normalizeKey(title).replace(/[\u2010-\u2015\u2212]/g, '-');
}

/** A named answer as text: arrays (checkboxes, namedValues) joined by ", ", trimmed. */
function answerText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value))
    return value.map(answerText).filter(Boolean).join(', ');
  return String(value).trim();
}

const NUMBER_WORDS: Record<string, number> = {
  khong: 0,
  mot: 1,
  hai: 2,
  ba: 3,
  bon: 4,
  tu: 4,
  nam: 5,
  sau: 6,
  bay: 7,
  tam: 8,
  chin: 9,
  muoi: 10,
};

/**
 * Reads a count ("2", " 02 ", "2 cuộc", "hai", "1.200"): a whole number ≥ 0, or null when the text
 * holds none (or several different numbers, or a negative or fractional one).
 */
export function parseCount(text: string): number | null {
  const s = nfc(String(text ?? '')).trim();
  if (!s) return null;
  const numbers = s.match(/-?\d+(?:[.,]\d+)*/g);
  if (numbers) {
    if (numbers.length !== 1) return null;
    const raw = numbers[0];
    if (raw.startsWith('-')) return null;
    const thousands = /^\d{1,3}(?:[.,]\d{3})+$/.test(raw);
    if (!thousands && /[.,]/.test(raw)) return null;
    const n = Number(raw.replace(/[.,]/g, ''));
    return Number.isSafeInteger(n) ? n : null;
  }
  const word = foldDiacritics(s.toLowerCase()).split(/\s+/)[0];
  return word in NUMBER_WORDS ? NUMBER_WORDS[word] : null;
}

/** Reads a date answer ("2025-09-15", "15/9/2025") as ISO, or null. */
function answerDate(text: string): IsoDate | null {
  const s = text.trim();
  if (isIsoDate(s.slice(0, 10))) return s.slice(0, 10);
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (!m) return null;
  const iso = `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

const URL_RE = /https?:\/\/[^\s<>"'()]+[^\s<>"'().,;:!?]/giu;

/** The http(s) links in a text, in order, each once. */
export function extractLinks(text: string): string[] {
  return [...new Set(String(text ?? '').match(URL_RE) ?? [])];
}

/** The village an answer names: by its list choice, name, code or another name (compared normalised). */
export function findVillage(
  answer: string,
  villages: Unit[],
  choices: {choice: string; unitCode: string}[] = [],
): Unit | null {
  const key = normalizeKey(answer);
  if (!key) return null;
  const byCode = new Map(villages.map(v => [v.code, v] as const));
  const choice = choices.find(c => normalizeKey(c.choice) === key);
  if (choice && byCode.has(choice.unitCode))
    return byCode.get(choice.unitCode) as Unit;
  const code = /\(([A-Za-z0-9_]+)\)\s*$/.exec(answer.trim());
  if (code && byCode.has(code[1].toUpperCase()))
    return byCode.get(code[1].toUpperCase()) as Unit;
  const matches = villages.filter(
    v =>
      normalizeKey(v.name) === key ||
      normalizeKey(v.code) === key ||
      v.aliases.some(a => normalizeKey(a) === key),
  );
  if (matches.length === 1) return matches[0];
  const active = matches.filter(v => v.active);
  return active.length === 1 ? active[0] : null;
}

/** The task number a question title starts with ("NV5 – …" → "5"), or null. */
function ttOfTitle(title: string): string | null {
  const m = /^\s*nv\s*([0-9a-z.]+)\s*[-\u2010-\u2015\u2212:]/iu.exec(
    nfc(title),
  );
  return m ? m[1] : null;
}

export interface ParseOptions {
  /** Days after the period's due date a report is still accepted (default 0). */
  graceDays?: number;
}

/**
 * Reads one response (question title → answer) into a village report: the village, reporter and
 * phone, per task its progress, count and a summary, difficulties, proposals and evidence links.
 * Every answer is kept verbatim in `answers` (by task, '' for general ones; unknown questions by the
 * task their title names, else ''). Problems: a period that is unknown or past its due date, a
 * village not in the list, a required answer missing or unreadable. Errors make the report
 * 'flagged'; it is never dropped. Never throws.
 */
export function parseResponse(
  spec: FormSpec,
  namedAnswers: Record<string, unknown>,
  villages: Unit[],
  period: ReportingPeriod | null,
  today: IsoDate,
  meta: ResponseMeta,
  options: ParseOptions = {},
): ParsedResponse {
  const problems: ResponseProblem[] = [];
  const error = (kind: ResponseProblem['kind'], message: string) =>
    problems.push({kind, severity: 'error', message});
  const warn = (kind: ResponseProblem['kind'], message: string) =>
    problems.push({kind, severity: 'warning', message});

  const byTitle = new Map<string, FormItemSpec>();
  for (const it of spec.items) {
    if (it.kind !== 'section' && it.kind !== 'header')
      byTitle.set(titleKey(it.title), it);
  }
  const given = new Map<string, string>();
  const answers: StoredVillageReport['answers'] = {};
  const keep = (tt: string, title: string, text: string) => {
    answers[tt] = answers[tt] ?? {};
    let t = title;
    for (let i = 2; t in answers[tt]; i++) t = `${title} (${i})`;
    answers[tt][t] = text;
  };
  for (const [title, raw] of Object.entries(namedAnswers ?? {})) {
    const text = answerText(raw);
    if (!text) continue;
    const it = byTitle.get(titleKey(title));
    if (it && !given.has(it.key)) {
      given.set(it.key, text);
      keep(it.tt ?? '', it.title, text);
    } else {
      keep(it ? (it.tt ?? '') : (ttOfTitle(title) ?? ''), title, text);
    }
  }
  const value = (key: string) => given.get(key) ?? '';

  // Village.
  const villageText = value('village');
  const village = findVillage(villageText, villages, spec.villageChoices);
  if (!villageText) error('missing_answer', 'Thiếu câu trả lời "Thôn".');
  else if (!village)
    error(
      'unknown_village',
      `Không tìm thấy thôn "${villageText}" trong danh sách đơn vị.`,
    );
  else if (!village.active) {
    error(
      'inactive_village',
      `Thôn "${village.name}" đang tạm ngừng theo dõi (tab Đơn vị).`,
    );
  }

  // Period.
  if (!period) {
    error(
      'unknown_period',
      'Không xác định được kỳ báo cáo của biểu mẫu này (tab Kỳ báo cáo).',
    );
  } else if (today > addDaysIso(period.due, options.graceDays ?? 0)) {
    error(
      'closed_period',
      `Báo cáo gửi ngày ${formatVnDate(today)}, sau hạn ${formatVnDate(period.due)} của ${period.name}.`,
    );
  }

  // Other required answers (reporter, phone…).
  for (const it of spec.items) {
    if (
      it.required &&
      it.role !== 'village' &&
      it.role !== 'progress' &&
      !value(it.key)
    ) {
      error('missing_answer', `Thiếu câu trả lời "${it.title}".`);
    }
  }

  // Tasks.
  const tasks: VillageTaskAnswer[] = [];
  for (const tt of spec.tasks) {
    const own = spec.items.filter(it => it.tt === tt && it.kind !== 'section');
    const progressItem = own.find(it => it.role === 'progress');
    const countItem = own.find(it => it.role === 'count');
    let progress: Progress | null = null;
    if (progressItem) {
      const text = value(progressItem.key);
      progress = text ? parseProgress(text) : null;
      if (!text)
        error('missing_answer', `Thiếu câu trả lời "${progressItem.title}".`);
      else if (!progress)
        error(
          'missing_answer',
          `Không đọc được "${progressItem.title}": "${text}".`,
        );
    }
    let count: number | null = null;
    if (countItem && value(countItem.key)) {
      count = parseCount(value(countItem.key));
      if (count === null) {
        warn(
          'bad_number',
          `Không đọc được số ở "${countItem.title}": "${value(countItem.key)}".`,
        );
      }
    }
    const parts: string[] = [];
    for (const it of own) {
      if (it.role === 'progress') continue;
      const text = value(it.key);
      if (!text) continue;
      if (
        it.kind === 'number' &&
        it.role !== 'count' &&
        parseCount(text) === null
      ) {
        warn('bad_number', `Không đọc được số ở "${it.title}": "${text}".`);
      }
      const shown =
        it.kind === 'date' ? formatVnDate(answerDate(text)) || text : text;
      parts.push(`${it.label}: ${shown}`);
    }
    for (const [title, text] of Object.entries(answers[tt] ?? {})) {
      if (!own.some(it => it.title === title)) parts.push(`${title}: ${text}`);
    }
    const answered = progress !== null || count !== null || parts.length > 0;
    if (answered) tasks.push({tt, progress, count, summary: parts.join('; ')});
  }

  const evidenceText = value('evidence');
  const errors = problems.filter(p => p.severity === 'error');
  const report: StoredVillageReport = {
    responseId: String(meta.responseId ?? ''),
    periodId: period ? period.id : '',
    unitCode: village ? village.code : '',
    village: village ? village.name : villageText,
    submittedAt: String(meta.submittedAt ?? ''),
    reporter: value('reporter'),
    phone: value('phone'),
    answers,
    difficulties: value('difficulties'),
    proposals: value('proposals'),
    evidence: extractLinks(evidenceText),
    state: errors.length ? 'flagged' : 'valid',
    issue: problems.map(p => p.message).join('\n'),
    tasks,
  };
  return {report, problems};
}

function addDaysIso(date: IsoDate, days: number): IsoDate {
  return isIsoDate(date) ? addDays(date, Math.max(0, days)) : date;
}

// ---------------------------------------------------------------------------------------------
// What a report changes in an assignment.

/** The tag a period's line carries in an assignment's result ("[KY1] …"). */
export function resultTag(periodId: string): string {
  return `[${periodId}]`;
}

/**
 * An assignment's result with the period's line set to `summary`: the line tagged with the period
 * is replaced (a resubmission), other lines — other periods, text users typed — are kept.
 */
export function mergeResult(
  existing: string,
  periodId: string,
  summary: string,
): string {
  const tag = resultTag(periodId);
  const kept = String(existing ?? '')
    .split('\n')
    .filter(line => !line.startsWith(`${tag} `) && line !== tag);
  while (kept.length && !kept[kept.length - 1].trim()) kept.pop();
  const line = summary.trim() ? `${tag} ${summary.trim()}` : '';
  return [...kept, line]
    .filter((l, i, all) => l !== '' || i < all.length - 1)
    .join('\n');
}

/** The links of both lists, each once, existing ones first. */
export function mergeEvidence(existing: string[], added: string[]): string[] {
  return [...new Set([...existing, ...added])];
}

/**
 * The assignment after a village's answer for its task: progress, completion date (the submission
 * day when newly done; cleared when no longer done), result line and evidence. Null when the
 * answer changes nothing.
 */
export function applyAnswer(
  a: Assignment,
  answer: VillageTaskAnswer,
  report: Pick<
    StoredVillageReport,
    'periodId' | 'evidence' | 'submittedAt' | 'reporter' | 'village'
  >,
  today: IsoDate,
): Assignment | null {
  const progress = answer.progress ?? a.progress;
  const completedOn =
    progress === 'done'
      ? (a.progress === 'done' && a.completedOn) || today
      : null;
  const countText =
    answer.count !== null && !answer.summary ? `Số lượng: ${answer.count}` : '';
  const summary = [PROGRESS_LABELS[progress], answer.summary || countText]
    .filter(Boolean)
    .join(' – ');
  const result = mergeResult(a.result, report.periodId, summary);
  const evidence = mergeEvidence(a.evidence, report.evidence);
  const same =
    progress === a.progress &&
    completedOn === a.completedOn &&
    result === a.result &&
    evidence.length === a.evidence.length;
  if (same) return null;
  return {
    ...a,
    progress,
    completedOn,
    result,
    evidence,
    updatedAt: report.submittedAt,
    updatedBy: `Biểu mẫu thôn: ${[report.village, report.reporter].filter(Boolean).join(' – ')}`,
    version: a.version + 1,
  };
}

// ---------------------------------------------------------------------------------------------
// Prefilled links without URL / URLSearchParams (absent from Apps Script).

/** application/x-www-form-urlencoded encoding of one value (spaces as "+"). */
export function formUrlEncode(value: string): string {
  const wellFormed = String(value ?? '').replace(LONE_SURROGATE, '\uFFFD');
  return encodeURIComponent(wellFormed).replace(/%20/g, '+');
}

/** A surrogate half without its pair (encodeURIComponent throws on it). */
const LONE_SURROGATE =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Decodes one form-urlencoded value; malformed escapes are kept as they are. */
export function formUrlDecode(value: string): string {
  const s = String(value ?? '').replace(/\+/g, ' ');
  try {
    return decodeURIComponent(s);
  } catch {
    return s.replace(/%([0-9a-f]{2})/gi, (m, h: string) => {
      const code = parseInt(h, 16);
      return code < 0x80 ? String.fromCharCode(code) : m;
    });
  }
}

/** The name of the query parameter of `url` whose value is `value`, or null. */
export function queryParamWithValue(url: string, value: string): string | null {
  const q = url.indexOf('?');
  if (q < 0) return null;
  const query = url.slice(q + 1).split('#')[0];
  for (const pair of query.split('&')) {
    const eq = pair.indexOf('=');
    if (eq < 0) continue;
    if (formUrlDecode(pair.slice(eq + 1)) === value) return pair.slice(0, eq);
  }
  return null;
}

/** `url` with the query parameter `name` set to `value` (added when absent). */
export function withQueryParam(
  url: string,
  name: string,
  value: string,
): string {
  const hash = url.indexOf('#');
  const base = hash >= 0 ? url.slice(0, hash) : url;
  const fragment = hash >= 0 ? url.slice(hash) : '';
  const q = base.indexOf('?');
  const path = q >= 0 ? base.slice(0, q) : base;
  const pairs =
    q >= 0
      ? base
          .slice(q + 1)
          .split('&')
          .filter(Boolean)
      : [];
  const encoded = `${name}=${formUrlEncode(value)}`;
  let found = false;
  const out = pairs.map(p => {
    if (p.slice(0, p.indexOf('=') >= 0 ? p.indexOf('=') : p.length) !== name)
      return p;
    found = true;
    return encoded;
  });
  if (!found) out.push(encoded);
  return `${path}?${out.join('&')}${fragment}`;
}

/**
 * Prefilled links for every village from one link Google made for the first: the parameter whose
 * value is the template choice gets each village's choice. Empty when the template holds no such
 * parameter (the caller then says so rather than guessing).
 */
export function derivePrefilledUrls(
  templateUrl: string,
  templateChoice: string,
  choices: {choice: string; unitCode: string}[],
): {unitCode: string; choice: string; url: string}[] {
  const param = queryParamWithValue(templateUrl, templateChoice);
  if (!param) return [];
  return choices.map(c => ({
    unitCode: c.unitCode,
    choice: c.choice,
    url: withQueryParam(templateUrl, param, c.choice),
  }));
}

/** Form ids in the URLs Google gives (".../forms/d/<id>/edit", ".../forms/d/e/<published>/viewform"). */
export function formIdOfUrl(url: string): {
  id: string | null;
  publishedId: string | null;
} {
  const s = String(url ?? '');
  const pub = /\/forms\/d\/e\/([A-Za-z0-9_-]+)/.exec(s);
  if (pub) return {id: null, publishedId: pub[1]};
  const m = /\/forms\/d\/([A-Za-z0-9_-]+)/.exec(s);
  return {id: m ? m[1] : null, publishedId: null};
}
