// Preview panel "Tổng hợp": builds a period's summary as the signed-in user and shows its tab.
import type {Workspace} from '../../../emulator/workspace';
import type {SheetModel} from '../../../emulator/spreadsheet/model';
import type {SummaryBuildResult} from '../../../src/app/summary';
import {PERIODS} from '../../../src/workbook/schema';
import {summarySheetName} from '../../../src/workbook/summarySheet';
import {jsonResponse, registerPanel, type PanelContext} from '../panels';
import {renderSheet} from '../sheetView';

/** A period as the periods tab shows it. */
export interface SummaryPanelPeriod {
  id: string;
  name: string;
  kind: string;
  start: string;
  due: string;
  /** The period's reporting date has passed (in the emulated clock). */
  past: boolean;
}

/**
 * Extra HTML for the selected period, shown above its tab (the spot for the export buttons):
 * `sheetName` is null when the period's summary has not been built yet. Escape what you render.
 */
export type SummaryPanelExtra = (
  ctx: PanelContext,
  period: SummaryPanelPeriod,
  sheetName: string | null,
) => string;

const extras: SummaryPanelExtra[] = [];

/** Adds HTML to the "Tổng hợp" panel for the selected period (e.g. download links of the exports). */
export function addSummaryPanelExtra(extra: SummaryPanelExtra): void {
  extras.push(extra);
}

/** The period whose tab the panel shows, per workspace (kept while the preview runs). */
const selected = new WeakMap<Workspace, string>();

/** The tab of the shown period the user chose to look at (an archived version or the current one). */
const selectedSheet = new WeakMap<Workspace, string>();

/** dd/MM/yyyy text → yyyy-mm-dd, or ''. */
function isoOf(vn: string): string {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(vn.trim());
  return m ? `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}` : '';
}

/** The emulated today in the plan's zone, yyyy-mm-dd. */
function today(ws: Workspace): string {
  return new Date(ws.now().getTime() + 7 * 3600000).toISOString().slice(0, 10);
}

/** The periods tab as the sheet shows it (host view, not counted), by reporting date. */
function periods(ws: Workspace): SummaryPanelPeriod[] {
  let rows: string[][];
  try {
    rows = ws.sheetDisplayValues(PERIODS.name);
  } catch {
    return [];
  }
  const header = rows[0] ?? [];
  const col = (key: string) => {
    const c = PERIODS.columns.find(x => x.key === key);
    return c ? header.indexOf(c.header) : -1;
  };
  const at = {
    id: col('id'),
    name: col('name'),
    kind: col('kind'),
    start: col('start'),
    due: col('due'),
  };
  if (at.id < 0) return [];
  const now = today(ws);
  return rows
    .slice(1)
    .filter(r => String(r[at.id] ?? '').trim())
    .map(r => {
      const due = String(r[at.due] ?? '');
      const dueIso = isoOf(due);
      return {
        id: String(r[at.id]).trim(),
        name: String(r[at.name] ?? ''),
        kind: String(r[at.kind] ?? ''),
        start: String(r[at.start] ?? ''),
        due,
        past: dueIso !== '' && dueIso < now,
      };
    })
    .sort((a, b) => isoOf(a.due).localeCompare(isoOf(b.due)));
}

/** The period shown by default: the chosen one, else the first not past, else the last. */
function current(
  ws: Workspace,
  list: SummaryPanelPeriod[],
): SummaryPanelPeriod | null {
  const id = selected.get(ws);
  return (
    list.find(p => p.id === id) ??
    list.find(p => !p.past) ??
    list[list.length - 1] ??
    null
  );
}

function sheetsOf(ws: Workspace, periodId: string): SheetModel[] {
  const main = summarySheetName(periodId);
  return ws.boundSpreadsheet.sheets.filter(
    s => s.name === main || s.name.startsWith(`${main} (bản `),
  );
}

/** The A1 note ("Tổng hợp kỳ …, lập … ; số liệu tính đến …"), first line only. */
function builtNote(sheet: SheetModel | undefined): string {
  const note = sheet?.cell(1, 1)?.note ?? '';
  return note.split('\n')[0];
}

function render(ctx: PanelContext): string {
  const h = ctx.escapeHtml;
  const ws = ctx.workspace;
  const list = periods(ws);
  if (!list.length) {
    return (
      '<div class="panel"><h2>Tổng hợp</h2><p class="muted">Chưa có kỳ báo cáo: hãy chạy ' +
      '"Thiết lập / sửa chữa bảng tính" trong menu Dân vận.</p></div>'
    );
  }
  const shown = current(ws, list) as SummaryPanelPeriod;
  const rows = list
    .map(p => {
      const tabs = sheetsOf(ws, p.id);
      const main = tabs.find(s => s.name === summarySheetName(p.id));
      const confirm =
        p.past && main
          ? ` data-confirm="${h(
              `Kỳ ${p.id} đã qua hạn báo cáo (${p.due}). Bản tổng hợp đã lập sẽ được giữ lại (đổi tên "… (bản dd/MM/yyyy)") và một bản mới được lập theo số liệu hiện tại. Tiếp tục?`,
            )}"`
          : '';
      const build =
        `<button data-action="/api/panels/summary/build" data-body='${h(JSON.stringify({periodId: p.id}))}'` +
        `${confirm}>Lập tổng hợp</button>`;
      const view = tabs
        .map(
          s =>
            ` <button data-action="/api/panels/summary/view" data-body='${h(JSON.stringify({periodId: p.id, sheet: s.name}))}'>` +
            `${h(s.name === main?.name ? 'Xem' : `Xem ${s.name.slice(summarySheetName(p.id).length + 1)}`)}</button>`,
        )
        .join('');
      const state = main
        ? h(builtNote(main) || main.name)
        : '<span class="muted">chưa lập</span>';
      const mark = p.id === shown.id ? ' style="background:#e8f0fe"' : '';
      return (
        `<tr${mark}><td><b>${h(p.id)}</b><div class="muted">${h(p.name)}</div></td>` +
        `<td>${h(p.kind)}</td><td class="nowrap">${h(p.start)} – ${h(p.due)}${p.past ? ' <span class="muted">(đã qua hạn)</span>' : ''}</td>` +
        `<td>${state}</td><td class="nowrap">${build}${view}</td></tr>`
      );
    })
    .join('');

  const viewName = selectedSheet.get(ws);
  const tabs = sheetsOf(ws, shown.id);
  const sheet =
    tabs.find(s => s.name === viewName) ??
    tabs.find(s => s.name === summarySheetName(shown.id));
  const extraHtml = extras
    .map(fn => {
      try {
        return fn(ctx, shown, sheet ? sheet.name : null);
      } catch (e) {
        return `<div class="error-box">${h(e instanceof Error ? e.message : String(e))}</div>`;
      }
    })
    .join('');
  const body = sheet
    ? `<h3>${h(sheet.name)}</h3>${renderSheet(ws.boundSpreadsheet, sheet)}`
    : `<p class="muted">Kỳ ${h(shown.id)} chưa có trang tổng hợp: bấm "Lập tổng hợp".</p>`;
  return (
    '<div class="panel"><h2>Tổng hợp</h2>' +
    '<p class="muted">Như menu "Dân vận › Lập tổng hợp ngay": lập trang "Tổng hợp &lt;mã kỳ&gt;" cho kỳ chọn ' +
    `(cả kỳ đột xuất), chạy với người dùng ${h(ctx.user)} theo đồng hồ giả lập. Lập lại kỳ hiện tại thì thay trang ` +
    'cũ; lập lại kỳ đã qua hạn thì giữ bản cũ với tên "(bản dd/MM/yyyy)".</p>' +
    '<table><tr><th>Kỳ</th><th>Loại</th><th>Thời gian, hạn</th><th>Trang tổng hợp</th><th></th></tr>' +
    rows +
    '</table>' +
    `<div class="summary-extras">${extraHtml}</div>` +
    body +
    '</div>'
  );
}

function bodyOf(body: unknown): {periodId: string; sheet: string} {
  const b = (body ?? {}) as {periodId?: unknown; sheet?: unknown};
  return {
    periodId: String(b.periodId ?? '').trim(),
    sheet: String(b.sheet ?? '').trim(),
  };
}

registerPanel({
  id: 'summary',
  title: 'Tổng hợp',
  order: 250,
  render,
  routes: [
    {
      method: 'POST',
      path: '/api/panels/summary/build',
      handle: (ctx, _req, body) => {
        const ws = ctx.workspace;
        const {periodId} = bodyOf(body);
        const period = periods(ws).find(p => p.id === periodId);
        if (!period) {
          return jsonResponse(
            {ok: false, message: `Không có kỳ báo cáo "${periodId}".`},
            400,
          );
        }
        // The page already asked before rebuilding a past period: answer the script's question yes.
        const answers = ws.ui.alertAnswers.length;
        const main = sheetsOf(ws, periodId).some(
          s => s.name === summarySheetName(periodId),
        );
        if (period.past && main) ws.ui.alertAnswers.push('YES');
        const {execution, value} = ctx.execute(
          {
            user: ctx.user,
            fn: 'buildSummary',
            source: 'panel',
            caption: `Lập tổng hợp ${periodId} (bảng Tổng hợp)`,
          },
          () =>
            ws.callFunction(ctx.user, 'buildSummary', [
              periodId,
            ]) as SummaryBuildResult,
        );
        ws.ui.alertAnswers.splice(answers);
        selected.set(ws, periodId);
        selectedSheet.delete(ws);
        ctx.save();
        const result = value
          ? (JSON.parse(JSON.stringify(value)) as SummaryBuildResult)
          : null;
        return jsonResponse({
          ok: execution.ok && !!result?.ok,
          message: result?.message ?? execution.error?.message,
          execution,
        });
      },
    },
    {
      method: 'POST',
      path: '/api/panels/summary/view',
      handle: (ctx, _req, body) => {
        const {periodId, sheet} = bodyOf(body);
        selected.set(ctx.workspace, periodId);
        if (sheet) selectedSheet.set(ctx.workspace, sheet);
        else selectedSheet.delete(ctx.workspace);
        return jsonResponse({ok: true});
      },
    },
  ],
});
