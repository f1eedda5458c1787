// Who gets which reminder e-mail today, decided from the date, settings, periods, assignments, reports and mail log.
import {addDays, daysBetween, formatVnDate} from './dates';
import {sortPeriods} from './periods';
import {
  dueDateOf,
  PROGRESS_LABELS,
  reportedInPeriod,
  statusLabel,
  timeliness,
  TIMELINESS_LABELS,
} from './status';
import {escapeHtml, stripControlChars} from './text';
import type {
  Assignment,
  IsoDate,
  ReportingPeriod,
  Role,
  StatusLabel,
  Timeline,
  Unit,
} from './types';
import {activeVillages, villageReporting} from './villageReports';
import type {StoredVillageReport} from './villageReports';

/** The settings the reminders read (the settings tab's typed values satisfy it). */
export interface ReminderSettings {
  adminEmails: string[];
  senderName: string;
  /** Days before an assignment's due date to remind its unit, e.g. [7, 3, 1]. */
  dueReminderDays: number[];
  /** Once overdue: remind the day after the due date, then every this many days. */
  overdueRepeatDays: number;
  dueSoonDays: number;
  commune: string;
  planTitle: string;
  /** The office that collects reports ("Phòng Văn hóa - Xã hội"). */
  reportTo: string;
}

/** A task as the reminders need it: its number, text, parsed timeline and the admin's override. */
export interface ReminderTask {
  tt: string;
  text: string;
  timeline: Timeline | null;
  dueOverride: IsoDate | null;
}

/** A reporting period, with the period's general form link when one was created. */
export interface ReminderPeriod extends ReportingPeriod {
  formUrl?: string;
}

/** A village's prefilled form link for a period. */
export interface ReminderFormLink {
  periodId: string;
  unitCode: string;
  url: string;
}

export interface ReminderInput {
  today: IsoDate;
  settings: ReminderSettings;
  periods: ReminderPeriod[];
  tasks: ReminderTask[];
  assignments: Assignment[];
  units: Unit[];
  villageReports: StoredVillageReport[];
  formLinks: ReminderFormLink[];
  /** Keys of the items already dealt with (sent, or failed for good). */
  mailLog: ReadonlySet<string> | readonly string[];
  spreadsheetUrl: string;
}

/** One assignment as a reminder lists it. */
export interface AssignmentLine {
  id: string;
  tt: string;
  taskText: string;
  role: Role;
  progress: string;
  status: StatusLabel;
  /** The due date that counts, or null for ongoing tasks. */
  due: IsoDate | null;
  timeliness: string;
  /** Reported within the period concerned (null when no period is concerned). */
  reported: boolean | null;
}

/** Who an item is for. */
export interface Recipient {
  role: 'unit' | 'village' | 'admin';
  /** Unit code ('' for the admin). */
  code: string;
  name: string;
  person: string;
  /** Addresses as entered (validated when the mail is planned). */
  emails: string[];
}

interface ItemBase {
  /** Stable key: the mail log records it, so the item is never sent twice. */
  key: string;
  /** Days until the deadline concerned (negative when overdue): the smaller, the more urgent. */
  urgency: number;
  periodId: string;
  recipient: Recipient;
}

/** Before a reporting date: a unit's unfinished or not-yet-reported assignments. */
export interface PeriodItem extends ItemBase {
  kind: 'period';
  period: ReminderPeriod;
  offset: number;
  daysLeft: number;
  lines: AssignmentLine[];
}

/** Before an assignment's own due date. */
export interface DueItem extends ItemBase {
  kind: 'due';
  line: AssignmentLine;
  offset: number;
  daysLeft: number;
}

/** After an assignment's due date: the day after, then every `overdueRepeatDays`. */
export interface OverdueItem extends ItemBase {
  kind: 'overdue';
  line: AssignmentLine;
  daysOverdue: number;
}

/** Before a reporting date: a village that has not reported, with its prefilled form link. */
export interface VillageItem extends ItemBase {
  kind: 'village';
  period: ReminderPeriod;
  offset: number;
  daysLeft: number;
  /** The village's prefilled link (else the period's form; '' when no form exists yet). */
  formUrl: string;
  tasks: {tt: string; text: string}[];
}

/** How far one unit has reported for a period. */
export interface UnitReportRow {
  code: string;
  name: string;
  /** Assignments to report on in the period. */
  total: number;
  /** Of those, reported within the period. */
  reported: number;
  /** Task numbers not reported yet. */
  pending: string[];
  reachable: boolean;
}

/** The admin, the day before a reporting date: who has and has not reported. */
export interface EveItem extends ItemBase {
  kind: 'admin-eve';
  period: ReminderPeriod;
  daysLeft: number;
  units: UnitReportRow[];
  villagesReported: {code: string; name: string}[];
  villagesMissing: {code: string; name: string; reachable: boolean}[];
  unreachable: Unreachable[];
}

/** The admin's copy of a due or overdue reminder. */
export interface CopyItem extends ItemBase {
  kind: 'copy';
  of: DueItem | OverdueItem;
  /** False when the unit has no usable address (the admin must tell it directly). */
  reachable: boolean;
}

/** A mail the run could not send. */
export interface MailFailure {
  to: string;
  names: string;
  error: string;
}

/** What the admin is told about the run: deferrals, failures and invalid addresses. */
export interface NoticeItem extends ItemBase {
  kind: 'notice';
  date: IsoDate;
  /** Names of the recipients whose mail waits for the next run. */
  deferred: string[];
  /** Quota left when the run stopped sending. */
  quotaLeft: number | null;
  failures: MailFailure[];
  invalid: {name: string; address: string}[];
}

export type ReminderItem =
  | PeriodItem
  | DueItem
  | OverdueItem
  | VillageItem
  | EveItem
  | CopyItem
  | NoticeItem;

export type ReminderKind = ReminderItem['kind'];

/** A unit or village that cannot get its reminder. */
export interface Unreachable {
  code: string;
  name: string;
  role: 'unit' | 'village';
  reason: 'no_email' | 'invalid_email';
  /** The invalid addresses, for 'invalid_email'. */
  addresses: string[];
}

/** One e-mail to send: every item for one set of addresses, grouped. */
export interface PlannedMail {
  /** Valid addresses, lower case, sorted. */
  to: string[];
  /** Everyone the items are for (a shared address may serve several units). */
  recipients: Recipient[];
  items: ReminderItem[];
  /** The most urgent item's urgency. */
  urgency: number;
  /** True when the mail goes to the admin addresses. */
  isAdmin: boolean;
  /** The day the mail is planned for. */
  date: IsoDate;
  spreadsheetUrl: string;
  /** Where replies go (the admin addresses), for unit and village mails. */
  replyTo: string[];
}

/** The sidebar's menu path, as the e-mails tell units to use it. */
export const SIDEBAR_MENU_PATH =
  'Dân vận → Cập nhật tiến độ của đơn vị (thanh bên)';

/** Item kinds in the order an e-mail shows them (and as a tie-break for urgency). */
const KIND_ORDER: readonly ReminderKind[] = [
  'notice',
  'overdue',
  'due',
  'admin-eve',
  'period',
  'village',
  'copy',
];

const EMAIL_RE =
  /^[^\s@,;<>()"'[\]\\]+@[^\s@,;<>()"'[\]\\]+\.[^\s@,;<>()"'[\]\\]+$/;

/** A plausible e-mail address (Google may still refuse it: the sender handles that). */
export function isValidEmail(address: string): boolean {
  return EMAIL_RE.test(String(address ?? '').trim());
}

/** The keys of the period stages of a unit. */
export function periodKey(
  periodId: string,
  unitCode: string,
  offset: number,
): string {
  return `period:${periodId}:unit:${unitCode}:d${offset}`;
}

export function villageKey(
  periodId: string,
  unitCode: string,
  offset: number,
): string {
  return `village:${periodId}:${unitCode}:d${offset}`;
}

export function dueKey(
  assignmentId: string,
  due: IsoDate,
  offset: number,
): string {
  return `due:${assignmentId}:${due}:d${offset}`;
}

export function overdueKey(assignmentId: string, stageDate: IsoDate): string {
  return `overdue:${assignmentId}:${stageDate}`;
}

export function eveKey(periodId: string): string {
  return `admin-eve:${periodId}`;
}

export function copyKey(key: string): string {
  return `copy:${key}`;
}

export function invalidEmailKey(unitCode: string, address: string): string {
  return `invalid-email:${unitCode}:${address.trim().toLowerCase()}`;
}

/** The key of the admin's notice of a run: one a day, then numbered. */
export function noticeKey(today: IsoDate, sent: ReadonlySet<string>): string {
  const base = `notice:${today}`;
  if (!sent.has(base)) return base;
  let n = 2;
  while (sent.has(`${base}:${n}`)) n++;
  return `${base}:${n}`;
}

/** True when the admin was already told about deferrals today. */
export function deferralNoticeSent(
  today: IsoDate,
  sent: ReadonlySet<string>,
): boolean {
  return sent.has(`notice:${today}`);
}

/** Clean reminder offsets: whole days ≥ 0, each once, largest first. */
export function cleanOffsets(offsets: readonly number[]): number[] {
  const ok = offsets.filter(n => Number.isInteger(n) && n >= 0);
  return [...new Set(ok)].sort((a, b) => b - a);
}

/**
 * The stage that applies `daysLeft` days before a deadline: the latest stage whose date has come,
 * that is the smallest offset ≥ daysLeft; null before the first stage or after the deadline.
 */
export function applicableOffset(
  offsets: readonly number[],
  daysLeft: number,
): number | null {
  if (daysLeft < 0) return null;
  let best: number | null = null;
  for (const o of offsets) {
    if (o >= daysLeft && (best === null || o < best)) best = o;
  }
  return best;
}

/**
 * Catch-up rule: the stage at `offset` is due unless it or a later stage (a smaller offset) was
 * already sent. A missed day is caught up once; earlier stages that went stale are dropped.
 */
function stagePending(
  offsets: readonly number[],
  offset: number,
  keyOf: (o: number) => string,
  sent: ReadonlySet<string>,
): boolean {
  return !offsets.some(o => o <= offset && sent.has(keyOf(o)));
}

/** The latest overdue stage date by `today`: due + 1, then every `repeat` days. */
export function overdueStage(
  due: IsoDate,
  today: IsoDate,
  repeat: number,
): IsoDate | null {
  const late = daysBetween(due, today);
  if (late < 1) return null;
  const step = Math.max(1, Math.floor(repeat));
  const k = Math.floor((late - 1) / step);
  return addDays(due, 1 + k * step);
}

function toSet(
  log: ReadonlySet<string> | readonly string[],
): ReadonlySet<string> {
  return log instanceof Set ? log : new Set(log as readonly string[]);
}

function unitRecipient(unit: Unit, role: 'unit' | 'village'): Recipient {
  return {
    role,
    code: unit.code,
    name: unit.name,
    person: unit.person,
    emails: unit.emails,
  };
}

function adminRecipient(settings: ReminderSettings): Recipient {
  return {
    role: 'admin',
    code: '',
    name: settings.reportTo || 'Quản trị',
    person: '',
    emails: settings.adminEmails,
  };
}

/** Valid addresses (lower case, once each) and the invalid ones. */
function splitAddresses(emails: readonly string[]): {
  valid: string[];
  invalid: string[];
} {
  const valid: string[] = [];
  const invalid: string[] = [];
  for (const raw of emails) {
    const e = String(raw ?? '')
      .trim()
      .toLowerCase();
    if (!e) continue;
    if (isValidEmail(e)) {
      if (!valid.includes(e)) valid.push(e);
    } else if (!invalid.includes(e)) {
      invalid.push(e);
    }
  }
  return {valid: valid.sort(), invalid};
}

interface Context {
  input: ReminderInput;
  sent: ReadonlySet<string>;
  taskByTt: Map<string, ReminderTask>;
  unitByCode: Map<string, Unit>;
}

function lineOf(
  ctx: Context,
  a: Assignment,
  task: ReminderTask,
  period: ReportingPeriod | null,
): AssignmentLine {
  const {today, settings} = ctx.input;
  const due = dueDateOf(task.timeline, task.dueOverride ?? a.dueOverride);
  const t = timeliness(
    due,
    a.progress,
    a.completedOn,
    today,
    settings.dueSoonDays,
  );
  return {
    id: a.id,
    tt: a.tt,
    taskText: task.text,
    role: a.role,
    progress: PROGRESS_LABELS[a.progress],
    status: statusLabel(a.progress, due, a.completedOn, today),
    due,
    timeliness: TIMELINESS_LABELS[t],
    reported: period ? reportedInPeriod(a, period) : null,
  };
}

/** A unit (not a village) that is followed and may get mail. */
function followedUnit(ctx: Context, code: string): Unit | null {
  const u = ctx.unitByCode.get(code);
  return u && u.active && u.kind !== 'village' ? u : null;
}

/**
 * The assignments a unit reports on in a period: its task exists and has begun by the reporting
 * date, it is not paused, and it is not a dated task finished before (done, not reported in it).
 */
function relevantInPeriod(
  ctx: Context,
  a: Assignment,
  period: ReportingPeriod,
): ReminderTask | null {
  const task = ctx.taskByTt.get(a.tt);
  if (!task || a.progress === 'paused') return null;
  const start = task.timeline?.start ?? null;
  if (start && start > period.due) return null;
  const due = dueDateOf(task.timeline, task.dueOverride ?? a.dueOverride);
  if (a.progress === 'done' && due && !reportedInPeriod(a, period)) return null;
  return task;
}

/** Per unit, the lines to report on in a period (units in the units tab's order). */
function periodLines(
  ctx: Context,
  period: ReportingPeriod,
): Map<string, {task: ReminderTask; a: Assignment}[]> {
  const out = new Map<string, {task: ReminderTask; a: Assignment}[]>();
  for (const u of ctx.input.units) {
    if (followedUnit(ctx, u.code)) out.set(u.code, []);
  }
  for (const a of ctx.input.assignments) {
    const list = out.get(a.unitCode);
    if (!list) continue;
    const task = relevantInPeriod(ctx, a, period);
    if (task) list.push({task, a});
  }
  for (const [code, list] of out) if (!list.length) out.delete(code);
  return out;
}

function addressable(r: Recipient): boolean {
  return splitAddresses(r.emails).valid.length > 0;
}

function unreachableOf(
  unit: Unit,
  role: 'unit' | 'village',
): Unreachable | null {
  const {valid, invalid} = splitAddresses(unit.emails);
  if (valid.length && !invalid.length) return null;
  return {
    code: unit.code,
    name: unit.name,
    role,
    reason: valid.length || invalid.length ? 'invalid_email' : 'no_email',
    addresses: invalid,
  };
}

function periodItems(ctx: Context, period: ReminderPeriod): ReminderItem[] {
  const {today, settings} = ctx.input;
  const items: ReminderItem[] = [];
  const left = daysBetween(today, period.due);
  const offsets = cleanOffsets(period.reminderOffsets);
  const offset = applicableOffset(offsets, left);
  const eveDue =
    (left === 1 || left === 0) &&
    settings.adminEmails.length > 0 &&
    !ctx.sent.has(eveKey(period.id));
  if (offset === null && !eveDue) return items;
  const byUnit = periodLines(ctx, period);

  if (offset !== null) {
    for (const [code, list] of byUnit) {
      const unit = ctx.unitByCode.get(code) as Unit;
      const keyOf = (o: number) => periodKey(period.id, code, o);
      if (!stagePending(offsets, offset, keyOf, ctx.sent)) continue;
      // Ongoing work is judged by reporting in the period; dated work also until it is done.
      const lines = list
        .map(({task, a}) => lineOf(ctx, a, task, period))
        .filter(
          l =>
            !l.reported ||
            (l.due !== null && l.progress !== PROGRESS_LABELS.done),
        );
      if (!lines.length) continue;
      items.push({
        kind: 'period',
        key: keyOf(offset),
        urgency: left,
        periodId: period.id,
        recipient: unitRecipient(unit, 'unit'),
        period,
        offset,
        daysLeft: left,
        lines,
      });
    }
  }

  const villages = activeVillages(ctx.input.units);
  const {reported, missing} = villageReporting(
    ctx.input.villageReports,
    period.id,
    villages,
  );
  if (offset !== null) {
    for (const v of missing) {
      const keyOf = (o: number) => villageKey(period.id, v.code, o);
      if (!stagePending(offsets, offset, keyOf, ctx.sent)) continue;
      const link = ctx.input.formLinks.find(
        l => l.periodId === period.id && l.unitCode === v.code && l.url,
      );
      const tasks: {tt: string; text: string}[] = [];
      for (const a of ctx.input.assignments) {
        if (a.unitCode !== v.code) continue;
        const task = relevantInPeriod(ctx, a, period);
        if (task && !tasks.some(t => t.tt === task.tt)) {
          tasks.push({tt: task.tt, text: task.text});
        }
      }
      items.push({
        kind: 'village',
        key: keyOf(offset),
        urgency: left,
        periodId: period.id,
        recipient: unitRecipient(v, 'village'),
        period,
        offset,
        daysLeft: left,
        formUrl: link?.url ?? period.formUrl ?? '',
        tasks,
      });
    }
  }

  if (eveDue) {
    const units: UnitReportRow[] = [];
    const unreachable: Unreachable[] = [];
    for (const [code, list] of byUnit) {
      const unit = ctx.unitByCode.get(code) as Unit;
      const pending = list.filter(x => !reportedInPeriod(x.a, period));
      const lost = unreachableOf(unit, 'unit');
      if (lost) unreachable.push(lost);
      units.push({
        code,
        name: unit.name,
        total: list.length,
        reported: list.length - pending.length,
        pending: [...new Set(pending.map(x => x.a.tt))],
        reachable: addressable(unitRecipient(unit, 'unit')),
      });
    }
    for (const v of villages) {
      const lost = unreachableOf(v, 'village');
      if (lost) unreachable.push(lost);
    }
    items.push({
      kind: 'admin-eve',
      key: eveKey(period.id),
      urgency: left,
      periodId: period.id,
      recipient: adminRecipient(settings),
      period,
      daysLeft: left,
      units,
      villagesReported: reported.map(v => ({code: v.code, name: v.name})),
      villagesMissing: missing.map(v => ({
        code: v.code,
        name: v.name,
        reachable: addressable(unitRecipient(v, 'village')),
      })),
      unreachable,
    });
  }
  return items;
}

function assignmentItems(ctx: Context): ReminderItem[] {
  const {today, settings} = ctx.input;
  const items: ReminderItem[] = [];
  const offsets = cleanOffsets(settings.dueReminderDays);
  const admin = adminRecipient(settings);
  const hasAdmin = splitAddresses(settings.adminEmails).valid.length > 0;
  for (const a of ctx.input.assignments) {
    const unit = followedUnit(ctx, a.unitCode);
    const task = ctx.taskByTt.get(a.tt);
    if (!unit || !task || a.progress === 'done' || a.progress === 'paused') {
      continue;
    }
    const due = dueDateOf(task.timeline, task.dueOverride ?? a.dueOverride);
    if (!due) continue;
    const left = daysBetween(today, due);
    const recipient = unitRecipient(unit, 'unit');
    let item: DueItem | OverdueItem | null = null;
    if (left >= 0) {
      const offset = applicableOffset(offsets, left);
      if (offset === null) continue;
      const keyOf = (o: number) => dueKey(a.id, due, o);
      const pendingUnit = stagePending(offsets, offset, keyOf, ctx.sent);
      const pendingCopy = stagePending(
        offsets,
        offset,
        o => copyKey(keyOf(o)),
        ctx.sent,
      );
      if (!pendingUnit && !(hasAdmin && pendingCopy)) continue;
      item = {
        kind: 'due',
        key: keyOf(offset),
        urgency: left,
        periodId: '',
        recipient,
        line: lineOf(ctx, a, task, null),
        offset,
        daysLeft: left,
      };
      if (pendingUnit) items.push(item);
      if (hasAdmin && pendingCopy) items.push(copyOf(item, admin));
    } else {
      const stage = overdueStage(due, today, settings.overdueRepeatDays);
      if (!stage) continue;
      const key = overdueKey(a.id, stage);
      item = {
        kind: 'overdue',
        key,
        urgency: left,
        periodId: '',
        recipient,
        line: lineOf(ctx, a, task, null),
        daysOverdue: -left,
      };
      if (!ctx.sent.has(key)) items.push(item);
      if (hasAdmin && !ctx.sent.has(copyKey(key))) {
        items.push(copyOf(item, admin));
      }
    }
  }
  return items;
}

function copyOf(item: DueItem | OverdueItem, admin: Recipient): CopyItem {
  return {
    kind: 'copy',
    key: copyKey(item.key),
    urgency: item.urgency,
    periodId: item.periodId,
    recipient: admin,
    of: item,
    reachable: addressable(item.recipient),
  };
}

function contextOf(input: ReminderInput): Context {
  return {
    input,
    sent: toSet(input.mailLog),
    taskByTt: new Map(input.tasks.map(t => [t.tt, t] as const)),
    unitByCode: new Map(input.units.map(u => [u.code, u] as const)),
  };
}

/** Every item due today, before grouping (each with its recipient). */
export function reminderItems(input: ReminderInput): ReminderItem[] {
  const ctx = contextOf(input);
  const items: ReminderItem[] = [];
  for (const p of sortPeriods(input.periods) as ReminderPeriod[]) {
    items.push(...periodItems(ctx, p));
  }
  items.push(...assignmentItems(ctx));
  return items;
}

/** Units and villages that had an item today but no usable address. */
export function unreachableToday(input: ReminderInput): Unreachable[] {
  const seen = new Map<string, Unreachable>();
  for (const item of reminderItems(input)) {
    const r = item.recipient;
    if (r.role === 'admin' || seen.has(r.code)) continue;
    const unit = input.units.find(u => u.code === r.code);
    const lost = unit ? unreachableOf(unit, r.role) : null;
    if (lost) seen.set(r.code, lost);
  }
  return [...seen.values()];
}

function itemRank(item: ReminderItem): number {
  return KIND_ORDER.indexOf(item.kind);
}

function compareItems(a: ReminderItem, b: ReminderItem): number {
  return (
    itemRank(a) - itemRank(b) ||
    a.urgency - b.urgency ||
    a.key.localeCompare(b.key)
  );
}

/**
 * The e-mails of the day: every pending item grouped by its recipient's addresses, one e-mail per
 * address set, most urgent first. Invalid addresses are left out (and reported to the admin once
 * per address); items whose recipient has no usable address are not mailed (see unreachableToday).
 */
export function planReminders(input: ReminderInput): PlannedMail[] {
  const items = reminderItems(input);
  const sent = toSet(input.mailLog);
  const admin = splitAddresses(input.settings.adminEmails).valid;
  const adminKey = admin.join(',');
  const groups = new Map<string, PlannedMail>();
  const invalid: {name: string; address: string; key: string}[] = [];

  const mailFor = (to: string[]): PlannedMail => {
    const key = to.join(',');
    let mail = groups.get(key);
    if (!mail) {
      mail = {
        to,
        recipients: [],
        items: [],
        urgency: Infinity,
        isAdmin: admin.length > 0 && key === adminKey,
        date: input.today,
        spreadsheetUrl: input.spreadsheetUrl,
        replyTo: key === adminKey ? [] : admin,
      };
      groups.set(key, mail);
    }
    return mail;
  };

  for (const item of items) {
    const {valid, invalid: bad} = splitAddresses(item.recipient.emails);
    for (const address of bad) {
      const key = invalidEmailKey(item.recipient.code, address);
      if (!sent.has(key) && !invalid.some(i => i.key === key)) {
        invalid.push({name: item.recipient.name, address, key});
      }
    }
    if (!valid.length) continue;
    const mail = mailFor(valid);
    if (
      !mail.recipients.some(
        r => r.code === item.recipient.code && r.role === item.recipient.role,
      )
    ) {
      mail.recipients.push(item.recipient);
    }
    mail.items.push(item);
    mail.urgency = Math.min(mail.urgency, item.urgency);
  }

  if (invalid.length && admin.length) {
    const mail = mailFor(admin);
    const adminR = adminRecipient(input.settings);
    if (!mail.recipients.some(r => r.role === 'admin')) {
      mail.recipients.push(adminR);
    }
    for (const i of invalid) {
      mail.items.push({
        kind: 'notice',
        key: i.key,
        urgency: 0,
        periodId: '',
        recipient: adminR,
        date: input.today,
        deferred: [],
        quotaLeft: null,
        failures: [],
        invalid: [{name: i.name, address: i.address}],
      });
    }
    mail.urgency = Math.min(mail.urgency, 0);
  }

  const mails = [...groups.values()];
  for (const m of mails) m.items.sort(compareItems);
  return sortMails(mails);
}

/** The most severe kind an e-mail carries (overdue before due before reports…), as a rank. */
function mailRank(mail: PlannedMail): number {
  return mail.items.reduce(
    (r, i) => Math.min(r, itemRank(i)),
    KIND_ORDER.length,
  );
}

/**
 * Most urgent first; ties: the e-mail with the more severe items (an overdue or due task before a
 * reporting reminder, units before villages), the admin, then the first recipient's name.
 */
export function sortMails(mails: PlannedMail[]): PlannedMail[] {
  return [...mails].sort(
    (a, b) =>
      a.urgency - b.urgency ||
      mailRank(a) - mailRank(b) ||
      Number(b.isAdmin) - Number(a.isAdmin) ||
      (a.recipients[0]?.name ?? '').localeCompare(
        b.recipients[0]?.name ?? '',
        undefined,
        {numeric: true},
      ) ||
      a.to.join(',').localeCompare(b.to.join(',')),
  );
}

/** Recipients an e-mail uses from the daily quota (Google counts every address). */
export function quotaCost(mail: Pick<PlannedMail, 'to'>): number {
  return mail.to.length;
}

/**
 * Splits mails by the quota: what fits is sent now, most urgent first; the rest waits. `reserve`
 * recipients are kept back (for the admin's notice).
 */
export function fitQuota(
  mails: PlannedMail[],
  quota: number,
  reserve = 0,
): {send: PlannedMail[]; defer: PlannedMail[]} {
  const send: PlannedMail[] = [];
  const defer: PlannedMail[] = [];
  let left = Math.max(0, quota - reserve);
  for (const m of sortMails(mails)) {
    const cost = quotaCost(m);
    if (cost <= left) {
      send.push(m);
      left -= cost;
    } else {
      defer.push(m);
    }
  }
  return {send, defer};
}

/** The admin's notice about a run's deferrals and failures, as an item for the admin's e-mail. */
export function noticeItem(
  settings: ReminderSettings,
  today: IsoDate,
  sent: ReadonlySet<string>,
  report: {
    deferred: string[];
    quotaLeft: number | null;
    failures: MailFailure[];
  },
): NoticeItem | null {
  const deferred = deferralNoticeSent(today, sent) ? [] : report.deferred;
  if (!deferred.length && !report.failures.length) return null;
  return {
    kind: 'notice',
    key: noticeKey(today, sent),
    urgency: -100000,
    periodId: '',
    recipient: adminRecipient(settings),
    date: today,
    deferred,
    quotaLeft: report.quotaLeft,
    failures: report.failures,
    invalid: [],
  };
}

/** An admin e-mail holding the given items (for a notice when nothing else went to the admin). */
export function adminMail(
  settings: ReminderSettings,
  spreadsheetUrl: string,
  today: IsoDate,
  items: ReminderItem[] = [],
): PlannedMail | null {
  const to = splitAddresses(settings.adminEmails).valid;
  if (!to.length) return null;
  return {
    to,
    recipients: [adminRecipient(settings)],
    items: [...items].sort(compareItems),
    urgency: items.reduce((m, i) => Math.min(m, i.urgency), Infinity),
    isAdmin: true,
    date: today,
    spreadsheetUrl,
    replyTo: [],
  };
}

/** A mail with one more item (kept in display order). */
export function withItem(mail: PlannedMail, item: ReminderItem): PlannedMail {
  return {
    ...mail,
    items: [...mail.items, item].sort(compareItems),
    urgency: Math.min(mail.urgency, item.urgency),
  };
}

/** The log's kind label of an item. */
export const KIND_LABELS: Readonly<Record<ReminderKind, string>> = {
  period: 'Nhắc báo cáo kỳ',
  due: 'Nhắc hạn nhiệm vụ',
  overdue: 'Nhiệm vụ quá hạn',
  village: 'Nhắc báo cáo thôn',
  'admin-eve': 'Tình hình báo cáo',
  copy: 'Bản sao cho quản trị',
  notice: 'Thông báo quản trị',
};

// ---------------------------------------------------------------------------------------------
// Rendering: one document model, written out as HTML (every text escaped) and as plain text.

/** A piece of a line: text, bold text or a link. */
type Inline = string | {bold: string} | {href: string; text: string};

type Block =
  | {type: 'h'; text: string}
  | {type: 'p'; parts: Inline[]}
  | {type: 'list'; items: Inline[][]}
  | {type: 'button'; href: string; text: string};

export interface RenderedMail {
  subject: string;
  /** Plain-text alternative. */
  body: string;
  htmlBody: string;
}

const ROLE_TEXT: Readonly<Record<Role, string>> = {
  lead: 'chủ trì',
  support: 'phối hợp',
};

const MAX_TASK_CHARS = 180;
const MAX_LISTED = 40;

/** An http(s) link, or '' for anything else (a sheet cell may hold any text). */
export function safeUrl(url: string): string {
  const s = String(url ?? '').trim();
  return /^https?:\/\/[^\s<>"]+$/i.test(s) ? s : '';
}

/** One line of user text: control characters and line breaks become spaces. */
function oneLine(text: string): string {
  return stripControlChars(String(text ?? ''))
    .replace(/\s+/g, ' ')
    .trim();
}

function shorten(text: string, max = MAX_TASK_CHARS): string {
  const s = oneLine(text);
  return s.length > max ? s.slice(0, max - 1).trimEnd() + '…' : s;
}

/** "còn 3 ngày" / "hạn cuối là hôm nay". */
function leftText(daysLeft: number): string {
  return daysLeft <= 0 ? 'hạn cuối là hôm nay' : `còn ${daysLeft} ngày`;
}

function dueText(due: IsoDate | null): string {
  return due ? `hạn ${formatVnDate(due)}` : 'thường xuyên, không có thời hạn';
}

function taskLine(line: AssignmentLine, withReport: boolean): Inline[] {
  const parts: Inline[] = [
    {bold: `Nhiệm vụ ${line.tt}`},
    ` (${ROLE_TEXT[line.role]}): ${shorten(line.taskText)} — ${dueText(line.due)} — tình trạng: ${line.status}`,
  ];
  if (withReport && line.reported === false) {
    parts.push(' — chưa báo cáo trong kỳ');
  }
  return parts;
}

function listOf<T>(
  values: T[],
  render: (v: T) => Inline[],
  more: (n: number) => string,
): Inline[][] {
  const shown = values.slice(0, MAX_LISTED).map(render);
  if (values.length > MAX_LISTED)
    shown.push([more(values.length - MAX_LISTED)]);
  return shown;
}

function names(list: {name: string}[]): string {
  return list.map(x => oneLine(x.name)).join(', ');
}

function ofKind<K extends ReminderKind>(
  mail: PlannedMail,
  kind: K,
): Extract<ReminderItem, {kind: K}>[] {
  return mail.items.filter(i => i.kind === kind) as Extract<
    ReminderItem,
    {kind: K}
  >[];
}

function distinctPeriods<T extends {period: ReminderPeriod}>(
  items: T[],
): T[][] {
  const byId = new Map<string, T[]>();
  for (const i of items) {
    const list = byId.get(i.period.id) ?? [];
    list.push(i);
    byId.set(i.period.id, list);
  }
  return [...byId.values()];
}

function subjectOf(mail: PlannedMail): string {
  const parts: string[] = [];
  const overdue = ofKind(mail, 'overdue');
  const due = ofKind(mail, 'due');
  if (overdue.length) parts.push(`${overdue.length} nhiệm vụ quá hạn`);
  if (due.length) parts.push(`${due.length} nhiệm vụ sắp đến hạn`);
  for (const eve of ofKind(mail, 'admin-eve')) {
    const units = eve.units.filter(u => u.reported === u.total).length;
    const villages = eve.villagesReported.length + eve.villagesMissing.length;
    const v = villages
      ? `, ${eve.villagesReported.length}/${villages} thôn`
      : '';
    parts.push(
      `tình hình báo cáo hạn ${formatVnDate(eve.period.due)}: ${units}/${eve.units.length} đơn vị${v} đã báo cáo`,
    );
  }
  for (const group of distinctPeriods([
    ...ofKind(mail, 'period'),
    ...ofKind(mail, 'village'),
  ])) {
    const p = group[0];
    parts.push(
      `nhắc báo cáo, hạn ${formatVnDate(p.period.due)} (${leftText(p.daysLeft)})`,
    );
  }
  const copies = ofKind(mail, 'copy');
  if (copies.length) parts.push(`bản sao ${copies.length} thư nhắc hạn`);
  const notices = ofKind(mail, 'notice');
  if (notices.some(n => n.deferred.length || n.failures.length)) {
    parts.push(`thông báo gửi thư ngày ${formatVnDate(mail.date)}`);
  } else if (notices.length) {
    parts.push('email không hợp lệ');
  }
  const who = mail.recipients.filter(r => r.role !== 'admin');
  const head = who.length ? `${names(who)}: ` : '';
  const text = parts.join('; ');
  const sentence = head ? text : text.charAt(0).toUpperCase() + text.slice(1);
  return oneLine(`[Dân vận] ${head}${sentence}`);
}

function greeting(mail: PlannedMail, settings: ReminderSettings): Block[] {
  const lines = mail.recipients.map(r => {
    if (r.role === 'admin') return `${oneLine(settings.reportTo)} (quản trị)`;
    const person = r.person ? ` (${oneLine(r.person)})` : '';
    return `${oneLine(r.name)}${person}`;
  });
  const commune = settings.commune ? ` xã ${oneLine(settings.commune)}` : '';
  return [
    {type: 'p', parts: [{bold: 'Kính gửi: '}, lines.join('; ')]},
    {
      type: 'p',
      parts: [
        `Hệ thống theo dõi kế hoạch công tác dân vận chính quyền${commune} xin nhắc (ngày ${formatVnDate(mail.date)}):`,
      ],
    },
  ];
}

function overdueBlocks(mail: PlannedMail): Block[] {
  const items = ofKind(mail, 'overdue');
  if (!items.length) return [];
  return [
    {type: 'h', text: 'Nhiệm vụ đã quá hạn'},
    {
      type: 'list',
      items: items.map(i => [
        ...taskLine(i.line, false),
        {bold: ` — quá hạn ${i.daysOverdue} ngày`},
      ]),
    },
    {
      type: 'p',
      parts: [
        'Đề nghị đơn vị khẩn trương hoàn thành, cập nhật kết quả và minh chứng; nếu chưa thể hoàn thành, ghi rõ lý do và kiến nghị.',
      ],
    },
  ];
}

function dueBlocks(mail: PlannedMail): Block[] {
  const items = ofKind(mail, 'due');
  if (!items.length) return [];
  return [
    {type: 'h', text: 'Nhiệm vụ sắp đến hạn'},
    {
      type: 'list',
      items: items.map(i => [
        ...taskLine(i.line, false),
        {bold: ` — ${leftText(i.daysLeft)}`},
      ]),
    },
  ];
}

function periodBlocks(mail: PlannedMail): Block[] {
  const blocks: Block[] = [];
  for (const group of distinctPeriods(ofKind(mail, 'period'))) {
    const p = group[0];
    blocks.push({
      type: 'h',
      text: `${oneLine(p.period.name)} — hạn báo cáo ${formatVnDate(p.period.due)} (${leftText(p.daysLeft)})`,
    });
    for (const item of group) {
      const who =
        mail.recipients.filter(r => r.role !== 'admin').length > 1
          ? `${oneLine(item.recipient.name)} — `
          : '';
      blocks.push({
        type: 'p',
        parts: [
          `${who}Các phân công chưa hoàn thành hoặc chưa báo cáo trong kỳ (${item.lines.length}):`,
        ],
      });
      blocks.push({
        type: 'list',
        items: item.lines.map(l => taskLine(l, true)),
      });
    }
  }
  return blocks;
}

function howToUpdate(mail: PlannedMail): Block[] {
  const url = safeUrl(mail.spreadsheetUrl);
  const parts: Inline[] = ['Cách cập nhật: mở '];
  parts.push(
    url ? {href: url, text: 'bảng tính theo dõi'} : 'bảng tính theo dõi',
  );
  parts.push(
    `, chọn menu ${SIDEBAR_MENU_PATH}, chọn từng nhiệm vụ, ghi trạng thái, kết quả, minh chứng rồi bấm Lưu.`,
  );
  return [{type: 'p', parts}];
}

function villageBlocks(mail: PlannedMail, settings: ReminderSettings): Block[] {
  const blocks: Block[] = [];
  for (const item of ofKind(mail, 'village')) {
    const p = item.period;
    blocks.push({
      type: 'h',
      text: `${oneLine(p.name)} — hạn báo cáo ${formatVnDate(p.due)} (${leftText(item.daysLeft)})`,
    });
    blocks.push({
      type: 'p',
      parts: [
        `${oneLine(item.recipient.name)} chưa gửi báo cáo kỳ này. Đề nghị trưởng thôn (hoặc Ban công tác Mặt trận thôn) điền biểu mẫu báo cáo trực tuyến trên điện thoại hoặc máy tính; tên thôn đã được điền sẵn.`,
      ],
    });
    const url = safeUrl(item.formUrl);
    if (url) {
      blocks.push({type: 'button', href: url, text: 'Mở biểu mẫu báo cáo'});
    } else {
      blocks.push({
        type: 'p',
        parts: [
          `Biểu mẫu báo cáo chưa được tạo; vui lòng liên hệ ${oneLine(settings.reportTo)} để được hướng dẫn.`,
        ],
      });
    }
    if (item.tasks.length) {
      blocks.push({type: 'p', parts: ['Nội dung cần báo cáo:']});
      blocks.push({
        type: 'list',
        items: item.tasks.map(t => [
          {bold: `Nhiệm vụ ${t.tt}`},
          `: ${shorten(t.text)}`,
        ]),
      });
    }
  }
  return blocks;
}

function eveBlocks(mail: PlannedMail): Block[] {
  const blocks: Block[] = [];
  for (const eve of ofKind(mail, 'admin-eve')) {
    const when = eve.daysLeft <= 0 ? 'hôm nay' : 'ngày mai';
    blocks.push({
      type: 'h',
      text: `Tình hình báo cáo ${oneLine(eve.period.name)} — hạn ${formatVnDate(eve.period.due)} (${when})`,
    });
    const done = eve.units.filter(u => u.total > 0 && u.reported === u.total);
    const notDone = eve.units.filter(u => u.reported < u.total);
    blocks.push({
      type: 'p',
      parts: [
        {bold: `Đơn vị đã báo cáo đủ: ${done.length}/${eve.units.length}`},
        done.length ? ` — ${names(done)}` : '',
      ],
    });
    if (notDone.length) {
      blocks.push({
        type: 'p',
        parts: [{bold: `Đơn vị chưa báo cáo đủ: ${notDone.length}`}],
      });
      blocks.push({
        type: 'list',
        items: listOf(
          notDone,
          u => [
            {bold: oneLine(u.name)},
            ` — đã báo cáo ${u.reported}/${u.total} phân công; còn nhiệm vụ ${u.pending.join(', ')}`,
            u.reachable ? '' : ' (chưa có email, cần nhắc trực tiếp)',
          ],
          n => `… và ${n} đơn vị khác`,
        ),
      });
    }
    const villages = eve.villagesReported.length + eve.villagesMissing.length;
    if (villages) {
      blocks.push({
        type: 'p',
        parts: [
          {bold: `Thôn đã báo cáo: ${eve.villagesReported.length}/${villages}`},
          eve.villagesReported.length
            ? ` — ${names(eve.villagesReported)}`
            : '',
        ],
      });
      if (eve.villagesMissing.length) {
        blocks.push({
          type: 'p',
          parts: [
            {bold: `Thôn chưa báo cáo: ${eve.villagesMissing.length}`},
            ` — ${names(eve.villagesMissing)}`,
          ],
        });
      }
    }
    if (eve.unreachable.length) {
      blocks.push({
        type: 'p',
        parts: [
          {
            bold: 'Không nhận được thư nhắc (chưa có email hoặc email không hợp lệ):',
          },
        ],
      });
      blocks.push({
        type: 'list',
        items: listOf(
          eve.unreachable,
          u => [
            oneLine(u.name),
            u.reason === 'no_email'
              ? ' — chưa có email'
              : ` — email không hợp lệ: ${u.addresses.map(oneLine).join(', ')}`,
          ],
          n => `… và ${n} đơn vị khác`,
        ),
      });
    }
  }
  return blocks;
}

function copyBlocks(mail: PlannedMail): Block[] {
  const items = ofKind(mail, 'copy');
  if (!items.length) return [];
  return [
    {type: 'h', text: 'Bản sao thư nhắc hạn gửi các đơn vị'},
    {
      type: 'list',
      items: listOf(
        items,
        c => {
          const of = c.of;
          const when =
            of.kind === 'overdue'
              ? `quá hạn ${of.daysOverdue} ngày`
              : leftText(of.daysLeft);
          return [
            {bold: oneLine(of.recipient.name)},
            ' — ',
            ...taskLine(of.line, false),
            ` — ${when}`,
            c.reachable ? '' : ' (đơn vị chưa có email, cần nhắc trực tiếp)',
          ];
        },
        n => `… và ${n} thư khác`,
      ),
    },
  ];
}

function noticeBlocks(mail: PlannedMail): Block[] {
  const notices = ofKind(mail, 'notice');
  if (!notices.length) return [];
  const blocks: Block[] = [
    {
      type: 'h',
      text: `Thông báo về việc gửi thư ngày ${formatVnDate(mail.date)}`,
    },
  ];
  for (const n of notices) {
    if (n.deferred.length) {
      const left =
        n.quotaLeft === null ? '' : ` (còn lại ${n.quotaLeft} người nhận)`;
      blocks.push({
        type: 'p',
        parts: [
          {bold: `${n.deferred.length} thư chưa gửi được hôm nay`},
          ` vì đã hết hạn mức gửi thư trong ngày của Google${left}. Hệ thống sẽ tự gửi tiếp trong lần chạy sau, thư gấp trước:`,
        ],
      });
      blocks.push({
        type: 'list',
        items: listOf(
          n.deferred,
          d => [oneLine(d)],
          k => `… và ${k} thư khác`,
        ),
      });
    }
    if (n.failures.length) {
      blocks.push({
        type: 'p',
        parts: [
          {bold: 'Không gửi được các thư sau'},
          ' (đã bỏ qua, các thư khác vẫn được gửi). Vui lòng kiểm tra lại email ở trang Đơn vị:',
        ],
      });
      blocks.push({
        type: 'list',
        items: listOf(
          n.failures,
          f => [`${oneLine(f.to)} (${oneLine(f.names)}): ${oneLine(f.error)}`],
          k => `… và ${k} thư khác`,
        ),
      });
    }
    for (const i of n.invalid) {
      blocks.push({
        type: 'p',
        parts: [
          'Email không hợp lệ nên đã bỏ qua: ',
          {bold: oneLine(i.address)},
          ` (${oneLine(i.name)}). Vui lòng sửa ở trang Đơn vị.`,
        ],
      });
    }
  }
  return blocks;
}

function footer(mail: PlannedMail, settings: ReminderSettings): Block[] {
  const blocks: Block[] = [];
  const toUnits = mail.recipients.some(r => r.role === 'unit');
  const url = safeUrl(mail.spreadsheetUrl);
  const onlyVillages = mail.recipients.every(r => r.role === 'village');
  if (toUnits) blocks.push(...howToUpdate(mail));
  else if (url && !onlyVillages) {
    blocks.push({
      type: 'p',
      parts: ['Xem chi tiết trong ', {href: url, text: 'bảng tính theo dõi'}],
    });
  }
  const copied =
    !mail.isAdmin &&
    settings.adminEmails.length > 0 &&
    mail.items.some(i => i.kind === 'due' || i.kind === 'overdue');
  if (copied) {
    blocks.push({
      type: 'p',
      parts: [
        `Bản sao nội dung nhắc hạn được gửi tới ${oneLine(settings.reportTo)} để theo dõi.`,
      ],
    });
  }
  blocks.push({
    type: 'p',
    parts: [
      `Thư được gửi tự động từ hệ thống theo dõi kế hoạch; nếu cần trao đổi, vui lòng trả lời thư này hoặc liên hệ ${oneLine(settings.reportTo)}.`,
    ],
  });
  if (settings.senderName) {
    blocks.push({type: 'p', parts: [oneLine(settings.senderName)]});
  }
  return blocks;
}

function blocksOf(mail: PlannedMail, settings: ReminderSettings): Block[] {
  return [
    ...greeting(mail, settings),
    ...noticeBlocks(mail),
    ...overdueBlocks(mail),
    ...dueBlocks(mail),
    ...eveBlocks(mail),
    ...periodBlocks(mail),
    ...villageBlocks(mail, settings),
    ...copyBlocks(mail),
    ...footer(mail, settings),
  ];
}

function inlineText(parts: Inline[]): string {
  return parts
    .map(p => {
      if (typeof p === 'string') return p;
      if ('bold' in p) return p.bold;
      return `${p.text} <${p.href}>`;
    })
    .join('');
}

function inlineHtml(parts: Inline[]): string {
  return parts
    .map(p => {
      if (typeof p === 'string') return escapeHtml(p);
      if ('bold' in p) return `<b>${escapeHtml(p.bold)}</b>`;
      return `<a href="${escapeHtml(p.href)}">${escapeHtml(p.text)}</a>`;
    })
    .join('');
}

function toText(blocks: Block[]): string {
  const out: string[] = [];
  for (const b of blocks) {
    switch (b.type) {
      case 'h':
        out.push('', b.text, '='.repeat(Math.min(b.text.length, 60)));
        break;
      case 'p':
        out.push(inlineText(b.parts));
        break;
      case 'list':
        for (const item of b.items) out.push(`  - ${inlineText(item)}`);
        break;
      default:
        out.push(`${b.text}: <${b.href}>`);
    }
  }
  return out.join('\n').trim() + '\n';
}

const H_STYLE =
  'font-size:15px;margin:18px 0 6px;color:#0b5394;border-bottom:1px solid #cfe2f3;padding-bottom:2px';
const BUTTON_STYLE =
  'display:inline-block;background:#1a73e8;color:#ffffff;text-decoration:none;padding:8px 16px;border-radius:4px;font-weight:bold';

function toHtml(blocks: Block[]): string {
  const out: string[] = [
    '<div style="font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:1.5;color:#202124">',
  ];
  for (const b of blocks) {
    switch (b.type) {
      case 'h':
        out.push(`<h3 style="${H_STYLE}">${escapeHtml(b.text)}</h3>`);
        break;
      case 'p':
        out.push(`<p style="margin:6px 0">${inlineHtml(b.parts)}</p>`);
        break;
      case 'list':
        out.push('<ul style="margin:4px 0 8px;padding-left:22px">');
        for (const item of b.items) out.push(`<li>${inlineHtml(item)}</li>`);
        out.push('</ul>');
        break;
      default:
        out.push(
          `<p style="margin:10px 0"><a href="${escapeHtml(b.href)}" style="${BUTTON_STYLE}">${escapeHtml(b.text)}</a></p>`,
          `<p style="margin:4px 0;font-size:12px;color:#5f6368">Nếu nút không mở được, chép đường dẫn sau vào trình duyệt: ${escapeHtml(b.href)}</p>`,
        );
    }
  }
  out.push('</div>');
  return out.join('\n');
}

/** The e-mail in Vietnamese: subject, plain text and HTML (every sheet text escaped). */
export function renderMail(
  mail: PlannedMail,
  settings: ReminderSettings,
): RenderedMail {
  const blocks = blocksOf(mail, settings);
  return {
    subject: subjectOf(mail),
    body: toText(blocks),
    htmlBody: toHtml(blocks),
  };
}

/** The admins' e-mail when steps of the daily job failed. */
export function renderErrorMail(
  settings: ReminderSettings,
  today: IsoDate,
  errors: {step: string; error: string}[],
  spreadsheetUrl: string,
): RenderedMail {
  const url = safeUrl(spreadsheetUrl);
  const blocks: Block[] = [
    {
      type: 'p',
      parts: [{bold: 'Kính gửi: '}, `${oneLine(settings.reportTo)} (quản trị)`],
    },
    {
      type: 'p',
      parts: [
        `Công việc tự động ngày ${formatVnDate(today)} gặp lỗi ở ${errors.length} bước; các bước khác vẫn chạy bình thường:`,
      ],
    },
    {
      type: 'list',
      items: errors.map(e => [
        {bold: oneLine(e.step)},
        `: ${oneLine(e.error)}`,
      ]),
    },
    {
      type: 'p',
      parts: [
        'Chi tiết được ghi ở trang Nhật ký',
        ...(url ? [' của ', {href: url, text: 'bảng tính theo dõi'}] : []),
        '. Lần chạy ngày mai sẽ tự thử lại; nếu lỗi lặp lại, hãy chọn menu Dân vận → Thiết lập / sửa chữa bảng tính.',
      ],
    },
  ];
  if (settings.senderName) {
    blocks.push({type: 'p', parts: [oneLine(settings.senderName)]});
  }
  return {
    subject: `[Dân vận] Lỗi công việc tự động ngày ${formatVnDate(today)}`,
    body: toText(blocks),
    htmlBody: toHtml(blocks),
  };
}
