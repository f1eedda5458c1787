// The preview's HTML: the self-contained main page (CSS, bundled client code) and sidebar/dialog pages with the shim.
import * as esbuild from 'esbuild';
import {join} from 'node:path';
import {escapeHtml, jsonForScript} from './html';
import type {
  MenuView,
  StateView,
  SurfaceView,
  TabView,
  UserChoice,
} from './protocol';

const CLIENT_DIR = join(__dirname, 'client');
const bundles = new Map<string, string>();

/** Bundles one client file (client/page.ts, client/shim.ts) into a classic script, once per process. */
export function clientScript(name: 'page' | 'shim'): string {
  let js = bundles.get(name);
  if (js === undefined) {
    const out = esbuild.buildSync({
      entryPoints: [join(CLIENT_DIR, `${name}.ts`)],
      bundle: true,
      format: 'iife',
      target: 'es2019',
      platform: 'browser',
      charset: 'utf8',
      write: false,
      logLevel: 'silent',
    });
    js = out.outputFiles[0].text.replace(/<\/script/gi, '<\\/script');
    bundles.set(name, js);
  }
  return js;
}

const CSS = `
* { box-sizing: border-box; }
html, body { height: 100%; }
body { margin: 0; display: flex; flex-direction: column; color: #202124; background: #fff;
  font: 13px/1.45 system-ui, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif; }
button, input, select { font: inherit; }
button { cursor: pointer; }
.muted { color: #5f6368; }
header.top { display: flex; align-items: center; justify-content: space-between; gap: 12px 24px;
  padding: 8px 16px 6px; }
.toolbar { display: flex; align-items: center; gap: 8px 28px; flex-wrap: wrap; padding: 0 16px 8px 54px;
  border-bottom: 1px solid #dadce0; }
.brand { display: flex; align-items: center; gap: 10px; min-width: 0; }
.logo { width: 28px; height: 34px; border-radius: 3px; background: #188038; position: relative; flex: none; }
.logo::after { content: ""; position: absolute; left: 6px; right: 6px; top: 12px; bottom: 8px;
  border: 2px solid #fff; border-radius: 1px;
  background: linear-gradient(#fff, #fff) 50% 0/2px 100% no-repeat, linear-gradient(#fff, #fff) 0 50%/100% 2px no-repeat; }
.brand h1 { font-size: 18px; font-weight: 500; margin: 0; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.brand .sub { font-size: 12px; color: #5f6368; }
.control { display: flex; align-items: center; gap: 6px; }
.control > label { color: #5f6368; white-space: nowrap; }
.control select, .control input { border: 1px solid #dadce0; border-radius: 4px; padding: 4px 6px; background: #fff; }
#user-select { max-width: 400px; }
#user-other { width: 220px; }
.clock-text { font-weight: 500; white-space: nowrap; }
.clock-note { flex-basis: 100%; margin: 0; padding: 4px 10px; border-radius: 4px; background: #fef7e0; color: #7a5200; }
.clock-note[hidden] { display: none; }
.btn { border: 1px solid #dadce0; background: #fff; border-radius: 4px; padding: 4px 10px; color: #1a73e8; }
.btn:hover { background: #f1f6fe; }
.btn.danger { color: #c5221f; }
.btn.danger:hover { background: #fce8e6; }
.btn.primary { background: #1a73e8; border-color: #1a73e8; color: #fff; }
.btn.primary:hover { background: #1765cc; }
/* Panels' plain buttons look like the toolbar's. */
button:not([class]) { border: 1px solid #dadce0; background: #fff; border-radius: 4px; padding: 4px 10px; color: #1a73e8; }
button:not([class]):hover { background: #f1f6fe; }
button[type="submit"]:not([class]) { background: #1a73e8; border-color: #1a73e8; color: #fff; }
button[type="submit"]:not([class]):hover { background: #1765cc; }
button:disabled { opacity: .6; cursor: progress; }
nav.menubar { display: flex; align-items: center; gap: 8px; padding: 6px 16px; flex-wrap: wrap;
  background: #f8f9fa; border-bottom: 1px solid #dadce0; }
#menu-items { display: flex; gap: 8px; flex-wrap: wrap; }
.menu { display: flex; align-items: center; gap: 6px; flex-wrap: wrap; }
.menu-title { font-weight: 600; padding: 2px 8px 2px 0; }
.menu-title::after { content: " ▸"; color: #80868b; font-weight: 400; }
.menu-item { border: 1px solid #dadce0; background: #fff; border-radius: 16px; padding: 3px 12px; color: #202124; }
.menu-item:hover:not(:disabled) { background: #e8f0fe; border-color: #aecbfa; }
.menu-item:disabled { color: #9aa0a6; cursor: progress; }
.menu-sep { width: 1px; align-self: stretch; background: #dadce0; margin: 2px 4px; }
#status { margin-left: auto; color: #5f6368; font-size: 12px; }
body.busy #status::before { content: ""; display: inline-block; width: 10px; height: 10px; margin-right: 6px;
  border: 2px solid #1a73e8; border-right-color: transparent; border-radius: 50%; animation: spin .8s linear infinite; }
@keyframes spin { to { transform: rotate(360deg); } }
.result { margin: 8px 16px 0; border: 1px solid #dadce0; border-left-width: 4px; border-radius: 6px;
  max-height: 30vh; overflow: auto; background: #fff; flex: none; }
.toast-line { color: #3c4043; }
.toast-line::before { content: "Thông báo nhỏ: "; color: #5f6368; font-size: 12px; }
.result.ok { border-left-color: #188038; }
.result.failed { border-left-color: #d93025; }
.result.refused { border-left-color: #f9ab00; }
.result.refused .result-icon { color: #b06000; }
.refused-box { background: #fef7e0; color: #7a5200; border-radius: 6px; padding: 6px 10px; white-space: pre-wrap; }
.result-message { font-weight: 500; }
.result-head { display: flex; align-items: baseline; gap: 6px; padding: 6px 10px; background: #f8f9fa;
  position: sticky; top: 0; }
.result-icon { font-weight: 700; }
.result.ok .result-icon { color: #188038; }
.result.failed .result-icon { color: #d93025; }
.result .close { margin-left: auto; border: 0; background: none; font-size: 18px; line-height: 1; color: #5f6368; }
.result-body { padding: 6px 10px 8px; display: flex; flex-direction: column; gap: 6px; }
.ui-event { border: 1px solid #d2e3fc; background: #f8fbff; border-radius: 6px; padding: 6px 10px; }
.ui-head { display: flex; gap: 8px; align-items: baseline; }
.ui-kind { font-size: 11px; text-transform: uppercase; letter-spacing: .03em; color: #1967d2; }
.ui-message { white-space: pre-wrap; margin-top: 2px; }
.ui-detail { color: #5f6368; font-size: 12px; margin-top: 2px; }
.error-box { background: #fce8e6; color: #a50e0e; border-radius: 6px; padding: 6px 10px; white-space: pre-wrap; }
.value { color: #3c4043; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12px; white-space: pre-wrap; }
details.calls summary { cursor: pointer; color: #5f6368; }
details.calls table { border-collapse: collapse; margin: 4px 0 0 16px; font-size: 12px; }
details.calls td { padding: 1px 8px; border-bottom: 1px solid #f1f3f4; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.logs { margin: 2px 0 0 16px; font-size: 12px; background: #f8f9fa; padding: 6px; border-radius: 4px; white-space: pre-wrap; }
main.layout { flex: 1; display: flex; min-height: 0; margin-top: 8px; border-top: 1px solid #dadce0; }
.content { flex: 1; display: flex; flex-direction: column; min-width: 0; }
#view { flex: 1; overflow: auto; background: #fff; transition: opacity .15s; }
#view.loading { opacity: .45; cursor: progress; }
.sheet-info { display: flex; gap: 6px 16px; flex-wrap: wrap; align-items: center; padding: 6px 12px;
  font-size: 12px; color: #5f6368; border-bottom: 1px solid #e8eaed; position: sticky; left: 0; }
.lock { background: #fef7e0; color: #7a5200; border-radius: 10px; padding: 1px 8px; }
.lock::before, .tab.protected::before { content: ""; display: inline-block; width: 9px; height: 11px;
  margin-right: 5px; vertical-align: -1px; background: no-repeat center/contain
  url("data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 9 11'%3E%3Cpath fill='%23a06a00' d='M1.5 4.5V3a3 3 0 0 1 6 0v1.5H9V11H0V4.5zm1.5 0h3V3a1.5 1.5 0 0 0-3 0z'/%3E%3C/svg%3E"); }
.tab.protected::before { filter: grayscale(1) brightness(.9); }
.empty { padding: 40px; text-align: center; color: #5f6368; }
.more { padding: 8px 12px; color: #5f6368; }
table.grid { border-collapse: separate; border-spacing: 0; table-layout: fixed; }
.grid thead { position: sticky; top: 0; z-index: 2; }
.grid th { font-weight: 400; color: #5f6368; background: #f8f9fa; border-right: 1px solid #dadce0;
  border-bottom: 1px solid #dadce0; font-size: 11px; }
.grid th.col-letter { height: 20px; text-align: center; }
.grid th.corner, .grid th.rn { position: sticky; left: 0; z-index: 1; text-align: center; }
.grid th.rn { vertical-align: top; padding-top: 4px; }
.grid td { border-right: 1px solid #e2e3e3; border-bottom: 1px solid #e2e3e3; padding: 3px 6px;
  white-space: pre-wrap; overflow-wrap: anywhere; vertical-align: top; background: #fff; }
.grid thead td { background: #f1f3f4; font-weight: 600; vertical-align: middle; border-bottom: 2px solid #bdc1c6; }
.grid .hidden-col { display: none; }
.grid tr.hidden-row { opacity: .45; }
.grid td.has-note { position: relative; }
.grid td.has-note::before { content: ""; position: absolute; top: 0; right: 0;
  border-left: 6px solid transparent; border-top: 6px solid #f29900; }
.grid td.dropdown::after { content: "▾"; float: right; color: #bdc1c6; margin-left: 4px; }
.grid td.checkbox { text-align: center; font-size: 15px; }
nav#tabs { display: flex; flex-wrap: wrap; align-items: stretch; gap: 2px; padding: 0 8px; background: #f1f3f4;
  border-top: 1px solid #dadce0; flex: none; min-height: 36px; max-height: 30vh; overflow-y: auto; }
.tab { border: 0; border-bottom: 3px solid transparent; background: transparent; padding: 6px 12px;
  white-space: nowrap; color: #3c4043; }
.tab:hover { background: #e8eaed; }
.tab.active { background: #fff; color: #188038; font-weight: 600; box-shadow: 0 1px 3px rgba(60,64,67,.2); }
.tab-panel { color: #1967d2; }
.tab-panel.active { color: #1967d2; }
.tab-divider { width: 1px; background: #bdc1c6; margin: 8px 6px; }
aside#sidebar { width: 300px; flex: none; display: flex; flex-direction: column; border-left: 1px solid #dadce0;
  box-shadow: -2px 0 4px rgba(60,64,67,.08); }
aside#sidebar[hidden] { display: none; }
.side-head, .dialog-head { display: flex; align-items: center; padding: 10px 12px; border-bottom: 1px solid #e8eaed; }
.side-head strong, .dialog-head strong { font-size: 15px; font-weight: 500; flex: 1; }
.icon-btn { border: 0; background: none; font-size: 20px; line-height: 1; color: #5f6368; padding: 0 4px; }
#sidebar-frame { flex: 1; border: 0; width: 100%; }
#dialog { position: fixed; inset: 0; background: rgba(32,33,36,.45); display: flex; align-items: center;
  justify-content: center; z-index: 20; }
#dialog[hidden] { display: none; }
#dialog.modeless { background: transparent; pointer-events: none; }
#dialog.modeless #dialog-box { pointer-events: auto; }
#dialog-box { background: #fff; border-radius: 8px; box-shadow: 0 8px 28px rgba(0,0,0,.3); max-width: 95vw;
  max-height: 92vh; display: flex; flex-direction: column; }
#dialog-frame { border: 0; width: 100%; max-height: 80vh; }
#question { position: fixed; inset: 0; background: rgba(32,33,36,.45); display: flex; align-items: center;
  justify-content: center; z-index: 25; }
#question[hidden] { display: none; }
.question-box { background: #fff; border-radius: 8px; box-shadow: 0 8px 28px rgba(0,0,0,.3); width: 520px;
  max-width: 95vw; max-height: 90vh; display: flex; flex-direction: column; }
.question-body { padding: 12px 16px 14px; display: flex; flex-direction: column; gap: 12px; overflow: auto; }
.question-message { white-space: pre-wrap; }
.prompt-answer { display: flex; gap: 8px; align-items: center; }
.prompt-answer input, .question-input { flex: 1; border: 1px solid #dadce0; border-radius: 4px; padding: 6px 8px; }
.prompt-answer input:focus, .question-input:focus { outline: 2px solid #1a73e8; outline-offset: -1px; border-color: #1a73e8; }
.question-buttons { display: flex; justify-content: flex-end; gap: 8px; }
.question-buttons .btn { padding: 6px 16px; }
#toasts { position: fixed; right: 16px; bottom: 48px; display: flex; flex-direction: column; gap: 8px; z-index: 30; }
.toast { background: #323232; color: #fff; border-radius: 6px; padding: 8px 14px; max-width: 360px;
  box-shadow: 0 3px 10px rgba(0,0,0,.3); }
.toast strong { display: block; }
.panel { padding: 16px 20px; }
.panel h2 { font-size: 17px; font-weight: 500; margin: 0 0 8px; }
.panel h3 { font-size: 14px; font-weight: 600; margin: 16px 0 6px; }
table.data { border-collapse: collapse; width: 100%; }
table.data th { text-align: left; background: #f8f9fa; font-weight: 600; }
table.data th, table.data td { border-bottom: 1px solid #e8eaed; padding: 4px 8px; vertical-align: top; }
.nowrap { white-space: nowrap; }
.small { font-size: 12px; }
.badge { display: inline-block; border-radius: 10px; padding: 0 8px; font-size: 12px; }
.badge.ok { background: #e6f4ea; color: #137333; }
.badge.err { background: #fce8e6; color: #a50e0e; }
.badge.warn { background: #fef7e0; color: #7a5200; }
code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12px; }
`;

const CLOCK_LABELS: Record<StateView['clockMode'], string> = {
  real: '(theo giờ thật)',
  shifted: '(đã chỉnh, vẫn chạy)',
  fixed: '(cố định)',
};

function renderUserOptions(users: UserChoice[]): string {
  return (
    users
      .map(
        u =>
          `<option value="${escapeHtml(u.email)}">${escapeHtml(u.label)}</option>`,
      )
      .join('') + '<option value="__other__">Email khác…</option>'
  );
}

/** The menu bar as the script registered it (buttons: caption → function name). */
export function renderMenus(menus: MenuView[]): string {
  if (!menus.length) {
    return '<span class="muted">Chưa có menu: hãy bấm "Đặt lại dữ liệu" để mở lại bảng tính.</span>';
  }
  return menus
    .map(menu => {
      const items = menu.items
        .map(item =>
          item
            ? `<button type="button" class="menu-item" data-fn="${escapeHtml(item.functionName)}" title="${escapeHtml(item.functionName)}">${escapeHtml(item.caption)}</button>`
            : '<span class="menu-sep"></span>',
        )
        .join('');
      return `<div class="menu"><span class="menu-title">${escapeHtml(menu.title)}</span>${items}</div>`;
    })
    .join('');
}

function renderTabs(tabs: TabView[], activeKey: string): string {
  let panels = false;
  return tabs
    .map(t => {
      const divider =
        t.kind === 'panel' && !panels
          ? '<span class="tab-divider"></span>'
          : '';
      if (t.kind === 'panel') panels = true;
      const label = `${t.title}${t.hidden ? ' (ẩn)' : ''}`;
      const cls = `tab tab-${t.kind}${t.key === activeKey ? ' active' : ''}${t.protected ? ' protected' : ''}`;
      return `${divider}<button type="button" class="${cls}" data-key="${escapeHtml(t.key)}">${escapeHtml(label)}</button>`;
    })
    .join('');
}

/** The whole preview page; `initialView` is the first tab's HTML (for readers without JS). */
export function renderPage(state: StateView, initialView: string): string {
  const firstTab = state.tabs[0]?.key ?? '';
  return `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(state.spreadsheetName)} — Chạy thử cục bộ</title>
<style>${CSS}</style>
</head>
<body>
<header class="top">
  <div class="brand">
    <div class="logo" aria-hidden="true"></div>
    <div>
      <h1 id="ss-name">${escapeHtml(state.spreadsheetName)}</h1>
      <div class="sub">Bản chạy thử cục bộ trên Google Workspace giả lập, không cần tài khoản Google · Local preview on the emulator</div>
    </div>
  </div>
  <button type="button" class="btn danger" id="reset" title="Xoá toàn bộ dữ liệu chạy thử và bắt đầu lại">Đặt lại dữ liệu</button>
</header>
<div class="toolbar">
  <div class="control">
    <label for="user-select">Đăng nhập với vai trò</label>
    <select id="user-select">${renderUserOptions(state.users)}</select>
    <input id="user-other" type="email" placeholder="email@vi-du.vn" hidden>
    <button type="button" class="btn" id="demo-emails" title="Điền email dạng mã-đơn-vị@${escapeHtml(state.owner.slice(state.owner.indexOf('@') + 1))} cho các đơn vị chưa có email, để thử đăng nhập với vai trò đơn vị"${state.unitsWithoutEmails ? '' : ' hidden'}>Điền email mẫu cho đơn vị</button>
  </div>
  <div class="control">
    <label for="now-input">Thời điểm giả lập</label>
    <span class="clock-text" id="now-text" title="${escapeHtml(state.nowText)}">${escapeHtml(state.nowWeekday)}</span>
    <input id="now-input" type="text" size="16" placeholder="dd/MM/yyyy HH:mm" title="Nhập ngày giờ dạng dd/MM/yyyy HH:mm, rồi bấm Đặt giờ" value="${escapeHtml(state.nowInput)}">
    <span class="muted" id="clock-mode">${CLOCK_LABELS[state.clockMode]}</span>
    <button type="button" class="btn" id="now-set">Đặt giờ</button>
    <button type="button" class="btn" id="now-real" title="Dùng lại giờ thật của máy">Giờ thật</button>
  </div>
  <p class="clock-note" id="clock-note" role="note"${state.clockNote ? '' : ' hidden'}>${escapeHtml(state.clockNote)}</p>
</div>
<nav class="menubar" aria-label="Menu">
  <div id="menu-items">${renderMenus(state.menus)}</div>
  <span id="status" role="status"></span>
</nav>
<section id="result" class="result" hidden></section>
<main class="layout">
  <div class="content">
    <div id="view" data-key="${escapeHtml(firstTab)}">${initialView}</div>
    <nav id="tabs" aria-label="Trang tính">${renderTabs(state.tabs, firstTab)}</nav>
  </div>
  <aside id="sidebar" hidden>
    <div class="side-head"><strong id="sidebar-title">Thanh bên</strong>
      <button type="button" class="icon-btn" id="sidebar-close" title="Đóng">×</button></div>
    <iframe id="sidebar-frame" title="Thanh bên"></iframe>
  </aside>
</main>
<div id="dialog" hidden>
  <div id="dialog-box">
    <div class="dialog-head"><strong id="dialog-title"></strong>
      <button type="button" class="icon-btn" id="dialog-close" title="Đóng">×</button></div>
    <iframe id="dialog-frame" title="Hộp thoại"></iframe>
  </div>
</div>
<div id="question" hidden></div>
<div id="toasts" aria-live="polite"></div>
<script id="preview-state" type="application/json">${jsonForScript(state)}</script>
<script>
${clientScript('page')}
</script>
</body>
</html>
`;
}

/**
 * A sidebar or dialog page as the script produced it, with google.script.run / google.script.host
 * defined before any of its own scripts (as Google's iframe does).
 */
export function renderSurface(
  surface: SurfaceView,
  html: string,
  maxInFlight: number,
): string {
  const config = {id: surface.id, user: surface.user, maxInFlight};
  const shim =
    `<script>window.__PREVIEW_SURFACE__=${jsonForScript(config)};</script>\n` +
    `<script>\n${clientScript('shim')}\n</script>\n`;
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (head) {
    const at = head.index + head[0].length;
    return html.slice(0, at) + '\n' + shim + html.slice(at);
  }
  const doctype = /^\s*<!doctype[^>]*>/i.exec(html);
  const at = doctype ? doctype[0].length : 0;
  return `${html.slice(0, at)}\n<meta charset="utf-8">\n${shim}${html.slice(at)}`;
}
