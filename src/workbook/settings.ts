// The settings tab (Cấu hình): every value a commune changes without touching code, with its defaults.
import type {Plan} from '../core/types';
import {formatVnDate} from '../core/dates';
import {foldDiacritics, normalizeKey} from '../core/text';
import {cellToNumber} from './cells';

/** The settings, typed. */
export interface Settings {
  commune: string;
  issuer: string;
  parentBody: string;
  planTitle: string;
  planNumber: string;
  planDate: string;
  reportTo: string;
  signerName: string;
  signerTitle: string;
  /** Địa danh for "…, ngày … tháng … năm …". */
  place: string;
  periodStart: string;
  periodEnd: string;
  adminEmails: string[];
  leaderEmails: string[];
  senderName: string;
  /** Hour (0–23, plan time zone) the daily job runs. */
  dailyHour: number;
  /** Days before an assignment's due date to remind its unit. */
  dueReminderDays: number[];
  /** After a due date passes: remind the day after, then every N days. */
  overdueRepeatDays: number;
  /** "Sắp đến hạn" when this many days or fewer are left. */
  dueSoonDays: number;
  /** Build the period summary this many days before its deadline (and on the morning of it). */
  summaryDaysBefore: number;
  /** Drive folder id (or URL) for exports; empty means e-mail only. */
  exportFolder: string;
  /** E-mail exports to the admin and leaders: "Có"/"Không". */
  emailExports: boolean;
  /** "Nơi nhận" lines of the draft report, one per line. */
  recipients: string[];
  /** "Chế độ": a commune's workbook (default) or the city's, which rolls up its communes. */
  mode: 'commune' | 'city';
  /**
   * "Đơn vị cập nhật qua: chỉ đường dẫn": units update only through their personal links; set-up
   * gives them no edit access to Phân công and the sidebar is for the admins.
   */
  linksOnly: boolean;
}

/** The two choices of "Đơn vị cập nhật qua". */
export const UPDATE_CHANNEL_BOTH = 'thanh bên và đường dẫn';
export const UPDATE_CHANNEL_LINKS = 'chỉ đường dẫn';

export interface SettingDef {
  key: keyof Settings;
  label: string;
  help: string;
  /** Default value as cell text, from the plan. */
  defaultValue: (plan: Plan) => string;
}

const list = (text: string, sep: RegExp): string[] =>
  text
    .split(sep)
    .map(s => s.trim())
    .filter(Boolean);

/** Definitions in the order the tab shows them. */
export const SETTING_DEFS: readonly SettingDef[] = [
  {
    key: 'commune',
    label: 'Tên xã',
    help: 'Ví dụ: Đại Sơn',
    defaultValue: p => p.commune,
  },
  {
    key: 'issuer',
    label: 'Cơ quan ban hành',
    help: 'Ví dụ: UBND xã Đại Sơn',
    defaultValue: p => p.issuer,
  },
  {
    key: 'parentBody',
    label: 'Cơ quan cấp trên',
    help: 'Dòng trên cùng của tiêu đề văn bản, ví dụ: UBND THÀNH PHỐ HẢI PHÒNG',
    defaultValue: p => p.parentBody,
  },
  {
    key: 'planTitle',
    label: 'Tên kế hoạch',
    help: 'Trích yếu của kế hoạch',
    defaultValue: p => p.title,
  },
  {
    key: 'planNumber',
    label: 'Số kế hoạch',
    help: 'Ví dụ: 25/KH-UBND',
    defaultValue: p => p.number,
  },
  {
    key: 'planDate',
    label: 'Ngày ban hành kế hoạch',
    help: 'dd/MM/yyyy',
    defaultValue: () => '',
  },
  {
    key: 'reportTo',
    label: 'Cơ quan đầu mối tổng hợp',
    help: 'Nơi các đơn vị gửi báo cáo',
    defaultValue: p => p.reportTo,
  },
  {
    key: 'signerName',
    label: 'Người ký',
    help: 'Họ và tên người ký báo cáo',
    defaultValue: p => p.signerName,
  },
  {
    key: 'signerTitle',
    label: 'Chức vụ người ký',
    help: 'Ví dụ: Chủ tịch',
    defaultValue: p => p.signerTitle,
  },
  {
    key: 'place',
    label: 'Địa danh',
    help: 'Dùng trong dòng "…, ngày … tháng … năm …"',
    defaultValue: p => p.commune,
  },
  {
    key: 'periodStart',
    label: 'Kế hoạch từ ngày',
    help: 'dd/MM/yyyy',
    defaultValue: p => vn(p.periodStart),
  },
  {
    key: 'periodEnd',
    label: 'Kế hoạch đến ngày',
    help: 'dd/MM/yyyy',
    defaultValue: p => vn(p.periodEnd),
  },
  {
    key: 'adminEmails',
    label: 'Email quản trị (Phòng Văn hóa - Xã hội)',
    help: 'Cách nhau bởi dấu phẩy. Người quản trị sửa được mọi phân công và nhận thư tổng hợp.',
    defaultValue: () => '',
  },
  {
    key: 'leaderEmails',
    label: 'Email lãnh đạo nhận tổng hợp',
    help: 'Chủ tịch, Phó Chủ tịch UBND xã; cách nhau bởi dấu phẩy',
    defaultValue: () => '',
  },
  {
    key: 'senderName',
    label: 'Tên người gửi thư',
    help: 'Hiện trong thư nhắc việc',
    defaultValue: p => `${p.reportTo} - ${p.issuer}`,
  },
  {
    key: 'dailyHour',
    label: 'Giờ chạy hằng ngày',
    help: 'Từ 0 đến 23 (giờ Việt Nam)',
    defaultValue: () => '7',
  },
  {
    key: 'dueReminderDays',
    label: 'Nhắc trước hạn nhiệm vụ (ngày)',
    help: 'Cách nhau bởi dấu phẩy, ví dụ: 7, 3, 1',
    defaultValue: () => '7, 3, 1',
  },
  {
    key: 'overdueRepeatDays',
    label: 'Nhắc lại khi quá hạn (mỗi … ngày)',
    help: 'Nhắc ngày đầu tiên quá hạn, sau đó lặp lại theo số ngày này',
    defaultValue: () => '7',
  },
  {
    key: 'dueSoonDays',
    label: 'Số ngày coi là "sắp đến hạn"',
    help: 'Mặc định 3',
    defaultValue: () => '3',
  },
  {
    key: 'summaryDaysBefore',
    label: 'Lập tổng hợp trước hạn báo cáo (ngày)',
    help: 'Tổng hợp được lập tự động trước hạn bấy nhiêu ngày và vào sáng ngày đến hạn',
    defaultValue: () => '1',
  },
  {
    key: 'exportFolder',
    label: 'Thư mục Google Drive lưu tệp xuất',
    help: 'Dán đường dẫn hoặc mã thư mục; để trống thì chỉ gửi qua email',
    defaultValue: () => '',
  },
  {
    key: 'emailExports',
    label: 'Gửi tệp xuất qua email',
    help: 'Có / Không',
    defaultValue: () => 'Có',
  },
  {
    key: 'linksOnly',
    label: 'Đơn vị cập nhật qua',
    help: `${UPDATE_CHANNEL_BOTH} | ${UPDATE_CHANNEL_LINKS} (chỉ đường dẫn: đơn vị không được sửa trang Phân công, chỉ cập nhật qua đường dẫn cá nhân gửi qua email)`,
    defaultValue: () => UPDATE_CHANNEL_BOTH,
  },
  {
    key: 'recipients',
    label: 'Nơi nhận (báo cáo)',
    help: 'Mỗi dòng một nơi nhận',
    defaultValue: () =>
      [
        'Sở Nội vụ thành phố;',
        'TT Đảng ủy xã;',
        'Chủ tịch, các PCT UBND xã;',
        'Lưu: VT, VHXH.',
      ].join('\n'),
  },
  {
    key: 'mode',
    label: 'Chế độ',
    help: 'cấp xã (mặc định) hoặc cấp thành phố: bảng tính của thành phố tổng hợp các xã, phường ghi ở trang "Xã, phường"',
    defaultValue: () => 'cấp xã',
  },
];

/** True for the "Chế độ" text of a city workbook ("cấp thành phố", "thành phố", "city"). */
export function isCityModeText(text: string): boolean {
  const key = foldDiacritics(normalizeKey(text));
  return /thanh pho|^city$/.test(key);
}

const vn = (iso: string): string => formatVnDate(iso);

function toNumberList(text: string, fallback: number[]): number[] {
  const nums = list(text, /[,;\s]+/)
    .map(Number)
    .filter(n => Number.isInteger(n) && n >= 0 && n <= 366);
  return nums.length ? [...new Set(nums)].sort((a, b) => b - a) : fallback;
}

function toInt(
  value: unknown,
  fallback: number,
  min: number,
  max: number,
): number {
  const n = cellToNumber(value);
  return n !== null && Number.isInteger(n) && n >= min && n <= max
    ? n
    : fallback;
}

/** Typed settings from key → cell text (missing keys take the plan's defaults). */
export function parseSettings(
  raw: Record<string, unknown>,
  plan: Plan,
): Settings {
  const text = (key: keyof Settings): string => {
    const def = SETTING_DEFS.find(d => d.key === key) as SettingDef;
    const v = raw[key];
    return v === undefined || v === null
      ? def.defaultValue(plan)
      : String(v).trim();
  };
  const emails = (key: keyof Settings) =>
    list(text(key), /[,;\s]+/).map(e => e.toLowerCase());
  return {
    commune: text('commune'),
    issuer: text('issuer'),
    parentBody: text('parentBody'),
    planTitle: text('planTitle'),
    planNumber: text('planNumber'),
    planDate: text('planDate'),
    reportTo: text('reportTo'),
    signerName: text('signerName'),
    signerTitle: text('signerTitle'),
    place: text('place'),
    periodStart: text('periodStart'),
    periodEnd: text('periodEnd'),
    adminEmails: emails('adminEmails'),
    leaderEmails: emails('leaderEmails'),
    senderName: text('senderName'),
    dailyHour: toInt(text('dailyHour'), 7, 0, 23),
    dueReminderDays: toNumberList(text('dueReminderDays'), [7, 3, 1]),
    overdueRepeatDays: toInt(text('overdueRepeatDays'), 7, 1, 365),
    dueSoonDays: toInt(text('dueSoonDays'), 3, 0, 60),
    summaryDaysBefore: toInt(text('summaryDaysBefore'), 1, 0, 60),
    exportFolder: text('exportFolder'),
    emailExports: normalizeKey(text('emailExports')) !== 'không',
    recipients: list(text('recipients'), /\r?\n/),
    mode: isCityModeText(text('mode')) ? 'city' : 'commune',
    linksOnly:
      normalizeKey(text('linksOnly')) === normalizeKey(UPDATE_CHANNEL_LINKS),
  };
}
