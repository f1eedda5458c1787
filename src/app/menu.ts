// The Vietnamese menu "Dân vận" that onOpen / onInstall add to the spreadsheet.

/** One menu entry: caption and the global function it calls. `null` is a separator. */
export type MenuEntry = {caption: string; functionName: string} | null;

export const MENU_TITLE = 'Dân vận';

/**
 * Every action of the product, in the order the admin uses them. `triggerStatus` replaces the
 * caption of the status item (e.g. "Công việc tự động: đang bật (quantri@xa.vn, 7 giờ)").
 */
export function menuEntries(triggerStatus?: string): MenuEntry[] {
  return [
    {
      caption: 'Cập nhật tiến độ của đơn vị (thanh bên)',
      functionName: 'showSidebar',
    },
    null,
    {caption: 'Lập tổng hợp ngay', functionName: 'buildSummary'},
    {
      caption: 'Xuất tổng hợp (PDF, Excel, dự thảo báo cáo)',
      functionName: 'exportSummary',
    },
    null,
    {
      caption: 'Tạo / cập nhật biểu mẫu báo cáo thôn',
      functionName: 'createVillageForms',
    },
    {
      caption: 'Gửi đường dẫn cập nhật cho các đơn vị',
      functionName: 'sendUpdateLinks',
    },
    {
      caption: 'Thu hồi / cấp lại đường dẫn cập nhật',
      functionName: 'revokeUpdateLinks',
    },
    {
      caption: 'Bật công việc tự động (nhắc việc, tổng hợp)',
      functionName: 'installTriggers',
    },
    {caption: 'Tắt công việc tự động', functionName: 'removeTriggers'},
    {
      caption: triggerStatus || 'Xem trạng thái công việc tự động',
      functionName: 'showTriggerStatus',
    },
    null,
    {
      caption: 'Tổng hợp toàn thành phố (chế độ cấp thành phố)',
      functionName: 'cityRollup',
    },
    {
      caption: 'Xuất tổng hợp toàn thành phố',
      functionName: 'exportCityRollup',
    },
    null,
    {caption: 'Thiết lập / sửa chữa bảng tính', functionName: 'setupWorkbook'},
    {
      caption: 'Nạp kế hoạch mới từ tệp Word',
      functionName: 'showImportPlan',
    },
    {caption: 'Hướng dẫn sử dụng', functionName: 'showHelp'},
  ];
}

/** What a unit's staff (not an admin) see: the sidebar and the how-to. */
export function unitMenuEntries(): MenuEntry[] {
  const keep = new Set(['showSidebar', 'showHelp']);
  return menuEntries().filter(e => e !== null && keep.has(e.functionName));
}

/** Adds the menu to the spreadsheet's UI. Safe in a simple trigger (needs no authorization). */
export function addMenu(
  ui: GoogleAppsScript.Base.Ui,
  triggerStatus?: string,
  unitOnly = false,
): void {
  const menu = ui.createMenu(MENU_TITLE);
  const entries = unitOnly ? unitMenuEntries() : menuEntries(triggerStatus);
  for (const entry of entries) {
    if (entry) menu.addItem(entry.caption, entry.functionName);
    else menu.addSeparator();
  }
  menu.addToUi();
}
