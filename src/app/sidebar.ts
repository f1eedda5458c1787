// Use case "Cập nhật tiến độ": the sidebar's two server calls, load and save, with the server as the gate.
import {
  DEFAULT_LIMITS,
  assignmentStamp,
  canEdit,
  changedFields,
  isSidebarUnit,
  unitHasEmail,
  unitsUserMayEdit,
  validateUpdate,
  type AssignmentUpdate,
  type EditableValues,
  type UpdateLimits,
} from '../core/assignmentUpdate';
import {daysBetween, formatVnDate} from '../core/dates';
import {periodAt} from '../core/periods';
import {
  PROGRESS_LABELS,
  PROGRESS_ORDER,
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
  SaveResult,
  SidebarLoadResult,
  SidebarRefusal,
  TaskStatusDto,
  UnitOption,
} from '../shared/sidebar';
import {runClock, type RunClock} from '../services/clock';
import {LockBusyError, withDocumentLock} from '../services/lock';
import {activeUserEmail, spreadsheetOwnerEmail} from '../services/user';
import {dateToIsoDateTime} from '../workbook/cells';
import {appendHistory, type HistoryEntry} from '../workbook/history';
import {
  assignmentToRecord,
  type AssignmentRecord,
  type TaskRecord,
} from '../workbook/records';
import {ROLE_LABELS} from '../workbook/schema';
import {writeRecordAt} from '../workbook/table';
import {
  assignmentView,
  loadWorkbook,
  type WorkbookData,
} from '../workbook/workbook';

/** How long a save waits for another user's save to finish. */
const LOCK_WAIT_MS = 10000;

const SETUP_MENU = 'Dân vận › Thiết lập / sửa chữa bảng tính';

/** Everything a load or a save starts from: one read per tab. */
interface Context {
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet;
  clock: RunClock;
  user: string;
  data: WorkbookData;
  admins: string[];
  period: ReportingPeriod | null;
  taskByTt: Map<string, TaskRecord>;
  unitByCode: Map<string, Unit>;
}

function planClock(): RunClock {
  return runClock(Session.getScriptTimeZone() || 'Asia/Ho_Chi_Minh');
}

function openContext(clock: RunClock = planClock()): Context {
  const ss = SpreadsheetApp.getActive();
  const user = activeUserEmail();
  const data = loadWorkbook(ss, clock.offset);
  const owner = spreadsheetOwnerEmail(ss);
  const admins = [...data.settings.adminEmails, ...(owner ? [owner] : [])];
  return {
    ss,
    clock,
    user,
    data,
    admins,
    period: periodAt(data.periods, clock.today),
    taskByTt: new Map(data.tasks.map(t => [t.tt, t] as const)),
    unitByCode: new Map(data.units.map(u => [u.code, u] as const)),
  };
}

/** "dd/MM/yyyy HH:mm" of an ISO timestamp written in the plan's zone (as the sheet stores it). */
function timestampText(iso: string | null): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]} ${m[4]}:${m[5]}` : iso;
}

function periodDto(
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
function assignmentDto(a: Assignment, ctx: Context): AssignmentDto {
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

function unitOption(u: Unit): UnitOption {
  return {code: u.code, name: u.name};
}

function refusal(
  ctx: Context | null,
  code: SidebarRefusal['code'],
  message: string,
): SidebarRefusal {
  const office = ctx?.data.settings.reportTo || 'Phòng Văn hóa - Xã hội';
  const admins = ctx ? ctx.data.settings.adminEmails : [];
  return {
    ok: false,
    code,
    message,
    user: ctx?.user ?? '',
    contact: {office, admins},
  };
}

function whomToAsk(ctx: Context): string {
  const office = ctx.data.settings.reportTo || 'Phòng Văn hóa - Xã hội';
  const admins = ctx.data.settings.adminEmails;
  return admins.length ? `${office} (${admins.join(', ')})` : office;
}

/** Limits the form and the server share. */
function limits(): UpdateLimits {
  return {...DEFAULT_LIMITS};
}

/**
 * google.script.run `sidebarLoad(unitCode?)`: the user's units, the current period and one unit's
 * assignments (the requested one, else the user's first), sorted most urgent first. One call; one
 * read per tab whatever the size of the plan. Unknown users get whom to ask, and no data.
 */
export function sidebarLoad(unitCode?: unknown): SidebarLoadResult {
  let ctx: Context | null = null;
  try {
    ctx = openContext();
    const {data, user} = ctx;
    if (!data.tables.assignments.sheet || !data.tables.units.sheet) {
      return refusal(
        ctx,
        'not_setup',
        `Bảng tính chưa được thiết lập. Quản trị viên cần chạy menu ${SETUP_MENU}.`,
      );
    }
    if (!user) {
      return refusal(
        ctx,
        'no_email',
        'Không xác định được tài khoản Google của bạn. Hãy đăng nhập bằng tài khoản đã đăng ký trong trang "Đơn vị" rồi mở lại thanh bên. Nếu trình duyệt đang đăng nhập nhiều tài khoản Google cùng lúc, hãy đăng xuất các tài khoản khác (hoặc mở cửa sổ ẩn danh) rồi thử lại.',
      );
    }
    const isAdmin = ctx.admins.some(a => a === user);
    const mine = unitsUserMayEdit(user, data.units, ctx.admins);
    if (!mine.length) {
      const villages = data.units.filter(
        u => !isSidebarUnit(u) && u.active && unitHasEmail(u, user),
      );
      if (villages.some(u => u.kind === 'village')) {
        return refusal(
          ctx,
          'village',
          `Tài khoản ${user} thuộc ${villages.map(u => u.name).join(', ')}. Các thôn báo cáo qua biểu mẫu Google được gửi qua email, không cần dùng thanh bên này. Nếu chưa nhận được biểu mẫu, vui lòng liên hệ ${whomToAsk(ctx)}.`,
        );
      }
      return refusal(
        ctx,
        'unknown_user',
        `Tài khoản ${user} chưa được gán cho đơn vị nào trong trang "Đơn vị", nên chưa cập nhật được tiến độ. Vui lòng liên hệ ${whomToAsk(ctx)} để được thêm email vào đơn vị của mình.`,
      );
    }
    const requested = typeof unitCode === 'string' ? unitCode.trim() : '';
    let unit: Unit | undefined;
    if (requested) {
      unit = mine.find(u => u.code === requested);
      if (!unit) {
        return refusal(
          ctx,
          'forbidden',
          'Bạn không có quyền xem phân công của đơn vị này. Mỗi đơn vị chỉ xem và cập nhật phân công của mình.',
        );
      }
    } else {
      // An admin starts with their own unit when they have one, else the first unit with work.
      const ownUnit = mine.find(u => unitHasEmail(u, user));
      const withWork = mine.find(u =>
        data.assignments.some(a => a.unitCode === u.code),
      );
      unit = ownUnit ?? withWork ?? mine[0];
    }
    const code = unit.code;
    const list = data.assignments
      .filter(a => a.unitCode === code)
      .map(a => assignmentDto(a, ctx as Context));
    return {
      ok: true,
      user,
      isAdmin,
      units: mine.map(unitOption),
      unit: unitOption(unit),
      commune: data.settings.commune,
      planTitle: data.settings.planTitle,
      reportTo: data.settings.reportTo,
      today: ctx.clock.today,
      period: periodDto(ctx.period, ctx.clock.today),
      assignments: sortForSidebar(list),
      progressOptions: PROGRESS_ORDER.map(value => ({
        value,
        label: PROGRESS_LABELS[value],
      })),
      limits: limits(),
      dueSoonDays: data.settings.dueSoonDays,
    };
  } catch (e) {
    console.log(`sidebarLoad: ${String(e)}`);
    return refusal(
      ctx,
      'error',
      `Không tải được dữ liệu: ${errorText(e)}. Vui lòng thử lại; nếu vẫn lỗi, báo cho ${ctx ? whomToAsk(ctx) : 'quản trị viên'}.`,
    );
  }
}

/** A thrown error as one Vietnamese sentence for the user. */
function errorText(e: unknown): string {
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

/** Writes the task's two status cells (one range write when they sit side by side, as set-up lays them). */
function writeTaskStatus(
  ctx: Context,
  task: TaskRecord,
  status: string,
  summary: string,
): void {
  const table = ctx.data.tables.tasks;
  if (!table.sheet) return;
  const statusCol = table.columnOf.status;
  const summaryCol = table.columnOf.progressSummary;
  if (statusCol && summaryCol === statusCol + 1) {
    table.sheet
      .getRange(task.row, statusCol, 1, 2)
      .setValues([[status, summary]]);
    return;
  }
  if (statusCol)
    table.sheet.getRange(task.row, statusCol, 1, 1).setValues([[status]]);
  if (summaryCol)
    table.sheet.getRange(task.row, summaryCol, 1, 1).setValues([[summary]]);
}

/**
 * google.script.run `sidebarSave(payload)`: validates, then under the document lock reads the
 * assignments once, finds the row by id, checks the user may edit it and that nobody changed it
 * since it was loaded, writes the row, the task's rolled-up status and the history in three writes.
 * Anything refused writes nothing and says why in Vietnamese.
 */
export function sidebarSave(payload: unknown): SaveResult {
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
    return withDocumentLock(
      () => saveLocked(checked.value, clock),
      LOCK_WAIT_MS,
    );
  } catch (e) {
    if (e instanceof LockBusyError) {
      return {
        ok: false,
        code: 'busy',
        message: `${e.message} Nội dung bạn nhập vẫn được giữ nguyên trên biểu mẫu.`,
      };
    }
    console.log(`sidebarSave: ${String(e)}`);
    return {
      ok: false,
      code: 'error',
      message: `Chưa lưu được: ${errorText(e)}. Nội dung bạn nhập vẫn được giữ nguyên; vui lòng thử lại.`,
    };
  }
}

function saveLocked(update: AssignmentUpdate, clock: RunClock): SaveResult {
  const ctx = openContext(clock);
  const {data, user} = ctx;
  const current = data.assignments.find(a => a.id === update.id);
  if (!current) {
    return {
      ok: false,
      code: 'not_found',
      message:
        'Không tìm thấy phân công này trong trang "Phân công" (có thể đã bị xoá hoặc đổi mã). Vui lòng tải lại thanh bên.',
    };
  }
  if (!canEdit(user, current.unitCode, data.units, ctx.admins)) {
    const unitName =
      ctx.unitByCode.get(current.unitCode)?.name ?? current.unitCode;
    return {
      ok: false,
      code: 'forbidden',
      message: `Bạn không có quyền cập nhật phân công của ${unitName}. Mỗi đơn vị chỉ cập nhật phân công của mình; nếu cần, vui lòng liên hệ ${whomToAsk(ctx)}.`,
    };
  }
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

  const updated: AssignmentRecord = {
    ...current,
    progress: update.progress,
    completedOn: update.progress === 'done' ? update.completedOn : null,
    result: update.result,
    evidence: update.evidence,
    proposals: update.proposals,
    updatedAt: dateToIsoDateTime(clock.now, clock.offset),
    updatedBy: user,
    version: current.version + 1,
  };
  const task = ctx.taskByTt.get(current.tt);
  const unit = ctx.unitByCode.get(current.unitCode);
  const soon = data.settings.dueSoonDays;
  const table = data.tables.assignments;
  const sheet = table.sheet as GoogleAppsScript.Spreadsheet.Sheet;

  // 1. The assignment's row (the write the protections guard: if it is refused, nothing was written).
  const view = assignmentView(updated, task, unit, clock.today, soon);
  writeRecordAt(
    sheet,
    table,
    current.row,
    assignmentToRecord(updated, view),
    clock.offset,
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
    const entries: HistoryEntry[] = changes.length
      ? changes.map(c => ({
          action: 'Cập nhật phân công (thanh bên)',
          target,
          field: c.label,
          before: c.before,
          after: c.after,
          user,
          note: `Nhiệm vụ ${current.tt} - ${unit?.name ?? current.unitCode}; phiên bản ${updated.version}`,
        }))
      : [
          {
            action: 'Báo cáo không thay đổi (thanh bên)',
            target,
            user,
            note: `Nhiệm vụ ${current.tt} - ${unit?.name ?? current.unitCode}; phiên bản ${updated.version}`,
          },
        ];
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
