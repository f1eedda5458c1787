// The host API: a Workspace holds every emulated service and the state behind it (users, clock, files, triggers).
import {createHash} from 'node:crypto';
import type {EmulatorContext, Execution, Realm} from './context';
import {CallCounter} from './context';
import {SpreadsheetStore} from './spreadsheet/env';
import type {SpreadsheetEnv} from './spreadsheet/env';
import {PROTECTED_MESSAGE} from './spreadsheet/env';
import {
  SpreadsheetModel,
  spreadsheetFromJson,
  spreadsheetToJson,
} from './spreadsheet/model';
import {SpreadsheetAppImpl} from './spreadsheet/app';
import {SpreadsheetImpl} from './spreadsheet/spreadsheet';
import {SheetImpl} from './spreadsheet/sheet';
import {RangeImpl} from './spreadsheet/range';
import {parseA1} from './spreadsheet/a1';
import {passesValidation} from './spreadsheet/validation';
import {UiRecorder} from './ui';
import {HtmlFiles, HtmlServiceImpl} from './html';
import {SessionImpl} from './session';
import {UtilitiesImpl} from './utilities';
import type {BlobImpl} from './blob';
import {CacheServiceImpl, CacheStores} from './cache';
import {PropertiesServiceImpl, PropertyStores} from './properties';
import {LockServiceImpl, LockTable} from './lock';
import {ScriptAppImpl, TriggerTable, nextClockRun} from './script';
import type {TriggerState, WebAppDeployment} from './script';
import {LoggerImpl} from './logger';
import {installMail} from './mail';
import {installDrive} from './drive';
import {installSheetsApi} from './sheetsApi';
import type {DriveStore} from './drive';
import {installForms} from './forms';
import type {FormsHost, SubmitOptions, SubmitResult} from './forms';
import type {MailBox} from './mail';
import {UserImpl, gasError, isDate} from './runtime';
import {startExecutionClock} from './limits';
import {textPdf} from './pdf';
import {htmlToPdf} from './htmlPdf';
import {wallClock} from './tz';

export {CallCounter} from './context';
export type {EmulatorContext, Execution} from './context';
export type {TriggerState} from './script';
export type {UiEvent, MenuSpec} from './ui';
export type {MailBox, SentMessage} from './mail';
export type {DriveStore, DriveFileState} from './drive';
export type {
  FormsHost,
  FormState,
  PublishedForm,
  SubmitOptions,
  SubmitResult,
} from './forms';
export {FormSubmitError} from './forms';

export interface WorkspaceOptions {
  /** Owner of the bound spreadsheet and of the script (default "owner@example.com"). */
  owner?: string;
  /** The script's and the spreadsheet's time zone (default "Asia/Ho_Chi_Minh"). */
  timeZone?: string;
  /** Emulated now; 'system' follows the real clock (plus any setNow/advance offset). */
  now?: Date | string | number | 'system';
  /** The signed-in user outside `run` scopes (default: the owner). */
  user?: string;
  /** Name of the bound spreadsheet (default "Untitled spreadsheet"). */
  spreadsheetName?: string;
  /** Spreadsheet locale (default "en_US"; "vi_VN" makes Sheets read 3/9/2025 as 3 September). */
  locale?: string;
  /** What Session.getActiveUserLocale() returns (default "vi"). */
  userLocale?: string;
  /** Script id (default derived from the seed). */
  scriptId?: string;
  /** Seed for ids and UUIDs (default "emulator"). */
  seed?: string;
  /** Echo Logger.log lines here (e.g. console.log); default: keep them only in `logs`. */
  logEcho?: (line: string) => void;
  /** false for a standalone script (no container, SpreadsheetApp.getActive() is null). */
  bound?: boolean;
  /** The manifest's oauthScopes to enforce (a call needing another throws Google's error); default none. */
  oauthScopes?: readonly string[] | null;
  /** Fail an execution past this modelled time, as Google does at 6 min (see limits.ts); default none. */
  executionLimitMs?: number | null;
  /**
   * The Sheets advanced service (global `Sheets`) is enabled, as appsscript.json's
   * enabledAdvancedServices does; default true. false: a script sees no `Sheets` global.
   */
  sheetsApi?: boolean;
}

export interface RunOptions {
  /** A UI is attached (menus, dialogs work); default true. */
  ui?: boolean;
  authMode?: Execution['authMode'];
  /** What Session.getActiveUser() says; default the user (use '' for other-domain users). */
  activeUser?: string;
  /** A web app request (LockService.getDocumentLock() is null there). */
  webApp?: boolean;
}

/** Something that adds its own state to the workspace's JSON (forms, mail, drive…). */
export interface WorkspaceExtension {
  name: string;
  toJSON(): unknown;
  fromJSON(data: unknown): void;
}

export interface TriggerRun {
  trigger: TriggerState;
  at: string;
  ok: boolean;
  result?: unknown;
  error?: string;
}

const DEFAULT_NOW = Date.UTC(2025, 8, 1, 1, 0, 0); // 2025-09-01 08:00 in Asia/Ho_Chi_Minh

class WorkspaceContext implements EmulatorContext {
  calls = new CallCounter();
  callDepth = 0;
  uncountedDepth = 0;
  oauthScopes: readonly string[] | null = null;
  executionLimitMs: number | null = null;
  realm: Realm = {Date, Error};
  constructor(
    readonly ws: Workspace,
    public timeZone: string,
  ) {}
  now(): Date {
    return new Date(this.ws.nowMs());
  }
  activeUser(): string {
    return this.ws.currentExecution().activeUser;
  }
  effectiveUser(): string {
    return this.ws.currentExecution().effectiveUser;
  }
  execution(): Execution {
    return this.ws.currentExecution();
  }
  newId(prefix: string): string {
    return this.ws.nextId(prefix);
  }
}

export class Workspace {
  readonly ctx: WorkspaceContext;
  readonly calls: CallCounter;
  readonly owner: string;
  readonly scriptId: string;
  readonly seed: string;
  readonly store = new SpreadsheetStore();
  readonly ui = new UiRecorder();
  readonly html = new HtmlFiles();
  readonly properties = new PropertyStores();
  /** CacheService's stores: volatile, never saved with the workspace. */
  readonly caches = new CacheStores();
  readonly locks: LockTable;
  readonly triggerTable = new TriggerTable();
  /** The web app's deployment: none until `deployWebApp` (ScriptApp.getService().getUrl() is null). */
  readonly webAppDeployment: WebAppDeployment = {url: null};
  /** Logger.log lines. */
  readonly logs: string[] = [];
  /** Every trigger run by fireTrigger / runDueTriggers, oldest first. */
  readonly triggerRuns: TriggerRun[] = [];
  /** MailApp's outbox and daily quota (host view). */
  readonly mail: MailBox;
  /** FormApp's forms, responses and deliveries (host view). */
  readonly forms: FormsHost;
  /** The Drive advanced service's files, Google Docs included (host view). */
  readonly drive: DriveStore;
  /** Blob converters by target content type (e.g. 'application/pdf'), used by Blob.getAs. */
  readonly converters = new Map<string, (blob: BlobImpl) => Buffer>();
  locale: string;
  userLocale: string;

  private clockMode: 'fixed' | 'system';
  private clockMs: number;
  private idCounter = 0;
  private executionCounter = 0;
  private readonly defaultExecution: Execution;
  private readonly stack: Execution[] = [];
  private readonly globalsMap = new Map<string, unknown>();
  private readonly functionSources: Array<(name: string) => unknown> = [];
  private readonly extensions = new Map<string, WorkspaceExtension>();
  private pendingExtensionState: Record<string, unknown> = {};
  private installed: Array<{
    target: Record<string, unknown>;
    saved: Map<string, PropertyDescriptor | undefined>;
  }> = [];

  constructor(opts: WorkspaceOptions = {}) {
    this.owner = opts.owner ?? 'owner@example.com';
    this.seed = opts.seed ?? 'emulator';
    this.scriptId = opts.scriptId ?? '1' + hashId(`${this.seed}:script`, 56);
    this.locale = opts.locale ?? 'en_US';
    this.userLocale = opts.userLocale ?? 'vi';
    this.ctx = new WorkspaceContext(this, opts.timeZone ?? 'Asia/Ho_Chi_Minh');
    this.ctx.oauthScopes = opts.oauthScopes ?? null;
    this.ctx.executionLimitMs = opts.executionLimitMs ?? null;
    this.calls = this.ctx.calls;
    if (opts.now === 'system') {
      this.clockMode = 'system';
      this.clockMs = 0;
    } else {
      this.clockMode = 'fixed';
      this.clockMs =
        opts.now === undefined ? DEFAULT_NOW : new Date(opts.now).getTime();
    }
    this.locks = new LockTable({
      now: () => this.nowMs(),
      advance: ms => this.advance(ms),
    });
    const user = opts.user ?? this.owner;
    this.defaultExecution = {
      id: 0,
      activeUser: user,
      effectiveUser: user,
      ui: true,
      authMode: 'FULL',
    };
    this.converters.set('application/pdf', blob =>
      /^text\/html\b/i.test(blob._contentType ?? '')
        ? htmlToPdf(blob.getDataAsString())
        : textPdf(blob.getDataAsString().split(/\r?\n/), blob._name ?? ''),
    );
    if (opts.bound !== false) {
      const ss = new SpreadsheetModel(
        this.nextId('ss'),
        opts.spreadsheetName ?? 'Untitled spreadsheet',
        this.owner,
        this.ctx.timeZone,
      );
      ss.locale = this.locale;
      ss.addSheet('Sheet1');
      this.store.byId.set(ss.id, ss);
      this.store.boundId = ss.id;
    }
    this.html.globalLookup = name => this.lookupGlobal(name);
    this.buildGlobals(opts.logEcho ?? null);
    this.mail = installMail(this);
    this.forms = installForms(this);
    this.drive = installDrive(this);
    if (opts.sheetsApi !== false) installSheetsApi(this);
  }

  private buildGlobals(logEcho: ((line: string) => void) | null): void {
    const env: SpreadsheetEnv = {ctx: this.ctx, store: this.store, ui: this.ui};
    const docId = () => this.store.boundId;
    this.globalsMap.set('SpreadsheetApp', new SpreadsheetAppImpl(env));
    this.globalsMap.set(
      'HtmlService',
      new HtmlServiceImpl(this.ctx, this.html),
    );
    this.globalsMap.set(
      'Session',
      new SessionImpl(this.ctx, () => this.userLocale),
    );
    this.globalsMap.set(
      'Utilities',
      new UtilitiesImpl(this.ctx, {
        advance: ms => this.advance(ms),
        uuid: () => this.nextUuid(),
        converters: this.converters,
      }),
    );
    this.globalsMap.set(
      'PropertiesService',
      new PropertiesServiceImpl(this.ctx, this.properties, docId),
    );
    this.globalsMap.set(
      'CacheService',
      new CacheServiceImpl(this.ctx, this.caches, docId),
    );
    this.globalsMap.set(
      'LockService',
      new LockServiceImpl(this.ctx, this.locks, docId),
    );
    this.globalsMap.set(
      'ScriptApp',
      new ScriptAppImpl(
        this.ctx,
        this.triggerTable,
        this.scriptId,
        this.webAppDeployment,
      ),
    );
    this.globalsMap.set('Logger', new LoggerImpl(this.ctx, this.logs, logEcho));
  }

  /** The environment spreadsheet extensions need (context, spreadsheets, UI recorder). */
  get spreadsheetEnv(): SpreadsheetEnv {
    return {ctx: this.ctx, store: this.store, ui: this.ui};
  }

  // ---- globals --------------------------------------------------------------------------------

  /** The Apps Script globals: SpreadsheetApp, HtmlService, Session, Utilities, … and registered ones. */
  globals(): Record<string, unknown> {
    return Object.fromEntries(this.globalsMap);
  }

  /** Adds a global service (FormApp, MailApp, DriveApp…); installed targets get it too. */
  registerGlobal(name: string, value: unknown): void {
    this.globalsMap.set(name, value);
    for (const {target, saved} of this.installed) {
      if (!saved.has(name))
        saved.set(name, Object.getOwnPropertyDescriptor(target, name));
      target[name] = value;
    }
  }

  /** Removes a global service (an advanced service the manifest does not enable); installed targets lose it. */
  removeGlobal(name: string): void {
    if (!this.globalsMap.delete(name)) return;
    for (const {target, saved} of this.installed) {
      const desc = saved.get(name);
      if (desc) Object.defineProperty(target, name, desc);
      else delete target[name];
      saved.delete(name);
    }
  }

  installGlobals(target: object = globalThis): void {
    const t = target as Record<string, unknown>;
    const saved = new Map<string, PropertyDescriptor | undefined>();
    for (const [name, value] of this.globalsMap) {
      saved.set(name, Object.getOwnPropertyDescriptor(t, name));
      Object.defineProperty(t, name, {
        value,
        writable: true,
        configurable: true,
        enumerable: false,
      });
    }
    this.installed.push({target: t, saved});
  }

  uninstallGlobals(target: object = globalThis): void {
    const i = this.installed.findIndex(x => x.target === target);
    if (i < 0) return;
    const [{target: t, saved}] = this.installed.splice(i, 1);
    for (const [name, desc] of saved) {
      if (desc) Object.defineProperty(t, name, desc);
      else delete t[name];
    }
  }

  // ---- extensions and persistence -------------------------------------------------------------

  registerExtension(ext: WorkspaceExtension): void {
    this.extensions.set(ext.name, ext);
    if (ext.name in this.pendingExtensionState) {
      ext.fromJSON(this.pendingExtensionState[ext.name]);
      delete this.pendingExtensionState[ext.name];
    }
  }

  toJSON(): WorkspaceJson {
    const extensions: Record<string, unknown> = {...this.pendingExtensionState};
    for (const [name, ext] of this.extensions) extensions[name] = ext.toJSON();
    return {
      version: 1,
      owner: this.owner,
      timeZone: this.ctx.timeZone,
      locale: this.locale,
      userLocale: this.userLocale,
      scriptId: this.scriptId,
      seed: this.seed,
      clock: {mode: this.clockMode, ms: this.clockMs},
      idCounter: this.idCounter,
      user: this.defaultExecution.activeUser,
      boundId: this.store.boundId,
      spreadsheets: [...this.store.byId.values()].map(spreadsheetToJson),
      properties: this.properties.toJSON(),
      triggers: structuredClone(this.triggerTable.triggers),
      html: Object.fromEntries(this.html.files),
      webAppUrl: this.webAppDeployment.url,
      extensions,
    };
  }

  static fromJSON(
    json: WorkspaceJson | string,
    opts: Pick<WorkspaceOptions, 'logEcho'> = {},
  ): Workspace {
    const j: WorkspaceJson = typeof json === 'string' ? JSON.parse(json) : json;
    const ws = new Workspace({
      owner: j.owner,
      timeZone: j.timeZone,
      locale: j.locale,
      userLocale: j.userLocale,
      scriptId: j.scriptId,
      seed: j.seed,
      user: j.user,
      bound: false,
      now: j.clock.mode === 'system' ? 'system' : j.clock.ms,
      logEcho: opts.logEcho,
    });
    ws.clockMs = j.clock.ms;
    ws.idCounter = j.idCounter;
    for (const s of j.spreadsheets) {
      const m = spreadsheetFromJson(s as Record<string, unknown>);
      ws.store.byId.set(m.id, m);
    }
    ws.store.boundId = j.boundId;
    ws.properties.load(j.properties);
    ws.triggerTable.triggers = structuredClone(j.triggers);
    for (const [k, v] of Object.entries(j.html ?? {})) ws.html.files.set(k, v);
    ws.webAppDeployment.url = j.webAppUrl ?? null;
    ws.pendingExtensionState = {...(j.extensions ?? {})};
    for (const [name, ext] of ws.extensions) {
      if (name in ws.pendingExtensionState) {
        ext.fromJSON(ws.pendingExtensionState[name]);
        delete ws.pendingExtensionState[name];
      }
    }
    return ws;
  }

  // ---- users and executions -------------------------------------------------------------------

  /** The signed-in user outside `run` scopes. */
  get user(): string {
    return this.defaultExecution.activeUser;
  }

  setUser(email: string): void {
    this.defaultExecution.activeUser = email;
    this.defaultExecution.effectiveUser = email;
  }

  currentExecution(): Execution {
    return this.stack[this.stack.length - 1] ?? this.defaultExecution;
  }

  /**
   * Runs fn as one script execution by `user`: Session reports them, protections and user
   * properties are theirs, locks taken inside are released when it ends (as when a script ends).
   */
  run<T>(user: string, fn: () => T, opts: RunOptions = {}): T {
    const exec: Execution = {
      id: ++this.executionCounter,
      activeUser: opts.activeUser ?? user,
      effectiveUser: user,
      ui: opts.ui ?? true,
      authMode: opts.authMode ?? 'FULL',
      ...(opts.webApp ? {webApp: true} : {}),
    };
    startExecutionClock(exec);
    this.stack.push(exec);
    const depth = this.ctx.callDepth;
    this.ctx.callDepth = 0;
    try {
      return fn();
    } finally {
      this.ctx.callDepth = depth;
      this.locks.releaseAll(exec.id);
      this.stack.pop();
    }
  }

  /** Runs fn without counting its service calls (for test set-up and inspection). */
  uncounted<T>(fn: () => T): T {
    this.ctx.callDepth++;
    this.ctx.uncountedDepth++;
    try {
      return fn();
    } finally {
      this.ctx.callDepth--;
      this.ctx.uncountedDepth--;
    }
  }

  /** Simulates another execution holding a lock until released (or for forMs of emulated time). */
  holdLock(
    kind: 'document' | 'script' | {user: string},
    opts: {forMs?: number} = {},
  ): {release(): void} {
    const key =
      kind === 'document'
        ? `document:${this.store.boundId}`
        : kind === 'script'
          ? 'script'
          : `user:${kind.user.toLowerCase()}`;
    return this.locks.holdForeign(key, opts.forMs);
  }

  holdDocumentLock(opts: {forMs?: number} = {}): {release(): void} {
    return this.holdLock('document', opts);
  }

  // ---- clock ----------------------------------------------------------------------------------

  nowMs(): number {
    return this.clockMode === 'system'
      ? Date.now() + this.clockMs
      : this.clockMs;
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  setNow(date: Date | string | number): void {
    const ms = new Date(date).getTime();
    if (Number.isNaN(ms)) throw new Error(`Invalid date: ${String(date)}`);
    this.clockMs = this.clockMode === 'system' ? ms - Date.now() : ms;
  }

  /**
   * Models service latency (host only): every call the script makes moves the emulated clock on by
   * `msPerCall(key)` ms ("SpreadsheetApp.openById" …), so elapsed-time budgets behave as in Apps
   * Script. Triggers do not fire on the way. `null` turns it off.
   */
  setCallLatency(msPerCall: ((key: string) => number) | null): void {
    this.calls.onCount = msPerCall
      ? key => {
          this.clockMs += msPerCall(key);
        }
      : null;
  }

  /** Moves the clock forward; with runTriggers, clock triggers due on the way run at their time. */
  advance(ms: number, opts: {runTriggers?: boolean} = {}): TriggerRun[] {
    const target = this.nowMs() + ms;
    const runs: TriggerRun[] = [];
    if (opts.runTriggers) {
      for (;;) {
        const due = this.triggerTable.triggers
          .filter(
            t =>
              t.eventType === 'CLOCK' &&
              t.nextRun !== null &&
              t.nextRun !== undefined &&
              t.nextRun <= target,
          )
          .sort((a, b) => (a.nextRun as number) - (b.nextRun as number))[0];
        if (!due) break;
        this.setNow(Math.max(this.nowMs(), due.nextRun as number));
        runs.push(this.fireClockTrigger(due));
      }
    }
    this.setNow(target);
    return runs;
  }

  advanceMinutes(n: number, opts: {runTriggers?: boolean} = {}): TriggerRun[] {
    return this.advance(n * 60000, opts);
  }

  advanceDays(n: number, opts: {runTriggers?: boolean} = {}): TriggerRun[] {
    return this.advance(n * 86400000, opts);
  }

  // ---- ids ------------------------------------------------------------------------------------

  nextId(prefix: string): string {
    const n = ++this.idCounter;
    if (['ss', 'form', 'doc', 'file', 'folder'].includes(prefix))
      return '1' + hashId(`${this.seed}:${prefix}:${n}`, 43);
    if (prefix === 'trigger') {
      const h = createHash('sha256')
        .update(`${this.seed}:trigger:${n}`)
        .digest();
      return (
        (h.readBigUInt64BE(0) % 9000000000000000000n) +
        1000000000000000000n
      ).toString();
    }
    return `${prefix}-${hashId(`${this.seed}:${prefix}:${n}`, 16)}`;
  }

  nextUuid(): string {
    const h = createHash('sha256')
      .update(`${this.seed}:uuid:${++this.idCounter}`)
      .digest('hex');
    const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }

  // ---- files ----------------------------------------------------------------------------------

  /** The spreadsheet the script is bound to (host view: the model, not a counted facade). */
  get boundSpreadsheet(): SpreadsheetModel {
    const id = this.store.boundId;
    const m = id ? this.store.byId.get(id) : undefined;
    if (!m) throw new Error('This workspace has no bound spreadsheet');
    return m;
  }

  /** SpreadsheetApp.getActive() as the script sees it (calls on it count unless `uncounted`). */
  activeSpreadsheet(): GoogleAppsScript.Spreadsheet.Spreadsheet {
    return new SpreadsheetImpl(
      this.spreadsheetEnv,
      this.boundSpreadsheet,
    ) as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet;
  }

  spreadsheetById(id: string): SpreadsheetModel | undefined {
    return this.store.byId.get(id);
  }

  /** Shares the bound spreadsheet with editors (as the owner would in the Share dialog). */
  addEditor(...emails: string[]): void {
    const ss = this.boundSpreadsheet;
    for (const e of emails) if (!ss.isEditor(e)) ss.editors.push(e);
  }

  /** Shares the bound spreadsheet with viewers ("Người xem": they can open and read, not edit). */
  addViewer(...emails: string[]): void {
    const ss = this.boundSpreadsheet;
    for (const e of emails)
      if (
        !ss.isEditor(e) &&
        !ss.viewers.some(v => v.toLowerCase() === e.toLowerCase())
      )
        ss.viewers.push(e);
  }

  /**
   * One Google Drive for several script projects: another workspace's spreadsheets become visible
   * to this one's SpreadsheetApp.openById/openByUrl (the same live objects, so what the other
   * project writes is seen here). Access is still checked per user, as Google does.
   */
  seeSpreadsheetsOf(other: Workspace): void {
    for (const [id, m] of other.store.byId) {
      if (!this.store.byId.has(id)) this.store.byId.set(id, m);
    }
  }

  /** Registers an HTML file of the project (name without ".html"). */
  addHtmlFile(name: string, html: string): void {
    this.html.files.set(name.replace(/\.html$/, ''), html);
  }

  /** The values of a sheet of the bound spreadsheet, as getValues would give them (not counted). */
  sheetValues(sheetName: string): unknown[][] {
    const sheet = this.boundSpreadsheet.sheetByNameInsensitive(sheetName);
    if (!sheet) throw new Error(`No sheet named ${sheetName}`);
    return this.uncounted(() => {
      const rows = Math.max(1, sheet.lastRow());
      const cols = Math.max(1, sheet.lastColumn());
      return new RangeImpl(this.spreadsheetEnv, this.boundSpreadsheet, sheet, {
        row: 1,
        col: 1,
        numRows: rows,
        numCols: cols,
      }).getValues();
    });
  }

  /** The text a sheet shows, as getDisplayValues would give it (not counted). */
  sheetDisplayValues(sheetName: string): string[][] {
    const sheet = this.boundSpreadsheet.sheetByNameInsensitive(sheetName);
    if (!sheet) throw new Error(`No sheet named ${sheetName}`);
    return this.uncounted(() => {
      const rows = Math.max(1, sheet.lastRow());
      const cols = Math.max(1, sheet.lastColumn());
      return new RangeImpl(this.spreadsheetEnv, this.boundSpreadsheet, sheet, {
        row: 1,
        col: 1,
        numRows: rows,
        numCols: cols,
      }).getDisplayValues();
    });
  }

  // ---- script functions -----------------------------------------------------------------------

  /** Where script functions are found by name (menus, triggers, google.script.run, templates). */
  setFunctions(
    source: Record<string, unknown> | ((name: string) => unknown),
  ): void {
    const f =
      typeof source === 'function'
        ? source
        : (name: string) =>
            Object.prototype.hasOwnProperty.call(source, name) || name in source
              ? source[name]
              : undefined;
    this.functionSources.unshift(f);
  }

  resolveFunction(name: string): ((...args: unknown[]) => unknown) | undefined {
    for (const f of this.functionSources) {
      const v = f(name);
      if (typeof v === 'function') return v as (...args: unknown[]) => unknown;
    }
    return undefined;
  }

  private lookupGlobal(name: string): unknown {
    for (const f of this.functionSources) {
      const v = f(name);
      if (v !== undefined) return v;
    }
    return this.globalsMap.get(name);
  }

  /** Calls a script function by name as `user` in a new execution. */
  callFunction(
    user: string,
    name: string,
    args: unknown[] = [],
    opts: RunOptions = {},
  ): unknown {
    const fn = this.resolveFunction(name);
    if (!fn) throw new Error(`Script function not found: ${name}`);
    return this.run(user, () => fn(...args), opts);
  }

  /** The menu item's function, run as `user` clicking it. */
  clickMenu(user: string, caption: string, itemCaption: string): unknown {
    const menu = this.ui.menus.get(caption);
    const find = (
      entries: NonNullable<typeof menu>['entries'],
    ): string | undefined => {
      for (const e of entries) {
        if (e.kind === 'item' && e.caption === itemCaption)
          return e.functionName;
        if (e.kind === 'submenu') {
          const f = find(e.menu.entries);
          if (f) return f;
        }
      }
      return undefined;
    };
    const fnName = menu && find(menu.entries);
    if (!fnName)
      throw new Error(`No menu item "${itemCaption}" in menu "${caption}"`);
    return this.callFunction(user, fnName);
  }

  /**
   * Simulates google.script.run from a sidebar or dialog: arguments and the result must be plain
   * JSON (a Date fails, as in Apps Script), private functions (name ending in "_") are refused.
   */
  scriptRun(user: string, name: string, args: unknown[] = []): unknown {
    if (name.endsWith('_'))
      throw new Error(`Script function not found: ${name}`);
    const fn = this.resolveFunction(name);
    if (!fn) throw new Error(`Script function not found: ${name}`);
    assertTransportable(args, 'argument');
    const sent = JSON.parse(JSON.stringify(args)) as unknown[];
    const result = this.run(user, () => fn(...sent), {ui: true});
    assertTransportable(result, 'return value');
    return result === undefined ? null : JSON.parse(JSON.stringify(result));
  }

  // ---- web app --------------------------------------------------------------------------------

  /**
   * Deploys the web app (Deploy › New deployment › Web app, or `clasp deploy`): from now on
   * ScriptApp.getService().getUrl() gives its /exec address (`url`, default one like Google's,
   * `https://script.google.com/macros/s/<deployment id>/exec`). Returns the address.
   */
  deployWebApp(url?: string): string {
    const address =
      url ??
      `https://script.google.com/macros/s/AKfycb${hashId(`${this.seed}:${this.scriptId}:webapp`, 66)}/exec`;
    this.webAppDeployment.url = address;
    return address;
  }

  /** No request reaches a web app that has no deployment (there is no /exec address to open). */
  private requireDeployed(): void {
    if (this.webAppDeployment.url === null)
      throw new Error(
        'The web app is not deployed: call deployWebApp() first (Deploy › New deployment › Web app).',
      );
  }

  /** Archives the deployment: getUrl() is null again. */
  undeployWebApp(): void {
    this.webAppDeployment.url = null;
  }

  /**
   * A GET of the deployed web app (`…/exec?<query>`), deployed "execute as me" (the owner) for
   * "anyone, even anonymous": the script runs as the owner, Session.getActiveUser() is blank, there
   * is no UI. The event object is Google's: parameter (first values), parameters (all values),
   * queryString, contentLength -1, contextPath '', pathInfo
   * (https://developers.google.com/apps-script/guides/web#request_parameters).
   */
  webAppGet(
    query: Record<string, string | string[]> = {},
    pathInfo = '',
  ): unknown {
    this.requireDeployed();
    const parameter: Record<string, string> = {};
    const parameters: Record<string, string[]> = {};
    const parts: string[] = [];
    for (const [k, v] of Object.entries(query)) {
      const all = Array.isArray(v) ? v.map(String) : [String(v)];
      parameters[k] = all;
      if (all.length) parameter[k] = all[0];
      for (const x of all)
        parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(x)}`);
    }
    const e = {
      parameter,
      parameters,
      queryString: parts.join('&'),
      contentLength: -1,
      contextPath: '',
      pathInfo,
    };
    return this.callFunction(this.owner, 'doGet', [e], {
      ui: false,
      activeUser: '',
      webApp: true,
    });
  }

  /**
   * google.script.run from a page the web app served: JSON in and out like `scriptRun`, run as the
   * deployer (the owner) with a blank active user (anonymous visitor).
   */
  webAppRun(name: string, args: unknown[] = []): unknown {
    this.requireDeployed();
    if (name.endsWith('_'))
      throw new Error(`Script function not found: ${name}`);
    const fn = this.resolveFunction(name);
    if (!fn) throw new Error(`Script function not found: ${name}`);
    assertTransportable(args, 'argument');
    const sent = JSON.parse(JSON.stringify(args)) as unknown[];
    const result = this.run(this.owner, () => fn(...sent), {
      ui: false,
      activeUser: '',
      webApp: true,
    });
    assertTransportable(result, 'return value');
    return result === undefined ? null : JSON.parse(JSON.stringify(result));
  }

  // ---- triggers -------------------------------------------------------------------------------

  /** Every installable trigger of the project, all users. */
  get triggers(): TriggerState[] {
    return this.triggerTable.triggers;
  }

  /** Runs an installable trigger's handler as the user who installed it. */
  fireTrigger(
    trigger: TriggerState | string,
    event: Record<string, unknown> = {},
  ): TriggerRun {
    const t =
      typeof trigger === 'string'
        ? this.triggerTable.triggers.find(x => x.id === trigger)
        : trigger;
    if (!t) throw new Error(`No trigger ${String(trigger)}`);
    const run: TriggerRun = {
      trigger: t,
      at: this.now().toISOString(),
      ok: true,
    };
    const fn = this.resolveFunction(t.handler);
    try {
      if (!fn) throw new Error(`Script function not found: ${t.handler}`);
      const e = {authMode: 'FULL', triggerUid: t.id, ...event};
      run.result = this.run(t.user, () => fn(e), {ui: false, authMode: 'FULL'});
    } catch (err) {
      run.ok = false;
      run.error = String(err);
    }
    this.triggerRuns.push(run);
    return run;
  }

  private fireClockTrigger(t: TriggerState): TriggerRun {
    const now = this.nowMs();
    const d = new Date(now);
    const event = {
      'day-of-month': d.getUTCDate(),
      'day-of-week': d.getUTCDay() === 0 ? 7 : d.getUTCDay(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      month: d.getUTCMonth() + 1,
      second: d.getUTCSeconds(),
      timezone: 'UTC',
      'week-of-year': isoWeek(d),
      year: d.getUTCFullYear(),
    };
    t.lastRun = now;
    t.nextRun = t.schedule ? nextClockRun(t.schedule, now, t.createdAt) : null;
    return this.fireTrigger(t, event);
  }

  /** Runs every clock trigger that is due now (each once), as its installer. */
  runDueTriggers(): TriggerRun[] {
    const now = this.nowMs();
    return this.triggerTable.triggers
      .filter(
        t =>
          t.eventType === 'CLOCK' &&
          t.nextRun !== null &&
          t.nextRun !== undefined &&
          t.nextRun <= now,
      )
      .map(t => this.fireClockTrigger(t));
  }

  /**
   * A respondent submits a form (by id or URL), answers by question title or "entry.<id>": the
   * response is stored, its row appended to the response sheet ("Dấu thời gian" first) and the
   * spreadsheet- and form-level form-submit triggers fire with Google's event objects.
   */
  submitForm(
    formId: string,
    answers: Record<string, string | string[] | undefined>,
    submittedAt?: Date | string | number,
    opts: Omit<SubmitOptions, 'submittedAt'> = {},
  ): SubmitResult {
    return this.forms.submit(formId, answers, {...opts, submittedAt});
  }

  /** Fires the form-submit triggers installed for a form (events are built by the forms extension). */
  fireFormSubmit(formId: string, event: Record<string, unknown>): TriggerRun[] {
    return this.triggerTable.triggers
      .filter(
        t =>
          t.eventType === 'ON_FORM_SUBMIT' &&
          t.source === 'FORMS' &&
          t.sourceId === formId,
      )
      .map(t => this.fireTrigger(t, event));
  }

  /**
   * `user` opens the bound spreadsheet: the menus start empty, the simple onOpen runs (LIMITED auth;
   * Session.getActiveUser() is blank unless the user is the owner), then installable onOpen triggers.
   */
  openSpreadsheet(user: string): void {
    this.ui.menus.clear();
    const ss = this.boundSpreadsheet;
    const source = this.activeSpreadsheet();
    const simple = this.resolveFunction('onOpen');
    if (simple) {
      const activeUser =
        user.toLowerCase() === this.owner.toLowerCase() ? user : '';
      this.run(
        user,
        () =>
          simple({
            authMode: 'LIMITED',
            source,
            user: new UserImpl(this.ctx, activeUser),
          }),
        {
          authMode: 'LIMITED',
          activeUser,
        },
      );
    }
    for (const t of this.triggerTable.triggers) {
      if (
        t.eventType === 'ON_OPEN' &&
        t.source === 'SPREADSHEETS' &&
        t.sourceId === ss.id
      ) {
        this.fireTrigger(t, {source});
      }
    }
  }

  /**
   * `user` types a value into a cell of the bound spreadsheet: protections and reject-invalid
   * validation apply as in the Sheets UI, then the simple onEdit and installable onEdit triggers run.
   */
  editCell(user: string, a1: string, value: unknown): void {
    const ss = this.boundSpreadsheet;
    const ref = parseA1(a1);
    if (!ref || ref.startRow === null || ref.startCol === null)
      throw new Error(`Bad cell ${a1}`);
    const sheet =
      ref.sheetName === null
        ? ss.activeSheet()
        : ss.sheetByNameInsensitive(ref.sheetName);
    if (!sheet) throw new Error(`No sheet in ${a1}`);
    const g = {row: ref.startRow, col: ref.startCol, numRows: 1, numCols: 1};
    if (ss.blockingProtection(user, sheet.id, g))
      throw new Error(PROTECTED_MESSAGE);
    const cell = sheet.cell(g.row, g.col);
    if (
      cell?.dv &&
      !cell.dv.allowInvalid &&
      !passesValidation(cell.dv, value)
    ) {
      throw new Error(
        cell.dv.helpText || `Invalid: ${a1} violates its data validation rule.`,
      );
    }
    const env = this.spreadsheetEnv;
    const oldValue = cell?.v;
    const range = new RangeImpl(env, ss, sheet, g);
    this.run(user, () =>
      this.uncounted(() => range._writeValue(g.row, g.col, value)),
    );
    const source = new SpreadsheetImpl(env, ss);
    const event = {
      range: range as unknown,
      source: source as unknown,
      user: new UserImpl(this.ctx, user),
      value:
        typeof value === 'string'
          ? value
          : value === undefined
            ? undefined
            : String(value),
      oldValue: oldValue === undefined ? undefined : String(oldValue),
    };
    const simple = this.resolveFunction('onEdit');
    if (simple) {
      const activeUser =
        user.toLowerCase() === this.owner.toLowerCase() ? user : '';
      this.run(user, () => simple({authMode: 'LIMITED', ...event}), {
        authMode: 'LIMITED',
        activeUser,
      });
    }
    for (const t of this.triggerTable.triggers) {
      if (
        (t.eventType === 'ON_EDIT' || t.eventType === 'ON_CHANGE') &&
        t.source === 'SPREADSHEETS' &&
        t.sourceId === ss.id
      ) {
        this.fireTrigger(
          t,
          t.eventType === 'ON_EDIT'
            ? event
            : {source, changeType: 'EDIT', user: event.user},
        );
      }
    }
  }

  /**
   * `user` inserts `count` rows after row `afterRow` of a tab in the Sheets UI (a structural change:
   * no onEdit; installable onChange triggers run with changeType INSERT_ROW, as Google documents).
   */
  insertRowsByUser(
    user: string,
    sheetName: string,
    afterRow: number,
    count = 1,
  ): void {
    const ss = this.boundSpreadsheet;
    const sheet = ss.sheetByNameInsensitive(sheetName);
    if (!sheet) throw new Error(`No sheet ${sheetName}`);
    sheet.insertRows(afterRow + 1, count);
    ss.shiftAnchors(sheet.id, 'row', afterRow + 1, count);
    const source = new SpreadsheetImpl(this.spreadsheetEnv, ss);
    for (const t of this.triggerTable.triggers) {
      if (
        t.eventType === 'ON_CHANGE' &&
        t.source === 'SPREADSHEETS' &&
        t.sourceId === ss.id
      ) {
        this.fireTrigger(t, {
          source,
          changeType: 'INSERT_ROW',
          user: new UserImpl(this.ctx, user),
        });
      }
    }
  }

  /** The Realm used for Dates and Errors handed to scripts (set by createVmContext). */
  /** Enforces the manifest's oauthScopes from now on (null stops enforcing). */
  setOAuthScopes(scopes: readonly string[] | null): void {
    this.ctx.oauthScopes = scopes ? [...scopes] : null;
  }

  /** Fails executions past this modelled time from now on (null: no limit). */
  setExecutionLimit(ms: number | null): void {
    this.ctx.executionLimitMs = ms;
  }

  setRealm(realm: Realm): void {
    this.ctx.realm = realm;
  }

  /** A Google-style exception (name "Exception"), for extensions. */
  error(message: string): Error {
    return gasError(this.ctx, message);
  }
}

export interface WorkspaceJson {
  version: 1;
  owner: string;
  timeZone: string;
  locale: string;
  userLocale: string;
  scriptId: string;
  seed: string;
  clock: {mode: 'fixed' | 'system'; ms: number};
  idCounter: number;
  user: string;
  boundId: string | null;
  spreadsheets: unknown[];
  properties: Record<string, Record<string, string>>;
  triggers: TriggerState[];
  html: Record<string, string>;
  /** The web app's /exec address, null (or absent in older files) when not deployed. */
  webAppUrl?: string | null;
  extensions: Record<string, unknown>;
}

function hashId(input: string, length: number): string {
  let out = '';
  for (let i = 0; out.length < length; i++) {
    out += createHash('sha256').update(`${input}:${i}`).digest('base64url');
  }
  return out.slice(0, length);
}

function isoWeek(d: Date): number {
  const t = new Date(
    Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()),
  );
  const day = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
  return Math.ceil(((t.getTime() - yearStart) / 86400000 + 1) / 7);
}

function assertTransportable(x: unknown, what: string, path = ''): void {
  if (isDate(x))
    throw new Error(
      `Failed due to illegal value in ${what}${path ? ` at ${path}` : ''}: a Date cannot cross google.script.run`,
    );
  if (typeof x === 'function')
    throw new Error(
      `Failed due to illegal value in ${what}${path ? ` at ${path}` : ''}: a function`,
    );
  if (Array.isArray(x))
    x.forEach((v, i) => assertTransportable(v, what, `${path}[${i}]`));
  else if (x && typeof x === 'object') {
    for (const [k, v] of Object.entries(x))
      assertTransportable(v, what, path ? `${path}.${k}` : k);
  }
}

export {SheetImpl, RangeImpl, SpreadsheetImpl, wallClock};
