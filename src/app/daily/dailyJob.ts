// The daily job (time-driven trigger): runs each step in turn, logs the run, mails errors to the admins.
import {formatVnDate} from '../../core/dates';
import {renderErrorMail} from '../../core/reminderMail';
import {runClock} from '../../services/clock';
import {remainingMailQuota, sendMail} from '../../services/mail';
import {getDocProperty, setDocProperty} from '../../services/properties';
import {effectiveUserEmail} from '../../services/user';
import {appendHistory, type HistoryEntry} from '../../workbook/history';
import {appendToMailLog} from '../../workbook/mailLog';
import {withDocumentLock} from '../../services/lock';
import {dailyContext, type DailyStep} from './context';
import {flushQueuedMails} from './mailQueue';
import {mailSettings} from './sendReminders';
import {DAILY_STEPS} from './steps';
import {TRIGGER_RECORD_KEY, readTriggerRecord} from '../triggers';

/** Document property holding the last run: {at, ok, note}. */
export const LAST_RUN_KEY = 'dailyJob.lastRun';

export interface StepResult {
  name: string;
  label: string;
  ok: boolean;
  note: string;
  error?: string;
}

export interface DailyJobResult {
  /** 'busy': another run held the script lock; 'stale': a trigger that is no longer ours. */
  skipped?: 'busy' | 'stale';
  today?: string;
  steps: StepResult[];
}

/** The time-driven trigger's event (only what is used). */
export interface ClockEvent {
  triggerUid?: string;
}

function errorText(e: unknown): string {
  const s = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return s.replace(/^Exception:\s*/, '').replace(/^Error:\s*/, '');
}

/**
 * True when the run comes from a clock trigger that must not run: one left under another account
 * after an admin re-installed the jobs under theirs, one left after the jobs were turned off, or a
 * duplicate. A trigger of the installer's that the record lost track of (re-created by hand) is
 * adopted instead, so the job never stops silently.
 */
function isStaleTrigger(event: ClockEvent | undefined): boolean {
  const uid = event && typeof event === 'object' ? event.triggerUid : undefined;
  if (!uid) return false;
  const record = readTriggerRecord(getDocProperty(TRIGGER_RECORD_KEY));
  if (!record || record.dailyTriggerId === String(uid)) return false;
  if (record.removedBy || record.installer !== effectiveUserEmail())
    return true;
  const mine = ScriptApp.getProjectTriggers().map(t => t.getUniqueId());
  if (mine.includes(record.dailyTriggerId)) return true;
  setDocProperty(
    TRIGGER_RECORD_KEY,
    JSON.stringify({...record, dailyTriggerId: String(uid)}),
  );
  return false;
}

/** Runs the steps; never throws for a step's error (it is logged and mailed to the admins). */
export function runDailyJob(
  event?: ClockEvent,
  steps: readonly DailyStep[] = DAILY_STEPS,
): DailyJobResult {
  if (isStaleTrigger(event)) {
    console.log('dailyJob: trigger cũ không còn được dùng, bỏ qua.');
    return {skipped: 'stale', steps: []};
  }
  const lock = LockService.getScriptLock();
  if (!lock.tryLock(10000)) {
    console.log('dailyJob: một lần chạy khác đang diễn ra, bỏ qua.');
    return {skipped: 'busy', steps: []};
  }
  try {
    return runLocked(steps);
  } finally {
    lock.releaseLock();
  }
}

function runLocked(steps: readonly DailyStep[]): DailyJobResult {
  const ss = SpreadsheetApp.getActive();
  const timeZone = Session.getScriptTimeZone() || 'Asia/Ho_Chi_Minh';
  const clock = runClock(timeZone);
  const ctx = dailyContext(ss, clock);
  const results: StepResult[] = [];
  for (const step of steps) {
    try {
      const note = step.run(ctx) || '';
      results.push({name: step.name, label: step.label, ok: true, note});
    } catch (e) {
      results.push({
        name: step.name,
        label: step.label,
        ok: false,
        note: '',
        error: errorText(e),
      });
    }
  }
  if (ctx.mailQueue.length) {
    // Admin mails a step queued that no later step reserved and sent (the reminders failed first).
    const label = 'Gửi thư cho quản trị';
    try {
      const sent = flushQueuedMails(ctx);
      results.push({
        name: 'mailQueue',
        label,
        ok: true,
        note: `gửi ${sent} thư`,
      });
    } catch (e) {
      results.push({
        name: 'mailQueue',
        label,
        ok: false,
        note: '',
        error: errorText(e),
      });
    }
  }
  const failed = results.filter(r => !r.ok);
  const who = effectiveUserEmail() || 'hệ thống';
  const entries: HistoryEntry[] = [
    {
      action: 'Công việc tự động hằng ngày',
      target: `ngày ${formatVnDate(clock.today)}`,
      user: who,
      note: results
        .map(r => `${r.label}: ${r.ok ? r.note || 'xong' : `LỖI — ${r.error}`}`)
        .join('\n'),
    },
    ...failed.map(r => ({
      action: 'Lỗi công việc tự động',
      target: r.label,
      user: who,
      note: r.error ?? '',
    })),
    ...ctx.history,
  ];
  try {
    withDocumentLock(() => appendHistory(ss, clock, entries));
  } catch (e) {
    console.log(`dailyJob: không ghi được Nhật ký: ${errorText(e)}`);
  }
  if (failed.length) mailErrors(ctx.ss, clock, failed, ctx);
  try {
    setDocProperty(
      LAST_RUN_KEY,
      JSON.stringify({
        at: clock.now.toISOString(),
        ok: failed.length === 0,
        note: results
          .map(r => `${r.label}: ${r.ok ? r.note || 'xong' : 'lỗi'}`)
          .join('; ')
          .slice(0, 800),
      }),
    );
  } catch (e) {
    console.log(`dailyJob: ${errorText(e)}`);
  }
  return {today: clock.today, steps: results};
}

/** One e-mail to the admins listing the failed steps (once a day, logged like the reminders). */
function mailErrors(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  clock: ReturnType<typeof runClock>,
  failed: StepResult[],
  ctx: ReturnType<typeof dailyContext>,
): void {
  try {
    const settings = mailSettings(ctx.workbook().settings, ss, () =>
      ctx.ownerEmail(),
    );
    const to = settings.adminEmails;
    if (!to.length) return;
    const key = `error:${clock.today}`;
    const log = ctx.mailLog();
    if (log.done.has(key) || remainingMailQuota() < to.length) return;
    const mail = renderErrorMail(
      settings,
      clock.today,
      failed.map(f => ({step: f.label, error: f.error ?? ''})),
      ctx.url(),
    );
    sendMail({to: to.join(','), ...mail, name: settings.senderName});
    withDocumentLock(() =>
      appendToMailLog(ss, clock, log, [
        {
          key,
          to: to.join(', '),
          subject: mail.subject,
          kind: 'Báo lỗi',
          periodId: '',
          state: 'sent',
          note: failed.map(f => f.name).join(', '),
        },
      ]),
    );
  } catch (e) {
    console.log(`dailyJob: không gửi được thư báo lỗi: ${errorText(e)}`);
  }
}
