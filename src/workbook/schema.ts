// The workbook's tabs and columns (DESIGN.md §3): names users see and triggers rely on, so they stay stable.
import {PROGRESS_LABELS, PROGRESS_ORDER} from '../core/status';

/** How a column's cells are read, written and validated. */
export type ColumnType =
  | 'text'
  | 'longtext' // wrapped, wide
  | 'date' // a calendar date (Date cell, dd/MM/yyyy)
  | 'datetime' // a moment (Date cell, dd/MM/yyyy HH:mm)
  | 'number'
  | 'list'; // one of `options`

export interface Column {
  key: string;
  header: string;
  type: ColumnType;
  width: number;
  /** Allowed values for 'list' columns (a dropdown). */
  options?: readonly string[];
  /** Written by the script only: shown with a grey header. */
  derived?: boolean;
  /** A short note on the header cell telling users what goes there. */
  note?: string;
  /** Machine data kept to one line (wrap strategy CLIP): a long JSON must not make its row screen-tall. */
  clip?: boolean;
}

export interface TableSchema {
  /** The tab's name, part of the product. */
  name: string;
  columns: readonly Column[];
  /** Only the script (and admins) write this tab: it is protected. */
  scriptOnly: boolean;
  tabColor: string;
}

/** The four progress labels, in the order the dropdown shows them. */
export const PROGRESS_OPTIONS: readonly string[] = PROGRESS_ORDER.map(
  p => PROGRESS_LABELS[p],
);

export const ROLE_LABELS = {lead: 'Chủ trì', support: 'Phối hợp'} as const;

export const UNIT_KIND_LABELS = {
  department: 'Phòng',
  center: 'Trung tâm',
  school: 'Trường học',
  village: 'Thôn',
  front: 'Mặt trận, đoàn thể',
  force: 'Công an, quân sự',
  other: 'Khác',
} as const;

export const YES_NO = ['Có', 'Không'] as const;

export const PERIOD_KIND_LABELS = {
  regular: 'Định kỳ',
  adhoc: 'Đột xuất',
} as const;

const c = (
  key: string,
  header: string,
  type: ColumnType,
  width: number,
  extra: Partial<Column> = {},
): Column => ({key, header, type, width, ...extra});

export const TASKS: TableSchema = {
  name: 'Nhiệm vụ',
  scriptOnly: false,
  tabColor: '#1565c0',
  columns: [
    c('tt', 'TT', 'text', 45),
    c('text', 'Nhiệm vụ', 'longtext', 360),
    c('lead', 'Cơ quan chủ trì', 'longtext', 190),
    c('support', 'Cơ quan phối hợp', 'longtext', 170),
    c('timelineText', 'Thời gian thực hiện', 'longtext', 150),
    c('product', 'Sản phẩm', 'longtext', 140),
    c('start', 'Bắt đầu (tự tính)', 'date', 95, {derived: true}),
    c('due', 'Hạn (tự tính)', 'date', 95, {derived: true}),
    c('dueOverride', 'Hạn điều chỉnh', 'date', 95, {
      note: 'Nhập ngày (dd/MM/yyyy) nếu muốn thay hạn tự tính từ "Thời gian thực hiện".',
    }),
    c('timelineKind', 'Loại thời hạn', 'text', 110, {derived: true}),
    c('quotaPerVillage', 'Chỉ tiêu mỗi thôn', 'number', 80, {derived: true}),
    c('villageForm', 'Thôn báo cáo qua biểu mẫu', 'list', 110, {
      options: YES_NO,
      note: 'Có: nhiệm vụ có mục riêng trong biểu mẫu báo cáo thôn. Không: không có. Để trống: tự xác định (thôn được phân công, hoặc có chỉ tiêu mỗi thôn).',
    }),
    c('status', 'Tình trạng chung', 'text', 170, {derived: true}),
    c('progressSummary', 'Tiến độ', 'text', 120, {derived: true}),
    c('problems', 'Cần xem lại', 'longtext', 200, {derived: true}),
  ],
};

export const ASSIGNMENTS: TableSchema = {
  name: 'Phân công',
  scriptOnly: false,
  tabColor: '#2e7d32',
  columns: [
    c('id', 'Mã phân công', 'text', 110, {derived: true}),
    c('tt', 'TT nhiệm vụ', 'text', 50, {derived: true}),
    c('taskText', 'Nhiệm vụ', 'longtext', 260, {derived: true}),
    c('unitCode', 'Mã đơn vị', 'text', 80, {derived: true}),
    c('unitName', 'Đơn vị', 'text', 170, {derived: true}),
    c('role', 'Vai trò', 'text', 70, {derived: true}),
    c('progress', 'Trạng thái thực hiện', 'list', 130, {
      options: PROGRESS_OPTIONS,
    }),
    c('completedOn', 'Ngày hoàn thành', 'date', 95),
    c('result', 'Kết quả thực hiện', 'longtext', 260),
    c('evidence', 'Minh chứng (đường dẫn)', 'longtext', 200),
    c('proposals', 'Kiến nghị, đề xuất', 'longtext', 180),
    c('due', 'Hạn', 'date', 95, {derived: true}),
    c('timeliness', 'Tình trạng hạn', 'text', 105, {derived: true}),
    c('status', 'Tình trạng', 'text', 170, {derived: true}),
    c('updatedAt', 'Cập nhật lúc', 'datetime', 120, {derived: true}),
    c('updatedBy', 'Người cập nhật', 'text', 160, {derived: true}),
    c('version', 'Phiên bản', 'number', 70, {derived: true}),
  ],
};

export const UNITS: TableSchema = {
  name: 'Đơn vị',
  scriptOnly: false,
  tabColor: '#6a1b9a',
  columns: [
    c('code', 'Mã đơn vị', 'text', 95, {
      note: 'Mã ngắn, không trùng, không dấu (ví dụ VHXH, THON01). Không đổi mã sau khi đã dùng.',
    }),
    c('name', 'Tên đơn vị', 'text', 230),
    c('kind', 'Loại', 'list', 120, {options: Object.values(UNIT_KIND_LABELS)}),
    c('aliases', 'Tên gọi khác (cách nhau bởi ;)', 'longtext', 220),
    c('tags', 'Nhóm (cách nhau bởi ;)', 'longtext', 200, {
      note: 'Các nhóm đơn vị thuộc về, ví dụ: phòng chuyên môn; thuộc UBND xã; liên quan 3',
    }),
    c('person', 'Người phụ trách', 'text', 150),
    c('emails', 'Email (cách nhau bởi dấu phẩy)', 'text', 220),
    c('phone', 'Điện thoại', 'text', 100),
    c('active', 'Đang hoạt động', 'list', 90, {options: YES_NO}),
    c('sample', 'Dữ liệu mẫu', 'list', 80, {
      options: YES_NO,
      note: 'Có = dữ liệu mẫu, cần thay bằng thông tin thật của xã.',
    }),
    c('note', 'Ghi chú', 'longtext', 200),
  ],
};

export const GROUPS: TableSchema = {
  name: 'Nhóm đơn vị',
  scriptOnly: false,
  tabColor: '#8e24aa',
  columns: [
    c('phrase', 'Cụm từ trong kế hoạch', 'longtext', 300),
    c('tag', 'Gồm các đơn vị thuộc nhóm', 'text', 200, {
      note: '{tt} là số thứ tự nhiệm vụ: "liên quan {tt}" của nhiệm vụ 3 là các đơn vị có nhóm "liên quan 3".',
    }),
    c('note', 'Ghi chú', 'longtext', 300),
  ],
};

export const PERIODS: TableSchema = {
  name: 'Kỳ báo cáo',
  scriptOnly: false,
  tabColor: '#ef6c00',
  columns: [
    c('id', 'Mã kỳ', 'text', 70),
    c('name', 'Tên kỳ', 'text', 230),
    c('kind', 'Loại', 'list', 90, {options: Object.values(PERIOD_KIND_LABELS)}),
    c('start', 'Từ ngày', 'date', 95),
    c('due', 'Hạn báo cáo', 'date', 95),
    c('reminderOffsets', 'Nhắc trước hạn (ngày)', 'text', 110, {
      note: 'Số ngày trước hạn báo cáo sẽ gửi thư nhắc, cách nhau bởi dấu phẩy, ví dụ: 7, 3, 1',
    }),
    c('formUrl', 'Biểu mẫu báo cáo thôn', 'text', 220, {derived: true}),
    c('formId', 'Mã biểu mẫu', 'text', 120, {derived: true}),
    c('note', 'Ghi chú', 'longtext', 200),
  ],
};

export const VILLAGE_REPORTS: TableSchema = {
  name: 'Báo cáo thôn',
  scriptOnly: true,
  tabColor: '#00838f',
  columns: [
    c('responseId', 'Mã phản hồi', 'text', 120),
    c('periodId', 'Kỳ', 'text', 60),
    c('unitCode', 'Mã thôn', 'text', 80),
    c('village', 'Thôn', 'text', 140),
    c('submittedAt', 'Gửi lúc', 'datetime', 120),
    c('reporter', 'Người báo cáo', 'text', 140),
    c('phone', 'Điện thoại', 'text', 100),
    c('answers', 'Nội dung báo cáo', 'longtext', 400),
    c('difficulties', 'Khó khăn, vướng mắc', 'longtext', 200),
    c('proposals', 'Kiến nghị, đề xuất', 'longtext', 200),
    c('evidence', 'Minh chứng', 'longtext', 200),
    c('state', 'Trạng thái', 'text', 120),
    c('issue', 'Cần xem lại', 'longtext', 200),
    c('answersJson', 'Dữ liệu (JSON)', 'text', 120, {clip: true}),
  ],
};

/** Prefilled form links: one per village and period (written by "Tạo biểu mẫu báo cáo thôn"). */
export const FORM_LINKS: TableSchema = {
  name: 'Liên kết biểu mẫu',
  scriptOnly: true,
  tabColor: '#00838f',
  columns: [
    c('periodId', 'Kỳ', 'text', 60),
    c('unitCode', 'Mã thôn', 'text', 80),
    c('village', 'Thôn', 'text', 160),
    c('url', 'Đường dẫn điền sẵn', 'longtext', 420),
    c('formId', 'Mã biểu mẫu', 'text', 120),
    c('updatedAt', 'Cập nhật lúc', 'datetime', 120),
  ],
};

export const HISTORY: TableSchema = {
  name: 'Nhật ký',
  scriptOnly: true,
  tabColor: '#546e7a',
  columns: [
    c('at', 'Thời gian', 'datetime', 125),
    c('user', 'Người thực hiện', 'text', 170),
    c('action', 'Hành động', 'text', 150),
    c('target', 'Đối tượng', 'text', 140),
    c('field', 'Trường', 'text', 120),
    c('before', 'Giá trị cũ', 'longtext', 200),
    c('after', 'Giá trị mới', 'longtext', 200),
    c('note', 'Ghi chú', 'longtext', 250),
  ],
};

export const MAIL_LOG: TableSchema = {
  name: 'Thư đã gửi',
  scriptOnly: true,
  tabColor: '#546e7a',
  columns: [
    c('key', 'Khóa', 'text', 260),
    c('at', 'Thời gian', 'datetime', 125),
    c('to', 'Người nhận', 'text', 220),
    c('subject', 'Tiêu đề', 'longtext', 300),
    c('kind', 'Loại thư', 'text', 120),
    c('periodId', 'Kỳ', 'text', 60),
    c('state', 'Trạng thái', 'text', 100),
    c('note', 'Ghi chú', 'longtext', 200),
  ],
};

export const SETTINGS: TableSchema = {
  name: 'Cấu hình',
  scriptOnly: false,
  tabColor: '#b71c1c',
  columns: [
    c('key', 'Khóa', 'text', 160, {derived: true}),
    c('label', 'Mục', 'text', 260, {derived: true}),
    c('value', 'Giá trị', 'longtext', 320),
    c('help', 'Giải thích', 'longtext', 380, {derived: true}),
  ],
};

export const HELP_TAB = 'Hướng dẫn';

/** Summary tabs are named "Tổng hợp <period id>". */
export const SUMMARY_PREFIX = 'Tổng hợp';

/** Every table tab, in the order they appear after the how-to tab. */
export const TABLES: readonly TableSchema[] = [
  TASKS,
  ASSIGNMENTS,
  UNITS,
  GROUPS,
  PERIODS,
  VILLAGE_REPORTS,
  FORM_LINKS,
  HISTORY,
  MAIL_LOG,
  SETTINGS,
];

/** Bump when the tabs or columns change in a way an existing workbook must be migrated for. */
export const SCHEMA_VERSION = 1;

/**
 * The Phân công columns that are a unit's own within its rows: what it enters (status, completion
 * date, result, evidence, proposals) and the stamps the sidebar writes with them as the user (due,
 * timeliness and status shown, updated at/by, version). Identity columns (id, task, unit, role) are
 * admin-only. Contiguous in the schema, so one range per unit block.
 */
export const UNIT_OWNED_KEYS: readonly string[] = ASSIGNMENTS.columns
  .slice(ASSIGNMENTS.columns.findIndex(col => col.key === 'progress'))
  .map(col => col.key);
