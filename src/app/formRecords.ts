// What the document remembers of each period's form, and finding a form's period and response tab.
import {expandPlan} from '../core/assignments';
import type {ReportingPeriod, Unit} from '../core/types';
import {
  buildFormSpec,
  type FormContact,
  type FormSpec,
} from '../core/villageForm';
import {sameText} from '../core/text';
import {readJsonProperty, setDocProperty} from '../services/properties';
import {effectiveUserEmail} from '../services/user';
import {PROTECTION_PREFIX, protectAdminTab} from '../workbook/protect';
import type {PeriodRecord} from '../workbook/records';
import type {Settings} from '../workbook/settings';
import type {WorkbookData} from '../workbook/workbook';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Document property holding, per period, the form and its response tab (JSON). */
export const FORMS_PROPERTY = 'villageForms';

/** What the document remembers of one period's form. */
export interface FormRecord {
  formId: string;
  publishedUrl: string;
  editUrl: string;
  /** The response tab's sheet id, or null until it is known. */
  sheetId: number | null;
  /**
   * The response tab has our name and our admin-only protection (set once either made sure of it),
   * so a form submission need not read the tab's protections again.
   */
  tabReady?: boolean;
}

/** The name the response tab of a period's form gets. */
export function responseTabName(periodId: string): string {
  return `Phản hồi biểu mẫu ${periodId}`;
}

/** Google's own names for a new response tab ("Câu trả lời biểu mẫu 1", "Form Responses 1"). */
export const DEFAULT_RESPONSE_TAB =
  /^(?:Câu trả lời biểu mẫu|Form Responses|Form responses)( \d+)?$/;

/** Every period's form record, from the document properties (never throws). */
export function readFormRecords(): Record<string, FormRecord> {
  return readJsonProperty<FormRecord>(FORMS_PROPERTY);
}

export function writeFormRecords(records: Record<string, FormRecord>): void {
  setDocProperty(FORMS_PROPERTY, JSON.stringify(records));
}

/** Where villages send photos: the collecting office's unit (phone = Zalo, e-mails), else the admins. */
export function formContact(units: Unit[], settings: Settings): FormContact {
  const office = settings.reportTo;
  const unit = units.find(
    u => sameText(u.name, office) || u.aliases.some(a => sameText(a, office)),
  );
  return {
    office,
    phone: unit?.phone ?? '',
    emails: unit?.emails.length ? unit.emails : settings.adminEmails,
  };
}

/** The spec of a period's form from the workbook (assignments as the tab holds them and as the plan expands). */
export function formSpecFor(
  data: WorkbookData,
  period: ReportingPeriod,
): FormSpec {
  const expanded = expandPlan(data.tasks, data.units, data.groups).assignments;
  return buildFormSpec(
    data.tasks,
    [...data.assignments, ...expanded],
    data.units,
    period,
    {
      commune: data.settings.commune,
      contact: formContact(data.units, data.settings),
    },
  );
}

/** Renames a response tab still carrying Google's default name to "Phản hồi biểu mẫu <kỳ>". */
export function nameResponseTab(
  ss: Spreadsheet,
  sheet: Sheet,
  period: ReportingPeriod,
): void {
  const name = sheet.getName();
  if (!DEFAULT_RESPONSE_TAB.test(name)) return;
  const wanted = responseTabName(period.id);
  if (!ss.getSheetByName(wanted)) sheet.setName(wanted);
}

/**
 * The id of the form whose responses a tab receives, or null (no form, or one this user cannot
 * open). Sheet.getFormUrl() may give the published "/forms/d/e/…" address, which does not hold the
 * form's id, so the id comes from FormApp (two calls).
 */
export function formIdOfSheet(sheet: Sheet): string | null {
  const url = String(sheet.getFormUrl() ?? '');
  if (!url) return null;
  try {
    return FormApp.openByUrl(url).getId() || null;
  } catch {
    return null;
  }
}

/** The period a form id or response-tab id belongs to, from the periods tab and the document's records. */
export function periodOfForm(
  periods: PeriodRecord[],
  records: Record<string, FormRecord>,
  found: {formId?: string | null; sheetId?: number | null},
): PeriodRecord | null {
  const byId = (id: string) => periods.find(p => p.id === id) ?? null;
  const formId = found.formId ?? '';
  const sheetId = found.sheetId ?? null;
  for (const [periodId, r] of Object.entries(records)) {
    if (sheetId !== null && r.sheetId === sheetId && byId(periodId))
      return byId(periodId);
  }
  if (!formId) return null;
  for (const p of periods) if (p.formId === formId) return p;
  for (const [periodId, r] of Object.entries(records)) {
    if (r.formId === formId && byId(periodId)) return byId(periodId);
  }
  return null;
}

/** An address Protection.addEditors accepts (a bare e-mail). */
const PLAIN_EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

/**
 * Makes a response tab admin-only (Google's form still writes its rows): no unit can append a
 * row that catch-up would take for a village's report. Does nothing when ours is there already.
 * Returns a Vietnamese note when it could not (never throws).
 */
export function protectResponseTab(sheet: Sheet, admins: string[]): string {
  try {
    const ours = sheet
      .getProtections(SpreadsheetApp.ProtectionType.SHEET)
      .some(p => String(p.getDescription()).startsWith(PROTECTION_PREFIX));
    if (ours) return '';
    protectAdminTab(
      sheet,
      'phản hồi biểu mẫu do Google ghi, chỉ quản trị viên sửa',
      admins.filter(a => PLAIN_EMAIL.test(a)),
      effectiveUserEmail(),
    );
    return '';
  } catch (e) {
    return `Chưa khóa được tab "${sheet.getName()}" (chỉ quản trị viên sửa): ${String(e)}. Hãy chạy lại.`;
  }
}
