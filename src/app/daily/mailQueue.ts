// Admin mails a daily step hands on to be reserved in the run's next mail-log write-ahead (the reminders'), so one write covers them all.
import {withDocumentLock} from '../../services/lock';
import {sendMail} from '../../services/mail';
import {
  appendToMailLog,
  rewriteInMailLog,
  type MailLogEntry,
} from '../../workbook/mailLog';
import type {DailyContext, QueuedMail} from './context';

/** The row that reserves a queued mail before it is sent. */
export function aheadOf(q: QueuedMail): MailLogEntry {
  return {...q.entry, state: 'sending', note: 'Ghi trước khi gửi'};
}

/**
 * Sends mails already reserved in the log, pushing one outcome row each into `rows`: 'sent', or
 * 'deferred' with the error (the key stays open, so the next run tries again).
 */
export function sendQueued(queued: QueuedMail[], rows: MailLogEntry[]): number {
  let sent = 0;
  for (const q of queued) {
    try {
      sendMail(q.mail);
    } catch (e) {
      const error = String(e instanceof Error ? e.message : e);
      rows.push({...q.entry, state: 'deferred', note: error.slice(0, 300)});
      continue;
    }
    sent++;
    rows.push({...q.entry, state: 'sent'});
    try {
      q.onSent?.();
    } catch (e) {
      console.log(`mail queue: ${String(e)}`);
    }
  }
  return sent;
}

/**
 * Mails no step took (the reminders step did not run or failed before its write-ahead): each is
 * reserved, sent and confirmed here, as the reminders would have done. Returns how many went.
 */
export function flushQueuedMails(ctx: DailyContext): number {
  const queued = ctx.mailQueue.splice(0);
  if (!queued.length) return 0;
  const {ss, clock} = ctx;
  const log = ctx.mailLog();
  const first = withDocumentLock(() =>
    appendToMailLog(ss, clock, log, queued.map(aheadOf)),
  );
  const rows: MailLogEntry[] = [];
  const sent = sendQueued(queued, rows);
  withDocumentLock(() => rewriteInMailLog(ss, clock, log, first, rows));
  return sent;
}
