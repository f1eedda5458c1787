// The one server gate for updating an assignment, shared by the sidebar and the personal-link page:
// who may change which row, validation, the document lock, stale refusal, the task roll-up and history.
import {
  DEFAULT_LIMITS,
  assignmentStamp,
  canEdit,
  changedFields,
  isAdmin,
  validateUpdate,
  type AssignmentUpdate,
  type EditableValues,
  type UpdateLimits,
} from '../core/assignmentUpdate';
import {daysBetween, formatVnDate, formatWrittenDateTime} from '../core/dates';
import {periodAt} from '../core/periods';
import {
  PROGRESS_LABELS,
  TIMELINESS_LABELS,
  dueDateOf,
  reportedInPeriod,
  rollUpTask,
  statusColor,
  statusLabel,
  timeliness,
} from '../core/status';
import type {
  Assignment,
  ReportingPeriod,
  StatusLabel,
  Unit,
} from '../core/types';
import type {
  AssignmentDto,
  PeriodDto,
  SaveFailure,
  SaveResult,
  SaveSuccess,
  TaskStatusDto,
} from '../shared/sidebar';
import {runClock, type RunClock} from '../services/clock';
import {LockBusyError, withDocumentLock} from '../services/lock';
import {activeUserEmail} from '../services/user';
import {dateToIsoDateTime} from '../workbook/cells';
import {appendHistory, type HistoryEntry} from '../workbook/history';
import {
  assignmentToRecord,
  type AssignmentRecord,
  type TaskRecord,
} from '../workbook/records';
import {ROLE_LABELS, UNIT_OWNED_KEYS} from '../workbook/schema';
import {writeRecordAt} from '../workbook/table';
import {writeTaskStatuses} from '../workbook/taskStatus';
import {
  assignmentView,
  loadWorkbookCached,
  type WorkbookData,
} from '../workbook/workbook';

/** How long a save waits for another user's save to finish. */
export const LOCK_WAIT_MS = 10000;

export const SETUP_MENU = 'Dân vận › Thiết lập / sửa chữa bảng tính';

/**
 * Who is acting: a signed-in user (the sidebar; authorised by the e-mails of "Đơn vị" and the admin
 * list) or the holder of a unit's personal link (authorised for that one unit only).
 */
export type Actor =
  {kind: 'user'} | {kind: 'link'; unitCode: string; spreadsheet: Spreadsheet};

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Everything a load or a save starts from: one read per tab. */
export interface Context {
  ss: Spreadsheet;
  clock: RunClock;
  actor: Actor;
  /** The signed-in user's e-mail, or for a link the name written in "Cập nhật bởi" and history. */
  user: string;
  data: WorkbookData;
  admins: string[];
  period: ReportingPeriod | null;
  taskByTt: Map<string, TaskRecord>;
  unitByCode: Map<string, Unit>;
}

export function planClock(): RunClock {
  return runClock(Session.getScriptTimeZone() || 'Asia/Ho_Chi_Minh');
}

/** What "Cập nhật bởi" and the history say for a change made through a unit's personal link. */
export function linkUserLabel(
  unit: Unit | undefined,
  unitCode: string,
): string {
  return `Đường dẫn cá nhân: ${unit ? unit.name : unitCode}`;
}

/**
 * Reads the workbook once for `actor` (the bound spreadsheet for the sidebar, the link's for a
 * link): the assignments live (one range read), the slow-changing tabs from the script-cache
 * snapshot when it is current (else read live).
 */
export function openContext(
  actor: Actor = {kind: 'user'},
  clock: RunClock = planClock(),
): Context {
  const ss =
    actor.kind === 'link' ? actor.spreadsheet : SpreadsheetApp.getActive();
  const cached = loadWorkbookCached(ss, clock.offset);
  const data = cached.data;
  const owner = actor.kind === 'link' ? '' : cached.owner;
  const admins = [...data.settings.adminEmails, ...(owner ? [owner] : [])];
  const unitByCode = new Map(data.units.map(u => [u.code, u] as const));
  const user =
    actor.kind === 'link'
      ? linkUserLabel(unitByCode.get(actor.unitCode), actor.unitCode)
      : activeUserEmail();
  return {
    ss,
    clock,
    actor,
    user,
    data,
    admins,
    period: periodAt(data.periods, clock.today),
    taskByTt: new Map(data.tasks.map(t => [t.tt, t] as const)),
    unitByCode,
  };
}

/** "dd/MM/yyyy HH:mm" of an ISO timestamp written in the plan's zone (as the sheet stores it). */
export function timestampText(iso: string | null): string {
  return formatWrittenDateTime(iso);
}

export function periodDto(
  period: ReportingPeriod | null,
  today: string,
): PeriodDto | null {
  if (!period) return null;
  return {
    id: period.id,
    name: period.name,
    start: period.start,
    due: period.due,
    startText: formatVnDate(period.start),
    dueText: formatVnDate(period.due),
    daysLeft: daysBetween(today, period.due),
  };
}

/** One assignment as the sidebar shows it, as of today. */
export function assignmentDto(a: Assignment, ctx: Context): AssignmentDto {
  const task = ctx.taskByTt.get(a.tt);
  const unit = ctx.unitByCode.get(a.unitCode);
  const today = ctx.clock.today;
  const soon = ctx.data.settings.dueSoonDays;
  const due = task ? dueDateOf(task.timeline, task.dueOverride) : null;
  const t = timeliness(due, a.progress, a.completedOn, today, soon);
  const label: StatusLabel | 'Không còn trong kế hoạch' = task
    ? statusLabel(a.progress, due, a.completedOn, today)
    : 'Không còn trong kế hoạch';
  return {
    id: a.id,
    version: a.version,
    stamp: assignmentStamp(a),
    tt: a.tt,
    taskText: task ? task.text : '',
    product: task ? task.product : '',
    unitCode: a.unitCode,
    unitName: unit ? unit.name : a.unitCode,
    role: a.role,
    roleLabel: ROLE_LABELS[a.role],
    timelineText: task ? task.timelineText : '',
    due,
    dueText: formatVnDate(due),
    daysLeft: due ? daysBetween(today, due) : null,
    status: label,
    statusColor: task ? statusColor(label as StatusLabel, t) : '#eeeeee',
    timeliness: t,
    timelinessLabel: TIMELINESS_LABELS[t],
    progress: a.progress,
    progressLabel: PROGRESS_LABELS[a.progress],
    completedOn: a.completedOn,
    result: a.result,
    evidence: [...a.evidence],
    proposals: a.proposals,
    updatedAt: a.updatedAt,
    updatedAtText: timestampText(a.updatedAt),
    updatedBy: a.updatedBy,
    reportedThisPeriod: ctx.period
      ? reportedInPeriod(a, ctx.period)
      : a.updatedAt !== null,
  };
}

/** Urgent first: overdue, due soon, other dated work by date, then ongoing, paused, done. */
function urgency(a: AssignmentDto): number {
  if (a.progress === 'done') return 5;
  if (a.progress === 'paused') return 4;
  if (a.timeliness === 'overdue') return 0;
  if (a.timeliness === 'due_soon') return 1;
  return a.due ? 2 : 3;
}

const ttNumber = (tt: string): number => {
  const n = parseFloat(tt);
  return isNaN(n) ? Infinity : n;
};

/** Sorts assignments for the sidebar's list (a new array). */
export function sortForSidebar(list: AssignmentDto[]): AssignmentDto[] {
  return [...list].sort(
    (a, b) =>
      urgency(a) - urgency(b) ||
      (a.due ?? '9999').localeCompare(b.due ?? '9999') ||
      ttNumber(a.tt) - ttNumber(b.tt) ||
      a.tt.localeCompare(b.tt) ||
      (a.role === b.role ? 0 : a.role === 'lead' ? -1 : 1),
  );
}

export function whomToAsk(ctx: Context): string {
  const office = ctx.data.settings.reportTo || 'Phòng Văn hóa - Xã hội';
  const admins = ctx.data.settings.adminEmails;
  return admins.length ? `${office} (${admins.join(', ')})` : office;
}

/** Limits the form and the server share. */
export function limits(): UpdateLimits {
  return {...DEFAULT_LIMITS};
}

/**
 * google.script.run `sidebarLoad(unitCode?)`: the user's units, the current period and one unit's
 * assignments (the requested one, else the user's first), sorted most urgent first. One call; one
 * read per tab whatever the size of the plan. Unknown users get whom to ask, and no data.
/** A thrown error as one Vietnamese sentence for the user. */
export function errorText(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  if (/protected cell or object|protected/i.test(text)) {
    return `bảng tính chưa cho tài khoản này sửa dòng của đơn vị (quyền sửa chưa được cập nhật theo trang "Đơn vị"). Quản trị viên cần chạy menu ${SETUP_MENU}`;
  }
  return text.replace(/^Exception:\s*/, '');
}

function shown(field: keyof EditableValues, value: unknown): string {
  switch (field) {
    case 'progress':
      return PROGRESS_LABELS[value as Assignment['progress']] ?? String(value);
    case 'completedOn':
      return formatVnDate((value as string | null) ?? null);
    case 'evidence':
      return (value as string[]).join('\n');
    default:
      return String(value ?? '');
  }
}

/** Writes the task's two status cells (writeTaskStatuses: by A1 notation, as text). */
export function writeTaskStatus(
  ctx: Context,
  task: TaskRecord,
  status: string,
  summary: string,
): void {
  writeTaskStatuses(ctx.ss, ctx.data.tables.tasks, [
    {row: task.row, status, summary},
  ]);
}

/** The words the history and messages use for where a change came from. */
function channelOf(actor: Actor): string {
  return actor.kind === 'link' ? 'đường dẫn cá nhân' : 'thanh bên';
}

/** True when the actor may change the assignments of `unitCode`. */
export function mayChange(ctx: Context, unitCode: string): boolean {
  if (ctx.actor.kind === 'link') {
    const unit = ctx.unitByCode.get(ctx.actor.unitCode);
    return !!unit && unit.active && unitCode === ctx.actor.unitCode;
  }
  // Links-only mode: the sidebar is for the admins; units update through their links.
  if (ctx.data.settings.linksOnly && !isAdmin(ctx.user, ctx.admins))
    return false;
  return canEdit(ctx.user, unitCode, ctx.data.units, ctx.admins);
}

/** What a unit user is told in links-only mode. */
export const LINKS_ONLY_MESSAGE =
  'Xã đang dùng chế độ "Đơn vị cập nhật qua: chỉ đường dẫn": các đơn vị cập nhật tiến độ qua đường dẫn cá nhân gửi trong email (nút "Cập nhật ngay"), không qua bảng tính. Nếu chưa nhận được đường dẫn, vui lòng liên hệ';

/** The refusal for a row the actor may not change (nothing about the row is revealed). */
export function forbiddenResult(ctx: Context, unitCode: string): SaveFailure {
  const unitName = ctx.unitByCode.get(unitCode)?.name ?? unitCode;
  return {
    ok: false,
    code: 'forbidden',
    message:
      ctx.actor.kind === 'user' &&
      ctx.data.settings.linksOnly &&
      !isAdmin(ctx.user, ctx.admins)
        ? `${LINKS_ONLY_MESSAGE} ${whomToAsk(ctx)}.`
        : ctx.actor.kind === 'link'
          ? 'Đường dẫn này không dùng để cập nhật phân công đó. Mỗi đường dẫn chỉ cập nhật phân công của đơn vị được gửi đường dẫn.'
          : `Bạn không có quyền cập nhật phân công của ${unitName}. Mỗi đơn vị chỉ cập nhật phân công của mình; nếu cần, vui lòng liên hệ ${whomToAsk(ctx)}.`,
  };
}

const NOT_FOUND: SaveFailure = {
  ok: false,
  code: 'not_found',
  message:
    'Không tìm thấy phân công này trong trang "Phân công" (có thể đã bị xoá hoặc đổi mã). Vui lòng tải lại trang.',
};

/** A thrown error of a save as the refusal the client shows (the user's input is kept). */
export function saveErrorResult(e: unknown, where: string): SaveFailure {
  if (e instanceof LockBusyError) {
    return {
      ok: false,
      code: 'busy',
      message: `${e.message} Nội dung bạn nhập vẫn được giữ nguyên trên biểu mẫu.`,
    };
  }
  console.log(`${where}: ${String(e)}`);
  return {
    ok: false,
    code: 'error',
    message: `Chưa lưu được: ${errorText(e)}. Nội dung bạn nhập vẫn được giữ nguyên; vui lòng thử lại.`,
  };
}

/**
 * The gate both the sidebar (`sidebarSave`) and the personal link (`linkSave`) go through:
 * validates, then under the document lock reads the workbook once, finds the row by id, checks
 * the actor may change it and that nobody changed it since it was loaded, and writes the row, the
 * task's rolled-up status and the history in three writes. Anything refused writes nothing and
 * says why in Vietnamese. `actor` runs under the lock before anything is read for the row (the
 * link checks its token there, so a link revoked meanwhile writes nothing, and hands back the
 * context that check opened, which is used as read rather than read twice).
 */
export function saveAssignment(
  actor: () => Actor | Context | SaveFailure,
  payload: unknown,
): SaveResult {
  try {
    const clock = planClock();
    const checked = validateUpdate(payload, clock.today, limits());
    if (!checked.ok) {
      return {
        ok: false,
        code: 'invalid',
        message:
          'Chưa lưu được: vui lòng sửa các mục được đánh dấu rồi bấm Lưu lại.',
        errors: checked.errors,
      };
    }
    return withDocumentLock(() => {
      const who = actor();
      if ('ok' in who) return who;
      // A context the actor's check opened under this lock (the link page's) is not read again.
      const ctx = 'kind' in who ? openContext(who, clock) : who;
      return saveLocked(ctx, checked.value);
    }, LOCK_WAIT_MS);
  } catch (e) {
    return saveErrorResult(e, 'saveAssignment');
  }
}

function saveLocked(ctx: Context, update: AssignmentUpdate): SaveResult {
  const current = ctx.data.assignments.find(a => a.id === update.id);
  if (!current) return NOT_FOUND;
  if (!mayChange(ctx, current.unitCode))
    return forbiddenResult(ctx, current.unitCode);
  const currentDto = assignmentDto(current, ctx);
  const staleByVersion = current.version !== update.version;
  const staleBySheet = update.stamp !== '' && currentDto.stamp !== update.stamp;
  if (staleByVersion || staleBySheet) {
    const who = current.updatedBy || 'một người dùng khác';
    const when = current.updatedAt
      ? ` lúc ${timestampText(current.updatedAt)}`
      : '';
    const how = staleByVersion
      ? `Đã có người khác cập nhật phân công này (${who}${when}) sau khi bạn mở nó.`
      : 'Đã có người khác cập nhật phân công này (sửa trực tiếp trên bảng tính) sau khi bạn mở nó.';
    return {
      ok: false,
      code: 'stale',
      message: `${how} Thay đổi của bạn chưa được lưu. Hãy xem giá trị hiện tại bên dưới; nếu vẫn muốn ghi nội dung của mình, bấm "Lưu đè bằng nội dung của tôi".`,
      current: currentDto,
    };
  }
  return writeChange(ctx, current, {
    progress: update.progress,
    completedOn: update.progress === 'done' ? update.completedOn : null,
    result: update.result,
    evidence: update.evidence,
    proposals: update.proposals,
  });
}

/**
 * Finds an assignment the actor may change, under the lock the caller holds: the row, or the
 * refusal. Used by uploads, which add to the evidence without touching the other fields.
 */
export function findChangeable(
  ctx: Context,
  id: string,
): AssignmentRecord | SaveFailure {
  const current = ctx.data.assignments.find(a => a.id === id);
  if (!current) return NOT_FOUND;
  if (!mayChange(ctx, current.unitCode))
    return forbiddenResult(ctx, current.unitCode);
  return current;
}

/**
 * Writes new editable values of one row (the caller holds the document lock and has authorised
 * the actor): the row, the task's rolled-up status, the history. A failure after the row was
 * written puts the row back, so a change is whole or not made at all.
 */
export function writeChange(
  ctx: Context,
  current: AssignmentRecord,
  values: EditableValues,
): SaveSuccess {
  const {data, user, clock} = ctx;
  const channel = channelOf(ctx.actor);
  const updated: AssignmentRecord = {
    ...current,
    ...values,
    updatedAt: dateToIsoDateTime(clock.now, clock.offset),
    updatedBy: user,
    version: current.version + 1,
  };
  const task = ctx.taskByTt.get(current.tt);
  const unit = ctx.unitByCode.get(current.unitCode);
  const soon = data.settings.dueSoonDays;
  const table = data.tables.assignments;
  const sheet = table.sheet as GoogleAppsScript.Spreadsheet.Sheet;

  // 1. The assignment's row, the unit's own columns only (the write the protections guard: if it is
  // refused, nothing was written; identity columns are admin-only).
  const view = assignmentView(updated, task, unit, clock.today, soon);
  writeRecordAt(
    sheet,
    table,
    current.row,
    assignmentToRecord(updated, view),
    clock.offset,
    UNIT_OWNED_KEYS,
  );

  // 2–3 may fail after the row was written: then the row is put back as it was, so a save is
  // either whole (row, task status, history) or not made at all, and the user's retry is accepted.
  let taskStatus: TaskStatusDto;
  let changes: ReturnType<typeof changedFields>;
  try {
    // 2. The task's rolled-up status.
    taskStatus = {
      tt: current.tt,
      status: view.status,
      statusColor: '#eeeeee',
      summary: '',
    };
    if (task) {
      const own = data.assignments
        .filter(a => a.tt === task.tt)
        .map(a => (a.id === updated.id ? updated : a));
      const roll = rollUpTask(own, {
        timeline: task.timeline,
        today: clock.today,
        period: ctx.period,
        soonDays: soon,
      });
      writeTaskStatus(ctx, task, roll.label, roll.summary);
      taskStatus = {
        tt: task.tt,
        status: roll.label,
        statusColor: statusColor(roll.label, roll.timeliness),
        summary: roll.summary,
      };
    }

    // 3. History: one row per changed field (or one row saying the unit confirmed with no change).
    changes = changedFields(current, updated, shown);
    const target = current.id;
    const note = `Nhiệm vụ ${current.tt} - ${unit?.name ?? current.unitCode}; phiên bản ${updated.version}`;
    const entries: HistoryEntry[] = changes.length
      ? changes.map(c => ({
          action: `Cập nhật phân công (${channel})`,
          target,
          field: c.label,
          before: c.before,
          after: c.after,
          user,
          note,
        }))
      : [{action: `Báo cáo không thay đổi (${channel})`, target, user, note}];
    appendHistory(ctx.ss, clock, entries);
  } catch (e) {
    if (task) {
      const before = rollUpTask(
        data.assignments.filter(a => a.tt === task.tt),
        {
          timeline: task.timeline,
          today: clock.today,
          period: ctx.period,
          soonDays: soon,
        },
      );
      writeTaskStatus(ctx, task, before.label, before.summary);
    }
    writeRecordAt(
      sheet,
      table,
      current.row,
      assignmentToRecord(
        current,
        assignmentView(current, task, unit, clock.today, soon),
      ),
      clock.offset,
      UNIT_OWNED_KEYS,
    );
    throw e;
  }

  const dto = assignmentDto(updated, ctx);
  return {
    ok: true,
    assignment: dto,
    taskStatus,
    changed: changes.map(c => c.field),
    message: changes.length
      ? `Đã lưu lúc ${timestampText(updated.updatedAt)}. Tình trạng: ${dto.status}.`
      : `Đã ghi nhận báo cáo (không có thay đổi) lúc ${timestampText(updated.updatedAt)}.`,
  };
}
