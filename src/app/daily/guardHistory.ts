// Daily step: rows of earlier days in Nhật ký become admin-only, and any change to an archived row is reported.
import {archiveChanges, archiveOf, readArchive} from '../../core/historyDigest';
import {partitionAddresses} from '../../core/trustedPeople';
import {getDocProperty, setDocProperty} from '../../services/properties';
import {effectiveUserEmail} from '../../services/user';
import {
  hasOurSheetProtection,
  PROTECTION_PREFIX,
  protectAdminTab,
  restrictTo,
} from '../../workbook/protect';
import {rememberHistoryNextRow} from '../../workbook/history';
import {sheetValues} from '../../workbook/table';
import {HISTORY, SUMMARY_PREFIX} from '../../workbook/schema';
import {
  HISTORY_ARCHIVE_KEY,
  HISTORY_PROTECTION,
  historyOpenRange,
  historySpareRows,
  TAB_COUNT_KEY,
} from '../setupProtections';
import type {DailyStep} from './context';

/**
 * Digests the rows now in Nhật ký as archived (set-up does it when it locks them). `grid` is the
 * tab's values from A1 when the caller has just read them (saves the read).
 */
export function storeHistoryArchive(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  grid?: unknown[][],
): void {
  const rows = (grid ?? sheet.getDataRange().getValues())
    .slice(1)
    .map(r => r.slice(0, HISTORY.columns.length));
  setDocProperty(HISTORY_ARCHIVE_KEY, JSON.stringify(archiveOf(rows)));
}

/** Thrown when archived rows changed: the daily job mails it to the admins with the run's errors. */
export class HistoryTampered extends Error {
  constructor(lines: string[]) {
    super(
      `${lines.join(' ')} Các dòng Nhật ký của những ngày trước chỉ quản trị viên sửa được; ` +
        'xem "Tệp → Nhật ký phiên bản" của bảng tính để biết ai đã sửa và khôi phục nếu cần.',
    );
    this.name = 'HistoryTampered';
  }
}

export const guardHistory: DailyStep = {
  name: 'guardHistory',
  label: 'Bảo vệ Nhật ký',
  run(ctx) {
    const {ss} = ctx;
    const admins = partitionAddresses(
      ctx.workbook().settings.adminEmails,
    ).valid;
    const me = effectiveUserEmail();
    protectNewTabs(ss, admins, me);
    const sheet = ss.getSheetByName(HISTORY.name);
    if (!sheet) return 'chưa có trang Nhật ký';
    // No document lock: rows the sidebar appends meanwhile land below the rows read, and are either
    // still open or archived (and digested) with tomorrow's run.
    const grid = sheetValues(sheet);
    const last = grid.length;
    // The run's own rows go below what was read (the end of the job appends them).
    rememberHistoryNextRow(last + 1);
    const rows = grid.slice(1).map(r => r.slice(0, HISTORY.columns.length));
    const stored = readArchive(getDocProperty(HISTORY_ARCHIVE_KEY));
    const found = stored ? archiveChanges(stored, rows) : [];
    // Grow the admin-only part to every row read; the open part starts below it.
    const p = sheet.protect();
    // Set-up's blocking protection carries this description; anything else (none yet, or the
    // warning-only one of older versions) is made admin-only first. Once this step has run, the
    // protection is known to be ours (saves a call a day).
    const description = `${PROTECTION_PREFIX} ${HISTORY_PROTECTION}`;
    if (!stored && p.getDescription() !== description) {
      if (p.isWarningOnly()) p.setWarningOnly(false);
      restrictTo(p, admins, me);
      p.setDescription(description);
    }
    const spare = historySpareRows(ctx.workbook().assignments.length);
    p.setUnprotectedRanges([historyOpenRange(sheet, Math.max(last, 1), spare)]);
    setDocProperty(HISTORY_ARCHIVE_KEY, JSON.stringify(archiveOf(rows)));
    if (found.length) throw new HistoryTampered(found);
    return `${rows.length} dòng Nhật ký đã khoá (chỉ quản trị viên sửa)`;
  },
};

/**
 * Summary and form response tabs made since set-up become admin-only. Looks at the tabs only when
 * their number changed since the last run, so a quiet day costs one call.
 */
function protectNewTabs(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  admins: string[],
  me: string,
): void {
  const sheets = ss.getSheets();
  if (getDocProperty(TAB_COUNT_KEY) === String(sheets.length)) return;
  for (const s of sheets) {
    const name = s.getName();
    const adminTab =
      name.startsWith(SUMMARY_PREFIX) ||
      (name !== HISTORY.name && Boolean(s.getFormUrl()));
    if (adminTab && !hasOurSheetProtection(s))
      protectAdminTab(s, 'chỉ quản trị viên sửa', admins, me);
  }
  setDocProperty(TAB_COUNT_KEY, String(sheets.length));
}
