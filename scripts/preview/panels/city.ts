// Preview panel "Cấp thành phố (thử)": creates three sample communes and a city workbook, runs their clocks and shows the roll-up.
import type {Workspace} from '../../../emulator';
import {
  createCityDemo,
  rollupSheetName,
  stepCityDemo,
  CITY_ACCOUNT,
  type CityDemo,
} from '../cityDemo';
import {jsonResponse, registerPanel, type PanelContext} from '../panels';
import {renderSheet} from '../sheetView';
import {COMMUNES} from '../../../src/workbook/cityTabs';

const BASE = '/api/panels/city';

/** One demo per preview workspace ("Đặt lại dữ liệu" starts a new workspace, so drops it). */
const demos = new WeakMap<Workspace, CityDemo>();

const vnDay = (iso: string) => iso.split('-').reverse().join('/');

function communeRows(ctx: PanelContext, demo: CityDemo): string {
  const h = ctx.escapeHtml;
  return demo.communes
    .map(
      c =>
        `<tr><td>${h(c.name)}</td><td>${h(c.role)}</td>` +
        `<td>${c.shared ? `Có (xem: ${h(CITY_ACCOUNT)})` : '<span class="badge err">Chưa chia sẻ</span>'}</td>` +
        `<td>${c.automatic ? '<span class="badge ok">Bật</span>' : 'Tắt'}</td>` +
        `<td class="nowrap">${h(c.ws.mail.outbox.length)} thư</td></tr>`,
    )
    .join('');
}

function render(ctx: PanelContext): string {
  const h = ctx.escapeHtml;
  const demo = demos.get(ctx.workspace);
  const intro =
    '<h2>Cấp thành phố (bản thử)</h2>' +
    '<p class="muted">Sở Nội vụ thành phố đọc tổng hợp của từng xã, phường (mỗi xã chia sẻ bảng tính với tài khoản của Sở, quyền xem) ' +
    'và lập «Tổng hợp toàn thành phố». Bản thử tạo 3 bảng tính xã mẫu ở các mức tiến độ khác nhau và 1 bảng tính của Sở ' +
    '(«Chế độ: cấp thành phố», tab «Xã, phường»), rồi cho đồng hồ của cả bốn chạy cùng nhau từ 01/09/2025: công việc hằng ngày ' +
    'của các xã chạy lúc 7 giờ, của Sở lúc 9 giờ. Bảng tính của xã chỉ được đọc, không bao giờ bị Sở ghi vào. ' +
    'Bản thử chỉ giữ trong bộ nhớ: khởi động lại npm start thì bấm tạo lại.</p>';
  if (!demo) {
    return (
      '<div class="panel" id="city-panel">' +
      intro +
      `<p><button type="button" class="btn primary" data-action="${BASE}/create">Tạo bản thử: 3 xã và Sở Nội vụ</button> ` +
      '<span class="muted">(vài giây)</span></p></div>'
    );
  }
  const ss = demo.city.boundSpreadsheet;
  const rollup = rollupSheetName(demo);
  const rollupSheet = rollup ? ss.sheetByName(rollup) : null;
  const list = ss.sheetByName(COMMUNES.name);
  const digests = demo.city.mail.outbox.filter(m =>
    /toàn thành phố/i.test(m.subject),
  );
  return (
    '<div class="panel" id="city-panel">' +
    intro +
    `<p class="now">Ngày giả lập của cả bốn bảng tính: <b>${h(vnDay(demo.day))}</b></p>` +
    '<div class="row">' +
    `<button type="button" class="btn primary" data-action="${BASE}/next-day">Sang ngày tiếp theo (các xã và Sở)</button> ` +
    `<button type="button" class="btn" data-action="${BASE}/create" data-confirm="Tạo lại bản thử cấp thành phố từ đầu?">Tạo lại bản thử</button>` +
    '</div>' +
    '<h3>Các xã mẫu</h3>' +
    '<table class="data"><thead><tr><th>Xã</th><th>Tiến độ</th><th>Chia sẻ với Sở</th><th>Công việc tự động</th><th>Hộp thư đi</th></tr></thead>' +
    `<tbody>${communeRows(ctx, demo)}</tbody></table>` +
    `<h3>Bảng tính của Sở: ${h(ss.name)}</h3>` +
    `<p class="muted">Thư tổng hợp gửi lãnh đạo: ${digests.length}${digests.length ? ` (mới nhất: ${h(digests[digests.length - 1].subject)})` : ''}.</p>` +
    (rollupSheet
      ? `<h3 class="city-tab">Tab «${h(rollup)}»</h3><div class="city-sheet" data-sheet="${h(rollup)}">${renderSheet(ss, rollupSheet)}</div>`
      : '<p class="muted">Chưa có tab tổng hợp toàn thành phố: bấm «Sang ngày tiếp theo».</p>') +
    (list
      ? `<h3 class="city-tab">Tab «${h(COMMUNES.name)}»</h3><div class="city-sheet" data-sheet="${h(COMMUNES.name)}">${renderSheet(ss, list)}</div>`
      : '') +
    '</div>'
  );
}

registerPanel({
  id: 'city',
  title: 'Cấp thành phố (thử)',
  order: 800,
  render,
  routes: [
    {
      method: 'POST',
      path: `${BASE}/create`,
      handle: ctx => {
        const {execution, value} = ctx.execute(
          {
            user: CITY_ACCOUNT,
            fn: 'cityDemo',
            source: 'system',
            caption: 'Tạo bản thử cấp thành phố: 3 xã và Sở Nội vụ',
          },
          () => createCityDemo(ctx.scriptCode()),
        );
        if (value) demos.set(ctx.workspace, value);
        const name = value ? rollupSheetName(value) : null;
        return jsonResponse({
          ok: execution.ok,
          execution,
          message: value
            ? `Đã tạo 3 bảng tính xã và bảng tính của Sở Nội vụ, chạy đồng hồ đến ${vnDay(value.day)}${name ? `; Sở đã lập «${name}»` : ''}.`
            : `Không tạo được bản thử: ${execution.error?.message ?? ''}`,
        });
      },
    },
    {
      method: 'POST',
      path: `${BASE}/next-day`,
      handle: ctx => {
        const demo = demos.get(ctx.workspace);
        if (!demo)
          return jsonResponse(
            {ok: false, message: 'Chưa có bản thử: bấm «Tạo bản thử» trước.'},
            400,
          );
        const {execution} = ctx.execute(
          {
            user: CITY_ACCOUNT,
            fn: 'cityDemo',
            source: 'system',
            caption: 'Bản thử cấp thành phố: sang ngày tiếp theo',
          },
          () => stepCityDemo(demo),
        );
        return jsonResponse({
          ok: execution.ok,
          execution,
          message: `Các xã và Sở đã sang ngày ${vnDay(demo.day)}; công việc hằng ngày đã chạy.`,
        });
      },
    },
  ],
});
