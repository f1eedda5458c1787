// Who may run the admin's actions (set-up, forms, automatic jobs): the settings' admins and the owner.
import {DEFAULT_PLAN} from '../plan/defaultPlan';
import {runClock} from '../services/clock';
import {
  activeUserEmail,
  effectiveUserEmail,
  spreadsheetOwnerEmail,
} from '../services/user';
import {SETTINGS} from '../workbook/schema';
import {parseSettings} from '../workbook/settings';
import {readTable} from '../workbook/table';
import {isAdminEmail, settingsValues} from '../workbook/workbook';

/** What an admin-only entry point returns to a non-admin (also through google.script.run). */
export interface AdminRefusal {
  ok: false;
  refused: 'not_admin' | 'protection_failed';
  message: string;
}

/** Thrown by use cases that only an admin may run; `message` is the Vietnamese refusal. */
export class NotAdminError extends Error {
  constructor(message: string) {
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
): boolean {
  const user = runningUser();
  if (!user) return false;
  const offset = runClock(
    Session.getScriptTimeZone() || 'Asia/Ho_Chi_Minh',
  ).offset;
  const settings = parseSettings(
    settingsValues(readTable(ss, SETTINGS), offset),
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
): void {
  if (!runByAdmin(ss)) throw new NotAdminError(notAdminMessage(action));
}

/** The refusal object for entry points that return results to google.script.run. */
export function adminRefusal(action: string): AdminRefusal {
  return {ok: false, refused: 'not_admin', message: notAdminMessage(action)};
}
