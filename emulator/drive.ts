// The Drive advanced service (v3 Files.create/get) with drive.file semantics, and a host view of the files.
import type {EmulatorContext} from './context';
import type {BlobImpl} from './blob';
import {importDocx, documentText, type DocumentContent} from './documents';
import type {Workspace, WorkspaceExtension} from './index';
import {describeApi, gasError, instrument} from './runtime';

export const FOLDER_MIME = 'application/vnd.google-apps.folder';
export const GOOGLE_DOC_MIME = 'application/vnd.google-apps.document';
const DOCX_MIME =
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
/** The id the script uses for the user's "My Drive" ("root" in the API). */
export const ROOT_ID = 'root';

/** One file or folder of the emulated Drive. */
export interface DriveFileState {
  id: string;
  name: string;
  mimeType: string;
  /** Parent folder ids ("root" for My Drive). */
  parents: string[];
  owner: string;
  createdTime: string;
  modifiedTime: string;
  description: string;
  trashed: boolean;
  /**
   * The script created it (or the user opened it with the script): with only the drive.file scope,
   * these are the only files the script can see or put files into.
   */
  appAccess: boolean;
  /**
   * Whose drive.file sessions reach it (lower-case e-mails). The scope "grants per-file access":
   * "Create new Drive files, or modify existing files, that you open with an app or that the user
   * shares with an app while using the Google Picker API" (developers.google.com/drive/api/guides/
   * about-auth) — a grant of one user to the app, so a file the script made running as one admin
   * is "File not found" to the same script running as another. Absent: every user (host-seeded).
   */
  appUsers?: string[];
  /** Content of an ordinary file. */
  data: Buffer | null;
  /** A Google Doc's content. */
  document: DocumentContent | null;
  /** The .docx a Google Doc was converted from (what "Download as .docx" gives back). */
  sourceDocx: Buffer | null;
}

interface DriveFileJson extends Omit<DriveFileState, 'data' | 'sourceDocx'> {
  data: string | null;
  sourceDocx: string | null;
}

type FileResource = GoogleAppsScript.Drive_v3.Drive.V3.Schema.File;

/** The link Drive's web UI opens a file with. */
export function webViewLink(
  f: Pick<DriveFileState, 'id' | 'mimeType'>,
): string {
  if (f.mimeType === FOLDER_MIME)
    return `https://drive.google.com/drive/folders/${f.id}`;
  if (f.mimeType === GOOGLE_DOC_MIME)
    return `https://docs.google.com/document/d/${f.id}/edit?usp=drivesdk`;
  return `https://drive.google.com/file/d/${f.id}/view?usp=drivesdk`;
}

/** The emulated Drive: every file by id. Persisted with the workspace; the host reads it directly. */
export class DriveStore implements WorkspaceExtension {
  readonly name = 'drive';
  readonly files = new Map<string, DriveFileState>();

  constructor(readonly _ctx: EmulatorContext) {}

  file(id: string): DriveFileState | undefined {
    return this.files.get(id);
  }

  /** Files (not trashed) directly inside a folder ("root" for My Drive), in creation order. */
  children(folderId: string): DriveFileState[] {
    return [...this.files.values()].filter(
      f => !f.trashed && f.parents.includes(folderId),
    );
  }

  /** Files whose name is exactly `name`, newest first. */
  byName(name: string): DriveFileState[] {
    return [...this.files.values()].filter(f => f.name === name).reverse();
  }

  /** A file's bytes: an ordinary file's content, a Google Doc's .docx export. */
  bytes(id: string): Buffer {
    const f = this.files.get(id);
    if (!f) throw new Error(`No Drive file ${id}`);
    if (f.data) return f.data;
    if (f.sourceDocx) return f.sourceDocx;
    throw new Error(
      `Drive file ${id} (${f.mimeType}) has no downloadable content`,
    );
  }

  /** A Google Doc's content (paragraphs, tables, sections). */
  document(id: string): DocumentContent {
    const f = this.files.get(id);
    if (!f?.document) throw new Error(`No Google Doc ${id}`);
    return f.document;
  }

  /** A Google Doc's text: paragraphs one a line, table rows one a line with tab-separated cells. */
  documentText(id: string): string {
    return documentText(this.document(id));
  }

  /** A folder the user made in the Drive UI: the script cannot reach it with drive.file alone. */
  createUserFolder(
    name: string,
    owner = this._ctx.effectiveUser(),
  ): DriveFileState {
    return this.add({
      name,
      mimeType: FOLDER_MIME,
      parents: [ROOT_ID],
      owner,
      appAccess: false,
    });
  }

  /** The user opens a file with the script (Google Picker): drive.file now reaches it, for that user. */
  grantAppAccess(id: string, user = this._ctx.effectiveUser()): void {
    const f = this.files.get(id);
    if (!f) throw new Error(`No Drive file ${id}`);
    const u = user.toLowerCase();
    f.appUsers = f.appAccess
      ? f.appUsers && [...new Set([...f.appUsers, u])]
      : [u];
    f.appAccess = true;
  }

  /** The user moves a file to the trash. */
  trash(id: string): void {
    const f = this.files.get(id);
    if (f) f.trashed = true;
  }

  add(
    init: Partial<DriveFileState> & {
      name: string;
      mimeType: string;
      owner: string;
    },
  ): DriveFileState {
    const now = this._ctx.now().toISOString();
    const prefix =
      init.mimeType === FOLDER_MIME
        ? 'folder'
        : init.mimeType === GOOGLE_DOC_MIME
          ? 'doc'
          : 'file';
    const f: DriveFileState = {
      id: this._ctx.newId(prefix),
      parents: [ROOT_ID],
      createdTime: now,
      modifiedTime: now,
      description: '',
      trashed: false,
      appAccess: true,
      data: null,
      document: null,
      sourceDocx: null,
      ...init,
    };
    this.files.set(f.id, f);
    return f;
  }

  toJSON(): {files: DriveFileJson[]} {
    return {
      files: [...this.files.values()].map(f => ({
        ...f,
        data: f.data ? f.data.toString('base64') : null,
        sourceDocx: f.sourceDocx ? f.sourceDocx.toString('base64') : null,
      })),
    };
  }

  fromJSON(data: unknown): void {
    const j = (data ?? {}) as {files?: DriveFileJson[]};
    this.files.clear();
    for (const f of j.files ?? []) {
      this.files.set(f.id, {
        ...f,
        data: f.data ? Buffer.from(f.data, 'base64') : null,
        sourceDocx: f.sourceDocx ? Buffer.from(f.sourceDocx, 'base64') : null,
      });
    }
  }
}

/** Google's error for a failed advanced-service call. */
function apiError(
  ctx: EmulatorContext,
  method: string,
  code: number,
  message: string,
): Error {
  const e = gasError(
    ctx,
    `API call to drive.files.${method} failed with error: ${message}`,
  );
  e.name = 'GoogleJsonResponseException';
  (e as Error & {details?: unknown}).details = {code, message};
  return e;
}

/** The fields a response carries: v3's default (kind, id, name, mimeType) or what `fields` asks. */
function pick(f: DriveFileState, fields: unknown): FileResource {
  const all: Record<string, unknown> = {
    kind: 'drive#file',
    id: f.id,
    name: f.name,
    mimeType: f.mimeType,
    parents: [...f.parents],
    createdTime: f.createdTime,
    modifiedTime: f.modifiedTime,
    description: f.description,
    trashed: f.trashed,
    webViewLink: webViewLink(f),
    owners: [{kind: 'drive#user', emailAddress: f.owner, me: true}],
    size: f.data ? String(f.data.length) : undefined,
  };
  const list =
    typeof fields === 'string' && fields.trim()
      ? fields
          .split(',')
          .map(s => s.trim())
          .filter(Boolean)
      : ['kind', 'id', 'name', 'mimeType'];
  if (list.includes('*')) return all as FileResource;
  const out: Record<string, unknown> = {};
  for (const k of list) if (all[k] !== undefined) out[k] = all[k];
  return out as FileResource;
}

/** Drive.Files (advanced service, v3). Only files the script may reach with drive.file exist for it. */
export class DriveFilesImpl {
  constructor(
    readonly _ctx: EmulatorContext,
    readonly _store: DriveStore,
  ) {}

  _reachable(id: string, method: string): DriveFileState {
    const f = this._store.file(id);
    const user = this._ctx.effectiveUser().toLowerCase();
    if (!f || !f.appAccess || (f.appUsers && !f.appUsers.includes(user)))
      throw apiError(this._ctx, method, 404, `File not found: ${id}.`);
    return f;
  }

  create(
    resource: FileResource,
    mediaData?: GoogleAppsScript.Base.Blob,
    optionalArgs?: Record<string, unknown>,
  ): FileResource {
    const r = (resource ?? {}) as FileResource;
    const parents =
      r.parents && r.parents.length ? r.parents.map(String) : [ROOT_ID];
    for (const p of parents) {
      if (p === ROOT_ID) continue;
      const parent = this._reachable(p, 'create');
      if (parent.mimeType !== FOLDER_MIME || parent.trashed) {
        throw apiError(
          this._ctx,
          'create',
          400,
          `The specified parent is not a folder: ${p}.`,
        );
      }
    }
    const blob = mediaData as unknown as BlobImpl | undefined;
    const wanted = r.mimeType ? String(r.mimeType) : null;
    const owner = this._ctx.effectiveUser();
    const base = {
      parents,
      owner,
      appAccess: true,
      appUsers: [owner.toLowerCase()],
      description: r.description ? String(r.description) : '',
    };
    if (wanted === GOOGLE_DOC_MIME) {
      let document: DocumentContent = {
        body: [],
        sections: [{landscape: false, startBlock: 0}],
        fontFamily: null,
        fontSize: null,
      };
      let sourceDocx: Buffer | null = null;
      if (blob) {
        const type = blob._contentType ?? '';
        if (type === DOCX_MIME || /\.docx$/i.test(blob._name ?? '')) {
          try {
            document = importDocx(blob._data);
          } catch (e) {
            throw apiError(
              this._ctx,
              'create',
              400,
              `Bad Request: the file could not be converted (${(e as Error).message}).`,
            );
          }
          sourceDocx = Buffer.from(blob._data);
        } else if (type.startsWith('text/plain')) {
          document.body = blob._data
            .toString('utf8')
            .split(/\r?\n/)
            .map(line => ({
              type: 'paragraph' as const,
              runs: line
                ? [
                    {
                      text: line,
                      bold: false,
                      italic: false,
                      underline: false,
                      size: null,
                    },
                  ]
                : [],
              align: 'left' as const,
              pageBreakBefore: false,
            }));
        } else {
          throw apiError(
            this._ctx,
            'create',
            400,
            `Bad Request: the emulator cannot convert ${type || 'this file'} to a Google Doc.`,
          );
        }
      }
      const name = r.name
        ? String(r.name)
        : (blob?._name ?? 'Untitled document').replace(/\.docx$/i, '');
      return pick(
        this._store.add({
          ...base,
          name,
          mimeType: GOOGLE_DOC_MIME,
          document,
          sourceDocx,
        }),
        optionalArgs?.fields,
      );
    }
    if (
      wanted &&
      wanted.startsWith('application/vnd.google-apps.') &&
      wanted !== FOLDER_MIME
    ) {
      throw apiError(
        this._ctx,
        'create',
        400,
        `Bad Request: the emulator cannot create ${wanted}.`,
      );
    }
    if (wanted === FOLDER_MIME) {
      if (blob)
        throw apiError(
          this._ctx,
          'create',
          400,
          'Bad Request: a folder has no content.',
        );
      return pick(
        this._store.add({
          ...base,
          name: r.name ? String(r.name) : 'Untitled folder',
          mimeType: FOLDER_MIME,
        }),
        optionalArgs?.fields,
      );
    }
    const mimeType = wanted ?? blob?._contentType ?? 'application/octet-stream';
    const name = r.name ? String(r.name) : (blob?._name ?? 'Untitled');
    const data = blob ? Buffer.from(blob._data) : Buffer.alloc(0);
    return pick(
      this._store.add({...base, name, mimeType, data}),
      optionalArgs?.fields,
    );
  }

  get(fileId: string, optionalArgs?: Record<string, unknown>): FileResource {
    const f = this._reachable(String(fileId), 'get');
    return pick(f, optionalArgs?.fields);
  }
}
instrument(
  DriveFilesImpl,
  'Drive.Files',
  'Drive_v3.Drive.V3.Collection.FilesCollection',
);

/** The `Drive` global of a script that enabled the Drive API (v3) advanced service. */
export class DriveServiceImpl {
  readonly Files: DriveFilesImpl;
  constructor(ctx: EmulatorContext, store: DriveStore) {
    this.Files = new DriveFilesImpl(ctx, store);
  }
}
describeApi(DriveServiceImpl, 'Drive');

const installed = new WeakMap<Workspace, DriveStore>();

/**
 * Adds the Drive advanced service (global `Drive`, as when appsscript.json enables the Drive API v3)
 * and the Drive store; returns the store for the host. Installing twice returns the same store.
 */
export function installDrive(ws: Workspace): DriveStore {
  const existing = installed.get(ws);
  if (existing) return existing;
  const store = new DriveStore(ws.ctx);
  installed.set(ws, store);
  ws.registerGlobal('Drive', new DriveServiceImpl(ws.ctx, store));
  ws.registerExtension(store);
  return store;
}
