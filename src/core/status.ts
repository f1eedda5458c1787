// Progress, timeliness and the status label people read, per assignment and rolled up per task.
import {daysBetween, isIsoDate} from './dates';
import {foldDiacritics, normalizeKey} from './text';
import type {
  Assignment,
  IsoDate,
  Progress,
  ReportingPeriod,
  StatusLabel,
  Timeliness,
  Timeline,
} from './types';

/** Trạng thái thực hiện, as units enter it. */
export const PROGRESS_LABELS: Readonly<Record<Progress, string>> = {
  not_started: 'Chưa thực hiện',
  in_progress: 'Đang thực hiện',
  done: 'Đã hoàn thành',
  paused: 'Tạm dừng',
};

/** The progress values in the order a drop-down lists them. */
export const PROGRESS_ORDER: readonly Progress[] = [
  'not_started',
  'in_progress',
  'done',
  'paused',
];

/** Tình trạng hạn. */
export const TIMELINESS_LABELS: Readonly<Record<Timeliness, string>> = {
  on_track: 'Trong hạn',
  due_soon: 'Sắp đến hạn',
  overdue: 'Quá hạn',
  no_deadline: 'Không có thời hạn',
};

/** Every status label, in reading order. */
export const STATUS_LABELS: readonly StatusLabel[] = [
  'Đã hoàn thành đúng hạn',
  'Đã hoàn thành quá hạn',
  'Đã hoàn thành',
  'Đang thực hiện trong hạn',
  'Đang thực hiện quá hạn',
  'Chưa thực hiện',
  'Chưa thực hiện quá hạn',
  'Tạm dừng',
  'Thường xuyên / không có thời hạn',
];

/** Cell / badge background per status label: green done on time, red overdue, grey paused… */
export const STATUS_COLORS: Readonly<Record<StatusLabel, string>> = {
  'Đã hoàn thành đúng hạn': '#b7e1cd',
  'Đã hoàn thành quá hạn': '#f9cb9c',
  'Đã hoàn thành': '#b7e1cd',
  'Đang thực hiện trong hạn': '#cfe2f3',
  'Đang thực hiện quá hạn': '#f4cccc',
  'Chưa thực hiện': '#ffffff',
  'Chưa thực hiện quá hạn': '#ea9999',
  'Tạm dừng': '#d9d9d9',
  'Thường xuyên / không có thời hạn': '#d9d2e9',
};

/** Background per timeliness: amber when due soon. */
export const TIMELINESS_COLORS: Readonly<Record<Timeliness, string>> = {
  on_track: '#d9ead3',
  due_soon: '#ffe599',
  overdue: '#f4cccc',
  no_deadline: '#eeeeee',
};

/** The background for a label, amber instead when unfinished work is due soon. */
export function statusColor(
  label: StatusLabel,
  timeliness?: Timeliness,
): string {
  const unfinished =
    label === 'Chưa thực hiện' || label === 'Đang thực hiện trong hạn';
  return unfinished && timeliness === 'due_soon'
    ? TIMELINESS_COLORS.due_soon
    : STATUS_COLORS[label];
}

const PROGRESS_SYNONYMS: Record<string, Progress> = {
  'hoàn thành': 'done',
  'đã xong': 'done',
  xong: 'done',
  'đang làm': 'in_progress',
  'chưa làm': 'not_started',
  dừng: 'paused',
};

function looseKey(text: string): string {
  return foldDiacritics(normalizeKey(text))
    .replace(/[.!]+$/, '')
    .trim();
}

/**
 * Reads a progress entry: a label ("Đã hoàn thành"), in any case or spacing, with or without
 * diacritics, a code ("done") or a common synonym ("Hoàn thành"); null when it is none of them.
 */
export function parseProgress(label: string): Progress | null {
  const key = looseKey(String(label ?? ''));
  if (!key) return null;
  for (const p of PROGRESS_ORDER) {
    if (key === looseKey(PROGRESS_LABELS[p]) || key === p) return p;
  }
  for (const [word, p] of Object.entries(PROGRESS_SYNONYMS)) {
    if (key === looseKey(word)) return p;
  }
  return null;
}

/** True for a timeline with no deadline of its own ("Thường xuyên", "… và các năm tiếp theo"). */
export function isOngoing(timeline: Timeline | null): boolean {
  return !timeline || timeline.kind === 'ongoing' || timeline.continues;
}

/**
 * The due date that counts: the admin's override when it is a date, else the parsed due date of a
 * dated timeline. Ongoing timelines never fall due, even when the parser read an end date.
 */
export function dueDateOf(
  timeline: Timeline | null,
  override: IsoDate | null | undefined,
): IsoDate | null {
  if (isIsoDate(override)) return override;
  if (isOngoing(timeline)) return null;
  return timeline && isIsoDate(timeline.due) ? timeline.due : null;
}

/**
 * Tình trạng hạn. No due date: no_deadline. Done: on_track when completed on or before the due date
 * (or with no completion date), else overdue. Otherwise past due: overdue; due within `soonDays`
 * days: due_soon; else on_track.
 */
export function timeliness(
  due: IsoDate | null,
  progress: Progress,
  completedOn: IsoDate | null,
  today: IsoDate,
  soonDays = 3,
): Timeliness {
  if (!due) return 'no_deadline';
  if (progress === 'done')
    return !completedOn || completedOn <= due ? 'on_track' : 'overdue';
  if (today > due) return 'overdue';
  return daysBetween(today, due) <= soonDays ? 'due_soon' : 'on_track';
}

/** Tình trạng: progress × timeliness, as Vietnamese reports write it. */
export function statusLabel(
  progress: Progress,
  due: IsoDate | null,
  completedOn: IsoDate | null,
  today: IsoDate,
): StatusLabel {
  switch (progress) {
    case 'paused':
      return 'Tạm dừng';
    case 'done':
      if (!due || !completedOn) return 'Đã hoàn thành';
      return completedOn <= due
        ? 'Đã hoàn thành đúng hạn'
        : 'Đã hoàn thành quá hạn';
    case 'in_progress':
      if (!due) return 'Thường xuyên / không có thời hạn';
      return today > due
        ? 'Đang thực hiện quá hạn'
        : 'Đang thực hiện trong hạn';
    default:
      if (!due) return 'Thường xuyên / không có thời hạn';
      return today > due ? 'Chưa thực hiện quá hạn' : 'Chưa thực hiện';
  }
}

/**
 * The calendar date of a timestamp in the plan's time zone (UTC+7 unless told): a timestamp with
 * "Z" or an offset is converted; one without is taken as already local. Null when unreadable.
 */
export function localDateOf(
  timestamp: string | null,
  offsetMinutes = 420,
): IsoDate | null {
  const s = String(timestamp ?? '').trim();
  if (/(?:Z|[+-]\d{2}:?\d{2})$/i.test(s) && s.includes('T')) {
    const ms = Date.parse(s);
    if (isNaN(ms)) return null;
    return new Date(ms + offsetMinutes * 60000).toISOString().slice(0, 10);
  }
  const date = s.slice(0, 10);
  return isIsoDate(date) ? date : null;
}

/** True when the assignment was last updated within the period [start, due]. */
export function reportedInPeriod(
  assignment: Pick<Assignment, 'updatedAt'>,
  period: Pick<ReportingPeriod, 'start' | 'due'>,
): boolean {
  const date = localDateOf(assignment.updatedAt);
  return date !== null && period.start <= date && date <= period.due;
}

/** Counts over the assignments a task's status is judged on. */
export interface RollUpCounts {
  total: number;
  done: number;
  inProgress: number;
  notStarted: number;
  paused: number;
  /** Unfinished and past due. */
  overdue: number;
  /** Done, but after the due date. */
  doneLate: number;
  /** Unfinished and due within `soonDays`. */
  dueSoon: number;
  /** Reported in the period (or, with no period, ever). */
  reported: number;
}

export interface TaskRollUp {
  label: StatusLabel;
  timeliness: Timeliness;
  /** The task has no deadline of its own: it is judged by reporting, never overdue. */
  ongoing: boolean;
  /** 'lead' when the task's chủ trì assignments were judged, 'all' when there were none. */
  basis: 'lead' | 'all';
  counts: RollUpCounts;
  /** Unit codes of the judged assignments not done yet. */
  notDone: string[];
  /** Unit codes of the judged assignments with no report in the period. */
  notReported: string[];
  /** One Vietnamese sentence for the summary, e.g. "3/5 đơn vị đã hoàn thành; 1 quá hạn". */
  summary: string;
}

export interface RollUpOptions {
  /** The task's parsed timeline (null: no deadline). */
  timeline: Timeline | null;
  today: IsoDate;
  /** The current reporting period, for "reported"; null counts any report ever made. */
  period?: ReportingPeriod | null;
  soonDays?: number;
}

const SEVERITY: Record<Timeliness, number> = {
  no_deadline: 0,
  on_track: 1,
  due_soon: 2,
  overdue: 3,
};

/**
 * A task's status from its assignments. Judged on the lead (chủ trì) assignments when there are any,
 * else on all of them; each one's due date is the task's, or its own override. Rule, first match:
 * - none to judge: as one unit that has not started;
 * - all done: "Đã hoàn thành quá hạn" if any was late, else "… đúng hạn", or "Đã hoàn thành" when none
 *   had a due date;
 * - any unfinished past due: "Đang thực hiện quá hạn" if any has started, else "Chưa thực hiện quá hạn";
 * - all paused: "Tạm dừng";
 * - no unfinished one has a due date (ongoing): "Thường xuyên / không có thời hạn";
 * - any started (in progress or done): "Đang thực hiện trong hạn", else "Chưa thực hiện".
 * Ongoing tasks are never overdue; what counts for them is `counts.reported` / `notReported`.
 */
export function rollUpTask(
  assignments: Assignment[],
  options: RollUpOptions,
): TaskRollUp {
  const {timeline, today, period = null, soonDays = 3} = options;
  const leads = assignments.filter(a => a.role === 'lead');
  const basis = leads.length > 0 || assignments.length === 0 ? 'lead' : 'all';
  const judged = leads.length > 0 ? leads : assignments;
  const ongoing = isOngoing(timeline);

  const counts: RollUpCounts = {
    total: judged.length,
    done: 0,
    inProgress: 0,
    notStarted: 0,
    paused: 0,
    overdue: 0,
    doneLate: 0,
    dueSoon: 0,
    reported: 0,
  };
  const notDone: string[] = [];
  const notReported: string[] = [];
  let worst: Timeliness = 'no_deadline';
  let unfinishedWithDue = false;
  let anyDoneWithDue = false;
  for (const a of judged) {
    const due = dueDateOf(timeline, a.dueOverride);
    const t = timeliness(due, a.progress, a.completedOn, today, soonDays);
    if (a.progress === 'done') {
      counts.done++;
      if (t === 'overdue') counts.doneLate++;
      if (due && a.completedOn) anyDoneWithDue = true;
    } else {
      notDone.push(a.unitCode);
      if (a.progress === 'in_progress') counts.inProgress++;
      else if (a.progress === 'paused') counts.paused++;
      else counts.notStarted++;
      if (a.progress !== 'paused' && due) unfinishedWithDue = true;
      if (t === 'overdue' && a.progress !== 'paused') counts.overdue++;
      if (t === 'due_soon' && a.progress !== 'paused') counts.dueSoon++;
    }
    if (a.progress !== 'paused' && SEVERITY[t] > SEVERITY[worst]) worst = t;
    const reported = period
      ? reportedInPeriod(a, period)
      : a.updatedAt !== null;
    if (reported) counts.reported++;
    else notReported.push(a.unitCode);
  }

  let label: StatusLabel;
  const started = counts.inProgress + counts.done > 0;
  if (judged.length === 0) {
    label = statusLabel('not_started', dueDateOf(timeline, null), null, today);
    worst = timeliness(
      dueDateOf(timeline, null),
      'not_started',
      null,
      today,
      soonDays,
    );
  } else if (counts.done === judged.length) {
    if (counts.doneLate > 0) label = 'Đã hoàn thành quá hạn';
    else label = anyDoneWithDue ? 'Đã hoàn thành đúng hạn' : 'Đã hoàn thành';
  } else if (counts.overdue > 0) {
    label = started ? 'Đang thực hiện quá hạn' : 'Chưa thực hiện quá hạn';
  } else if (counts.paused === judged.length) {
    label = 'Tạm dừng';
  } else if (!unfinishedWithDue) {
    label = 'Thường xuyên / không có thời hạn';
  } else {
    label = started ? 'Đang thực hiện trong hạn' : 'Chưa thực hiện';
  }

  return {
    label,
    timeliness: worst,
    ongoing,
    basis,
    counts,
    notDone,
    notReported,
    summary: rollUpSummary(counts, ongoing, period !== null),
  };
}

function rollUpSummary(
  counts: RollUpCounts,
  ongoing: boolean,
  inPeriod: boolean,
): string {
  const parts: string[] = [];
  const reported = inPeriod ? 'đã báo cáo trong kỳ' : 'đã báo cáo';
  if (ongoing)
    parts.push(`${counts.reported}/${counts.total} đơn vị ${reported}`);
  parts.push(`${counts.done}/${counts.total} đơn vị đã hoàn thành`);
  if (counts.overdue > 0) parts.push(`${counts.overdue} đơn vị quá hạn`);
  if (counts.dueSoon > 0) parts.push(`${counts.dueSoon} đơn vị sắp đến hạn`);
  if (counts.paused > 0) parts.push(`${counts.paused} đơn vị tạm dừng`);
  return parts.join('; ');
}
