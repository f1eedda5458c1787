// Daily step: at most one admin digest a day of the village reports that need review, sent after the reminders from the quota they left.
import {formatWrittenDateTime, isIsoDate} from '../../core/dates';
import {escapeHtml} from '../../core/text';
import type {StoredVillageReport} from '../../core/villageReports';
import {withDocumentLock} from '../../services/lock';
import {remainingMailQuota, sendMail} from '../../services/mail';
import {
  appendToMailLog,
  rewriteInMailLog,
  type MailLogEntry,
} from '../../workbook/mailLog';
import {VILLAGE_REPORTS} from '../../workbook/schema';
import {REPORT_STATE_LABELS} from '../../workbook/villageReports';
import type {DailyContext, DailyStep} from './context';
import {mailSettings} from './sendReminders';

/** The mail-log key of one flagged report's line in a digest. */
export function flaggedKey(responseId: string): string {
  return `village-flagged|${responseId}`;
}

/** The mail-log key of the day's digest. */
export function digestKey(day: string): string {
  return `village-digest|${day}`;
}

/** Reports listed in full in one digest; the rest are counted (all stay in the tab). */
export const DIGEST_MAX_LISTED = 50;

const KIND = 'Báo cáo thôn cần xem lại';

/** "2025-08-28T10:05:00+07:00" as "28/08/2025 10:05" (date before time); other text as it is. */
function when(iso: string): string {
  return isIsoDate(iso.slice(0, 10)) ? formatWrittenDateTime(iso) : iso;
}

function facts(r: StoredVillageReport): Array<[string, string]> {
  return [
    ['Thôn (như đã chọn)', r.village || '(không rõ thôn)'],
    ['Kỳ báo cáo', r.periodId || '(không rõ kỳ)'],
    ['Người báo cáo', r.reporter],
    ['Điện thoại', r.phone],
    ['Gửi lúc', when(r.submittedAt)],
    ['Mã phản hồi', r.responseId],
  ];
}

/** The digest of the flagged reports not yet told (subject, text and HTML). */
export function digestMail(reports: StoredVillageReport[]): {
  subject: string;
  body: string;
  htmlBody: string;
} {
  const listed = reports.slice(0, DIGEST_MAX_LISTED);
  const more = reports.length - listed.length;
  const subject =
    reports.length === 1
      ? `[Dân vận] Báo cáo thôn cần xem lại: ${reports[0].village || '(không rõ thôn)'}`
      : `[Dân vận] ${reports.length} báo cáo thôn cần xem lại`;
  const steps =
    `Các báo cáo này được lưu ở tab "${VILLAGE_REPORTS.name}" với trạng thái "${REPORT_STATE_LABELS.flagged}", ` +
    'không cập nhật phân công và không thay báo cáo hợp lệ của thôn. Hãy kiểm tra thôn ở tab Đơn vị và kỳ ở ' +
    'tab Kỳ báo cáo, hoặc liên hệ người báo cáo để gửi lại bằng đường dẫn riêng của thôn (tab Liên kết biểu mẫu).';
  const intro =
    reports.length === 1
      ? 'Một báo cáo thôn gửi qua biểu mẫu cần xem lại:'
      : `${reports.length} báo cáo thôn gửi qua biểu mẫu cần xem lại:`;
  const tail = more
    ? `… và ${more} báo cáo khác (xem tab "${VILLAGE_REPORTS.name}").`
    : '';
  const body = [
    intro,
    ...listed.flatMap(r => [
      '',
      ...r.issue.split('\n').map(l => `- ${l}`),
      ...facts(r).map(([k, v]) => `${k}: ${v}`),
    ]),
    ...(tail ? ['', tail] : []),
    '',
    steps,
  ].join('\n');
  const htmlBody =
    `<p>${escapeHtml(intro)}</p>` +
    listed
      .map(
        r =>
          '<ul>' +
          r.issue
            .split('\n')
            .map(l => `<li>${escapeHtml(l)}</li>`)
            .join('') +
          '</ul><table>' +
          facts(r)
            .map(
              ([k, v]) =>
                `<tr><td>${escapeHtml(k)}</td><td>${escapeHtml(v)}</td></tr>`,
            )
            .join('') +
          '</table>',
      )
      .join('<hr>') +
    (tail ? `<p>${escapeHtml(tail)}</p>` : '') +
    `<p>${escapeHtml(steps)}</p>`;
  return {subject, body, htmlBody};
}

/**
 * Runs after the reminders: mails the admins once a day about the flagged village reports not yet
 * in a digest. Form input never sends a mail of its own, and the digest waits for tomorrow when the
 * reminders were short of quota today or it would leave none.
 */
export const villageDigest: DailyStep = {
  name: 'villageDigest',
  label: 'Thư tổng hợp báo cáo thôn cần xem lại',
  run(ctx: DailyContext): string {
    const {ss, clock} = ctx;
    const settings = mailSettings(ctx.workbook().settings, ss, () =>
      ctx.ownerEmail(),
    );
    const to = settings.adminEmails;
    // As this run's earlier steps left it (their deferrals today included).
    const log = ctx.mailLog();
    const pending = ctx
      .villageReports()
      .filter(
        r => r.state === 'flagged' && !log.done.has(flaggedKey(r.responseId)),
      );
    if (!pending.length) return 'không có báo cáo thôn mới cần xem lại';
    const waiting = `${pending.length} báo cáo thôn cần xem lại chờ thư ngày mai`;
    if (log.done.has(digestKey(clock.today)))
      return `${waiting} (hôm nay đã gửi một thư tổng hợp)`;
    if (!to.length) return `${waiting}: chưa có e-mail quản trị (tab Cấu hình)`;
    if (log.deferredToday.size)
      return `${waiting}: hạn mức thư hôm nay dành cho thư nhắc`;
    if (remainingMailQuota() < to.length)
      return `${waiting}: hết hạn mức gửi thư hôm nay`;

    const mail = digestMail(pending);
    const entries = (
      state: MailLogEntry['state'],
      note = '',
    ): MailLogEntry[] => [
      {
        key: digestKey(clock.today),
        to: to.join(', '),
        subject: mail.subject,
        kind: KIND,
        periodId: '',
        state,
        note: note || `${pending.length} báo cáo`,
      },
      ...pending.map(r => ({
        key: flaggedKey(r.responseId),
        to: to.join(', '),
        subject: mail.subject,
        kind: KIND,
        periodId: r.periodId,
        state,
        note: [note, r.issue.split('\n')[0]].filter(Boolean).join(' – '),
      })),
    ];
    // Written ahead: a run that dies after sending never sends the same digest again.
    const first = withDocumentLock(() =>
      appendToMailLog(ss, clock, log, entries('sending')),
    );
    let outcome: MailLogEntry[];
    try {
      sendMail({
        to: to.join(','),
        subject: mail.subject,
        body: mail.body,
        htmlBody: mail.htmlBody,
        name: settings.senderName,
      });
      outcome = entries('sent');
    } catch (e) {
      outcome = entries('failed', String(e));
    }
    withDocumentLock(() => rewriteInMailLog(ss, clock, log, first, outcome));
    return outcome[0].state === 'sent'
      ? `đã gửi 1 thư tổng hợp ${pending.length} báo cáo thôn cần xem lại`
      : `chưa gửi được thư tổng hợp: ${outcome[0].note}`;
  },
};
