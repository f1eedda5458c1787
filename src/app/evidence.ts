// Evidence uploads (personal link and sidebar): checked file → "Minh chứng/<kỳ>/<đơn vị>/" on Drive → link in the evidence.
import {
  IMAGE_MAX_SIDE,
  UPLOAD_MAX_BYTES,
  UPLOAD_TYPES,
  checkUpload,
  contentMatches,
} from '../core/evidence';
import type {UploadLimits, UploadResult} from '../shared/link';
import type {SaveFailure} from '../shared/sidebar';
import type {RunClock} from '../services/clock';
import {
  FOLDER_MIME,
  createDriveFolder,
  findDriveItem,
  saveToDrive,
  type DriveItem,
} from '../services/drive';
import {withDocumentLock} from '../services/lock';
import {readJsonProperty, setDocProperty} from '../services/properties';
import {
  LOCK_WAIT_MS,
  findChangeable,
  limits,
  openContext,
  saveErrorResult,
  writeChange,
  type Actor,
  type Context,
} from './assignmentGate';
import {appExportFolderLocked} from './export/appFolder';
import {parseDriveId} from '../core/exportNames';

/** What the page and the sidebar are told they may upload. */
export const UPLOAD_LIMITS: Readonly<UploadLimits> = {
  maxBytes: UPLOAD_MAX_BYTES,
  imageMaxSide: IMAGE_MAX_SIDE,
  types: Object.keys(UPLOAD_TYPES),
};

/** Document property: the evidence folders the app made, by path ("Minh chứng/<kỳ>/<đơn vị>"). */
const FOLDERS_KEY = 'evidence.folders';

function folderMap(): Record<string, string> {
  return readJsonProperty<string>(FOLDERS_KEY);
}

function usable(id: string | undefined): DriveItem | null {
  if (!id) return null;
  const f = findDriveItem(id);
  return f && !f.trashed && f.mimeType === FOLDER_MIME ? f : null;
}

/** Drive folder names keep to what Drive and people read well: no slashes, not too long. */
function folderName(text: string): string {
  return (
    text
      .replace(/[\\/]+/g, '-')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 100) || 'Chưa đặt tên'
  );
}

/**
 * The folder "Minh chứng/<kỳ>/<đơn vị>" under the export folder (the settings' folder when the app
 * can write there, else the app's own export folder), made where missing. The caller holds the
 * document lock. Folders are created only by the app, so drive.file is enough.
 */
function evidenceFolder(ctx: Context, unitName: string): DriveItem {
  const settings = ctx.data.settings;
  const map = folderMap();
  const root =
    usable(parseDriveId(settings.exportFolder) ?? undefined) ??
    appExportFolderLocked(settings.issuer).folder;
  const period = ctx.period
    ? ctx.period.name || ctx.period.id
    : 'Ngoài kỳ báo cáo';
  const names = ['Minh chứng', folderName(period), folderName(unitName)];
  let parent = root;
  let path = root.id;
  let changed = false;
  for (const name of names) {
    path += `/${name}`;
    let folder = usable(map[path]);
    if (!folder) {
      folder = createDriveFolder(name, parent.id);
      map[path] = folder.id;
      changed = true;
    }
    parent = folder;
  }
  if (changed) setDocProperty(FOLDERS_KEY, JSON.stringify(map));
  return parent;
}

function refused(code: string, message: string): UploadResult {
  return {ok: false, code, message};
}

/**
 * One upload through the gate: the file is checked (type, size, its bytes match its type) before
 * anything is written; then, under the document lock, the actor is authorised for the row, the
 * file is saved on Drive and its link added to the evidence (a new version, history as for a save).
 * The other fields of the row are left as they are.
 */
export function uploadEvidence(
  actor: () => Actor | Context | SaveFailure,
  assignmentId: unknown,
  file: unknown,
  clock: RunClock,
): UploadResult {
  try {
    const checked = checkUpload(file, UPLOAD_LIMITS.maxBytes);
    if (!checked.ok) return refused('invalid', checked.message);
    const upload = checked.value;
    if (
      typeof assignmentId !== 'string' ||
      !assignmentId ||
      assignmentId.length > 300
    )
      return refused('invalid', 'Thiếu mã phân công. Vui lòng tải lại trang.');
    const bytes = Utilities.base64Decode(upload.base64);
    if (bytes.length > UPLOAD_LIMITS.maxBytes)
      return refused('invalid', 'Tệp vượt quá giới hạn dung lượng.');
    if (!contentMatches(upload.mimeType, bytes.slice(0, 16))) {
      return refused(
        'invalid',
        'Nội dung tệp không đúng với loại tệp (ví dụ tệp đổi đuôi). Vui lòng chọn đúng tệp ảnh, PDF hoặc Office.',
      );
    }
    return withDocumentLock(() => {
      const who = actor();
      if ('ok' in who) return refused(who.code, who.message);
      // The link's check hands back the context it opened under this lock: not read twice.
      const ctx = 'kind' in who ? openContext(who, clock) : who;
      const current = findChangeable(ctx, assignmentId);
      if ('ok' in current) return refused(current.code, current.message);
      const max = limits().evidenceMaxCount;
      if (current.evidence.length >= max) {
        return refused(
          'invalid',
          `Phân công này đã có ${max} minh chứng (tối đa). Hãy gom tệp vào một thư mục Drive và dán đường dẫn thư mục.`,
        );
      }
      const unitName =
        ctx.unitByCode.get(current.unitCode)?.name ?? current.unitCode;
      const folder = evidenceFolder(ctx, unitName);
      const stamp = clock.today.replace(/-/g, '');
      const name = `NV${current.tt} - ${stamp} - ${upload.name}`;
      const blob = Utilities.newBlob(bytes, upload.mimeType, name);
      const saved = saveToDrive(blob, name, folder.id);
      const url =
        saved.url || `https://drive.google.com/file/d/${saved.id}/view`;
      const result = writeChange(ctx, current, {
        progress: current.progress,
        completedOn: current.completedOn,
        result: current.result,
        evidence: [...current.evidence, url],
        proposals: current.proposals,
      });
      return {
        ok: true,
        url,
        name,
        assignment: result.assignment,
        previousVersion: current.version,
        message: `Đã tải lên "${upload.name}" và thêm vào minh chứng.`,
      };
    }, LOCK_WAIT_MS);
  } catch (e) {
    const r = saveErrorResult(e, 'uploadEvidence');
    return refused(
      r.code,
      r.message.replace('Chưa lưu được', 'Chưa tải lên được'),
    );
  }
}
