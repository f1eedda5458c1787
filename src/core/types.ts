// The plan's domain model: the words every layer uses (DESIGN.md §2). Pure types, no runtime.

/** A calendar date as `yyyy-mm-dd`, in the plan's time zone. Never a JS Date in the core. */
export type IsoDate = string;

/** Thời gian thực hiện, parsed. */
export type TimelineKind = 'ongoing' | 'deadline' | 'window' | 'unknown';

/** How often an ongoing task repeats ("hằng tháng", "hằng quý", "định kỳ"…). */
export type Recurrence = 'monthly' | 'quarterly' | 'yearly' | 'periodic';

export interface Timeline {
  kind: TimelineKind;
  /** First day of the window, or null. */
  start: IsoDate | null;
  /** Last day (inclusive) by which the task is due, or null (ongoing / unknown). */
  due: IsoDate | null;
  /** "… và các năm tiếp theo": the task goes on past the plan's period. */
  continues: boolean;
  recurrence: Recurrence | null;
  /** The original text, always kept exactly as entered. */
  text: string;
}

/** Vai trò: chủ trì (lead) or phối hợp (support). */
export type Role = 'lead' | 'support';

/** Loại đơn vị. */
export type UnitKind =
  | 'department' // Phòng chuyên môn, Văn phòng
  | 'center' // Trung tâm
  | 'school' // Trường học
  | 'village' // Thôn
  | 'front' // Mặt trận, Ban công tác Mặt trận, đoàn thể
  | 'force' // Công an, Quân sự
  | 'other';

/** Đơn vị. */
export interface Unit {
  /** Stable short code, e.g. "VHXH", "THON01". Unique. */
  code: string;
  name: string;
  kind: UnitKind;
  /** Other names the plan may use for this unit (already as entered; compared normalised). */
  aliases: string[];
  /** Group tags ("phòng chuyên môn", "thuộc UBND xã", "liên quan 3"…). */
  tags: string[];
  /** Người phụ trách. */
  person: string;
  emails: string[];
  phone: string;
  /** False when the admin switched the unit off: it gets no new assignments and no mail. */
  active: boolean;
  /** Marked as sample data the admin must replace (the plan names no villages). */
  sample: boolean;
  note: string;
}

/**
 * A named group the plan's text may use ("Các thôn", "Các phòng chuyên môn"…): the units carrying `tag`.
 * `{tt}` in the tag stands for the task's number, for per-task groups such as "… liên quan".
 */
export interface UnitGroup {
  phrase: string;
  tag: string;
  note: string;
}

/** What a piece of lead/support text names. */
export type UnitRef =
  | {type: 'unit'; code: string; text: string}
  | {type: 'group'; phrase: string; tag: string; text: string};

/** Nhiệm vụ: one appendix row. */
export interface Task {
  /** Số thứ tự as written ("1", "2"…). Unique within the plan. */
  tt: string;
  text: string;
  /** Cơ quan chủ trì, as written. */
  lead: string;
  /** Cơ quan phối hợp, as written (may be empty). */
  support: string;
  /** Thời gian thực hiện, as written. */
  timelineText: string;
  /** Sản phẩm. */
  product: string;
  /** A per-village quota read from the text ("1 mô hình/thôn", "01 cuộc/thôn"), or null. */
  quotaPerVillage: number | null;
  /**
   * Whether villages report this task through the village form: true / false as the admin set it,
   * null or absent to decide automatically (villages among its assignments, or a per-village quota).
   */
  villageForm?: boolean | null;
}

/** Kỳ báo cáo. */
export interface ReportingPeriod {
  /** Stable id, e.g. "KY1". */
  id: string;
  name: string;
  kind: 'regular' | 'adhoc';
  /** First day the period covers. */
  start: IsoDate;
  /** The reporting date: reports are due on or before this day. */
  due: IsoDate;
  /** Days before `due` at which reminders go out, e.g. [7, 3, 1]. */
  reminderOffsets: number[];
  note: string;
}

/** Kế hoạch. */
export interface Plan {
  title: string;
  number: string;
  /** Tên xã, e.g. "Đại Sơn". */
  commune: string;
  /** Cơ quan ban hành, e.g. "UBND xã Đại Sơn". */
  issuer: string;
  /** Cơ quan cấp trên (dòng trên của tiêu đề văn bản), e.g. "UBND THÀNH PHỐ HẢI PHÒNG". */
  parentBody: string;
  /** The office that collects reports ("Phòng Văn hóa - Xã hội"). */
  reportTo: string;
  signerName: string;
  signerTitle: string;
  /** First and last day of the half-year the plan covers. */
  periodStart: IsoDate;
  periodEnd: IsoDate;
  tasks: Task[];
  periods: ReportingPeriod[];
  units: Unit[];
  groups: UnitGroup[];
}

/** Trạng thái thực hiện: what a unit enters. */
export type Progress = 'not_started' | 'in_progress' | 'done' | 'paused';

/** Tình trạng hạn: derived, never entered. */
export type Timeliness = 'on_track' | 'due_soon' | 'overdue' | 'no_deadline';

/** Tình trạng: what people read. */
export type StatusLabel =
  | 'Đã hoàn thành đúng hạn'
  | 'Đã hoàn thành quá hạn'
  | 'Đã hoàn thành'
  | 'Đang thực hiện trong hạn'
  | 'Đang thực hiện quá hạn'
  | 'Chưa thực hiện'
  | 'Chưa thực hiện quá hạn'
  | 'Tạm dừng'
  | 'Thường xuyên / không có thời hạn';

/** Phân công: task × unit × role. The unit of tracking. */
export interface Assignment {
  /** Stable id: `${tt}|${unitCode}|${role}`. */
  id: string;
  tt: string;
  unitCode: string;
  role: Role;
  progress: Progress;
  /** Ngày hoàn thành, required when done. */
  completedOn: IsoDate | null;
  /** Kết quả thực hiện. */
  result: string;
  /** Minh chứng: http(s) links. */
  evidence: string[];
  /** Kiến nghị, đề xuất. */
  proposals: string;
  /** When the unit last reported (ISO timestamp), or null. */
  updatedAt: string | null;
  updatedBy: string;
  /** Optimistic-concurrency version, incremented by every save. */
  version: number;
  /** Admin override of the due date (the parsed date stays visible beside it). */
  dueOverride: IsoDate | null;
}

/** Báo cáo thôn: one village's report for one period. */
export interface VillageReport {
  /** Form response id. */
  responseId: string;
  periodId: string;
  unitCode: string;
  submittedAt: string;
  reporter: string;
  phone: string;
  /** Per task tt: the answers given, as question title → answer text. */
  answers: Record<string, Record<string, string>>;
  difficulties: string;
  proposals: string;
  evidence: string[];
}
