// Daily step: builds each period's summary before its reporting date and on its morning, and tells the admins.
import {type Summary} from '../../core/summary';
import {
  summaryMail,
  summarySlot,
  type SummaryMail,
} from '../../core/summaryMail';
import {withDocumentLock} from '../../services/lock';
import {remainingMailQuota} from '../../services/mail';
import {
  deleteDocProperty,
  getDocProperty,
  setDocProperty,
} from '../../services/properties';
import {appendToMailLog, type MailLogEntry} from '../../workbook/mailLog';
import {summarySheetName} from '../../workbook/summarySheet';
import {buildSummaryModel, computeSummaryFor} from '../summary';
import {adminRecipients} from '../adminRecipients';
import type {DailyContext, DailyStep} from './context';

/** Document property per period: the day each automatic build was made, {before?, due?}. */
export function autoBuildKey(periodId: string): string {
  return `summary.auto:${periodId}`;
}

/** The mail-log key of the admins' e-mail for one automatic build. */
export function summaryMailKey(periodId: string, slot: string): string {
  return `summary:${periodId}:${slot}`;
}

type AutoState = {before?: string; due?: string};

/** A property value holds 9 kB: a longer mail is rewritten from the data when it goes out. */
const MAX_PENDING_CHARS = 8000;

/** Document property holding a mail the quota stopped, as written when the summary was built. */
function pendingMailKey(mailKey: string): string {
  return `${mailKey}:pending`;
}

function readPendingMail(mailKey: string): SummaryMail | null {
  try {
    const v = JSON.parse(getDocProperty(pendingMailKey(mailKey)) ?? 'null');
    if (!v || typeof v.subject !== 'string' || typeof v.body !== 'string')
      return null;
    // The HTML is kept apart (a property holds 9 kB): without it the text goes alone.
    const html = getDocProperty(`${pendingMailKey(mailKey)}:html`) ?? '';
    return {subject: v.subject, body: v.body, htmlBody: html};
  } catch {
    return null;
  }
}

/** Keeps a mail the quota stopped: its subject and text in one property, its HTML in another. */
function writePendingMail(mailKey: string, mail: SummaryMail): void {
  const text = JSON.stringify({subject: mail.subject, body: mail.body});
  if (text.length > MAX_PENDING_CHARS) return;
  setDocProperty(pendingMailKey(mailKey), text);
  if (mail.htmlBody.length <= MAX_PENDING_CHARS) {
    setDocProperty(`${pendingMailKey(mailKey)}:html`, mail.htmlBody);
  }
}

function deletePendingMail(mailKey: string): void {
  deleteDocProperty(pendingMailKey(mailKey));
  deleteDocProperty(`${pendingMailKey(mailKey)}:html`);
}

function readState(periodId: string): AutoState {
  try {
    const v = JSON.parse(getDocProperty(autoBuildKey(periodId)) ?? '{}');
    return v && typeof v === 'object' ? (v as AutoState) : {};
  } catch {
    return {};
  }
}

/**
 * For every period whose summary is due today (from `summaryDaysBefore` days before the reporting
 * date, once, and on the reporting date, once; see `summarySlot`): builds it unless this build was
 * made already, then e-mails the admins once (the mail log keeps the key; a day without quota is
 * retried the next run). Past periods are never rebuilt. Returns the note for the history row.
 */
export function runSummaryStep(ctx: DailyContext): string {
  const data = ctx.workbook();
  const today = ctx.clock.today;
  const due = data.periods
    .map(period => ({
      period,
      slot: summarySlot(period, today, data.settings.summaryDaysBefore),
    }))
    .filter(x => x.slot !== null);
  if (!due.length) return 'không có kỳ nào cần lập tổng hợp hôm nay';

  const notes: string[] = [];
  const logRows: MailLogEntry[] = [];
  for (const {period, slot} of due) {
    if (!slot) continue;
    const state = readState(period.id);
    let summary: Summary | null = null;
    let sheetId = 0;
    if (!state[slot]) {
      // The workbook and the reports as this run read them (the statuses step re-read the workbook
      // under the lock): the build writes only its own tab.
      const built = buildSummaryModel(
        period.id,
        {
          at: ctx.clock.now,
          mode: 'auto',
          history: ctx.history,
          workbook: data,
          villageReports: ctx.villageReports(),
        },
        ctx.ss,
      );
      summary = built.summary;
      sheetId = built.result.sheetId;
      if (!built.result.built) {
        notes.push(built.result.message);
        continue;
      }
      state[slot] = today;
      setDocProperty(autoBuildKey(period.id), JSON.stringify(state));
      notes.push(`đã lập "${built.result.sheetName}"`);
    }

    const log = ctx.mailLog();
    const key = summaryMailKey(period.id, slot);
    if (log.done.has(key)) continue;
    const to = adminRecipients(data.settings.adminEmails, ctx.ss, () =>
      ctx.ownerEmail(),
    );
    if (!to.length) {
      notes.push('chưa có email quản trị để gửi thông báo');
      continue;
    }
    const link = () => {
      if (!sheetId) {
        const sheet = ctx.ss.getSheetByName(summarySheetName(period.id));
        sheetId = sheet ? sheet.getSheetId() : 0;
      }
      return `${ctx.url()}#gid=${sheetId}`;
    };
    if (remainingMailQuota() < to.length) {
      // Keep the mail as written now, so the one sent later tells the figures of the tab it links.
      if (summary) {
        writePendingMail(key, summaryMail(summary, link(), slot));
      }
      if (!log.deferredToday.has(key)) {
        logRows.push({
          key,
          to: to.join(', '),
          subject: `Tổng hợp ${period.id}`,
          kind: 'Tổng hợp',
          periodId: period.id,
          state: 'deferred',
          note: 'Hết hạn mức gửi thư hôm nay; sẽ gửi lần chạy sau.',
        });
      }
      notes.push(`thư báo tổng hợp ${period.id} để lần sau (hết hạn mức)`);
      continue;
    }
    const mail =
      readPendingMail(key) ??
      summaryMail(
        summary ?? computeSummaryFor(period.id, ctx.clock.now),
        link(),
        slot,
      );
    // Reserved in the log ('Đang gửi') with the reminders before it goes, then sent first of all:
    // a run that dies after sending never sends it twice (see mailQueue.ts).
    ctx.mailQueue.push({
      entry: {
        key,
        to: to.join(', '),
        subject: mail.subject,
        kind: 'Tổng hợp',
        periodId: period.id,
        note: slot === 'due' ? 'Sáng ngày hạn báo cáo' : 'Trước hạn báo cáo',
      },
      mail: {to: to.join(','), ...mail, name: data.settings.senderName},
      onSent: () => {
        deletePendingMail(key);
        if (slot === 'due') {
          // A "before" mail still waiting is superseded by this one.
          deletePendingMail(summaryMailKey(period.id, 'before'));
        }
      },
    });
    notes.push(`thư báo tổng hợp ${period.id} gửi cùng lượt thư nhắc`);
  }
  if (logRows.length) {
    const log = ctx.mailLog();
    withDocumentLock(() => appendToMailLog(ctx.ss, ctx.clock, log, logRows));
  }
  return notes.join('; ') || 'tổng hợp hôm nay đã lập và đã báo';
}

/** The step as the daily job lists it. */
export const summaryStep: DailyStep = {
  name: 'summary',
  label: 'Lập tổng hợp trước hạn báo cáo',
  run: runSummaryStep,
};
