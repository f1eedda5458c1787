// The link page's village report: the period's form questions drawn as a phone form, checked, sent as one report.
// Every piece of text is rendered with textContent: user and sheet text never goes through innerHTML.
import {h} from './dom';
import type {
  LinkData,
  VillageReportForm,
  VillageReportPayload,
  VillageReportQuestion,
  VillageReportResult,
} from '../shared/link';

export interface ReportViewDeps {
  byId<T extends HTMLElement = HTMLElement>(id: string): T;
  /** Sends the report (google.script.run linkVillageReport). */
  send(payload: VillageReportPayload): Promise<VillageReportResult>;
  message(text: string, kind?: 'info' | 'ok' | 'error'): void;
  show(view: string): void;
  /** After a report was stored: the page reloads its data (the village's assignments changed). */
  reload(): Promise<void>;
}

const el = h;

/** A new id for one press of "Gửi báo cáo" (a retry of the same answers sends the same id). */
function newSubmissionId(): string {
  const bytes = new Uint8Array(16);
  const c = (window as unknown as {crypto?: Crypto}).crypto;
  if (c && c.getRandomValues) c.getRandomValues(bytes);
  else
    for (let i = 0; i < bytes.length; i++)
      bytes[i] = Math.floor(Math.random() * 256);
  return Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
}

/** The input of one question: a list, a one-line answer, a paragraph, a whole number or a date. */
function inputFor(
  q: VillageReportQuestion,
  id: string,
): HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement {
  if (q.kind === 'choice') {
    const s = el('select');
    const empty = el('option', '', '— Chọn —');
    empty.value = '';
    s.append(empty);
    for (const c of q.choices) {
      const o = el('option', '', c);
      o.value = c;
      s.append(o);
    }
    s.id = id;
    return s;
  }
  if (q.kind === 'paragraph') {
    const t = el('textarea');
    t.rows = 3;
    t.id = id;
    return t;
  }
  const i = el('input');
  i.id = id;
  if (q.kind === 'date') i.type = 'date';
  else {
    i.type = 'text';
    if (q.kind === 'number') {
      i.inputMode = 'numeric';
      i.autocomplete = 'off';
    }
  }
  return i;
}

/** The village report part of the page. */
export function createReportView(deps: ReportViewDeps) {
  const {byId} = deps;
  let form: VillageReportForm | null = null;
  let submissionId = newSubmissionId();
  let busy = false;
  const inputs = new Map<
    string,
    HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement
  >();

  /** The entry on the list: the period, when the village last reported, the button. */
  function renderEntry(data: LinkData): void {
    form = data.villageReport;
    const box = byId('report-entry');
    box.hidden = !form;
    if (!form) return;
    byId('report-status').textContent = form.lastReportText
      ? `Thôn đã gửi báo cáo ${form.periodName} lúc ${form.lastReportText}. Có thể gửi lại: báo cáo mới thay báo cáo cũ.`
      : `Thôn chưa gửi báo cáo ${form.periodName}.`;
    byId('open-report').textContent = form.lastReportText
      ? 'Gửi lại báo cáo thôn'
      : 'Gửi báo cáo thôn';
  }

  function errorOf(key: string): HTMLElement {
    return byId(`re-${key.replace(/[^A-Za-z0-9_-]/g, '_')}`);
  }

  function clearErrors(): void {
    if (!form) return;
    for (const q of form.questions) {
      const e = errorOf(q.key);
      e.hidden = true;
      e.textContent = '';
      inputs.get(q.key)?.removeAttribute('aria-invalid');
    }
  }

  /** Draws the form: one fieldset per section of the Google Form, in its order. */
  function open(): void {
    if (!form) return;
    const f = form;
    byId('report-title').textContent = `Báo cáo thôn – ${f.periodName}`;
    byId('report-intro').textContent =
      'Trả lời như biểu mẫu báo cáo thôn. Mục có dấu * là bắt buộc. Ảnh, tệp minh chứng: đính kèm ở từng phân công trong danh sách.';
    const box = byId('report-fields');
    while (box.firstChild) box.removeChild(box.firstChild);
    inputs.clear();
    let group: HTMLElement = box;
    let groupTitle: string | null = null;
    f.questions.forEach((q, i) => {
      if (q.group !== groupTitle) {
        groupTitle = q.group;
        if (q.group) {
          group = el('fieldset', 'group');
          group.append(el('legend', '', q.group));
          box.append(group);
        } else group = box;
      }
      const id = `rq-${i}`;
      const wrap = el('div', 'field');
      const label = el('label', '', q.title);
      label.htmlFor = id;
      if (q.required) label.append(el('span', 'req', ' *'));
      wrap.append(label);
      if (q.help) {
        const help = el('p', 'hint', q.help);
        help.id = `${id}-help`;
        wrap.append(help);
      }
      const input = inputFor(q, id);
      const err = el('p', 'field-error');
      err.id = `re-${q.key.replace(/[^A-Za-z0-9_-]/g, '_')}`;
      err.hidden = true;
      input.setAttribute(
        'aria-describedby',
        [q.help ? `${id}-help` : '', err.id].filter(Boolean).join(' '),
      );
      if (q.required) input.setAttribute('aria-required', 'true');
      input.dataset.key = q.key;
      // Changed answers are another report: a new id (a retry of unchanged answers keeps it).
      // An answered question loses its mark.
      const changed = () => {
        submissionId = newSubmissionId();
        if (!input.value.trim() || err.hidden) return;
        err.hidden = true;
        err.textContent = '';
        input.removeAttribute('aria-invalid');
      };
      input.addEventListener('input', changed);
      input.addEventListener('change', changed);
      inputs.set(q.key, input);
      wrap.append(input, err);
      group.append(wrap);
    });
    deps.message('');
    deps.show('report-view');
    byId('report-title').focus();
    window.scrollTo(0, 0);
  }

  function answers(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, input] of inputs) {
      const v = input.value.trim();
      if (v) out[k] = v;
    }
    return out;
  }

  /** The page's own check: every required question answered, whole numbers where asked. */
  function check(a: Record<string, string>): boolean {
    if (!form) return false;
    clearErrors();
    let first: HTMLElement | null = null;
    for (const q of form.questions) {
      let text = '';
      if (q.required && !a[q.key]) text = 'Vui lòng trả lời câu hỏi này.';
      else if (q.kind === 'number' && a[q.key] && !/^\d+$/.test(a[q.key]))
        text = 'Nhập một số nguyên, ví dụ 0, 1, 2.';
      if (!text) continue;
      const e = errorOf(q.key);
      e.textContent = text;
      e.hidden = false;
      const input = inputs.get(q.key);
      input?.setAttribute('aria-invalid', 'true');
      first ??= input ?? null;
    }
    if (first) {
      deps.message(
        'Chưa gửi được: vui lòng trả lời các mục được đánh dấu.',
        'error',
      );
      first.focus();
      return false;
    }
    return true;
  }

  async function submit(): Promise<void> {
    if (!form || busy) return;
    const a = answers();
    if (!check(a)) return;
    busy = true;
    const button = byId<HTMLButtonElement>('report-send');
    button.disabled = true;
    deps.message('Đang gửi báo cáo…');
    let r: VillageReportResult;
    try {
      r = await deps.send({periodId: form.periodId, submissionId, answers: a});
    } catch (e) {
      deps.message((e as Error).message, 'error');
      return;
    } finally {
      busy = false;
      button.disabled = false;
    }
    if (!r.ok) {
      deps.message(r.message, 'error');
      for (const err of r.errors ?? []) {
        if (!inputs.has(err.key)) continue;
        const e = errorOf(err.key);
        e.textContent = err.message;
        e.hidden = false;
        inputs.get(err.key)?.setAttribute('aria-invalid', 'true');
      }
      return;
    }
    submissionId = newSubmissionId();
    if (r.state === 'flagged') {
      // Stored for the admin to look at: the village may correct and send again.
      deps.message(r.message, 'error');
      return;
    }
    await deps.reload();
    deps.message(r.message, 'ok');
  }

  byId('open-report').addEventListener('click', open);
  byId('report-form').addEventListener('submit', e => {
    e.preventDefault();
    void submit();
  });
  return {renderEntry, open};
}
