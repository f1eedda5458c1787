// Use case "Tạo / cập nhật biểu mẫu báo cáo thôn": one Google Form per period, kept in step with the plan and villages.
import {rememberHeader} from '../services/responseHeaders';
import {formatVnDate} from '../core/dates';
import {periodAt, sortPeriods} from '../core/periods';
import {sameText} from '../core/text';
import type {ReportingPeriod} from '../core/types';
import {derivePrefilledUrls} from '../core/formUrls';
import {activeVillages} from '../core/villageReports';
import {runClock, type RunClock} from '../services/clock';
import {villageCoder} from '../services/villageCode';
import {withDocumentLock} from '../services/lock';
import {alertUser, getUiOrNull, toast} from '../services/ui';
import {appendHistory} from '../workbook/history';
import {periodToRecord, type PeriodRecord} from '../workbook/records';
import {FORM_LINKS, PERIODS} from '../workbook/schema';
import {readTable, writeRecordAt, writeTable} from '../workbook/table';
import {
  formLinkToRecord,
  rowToFormLink,
  type FormLink,
} from '../workbook/villageReports';
import {loadWorkbook, type WorkbookData} from '../workbook/workbook';
import {
  formIdOfSheet,
  formSpecFor,
  nameResponseTab,
  protectResponseTab,
  readFormRecords,
  writeFormRecords,
  type FormRecord,
} from './formRecords';
import {
  deleteContinuations,
  readPendingBuilds,
  scheduleContinuation,
  specSignature,
  writePendingBuilds,
} from './formPending';
import {FormRenderer, MAX_BUILD_MS, MAX_ITEM_OPS_PER_RUN} from './formRenderer';
import {formRunNote, type FormRunReport} from './formReport';
import {openToVillages} from './formAudience';
import {catchUpResponses} from './formSubmit';
import {ensureFormTrigger} from './triggers';

export {
  CONTINUATION_HANDLER,
  PENDING_FORMS_PROPERTY,
  readPendingBuilds,
  type PendingBuild,
} from './formPending';
export {MAX_BUILD_MS, MAX_ITEM_OPS_PER_RUN} from './formRenderer';
export {formRunNote, type FormRunReport} from './formReport';
export {
  FORMS_PROPERTY,
  readFormRecords,
  responseTabName,
  type FormRecord,
} from './formRecords';

type Form = GoogleAppsScript.Forms.Form;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

// ---------------------------------------------------------------------------------------------
// Choosing the period.

/** Periods the admin may make a form for: open or to come; all of them when every one is past. */
export function formPeriodChoices<P extends ReportingPeriod>(
  periods: P[],
  today: string,
): P[] {
  const sorted = sortPeriods(periods) as P[];
  const coming = sorted.filter(p => p.due >= today);
  return coming.length ? coming : sorted;
}

/** The default choice: the current period, else the latest. */
export function defaultFormPeriod<P extends ReportingPeriod>(
  periods: P[],
  today: string,
): P | null {
  const sorted = sortPeriods(periods) as P[];
  return (
    (periodAt(sorted, today) as P | null) ?? sorted[sorted.length - 1] ?? null
  );
}

/**
 * Asks the admin which period (when several are open or coming and a UI exists): blank means the
 * default. Null when cancelled or unknown (the admin has been told).
 */
function choosePeriod(
  periods: PeriodRecord[],
  today: string,
): PeriodRecord | null {
  const choices = formPeriodChoices(periods, today);
  const fallback = defaultFormPeriod(periods, today);
  if (!fallback) return null;
  const ui = getUiOrNull();
  if (!ui || choices.length < 2) return fallback;
  const lines = choices.map(
    p =>
      `${p.id}: ${p.name} (${formatVnDate(p.start)} – ${formatVnDate(p.due)})${p.formId ? ' – đã có biểu mẫu' : ''}`,
  );
  const answer = ui.prompt(
    'Tạo / cập nhật biểu mẫu báo cáo thôn',
    `Nhập mã kỳ báo cáo (để trống: ${fallback.id}).\n\n${lines.join('\n')}`,
    ui.ButtonSet.OK_CANCEL,
  );
  if (answer.getSelectedButton() !== ui.Button.OK) {
    toast('Đã hủy: chưa tạo hay cập nhật biểu mẫu nào.');
    return null;
  }
  const text = answer.getResponseText().trim();
  if (!text) return fallback;
  const chosen = periods.find(
    p => sameText(p.id, text) || sameText(p.name, text),
  );
  if (!chosen) {
    alertUser(
      'Không có kỳ báo cáo này',
      `Không tìm thấy kỳ "${text}" trong tab ${PERIODS.name}.`,
    );
    return null;
  }
  return chosen;
}

// ---------------------------------------------------------------------------------------------
// Rendering the spec with FormApp (calls bounded by the number of questions, never by villages).
/** Opens the period's form, or null when there is none (or it can no longer be opened). */
function openForm(
  period: PeriodRecord,
  record: FormRecord | undefined,
  problems: string[],
): Form | null {
  const id = period.formId || record?.formId || '';
  if (!id) return null;
  try {
    return FormApp.openById(id);
  } catch {
    problems.push(
      `Không mở được biểu mẫu cũ của ${period.name} (mã ${id}): có thể đã bị xóa hoặc không có quyền. Đã tạo biểu mẫu mới.`,
    );
    return null;
  }
}

/** The destination spreadsheet id of a form, or '' when it has none. */
function destinationOf(form: Form): string {
  try {
    return form.getDestinationId();
  } catch {
    return '';
  }
}

/**
 * Finds the form's response tab (by the remembered sheet id, else the tab whose form has the form's
 * id) and gives it our name. Calls bounded by the number of tabs; null when Google has not
 * shown the new tab yet (it is renamed when the first response arrives).
 */
function responseTab(
  ss: Spreadsheet,
  formId: string,
  period: ReportingPeriod,
  sheetId: number | null,
): Sheet | null {
  const sheets = ss.getSheets();
  let sheet =
    sheetId === null ? undefined : sheets.find(s => s.getSheetId() === sheetId);
  if (!sheet) sheet = sheets.find(s => formIdOfSheet(s) === formId);
  if (!sheet) return null;
  nameResponseTab(ss, sheet, period);
  return sheet;
}

/** A response tab's header row (question titles), or undefined when it has none yet. */
function tabHeader(tab: Sheet): string[] | undefined {
  try {
    const row = tab.getSheetValues(1, 1, 1, -1)[0] ?? [];
    const header = row.map(v => String(v ?? ''));
    return header.some(Boolean) ? header : undefined;
  } catch {
    return undefined; // an empty tab has no columns to return
  }
}

/** Writes the period's prefilled links (replacing its old ones) in one rewrite of the links tab. */
function writeLinks(
  ss: Spreadsheet,
  clock: RunClock,
  period: ReportingPeriod,
  links: FormLink[],
): {added: string[]; removed: string[]} {
  const table = readTable(ss, FORM_LINKS);
  const old = table.rows.map(r => ({
    row: r,
    link: rowToFormLink(r, clock.offset),
  }));
  const before = new Set(
    old.filter(o => o.link?.periodId === period.id).map(o => o.link?.unitCode),
  );
  const after = new Set(links.map(l => l.unitCode));
  const kept = old.filter(
    o => o.link === null || o.link.periodId !== period.id,
  );
  const records = [
    ...kept.map(o => o.row.values),
    ...links.map(formLinkToRecord),
  ];
  const header = table.grid[0] ?? [];
  const positions = table.extraHeaders.map(h => header.indexOf(h));
  const extras = [
    ...kept.map(o =>
      positions.map(p => (p >= 0 ? (table.grid[o.row.row - 1] ?? [])[p] : '')),
    ),
    ...links.map(() => positions.map(() => '')),
  ];
  const sheet = table.sheet ?? ss.insertSheet(FORM_LINKS.name);
  // Rows kept as read: re-guard their text so it stays text.
  const guarded = records.map((r, i) =>
    i < kept.length
      ? Object.fromEntries(
          Object.entries(r).map(([k, v]) => [
            k,
            typeof v === 'string' && v ? `'${v}` : v,
          ]),
        )
      : r,
  );
  writeTable(sheet, FORM_LINKS, guarded, clock.offset, {
    extraHeaders: table.extraHeaders,
    extras,
    previousLastRow: table.grid.length,
  });
  return {
    added: [...after].filter(c => !before.has(c)),
    removed: [...before].filter((c): c is string => !!c && !after.has(c)),
  };
}

/** Records the form on its period's row of the periods tab (one row write). */
function writePeriodForm(
  clock: RunClock,
  data: WorkbookData,
  period: PeriodRecord,
  formId: string,
  url: string,
): void {
  const table = data.tables.periods;
  if (!table.sheet || !table.columnOf.formId) return;
  if (period.formId === formId && period.formUrl === url) return;
  writeRecordAt(
    table.sheet,
    table,
    period.row,
    periodToRecord({...period, formId, formUrl: url}),
    clock.offset,
  );
}

export interface CreateFormsOptions {
  /** The period's id; default: ask the admin (or, without a UI, an unfinished build's period, else the current one). */
  periodId?: string;
  /** Run by a continuation trigger: finish the unfinished build (nothing to do when there is none). */
  continuation?: boolean;
  /** Forms item operations this run may make (default MAX_ITEM_OPS_PER_RUN; tests use less). */
  maxItemOps?: number;
  /** Time this run may spend placing items, in ms (default MAX_BUILD_MS). */
  maxBuildMs?: number;
}

/**
 * Creates or updates the village form of a period: questions from the plan's tasks, the village
 * list in step with the active villages, the response tab in this spreadsheet, published, and one
 * prefilled link per village in the links tab. Never makes a second form for a period.
 */
export function runCreateVillageForms(
  options: CreateFormsOptions = {},
): FormRunReport | null {
  const startedAt = Date.now();
  const ss = SpreadsheetApp.getActive();
  const timeZone = Session.getScriptTimeZone() || 'Asia/Ho_Chi_Minh';
  const clock = runClock(timeZone);
  const first = loadWorkbook(ss, clock.offset);
  if (!first.periods.length) {
    alertUser(
      'Chưa có kỳ báo cáo',
      `Tab ${PERIODS.name} chưa có kỳ báo cáo nào. Hãy chạy "Thiết lập / sửa chữa bảng tính".`,
    );
    return null;
  }
  const pending = readPendingBuilds();
  const pendingIds = Object.keys(pending);
  let period: PeriodRecord | null;
  if (options.continuation) {
    // The trigger that fired has done its work; a new one is made if the form is still unfinished.
    deleteContinuations();
    period = first.periods.find(p => pendingIds.includes(p.id)) ?? null;
    if (!period) {
      if (pendingIds.length) writePendingBuilds({});
      return null;
    }
  } else if (options.periodId !== undefined) {
    period =
      first.periods.find(p => sameText(p.id, String(options.periodId))) ?? null;
    if (!period)
      throw new Error(`Không tìm thấy kỳ báo cáo "${options.periodId}".`);
  } else if (!getUiOrNull() && pendingIds.length) {
    period = first.periods.find(p => pendingIds.includes(p.id)) ?? null;
  } else {
    period = choosePeriod(first.periods, clock.today);
  }
  if (!period) return null;
  const periodId = period.id;
  const budget = options.maxItemOps ?? MAX_ITEM_OPS_PER_RUN;
  toast(`Đang tạo / cập nhật biểu mẫu ${period.name}…`, 'Dân vận', 30);
  const report = withDocumentLock(
    () =>
      createLocked(ss, clock, periodId, {
        budget,
        startedAt,
        maxMs: options.maxBuildMs ?? MAX_BUILD_MS,
      }),
    60000,
  );
  if (!report.complete || Object.keys(readPendingBuilds()).length) {
    try {
      report.continuationScheduled = scheduleContinuation();
    } catch (e) {
      report.problems.push(
        `Chưa hẹn được lần chạy tiếp theo: ${String(e)}. Hãy chạy lại "Tạo / cập nhật biểu mẫu báo cáo thôn".`,
      );
    }
  } else {
    deleteContinuations();
  }
  if (!report.complete) {
    alertUser(
      'Biểu mẫu đang được tạo dần… sẽ tiếp tục tự động',
      formRunNote(report),
    );
    return report;
  }
  let triggerCreated = false;
  try {
    triggerCreated = ensureFormTrigger();
  } catch (e) {
    report.problems.push(
      `Chưa bật được việc nhận câu trả lời tự động: ${String(e)}. Hãy chạy "Bật công việc tự động".`,
    );
  }
  report.triggerCreated = triggerCreated;
  // Responses that arrived while nothing was listening are recorded now.
  const tab = report.responseTab ? ss.getSheetByName(report.responseTab) : null;
  if (tab) {
    try {
      const caught = withDocumentLock(
        () => catchUpResponses(ss, clock, tab),
        60000,
      );
      report.caughtUp = caught.filter(o => o.action === 'stored').length;
    } catch (e) {
      report.problems.push(
        `Chưa ghi lại được các câu trả lời còn thiếu: ${String(e)}`,
      );
    }
  }
  alertUser(
    report.signInRequired
      ? 'Biểu mẫu đã sẵn sàng nhưng thôn phải đăng nhập mới gửi được'
      : report.created
        ? 'Đã tạo biểu mẫu báo cáo thôn'
        : 'Đã cập nhật biểu mẫu báo cáo thôn',
    formRunNote(report),
  );
  return report;
}

function createLocked(
  ss: Spreadsheet,
  clock: RunClock,
  periodId: string,
  limits: {budget: number; startedAt: number; maxMs: number},
): FormRunReport {
  const data = loadWorkbook(ss, clock.offset);
  const period = data.periods.find(p => p.id === periodId) as PeriodRecord;
  const villages = activeVillages(data.units);
  const problems: string[] = [];
  if (!villages.length) {
    problems.push(
      'Tab Đơn vị chưa có thôn nào đang hoạt động (Loại "Thôn"): danh sách thôn trong biểu mẫu đang trống.',
    );
  }
  if (villages.some(v => v.sample)) {
    problems.push(
      'Danh sách thôn còn dữ liệu mẫu: thay bằng các thôn thật ở tab Đơn vị rồi chạy lại để cập nhật biểu mẫu.',
    );
  }
  const spec = formSpecFor(data, period);
  if (!spec.tasks.length) {
    problems.push(
      'Không có nhiệm vụ nào cần thôn báo cáo (cột "Thôn báo cáo qua biểu mẫu" ở tab Nhiệm vụ).',
    );
  }

  const records = readFormRecords();
  const record = records[period.id];
  const builds = readPendingBuilds();
  let form = openForm(period, record, problems);
  const createdNow = form === null;
  if (!form) form = FormApp.create(spec.title);
  else form.setTitle(spec.title);
  const formId = form.getId();
  const specKey = specSignature(spec);
  const resumed =
    !createdNow && builds[period.id]?.formId === formId
      ? builds[period.id]
      : undefined;
  // A build that created the form says "created" when it finishes, whichever run finishes it.
  const created = createdNow || !!resumed?.created;
  form.setDescription(spec.description);
  form.setConfirmationMessage(spec.confirmation);
  if (createdNow) {
    form.setCollectEmail(false);
    form.setProgressBar(true);
  }

  const renderer = new FormRenderer(form);
  const sameSpec = resumed?.specKey === specKey;
  const sync = renderer.sync(spec, {
    fresh: createdNow || (sameSpec && !!resumed?.fresh),
    start: sameSpec ? (resumed?.done ?? 0) : 0,
    ...limits,
  });
  const villageList = sync.villageList;
  const pendingBase = {
    periodId: period.id,
    periodName: period.name,
    formId,
    created,
    tasks: spec.tasks,
    villages: spec.villageChoices.length,
    itemsAdded: renderer.added,
    itemsRemoved: renderer.removed,
    itemsDone: sync.done,
    itemsTotal: spec.items.length,
    continuationScheduled: false,
    triggerCreated: false,
    caughtUp: 0,
    problems,
  };
  if (!sync.complete) {
    // Stop here: the items made so far stay; the next run goes on from sync.done.
    builds[period.id] = {
      formId,
      done: sync.done,
      fresh: createdNow || (sameSpec && !!resumed?.fresh),
      created,
      specKey,
    };
    writePendingBuilds(builds);
    const publishedUrl = record?.formId === formId ? record.publishedUrl : '';
    const editUrl = record?.formId === formId ? record.editUrl : '';
    records[period.id] = {
      formId,
      publishedUrl,
      editUrl,
      sheetId: record?.formId === formId ? record.sheetId : null,
    };
    writeFormRecords(records);
    const partial: FormRunReport = {
      ...pendingBase,
      publishedUrl,
      editUrl,
      responseTab: '',
      addedVillages: [],
      removedVillages: [],
      links: 0,
      published: null,
      signInRequired: false,
      accepting: false,
      complete: false,
    };
    appendHistory(ss, clock, [
      {
        action: 'Đang tạo dần biểu mẫu báo cáo thôn',
        target: period.id,
        after: `${sync.done}/${spec.items.length}`,
        note: formRunNote(partial),
      },
    ]);
    return partial;
  }
  if (builds[period.id]) {
    delete builds[period.id];
    writePendingBuilds(builds);
  }

  const ssId = ss.getId();
  let sheetId = created ? null : (record?.sheetId ?? null);
  if (destinationOf(form) !== ssId) {
    form.setDestination(FormApp.DestinationType.SPREADSHEET, ssId);
    sheetId = null;
    SpreadsheetApp.flush();
  }
  const tab = responseTab(ss, formId, period, sheetId);
  let tabReady = false;
  if (tab) {
    const note = protectResponseTab(tab, data.settings.adminEmails);
    if (note) problems.push(note);
    tabReady = !note; // responseTab gave it our name
    // The header as Google laid it out for the form just built (one call), for the script cache:
    // the first response then reads no header. A tab still without one is read by its first response.
    const header = tabHeader(tab);
    if (header) rememberHeader(tab.getSheetId(), header);
  }
  const audience = openToVillages(form);
  problems.push(...audience.problems);
  const published = audience.published;
  const accepting = form.isAcceptingResponses();
  const publishedUrl = form.getPublishedUrl();
  const editUrl = form.getEditUrl();

  // Prefilled links: one made by Google, the others derived from it (no call per village). Each
  // carries the village's own code for the period, which no other village's link reveals.
  let links: FormLink[] = [];
  const codeItem = sync.codeItem;
  if (spec.villageChoices.length && villageList && codeItem) {
    const coder = villageCoder(true);
    const first = spec.villageChoices[0];
    const template = form
      .createResponse()
      .withItemResponse(villageList.createResponse(first.choice))
      .withItemResponse(
        codeItem.createResponse(coder.code(period.id, first.unitCode)),
      )
      .toPrefilledUrl();
    const derived = derivePrefilledUrls(
      template,
      first.choice,
      spec.villageChoices,
      {
        template: coder.code(period.id, first.unitCode),
        of: unitCode => coder.code(period.id, unitCode),
      },
    );
    if (!derived.length) {
      problems.push(
        'Không tạo được đường dẫn điền sẵn (Google trả về đường dẫn không có tên thôn hay mã xác nhận).',
      );
    }
    const nameOf = new Map(villages.map(v => [v.code, v.name] as const));
    links = derived.map(d => ({
      periodId: period.id,
      unitCode: d.unitCode,
      village: nameOf.get(d.unitCode) ?? d.choice,
      url: d.url,
      formId,
      updatedAt: clock.now.toISOString(),
    }));
  }
  const {added, removed} = writeLinks(ss, clock, period, links);
  writePeriodForm(clock, data, period, formId, publishedUrl);
  records[period.id] = {
    formId,
    publishedUrl,
    editUrl,
    sheetId: tab ? tab.getSheetId() : sheetId,
    ...(tabReady ? {tabReady} : {}),
  };
  writeFormRecords(records);

  if (!accepting)
    problems.push(
      'Biểu mẫu đang tắt "Chấp nhận câu trả lời": bật lại trong Google Biểu mẫu để thôn gửi được.',
    );

  const report: FormRunReport = {
    periodId: period.id,
    periodName: period.name,
    formId,
    publishedUrl,
    editUrl,
    created,
    responseTab: tab ? tab.getName() : '',
    tasks: spec.tasks,
    villages: spec.villageChoices.length,
    addedVillages: created ? [] : added,
    removedVillages: removed,
    links: links.length,
    itemsAdded: renderer.added,
    itemsRemoved: renderer.removed,
    published,
    signInRequired: audience.signInRequired,
    accepting,
    triggerCreated: false,
    complete: true,
    itemsDone: sync.done,
    itemsTotal: spec.items.length,
    continuationScheduled: false,
    caughtUp: 0,
    problems,
  };
  appendHistory(ss, clock, [
    {
      action: created
        ? 'Tạo biểu mẫu báo cáo thôn'
        : 'Cập nhật biểu mẫu báo cáo thôn',
      target: period.id,
      after: publishedUrl,
      note: formRunNote(report),
    },
  ]);
  return report;
}
