// Daily step: plans the day's reminders, sends what the quota allows (most urgent first), logs every item.
import {
  adminMail,
  KIND_LABELS,
  noticeItem,
  planReminders,
  quotaCost,
  sortMails,
  unreachableToday,
  withItem,
} from '../../core/reminders';
import {renderMail} from '../../core/reminderMail';
import type {
  MailFailure,
  PlannedMail,
  ReminderInput,
} from '../../core/reminderTypes';
import {remainingMailQuota, sendMail} from '../../services/mail';
import {
  appendToMailLog,
  rewriteInMailLog,
  type MailLogEntry,
  type MailState,
} from '../../workbook/mailLog';
import type {Settings} from '../../workbook/settings';
import {loadFormLinks} from '../../workbook/villageReports';
import {adminRecipients} from '../adminRecipients';
import type {DailyContext, DailyStep} from './context';
import {withDocumentLock} from '../../services/lock';
import {linkOpenStatus, updateLinksFor} from '../links';
import {aheadOf, sendQueued} from './mailQueue';

/** Stop sending after this long, leaving the rest for the next run (a run is capped at 6 minutes). */
const TIME_BUDGET_MS = 240000;

/** What one run of the step did. */
export interface SendReport {
  planned: number;
  sent: number;
  /** Items (keys) carried by the sent e-mails. */
  sentItems: number;
  deferred: number;
  failed: number;
  quotaAtStart: number;
  quotaLeft: number;
  /** Units and villages that had reminders today but no usable address. */
  unreachable: string[];
}

function isQuotaError(e: unknown): boolean {
  return /too many times|quota|limit exceeded/i.test(String(e));
}

function errorText(e: unknown): string {
  const s = String(e instanceof Error ? e.message : e);
  return s.replace(/^Exception:\s*/, '');
}

function recipientNames(mail: PlannedMail): string {
  return mail.recipients.map(r => r.name).join(', ');
}

/**
 * Writes to the mail log holding the document lock when it can be had within 2 minutes, and
 * without it otherwise: e-mails already sent must be logged, or they would go out again.
 */
function writeLogWithLock(write: () => number): number {
  const lock = LockService.getDocumentLock();
  const locked = lock.tryLock(120000);
  try {
    return write();
  } finally {
    if (locked) lock.releaseLock();
  }
}

/**
 * The settings the reminders use, their admin addresses by the one rule of admin mail
 * (`adminRecipients`: the settings tab's, else the installer of the automatic jobs, else the owner).
 */
export function mailSettings(
  settings: Settings,
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  ownerOf?: (ss: GoogleAppsScript.Spreadsheet.Spreadsheet) => string,
): Settings {
  return {
    ...settings,
    adminEmails: adminRecipients(settings.adminEmails, ss, ownerOf),
  };
}

/** Builds the planner's input from the workbook, the reports, the links and the mail log. */
export function reminderInput(
  ctx: DailyContext,
  mailLog: ReadonlySet<string>,
): ReminderInput & {settings: Settings} {
  const data = ctx.workbook();
  const {offset} = ctx.clock;
  return {
    today: ctx.clock.today,
    settings: mailSettings(data.settings, ctx.ss, () => ctx.ownerEmail()),
    periods: data.periods,
    tasks: data.tasks,
    assignments: data.assignments,
    units: data.units,
    villageReports: ctx.villageReports(),
    formLinks: loadFormLinks(ctx.ss, offset),
    mailLog,
    spreadsheetUrl: ctx.url(),
    updateLinks: reminderLinks(data, ctx.clock.today),
    linkOpens: linkOpenStatus(data.units),
  };
}

/** The units' personal links for the mails' "Cập nhật ngay" button (issued under the document lock). */
function reminderLinks(
  data: ReturnType<DailyContext['workbook']>,
  today: string,
): Record<string, string> {
  try {
    return withDocumentLock(() => updateLinksFor(data, today), 120000);
  } catch (e) {
    // The reminders still go out, with the spreadsheet's link only.
    console.log(`reminder links: ${String(e)}`);
    return {};
  }
}

/**
 * Sends planned e-mails within the quota, most urgent first, the admin's last on quota kept back
 * for it (with the run's notice of deferrals and failures). Pushes one mail-log row per item into
 * `rows` as it goes, so a caller can log what was sent even if something throws.
 */
export function sendPlanned(
  planned: PlannedMail[],
  settings: Settings,
  today: string,
  log: {done: ReadonlySet<string>; deferredToday: ReadonlySet<string>},
  spreadsheetUrl: string,
  rows: MailLogEntry[],
  startedAt: number = Date.now(),
): SendReport {
  const {done, deferredToday} = log;
  const quotaAtStart = remainingMailQuota();
  let left = quotaAtStart;
  let stopped = false;
  const failures: MailFailure[] = [];
  const deferredNames: string[] = [];
  const report: SendReport = {
    planned: planned.length,
    sent: 0,
    sentItems: 0,
    deferred: 0,
    failed: 0,
    quotaAtStart,
    quotaLeft: left,
    unreachable: [],
  };

  const record = (
    mail: PlannedMail,
    subject: string,
    state: MailState,
    note = '',
  ) => {
    for (const item of mail.items) {
      if (state === 'deferred' && deferredToday.has(item.key)) continue;
      rows.push({
        key: item.key,
        to: mail.to.join(', '),
        subject,
        kind: KIND_LABELS[item.kind],
        periodId: item.periodId,
        state,
        note:
          note ||
          (mail.items.length > 1
            ? `Gộp ${mail.items.length} mục trong một thư`
            : ''),
      });
    }
  };

  const trySend = (mail: PlannedMail, reserve: number): void => {
    const rendered = renderMail(mail, settings);
    const cost = quotaCost(mail);
    if (
      stopped ||
      Date.now() - startedAt > TIME_BUDGET_MS ||
      cost > left - reserve
    ) {
      report.deferred++;
      deferredNames.push(recipientNames(mail));
      record(
        mail,
        rendered.subject,
        'deferred',
        'Hết hạn mức gửi thư trong ngày: gửi ở lần chạy sau',
      );
      return;
    }
    try {
      sendMail({
        to: mail.to.join(','),
        subject: rendered.subject,
        body: rendered.body,
        htmlBody: rendered.htmlBody,
        name: settings.senderName,
        replyTo: mail.replyTo[0],
      });
      left -= cost;
      report.sent++;
      report.sentItems += mail.items.length;
      record(mail, rendered.subject, 'sent');
    } catch (e) {
      if (isQuotaError(e)) {
        stopped = true;
        left = 0;
        report.deferred++;
        deferredNames.push(recipientNames(mail));
        record(mail, rendered.subject, 'deferred', errorText(e));
        return;
      }
      report.failed++;
      failures.push({
        to: mail.to.join(', '),
        names: recipientNames(mail),
        error: errorText(e),
      });
      record(mail, rendered.subject, 'failed', errorText(e));
    }
  };

  const ordered = sortMails(planned);
  const forAdmin = ordered.find(m => m.isAdmin) ?? null;
  const adminCost = adminMail(settings, spreadsheetUrl, today)?.to.length ?? 0;
  const reserve = forAdmin ? quotaCost(forAdmin) : adminCost;
  for (const mail of ordered) if (mail !== forAdmin) trySend(mail, reserve);

  // The admin's e-mail goes last, with the run's notice, on the quota kept back for it.
  let admin = forAdmin;
  const notice = noticeItem(settings, today, done, {
    deferred: deferredNames,
    // What is left once the admin's own e-mail has gone.
    quotaLeft: deferredNames.length
      ? Math.max(0, left - (forAdmin ? reserve : adminCost))
      : null,
    failures,
  });
  if (notice)
    admin = admin
      ? withItem(admin, notice)
      : adminMail(settings, spreadsheetUrl, today, [notice]);
  if (admin) trySend(admin, 0);
  report.quotaLeft = left;
  return report;
}

export const sendReminders: DailyStep = {
  name: 'sendReminders',
  label: 'Gửi thư nhắc việc',
  run(ctx) {
    const {ss, clock} = ctx;
    const mailLog = ctx.mailLog();
    // Copies: the log's sets follow this step's own writes below.
    const done = new Set(mailLog.done);
    const unconfirmed = [...mailLog.unconfirmed];
    const deferredToday = new Set(mailLog.deferredToday);
    const input = reminderInput(ctx, done);
    const planned = planReminders(input);
    const settings = input.settings;
    // Write-ahead: every item about to be tried is logged 'sending' before any e-mail goes (one
    // write). If the run dies before the outcome replaces those rows, they count as sent: never twice.
    const ahead: MailLogEntry[] =
      remainingMailQuota() > 0
        ? planned.flatMap(mail =>
            mail.items.map(item => ({
              key: item.key,
              to: mail.to.join(', '),
              subject: '',
              kind: KIND_LABELS[item.kind],
              periodId: item.periodId,
              state: 'sending' as const,
              note: 'Ghi trước khi gửi',
            })),
          )
        : [];
    // The admin mails earlier steps queued (the summary's) are reserved in the same write and
    // go first, as they did when those steps sent them.
    const queued = ctx.mailQueue.splice(0);
    ahead.unshift(...queued.map(aheadOf));
    let aheadRow: number;
    try {
      aheadRow = writeLogWithLock(() =>
        appendToMailLog(ss, clock, mailLog, ahead),
      );
    } catch (e) {
      ctx.mailQueue.unshift(...queued); // not reserved: the job sends them at the end
      throw e;
    }
    // Items a run that died left 'sending' are closed once, as errors: not resent, and told.
    const rows: MailLogEntry[] = unconfirmed.map(key => ({
      key,
      to: '',
      subject: '',
      kind: '',
      periodId: '',
      state: 'failed' as const,
      note:
        'Lần chạy trước bị gián đoạn sau khi ghi "Đang gửi": không rõ thư đã đi chưa, ' +
        'coi như đã gửi để không gửi trùng.',
    }));
    let r: SendReport;
    let queuedSent = 0;
    try {
      queuedSent = sendQueued(queued, rows);
      r = sendPlanned(
        planned,
        settings,
        clock.today,
        {done, deferredToday},
        input.spreadsheetUrl,
        rows,
      );
    } finally {
      // Each row written ahead gets its item's outcome in place; an item that got none (the loop
      // stopped early, or a deferral already logged today) is deferred, so it is retried.
      const outcome = new Map<string, MailLogEntry>();
      for (const row of rows)
        if (!outcome.has(row.key)) outcome.set(row.key, row);
      const inPlace = ahead.map(
        e =>
          outcome.get(e.key) ?? {
            ...e,
            state: 'deferred' as const,
            note: 'Chưa gửi: gửi ở lần chạy sau',
          },
      );
      const aheadKeys = new Set(ahead.map(e => e.key));
      const extra = rows.filter(row => !aheadKeys.has(row.key));
      writeLogWithLock(() => {
        if (inPlace.length)
          rewriteInMailLog(ss, clock, mailLog, aheadRow, inPlace);
        if (extra.length) appendToMailLog(ss, clock, mailLog, extra);
        return 0;
      });
    }
    if (unconfirmed.length) {
      ctx.history.push({
        action: 'Thư chưa rõ đã gửi',
        target: 'Thư đã gửi',
        note:
          `${unconfirmed.length} mục có trạng thái "Đang gửi" từ một lần chạy bị gián đoạn: ` +
          'coi như đã gửi để không gửi trùng; vui lòng kiểm tra trang Thư đã gửi.',
      });
    }
    r.unreachable = unreachableToday(input).map(u =>
      u.reason === 'no_email'
        ? `${u.name} (chưa có email)`
        : `${u.name} (email không hợp lệ)`,
    );
    const parts = [`gửi ${r.sent} thư (${r.sentItems} mục)`];
    if (queuedSent)
      parts.push(`và ${queuedSent} thư báo tổng hợp cho quản trị`);
    if (r.deferred)
      parts.push(`hoãn ${r.deferred} thư (hết hạn mức, còn ${r.quotaLeft})`);
    if (r.failed) parts.push(`lỗi ${r.failed} thư`);
    if (r.unreachable.length)
      parts.push(`không gửi được vì thiếu email: ${r.unreachable.join(', ')}`);
    if (!ctx.workbook().settings.adminEmails.length) {
      parts.push(
        settings.adminEmails.length
          ? `chưa có email quản trị ở trang Cấu hình: thư cho quản trị gửi tới ${settings.adminEmails[0]}`
          : 'chưa có email quản trị ở trang Cấu hình',
      );
    }
    return parts.join('; ');
  },
};
