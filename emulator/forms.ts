// FormApp: forms, items, responses, prefilled URLs, the response sheet and form-submit triggers, as Google behaves.
import {createHash} from 'node:crypto';
import type {EmulatorContext} from './context';
import type {TriggerRun, Workspace, WorkspaceExtension} from './index';
import {
  UserImpl,
  emailOf,
  gasError,
  instrument,
  isDate,
  realmDate,
} from './runtime';
import {gasEnum} from './spreadsheet/enums';
import type {SheetModel, SpreadsheetModel} from './spreadsheet/model';
import {RangeImpl} from './spreadsheet/range';
import {displayValue} from './spreadsheet/values';
import {wallClock} from './tz';

type Gas = typeof GoogleAppsScript.Forms;
type GasForm = GoogleAppsScript.Forms.Form;
type GasItem = GoogleAppsScript.Forms.Item;
type GasFormResponse = GoogleAppsScript.Forms.FormResponse;
type GasItemResponse = GoogleAppsScript.Forms.ItemResponse;

// ---------------------------------------------------------------------------------------------
// Enums.

export const ItemTypeEnum = gasEnum<Gas['ItemType']>(
  'CHECKBOX',
  'CHECKBOX_GRID',
  'DATE',
  'DATETIME',
  'DURATION',
  'GRID',
  'IMAGE',
  'LIST',
  'MULTIPLE_CHOICE',
  'PAGE_BREAK',
  'PARAGRAPH_TEXT',
  'SCALE',
  'SECTION_HEADER',
  'TEXT',
  'TIME',
  'VIDEO',
  'FILE_UPLOAD',
);
export const DestinationTypeEnum =
  gasEnum<Gas['DestinationType']>('SPREADSHEET');
export const PageNavigationTypeEnum = gasEnum<Gas['PageNavigationType']>(
  'CONTINUE',
  'GO_TO_PAGE',
  'RESTART',
  'SUBMIT',
);
const AlignmentEnum = gasEnum<Gas['Alignment']>('LEFT', 'CENTER', 'RIGHT');
const FeedbackTypeEnum = gasEnum<Gas['FeedbackType']>(
  'CORRECT',
  'INCORRECT',
  'GENERAL',
);

/** The item types the emulator can create and answer. */
export type FormItemType =
  | 'CHECKBOX'
  | 'DATE'
  | 'LIST'
  | 'MULTIPLE_CHOICE'
  | 'PAGE_BREAK'
  | 'PARAGRAPH_TEXT'
  | 'SCALE'
  | 'SECTION_HEADER'
  | 'TEXT';

/** Types that are questions (have answers and a column in the response sheet). */
const QUESTION_TYPES = new Set<FormItemType>([
  'CHECKBOX',
  'DATE',
  'LIST',
  'MULTIPLE_CHOICE',
  'PARAGRAPH_TEXT',
  'SCALE',
  'TEXT',
]);

// ---------------------------------------------------------------------------------------------
// State (plain JSON, persisted with the workspace).

export interface TextValidationState {
  /** 'number', 'wholeNumber', 'numberBetween'… , 'email', 'url', 'contains', 'matches', 'length…'. */
  rule: string;
  args: Array<number | string>;
  helpText: string;
}

export interface FormItemState {
  id: number;
  /** The id of the answer field in the published form ("entry.<entryId>"): not the item id. */
  entryId: number;
  type: FormItemType;
  title: string;
  helpText: string;
  required: boolean;
  choices: Array<{
    value: string;
    navigation: string | null;
    gotoItemId: number | null;
  }>;
  otherOption: boolean;
  validation: TextValidationState | null;
  lower: number;
  upper: number;
  leftLabel: string;
  rightLabel: string;
  includesYear: boolean;
  points: number;
  navigation: string | null;
}

export interface FormAnswerState {
  itemId: number;
  value: string | string[];
}

export interface FormResponseState {
  id: string;
  /** ms since epoch. */
  timestamp: number;
  email: string;
  answers: FormAnswerState[];
}

export interface FormState {
  id: string;
  publishedId: string;
  owner: string;
  editors: string[];
  title: string;
  description: string;
  confirmation: string;
  closedMessage: string;
  items: FormItemState[];
  responses: FormResponseState[];
  destination: {spreadsheetId: string; sheetId: number} | null;
  /** The response sheet's columns: the timestamp, the e-mail, then one per question ever asked. */
  columns: Array<{itemId: number | null; role: 'timestamp' | 'email' | 'item'}>;
  accepting: boolean;
  /** Forms made by API calls after mid-2026 start unpublished (`setPublished(true)`). */
  published: boolean;
  collectEmail: boolean;
  progressBar: boolean;
  limitOne: boolean;
  allowEdits: boolean;
  respondAgain: boolean;
  requireLogin: boolean;
  shuffle: boolean;
  publishingSummary: boolean;
  quiz: boolean;
  seq: number;
}

interface FormsJson {
  forms: FormState[];
}

const NOT_FOUND =
  'No item with the given ID could be found. Possibly because you have not edited this item or you do not have permission to access it.';
const NO_DESTINATION = 'The form currently has no response destination.';

function hashNumber(input: string, min: number, span: number): number {
  const h = createHash('sha256').update(input).digest();
  return min + (h.readUInt32BE(0) % span);
}

function hashText(input: string, length: number): string {
  return createHash('sha256')
    .update(input)
    .digest('base64url')
    .slice(0, length);
}

/** The form-urlencoded value as Google's prefilled links write it (spaces as "+"). */
export function encodeFormValue(value: string): string {
  return encodeURIComponent(value).replace(/%20/g, '+');
}

/** Form ids in a URL: edit ("/forms/d/<id>/…") or published ("/forms/d/e/<publishedId>/…"). */
export function formIdsInUrl(url: string): {
  id: string | null;
  publishedId: string | null;
} {
  const pub = /\/forms\/d\/e\/([A-Za-z0-9_-]+)/.exec(url);
  if (pub) return {id: null, publishedId: pub[1]};
  const m = /\/forms\/d\/([A-Za-z0-9_-]+)/.exec(url);
  return {id: m ? m[1] : null, publishedId: null};
}

export class FormSubmitError extends Error {
  constructor(
    message: string,
    readonly problems: Array<{title: string; message: string}> = [],
  ) {
    super(message);
    this.name = 'FormSubmitError';
  }
}

export interface SubmitOptions {
  /** Emulated time of the submission (default now). */
  submittedAt?: Date | string | number;
  /** Respondent e-mail (collected when the form collects e-mails). */
  email?: string;
  /** The Google account the respondent is signed in with (default: none, an anonymous villager). */
  signedInAs?: string;
  /**
   * Check the answers as the respondent's page does (default true): published and accepting,
   * required answered, choices among the choices, text validations. false delivers what is given,
   * as a script's FormResponse.submit() can.
   */
  validate?: boolean;
}

export interface SubmitResult {
  responseId: string;
  /** The response sheet and row, or null when the form has no (existing) destination sheet. */
  sheetName: string | null;
  row: number | null;
  /** The form-submit trigger runs (spreadsheet- and form-level). */
  runs: TriggerRun[];
}

// ---------------------------------------------------------------------------------------------
// The store: every form, its state, and delivery of responses.

/**
 * Who the owner's domain lets answer forms. 'open': a consumer account or a Workspace domain that
 * allows responders outside it (new forms need no sign-in). 'signInByDefault': a Workspace domain
 * whose new forms are restricted to its users until the owner turns that off. 'domainOnly': a
 * domain whose admin forbids sharing forms outside it, so Form.setRequireLogin(false) is refused.
 * (https://developers.google.com/apps-script/reference/forms/form#setRequireLogin(Boolean):
 * "requires respondents to log in to an account in the same domain".)
 */
export type FormsDomainPolicy = 'open' | 'signInByDefault' | 'domainOnly';

export class FormStore implements WorkspaceExtension {
  readonly name = 'forms';
  forms = new Map<string, FormState>();
  domainPolicy: FormsDomainPolicy = 'open';
  /** Deliveries queued while a script execution runs (triggers run after it, as Google does). */
  pending: Array<() => TriggerRun[]> = [];

  constructor(readonly ws: Workspace) {}

  get ctx(): EmulatorContext {
    return this.ws.ctx;
  }

  toJSON(): FormsJson {
    return {forms: [...this.forms.values()]};
  }

  fromJSON(data: unknown): void {
    const j = (data ?? {}) as Partial<FormsJson>;
    this.forms = new Map((j.forms ?? []).map(f => [f.id, f] as const));
    for (const f of this.forms.values()) this.linkSheet(f);
  }

  create(title: string, owner: string): FormState {
    const id = this.ws.nextId('form');
    const f: FormState = {
      id,
      publishedId: `1FAIpQLS${hashText(`${id}:published`, 48)}`,
      owner,
      editors: [],
      title,
      description: '',
      confirmation: '',
      closedMessage: '',
      items: [],
      responses: [],
      destination: null,
      columns: [{itemId: null, role: 'timestamp'}],
      accepting: true,
      published: false,
      collectEmail: false,
      progressBar: false,
      limitOne: false,
      allowEdits: false,
      respondAgain: true,
      requireLogin: this.domainPolicy !== 'open',
      shuffle: false,
      publishingSummary: false,
      quiz: false,
      seq: 0,
    };
    this.forms.set(id, f);
    return f;
  }

  /** A form the user may edit (owner or editor), or Google's "not found" error. */
  open(id: string): FormState {
    const f = this.forms.get(String(id ?? ''));
    const user = (this.ctx.effectiveUser() || '').toLowerCase();
    if (
      !f ||
      !(
        f.owner.toLowerCase() === user ||
        f.editors.some(e => e.toLowerCase() === user)
      )
    ) {
      throw gasError(this.ctx, NOT_FOUND);
    }
    return f;
  }

  byUrl(url: string): FormState | undefined {
    const {id, publishedId} = formIdsInUrl(String(url ?? ''));
    if (id) return this.forms.get(id);
    return [...this.forms.values()].find(f => f.publishedId === publishedId);
  }

  editUrl(f: FormState): string {
    return `https://docs.google.com/forms/d/${f.id}/edit`;
  }

  publishedUrl(f: FormState): string {
    return `https://docs.google.com/forms/d/e/${f.publishedId}/viewform`;
  }

  /**
   * What Sheet.getFormUrl() gives for the form's response sheet: the form's responder address, which
   * Google gives in its published "/forms/d/e/<published id>/viewform" shape — it does not contain
   * the form's id (FormApp.openByUrl(url).getId() does give it).
   */
  sheetFormUrl(f: FormState): string {
    return this.publishedUrl(f);
  }

  newItem(f: FormState, type: FormItemType): FormItemState {
    const n = ++f.seq;
    const item: FormItemState = {
      id: hashNumber(`${f.id}:item:${n}`, 100000000, 1900000000),
      entryId: hashNumber(`${f.id}:entry:${n}`, 100000000, 1900000000),
      type,
      title: '',
      helpText: '',
      required: false,
      choices: [],
      otherOption: false,
      validation: null,
      lower: 1,
      upper: 5,
      leftLabel: '',
      rightLabel: '',
      includesYear: true,
      points: 0,
      navigation: null,
    };
    f.items.push(item);
    return item;
  }

  // ---- the response sheet -------------------------------------------------------------------

  spreadsheet(f: FormState): SpreadsheetModel | null {
    return f.destination
      ? (this.ws.spreadsheetById(f.destination.spreadsheetId) ?? null)
      : null;
  }

  sheet(f: FormState): SheetModel | null {
    const ss = this.spreadsheet(f);
    return ss && f.destination
      ? (ss.sheetById(f.destination.sheetId) ?? null)
      : null;
  }

  /** Marks the destination sheet as the form's (Sheet.getFormUrl). */
  linkSheet(f: FormState): void {
    const sheet = this.sheet(f) as (SheetModel & {formUrl?: string}) | null;
    if (sheet) sheet.formUrl = this.sheetFormUrl(f);
  }

  unlinkSheet(f: FormState): void {
    const sheet = this.sheet(f) as (SheetModel & {formUrl?: string}) | null;
    if (sheet) delete sheet.formUrl;
  }

  /** setDestination: a new "Câu trả lời biểu mẫu N" / "Form Responses N" tab, first, with every response so far. */
  setDestination(f: FormState, spreadsheetId: string): void {
    const ss = this.ws.spreadsheetById(String(spreadsheetId ?? ''));
    const user = this.ctx.effectiveUser();
    if (!ss || !ss.isEditor(user)) throw gasError(this.ctx, NOT_FOUND);
    this.unlinkSheet(f);
    const vi = /^vi/i.test(this.ws.userLocale);
    const base = vi ? 'Câu trả lời biểu mẫu' : 'Form Responses';
    let n = 1;
    while (ss.sheetByNameInsensitive(`${base} ${n}`)) n++;
    const sheet = ss.addSheet(`${base} ${n}`, 0);
    sheet.frozenRows = 1;
    f.destination = {spreadsheetId: ss.id, sheetId: sheet.id};
    f.columns = [{itemId: null, role: 'timestamp'}];
    if (f.collectEmail) f.columns.push({itemId: null, role: 'email'});
    for (const it of f.items)
      if (QUESTION_TYPES.has(it.type))
        f.columns.push({itemId: it.id, role: 'item'});
    this.linkSheet(f);
    this.writeHeader(f, ss, sheet);
    for (const r of f.responses) this.writeRow(f, ss, sheet, r);
  }

  private range(
    ss: SpreadsheetModel,
    sheet: SheetModel,
    row: number,
    numCols: number,
  ): RangeImpl {
    return new RangeImpl(this.ws.spreadsheetEnv, ss, sheet, {
      row,
      col: 1,
      numRows: 1,
      numCols,
    });
  }

  /** Brings the columns up to the form's questions and writes the header row. */
  private writeHeader(
    f: FormState,
    ss: SpreadsheetModel,
    sheet: SheetModel,
  ): void {
    for (const it of f.items) {
      if (
        QUESTION_TYPES.has(it.type) &&
        !f.columns.some(c => c.itemId === it.id)
      ) {
        f.columns.push({itemId: it.id, role: 'item'});
      }
    }
    if (f.collectEmail && !f.columns.some(c => c.role === 'email')) {
      f.columns.push({itemId: null, role: 'email'});
    }
    const vi = /^vi/i.test(this.ws.userLocale);
    const range = this.range(ss, sheet, 1, f.columns.length);
    f.columns.forEach((c, i) => {
      let title: string | null = null;
      if (c.role === 'timestamp') title = vi ? 'Dấu thời gian' : 'Timestamp';
      else if (c.role === 'email')
        title = vi ? 'Địa chỉ email' : 'Email Address';
      else title = f.items.find(it => it.id === c.itemId)?.title ?? null; // a deleted question keeps its header
      if (title !== null)
        this.ws.uncounted(() => range._writeValue(1, i + 1, `'${title}`));
    });
    if (sheet.maxCols < f.columns.length) sheet.maxCols = f.columns.length;
  }

  /** Appends one response as a row; returns its row number. */
  private writeRow(
    f: FormState,
    ss: SpreadsheetModel,
    sheet: SheetModel,
    r: FormResponseState,
  ): number {
    const row = Math.max(sheet.lastRow(), 1) + 1;
    if (sheet.maxRows < row) sheet.maxRows = row;
    const range = this.range(ss, sheet, row, f.columns.length);
    f.columns.forEach((c, i) => {
      let value: unknown = '';
      if (c.role === 'timestamp') value = new Date(r.timestamp);
      else if (c.role === 'email') value = r.email;
      else {
        const a = r.answers.find(x => x.itemId === c.itemId);
        const text =
          a === undefined
            ? ''
            : Array.isArray(a.value)
              ? a.value.join(', ')
              : a.value;
        // Forms keeps answers that look like formulas as text.
        value = /^[=]/.test(text) ? `'${text}` : text;
      }
      this.ws.uncounted(() => range._writeValue(row, i + 1, value));
    });
    return row;
  }

  /** Stores a submitted response and delivers it (now, or after the running execution). */
  store(
    f: FormState,
    answers: FormAnswerState[],
    at: number,
    email: string,
  ): {response: FormResponseState; deliver: () => SubmitResult} {
    const response: FormResponseState = {
      id: `2_ABaOnu${hashText(`${f.id}:response:${f.responses.length + 1}:${at}`, 56)}`,
      timestamp: at,
      email,
      answers,
    };
    f.responses.push(response);
    return {response, deliver: () => this.deliver(f, response)};
  }

  /** Writes the response row and fires the form-submit triggers with Google's event objects. */
  deliver(f: FormState, r: FormResponseState): SubmitResult {
    const result: SubmitResult = {
      responseId: r.id,
      sheetName: null,
      row: null,
      runs: [],
    };
    const ss = this.spreadsheet(f);
    const sheet = this.sheet(f);
    const env = this.ws.spreadsheetEnv;
    if (ss && sheet) {
      this.writeHeader(f, ss, sheet);
      const row = this.writeRow(f, ss, sheet, r);
      result.sheetName = sheet.name;
      result.row = row;
      const header = this.ws.uncounted(
        () => this.range(ss, sheet, 1, f.columns.length).getValues()[0],
      );
      const values = f.columns.map((c, i) => {
        if (c.role === 'timestamp') {
          const cell = sheet.cell(row, i + 1);
          return displayValue(
            cell?.v,
            cell?.fmt?.numberFormat,
            ss.timeZone,
            ss.locale,
          );
        }
        if (c.role === 'email') return r.email;
        const a = r.answers.find(x => x.itemId === c.itemId);
        const type = f.items.find(it => it.id === c.itemId)?.type;
        if (a !== undefined && type === 'DATE') {
          // e.values / e.namedValues are the cells' display strings in the spreadsheet's locale
          // (an en_US sheet shows 3 Sept 2025 as "9/3/2025"):
          // https://developers.google.com/apps-script/guides/triggers/events#form-submit_1
          const cell = sheet.cell(row, i + 1);
          return displayValue(
            cell?.v,
            cell?.fmt?.numberFormat,
            ss.timeZone,
            ss.locale,
          );
        }
        return a === undefined
          ? ''
          : Array.isArray(a.value)
            ? a.value.join(', ')
            : a.value;
      });
      const namedValues: Record<string, string[]> = {};
      header.forEach((h, i) => {
        namedValues[String(h)] = [...(namedValues[String(h)] ?? []), values[i]];
      });
      const event = {
        namedValues,
        range: new RangeImpl(env, ss, sheet, {
          row,
          col: 1,
          numRows: 1,
          numCols: f.columns.length,
        }) as unknown,
        values,
      };
      for (const t of this.ws.triggers) {
        if (
          t.eventType === 'ON_FORM_SUBMIT' &&
          t.source === 'SPREADSHEETS' &&
          t.sourceId === ss.id
        ) {
          result.runs.push(this.ws.fireTrigger(t, event));
        }
      }
    }
    const formEvent = {
      response: new FormResponseImpl(this, f.id, r, null) as unknown,
      source: new FormImpl(this, f.id) as unknown,
    };
    for (const t of this.ws.triggers) {
      if (
        t.eventType === 'ON_FORM_SUBMIT' &&
        t.source === 'FORMS' &&
        t.sourceId === f.id
      ) {
        result.runs.push(this.ws.fireTrigger(t, formEvent));
      }
    }
    return result;
  }

  /** Runs queued deliveries (responses submitted by a script during an execution). */
  deliverPending(): TriggerRun[] {
    const queue = this.pending;
    this.pending = [];
    return queue.flatMap(fn => fn());
  }

  /** The date answer text (yyyy-MM-dd in the script's zone). */
  dateText(d: Date): string {
    const w = wallClock(d.getTime(), this.ctx.timeZone);
    return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
  }
}

// ---------------------------------------------------------------------------------------------
// Validation of one answer (respondent's page and item.createResponse).

function checkText(v: TextValidationState, text: string): boolean {
  const n = Number(text.trim().replace(',', '.'));
  const num = text.trim() !== '' && Number.isFinite(n);
  const [a, b] = v.args as number[];
  switch (v.rule) {
    case 'number':
      return num;
    case 'wholeNumber':
      return num && Number.isInteger(n);
    case 'numberBetween':
      return num && n >= a && n <= b;
    case 'numberNotBetween':
      return num && (n < a || n > b);
    case 'numberEqualTo':
      return num && n === a;
    case 'numberNotEqualTo':
      return num && n !== a;
    case 'numberGreaterThan':
      return num && n > a;
    case 'numberGreaterThanOrEqualTo':
      return num && n >= a;
    case 'numberLessThan':
      return num && n < a;
    case 'numberLessThanOrEqualTo':
      return num && n <= a;
    case 'email':
      return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text);
    case 'url':
      return /^https?:\/\/\S+$/i.test(text);
    case 'contains':
      return new RegExp(String(v.args[0])).test(text);
    case 'notContains':
      return !new RegExp(String(v.args[0])).test(text);
    case 'matches':
      return new RegExp(`^(?:${String(v.args[0])})$`).test(text);
    case 'notMatches':
      return !new RegExp(`^(?:${String(v.args[0])})$`).test(text);
    case 'lengthAtLeast':
      return text.length >= a;
    case 'lengthAtMost':
      return text.length <= a;
    default:
      return true;
  }
}

/** Problems of one answer for an item, in the respondent page's words (Vietnamese, as Google shows them). */
function answerProblem(
  item: FormItemState,
  value: string | string[] | undefined,
): string | null {
  const values =
    value === undefined ? [] : Array.isArray(value) ? value : [value];
  const given = values.filter(v => v.trim() !== '');
  if (!given.length)
    return item.required ? 'Đây là một câu hỏi bắt buộc' : null;
  const choices = item.choices.map(c => c.value);
  switch (item.type) {
    case 'LIST':
    case 'MULTIPLE_CHOICE':
      if (given.length > 1) return 'Chỉ chọn một lựa chọn';
      if (
        !choices.includes(given[0]) &&
        !(item.type === 'MULTIPLE_CHOICE' && item.otherOption)
      ) {
        return `"${given[0]}" không có trong các lựa chọn`;
      }
      return null;
    case 'CHECKBOX':
      for (const v of given) {
        if (!choices.includes(v) && !item.otherOption)
          return `"${v}" không có trong các lựa chọn`;
      }
      return null;
    case 'DATE':
      return /^\d{4}-\d{2}-\d{2}$/.test(given[0]) &&
        !isNaN(Date.parse(given[0]))
        ? null
        : 'Ngày không hợp lệ';
    case 'SCALE': {
      const n = Number(given[0]);
      return Number.isInteger(n) && n >= item.lower && n <= item.upper
        ? null
        : 'Giá trị không hợp lệ';
    }
    case 'TEXT':
    case 'PARAGRAPH_TEXT':
      if (item.validation && !checkText(item.validation, given[0])) {
        return item.validation.helpText || 'Câu trả lời không hợp lệ';
      }
      return null;
    default:
      return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Script-facing classes.

export class ChoiceImpl {
  constructor(
    readonly _ctx: EmulatorContext,
    readonly _value: string,
    readonly _navigation: string | null,
    readonly _goto: GoogleAppsScript.Forms.PageBreakItem | null,
  ) {}
  getValue(): string {
    return this._value;
  }
  getPageNavigationType(): GoogleAppsScript.Forms.PageNavigationType {
    return (this._navigation ??
      'CONTINUE') as unknown as GoogleAppsScript.Forms.PageNavigationType;
  }
  getGotoPage(): GoogleAppsScript.Forms.PageBreakItem {
    return this._goto as GoogleAppsScript.Forms.PageBreakItem;
  }
  isCorrectAnswer(): boolean {
    return false;
  }
}
instrument(ChoiceImpl, 'Choice', 'Forms.Choice');

class ValidationImpl {
  constructor(readonly _state: TextValidationState) {}
}

export class TextValidationBuilderImpl {
  _state: TextValidationState = {rule: '', args: [], helpText: ''};
  constructor(readonly _ctx: EmulatorContext) {}
  _set(rule: string, ...args: Array<number | string>): this {
    this._state = {...this._state, rule, args};
    return this;
  }
  requireNumber() {
    return this._set('number');
  }
  requireWholeNumber() {
    return this._set('wholeNumber');
  }
  requireNumberBetween(start: number, end: number) {
    return this._set('numberBetween', start, end);
  }
  requireNumberNotBetween(start: number, end: number) {
    return this._set('numberNotBetween', start, end);
  }
  requireNumberEqualTo(n: number) {
    return this._set('numberEqualTo', n);
  }
  requireNumberNotEqualTo(n: number) {
    return this._set('numberNotEqualTo', n);
  }
  requireNumberGreaterThan(n: number) {
    return this._set('numberGreaterThan', n);
  }
  requireNumberGreaterThanOrEqualTo(n: number) {
    return this._set('numberGreaterThanOrEqualTo', n);
  }
  requireNumberLessThan(n: number) {
    return this._set('numberLessThan', n);
  }
  requireNumberLessThanOrEqualTo(n: number) {
    return this._set('numberLessThanOrEqualTo', n);
  }
  requireTextIsEmail() {
    return this._set('email');
  }
  requireTextIsUrl() {
    return this._set('url');
  }
  requireTextContainsPattern(p: string) {
    return this._set('contains', p);
  }
  requireTextDoesNotContainPattern(p: string) {
    return this._set('notContains', p);
  }
  requireTextMatchesPattern(p: string) {
    return this._set('matches', p);
  }
  requireTextDoesNotMatchPattern(p: string) {
    return this._set('notMatches', p);
  }
  requireTextLengthGreaterThanOrEqualTo(n: number) {
    return this._set('lengthAtLeast', n);
  }
  requireTextLengthLessThanOrEqualTo(n: number) {
    return this._set('lengthAtMost', n);
  }
  setHelpText(text: string) {
    this._state = {...this._state, helpText: String(text ?? '')};
    return this;
  }
  build(): GoogleAppsScript.Forms.TextValidation {
    return new ValidationImpl({
      ...this._state,
    }) as unknown as GoogleAppsScript.Forms.TextValidation;
  }
}
instrument(
  TextValidationBuilderImpl,
  'TextValidationBuilder',
  'Forms.TextValidationBuilder',
);

export class ParagraphTextValidationBuilderImpl {
  _state: TextValidationState = {rule: '', args: [], helpText: ''};
  constructor(readonly _ctx: EmulatorContext) {}
  _set(rule: string, ...args: Array<number | string>): this {
    this._state = {...this._state, rule, args};
    return this;
  }
  requireTextContainsPattern(p: string) {
    return this._set('contains', p);
  }
  requireTextDoesNotContainPattern(p: string) {
    return this._set('notContains', p);
  }
  requireTextMatchesPattern(p: string) {
    return this._set('matches', p);
  }
  requireTextDoesNotMatchPattern(p: string) {
    return this._set('notMatches', p);
  }
  requireTextLengthGreaterThanOrEqualTo(n: number) {
    return this._set('lengthAtLeast', n);
  }
  requireTextLengthLessThanOrEqualTo(n: number) {
    return this._set('lengthAtMost', n);
  }
  setHelpText(text: string) {
    this._state = {...this._state, helpText: String(text ?? '')};
    return this;
  }
  build(): GoogleAppsScript.Forms.ParagraphTextValidation {
    return new ValidationImpl({
      ...this._state,
    }) as unknown as GoogleAppsScript.Forms.ParagraphTextValidation;
  }
}
instrument(
  ParagraphTextValidationBuilderImpl,
  'ParagraphTextValidationBuilder',
  'Forms.ParagraphTextValidationBuilder',
);

/** An answer to one item: made by item.createResponse or read from a stored response. */
export class ItemResponseImpl {
  constructor(
    readonly _forms: FormStore,
    readonly _formId: string,
    readonly _itemId: number,
    readonly _value: string | string[],
  ) {}
  get _ctx(): EmulatorContext {
    return this._forms.ctx;
  }
  getItem(): GasItem {
    return new ItemImpl(
      this._forms,
      this._formId,
      this._itemId,
    ) as unknown as GasItem;
  }
  getResponse(): string | string[] {
    return Array.isArray(this._value) ? [...this._value] : this._value;
  }
  getFeedback(): GoogleAppsScript.Forms.QuizFeedback {
    return null as unknown as GoogleAppsScript.Forms.QuizFeedback;
  }
  getScore(): number {
    return 0;
  }
  setFeedback(): GasItemResponse {
    return this as unknown as GasItemResponse;
  }
  setScore(): GasItemResponse {
    return this as unknown as GasItemResponse;
  }
}
instrument(ItemResponseImpl, 'ItemResponse', 'Forms.ItemResponse');

/** A response: a draft (createResponse) until submitted, or a stored one. */
export class FormResponseImpl {
  _answers: FormAnswerState[];
  constructor(
    readonly _forms: FormStore,
    readonly _formId: string,
    public _stored: FormResponseState | null,
    draft: FormAnswerState[] | null,
  ) {
    this._answers = _stored ? _stored.answers : (draft ?? []);
  }
  get _ctx(): EmulatorContext {
    return this._forms.ctx;
  }
  _form(): FormState {
    const f = this._forms.forms.get(this._formId);
    if (!f) throw gasError(this._ctx, NOT_FOUND);
    return f;
  }
  _live(): FormItemState[] {
    return this._form().items;
  }
  getId(): string {
    return this._stored ? this._stored.id : (null as unknown as string);
  }
  getTimestamp(): GoogleAppsScript.Base.Date {
    return (
      this._stored ? realmDate(this._ctx, this._stored.timestamp) : null
    ) as GoogleAppsScript.Base.Date;
  }
  getRespondentEmail(): string {
    return this._stored ? this._stored.email : '';
  }
  getEditResponseUrl(): string {
    const f = this._form();
    const id = this._stored ? this._stored.id : '';
    return `${this._forms.publishedUrl(f)}?edit2=${encodeURIComponent(id)}`;
  }
  getItemResponses(): GasItemResponse[] {
    const items = this._live();
    return items
      .filter(it => this._answers.some(a => a.itemId === it.id))
      .map(
        it =>
          new ItemResponseImpl(
            this._forms,
            this._formId,
            it.id,
            (this._answers.find(a => a.itemId === it.id) as FormAnswerState)
              .value,
          ) as unknown as GasItemResponse,
      );
  }
  getGradableItemResponses(): GasItemResponse[] {
    return this.getItemResponses();
  }
  getResponseForItem(item: GasItem): GasItemResponse {
    const id = (item as unknown as ItemImpl)._itemId;
    const a = this._answers.find(x => x.itemId === id);
    return (a
      ? new ItemResponseImpl(this._forms, this._formId, id, a.value)
      : null) as unknown as GasItemResponse;
  }
  getGradableResponseForItem(item: GasItem): GasItemResponse {
    return this.getResponseForItem(item);
  }
  withItemResponse(response: GasItemResponse): GasFormResponse {
    const r = response as unknown as ItemResponseImpl;
    if (r._formId !== this._formId)
      throw gasError(this._ctx, 'The item response belongs to another form.');
    this._answers = this._answers.filter(a => a.itemId !== r._itemId);
    this._answers.push({itemId: r._itemId, value: r._value});
    if (this._stored) this._stored.answers = this._answers;
    return this as unknown as GasFormResponse;
  }
  withItemGrade(gradedResponse: GasItemResponse): GasFormResponse {
    return this.withItemResponse(gradedResponse);
  }
  /** The published form's link with this response's answers filled in (Google's format). */
  toPrefilledUrl(): string {
    const f = this._form();
    const parts = ['usp=pp_url'];
    for (const it of f.items) {
      const a = this._answers.find(x => x.itemId === it.id);
      if (!a) continue;
      for (const v of Array.isArray(a.value) ? a.value : [a.value]) {
        parts.push(`entry.${it.entryId}=${encodeFormValue(v)}`);
      }
    }
    return `${this._forms.publishedUrl(f)}?${parts.join('&')}`;
  }
  submit(): GasFormResponse {
    if (this._stored)
      throw gasError(this._ctx, 'This response has already been submitted.');
    const f = this._form();
    if (!f.accepting)
      throw gasError(this._ctx, 'This form is not accepting responses.');
    const {response, deliver} = this._forms.store(
      f,
      this._answers,
      this._ctx.now().getTime(),
      '',
    );
    this._stored = response;
    // Form-submit triggers run in their own execution once this one ends.
    this._forms.pending.push(() => deliver().runs);
    return this as unknown as GasFormResponse;
  }
}
instrument(FormResponseImpl, 'FormResponse', 'Forms.FormResponse');

/** What every item facade holds: the form, the item id, and helpers (no public methods). */
class ItemCore {
  constructor(
    readonly _forms: FormStore,
    readonly _formId: string,
    readonly _itemId: number,
  ) {}
  get _ctx(): EmulatorContext {
    return this._forms.ctx;
  }
  _form(): FormState {
    const f = this._forms.forms.get(this._formId);
    if (!f) throw gasError(this._ctx, NOT_FOUND);
    return f;
  }
  _s(): FormItemState {
    const it = this._form().items.find(x => x.id === this._itemId);
    if (!it) throw gasError(this._ctx, 'Item has been deleted.');
    return it;
  }
  _response(value: string | string[]): GasItemResponse {
    const problem = answerProblem({...this._s(), required: false}, value);
    if (problem)
      throw gasError(
        this._ctx,
        `Invalid response submitted to item "${this._s().title}": ${problem}.`,
      );
    return new ItemResponseImpl(
      this._forms,
      this._formId,
      this._itemId,
      value,
    ) as unknown as GasItemResponse;
  }
  _choice(value: string, nav: unknown): GoogleAppsScript.Forms.Choice {
    const goto =
      nav && typeof nav === 'object'
        ? (nav as GoogleAppsScript.Forms.PageBreakItem)
        : null;
    const type = goto ? 'GO_TO_PAGE' : typeof nav === 'string' ? nav : null;
    return new ChoiceImpl(
      this._ctx,
      String(value),
      type,
      goto,
    ) as unknown as GoogleAppsScript.Forms.Choice;
  }
  _copy(): this {
    const f = this._form();
    const s = this._s();
    const copy = this._forms.newItem(f, s.type);
    Object.assign(copy, {
      ...JSON.parse(JSON.stringify(s)),
      id: copy.id,
      entryId: copy.entryId,
    });
    f.items.splice(f.items.indexOf(copy), 1);
    f.items.splice(f.items.indexOf(s) + 1, 0, copy);
    return new (
      this.constructor as new (a: FormStore, b: string, c: number) => this
    )(this._forms, this._formId, copy.id);
  }
}

/**
 * The public item methods, written once; each item class gets a copy of the ones its @types
 * interface has (so no class offers a method of another, and each counts as its own class).
 */
class ItemBase extends ItemCore {
  getId(): number {
    return this._s().id;
  }
  getIndex(): number {
    return this._form().items.indexOf(this._s());
  }
  getTitle(): string {
    return this._s().title;
  }
  setTitle(title: string): this {
    this._s().title = String(title ?? '');
    return this;
  }
  getHelpText(): string {
    return this._s().helpText;
  }
  setHelpText(text: string): this {
    this._s().helpText = String(text ?? '');
    return this;
  }
  getType(): GoogleAppsScript.Forms.ItemType {
    return this._s().type as unknown as GoogleAppsScript.Forms.ItemType;
  }
  duplicate(): this {
    return this._copy();
  }
  isRequired(): boolean {
    return this._s().required;
  }
  setRequired(enabled: boolean): this {
    this._s().required = Boolean(enabled);
    return this;
  }
  getPoints(): number {
    return this._s().points;
  }
  setPoints(points: number): this {
    this._s().points = Number(points) || 0;
    return this;
  }
  getGeneralFeedback(): GoogleAppsScript.Forms.QuizFeedback {
    return null as unknown as GoogleAppsScript.Forms.QuizFeedback;
  }
  setGeneralFeedback(): this {
    return this;
  }
  getFeedbackForCorrect(): GoogleAppsScript.Forms.QuizFeedback {
    return null as unknown as GoogleAppsScript.Forms.QuizFeedback;
  }
  getFeedbackForIncorrect(): GoogleAppsScript.Forms.QuizFeedback {
    return null as unknown as GoogleAppsScript.Forms.QuizFeedback;
  }
  setFeedbackForCorrect(): this {
    return this;
  }
  setFeedbackForIncorrect(): this {
    return this;
  }
  createChoice(value: string, nav?: unknown): GoogleAppsScript.Forms.Choice {
    return this._choice(value, nav);
  }
  getChoices(): GoogleAppsScript.Forms.Choice[] {
    return this._s().choices.map(c => {
      const goto =
        c.gotoItemId !== null
          ? (new PageBreakItemImpl(
              this._forms,
              this._formId,
              c.gotoItemId,
            ) as unknown as GoogleAppsScript.Forms.PageBreakItem)
          : null;
      return new ChoiceImpl(
        this._ctx,
        c.value,
        c.navigation,
        goto,
      ) as unknown as GoogleAppsScript.Forms.Choice;
    });
  }
  setChoiceValues(values: string[]): this {
    if (!Array.isArray(values))
      throw gasError(
        this._ctx,
        "The parameters (String) don't match the method signature.",
      );
    const list = values.map(v => String(v ?? ''));
    if (list.some(v => v === ''))
      throw gasError(this._ctx, 'Invalid data updating form.');
    this._s().choices = list.map(value => ({
      value,
      navigation: null,
      gotoItemId: null,
    }));
    return this;
  }
  setChoices(choices: GoogleAppsScript.Forms.Choice[]): this {
    this._s().choices = choices.map(c => {
      const impl = c as unknown as ChoiceImpl;
      const goto = impl._goto as unknown as ItemCore | null;
      return {
        value: impl._value,
        navigation: impl._navigation,
        gotoItemId: goto ? goto._itemId : null,
      };
    });
    return this;
  }
  hasOtherOption(): boolean {
    return this._s().otherOption;
  }
  showOtherOption(enabled: boolean): this {
    this._s().otherOption = Boolean(enabled);
    return this;
  }
  setValidation(validation: unknown): this {
    this._s().validation = {...(validation as ValidationImpl)._state};
    return this;
  }
  clearValidation(): this {
    this._s().validation = null;
    return this;
  }
}

/** Declares an item class with the named methods of ItemBase plus its own. */
function itemClass<T>(
  name: string,
  shared: string[],
  own: Record<string, (this: ItemBase, ...a: never[]) => unknown> = {},
): T {
  const cls = class extends ItemCore {};
  Object.defineProperty(cls, 'name', {value: `${name}Impl`});
  const proto = cls.prototype as unknown as Record<string, unknown>;
  const base = ItemBase.prototype as unknown as Record<string, unknown>;
  for (const m of shared) proto[m] = base[m];
  for (const [m, fn] of Object.entries(own)) proto[m] = fn;
  instrument(cls, name, `Forms.${name}`);
  return cls as unknown as T;
}

type ItemCtor = new (
  forms: FormStore,
  formId: string,
  itemId: number,
) => ItemBase;

const COMMON = [
  'getId',
  'getIndex',
  'getTitle',
  'setTitle',
  'getHelpText',
  'setHelpText',
  'getType',
  'duplicate',
];
const QUESTION = [
  ...COMMON,
  'isRequired',
  'setRequired',
  'getPoints',
  'setPoints',
  'getGeneralFeedback',
  'setGeneralFeedback',
];
const CHOICES = [
  ...COMMON,
  'isRequired',
  'setRequired',
  'getPoints',
  'setPoints',
  'createChoice',
  'getChoices',
  'setChoiceValues',
  'setChoices',
  'getFeedbackForCorrect',
  'getFeedbackForIncorrect',
  'setFeedbackForCorrect',
  'setFeedbackForIncorrect',
];

export const ListItemImpl = itemClass<ItemCtor>('ListItem', CHOICES, {
  createResponse(this: ItemBase, response: string) {
    return this._response(String(response ?? ''));
  },
});
export const MultipleChoiceItemImpl = itemClass<ItemCtor>(
  'MultipleChoiceItem',
  [...CHOICES, 'hasOtherOption', 'showOtherOption'],
  {
    createResponse(this: ItemBase, response: string) {
      return this._response(String(response ?? ''));
    },
  },
);
export const CheckboxItemImpl = itemClass<ItemCtor>(
  'CheckboxItem',
  [
    ...CHOICES,
    'hasOtherOption',
    'showOtherOption',
    'setValidation',
    'clearValidation',
  ],
  {
    createResponse(this: ItemBase, responses: string[]) {
      return this._response((responses ?? []).map(String));
    },
  },
);
export const TextItemImpl = itemClass<ItemCtor>(
  'TextItem',
  [...QUESTION, 'setValidation', 'clearValidation'],
  {
    createResponse(this: ItemBase, response: string) {
      return this._response(String(response ?? ''));
    },
  },
);
export const ParagraphTextItemImpl = itemClass<ItemCtor>(
  'ParagraphTextItem',
  [...QUESTION, 'setValidation', 'clearValidation'],
  {
    createResponse(this: ItemBase, response: string) {
      return this._response(String(response ?? ''));
    },
  },
);
export const DateItemImpl = itemClass<ItemCtor>('DateItem', QUESTION, {
  createResponse(this: ItemBase, response: Date) {
    if (!isDate(response))
      throw gasError(
        this._ctx,
        "The parameters (String) don't match the method signature for FormApp.DateItem.createResponse.",
      );
    return this._response(this._forms.dateText(response));
  },
  includesYear(this: ItemBase) {
    return this._s().includesYear;
  },
  setIncludesYear(this: ItemBase, enable: boolean) {
    this._s().includesYear = Boolean(enable);
    return this;
  },
});
export const ScaleItemImpl = itemClass<ItemCtor>('ScaleItem', QUESTION, {
  createResponse(this: ItemBase, response: number) {
    return this._response(String(response));
  },
  getLowerBound(this: ItemBase) {
    return this._s().lower;
  },
  getUpperBound(this: ItemBase) {
    return this._s().upper;
  },
  setBounds(this: ItemBase, lower: number, upper: number) {
    if (!(lower === 0 || lower === 1) || upper < 3 || upper > 10) {
      throw gasError(this._ctx, 'Invalid data updating form.');
    }
    Object.assign(this._s(), {lower, upper});
    return this;
  },
  getLeftLabel(this: ItemBase) {
    return this._s().leftLabel;
  },
  getRightLabel(this: ItemBase) {
    return this._s().rightLabel;
  },
  setLabels(this: ItemBase, lower: string, upper: string) {
    Object.assign(this._s(), {
      leftLabel: String(lower ?? ''),
      rightLabel: String(upper ?? ''),
    });
    return this;
  },
});
export const PageBreakItemImpl = itemClass<ItemCtor>('PageBreakItem', COMMON, {
  getPageNavigationType(this: ItemBase) {
    return (this._s().navigation ??
      'CONTINUE') as unknown as GoogleAppsScript.Forms.PageNavigationType;
  },
  getGoToPage(this: ItemBase) {
    return null;
  },
  setGoToPage(this: ItemBase, target: unknown) {
    this._s().navigation = typeof target === 'string' ? target : 'GO_TO_PAGE';
    return this;
  },
});
export const SectionHeaderItemImpl = itemClass<ItemCtor>(
  'SectionHeaderItem',
  COMMON,
);

const CLASS_OF: Record<FormItemType, ItemCtor> = {
  CHECKBOX: CheckboxItemImpl,
  DATE: DateItemImpl,
  LIST: ListItemImpl,
  MULTIPLE_CHOICE: MultipleChoiceItemImpl,
  PAGE_BREAK: PageBreakItemImpl,
  PARAGRAPH_TEXT: ParagraphTextItemImpl,
  SCALE: ScaleItemImpl,
  SECTION_HEADER: SectionHeaderItemImpl,
  TEXT: TextItemImpl,
};

/** The generic Item that getItems() returns: cast it with asListItem()… */
export class ItemImpl extends ItemCore {
  _as(type: FormItemType): unknown {
    const s = this._s();
    if (s.type !== type)
      throw gasError(
        this._ctx,
        `Item with ID ${s.id} is of type ${s.type} and cannot be cast to ${type}.`,
      );
    return new CLASS_OF[type](this._forms, this._formId, this._itemId);
  }
  asCheckboxItem() {
    return this._as('CHECKBOX') as GoogleAppsScript.Forms.CheckboxItem;
  }
  asDateItem() {
    return this._as('DATE') as GoogleAppsScript.Forms.DateItem;
  }
  asListItem() {
    return this._as('LIST') as GoogleAppsScript.Forms.ListItem;
  }
  asMultipleChoiceItem() {
    return this._as(
      'MULTIPLE_CHOICE',
    ) as GoogleAppsScript.Forms.MultipleChoiceItem;
  }
  asPageBreakItem() {
    return this._as('PAGE_BREAK') as GoogleAppsScript.Forms.PageBreakItem;
  }
  asParagraphTextItem() {
    return this._as(
      'PARAGRAPH_TEXT',
    ) as GoogleAppsScript.Forms.ParagraphTextItem;
  }
  asScaleItem() {
    return this._as('SCALE') as GoogleAppsScript.Forms.ScaleItem;
  }
  asSectionHeaderItem() {
    return this._as(
      'SECTION_HEADER',
    ) as GoogleAppsScript.Forms.SectionHeaderItem;
  }
  asTextItem() {
    return this._as('TEXT') as GoogleAppsScript.Forms.TextItem;
  }
}
for (const m of COMMON) {
  (ItemImpl.prototype as unknown as Record<string, unknown>)[m] = (
    ItemBase.prototype as unknown as Record<string, unknown>
  )[m];
}
instrument(ItemImpl, 'Item', 'Forms.Item');

const gasItem = (
  forms: FormStore,
  formId: string,
  it: FormItemState,
): GasItem => new ItemImpl(forms, formId, it.id) as unknown as GasItem;

export class FormImpl {
  constructor(
    readonly _forms: FormStore,
    readonly _formId: string,
  ) {}
  get _ctx(): EmulatorContext {
    return this._forms.ctx;
  }
  _f(): FormState {
    const f = this._forms.forms.get(this._formId);
    if (!f) throw gasError(this._ctx, NOT_FOUND);
    return f;
  }
  _gas(): GasForm {
    return this as unknown as GasForm;
  }
  _add<T>(type: FormItemType): T {
    const it = this._forms.newItem(this._f(), type);
    return new CLASS_OF[type](this._forms, this._formId, it.id) as unknown as T;
  }
  /**
   * The index of an item argument. Form.deleteItem / moveItem are documented with an Integer index
   * or a generic `Item` (as getItems() returns); Apps Script refuses anything else, a typed item
   * such as a ListItem included, with its overload error
   * (https://developers.google.com/apps-script/reference/forms/form#moveItem(Item,Integer)).
   */
  _itemIndex(
    item: number | GasItem,
    method: 'deleteItem' | 'moveItem',
    rest: unknown[] = [],
  ): number {
    const items = this._f().items;
    if (typeof item !== 'number' && !(item instanceof ItemImpl)) {
      const kind = (v: unknown) =>
        typeof v === 'number'
          ? 'number'
          : v && typeof v === 'object'
            ? `FormApp.${String(v.constructor?.name ?? 'Object').replace(/Impl$/, '')}`
            : String(v);
      const args = [item, ...rest].map(kind).join(',');
      throw gasError(
        this._ctx,
        `The parameters (${args}) don't match the method signature for FormApp.Form.${method}.`,
      );
    }
    const index =
      typeof item === 'number'
        ? item
        : items.findIndex(x => x.id === (item as unknown as ItemImpl)._itemId);
    if (!Number.isInteger(index) || index < 0 || index >= items.length) {
      throw gasError(
        this._ctx,
        `Invalid item index: ${String(typeof item === 'number' ? item : index)}.`,
      );
    }
    return index;
  }

  addCheckboxItem() {
    return this._add<GoogleAppsScript.Forms.CheckboxItem>('CHECKBOX');
  }
  addDateItem() {
    return this._add<GoogleAppsScript.Forms.DateItem>('DATE');
  }
  addListItem() {
    return this._add<GoogleAppsScript.Forms.ListItem>('LIST');
  }
  addMultipleChoiceItem() {
    return this._add<GoogleAppsScript.Forms.MultipleChoiceItem>(
      'MULTIPLE_CHOICE',
    );
  }
  addPageBreakItem() {
    return this._add<GoogleAppsScript.Forms.PageBreakItem>('PAGE_BREAK');
  }
  addParagraphTextItem() {
    return this._add<GoogleAppsScript.Forms.ParagraphTextItem>(
      'PARAGRAPH_TEXT',
    );
  }
  addScaleItem() {
    return this._add<GoogleAppsScript.Forms.ScaleItem>('SCALE');
  }
  addSectionHeaderItem() {
    return this._add<GoogleAppsScript.Forms.SectionHeaderItem>(
      'SECTION_HEADER',
    );
  }
  addTextItem() {
    return this._add<GoogleAppsScript.Forms.TextItem>('TEXT');
  }

  getId(): string {
    return this._f().id;
  }
  getTitle(): string {
    return this._f().title;
  }
  setTitle(title: string): GasForm {
    this._f().title = String(title ?? '');
    return this._gas();
  }
  getDescription(): string {
    return this._f().description;
  }
  setDescription(description: string): GasForm {
    this._f().description = String(description ?? '');
    return this._gas();
  }
  getConfirmationMessage(): string {
    return this._f().confirmation;
  }
  setConfirmationMessage(message: string): GasForm {
    this._f().confirmation = String(message ?? '');
    return this._gas();
  }
  getCustomClosedFormMessage(): string {
    return this._f().closedMessage;
  }
  setCustomClosedFormMessage(message: string): GasForm {
    this._f().closedMessage = String(message ?? '');
    return this._gas();
  }
  getEditUrl(): string {
    return this._forms.editUrl(this._f());
  }
  getPublishedUrl(): string {
    return this._forms.publishedUrl(this._f());
  }
  getSummaryUrl(): string {
    return `https://docs.google.com/forms/d/${this._f().id}/viewanalytics`;
  }
  shortenFormUrl(url: string): string {
    return `https://forms.gle/${hashText(String(url ?? ''), 17)}`;
  }

  getEditors(): GoogleAppsScript.Base.User[] {
    return this._f().editors.map(
      e => new UserImpl(this._ctx, e) as unknown as GoogleAppsScript.Base.User,
    );
  }
  addEditor(user: string | GoogleAppsScript.Base.User): GasForm {
    const e = emailOf(user);
    const f = this._f();
    if (!f.editors.includes(e) && e !== f.owner) f.editors.push(e);
    return this._gas();
  }
  addEditors(emails: string[]): GasForm {
    for (const e of emails) this.addEditor(e);
    return this._gas();
  }
  removeEditor(user: string | GoogleAppsScript.Base.User): GasForm {
    const e = emailOf(user).toLowerCase();
    const f = this._f();
    f.editors = f.editors.filter(x => x.toLowerCase() !== e);
    return this._gas();
  }

  getItems(itemType?: GoogleAppsScript.Forms.ItemType): GasItem[] {
    const f = this._f();
    return f.items
      .filter(it => itemType === undefined || it.type === String(itemType))
      .map(it => gasItem(this._forms, this._formId, it));
  }
  getItemById(id: number): GasItem {
    const f = this._f();
    const it = f.items.find(x => x.id === Number(id));
    return (it ? gasItem(this._forms, this._formId, it) : null) as GasItem;
  }
  deleteItem(item: number | GasItem): void {
    const f = this._f();
    f.items.splice(this._itemIndex(item, 'deleteItem'), 1);
  }
  moveItem(from: number | GasItem, to: number): GasItem {
    const f = this._f();
    const index = this._itemIndex(from, 'moveItem', [to]);
    if (!Number.isInteger(to) || to < 0 || to >= f.items.length)
      throw gasError(this._ctx, `Invalid item index: ${to}.`);
    const [it] = f.items.splice(index, 1);
    f.items.splice(to, 0, it);
    return gasItem(this._forms, this._formId, it);
  }

  setDestination(
    type: GoogleAppsScript.Forms.DestinationType,
    id: string,
  ): GasForm {
    if (String(type) !== 'SPREADSHEET')
      throw gasError(this._ctx, 'Invalid destination type.');
    this._forms.setDestination(this._f(), id);
    return this._gas();
  }
  getDestinationId(): string {
    const f = this._f();
    if (!f.destination) throw gasError(this._ctx, NO_DESTINATION);
    return f.destination.spreadsheetId;
  }
  getDestinationType(): GoogleAppsScript.Forms.DestinationType {
    const f = this._f();
    if (!f.destination) throw gasError(this._ctx, NO_DESTINATION);
    return 'SPREADSHEET' as unknown as GoogleAppsScript.Forms.DestinationType;
  }
  removeDestination(): GasForm {
    const f = this._f();
    this._forms.unlinkSheet(f);
    f.destination = null;
    return this._gas();
  }

  createResponse(): GasFormResponse {
    this._f();
    return new FormResponseImpl(
      this._forms,
      this._formId,
      null,
      [],
    ) as unknown as GasFormResponse;
  }
  getResponses(timestamp?: GoogleAppsScript.Base.Date): GasFormResponse[] {
    const since = timestamp ? (timestamp as Date).getTime() : -Infinity;
    return this._f()
      .responses.filter(r => r.timestamp >= since)
      .map(
        r =>
          new FormResponseImpl(
            this._forms,
            this._formId,
            r,
            null,
          ) as unknown as GasFormResponse,
      );
  }
  getResponse(responseId: string): GasFormResponse {
    const r = this._f().responses.find(x => x.id === responseId);
    if (!r) throw gasError(this._ctx, NOT_FOUND);
    return new FormResponseImpl(
      this._forms,
      this._formId,
      r,
      null,
    ) as unknown as GasFormResponse;
  }
  deleteResponse(responseId: string): GasForm {
    const f = this._f();
    if (!f.responses.some(r => r.id === responseId))
      throw gasError(this._ctx, NOT_FOUND);
    f.responses = f.responses.filter(r => r.id !== responseId);
    return this._gas();
  }
  deleteAllResponses(): GasForm {
    this._f().responses = [];
    return this._gas();
  }

  isAcceptingResponses(): boolean {
    return this._f().accepting;
  }
  setAcceptingResponses(enabled: boolean): GasForm {
    this._f().accepting = Boolean(enabled);
    return this._gas();
  }
  /** Not in @types 2.0.13, but real: forms made by API start unpublished. */
  isPublished(): boolean {
    return this._f().published;
  }
  setPublished(published: boolean): GasForm {
    this._f().published = Boolean(published);
    return this._gas();
  }
  collectsEmail(): boolean {
    return this._f().collectEmail;
  }
  setCollectEmail(collect: boolean): GasForm {
    this._f().collectEmail = Boolean(collect);
    return this._gas();
  }
  hasProgressBar(): boolean {
    return this._f().progressBar;
  }
  setProgressBar(enabled: boolean): GasForm {
    this._f().progressBar = Boolean(enabled);
    return this._gas();
  }
  hasLimitOneResponsePerUser(): boolean {
    return this._f().limitOne;
  }
  setLimitOneResponsePerUser(enabled: boolean): GasForm {
    this._f().limitOne = Boolean(enabled);
    return this._gas();
  }
  canEditResponse(): boolean {
    return this._f().allowEdits;
  }
  setAllowResponseEdits(enabled: boolean): GasForm {
    this._f().allowEdits = Boolean(enabled);
    return this._gas();
  }
  hasRespondAgainLink(): boolean {
    return this._f().respondAgain;
  }
  setShowLinkToRespondAgain(enabled: boolean): GasForm {
    this._f().respondAgain = Boolean(enabled);
    return this._gas();
  }
  requiresLogin(): boolean {
    return this._f().requireLogin;
  }
  setRequireLogin(requireLogin: boolean): GasForm {
    if (!requireLogin && this._forms.domainPolicy === 'domainOnly') {
      // Google's wording is not documented; the domain's sharing policy refuses the change.
      throw gasError(
        this._ctx,
        "Your organization's policy does not allow this form to accept responses from outside the organization.",
      );
    }
    this._f().requireLogin = Boolean(requireLogin);
    return this._gas();
  }
  getShuffleQuestions(): boolean {
    return this._f().shuffle;
  }
  setShuffleQuestions(shuffle: boolean): GasForm {
    this._f().shuffle = Boolean(shuffle);
    return this._gas();
  }
  isPublishingSummary(): boolean {
    return this._f().publishingSummary;
  }
  setPublishingSummary(enabled: boolean): GasForm {
    this._f().publishingSummary = Boolean(enabled);
    return this._gas();
  }
  isQuiz(): boolean {
    return this._f().quiz;
  }
  setIsQuiz(enabled: boolean): GasForm {
    this._f().quiz = Boolean(enabled);
    return this._gas();
  }
}
instrument(FormImpl, 'Form', 'Forms.Form');

export class FormAppImpl {
  Alignment = AlignmentEnum;
  DestinationType = DestinationTypeEnum;
  FeedbackType = FeedbackTypeEnum;
  ItemType = ItemTypeEnum;
  PageNavigationType = PageNavigationTypeEnum;
  constructor(readonly _forms: FormStore) {}
  get _ctx(): EmulatorContext {
    return this._forms.ctx;
  }
  create(title: string): GasForm {
    const owner = this._ctx.effectiveUser();
    const f = this._forms.create(String(title ?? ''), owner);
    return new FormImpl(this._forms, f.id) as unknown as GasForm;
  }
  openById(id: string): GasForm {
    const f = this._forms.open(id);
    return new FormImpl(this._forms, f.id) as unknown as GasForm;
  }
  openByUrl(url: string): GasForm {
    const found = this._forms.byUrl(String(url ?? ''));
    const f = this._forms.open(found ? found.id : '');
    return new FormImpl(this._forms, f.id) as unknown as GasForm;
  }
  /** A script bound to a spreadsheet has no active form. */
  getActiveForm(): GasForm {
    return null as unknown as GasForm;
  }
  getUi(): GoogleAppsScript.Base.Ui {
    throw gasError(this._ctx, 'Cannot call FormApp.getUi() from this context.');
  }
  createTextValidation(): GoogleAppsScript.Forms.TextValidationBuilder {
    return new TextValidationBuilderImpl(
      this._ctx,
    ) as unknown as GoogleAppsScript.Forms.TextValidationBuilder;
  }
  createParagraphTextValidation(): GoogleAppsScript.Forms.ParagraphTextValidationBuilder {
    return new ParagraphTextValidationBuilderImpl(
      this._ctx,
    ) as unknown as GoogleAppsScript.Forms.ParagraphTextValidationBuilder;
  }
}
instrument(FormAppImpl, 'FormApp', 'Forms.FormApp');

// ---------------------------------------------------------------------------------------------
// Host API.

/** A question as the respondent's page shows it (host view, for rendering). */
export interface PublishedItem {
  id: number;
  entryId: number;
  type: FormItemType;
  title: string;
  helpText: string;
  required: boolean;
  choices: string[];
  otherOption: boolean;
  validationHelp: string;
  /** 'number' / 'wholeNumber'… when the answer must be a number. */
  validationRule: string;
  lower: number;
  upper: number;
}

export interface PublishedForm {
  id: string;
  publishedId: string;
  title: string;
  description: string;
  confirmation: string;
  closedMessage: string;
  accepting: boolean;
  published: boolean;
  items: PublishedItem[];
}

/** The host's view of FormApp: every form, responding as a person does, deliveries. */
export class FormsHost {
  constructor(readonly store: FormStore) {}

  /** Who the owner's domain lets answer forms (see FormsDomainPolicy); 'open' by default. */
  get domainPolicy(): FormsDomainPolicy {
    return this.store.domainPolicy;
  }
  set domainPolicy(policy: FormsDomainPolicy) {
    this.store.domainPolicy = policy;
  }

  /** Every form, in creation order. */
  list(): FormState[] {
    return [...this.store.forms.values()];
  }

  get(formId: string): FormState | undefined {
    return this.store.forms.get(formId);
  }

  /** The form an edit URL, published URL or prefilled link points at. */
  byUrl(url: string): FormState | undefined {
    return this.store.byUrl(url);
  }

  publishedUrl(formId: string): string {
    const f = this.require(formId);
    return this.store.publishedUrl(f);
  }

  private require(formIdOrUrl: string): FormState {
    const f =
      this.store.forms.get(formIdOrUrl) ?? this.store.byUrl(formIdOrUrl);
    if (!f) throw new Error(`No form ${formIdOrUrl}`);
    return f;
  }

  /** The form as its respondents see it. */
  published(formIdOrUrl: string): PublishedForm {
    const f = this.require(formIdOrUrl);
    return {
      id: f.id,
      publishedId: f.publishedId,
      title: f.title,
      description: f.description,
      confirmation: f.confirmation,
      closedMessage: f.closedMessage,
      accepting: f.accepting,
      published: f.published,
      items: f.items.map(it => ({
        id: it.id,
        entryId: it.entryId,
        type: it.type,
        title: it.title,
        helpText: it.helpText,
        required: it.required,
        choices: it.choices.map(c => c.value),
        otherOption: it.otherOption,
        validationHelp: it.validation?.helpText ?? '',
        validationRule: it.validation?.rule ?? '',
        lower: it.lower,
        upper: it.upper,
      })),
    };
  }

  /** The answers a prefilled link carries, by entry id ("entry.123" → values). */
  prefilledAnswers(url: string): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    const q = url.indexOf('?');
    if (q < 0) return out;
    for (const pair of url
      .slice(q + 1)
      .split('#')[0]
      .split('&')) {
      const eq = pair.indexOf('=');
      if (eq < 0) continue;
      const key = pair.slice(0, eq);
      if (!/^entry\.\d+$/.test(key)) continue;
      const value = decodeURIComponent(pair.slice(eq + 1).replace(/\+/g, ' '));
      (out[key] ??= []).push(value);
    }
    return out;
  }

  /**
   * A person submits the form: answers by question title or by "entry.<id>" (as the page posts
   * them). Stores the response, appends its row to the response sheet and fires the spreadsheet-
   * and form-level form-submit triggers with Google's event objects.
   */
  submit(
    formIdOrUrl: string,
    answers: Record<string, string | string[] | undefined>,
    opts: SubmitOptions = {},
  ): SubmitResult {
    const f = this.require(formIdOrUrl);
    const validate = opts.validate !== false;
    if (validate && !f.published) {
      throw new FormSubmitError(
        `Biểu mẫu "${f.title}" chưa được xuất bản, chưa nhận câu trả lời.`,
      );
    }
    if (validate && !f.accepting) {
      throw new FormSubmitError(
        f.closedMessage || `Biểu mẫu "${f.title}" không còn nhận câu trả lời.`,
      );
    }
    if (validate && f.requireLogin) {
      const domain = (e: string) => e.toLowerCase().split('@')[1] ?? '';
      const who = opts.signedInAs ?? '';
      if (!who || domain(who) !== domain(f.owner)) {
        throw new FormSubmitError(
          `Biểu mẫu "${f.title}" chỉ nhận câu trả lời của người đăng nhập tài khoản @${domain(f.owner)}.`,
        );
      }
    }
    const given = new Map<number, string | string[]>();
    const unknown: string[] = [];
    for (const [key, raw] of Object.entries(answers)) {
      if (raw === undefined) continue;
      const entry = /^entry\.(\d+)$/.exec(key);
      const it = entry
        ? f.items.find(x => x.entryId === Number(entry[1]))
        : f.items.find(x => x.title === key && QUESTION_TYPES.has(x.type));
      if (!it || !QUESTION_TYPES.has(it.type)) {
        unknown.push(key);
        continue;
      }
      const value =
        it.type === 'CHECKBOX'
          ? (Array.isArray(raw) ? raw : [raw]).map(String)
          : Array.isArray(raw)
            ? raw.map(String).join(', ')
            : String(raw);
      given.set(it.id, value);
    }
    if (unknown.length)
      throw new FormSubmitError(`Không có câu hỏi: ${unknown.join(', ')}`);
    if (validate) {
      const problems: Array<{title: string; message: string}> = [];
      for (const it of f.items) {
        if (!QUESTION_TYPES.has(it.type)) continue;
        const p = answerProblem(it, given.get(it.id));
        if (p) problems.push({title: it.title, message: p});
      }
      if (problems.length) {
        throw new FormSubmitError(
          problems.map(p => `${p.title}: ${p.message}`).join('\n'),
          problems,
        );
      }
    }
    const list: FormAnswerState[] = [];
    for (const it of f.items) {
      const v = given.get(it.id);
      if (v === undefined) continue;
      if ((Array.isArray(v) ? v.join('') : v).trim() === '') continue;
      list.push({itemId: it.id, value: v});
    }
    const at =
      opts.submittedAt === undefined
        ? this.store.ws.nowMs()
        : new Date(opts.submittedAt).getTime();
    const {deliver} = this.store.store(f, list, at, opts.email ?? '');
    return deliver();
  }

  /** Delivers responses a script submitted during an execution (their triggers run now). */
  deliverPending(): TriggerRun[] {
    return this.store.deliverPending();
  }
}

/** Adds FormApp to a workspace (global + persisted forms) and returns the host view. */
export function installForms(ws: Workspace): FormsHost {
  const store = new FormStore(ws);
  ws.registerGlobal('FormApp', new FormAppImpl(store));
  ws.registerExtension(store);
  return new FormsHost(store);
}
