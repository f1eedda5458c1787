// The import dialog's script: reads the chosen .docx as base64 or the pasted text, previews, then applies.
import {formatVnDate} from '../../core/dates';

interface Doubt {
  field: string;
  message: string;
}
interface PreviewTask {
  tt: string;
  group: string;
  text: string;
  lead: string;
  support: string;
  timelineText: string;
  product: string;
  timeline: {
    kind: string;
    start: string | null;
    due: string | null;
    continues: boolean;
  };
  doubts: Doubt[];
}
interface Preview {
  ok: boolean;
  message: string;
  token: string;
  plan: {
    issuer: string;
    commune: string;
    number: string;
    date: string;
    title: string;
    signer: string;
    signerTitle: string;
    periodStart: string;
    periodEnd: string;
    periods: Array<{id: string; name: string; start: string; due: string}>;
    tasks: PreviewTask[];
  } | null;
  units: {
    matched: Array<{text: string; name: string; type: string; tasks: string[]}>;
    proposed: Array<{
      text: string;
      type: string;
      kind?: string;
      code?: string;
      tag?: string;
      tasks: string[];
    }>;
  };
  problems: string[];
  modes: {
    replace: {allowed: boolean; reason: string};
    next: {allowed: boolean; reason: string};
  };
}
interface Applied {
  ok: boolean;
  message: string;
  problems: string[];
  archivedTabs: string[];
  addedUnits: string[];
}

type Run = {
  withSuccessHandler(f: (v: unknown) => void): Run;
  withFailureHandler(f: (e: unknown) => void): Run;
} & Record<string, (...args: unknown[]) => void>;

const MAX_BYTES = 10 * 1024 * 1024;
const KINDS: Record<string, string> = {
  department: 'phòng',
  center: 'trung tâm',
  school: 'trường',
  village: 'thôn',
  front: 'mặt trận, đoàn thể',
  force: 'công an, quân sự',
  other: 'khác',
};

const $ = <T extends HTMLElement>(id: string) =>
  document.getElementById(id) as T;

function call<T>(fn: string, ...args: unknown[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const run = (window as unknown as {google?: {script?: {run?: Run}}}).google
      ?.script?.run;
    if (!run) {
      reject(new Error('Trang này cần được mở từ bảng tính (menu Dân vận).'));
      return;
    }
    run
      .withSuccessHandler(v => resolve(v as T))
      .withFailureHandler(e =>
        reject(e instanceof Error ? e : new Error(String(e))),
      )
      [fn](...args);
  });
}

function say(text: string, kind: 'info' | 'ok' | 'error'): void {
  const box = $('message');
  box.textContent = text;
  box.className = `message ${kind}`;
  box.hidden = false;
}

function el(tag: string, text = '', cls = ''): HTMLElement {
  const e = document.createElement(tag);
  e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

const vn = (iso: string | null): string => formatVnDate(iso);

function readFile(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () =>
      resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(new Error('Không đọc được tệp đã chọn.'));
    reader.readAsDataURL(file);
  });
}

let token = '';

function render(p: Preview): void {
  const plan = p.plan;
  if (!plan) return;
  token = p.token;
  const dl = $('header-fields');
  dl.textContent = '';
  const field = (label: string, value: string) => {
    dl.appendChild(el('dt', label));
    dl.appendChild(el('dd', value || '(không đọc được)', value ? '' : 'doubt'));
  };
  field('Cơ quan ban hành', plan.issuer);
  field('Số', plan.number);
  field('Ngày', vn(plan.date));
  field('Tên kế hoạch', plan.title);
  field('Người ký', [plan.signerTitle, plan.signer].filter(Boolean).join(' '));
  field('Kỳ kế hoạch', `${vn(plan.periodStart)} – ${vn(plan.periodEnd)}`);
  field('Kỳ báo cáo', plan.periods.map(x => `${x.id}: ${x.name}`).join('; '));

  const list = $('problem-list');
  list.textContent = '';
  for (const x of p.problems) list.appendChild(el('li', x));
  $('problems').hidden = !p.problems.length;

  $('task-count').textContent = `(${plan.tasks.length})`;
  const body = $('tasks').querySelector('tbody') as HTMLElement;
  body.textContent = '';
  for (const t of plan.tasks) {
    const tr = document.createElement('tr');
    const due = t.timeline.due
      ? `hạn ${vn(t.timeline.due)}`
      : t.timeline.kind === 'ongoing'
        ? 'thường xuyên'
        : t.timeline.kind === 'unknown'
          ? 'chưa đọc được'
          : '';
    const cells: Array<[string, string]> = [
      ['tt', t.tt],
      ['group', t.group],
      ['text', t.text],
      ['lead', t.lead],
      ['support', t.support],
      ['timelineText', t.timelineText],
      ['due', due],
      ['product', t.product],
    ];
    for (const [key, value] of cells) {
      const td = el('td', value);
      const doubts = t.doubts.filter(
        d => d.field === key || (key === 'due' && d.field === 'timelineText'),
      );
      if (doubts.length) {
        td.className = 'doubt';
        td.title = doubts.map(d => d.message).join('\n');
      }
      tr.appendChild(td);
    }
    body.appendChild(tr);
  }
  const matched = $('matched');
  matched.textContent = '';
  for (const m of p.units.matched)
    matched.appendChild(
      el(
        'li',
        `${m.text}${m.text !== m.name ? ` → ${m.name}` : ''} (nhiệm vụ ${m.tasks.join(', ')})`,
      ),
    );
  const proposed = $('proposed');
  proposed.textContent = '';
  for (const m of p.units.proposed)
    proposed.appendChild(
      el(
        'li',
        m.type === 'unit'
          ? `${m.text} — đơn vị mới, loại ${KINDS[m.kind ?? 'other'] ?? m.kind}, mã ${m.code} (nhiệm vụ ${m.tasks.join(', ')})`
          : `${m.text} — nhóm mới "${m.tag}" (nhiệm vụ ${m.tasks.join(', ')})`,
        'proposed-item',
      ),
    );
  if (!p.units.proposed.length) proposed.appendChild(el('li', 'Không có'));

  for (const mode of ['next', 'replace'] as const) {
    const radio = $<HTMLInputElement>(`mode-${mode}`);
    radio.disabled = !p.modes[mode].allowed;
    radio.checked = false;
    $(`reason-${mode}`).textContent = p.modes[mode].reason;
  }
  const first = p.modes.next.allowed
    ? 'next'
    : p.modes.replace.allowed
      ? 'replace'
      : '';
  if (first) $<HTMLInputElement>(`mode-${first}`).checked = true;
  $<HTMLButtonElement>('apply-button').disabled = !first;
  $('result').hidden = false;
  $('result-title').focus();
}

async function preview(): Promise<void> {
  const file = $<HTMLInputElement>('file').files?.[0];
  const text = $<HTMLTextAreaElement>('paste').value;
  let input: Record<string, string>;
  if (file) {
    if (file.size > MAX_BYTES) {
      say(
        `Tệp "${file.name}" lớn ${(file.size / 1024 / 1024).toFixed(1)} MB, vượt giới hạn 10 MB. Hãy xóa ảnh trong tệp hoặc chỉ dán bảng phụ lục.`,
        'error',
      );
      return;
    }
    input = {
      name: file.name,
      mimeType: file.type,
      base64: await readFile(file),
    };
  } else if (text.trim()) {
    input = {text};
  } else {
    say('Hãy chọn tệp .docx hoặc dán bảng phụ lục.', 'error');
    return;
  }
  say('Đang đọc kế hoạch…', 'info');
  $('result').hidden = true;
  const p = await call<Preview>('importPlanPreview', input);
  if (!p.ok) {
    say(p.message, 'error');
    return;
  }
  say(
    `Đã đọc ${p.plan?.tasks.length ?? 0} nhiệm vụ. Chưa có gì được ghi vào bảng tính.`,
    'ok',
  );
  render(p);
}

async function apply(): Promise<void> {
  const mode = (
    document.querySelector(
      'input[name="mode"]:checked',
    ) as HTMLInputElement | null
  )?.value;
  if (!mode || !token) return;
  const question =
    mode === 'next'
      ? 'Lưu trữ kế hoạch hiện tại và bắt đầu kế hoạch mới?'
      : 'Thay thế kế hoạch trong bảng tính bằng kế hoạch này?';
  if (!window.confirm(question)) return;
  $<HTMLButtonElement>('apply-button').disabled = true;
  say('Đang nạp kế hoạch…', 'info');
  const r = await call<Applied>('applyImportedPlan', token, {mode});
  if (!r.ok) {
    say(r.message, 'error');
    $<HTMLButtonElement>('apply-button').disabled = false;
    return;
  }
  const extra = [
    r.archivedTabs.length ? `Trang lưu trữ: ${r.archivedTabs.join(', ')}.` : '',
    r.addedUnits.length
      ? `Đơn vị mới (cần điền e-mail): ${r.addedUnits.join(', ')}.`
      : '',
    r.problems.length ? `Cần xem lại: ${r.problems.join(' ')}` : '',
    'Tiếp theo: điền e-mail đơn vị mới, rồi "Tạo / cập nhật biểu mẫu báo cáo thôn" cho kỳ mới.',
  ].filter(Boolean);
  say(`${r.message}\n${extra.join('\n')}`, 'ok');
  token = '';
}

function guard(fn: () => Promise<void>): () => void {
  return () => {
    fn().catch((e: unknown) =>
      say(e instanceof Error ? e.message : String(e), 'error'),
    );
  };
}

$('preview-button').addEventListener('click', guard(preview));
$('apply-button').addEventListener('click', guard(apply));
$('close-button').addEventListener('click', () => {
  const host = (
    window as unknown as {google?: {script?: {host?: {close(): void}}}}
  ).google?.script?.host;
  if (host) host.close();
});
