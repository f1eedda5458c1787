// The daily job's steps, in order. Each is independent; add a step here with one line.
import type {DailyStep} from './context';
import {guardHistory} from './guardHistory';
import {refreshStatuses} from './refreshStatuses';
import {sendReminders} from './sendReminders';
import {summaryStep} from './summaryStep';
import {syncProtections} from './syncProtections';
import {cityStep} from '../city/cityEntry';
import {villageDigest} from './villageDigest';

export type {DailyContext, DailyStep} from './context';

/**
 * Run in this order by dailyJob; an error in one does not stop the next. Protections are brought in
 * step with the units tab first (e-mails typed in since the last set-up); the history of earlier days
 * is locked (and checked) once the statuses have read the workbook. The summary goes before
 * the reminders so that, on a day the mail quota runs short, the admins' summary is never the
 * e-mail left for tomorrow (the reminders defer what does not fit). The digest of village reports
 * that need review goes last, from what the reminders left: anonymous form input never spends the
 * quota the reminders need.
 */
export const DAILY_STEPS: DailyStep[] = [
  syncProtections,
  refreshStatuses,
  guardHistory,
  summaryStep,
  sendReminders,
  cityStep,
  villageDigest,
];
