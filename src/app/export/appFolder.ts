// Each admin's own export folder: drive.file reaches only what the running account made, so folders are kept by e-mail.
import {exportFolderName} from '../../core/exportNames';
import {normalizeKey} from '../../core/text';
import {
  createDriveFolder,
  findDriveItem,
  FOLDER_MIME,
  type DriveItem,
} from '../../services/drive';
import {
  getDocProperty,
  readJsonProperty,
  setDocProperty,
} from '../../services/properties';
import {effectiveUserEmail} from '../../services/user';

/**
 * Document property: the app's export folder of each account, {email: folder id}. Under drive.file a
 * folder the app made while running as one admin is "File not found" for another admin, so one
 * shared id would flip between admins at every export; each keeps their own instead.
 */
export const EXPORT_FOLDERS_KEY = 'export.folders';

/** The single folder id of earlier versions: adopted by the account that can still reach it. */
export const LEGACY_EXPORT_FOLDER_KEY = 'export.folderId';

function folders(): Record<string, string> {
  return readJsonProperty<string>(EXPORT_FOLDERS_KEY);
}

function usable(id: string | undefined | null): DriveItem | null {
  if (!id) return null;
  const f = findDriveItem(id);
  return f && !f.trashed && f.mimeType === FOLDER_MIME ? f : null;
}

export interface AppFolder {
  folder: DriveItem;
  /** The account it belongs to (the account the script runs as). */
  owner: string;
  /** Made by this call. */
  created: boolean;
  /** Other accounts that have an export folder of their own. */
  others: string[];
}

/** The running account's export folder, made when missing. The caller holds the document lock. */
export function appExportFolderLocked(issuer: string): AppFolder {
  const owner = normalizeKey(effectiveUserEmail());
  const map = folders();
  const others = Object.keys(map).filter(u => u !== owner);
  const mine = usable(map[owner]);
  if (mine) return {folder: mine, owner, created: false, others};
  const legacy = usable(getDocProperty(LEGACY_EXPORT_FOLDER_KEY));
  const folder = legacy ?? createDriveFolder(exportFolderName(issuer));
  map[owner] = folder.id;
  setDocProperty(EXPORT_FOLDERS_KEY, JSON.stringify(map));
  return {folder, owner, created: !legacy, others};
}
