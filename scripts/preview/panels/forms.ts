// Preview panel "Biểu mẫu": each period's village form, its prefilled links, the form as a phone page, and submitting it.
import type {IncomingMessage} from 'node:http';
import type {FormState, PublishedForm, Workspace} from '../../../emulator';
import {FormSubmitError} from '../../../emulator';
import {
  FORM_LINKS,
  PERIODS,
  VILLAGE_REPORTS,
} from '../../../src/workbook/schema';
import {escapeHtml} from '../html';
import {
  htmlResponse,
  jsonResponse,
  registerPanel,
  type PanelContext,
} from '../panels';

const VIEW = '/api/panels/forms/view';
const SUBMIT = '/api/panels/forms/submit';
/** Links listed per form in the panel (the links tab has them all). */
const MAX_LINKS = 60;

/** A tab's rows as header → displayed text (host view, not counted); [] when the tab is missing. */
function tabRows(ws: Workspace, name: string): Record<string, string>[] {
  let grid: string[][];
  try {
    grid = ws.sheetDisplayValues(name);
  } catch {
    return [];
  }
  const [head = [], ...body] = grid;
  return body
    .filter(r => r.some(c => c !== ''))
    .map(r => Object.fromEntries(head.map((h, i) => [h, r[i] ?? ''])));
}

const header = (
  schema: {columns: readonly {key: string; header: string}[]},
  key: string,
) => schema.columns.find(c => c.key === key)?.header ?? key;

/** The local page of a form, optionally opened from a (Google) prefilled link. */
function viewHref(form: FormState, prefilled?: string): string {
  const q = prefilled
    ? `url=${encodeURIComponent(prefilled)}`
    : `id=${encodeURIComponent(form.id)}`;
  return `${VIEW}?${q}`;
}

function render(ctx: PanelContext): string {
  const h = ctx.escapeHtml;
  const ws = ctx.workspace;
  const forms = ws.forms.list();
  const periods = tabRows(ws, PERIODS.name);
  const links = tabRows(ws, FORM_LINKS.name);
  const reports = tabRows(ws, VILLAGE_REPORTS.name);
  const periodOf = (f: FormState) =>
    periods.find(p => p[header(PERIODS, 'formId')] === f.id)?.[
      header(PERIODS, 'id')
    ] ?? '';

  const create =
    '<form data-action="/api/panels/forms/create" data-label="Tạo / cập nhật biểu mẫu báo cáo thôn" class="row">' +
    '<label>Kỳ báo cáo <select name="periodId">' +
    periods
      .map(
        p =>
          `<option value="${h(p[header(PERIODS, 'id')])}">${h(p[header(PERIODS, 'id')])} – ${h(p[header(PERIODS, 'name')])}</option>`,
      )
      .join('') +
    '</select></label> <button type="submit">Tạo / cập nhật biểu mẫu</button></form>';

  const intro =
    '<div class="panel"><h2>Biểu mẫu báo cáo thôn</h2>' +
    '<p class="muted">Mỗi kỳ báo cáo có một Google Biểu mẫu; mỗi thôn có một đường dẫn điền sẵn tên thôn. ' +
    'Bấm "Mở như thôn" để xem biểu mẫu như trên điện thoại và gửi thử: câu trả lời đi vào tab phản hồi của ' +
    'biểu mẫu, rồi trình kích hoạt onVillageFormSubmit ghi vào tab "Báo cáo thôn" và "Phân công".</p>' +
    (periods.length
      ? create
      : '<p class="muted">Chưa có kỳ báo cáo: hãy chạy "Thiết lập / sửa chữa bảng tính".</p>') +
    '</div>';
  if (!forms.length) {
    return `${intro}<div class="panel"><p class="muted">Chưa có biểu mẫu nào.</p></div>`;
  }

  const blocks = forms.map(f => {
    const pid = periodOf(f);
    const own = links.filter(l => l[header(FORM_LINKS, 'formId')] === f.id);
    const valid = reports.filter(
      r =>
        r[header(VILLAGE_REPORTS, 'periodId')] === pid &&
        r[header(VILLAGE_REPORTS, 'state')] === 'Hợp lệ',
    );
    const flagged = reports.filter(
      r => r[header(VILLAGE_REPORTS, 'state')] === 'Cần xem lại',
    );
    const state = [
      f.published
        ? '<span class="badge ok">Đã xuất bản</span>'
        : '<span class="badge err">Chưa xuất bản</span>',
      f.accepting
        ? '<span class="badge ok">Đang nhận câu trả lời</span>'
        : '<span class="badge err">Đã đóng</span>',
    ].join(' ');
    const rows = own
      .slice(0, MAX_LINKS)
      .map(l => {
        const url = l[header(FORM_LINKS, 'url')];
        return (
          `<tr><td>${h(l[header(FORM_LINKS, 'unitCode')])}</td><td>${h(l[header(FORM_LINKS, 'village')])}</td>` +
          `<td><a href="${h(viewHref(f, url))}" target="_blank" rel="noopener">Mở như thôn</a></td>` +
          `<td class="small"><code>${h(url)}</code></td></tr>`
        );
      })
      .join('');
    const more =
      own.length > MAX_LINKS
        ? `<p class="muted">… và ${own.length - MAX_LINKS} thôn khác (xem tab "${h(FORM_LINKS.name)}").</p>`
        : '';
    return (
      `<div class="panel"><h3>${h(f.title)}</h3>` +
      `<p>${state} <span class="muted">Kỳ ${h(pid || '(chưa gắn kỳ)')} · ${f.responses.length} câu trả lời · ` +
      `${valid.length} báo cáo hợp lệ · ${flagged.length} cần xem lại</span></p>` +
      `<p><a href="${h(viewHref(f))}" target="_blank" rel="noopener">Mở biểu mẫu (không điền sẵn)</a> · ` +
      `<span class="muted small">Google: <code>${h(ws.forms.publishedUrl(f.id))}</code></span></p>` +
      (own.length
        ? `<table class="data"><thead><tr><th>Mã thôn</th><th>Thôn</th><th></th><th>Đường dẫn điền sẵn (gửi trong thư nhắc)</th></tr></thead><tbody>${rows}</tbody></table>${more}`
        : '<p class="muted">Chưa có đường dẫn điền sẵn.</p>') +
      '</div>'
    );
  });
  return intro + blocks.join('');
}

// ---------------------------------------------------------------------------------------------
// The respondent's page.

const PAGE_CSS = `
*{box-sizing:border-box}body{margin:0;background:#f0ebf8;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#202124}
main{max-width:640px;margin:0 auto;padding:12px}
.card{background:#fff;border-radius:8px;border:1px solid #dadce0;padding:16px 18px;margin:12px 0}
.head{border-top:10px solid #673ab7}h1{font-size:24px;margin:0 0 8px}h2{font-size:19px;margin:0 0 6px}
.desc,.help{white-space:pre-wrap;color:#5f6368;font-size:14px}.req{color:#d93025}
label.q{display:block;font-weight:500;margin-bottom:4px}
input[type=text],input[type=date],textarea,select{width:100%;font:inherit;padding:10px;border:1px solid #dadce0;border-radius:4px;background:#fff}
textarea{min-height:90px}.opt{display:flex;gap:8px;align-items:center;padding:6px 0}.opt input{width:20px;height:20px}
.error{border-color:#d93025}.msg{color:#d93025;font-size:14px;margin-top:6px}
.section{background:#673ab7;color:#fff;border-radius:8px 8px 0 0;padding:6px 18px;font-size:14px;margin-top:20px}
button{background:#673ab7;color:#fff;border:0;border-radius:4px;padding:12px 22px;font:inherit;font-weight:500}
.ok{color:#188038}.bad{color:#d93025}.muted{color:#5f6368;font-size:14px}code{word-break:break-all}
`;

function page(title: string, body: string): string {
  return (
    '<!doctype html><html lang="vi"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<title>${escapeHtml(title)}</title><style>${PAGE_CSS}</style></head><body><main>${body}</main></body></html>`
  );
}

function query(req: IncomingMessage): URLSearchParams {
  const raw = req.url ?? '';
  const q = raw.indexOf('?');
  return new URLSearchParams(q >= 0 ? raw.slice(q + 1) : '');
}

/** One question as HTML inputs named "entry.<id>", as Google's page posts them. */
function question(
  item: PublishedForm['items'][number],
  value: string[],
  error: string,
): string {
  const h = escapeHtml;
  const name = `entry.${item.entryId}`;
  const id = `q${item.entryId}`;
  const req = item.required ? ' <span class="req">*</span>' : '';
  const help = item.helpText
    ? `<div class="help">${h(item.helpText)}</div>`
    : '';
  const bad = error ? ' error' : '';
  const msg = error ? `<div class="msg">${h(error)}</div>` : '';
  const v = value[0] ?? '';
  let input = '';
  switch (item.type) {
    case 'LIST':
      input =
        `<select id="${id}" name="${h(name)}" class="${bad}"><option value="">Chọn</option>` +
        item.choices
          .map(c => `<option${c === v ? ' selected' : ''}>${h(c)}</option>`)
          .join('') +
        '</select>';
      break;
    case 'MULTIPLE_CHOICE':
    case 'SCALE': {
      const choices =
        item.type === 'SCALE'
          ? Array.from({length: item.upper - item.lower + 1}, (_, i) =>
              String(item.lower + i),
            )
          : item.choices;
      input = choices
        .map(
          c =>
            `<label class="opt"><input type="radio" name="${h(name)}" value="${h(c)}"${c === v ? ' checked' : ''}> ${h(c)}</label>`,
        )
        .join('');
      break;
    }
    case 'CHECKBOX':
      input = item.choices
        .map(
          c =>
            `<label class="opt"><input type="checkbox" name="${h(name)}" value="${h(c)}"${value.includes(c) ? ' checked' : ''}> ${h(c)}</label>`,
        )
        .join('');
      break;
    case 'PARAGRAPH_TEXT':
      input = `<textarea id="${id}" name="${h(name)}" class="${bad}">${h(v)}</textarea>`;
      break;
    case 'DATE':
      input = `<input type="date" id="${id}" name="${h(name)}" value="${h(v)}" class="${bad}">`;
      break;
    default: {
      const numeric = /number|Number/.test(item.validationRule)
        ? ' inputmode="numeric"'
        : '';
      input = `<input type="text" id="${id}" name="${h(name)}" value="${h(v)}"${numeric} class="${bad}">`;
    }
  }
  return `<div class="card"><label class="q" for="${id}">${h(item.title)}${req}</label>${help}${input}${msg}</div>`;
}

/** The form as its respondents see it, with the given answers (prefilled link or a refused post). */
function formPage(
  form: PublishedForm,
  values: Record<string, string[]>,
  errors: Record<string, string>,
  top = '',
): string {
  const h = escapeHtml;
  if (!form.published || !form.accepting) {
    const text = !form.published
      ? 'Biểu mẫu này chưa được xuất bản.'
      : form.closedMessage ||
        `Biểu mẫu "${form.title}" không còn nhận câu trả lời.`;
    return page(
      form.title,
      `<div class="card head"><h1>${h(form.title)}</h1><p>${h(text)}</p></div>`,
    );
  }
  const parts: string[] = [];
  for (const item of form.items) {
    if (item.type === 'PAGE_BREAK' || item.type === 'SECTION_HEADER') {
      parts.push(
        `<div class="section">Phần</div><div class="card" style="margin-top:0;border-radius:0 0 8px 8px"><h2>${h(item.title)}</h2>` +
          (item.helpText ? `<div class="desc">${h(item.helpText)}</div>` : '') +
          '</div>',
      );
      continue;
    }
    parts.push(
      question(
        item,
        values[`entry.${item.entryId}`] ?? [],
        errors[item.title] ?? '',
      ),
    );
  }
  return page(
    form.title,
    `<div class="card head"><h1>${h(form.title)}</h1><div class="desc">${h(form.description)}</div>` +
      '<p class="req small">* Biểu thị câu hỏi bắt buộc</p></div>' +
      top +
      `<form method="post" action="${SUBMIT}?id=${encodeURIComponent(form.id)}">${parts.join('')}` +
      '<p><button type="submit">Gửi</button></p></form>' +
      '<p class="muted">Bản chạy thử: câu trả lời được gửi vào Google Workspace giả lập trên máy này.</p>',
  );
}

function formOf(ws: Workspace, q: URLSearchParams): FormState | undefined {
  const id = q.get('id');
  if (id) return ws.forms.get(id);
  const url = q.get('url');
  return url ? ws.forms.byUrl(url) : undefined;
}

/** The body of a posted page form: field → values ("entry.<id>" keys). */
function postedAnswers(body: unknown): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  if (!body || typeof body !== 'object') return out;
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    if (!/^entry\.\d+$/.test(k)) continue;
    out[k] = Array.isArray(v) ? v.map(String) : String(v ?? '');
  }
  return out;
}

/** What the trigger did, in a few Vietnamese lines. */
function outcomeHtml(
  runs: {ok: boolean; error?: string; result?: unknown}[],
): string {
  const h = escapeHtml;
  if (!runs.length) {
    return '<p class="bad">Không có trình kích hoạt "Khi gửi biểu mẫu" nào: câu trả lời chỉ nằm ở tab phản hồi. Hãy bật công việc tự động hoặc chạy lại "Tạo / cập nhật biểu mẫu".</p>';
  }
  return runs
    .map(r => {
      if (!r.ok)
        return `<p class="bad">Trình kích hoạt bị lỗi: ${h(r.error ?? '')}</p>`;
      const o = (r.result ?? {}) as {
        action?: string;
        state?: string;
        unitCode?: string;
        periodId?: string;
        updatedAssignments?: number;
        replaced?: number;
        problems?: string[];
      };
      if (o.action === 'duplicate')
        return '<p class="muted">Câu trả lời này đã được ghi trước đó (không ghi lại).</p>';
      const state =
        o.state === 'valid'
          ? '<span class="ok">hợp lệ</span>'
          : '<span class="bad">cần xem lại</span>';
      const problems = (o.problems ?? []).map(p => `<li>${h(p)}</li>`).join('');
      return (
        `<p>Đã ghi vào tab "${h(VILLAGE_REPORTS.name)}": báo cáo ${state} của ${h(o.unitCode || '(không rõ thôn)')}, kỳ ${h(o.periodId || '(không rõ)')}; ` +
        `cập nhật ${o.updatedAssignments ?? 0} phân công${o.replaced ? `, thay ${o.replaced} báo cáo trước` : ''}.</p>` +
        (problems ? `<ul>${problems}</ul>` : '')
      );
    })
    .join('');
}

registerPanel({
  id: 'forms',
  title: 'Biểu mẫu',
  order: 300,
  render,
  routes: [
    {
      method: 'POST',
      path: '/api/panels/forms/create',
      handle: (ctx, _req, body) => {
        const periodId = String(
          (body as Record<string, unknown> | null)?.periodId ?? '',
        );
        const execution = ctx.runAs(
          ctx.user,
          'createVillageForms',
          periodId ? [periodId] : [],
          {
            source: 'menu',
            caption: 'Tạo / cập nhật biểu mẫu báo cáo thôn',
          },
        );
        return jsonResponse({ok: execution.ok, execution});
      },
    },
    {
      method: 'GET',
      path: VIEW,
      handle: (ctx, req) => {
        const q = query(req);
        const form = formOf(ctx.workspace, q);
        if (!form)
          return htmlResponse(
            page(
              'Không tìm thấy',
              '<div class="card">Không tìm thấy biểu mẫu.</div>',
            ),
            404,
          );
        const url = q.get('url');
        const values = url ? ctx.workspace.forms.prefilledAnswers(url) : {};
        return htmlResponse(
          formPage(ctx.workspace.forms.published(form.id), values, {}),
        );
      },
    },
    {
      method: 'POST',
      path: SUBMIT,
      handle: (ctx, req, body) => {
        const ws = ctx.workspace;
        const form = formOf(ws, query(req));
        if (!form)
          return htmlResponse(
            page(
              'Không tìm thấy',
              '<div class="card">Không tìm thấy biểu mẫu.</div>',
            ),
            404,
          );
        const answers = postedAnswers(body);
        const {execution, value} = ctx.execute(
          {
            user: '',
            fn: 'onVillageFormSubmit',
            source: 'trigger',
            caption: `Gửi biểu mẫu: ${form.title}`,
          },
          () => {
            try {
              return {
                ok: true as const,
                result: ws.submitForm(form.id, answers),
              };
            } catch (e) {
              if (e instanceof FormSubmitError)
                return {ok: false as const, error: e};
              throw e;
            }
          },
        );
        ctx.save();
        const published = ws.forms.published(form.id);
        if (!value || !value.ok) {
          const err = value && !value.ok ? value.error : null;
          const errors = Object.fromEntries(
            (err?.problems ?? []).map(p => [p.title, p.message]),
          );
          const values = Object.fromEntries(
            Object.entries(answers).map(([k, v]) => [
              k,
              Array.isArray(v) ? v : [v],
            ]),
          );
          const top = `<div class="card"><p class="bad">${escapeHtml(err ? err.message.split('\n')[0] : (execution.error?.message ?? 'Không gửi được.'))}</p></div>`;
          return htmlResponse(formPage(published, values, errors, top));
        }
        return htmlResponse(
          page(
            published.title,
            `<div class="card head"><h1>${escapeHtml(published.title)}</h1>` +
              `<p>${escapeHtml(published.confirmation || 'Câu trả lời của bạn đã được ghi lại.')}</p></div>` +
              '<div class="card"><h2>Bản chạy thử: điều đã xảy ra</h2>' +
              `<p class="muted">Dòng ${value.result.row ?? '–'} của tab "${escapeHtml(value.result.sheetName ?? '')}".</p>` +
              outcomeHtml(value.result.runs) +
              `<p><a href="/">Về bảng tính chạy thử</a> · <a href="${escapeHtml(`${VIEW}?id=${encodeURIComponent(form.id)}`)}">Gửi câu trả lời khác</a></p></div>`,
          ),
        );
      },
    },
  ],
});
