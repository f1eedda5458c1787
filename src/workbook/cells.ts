// Converting between cell values (Date, number, string) and the domain's plain values, with no service calls.
import {isIsoDate, parseVnDate} from '../core/dates';
import {guardFormula} from '../core/text';
import type {Column} from './schema';

/**
 * The time zone's offset from UTC in minutes (Asia/Ho_Chi_Minh: +420). Read once per run from
 * `Utilities.formatDate`, then every conversion is arithmetic: no service call per cell.
 */
export type TzOffset = number;

const MINUTE = 60000;

/** Midnight of an ISO date in the zone, as the Date a date cell holds. */
export function isoDateToCell(iso: string, offset: TzOffset): Date {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d) - offset * MINUTE);
}

/** The calendar date (in the zone) of a moment. */
export function dateToIsoDate(date: Date, offset: TzOffset): string {
  return new Date(date.getTime() + offset * MINUTE).toISOString().slice(0, 10);
}

/** A moment as ISO text with the zone's offset, e.g. 2025-09-02T08:30:00+07:00. */
export function dateToIsoDateTime(date: Date, offset: TzOffset): string {
  const local = new Date(date.getTime() + offset * MINUTE)
    .toISOString()
    .slice(0, 19);
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${local}${sign}${hh}:${mm}`;
}

export function isDate(value: unknown): value is Date {
  return (
    Object.prototype.toString.call(value) === '[object Date]' &&
    !isNaN((value as Date).getTime())
  );
}

/** Reads a date cell: a Date, an ISO date, or dd/mm/yyyy text; '' or unreadable gives null. */
export function cellToIsoDate(value: unknown, offset: TzOffset): string | null {
  if (isDate(value)) return dateToIsoDate(value, offset);
  const s = String(value ?? '').trim();
  if (!s) return null;
  if (isIsoDate(s)) return s;
  return parseVnDate(s);
}

/** Reads a date-time cell as an ISO timestamp, or null. */
export function cellToIsoDateTime(
  value: unknown,
  offset: TzOffset,
): string | null {
  if (isDate(value)) return dateToIsoDateTime(value, offset);
  const s = String(value ?? '').trim();
  if (!s) return null;
  const t = Date.parse(s);
  return isNaN(t) ? null : dateToIsoDateTime(new Date(t), offset);
}

/** Reads a cell as trimmed text ('' for empty). */
export function cellToText(value: unknown, offset: TzOffset): string {
  if (isDate(value)) return dateToIsoDate(value, offset);
  if (value === null || value === undefined) return '';
  return String(value);
}

/** Reads a number cell; '' or non-numeric gives null. */
export function cellToNumber(value: unknown): number | null {
  if (typeof value === 'number') return isFinite(value) ? value : null;
  const s = String(value ?? '').trim();
  if (!s) return null;
  const n = Number(s.replace(',', '.'));
  return isFinite(n) ? n : null;
}

/** The value to write into a cell of `column` for a domain value. Text is formula-guarded. */
export function toCell(
  column: Column,
  value: unknown,
  offset: TzOffset,
): unknown {
  if (value === null || value === undefined || value === '') return '';
  switch (column.type) {
    case 'date':
      if (isDate(value)) return value;
      return isIsoDate(String(value))
        ? isoDateToCell(String(value), offset)
        : guardFormula(String(value));
    case 'datetime': {
      if (isDate(value)) return value;
      const t = Date.parse(String(value));
      return isNaN(t) ? guardFormula(String(value)) : new Date(t);
    }
    case 'number':
      return typeof value === 'number'
        ? value
        : (cellToNumber(value) ?? guardFormula(String(value)));
    default:
      return guardFormula(String(value));
  }
}

/**
 * The number format of a column's cells. Text columns are plain text ("@") so Sheets never turns
 * "0912…" into a number or "3/9" into a date.
 */
export function numberFormatOf(column: Column): string {
  switch (column.type) {
    case 'date':
      return 'dd/MM/yyyy';
    case 'datetime':
      return 'dd/MM/yyyy HH:mm';
    case 'number':
      return '0';
    default:
      return '@';
  }
}
