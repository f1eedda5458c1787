// Names of the exported files and Drive ids read from what the admin pasted (a URL or a bare id).
import type {IsoDate} from './types';

/** Characters Drive, Gmail and Windows all accept in a file name. */
export function safeFileName(name: string): string {
  const cleaned = String(name ?? '')
    .normalize('NFC')
    .replace(/[\\/:*?"<>|\u0000-\u001f\u007f]+/g, '-') // eslint-disable-line no-control-regex
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '');
  return Array.from(cleaned).slice(0, 120).join('').trim() || 'Tệp xuất';
}

/** "02-09-2025" from an ISO date (a file-name friendly dd-MM-yyyy). */
function dayStamp(date: IsoDate): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  return m ? `${m[3]}-${m[2]}-${m[1]}` : date;
}

export interface ExportNames {
  /** "Tổng hợp KY1 (02-09-2025)": the PDF and .xlsx without extension. */
  summary: string;
  /** "Dự thảo báo cáo KY1 (02-09-2025)": the Google Doc and the .docx without extension. */
  report: string;
}

/** The exported files' names for a period's summary as of a date. */
export function exportNames(periodId: string, asOfDate: IsoDate): ExportNames {
  const stamp = dayStamp(asOfDate);
  return {
    summary: safeFileName(`Tổng hợp ${periodId} (${stamp})`),
    report: safeFileName(`Dự thảo báo cáo ${periodId} (${stamp})`),
  };
}

/** The name of the folder the app creates for its exports. */
export function exportFolderName(issuer: string): string {
  return safeFileName(
    `Dân vận chính quyền - Tệp xuất${issuer.trim() ? ` (${issuer.trim()})` : ''}`,
  );
}

/**
 * A Drive file or folder id from what the admin pasted: a bare id, or a Drive / Docs URL
 * (".../folders/<id>", ".../d/<id>/...", "...?id=<id>"). Null when the text holds none.
 */
export function parseDriveId(text: string): string | null {
  const t = String(text ?? '').trim();
  if (!t) return null;
  const fromUrl =
    /\/(?:folders|d)\/([A-Za-z0-9_-]{10,})/.exec(t) ??
    /[?&]id=([A-Za-z0-9_-]{10,})/.exec(t);
  if (fromUrl) return fromUrl[1];
  return /^[A-Za-z0-9_-]{20,}$/.test(t) ? t : null;
}
