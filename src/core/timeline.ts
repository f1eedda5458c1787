// Reads a task's free-text "thời gian thực hiện" into a Timeline (ongoing, deadline, window or unknown).
import {addDays, endOfMonth, makeIsoDate} from './dates';
import {normalizeKey} from './text';
import type {IsoDate, Recurrence, Timeline, TimelineKind} from './types';

export interface ParseTimelineOptions {
  /** The year for texts that name none ("Tháng 9-11", "Quý III"); without it they are unknown. */
  defaultYear?: number;
}

/** The days a period expression ("Tháng 9-11/2025", "Quý III", "30/9/2025"…) covers. */
interface Span {
  start: IsoDate;
  due: IsoDate;
  /** One calendar date ("30/9/2025"): on its own it reads as a deadline. */
  day: boolean;
  /** Made of a range or a list ("Tháng 9-11", "Quý III, IV"). */
  compound: boolean;
}

/** What the words before a period make of it: "trước", "đến / chậm nhất / hạn", "trong", "từ". */
type Mode = 'plain' | 'before' | 'by' | 'within' | 'from';

/** The dated part of a timeline. */
interface Dated {
  kind: TimelineKind;
  start: IsoDate | null;
  due: IsoDate | null;
}

/** Longer texts are not timelines; the cap also bounds the work done on pasted paragraphs. */
const MAX_LENGTH = 200;

/** Rewrites, in order, that bring every spelling of a timeline to one canonical form. */
const NORMALISE_STEPS: Array<[RegExp, string]> = [
  [/[\u2010-\u2015\u2212]/g, '-'], // dashes and minus signs
  [/q(?:úy|uí)/g, 'quý'], // old-style "qúy", "quí"
  [/[()[\]:]/g, ' '],
  [/ *[,;] */g, ', '],
  [/ *([/-]) */g, '$1'],
  [/(\d) *\. *(?=\d)/g, '$1.'],
  [/ {2,}/g, ' '],
  [/^[ ,.;\-•*+]+|[ ,.;!?…]+$/g, ''],
  // "ngày 30 tháng 9 năm 2025" → "30/9/2025"
  [/(?:ngày )?(\d{1,2}) tháng (\d{1,2}) năm (\d{4})/g, '$1/$2/$3'],
  [/ngày (?=\d)/g, ''],
  // "tháng 10 năm 2025", "quý III, năm 2025" → "tháng 10/2025", "quý iii/2025"
  [/(^|[ ,/-])(\d{1,2}|[ivx]+),? năm (\d{4})(?!\d)/g, '$1$2/$3'],
];

/** "… và các năm tiếp theo": the task goes on past the plan. */
const CONTINUES =
  /(?:^|[ ,-]+)(?:và )?(?:các|những) năm (?:tiếp theo|sau(?: đó)?|kế tiếp)$/;

/** Recurring phrases, most specific first: "định kỳ hằng quý" is quarterly. */
const RECURRENCES: Array<[RegExp, Recurrence | null]> = [
  [/(?:hằng|hàng) tháng/g, 'monthly'],
  [/(?:hằng|hàng) quý/g, 'quarterly'],
  [/(?:hằng|hàng) năm/g, 'yearly'],
  [/(?:hằng|hàng) (?:tuần|ngày)|định kỳ/g, 'periodic'],
  // "Thường xuyên, theo yêu cầu nhiệm vụ": as the work requires, no date of its own. A bare
  // "theo yêu cầu" (on request) stays unknown: it may well have a deadline the request sets.
  [/thường xuyên|liên tục|theo yêu cầu (?:nhiệm vụ|công việc|thực tế)/g, null],
];

/** Leading words; those with a mode change how the period is read, the others are filler. */
const PREFIXES: Array<[RegExp, Mode | null]> = [
  [/^(?:hoàn thành|xong|thực hiện|thời gian|bắt đầu|giai đoạn) /, null],
  // "60 ngày, bắt đầu từ 01/11/2025 đến 30/12/2025": the dates say it; the length is a note.
  [/^\d{1,3} ngày(?: làm việc)?,? /, null],
  [/^trước /, 'before'],
  [
    /^(?:chậm nhất|muộn nhất|hạn chót|hạn cuối|thời hạn|hạn|đến hết|tới hết|hết|đến|tới) /,
    'by',
  ],
  [/^trong /, 'within'],
  [/^từ nay /, null],
  [/^từ /, 'from'],
];

/** One period each: a date, a month, a quarter, a half-year or a year. */
const ATOMS: Array<[RegExp, (m: string[], year?: number) => Span | null]> = [
  [/^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/, m => daySpan(+m[4], +m[3], +m[1])],
  [/^(\d{1,2})\/(\d{1,2})$/, (m, year) => daySpan(year, +m[2], +m[1])],
  [/^(?:tháng )?(\d{1,2})[/.-](\d{4})$/, m => monthSpan(+m[2], +m[1], +m[1])],
  [/^tháng (\d{1,2})$/, (m, year) => monthSpan(year, +m[1], +m[1])],
  [
    /^quý ([ivx]+|\d{1,2})(?:[/.-](\d{4}))?$/,
    (m, year) => quarterSpan(m[2] ? +m[2] : year, m[1]),
  ],
  [
    /^(?:6|06|sáu) tháng (đầu|cuối) năm(?: (\d{4}))?$/,
    (m, year) => halfYearSpan(m[2] ? +m[2] : year, m[1]),
  ],
  [
    /^(?:cả )?năm(?: (\d{4}))?$/,
    (m, year) => monthSpan(m[1] ? +m[1] : year, 1, 12),
  ],
  [/^(\d{4})$/, m => monthSpan(+m[1], 1, 12)],
];

const ROMAN_QUARTERS: Record<string, number> = {i: 1, ii: 2, iii: 3, iv: 4};
const LIST_SEPARATOR = /,? và |, /;
const RANGE_SEPARATOR = / (?:đến|tới) |-/g;
const UNIT_WORD = /^(?:tháng|quý) /;
const BARE_NUMBER = /^(?:\d+|[ivx]+)(?=[/.-]|$)/;

/**
 * Parses "thời gian thực hiện". Never throws: what it cannot read is `unknown`, and `text` is always
 * the input as given (null and undefined count as empty text, other values go through String()).
 */
export function parseTimeline(
  text: string,
  options?: ParseTimelineOptions,
): Timeline {
  const raw = asText(text);
  try {
    const year = options?.defaultYear;
    return (
      readTimeline(raw, Number.isInteger(year) ? year : undefined) ??
      unknown(raw)
    );
  } catch {
    return unknown(raw);
  }
}

function asText(value: unknown): string {
  try {
    return typeof value === 'string' ? value : String(value ?? '');
  } catch {
    return '';
  }
}

function unknown(text: string): Timeline {
  return {
    kind: 'unknown',
    start: null,
    due: null,
    continues: false,
    recurrence: null,
    text,
  };
}

function readTimeline(raw: string, year?: number): Timeline | null {
  const s = normalise(raw);
  if (!s || s.length > MAX_LENGTH) return null;
  const continues = CONTINUES.test(s);
  const {rest, recurring, recurrence} = stripRecurrence(
    s.replace(CONTINUES, ''),
  );
  if (!rest) {
    return recurring ? ongoing(raw, null, continues, recurrence) : null;
  }
  const dated = readDated(rest, year);
  if (!dated) return null;
  if (recurring || continues) {
    return ongoing(raw, dated.start, continues, recurrence);
  }
  return {...dated, continues: false, recurrence: null, text: raw};
}

/** Ongoing work never falls due: "Thường xuyên", "hằng tháng", "… và các năm tiếp theo". */
function ongoing(
  text: string,
  start: IsoDate | null,
  continues: boolean,
  recurrence: Recurrence | null,
): Timeline {
  return {kind: 'ongoing', start, due: null, continues, recurrence, text};
}

function normalise(raw: string): string {
  let s = normalizeKey(raw.replace(/\u200c|\u200d|\u2060/g, ''));
  for (const [re, replacement] of NORMALISE_STEPS)
    s = s.replace(re, replacement);
  return s;
}

/** Takes the recurring phrases out of the text and says which recurrence they name. */
function stripRecurrence(s: string): {
  rest: string;
  recurring: boolean;
  recurrence: Recurrence | null;
} {
  let rest = s;
  let recurring = false;
  let recurrence: Recurrence | null = null;
  for (const [re, value] of RECURRENCES) {
    const next = rest.replace(re, ' ');
    if (next === rest) continue;
    rest = next;
    recurring = true;
    recurrence = recurrence ?? value;
  }
  return {rest: trimJoiners(rest), recurring, recurrence};
}

/** Drops the separators and "và" left at either end once phrases were taken out. */
function trimJoiners(s: string): string {
  return s
    .replace(/ {2,}/g, ' ')
    .replace(/^(?:[ ,-]|và(?= |$))+/, '')
    .replace(/(?:[ ,-]|(?:^| )và)+$/, '');
}

/** Reads the leading words, then the period, and combines them. */
function readDated(s: string, year?: number): Dated | null {
  let mode: Mode = 'plain';
  let rest = s;
  for (let prefix = matchPrefix(rest); prefix; prefix = matchPrefix(rest)) {
    rest = rest.slice(prefix.length);
    mode = prefix.mode ?? mode;
  }
  const span = parseSpan(rest, year);
  return span ? applyMode(mode, span) : null;
}

function matchPrefix(s: string): {length: number; mode: Mode | null} | null {
  for (const [re, mode] of PREFIXES) {
    const m = re.exec(s);
    if (m) return {length: m[0].length, mode};
  }
  return null;
}

function applyMode(mode: Mode, span: Span): Dated {
  const window: Dated = {kind: 'window', start: span.start, due: span.due};
  switch (mode) {
    case 'plain':
      return span.day ? deadline(span.due) : window;
    case 'within':
      return window;
    case 'before':
      return deadline(span.day ? span.due : addDays(span.start, -1));
    case 'by':
      return deadline(span.due);
    case 'from':
      return span.compound
        ? window
        : {kind: 'ongoing', start: span.start, due: null};
  }
}

function deadline(due: IsoDate): Dated {
  return {kind: 'deadline', start: null, due};
}

/** A single period, a list ("Quý III, IV/2025") or a range ("Tháng 9-11/2025"). */
function parseSpan(s: string, year?: number): Span | null {
  return parseAtom(s, year) ?? parseList(s, year) ?? parseRange(s, year);
}

function parseAtom(s: string, year?: number): Span | null {
  for (const [re, read] of ATOMS) {
    const m = re.exec(s);
    if (m) return read(m, year);
  }
  return null;
}

/** "Tháng 9, 10/2025", "Quý II và III/2025": from the first item to the last. */
function parseList(s: string, year?: number): Span | null {
  const items = s.split(LIST_SEPARATOR);
  if (items.length < 2) return null;
  return joinSpans(
    carryUnits(items),
    year,
    (item, itemYear) => parseAtom(item, itemYear) ?? parseRange(item, itemYear),
  );
}

/** "Tháng 9-11/2025", "01/7/2025-30/9/2025", "tháng 9 đến tháng 11/2025": tries each separator. */
function parseRange(s: string, year?: number): Span | null {
  for (const m of s.matchAll(RANGE_SEPARATOR)) {
    const at = m.index as number;
    const sides = [s.slice(0, at), s.slice(at + m[0].length)];
    const span = joinSpans(carryUnits(sides), year, parseAtom);
    if (span) return span;
  }
  return null;
}

/**
 * Reads the parts from the last to the first, each part without a year taking the next one's
 * ("Tháng 9-11/2025": 9 is in 2025). The parts must come in order.
 */
function joinSpans(
  parts: string[],
  year: number | undefined,
  read: (part: string, year?: number) => Span | null,
): Span | null {
  const spans: Span[] = [];
  let fallback = year;
  for (let i = parts.length - 1; i >= 0; i--) {
    const span = read(parts[i], fallback);
    if (!span) return null;
    const next = spans[0];
    if (next && (span.start > next.start || span.due > next.due)) return null;
    spans.unshift(span);
    fallback = Number(span.start.slice(0, 4));
  }
  return {
    start: spans[0].start,
    due: spans[spans.length - 1].due,
    day: false,
    compound: true,
  };
}

/** A bare number after "tháng 9" or "quý III" is of the same unit: "9-11" means "tháng 9-tháng 11". */
function carryUnits(parts: string[]): string[] {
  let unit = '';
  return parts.map(part => {
    const own = UNIT_WORD.exec(part);
    if (own) {
      unit = own[0];
      return part;
    }
    if (BARE_NUMBER.test(part)) return unit + part;
    unit = '';
    return part;
  });
}

function daySpan(
  year: number | undefined,
  month: number,
  day: number,
): Span | null {
  const date = year === undefined ? null : makeIsoDate(year, month, day);
  return date ? {start: date, due: date, day: true, compound: false} : null;
}

/** From the first day of `first` to the last day of `last`, both in `year`. */
function monthSpan(
  year: number | undefined,
  first: number,
  last: number,
): Span | null {
  if (year === undefined) return null;
  const start = makeIsoDate(year, first, 1);
  if (!start || !makeIsoDate(year, last, 1)) return null;
  return {start, due: endOfMonth(year, last), day: false, compound: false};
}

/** "III", "3", "03" → quarter 3; anything but 1-4 is no quarter. */
function quarterSpan(year: number | undefined, token: string): Span | null {
  const q = /^\d+$/.test(token) ? Number(token) : (ROMAN_QUARTERS[token] ?? 0);
  return q >= 1 && q <= 4 ? monthSpan(year, 3 * q - 2, 3 * q) : null;
}

function halfYearSpan(year: number | undefined, half: string): Span | null {
  return half === 'đầu' ? monthSpan(year, 1, 6) : monthSpan(year, 7, 12);
}
