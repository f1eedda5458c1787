// Wall-clock time in an IANA zone (via Intl) and Java SimpleDateFormat formatting / parsing.

export interface WallClock {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
  weekday: number; // 0 = Sunday
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
      era: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when Intl knows the zone. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Java's rule: an unknown zone id means GMT. */
export function zoneOrGmt(timeZone: string): string {
  return timeZone && isValidTimeZone(timeZone) ? timeZone : 'UTC';
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export function wallClock(ms: number, timeZone: string): WallClock {
  const parts = formatterFor(zoneOrGmt(timeZone)).formatToParts(new Date(ms));
  const get = (type: string) => parts.find(p => p.type === type)?.value ?? '';
  let year = Number(get('year'));
  if (get('era') === 'BC') year = 1 - year;
  return {
    year,
    month: Number(get('month')),
    day: Number(get('day')),
    hour: Number(get('hour')) % 24,
    minute: Number(get('minute')),
    second: Number(get('second')),
    ms: ((ms % 1000) + 1000) % 1000,
    weekday: WEEKDAYS.indexOf(get('weekday')),
  };
}

/** Minutes the zone is ahead of UTC at that instant (Asia/Ho_Chi_Minh: 420). */
export function offsetMinutes(ms: number, timeZone: string): number {
  const w = wallClock(ms, timeZone);
  const asUtc = Date.UTC(
    w.year,
    w.month - 1,
    w.day,
    w.hour,
    w.minute,
    w.second,
    w.ms,
  );
  const y = new Date(asUtc);
  y.setUTCFullYear(w.year);
  return Math.round((y.getTime() - ms) / 60000);
}

/** The instant at which the zone's clock shows the given wall time (month 1-12). */
export function fromWallClock(
  timeZone: string,
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
  ms = 0,
): number {
  const d = new Date(Date.UTC(2000, 0, 1));
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, ms);
  const guess = d.getTime();
  const off1 = offsetMinutes(guess, timeZone);
  const off2 = offsetMinutes(guess - off1 * 60000, timeZone);
  return guess - off2 * 60000;
}

const MONTHS = [
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
const DAYS = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
];

/** Zone abbreviations Java prints for `z` (Intl has none for most of Asia). */
const ZONE_ABBR: Record<string, [string, string]> = {
  'Asia/Ho_Chi_Minh': ['ICT', 'ICT'],
  'Asia/Saigon': ['ICT', 'ICT'],
  'Asia/Bangkok': ['ICT', 'ICT'],
  'Asia/Jakarta': ['WIB', 'WIB'],
  'Asia/Tokyo': ['JST', 'JST'],
  'Asia/Singapore': ['SGT', 'SGT'],
  'Europe/London': ['GMT', 'BST'],
  'Europe/Paris': ['CET', 'CEST'],
  'Europe/Berlin': ['CET', 'CEST'],
  'America/New_York': ['EST', 'EDT'],
  'America/Chicago': ['CST', 'CDT'],
  'America/Denver': ['MST', 'MDT'],
  'America/Los_Angeles': ['PST', 'PDT'],
  UTC: ['UTC', 'UTC'],
  'Etc/UTC': ['UTC', 'UTC'],
  GMT: ['GMT', 'GMT'],
  'Etc/GMT': ['GMT', 'GMT'],
};

function zoneAbbr(ms: number, timeZone: string): string {
  const known = ZONE_ABBR[timeZone];
  if (known) {
    const jan = offsetMinutes(
      Date.UTC(new Date(ms).getUTCFullYear(), 0, 1),
      timeZone,
    );
    return offsetMinutes(ms, timeZone) === jan ? known[0] : known[1];
  }
  const off = offsetMinutes(ms, timeZone);
  if (off === 0) return 'GMT';
  return 'GMT' + signed(off, ':');
}

function pad(n: number, width: number): string {
  const s = String(Math.abs(n));
  return (
    (n < 0 ? '-' : '') +
    (s.length >= width ? s : '0'.repeat(width - s.length) + s)
  );
}

function signed(offMin: number, sep: string): string {
  const sign = offMin < 0 ? '-' : '+';
  const a = Math.abs(offMin);
  return sign + pad(Math.floor(a / 60), 2) + sep + pad(a % 60, 2);
}

function dayOfYear(w: WallClock): number {
  return (
    (Date.UTC(w.year, w.month - 1, w.day) - Date.UTC(w.year, 0, 1)) / 86400000 +
    1
  );
}

type Token = {letter: string; count: number} | {literal: string};

const PATTERN_LETTERS = 'GyYMLwWDdFEuaHkKhmsSzZX';

/** Splits a SimpleDateFormat pattern; throws on letters Java rejects. */
export function tokenizeJavaPattern(pattern: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i];
    if (ch === "'") {
      if (pattern[i + 1] === "'") {
        tokens.push({literal: "'"});
        i += 2;
        continue;
      }
      let j = i + 1;
      let text = '';
      while (j < pattern.length) {
        if (pattern[j] === "'") {
          if (pattern[j + 1] === "'") {
            text += "'";
            j += 2;
            continue;
          }
          break;
        }
        text += pattern[j++];
      }
      if (j >= pattern.length) throw new Error('Unterminated quote');
      tokens.push({literal: text});
      i = j + 1;
    } else if (/[A-Za-z]/.test(ch)) {
      if (!PATTERN_LETTERS.includes(ch))
        throw new Error(`Illegal pattern character '${ch}'`);
      let j = i;
      while (pattern[j] === ch) j++;
      tokens.push({letter: ch, count: j - i});
      i = j;
    } else {
      tokens.push({literal: ch});
      i++;
    }
  }
  return tokens;
}

/** Java SimpleDateFormat (English names) of an instant, in a zone. */
export function formatJavaDate(
  ms: number,
  timeZone: string,
  pattern: string,
): string {
  const zone = zoneOrGmt(timeZone);
  const w = wallClock(ms, zone);
  let out = '';
  for (const t of tokenizeJavaPattern(pattern)) {
    if ('literal' in t) {
      out += t.literal;
      continue;
    }
    const n = t.count;
    switch (t.letter) {
      case 'G':
        out += w.year > 0 ? 'AD' : 'BC';
        break;
      case 'y':
      case 'Y':
        out += n === 2 ? pad(w.year % 100, 2) : pad(w.year, n);
        break;
      case 'M':
      case 'L':
        out +=
          n >= 4
            ? MONTHS[w.month - 1]
            : n === 3
              ? MONTHS[w.month - 1].slice(0, 3)
              : pad(w.month, n);
        break;
      case 'd':
        out += pad(w.day, n);
        break;
      case 'D':
        out += pad(dayOfYear(w), n);
        break;
      case 'E':
        out += n >= 4 ? DAYS[w.weekday] : DAYS[w.weekday].slice(0, 3);
        break;
      case 'u':
        out += pad(w.weekday === 0 ? 7 : w.weekday, n);
        break;
      case 'F':
        out += pad(Math.floor((w.day - 1) / 7) + 1, n);
        break;
      case 'w': {
        // ISO-like week of year with Sunday start (Java's default US locale rules).
        const jan1 = new Date(Date.UTC(w.year, 0, 1)).getUTCDay();
        out += pad(Math.floor((dayOfYear(w) - 1 + jan1) / 7) + 1, n);
        break;
      }
      case 'W': {
        const first = new Date(Date.UTC(w.year, w.month - 1, 1)).getUTCDay();
        out += pad(Math.floor((w.day - 1 + first) / 7) + 1, n);
        break;
      }
      case 'a':
        out += w.hour < 12 ? 'AM' : 'PM';
        break;
      case 'H':
        out += pad(w.hour, n);
        break;
      case 'k':
        out += pad(w.hour === 0 ? 24 : w.hour, n);
        break;
      case 'K':
        out += pad(w.hour % 12, n);
        break;
      case 'h':
        out += pad(w.hour % 12 === 0 ? 12 : w.hour % 12, n);
        break;
      case 'm':
        out += pad(w.minute, n);
        break;
      case 's':
        out += pad(w.second, n);
        break;
      case 'S':
        out += pad(w.ms, n);
        break;
      case 'z':
        out += zoneAbbr(ms, zone);
        break;
      case 'Z':
        out += signed(offsetMinutes(ms, zone), '');
        break;
      case 'X': {
        const off = offsetMinutes(ms, zone);
        if (off === 0) out += 'Z';
        else if (n === 1) out += signed(off, '').slice(0, 3);
        else out += signed(off, n >= 3 ? ':' : '');
        break;
      }
    }
  }
  return out;
}

/**
 * Parses text with a SimpleDateFormat pattern (numeric fields, month names, AM/PM, zones
 * Z/X), as a wall time in the zone. Lenient like Java: 32/01 rolls into February.
 * Returns null when the text does not match.
 */
export function parseJavaDate(
  text: string,
  timeZone: string,
  pattern: string,
): number | null {
  const tokens = tokenizeJavaPattern(pattern);
  let pos = 0;
  let year = 1970;
  let month = 1;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let milli = 0;
  let pm: boolean | null = null;
  let hour12 = false;
  let offset: number | null = null;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if ('literal' in t) {
      if (text.slice(pos, pos + t.literal.length) !== t.literal) {
        if (/^\s+$/.test(t.literal) && /\s/.test(text[pos] ?? '')) {
          while (/\s/.test(text[pos] ?? '')) pos++;
          continue;
        }
        return null;
      }
      pos += t.literal.length;
      continue;
    }
    const next = tokens[i + 1];
    const adjacentNumber = next !== undefined && 'letter' in next;
    const readNumber = (): number | null => {
      let j = pos;
      if (text[j] === '-' || text[j] === '+') j++;
      const maxLen = adjacentNumber ? t.count : Infinity;
      while (j < text.length && /\d/.test(text[j]) && j - pos < maxLen) j++;
      if (j === pos) return null;
      const n = Number(text.slice(pos, j));
      if (Number.isNaN(n)) return null;
      pos = j;
      return n;
    };
    const readName = (names: string[]): number | null => {
      const rest = text.slice(pos).toLowerCase();
      for (let k = 0; k < names.length; k++) {
        for (const cand of [names[k], names[k].slice(0, 3)]) {
          if (rest.startsWith(cand.toLowerCase())) {
            pos += cand.length;
            return k;
          }
        }
      }
      return null;
    };
    let v: number | null;
    switch (t.letter) {
      case 'y':
      case 'Y': {
        const start = pos;
        v = readNumber();
        if (v === null) return null;
        year =
          t.count <= 2 && pos - start === 2
            ? 2000 + v - (2000 + v > 2045 ? 100 : 0)
            : v;
        break;
      }
      case 'M':
      case 'L':
        if (t.count >= 3) {
          v = readName(MONTHS);
          if (v === null) return null;
          month = v + 1;
        } else {
          v = readNumber();
          if (v === null) return null;
          month = v;
        }
        break;
      case 'd':
        if ((v = readNumber()) === null) return null;
        day = v;
        break;
      case 'E':
        if (readName(DAYS) === null) return null;
        break;
      case 'H':
      case 'k':
        if ((v = readNumber()) === null) return null;
        hour = t.letter === 'k' && v === 24 ? 0 : v;
        break;
      case 'h':
      case 'K':
        if ((v = readNumber()) === null) return null;
        hour = v % 12;
        hour12 = true;
        break;
      case 'a': {
        const rest = text.slice(pos, pos + 2).toUpperCase();
        if (rest !== 'AM' && rest !== 'PM') return null;
        pm = rest === 'PM';
        pos += 2;
        break;
      }
      case 'm':
        if ((v = readNumber()) === null) return null;
        minute = v;
        break;
      case 's':
        if ((v = readNumber()) === null) return null;
        second = v;
        break;
      case 'S':
        if ((v = readNumber()) === null) return null;
        milli = v;
        break;
      case 'Z':
      case 'X': {
        if (text[pos] === 'Z') {
          offset = 0;
          pos++;
          break;
        }
        const m = /^([+-])(\d{2}):?(\d{2})?/.exec(text.slice(pos));
        if (!m) return null;
        offset =
          (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
        pos += m[0].length;
        break;
      }
      case 'z': {
        const m = /^[A-Za-z]+([+-]\d{1,2}(:?\d{2})?)?/.exec(text.slice(pos));
        if (!m) return null;
        pos += m[0].length;
        break;
      }
      default:
        if (readNumber() === null) return null;
    }
  }
  if (hour12 && pm) hour += 12;
  if (offset !== null) {
    const d = new Date(Date.UTC(2000, 0, 1));
    d.setUTCFullYear(year, month - 1, day);
    d.setUTCHours(hour, minute, second, milli);
    return d.getTime() - offset * 60000;
  }
  return fromWallClock(
    zoneOrGmt(timeZone),
    year,
    month,
    day,
    hour,
    minute,
    second,
    milli,
  );
}
