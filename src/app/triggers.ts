// Installing, repairing and removing the project's triggers (daily job, village form submissions), and their status.
import {formatVnDateTime} from '../core/dates';
import {runClock, tzOffsetMinutes} from '../services/clock';
import {
  deleteDocProperty,
  getDocProperty,
  setDocProperty,
} from '../services/properties';
import {getUiOrNull} from '../services/ui';
import {effectiveUserEmail} from '../services/user';
import {SETTINGS} from '../workbook/schema';
import {parseSettings} from '../workbook/settings';
import {readTable} from '../workbook/table';
import {settingsValues} from '../workbook/workbook';
import {DEFAULT_PLAN} from '../plan/defaultPlan';
import {addMenu} from './menu';

/** The handler functions whose triggers are ours (never touch triggers of other functions). */
export const DAILY_HANDLER = 'dailyJob';
export const FORM_HANDLER = 'onVillageFormSubmit';

/** Document property: who installed the triggers, when, at which hour, and their ids. */
export const TRIGGER_RECORD_KEY = 'triggers';
/** Document property of the daily job's last run (written by the daily job). */
const LAST_RUN_KEY = 'dailyJob.lastRun';

const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh';

export interface TriggerRecord {
  /** E-mail of the installer: the triggers run as them and the reminders are sent from them. */
  installer: string;
  installedAt: string;
  hour: number;
  timeZone: string;
  dailyTriggerId: string;
  formTriggerId: string;
  /** Set by removeTriggers: the automatic jobs are off. */
  removedBy?: string;
  removedAt?: string;
}

export interface InstallResult {
  installer: string;
  hour: number;
  timeZone: string;
  /** What was created: 'daily', 'form'. */
  created: string[];
  /** Triggers of ours deleted (duplicates, or the daily one at an old hour). */
  removed: number;
  /** The previous installer, when it was another account. */
  previousInstaller: string;
}

type Trigger = GoogleAppsScript.Script.Trigger;

/** Reads the stored record; null when absent or unreadable. */
export function readTriggerRecord(text: string | null): TriggerRecord | null {
  if (!text) return null;
  try {
    const r = JSON.parse(text) as Partial<TriggerRecord>;
    if (!r || typeof r !== 'object') return null;
    return {
      installer: String(r.installer ?? ''),
      installedAt: String(r.installedAt ?? ''),
      hour: Number(r.hour ?? 7),
      timeZone: String(r.timeZone ?? DEFAULT_TIME_ZONE),
      dailyTriggerId: String(r.dailyTriggerId ?? ''),
      formTriggerId: String(r.formTriggerId ?? ''),
      ...(r.removedBy !== undefined ? {removedBy: String(r.removedBy)} : {}),
      ...(r.removedAt !== undefined ? {removedAt: String(r.removedAt)} : {}),
    };
  } catch {
    return null;
  }
}

function storedRecord(): TriggerRecord | null {
  return readTriggerRecord(getDocProperty(TRIGGER_RECORD_KEY));
}

function timeZone(): string {
  return Session.getScriptTimeZone() || DEFAULT_TIME_ZONE;
}

/** The hour of the daily job from the settings tab (one read of it). */
export function settingsHour(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
): number {
  const offset = runClock(timeZone()).offset;
  const table = readTable(ss, SETTINGS);
  return parseSettings(settingsValues(table, offset), DEFAULT_PLAN).dailyHour;
}

const isDaily = (t: Trigger) =>
  t.getHandlerFunction() === DAILY_HANDLER &&
  String(t.getEventType()) === 'CLOCK';
const isForm = (t: Trigger) =>
  t.getHandlerFunction() === FORM_HANDLER &&
  String(t.getEventType()) === 'ON_FORM_SUBMIT';
const isOurs = (t: Trigger) =>
  t.getHandlerFunction() === DAILY_HANDLER ||
  t.getHandlerFunction() === FORM_HANDLER;

/**
 * Makes the current user's triggers exactly: one daily trigger for dailyJob at the settings' hour in
 * the script's time zone, and one spreadsheet form-submit trigger for onVillageFormSubmit. Keeps
 * what is right, recreates the daily one when the hour changed, deletes duplicates of ours, never
 * touches other functions' triggers. Running it again changes nothing.
 */
export function ensureTriggers(): InstallResult {
  const ss = SpreadsheetApp.getActive();
  const tz = timeZone();
  const hour = settingsHour(ss);
  const me = effectiveUserEmail();
  const record = storedRecord();
  const mine = ScriptApp.getProjectTriggers();
  const result: InstallResult = {
    installer: me,
    hour,
    timeZone: tz,
    created: [],
    removed: 0,
    previousInstaller:
      record && !record.removedBy && record.installer && record.installer !== me
        ? record.installer
        : '',
  };

  const sameSchedule =
    record !== null &&
    !record.removedBy &&
    record.installer === me &&
    record.hour === hour &&
    record.timeZone === tz;
  const daily = mine.filter(isDaily);
  let keepDaily = sameSchedule
    ? daily.find(t => t.getUniqueId() === record.dailyTriggerId)
    : undefined;
  const forms = mine.filter(isForm).filter(t => {
    const source = String(t.getTriggerSource());
    return source === 'SPREADSHEETS' && t.getTriggerSourceId() === ss.getId();
  });
  let keepForm =
    forms.find(
      t => record !== null && t.getUniqueId() === record.formTriggerId,
    ) ?? forms[0];

  for (const t of mine) {
    if (!isOurs(t) || t === keepDaily || t === keepForm) continue;
    ScriptApp.deleteTrigger(t);
    result.removed++;
  }
  if (!keepDaily) {
    keepDaily = ScriptApp.newTrigger(DAILY_HANDLER)
      .timeBased()
      .atHour(hour)
      .everyDays(1)
      .inTimezone(tz)
      .create();
    result.created.push('daily');
  }
  if (!keepForm) {
    keepForm = ScriptApp.newTrigger(FORM_HANDLER)
      .forSpreadsheet(ss)
      .onFormSubmit()
      .create();
    result.created.push('form');
  }
  const unchanged = sameSchedule && !result.created.length && !result.removed;
  if (!unchanged) {
    const next: TriggerRecord = {
      installer: me,
      installedAt: runClock(tz).now.toISOString(),
      hour,
      timeZone: tz,
      dailyTriggerId: keepDaily.getUniqueId(),
      formTriggerId: keepForm.getUniqueId(),
    };
    setDocProperty(TRIGGER_RECORD_KEY, JSON.stringify(next));
  }
  return result;
}

/**
 * Makes sure the spreadsheet's form-submit trigger for onVillageFormSubmit exists once (for the
 * village forms feature): returns true when it had to be created. When the automatic jobs run under
 * another account, that account's trigger receives the forms and nothing is added.
 */
export function ensureFormTrigger(): boolean {
  const ss = SpreadsheetApp.getActive();
  const me = effectiveUserEmail();
  const record = storedRecord();
  const on = record !== null && !record.removedBy && record.installer !== '';
  if (on && record.installer !== me && record.formTriggerId) return false;
  const forms = ScriptApp.getProjectTriggers()
    .filter(isForm)
    .filter(t => t.getTriggerSourceId() === ss.getId());
  if (forms.length) return false;
  const created = ScriptApp.newTrigger(FORM_HANDLER)
    .forSpreadsheet(ss)
    .onFormSubmit()
    .create();
  if (on && record.installer === me) {
    setDocProperty(
      TRIGGER_RECORD_KEY,
      JSON.stringify({...record, formTriggerId: created.getUniqueId()}),
    );
  }
  return true;
}

export interface RemoveResult {
  removed: number;
  /** The installer whose triggers this user cannot delete (they now do nothing), or ''. */
  otherInstaller: string;
}

/**
 * Deletes the current user's triggers of our handlers (never other functions' triggers) and marks
 * the jobs off, so a daily trigger left under another account skips its runs.
 */
export function deleteOurTriggers(): RemoveResult {
  const me = effectiveUserEmail();
  const record = storedRecord();
  let removed = 0;
  for (const t of ScriptApp.getProjectTriggers()) {
    if (!isOurs(t)) continue;
    ScriptApp.deleteTrigger(t);
    removed++;
  }
  const otherInstaller =
    record && !record.removedBy && record.installer && record.installer !== me
      ? record.installer
      : '';
  if (record || removed) {
    const off: TriggerRecord = {
      installer: '',
      installedAt: record?.installedAt ?? '',
      hour: record?.hour ?? 7,
      timeZone: record?.timeZone ?? timeZone(),
      dailyTriggerId: '',
      formTriggerId: '',
      removedBy: me,
      removedAt: runClock(timeZone()).now.toISOString(),
    };
    setDocProperty(TRIGGER_RECORD_KEY, JSON.stringify(off));
  } else {
    deleteDocProperty(TRIGGER_RECORD_KEY);
  }
  return {removed, otherInstaller};
}

export interface TriggerStatus {
  on: boolean;
  installer: string;
  installedAt: string;
  hour: number | null;
  timeZone: string;
  formTrigger: boolean;
  /** The hour in the settings tab now (may differ until triggers are installed again). */
  settingsHour: number;
  /** True when the current user installed them (and so could check the real triggers). */
  mine: boolean;
  /** What the daily trigger of the current user is missing or has too many of. */
  problems: string[];
  lastRun: {at: string; ok: boolean; note: string} | null;
}

/** The status: from the stored record, checked against the real triggers when they are the user's. */
export function triggerStatus(): TriggerStatus {
  const ss = SpreadsheetApp.getActive();
  const record = storedRecord();
  const me = effectiveUserEmail();
  const on = Boolean(record && !record.removedBy && record.installer);
  const status: TriggerStatus = {
    on,
    installer: on && record ? record.installer : '',
    installedAt: on && record ? record.installedAt : '',
    hour: on && record ? record.hour : null,
    timeZone: record?.timeZone ?? timeZone(),
    formTrigger: false,
    settingsHour: settingsHour(ss),
    mine: on && record !== null && record.installer === me,
    problems: [],
    lastRun: null,
  };
  const mine = ScriptApp.getProjectTriggers();
  const daily = mine.filter(isDaily);
  const forms = mine.filter(isForm);
  if (status.mine && record) {
    if (!daily.some(t => t.getUniqueId() === record.dailyTriggerId)) {
      status.problems.push('thiếu trình kích hoạt hằng ngày');
    }
    if (daily.length > 1)
      status.problems.push(
        `${daily.length} trình kích hoạt hằng ngày trùng nhau`,
      );
    if (!forms.length)
      status.problems.push('thiếu trình kích hoạt nhận báo cáo thôn');
    if (forms.length > 1)
      status.problems.push(
        `${forms.length} trình kích hoạt nhận báo cáo thôn trùng nhau`,
      );
    status.formTrigger = forms.length > 0;
  } else {
    status.formTrigger = on || forms.length > 0;
  }
  try {
    const last = JSON.parse(
      getDocProperty(LAST_RUN_KEY) ?? 'null',
    ) as TriggerStatus['lastRun'];
    if (last && typeof last === 'object') {
      status.lastRun = {
        at: String(last.at),
        ok: Boolean(last.ok),
        note: String(last.note ?? ''),
      };
    }
  } catch {
    status.lastRun = null;
  }
  return status;
}

/** "dd/MM/yyyy HH:mm" in the zone, from an ISO timestamp ('' when unreadable). */
function vnDateTime(iso: string, tz: string): string {
  const t = Date.parse(iso);
  if (isNaN(t)) return '';
  return formatVnDateTime(iso, tzOffsetMinutes(tz, new Date(t)));
}

/** The status as the alert shows it, in Vietnamese. */
export function statusText(s: TriggerStatus): string {
  const lines: string[] = [];
  if (!s.on) {
    lines.push('Công việc tự động: ĐANG TẮT.');
    lines.push(
      'Không có thư nhắc việc nào được gửi. Chọn "Bật công việc tự động" trong menu Dân vận để bật.',
    );
  } else {
    lines.push('Công việc tự động: ĐANG BẬT.');
    lines.push(
      `• Người cài đặt: ${s.installer}. Các công việc tự động chạy dưới tài khoản này và thư nhắc được gửi từ địa chỉ này.`,
    );
    lines.push(
      `• Chạy hằng ngày lúc ${s.hour} giờ (${s.timeZone}): cập nhật tình trạng hạn, gửi thư nhắc việc.`,
    );
    lines.push(
      `• Nhận báo cáo thôn từ biểu mẫu: ${s.formTrigger ? 'đang bật' : 'chưa bật'}.`,
    );
    const at = vnDateTime(s.installedAt, s.timeZone);
    if (at) lines.push(`• Bật lúc: ${at}.`);
    if (s.hour !== s.settingsHour) {
      lines.push(
        `• Giờ chạy trong trang Cấu hình hiện là ${s.settingsHour} giờ: chọn "Bật công việc tự động" lần nữa để áp dụng.`,
      );
    }
    if (s.problems.length) {
      lines.push(
        `• Cần sửa: ${s.problems.join('; ')}. Chọn "Bật công việc tự động" để tự sửa.`,
      );
    }
    if (!s.mine) {
      lines.push(
        '• Google chỉ cho người cài đặt xem và gỡ trình kích hoạt của họ; thông tin trên theo lần bật gần nhất.',
      );
    }
  }
  if (s.lastRun) {
    const at = vnDateTime(s.lastRun.at, s.timeZone);
    lines.push(
      `Lần chạy gần nhất: ${at} — ${s.lastRun.ok ? 'thành công' : 'có lỗi (xem trang Nhật ký)'}. ${s.lastRun.note}`.trim(),
    );
  }
  return lines.join('\n');
}

/**
 * The menu's status line, from document properties only (onOpen is a simple trigger: it cannot
 * call ScriptApp), e.g. "Công việc tự động: đang bật (quantri@xa.vn, 7 giờ)".
 */
export function triggerStatusCaption(): string {
  const record = storedRecord();
  if (!record || record.removedBy || !record.installer) {
    return 'Công việc tự động: đang tắt';
  }
  return `Công việc tự động: đang bật (${record.installer}, ${record.hour} giờ)`;
}

/** Menu "Bật công việc tự động": installs or repairs the triggers, then shows the status. */
export function installTriggersFromMenu(): InstallResult | null {
  const ui = getUiOrNull();
  const record = storedRecord();
  const me = effectiveUserEmail();
  if (
    ui &&
    record &&
    !record.removedBy &&
    record.installer &&
    record.installer !== me
  ) {
    const answer = ui.alert(
      'Công việc tự động đang chạy dưới tài khoản khác',
      `Công việc tự động đang được bật bởi ${record.installer}; thư nhắc được gửi từ tài khoản đó.\n\n` +
        `Chuyển sang tài khoản của bạn (${me || 'tài khoản hiện tại'})? Từ nay thư nhắc sẽ được gửi từ tài khoản của bạn; ` +
        'trình kích hoạt cũ sẽ tự bỏ qua các lần chạy.',
      ui.ButtonSet.YES_NO,
    );
    if (answer !== ui.Button.YES) return null;
  }
  const result = ensureTriggers();
  if (ui) {
    addMenu(ui, triggerStatusCaption());
    const changes: string[] = [];
    if (result.created.includes('daily'))
      changes.push(`tạo trình kích hoạt hằng ngày lúc ${result.hour} giờ`);
    if (result.created.includes('form'))
      changes.push('tạo trình kích hoạt nhận báo cáo thôn');
    if (result.removed)
      changes.push(`gỡ ${result.removed} trình kích hoạt cũ hoặc trùng`);
    const head = changes.length
      ? `Đã ${changes.join(', ')}.`
      : 'Các trình kích hoạt đã đúng, không cần thay đổi.';
    ui.alert(
      'Đã bật công việc tự động',
      `${head}\n\n${statusText(triggerStatus())}`,
      ui.ButtonSet.OK,
    );
  }
  return result;
}

/** Menu "Tắt công việc tự động". */
export function removeTriggersFromMenu(): RemoveResult {
  const result = deleteOurTriggers();
  const ui = getUiOrNull();
  if (ui) {
    addMenu(ui, triggerStatusCaption());
    const lines = [
      result.removed
        ? `Đã gỡ ${result.removed} trình kích hoạt. Thư nhắc việc sẽ không được gửi nữa.`
        : 'Không có trình kích hoạt nào của bạn để gỡ.',
    ];
    if (result.otherInstaller) {
      lines.push(
        `Trình kích hoạt do ${result.otherInstaller} cài vẫn còn trong tài khoản của họ nhưng sẽ không làm gì nữa; ` +
          'họ có thể gỡ hẳn bằng mục này khi mở bảng tính.',
      );
    }
    ui.alert('Đã tắt công việc tự động', lines.join('\n\n'), ui.ButtonSet.OK);
  }
  return result;
}

/** Menu "Xem trạng thái công việc tự động". */
export function showTriggerStatusFromMenu(): TriggerStatus {
  const status = triggerStatus();
  const ui = getUiOrNull();
  if (ui)
    ui.alert(
      'Trạng thái công việc tự động',
      statusText(status),
      ui.ButtonSet.OK,
    );
  return status;
}
