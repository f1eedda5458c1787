// Example panel "Nhật ký thực thi": every execution's user, function, result or error, and call counts.
import {registerPanel, jsonResponse} from '../panels';
import type {PanelContext} from '../panels';
import type {ExecutionView} from '../protocol';

const SOURCE_LABELS: Record<ExecutionView['source'], string> = {
  menu: 'Menu',
  script: 'google.script.run',
  panel: 'Bảng điều khiển',
  trigger: 'Trình kích hoạt',
  system: 'Hệ thống',
};

const UI_LABELS: Record<string, string> = {
  alert: 'Hộp thông báo',
  prompt: 'Hộp nhập liệu',
  toast: 'Thông báo nhỏ',
  sidebar: 'Thanh bên',
  modal: 'Hộp thoại',
  modeless: 'Hộp thoại',
};

function short(text: string, max: number): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > max ? `${oneLine.slice(0, max)}…` : oneLine;
}

function timeText(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(d);
  const get = (t: string) => parts.find(p => p.type === t)?.value ?? '';
  return `${get('day')}/${get('month')}/${get('year')} ${get('hour')}:${get('minute')}:${get('second')}`;
}

function row(ctx: PanelContext, e: ExecutionView): string {
  const h = ctx.escapeHtml;
  const top = Object.entries(e.calls)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 6)
    .map(([k, n]) => `${h(k)} × ${n}`)
    .join(', ');
  const result =
    e.refused?.code === 'cancelled'
      ? `<span class="badge">Đã hủy</span> ${h(e.refused.message)}`
      : e.refused
        ? `<span class="badge warn">Bị từ chối</span> ${h(e.refused.message)}${e.refused.code ? ` <span class="muted small">(${h(e.refused.code)})</span>` : ''}`
        : e.ok
          ? `<span class="badge ok">Thành công</span>${e.valueText ? ` <span class="muted small">${h(short(e.valueText, 120))}</span>` : ''}`
          : `<span class="badge err">Lỗi</span> ${h(e.error?.message ?? '')}`;
  const shown = e.ui
    .map(
      u =>
        `<div class="muted small">${h(UI_LABELS[u.type] ?? u.type)}: ${h(u.title ? `${u.title} — ` : '')}${h(short(u.message, 160))}</div>`,
    )
    .join('');
  return (
    `<tr><td class="num">${e.seq}</td><td class="nowrap">${h(timeText(e.at))}</td>` +
    `<td>${h(SOURCE_LABELS[e.source] ?? e.source)}</td><td>${h(e.user || '(không đăng nhập)')}</td>` +
    `<td><code>${h(e.fn)}</code>${e.caption ? `<div class="muted">${h(e.caption)}</div>` : ''}</td>` +
    `<td>${result}${shown}</td><td class="num">${e.durationMs} ms</td>` +
    `<td class="num" title="${h(top)}">${e.totalCalls}</td></tr>`
  );
}

registerPanel({
  id: 'executions',
  title: 'Nhật ký thực thi',
  order: 900,
  render(ctx) {
    const list = [...ctx.executions].reverse();
    if (!list.length) {
      return '<div class="panel"><h2>Nhật ký thực thi</h2><p class="muted">Chưa có lần chạy nào. Hãy bấm một mục trong menu "Dân vận".</p></div>';
    }
    return (
      '<div class="panel"><h2>Nhật ký thực thi</h2>' +
      `<p class="muted">${list.length} lần chạy gần nhất, mới nhất ở trên. Rê chuột lên số lệnh gọi để xem các dịch vụ được gọi nhiều nhất.</p>` +
      '<table class="data"><thead><tr><th>#</th><th>Thời điểm (giả lập)</th><th>Nguồn</th><th>Người chạy</th>' +
      '<th>Hàm</th><th>Kết quả</th><th>Thời gian</th><th>Lệnh gọi</th></tr></thead><tbody>' +
      list.map(e => row(ctx, e)).join('') +
      '</tbody></table></div>'
    );
  },
  routes: [
    {
      method: 'GET',
      path: '/api/panels/executions',
      handle: ctx => jsonResponse(ctx.executions),
    },
  ],
});
