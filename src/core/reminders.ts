// Who gets which reminder e-mail today, decided from the date, settings, periods, assignments, reports and mail log.
import {addDays, daysBetween} from './dates';
import {sortPeriods} from './periods';
import {
  dueDateOf,
  PROGRESS_LABELS,
  reportedInPeriod,
  statusLabel,
  timeliness,
  TIMELINESS_LABELS,
} from './status';
import type {Assignment, IsoDate, ReportingPeriod, Unit} from './types';
import type {
  AssignmentLine,
  CopyItem,
  DueItem,
  MailFailure,
  NoticeItem,
  OverdueItem,
  PlannedMail,
  Recipient,
  ReminderInput,
  ReminderItem,
  ReminderKind,
  ReminderPeriod,
  ReminderSettings,
  ReminderTask,
  UnitReportRow,
  Unreachable,
} from './reminderTypes';
import {owesReportIn, periodReporting} from './reporting';
import {activeVillages, villageReporting} from './villageReports';

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

/** The task of an assignment that owes a report in the period (the shared rule), or null. */
function relevantInPeriod(
  ctx: Context,
  a: Assignment,
  period: ReportingPeriod,
): ReminderTask | null {
  const task = ctx.taskByTt.get(a.tt);
  return task && owesReportIn(a, task, period) ? task : null;
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
    const reporting = periodReporting({...ctx.input, period});
    const units: UnitReportRow[] = [];
    const unreachable: Unreachable[] = [];
    for (const r of reporting.units) {
      const unit = ctx.unitByCode.get(r.code) as Unit;
      const lost = unreachableOf(unit, 'unit');
      if (lost) unreachable.push(lost);
      units.push({
        code: r.code,
        name: r.name,
        total: r.owed,
        reported: r.reported,
        pending: r.pending,
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
        updateLinks: input.updateLinks ?? {},
        ...(key === adminKey && input.linkOpens
          ? {linkOpens: input.linkOpens}
          : {}),
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
