// Calendar arithmetic on ISO dates (yyyy-mm-dd) with no time zone and no clock: the core's dates.
import type {IsoDate} from './types';

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written yyyy-mm-dd (2025-02-30 is false). */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const m = ISO_RE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Builds an ISO date from numbers; returns null when they make no real date. */
export function makeIsoDate(
  year: number,
  month: number,
  day: number,
): IsoDate | null {
  if (
    !Number.isInteger(year) ||
    !Number.isInteger(month) ||
    !Number.isInteger(day)
  )
    return null;
  if (year < 1900 || year > 2200) return null;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
    return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function toUtcMs(date: IsoDate): number {
  const m = ISO_RE.exec(date);
  if (!m) throw new Error(`Not an ISO date: ${date}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

function fromUtcMs(ms: number): IsoDate {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The date `days` days after `date` (negative goes back). */
export function addDays(date: IsoDate, days: number): IsoDate {
  return fromUtcMs(toUtcMs(date) + days * 86400000);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((toUtcMs(to) - toUtcMs(from)) / 86400000);
}

/** Last day of a month. */
export function endOfMonth(year: number, month: number): IsoDate {
  return makeIsoDate(year, month, daysInMonth(year, month)) as IsoDate;
}

/** dd/MM/yyyy, as Vietnamese documents write dates. */
export function formatVnDate(date: IsoDate | null): string {
  if (!date || !isIsoDate(date)) return '';
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

/** Asia/Ho_Chi_Minh's offset from UTC in minutes (no daylight saving). */
export const VN_OFFSET = 420;

/** The zone offset (minutes) written in an ISO timestamp's suffix, or null. */
export function offsetOf(timestamp: string): number | null {
  if (/Z$/i.test(timestamp)) return 0;
  const m = /([+-])(\d{2}):?(\d{2})$/.exec(timestamp);
  if (!m || !timestamp.includes('T')) return null;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -minutes : minutes;
}

/**
 * "dd/MM/yyyy HH:mm" (date before time) of a timestamp in the zone given by `offset` (minutes);
 * text with no zone suffix is taken as wall-clock time; '' when empty. The one date-time formatter:
 * every page, mail, tab and export writes moments through it.
 */
export function formatVnDateTime(
  timestamp: string | null,
  offset = VN_OFFSET,
): string {
  const s = String(timestamp ?? '').trim();
  if (!s) return '';
  let local: string;
  if (offsetOf(s) === null) {
    local = s; // already wall-clock time
  } else {
    const ms = Date.parse(s);
    if (isNaN(ms)) return s;
    local = new Date(ms + offset * 60000).toISOString();
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?/.exec(local);
  if (!m) return s;
  const date = `${m[3]}/${m[2]}/${m[1]}`;
  return m[4] ? `${date} ${m[4]}:${m[5]}` : date;
}

/**
 * "dd/MM/yyyy HH:mm" of a timestamp at the wall-clock time it was written with ("…T07:30:00+07:00"
 * gives 07:30 whatever the zone), for stamps the sheet stores in the plan's zone.
 */
export function formatWrittenDateTime(timestamp: string | null): string {
  const s = String(timestamp ?? '').trim();
  return formatVnDateTime(s, offsetOf(s) ?? VN_OFFSET);
}

/** Reads d/m/yyyy or dd/mm/yyyy (also with "-" or "."); null when it is no real date. */
export function parseVnDate(text: string): IsoDate | null {
  const m = /^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*$/.exec(
    String(text ?? ''),
  );
  if (!m) return null;
  return makeIsoDate(Number(m[3]), Number(m[2]), Number(m[1]));
}
