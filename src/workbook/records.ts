// Tab rows ↔ domain objects: how each tab's cells read as Tasks, Units, Periods and Assignments, and back.
import {parseAssignmentId} from '../core/assignmentIdentity';
import {CUT_MARK} from '../core/cellText';
import {normalizeKey} from '../core/text';
import {parseTimeline} from '../core/timeline';
import type {
  Assignment,
  Progress,
  ReportingPeriod,
  Role,
  Task,
  Timeline,
  Unit,
  UnitGroup,
  UnitKind,
} from '../core/types';
import {readQuotaPerVillage} from '../core/plan';
import {
  cellToIsoDate,
  cellToIsoDateTime,
  cellToNumber,
  cellToText,
  type TzOffset,
} from './cells';
import {PROGRESS_LABELS, parseProgress} from '../core/status';
import {PERIOD_KIND_LABELS, ROLE_LABELS, UNIT_KIND_LABELS} from './schema';
import type {TableRow} from './table';

/** Vietnamese label of a progress value. */
export function progressLabel(progress: Progress): string {
  return PROGRESS_LABELS[progress];
}

/** Reads a progress cell: empty is "not started"; null when it is none of the four labels. */
export function progressFromLabel(label: unknown): Progress | null {
  const text = String(label ?? '');
  return text.trim() ? parseProgress(text) : 'not_started';
}

function labelKey<K extends string>(
  labels: Record<K, string>,
  text: unknown,
  fallback: K,
): K {
  const key = normalizeKey(String(text ?? ''));
  for (const [k, v] of Object.entries(labels) as [K, string][]) {
    if (normalizeKey(v) === key || normalizeKey(k) === key) return k;
  }
  return fallback;
}

const splitList = (text: string, sep: RegExp): string[] =>
  text
    .split(sep)
    .map(s => s.trim())
    .filter(Boolean);

const yes = (v: unknown, fallback: boolean): boolean => {
  const k = normalizeKey(String(v ?? ''));
  if (!k) return fallback;
  return !['không', 'khong', 'no', 'false', '0'].includes(k);
};

/** A Có/Không cell as true/false; empty (or anything else) as null: "decide automatically". */
const yesNoOrNull = (v: unknown): boolean | null => {
  const k = normalizeKey(String(v ?? ''));
  if (['có', 'co', 'yes', 'true', '1', 'x'].includes(k)) return true;
  if (['không', 'khong', 'no', 'false', '0'].includes(k)) return false;
  return null;
};

/** A task as the appendix tab holds it: the six plan fields, the parsed timeline, and the override. */
export interface TaskRecord extends Task {
  timeline: Timeline;
  dueOverride: string | null;
  row: number;
}

export function rowToTask(
  r: TableRow,
  offset: TzOffset,
  defaultYear?: number,
): TaskRecord {
  const v = r.values;
  const timelineText = cellToText(v.timelineText, offset);
  const text = cellToText(v.text, offset);
  return {
    tt: cellToText(v.tt, offset).trim(),
    text,
    lead: cellToText(v.lead, offset),
    support: cellToText(v.support, offset),
    timelineText,
    product: cellToText(v.product, offset),
    quotaPerVillage: readQuotaPerVillage(text),
    villageForm: yesNoOrNull(v.villageForm),
    timeline: parseTimeline(
      timelineText,
      defaultYear ? {defaultYear} : undefined,
    ),
    dueOverride: cellToIsoDate(v.dueOverride, offset),
    row: r.row,
  };
}

export function rowToUnit(r: TableRow, offset: TzOffset): Unit {
  const v = r.values;
  return {
    code: cellToText(v.code, offset).trim(),
    name: cellToText(v.name, offset).trim(),
    kind: labelKey<UnitKind>(UNIT_KIND_LABELS, v.kind, 'other'),
    aliases: splitList(cellToText(v.aliases, offset), /;|\n/),
    tags: splitList(cellToText(v.tags, offset), /;|\n/),
    person: cellToText(v.person, offset).trim(),
    emails: splitList(cellToText(v.emails, offset), /[,;\s]+/).map(e =>
      e.toLowerCase(),
    ),
    phone: cellToText(v.phone, offset).trim(),
    active: yes(v.active, true),
    sample: yes(v.sample, false),
    note: cellToText(v.note, offset),
  };
}

export function unitToRecord(u: Unit): Record<string, unknown> {
  return {
    code: u.code,
    name: u.name,
    kind: UNIT_KIND_LABELS[u.kind],
    aliases: u.aliases.join('; '),
    tags: u.tags.join('; '),
    person: u.person,
    emails: u.emails.join(', '),
    phone: u.phone,
    active: u.active ? 'Có' : 'Không',
    sample: u.sample ? 'Có' : 'Không',
    note: u.note,
  };
}

export function rowToGroup(r: TableRow, offset: TzOffset): UnitGroup {
  const v = r.values;
  return {
    phrase: cellToText(v.phrase, offset).trim(),
    tag: cellToText(v.tag, offset).trim(),
    note: cellToText(v.note, offset),
  };
}

export function groupToRecord(g: UnitGroup): Record<string, unknown> {
  return {phrase: g.phrase, tag: g.tag, note: g.note};
}

/** A reporting period as the periods tab holds it, with its village form. */
export interface PeriodRecord extends ReportingPeriod {
  formUrl: string;
  formId: string;
  row: number;
}

export function rowToPeriod(
  r: TableRow,
  offset: TzOffset,
): PeriodRecord | null {
  const v = r.values;
  const start = cellToIsoDate(v.start, offset);
  const due = cellToIsoDate(v.due, offset);
  const id = cellToText(v.id, offset).trim();
  if (!id || !start || !due) return null;
  const offsets = splitList(cellToText(v.reminderOffsets, offset), /[,;\s]+/)
    .map(Number)
    .filter(n => Number.isInteger(n) && n >= 0);
  return {
    id,
    name: cellToText(v.name, offset).trim() || id,
    kind: labelKey(PERIOD_KIND_LABELS, v.kind, 'regular'),
    start,
    due,
    reminderOffsets: offsets.length
      ? [...new Set(offsets)].sort((a, b) => b - a)
      : [7, 3, 1],
    note: cellToText(v.note, offset),
    formUrl: cellToText(v.formUrl, offset),
    formId: cellToText(v.formId, offset),
    row: r.row,
  };
}

export function periodToRecord(
  p: ReportingPeriod & {formUrl?: string; formId?: string},
): Record<string, unknown> {
  return {
    id: p.id,
    name: p.name,
    kind: PERIOD_KIND_LABELS[p.kind],
    start: p.start,
    due: p.due,
    reminderOffsets: p.reminderOffsets.join(', '),
    formUrl: p.formUrl ?? '',
    formId: p.formId ?? '',
    note: p.note,
  };
}

/** An assignment as the assignments tab holds it. */
export interface AssignmentRecord extends Assignment {
  row: number;
}

export function rowToAssignment(
  r: TableRow,
  offset: TzOffset,
): AssignmentRecord | null {
  const v = r.values;
  const id = cellToText(v.id, offset).trim();
  if (!id) return null;
  // Task and unit come from the id, never from the editable-looking cells (see assignmentIdentity).
  const parsed = parseAssignmentId(id);
  const [tt, unitCode, roleText] = id.split('|');
  const role: Role = roleText === 'support' ? 'support' : 'lead';
  return {
    id,
    tt: parsed?.tt ?? (cellToText(v.tt, offset).trim() || tt),
    unitCode:
      parsed?.unitCode ?? (cellToText(v.unitCode, offset).trim() || unitCode),
    role,
    progress: progressFromLabel(v.progress) ?? 'not_started',
    completedOn: cellToIsoDate(v.completedOn, offset),
    result: cellToText(v.result, offset),
    evidence: splitList(
      cellToText(v.evidence, offset).split(CUT_MARK).join('\n'),
      /\s*\n\s*|\s+/,
    ),
    proposals: cellToText(v.proposals, offset),
    updatedAt: cellToIsoDateTime(v.updatedAt, offset),
    updatedBy: cellToText(v.updatedBy, offset),
    version: cellToNumber(v.version) ?? 0,
    dueOverride: null,
    row: r.row,
  };
}

/** The derived, display-only columns of an assignment row. */
export interface AssignmentView {
  taskText: string;
  unitName: string;
  due: string | null;
  timeliness: string;
  status: string;
}

export function assignmentToRecord(
  a: Assignment,
  view: AssignmentView,
): Record<string, unknown> {
  return {
    id: a.id,
    tt: a.tt,
    taskText: view.taskText,
    unitCode: a.unitCode,
    unitName: view.unitName,
    role: ROLE_LABELS[a.role],
    progress: progressLabel(a.progress),
    completedOn: a.completedOn,
    result: a.result,
    evidence: a.evidence.join('\n'),
    proposals: a.proposals,
    due: view.due,
    timeliness: view.timeliness,
    status: view.status,
    updatedAt: a.updatedAt,
    updatedBy: a.updatedBy,
    version: a.version,
  };
}
