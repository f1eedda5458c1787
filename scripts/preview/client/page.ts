// Browser code of the preview page: user picker, menu buttons, sheet/panel tabs, run results, sidebars.
import type {
  ExecutionView,
  MenuReply,
  MenuView,
  QuestionAnswer,
  QuestionView,
  StateView,
  SurfaceView,
  TabView,
  UiEventView,
  UserChoice,
} from '../protocol';

const OTHER_USER = '__other__';
const STORAGE_USER = 'preview.user';
const STORAGE_TAB = 'preview.tab';

let state: StateView = JSON.parse(
  (document.getElementById('preview-state') as HTMLScriptElement).textContent ||
    '{}',
) as StateView;
let currentTab = localStorage.getItem(STORAGE_TAB) || '';
let busy = false;
const CLOCK_LABELS: Record<StateView['clockMode'], string> = {
  real: '(theo giờ thật)',
  shifted: '(đã chỉnh, vẫn chạy)',
  fixed: '(cố định)',
};
let refreshTimer: number | undefined;

function $(id: string): HTMLElement {
  return document.getElementById(id) as HTMLElement;
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: {className?: string; text?: string; title?: string} = {},
  children: Array<Node | string> = [],
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.className) node.className = props.className;
  if (props.text !== undefined) node.textContent = props.text;
  if (props.title) node.title = props.title;
  for (const child of children) {
    node.append(
      typeof child === 'string' ? document.createTextNode(child) : child,
    );
  }
  return node;
}

// ------------------------------------------------------------------------------------------
// The signed-in user.

/** The e-mail the page acts as; the google.script.run shim in sidebars reads it too. */
function currentUser(): string {
  const select = $('user-select') as HTMLSelectElement;
  if (select.value === OTHER_USER) {
    return ($('user-other') as HTMLInputElement).value.trim() || state.owner;
  }
  return select.value || state.owner;
}
(window as unknown as {previewUser: () => string}).previewUser = currentUser;

function renderUsers(users: UserChoice[]): void {
  const select = $('user-select') as HTMLSelectElement;
  const other = $('user-other') as HTMLInputElement;
  const saved = localStorage.getItem(STORAGE_USER) || state.owner;
  select.replaceChildren();
  for (const u of users) {
    const option = el('option', {text: u.label});
    option.value = u.email;
    select.append(option);
  }
  const custom = el('option', {text: 'Email khác…'});
  custom.value = OTHER_USER;
  select.append(custom);
  if (users.some(u => u.email === saved)) {
    select.value = saved;
  } else {
    select.value = OTHER_USER;
    other.value = saved;
  }
  other.hidden = select.value !== OTHER_USER;
}

function onUserChange(): void {
  const select = $('user-select') as HTMLSelectElement;
  const other = $('user-other') as HTMLInputElement;
  other.hidden = select.value !== OTHER_USER;
  if (!other.hidden && !other.value) other.focus();
  localStorage.setItem(STORAGE_USER, currentUser());
  // Another account is another browser session: its sidebars and dialogs are not this user's.
  void Promise.all(state.surfaces.map(s => closeSurface(s.id))).then(() =>
    loadView(),
  );
}

// ------------------------------------------------------------------------------------------
// Server calls.

async function api<T>(
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(path, {
    method,
    headers: {
      'Content-Type': 'application/json',
      'X-Preview-User': encodeURIComponent(currentUser()),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error(`Máy chủ chạy thử trả lời không hợp lệ (${res.status}).`);
  }
  if (!res.ok && !(data && typeof data === 'object' && 'ok' in data)) {
    const msg = (data as {error?: {message?: string}}).error?.message;
    throw new Error(msg || `Lỗi máy chủ chạy thử (${res.status}).`);
  }
  return data as T;
}

// ------------------------------------------------------------------------------------------
// Header, menu, tabs.

function renderHeader(): void {
  $('ss-name').textContent = state.spreadsheetName;
  document.title = `${state.spreadsheetName} — Chạy thử cục bộ`;
  $('now-text').textContent = state.nowWeekday;
  $('now-text').title = state.nowText;
  const input = $('now-input') as HTMLInputElement;
  if (document.activeElement !== input) input.value = state.nowInput;
  $('clock-mode').textContent = CLOCK_LABELS[state.clockMode];
  $('clock-note').textContent = state.clockNote;
  $('clock-note').hidden = !state.clockNote;
}

function renderMenus(menus: MenuView[]): void {
  const bar = $('menu-items');
  bar.replaceChildren();
  if (!menus.length) {
    bar.append(
      el('span', {
        className: 'muted',
        text: 'Chưa có menu: hãy bấm "Mở lại bảng tính (onOpen)".',
      }),
    );
  }
  for (const menu of menus) {
    const group = el('div', {className: 'menu'});
    group.append(el('span', {className: 'menu-title', text: menu.title}));
    for (const item of menu.items) {
      if (!item) {
        group.append(el('span', {className: 'menu-sep'}));
        continue;
      }
      const button = el('button', {
        className: 'menu-item',
        text: item.caption,
        title: item.functionName,
      });
      button.type = 'button';
      button.dataset.fn = item.functionName;
      button.addEventListener(
        'click',
        () => void runMenu(item.functionName, item.caption),
      );
      group.append(button);
    }
    bar.append(group);
  }
}

function renderTabs(tabs: TabView[]): void {
  const strip = $('tabs');
  strip.replaceChildren();
  if (!tabs.some(t => t.key === currentTab)) currentTab = tabs[0]?.key ?? '';
  let panelsStarted = false;
  for (const tab of tabs) {
    if (tab.kind === 'panel' && !panelsStarted) {
      panelsStarted = true;
      strip.append(el('span', {className: 'tab-divider'}));
    }
    const label = `${tab.title}${tab.hidden ? ' (ẩn)' : ''}`;
    const button = el('button', {
      className: `tab tab-${tab.kind}`,
      text: label,
    });
    if (tab.protected) button.classList.add('protected');
    button.type = 'button';
    button.dataset.key = tab.key;
    if (tab.key === currentTab) button.classList.add('active');
    if (tab.color) button.style.borderBottomColor = tab.color;
    if (tab.protected) button.title = 'Trang tính có bảo vệ';
    button.addEventListener('click', () => {
      currentTab = tab.key;
      localStorage.setItem(STORAGE_TAB, currentTab);
      renderTabs(state.tabs);
      void loadView();
    });
    strip.append(button);
  }
}

/** Runs the scripts of panel HTML inserted with innerHTML (which does not run them). */
function activateScripts(root: HTMLElement): void {
  for (const old of Array.from(root.querySelectorAll('script'))) {
    const s = document.createElement('script');
    for (const a of Array.from(old.attributes)) s.setAttribute(a.name, a.value);
    s.textContent = old.textContent;
    old.replaceWith(s);
  }
}

let viewRequest = 0;

async function loadView(): Promise<void> {
  const view = $('view');
  if (!currentTab) {
    view.replaceChildren(
      el('div', {className: 'empty', text: 'Chưa có trang tính nào.'}),
    );
    return;
  }
  const ticket = ++viewRequest;
  const tab = currentTab;
  const [kind, ...rest] = tab.split(':');
  const id = rest.join(':');
  const sameTab = view.dataset.key === tab;
  if (!sameTab) view.classList.add('loading');
  try {
    const res = await fetch(`/view/${kind}/${encodeURIComponent(id)}`, {
      headers: {'X-Preview-User': encodeURIComponent(currentUser())},
    });
    const html = await res.text();
    if (ticket !== viewRequest) return; // a newer view was asked for meanwhile
    const scroll = {top: view.scrollTop, left: view.scrollLeft};
    view.innerHTML = html;
    view.dataset.key = tab;
    if (kind === 'panel') activateScripts(view);
    view.scrollTop = sameTab ? scroll.top : 0;
    view.scrollLeft = sameTab ? scroll.left : 0;
  } catch (e) {
    if (ticket !== viewRequest) return;
    view.replaceChildren(
      el('div', {
        className: 'error-box',
        text: `Không tải được trang: ${String(e)}`,
      }),
    );
  } finally {
    if (ticket === viewRequest) view.classList.remove('loading');
  }
}

async function refresh(): Promise<void> {
  const before = JSON.stringify(state.users);
  state = await api<StateView>('GET', '/api/state');
  if (JSON.stringify(state.users) !== before) renderUsers(state.users);
  renderAll();
  await loadView();
}

function scheduleRefresh(): void {
  window.clearTimeout(refreshTimer);
  refreshTimer = window.setTimeout(() => void refresh(), 150);
}

function renderAll(): void {
  renderHeader();
  $('demo-emails').hidden = !state.unitsWithoutEmails;
  renderMenus(state.menus);
  renderTabs(state.tabs);
  renderSurfaces(state.surfaces);
}

// ------------------------------------------------------------------------------------------
// Running menu functions and showing what they did.

function setBusy(on: boolean, text = ''): void {
  busy = on;
  document.body.classList.toggle('busy', on);
  $('status').textContent = text;
  for (const b of Array.from(
    document.querySelectorAll<HTMLButtonElement>('.menu-item'),
  )) {
    b.disabled = on;
  }
}

async function runMenu(
  fn: string,
  caption: string,
  answers: QuestionAnswer[] = [],
): Promise<void> {
  if (busy) return;
  setBusy(true, `Đang chạy "${caption}"…`);
  let question: QuestionView | null = null;
  try {
    const reply = await api<MenuReply>('POST', '/api/menu', {
      fn,
      caption,
      answers,
    });
    if ('question' in reply) {
      question = reply.question;
    } else {
      showExecution(reply);
      await refresh();
    }
  } catch (e) {
    showError(e instanceof Error ? e.message : String(e));
  } finally {
    setBusy(false);
  }
  if (question) {
    // Google's dialog suspends the script until the user answers: ask, then run on with the answer.
    $('status').textContent = `"${caption}" đang chờ bạn trả lời hộp thoại.`;
    const answer = await ask(question);
    void runMenu(fn, caption, [...answers, answer]);
  }
}

const BUTTON_LABELS: Record<string, string> = {
  OK: 'OK',
  CANCEL: 'Hủy',
  YES: 'Có',
  NO: 'Không',
};

/**
 * Shows a question as Google's dialog does (title, message, a field for prompts, the ButtonSet's
 * buttons, × to close) and resolves with the user's answer.
 */
function ask(q: QuestionView): Promise<QuestionAnswer> {
  const overlay = $('question');
  const box = el('div', {className: 'question-box'});
  box.setAttribute('role', 'dialog');
  box.setAttribute('aria-modal', 'true');
  const head = el('div', {className: 'dialog-head'});
  head.append(
    el('strong', {
      text: q.title || (q.type === 'prompt' ? 'Hộp nhập liệu' : 'Xác nhận'),
    }),
  );
  const close = el('button', {className: 'icon-btn', text: '×', title: 'Đóng'});
  close.type = 'button';
  head.append(close);
  const form = el('form', {className: 'question-body'});
  form.append(el('div', {className: 'question-message', text: q.message}));
  let input: HTMLInputElement | null = null;
  if (q.type === 'prompt') {
    input = el('input', {className: 'question-input'}) as HTMLInputElement;
    input.type = 'text';
    input.name = 'answer';
    input.setAttribute('aria-label', 'Câu trả lời');
    const row = el('div', {className: 'prompt-answer'});
    row.append(input);
    form.append(row);
  }
  const buttons = el('div', {className: 'question-buttons'});
  form.append(buttons);
  box.append(head, form);
  overlay.replaceChildren(box);
  overlay.hidden = false;
  return new Promise(resolve => {
    const done = (button: string) => {
      overlay.hidden = true;
      overlay.replaceChildren();
      resolve({type: q.type, button, text: input ? input.value : ''});
    };
    q.buttons.forEach((b, i) => {
      const button = el('button', {
        className: i === 0 ? 'btn primary' : 'btn',
        text: BUTTON_LABELS[b] ?? b,
      }) as HTMLButtonElement;
      button.type = i === 0 ? 'submit' : 'button';
      button.dataset.button = b;
      if (i > 0) button.addEventListener('click', () => done(b));
      buttons.append(button);
    });
    form.addEventListener('submit', ev => {
      ev.preventDefault();
      done(q.buttons[0]);
    });
    close.addEventListener('click', () => done('CLOSE'));
    box.addEventListener('keydown', ev => {
      if (ev.key === 'Escape') done('CLOSE');
    });
    (input ?? (buttons.firstChild as HTMLElement | null))?.focus();
  });
}

function formatDuration(ms: number): string {
  return ms < 1000
    ? `${ms} ms`
    : `${(ms / 1000).toFixed(1).replace('.', ',')} giây`;
}

const UI_LABELS: Record<string, string> = {
  alert: 'Hộp thông báo',
  prompt: 'Hộp nhập liệu',
  toast: 'Thông báo nhỏ',
  sidebar: 'Thanh bên',
  modal: 'Hộp thoại',
  modeless: 'Hộp thoại',
};

function uiEventBox(e: UiEventView): HTMLElement {
  const box = el('div', {className: `ui-event ui-${e.type}`});
  const head = el('div', {className: 'ui-head'});
  head.append(
    el('span', {className: 'ui-kind', text: UI_LABELS[e.type] ?? e.type}),
  );
  if (e.title) head.append(el('strong', {text: e.title}));
  box.append(head);
  if (e.message)
    box.append(el('div', {className: 'ui-message', text: e.message}));
  if (e.detail) box.append(el('div', {className: 'ui-detail', text: e.detail}));
  return box;
}

function callsDetails(exec: ExecutionView): HTMLElement {
  const details = el('details', {className: 'calls'});
  details.append(el('summary', {text: `${exec.totalCalls} lệnh gọi dịch vụ`}));
  const table = el('table');
  const entries = Object.entries(exec.calls).sort((a, b) => b[1] - a[1]);
  for (const [key, n] of entries) {
    table.append(
      el('tr', {}, [
        el('td', {text: key}),
        el('td', {className: 'num', text: String(n)}),
      ]),
    );
  }
  if (!entries.length)
    table.append(el('tr', {}, [el('td', {text: 'Không có lệnh gọi nào.'})]));
  if (exec.valueText) {
    details.append(
      el('div', {
        className: 'value',
        text: `Giá trị trả về: ${exec.valueText}`,
      }),
    );
  }
  details.append(table);
  if (exec.logs.length) {
    details.append(
      el('div', {className: 'logs-title', text: 'Nhật ký (console/Logger):'}),
    );
    details.append(el('pre', {className: 'logs', text: exec.logs.join('\n')}));
  }
  return details;
}

/** "thành công", "bị từ chối: …" or "lỗi: …", as the execution log says it. */
function outcomeText(exec: ExecutionView): string {
  if (!exec.ok) return `lỗi: ${exec.error?.message ?? ''}`;
  if (exec.refused?.code === 'cancelled')
    return `đã hủy: ${exec.refused.message}`;
  if (exec.refused) return `bị từ chối: ${exec.refused.message}`;
  return 'thành công';
}

function showExecution(exec: ExecutionView, message = ''): void {
  const card = $('result');
  card.hidden = false;
  const kind = !exec.ok
    ? 'failed'
    : exec.refused && exec.refused.code !== 'cancelled'
      ? 'refused'
      : 'ok';
  card.className = `result ${kind}`;
  const head = el('div', {className: 'result-head'});
  head.append(
    el('span', {
      className: 'result-icon',
      text: kind === 'ok' ? '✔' : kind === 'refused' ? '⚠' : '✖',
    }),
  );
  head.append(el('strong', {text: exec.caption || exec.fn}));
  head.append(
    el('span', {
      className: 'muted',
      text: ` · ${exec.fn}() · ${exec.user || 'không đăng nhập'} · ${formatDuration(exec.durationMs)}`,
    }),
  );
  const close = el('button', {className: 'close', text: '×', title: 'Đóng'});
  close.type = 'button';
  close.addEventListener('click', () => {
    card.hidden = true;
  });
  head.append(close);
  const body = el('div', {className: 'result-body'});
  if (message)
    body.append(el('div', {className: 'result-message', text: message}));
  if (exec.refused) {
    const cancelled = exec.refused.code === 'cancelled';
    body.append(
      el('div', {
        className: cancelled ? 'result-message' : 'refused-box',
        text: `${cancelled ? 'Đã hủy' : 'Bị từ chối'}: ${exec.refused.message}`,
      }),
    );
  }
  if (exec.error) {
    body.append(
      el('div', {className: 'error-box', text: `Lỗi: ${exec.error.message}`}),
    );
  }
  for (const e of exec.ui) {
    if (e.type !== 'toast') body.append(uiEventBox(e));
  }
  const toasts = exec.ui.filter(e => e.type === 'toast');
  for (const e of toasts) {
    body.append(
      el('div', {
        className: 'toast-line',
        text: e.title ? `${e.title}: ${e.message}` : e.message,
      }),
    );
  }
  body.append(callsDetails(exec));
  card.replaceChildren(head, body);
}

function showError(message: string): void {
  const card = $('result');
  card.hidden = false;
  card.className = 'result failed';
  card.replaceChildren(el('div', {className: 'error-box', text: message}));
}

function showToast(title: string, message: string): void {
  const toast = el('div', {className: 'toast'});
  if (title) toast.append(el('strong', {text: title}));
  toast.append(el('div', {text: message}));
  $('toasts').append(toast);
  window.setTimeout(() => toast.remove(), 6000);
}

// ------------------------------------------------------------------------------------------
// Sidebars and dialogs.

function renderSurfaces(surfaces: SurfaceView[]): void {
  const sidebar = surfaces.find(s => s.kind === 'sidebar');
  const aside = $('sidebar');
  const frame = $('sidebar-frame') as HTMLIFrameElement;
  if (sidebar) {
    aside.hidden = false;
    $('sidebar-title').textContent = sidebar.title || 'Thanh bên';
    if (frame.dataset.id !== sidebar.id) {
      frame.dataset.id = sidebar.id;
      frame.src = `/ui/${encodeURIComponent(sidebar.id)}`;
    }
  } else {
    aside.hidden = true;
    frame.dataset.id = '';
    frame.removeAttribute('src');
  }
  const dialog = surfaces.find(s => s.kind !== 'sidebar');
  const overlay = $('dialog');
  const dframe = $('dialog-frame') as HTMLIFrameElement;
  if (dialog) {
    overlay.hidden = false;
    overlay.classList.toggle('modeless', dialog.kind === 'modeless');
    $('dialog-title').textContent = dialog.title;
    const box = $('dialog-box');
    box.style.width = `${dialog.width || 600}px`;
    dframe.style.height = `${dialog.height || 400}px`;
    if (dframe.dataset.id !== dialog.id) {
      dframe.dataset.id = dialog.id;
      dframe.src = `/ui/${encodeURIComponent(dialog.id)}`;
    }
  } else {
    overlay.hidden = true;
    dframe.dataset.id = '';
    dframe.removeAttribute('src');
  }
}

async function closeSurface(id: string): Promise<void> {
  if (!id) return;
  state = await api<StateView>(
    'POST',
    `/api/ui/${encodeURIComponent(id)}/close`,
    {},
  );
  renderAll();
}

interface FrameMessage {
  type?: string;
  id?: string;
  execution?: ExecutionView;
  height?: number;
  width?: number;
}

function onFrameMessage(event: MessageEvent): void {
  if (event.origin !== location.origin) return;
  const msg = event.data as FrameMessage;
  if (!msg || typeof msg.type !== 'string') return;
  if (msg.type === 'preview:ran') {
    const exec = msg.execution;
    if (exec) {
      $('status').textContent =
        `Lần gọi gần nhất từ thanh bên/hộp thoại: ${exec.fn}() · ${exec.totalCalls} lệnh gọi · ${outcomeText(exec)}`;
      if (!exec.ok || exec.refused || exec.ui.some(e => e.type !== 'toast'))
        showExecution(exec);
      else for (const e of exec.ui) showToast(e.title, e.message);
    }
    scheduleRefresh();
  } else if (msg.type === 'preview:close' && msg.id) {
    void closeSurface(msg.id);
  } else if (msg.type === 'preview:resize' && msg.id) {
    const dframe = $('dialog-frame') as HTMLIFrameElement;
    if (dframe.dataset.id === msg.id) {
      if (msg.height) dframe.style.height = `${msg.height}px`;
      if (msg.width) $('dialog-box').style.width = `${msg.width}px`;
    }
  }
}

// ------------------------------------------------------------------------------------------
// Panel actions: <form data-action="/path"> and <button data-action="/path" data-body='{…}'>.

interface ActionReply {
  ok?: boolean;
  message?: string;
  error?: {message?: string};
  execution?: ExecutionView;
}

async function panelAction(
  path: string,
  body: unknown,
  label: string,
): Promise<void> {
  if (busy) return;
  setBusy(true, `Đang thực hiện "${label}"…`);
  try {
    const reply = await api<ActionReply>('POST', path, body);
    if (reply.execution) showExecution(reply.execution, reply.message);
    else if (reply.ok === false)
      showError(
        reply.error?.message || reply.message || 'Không thực hiện được.',
      );
    else if (reply.message) showToast('', reply.message);
    await refresh();
  } catch (e) {
    showError(e instanceof Error ? e.message : String(e));
  } finally {
    setBusy(false);
  }
}

function formBody(form: HTMLFormElement): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  new FormData(form).forEach((v, k) => {
    if (typeof v !== 'string') return;
    const prev = out[k];
    if (prev === undefined) out[k] = v;
    else out[k] = Array.isArray(prev) ? [...prev, v] : [prev, v];
  });
  return out;
}

function onViewSubmit(event: SubmitEvent): void {
  const form = event.target as HTMLFormElement;
  const action = form.dataset.action;
  if (!action) return;
  event.preventDefault();
  if (form.dataset.confirm && !confirm(form.dataset.confirm)) return;
  void panelAction(action, formBody(form), form.dataset.label || action);
}

function onViewClick(event: MouseEvent): void {
  const button = (event.target as HTMLElement).closest<HTMLElement>(
    'button[data-action]',
  );
  if (!button || button.closest('form[data-action]')) return;
  event.preventDefault();
  if (button.dataset.confirm && !confirm(button.dataset.confirm)) return;
  let body: unknown = {};
  try {
    body = button.dataset.body ? JSON.parse(button.dataset.body) : {};
  } catch {
    body = {};
  }
  void panelAction(
    button.dataset.action as string,
    body,
    button.textContent?.trim() || '',
  );
}

// ------------------------------------------------------------------------------------------
// Clock and reset.

async function setClock(now: string | null): Promise<void> {
  state = await api<StateView>('POST', '/api/clock', {now});
  renderAll();
  await loadView();
}

async function reset(): Promise<void> {
  const ok = confirm(
    'Đặt lại dữ liệu chạy thử?\nToàn bộ bảng tính, biểu mẫu, thư và công việc tự động giả lập sẽ bị xoá và bắt đầu lại từ đầu.',
  );
  if (!ok) return;
  setBusy(true, 'Đang đặt lại dữ liệu…');
  try {
    state = await api<StateView>('POST', '/api/reset', {});
    $('result').hidden = true;
    renderAll();
    await loadView();
  } finally {
    setBusy(false);
  }
}

function init(): void {
  renderUsers(state.users);
  renderAll();
  void loadView();
  $('user-select').addEventListener('change', onUserChange);
  $('user-other').addEventListener('change', onUserChange);
  $('now-set').addEventListener('click', () => {
    const v = ($('now-input') as HTMLInputElement).value;
    if (v) void setClock(v);
  });
  $('now-real').addEventListener('click', () => void setClock(null));
  $('reset').addEventListener('click', () => void reset());
  $('demo-emails').addEventListener(
    'click',
    () => void panelAction('/api/demo-emails', {}, 'Điền email mẫu'),
  );
  $('sidebar-close').addEventListener('click', () => {
    void closeSurface(
      ($('sidebar-frame') as HTMLIFrameElement).dataset.id || '',
    );
  });
  $('dialog-close').addEventListener('click', () => {
    void closeSurface(
      ($('dialog-frame') as HTMLIFrameElement).dataset.id || '',
    );
  });
  $('view').addEventListener('submit', onViewSubmit);
  $('view').addEventListener('click', onViewClick);
  window.addEventListener('message', onFrameMessage);
  window.addEventListener('focus', () => {
    if (!busy) void refresh();
  });
}

init();
