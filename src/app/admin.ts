// Who may run the admin's actions (set-up, forms, automatic jobs): the settings' admins and the owner.
import {DEFAULT_PLAN} from '../plan/defaultPlan';
import {runClock} from '../services/clock';
import {
  activeUserEmail,
  effectiveUserEmail,
  spreadsheetOwnerEmail,
} from '../services/user';
import {PROTECTION_PREFIX} from '../workbook/protect';
import {SETTINGS} from '../workbook/schema';
import {parseSettings} from '../workbook/settings';
import {readTable, type Table} from '../workbook/table';
import {isAdminEmail, settingsValues} from '../workbook/workbook';

/** What an admin-only entry point returns to a non-admin (also through google.script.run). */
export interface AdminRefusal {
  ok: false;
  refused: 'not_admin' | 'not_granted' | 'protection_failed';
  message: string;
}

/** Thrown by use cases that only an admin may run; `message` is the Vietnamese refusal. */
export class NotAdminError extends Error {
  constructor(
    message: string,
    /** 'not_granted': an admin of Cấu hình the protections do not list yet. */
    readonly refused: 'not_admin' | 'not_granted' = 'not_admin',
  ) {
    super(message);
    this.name = 'NotAdminError';
  }
}

/** The user running this execution (the signed-in user, else the account the script runs as). */
export function runningUser(): string {
  return activeUserEmail() || effectiveUserEmail();
}

/** True when the running user is an admin: listed in Cấu hình, or the spreadsheet's owner. */
export function runByAdmin(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet = SpreadsheetApp.getActive(),
  settingsTable?: Table,
): boolean {
  const user = runningUser();
  if (!user) return false;
  const offset = runClock(
    Session.getScriptTimeZone() || 'Asia/Ho_Chi_Minh',
  ).offset;
  const settings = parseSettings(
    settingsValues(settingsTable ?? readTable(ss, SETTINGS), offset),
    DEFAULT_PLAN,
  );
  return isAdminEmail(settings, user, spreadsheetOwnerEmail(ss));
}

/** The Vietnamese refusal for `action` (e.g. "thiết lập bảng tính"). */
export function notAdminMessage(action: string): string {
  const user = runningUser();
  return (
    `Chỉ quản trị viên (Phòng Văn hóa - Xã hội) mới được ${action}. ` +
    `Tài khoản ${user || 'hiện tại'} không có trong mục "Email quản trị" ở trang Cấu hình; ` +
    'vui lòng liên hệ quản trị viên.'
  );
}

/** Throws NotAdminError unless the running user is an admin. */
export function assertAdmin(
  action: string,
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet = SpreadsheetApp.getActive(),
  settingsTable?: Table,
): void {
  if (!runByAdmin(ss, settingsTable))
    throw new NotAdminError(notAdminMessage(action));
}

/**
 * The admin-only tabs the running user may not edit yet. An address added to "Email quản trị" is an
 * editor of the protections only once set-up has run again by someone who already is (the owner
 * can always edit: "The spreadsheet owner is always able to edit protected ranges and sheets",
 * developers.google.com/apps-script/reference/spreadsheet/protection#canEdit()). Without this check
 * such an admin's set-up would stop on Google's English "You are trying to edit a protected cell".
 */
export function ungrantedTabs(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
): string[] {
  const user = runningUser().toLowerCase();
  if (!user || user === spreadsheetOwnerEmail(ss)) return [];
  return ss
    .getProtections(SpreadsheetApp.ProtectionType.SHEET)
    .filter(
      p =>
        String(p.getDescription()).startsWith(PROTECTION_PREFIX) &&
        !p.isWarningOnly() &&
        !p.canEdit(),
    )
    .map(p => p.getRange().getSheet().getName());
}

/** The Vietnamese refusal when the running admin cannot edit the protected tabs yet, else null. */
export function notGrantedMessage(
  action: string,
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
): string | null {
  const tabs = ungrantedTabs(ss);
  if (!tabs.length) return null;
  const owner = spreadsheetOwnerEmail(ss);
  const shown = tabs.slice(0, 4).join(', ') + (tabs.length > 4 ? ', …' : '');
  return (
    `Tài khoản ${runningUser()} có trong mục "Email quản trị" nhưng chưa được cấp quyền sửa các trang ` +
    `được bảo vệ (${shown}), nên chưa ${action} được. Chủ sở hữu bảng tính` +
    (owner ? ` (${owner})` : '') +
    ' hoặc một quản trị viên đã có quyền cần chạy Dân vận → Thiết lập một lần để cấp quyền; sau đó bạn chạy lại. Chưa có gì được ghi.'
  );
}

/** Throws NotAdminError('not_granted') when the running admin cannot edit the protected tabs yet. */
export function assertGranted(
  action: string,
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
): void {
  const message = notGrantedMessage(action, ss);
  if (message) throw new NotAdminError(message, 'not_granted');
}

/** The refusal object for entry points that return results to google.script.run. */
export function adminRefusal(action: string): AdminRefusal {
  return {ok: false, refused: 'not_admin', message: notAdminMessage(action)};
}
