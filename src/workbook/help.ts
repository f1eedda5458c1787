// The how-to tab (Hướng dẫn): what each tab is for and how each kind of user works, in Vietnamese.
import {digestText} from '../core/historyDigest';
import {HELP_TAB} from './schema';
import {sheetValues} from './table';

/** Lines of the how-to tab; a line starting with "# " is a heading. */
export function helpLines(commune: string, reportTo: string): string[] {
  return [
    `# HƯỚNG DẪN SỬ DỤNG – THEO DÕI KẾ HOẠCH CÔNG TÁC DÂN VẬN CHÍNH QUYỀN${commune ? ` XÃ ${commune.toUpperCase()}` : ''}`,
    'Bảng tính này theo dõi các nhiệm vụ trong Phụ lục của kế hoạch: ai chủ trì, ai phối hợp, thời hạn, kết quả và minh chứng.',
    '',
    '# Các trang tính',
    'Nhiệm vụ – danh mục nhiệm vụ của Phụ lục (một dòng một nhiệm vụ). Quản trị viên sửa được nội dung; các cột nền xám do hệ thống tự tính (ngày bắt đầu, hạn, tình trạng chung).',
    'Phân công – mỗi dòng là một nhiệm vụ giao cho một đơn vị (chủ trì hoặc phối hợp). Đơn vị cập nhật trạng thái, ngày hoàn thành, kết quả, minh chứng, kiến nghị.',
    'Đơn vị – các phòng, trung tâm, trường, thôn, đoàn thể: người phụ trách, email. Dòng có "Dữ liệu mẫu = Có" là dữ liệu mẫu, cần thay bằng thông tin thật.',
    'Nhóm đơn vị – các cụm từ trong kế hoạch như "Các thôn", "Các phòng chuyên môn" và nhóm đơn vị tương ứng.',
    'Kỳ báo cáo – các kỳ báo cáo (định kỳ, đột xuất), hạn báo cáo, số ngày nhắc trước hạn, biểu mẫu báo cáo thôn.',
    'Báo cáo thôn – các báo cáo thôn gửi qua Google Biểu mẫu (do hệ thống ghi).',
    'Tổng hợp … – bảng tổng hợp của từng kỳ báo cáo.',
    'Nhật ký – lịch sử mọi thay đổi (do hệ thống ghi, không sửa tay).',
    'Thư đã gửi – các thư nhắc việc đã gửi, để không gửi trùng.',
    'Cấu hình – tên xã, email quản trị, email lãnh đạo, giờ chạy hằng ngày, số ngày nhắc, thư mục lưu tệp xuất…',
    '',
    '# Quản trị viên (' + (reportTo || 'Phòng Văn hóa - Xã hội') + ')',
    '1. Menu Dân vận → Thiết lập / sửa chữa bảng tính (chạy lại bất cứ lúc nào: không mất, không nhân đôi dữ liệu).',
    '2. Điền trang Cấu hình (email quản trị, email lãnh đạo) và trang Đơn vị (tên thôn thật, người phụ trách, email).',
    '3. Chạy lại Thiết lập để cập nhật phân công và quyền sửa của từng đơn vị.',
    '4. Menu Dân vận → Tạo / cập nhật biểu mẫu báo cáo thôn; rồi Bật công việc tự động.',
    '5. Trước mỗi kỳ báo cáo: Lập tổng hợp, Xuất tổng hợp (PDF, Excel, dự thảo báo cáo) gửi lãnh đạo.',
    '',
    '# Đơn vị (phòng, trung tâm, trường)',
    'Menu Dân vận → Cập nhật tiến độ của đơn vị: thanh bên hiện các nhiệm vụ của đơn vị mình; chọn một nhiệm vụ, cập nhật rồi bấm Lưu.',
    'Mỗi đơn vị chỉ sửa được các dòng của đơn vị mình. Nếu thanh bên báo "chưa có trong danh sách đơn vị", hãy gửi email của mình cho quản trị viên.',
    '',
    '# Thôn, Ban công tác Mặt trận',
    'Không cần mở bảng tính: trưởng thôn nhận thư có đường dẫn biểu mẫu đã điền sẵn tên thôn, điền báo cáo bằng điện thoại.',
    '',
    '# Kế hoạch mới (6 tháng tiếp theo)',
    'Sửa trang Nhiệm vụ (thêm, bớt, sửa nhiệm vụ), trang Kỳ báo cáo (kỳ mới) và Cấu hình (tên, số kế hoạch), rồi chạy Thiết lập. Không cần sửa mã.',
  ];
}

/** Writes the how-to tab in one write (8 calls; 7 on a tab just inserted, which has nothing to clear). */
export function writeHelp(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  commune: string,
  reportTo: string,
  fresh = false,
): void {
  const lines = helpLines(commune, reportTo);
  if (!fresh) sheet.clearContents();
  sheet
    .getRange(1, 1, lines.length, 1)
    .setValues(lines.map(l => [l.replace(/^# /, '')]));
  sheet.setColumnWidth(1, 900);
  sheet
    .getRange(1, 1, lines.length, 1)
    .setWrap(true)
    .setFontWeights(lines.map(l => [l.startsWith('# ') ? 'bold' : 'normal']));
  sheet.setTabColor('#0d47a1');
}

/** Bump when writeHelp lays the tab out differently, so every workbook's tab is rewritten once. */
const HELP_LOOK_VERSION = 1;

/**
 * Writes the how-to tab unless it already holds these lines with the look set-up gave it last
 * (`storedLook`): then one read (1 call) instead of the write. Returns the look to store.
 */
export function ensureHelp(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  commune: string,
  reportTo: string,
  options: {fresh: boolean; storedLook?: string},
): string {
  const lines = helpLines(commune, reportTo);
  const look = digestText(JSON.stringify([HELP_LOOK_VERSION, lines]));
  if (!options.fresh && options.storedLook === look) {
    const grid = sheetValues(sheet);
    const same =
      grid.length === lines.length &&
      grid.every(
        (row, i) => row.length === 1 && row[0] === lines[i].replace(/^# /, ''),
      );
    if (same) return look;
  }
  writeHelp(sheet, commune, reportTo, options.fresh);
  return look;
}

export {HELP_TAB};
