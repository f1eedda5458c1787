// Local preview (`npm start`): runs dist/Code.js on the emulated Workspace and serves it on 127.0.0.1.
import {createServer} from 'node:http';
import type {IncomingMessage, ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';
import {join} from 'node:path';
import {escapeHtml} from './html';
import {PreviewHost, TIME_ZONE} from './host';
import type {QuestionAnswer} from './host';
import {renderPage, renderSurface} from './page';
import {findPanelRoute, registeredPanels} from './panels';
import type {PanelContext, PanelResponse} from './panels';
import './panels/index';
import type {RunReply, StateView, TabView} from './protocol';
import {renderSheet, sheetData, sheetTabs} from './sheetView';

const ROOT = join(__dirname, '../..');
export const DEFAULT_PORT = 8080;
export const DEFAULT_STATE_FILE = join(ROOT, '.preview/state.json');
/** google.script.run allows at most this many calls in flight per page. */
export const MAX_CALLS_IN_FLIGHT = 10;
/** Room for a 10 MB evidence file sent as base64 by the link page. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;
/**
 * The state file is written once the page has been idle this long after an action (and at the latest
 * SAVE_MAX_DELAY_MS after the first unsaved one): a big workbook takes about a second to serialize,
 * which should not freeze the page while the user is clicking. Closing the server (Ctrl+C) and
 * "Đặt lại dữ liệu" write at once.
 */
const SAVE_IDLE_MS = 1500;
const SAVE_MAX_DELAY_MS = 10000;
const LISTEN_HOST = '127.0.0.1';

export interface PreviewServerOptions {
  /** 0 picks a free port. Default: env PORT, else 8080. */
  port?: number;
  /** Default: <repo>/.preview/state.json. */
  stateFile?: string;
  /** A fixed emulated now for a new workspace (tests); default: the real clock. */
  now?: Date | string | number;
  /** Folder with Code.js and the *.html pages (default <repo>/dist). */
  distDir?: string;
  /** Echo the script's console output to the terminal. */
  verbose?: boolean;
  /** The machine's clock (tests fix it); default Date.now. */
  realNow?: () => number;
}

export interface PreviewServer {
  url: string;
  port: number;
  host: PreviewHost;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new HttpError(413, 'Dữ liệu gửi lên quá lớn.'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseBody(req: IncomingMessage, raw: string): unknown {
  const type = String(req.headers['content-type'] ?? '');
  if (!raw) return type.includes('json') ? {} : raw;
  if (type.includes('application/json')) {
    try {
      return JSON.parse(raw);
    } catch {
      throw new HttpError(400, 'Dữ liệu JSON không hợp lệ.');
    }
  }
  if (type.includes('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(raw));
  }
  return raw;
}

function field(body: unknown, key: string): unknown {
  return body && typeof body === 'object'
    ? (body as Record<string, unknown>)[key]
    : undefined;
}

/** The user a request acts as: X-Preview-User header, body.user, ?user=, else the owner. */
function requestUser(
  req: IncomingMessage,
  url: URL,
  body: unknown,
  owner: string,
): string {
  const header = req.headers['x-preview-user'];
  let user = '';
  if (typeof header === 'string' && header) {
    try {
      user = decodeURIComponent(header);
    } catch {
      user = header;
    }
  }
  const fromBody = field(body, 'user');
  if (!user && typeof fromBody === 'string') user = fromBody;
  if (!user) user = url.searchParams.get('user') ?? '';
  return (user.trim() || owner).toLowerCase();
}

function send(res: ServerResponse, r: PanelResponse): void {
  res.writeHead(r.status, {
    'Content-Type': r.type,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...(r.headers ?? {}),
  });
  res.end(r.body);
}

const json = (value: unknown, status = 200): PanelResponse => ({
  status,
  type: 'application/json; charset=utf-8',
  body: JSON.stringify(value),
});
const html = (body: string, status = 200): PanelResponse => ({
  status,
  type: 'text/html; charset=utf-8',
  body,
});

export function stateView(host: PreviewHost): StateView {
  const ss = host.workspace.boundSpreadsheet;
  const clock = host.clockText();
  const tabs: TabView[] = [
    ...sheetTabs(ss).map(t => ({
      key: `sheet:${t.id}`,
      title: t.name,
      kind: 'sheet' as const,
      hidden: t.hidden,
      protected: t.protected,
      color: t.tabColor,
    })),
    ...registeredPanels().map(p => ({
      key: `panel:${p.id}`,
      title: p.title,
      kind: 'panel' as const,
    })),
  ];
  return {
    spreadsheetName: ss.name,
    owner: host.owner,
    timeZone: TIME_ZONE,
    now: clock.now,
    nowText: clock.nowText,
    nowInput: clock.nowInput,
    nowWeekday: clock.nowWeekday,
    clockMode: clock.mode,
    clockNote: clock.note,
    users: host.users(),
    unitsWithoutEmails: host.unitsWithoutEmails(),
    menus: host.menus(),
    tabs,
    surfaces: host.surfaces.map(s => ({
      id: s.id,
      kind: s.kind,
      title: s.title,
      width: s.width,
      height: s.height,
      user: s.user,
    })),
    revision: host.revision,
  };
}

function panelContext(host: PreviewHost, user: string): PanelContext {
  return {
    get workspace() {
      return host.workspace;
    },
    get vm() {
      return host.vm;
    },
    user,
    owner: host.owner,
    runAs: (u, fn, args = [], o = {}) =>
      host.run({
        user: u,
        fn,
        args,
        source: o.source ?? 'panel',
        caption: o.caption,
      }).execution,
    execute: (label, fn) =>
      host.execute({...label, source: label.source ?? 'panel'}, fn),
    save: () => host.save(),
    get executions() {
      return host.executions;
    },
    escapeHtml,
    get extensions() {
      return host.extensions;
    },
    setClock: wall => host.setClock(wall),
    get clockNote() {
      return host.clockNote;
    },
    scriptCode: () => host.scriptCode(),
  };
}

function findSheet(host: PreviewHost, key: string) {
  const ss = host.workspace.boundSpreadsheet;
  return /^\d+$/.test(key)
    ? (ss.sheetById(Number(key)) ?? ss.sheetByName(key))
    : ss.sheetByNameInsensitive(key);
}

function renderView(
  host: PreviewHost,
  kind: string,
  id: string,
  user: string,
): PanelResponse {
  if (kind === 'sheet') {
    const sheet = findSheet(host, id);
    if (!sheet)
      return html(
        '<div class="empty">Trang tính này không còn nữa.</div>',
        404,
      );
    return html(renderSheet(host.workspace.boundSpreadsheet, sheet));
  }
  const panel = registeredPanels().find(p => p.id === id);
  if (!panel) return html('<div class="empty">Không có bảng này.</div>', 404);
  try {
    return html(panel.render(panelContext(host, user)));
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return html(
      `<div class="error-box">Bảng "${escapeHtml(panel.title)}" bị lỗi: ${escapeHtml(message)}</div>`,
      500,
    );
  }
}

const CLOSED_SURFACE = `<!DOCTYPE html><html lang="vi"><meta charset="utf-8">
<body style="font:13px system-ui,sans-serif;color:#5f6368;padding:16px">Thanh bên hoặc hộp thoại này đã đóng.</body></html>`;

/** The surface id the web app's page uses: its google.script.run calls run as the web app. */
const WEB_APP_SURFACE = 'webapp';

/**
 * `/exec?t=…`: the deployed web app as Google serves it — doGet run as the deployer (the owner) for
 * an anonymous visitor, its HtmlOutput served with the google.script.run shim.
 */
function webAppPage(host: PreviewHost, url: URL): PanelResponse {
  const query: Record<string, string[]> = {};
  for (const [k, v] of url.searchParams) (query[k] ??= []).push(v);
  const {execution, value} = host.execute(
    {user: '(ẩn danh)', fn: 'doGet', source: 'script'},
    () => host.workspace.webAppGet(query),
  );
  if (!execution.ok || !value) {
    return html(
      `<!DOCTYPE html><meta charset="utf-8"><p>doGet lỗi: ${escapeHtml(execution.error?.message ?? 'không trả về trang')}</p>`,
      500,
    );
  }
  const content = String((value as {getContent(): string}).getContent());
  return html(
    renderSurface(
      {
        id: WEB_APP_SURFACE,
        kind: 'modeless',
        title: 'Web app',
        width: 360,
        height: 740,
        user: '',
      },
      content,
      MAX_CALLS_IN_FLIGHT,
    ),
  );
}

/** `/phone?t=…`: the web app's page in a 360 × 740 frame, as a phone shows it. */
function phonePage(url: URL): string {
  const src = `/exec?${url.searchParams.toString()}`;
  return (
    '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Đường dẫn cập nhật (màn hình điện thoại)</title>' +
    '<style>body{margin:0;background:#e8eaed;font:13px system-ui,sans-serif}p{text-align:center;color:#5f6368}' +
    'iframe{display:block;margin:12px auto;width:360px;height:740px;border:10px solid #202124;border-radius:24px;background:#fff}</style></head>' +
    `<body><p>Trang cập nhật qua đường dẫn cá nhân, ở kích thước điện thoại (360 × 740).</p><iframe src="${escapeHtml(src)}" title="Trang cập nhật"></iframe></body></html>`
  );
}

const BUTTONS = new Set(['OK', 'CANCEL', 'YES', 'NO', 'CLOSE']);

/**
 * The answers a menu click carries: `answers` [{type, button, text}], or the older `promptAnswers`
 * (texts typed into prompts, OK clicked).
 */
function menuAnswers(body: unknown): QuestionAnswer[] {
  const answers = field(body, 'answers');
  if (Array.isArray(answers)) {
    return answers.map(a => {
      const type = field(a, 'type') === 'alert' ? 'alert' : 'prompt';
      const button = String(field(a, 'button') ?? '').toUpperCase();
      if (!BUTTONS.has(button))
        throw new HttpError(400, `Nút trả lời không hợp lệ: "${button}".`);
      const text = field(a, 'text');
      return {type, button, text: typeof text === 'string' ? text : ''};
    });
  }
  const texts = field(body, 'promptAnswers');
  return Array.isArray(texts)
    ? texts.map(t => ({type: 'prompt' as const, button: 'OK', text: String(t)}))
    : [];
}

/** Routes one request; runs inside the serialized queue, so executions never overlap. */
async function route(
  host: PreviewHost,
  req: IncomingMessage,
  url: URL,
  body: unknown,
): Promise<PanelResponse> {
  const method = req.method ?? 'GET';
  const path = url.pathname;
  const user = requestUser(req, url, body, host.owner);
  const segments = path
    .split('/')
    .slice(1)
    .map(s => decodeURIComponent(s));

  if (method === 'GET') {
    if (path === '/') {
      const state = stateView(host);
      const first = state.tabs[0];
      const initial = first
        ? renderView(
            host,
            first.kind,
            first.key.slice(first.key.indexOf(':') + 1),
            user,
          ).body
        : '';
      return html(renderPage(state, String(initial)));
    }
    if (path === '/api/state') return json(stateView(host));
    if (path === '/api/sheets')
      return json(sheetTabs(host.workspace.boundSpreadsheet));
    if (
      segments[0] === 'api' &&
      segments[1] === 'sheets' &&
      segments.length === 3
    ) {
      const sheet = findSheet(host, segments[2]);
      if (!sheet)
        throw new HttpError(404, `Không có trang tính "${segments[2]}".`);
      return json(sheetData(host.workspace.boundSpreadsheet, sheet));
    }
    if (path === '/api/executions') return json(host.executions);
    if (segments[0] === 'view' && segments.length === 3) {
      return renderView(host, segments[1], segments[2], user);
    }
    if (segments[0] === 'ui' && segments.length === 2) {
      const surface = host.surface(segments[1]);
      if (!surface) return html(CLOSED_SURFACE, 404);
      return html(renderSurface(surface, surface.html, MAX_CALLS_IN_FLIGHT));
    }
    if (path === '/exec') return webAppPage(host, url);
    if (path === '/phone') return html(phonePage(url));
    if (path === '/favicon.ico')
      return {status: 204, type: 'text/plain', body: ''};
  }

  if (method === 'POST') {
    if (path === '/api/menu' || path === '/api/run') {
      const fn = field(body, 'fn');
      if (typeof fn !== 'string' || !/^[A-Za-z_$][\w$]*$/.test(fn)) {
        throw new HttpError(400, 'Thiếu tên hàm cần chạy (fn).');
      }
      if (path === '/api/menu') {
        const caption = field(body, 'caption');
        const reply = host.runAsking({
          user,
          fn,
          caption: typeof caption === 'string' ? caption : undefined,
          answers: menuAnswers(body),
        });
        // A question the page must put to its user (the run waits for it): {question, answered}.
        return json('execution' in reply ? reply.execution : reply);
      }
      const args = field(body, 'args') ?? [];
      if (!Array.isArray(args))
        throw new HttpError(400, 'args phải là một mảng.');
      const webApp = field(body, 'surface') === WEB_APP_SURFACE;
      const {execution, value} = host.run({
        user: webApp ? '(ẩn danh)' : user,
        fn,
        args,
        source: 'script',
        webApp,
      });
      const reply: RunReply = execution.ok
        ? {ok: true, value: value === undefined ? null : value, execution}
        : {
            ok: false,
            error: execution.error ?? {name: 'Error', message: 'Lỗi không rõ.'},
            execution,
          };
      return json(reply);
    }
    if (path === '/api/clock') {
      const now = field(body, 'now');
      try {
        host.setClock(typeof now === 'string' && now ? now : null);
      } catch (e) {
        throw new HttpError(400, e instanceof Error ? e.message : String(e));
      }
      return json(stateView(host));
    }
    if (path === '/api/demo-emails') {
      return json(host.fillDemoEmailsAndSetUp());
    }
    if (path === '/api/reset') {
      host.reset();
      return json(stateView(host));
    }
    if (
      segments[0] === 'api' &&
      segments[1] === 'ui' &&
      segments[3] === 'close'
    ) {
      host.closeSurface(segments[2]);
      return json(stateView(host));
    }
  }

  const panelRoute = findPanelRoute(method, path);
  if (panelRoute) {
    return await panelRoute.handle(panelContext(host, user), req, body);
  }
  throw new HttpError(404, `Không có đường dẫn ${method} ${path}.`);
}

/** POSTs must come from the preview's own pages (no other site may drive it through the browser). */
function sameOrigin(req: IncomingMessage, port: number): boolean {
  const host = String(req.headers.host ?? '');
  if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`)
    return false;
  const origin = req.headers.origin;
  return (
    origin === undefined || origin === 'null' || origin === `http://${host}`
  );
}

export async function startPreviewServer(
  opts: PreviewServerOptions = {},
): Promise<PreviewServer> {
  const host = new PreviewHost({
    stateFile: opts.stateFile ?? DEFAULT_STATE_FILE,
    now: opts.now,
    distDir: opts.distDir,
    verbose: opts.verbose,
    realNow: opts.realNow,
  });

  let chain: Promise<unknown> = Promise.resolve();
  const serialized = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = chain.then(fn);
    chain = next.catch(() => undefined);
    return next;
  };
  let port = 0;
  let closed = false;
  let saveTimer: NodeJS.Timeout | undefined;
  let dirtySince = 0;
  const saveNow = () => {
    clearTimeout(saveTimer);
    saveTimer = undefined;
    dirtySince = 0;
    try {
      host.save();
    } catch (e) {
      console.error('Không lưu được trạng thái / Could not save the state:', e);
    }
  };
  /** Schedules a save for when requests have stopped for a while. */
  const saveSoon = () => {
    const now = Date.now();
    dirtySince ||= now;
    clearTimeout(saveTimer);
    const wait = Math.max(
      0,
      Math.min(SAVE_IDLE_MS, dirtySince + SAVE_MAX_DELAY_MS - now),
    );
    saveTimer = setTimeout(() => void serialized(async () => saveNow()), wait);
  };
  /** Any request (a page refresh, a sidebar call) postpones a pending save: the user is busy. */
  const postponeSave = () => {
    if (saveTimer) saveSoon();
  };
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', `http://${LISTEN_HOST}`);
      postponeSave();
      try {
        if (
          req.method !== 'GET' &&
          req.method !== 'HEAD' &&
          !sameOrigin(req, port)
        ) {
          throw new HttpError(
            403,
            'Chỉ trang chạy thử trên máy này được gửi lệnh.',
          );
        }
        const raw = req.method === 'GET' ? '' : await readBody(req);
        const body = parseBody(req, raw);
        const r = await serialized(() => route(host, req, url, body));
        send(res, r);
      } catch (e) {
        const status = e instanceof HttpError ? e.status : 500;
        const message = e instanceof Error ? e.message : String(e);
        if (status === 500) console.error(e);
        if (url.pathname.startsWith('/view/')) {
          send(
            res,
            html(`<div class="error-box">${escapeHtml(message)}</div>`, status),
          );
        } else {
          send(res, json({ok: false, error: {name: 'Error', message}}, status));
        }
      } finally {
        if (req.method !== 'GET' && req.method !== 'HEAD' && !closed)
          saveSoon();
      }
    })();
  });

  const requested = opts.port ?? Number(process.env.PORT ?? DEFAULT_PORT);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(
      Number.isFinite(requested) ? requested : DEFAULT_PORT,
      LISTEN_HOST,
      () => {
        server.off('error', reject);
        resolve();
      },
    );
  });
  port = (server.address() as AddressInfo).port;
  // Load the state only once the port is ours: a second copy that cannot listen must not touch it.
  // (Requests wait: they are handled on later turns of the event loop.)
  try {
    host.start();
  } catch (e) {
    server.close();
    throw e;
  }
  saveSoon();
  const url = `http://${LISTEN_HOST}:${port}`;

  return {
    url,
    port,
    host,
    close: async () => {
      if (closed) return;
      closed = true;
      await chain;
      saveNow();
      await new Promise<void>(resolve => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

async function main(): Promise<void> {
  const stateFile = DEFAULT_STATE_FILE;
  let preview: PreviewServer;
  try {
    preview = await startPreviewServer({
      stateFile,
      verbose: process.env.PREVIEW_VERBOSE === '1',
    });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'EADDRINUSE') {
      console.error(
        `Cổng ${process.env.PORT ?? DEFAULT_PORT} đang được dùng: hãy đặt PORT khác, ví dụ PORT=8081 npm start.\n` +
          `Port ${process.env.PORT ?? DEFAULT_PORT} is in use: set another, e.g. PORT=8081 npm start.`,
      );
    } else {
      console.error(err.message ?? err);
    }
    process.exit(1);
  }
  console.log(
    [
      '',
      `  Bản chạy thử đang chạy tại: ${preview.url}`,
      `  Local preview running at:   ${preview.url}`,
      '',
      `  Dữ liệu lưu tại / State file: ${stateFile}`,
      '  Nhấn Ctrl+C để dừng. / Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    console.log('\n  Đang dừng và lưu dữ liệu… / Stopping and saving…');
    preview.close().then(
      () => process.exit(0),
      e => {
        console.error(e);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (require.main === module) {
  void main();
}
