// The personal link's authorisation: the token checked, the workbook opened, the unit found active; or a Vietnamese refusal.
import {refusalMessage, type LinkCheck} from '../core/links';
import type {LinkRefusal} from '../shared/link';
import {checkToken, storedSpreadsheetId} from '../services/linkStore';
import {
  SETUP_MENU,
  openContext,
  planClock,
  type Actor,
  type Context,
} from './assignmentGate';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export const DEFAULT_OFFICE = 'Phòng Văn hóa - Xã hội';

/**
 * The workbook the web app works on. A web app is not "run in the context of a spreadsheet", so
 * SpreadsheetApp.getActive() may give null there
 * (https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app#getActiveSpreadsheet());
 * then the id set-up stored is opened (openById needs the `spreadsheets` scope).
 */
export function linkSpreadsheet(): Spreadsheet | null {
  const active = SpreadsheetApp.getActive();
  if (active) return active;
  const id = storedSpreadsheetId();
  return id ? SpreadsheetApp.openById(id) : null;
}

export function refusal(
  code: LinkRefusal['code'],
  message: string,
): LinkRefusal {
  return {ok: false, code, message};
}

/** The token checked, then the workbook opened and the unit found active in it; or why not. */
export function authorize(
  token: unknown,
  clock = planClock(),
): {ctx: Context} | LinkRefusal {
  const check: LinkCheck = checkToken(token, clock.today);
  if (!check.ok) return refusal(check.code, refusalMessage(check.code, ''));
  const ss = linkSpreadsheet();
  if (!ss) {
    return refusal(
      'not_setup',
      `Trang cập nhật chưa được thiết lập. Quản trị viên cần chạy menu ${SETUP_MENU}.`,
    );
  }
  const actor: Actor = {
    kind: 'link',
    unitCode: check.unitCode,
    spreadsheet: ss,
  };
  const ctx = openContext(actor, clock);
  const unit = ctx.unitByCode.get(check.unitCode);
  const office = ctx.data.settings.reportTo || DEFAULT_OFFICE;
  if (!unit || !unit.active) {
    return refusal('inactive', refusalMessage('inactive', office));
  }
  if (!ctx.data.tables.assignments.sheet) {
    return refusal(
      'not_setup',
      `Bảng tính chưa được thiết lập. Vui lòng liên hệ ${office}.`,
    );
  }
  return {ctx};
}
