// Use case "Nạp kế hoạch mới từ tệp Word", step 1: read the uploaded .docx or pasted text, write nothing.
import {DOCX_MIME} from '../../core/docx';
import {
  ImportError,
  previewPlan,
  readDocumentXml,
  readPastedText,
  type ImportPreviewData,
  type PlanReading,
} from '../../core/import/planImport';
import type {Unit, UnitGroup} from '../../core/types';
import {getJson, putJson} from '../../services/cache';
import {readImportState} from './workbookState';

/** The largest .docx accepted: plans are far smaller; bigger is a wrong file (or pictures). */
export const MAX_DOCX_BYTES = 10 * 1024 * 1024;
/** The most pasted text accepted (characters). */
export const MAX_PASTED_CHARS = 500000;
/** How long a preview can be applied (seconds). */
const PREVIEW_SECONDS = 3600;

export interface ImportPreviewResult {
  ok: boolean;
  /** Vietnamese, when `ok` is false. */
  message: string;
  /** Pass to applyImportedPlan; "" when not ok. */
  token: string;
  plan: ImportPreviewData['plan'] | null;
  units: ImportPreviewData['units'];
  problems: string[];
  /** Which modes the workbook allows now, and why not. */
  modes: {
    replace: {allowed: boolean; reason: string};
    next: {allowed: boolean; reason: string};
  };
  source: PlanReading['source'] | null;
}

/** What the cache keeps for a token (only the admin who previewed can read it: user cache). */
export interface StoredPreview {
  preview: ImportPreviewData;
  user: string;
}

export function previewKey(token: string): string {
  return `planImport:${token}`;
}

export function storedPreview(token: string): StoredPreview | null {
  if (typeof token !== 'string' || !/^[\w-]{8,64}$/.test(token)) return null;
  return getJson<StoredPreview>(previewKey(token));
}

function failure(message: string): ImportPreviewResult {
  return {
    ok: false,
    message,
    token: '',
    plan: null,
    units: {matched: [], proposed: []},
    problems: [],
    modes: {
      replace: {allowed: false, reason: ''},
      next: {allowed: false, reason: ''},
    },
    source: null,
  };
}

/** Reads a .docx the dialog uploaded as base64: size first, then the zip, then word/document.xml. */
function readUploadedDocx(
  name: string,
  mimeType: string,
  base64: string,
): PlanReading {
  const approxBytes = Math.floor((base64.length * 3) / 4);
  if (approxBytes > MAX_DOCX_BYTES)
    throw new ImportError(
      `Tệp "${name}" lớn khoảng ${(approxBytes / 1024 / 1024).toFixed(1)} MB, vượt giới hạn ${MAX_DOCX_BYTES / 1024 / 1024} MB. Kế hoạch thường chỉ vài trăm KB: hãy xóa ảnh trong tệp hoặc chỉ dán bảng phụ lục.`,
    );
  if (/\.doc$/i.test(name))
    throw new ImportError(
      `Tệp "${name}" là định dạng Word cũ (.doc). Hãy mở tệp bằng Word và "Lưu thành" .docx, rồi nạp lại.`,
    );
  let bytes: number[];
  try {
    bytes = Utilities.base64Decode(base64);
  } catch {
    throw new ImportError(
      'Tệp tải lên bị hỏng trên đường truyền. Vui lòng chọn lại tệp.',
    );
  }
  const blob = Utilities.newBlob(
    bytes,
    mimeType || DOCX_MIME,
    name || 'ke-hoach.docx',
  );
  let parts: GoogleAppsScript.Base.Blob[];
  try {
    parts = Utilities.unzip(blob);
  } catch {
    throw new ImportError(
      `Tệp "${name}" không phải tệp Word .docx (hoặc đã bị hỏng): không mở được. Hãy chọn tệp .docx, hoặc dán bảng phụ lục vào ô bên dưới.`,
    );
  }
  const doc = parts.find(p => p.getName() === 'word/document.xml');
  if (!doc)
    throw new ImportError(
      `Tệp "${name}" không phải văn bản Word (.docx): trong tệp không có phần nội dung văn bản (word/document.xml).`,
    );
  return readDocumentXml(doc.getDataAsString('UTF-8'));
}

/** Reads the input into a plan reading; throws ImportError with a Vietnamese message for bad input. */
function readInput(
  input: unknown,
  state: {units: Unit[]; groups: UnitGroup[]; year: number},
): PlanReading {
  if (!input || typeof input !== 'object')
    throw new ImportError('Chưa chọn tệp .docx hoặc dán bảng phụ lục.');
  const v = input as Record<string, unknown>;
  if (typeof v.base64 === 'string' && v.base64) {
    const name =
      typeof v.name === 'string' ? v.name.slice(0, 200) : 'ke-hoach.docx';
    const mime = typeof v.mimeType === 'string' ? v.mimeType.slice(0, 200) : '';
    return readUploadedDocx(name, mime, v.base64);
  }
  if (typeof v.text === 'string' && v.text.trim()) {
    if (v.text.length > MAX_PASTED_CHARS)
      throw new ImportError(
        `Phần đã dán dài ${v.text.length.toLocaleString('vi-VN')} ký tự, vượt giới hạn ${MAX_PASTED_CHARS.toLocaleString('vi-VN')}: chỉ dán bảng phụ lục.`,
      );
    return readPastedText(v.text, state);
  }
  throw new ImportError('Chưa chọn tệp .docx hoặc dán bảng phụ lục.');
}

/**
 * google.script.run from the import dialog: reads the plan and returns what would be written, with
 * every doubt, and a token for applyImportedPlan. Writes nothing to the workbook. Admins only.
 */
export function runImportPlanPreview(input: unknown): ImportPreviewResult {
  const state = readImportState();
  if (!state.isAdmin)
    return failure(
      'Chỉ cán bộ quản trị được nạp kế hoạch mới. Vui lòng liên hệ người quản trị.',
    );
  let preview: ImportPreviewData;
  let reading: PlanReading;
  try {
    reading = readInput(input, {
      units: state.units,
      groups: state.groups,
      year: Number(state.clock.today.slice(0, 4)),
    });
    preview = previewPlan(reading, {
      units: state.units,
      groups: state.groups,
      firstPeriodNumber: state.nextPeriodNumber,
      reminderOffsets: state.settings.dueReminderDays,
      today: state.clock.today,
    });
  } catch (e) {
    if (e instanceof ImportError) return failure(e.message);
    throw e;
  }
  const token = Utilities.getUuid();
  const stored: StoredPreview = {preview, user: state.user};
  putJson(previewKey(token), stored, PREVIEW_SECONDS);
  const replaceReason = state.dataReasons.length
    ? `Bảng tính đã có dữ liệu (${state.dataReasons.join(', ')}): dùng "Nửa năm tiếp theo" để lưu trữ kế hoạch cũ.`
    : '';
  const nextReason = state.hasPlan
    ? ''
    : 'Bảng tính chưa có kế hoạch nào để chuyển sang nửa năm tiếp theo.';
  return {
    ok: true,
    message: '',
    token,
    plan: preview.plan,
    units: preview.units,
    problems: preview.problems,
    modes: {
      replace: {allowed: !replaceReason, reason: replaceReason},
      next: {allowed: !nextReason, reason: nextReason},
    },
    source: reading.source,
  };
}
