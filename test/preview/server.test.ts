// The local preview server (npm start): page, menu runs, sheet views, google.script.run, persistence, escaping.
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {request} from 'node:http';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import * as vm from 'node:vm';
import {build} from '../../scripts/build';
import {registerPanel, jsonResponse} from '../../scripts/preview/panels';
import type {
  ExecutionView,
  RunReply,
  StateView,
} from '../../scripts/preview/protocol';
import {startPreviewServer} from '../../scripts/preview/server';
import type {PreviewServer} from '../../scripts/preview/server';
import type {SheetData, SheetTabInfo} from '../../scripts/preview/sheetView';

const OWNER = 'quantri@xa-demo.vn';
const NOW = '2025-09-01T01:00:00Z'; // 08:00 in Asia/Ho_Chi_Minh

interface Reply {
  status: number;
  type: string;
  text: string;
  json<T>(): T;
}

/** One HTTP request to the preview on 127.0.0.1. */
function call(
  server: PreviewServer,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        // One connection per request: a kept-alive socket closed by the server between two requests
        // of a slow run resets the next one (ECONNRESET).
        agent: false,
        method,
        path,
        headers: {
          ...(data ? {'Content-Type': 'application/json'} : {}),
          ...headers,
        },
      },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            type: String(res.headers['content-type'] ?? ''),
            text,
            json: <T>() => JSON.parse(text) as T,
          });
        });
      },
    );
    req.on('error', reject);
    if (data) req.write(data);
    req.end();
  });
}

const asUser = (email: string) => ({
  'X-Preview-User': encodeURIComponent(email),
});
const sheetPath = (name: string) => `/api/sheets/${encodeURIComponent(name)}`;

/** Defines extra top-level functions in the loaded script, as if Code.js had them. */
function defineScriptFunctions(server: PreviewServer, source: string): void {
  vm.runInContext(source, server.host.vm);
}

let dir: string;
let stateFile: string;
let server: PreviewServer;

beforeAll(async () => {
  if (!existsSync(join(__dirname, '../../dist/Code.js'))) await build();
  dir = mkdtempSync(join(tmpdir(), 'preview-test-'));
  stateFile = join(dir, 'state.json');
  server = await startPreviewServer({port: 0, stateFile, now: NOW});
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, {recursive: true, force: true});
});

describe('preview server', () => {
  it('listens on 127.0.0.1 only and serves the Vietnamese page with the menu from onOpen', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await call(server, 'GET', '/');
    expect(res.status).toBe(200);
    expect(res.type).toContain('text/html');
    expect(res.text).toContain('<html lang="vi">');
    expect(res.text).toContain('Đăng nhập với vai trò');
    expect(res.text).toContain('Đặt lại dữ liệu');
    expect(res.text).toContain('<span class="menu-title">Dân vận</span>');
    expect(res.text).toContain('data-fn="setupWorkbook"');
    expect(res.text).toContain('Thiết lập / sửa chữa bảng tính');
    expect(res.text).not.toMatch(/<script[^>]+src=/i); // self-contained: no CDN
    const state = (await call(server, 'GET', '/api/state')).json<StateView>();
    expect(state.menus[0].title).toBe('Dân vận');
    expect(state.menus[0].items).toContainEqual({
      caption: 'Thiết lập / sửa chữa bảng tính',
      functionName: 'setupWorkbook',
    });
    expect(state.users[0].email).toBe(OWNER);
    expect(state.nowInput).toBe('01/09/2025 08:00');
    expect(state.nowWeekday).toBe('Thứ Hai');
    expect(
      state.tabs.some(
        t => t.kind === 'panel' && t.title === 'Nhật ký thực thi',
      ),
    ).toBe(true);
  });

  it('runs setupWorkbook from the menu as the owner and shows the new tabs with the 13 tasks', async () => {
    const res = await call(
      server,
      'POST',
      '/api/menu',
      {fn: 'setupWorkbook'},
      asUser(OWNER),
    );
    expect(res.status).toBe(200);
    const exec = res.json<ExecutionView>();
    expect(exec.ok).toBe(true);
    expect(exec.user).toBe(OWNER);
    expect(exec.source).toBe('menu');
    expect(exec.totalCalls).toBeGreaterThan(0);
    expect(exec.calls['Range.setValues']).toBeGreaterThan(0);
    expect(
      exec.ui.some(
        e => e.type === 'alert' && e.title === 'Đã thiết lập bảng tính',
      ),
    ).toBe(true);

    const tabs = (await call(server, 'GET', '/api/sheets')).json<
      SheetTabInfo[]
    >();
    const names = tabs.map(t => t.name);
    for (const name of [
      'Nhiệm vụ',
      'Phân công',
      'Đơn vị',
      'Kỳ báo cáo',
      'Cấu hình',
    ]) {
      expect(names).toContain(name);
    }
    const tasks = (
      await call(server, 'GET', sheetPath('Nhiệm vụ'))
    ).json<SheetData>();
    expect(tasks.values[0][0]).toBe('TT');
    const rows = tasks.values.slice(1).filter(r => r[0] !== '');
    expect(rows).toHaveLength(13);
    expect(rows.map(r => r[0])).toEqual(
      Array.from({length: 13}, (_, i) => String(i + 1)),
    );

    const tasksTab = tabs.find(t => t.name === 'Nhiệm vụ') as SheetTabInfo;
    const view = await call(server, 'GET', `/view/sheet/${tasksTab.id}`);
    expect(view.status).toBe(200);
    expect(view.text).toContain('<table class="grid"');
    expect(view.text).toContain('Thường xuyên');
    const state = (await call(server, 'GET', '/api/state')).json<StateView>();
    expect(
      state.tabs.filter(t => t.kind === 'sheet').map(t => t.title),
    ).toEqual(names);
  });

  it('shows sheet protections in a note', async () => {
    const tabs = (await call(server, 'GET', '/api/sheets')).json<
      SheetTabInfo[]
    >();
    const locked = tabs.find(t => t.protected) as SheetTabInfo;
    expect(locked).toBeDefined();
    const view = await call(server, 'GET', `/view/sheet/${locked.id}`);
    expect(view.text).toMatch(/<span class="lock">[^<]*chỉ /);
  });

  it('escapes the HTML of cell text, sheet names and protections', async () => {
    server.host.workspace.editCell(
      OWNER,
      "'Đơn vị'!K2",
      '<img src=x onerror=alert(1)>',
    );
    const tabs = (await call(server, 'GET', '/api/sheets')).json<
      SheetTabInfo[]
    >();
    const units = tabs.find(t => t.name === 'Đơn vị') as SheetTabInfo;
    const view = await call(server, 'GET', `/view/sheet/${units.id}`);
    expect(view.text).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(view.text).not.toContain('<img');

    defineScriptFunctions(
      server,
      'function previewOddSheet() { SpreadsheetApp.getActive().insertSheet(\'<b onclick=x>"Tab"</b>\'); }',
    );
    expect(
      (
        await call(server, 'POST', '/api/menu', {fn: 'previewOddSheet'})
      ).json<ExecutionView>().ok,
    ).toBe(true);
    const page = await call(server, 'GET', '/');
    expect(page.text).toContain('&lt;b onclick=x&gt;&quot;Tab&quot;&lt;/b&gt;');
    expect(page.text).not.toContain('<b onclick=x>');
    // The state embedded in the page cannot close its <script> element either.
    expect(page.text).toContain('\\u003cb onclick=x\\u003e');
  });

  it('answers google.script.run calls with {ok, value} as the signed-in user', async () => {
    defineScriptFunctions(
      server,
      `function previewWhoAmI(a, b) {
         return {user: Session.getActiveUser().getEmail(), sum: a + b.n, list: [1, 'hai', null]};
       }`,
    );
    const res = await call(server, 'POST', '/api/run', {
      fn: 'previewWhoAmI',
      args: [2, {n: 3}],
      user: 'vhxh@xa-demo.vn',
    });
    const reply = res.json<RunReply>();
    expect(reply.ok).toBe(true);
    expect(reply.ok && reply.value).toEqual({
      user: 'vhxh@xa-demo.vn',
      sum: 5,
      list: [1, 'hai', null],
    });
    expect(reply.execution?.source).toBe('script');
  });

  it('answers {ok:false} with the Vietnamese message of a thrown Error', async () => {
    defineScriptFunctions(
      server,
      "function previewFails() { throw new Error('Bạn chỉ được cập nhật phân công của đơn vị mình.'); }",
    );
    const res = await call(
      server,
      'POST',
      '/api/run',
      {fn: 'previewFails', args: []},
      asUser('kt@xa-demo.vn'),
    );
    expect(res.status).toBe(200);
    const reply = res.json<RunReply>();
    expect(reply.ok).toBe(false);
    expect(!reply.ok && reply.error.message).toBe(
      'Bạn chỉ được cập nhật phân công của đơn vị mình.',
    );
    const menu = (
      await call(server, 'POST', '/api/menu', {fn: 'previewFails'})
    ).json<ExecutionView>();
    expect(menu.ok).toBe(false);
    expect(menu.error?.message).toBe(
      'Bạn chỉ được cập nhật phân công của đơn vị mình.',
    );
  });

  it("stops an execution past 6 minutes, and grants the script only appsscript.json's scopes, as Google does", async () => {
    defineScriptFunctions(
      server,
      'function previewForever() { var r = SpreadsheetApp.getActive().getSheets()[0].getRange(1, 1); for (;;) r.getValue(); }',
    );
    const forever = (
      await call(server, 'POST', '/api/menu', {fn: 'previewForever'})
    ).json<ExecutionView>();
    expect(forever.ok).toBe(false);
    expect(forever.error?.message).toBe('Exceeded maximum execution time');
    expect(server.host.workspace.ctx.oauthScopes).toEqual(
      JSON.parse(readFileSync(join(__dirname, '../../appsscript.json'), 'utf8'))
        .oauthScopes,
    );
  });

  it('fails like Google for Dates in results, unknown and private functions', async () => {
    defineScriptFunctions(
      server,
      'function previewDate() { return {when: new Date()}; } function previewSecret_() { return 1; }',
    );
    const date = (
      await call(server, 'POST', '/api/run', {fn: 'previewDate', args: []})
    ).json<RunReply>();
    expect(date.ok).toBe(false);
    expect(!date.ok && date.error.message).toMatch(/Date/);
    const missing = (
      await call(server, 'POST', '/api/run', {fn: 'noSuchFunction', args: []})
    ).json<RunReply>();
    expect(!missing.ok && missing.error.message).toMatch(/noSuchFunction/);
    const secret = (
      await call(server, 'POST', '/api/run', {fn: 'previewSecret_', args: []})
    ).json<RunReply>();
    expect(secret.ok).toBe(false);
  });

  it('serves a dialog the script opened at /ui/<id> with the google.script shim first', async () => {
    defineScriptFunctions(
      server,
      `function previewDialog() {
         var html = HtmlService.createHtmlOutput(
           '<html><head><script>google.script.run.previewWhoAmI(1, {n: 1});</' + 'script></head><body>Xin chào</body></html>'
         ).setWidth(400).setHeight(200);
         SpreadsheetApp.getUi().showModalDialog(html, 'Hộp thoại thử');
       }`,
    );
    const exec = (
      await call(server, 'POST', '/api/menu', {fn: 'previewDialog'})
    ).json<ExecutionView>();
    expect(exec.ui.map(e => e.type)).toContain('modal');
    const state = (await call(server, 'GET', '/api/state')).json<StateView>();
    const dialog = state.surfaces.find(s => s.kind === 'modal');
    expect(dialog).toMatchObject({
      title: 'Hộp thoại thử',
      width: 400,
      height: 200,
    });
    const page = await call(server, 'GET', `/ui/${dialog?.id}`);
    expect(page.status).toBe(200);
    const shimAt = page.text.indexOf('__PREVIEW_SURFACE__');
    expect(shimAt).toBeGreaterThan(0);
    expect(page.text.indexOf('withSuccessHandler')).toBeGreaterThan(shimAt);
    expect(shimAt).toBeLessThan(
      page.text.indexOf('google.script.run.previewWhoAmI'),
    );
    const closed = await call(
      server,
      'POST',
      `/api/ui/${dialog?.id}/close`,
      {},
    );
    expect(closed.json<StateView>().surfaces).toHaveLength(0);
    expect((await call(server, 'GET', `/ui/${dialog?.id}`)).status).toBe(404);
  });

  it('refuses commands from other origins', async () => {
    const res = await call(
      server,
      'POST',
      '/api/menu',
      {fn: 'setupWorkbook'},
      {Origin: 'http://evil.example'},
    );
    expect(res.status).toBe(403);
  });

  it('sets the emulated clock from dd/MM/yyyy HH:mm', async () => {
    const state = (
      await call(server, 'POST', '/api/clock', {now: '03/12/2025 07:30'})
    ).json<StateView>();
    expect(state.nowInput).toBe('03/12/2025 07:30');
    expect(state.now).toBe('2025-12-03T00:30:00.000Z');
    const bad = await call(server, 'POST', '/api/clock', {now: '31/02/2025'});
    expect(bad.status).toBe(400);
    expect(bad.json<{error: {message: string}}>().error.message).toContain(
      'Thời điểm không hợp lệ',
    );
  });

  it('lists every execution in the "Nhật ký thực thi" panel', async () => {
    const view = await call(server, 'GET', '/view/panel/executions');
    expect(view.status).toBe(200);
    expect(view.text).toContain('Nhật ký thực thi');
    expect(view.text).toContain('<code>setupWorkbook</code>');
    expect(view.text).toContain(
      'Bạn chỉ được cập nhật phân công của đơn vị mình.',
    );
  });

  it('routes requests to panels registered by other features', async () => {
    registerPanel({
      id: 'test-panel',
      title: 'Bảng thử',
      render: ctx => `<p>Xin chào ${ctx.escapeHtml(ctx.user)}</p>`,
      routes: [
        {
          method: 'POST',
          path: '/api/panels/test-panel/run',
          handle: (ctx, _req, body) => {
            const fn = String((body as {fn: string}).fn);
            return jsonResponse({
              ok: true,
              execution: ctx.runAs(ctx.user, fn, [4, {n: 5}]),
            });
          },
        },
      ],
    });
    const view = await call(
      server,
      'GET',
      '/view/panel/test-panel',
      undefined,
      asUser('<VP>@xa-demo.vn'),
    );
    expect(view.text).toBe('<p>Xin chào &lt;vp&gt;@xa-demo.vn</p>');
    const res = await call(
      server,
      'POST',
      '/api/panels/test-panel/run',
      {fn: 'previewWhoAmI'},
      asUser('vp@xa-demo.vn'),
    );
    const exec = res.json<{execution: ExecutionView}>().execution;
    expect(exec).toMatchObject({
      ok: true,
      user: 'vp@xa-demo.vn',
      source: 'panel',
    });
    expect(exec.valueText).toContain('"sum":9');
  });

  it('keeps everything across a restart on the same state file', async () => {
    const before = (
      await call(server, 'GET', sheetPath('Nhiệm vụ'))
    ).json<SheetData>();
    const log = (await call(server, 'GET', '/api/executions')).json<
      ExecutionView[]
    >();
    await server.close();
    const saved = JSON.parse(readFileSync(stateFile, 'utf8')) as {
      version: number;
    };
    expect(saved.version).toBe(1);
    server = await startPreviewServer({port: 0, stateFile});
    const after = (
      await call(server, 'GET', sheetPath('Nhiệm vụ'))
    ).json<SheetData>();
    expect(after.values).toEqual(before.values);
    const state = (await call(server, 'GET', '/api/state')).json<StateView>();
    expect(state.nowInput).toBe('03/12/2025 07:30');
    expect(state.menus[0].title).toBe('Dân vận');
    const logAfter = (await call(server, 'GET', '/api/executions')).json<
      ExecutionView[]
    >();
    expect(logAfter.slice(0, log.length)).toEqual(log);
    expect(logAfter[logAfter.length - 1]).toMatchObject({
      fn: 'onOpen',
      source: 'system',
    });
  });

  it('starts over on "Đặt lại dữ liệu"', async () => {
    const state = (
      await call(server, 'POST', '/api/reset', {})
    ).json<StateView>();
    expect(
      state.tabs.filter(t => t.kind === 'sheet').map(t => t.title),
    ).toEqual(['Sheet1']);
    expect(state.menus[0].title).toBe('Dân vận');
    const log = (await call(server, 'GET', '/api/executions')).json<
      ExecutionView[]
    >();
    expect(log.map(e => e.fn)).toEqual(['onOpen']);
    expect((await call(server, 'GET', sheetPath('Nhiệm vụ'))).status).toBe(404);
  });
});
