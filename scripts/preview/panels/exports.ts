// Preview panel "Tệp xuất": runs exportSummary as the signed-in user and serves the PDF, .xlsx and draft .docx it made.
import type {IncomingMessage} from 'node:http';
import type {Workspace} from '../../../emulator/workspace';
import type {ExportReport} from '../../../src/core/exportReport';
import {PERIODS} from '../../../src/workbook/schema';
import {addSummaryPanelExtra} from './summary';
import {
  htmlResponse,
  jsonResponse,
  registerPanel,
  type PanelContext,
  type PanelResponse,
} from '../panels';

type Kind = 'pdf' | 'xlsx' | 'docx';

const KINDS: Record<Kind, {label: string; type: string; ext: string}> = {
  pdf: {label: 'Tải PDF', type: 'application/pdf', ext: 'pdf'},
  xlsx: {
    label: 'Tải Excel (.xlsx)',
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ext: 'xlsx',
  },
  docx: {
    label: 'Tải dự thảo báo cáo (.docx)',
    type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ext: 'docx',
  },
};

interface LastExport {
  report: ExportReport;
  user: string;
  /** Emulated time of the export, ISO. */
  at: string;
}

/** The latest export of each period, per workspace (kept while the preview runs). */
const lastExports = new WeakMap<Workspace, Map<string, LastExport>>();

function exportsOf(ws: Workspace): Map<string, LastExport> {
  let m = lastExports.get(ws);
  if (!m) {
    m = new Map();
    lastExports.set(ws, m);
  }
  return m;
}

interface PeriodRow {
  id: string;
  name: string;
  due: string;
}

/** The periods tab as the sheet shows it (host view, not counted). */
function periods(ws: Workspace): PeriodRow[] {
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
  const [id, name, due] = [col('id'), col('name'), col('due')];
  if (id < 0) return [];
  return rows
    .slice(1)
    .filter(r => String(r[id] ?? '').trim())
    .map(r => ({
      id: String(r[id]).trim(),
      name: String(r[name] ?? ''),
      due: String(r[due] ?? ''),
    }));
}

/** Runs the menu's exportSummary for a period as `user`, logged like a menu click. */
function runExport(
  ctx: PanelContext,
  user: string,
  periodId: string,
): {report: ExportReport | null; error?: string} {
  const {execution, value} = ctx.execute(
    {
      user,
      fn: 'exportSummary',
      source: 'panel',
      caption: `Xuất tổng hợp ${periodId} (bảng Tệp xuất)`,
    },
    () =>
      ctx.workspace.callFunction(user, 'exportSummary', [
        periodId,
      ]) as ExportReport,
  );
  if (!execution.ok || !value)
    return {
      report: null,
      error: execution.error?.message ?? 'Không xuất được.',
    };
  const report = JSON.parse(JSON.stringify(value)) as ExportReport;
  if (report.ok)
    exportsOf(ctx.workspace).set(periodId, {
      report,
      user,
      at: ctx.workspace.now().toISOString(),
    });
  return {report};
}

/** A produced file's bytes: from the emulated Drive when saved there, else from the e-mail that carried it. */
function fileBytes(
  ws: Workspace,
  report: ExportReport,
  kind: Kind,
): {name: string; data: Buffer} | null {
  const pick =
    kind === 'docx'
      ? (report.files.find(f => f.kind === 'doc' && f.driveId) ??
        report.files.find(f => f.kind === 'docx'))
      : report.files.find(f => f.kind === kind);
  if (!pick) return null;
  const name = pick.kind === 'doc' ? `${pick.name}.docx` : pick.name;
  if (pick.driveId && ws.drive.file(pick.driveId))
    return {name, data: ws.drive.bytes(pick.driveId)};
  for (let i = ws.mail.outbox.length - 1; i >= 0; i--) {
    const a = ws.mail.outbox[i].attachments.find(
      x => x.name === pick.name && x.data,
    );
    if (a?.data) return {name, data: Buffer.from(a.data, 'base64')};
  }
  return null;
}

/** Content-Disposition with the Vietnamese name (RFC 5987) and an ASCII fallback. */
function disposition(name: string, inline: boolean): string {
  const ascii = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

function errorPage(
  ctx: PanelContext,
  title: string,
  lines: string[],
): PanelResponse {
  const h = ctx.escapeHtml;
  return htmlResponse(
    `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>${h(title)}</title></head>` +
      `<body style="font-family:Arial,sans-serif;margin:24px"><h2>${h(title)}</h2>` +
      lines.map(l => `<p>${h(l)}</p>`).join('') +
      '<p><a href="/">Quay lại bản xem trước</a></p></body></html>',
    409,
  );
}

function download(ctx: PanelContext, req: IncomingMessage): PanelResponse {
  const url = new URL(req.url ?? '/', 'http://preview.local');
  const periodId = (url.searchParams.get('period') ?? '').trim();
  const kind = (url.searchParams.get('kind') ?? 'pdf') as Kind;
  const inline = url.searchParams.get('inline') === '1';
  if (!periodId || !KINDS[kind])
    return errorPage(ctx, 'Thiếu thông tin', [
      'Cần chọn kỳ báo cáo và loại tệp.',
    ]);
  let last = exportsOf(ctx.workspace).get(periodId);
  if (!last) {
    const run = runExport(ctx, ctx.user, periodId);
    if (!run.report?.ok) {
      return errorPage(ctx, 'Không xuất được tổng hợp', [
        run.error ?? run.report?.message ?? '',
        ...(run.report?.warnings ?? []),
      ]);
    }
    last = exportsOf(ctx.workspace).get(periodId) as LastExport;
  }
  const file = fileBytes(ctx.workspace, last.report, kind);
  if (!file)
    return errorPage(ctx, 'Không tìm thấy tệp', [
      'Hãy bấm "Xuất lại" rồi tải lại.',
    ]);
  ctx.save();
  return {
    status: 200,
    type: KINDS[kind].type,
    body: file.data,
    headers: {'Content-Disposition': disposition(file.name, inline)},
  };
}

/** "dd/MM/yyyy HH:mm" in Hà Nội (date before time, as every page of the product writes it). */
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
    hourCycle: 'h23',
  }).formatToParts(d);
  const get = (t: string) => parts.find(p => p.type === t)?.value ?? '';
  return `${get('day')}/${get('month')}/${get('year')} ${get('hour')}:${get('minute')}`;
}

function lastExportHtml(
  ctx: PanelContext,
  last: LastExport | undefined,
): string {
  const h = ctx.escapeHtml;
  if (!last)
    return '<span class="muted">Chưa xuất (bấm một nút tải để xuất ngay)</span>';
  const r = last.report;
  const where = [
    r.folder ? `Drive: ${r.folder.name}` : '',
    r.emailedTo.length ? `email tới ${r.emailedTo.join(', ')}` : '',
  ].filter(Boolean);
  return (
    `<div>${h(timeText(last.at))} bởi ${h(last.user)} — số liệu đến ${h(r.asOfText)}</div>` +
    `<div class="muted">${h(where.join('; ') || 'không lưu Drive, không gửi email')}</div>` +
    r.warnings.map(w => `<div class="muted">⚠ ${h(w)}</div>`).join('')
  );
}

/** The download link of one file of a period's export (the route exports first when needed). */
function downloadLink(
  ctx: PanelContext,
  periodId: string,
  kind: Kind,
  inline = false,
): string {
  return (
    `/api/panels/exports/download?period=${encodeURIComponent(periodId)}&kind=${kind}` +
    `&user=${encodeURIComponent(ctx.user)}${inline ? '&inline=1' : ''}`
  );
}

/** "Tải PDF", "Tải Excel (.xlsx)", "Tải dự thảo báo cáo (.docx)", "Xem PDF" and "Xuất lại" for a period. */
function exportButtons(ctx: PanelContext, periodId: string): string {
  const h = ctx.escapeHtml;
  const buttons = (Object.keys(KINDS) as Kind[])
    .map(
      k =>
        '<a class="btn primary" style="display:inline-block;margin:2px 0;text-decoration:none" ' +
        `href="${h(downloadLink(ctx, periodId, k))}" download>${h(KINDS[k].label)}</a>`,
    )
    .join(' ');
  return (
    `${buttons} <a class="btn" style="display:inline-block;text-decoration:none" href="${h(downloadLink(ctx, periodId, 'pdf', true))}" ` +
    'target="_blank" rel="noopener">Xem PDF</a>' +
    ` <button class="btn" data-action="/api/panels/exports/run" data-body='${h(JSON.stringify({periodId}))}' ` +
    `data-label="Xuất lại ${h(periodId)}">Xuất lại</button>`
  );
}

function render(ctx: PanelContext): string {
  const h = ctx.escapeHtml;
  const list = periods(ctx.workspace);
  const sheets = new Set(
    ctx.workspace.boundSpreadsheet.sheets.map(s => s.name),
  );
  const rows = list
    .map(p => {
      const last = exportsOf(ctx.workspace).get(p.id);
      const tab = `Tổng hợp ${p.id}`;
      return (
        `<tr><td><b>${h(p.id)}</b><div class="muted">${h(p.name)}</div></td><td class="nowrap">${h(p.due)}</td>` +
        `<td>${sheets.has(tab) ? h(tab) : '<span class="muted">chưa lập</span>'}</td>` +
        `<td>${lastExportHtml(ctx, last)}</td>` +
        `<td>${exportButtons(ctx, p.id)}</td></tr>`
      );
    })
    .join('');
  const driveFiles = [...ctx.workspace.drive.files.values()].filter(
    f => !f.trashed,
  );
  const drive = driveFiles.length
    ? '<h3>Google Drive (giả lập)</h3><table><tr><th>Tên</th><th>Loại</th><th>Thư mục</th><th>Chủ sở hữu</th></tr>' +
      driveFiles
        .map(f => {
          const parent =
            f.parents[0] === 'root'
              ? 'Drive của tôi'
              : (ctx.workspace.drive.file(f.parents[0])?.name ?? '');
          return `<tr><td>${h(f.name)}</td><td>${h(f.mimeType)}</td><td>${h(parent)}</td><td>${h(f.owner)}</td></tr>`;
        })
        .join('') +
      '</table>'
    : '';
  return (
    '<div class="panel"><h2>Tệp xuất</h2>' +
    '<p class="muted">Như menu "Dân vận › Xuất tổng hợp": lập tổng hợp nếu chưa có, tạo PDF, Excel và dự thảo báo cáo ' +
    `(Nghị định 30/2020), lưu Google Drive và gửi email theo trang Cấu hình. Chạy với người dùng ${h(ctx.user)} ` +
    '(chỉ người quản trị được xuất).</p>' +
    (list.length
      ? `<table><tr><th>Kỳ</th><th>Hạn</th><th>Trang tổng hợp</th><th>Lần xuất gần nhất</th><th>Tệp</th></tr>${rows}</table>`
      : '<p class="muted">Chưa có kỳ báo cáo: hãy chạy "Thiết lập / sửa chữa bảng tính" trong menu Dân vận.</p>') +
    drive +
    '</div>'
  );
}

registerPanel({
  id: 'exports',
  title: 'Tệp xuất',
  order: 300,
  render,
  routes: [
    {
      method: 'GET',
      path: '/api/panels/exports/download',
      handle: (ctx, req) => download(ctx, req),
    },
    {
      method: 'POST',
      path: '/api/panels/exports/run',
      handle: (ctx, _req, body) => {
        const periodId = String(
          (body as {periodId?: unknown})?.periodId ?? '',
        ).trim();
        if (!periodId)
          return jsonResponse(
            {ok: false, message: 'Chưa chọn kỳ báo cáo.'},
            400,
          );
        const run = runExport(ctx, ctx.user, periodId);
        const r = run.report;
        return jsonResponse({
          ok: !!r?.ok,
          message: r ? [r.message, ...r.warnings].join(' ') : run.error,
        });
      },
    },
  ],
});

// The "Tổng hợp" panel shows the same buttons above the selected period's tab.
addSummaryPanelExtra(
  (ctx, period) =>
    '<div class="export-bar" style="margin:8px 0;padding:8px;border:1px solid #dadce0;border-radius:6px">' +
    `<b>Xuất tổng hợp ${ctx.escapeHtml(period.id)}:</b> ${exportButtons(ctx, period.id)}` +
    `<div style="margin-top:4px">${lastExportHtml(ctx, exportsOf(ctx.workspace).get(period.id))}</div></div>`,
);
