// Reporting periods (kỳ báo cáo): which one is current, how many days are left, which one came before.
import {addDays, daysBetween} from './dates';
import type {IsoDate, ReportingPeriod} from './types';

/** Periods by reporting date, then start, then id; a new array. */
export function sortPeriods(periods: ReportingPeriod[]): ReportingPeriod[] {
  return [...periods].sort(
    (a, b) =>
      a.due.localeCompare(b.due) ||
      a.start.localeCompare(b.start) ||
      a.id.localeCompare(b.id),
  );
}

/**
 * The period a report made today counts for: among the periods whose [start, due] holds today, the
 * one due first; when none does, the next one to come due; null when every period is past.
 */
export function periodAt(
  periods: ReportingPeriod[],
  today: IsoDate,
): ReportingPeriod | null {
  const sorted = sortPeriods(periods);
  return (
    sorted.find(p => p.start <= today && today <= p.due) ??
    sorted.find(p => p.due >= today) ??
    null
  );
}

/** Days from today to the period's reporting date (or to a date): 0 on the day, negative after. */
export function daysLeft(
  target: ReportingPeriod | IsoDate,
  today: IsoDate,
): number {
  const due = typeof target === 'string' ? target : target.due;
  return daysBetween(today, due);
}

/** The period due just before the given one (by id or object), or null for the first. */
export function previousPeriod(
  periods: ReportingPeriod[],
  current: ReportingPeriod | string,
): ReportingPeriod | null {
  const sorted = sortPeriods(periods);
  const id = typeof current === 'string' ? current : current.id;
  const index = sorted.findIndex(p => p.id === id);
  if (index >= 0) return index > 0 ? sorted[index - 1] : null;
  if (typeof current === 'string') return null;
  const before = sorted.filter(p => sortPeriods([p, current])[0] === p);
  return before.length ? before[before.length - 1] : null;
}

/** True when today falls in [start, due + graceDays]. */
export function isPeriodOpen(
  period: ReportingPeriod,
  today: IsoDate,
  graceDays = 0,
): boolean {
  return (
    period.start <= today &&
    today <= addDays(period.due, Math.max(0, graceDays))
  );
}
