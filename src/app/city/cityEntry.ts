// The city roll-up's entry points: the menu, the one-off continuation, the daily step, the export.
import {CITY_WIDTHS, cityRollupSheetName} from '../../core/city/rollup';
import {cityGridFromRows} from '../../core/city/rollupLayout';
import {exportNames} from '../../core/exportNames';
import {summaryFilesKey, type BlockFile} from '../../core/summaryBlock';
import {summaryHtml} from '../../core/summaryHtml';
import {escapeHtml} from '../../core/text';
import {summaryWorkbook} from '../../core/summaryXlsx';
import {XLSX_MIME, xlsxParts} from '../../core/xlsx';
import {runClock} from '../../services/clock';
import {remainingMailQuota, sendMail} from '../../services/mail';
import {getDocProperty, setDocProperty} from '../../services/properties';
import {getUiOrNull, toast} from '../../services/ui';
import {
  activeUserEmail,
  effectiveUserEmail,
  spreadsheetOwnerEmail,
} from '../../services/user';
import {saveToDrive} from '../../services/drive';
import {appendHistory} from '../../workbook/history';
import {isAdminEmail} from '../../workbook/workbook';
import type {DailyStep} from '../daily/context';
import {exportFolder} from '../export/exportSummary';
import {
  CITY_ROUND_KEY,
  citySettings,
  runCityRollup,
  type CityRunResult,
} from './cityRollup';

function scriptTimeZone(): string {
  return Session.getScriptTimeZone() || 'Asia/Ho_Chi_Minh';
}

/** Menu "Tổng hợp toàn thành phố": admins only; runs (or continues) today's round. */
export function runCityRollupFromMenu(): CityRunResult | null {
  const ss = SpreadsheetApp.getActive();
  const clock = runClock(scriptTimeZone());
  const ui = getUiOrNull();
  const settings = citySettings(ss, clock);
  const user = activeUserEmail() || effectiveUserEmail();
  if (!isAdminEmail(settings, user, spreadsheetOwnerEmail(ss))) {
    if (ui)
      ui.alert(
        'Không có quyền',
        'Chỉ cán bộ quản trị được lập tổng hợp toàn thành phố.',
        ui.ButtonSet.OK,
      );
    return null;
  }
  toast(
    'Đang đọc trang tổng hợp của các xã, phường…',
    'Tổng hợp toàn thành phố',
    30,
  );
  const lock = LockService.getScriptLock();
  if (!lock.tryLock(10000)) {
    if (ui)
      ui.alert(
        'Đang tổng hợp',
        'Một lần tổng hợp khác đang chạy; vui lòng thử lại sau ít phút.',
        ui.ButtonSet.OK,
      );
    return null;
  }
  let result: CityRunResult;
  try {
    result = runCityRollup();
  } finally {
    lock.releaseLock();
  }
  if (result.finished && result.sheetName) {
    const sheet = ss.getSheetByName(result.sheetName);
    if (sheet) ss.setActiveSheet(sheet);
  }
  if (ui) ui.alert('Tổng hợp toàn thành phố', result.message, ui.ButtonSet.OK);
  return result;
}

/** The one-off trigger that continues a round (the script lock keeps it apart from the daily job). */
export function runCityContinuation(): CityRunResult | null {
  const lock = LockService.getScriptLock();
  if (!lock.tryLock(10000)) return null;
  try {
    return runCityRollup();
  } finally {
    lock.releaseLock();
  }
}

/** Daily step: in a city workbook, runs today's round (the daily job holds the script lock). */
export const cityStep: DailyStep = {
  name: 'city',
  label: 'Tổng hợp toàn thành phố',
  run(ctx) {
    if (ctx.workbook().settings.mode !== 'city')
      return 'không ở chế độ cấp thành phố';
    return runCityRollup({at: ctx.clock.now}).message;
  },
};

/**
 * Menu "Xuất tổng hợp toàn thành phố": the roll-up tab as PDF and .xlsx (the commune summary's
 * exporters), saved in the app's Drive folder and e-mailed to the city's admins and leaders; the
 * links go into the tab's block (for a province reading it).
 */
export function runExportCityRollup(): {
  ok: boolean;
  files: BlockFile[];
  emailedTo: string[];
  message: string;
} {
  const ss = SpreadsheetApp.getActive();
  const clock = runClock(scriptTimeZone());
  const ui = getUiOrNull();
  const settings = citySettings(ss, clock);
  const say = (message: string, ok = false) => {
    if (ui) ui.alert('Xuất tổng hợp toàn thành phố', message, ui.ButtonSet.OK);
    return {ok, files: [] as BlockFile[], emailedTo: [] as string[], message};
  };
  const user = activeUserEmail() || effectiveUserEmail();
  if (!isAdminEmail(settings, user, spreadsheetOwnerEmail(ss)))
    return say('Chỉ cán bộ quản trị được xuất tổng hợp toàn thành phố.');
  let state: {periodId?: string; finished?: boolean} = {};
  try {
    state = JSON.parse(getDocProperty(CITY_ROUND_KEY) ?? '{}');
  } catch {
    state = {};
  }
  if (!state.periodId || !state.finished)
    return say(
      'Chưa có bản tổng hợp toàn thành phố hoàn chỉnh: vui lòng chạy "Tổng hợp toàn thành phố" trước (hoặc chờ lượt đọc đang chạy xong).',
    );
  const name = cityRollupSheetName(state.periodId);
  const sheet = ss.getSheetByName(name);
  if (!sheet) return say(`Không tìm thấy trang "${name}".`);
  // The tab's grid part (columns A–L) as written: exported exactly as shown.
  // Its sections read back from the cells, so the PDF prints every table (not the header alone).
  const grid = cityGridFromRows(
    sheet
      .getRange(1, 1, sheet.getLastRow(), CITY_WIDTHS.length)
      .getDisplayValues(),
  );
  const names = exportNames(`toàn thành phố ${state.periodId}`, clock.today);
  const pdf = Utilities.newBlob(
    summaryHtml(grid, {
      title: names.summary,
      footer: `${settings.issuer} – ${name}`,
    }),
    'text/html',
    `${names.summary}.html`,
  ).getAs('application/pdf');
  pdf.setName(`${names.summary}.pdf`);
  const parts = xlsxParts(
    summaryWorkbook(grid, {
      sheetName: name.slice(0, 31),
      title: names.summary,
      creator: settings.issuer,
      created: clock.now.toISOString(),
      frozenRows: 1,
    }),
  );
  const xlsx = Utilities.zip(
    parts.map(p => Utilities.newBlob(p.content, 'application/xml', p.path)),
    `${names.summary}.xlsx`,
  ).setContentType(XLSX_MIME);
  const warnings: string[] = [];
  const folder = exportFolder(settings.exportFolder, settings.issuer, warnings);
  const files: BlockFile[] = [
    {kind: 'pdf', blob: pdf},
    {kind: 'xlsx', blob: xlsx},
  ].map(({kind, blob}) => {
    const saved = saveToDrive(blob, String(blob.getName()), folder.id);
    return {kind, name: String(blob.getName()), url: saved.url};
  });
  setDocProperty(summaryFilesKey(name), JSON.stringify(files));
  const to = [...new Set([...settings.adminEmails, ...settings.leaderEmails])];
  const emailedTo: string[] = [];
  if (to.length && remainingMailQuota() >= to.length) {
    sendMail({
      to: to.join(','),
      subject: `[Dân vận] ${names.summary}`,
      body: `Kính gửi lãnh đạo,\n\nGửi kèm ${names.summary} (PDF, Excel).\n${files.map(f => `- ${f.name}: ${f.url}`).join('\n')}`,
      htmlBody: `<p>Kính gửi lãnh đạo,</p><p>Gửi kèm ${escapeHtml(names.summary)} (PDF, Excel).</p><ul>${files.map(f => `<li><a href="${escapeHtml(f.url)}">${escapeHtml(f.name)}</a></li>`).join('')}</ul>`,
      attachments: [pdf, xlsx],
      name: settings.senderName || undefined,
    });
    emailedTo.push(...to);
  }
  appendHistory(ss, clock, [
    {
      action: 'Xuất tổng hợp toàn thành phố',
      target: name,
      note: `${files.map(f => f.name).join('; ')}${emailedTo.length ? `; gửi ${emailedTo.join(', ')}` : ''}`,
    },
  ]);
  return {
    ...say(
      `Đã xuất "${name}" (PDF, Excel) vào thư mục "${folder.name}"${emailedTo.length ? ` và gửi email tới ${emailedTo.length} người` : ''}. ${warnings.join(' ')}`.trim(),
      true,
    ),
    files,
    emailedTo,
  };
}
