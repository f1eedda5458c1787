// The Drive adapter: the Drive API advanced service (v3) under the drive.file scope (only files the app made).

export const GOOGLE_DOC_MIME = 'application/vnd.google-apps.document';
export const FOLDER_MIME = 'application/vnd.google-apps.folder';
const FIELDS = 'id,name,mimeType,webViewLink,trashed';

/** A Drive file as the exports need it. */
export interface DriveItem {
  id: string;
  name: string;
  mimeType: string;
  url: string;
  trashed: boolean;
}

export class DriveUnavailableError extends Error {}

type Files = GoogleAppsScript.Drive_v3.Drive.V3.Collection.FilesCollection;

/** The advanced service's Files collection; throws when the Drive API service is not enabled. */
function files(): Files {
  const drive = typeof Drive === 'undefined' ? undefined : Drive;
  if (!drive || !drive.Files) {
    throw new DriveUnavailableError(
      'Dịch vụ nâng cao Drive API chưa được bật cho dự án Apps Script (appsscript.json → enabledAdvancedServices).',
    );
  }
  return drive.Files;
}

function toItem(f: GoogleAppsScript.Drive_v3.Drive.V3.Schema.File): DriveItem {
  return {
    id: String(f.id ?? ''),
    name: String(f.name ?? ''),
    mimeType: String(f.mimeType ?? ''),
    url: String(f.webViewLink ?? ''),
    trashed: Boolean(f.trashed),
  };
}

/** True for Drive's "File not found" (what drive.file answers for files the app may not see). */
function isNotFound(e: unknown): boolean {
  const details = (e as {details?: {code?: number}}).details;
  return (
    details?.code === 404 ||
    /not ?found/i.test(String((e as Error)?.message ?? e))
  );
}

/** The file or folder if the app can reach it (drive.file: made or opened by the app), else null. */
export function findDriveItem(id: string): DriveItem | null {
  try {
    return toItem(files().get(id, {fields: FIELDS}));
  } catch (e) {
    if (isNotFound(e)) return null;
    throw e;
  }
}

/** A new folder (in `parentId`, else My Drive's root). Its link is built from the id (a bare create returns no link). */
export function createDriveFolder(
  name: string,
  parentId: string | null = null,
): DriveItem {
  const resource: GoogleAppsScript.Drive_v3.Drive.V3.Schema.File = {
    name,
    mimeType: FOLDER_MIME,
  };
  if (parentId) resource.parents = [parentId];
  const item = toItem(files().create(resource));
  return {
    ...item,
    url: item.url || `https://drive.google.com/drive/folders/${item.id}`,
  };
}

/** Saves a blob as a file, in `folderId` or My Drive's root. */
export function saveToDrive(
  blob: GoogleAppsScript.Base.Blob,
  name: string,
  folderId: string | null,
): DriveItem {
  const resource: GoogleAppsScript.Drive_v3.Drive.V3.Schema.File = {
    name,
    mimeType: blob.getContentType() ?? undefined,
  };
  if (folderId) resource.parents = [folderId];
  return toItem(files().create(resource, blob, {fields: FIELDS}));
}

/** Uploads a .docx and lets Drive convert it into a Google Doc (one call), in `folderId` or the root. */
export function importAsGoogleDoc(
  docx: GoogleAppsScript.Base.Blob,
  name: string,
  folderId: string | null,
): DriveItem {
  const resource: GoogleAppsScript.Drive_v3.Drive.V3.Schema.File = {
    name,
    mimeType: GOOGLE_DOC_MIME,
  };
  if (folderId) resource.parents = [folderId];
  return toItem(files().create(resource, docx, {fields: FIELDS}));
}
