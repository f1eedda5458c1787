// The host's view of FormApp (FormsHost: forms as respondents see them, submitting as a person does) and installForms.
import type {TriggerRun, Workspace} from '../index';
import {FormAppImpl} from './form';
import {FormSubmitError, QUESTION_TYPES} from './state';
import type {
  FormAnswerState,
  FormItemType,
  FormState,
  SubmitOptions,
  SubmitResult,
} from './state';
import {FormStore} from './store';
import type {FormsDomainPolicy} from './store';
import {answerProblem} from './validation';

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
