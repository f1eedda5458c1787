// What the sidebar and the server exchange through google.script.run: plain JSON, dates as ISO strings.
import type {
  FieldError,
  UpdateField,
  UpdateLimits,
} from '../core/assignmentUpdate';
import type {Progress, Role, Timeliness} from '../core/types';

export type {FieldError, UpdateField, UpdateLimits, Progress, Role, Timeliness};

/** A unit the user may act for. */
export interface UnitOption {
  code: string;
  name: string;
}

/** The current reporting period (kỳ báo cáo). */
export interface PeriodDto {
  id: string;
  name: string;
  /** yyyy-mm-dd. */
  start: string;
  due: string;
  /** dd/MM/yyyy. */
  startText: string;
  dueText: string;
  /** Days from today to the reporting date: 0 on the day, negative after. */
  daysLeft: number;
}

/** One assignment as the sidebar shows and edits it. */
export interface AssignmentDto {
  id: string;
  /** Optimistic-concurrency version the save must send back. */
  version: number;
  /** Fingerprint of version + editable values: catches edits typed into the sheet, too. */
  stamp: string;
  tt: string;
  taskText: string;
  product: string;
  unitCode: string;
  unitName: string;
  role: Role;
  /** "Chủ trì" / "Phối hợp". */
  roleLabel: string;
  /** Thời gian thực hiện, as the plan wrote it. */
  timelineText: string;
  /** yyyy-mm-dd or null (ongoing / no deadline). */
  due: string | null;
  /** dd/MM/yyyy or ''. */
  dueText: string;
  /** Days from today to the due date, or null without one. */
  daysLeft: number | null;
  /** Tình trạng ("Đang thực hiện trong hạn"…). */
  status: string;
  /** Background colour of the status chip (#rrggbb). */
  statusColor: string;
  timeliness: Timeliness;
  timelinessLabel: string;
  progress: Progress;
  progressLabel: string;
  /** yyyy-mm-dd or null. */
  completedOn: string | null;
  result: string;
  evidence: string[];
  proposals: string;
  /** ISO timestamp with offset, or null when never reported. */
  updatedAt: string | null;
  /** dd/MM/yyyy HH:mm or ''. */
  updatedAtText: string;
  updatedBy: string;
  /** Updated within the current reporting period. */
  reportedThisPeriod: boolean;
}

/** A progress choice of the form. */
export interface ProgressOption {
  value: Progress;
  label: string;
}

/** What the sidebar shows after its one load call. */
/** What the sidebar and the link page both show for one unit: the plan, the period, its assignments. */
export interface UnitPageData {
  commune: string;
  planTitle: string;
  /** Where reports go ("Phòng Văn hóa - Xã hội"). */
  reportTo: string;
  /** yyyy-mm-dd in the plan's time zone. */
  today: string;
  period: PeriodDto | null;
  /** Sorted: overdue, due soon, other dated work, then ongoing, paused and done. */
  assignments: AssignmentDto[];
  progressOptions: ProgressOption[];
  limits: UpdateLimits;
  /** What may be attached as evidence (checked again on the server). */
  upload: UploadLimits;
  /** Days or fewer left that count as "sắp đến hạn". */
  dueSoonDays: number;
}

export interface SidebarData extends UnitPageData {
  ok: true;
  /** The signed-in user's e-mail. */
  user: string;
  isAdmin: boolean;
  /** Units the user may act for (every unit for an admin). */
  units: UnitOption[];
  /** The unit shown. */
  unit: UnitOption;
}

/** Why the sidebar shows no data, and whom to ask. */
export interface SidebarRefusal {
  ok: false;
  code:
    | 'no_email'
    | 'unknown_user'
    | 'village'
    | 'forbidden'
    | 'not_setup'
    | 'error';
  message: string;
  /** The signed-in user's e-mail ('' when Google does not reveal it). */
  user: string;
  /** Whom to ask: the office and the admins' e-mails. */
  contact: {office: string; admins: string[]};
}

export type SidebarLoadResult = SidebarData | SidebarRefusal;

/** A save: the form's values and the version they were loaded at. Unknown fields are ignored. */
export interface SavePayload {
  id: string;
  version: number;
  stamp?: string;
  progress: Progress;
  /** yyyy-mm-dd (or dd/MM/yyyy); required when done. */
  completedOn: string | null;
  result: string;
  /** One http(s) link a line. */
  evidence: string;
  proposals: string;
}

/** A task's rolled-up status after a save. */
export interface TaskStatusDto {
  tt: string;
  status: string;
  statusColor: string;
  summary: string;
}

export interface SaveSuccess {
  ok: true;
  assignment: AssignmentDto;
  taskStatus: TaskStatusDto;
  /** Fields that changed ([] when the unit confirmed with no change). */
  changed: UpdateField[];
  message: string;
}

export interface SaveFailure {
  ok: false;
  code: 'stale' | 'invalid' | 'forbidden' | 'busy' | 'not_found' | 'error';
  message: string;
  errors?: FieldError[];
  /** For 'stale': the assignment as it is now. */
  current?: AssignmentDto;
}

export type SaveResult = SaveSuccess | SaveFailure;

/** The server functions the sidebar calls, with their arguments and results. */
export interface SidebarServer {
  sidebarLoad(unitCode?: string): SidebarLoadResult;
  sidebarSave(payload: SavePayload): SaveResult;
  sidebarUpload(assignmentId: string, file: UploadFile): UploadResult;
}

/** What a page may upload, checked again on the server. */
export interface UploadLimits {
  /** Largest file after the browser shrank it, in bytes. */
  maxBytes: number;
  /** Longest side of an image after shrinking, in pixels. */
  imageMaxSide: number;
  /** Accepted MIME types. */
  types: string[];
}

/** One file to attach: a page sends it as base64 (images already shrunk). */
export interface UploadFile {
  name: string;
  mimeType: string;
  base64: string;
}

export type UploadResult =
  | {
      ok: true;
      /** The file's Drive link, now in the assignment's evidence. */
      url: string;
      name: string;
      assignment: AssignmentDto;
      /** The version the row had before the upload (the page keeps its own base if it differs). */
      previousVersion: number;
      message: string;
    }
  | {ok: false; code: string; message: string};
