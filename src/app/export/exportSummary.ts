// Use case "Xuất tổng hợp": the summary tab as PDF and .xlsx plus the draft report, saved and e-mailed as set.
import {exportNames, parseDriveId} from '../../core/exportNames';
import {
  exportDialogHtml,
  exportMail,
  type ExportedFile,
  type ExportReport,
} from '../../core/exportReport';
import type {ReportSettings} from '../../core/reportDoc';
import {type Summary, type SummaryGrid} from '../../core/summary';
import {formatVnDateTime, summaryToGrid} from '../../core/summaryGrid';
import {summaryHeadline} from '../../core/summaryMail';
import {normalizeKey} from '../../core/text';
import {runClock, type RunClock} from '../../services/clock';
import {
  findDriveItem,
  FOLDER_MIME,
  importAsGoogleDoc,
  saveToDrive,
  type DriveItem,
} from '../../services/drive';
import {withDocumentLock} from '../../services/lock';
import {remainingMailQuota, sendMail} from '../../services/mail';
import {getUiOrNull, toast} from '../../services/ui';
import {activeUserEmail, effectiveUserEmail} from '../../services/user';
import {appendHistory} from '../../workbook/history';
import type {Settings} from '../../workbook/settings';
import type {SlowTabs} from '../../workbook/snapshot';
import {summarySheetName} from '../../workbook/summarySheet';
import {isAdminEmail} from '../../workbook/workbook';
import {adminRecipients} from '../adminRecipients';
import {
  buildSummaryModel,
  computeSummaryFor,
  defaultPeriod,
  findPeriod,
  preflight,
  readSummaryMeta,
} from '../summary';
import {appExportFolderLocked, LEGACY_EXPORT_FOLDER_KEY} from './appFolder';
import {recordExportLinks} from './exportLinks';
import {chartImages, makeExportBlobs, type ExportBlobs} from './files';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Ui = GoogleAppsScript.Base.Ui;

/** The id of the single export folder of earlier versions (now one folder per account). */
export const EXPORT_FOLDER_KEY = LEGACY_EXPORT_FOLDER_KEY;

function scriptTimeZone(): string {
  return Session.getScriptTimeZone() || 'Asia/Ho_Chi_Minh';
}

function reportSettings(s: Settings): ReportSettings {
  return {
    commune: s.commune,
    issuer: s.issuer,
    parentBody: s.parentBody,
    planTitle: s.planTitle,
    planNumber: s.planNumber,
    planDate: s.planDate,
    reportTo: s.reportTo,
    signerName: s.signerName,
    signerTitle: s.signerTitle,
    place: s.place,
    recipients: s.recipients,
  };
}

function emptyReport(
  periodId: string,
  message: string,
  cancelled = true,
): ExportReport {
  return {
    ok: false,
    cancelled,
    periodId,
    periodName: '',
    sheetName: periodId ? summarySheetName(periodId) : '',
    asOf: '',
    asOfText: '',
    rebuilt: false,
    headline: '',
    files: [],
    folder: null,
    emailedTo: [],
    warnings: [],
    message,
  };
}

/** True when the tab shows exactly the grid (display text compared cell by cell). */
function tabShows(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  grid: SummaryGrid,
): boolean {
  if (sheet.getLastRow() !== grid.rows.length) return false;
  const shown = sheet
    .getRange(1, 1, grid.rows.length, grid.width)
    .getDisplayValues();
  return grid.rows.every((row, r) =>
    row.every((cell, c) => String(cell) === shown[r][c]),
  );
}

interface Prepared {
  summary: Summary;
  grid: SummaryGrid;
  rebuilt: boolean;
  /** The summary tab when it was current and kept (null after a rebuild: look it up again). */
  sheet: GoogleAppsScript.Spreadsheet.Sheet | null;
}

/**
 * The summary the tab shows, ready to export: built first when the tab is missing, rebuilt when
 * the data changed since it was built (a past period only with the admin's consent), so the
 * files are always exactly the tab. Null when the admin declined.
 */
function prepareSummary(
  ss: Spreadsheet,
  periodId: string,
  past: boolean,
  ui: Ui | null,
  offset: number,
  slow: SlowTabs,
): Prepared | null {
  const sheet = ss.getSheetByName(summarySheetName(periodId));
  const meta = readSummaryMeta(periodId);
  if (sheet && meta) {
    const summary = computeSummaryFor(periodId, new Date(meta.asOf), ss, slow);
    const grid = summaryToGrid(summary);
    if (tabShows(sheet, grid)) return {summary, grid, rebuilt: false, sheet};
    if (past && ui) {
      const button = ui.alert(
        'Số liệu đã thay đổi',
        `Số liệu của kỳ ${periodId} đã thay đổi sau khi lập "${summarySheetName(periodId)}" (tính đến ${formatVnDateTime(meta.asOf, offset)}). ` +
          'Lập lại tổng hợp theo số liệu hiện tại rồi xuất? (Bản cũ được giữ lại với tên có ngày lập.)',
        ui.ButtonSet.YES_NO,
      );
      if (button !== ui.Button.YES) return null;
    }
  }
  // Rebuilt under the lock from a fresh read: the files show exactly what the new tab shows.
  const built = buildSummaryModel(periodId, {force: true}, ss);
  if (built.summary) {
    return {
      summary: built.summary,
      grid: summaryToGrid(built.summary),
      rebuilt: true,
      sheet: built.sheet,
    };
  }
  const summary = computeSummaryFor(periodId, new Date(built.result.asOf), ss);
  return {summary, grid: summaryToGrid(summary), rebuilt: true, sheet: null};
}

/** The folder the files go to: the one in the settings if the app can reach it, else the app's own. */
export function exportFolder(
  setting: string,
  issuer: string,
  warnings: string[],
): DriveItem {
  const given = parseDriveId(setting);
  if (given) {
    const f = findDriveItem(given);
    if (f && !f.trashed && f.mimeType === FOLDER_MIME) return f;
  }
  const mine = withDocumentLock(() => appExportFolderLocked(issuer));
  const folder = mine.folder;
  if (given) {
    warnings.push(
      'Ứng dụng không ghi được vào thư mục ghi ở trang Cấu hình (quyền drive.file chỉ cho phép ghi vào thư mục do ứng dụng tạo). ' +
        `Các tệp được lưu vào thư mục "${folder.name}"; có thể di chuyển thư mục này tới nơi mong muốn và dán đường dẫn của nó vào Cấu hình.`,
    );
  }
  if (mine.created && mine.others.length) {
    warnings.push(
      `Thư mục "${folder.name}" vừa được tạo cho tài khoản ${mine.owner}: mỗi quản trị viên có thư mục xuất riêng ` +
        `(Google chỉ cho ứng dụng thấy thư mục do chính tài khoản đó tạo), nên tệp do ${mine.others.join(', ')} xuất nằm trong thư mục của họ.`,
    );
  }
  return folder;
}

function fileOf(
  kind: ExportedFile['kind'],
  blob: GoogleAppsScript.Base.Blob,
): ExportedFile {
  return {
    kind,
    name: String(blob.getName() ?? ''),
    mimeType: String(blob.getContentType() ?? ''),
    size: blob.getBytes().length,
  };
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

interface Delivery {
  files: ExportedFile[];
  folder: DriveItem | null;
  emailedTo: string[];
  warnings: string[];
}

/** Saves the files where the settings say and e-mails them; nothing is lost when one way fails. */
function deliver(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  blobs: ExportBlobs,
  settings: Settings,
  names: ReturnType<typeof exportNames>,
  report: ExportReport,
  owner: string,
): Delivery {
  const warnings: string[] = [];
  const pdf = fileOf('pdf', blobs.pdf);
  const xlsx = fileOf('xlsx', blobs.xlsx);
  const docx = fileOf('docx', blobs.docx);
  const recipients = [
    ...new Set(
      [
        ...adminRecipients(settings.adminEmails, ss, () => owner),
        ...settings.leaderEmails,
      ]
        .map(e => normalizeKey(e))
        .filter(Boolean),
    ),
  ];
  let canMail = false;
  if (!settings.emailExports) {
    // The admin turned e-mail off.
  } else if (!recipients.length) {
    warnings.push(
      'Chưa biết gửi email cho ai: trang Cấu hình chưa có email quản trị, công việc tự động chưa bật và không đọc được chủ sở hữu bảng tính.',
    );
  } else {
    const quota = remainingMailQuota();
    canMail = quota >= recipients.length;
    if (!canMail) {
      warnings.push(
        `Hạn mức gửi email hôm nay còn ${quota} người nhận, cần ${recipients.length}: chưa gửi email. Vui lòng xuất lại vào ngày mai.`,
      );
    }
  }

  // Drive: the folder from the settings; without one the files go by e-mail only, unless no e-mail
  // can go, when they are kept in the app's folder rather than lost.
  let folder: DriveItem | null = null;
  let doc: ExportedFile | null = null;
  const wantFolder = settings.exportFolder.trim() !== '' || !canMail;
  try {
    if (wantFolder) {
      folder = exportFolder(settings.exportFolder, settings.issuer, warnings);
      if (!settings.exportFolder.trim()) {
        warnings.push(
          settings.emailExports
            ? `Các tệp được lưu vào thư mục "${folder.name}" trên Google Drive vì không gửi được email.`
            : `Các tệp được lưu vào thư mục "${folder.name}" trên Google Drive vì trang Cấu hình tắt gửi email và chưa chọn thư mục lưu.`,
        );
      }
      const savedPdf = saveToDrive(blobs.pdf, pdf.name, folder.id);
      Object.assign(pdf, {driveId: savedPdf.id, url: savedPdf.url});
      const savedXlsx = saveToDrive(blobs.xlsx, xlsx.name, folder.id);
      Object.assign(xlsx, {driveId: savedXlsx.id, url: savedXlsx.url});
    }
    const gdoc = importAsGoogleDoc(
      blobs.docx,
      names.report,
      folder ? folder.id : null,
    );
    doc = {
      kind: 'doc',
      name: gdoc.name || names.report,
      mimeType: gdoc.mimeType,
      size: 0,
      driveId: gdoc.id,
      url: gdoc.url,
    };
  } catch (e) {
    warnings.push(
      `Không lưu được lên Google Drive: ${message(e)} Dự thảo báo cáo được gửi kèm dưới dạng tệp Word (.docx).`,
    );
  }

  const files = [pdf, xlsx, doc ?? docx];
  const emailedTo: string[] = [];
  if (canMail) {
    const attachments = [blobs.pdf, blobs.xlsx];
    if (!doc) attachments.push(blobs.docx);
    const draft: ExportReport = {
      ...report,
      files,
      folder: folder
        ? {id: folder.id, name: folder.name, url: folder.url}
        : null,
    };
    for (const f of files) if (f.kind !== 'doc') f.attached = true;
    const mail = exportMail(draft, {
      issuer: settings.issuer,
      senderName: settings.senderName,
    });
    try {
      sendMail({
        to: recipients.join(','),
        subject: mail.subject,
        body: mail.body,
        htmlBody: mail.htmlBody,
        name: settings.senderName || undefined,
        attachments,
      });
      emailedTo.push(...recipients);
    } catch (e) {
      for (const f of files) delete f.attached;
      warnings.push(`Không gửi được email: ${message(e)}`);
    }
  }
  return {files, folder, emailedTo, warnings};
}

function historyNote(report: ExportReport): string {
  const parts = [report.headline];
  const saved = report.files.filter(f => f.driveId).map(f => f.name);
  if (saved.length) parts.push(`Lưu Drive: ${saved.join('; ')}.`);
  if (report.emailedTo.length)
    parts.push(`Gửi email: ${report.emailedTo.join(', ')}.`);
  if (report.warnings.length) parts.push(`Lưu ý: ${report.warnings.join(' ')}`);
  return parts.filter(Boolean).join(' ');
}

/**
 * Menu "Xuất tổng hợp": for the chosen period (the argument, else asked, blank = the current one)
 * makes sure its summary tab is built and current, then makes the PDF (A4, fitted to width,
 * headers repeated), the .xlsx and the draft report (Google Doc from a .docx in the layout of
 * NĐ 30/2020), saves them on Drive and e-mails them to the admin and leaders as the settings say,
 * writes a history row and shows the admin where everything went. Admins only. The number of
 * service calls does not depend on the plan's size.
 */
export function runExportSummary(periodId?: unknown): ExportReport {
  const ss = SpreadsheetApp.getActive();
  const clock: RunClock = runClock(scriptTimeZone());
  const ui = getUiOrNull();
  const {settings, periods, owner, tabs} = preflight(ss, clock.offset);
  const alert = (title: string, text: string) => {
    if (ui) ui.alert(title, text, ui.ButtonSet.OK);
  };

  const user = activeUserEmail() || effectiveUserEmail();
  if (!isAdminEmail(settings, user, owner)) {
    const text =
      'Chỉ cán bộ quản trị (Phòng Văn hóa - Xã hội) được xuất tổng hợp. Vui lòng liên hệ người quản trị.';
    alert('Không có quyền', text);
    return emptyReport('', text);
  }

  if (!periods.length) {
    const text = 'Chưa có kỳ báo cáo nào ở trang Kỳ báo cáo.';
    alert('Chưa có kỳ báo cáo', text);
    return emptyReport('', text);
  }
  const proposed = defaultPeriod(periods, clock.today);
  let chosen = proposed;
  const given = typeof periodId === 'string' ? periodId.trim() : '';
  if (given) {
    chosen = findPeriod(periods, given);
  } else if (ui && proposed) {
    const answer = ui.prompt(
      'Xuất tổng hợp',
      `Nhập mã kỳ báo cáo cần xuất, hoặc để trống để xuất kỳ ${proposed.id} (${proposed.name}).\n\n` +
        `Các kỳ: ${periods.map(p => p.id).join(', ')}`,
      ui.ButtonSet.OK_CANCEL,
    );
    if (answer.getSelectedButton() !== ui.Button.OK)
      return emptyReport('', 'Đã hủy xuất tổng hợp.');
    const text = answer.getResponseText().trim();
    chosen = text ? findPeriod(periods, text) : proposed;
  }
  if (!chosen) {
    const text = `Không có kỳ báo cáo mã "${given}". Các mã hiện có: ${periods.map(p => p.id).join(', ')}.`;
    alert('Không tìm thấy kỳ báo cáo', text);
    return emptyReport(given, text);
  }

  toast(`Đang chuẩn bị tổng hợp kỳ ${chosen.id}…`, 'Xuất tổng hợp', 30, ss);
  const prepared = prepareSummary(
    ss,
    chosen.id,
    chosen.due < clock.today,
    ui,
    clock.offset,
    tabs,
  );
  if (!prepared)
    return emptyReport(chosen.id, `Đã hủy xuất tổng hợp kỳ ${chosen.id}.`);
  const {summary, grid} = prepared;
  const sheetName = summarySheetName(chosen.id);
  const names = exportNames(chosen.id, summary.header.asOfDate);

  toast('Đang tạo tệp PDF, Excel và dự thảo báo cáo…', 'Xuất tổng hợp', 60, ss);
  const blobs = makeExportBlobs(
    summary,
    grid,
    names,
    reportSettings(settings),
    sheetName,
    chartImages(prepared.sheet ?? ss.getSheetByName(sheetName), summary),
  );
  const report: ExportReport = {
    ok: true,
    periodId: chosen.id,
    periodName: summary.header.period.name,
    sheetName,
    asOf: summary.header.asOf,
    asOfText: formatVnDateTime(summary.header.asOf, clock.offset),
    rebuilt: prepared.rebuilt,
    headline: summaryHeadline(summary),
    files: [],
    folder: null,
    emailedTo: [],
    warnings: [],
    message: '',
  };
  const delivery = deliver(ss, blobs, settings, names, report, owner);
  report.files = delivery.files;
  report.folder = delivery.folder
    ? {
        id: delivery.folder.id,
        name: delivery.folder.name,
        url: delivery.folder.url,
      }
    : null;
  report.emailedTo = delivery.emailedTo;
  report.warnings = delivery.warnings;
  recordExportLinks(
    ss,
    sheetName,
    summary,
    report.files,
    prepared.sheet ?? undefined,
  );
  const kept = report.files.some(f => f.driveId) || report.emailedTo.length > 0;
  report.ok = kept;
  report.message = kept
    ? `Đã xuất "${sheetName}" (số liệu tính đến ${report.asOfText})` +
      `${report.emailedTo.length ? ` và gửi email tới ${report.emailedTo.length} người` : ''}.`
    : `Đã tạo các tệp của "${sheetName}" nhưng không lưu hay gửi được (xem lưu ý).`;

  withDocumentLock(() =>
    appendHistory(ss, clock, [
      {action: 'Xuất tổng hợp', target: sheetName, note: historyNote(report)},
    ]),
  );
  if (ui) {
    const out = HtmlService.createHtmlOutput(exportDialogHtml(report))
      .setWidth(620)
      .setHeight(460);
    ui.showModalDialog(out, `Xuất tổng hợp ${chosen.id}`);
  } else {
    console.log(report.message);
  }
  return report;
}
