// Use case "Tạo / cập nhật biểu mẫu báo cáo thôn": one Google Form per period, kept in step with the plan and villages.
import {expandPlan} from '../core/assignments';
import {formatVnDate} from '../core/dates';
import {periodAt, sortPeriods} from '../core/periods';
import {sameText} from '../core/text';
import type {ReportingPeriod, Unit} from '../core/types';
import {
  buildFormSpec,
  derivePrefilledUrls,
  titleKey,
  type FormContact,
  type FormItemKind,
  type FormItemSpec,
  type FormSpec,
} from '../core/villageForm';
import {activeVillages} from '../core/villageReports';
import {runClock, type RunClock} from '../services/clock';
import {withDocumentLock} from '../services/lock';
import {
  deleteDocProperty,
  readJsonProperty,
  setDocProperty,
} from '../services/properties';
import {alertUser, getUiOrNull, toast} from '../services/ui';
import {appendHistory} from '../workbook/history';
import {periodToRecord, type PeriodRecord} from '../workbook/records';
import {FORM_LINKS, PERIODS} from '../workbook/schema';
import type {Settings} from '../workbook/settings';
import {readTable, writeRecordAt, writeTable} from '../workbook/table';
import {
  formLinkToRecord,
  rowToFormLink,
  type FormLink,
} from '../workbook/villageReports';
import {loadWorkbook, type WorkbookData} from '../workbook/workbook';
import {catchUpResponses} from './formSubmit';
import {ensureFormTrigger} from './triggers';

type Form = GoogleAppsScript.Forms.Form;
type Item = GoogleAppsScript.Forms.Item;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Document property holding, per period, the form and its response tab (JSON). */
export const FORMS_PROPERTY = 'villageForms';

/** Document property holding, per period, the progress of a form build not yet finished (JSON). */
export const PENDING_FORMS_PROPERTY = 'villageForms.pending';

/** The function a continuation trigger runs (the menu's entry point). */
export const CONTINUATION_HANDLER = 'createVillageForms';

/** How long after a partial build its continuation runs. */
const CONTINUATION_DELAY_MS = 60 * 1000;

/**
 * Forms item operations (add, set, read, delete, move) one run may make. FormApp has no batch API,
 * so a large plan's form is built over several runs, each well within Apps Script's 6 minutes
 * (about 100 s at a conservative 100 ms per Forms call).
 */
export const MAX_ITEM_OPS_PER_RUN = 1000;

/** The most Forms calls one spec item can take (add, title, help, choices, required, validation). */
const MAX_OPS_PER_ITEM = 12;

/** How far an unfinished build of a period's form has gone. */
export interface PendingBuild {
  formId: string;
  /** Spec items placed (created or brought in step) so far, in the spec's order. */
  done: number;
  /** True while the form holds only the items this build created, in the spec's order. */
  fresh: boolean;
  /** True when the build began by creating the form. */
  created: boolean;
  /** The spec's signature when the build began: a changed plan means matching items again. */
  specKey: string;
}

/** Every unfinished build, by period id (never throws). */
export function readPendingBuilds(): Record<string, PendingBuild> {
  return readJsonProperty<PendingBuild>(PENDING_FORMS_PROPERTY);
}

function writePendingBuilds(builds: Record<string, PendingBuild>): void {
  if (Object.keys(builds).length)
    setDocProperty(PENDING_FORMS_PROPERTY, JSON.stringify(builds));
  else deleteDocProperty(PENDING_FORMS_PROPERTY);
}

/** A short signature of the spec's items (titles and kinds, in order). */
function specSignature(spec: FormSpec): string {
  let h = 5381;
  const text = spec.items.map(i => `${i.kind}|${i.title}`).join('\n');
  for (let i = 0; i < text.length; i++)
    h = ((h * 33) ^ text.charCodeAt(i)) >>> 0;
  return `${spec.items.length}:${h.toString(36)}`;
}

type Trigger = GoogleAppsScript.Script.Trigger;

const isContinuation = (t: Trigger) =>
  t.getHandlerFunction() === CONTINUATION_HANDLER &&
  String(t.getEventType()) === 'CLOCK';

/** Deletes this user's continuation triggers; returns how many. */
function deleteContinuations(): number {
  const mine = ScriptApp.getProjectTriggers().filter(isContinuation);
  mine.forEach(t => ScriptApp.deleteTrigger(t));
  return mine.length;
}

/** Schedules one continuation in a minute unless one is already pending; true when created. */
function scheduleContinuation(): boolean {
  if (ScriptApp.getProjectTriggers().some(isContinuation)) return false;
  ScriptApp.newTrigger(CONTINUATION_HANDLER)
    .timeBased()
    .after(CONTINUATION_DELAY_MS)
    .create();
  return true;
}

/** What the document remembers of one period's form. */
export interface FormRecord {
  formId: string;
  publishedUrl: string;
  editUrl: string;
  /** The response tab's sheet id, or null until it is known. */
  sheetId: number | null;
}

/** The name the response tab of a period's form gets. */
export function responseTabName(periodId: string): string {
  return `Phản hồi biểu mẫu ${periodId}`;
}

/** Google's own names for a new response tab ("Câu trả lời biểu mẫu 1", "Form Responses 1"). */
export const DEFAULT_RESPONSE_TAB =
  /^(?:Câu trả lời biểu mẫu|Form Responses|Form responses)( \d+)?$/;

/** Every period's form record, from the document properties (never throws). */
export function readFormRecords(): Record<string, FormRecord> {
  return readJsonProperty<FormRecord>(FORMS_PROPERTY);
}

function writeFormRecords(records: Record<string, FormRecord>): void {
  setDocProperty(FORMS_PROPERTY, JSON.stringify(records));
}

/** Form.setPublished / isPublished exist in Apps Script but not in @types 2.0.13. */
interface Publishable {
  setPublished(published: boolean): unknown;
  isPublished(): boolean;
}

function canPublish(form: Form): form is Form & Publishable {
  const f = form as unknown as Partial<Publishable>;
  return typeof f.setPublished === 'function';
}

/**
 * Publishes the form where the API needs it (forms made by API calls after mid-2026 start
 * unpublished). Returns true when published now or already, null when the form has no such
 * setting (older forms are published from the start).
 */
function publish(form: Form): boolean | null {
  if (!canPublish(form)) return null;
  try {
    if (typeof form.isPublished === 'function' && form.isPublished())
      return true;
    form.setPublished(true);
    return true;
  } catch {
    return null;
  }
}

/** What one run did, for the admin and the tests. */
export interface FormRunReport {
  periodId: string;
  periodName: string;
  formId: string;
  publishedUrl: string;
  editUrl: string;
  created: boolean;
  /** Response tab name, or '' when Google has not shown it yet. */
  responseTab: string;
  tasks: string[];
  villages: number;
  addedVillages: string[];
  removedVillages: string[];
  links: number;
  itemsAdded: number;
  itemsRemoved: number;
  published: boolean | null;
  accepting: boolean;
  triggerCreated: boolean;
  /** False when the run stopped at its budget of Forms calls: a continuation will finish the form. */
  complete: boolean;
  /** Spec items placed so far, of all the spec's items. */
  itemsDone: number;
  itemsTotal: number;
  /** True when this run scheduled the continuation trigger. */
  continuationScheduled: boolean;
  /** Responses found in the response tab but missing from the reports tab, recorded by this run. */
  caughtUp: number;
  problems: string[];
}

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

const ITEM_TYPES: Record<FormItemKind, string> = {
  list: 'LIST',
  choice: 'MULTIPLE_CHOICE',
  text: 'TEXT',
  number: 'TEXT',
  paragraph: 'PARAGRAPH_TEXT',
  date: 'DATE',
  header: 'SECTION_HEADER',
  section: 'PAGE_BREAK',
};

/** An existing item of the form and what we know of it. */
interface Existing {
  item: Item;
  title: string;
  key: string;
  type: string;
  used: boolean;
}

/** Titles we own: a task question "NV5 – …", a section "Nhiệm vụ 5: …", or a fixed title. */
function isOurTitle(title: string, spec: FormSpec): boolean {
  const t = titleKey(title);
  if (/^nv\s*[0-9a-z.]+\s*-/u.test(t) || /^nhiệm vụ [0-9a-z.]+:/u.test(t))
    return true;
  return spec.items.some(i => i.tt === null && titleKey(i.title) === t);
}

/** Where a build starts and how much it may do. */
interface SyncPlan {
  /** The form holds only the first `start` spec items, created by this build in order. */
  fresh: boolean;
  /** Spec items already placed by earlier runs of this build (not configured again). */
  start: number;
  /** Forms item operations this run may make. */
  budget: number;
}

/** What one sync did: the village list (when placed), how far it got, and whether it finished. */
interface SyncResult {
  villageList: GoogleAppsScript.Forms.ListItem | null;
  done: number;
  complete: boolean;
}

class FormRenderer {
  private numberValidation: GoogleAppsScript.Forms.TextValidation | null = null;
  added = 0;
  removed = 0;
  /** Forms calls made by this renderer. */
  ops = 0;

  constructor(private readonly form: Form) {}

  private validation(): GoogleAppsScript.Forms.TextValidation {
    if (!this.numberValidation) {
      this.ops += 4;
      this.numberValidation = FormApp.createTextValidation()
        .requireWholeNumber()
        .setHelpText('Nhập một số nguyên, ví dụ 0, 1, 2.')
        .build();
    }
    return this.numberValidation;
  }

  private create(spec: FormItemSpec): Item {
    const f = this.form;
    this.added++;
    this.ops++;
    switch (spec.kind) {
      case 'list':
        return f.addListItem() as unknown as Item;
      case 'choice':
        return f.addMultipleChoiceItem() as unknown as Item;
      case 'text':
      case 'number':
        return f.addTextItem() as unknown as Item;
      case 'paragraph':
        return f.addParagraphTextItem() as unknown as Item;
      case 'date':
        return f.addDateItem() as unknown as Item;
      case 'header':
        return f.addSectionHeaderItem() as unknown as Item;
      default:
        return f.addPageBreakItem() as unknown as Item;
    }
  }

  /** Sets an item's title, help, required flag, choices and validation to the spec's. */
  private configure(
    item: Item,
    spec: FormItemSpec,
    fresh: boolean,
  ): GoogleAppsScript.Forms.ListItem | null {
    if (fresh) {
      item.setTitle(spec.title);
      this.ops++;
    }
    item.setHelpText(spec.helpText);
    this.ops++;
    // Re-typing an existing item ("asListItem") is one more call.
    if (!fresh && spec.kind !== 'header' && spec.kind !== 'section') this.ops++;
    switch (spec.kind) {
      case 'list': {
        const list = fresh
          ? (item as unknown as GoogleAppsScript.Forms.ListItem)
          : item.asListItem();
        list.setChoiceValues(
          spec.choices.length ? spec.choices : ['(chưa có thôn)'],
        );
        list.setRequired(spec.required);
        this.ops += 2;
        return list;
      }
      case 'choice': {
        const mc = fresh
          ? (item as unknown as GoogleAppsScript.Forms.MultipleChoiceItem)
          : item.asMultipleChoiceItem();
        mc.setChoiceValues(spec.choices);
        mc.setRequired(spec.required);
        this.ops += 2;
        break;
      }
      case 'text':
      case 'number': {
        const text = fresh
          ? (item as unknown as GoogleAppsScript.Forms.TextItem)
          : item.asTextItem();
        text.setRequired(spec.required);
        this.ops++;
        if (spec.kind === 'number') {
          text.setValidation(this.validation());
          this.ops++;
        }
        break;
      }
      case 'paragraph': {
        const p = fresh
          ? (item as unknown as GoogleAppsScript.Forms.ParagraphTextItem)
          : item.asParagraphTextItem();
        p.setRequired(spec.required);
        this.ops++;
        break;
      }
      case 'date': {
        const d = fresh
          ? (item as unknown as GoogleAppsScript.Forms.DateItem)
          : item.asDateItem();
        d.setRequired(spec.required);
        this.ops++;
        break;
      }
      default:
        break;
    }
    return null;
  }

  /** The form's items with their titles and types (1 + 2 calls per item). */
  private readExisting(): Existing[] {
    this.ops++;
    return this.form.getItems().map(item => {
      this.ops += 2;
      const title = item.getTitle();
      return {
        item,
        title,
        key: titleKey(title),
        type: String(item.getType()),
        used: false,
      };
    });
  }

  /**
   * Makes the form's items the spec's, in order: reuses an item with the same title and type (its
   * entry id, response column and prefilled links stay), adds what is missing, deletes our items no
   * longer in the spec (questions the admin added by hand are kept, after ours). Stops before the
   * plan's budget of Forms calls is spent (always placing at least one item, so every run makes
   * progress); the next run goes on from `done`.
   */
  sync(spec: FormSpec, plan: SyncPlan): SyncResult {
    const {budget} = plan;
    let fresh = plan.fresh;
    let start = plan.start;
    const placed: Item[] = [];
    let existing: Existing[] = [];
    let villageList: GoogleAppsScript.Forms.ListItem | null = null;
    const villageIndex = spec.items.findIndex(s => s.role === 'village');
    if (fresh && start > 0) {
      // A build that created the form: its items are the spec's first `start`, in order.
      this.ops++;
      const items = this.form.getItems();
      if (items.length === start) {
        placed.push(...items);
        if (villageIndex >= 0 && villageIndex < start) {
          this.ops++;
          villageList = items[villageIndex].asListItem();
        }
      } else {
        fresh = false;
        start = 0;
      }
    }
    if (!fresh) existing = this.readExisting();
    const full = () => this.ops + MAX_OPS_PER_ITEM > budget;
    let progressed = false;
    for (let i = placed.length; i < spec.items.length; i++) {
      const s = spec.items[i];
      const type = ITEM_TYPES[s.kind];
      const match = existing.find(
        e => !e.used && e.key === titleKey(s.title) && e.type === type,
      );
      if (match && i < start) {
        // Brought in step by an earlier run of this build.
        match.used = true;
        placed.push(match.item);
        if (s.role === 'village') {
          this.ops++;
          villageList = match.item.asListItem();
        }
        continue;
      }
      if (progressed && full()) return {villageList, done: i, complete: false};
      progressed = true;
      let item: Item;
      let list: GoogleAppsScript.Forms.ListItem | null;
      if (match) {
        match.used = true;
        item = match.item;
        list = this.configure(item, s, false);
      } else {
        item = this.create(s);
        list = this.configure(item, s, true);
      }
      placed.push(item);
      if (s.role === 'village') villageList = list;
    }
    const done = spec.items.length;
    for (const e of existing) {
      if (e.used || !isOurTitle(e.title, spec)) continue;
      if (progressed && full()) return {villageList, done, complete: false};
      progressed = true;
      this.form.deleteItem(e.item);
      this.ops++;
      this.removed++;
    }
    // Items added at the end or left by deletions are moved into place; an unchanged form keeps its order.
    if (!fresh && (this.added || this.removed || start > 0)) this.order(placed);
    return {villageList, done, complete: true};
  }

  /** Moves our items into the spec's order (one move per item out of place). */
  private order(placed: Item[]): void {
    this.ops++;
    const ids = this.form.getItems().map(i => {
      this.ops++;
      return i.getId();
    });
    placed.forEach((item, index) => {
      this.ops++;
      const id = item.getId();
      if (ids[index] === id) return;
      this.form.moveItem(item, index);
      this.ops++;
      ids.splice(ids.indexOf(id), 1);
      ids.splice(index, 0, id);
    });
  }
}

// ---------------------------------------------------------------------------------------------
// The use case.

/** Where villages send photos: the collecting office's unit (phone = Zalo, e-mails), else the admins. */
export function formContact(units: Unit[], settings: Settings): FormContact {
  const office = settings.reportTo;
  const unit = units.find(
    u => sameText(u.name, office) || u.aliases.some(a => sameText(a, office)),
  );
  return {
    office,
    phone: unit?.phone ?? '',
    emails: unit?.emails.length ? unit.emails : settings.adminEmails,
  };
}

/** The spec of a period's form from the workbook (assignments as the tab holds them and as the plan expands). */
export function formSpecFor(
  data: WorkbookData,
  period: ReportingPeriod,
): FormSpec {
  const expanded = expandPlan(data.tasks, data.units, data.groups).assignments;
  return buildFormSpec(
    data.tasks,
    [...data.assignments, ...expanded],
    data.units,
    period,
    {
      commune: data.settings.commune,
      contact: formContact(data.units, data.settings),
    },
  );
}

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
 * Finds the form's response tab (by the remembered sheet id, else the tab whose form URL names the
 * form) and gives it our name. Calls bounded by the number of tabs; null when Google has not
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
  if (!sheet)
    sheet = sheets.find(s => String(s.getFormUrl() ?? '').includes(formId));
  if (!sheet) return null;
  nameResponseTab(ss, sheet, period);
  return sheet;
}

/** Renames a response tab still carrying Google's default name to "Phản hồi biểu mẫu <kỳ>". */
export function nameResponseTab(
  ss: Spreadsheet,
  sheet: Sheet,
  period: ReportingPeriod,
): void {
  const name = sheet.getName();
  if (!DEFAULT_RESPONSE_TAB.test(name)) return;
  const wanted = responseTabName(period.id);
  if (!ss.getSheetByName(wanted)) sheet.setName(wanted);
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
}

/**
 * Creates or updates the village form of a period: questions from the plan's tasks, the village
 * list in step with the active villages, the response tab in this spreadsheet, published, and one
 * prefilled link per village in the links tab. Never makes a second form for a period.
 */
export function runCreateVillageForms(
  options: CreateFormsOptions = {},
): FormRunReport | null {
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
    () => createLocked(ss, clock, periodId, budget),
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
    report.created
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
  budget: number,
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
    budget,
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
  const published = publish(form);
  const accepting = form.isAcceptingResponses();
  const publishedUrl = form.getPublishedUrl();
  const editUrl = form.getEditUrl();

  // Prefilled links: one made by Google, the others derived from it (no call per village).
  let links: FormLink[] = [];
  if (spec.villageChoices.length && villageList) {
    const firstChoice = spec.villageChoices[0].choice;
    const template = form
      .createResponse()
      .withItemResponse(villageList.createResponse(firstChoice))
      .toPrefilledUrl();
    const derived = derivePrefilledUrls(
      template,
      firstChoice,
      spec.villageChoices,
    );
    if (!derived.length) {
      problems.push(
        'Không tạo được đường dẫn điền sẵn (Google trả về đường dẫn không có tên thôn).',
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
  };
  writeFormRecords(records);

  if (published === null && created) {
    problems.push(
      'Không bật được chế độ xuất bản của biểu mẫu: mở biểu mẫu và bấm "Xuất bản" nếu Google yêu cầu.',
    );
  }
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

/** One Vietnamese paragraph saying what the run did. */
export function formRunNote(r: FormRunReport): string {
  if (!r.complete) {
    const lines = [
      `Biểu mẫu báo cáo thôn cho ${r.periodName} đang được tạo dần: đã xong ${r.itemsDone}/${r.itemsTotal} mục.`,
      'Biểu mẫu đang được tạo dần… sẽ tiếp tục tự động sau khoảng 1 phút (không cần làm gì thêm). ' +
        `Khi xong, đường dẫn điền sẵn của từng thôn sẽ có ở tab "${FORM_LINKS.name}".`,
    ];
    if (r.problems.length)
      lines.push('', 'Cần xem lại:', ...r.problems.map(p => `• ${p}`));
    return lines.join('\n');
  }
  const lines = [
    `${r.created ? 'Đã tạo' : 'Đã cập nhật'} biểu mẫu báo cáo thôn cho ${r.periodName}: ${r.villages} thôn, ` +
      `${r.tasks.length} nhiệm vụ (${r.tasks.map(t => `NV${t}`).join(', ') || 'không có'}).`,
    `Đường dẫn cho thôn: ${r.publishedUrl}`,
    `Sửa biểu mẫu: ${r.editUrl}`,
    `Đường dẫn điền sẵn của từng thôn: tab "${FORM_LINKS.name}" (${r.links} thôn).`,
  ];
  if (r.responseTab)
    lines.push(
      `Câu trả lời gốc được lưu ở tab "${r.responseTab}"; báo cáo đã chuẩn hóa ở tab "Báo cáo thôn".`,
    );
  if (r.addedVillages.length)
    lines.push(`Thôn mới thêm vào danh sách: ${r.addedVillages.join(', ')}.`);
  if (r.removedVillages.length)
    lines.push(`Thôn đã bỏ khỏi danh sách: ${r.removedVillages.join(', ')}.`);
  if (!r.created && (r.itemsAdded || r.itemsRemoved)) {
    lines.push(
      `Câu hỏi: thêm ${r.itemsAdded}, bỏ ${r.itemsRemoved} (theo các nhiệm vụ hiện tại).`,
    );
  }
  if (r.triggerCreated) lines.push('Đã bật việc nhận câu trả lời tự động.');
  if (r.caughtUp) {
    lines.push(
      `Đã ghi thêm ${r.caughtUp} câu trả lời có trong tab phản hồi nhưng chưa được ghi vào tab "Báo cáo thôn".`,
    );
  }
  if (r.problems.length)
    lines.push('', 'Cần xem lại:', ...r.problems.map(p => `• ${p}`));
  return lines.join('\n');
}

/** The period a form id or response-tab id belongs to, from the periods tab and the document's records. */
export function periodOfForm(
  periods: PeriodRecord[],
  records: Record<string, FormRecord>,
  found: {
    formId?: string | null;
    publishedId?: string | null;
    sheetId?: number | null;
  },
): PeriodRecord | null {
  const byId = (id: string) => periods.find(p => p.id === id) ?? null;
  for (const [periodId, r] of Object.entries(records)) {
    if (
      found.sheetId !== undefined &&
      found.sheetId !== null &&
      r.sheetId === found.sheetId
    ) {
      if (byId(periodId)) return byId(periodId);
    }
  }
  const formId = found.formId ?? '';
  const pub = found.publishedId ?? '';
  for (const p of periods) {
    if (formId && p.formId === formId) return p;
    if (pub && p.formUrl.includes(pub)) return p;
  }
  for (const [periodId, r] of Object.entries(records)) {
    if (
      (formId && r.formId === formId) ||
      (pub && r.publishedUrl.includes(pub))
    ) {
      if (byId(periodId)) return byId(periodId);
    }
  }
  return null;
}
