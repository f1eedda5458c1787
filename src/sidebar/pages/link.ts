// The personal update page's client: the unit's assignments (data arrives in the page), edit, save, attach photos and files.
// Every piece of text is rendered with textContent: user text never goes through innerHTML.
import {formatVnDate} from '../../core/dates';
import {SAFE_COLOR, byId, clear, h} from '../dom';
import type {
  LinkData,
  LinkLoadResult,
  LinkServer,
  UploadResult,
} from '../../shared/link';
import type {
  AssignmentDto,
  FieldError,
  SavePayload,
  SaveResult,
} from '../../shared/sidebar';
import {createReportView} from '../linkReportView';
import {describeFailure} from '../run';
import {
  prepareUpload,
  renderEvidenceLinks as showLinks,
  withEvidenceLink,
} from '../upload';

interface Boot {
  token: string;
  data: LinkLoadResult;
}

type FormField =
  'progress' | 'completedOn' | 'result' | 'evidence' | 'proposals';
const FORM_FIELDS: FormField[] = [
  'progress',
  'completedOn',
  'result',
  'evidence',
  'proposals',
];

const boot = (window as unknown as {__LINK__?: Boot}).__LINK__;
const state = {
  token: boot ? String(boot.token) : '',
  data: null as LinkData | null,
  open: null as AssignmentDto | null,
  base: null as {version: number; stamp: string} | null,
  stale: null as AssignmentDto | null,
  busy: false,
};

// ---- server calls -------------------------------------------------------------------------------

interface Runner {
  withSuccessHandler(f: (v: unknown) => void): Runner;
  withFailureHandler(f: (e: unknown) => void): Runner;
  [name: string]: unknown;
}

function call<K extends keyof LinkServer>(
  name: K,
  ...args: Parameters<LinkServer[K]>
): Promise<ReturnType<LinkServer[K]>> {
  return new Promise((resolve, reject) => {
    const run = (window as unknown as {google?: {script?: {run?: Runner}}})
      .google?.script?.run;
    if (!run) {
      reject(new Error('Trang này phải được mở từ đường dẫn trong email.'));
      return;
    }
    const r = run
      .withSuccessHandler(v => resolve(v as ReturnType<LinkServer[K]>))
      .withFailureHandler(e => reject(new Error(describeFailure(e))));
    (r[name] as (...a: unknown[]) => void).apply(r, args);
  });
}

// ---- DOM helpers --------------------------------------------------------------------------------

function show(id: string): void {
  for (const v of [
    'loading',
    'refusal',
    'list-view',
    'edit-view',
    'report-view',
  ])
    byId(v).hidden = v !== id;
  byId('app').setAttribute('aria-busy', 'false');
}

function message(text: string, kind: 'info' | 'ok' | 'error' = 'info'): void {
  const el = byId('message');
  el.textContent = text;
  el.className = `message ${kind}`;
  el.hidden = !text;
}

const isoToVn = (iso: string | null): string =>
  formatVnDate(iso ? iso.slice(0, 10) : null);

// ---- list ---------------------------------------------------------------------------------------

function daysText(a: AssignmentDto): {text: string; cls: string} {
  if (a.progress === 'done' || a.daysLeft === null) return {text: '', cls: ''};
  if (a.daysLeft < 0) return {text: `Quá hạn ${-a.daysLeft} ngày`, cls: 'late'};
  if (a.daysLeft === 0) return {text: 'Hạn hôm nay', cls: 'soon'};
  return {
    text: `Còn ${a.daysLeft} ngày`,
    cls: a.timeliness === 'due_soon' ? 'soon' : '',
  };
}

function renderList(): void {
  const data = state.data as LinkData;
  byId('unit-name').textContent =
    `${data.unit.name} — ${data.commune ? `xã ${data.commune}` : ''}`;
  const p = data.period;
  const period = byId('period');
  const left = p
    ? p.daysLeft < 0
      ? ' (đã qua hạn)'
      : p.daysLeft === 0
        ? ' (hạn hôm nay)'
        : ` (còn ${p.daysLeft} ngày)`
    : '';
  period.textContent = p
    ? `${p.name}${/\d{1,2}\/\d{1,2}\/\d{4}/.test(p.name) ? '' : `: báo cáo trước ${p.dueText}`}${left}`
    : 'Chưa có kỳ báo cáo hiện tại.';
  period.className = `period${p && p.daysLeft < 0 ? ' late' : ''}`;
  report.renderEntry(data);
  const list = byId('assignments');
  clear(list);
  const late = data.assignments.filter(a => a.timeliness === 'overdue').length;
  byId('list-summary').textContent = data.assignments.length
    ? `${data.assignments.length} phân công${late ? `, ${late} quá hạn` : ''}. Chạm vào một phân công để cập nhật.`
    : 'Đơn vị chưa có phân công nào trong kế hoạch.';
  for (const a of data.assignments) {
    const li = h('li', 'card');
    const b = h('button', 'open');
    b.type = 'button';
    b.dataset.id = a.id;
    const head = h('span', 'card-head');
    head.append(h('span', 'tt', `Nhiệm vụ ${a.tt} · ${a.roleLabel}`));
    const c = h('span', 'chip', a.status);
    if (SAFE_COLOR.test(a.statusColor)) c.style.backgroundColor = a.statusColor;
    head.append(c);
    b.append(head, h('span', 'task', a.taskText));
    const d = daysText(a);
    const meta = h('span', 'meta');
    meta.append(
      document.createTextNode(
        a.dueText ? `Hạn: ${a.dueText} ` : a.timelineText,
      ),
    );
    if (d.text) meta.append(h('span', d.cls, d.text));
    b.append(meta);
    b.addEventListener('click', () => openEdit(a.id));
    li.append(b);
    list.append(li);
  }
  show('list-view');
}

// ---- edit ---------------------------------------------------------------------------------------

function field<T extends HTMLElement>(name: FormField): T {
  return byId<T>(`f-${name}`);
}

function setForm(a: {
  progress: string;
  completedOn: string | null;
  result: string;
  evidence: string[] | string;
  proposals: string;
}): void {
  field<HTMLSelectElement>('progress').value = a.progress;
  field<HTMLInputElement>('completedOn').value = a.completedOn ?? '';
  field<HTMLTextAreaElement>('result').value = a.result;
  field<HTMLTextAreaElement>('evidence').value = Array.isArray(a.evidence)
    ? a.evidence.join('\n')
    : a.evidence;
  field<HTMLTextAreaElement>('proposals').value = a.proposals;
  syncCompleted();
  renderEvidenceLinks();
}

function syncCompleted(): void {
  byId('completed-field').hidden =
    field<HTMLSelectElement>('progress').value !== 'done';
}

function renderEvidenceLinks(): void {
  showLinks(
    byId('evidence-links'),
    field<HTMLTextAreaElement>('evidence').value,
  );
}

function clearErrors(): void {
  for (const f of FORM_FIELDS) {
    const e = byId(`e-${f}`);
    e.hidden = true;
    e.textContent = '';
    field(f).removeAttribute('aria-invalid');
  }
}

function showErrors(errors: FieldError[]): void {
  for (const err of errors) {
    const f = (FORM_FIELDS as string[]).includes(err.field)
      ? (err.field as FormField)
      : null;
    if (!f) {
      message(err.message, 'error');
      continue;
    }
    const e = byId(`e-${f}`);
    e.textContent = err.message;
    e.hidden = false;
    field(f).setAttribute('aria-invalid', 'true');
  }
}

function openEdit(id: string): void {
  const data = state.data as LinkData;
  const a = data.assignments.find(x => x.id === id);
  if (!a) return;
  state.open = a;
  state.base = {version: a.version, stamp: a.stamp};
  state.stale = null;
  byId('stale').hidden = true;
  message('');
  clearErrors();
  byId('edit-title').textContent = `Nhiệm vụ ${a.tt} · ${a.roleLabel}`;
  byId('edit-task').textContent = a.taskText;
  const facts = byId('edit-facts');
  clear(facts);
  const fact = (k: string, v: string) => {
    if (!v) return;
    facts.append(h('dt', '', k), h('dd', '', v));
  };
  fact('Tình trạng', a.status);
  fact('Thời gian', a.timelineText);
  fact('Hạn', a.dueText);
  fact('Sản phẩm', a.product);
  fact(
    'Cập nhật lần cuối',
    a.updatedAtText ? `${a.updatedAtText} (${a.updatedBy})` : '',
  );
  const select = field<HTMLSelectElement>('progress');
  clear(select);
  for (const o of data.progressOptions) {
    const opt = h('option', '', o.label);
    opt.value = o.value;
    select.append(opt);
  }
  field<HTMLInputElement>('completedOn').max = data.today;
  setForm(a);
  byId<HTMLInputElement>('f-file').value = '';
  byId('upload-status').textContent = '';
  show('edit-view');
  byId('edit-title').focus();
  window.scrollTo(0, 0);
}

function payload(): SavePayload {
  const base = state.base as {version: number; stamp: string};
  return {
    id: (state.open as AssignmentDto).id,
    version: base.version,
    stamp: base.stamp,
    progress: field<HTMLSelectElement>('progress')
      .value as SavePayload['progress'],
    completedOn: field<HTMLInputElement>('completedOn').value || null,
    result: field<HTMLTextAreaElement>('result').value,
    evidence: field<HTMLTextAreaElement>('evidence').value,
    proposals: field<HTMLTextAreaElement>('proposals').value,
  };
}

function replaceAssignment(a: AssignmentDto): void {
  const data = state.data as LinkData;
  data.assignments = data.assignments.map(x => (x.id === a.id ? a : x));
  if (state.open && state.open.id === a.id) state.open = a;
}

function setBusy(busy: boolean): void {
  state.busy = busy;
  for (const id of ['save', 'reapply', 'take-current'])
    byId<HTMLButtonElement>(id).disabled = busy;
  byId<HTMLInputElement>('f-file').disabled = busy;
}

function showStale(current: AssignmentDto): void {
  state.stale = current;
  byId('stale-who').textContent = current.updatedAtText
    ? `Cập nhật bởi ${current.updatedBy} lúc ${current.updatedAtText}.`
    : '';
  const dl = byId('stale-values');
  clear(dl);
  const add = (k: string, v: string) =>
    dl.append(h('dt', '', k), h('dd', '', v || '—'));
  add('Trạng thái', current.progressLabel);
  add('Ngày hoàn thành', isoToVn(current.completedOn));
  add('Kết quả', current.result);
  add('Minh chứng', current.evidence.join('\n'));
  add('Kiến nghị', current.proposals);
  byId('stale').hidden = false;
  byId('stale-title').focus();
}

async function save(): Promise<void> {
  if (state.busy || !state.open) return;
  clearErrors();
  setBusy(true);
  message('Đang lưu…');
  let r: SaveResult;
  try {
    r = await call('linkSave', state.token, payload());
  } catch (e) {
    setBusy(false);
    message((e as Error).message, 'error');
    return;
  }
  setBusy(false);
  if (r.ok) {
    replaceAssignment(r.assignment);
    state.base = {version: r.assignment.version, stamp: r.assignment.stamp};
    state.stale = null;
    byId('stale').hidden = true;
    message(r.message, 'ok');
    return;
  }
  message(r.message, 'error');
  if (r.code === 'invalid' && r.errors) showErrors(r.errors);
  if (r.code === 'stale' && r.current) showStale(r.current);
}

/** "Lưu đè": the user saw the current values and keeps their own: save on top of the current version. */
function reapply(): void {
  const cur = state.stale;
  if (!cur) return;
  state.base = {version: cur.version, stamp: cur.stamp};
  replaceAssignment(cur);
  void save();
}

/** "Dùng giá trị hiện tại": the form takes the current values; nothing is saved. */
function takeCurrent(): void {
  const cur = state.stale;
  if (!cur) return;
  replaceAssignment(cur);
  state.base = {version: cur.version, stamp: cur.stamp};
  setForm(cur);
  state.stale = null;
  byId('stale').hidden = true;
  message(
    'Biểu mẫu đã lấy giá trị hiện tại. Sửa tiếp rồi bấm Lưu lại nếu cần.',
    'info',
  );
}

// ---- uploads ------------------------------------------------------------------------------------

async function upload(file: File): Promise<void> {
  const data = state.data as LinkData;
  const open = state.open;
  if (!open || state.busy) return;
  const status = byId('upload-status');
  setBusy(true);
  try {
    const ready = await prepareUpload(
      file,
      data.upload,
      t => (status.textContent = t),
    );
    if (!ready.ok) {
      status.textContent = ready.message;
      return;
    }
    const r: UploadResult = await call(
      'linkUpload',
      state.token,
      open.id,
      ready.file,
    );
    if (!r.ok) {
      status.textContent = r.message;
      return;
    }
    const ev = field<HTMLTextAreaElement>('evidence');
    ev.value = withEvidenceLink(ev.value, r.url);
    const base = state.base;
    // The page's own base moves on only if nobody else changed the row in between.
    if (base && base.version === r.previousVersion)
      state.base = {version: r.assignment.version, stamp: r.assignment.stamp};
    replaceAssignment(r.assignment);
    renderEvidenceLinks();
    status.textContent = r.message;
  } catch (e) {
    status.textContent = (e as Error).message;
  } finally {
    setBusy(false);
    byId<HTMLInputElement>('f-file').value = '';
  }
}

// ---- start --------------------------------------------------------------------------------------

function refuse(text: string): void {
  byId('refusal-text').textContent = text;
  show('refusal');
}

function start(data: LinkLoadResult): void {
  if (!data.ok) {
    refuse(data.message);
    return;
  }
  state.data = data;
  renderList();
}

async function reload(): Promise<void> {
  message('Đang tải lại…');
  try {
    const data = await call('linkLoad', state.token);
    message('');
    start(data);
  } catch (e) {
    message((e as Error).message, 'error');
  }
}

const report = createReportView({
  byId,
  send: payload => call('linkVillageReport', state.token, payload),
  message,
  show,
  reload,
});

byId('edit-form').addEventListener('submit', e => {
  e.preventDefault();
  void save();
});
field('progress').addEventListener('change', syncCompleted);
field('evidence').addEventListener('input', renderEvidenceLinks);
byId('reapply').addEventListener('click', reapply);
byId('take-current').addEventListener('click', takeCurrent);
byId('reload').addEventListener('click', () => void reload());
for (const id of ['back', 'report-back']) {
  byId(id).addEventListener('click', () => {
    message('');
    renderList();
    window.scrollTo(0, 0);
  });
}
byId<HTMLInputElement>('f-file').addEventListener('change', e => {
  const f = (e.target as HTMLInputElement).files?.[0];
  if (f) void upload(f);
});

if (boot && boot.data) start(boot.data);
else
  refuse(
    'Đường dẫn không đúng hoặc không đầy đủ. Hãy mở lại đường dẫn trong email.',
  );
