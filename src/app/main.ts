// The global entry points: menus, triggers and google.script.run call these by name. Wiring only.
import {runClock} from '../services/clock';
import {alertUser, toast} from '../services/ui';
import {activeUserEmail} from '../services/user';
import {loadWorkbook} from '../workbook/workbook';
import {showHelpDialog} from './help';
import {
  runDailyJob,
  type ClockEvent,
  type DailyJobResult,
} from './daily/dailyJob';
import {runCreateVillageForms, type FormRunReport} from './forms';
import {handleVillageFormSubmit, type SubmitOutcome} from './formSubmit';
import {addMenu} from './menu';
import {ensureChangeTrigger, noteChange, noteEdit} from './changeTrigger';
import {
  adminRefusal,
  NotAdminError,
  runByAdmin,
  type AdminRefusal,
} from './admin';
import {ProtectionFailure} from '../workbook/protect';
import {runSetup, setupNote, type SetupReport} from './setup';
import {runBuildSummary, type SummaryBuildResult} from './summary';
import {runExportSummary} from './export/exportSummary';
import {
  runCityContinuation,
  runCityRollupFromMenu,
  runExportCityRollup,
} from './city/cityEntry';
import type {CityRunResult} from './city/cityRollup';
import type {ExportReport} from '../core/exportReport';
import {
  runImportPlanPreview,
  type ImportPreviewResult,
} from './import/importPreview';
import {
  runApplyImportedPlan,
  type ApplyImportResult,
} from './import/applyImport';
import {
  installTriggersFromMenu,
  removeTriggersFromMenu,
  showTriggerStatusFromMenu,
  triggerStatusCaption,
  type InstallResult,
  type RemoveResult,
  type TriggerStatus,
} from './triggers';
import {
  sidebarLoad as loadSidebarData,
  sidebarSave as saveSidebarUpdate,
} from './sidebar';
import type {
  SaveResult,
  SavePayload,
  SidebarLoadResult,
} from '../shared/sidebar';
import type {
  LinkLoadResult,
  UploadFile,
  UploadResult,
  VillageReportPayload,
  VillageReportResult,
} from '../shared/link';
import {
  handleGet,
  linkLoad as loadLinkData,
  linkSave as saveLinkUpdate,
  linkUpload as uploadLinkFile,
} from './webapp';
import {linkVillageReport as sendLinkVillageReport} from './linkReport';
import {sidebarUpload as uploadSidebarFile} from './sidebar';
import {
  revokeUpdateLinksFromMenu,
  sendUpdateLinksFromMenu,
  type RevokeReport,
  type SendLinksReport,
} from './links';

function problemsText(problems: string[]): string {
  if (!problems.length) return '';
  const shown = problems.slice(0, 8).map(p => `• ${p}`);
  if (problems.length > shown.length)
    shown.push(`… và ${problems.length - shown.length} mục khác.`);
  return `\n\nCần xem lại:\n${shown.join('\n')}`;
}

/** Simple trigger: adds the "Dân vận" menu when the spreadsheet opens. */
export function onOpen(): void {
  let caption: string | undefined;
  try {
    caption = triggerStatusCaption();
  } catch {
    caption = undefined;
  }
  // A user known not to be an admin sees only the sidebar and the help; when Google does not tell
  // who opened the file (another domain), the whole menu shows and each admin item refuses itself.
  let unitOnly = false;
  try {
    unitOnly = activeUserEmail() !== '' && !runByAdmin();
  } catch {
    unitOnly = false;
  }
  addMenu(SpreadsheetApp.getUi(), caption, unitOnly);
}

/** Runs when installed as an add-on: same as opening. */
export function onInstall(): void {
  onOpen();
}

/** Menu: builds or repairs the workbook from the plan, then tells the admin what it did. */
export function setupWorkbook(): SetupReport | AdminRefusal {
  let report: SetupReport;
  try {
    // Set-up refuses a non-admin itself (NotAdminError) before writing anything; the toast shows
    // only once the user is known to be an admin.
    report = runSetup(undefined, () =>
      toast('Đang thiết lập bảng tính…', 'Dân vận', 30),
    );
  } catch (e) {
    if (e instanceof NotAdminError || e instanceof ProtectionFailure) {
      const refused =
        e instanceof NotAdminError ? e.refused : 'protection_failed';
      alertUser(
        refused === 'not_admin'
          ? 'Không có quyền'
          : refused === 'not_granted'
            ? 'Chưa được cấp quyền sửa'
            : 'Chưa đặt được quyền sửa',
        e.message,
      );
      return {ok: false, refused, message: e.message};
    }
    throw e;
  }
  try {
    // The sidebar's cached snapshot is only kept while this trigger watches structural changes.
    ensureChangeTrigger();
  } catch (e) {
    console.log(`ensureChangeTrigger: ${String(e)}`);
  }
  alertUser(
    'Đã thiết lập bảng tính',
    setupNote(report) + problemsText(report.problems),
  );
  return report;
}

/** Simple trigger: a user's edit in the sheet (keeps the sidebar's cached snapshot current). */
export function onEdit(e: unknown): void {
  noteEdit(e);
}

/** Installable onChange trigger (set up by setupWorkbook): structural changes to the sheet. */
export function onWorkbookChange(e: unknown): void {
  noteChange(e);
}

/** Menu: opens the sidebar where a unit updates its own assignments (dist/Sidebar.html). */
export function showSidebar(): void {
  const html =
    HtmlService.createHtmlOutputFromFile('Sidebar').setTitle(
      'Cập nhật tiến độ',
    );
  SpreadsheetApp.getUi().showSidebar(html);
}

/** google.script.run from the sidebar: the user's units, the period and one unit's assignments. */
export function sidebarLoad(unitCode?: string): SidebarLoadResult {
  return loadSidebarData(unitCode);
}

/** google.script.run from the sidebar: saves one assignment (checked, locked, versioned). */
export function sidebarSave(payload: SavePayload): SaveResult {
  return saveSidebarUpdate(payload);
}

/** google.script.run from the sidebar: attaches one file to an assignment's evidence. */
export function sidebarUpload(
  assignmentId: string,
  file: UploadFile,
): UploadResult {
  return uploadSidebarFile(assignmentId, file);
}

/**
 * The web app (Deploy › Web app, execute as the admin, anyone): `…/exec?t=<token>` opens the
 * personal update page of one unit or village; a wrong, revoked or expired link an error page.
 */
export function doGet(e?: unknown): GoogleAppsScript.HTML.HtmlOutput {
  return handleGet(e);
}

/** Menu "Gửi đường dẫn cập nhật cho các đơn vị": mails each unit and village its personal link (once per link). */
export function sendUpdateLinks(): SendLinksReport {
  return sendUpdateLinksFromMenu();
}

/** Menu "Thu hồi / cấp lại đường dẫn cập nhật": one unit's link (code or name) or all of them. */
export function revokeUpdateLinks(answer?: unknown): RevokeReport {
  return revokeUpdateLinksFromMenu(answer);
}

/** google.script.run from the link page: the link's unit's assignments (or why not). */
export function linkLoad(token: string): LinkLoadResult {
  return loadLinkData(token);
}

/** google.script.run from the link page: saves one assignment through the sidebar's gate. */
export function linkSave(token: string, payload: SavePayload): SaveResult {
  return saveLinkUpdate(token, payload);
}

/** google.script.run from the link page: attaches one file to an assignment's evidence. */
export function linkUpload(
  token: string,
  assignmentId: string,
  file: UploadFile,
): UploadResult {
  return uploadLinkFile(token, assignmentId, file);
}

/** google.script.run from a village's link page: the period's report, stored as a form response would be. */
export function linkVillageReport(
  token: string,
  payload: VillageReportPayload,
): VillageReportResult {
  return sendLinkVillageReport(token, payload);
}

/**
 * Menu "Tạo / cập nhật biểu mẫu báo cáo thôn": asks for the period (blank = the current one),
 * creates its Google Form or updates it (never a second one) and writes the prefilled links.
 * google.script.run and the preview may pass the period id.
 * A continuation trigger (a time-driven event) goes on with a form built over several runs.
 */
export function createVillageForms(
  periodId?: unknown,
): FormRunReport | AdminRefusal | null {
  const fromTrigger =
    typeof periodId === 'object' &&
    periodId !== null &&
    'triggerUid' in periodId;
  if (!fromTrigger && !runByAdmin())
    return refuse('tạo hoặc cập nhật biểu mẫu báo cáo thôn');
  if (typeof periodId === 'string') return runCreateVillageForms({periodId});
  return runCreateVillageForms(fromTrigger ? {continuation: true} : {});
}

/** Tells a non-admin (menu or google.script.run) that only the admin may do this. */
function refuse(action: string): AdminRefusal {
  const refusal = adminRefusal(action);
  alertUser('Không có quyền', refusal.message);
  return refusal;
}

/** Menu: installs or repairs the daily and form-submit triggers (they run as this user). */
export function installTriggers(): InstallResult | AdminRefusal | null {
  if (!runByAdmin()) return refuse('bật công việc tự động');
  return installTriggersFromMenu();
}

/** Menu: removes this user's triggers of ours (never other functions' triggers). */
export function removeTriggers(): RemoveResult | AdminRefusal {
  if (!runByAdmin()) return refuse('tắt công việc tự động');
  return removeTriggersFromMenu();
}

/** Menu: whether the automatic jobs are on, who installed them, the hour, the last run. */
export function showTriggerStatus(): TriggerStatus | AdminRefusal {
  if (!runByAdmin()) return refuse('xem trạng thái công việc tự động');
  return showTriggerStatusFromMenu();
}

/** Time-driven trigger (daily, at the settings' hour): statuses, reminders, and later steps. */
export function dailyJob(e?: ClockEvent): DailyJobResult {
  return runDailyJob(e);
}

/** Installable form-submit trigger: one village response → the village-reports tab and assignments. */
export function onVillageFormSubmit(e: unknown): SubmitOutcome {
  return handleVillageFormSubmit(e);
}

/**
 * Menu "Lập tổng hợp ngay": asks for the period (blank = the current one) and writes its
 * "Tổng hợp <kỳ>" tab. google.script.run and the preview may pass the period id.
 */
export function buildSummary(periodId?: unknown): SummaryBuildResult {
  return runBuildSummary(periodId);
}

/**
 * Menu "Xuất tổng hợp": the period's summary tab as PDF and .xlsx plus the draft report (Google Doc),
 * saved on Drive and e-mailed as the settings say. google.script.run and the preview may pass the
 * period id.
 */
export function exportSummary(periodId?: unknown): ExportReport {
  return runExportSummary(periodId);
}

/**
 * Menu "Tổng hợp toàn thành phố" (a workbook in "cấp thành phố" mode): reads every commune's
 * summary (read-only) and builds "Tổng hợp toàn thành phố <kỳ>"; a long list continues by trigger.
 */
export function cityRollup(): CityRunResult | null {
  return runCityRollupFromMenu();
}

/** One-off time trigger: continues the city's round where the last run stopped. */
export function cityRollupContinue(): CityRunResult | null {
  return runCityContinuation();
}

/** Menu "Xuất tổng hợp toàn thành phố": the roll-up as PDF and .xlsx, saved and e-mailed. */
export function exportCityRollup(): ReturnType<typeof runExportCityRollup> {
  return runExportCityRollup();
}

/** Menu: the how-to dialog (works before set-up too: settings fall back to the plan's defaults). */
export function showHelp(): void {
  let commune = '';
  let reportTo = '';
  try {
    const ss = SpreadsheetApp.getActive();
    const data = loadWorkbook(ss, runClock(Session.getScriptTimeZone()).offset);
    commune = data.settings.commune;
    reportTo = data.settings.reportTo;
  } catch {
    // No workbook yet: the generic text is still useful.
  }
  showHelpDialog(commune, reportTo);
}

/** Menu "Nạp kế hoạch mới từ tệp Word": the import dialog (dist/ImportPlan.html). */
export function showImportPlan(): void {
  const html = HtmlService.createHtmlOutputFromFile('ImportPlan')
    .setWidth(1100)
    .setHeight(720);
  SpreadsheetApp.getUi().showModalDialog(html, 'Nạp kế hoạch mới từ tệp Word');
}

/**
 * google.script.run from the import dialog: `{name, mimeType, base64}` (a .docx) or `{text}` (the
 * pasted appendix) → the plan read, its doubts and a token. Writes nothing. Admins only.
 */
export function importPlanPreview(input: unknown): ImportPreviewResult {
  return runImportPlanPreview(input);
}

/**
 * google.script.run from the import dialog: writes the previewed plan, `{mode: 'replace'}` (a workbook
 * with no data yet) or `{mode: 'next'}` (the next half-year; the current one archived). Admins only.
 */
export function applyImportedPlan(
  token: unknown,
  options: unknown,
): ApplyImportResult {
  return runApplyImportedPlan(token, options);
}
