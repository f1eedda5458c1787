// The sidebar's client: loads a unit's assignments in one call, edits one, saves it in one call.
// Every piece of text is rendered with textContent: user text never goes through innerHTML.
import {formatVnDate} from '../../core/dates';
import {SAFE_COLOR, byId, clear, h} from '../dom';
import type {
  AssignmentDto,
  FieldError,
  SaveResult,
  SavePayload,
  SidebarData,
  SidebarLoadResult,
} from '../../shared/sidebar';
import {ServerCallError, serverCall} from '../run';
import {prepareUpload, renderEvidenceLinks, withEvidenceLink} from '../upload';

type FormField =
  'progress' | 'completedOn' | 'result' | 'evidence' | 'proposals';
const FORM_FIELDS: FormField[] = [
  'progress',
  'completedOn',
  'result',
  'evidence',
  'proposals',
];

interface FormValues {
  progress: string;
  completedOn: string;
  result: string;
  evidence: string;
  proposals: string;
}

interface Base {
  version: number;
  stamp: string;
}

const state = {
  data: null as SidebarData | null,
  /** The assignment open in the form. */
  open: null as AssignmentDto | null,
  /** The version the open form's values are based on (what a save sends back). */
  base: null as Base | null,
  /** After a stale refusal: the assignment as it is now. */
  stale: null as AssignmentDto | null,
  /** Unsaved form content per assignment id, kept while the sidebar is open. */
  drafts: new Map<string, FormValues>(),
  saving: false,
  loading: false,
};

// ---- DOM helpers ------------------------------------------------------------------------------

const SAFE_LINK = /^https?:\/\/[^\s<>"'`\\]+$/i;

/** A coloured status chip. */
function chip(label: string, color: string): HTMLElement {
  const el = h('span', 'chip', label);
  if (SAFE_COLOR.test(color)) el.style.backgroundColor = color;
  return el;
}

/** A link for an http(s) address, plain text for anything else. */
function linkOrText(text: string): HTMLElement {
  if (!SAFE_LINK.test(text)) return h('span', '', text);
  const a = h('a', '', text);
  a.href = text;
  a.target = '_blank';
  a.rel = 'noopener noreferrer';
  return a;
}

const vnDate = (iso: string | null): string => formatVnDate(iso);

function showOnly(
  section: 'loading' | 'refusal' | 'list-view' | 'edit-view',
): void {
  for (const id of ['loading', 'refusal', 'list-view', 'edit-view'])
    byId(id).hidden = id !== section;
  byId('app').setAttribute(
    'aria-busy',
    section === 'loading' ? 'true' : 'false',
  );
}

function showMessage(
  kind: 'info' | 'ok' | 'error' | 'warn',
  text: string,
): void {
  const box = byId('message');
  box.className = `message ${kind}`;
  box.setAttribute(
    'role',
    kind === 'error' || kind === 'warn' ? 'alert' : 'status',
  );
  box.textContent = text;
  box.hidden = false;
  box.scrollIntoView({block: 'nearest'});
}

function hideMessage(): void {
  byId('message').hidden = true;
}

// ---- text of an assignment ---------------------------------------------------------------------

function daysInfo(
  a: AssignmentDto,
  soonDays: number,
): {text: string; cls: string} {
  if (a.progress === 'done') {
    return {
      text: a.completedOn
        ? `Hoàn thành ngày ${vnDate(a.completedOn)}`
        : 'Đã hoàn thành',
      cls: '',
    };
  }
  if (a.daysLeft === null) return {text: 'Không có thời hạn cố định', cls: ''};
  if (a.daysLeft < 0) return {text: `Quá hạn ${-a.daysLeft} ngày`, cls: 'late'};
  if (a.daysLeft === 0) return {text: 'Đến hạn hôm nay', cls: 'soon'};
  return {
    text: `Còn ${a.daysLeft} ngày`,
    cls: a.daysLeft <= soonDays ? 'soon' : '',
  };
}

function lastReport(a: AssignmentDto): string {
  if (!a.updatedAt) return 'Chưa cập nhật lần nào';
  return `Cập nhật lần cuối: ${a.updatedAtText}${a.updatedBy ? ` bởi ${a.updatedBy}` : ''}`;
}

// ---- header and list -----------------------------------------------------------------------

function renderHeader(data: SidebarData): void {
  byId('who').textContent =
    `Đăng nhập: ${data.user}${data.isAdmin ? ' (quản trị viên)' : ''}`;
  const picker = byId('unit-picker');
  const select = byId<HTMLSelectElement>('unit-select');
  clear(select);
  for (const u of data.units) {
    const option = h('option', '', u.name);
    option.value = u.code;
    select.appendChild(option);
  }
  select.value = data.unit.code;
  picker.hidden = data.units.length < 2;
  const period = byId('period');
  if (data.period) {
    const d = data.period.daysLeft;
    const left =
      d > 0
        ? `còn ${d} ngày`
        : d === 0
          ? 'hạn là hôm nay'
          : `đã quá hạn ${-d} ngày`;
    period.textContent = `${data.period.name}: báo cáo trước ${data.period.dueText} (${left})`;
    period.classList.toggle('late', d < 0);
  } else {
    period.textContent = 'Không có kỳ báo cáo nào đang mở.';
    period.classList.remove('late');
  }
}

function card(a: AssignmentDto, data: SidebarData): HTMLLIElement {
  const li = h('li', 'card');
  li.dataset.id = a.id;
  const button = h('button', 'open');
  button.type = 'button';
  button.dataset.id = a.id;
  const head = h('span', 'card-head');
  head.appendChild(h('span', 'tt', `Nhiệm vụ ${a.tt}`));
  head.appendChild(h('span', 'role', a.roleLabel));
  button.appendChild(head);
  button.appendChild(h('span', 'task', a.taskText));
  const status = h('span', 'meta');
  status.appendChild(chip(a.status, a.statusColor));
  const days = daysInfo(a, data.dueSoonDays);
  status.appendChild(document.createTextNode(' '));
  status.appendChild(h('span', `days ${days.cls}`, days.text));
  button.appendChild(status);
  const when = a.dueText
    ? `Hạn: ${a.dueText}`
    : `Thời gian: ${a.timelineText || 'không ghi'}`;
  button.appendChild(h('span', 'meta', when));
  button.appendChild(
    h(
      'span',
      `reported ${a.reportedThisPeriod ? 'yes' : 'no'}`,
      a.reportedThisPeriod
        ? `✓ ${lastReport(a)}`
        : `Chưa báo cáo trong kỳ này. ${lastReport(a)}`,
    ),
  );
  if (state.drafts.has(a.id))
    button.appendChild(
      h('span', 'meta', '• Có nội dung đang nhập dở, chưa lưu'),
    );
  button.addEventListener('click', () => openAssignment(a.id));
  li.appendChild(button);
  return li;
}

function renderList(): void {
  const data = state.data;
  if (!data) return;
  byId('list-title').textContent = `Phân công của ${data.unit.name}`;
  const list = byId('assignments');
  clear(list);
  for (const a of data.assignments) list.appendChild(card(a, data));
  const n = data.assignments.length;
  const count = (f: (a: AssignmentDto) => boolean) =>
    data.assignments.filter(f).length;
  const unfinished = (a: AssignmentDto) =>
    a.progress !== 'done' && a.progress !== 'paused';
  const overdue = count(a => unfinished(a) && a.timeliness === 'overdue');
  const soon = count(a => unfinished(a) && a.timeliness === 'due_soon');
  const notReported = count(a => !a.reportedThisPeriod);
  byId('list-summary').textContent = n
    ? `${n} phân công · ${overdue} quá hạn · ${soon} sắp đến hạn · ${notReported} chưa báo cáo trong kỳ. Chọn một phân công để cập nhật.`
    : 'Đơn vị này chưa có phân công nào trong kế hoạch.';
}

// ---- load -------------------------------------------------------------------------------------

function showRefusal(result: Exclude<SidebarLoadResult, SidebarData>): void {
  state.data = null;
  byId('who').textContent = result.user ? `Đăng nhập: ${result.user}` : '';
  byId('unit-picker').hidden = true;
  byId('period').textContent = '';
  byId('refusal-text').textContent = result.message;
  const admins = result.contact.admins.length
    ? ` (${result.contact.admins.join(', ')})`
    : '';
  byId('refusal-contact').textContent =
    `Đầu mối: ${result.contact.office}${admins}.`;
  showOnly('refusal');
  byId('refusal-title').focus();
}

async function load(unitCode?: string): Promise<void> {
  if (state.loading) return;
  state.loading = true;
  const select = byId<HTMLSelectElement>('unit-select');
  select.disabled = true;
  if (!state.data) showOnly('loading');
  try {
    const result = unitCode
      ? await serverCall('sidebarLoad', unitCode)
      : await serverCall('sidebarLoad');
    if (!result.ok) {
      showRefusal(result);
      return;
    }
    state.data = result;
    state.open = null;
    state.stale = null;
    renderHeader(result);
    renderList();
    showOnly('list-view');
    byId('list-title').focus();
  } catch (e) {
    const text = e instanceof ServerCallError ? e.message : String(e);
    if (state.data) {
      showMessage('error', text);
    } else {
      showRefusal({
        ok: false,
        code: 'error',
        message: text,
        user: '',
        contact: {office: 'Phòng Văn hóa - Xã hội', admins: []},
      });
    }
  } finally {
    state.loading = false;
    select.disabled = false;
  }
}

// ---- the edit form ----------------------------------------------------------------------------

const field = <T extends HTMLElement>(name: FormField) => byId<T>(`f-${name}`);

function valuesOf(a: AssignmentDto): FormValues {
  return {
    progress: a.progress,
    completedOn: a.completedOn ?? '',
    result: a.result,
    evidence: a.evidence.join('\n'),
    proposals: a.proposals,
  };
}

function readForm(): FormValues {
  return {
    progress: field<HTMLSelectElement>('progress').value,
    completedOn: field<HTMLInputElement>('completedOn').value,
    result: field<HTMLTextAreaElement>('result').value,
    evidence: field<HTMLTextAreaElement>('evidence').value,
    proposals: field<HTMLTextAreaElement>('proposals').value,
  };
}

function fillForm(v: FormValues): void {
  field<HTMLSelectElement>('progress').value = v.progress;
  field<HTMLInputElement>('completedOn').value = v.completedOn;
  field<HTMLTextAreaElement>('result').value = v.result;
  field<HTMLTextAreaElement>('evidence').value = v.evidence;
  field<HTMLTextAreaElement>('proposals').value = v.proposals;
  syncDateField();
  updateCounters();
  showEvidenceLinks();
}

function showEvidenceLinks(): void {
  renderEvidenceLinks(
    byId('evidence-links'),
    field<HTMLTextAreaElement>('evidence').value,
  );
}

function syncDateField(): void {
  const done = field<HTMLSelectElement>('progress').value === 'done';
  const date = field<HTMLInputElement>('completedOn');
  date.disabled = !done;
  date.required = done;
  if (state.data) date.max = state.data.today;
}

function updateCounters(): void {
  const limits = state.data?.limits;
  if (!limits) return;
  for (const [name, max] of [
    ['result', limits.resultMax],
    ['proposals', limits.proposalsMax],
  ] as const) {
    const n = field<HTMLTextAreaElement>(name).value.length;
    const counter = byId(`c-${name}`);
    counter.textContent = `${n.toLocaleString('vi-VN')}/${max.toLocaleString('vi-VN')} ký tự`;
    counter.classList.toggle('over', n > max);
  }
}

function clearErrors(): void {
  for (const name of FORM_FIELDS) {
    field(name).removeAttribute('aria-invalid');
    const e = byId(`e-${name}`);
    e.textContent = '';
    e.hidden = true;
  }
  byId('e-form').hidden = true;
}

function showErrors(errors: FieldError[]): void {
  clearErrors();
  let first: HTMLElement | null = null;
  for (const err of errors) {
    const known = (FORM_FIELDS as string[]).includes(err.field);
    const box = byId(known ? `e-${err.field}` : 'e-form');
    box.textContent = box.textContent
      ? `${box.textContent}\n${err.message}`
      : err.message;
    box.hidden = false;
    if (known) {
      const input = field(err.field as FormField);
      input.setAttribute('aria-invalid', 'true');
      first = first ?? input;
    }
  }
  if (first) first.focus();
}

function renderFacts(
  target: HTMLElement,
  a: AssignmentDto,
  soonDays: number,
): void {
  clear(target);
  const add = (term: string, value: string | HTMLElement) => {
    target.appendChild(h('dt', '', term));
    const dd = h('dd');
    if (typeof value === 'string') dd.textContent = value;
    else dd.appendChild(value);
    target.appendChild(dd);
  };
  add('Vai trò', a.roleLabel);
  add('Thời gian', a.timelineText || 'không ghi');
  if (a.dueText) add('Hạn', a.dueText);
  const status = h('span');
  status.appendChild(chip(a.status, a.statusColor));
  const days = daysInfo(a, soonDays);
  status.appendChild(document.createTextNode(' '));
  status.appendChild(h('span', `days ${days.cls}`, days.text));
  add('Tình trạng', status);
  if (a.product) add('Sản phẩm', a.product);
  add(
    'Báo cáo',
    a.reportedThisPeriod
      ? `Đã báo cáo trong kỳ. ${lastReport(a)}`
      : `Chưa báo cáo trong kỳ. ${lastReport(a)}`,
  );
}

function renderStale(current: AssignmentDto): void {
  byId('stale').hidden = false;
  byId('stale-who').textContent = current.updatedAt
    ? `Do ${current.updatedBy || 'người khác'} cập nhật lúc ${current.updatedAtText}.`
    : 'Đã được sửa trực tiếp trên bảng tính.';
  const dl = byId('stale-values');
  clear(dl);
  const add = (term: string, value: string | HTMLElement) => {
    dl.appendChild(h('dt', '', term));
    const dd = h('dd');
    if (typeof value === 'string') dd.textContent = value || '(trống)';
    else dd.appendChild(value);
    dl.appendChild(dd);
  };
  add('Trạng thái', current.progressLabel);
  if (current.completedOn) add('Ngày hoàn thành', vnDate(current.completedOn));
  add('Kết quả', current.result);
  const links = h('span');
  current.evidence.forEach((link, i) => {
    if (i) links.appendChild(h('br'));
    links.appendChild(linkOrText(link));
  });
  add('Minh chứng', current.evidence.length ? links : '');
  add('Kiến nghị', current.proposals);
}

function openAssignment(id: string): void {
  const data = state.data;
  const a = data?.assignments.find(x => x.id === id);
  if (!data || !a) return;
  state.open = a;
  state.base = {version: a.version, stamp: a.stamp};
  state.stale = null;
  hideMessage();
  clearErrors();
  byId('stale').hidden = true;
  byId('upload-status').textContent = '';
  byId('edit-title').textContent = `Nhiệm vụ ${a.tt} · ${a.roleLabel}`;
  byId('edit-task').textContent = a.taskText;
  renderFacts(byId('edit-facts'), a, data.dueSoonDays);
  const progress = field<HTMLSelectElement>('progress');
  clear(progress);
  for (const o of data.progressOptions) {
    const option = h('option', '', o.label);
    option.value = o.value;
    progress.appendChild(option);
  }
  const draft = state.drafts.get(id);
  fillForm(draft ?? valuesOf(a));
  if (draft)
    showMessage(
      'info',
      'Đang hiển thị nội dung bạn nhập dở trước đó (chưa lưu). Bấm "Hoàn tác" để trở về giá trị đã lưu.',
    );
  showOnly('edit-view');
  byId('edit-title').focus();
}

function backToList(): void {
  const id = state.open?.id;
  state.open = null;
  state.stale = null;
  hideMessage();
  renderList();
  showOnly('list-view');
  const button = id
    ? document.querySelector<HTMLButtonElement>(
        `button.open[data-id="${CSS.escape(id)}"]`,
      )
    : null;
  (button ?? byId('list-title')).focus();
}

/** Replaces an assignment in the loaded data (after a save or a stale refusal). */
function replaceAssignment(a: AssignmentDto): void {
  const data = state.data;
  if (!data) return;
  const i = data.assignments.findIndex(x => x.id === a.id);
  if (i >= 0) data.assignments[i] = a;
  if (state.open?.id === a.id) state.open = a;
}

function setSaving(saving: boolean): void {
  state.saving = saving;
  const save = byId<HTMLButtonElement>('save');
  save.disabled = saving;
  save.textContent = saving ? 'Đang lưu…' : 'Lưu';
  byId<HTMLButtonElement>('reapply').disabled = saving;
  byId<HTMLButtonElement>('take-current').disabled = saving;
  byId<HTMLButtonElement>('cancel').disabled = saving;
  byId<HTMLInputElement>('f-file').disabled = saving;
  byId('edit-form').setAttribute('aria-busy', saving ? 'true' : 'false');
}

/**
 * One file attached to the open assignment (the link page's upload, the sidebar's gate): the photo
 * shrunk in the browser, checked, saved on Drive by the server; its link joins the evidence.
 */
async function upload(file: File): Promise<void> {
  const open = state.open;
  const data = state.data;
  if (!open || !data || state.saving) return;
  const status = byId('upload-status');
  setSaving(true);
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
    const r = await serverCall('sidebarUpload', open.id, ready.file);
    if (!r.ok) {
      status.textContent = r.message;
      return;
    }
    if (state.open?.id !== open.id) return;
    const ev = field<HTMLTextAreaElement>('evidence');
    ev.value = withEvidenceLink(ev.value, r.url);
    // The form's base moves on only if nobody else changed the row in between.
    if (state.base && state.base.version === r.previousVersion)
      state.base = {version: r.assignment.version, stamp: r.assignment.stamp};
    replaceAssignment(r.assignment);
    state.drafts.set(open.id, readForm());
    showEvidenceLinks();
    status.textContent = r.message;
  } catch (e) {
    status.textContent =
      e instanceof ServerCallError || e instanceof Error
        ? e.message
        : String(e);
  } finally {
    setSaving(false);
    byId<HTMLInputElement>('f-file').value = '';
  }
}

async function save(base: Base): Promise<void> {
  const open = state.open;
  if (!open || state.saving) return;
  const values = readForm();
  const payload: SavePayload = {
    id: open.id,
    version: base.version,
    stamp: base.stamp,
    progress: values.progress as SavePayload['progress'],
    completedOn: values.completedOn || null,
    result: values.result,
    evidence: values.evidence,
    proposals: values.proposals,
  };
  setSaving(true);
  showMessage('info', 'Đang lưu…');
  let result: SaveResult;
  try {
    result = await serverCall('sidebarSave', payload);
  } catch (e) {
    // The form keeps what the user typed.
    showMessage('error', e instanceof ServerCallError ? e.message : String(e));
    setSaving(false);
    return;
  }
  setSaving(false);
  if (state.open?.id !== open.id) return;
  if (result.ok) {
    replaceAssignment(result.assignment);
    state.base = {
      version: result.assignment.version,
      stamp: result.assignment.stamp,
    };
    state.stale = null;
    state.drafts.delete(open.id);
    byId('stale').hidden = true;
    clearErrors();
    fillForm(valuesOf(result.assignment));
    renderFacts(
      byId('edit-facts'),
      result.assignment,
      state.data?.dueSoonDays ?? 3,
    );
    const t = result.taskStatus;
    showMessage(
      'ok',
      `${result.message}\nTình trạng chung của nhiệm vụ ${t.tt}: ${t.status}.`,
    );
    return;
  }
  switch (result.code) {
    case 'invalid':
      showMessage('error', result.message);
      showErrors(result.errors ?? []);
      break;
    case 'stale':
      if (result.current) {
        state.stale = result.current;
        replaceAssignment(result.current);
        renderFacts(
          byId('edit-facts'),
          result.current,
          state.data?.dueSoonDays ?? 3,
        );
        renderStale(result.current);
      }
      clearErrors();
      showMessage('warn', result.message);
      if (result.current) byId('stale-title').focus();
      break;
    default:
      showMessage('error', result.message);
  }
}

// ---- wiring ---------------------------------------------------------------------------------

function start(): void {
  byId('edit-form').addEventListener('submit', event => {
    event.preventDefault();
    if (state.base) void save(state.base);
  });
  byId('edit-form').addEventListener('input', event => {
    if ((event.target as HTMLElement).id === 'f-file') return;
    if (state.open) state.drafts.set(state.open.id, readForm());
    updateCounters();
    showEvidenceLinks();
  });
  byId<HTMLInputElement>('f-file').addEventListener('change', event => {
    const f = (event.target as HTMLInputElement).files?.[0];
    if (f) void upload(f);
  });
  field('progress').addEventListener('change', () => {
    const date = field<HTMLInputElement>('completedOn');
    if (
      field<HTMLSelectElement>('progress').value === 'done' &&
      !date.value &&
      state.data
    ) {
      date.value = state.data.today;
    }
    syncDateField();
    if (state.open) state.drafts.set(state.open.id, readForm());
  });
  byId('reapply').addEventListener('click', () => {
    const current = state.stale;
    if (current) void save({version: current.version, stamp: current.stamp});
  });
  byId('take-current').addEventListener('click', () => {
    const current = state.stale;
    if (!current) return;
    state.base = {version: current.version, stamp: current.stamp};
    state.stale = null;
    state.drafts.delete(current.id);
    fillForm(valuesOf(current));
    byId('stale').hidden = true;
    showMessage(
      'info',
      'Biểu mẫu đang hiển thị giá trị hiện tại trên bảng tính.',
    );
    field('progress').focus();
  });
  byId('cancel').addEventListener('click', () => {
    const open = state.open;
    if (!open) return;
    state.drafts.delete(open.id);
    state.base = {version: open.version, stamp: open.stamp};
    clearErrors();
    fillForm(valuesOf(open));
    showMessage('info', 'Đã trở về giá trị đã lưu.');
  });
  byId('back').addEventListener('click', backToList);
  byId('reload').addEventListener(
    'click',
    () => void load(state.data?.unit.code),
  );
  byId('retry').addEventListener('click', () => void load());
  byId<HTMLSelectElement>('unit-select').addEventListener('change', event => {
    void load((event.target as HTMLSelectElement).value);
  });
  void load();
}

if (document.readyState === 'loading')
  document.addEventListener('DOMContentLoaded', start);
else start();
