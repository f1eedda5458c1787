// Use case "Nhận báo cáo thôn": a form response becomes one village-report row, assignment updates and history.
import {formatVnDate} from '../core/dates';
import {periodAt} from '../core/periods';
import {PROGRESS_LABELS, rollUpTask} from '../core/status';
import {escapeHtml} from '../core/text';
import type {Assignment} from '../core/types';
import {applyAnswer, formIdOfUrl, parseResponse} from '../core/villageForm';
import {
  encodeAnswers,
  planSubmission,
  replacedIssue,
  type StoredVillageReport,
} from '../core/villageReports';
import {runClock, type RunClock} from '../services/clock';
import {withDocumentLock} from '../services/lock';
import {remainingMailQuota, sendMail} from '../services/mail';
import {effectiveUserEmail} from '../services/user';
import {
  dateToIsoDate,
  dateToIsoDateTime,
  isDate,
  toCell,
} from '../workbook/cells';
import {appendHistory, type HistoryEntry} from '../workbook/history';
import {appendMailLog, type MailLogEntry} from '../workbook/mailLog';
import {
  assignmentToRecord,
  type AssignmentRecord,
  type PeriodRecord,
} from '../workbook/records';
import {VILLAGE_REPORTS} from '../workbook/schema';
import {appendRecords, writeRecordAt, type Table} from '../workbook/table';
import {
  REPORT_STATE_LABELS,
  answersText,
  readVillageReports,
  villageReportToRecord,
} from '../workbook/villageReports';
import {
  assignmentView,
  loadWorkbook,
  type WorkbookData,
} from '../workbook/workbook';
import {
  formSpecFor,
  nameResponseTab,
  periodOfForm,
  readFormRecords,
} from './forms';

type Range = GoogleAppsScript.Spreadsheet.Range;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** One response to process, however it arrived. */
export interface IncomingResponse {
  /** Stable per response: form + response-tab row + timestamp, or form + response id. */
  responseId: string;
  formId: string | null;
  publishedId: string | null;
  /** The response tab's sheet id (spreadsheet events), or null. */
  sheetId: number | null;
  submittedAt: Date;
  /** Question title → answer. */
  named: Record<string, string>;
  /** The response tab (spreadsheet events). */
  sheet?: GoogleAppsScript.Spreadsheet.Sheet;
}

/** What happened to one response. */
export interface SubmitOutcome {
  action: 'stored' | 'duplicate';
  responseId: string;
  state: StoredVillageReport['state'] | null;
  unitCode: string;
  periodId: string;
  /** Earlier reports of the village for the period now marked replaced. */
  replaced: number;
  updatedAssignments: number;
  problems: string[];
  /** The admin was e-mailed about a flagged response. */
  notified: boolean;
}

/** Column titles Google adds to a response tab that are not questions. */
const NOT_QUESTIONS =
  /^(dấu thời gian|timestamp|địa chỉ email|email address)$/i;

function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Reads a spreadsheet form-submit event (e.range, e.values, e.namedValues). */
function fromSpreadsheetEvent(e: Record<string, unknown>): IncomingResponse {
  const range = e.range as Range;
  const sheet = range.getSheet();
  const sheetId = sheet.getSheetId();
  const {id, publishedId} = formIdOfUrl(String(sheet.getFormUrl() ?? ''));
  const row = range.getRow();
  const values = range.getValues()[0] ?? [];
  const stamp = values.find(isDate) as Date | undefined;
  const submittedAt = stamp ?? new Date();
  const named: Record<string, string> = {};
  const nv = (e.namedValues ?? null) as Record<string, unknown> | null;
  if (nv && typeof nv === 'object') {
    for (const [title, v] of Object.entries(nv)) {
      if (NOT_QUESTIONS.test(title.trim())) continue;
      named[title] = Array.isArray(v)
        ? v.map(x => String(x ?? '')).join(', ')
        : String(v ?? '');
    }
  } else {
    // No namedValues: pair the header row with the row's displayed values (two reads).
    const width = range.getNumColumns();
    const header = sheet
      .getRange(1, range.getColumn(), 1, width)
      .getValues()[0];
    const shown = range.getDisplayValues()[0];
    header.forEach((h, i) => {
      const title = String(h ?? '');
      if (title && !NOT_QUESTIONS.test(title.trim()))
        named[title] = shown[i] ?? '';
    });
  }
  const key = id || publishedId || `sheet${sheetId}`;
  return {
    responseId: `${key}|${row}|${isoSeconds(submittedAt)}`,
    formId: id,
    publishedId,
    sheetId,
    submittedAt,
    named,
    sheet,
  };
}

/** Reads a form-level form-submit event (e.response, e.source). */
function fromFormEvent(e: Record<string, unknown>): IncomingResponse {
  const response = e.response as GoogleAppsScript.Forms.FormResponse;
  const source = e.source as GoogleAppsScript.Forms.Form | undefined;
  const formId = source ? source.getId() : '';
  const named: Record<string, string> = {};
  for (const ir of response.getItemResponses()) {
    const title = ir.getItem().getTitle();
    const v = ir.getResponse();
    named[title] = Array.isArray(v)
      ? v.map(x => (Array.isArray(x) ? x.join(', ') : String(x))).join(', ')
      : String(v ?? '');
  }
  const stamp = response.getTimestamp();
  return {
    responseId: `${formId}|${response.getId()}`,
    formId: formId || null,
    publishedId: null,
    sheetId: null,
    submittedAt: isDate(stamp) ? stamp : new Date(),
    named,
  };
}

/**
 * The installable form-submit trigger: accepts a spreadsheet event (the trigger "Bật công việc tự
 * động" installs) or a form event (one an admin installed on the form by hand).
 */
export function handleVillageFormSubmit(e: unknown): SubmitOutcome {
  const event = (e ?? {}) as Record<string, unknown>;
  const ss = SpreadsheetApp.getActive();
  const clock = runClock(Session.getScriptTimeZone() || 'Asia/Ho_Chi_Minh');
  let incoming: IncomingResponse;
  if (event.range) incoming = fromSpreadsheetEvent(event);
  else if (event.response) incoming = fromFormEvent(event);
  else {
    throw new Error(
      'onVillageFormSubmit chỉ chạy khi có câu trả lời biểu mẫu (trình kích hoạt "Khi gửi biểu mẫu").',
    );
  }
  const outcome = withDocumentLock(
    () => processLocked(ss, clock, incoming),
    120000,
  );
  return outcome;
}

/** Local calendar date and ISO time of a submission. */
function stamps(d: Date, clock: RunClock): {day: string; at: string} {
  return {
    day: dateToIsoDate(d, clock.offset),
    at: dateToIsoDateTime(d, clock.offset),
  };
}

/** Same village, period, time and answers: the same response delivered through another path. */
function sameContent(a: StoredVillageReport, b: StoredVillageReport): boolean {
  return (
    a.periodId === b.periodId &&
    a.unitCode === b.unitCode &&
    a.village === b.village &&
    Date.parse(a.submittedAt) === Date.parse(b.submittedAt) &&
    encodeAnswers(a) === encodeAnswers(b)
  );
}

function processLocked(
  ss: Spreadsheet,
  clock: RunClock,
  incoming: IncomingResponse,
): SubmitOutcome {
  const data = loadWorkbook(ss, clock.offset);
  const records = readFormRecords();
  let period = periodOfForm(data.periods, records, incoming);
  if (!period && (incoming.formId || incoming.publishedId)) {
    // Last resort: ask FormApp which form this is (one call).
    try {
      const url = incoming.formId
        ? `https://docs.google.com/forms/d/${incoming.formId}/edit`
        : `https://docs.google.com/forms/d/e/${incoming.publishedId}/viewform`;
      const id = FormApp.openByUrl(url).getId();
      period = periodOfForm(data.periods, records, {formId: id});
    } catch {
      period = null;
    }
  }
  const {day, at} = stamps(incoming.submittedAt, clock);
  const specPeriod = period ?? periodAt(data.periods, day) ?? data.periods[0];
  const spec = specPeriod
    ? formSpecFor(data, specPeriod)
    : {
        periodId: '',
        title: '',
        description: '',
        confirmation: '',
        items: [],
        sections: [],
        tasks: [],
        villageChoices: [],
      };
  const villages = data.units.filter(u => u.kind === 'village');
  const {report, problems} = parseResponse(
    spec,
    incoming.named,
    villages,
    period,
    day,
    {
      responseId: incoming.responseId,
      submittedAt: at,
    },
  );

  const {table, reports: stored} = readVillageReports(ss, clock.offset);
  const plan = planSubmission(stored, report);
  const outcome: SubmitOutcome = {
    action: 'duplicate',
    responseId: report.responseId,
    state: null,
    unitCode: report.unitCode,
    periodId: report.periodId,
    replaced: 0,
    updatedAssignments: 0,
    problems: problems.map(p => p.message),
    notified: false,
  };
  if (plan.action === 'duplicate' || stored.some(s => sameContent(s, report)))
    return outcome;
  outcome.action = 'stored';
  outcome.state = report.state;

  // 1. The village-reports tab: the new row appended, the earlier answers of the village marked replaced.
  const sheet = table.sheet ?? ss.insertSheet(VILLAGE_REPORTS.name);
  if (!table.sheet || sheet.getLastRow() === 0) {
    sheet
      .getRange(1, 1, 1, VILLAGE_REPORTS.columns.length)
      .setValues([VILLAGE_REPORTS.columns.map(c => c.header)]);
  }
  const history: HistoryEntry[] = [];
  const who = `${report.reporter || 'Người báo cáo'} (biểu mẫu ${report.village || 'thôn'})`;
  const placed = writeReplacements(
    sheet,
    table,
    stored,
    plan.replaces,
    report,
    clock,
  );
  for (const old of placed) {
    history.push({
      action: 'Thay báo cáo thôn',
      target: `${old.village} – ${old.periodId}`,
      field: 'Báo cáo thôn',
      before: answersText(old),
      after: answersText(report),
      note: `Phản hồi ${old.responseId} được thay bằng ${report.responseId}; bản cũ vẫn lưu ở tab ${VILLAGE_REPORTS.name} (trạng thái "${REPORT_STATE_LABELS.replaced}").`,
      user: who,
    });
  }
  outcome.replaced = placed.length;
  appendRecords(
    sheet,
    VILLAGE_REPORTS,
    [villageReportToRecord(report)],
    clock.offset,
  );
  history.push({
    action:
      report.state === 'valid'
        ? 'Nhận báo cáo thôn'
        : 'Báo cáo thôn cần xem lại',
    target: report.village || '(không rõ thôn)',
    field: report.periodId || '(không rõ kỳ)',
    after: answersText(report),
    note: [`Phản hồi ${report.responseId}`, report.issue]
      .filter(Boolean)
      .join('\n'),
    user: who,
  });

  // 2. The village's assignments for the tasks it answered.
  if (report.state === 'valid' && period) {
    const changed = applyReport(data, report, day);
    if (changed.length) {
      writeAssignments(data, changed, clock, period);
      outcome.updatedAssignments = changed.length;
      for (const {before, after} of changed)
        history.push(...assignmentHistory(before, after, who));
    }
  }

  // 3. A flagged response: the admin is told.
  const mailLog: MailLogEntry[] = [];
  if (report.state === 'flagged') {
    const note = notifyAdmin(data, report, period);
    outcome.notified = note.state === 'sent';
    mailLog.push(note);
  }
  appendHistory(ss, clock, history);
  appendMailLog(ss, clock, mailLog);

  // 4. The response tab gets its period's name (Google named it "Câu trả lời biểu mẫu N").
  if (period && incoming.sheet) nameResponseTab(ss, incoming.sheet, period);
  return outcome;
}

/** Marks the replaced rows (rare: at most one valid earlier report per village and period). */
function writeReplacements(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  table: Table,
  stored: Array<StoredVillageReport & {row: number}>,
  indexes: number[],
  report: StoredVillageReport,
  clock: RunClock,
): StoredVillageReport[] {
  const out: StoredVillageReport[] = [];
  for (const i of indexes) {
    const old = stored[i];
    const replaced: StoredVillageReport = {
      ...old,
      state: 'replaced',
      issue: replacedIssue(report.responseId),
    };
    writeRecordAt(
      sheet,
      table,
      old.row,
      villageReportToRecord(replaced),
      clock.offset,
    );
    out.push(old);
  }
  return out;
}

interface Change {
  before: AssignmentRecord;
  after: Assignment;
}

/** The village's assignments (lead or support) for each task it answered, updated. */
function applyReport(
  data: WorkbookData,
  report: StoredVillageReport,
  day: string,
): Change[] {
  const changes: Change[] = [];
  for (const answer of report.tasks) {
    for (const a of data.assignments) {
      if (a.tt !== answer.tt || a.unitCode !== report.unitCode) continue;
      const after = applyAnswer(a, answer, report, day);
      if (after) changes.push({before: a, after});
    }
  }
  return changes;
}

/** History rows of one assignment change (progress, result, evidence). */
function assignmentHistory(
  before: Assignment,
  after: Assignment,
  user: string,
): HistoryEntry[] {
  const out: HistoryEntry[] = [];
  const push = (field: string, b: string, a: string) => {
    if (b !== a)
      out.push({
        action: 'Cập nhật từ biểu mẫu thôn',
        target: after.id,
        field,
        before: b,
        after: a,
        user,
      });
  };
  push(
    'Trạng thái thực hiện',
    PROGRESS_LABELS[before.progress],
    PROGRESS_LABELS[after.progress],
  );
  push(
    'Ngày hoàn thành',
    formatVnDate(before.completedOn),
    formatVnDate(after.completedOn),
  );
  push('Kết quả thực hiện', before.result, after.result);
  push('Minh chứng', before.evidence.join('\n'), after.evidence.join('\n'));
  return out;
}

/**
 * Writes rows of a tab in one setValues: the block from the first to the last changed row, over
 * the given columns. Changed cells come from the records; the other cells are written back as read,
 * text re-marked as text (a leading apostrophe) so nothing turns into a number, date or formula.
 */
export function writeRows(
  table: Table,
  updates: Map<number, Record<string, unknown>>,
  keys: string[],
  offset: number,
): void {
  if (!table.sheet || !updates.size) return;
  const cols = table.schema.columns.filter(
    c => keys.includes(c.key) && table.columnOf[c.key],
  );
  if (!cols.length) return;
  const first = Math.min(...cols.map(c => table.columnOf[c.key]));
  const last = Math.max(...cols.map(c => table.columnOf[c.key]));
  const rows = [...updates.keys()];
  const top = Math.min(...rows);
  const bottom = Math.max(...rows);
  const block: unknown[][] = [];
  for (let r = top; r <= bottom; r++) {
    const current = table.grid[r - 1] ?? [];
    const cells: unknown[] = [];
    for (let c = first; c <= last; c++) {
      const v = current[c - 1];
      cells.push(typeof v === 'string' && v !== '' ? `'${v}` : (v ?? ''));
    }
    const record = updates.get(r);
    if (record) {
      for (const col of cols)
        cells[table.columnOf[col.key] - first] = toCell(
          col,
          record[col.key],
          offset,
        );
    }
    block.push(cells);
  }
  table.sheet
    .getRange(top, first, block.length, last - first + 1)
    .setValues(block);
}

/** One write of the assignments tab, one of the tasks tab's status columns. */
function writeAssignments(
  data: WorkbookData,
  changes: Change[],
  clock: RunClock,
  period: PeriodRecord,
): void {
  const taskByTt = new Map(data.tasks.map(t => [t.tt, t] as const));
  const unitByCode = new Map(data.units.map(u => [u.code, u] as const));
  const soon = data.settings.dueSoonDays;
  const updates = new Map<number, Record<string, unknown>>();
  const latest = new Map(
    data.assignments.map(a => [a.id, a as Assignment] as const),
  );
  for (const {before, after} of changes) {
    latest.set(after.id, after);
    const view = assignmentView(
      after,
      taskByTt.get(after.tt),
      unitByCode.get(after.unitCode),
      clock.today,
      soon,
    );
    updates.set(before.row, assignmentToRecord(after, view));
  }
  const keys = data.tables.assignments.schema.columns
    .map(c => c.key)
    .filter(k => k !== 'id');
  writeRows(data.tables.assignments, updates, keys, clock.offset);

  // The tasks' rolled-up status, as the sidebar keeps it.
  const all = [...latest.values()];
  const taskUpdates = new Map<number, Record<string, unknown>>();
  for (const tt of new Set(changes.map(c => c.after.tt))) {
    const task = taskByTt.get(tt);
    if (!task) continue;
    const own = all
      .filter(a => a.tt === tt)
      .map(a => ({...a, dueOverride: task.dueOverride}));
    const roll = rollUpTask(own, {
      timeline: task.timeline,
      today: clock.today,
      period,
      soonDays: soon,
    });
    taskUpdates.set(task.row, {
      status: roll.label,
      progressSummary: roll.summary,
    });
  }
  writeRows(
    data.tables.tasks,
    taskUpdates,
    ['status', 'progressSummary'],
    clock.offset,
  );
}

/** E-mails the admins about a flagged response (when the daily quota allows); the mail-log row. */
function notifyAdmin(
  data: WorkbookData,
  report: StoredVillageReport,
  period: PeriodRecord | null,
): MailLogEntry {
  const to = (
    data.settings.adminEmails.length
      ? data.settings.adminEmails
      : [effectiveUserEmail()]
  ).filter(Boolean);
  const village = report.village || '(không rõ thôn)';
  const subject = `[Dân vận] Báo cáo thôn cần xem lại: ${village} – ${period ? period.name : 'không rõ kỳ báo cáo'}`;
  const entry: MailLogEntry = {
    key: `village-flagged|${report.responseId}`,
    to: to.join(', '),
    subject,
    kind: 'Báo cáo thôn cần xem lại',
    periodId: report.periodId,
    state: 'sent',
    note: report.issue,
  };
  if (!to.length)
    return {
      ...entry,
      state: 'failed',
      note: 'Chưa có e-mail quản trị (tab Cấu hình).',
    };
  if (remainingMailQuota() < to.length) {
    return {
      ...entry,
      state: 'deferred',
      note: `Hết hạn mức gửi thư hôm nay. ${report.issue}`,
    };
  }
  const facts: Array<[string, string]> = [
    ['Thôn (như đã chọn)', village],
    ['Người báo cáo', report.reporter],
    ['Điện thoại', report.phone],
    ['Gửi lúc', report.submittedAt],
    ['Mã phản hồi', report.responseId],
  ];
  const steps =
    `Báo cáo được lưu ở tab "${VILLAGE_REPORTS.name}" với trạng thái "${REPORT_STATE_LABELS.flagged}", ` +
    'không cập nhật phân công. Hãy kiểm tra thôn ở tab Đơn vị và kỳ ở tab Kỳ báo cáo, hoặc liên hệ người ' +
    'báo cáo để gửi lại bằng đường dẫn đúng (tab Liên kết biểu mẫu).';
  const body = [
    'Một báo cáo thôn gửi qua biểu mẫu cần xem lại:',
    '',
    ...report.issue.split('\n').map(l => `- ${l}`),
    '',
    ...facts.map(([k, v]) => `${k}: ${v}`),
    '',
    steps,
  ].join('\n');
  const htmlBody =
    '<p>Một báo cáo thôn gửi qua biểu mẫu cần xem lại:</p><ul>' +
    report.issue
      .split('\n')
      .map(l => `<li>${escapeHtml(l)}</li>`)
      .join('') +
    '</ul><table>' +
    facts
      .map(
        ([k, v]) =>
          `<tr><td>${escapeHtml(k)}</td><td>${escapeHtml(v)}</td></tr>`,
      )
      .join('') +
    `</table><p>${escapeHtml(steps)}</p>`;
  try {
    sendMail({
      to: to.join(','),
      subject,
      body,
      htmlBody,
      name: data.settings.senderName,
    });
    return entry;
  } catch (err) {
    return {...entry, state: 'failed', note: `${String(err)}\n${report.issue}`};
  }
}
