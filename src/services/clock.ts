// The clock and the time zone: "now" from the runtime, converted with one Utilities call per run.
import {dateToIsoDate, type TzOffset} from '../workbook/cells';

/** The current moment (the emulator and Apps Script both answer `new Date()`). */
export function now(): Date {
  return new Date();
}

/** The zone's UTC offset in minutes at `at`, from one Utilities.formatDate call ("+0700" → 420). */
export function tzOffsetMinutes(timeZone: string, at: Date): TzOffset {
  const z = Utilities.formatDate(at, timeZone, 'Z');
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(z);
  if (!m) return 420;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -minutes : minutes;
}

/** What a run needs to know about time: the moment, the zone's offset and today's date there. */
export interface RunClock {
  now: Date;
  offset: TzOffset;
  today: string;
  timeZone: string;
}

export function runClock(timeZone: string, at: Date = now()): RunClock {
  const offset = tzOffsetMinutes(timeZone, at);
  return {now: at, offset, today: dateToIsoDate(at, offset), timeZone};
}
