// The global entry points: menus, triggers and google.script.run call these by name. Wiring only.
import {addMenu} from './menu';
import {notAvailable} from './notAvailable';

/** Simple trigger: adds the "Dân vận" menu when the spreadsheet opens. */
export function onOpen(): void {
  addMenu(SpreadsheetApp.getUi());
}

/** Runs when installed as an add-on: same as opening. */
export function onInstall(): void {
  onOpen();
}

export function setupWorkbook(): void {
  notAvailable('Thiết lập bảng tính');
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
