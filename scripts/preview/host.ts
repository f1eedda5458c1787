// The preview's engine: one emulated Workspace running dist/Code.js, its executions, UI surfaces and state file.
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import {dirname, join} from 'node:path';
import {Workspace} from '../../emulator/workspace';
import type {UiEvent, WorkspaceJson} from '../../emulator/workspace';
import type {PendingQuestion} from '../../emulator/ui';
import {EXECUTION_LIMIT_MS} from '../../emulator/limits';
import {createVmContext, loadScript} from '../../emulator/vm';
import type {ScriptContext} from '../../emulator/vm';
import {fromWallClock, wallClock} from '../../emulator/tz';
import {SETTINGS, UNITS} from '../../src/workbook/schema';
import {DEFAULT_PLAN} from '../../src/plan/defaultPlan';
import {installExtensions} from './extensions';
import type {
  ExecutionView,
  MenuItemView,
  MenuView,
  QuestionAnswer,
  StateView,
  SurfaceView,
  UiEventView,
  UserChoice,
} from './protocol';

export type {QuestionAnswer} from './protocol';

export const DEFAULT_OWNER = 'quantri@xa-demo.vn';
export const DEFAULT_SPREADSHEET_NAME =
  'Theo dõi kế hoạch dân vận chính quyền (bản chạy thử)';
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';
/** Executions kept in the log (and in the state file). */
export const MAX_EXECUTIONS = 200;
const MAX_LOG_LINES = 200;
const STATE_VERSION = 1;

export interface HostOptions {
  /** Where the state is kept between runs (JSON). */
  stateFile: string;
  /** A fixed emulated now for a new workspace; default: the real clock (settable later). */
  now?: Date | string | number;
  /** The folder holding Code.js and the *.html pages (default: <repo>/dist). */
  distDir?: string;
  owner?: string;
  spreadsheetName?: string;
  /** Print script console output and warnings to the terminal. */
  verbose?: boolean;
  /** The machine's clock (tests fix it); default Date.now. */
  realNow?: () => number;
}

/** A sidebar or dialog with its HTML. */
export interface StoredSurface extends SurfaceView {
  html: string;
}

interface SavedState {
  version: number;
  savedAt: string;
  workspace: WorkspaceJson;
  preview: {
    seq: number;
    surfaceSeq: number;
    clockMode: 'real' | 'fixed';
    clockNote?: string;
    executions: ExecutionView[];
    surfaces: StoredSurface[];
  };
}

export interface RunRequest {
  user: string;
  fn: string;
  args?: unknown[];
  source?: ExecutionView['source'];
  caption?: string;
  /** Texts the script's ui.prompt calls receive, in order (as if typed and OK clicked). */
  promptAnswers?: string[];
  /** google.script.run from the web app's page: runs as the deployer, anonymous visitor. */
  webApp?: boolean;
}

const WEEKDAYS_VI = [
  'Chủ nhật',
  'Thứ Hai',
  'Thứ Ba',
  'Thứ Tư',
  'Thứ Năm',
  'Thứ Sáu',
  'Thứ Bảy',
];
const p2 = (n: number) => String(n).padStart(2, '0');

function errorOf(e: unknown): {name: string; message: string} {
  if (e && typeof e === 'object' && 'message' in e) {
    const err = e as {name?: unknown; message?: unknown};
    return {name: String(err.name ?? 'Error'), message: String(err.message)};
  }
  return {name: 'Error', message: String(e)};
}

function isDateLike(x: unknown): x is Date {
  return Object.prototype.toString.call(x) === '[object Date]';
}

/** A short text of a returned value for the log (Dates as ISO strings). */
export function valueText(value: unknown, max = 300): string | undefined {
  if (value === undefined) return undefined;
  let text: string;
  try {
    text = JSON.stringify(
      value,
      function (this: Record<string, unknown>, key: string, v: unknown) {
        const raw = this[key];
        return isDateLike(raw) ? raw.toISOString() : v;
      },
    );
  } catch {
    text = String(value);
  }
  if (text === undefined) text = String(value);
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/**
 * The refusal a function answered ({ok: false, message, code?}), if it answered one; a run the user
 * cancelled ({ok: false, cancelled: true}) has the code 'cancelled'.
 */
export function refusalOf(
  value: unknown,
): {code: string; message: string} | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as {
    ok?: unknown;
    message?: unknown;
    code?: unknown;
    cancelled?: unknown;
  };
  if (v.ok !== false || typeof v.message !== 'string') return undefined;
  if (v.cancelled === true) return {code: 'cancelled', message: v.message};
  return {code: typeof v.code === 'string' ? v.code : '', message: v.message};
}

/** The dialog buttons as Google's Vietnamese UI labels them. */
export const BUTTON_VI: Record<string, string> = {
  OK: 'OK',
  CANCEL: 'Hủy',
  YES: 'Có',
  NO: 'Không',
  CLOSE: 'Đóng (×)',
};

function uiEventView(e: UiEvent): UiEventView | null {
  switch (e.type) {
    case 'alert':
      return {
        type: 'alert',
        title: e.title,
        message: e.prompt,
        detail:
          e.buttons === 'OK'
            ? undefined
            : `Câu trả lời: ${BUTTON_VI[e.response] ?? e.response}.`,
      };
    case 'prompt':
      return {
        type: 'prompt',
        title: e.title,
        message: e.prompt,
        detail: `Câu trả lời: ${BUTTON_VI[e.response] ?? e.response}${e.text ? ` "${e.text}"` : ''}.`,
      };
    case 'toast':
      return {type: 'toast', title: e.title, message: e.message};
    case 'sidebar':
      return {
        type: 'sidebar',
        title: e.title,
        message: 'Đã mở thanh bên ở bên phải.',
      };
    case 'modal':
    case 'modeless':
      return {type: e.type, title: e.title, message: 'Đã mở hộp thoại.'};
    default:
      return null;
  }
}

/** Wall-clock text in the plan's zone → ms: "dd/MM/yyyy[ HH:mm[:ss]]" or "yyyy-MM-dd[THH:mm[:ss]]". */
export function parseWallClock(text: string): number | null {
  const t = text.trim();
  let m =
    /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ ,T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(
      t,
    );
  let parts: number[];
  if (m) {
    parts = [m[3], m[2], m[1], m[4], m[5], m[6]].map(x => Number(x ?? 0));
  } else {
    m =
      /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(
        t,
      );
    if (!m) return null;
    parts = m.slice(1).map(x => Number(x ?? 0));
  }
  const [y, mo, d, h, mi, s] = parts;
  const daysIn = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn || h > 23 || mi > 59 || s > 59)
    return null;
  return fromWallClock(TIME_ZONE, y, mo, d, h, mi, s);
}

function splitEmails(text: string): string[] {
  return text
    .split(/[,;\s]+/)
    .map(s => s.trim().toLowerCase())
    .filter(s => /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(s));
}

export class PreviewHost {
  workspace!: Workspace;
  vm!: ScriptContext;
  /** Host-side handles of the optional services (e.g. `mail` → the MailBox), by emulator file. */
  extensions: Record<string, unknown> = {};
  executions: ExecutionView[] = [];
  surfaces: StoredSurface[] = [];
  /** Bumped after every change, so pages can tell they are stale. */
  revision = 0;
  clockMode: 'real' | 'fixed' = 'real';
  /** Why the clock did not start at the real date (shown by the page until the clock is set by hand). */
  clockNote = '';

  private seq = 0;
  private surfaceSeq = 0;
  private consoleLines: string[] = [];
  readonly distDir: string;
  readonly owner: string;

  constructor(readonly opts: HostOptions) {
    this.distDir = opts.distDir ?? join(__dirname, '../../dist');
    this.owner = opts.owner ?? DEFAULT_OWNER;
  }

  /** Loads the state file when there is one, else starts a new workspace; then opens the spreadsheet. */
  start(): void {
    const code = this.readCode();
    if (existsSync(this.opts.stateFile)) {
      try {
        const saved = JSON.parse(
          readFileSync(this.opts.stateFile, 'utf8'),
        ) as SavedState;
        if (saved.version !== STATE_VERSION || !saved.workspace)
          throw new Error('unknown format');
        this.boot(Workspace.fromJSON(saved.workspace), code);
        this.seq = saved.preview?.seq ?? 0;
        this.surfaceSeq = saved.preview?.surfaceSeq ?? 0;
        this.clockMode = saved.preview?.clockMode ?? 'real';
        this.clockNote = saved.preview?.clockNote ?? '';
        this.executions = saved.preview?.executions ?? [];
        this.surfaces = saved.preview?.surfaces ?? [];
        this.openSpreadsheet(this.owner);
        return;
      } catch (e) {
        const broken = `${this.opts.stateFile}.hong-${Date.now()}`;
        renameSync(this.opts.stateFile, broken);
        console.warn(
          `Không đọc được tệp trạng thái (${errorOf(e).message}); đã đổi tên thành ${broken} và bắt đầu lại.\n` +
            `Could not read the state file; renamed it to ${broken} and started over.`,
        );
      }
    }
    this.startFresh(code);
  }

  /** Drops everything and starts over with an empty spreadsheet (the "Đặt lại dữ liệu" button). */
  reset(): void {
    this.executions = [];
    this.surfaces = [];
    this.seq = 0;
    this.surfaceSeq = 0;
    this.startFresh(this.readCode());
    this.save();
  }

  private startFresh(code: string): void {
    this.clockMode = this.opts.now === undefined ? 'real' : 'fixed';
    const ws = new Workspace({
      owner: this.owner,
      user: this.owner,
      timeZone: TIME_ZONE,
      now: this.opts.now ?? 'system',
      locale: 'vi_VN',
      userLocale: 'vi',
      spreadsheetName: this.opts.spreadsheetName ?? DEFAULT_SPREADSHEET_NAME,
      // Google stops an execution after 6 minutes: so does the preview (modelled time).
      executionLimitMs: EXECUTION_LIMIT_MS,
    });
    this.clockNote = '';
    if (this.opts.now === undefined) this.startInsidePlan(ws);
    this.boot(ws, code);
    this.openSpreadsheet(this.owner);
  }

  /**
   * A new workspace on the real clock: when the real date is outside the seed plan's half-year, the
   * clock starts at the plan's first day, 08:00 (and keeps running), so reminders, forms and summaries
   * have a period to work on; the page says so.
   */
  /** The machine's clock. */
  realNow(): number {
    return (this.opts.realNow ?? Date.now)();
  }

  private startInsidePlan(ws: Workspace): void {
    const real = this.realNow();
    const dayOf = (iso: string) => iso.split('-').map(Number);
    const [sy, sm, sd] = dayOf(DEFAULT_PLAN.periodStart);
    const [ey, em, ed] = dayOf(DEFAULT_PLAN.periodEnd);
    const start = fromWallClock(TIME_ZONE, sy, sm, sd, 0, 0);
    const end = fromWallClock(TIME_ZONE, ey, em, ed + 1, 0, 0);
    if (real >= start && real < end) {
      ws.setNow(real);
      return;
    }
    const at = fromWallClock(TIME_ZONE, sy, sm, sd, 8, 0);
    ws.setNow(at);
    const w = wallClock(real, TIME_ZONE);
    const vn = (iso: string) => iso.split('-').reverse().join('/');
    this.clockNote =
      `Hôm nay (${p2(w.day)}/${p2(w.month)}/${w.year}) nằm ngoài kế hoạch mẫu (${vn(DEFAULT_PLAN.periodStart)} – ${vn(DEFAULT_PLAN.periodEnd)}), ` +
      `nên đồng hồ giả lập bắt đầu ở ngày đầu kế hoạch, ${vn(DEFAULT_PLAN.periodStart)} 08:00. Đặt giờ khác ở ô «Thời điểm giả lập», hoặc bấm «Giờ thật».`;
  }

  /** dist/Code.js, as the preview loads it. */
  scriptCode(): string {
    return this.readCode();
  }

  private readCode(): string {
    const file = join(this.distDir, 'Code.js');
    if (!existsSync(file)) {
      throw new Error(
        `Chưa có ${file}: hãy chạy "npm run build" trước. / ${file} is missing: run "npm run build" first.`,
      );
    }
    return readFileSync(file, 'utf8');
  }

  private boot(ws: Workspace, code: string): void {
    this.workspace = ws;
    // The preview serves the web app at /exec (mails' links open it at /phone): it is deployed.
    if (ws.webAppDeployment.url === null) ws.deployWebApp();
    this.extensions = installExtensions(ws);
    const capture =
      (level: string) =>
      (...args: unknown[]) => {
        const line = args
          .map(a => (typeof a === 'string' ? a : (valueText(a) ?? String(a))))
          .join(' ');
        this.consoleLines.push(
          level === 'log' || level === 'info' ? line : `[${level}] ${line}`,
        );
        if (this.consoleLines.length > 5000) this.consoleLines.splice(0, 4000);
        if (this.opts.verbose) console.log(`  [script] ${line}`);
      };
    this.vm = createVmContext(ws, {
      console: {
        log: capture('log'),
        info: capture('info'),
        warn: capture('warn'),
        error: capture('error'),
        debug: capture('debug'),
      },
    });
    this.registerHtmlFiles();
    loadScript(this.vm, code, 'Code.js');
  }

  /** dist/<Name>.html become the project's HTML files (HtmlService.createHtmlOutputFromFile('Name')). */
  private registerHtmlFiles(): void {
    if (!existsSync(this.distDir)) return;
    for (const f of readdirSync(this.distDir)) {
      if (f.endsWith('.html')) {
        this.workspace.addHtmlFile(
          f.replace(/\.html$/, ''),
          readFileSync(join(this.distDir, f), 'utf8'),
        );
      }
    }
  }

  /** `user` opens the spreadsheet: the simple onOpen trigger adds the menus. */
  openSpreadsheet(user: string): ExecutionView {
    return this.execute(
      {user, fn: 'onOpen', source: 'system', caption: 'Mở bảng tính'},
      () => this.workspace.openSpreadsheet(user),
    ).execution;
  }

  /**
   * A menu click from the page: runs `fn` as `user`, and when the script asks something (ui.prompt, or
   * an alert with a choice) that `answers` does not answer yet, stops there as Google's dialog
   * suspends the script: the workspace goes back to how it was before the click, nothing is logged,
   * and the question is returned for the page to put to its user. The page then clicks again with
   * one more answer. Answers are given in the order the questions come.
   */
  runAsking(
    req: RunRequest & {answers: QuestionAnswer[]},
  ):
    {execution: ExecutionView} | {question: PendingQuestion; answered: number} {
    const ws = this.workspace;
    const before = JSON.stringify(ws.toJSON());
    const surfaces = this.surfaces;
    const seq = this.seq;
    const surfaceSeq = this.surfaceSeq;
    ws.ui.alertAnswers.length = 0;
    ws.ui.promptAnswers.length = 0;
    for (const a of req.answers) {
      if (a.type === 'alert') ws.ui.alertAnswers.push(a.button);
      else ws.ui.promptAnswers.push({button: a.button, text: a.text ?? ''});
    }
    ws.ui.pending = null;
    ws.ui.askWhenUnanswered = true;
    let execution: ExecutionView;
    try {
      execution = this.execute(
        {user: req.user, fn: req.fn, source: 'menu', caption: req.caption},
        () => ws.callFunction(req.user, req.fn, req.args ?? []),
      ).execution;
    } finally {
      ws.ui.askWhenUnanswered = false;
      ws.ui.alertAnswers.length = 0;
      ws.ui.promptAnswers.length = 0;
    }
    const question = ws.ui.pending as PendingQuestion | null;
    ws.ui.pending = null;
    if (!question) return {execution};
    // Roll back: the run stopped at the question, as if it had not started yet.
    this.executions = this.executions.filter(e => e !== execution);
    this.seq = seq;
    this.surfaces = surfaces;
    this.surfaceSeq = surfaceSeq;
    const menus = [...ws.ui.menus];
    this.boot(
      Workspace.fromJSON(JSON.parse(before) as WorkspaceJson),
      this.readCode(),
    );
    for (const [caption, menu] of menus)
      this.workspace.ui.menus.set(caption, menu);
    this.revision++;
    return {question, answered: req.answers.length};
  }

  /**
   * Runs a top-level function as `user` in one execution. Source 'script' follows google.script.run's
   * rules (JSON only in and out, a Date fails, names ending in "_" are private).
   */
  run(req: RunRequest): {execution: ExecutionView; value: unknown} {
    const source = req.source ?? 'menu';
    const args = req.args ?? [];
    const ws = this.workspace;
    ws.ui.promptAnswers.length = 0;
    for (const text of req.promptAnswers ?? []) {
      ws.ui.promptAnswers.push({button: 'OK', text});
    }
    return this.execute(
      {user: req.user, fn: req.fn, source, caption: req.caption},
      () =>
        req.webApp
          ? ws.webAppRun(req.fn, args)
          : source === 'script'
            ? ws.scriptRun(req.user, req.fn, args)
            : ws.callFunction(req.user, req.fn, args),
    );
  }

  /** Runs host code as one logged execution: UI events, logs and service calls are attributed to it. */
  execute<T>(
    label: {
      user: string;
      fn: string;
      source?: ExecutionView['source'];
      caption?: string;
    },
    fn: () => T,
  ): {execution: ExecutionView; value: T | undefined} {
    const ws = this.workspace;
    const before = {
      events: ws.ui.events.length,
      logs: ws.logs.length,
      console: this.consoleLines.length,
      calls: ws.calls.snapshot(),
    };
    const at = ws.now().toISOString();
    const started = Date.now();
    let value: T | undefined;
    let error: {name: string; message: string} | undefined;
    try {
      value = fn();
    } catch (e) {
      error = errorOf(e);
    }
    const durationMs = Date.now() - started;
    const calls: Record<string, number> = {};
    let totalCalls = 0;
    for (const [k, n] of Object.entries(ws.calls.snapshot())) {
      const d = n - (before.calls[k] ?? 0);
      if (d > 0) {
        calls[k] = d;
        totalCalls += d;
      }
    }
    const events = ws.ui.events.slice(before.events);
    const execution: ExecutionView = {
      seq: ++this.seq,
      source: label.source ?? 'panel',
      fn: label.fn,
      caption: label.caption,
      user: label.user,
      ok: !error,
      error,
      at,
      durationMs,
      totalCalls,
      calls,
      ui: events.map(uiEventView).filter((x): x is UiEventView => x !== null),
      logs: [
        ...ws.logs.slice(before.logs),
        ...this.consoleLines.slice(before.console),
      ].slice(-MAX_LOG_LINES),
      valueText: error ? undefined : valueText(value),
    };
    const refused = error ? undefined : refusalOf(value);
    if (refused) execution.refused = refused;
    for (const e of events) this.openSurface(e);
    if (ws.ui.events.length > 300)
      ws.ui.events.splice(0, ws.ui.events.length - 100);
    this.executions.push(execution);
    if (this.executions.length > MAX_EXECUTIONS) {
      this.executions.splice(0, this.executions.length - MAX_EXECUTIONS);
    }
    this.revision++;
    return {execution, value};
  }

  private openSurface(e: UiEvent): void {
    if (e.type !== 'sidebar' && e.type !== 'modal' && e.type !== 'modeless')
      return;
    const kind = e.type;
    const surface: StoredSurface = {
      id: `ui${++this.surfaceSeq}`,
      kind,
      title: e.title,
      width: e.width,
      height: e.type === 'sidebar' ? 0 : e.height,
      user: e.user,
      html: e.html,
    };
    // Google shows one sidebar and one dialog at a time: a new one replaces the old.
    const sameSlot = (s: StoredSurface) =>
      (kind === 'sidebar') === (s.kind === 'sidebar');
    this.surfaces = [...this.surfaces.filter(s => !sameSlot(s)), surface];
  }

  surface(id: string): StoredSurface | undefined {
    return this.surfaces.find(s => s.id === id);
  }

  closeSurface(id: string): void {
    this.surfaces = this.surfaces.filter(s => s.id !== id);
    this.revision++;
  }

  // ---- clock ----------------------------------------------------------------------------------

  /**
   * Sets the emulated now from wall-clock text in the plan's zone, "dd/MM/yyyy HH:mm" (time optional)
   * or "yyyy-MM-ddTHH:mm"; null = the real now.
   */
  setClock(wall: string | null): void {
    this.clockNote = '';
    if (wall === null) {
      this.workspace.setNow(this.realNow());
    } else {
      const ms = parseWallClock(wall);
      if (ms === null) {
        throw new Error(
          `Thời điểm không hợp lệ: "${wall}". Hãy nhập dạng dd/MM/yyyy HH:mm, ví dụ 01/09/2025 08:00.`,
        );
      }
      this.workspace.setNow(ms);
    }
    this.revision++;
  }

  clockText(): {
    now: string;
    nowText: string;
    nowInput: string;
    nowWeekday: string;
    mode: StateView['clockMode'];
    note: string;
  } {
    const ms = this.workspace.nowMs();
    const w = wallClock(ms, TIME_ZONE);
    const date = `${p2(w.day)}/${p2(w.month)}/${w.year}`;
    const time = `${p2(w.hour)}:${p2(w.minute)}`;
    const shifted = Math.abs(ms - this.realNow()) >= 60000;
    return {
      now: new Date(ms).toISOString(),
      nowText: `${WEEKDAYS_VI[w.weekday]}, ${date} ${time}`,
      nowInput: `${date} ${time}`,
      nowWeekday: WEEKDAYS_VI[w.weekday],
      mode: this.clockMode === 'fixed' ? 'fixed' : shifted ? 'shifted' : 'real',
      note: this.clockNote,
    };
  }

  // ---- what the page shows --------------------------------------------------------------------

  menus(): MenuView[] {
    const out: MenuView[] = [];
    for (const menu of this.workspace.ui.menus.values()) {
      const items: MenuItemView[] = [];
      const walk = (entries: typeof menu.entries, prefix: string) => {
        for (const e of entries) {
          if (e.kind === 'item')
            items.push({
              caption: prefix + e.caption,
              functionName: e.functionName,
            });
          else if (e.kind === 'separator') items.push(null);
          else walk(e.menu.entries, `${prefix}${e.menu.caption} › `);
        }
      };
      walk(menu.entries, '');
      out.push({title: menu.caption, items});
    }
    return out;
  }

  private sheetRows(name: string): string[][] {
    const ss = this.workspace.boundSpreadsheet;
    if (!ss.sheetByNameInsensitive(name)) return [];
    return this.workspace.sheetDisplayValues(name);
  }

  /** Who the page can sign in as: the owner, admins and leaders from "Cấu hình", units from "Đơn vị". */
  users(): UserChoice[] {
    const roles = new Map<string, string>();
    const add = (email: string, role: string) => {
      const e = email.toLowerCase();
      if (!roles.has(e)) roles.set(e, role);
    };
    add(this.owner, 'Quản trị viên (chủ sở hữu)');
    const settings = this.sheetRows(SETTINGS.name);
    const valueCol = settings[0]?.indexOf('Giá trị') ?? -1;
    for (const row of settings.slice(1)) {
      const value = valueCol >= 0 ? row[valueCol] : '';
      if (row[0] === 'adminEmails')
        for (const e of splitEmails(value)) add(e, 'Quản trị viên');
      if (row[0] === 'leaderEmails')
        for (const e of splitEmails(value)) add(e, 'Lãnh đạo');
    }
    const units = this.sheetRows(UNITS.name);
    const header = units[0] ?? [];
    const nameCol = header.indexOf(
      UNITS.columns.find(c => c.key === 'name')?.header ?? '',
    );
    const emailCol = header.indexOf(
      UNITS.columns.find(c => c.key === 'emails')?.header ?? '',
    );
    if (emailCol >= 0) {
      for (const row of units.slice(1)) {
        for (const e of splitEmails(row[emailCol] ?? ''))
          add(e, nameCol >= 0 ? row[nameCol] : 'Đơn vị');
      }
    }
    for (const e of this.workspace.boundSpreadsheet.editors)
      add(e, 'Người được chia sẻ quyền sửa');
    return [...roles].map(([email, role]) => ({
      email,
      label: `${role} · ${email}`,
    }));
  }

  /** True when the "Đơn vị" tab exists but no unit has an e-mail yet (seed data). */
  unitsWithoutEmails(): boolean {
    const units = this.sheetRows(UNITS.name);
    const emailCol = (units[0] ?? []).indexOf(this.unitHeader('emails'));
    return (
      units.length > 1 &&
      emailCol >= 0 &&
      units.slice(1).every(r => !r[emailCol]?.trim())
    );
  }

  private unitHeader(key: string): string {
    return UNITS.columns.find(c => c.key === key)?.header ?? '';
  }

  /**
   * Fills "<code>@<owner's domain>" into every unit row that has no e-mail, as the admin would type
   * them, so the page can sign in as a unit. One logged execution by the owner.
   */
  fillDemoEmails(): ExecutionView {
    const ws = this.workspace;
    const domain = this.owner.slice(this.owner.indexOf('@') + 1);
    return this.execute(
      {
        user: this.owner,
        fn: 'fillDemoEmails',
        source: 'system',
        caption: 'Điền email mẫu cho các đơn vị',
      },
      () =>
        ws.run(this.owner, () =>
          ws.uncounted(() => {
            const sheet = ws.activeSpreadsheet().getSheetByName(UNITS.name);
            if (!sheet) {
              throw new Error(
                'Chưa có tab "Đơn vị": hãy bấm "Thiết lập / sửa chữa bảng tính" trước.',
              );
            }
            const values = sheet.getDataRange().getValues();
            const codeCol = values[0].indexOf(this.unitHeader('code'));
            const emailCol = values[0].indexOf(this.unitHeader('emails'));
            if (codeCol < 0 || emailCol < 0 || values.length < 2) return 0;
            let filled = 0;
            const column = values.slice(1).map(r => {
              const current = String(r[emailCol]).trim();
              const code = String(r[codeCol])
                .normalize('NFD')
                .replace(/[\u0300-\u036f]/g, '')
                .replace(/đ/gi, 'd')
                .replace(/[^a-z0-9]+/gi, '')
                .toLowerCase();
              if (current || !code) return [current];
              filled++;
              return [`${code}@${domain}`];
            });
            sheet.getRange(2, emailCol + 1, column.length, 1).setValues(column);
            return filled;
          }),
        ),
    ).execution;
  }

  /**
   * The demo e-mails, then set-up again as the admin would, so each unit's rows of Phân công are
   * editable by its new address (set-up keeps the protections in step with the units tab).
   */
  fillDemoEmailsAndSetUp(): {
    ok: boolean;
    message: string;
    execution: ExecutionView;
  } {
    const filled = this.fillDemoEmails();
    if (!filled.ok) {
      return {
        ok: false,
        message: `Chưa điền được email mẫu: ${filled.error?.message ?? 'lỗi không rõ'}`,
        execution: filled,
      };
    }
    const count = Number(filled.valueText ?? 0);
    const domain = this.owner.slice(this.owner.indexOf('@') + 1);
    if (!count) {
      return {
        ok: true,
        message: 'Mọi đơn vị đã có email: không điền thêm email mẫu nào.',
        execution: filled,
      };
    }
    const setup = this.run({
      user: this.owner,
      fn: 'setupWorkbook',
      source: 'system',
      caption: 'Điền email mẫu, rồi thiết lập lại quyền sửa theo đơn vị',
    }).execution;
    return {
      ok: setup.ok,
      message: setup.ok
        ? `Đã điền email mẫu cho ${count} đơn vị (mã-đơn-vị@${domain}, xem cột Email ở tab "${UNITS.name}") và chạy lại Thiết lập để mỗi đơn vị sửa được các dòng Phân công của mình. ` +
          'Chọn một đơn vị ở ô "Đăng nhập với vai trò" để thử.'
        : `Đã điền email mẫu cho ${count} đơn vị, nhưng chạy lại Thiết lập bị lỗi: ${setup.error?.message ?? ''}`,
      execution: setup,
    };
  }

  // ---- persistence ----------------------------------------------------------------------------

  /** Writes the state file atomically (temporary file, then rename). */
  save(): void {
    const state: SavedState = {
      version: STATE_VERSION,
      savedAt: new Date().toISOString(),
      workspace: this.workspace.toJSON(),
      preview: {
        seq: this.seq,
        surfaceSeq: this.surfaceSeq,
        clockMode: this.clockMode,
        clockNote: this.clockNote,
        executions: this.executions,
        surfaces: this.surfaces,
      },
    };
    const file = this.opts.stateFile;
    mkdirSync(dirname(file), {recursive: true});
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(state));
    renameSync(tmp, file);
  }
}
