// The reminder planner's vocabulary: its input, the items it finds and the mails it plans.
import type {
  Assignment,
  IsoDate,
  ReportingPeriod,
  Role,
  StatusLabel,
  Timeline,
  Unit,
} from './types';
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
  /** Each unit's and village's personal update link (code → address); none when not deployed. */
  updateLinks?: Readonly<Record<string, string>>;
  /** Who has opened their personal link and who never has (names), for the admin's status mail. */
  linkOpens?: LinkOpens;
}

export interface LinkOpens {
  opened: string[];
  never: string[];
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
  /** Personal update links of the recipients (code → address), the mail's main button. */
  updateLinks?: Readonly<Record<string, string>>;
  /** For the admin's mail: who opened their personal link and who never did. */
  linkOpens?: LinkOpens;
}
