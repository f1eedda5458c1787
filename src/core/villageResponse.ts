// Reading a village form response back: the village, answers per task, evidence links, and what it changes in an assignment.
import {CUT_MARK, capLines} from './cellText';
import {addDays, formatVnDate, isIsoDate} from './dates';
import {PROGRESS_LABELS, parseProgress} from './status';
import {foldDiacritics, nfc, normalizeKey} from './text';
import type {
  Assignment,
  IsoDate,
  Progress,
  ReportingPeriod,
  Unit,
} from './types';
import type {StoredVillageReport, VillageTaskAnswer} from './villageReports';
import {titleKey, type FormItemSpec, type FormSpec} from './villageForm';

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
    | 'bad_number'
    | 'bad_code'
    | 'not_a_link';
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
  /**
   * Checks the village's verification code (from its prefilled link). When given, a form with a
   * code question flags a response whose code is missing or is not the named village's.
   */
  checkCode?: (unitCode: string, code: string) => boolean;
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
      // The code proves the village; it is checked, never stored with the answers.
      if (it.role !== 'code') keep(it.tt ?? '', it.title, text);
    } else if (it?.role !== 'code') {
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

  // The village's code: only its own prefilled link carries it.
  const codeItem = spec.items.find(it => it.role === 'code');
  if (village && codeItem && options.checkCode) {
    const code = value(codeItem.key).trim();
    if (!code) {
      error(
        'bad_code',
        `Thiếu "${codeItem.title}": báo cáo không gửi từ đường dẫn riêng của thôn "${village.name}", chưa được tính.`,
      );
    } else if (!options.checkCode(village.code, code)) {
      error(
        'bad_code',
        `"${codeItem.title}" không đúng với thôn "${village.name}" của kỳ này: có thể báo cáo gửi từ đường dẫn của thôn khác hoặc mã bị sửa. Báo cáo chưa được tính, không thay báo cáo của thôn.`,
      );
    }
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

  // Evidence: the links of each line; a line without any is kept as typed, and the report flagged.
  const evidence: string[] = [];
  const notLinks: string[] = [];
  for (const line of value('evidence').split(/\r?\n/)) {
    const text = line.trim();
    if (!text) continue;
    const links = extractLinks(text);
    if (links.length) evidence.push(...links);
    else {
      evidence.push(text);
      notLinks.push(text);
    }
  }
  if (notLinks.length) {
    const evidenceItem = spec.items.find(it => it.role === 'evidence');
    const title = evidenceItem ? evidenceItem.title : 'Đường dẫn minh chứng';
    error(
      'not_a_link',
      `${notLinks.length === 1 ? 'Một dòng' : `${notLinks.length} dòng`} ở "${title}" không phải đường dẫn ` +
        `(đã giữ nguyên dạng chữ): ${notLinks.map(t => `"${shortQuote(t)}"`).join(', ')}.`,
    );
  }
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
    evidence: [...new Set(evidence)],
    state: errors.length ? 'flagged' : 'valid',
    issue: problems.map(p => p.message).join('\n'),
    tasks,
  };
  return {report, problems};
}

/** A line quoted in a message: at most 80 characters. */
function shortQuote(text: string): string {
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
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
  const lines = [...kept, line].filter(
    (l, i, all) => l !== '' || i < all.length - 1,
  );
  // Within one cell: the oldest lines give way first, and a CUT_MARK line says so.
  return capLines(lines).join('\n');
}

/**
 * The links of both lists, each once, existing ones first; within one cell (the oldest links give
 * way first, after a CUT_MARK line).
 */
export function mergeEvidence(existing: string[], added: string[]): string[] {
  const all = [...new Set([...existing, ...added])].filter(l => l !== CUT_MARK);
  return capLines(all);
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
    evidence.join('\n') === a.evidence.join('\n');
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
