// A unit's update of one assignment: validation of the sidebar's payload and who may edit which unit.
import {isIsoDate, parseVnDate} from './dates';
import {PROGRESS_LABELS, PROGRESS_ORDER} from './status';
import {nfc, normalizeKey, stripControlChars} from './text';
import type {IsoDate, Progress, Unit} from './types';

/** Limits on what one save may carry. */
export interface UpdateLimits {
  /** Kết quả thực hiện, in characters. */
  resultMax: number;
  /** Kiến nghị, đề xuất, in characters. */
  proposalsMax: number;
  /** Number of evidence links. */
  evidenceMaxCount: number;
  /** Length of one evidence link. */
  evidenceMaxLength: number;
  /** Earliest completion date accepted. */
  earliestDate: IsoDate;
}

export const DEFAULT_LIMITS: Readonly<UpdateLimits> = {
  resultMax: 5000,
  proposalsMax: 5000,
  evidenceMaxCount: 20,
  evidenceMaxLength: 2000,
  earliestDate: '2000-01-01',
};

/** The fields a save carries, as the form names them. */
export type UpdateField =
  | 'payload'
  | 'id'
  | 'version'
  | 'progress'
  | 'completedOn'
  | 'result'
  | 'evidence'
  | 'proposals';

/** One problem with one field, in Vietnamese. */
export interface FieldError {
  field: UpdateField;
  message: string;
}

/** A validated save: clean values ready to store. */
export interface AssignmentUpdate {
  id: string;
  version: number;
  /** The fingerprint of the values the form was loaded with ('' when the client sent none). */
  stamp: string;
  progress: Progress;
  /** Set only when progress is done; null otherwise. */
  completedOn: IsoDate | null;
  result: string;
  evidence: string[];
  proposals: string;
}

export type ValidationResult =
  {ok: true; value: AssignmentUpdate} | {ok: false; errors: FieldError[]};

const ID_MAX = 300;
const STAMP_MAX = 100;

/** Vietnamese names of the fields, for messages and the history tab. */
export const FIELD_LABELS: Readonly<Record<UpdateField, string>> = {
  payload: 'Dữ liệu gửi lên',
  id: 'Mã phân công',
  version: 'Phiên bản',
  progress: 'Trạng thái thực hiện',
  completedOn: 'Ngày hoàn thành',
  result: 'Kết quả thực hiện',
  evidence: 'Minh chứng',
  proposals: 'Kiến nghị, đề xuất',
};

/** An http(s) address with a host and no spaces or characters that cannot be in a link. */
const LINK_RE =
  /^https?:\/\/[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*(?::\d{1,5})?(?:[/?#][^\s<>"'`\\]*)?$/i;

/** True for a link the sidebar may show as a clickable address: http(s) only. */
export function isEvidenceLink(text: string): boolean {
  return LINK_RE.test(String(text ?? ''));
}

/** C1 controls and the invisible bidi overrides that can disguise text. */

const MORE_CONTROLS = /[\u0080-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * User text made clean: NFC, line breaks as \n (also U+2028/2029), control characters and bidi
 * overrides removed, ends trimmed.
 */
export function cleanText(text: string): string {
  const lines = nfc(text).replace(/\r\n?|[\u2028\u2029]/g, '\n');
  return stripControlChars(lines).replace(MORE_CONTROLS, '').trim();
}

function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/**
 * Validates a save sent by the sidebar. Never throws: anything that is not as expected gives a
 * Vietnamese message per field. Unknown fields are ignored. Text keeps what the user typed, only
 * normalised (NFC, \n line breaks, no control characters); formulas and HTML are plain text here,
 * guarded when stored and escaped when shown.
 */
export function validateUpdate(
  payload: unknown,
  today: IsoDate,
  limits: UpdateLimits = DEFAULT_LIMITS,
): ValidationResult {
  const errors: FieldError[] = [];
  const fail = (field: UpdateField, message: string) =>
    errors.push({field, message});
  if (
    typeof payload !== 'object' ||
    payload === null ||
    Array.isArray(payload)
  ) {
    return {
      ok: false,
      errors: [
        {
          field: 'payload',
          message: 'Dữ liệu gửi lên không hợp lệ. Vui lòng tải lại thanh bên.',
        },
      ],
    };
  }
  const p = payload as Record<string, unknown>;
  const get = (key: string): unknown =>
    Object.prototype.hasOwnProperty.call(p, key) ? p[key] : undefined;

  // id
  let id = '';
  const rawId = get('id');
  if (typeof rawId === 'string' && rawId.length <= ID_MAX)
    id = cleanText(rawId);
  if (!id)
    fail(
      'id',
      'Thiếu mã phân công hoặc mã không hợp lệ. Vui lòng tải lại thanh bên.',
    );

  // version
  let version = 0;
  const rawVersion = get('version');
  if (
    typeof rawVersion !== 'number' ||
    !Number.isSafeInteger(rawVersion) ||
    rawVersion < 0
  ) {
    fail(
      'version',
      'Thiếu phiên bản của phân công. Vui lòng tải lại thanh bên.',
    );
  } else {
    version = rawVersion;
  }

  // stamp (optional)
  let stamp = '';
  const rawStamp = get('stamp');
  if (rawStamp !== undefined && rawStamp !== null && rawStamp !== '') {
    if (typeof rawStamp !== 'string' || rawStamp.length > STAMP_MAX) {
      fail(
        'version',
        'Dấu phiên bản không hợp lệ. Vui lòng tải lại thanh bên.',
      );
    } else {
      stamp = rawStamp;
    }
  }

  // progress
  let progress: Progress = 'not_started';
  const rawProgress = get('progress');
  if (
    typeof rawProgress !== 'string' ||
    !(PROGRESS_ORDER as readonly string[]).includes(rawProgress)
  ) {
    const allowed = PROGRESS_ORDER.map(x => `"${PROGRESS_LABELS[x]}"`).join(
      ', ',
    );
    fail('progress', `Chọn trạng thái thực hiện: ${allowed}.`);
  } else {
    progress = rawProgress as Progress;
  }

  // completedOn: required when done, a real date, not in the future; ignored otherwise.
  let completedOn: IsoDate | null = null;
  const rawDate = get('completedOn');
  const progressKnown = !errors.some(e => e.field === 'progress');
  if (
    rawDate !== undefined &&
    rawDate !== null &&
    typeof rawDate !== 'string'
  ) {
    fail(
      'completedOn',
      `Ngày hoàn thành phải là một ngày (nhận được kiểu ${typeName(rawDate)}).`,
    );
  } else if (progressKnown && progress === 'done') {
    const text = cleanText(String(rawDate ?? ''));
    const date =
      text.length > 40 ? null : isIsoDate(text) ? text : parseVnDate(text);
    if (!text) {
      fail(
        'completedOn',
        'Nhập ngày hoàn thành khi trạng thái là "Đã hoàn thành".',
      );
    } else if (!date) {
      fail(
        'completedOn',
        'Ngày hoàn thành không đúng (nhập theo dạng ngày/tháng/năm, ví dụ 02/09/2025).',
      );
    } else if (date > today) {
      fail('completedOn', 'Ngày hoàn thành không được sau ngày hôm nay.');
    } else if (date < limits.earliestDate) {
      fail(
        'completedOn',
        'Ngày hoàn thành quá xa trong quá khứ: vui lòng kiểm tra lại năm.',
      );
    } else {
      completedOn = date;
    }
  }

  // result, proposals
  const longText = (key: 'result' | 'proposals', max: number): string => {
    const raw = get(key);
    if (raw === undefined || raw === null) return '';
    if (typeof raw !== 'string') {
      fail(
        key,
        `${FIELD_LABELS[key]} phải là văn bản (nhận được kiểu ${typeName(raw)}).`,
      );
      return '';
    }
    // Refuse a huge payload before any work on it.
    const text = raw.length > max * 4 ? raw : cleanText(raw);
    if (text.length > max) {
      fail(
        key,
        `${FIELD_LABELS[key]} dài ${formatCount(text.length)} ký tự, vượt quá giới hạn ${formatCount(max)} ký tự. Vui lòng rút gọn hoặc đưa chi tiết vào tệp minh chứng.`,
      );
      return '';
    }
    return text;
  };
  const result = longText('result', limits.resultMax);
  const proposals = longText('proposals', limits.proposalsMax);

  // evidence: text with one link a line (or an array of links).
  const evidence: string[] = [];
  const rawEvidence = get('evidence');
  let lines: string[] | null = null;
  const maxTotal = limits.evidenceMaxCount * (limits.evidenceMaxLength + 2);
  if (rawEvidence === undefined || rawEvidence === null) {
    lines = [];
  } else if (typeof rawEvidence === 'string') {
    lines =
      rawEvidence.length > maxTotal * 4
        ? null
        : cleanText(rawEvidence).split('\n');
    if (!lines) fail('evidence', 'Danh sách minh chứng quá dài.');
  } else if (
    Array.isArray(rawEvidence) &&
    rawEvidence.length <= limits.evidenceMaxCount * 4 &&
    rawEvidence.every(x => typeof x === 'string' && x.length <= maxTotal)
  ) {
    lines = (rawEvidence as string[]).map(cleanText);
  } else {
    fail(
      'evidence',
      'Minh chứng phải là các đường dẫn, mỗi dòng một đường dẫn.',
    );
  }
  if (lines) {
    const bad: string[] = [];
    for (const line of lines.map(l => l.trim()).filter(Boolean)) {
      if (line.length > limits.evidenceMaxLength) {
        bad.push(
          `một đường dẫn dài quá ${formatCount(limits.evidenceMaxLength)} ký tự`,
        );
      } else if (!isEvidenceLink(line)) {
        bad.push(`"${line.length > 60 ? line.slice(0, 57) + '…' : line}"`);
      } else if (!evidence.includes(line)) {
        evidence.push(line);
      }
    }
    if (bad.length) {
      fail(
        'evidence',
        `Minh chứng phải là đường dẫn bắt đầu bằng http:// hoặc https:// (ví dụ đường dẫn Google Drive), mỗi dòng một đường dẫn. Không hợp lệ: ${bad.slice(0, 3).join(', ')}${bad.length > 3 ? '…' : ''}.`,
      );
    } else if (evidence.length > limits.evidenceMaxCount) {
      fail(
        'evidence',
        `Tối đa ${limits.evidenceMaxCount} đường dẫn minh chứng (đang có ${evidence.length}). Có thể gom tệp vào một thư mục Drive và dán đường dẫn thư mục.`,
      );
    }
  }

  if (errors.length) return {ok: false, errors};
  return {
    ok: true,
    value: {
      id,
      version,
      stamp,
      progress,
      completedOn,
      result,
      evidence,
      proposals,
    },
  };
}

/**
 * Units whose staff use the sidebar: active, not villages (villages report through the forms and
 * their rows stay admin-only). Matches the row blocks set-up protects for units.
 */
export function isSidebarUnit(unit: Unit): boolean {
  return unit.active && unit.kind !== 'village' && unit.emails.length > 0;
}

/** True when `email` is one of the unit's e-mails (case- and spacing-insensitive). */
export function unitHasEmail(unit: Unit, email: string): boolean {
  const key = normalizeKey(email);
  return key !== '' && unit.emails.some(e => normalizeKey(e) === key);
}

/** True when `email` is one of the admins (the settings' list plus the owner, as the caller gives). */
export function isAdmin(email: string, admins: readonly string[]): boolean {
  const key = normalizeKey(email);
  return key !== '' && admins.some(a => normalizeKey(a) === key);
}

/** The units a user may act for: every unit for an admin, else the sidebar units holding the e-mail. */
export function unitsUserMayEdit(
  email: string,
  units: Unit[],
  admins: readonly string[],
): Unit[] {
  if (isAdmin(email, admins)) return units.filter(u => u.code);
  return units.filter(u => isSidebarUnit(u) && unitHasEmail(u, email));
}

/** True when `email` may change the assignments of `unitCode`: an admin, or that unit's staff. */
export function canEdit(
  email: string,
  unitCode: string,
  units: Unit[],
  admins: readonly string[],
): boolean {
  if (!normalizeKey(email) || !unitCode) return false;
  if (isAdmin(email, admins)) return true;
  const unit = units.find(u => u.code === unitCode);
  return unit !== undefined && isSidebarUnit(unit) && unitHasEmail(unit, email);
}

/** The fields of an assignment a save changes, as comparable values. */
export interface EditableValues {
  progress: Progress;
  completedOn: IsoDate | null;
  result: string;
  evidence: string[];
  proposals: string;
}

/**
 * A short fingerprint of an assignment's editable values and version: it changes when the row is
 * changed by anyone, through the sidebar (version) or by typing in the sheet (values).
 */
export function assignmentStamp(
  values: EditableValues & {version: number},
): string {
  const text = JSON.stringify([
    values.version,
    values.progress,
    values.completedOn ?? '',
    nfc(values.result),
    values.evidence.join('\n'),
    nfc(values.proposals),
  ]);
  // Two 32-bit FNV-1a hashes with different seeds: cheap, pure, no crypto needed here.
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  return `${values.version}-${h1.toString(36)}${h2.toString(36)}`;
}

/** One changed field: its label and the values before and after, as text. */
export interface FieldChange {
  field: UpdateField;
  label: string;
  before: string;
  after: string;
}

/** What a save changes, field by field, in form order. Values are rendered with `show`. */
export function changedFields(
  before: EditableValues,
  after: EditableValues,
  show: (
    field: keyof EditableValues,
    value: EditableValues[keyof EditableValues],
  ) => string,
): FieldChange[] {
  const keys: (keyof EditableValues)[] = [
    'progress',
    'completedOn',
    'result',
    'evidence',
    'proposals',
  ];
  const out: FieldChange[] = [];
  for (const key of keys) {
    const b = show(key, before[key]);
    const a = show(key, after[key]);
    if (a !== b)
      out.push({field: key, label: FIELD_LABELS[key], before: b, after: a});
  }
  return out;
}
