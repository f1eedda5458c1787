// The plan as a whole: per-village quotas read from task text, and the checks a plan must pass.
import {isIsoDate} from './dates';
import {nfc, normalizeKey} from './text';
import type {Plan, Task, Unit} from './types';
import {compactKey} from './units';

/** Small number words a plan may write instead of digits. */
const NUMBER_WORDS: Record<string, number> = {một: 1, hai: 2, ba: 3, bốn: 4};

/** A count: up to three digits, or a number word, never part of a longer number or word. */
const NUMBER = String.raw`(\d{1,3}(?!\d)|(?:một|hai|ba|bốn)(?!\p{L}))`;
/** Nothing that makes the count part of a date or a range ("3/2025", "9-11"). */
const NOT_A_DATE = String.raw`(?!\s*[/.,-]\s*\d)`;
/** "1 mô hình/thôn", "01 cuộc/thôn", "2 buổi / 1 thôn", "1/thôn". */
const PER_VILLAGE = new RegExp(
  String.raw`(?<![\p{L}\p{N}/.,-])${NUMBER}\s*(?:\p{L}+\s*){0,3}/\s*(?:01|1|một|mỗi)?\s*thôn(?![\p{L}\p{N}])`,
  'u',
);
/** "mỗi thôn 1 mô hình", "mỗi thôn tổ chức ít nhất 01 cuộc". */
const EACH_VILLAGE = new RegExp(
  String.raw`mỗi\s+thôn\s*,?\s*(?:\p{L}+\s+){0,4}${NUMBER}${NOT_A_DATE}`,
  'u',
);
/** "01 cuộc mỗi thôn", "1 mô hình ở mỗi thôn". */
const NUMBER_EACH_VILLAGE = new RegExp(
  String.raw`(?<![\p{L}\p{N}/.,-])${NUMBER}\s+(?:\p{L}+\s+){0,4}mỗi\s+thôn(?![\p{L}\p{N}])`,
  'u',
);

function toNumber(word: string): number {
  return word in NUMBER_WORDS ? NUMBER_WORDS[word] : Number(word);
}

/**
 * A per-village quota written in a task's text ("1 mô hình/thôn", "01 cuộc/thôn", "2 buổi/thôn",
 * "mỗi thôn 1 mô hình"), or null when the text sets none.
 */
export function readQuotaPerVillage(text: string): number | null {
  const s = nfc(String(text ?? ''))
    .toLowerCase()
    .replace(/[\s\u00a0]+/g, ' ');
  for (const re of [PER_VILLAGE, EACH_VILLAGE, NUMBER_EACH_VILLAGE]) {
    const m = re.exec(s);
    if (!m) continue;
    const n = toNumber(m[1]);
    if (n > 0) return n;
  }
  return null;
}

/** A task's per-village quota: from its text, else from its product. */
export function taskQuota(task: Pick<Task, 'text' | 'product'>): number | null {
  return readQuotaPerVillage(task.text) ?? readQuotaPerVillage(task.product);
}

const UNIT_CODE = /^[A-Z0-9_]+$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Records each value's first place, and returns the repeated ones. */
function repeated<T>(items: T[], key: (item: T) => string): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const item of items) {
    const k = key(item);
    if (!k) continue;
    if (seen.has(k)) dup.add(k);
    seen.add(k);
  }
  return [...dup];
}

/**
 * Checks a plan and returns its problems in Vietnamese, one sentence each (empty when the plan is
 * sound): missing or repeated task numbers, empty tasks, bad dates, repeated unit codes and names…
 */
export function validatePlan(plan: Plan): string[] {
  const problems: string[] = [];
  const say = (text: string) => problems.push(text);

  if (!normalizeKey(plan.title)) say('Kế hoạch chưa có tên.');
  if (!normalizeKey(plan.commune)) say('Kế hoạch chưa ghi tên xã.');
  const startOk = isIsoDate(plan.periodStart);
  const endOk = isIsoDate(plan.periodEnd);
  if (!startOk)
    say(`Ngày bắt đầu của kế hoạch không hợp lệ: "${plan.periodStart}".`);
  if (!endOk)
    say(`Ngày kết thúc của kế hoạch không hợp lệ: "${plan.periodEnd}".`);
  if (startOk && endOk && plan.periodEnd < plan.periodStart) {
    say('Ngày kết thúc của kế hoạch trước ngày bắt đầu.');
  }

  // Tasks.
  if (plan.tasks.length === 0) say('Kế hoạch chưa có nhiệm vụ nào.');
  plan.tasks.forEach((task, index) => {
    const tt = String(task.tt ?? '').trim();
    const name = tt ? `Nhiệm vụ ${tt}` : `Nhiệm vụ ở dòng ${index + 1}`;
    if (!tt) say(`${name} chưa có số thứ tự (TT).`);
    if (!normalizeKey(task.text)) say(`${name} chưa có nội dung.`);
    if (!normalizeKey(task.lead)) say(`${name} chưa có cơ quan chủ trì.`);
    if (task.quotaPerVillage !== null) {
      const q = task.quotaPerVillage;
      if (!Number.isInteger(q) || q < 1) {
        say(
          `${name}: chỉ tiêu mỗi thôn phải là số nguyên dương (đang là "${q}").`,
        );
      }
    }
  });
  for (const tt of repeated(plan.tasks, t => String(t.tt ?? '').trim())) {
    say(`Số thứ tự nhiệm vụ "${tt}" bị trùng.`);
  }

  // Reporting periods.
  if (plan.periods.length === 0) say('Kế hoạch chưa có kỳ báo cáo nào.');
  plan.periods.forEach((period, index) => {
    const id = String(period.id ?? '').trim();
    const name = period.name || id || `dòng ${index + 1}`;
    if (!id) say(`Kỳ báo cáo "${name}" chưa có mã.`);
    const okStart = isIsoDate(period.start);
    const okDue = isIsoDate(period.due);
    if (!okStart)
      say(
        `Kỳ báo cáo "${name}": ngày bắt đầu không hợp lệ ("${period.start}").`,
      );
    if (!okDue)
      say(`Kỳ báo cáo "${name}": hạn báo cáo không hợp lệ ("${period.due}").`);
    if (okStart && okDue && period.due < period.start) {
      say(`Kỳ báo cáo "${name}": hạn báo cáo trước ngày bắt đầu.`);
    }
    const offsets = period.reminderOffsets ?? [];
    if (offsets.some(d => !Number.isInteger(d) || d < 0)) {
      say(
        `Kỳ báo cáo "${name}": số ngày nhắc trước hạn phải là số nguyên không âm.`,
      );
    }
  });
  for (const id of repeated(plan.periods, p => String(p.id ?? '').trim())) {
    say(`Mã kỳ báo cáo "${id}" bị trùng.`);
  }

  // Units.
  plan.units.forEach((unit, index) => {
    const code = String(unit.code ?? '').trim();
    const label = normalizeKey(unit.name)
      ? `Đơn vị "${unit.name}"`
      : code
        ? `Đơn vị có mã "${code}"`
        : `Đơn vị ở dòng ${index + 1}`;
    if (!code) say(`${label} chưa có mã.`);
    else if (!UNIT_CODE.test(code)) {
      say(
        `Mã đơn vị "${code}" chỉ được dùng chữ in hoa không dấu, chữ số và dấu gạch dưới.`,
      );
    }
    if (!normalizeKey(unit.name)) say(`${label} chưa có tên.`);
    for (const email of unit.emails) {
      if (!EMAIL.test(String(email).trim()))
        say(`${label}: e-mail không hợp lệ "${email}".`);
    }
  });
  for (const code of repeated(plan.units, u =>
    String(u.code ?? '')
      .trim()
      .toUpperCase(),
  )) {
    say(`Mã đơn vị "${code}" bị trùng.`);
  }
  // A name or alias that two units share makes the lead/support text ambiguous.
  const owner = new Map<string, Unit>();
  const reported = new Set<string>();
  for (const unit of plan.units) {
    for (const name of [unit.name, ...unit.aliases]) {
      const key = compactKey(name);
      if (!key) continue;
      const first = owner.get(key);
      if (first === undefined) owner.set(key, unit);
      else if (first !== unit && !reported.has(key)) {
        reported.add(key);
        say(
          `Tên "${name}" được dùng cho cả hai đơn vị "${first.name}" và "${unit.name}".`,
        );
      }
    }
  }

  // Groups.
  plan.groups.forEach((group, index) => {
    if (!normalizeKey(group.phrase))
      say(`Nhóm đơn vị ở dòng ${index + 1} chưa có cụm từ.`);
    else if (!normalizeKey(group.tag))
      say(`Nhóm "${group.phrase}" chưa có nhãn.`);
  });
  for (const key of repeated(plan.groups, g => compactKey(g.phrase))) {
    const group = plan.groups.find(g => compactKey(g.phrase) === key);
    say(`Nhóm "${group?.phrase}" bị khai báo hai lần.`);
  }
  return problems;
}
