// FormStore: every form and its state (persisted with the workspace), the response sheet and delivery of responses.
import type {EmulatorContext} from '../context';
import type {TriggerRun, Workspace, WorkspaceExtension} from '../index';
import {gasError} from '../runtime';
import type {SheetModel, SpreadsheetModel} from '../spreadsheet/model';
import {RangeImpl} from '../spreadsheet/range';
import {displayValue} from '../spreadsheet/values';
import {wallClock} from '../tz';
import {FormImpl} from './form';
import {FormResponseImpl} from './responses';
import {
  NOT_FOUND,
  QUESTION_TYPES,
  formIdsInUrl,
  hashNumber,
  hashText,
} from './state';
import type {
  FormAnswerState,
  FormItemState,
  FormItemType,
  FormResponseState,
  FormState,
  SubmitResult,
} from './state';

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

interface FormsJson {
  forms: FormState[];
}

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
