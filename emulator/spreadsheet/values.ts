// Cell values as Google Sheets sees them: what a script's write stores, what reads and displays give.
import {isDate} from '../runtime';
import {fromWallClock, wallClock} from '../tz';

/** What a cell stores: a string, number, boolean or an instant (Date). */
export type Stored = string | number | boolean | Date;

/** The number format Google reports for a cell whose format is "automatic". */
export const DEFAULT_NUMBER_FORMAT = '0.###############';

/** Google's limit for one cell. */
export const MAX_CELL_CHARS = 50000;

/** The outcome of a script writing a value into a cell. */
export interface Written {
  value?: Stored;
  formula?: string;
  /** A number format Google applies on its own (dates, percents) if the cell has none. */
  autoFormat?: string;
}

const NUMBER_RE = /^[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?([eE][+-]?\d+)?$/;
const NUMBER_RE_COMMA = /^[+-]?(\d{1,3}(\.\d{3})+|\d+)?(,\d+)?([eE][+-]?\d+)?$/;

function dateOrder(locale: string): 'MDY' | 'DMY' {
  return /^en(_US)?$|^en-US$/.test(locale) || locale === '' ? 'MDY' : 'DMY';
}

/** Locales whose decimal separator is a comma (vi_VN: "1,5" is one and a half, "1.234" a thousand). */
function decimalComma(locale: string): boolean {
  return /^(vi|de|fr|es|it|pt|ru|id|nl|tr|pl|cs|da|fi|nb|sv|uk|ro|hu|el)([_-]|$)/.test(
    locale,
  );
}

/** Google's automatic date format for the spreadsheet's locale. */
export function autoDateFormat(locale: string, withTime: boolean): string {
  const d = dateOrder(locale) === 'MDY' ? 'M/d/yyyy' : 'd/M/yyyy';
  return withTime ? `${d} H:mm:ss` : d;
}

/**
 * Parses text the way Sheets parses what a user types (and what setValue/setValues with a
 * string does): numbers, percents, TRUE/FALSE, dates and times in the sheet's locale.
 */
export function parseUserText(
  text: string,
  timeZone: string,
  locale: string,
  now: number = Date.now(),
): {value: Stored; autoFormat?: string} {
  const t = text.trim();
  if (t === '') return {value: text};
  if (/^(true|false)$/i.test(t)) return {value: t.toLowerCase() === 'true'};
  const comma = decimalComma(locale);
  if (/\d/.test(t) && (comma ? NUMBER_RE_COMMA : NUMBER_RE).test(t)) {
    const plain = comma
      ? t.replace(/\./g, '').replace(',', '.')
      : t.replace(/,/g, '');
    return {value: Number(plain)};
  }
  const pct = (
    comma ? /^([+-]?\d+(,\d+)?)\s?%$/ : /^([+-]?\d+(\.\d+)?)\s?%$/
  ).exec(t);
  if (pct)
    return {value: Number(pct[1].replace(',', '.')) / 100, autoFormat: '0%'};
  const date = parseDateText(t, timeZone, locale, now);
  if (date) return date;
  return {value: text};
}

function parseDateText(
  t: string,
  timeZone: string,
  locale: string,
  now: number,
): {value: Date; autoFormat: string} | null {
  const time = /^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm)?$/i;
  let m = time.exec(t);
  if (m) {
    let h = Number(m[1]);
    if (m[4]) h = (h % 12) + (m[4].toLowerCase() === 'pm' ? 12 : 0);
    if (h > 23 || Number(m[2]) > 59) return null;
    const ms = fromWallClock(
      timeZone,
      1899,
      12,
      30,
      h,
      Number(m[2]),
      Number(m[3] ?? 0),
    );
    return {value: new Date(ms), autoFormat: m[3] ? 'H:mm:ss' : 'H:mm'};
  }
  let y: number;
  let mo: number;
  let d: number;
  let rest: string;
  m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(.*)$/.exec(t);
  if (m) {
    [y, mo, d, rest] = [Number(m[1]), Number(m[2]), Number(m[3]), m[4]];
  } else {
    // d/m/yyyy (or m/d/yyyy), and d/m alone: a date of the current year, as Sheets reads it.
    m = /^(\d{1,2})[-/.](\d{1,2})(?:[-/.](\d{4}|\d{2}))?(\s.*)?$/.exec(t);
    if (
      !m ||
      (m[3] === undefined &&
        (m[4] !== undefined || t.includes('.') || t.includes('-')))
    )
      return null;
    const a = Number(m[1]);
    const b = Number(m[2]);
    y = m[3] === undefined ? wallClock(now, timeZone).year : Number(m[3]);
    if (m[3]?.length === 2) y += y < 30 ? 2000 : 1900;
    [mo, d] = dateOrder(locale) === 'MDY' ? [a, b] : [b, a];
    rest = m[4] ?? '';
  }
  const daysIn = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn) return null;
  let h = 0;
  let mi = 0;
  let s = 0;
  if (rest.trim()) {
    const tm = /^\s+(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(rest);
    if (!tm) return null;
    [h, mi, s] = [Number(tm[1]), Number(tm[2]), Number(tm[3] ?? 0)];
    if (h > 23 || mi > 59 || s > 59) return null;
  }
  return {
    value: new Date(fromWallClock(timeZone, y, mo, d, h, mi, s)),
    autoFormat: autoDateFormat(locale, rest.trim() !== ''),
  };
}

/** Converts one value a script writes into what the cell keeps. */
export function fromScript(
  input: unknown,
  opts: {timeZone: string; locale: string; plainText: boolean; now?: number},
): Written {
  if (input === null || input === undefined) return {};
  if (isDate(input)) {
    const ms = input.getTime();
    if (Number.isNaN(ms)) return {value: '#NUM!'};
    const w = wallClock(ms, opts.timeZone);
    const midnight = w.hour === 0 && w.minute === 0 && w.second === 0;
    return {
      value: new Date(ms),
      autoFormat: autoDateFormat(opts.locale, !midnight),
    };
  }
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return {value: '#NUM!'};
    return {value: input};
  }
  if (typeof input === 'boolean') return {value: input};
  const text = typeof input === 'string' ? input : String(input);
  if (text === '') return {};
  if (text.startsWith("'")) {
    const rest = text.slice(1);
    return rest === '' ? {} : {value: rest};
  }
  if (opts.plainText) return {value: text};
  if (text.startsWith('=') && text.length > 1)
    return {formula: text, value: ''};
  return parseUserText(text, opts.timeZone, opts.locale, opts.now);
}

// ---------------------------------------------------------------------------------------------
// Display: number formats.

const DAY_NAMES = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
];
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function isDateFormat(fmt: string): boolean {
  const bare = fmt.replace(/"[^"]*"|\\./g, '');
  return (
    /[yd]|h|s|am\/pm/i.test(bare) || (/m/i.test(bare) && !/[0#]/.test(bare))
  );
}

const p2 = (n: number) => (n < 10 ? '0' : '') + n;

/** Formats an instant with a Sheets date/time format (dd/MM/yyyy, d mmm yyyy, HH:mm…). */
export function formatSheetsDate(
  ms: number,
  timeZone: string,
  fmt: string,
): string {
  const w = wallClock(ms, timeZone);
  const tokens: Array<{k: string; s: string}> = [];
  const re = /"([^"]*)"|\\(.)|(am\/pm|a\/p)|(y+|m+|d+|h+|s+)|(.)/gi;
  let m: RegExpExecArray | null;
  while ((m = re.exec(fmt))) {
    if (m[1] !== undefined) tokens.push({k: 'lit', s: m[1]});
    else if (m[2] !== undefined) tokens.push({k: 'lit', s: m[2]});
    else if (m[3] !== undefined) tokens.push({k: 'ampm', s: m[3]});
    else if (m[4] !== undefined)
      tokens.push({k: m[4][0].toLowerCase(), s: m[4]});
    else tokens.push({k: 'lit', s: m[5]});
  }
  const hasAmPm = tokens.some(t => t.k === 'ampm');
  let out = '';
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const n = t.s.length;
    switch (t.k) {
      case 'lit':
        out += t.s;
        break;
      case 'ampm':
        out +=
          w.hour < 12
            ? t.s.length > 3
              ? 'AM'
              : 'A'
            : t.s.length > 3
              ? 'PM'
              : 'P';
        break;
      case 'y':
        out += n <= 2 ? p2(w.year % 100) : String(w.year);
        break;
      case 'd':
        out +=
          n >= 4
            ? DAY_NAMES[w.weekday]
            : n === 3
              ? DAY_NAMES[w.weekday].slice(0, 3)
              : n === 2
                ? p2(w.day)
                : String(w.day);
        break;
      case 'h': {
        const h = hasAmPm ? w.hour % 12 || 12 : w.hour;
        out += n >= 2 ? p2(h) : String(h);
        break;
      }
      case 's':
        out += n >= 2 ? p2(w.second) : String(w.second);
        break;
      case 'm': {
        const prev = tokens
          .slice(0, i)
          .reverse()
          .find(x => x.k !== 'lit');
        const next = tokens.slice(i + 1).find(x => x.k !== 'lit');
        const minute = n <= 2 && (prev?.k === 'h' || next?.k === 's');
        if (minute) out += n === 2 ? p2(w.minute) : String(w.minute);
        else if (n >= 4) out += MONTH_NAMES[w.month - 1];
        else if (n === 3) out += MONTH_NAMES[w.month - 1].slice(0, 3);
        else out += n === 2 ? p2(w.month) : String(w.month);
        break;
      }
    }
  }
  return out;
}

function formatGeneralNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  const abs = Math.abs(n);
  if (abs !== 0 && (abs >= 1e15 || abs < 1e-9)) {
    return n.toExponential(2).toUpperCase().replace('E+', 'E+');
  }
  return String(Number(n.toPrecision(10)));
}

function unquote(s: string): string {
  return s.replace(
    /"([^"]*)"|\\(.)/g,
    (_m, q?: string, e?: string) => q ?? e ?? '',
  );
}

function formatNumberPattern(n: number, fmt: string): string {
  const sections = fmt.split(';');
  let section = sections[0];
  let v = n;
  if (n < 0 && sections.length > 1) {
    section = sections[1];
    v = -n;
  }
  const masked = section.replace(/"[^"]*"|\\./g, q => ' '.repeat(q.length));
  const m = /[#0][#0,.]*/.exec(masked);
  if (!m) return unquote(section);
  const prefix = unquote(section.slice(0, m.index));
  const suffix = unquote(section.slice(m.index + m[0].length));
  if (masked.includes('%')) v *= 100;
  const [intPat, decPat = ''] = m[0].split('.');
  const minDec = (decPat.match(/0/g) ?? []).length;
  const maxDec = decPat.replace(/,/g, '').length;
  let [ip, dp = ''] = Math.abs(v).toFixed(maxDec).split('.');
  while (dp.length > minDec && dp.endsWith('0')) dp = dp.slice(0, -1);
  const minInt = (intPat.match(/0/g) ?? []).length;
  if (minInt === 0 && ip === '0') ip = '';
  while (ip.length < minInt) ip = '0' + ip;
  if (intPat.includes(',')) ip = ip.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const negative = v < 0 && Number(ip + '.' + (dp || '0')) !== 0;
  return (negative ? '-' : '') + prefix + ip + (dp ? '.' + dp : '') + suffix;
}

/** The text a cell shows (Range.getDisplayValues). */
export function displayValue(
  v: Stored | undefined,
  numberFormat: string | undefined,
  timeZone: string,
  locale: string,
): string {
  if (v === undefined || v === '') return '';
  const fmt =
    numberFormat && numberFormat !== DEFAULT_NUMBER_FORMAT ? numberFormat : '';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (isDate(v)) {
    const ms = v.getTime();
    if (fmt && fmt !== '@' && isDateFormat(fmt))
      return formatSheetsDate(ms, timeZone, fmt);
    const w = wallClock(ms, timeZone);
    const midnight = w.hour === 0 && w.minute === 0 && w.second === 0;
    return formatSheetsDate(ms, timeZone, autoDateFormat(locale, !midnight));
  }
  if (!fmt || fmt === '@' || /^general$/i.test(fmt))
    return formatGeneralNumber(v);
  if (isDateFormat(fmt)) {
    // A serial number shown as a date: days since 1899-12-30 in the sheet's zone.
    const whole = Math.floor(v);
    const ms =
      fromWallClock(timeZone, 1899, 12, 30 + whole) +
      Math.round((v - whole) * 86400000);
    return formatSheetsDate(ms, timeZone, fmt);
  }
  return formatNumberPattern(v, fmt);
}
