// Preview panel "Đồng hồ & hộp thư": steps the emulated days as Google's daily trigger would, and shows the outbox.
import type {IncomingMessage} from 'node:http';
import type {
  SentMessage,
  TriggerRun,
  TriggerState,
  Workspace,
} from '../../../emulator';
import {nextClockRun} from '../../../emulator/script';
import {fromWallClock, wallClock} from '../../../emulator/tz';
import {
  htmlResponse,
  jsonResponse,
  registerPanel,
  type PanelContext,
  type PanelResponse,
} from '../panels';
import type {ExecutionView} from '../protocol';

const TZ = 'Asia/Ho_Chi_Minh';
const BASE = '/api/panels/clock';
const DAILY = 'dailyJob';
/** Rows the outbox list shows (newest first). */
const LIST_LIMIT = 300;
const WEEKDAYS = [
  'Chủ nhật',
  'Thứ Hai',
  'Thứ Ba',
  'Thứ Tư',
  'Thứ Năm',
  'Thứ Sáu',
  'Thứ Bảy',
];

const p2 = (n: number) => String(n).padStart(2, '0');

/** "Thứ Tư, 27/08/2025 07:30" in the plan's zone. */
export function wallText(ms: number, withWeekday = true): string {
  const w = wallClock(ms, TZ);
  const text = `${p2(w.day)}/${p2(w.month)}/${w.year} ${p2(w.hour)}:${p2(w.minute)}`;
  return withWeekday ? `${WEEKDAYS[w.weekday]}, ${text}` : text;
}

/** yyyy-mm-dd of an instant in the plan's zone. */
function isoDay(ms: number): string {
  const w = wallClock(ms, TZ);
  return `${w.year}-${p2(w.month)}-${p2(w.day)}`;
}

/** Reads "yyyy-mm-dd" or "dd/mm/yyyy"; null when it is no date. */
export function parseDay(
  text: string,
): {y: number; m: number; d: number} | null {
  const s = String(text ?? '').trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) return {y: Number(m[1]), m: Number(m[2]), d: Number(m[3])};
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  if (m) return {y: Number(m[3]), m: Number(m[2]), d: Number(m[1])};
  return null;
}

/** The installed clock triggers of the daily job (every user's). */
function dailyTriggers(ws: Workspace): TriggerState[] {
  return ws.triggers.filter(
    t => t.handler === DAILY && t.eventType === 'CLOCK',
  );
}

/** The hour the daily job runs at (the first daily trigger's, else 7). */
function jobHour(ws: Workspace): number {
  return dailyTriggers(ws)[0]?.schedule?.atHour ?? 7;
}

/**
 * Puts every clock trigger's next run back on its schedule from now: after the clock was moved by
 * hand, runs it jumped over are skipped and runs "in the future" of a past date come back.
 */
function resyncTriggers(ws: Workspace): void {
  const now = ws.nowMs();
  for (const t of ws.triggers) {
    if (t.eventType !== 'CLOCK' || !t.schedule || t.schedule.at !== undefined)
      continue;
    const next = nextClockRun(t.schedule, now, t.createdAt);
    if (
      t.nextRun === undefined ||
      t.nextRun === null ||
      t.nextRun < now ||
      (next !== null && t.nextRun > next)
    ) {
      t.nextRun = next;
    }
  }
}

/** Half an hour after the daily job's hour on a date, in ms. */
function afterJob(
  ws: Workspace,
  day: {y: number; m: number; d: number},
): number {
  return fromWallClock(TZ, day.y, day.m, day.d, jobHour(ws), 30);
}

interface StepResult {
  ok: boolean;
  message: string;
  execution?: ExecutionView;
}

/** The earliest next run of any clock trigger at or before `target`, else null. */
function nextDueRun(ws: Workspace, target: number): number | null {
  let next: number | null = null;
  for (const t of ws.triggers) {
    if (
      t.eventType !== 'CLOCK' ||
      t.nextRun === null ||
      t.nextRun === undefined
    )
      continue;
    if (t.nextRun <= target && (next === null || t.nextRun < next))
      next = t.nextRun;
  }
  return next;
}

/**
 * Moves the clock to `target`. Forward with `run`: every clock trigger due on the way fires as its
 * installer, in order, with the clock set to that run's time, each run logged as its own execution
 * (as Google's executions page lists them). Backward, or without `run`: the clock is just set.
 */
function moveTo(
  ctx: PanelContext,
  target: number,
  run: boolean,
  caption: string,
): StepResult {
  const ws = ctx.workspace;
  resyncTriggers(ws);
  const now = ws.nowMs();
  const sentBefore = ws.mail.outbox.length;
  if (target <= now || !run) {
    ws.setNow(target);
    resyncTriggers(ws);
    ctx.save();
    return {
      ok: true,
      message: `Đồng hồ giả lập: ${wallText(target)}. Không chạy công việc tự động.`,
    };
  }
  const runs: TriggerRun[] = [];
  let last: ExecutionView | undefined;
  let ok = true;
  // A run's own triggers (e.g. a one-off continuation) are picked up on the next turn.
  for (let guard = 0; guard < 10000; guard++) {
    const at = nextDueRun(ws, target);
    if (at === null) break;
    ws.setNow(Math.max(ws.nowMs(), at));
    const due = ws.triggers.filter(
      t =>
        t.eventType === 'CLOCK' &&
        t.nextRun !== null &&
        t.nextRun !== undefined &&
        t.nextRun <= ws.nowMs(),
    );
    const {execution} = ctx.execute(
      {
        user: due[0]?.user ?? ctx.owner,
        fn: due[0]?.handler ?? DAILY,
        source: 'trigger',
        caption: `${caption}: lần chạy lúc ${wallText(at)}`,
      },
      () => {
        const fired = ws.runDueTriggers();
        runs.push(...fired);
        const bad = fired.find(r => !r.ok);
        if (bad) throw new Error(bad.error ?? `${bad.trigger.handler} lỗi`);
        return fired.map(r => r.result);
      },
    );
    last = execution;
    ok = ok && execution.ok;
  }
  ws.setNow(target);
  ctx.save();
  const daily = runs.filter(r => r.trigger.handler === DAILY);
  const failed = daily.filter(r => !r.ok || hasStepErrors(r.result));
  const sent = ws.mail.outbox.length - sentBefore;
  const parts = [`Đồng hồ giả lập: ${wallText(target)}.`];
  if (!dailyTriggers(ws).length) {
    parts.push(
      'Công việc tự động chưa bật nên không có gì chạy: chọn menu Dân vận → "Bật công việc tự động (nhắc việc, tổng hợp)".',
    );
  } else {
    parts.push(
      `Công việc hằng ngày đã chạy ${daily.length} lần; ${sent} thư được gửi.`,
    );
    if (failed.length)
      parts.push(
        `${failed.length} lần chạy có lỗi: xem trang Nhật ký của bảng tính.`,
      );
  }
  return {ok, message: parts.join(' '), execution: last};
}

function hasStepErrors(result: unknown): boolean {
  const steps = (result as {steps?: {ok?: boolean}[]} | undefined)?.steps;
  return Array.isArray(steps) && steps.some(s => s && s.ok === false);
}

function query(req: IncomingMessage): URLSearchParams {
  const raw = req.url ?? '';
  const q = raw.indexOf('?');
  return new URLSearchParams(q >= 0 ? raw.slice(q + 1) : '');
}

function messageOf(
  ws: Workspace,
  req: IncomingMessage,
): SentMessage | undefined {
  const id = query(req).get('id') ?? '';
  return ws.mail.outbox.find(m => m.id === id);
}

function escape(value: unknown): string {
  return String(value ?? '').replace(
    /[&<>"']/g,
    c =>
      ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'})[
        c
      ] as string,
  );
}

/** The e-mail's HTML as a page of its own, for a sandboxed iframe (no script may run in it). */
export function messagePage(m: SentMessage): string {
  const raw =
    m.htmlBody ??
    `<pre style="white-space:pre-wrap;font:13px/1.5 monospace">${escape(m.body)}</pre>`;
  // Personal update links point at the deployed web app: here they open the local one at phone size.
  const body = raw.replace(
    /https:\/\/script\.google\.com\/macros\/s\/[A-Za-z0-9_-]+\/exec\?/g,
    '/phone?',
  );
  return (
    '<!doctype html><html lang="vi"><head><meta charset="utf-8"><base target="_blank">' +
    '<style>body{margin:12px;background:#fff}</style></head><body>' +
    body +
    '</body></html>'
  );
}

const MESSAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data: https:; form-action 'none'; frame-ancestors 'self'";

function statusLine(ctx: PanelContext): string {
  const h = ctx.escapeHtml;
  const ws = ctx.workspace;
  const daily = dailyTriggers(ws);
  if (!daily.length) {
    return (
      '<p class="badge err">Công việc tự động đang tắt</p> ' +
      '<span class="muted">Chọn menu Dân vận → "Bật công việc tự động (nhắc việc, tổng hợp)" để các ngày đi qua chạy công việc hằng ngày như trên Google; ' +
      'hoặc bấm "Chạy công việc hằng ngày ngay".</span>'
    );
  }
  const t = daily[0];
  const next = t.nextRun ? wallText(t.nextRun) : '—';
  return (
    '<span class="badge ok">Công việc tự động đang bật</span> ' +
    `<span class="muted">dailyJob lúc ${h(t.schedule?.atHour ?? '?')} giờ mỗi ngày, chạy dưới tài khoản ${h(t.user)} (thư được gửi từ tài khoản này) · lần chạy tới: ${h(next)}` +
    (daily.length > 1
      ? ` · ${daily.length} trình kích hoạt của ${h([...new Set(daily.map(x => x.user))].join(', '))}`
      : '') +
    '</span>'
  );
}

function quotaLine(ctx: PanelContext): string {
  const ws = ctx.workspace;
  const user = dailyTriggers(ws)[0]?.user ?? ctx.owner;
  const left = ws.mail.remaining(user);
  return `<span class="muted">Hạn mức gửi thư hôm nay của ${ctx.escapeHtml(user)}: còn ${left}/${ws.mail.dailyQuota} người nhận.</span>`;
}

function listRows(ctx: PanelContext): string {
  const h = ctx.escapeHtml;
  const all = ctx.workspace.mail.outbox;
  const shown = all.slice(-LIST_LIMIT).reverse();
  if (!shown.length) {
    return '<tr><td colspan="3" class="muted">Chưa có thư nào. Bật công việc tự động rồi bấm "Sang ngày tiếp theo" (hoặc chuyển đến một ngày gần hạn báo cáo, ví dụ 27/08/2025).</td></tr>';
  }
  return shown
    .map(
      m =>
        `<tr class="mail-row" data-id="${h(m.id)}" data-search="${h(`${m.to} ${m.cc} ${m.subject}`.toLowerCase())}" tabindex="0">` +
        `<td class="nowrap">${h(wallText(Date.parse(m.at), false))}</td>` +
        `<td>${h(m.to)}${m.cc ? `<div class="muted">cc: ${h(m.cc)}</div>` : ''}</td>` +
        `<td>${h(m.subject)}</td></tr>`,
    )
    .join('');
}

const PANEL_CSS = `
#clock-panel .row{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin:8px 0}
#clock-panel .now{font-size:16px}
#clock-panel .mail-layout{display:grid;grid-template-columns:minmax(320px,2fr) 3fr;gap:12px;align-items:start}
#clock-panel .mail-list{max-height:70vh;overflow:auto;border:1px solid #e8eaed;border-radius:4px}
#clock-panel tr.mail-row{cursor:pointer}
#clock-panel tr.mail-row:hover{background:#f1f6fe}
#clock-panel tr.mail-row.sel{background:#e8f0fe}
#clock-panel .nowrap{white-space:nowrap}
#clock-panel .viewer{border:1px solid #e8eaed;border-radius:4px;padding:8px 12px;min-height:200px}
#clock-panel .viewer dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 10px;margin:0 0 8px}
#clock-panel .viewer dt{color:#5f6368}
#clock-panel .viewer dd{margin:0;word-break:break-all}
#clock-panel iframe{width:100%;height:55vh;border:1px solid #dadce0;border-radius:4px;background:#fff}
#clock-panel pre{white-space:pre-wrap;font:12px/1.5 monospace;background:#f8f9fa;padding:8px;border-radius:4px;max-height:40vh;overflow:auto}
@media (max-width:900px){#clock-panel .mail-layout{grid-template-columns:1fr}}
`;

/** Selecting a row shows the e-mail: headers, the HTML in a sandboxed iframe, the plain text. */
const PANEL_SCRIPT = `
(function () {
  var root = document.getElementById('clock-panel');
  if (!root) return;
  var view = root.querySelector('.viewer');
  function esc(s) { return String(s == null ? '' : s).replace(/[&<>"']/g, function (c) {
    return {'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;',"'":'&#39;'}[c]; }); }
  function show(id) {
    var rows = root.querySelectorAll('tr.mail-row');
    for (var i = 0; i < rows.length; i++) rows[i].classList.toggle('sel', rows[i].getAttribute('data-id') === id);
    fetch('${BASE}/message?id=' + encodeURIComponent(id)).then(function (r) { return r.json(); }).then(function (m) {
      if (!m || !m.ok) { view.innerHTML = '<p class="muted">Không tìm thấy thư.</p>'; return; }
      var from = (m.name ? '"' + m.name + '" ' : '') + '<' + m.from + '>';
      view.innerHTML =
        '<h3>' + esc(m.subject) + '</h3><dl>' +
        '<dt>Từ</dt><dd>' + esc(from) + '</dd><dt>Đến</dt><dd>' + esc(m.to) + '</dd>' +
        (m.cc ? '<dt>Cc</dt><dd>' + esc(m.cc) + '</dd>' : '') +
        (m.replyTo ? '<dt>Trả lời tới</dt><dd>' + esc(m.replyTo) + '</dd>' : '') +
        '<dt>Lúc</dt><dd>' + esc(m.atText) + '</dd>' +
        (m.attachments.length ? '<dt>Tệp đính kèm</dt><dd>' + esc(m.attachments.join(', ')) + '</dd>' : '') +
        '</dl>' +
        (m.hasHtml ? '<iframe sandbox="allow-popups allow-popups-to-escape-sandbox" referrerpolicy="no-referrer" title="Nội dung thư" src="${BASE}/html?id=' + encodeURIComponent(id) + '"></iframe>' : '') +
        '<h3>Bản văn bản thuần (cho ứng dụng thư không hiển thị HTML)</h3><pre>' + esc(m.body) + '</pre>';
      try { sessionStorage.setItem('clock-panel-mail', id); } catch (e) {}
    });
  }
  root.addEventListener('click', function (e) {
    var row = e.target.closest && e.target.closest('tr.mail-row');
    if (row) show(row.getAttribute('data-id'));
  });
  root.addEventListener('keydown', function (e) {
    var row = e.target.closest && e.target.closest('tr.mail-row');
    if (row && (e.key === 'Enter' || e.key === ' ')) { e.preventDefault(); show(row.getAttribute('data-id')); }
  });
  var filter = root.querySelector('#mail-filter');
  if (filter) filter.addEventListener('input', function () {
    var q = filter.value.trim().toLowerCase();
    var rows = root.querySelectorAll('tr.mail-row');
    for (var i = 0; i < rows.length; i++) rows[i].hidden = q !== '' && rows[i].getAttribute('data-search').indexOf(q) < 0;
  });
  var last = null;
  try { last = sessionStorage.getItem('clock-panel-mail'); } catch (e) {}
  if (last && root.querySelector('tr.mail-row[data-id="' + last + '"]')) show(last);
})();
`;

function render(ctx: PanelContext): string {
  const h = ctx.escapeHtml;
  const ws = ctx.workspace;
  const now = ws.nowMs();
  const tomorrow = isoDay(now + 86400000);
  const outbox = ws.mail.outbox;
  const older =
    outbox.length > LIST_LIMIT ? ` · hiện ${LIST_LIMIT} thư mới nhất` : '';
  return (
    `<style>${PANEL_CSS}</style>` +
    '<div class="panel" id="clock-panel">' +
    '<h2>Đồng hồ &amp; hộp thư</h2>' +
    `<p class="now">Giờ giả lập: <b>${h(wallText(now))}</b> <span class="muted">(${TZ})</span></p>` +
    (ctx.clockNote ? `<p class="clock-note">${h(ctx.clockNote)}</p>` : '') +
    `<p>${statusLine(ctx)}</p>` +
    '<div class="row">' +
    `<button type="button" class="btn primary" data-action="${BASE}/next-day" title="Sang ngày hôm sau, ${jobHour(ws)}:30: công việc hằng ngày chạy lúc ${jobHour(ws)} giờ như trình kích hoạt của Google">Sang ngày tiếp theo</button>` +
    `<button type="button" class="btn" data-action="${BASE}/run-now" title="Chạy dailyJob ngay bây giờ như trình kích hoạt (lần chạy thêm trong ngày không gửi lại thư đã gửi)">Chạy công việc hằng ngày ngay</button>` +
    '</div>' +
    `<form class="row" data-action="${BASE}/go" data-label="Chuyển đến ngày">` +
    `<label>Chuyển đến ngày <input type="date" name="date" value="${h(tomorrow)}" required></label>` +
    '<label><input type="checkbox" name="run" value="1" checked> chạy công việc hằng ngày của mọi ngày đi qua (như Google)</label>' +
    '<button type="submit" class="btn">Chuyển</button>' +
    '</form>' +
    `<h3>Hộp thư đi: ${outbox.length} thư, mới nhất ở trên${older}</h3>` +
    `<p>${quotaLine(ctx)}</p>` +
    '<div class="row"><input type="search" id="mail-filter" placeholder="Lọc theo người nhận hoặc tiêu đề" size="40"></div>' +
    '<div class="mail-layout"><div class="mail-list"><table class="data"><thead><tr><th>Lúc</th><th>Đến</th><th>Tiêu đề</th></tr></thead>' +
    `<tbody>${listRows(ctx)}</tbody></table></div>` +
    '<div class="viewer"><p class="muted">Chọn một thư để xem như người nhận thấy: phần HTML và bản văn bản thuần.</p></div></div>' +
    `<script>${PANEL_SCRIPT}</script>` +
    '</div>'
  );
}

function bad(message: string): PanelResponse {
  return jsonResponse({ok: false, message}, 400);
}

registerPanel({
  id: 'clock',
  title: 'Đồng hồ & hộp thư',
  order: 40,
  render,
  routes: [
    {
      method: 'POST',
      path: `${BASE}/next-day`,
      handle: ctx => {
        const ws = ctx.workspace;
        const w = wallClock(ws.nowMs() + 86400000, TZ);
        const target = afterJob(ws, {y: w.year, m: w.month, d: w.day});
        return jsonResponse(
          moveTo(ctx, target, true, `Sang ngày ${wallText(target)}`),
        );
      },
    },
    {
      method: 'POST',
      path: `${BASE}/go`,
      handle: (ctx, _req, body) => {
        const b = (body ?? {}) as {date?: unknown; run?: unknown};
        const day = parseDay(String(b.date ?? ''));
        if (!day)
          return bad('Ngày không hợp lệ: hãy chọn một ngày, ví dụ 27/08/2025.');
        const target = afterJob(ctx.workspace, day);
        if (isNaN(target)) return bad('Ngày không hợp lệ.');
        const run = b.run === true || b.run === '1' || b.run === 'on';
        return jsonResponse(
          moveTo(ctx, target, run, `Chuyển đến ${wallText(target)}`),
        );
      },
    },
    {
      method: 'POST',
      path: `${BASE}/run-now`,
      handle: ctx => {
        const ws = ctx.workspace;
        const trigger = dailyTriggers(ws)[0];
        const before = ws.mail.outbox.length;
        const {execution} = ctx.execute(
          {
            user: trigger?.user ?? ctx.user,
            fn: DAILY,
            source: 'trigger',
            caption: 'Chạy công việc hằng ngày ngay',
          },
          () => {
            if (trigger) {
              const run = ws.fireTrigger(trigger);
              if (!run.ok) throw new Error(run.error ?? 'dailyJob lỗi');
              return run.result;
            }
            return ws.callFunction(ctx.user, DAILY, [{}], {ui: false});
          },
        );
        ctx.save();
        return jsonResponse({
          ok: execution.ok,
          execution,
          message: `Công việc hằng ngày đã chạy; ${ws.mail.outbox.length - before} thư được gửi.`,
        });
      },
    },
    {
      method: 'GET',
      path: `${BASE}/message`,
      handle: (ctx, req) => {
        const m = messageOf(ctx.workspace, req);
        if (!m) return jsonResponse({ok: false}, 404);
        return jsonResponse({
          ok: true,
          id: m.id,
          from: m.from,
          name: m.name,
          to: m.to,
          cc: m.cc,
          replyTo: m.replyTo,
          subject: m.subject,
          atText: wallText(Date.parse(m.at)),
          body: m.body,
          hasHtml: m.htmlBody !== null,
          attachments: m.attachments.map(a => a.name),
        });
      },
    },
    {
      method: 'GET',
      path: `${BASE}/html`,
      handle: (ctx, req) => {
        const m = messageOf(ctx.workspace, req);
        if (!m)
          return htmlResponse('<!doctype html><p>Không tìm thấy thư.</p>', 404);
        return {
          ...htmlResponse(messagePage(m)),
          headers: {
            'Content-Security-Policy': MESSAGE_CSP,
            'X-Content-Type-Options': 'nosniff',
          },
        };
      },
    },
  ],
});
