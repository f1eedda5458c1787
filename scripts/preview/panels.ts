// The preview's panel registry: feature tabs (forms, clock & mailbox, exports…) shown beside the sheet tabs.
import type {IncomingMessage} from 'node:http';
import type {Context} from 'node:vm';
import type {Workspace} from '../../emulator/workspace';
import type {ExecutionView} from './protocol';

/** What a panel's render and routes can use. */
export interface PanelContext {
  /** The emulated Google Workspace the preview runs on. */
  readonly workspace: Workspace;
  /** The node:vm context holding dist/Code.js (its top-level functions are the entry points). */
  readonly vm: Context;
  /** The e-mail the page is signed in as (owner when none was given). */
  readonly user: string;
  /** The spreadsheet owner / admin of the preview. */
  readonly owner: string;
  /**
   * Runs a top-level function of the script as `user` in one execution (like a menu click or a
   * google.script.run call), records it in the execution log and returns what happened. Never throws
   * for script errors: see `ok` / `error`. Synchronous: executions run one at a time.
   */
  runAs(
    user: string,
    fnName: string,
    args?: unknown[],
    opts?: RunOptions,
  ): ExecutionView;
  /**
   * Runs host code as one execution (e.g. firing due triggers or submitting a form response), with
   * the same logging and call counting as runAs. `fn` runs inside the emulator's execution scope.
   */
  execute<T>(
    label: ExecutionLabel,
    fn: () => T,
  ): {execution: ExecutionView; value: T | undefined};
  /**
   * Writes the state file now (takes about a second on a big workbook). Rarely needed: the server
   * saves by itself shortly after every POST/PUT/DELETE and when it stops.
   */
  save(): void;
  /** The executions so far, oldest first (at most the last 200). */
  readonly executions: readonly ExecutionView[];
  /** Escapes text for HTML: use it on every piece of data a panel renders. */
  escapeHtml(value: unknown): string;
  /** Host-side handles of the emulator's optional services, by emulator file (e.g. `mail` → MailBox). */
  readonly extensions: Readonly<Record<string, unknown>>;
  /**
   * Sets the emulated now from wall-clock text "dd/MM/yyyy HH:mm" (or "yyyy-MM-ddTHH:mm") in
   * Asia/Ho_Chi_Minh; null = the real now. The clock keeps running from there. To move time forward
   * and fire clock triggers use `workspace.advance(ms, {runTriggers: true})` inside `execute`.
   */
  setClock(wall: string | null): void;
  /** Why the clock did not start at the real date ('' when it did or was set by hand since). */
  readonly clockNote: string;
  /** dist/Code.js as the preview loaded it (for panels that run more script projects). */
  scriptCode(): string;
}

export interface RunOptions {
  /** Where the run comes from, shown in the execution log (default 'panel'). */
  source?: ExecutionView['source'];
  /** A human caption for the log (e.g. the menu caption). */
  caption?: string;
}

export interface ExecutionLabel {
  user: string;
  fn: string;
  source?: ExecutionView['source'];
  caption?: string;
}

/** What a panel route answers. */
export interface PanelResponse {
  status: number;
  /** Content type, e.g. 'application/json; charset=utf-8' or 'text/html; charset=utf-8'. */
  type: string;
  body: string | Buffer;
  headers?: Record<string, string>;
}

/** The request body: parsed JSON or form fields when the request has them, else the raw text. */
export type PanelRequestBody = unknown;

export interface PanelRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Exact path without query string; by convention `/api/panels/<panel id>/<action>`. */
  path: string;
  handle(
    ctx: PanelContext,
    req: IncomingMessage,
    body: PanelRequestBody,
  ): PanelResponse | Promise<PanelResponse>;
}

export interface Panel {
  /** Unique, URL-safe id (e.g. 'forms'). */
  id: string;
  /** The tab caption, Vietnamese (e.g. 'Biểu mẫu'). */
  title: string;
  /** Tabs are sorted by order, then registration (default 100). */
  order?: number;
  /**
   * The panel's HTML fragment (no <html>/<body>), rendered on every view. Inside it:
   * `<form data-action="/api/panels/x/y" data-label="…">` posts its fields as JSON, and
   * `<button data-action="/api/panels/x/y" data-body='{"k":"v"}'>` posts its body, both with the
   * signed-in user in the X-Preview-User header; answer JSON `{ok, message?, execution?}` and the page
   * shows the message or the execution, then refreshes. `data-confirm="…"` asks first. Inline
   * <script> elements run after each render.
   */
  render(ctx: PanelContext): string;
  routes?: PanelRoute[];
}

const registry: Panel[] = [];

/** Adds a panel (a later registration with the same id replaces the earlier one). */
export function registerPanel(panel: Panel): void {
  if (!/^[a-z0-9][a-z0-9-]*$/i.test(panel.id)) {
    throw new Error(`Panel id must be URL-safe: ${panel.id}`);
  }
  const at = registry.findIndex(p => p.id === panel.id);
  if (at >= 0) registry[at] = panel;
  else registry.push(panel);
}

/** The registered panels in tab order. */
export function registeredPanels(): Panel[] {
  return registry
    .map((p, i) => ({p, i}))
    .sort((a, b) => (a.p.order ?? 100) - (b.p.order ?? 100) || a.i - b.i)
    .map(x => x.p);
}

/** The route a request goes to, if a panel declared one. */
export function findPanelRoute(
  method: string,
  path: string,
): PanelRoute | undefined {
  for (const panel of registry) {
    const route = panel.routes?.find(
      r => r.method === method && r.path === path,
    );
    if (route) return route;
  }
  return undefined;
}

/** JSON answer helper for panel routes. */
export function jsonResponse(value: unknown, status = 200): PanelResponse {
  return {
    status,
    type: 'application/json; charset=utf-8',
    body: JSON.stringify(value),
  };
}

/** HTML answer helper for panel routes. */
export function htmlResponse(html: string, status = 200): PanelResponse {
  return {status, type: 'text/html; charset=utf-8', body: html};
}
