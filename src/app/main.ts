// The global entry points: menus, triggers and google.script.run call these by name. Wiring only.
import {alertUser, toast} from '../services/ui';
import {addMenu} from './menu';
import {notAvailable} from './notAvailable';
import {runSetup, setupNote, type SetupReport} from './setup';

function problemsText(problems: string[]): string {
  if (!problems.length) return '';
  const shown = problems.slice(0, 8).map(p => `• ${p}`);
  if (problems.length > shown.length) shown.push(`… và ${problems.length - shown.length} mục khác.`);
  return `\n\nCần xem lại:\n${shown.join('\n')}`;
}

/** Simple trigger: adds the "Dân vận" menu when the spreadsheet opens. */
export function onOpen(): void {
  addMenu(SpreadsheetApp.getUi());
}

/** Runs when installed as an add-on: same as opening. */
export function onInstall(): void {
  onOpen();
}

/** Menu: builds or repairs the workbook from the plan, then tells the admin what it did. */
export function setupWorkbook(): SetupReport {
  toast('Đang thiết lập bảng tính…', 'Dân vận', 30);
  const report = runSetup();
  alertUser('Đã thiết lập bảng tính', setupNote(report) + problemsText(report.problems));
  return report;
}

export function showSidebar(): void {
  notAvailable('Cập nhật tiến độ (thanh bên)');
}

export function createVillageForms(): void {
  notAvailable('Tạo biểu mẫu báo cáo thôn');
}

export function installTriggers(): void {
  notAvailable('Bật công việc tự động');
}

export function removeTriggers(): void {
  notAvailable('Tắt công việc tự động');
}

export function showTriggerStatus(): void {
  notAvailable('Xem trạng thái công việc tự động');
}

export function dailyJob(): void {
  notAvailable('Công việc tự động hằng ngày');
}

export function onVillageFormSubmit(): void {
  notAvailable('Nhận báo cáo thôn từ biểu mẫu');
}

export function buildSummary(): void {
  notAvailable('Lập tổng hợp');
}

export function exportSummary(): void {
  notAvailable('Xuất tổng hợp');
}

export function showHelp(): void {
  notAvailable('Hướng dẫn sử dụng');
}
