// Use case "Nhận báo cáo thôn": a form response becomes one village-report row, assignment updates and history.
import {formatVnDate} from '../core/dates';
import {digestText} from '../core/historyDigest';
import {periodAt} from '../core/periods';
import {PROGRESS_LABELS, rollUpTask} from '../core/status';
import type {Assignment, ReportingPeriod} from '../core/types';
import type {FormSpec} from '../core/villageForm';
import {VILLAGE_TITLE, titleKey} from '../core/villageForm';
import {applyAnswer, parseResponse} from '../core/villageResponse';
import {
  encodeAnswers,
  fitReport,
  planSubmission,
  replacedIssue,
  type StoredVillageReport,
} from '../core/villageReports';
import {runClock, type RunClock} from '../services/clock';
import {villageCoder} from '../services/villageCode';
import {rememberHeader, rememberedHeader} from '../services/responseHeaders';
import {withDocumentLock} from '../services/lock';
import {
  dateToIsoDate,
  dateToIsoDateTime,
  isDate,
  toCell,
} from '../workbook/cells';
import {appendHistory, type HistoryEntry} from '../workbook/history';
import {
  assignmentToRecord,
  type AssignmentRecord,
  type PeriodRecord,
} from '../workbook/records';
import {VILLAGE_REPORTS} from '../workbook/schema';
import {appendRecords, recordToCells, type Table} from '../workbook/table';
import {writeTaskStatuses, type TaskStatusUpdate} from '../workbook/taskStatus';
import {
  REPORT_STATE_LABELS,
  answersText,
  readVillageReports,
  villageReportToRecord,
} from '../workbook/villageReports';
import {
  assignmentView,
  loadWorkbookCached,
  type WorkbookData,
} from '../workbook/workbook';
import {
  formIdOfSheet,
  formSpecFor,
  nameResponseTab,
  periodOfForm,
  protectResponseTab,
  readFormRecords,
  writeFormRecords,
  type FormRecord,
} from './formRecords';

type Range = GoogleAppsScript.Spreadsheet.Range;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** One response to process, however it arrived. */
export interface IncomingResponse {
  /** Stable per response: form + response-tab row + timestamp, or form + response id. */
  responseId: string;
  formId: string | null;
  /** The response tab's sheet id (spreadsheet events), or null. */
  sheetId: number | null;
  submittedAt: Date;
  /** Question title → answer. */
  named: Record<string, string>;
  /**
   * The response tab, when it still has to be named and locked (spreadsheet events whose tab the
   * form records do not mark ready).
   */
  sheet?: GoogleAppsScript.Spreadsheet.Sheet;
  /**
   * A report sent from a village's personal link page: the period the page showed, and the
   * village the link's token proved (its code question is not asked; any other village is refused).
   */
  link?: {periodId: string; unitCode: string};
  /** The response tab's header as just read, for the form records to remember. */
  header?: string[];
}

/** What happened to one response. */
export interface SubmitOutcome {
  /** 'ignored': a form that is not a village form (no period, none of its questions) sent to this spreadsheet. */
  action: 'stored' | 'duplicate' | 'ignored';
  responseId: string;
  state: StoredVillageReport['state'] | null;
  unitCode: string;
  periodId: string;
  /** Earlier reports of the village for the period now marked replaced. */
  replaced: number;
  updatedAssignments: number;
  problems: string[];
  /** A flagged report, waiting for the admin's daily digest (Báo cáo thôn cần xem lại). */
  queued: boolean;
}

/** Column titles Google adds to a response tab that are not questions. */
const NOT_QUESTIONS =
  /^(dấu thời gian|timestamp|địa chỉ email|email address)$/i;

function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * A response row's answers by question title. A cell Sheets holds as a date (a date question, or
 * an answer it read as one) is taken from its typed value — ISO "yyyy-MM-dd" — never from display
 * text, whose order depends on the spreadsheet's locale (an en_US sheet shows 3 Sept as "9/3/2025").
 * Other cells are the text `text(i)` gives (the event's answer, or the cell's display).
 */
function rowAnswers(
  header: unknown[],
  typed: unknown[],
  text: (i: number, title: string) => string,
  offset: number,
): Record<string, string> {
  const named: Record<string, string> = {};
  header.forEach((h, i) => {
    const title = String(h ?? '');
    if (!title || NOT_QUESTIONS.test(title.trim())) return;
    const v = typed[i];
    named[title] = isDate(v) ? dateToIsoDate(v, offset) : text(i, title);
  });
  return named;
}

/**
 * A response's id when it comes from a response tab: the form (or tab), the submission's second
 * and a digest of the row's typed values. Two deliveries of one response (a trigger firing twice,
 * or catch-up) give the same id; two responses of the same second differ in their answers (the
 * village, its code) or are the same report. The row number is not part of it: reading it would
 * cost a call on every submission.
 */
export function sheetResponseId(
  key: string,
  submittedAt: Date,
  values: readonly unknown[],
): string {
  const cells = values.map(v =>
    isDate(v) ? v.toISOString() : String(v ?? ''),
  );
  return `${key}|${isoSeconds(submittedAt)}|${digestText(JSON.stringify(cells))}`;
}

/**
 * Reads a spreadsheet form-submit event (e.range; e.namedValues for the answers' text). When the
 * document's form records know the response tab (its sheet id, as set-up of the form recorded it),
 * the tab's form id and header come from them: 2 spreadsheet calls (grid id, the row's typed
 * values; the range of a form-submit event is the whole response row, from column A). A tab they do not know, or a header of another width, is read (Sheet.getFormUrl
 * and the header row); a tab not yet named and locked is handed on for processResponses to do so.
 */
function fromSpreadsheetEvent(
  e: Record<string, unknown>,
  offset: number,
  records: Record<string, FormRecord>,
): IncomingResponse {
  const range = e.range as Range;
  const sheetId = range.getGridId();
  const values = range.getValues()[0] ?? [];
  const known = Object.values(records).find(r => r.sheetId === sheetId);
  let sheet: Sheet | undefined;
  const tab = (): Sheet => (sheet ??= range.getSheet());
  const formId = known ? known.formId || null : formIdOfSheet(tab());
  if (known && !known.tabReady) tab();
  const remembered = known ? rememberedHeader(sheetId, values.length) : null;
  const header =
    remembered ??
    (
      (sheet ?? range.getSheet())
        .getRange(1, 1, 1, values.length)
        .getValues()[0] ?? []
    ).map(String);
  const stamp = values.find(isDate) as Date | undefined;
  const submittedAt = stamp ?? new Date();
  const nv = (e.namedValues ?? null) as Record<string, unknown> | null;
  let shown: string[] | null = null;
  const text = (i: number, title: string): string => {
    const v = nv && typeof nv === 'object' ? nv[title] : undefined;
    if (v !== undefined)
      return Array.isArray(v)
        ? v.map(x => String(x ?? '')).join(', ')
        : String(v ?? '');
    shown ??= range.getDisplayValues()[0];
    return shown[i] ?? '';
  };
  const key = formId || `sheet${sheetId}`;
  return {
    responseId: sheetResponseId(key, submittedAt, values),
    formId,
    sheetId,
    submittedAt,
    named: rowAnswers(header, values, text, offset),
    sheet,
    header: remembered || !known ? undefined : header,
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
  if (event.range)
    incoming = fromSpreadsheetEvent(event, clock.offset, readFormRecords());
  else if (event.response) incoming = fromFormEvent(event);
  else {
    throw new Error(
      'onVillageFormSubmit chỉ chạy khi có câu trả lời biểu mẫu (trình kích hoạt "Khi gửi biểu mẫu").',
    );
  }
  const [outcome] = withDocumentLock(
    () => processResponses(ss, clock, [incoming]),
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

const NO_SPEC: FormSpec = {
  periodId: '',
  title: '',
  description: '',
  confirmation: '',
  items: [],
  sections: [],
  tasks: [],
  villageChoices: [],
};

/**
 * Processes responses in one pass (the trigger gives one, catching up gives many): one read of
 * each tab, then one write of the assignments, one of the tasks' statuses, one history append,
 * one of the reports tab's replaced rows and one of its new rows. Sends no mail: flagged reports
 * go into the admin's daily digest (daily/villageDigest). The caller holds the document lock.
 */
export function processResponses(
  ss: Spreadsheet,
  clock: RunClock,
  incoming: IncomingResponse[],
  loaded?: WorkbookData,
): SubmitOutcome[] {
  // The slow tabs from the snapshot when it is current, the assignments read live: what this run
  // changes (assignments, reports) and checks (earlier reports) is read fresh under the lock.
  // `loaded`: the workbook the caller read that way under the same lock (the link page's check).
  const data = loaded ?? loadWorkbookCached(ss, clock.offset).data;
  const records = readFormRecords();
  const coder = villageCoder(false);
  const {table, reports: stored} = readVillageReports(ss, clock.offset);
  const villages = data.units.filter(u => u.kind === 'village');
  const specs = new Map<string, FormSpec>();
  const specOf = (p: PeriodRecord | null): FormSpec => {
    if (!p) return NO_SPEC;
    if (!specs.has(p.id)) specs.set(p.id, formSpecFor(data, p));
    return specs.get(p.id) as FormSpec;
  };

  /** Every report known so far: the stored ones (with their rows), then this batch's. */
  const all: Array<StoredVillageReport & {row: number | null}> = [...stored];
  const added: StoredVillageReport[] = [];
  const replacedRows = new Map<number, Record<string, unknown>>();
  const current = new Map<string, Assignment>(
    data.assignments.map(a => [a.id, a]),
  );
  const changedIds = new Set<string>();
  const history: HistoryEntry[] = [];
  const outcomes: SubmitOutcome[] = [];
  const tabs = new Map<number, {sheet: Sheet; period: PeriodRecord}>();

  for (const one of incoming) {
    const period = one.link
      ? (data.periods.find(p => p.id === one.link?.periodId) ?? null)
      : periodOfForm(data.periods, records, one);
    const {day, at} = stamps(one.submittedAt, clock);
    const fallback = periodAt(data.periods, day) ?? data.periods[0] ?? null;
    const spec = specOf(period ?? (fallback as PeriodRecord | null));
    const parsed = parseResponse(
      spec,
      one.named,
      villages,
      period,
      day,
      {responseId: one.responseId, submittedAt: at},
      one.link
        ? {}
        : {
            checkCode: (unitCode, code) =>
              !!period && coder.check(period.id, unitCode, code),
          },
    );
    const problems = parsed.problems;
    if (one.link && parsed.report.unitCode !== one.link.unitCode) {
      // Fails closed: a link's report only ever counts for the link's own village.
      const message = `Báo cáo gửi từ đường dẫn của thôn ${one.link.unitCode} nhưng ghi thôn "${parsed.report.village}": chưa được tính.`;
      problems.push({kind: 'bad_code', severity: 'error', message});
      parsed.report.state = 'flagged';
      parsed.report.issue = [parsed.report.issue, message]
        .filter(Boolean)
        .join('\n');
    }
    // Every text of the report fits its cell (a long answer is cut with a visible mark).
    const report = fitReport(parsed.report);
    const outcome: SubmitOutcome = {
      action: 'duplicate',
      responseId: report.responseId,
      state: null,
      unitCode: report.unitCode,
      periodId: report.periodId,
      replaced: 0,
      updatedAssignments: 0,
      problems: problems.map(p => p.message),
      queued: false,
    };
    outcomes.push(outcome);
    const ours = Object.keys(one.named).some(t =>
      spec.items.some(i => titleKey(i.title) === titleKey(t)),
    );
    if (!period && !ours) {
      // Another form linked to this spreadsheet (a survey…): not a village report, nothing to do.
      outcome.action = 'ignored';
      outcome.unitCode = '';
      outcome.problems = [];
      continue;
    }
    const plan = planSubmission(all, report);
    if (plan.action === 'duplicate' || all.some(s => sameContent(s, report)))
      continue;
    outcome.action = 'stored';
    outcome.state = report.state;
    // A flagged report waits for the admin's daily digest (never a mail of its own).
    outcome.queued = report.state === 'flagged';
    if (period && one.sheet)
      tabs.set(one.sheetId ?? one.sheet.getSheetId(), {
        sheet: one.sheet,
        period,
      });

    // The village's earlier answer for the period is marked replaced (and kept).
    const who = `${report.reporter || 'Người báo cáo'} (${one.link ? 'đường dẫn cá nhân' : 'biểu mẫu'} ${report.village || 'thôn'})`;
    for (const i of plan.replaces) {
      const old = all[i];
      const replaced = {
        ...old,
        state: 'replaced' as const,
        issue: replacedIssue(report.responseId),
      };
      all[i] = replaced;
      if (old.row !== null)
        replacedRows.set(old.row, villageReportToRecord(replaced));
      else added[added.indexOf(old)] = replaced;
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
    outcome.replaced = plan.replaces.length;
    const entry = {...report, row: null};
    all.push(entry);
    added.push(entry);
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

    // The village's assignments for the tasks it answered.
    if (report.state === 'valid' && period) {
      for (const answer of report.tasks) {
        for (const a of current.values()) {
          if (a.tt !== answer.tt || a.unitCode !== report.unitCode) continue;
          const after = applyAnswer(a, answer, report, day);
          if (!after) continue;
          history.push(...assignmentHistory(a, after, who));
          current.set(a.id, after);
          changedIds.add(a.id);
          outcome.updatedAssignments++;
        }
      }
    }
  }
  if (!added.length) return outcomes;

  // Response tabs get their period's name (Google named them "Câu trả lời biểu mẫu N") and are
  // admin-only, so no unit can add a row that catch-up would take for a village's report.
  const ready = new Set<number>();
  for (const [sheetId, {sheet: tab, period: p}] of tabs) {
    nameResponseTab(ss, tab, p);
    const note = protectResponseTab(tab, data.settings.adminEmails);
    if (note)
      history.push({action: 'Cần xem lại', target: tab.getName(), note});
    else ready.add(sheetId);
  }

  // Writes, the reports' rows last: a run that fails before them has stored nothing that says
  // "recorded", so the response is applied again, whole, by the next catch-up. Every text was
  // capped above, so no write exceeds a cell.
  try {
    if (changedIds.size) {
      const changes = data.assignments
        .filter(a => changedIds.has(a.id))
        .map(before => ({before, after: current.get(before.id) as Assignment}));
      writeAssignments(
        ss,
        data,
        changes,
        clock,
        periodAt(data.periods, clock.today),
      );
    }
    appendHistory(ss, clock, history);
    const sheet = table.sheet ?? ss.insertSheet(VILLAGE_REPORTS.name);
    const empty = !table.grid.some(r =>
      r.some(v => v !== '' && v !== null && v !== undefined),
    );
    if (!table.sheet || empty) {
      sheet
        .getRange(1, 1, 1, VILLAGE_REPORTS.columns.length)
        .setValues([VILLAGE_REPORTS.columns.map(c => c.header)]);
    }
    writeRows(
      table,
      replacedRows,
      VILLAGE_REPORTS.columns.map(c => c.key),
      clock.offset,
    );
    if (added.length === 1) {
      // One report (the trigger's case): Sheet.appendRow writes below the last row with content and
      // grows the tab as needed, in one call.
      sheet.appendRow(
        recordToCells(
          VILLAGE_REPORTS,
          villageReportToRecord(added[0]),
          clock.offset,
        ),
      );
    } else {
      appendRecords(
        sheet,
        VILLAGE_REPORTS,
        added.map(villageReportToRecord),
        clock.offset,
      );
    }
  } catch (e) {
    const ids = added.map(r => r.responseId).join(', ');
    const message =
      `Chưa ghi xong báo cáo thôn (phản hồi ${ids}): ${String(e)}. Câu trả lời vẫn ở tab phản hồi; ` +
      'chạy "Tạo / cập nhật biểu mẫu báo cáo thôn" để ghi lại đầy đủ.';
    try {
      appendHistory(ss, clock, [
        {action: 'Lỗi ghi báo cáo thôn', target: ids, note: message},
      ]);
    } catch (again) {
      console.log(`processResponses: ${String(again)}`);
    }
    throw new Error(message);
  }
  rememberTabs(incoming, ready);
  return outcomes;
}

/**
 * What this run found of the response tabs is remembered: tabs named and locked in the form
 * records (re-read: the caller holds the lock), headers just read in the script cache, so the next
 * response reads neither the tab's protections nor its header.
 */
function rememberTabs(
  incoming: IncomingResponse[],
  ready: ReadonlySet<number>,
): void {
  for (const one of incoming)
    if (one.header && one.sheetId !== null)
      rememberHeader(one.sheetId, one.header);
  if (!ready.size) return;
  const records = readFormRecords();
  let changed = false;
  for (const r of Object.values(records)) {
    if (r.sheetId !== null && ready.has(r.sheetId) && !r.tabReady) {
      r.tabReady = true;
      changed = true;
    }
  }
  if (changed) writeFormRecords(records);
}

interface Change {
  before: AssignmentRecord;
  after: Assignment;
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
  ss: Spreadsheet,
  data: WorkbookData,
  changes: Change[],
  clock: RunClock,
  period: ReportingPeriod | null,
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

  // The tasks' rolled-up status, as the sidebar keeps it (the tasks tab may be the snapshot's):
  // every task's, so the changed ones go out in one block write with those between them.
  const byTask = new Map<string, Assignment[]>();
  for (const a of latest.values()) {
    const own = byTask.get(a.tt);
    if (own) own.push(a);
    else byTask.set(a.tt, [a]);
  }
  const changedTt = new Set(changes.map(c => c.after.tt));
  const everyTask: TaskStatusUpdate[] = [];
  const changedTasks: TaskStatusUpdate[] = [];
  for (const task of data.tasks) {
    const own = (byTask.get(task.tt) ?? []).map(a => ({
      ...a,
      dueOverride: task.dueOverride,
    }));
    const roll = rollUpTask(own, {
      timeline: task.timeline,
      today: clock.today,
      period,
      soonDays: soon,
    });
    const u = {row: task.row, status: roll.label, summary: roll.summary};
    everyTask.push(u);
    if (changedTt.has(task.tt)) changedTasks.push(u);
  }
  writeTaskStatuses(ss, data.tables.tasks, changedTasks, everyTask);
}

/**
 * Responses in a form's response tab that never reached the reports tab (the trigger was off, or
 * a run failed): processed now, in one pass. Reads the tab once (its displayed text: a phone number
 * Sheets turned into a number has lost its leading zero there). The caller holds the lock.
 */
export function catchUpResponses(
  ss: Spreadsheet,
  clock: RunClock,
  sheet: Sheet,
): SubmitOutcome[] {
  const formId = formIdOfSheet(sheet);
  const sheetId = sheet.getSheetId();
  const range = sheet.getDataRange();
  const values = range.getValues();
  if (values.length < 2) return [];
  const shown = range.getDisplayValues();
  const header = values[0].map(h => String(h ?? ''));
  const key = formId || `sheet${sheetId}`;
  const stored = readVillageReports(ss, clock.offset).reports;
  const ids = new Set(stored.map(r => r.responseId));
  const second = (iso: string) => Math.floor(Date.parse(iso) / 1000);
  const seen = new Set(
    stored.map(r => `${second(r.submittedAt)}|${titleKey(r.village)}`),
  );
  const villageCol = header.findIndex(
    h => titleKey(h) === titleKey(VILLAGE_TITLE),
  );
  const incoming: IncomingResponse[] = [];
  for (let r = 1; r < values.length; r++) {
    const stamp = values[r].find(isDate) as Date | undefined;
    if (!stamp) continue;
    const responseId = sheetResponseId(key, stamp, values[r]);
    if (ids.has(responseId)) continue;
    const village = villageCol >= 0 ? shown[r][villageCol] : '';
    if (seen.has(`${Math.floor(stamp.getTime() / 1000)}|${titleKey(village)}`))
      continue;
    incoming.push({
      responseId,
      formId,
      sheetId,
      submittedAt: stamp,
      named: rowAnswers(
        header,
        values[r],
        i => shown[r][i] ?? '',
        clock.offset,
      ),
      sheet,
    });
  }
  return incoming.length ? processResponses(ss, clock, incoming) : [];
}
