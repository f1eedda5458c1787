// FormResponse: a draft (createResponse) until submitted, or a stored response.
import type {EmulatorContext} from '../context';
import {gasError, instrument, realmDate} from '../runtime';
import {ItemResponseImpl} from './items';
import type {ItemImpl} from './items';
import {NOT_FOUND, encodeFormValue} from './state';
import type {
  FormAnswerState,
  FormItemState,
  FormResponseState,
  FormState,
} from './state';
import type {FormStore} from './store';

type GasItem = GoogleAppsScript.Forms.Item;
type GasFormResponse = GoogleAppsScript.Forms.FormResponse;
type GasItemResponse = GoogleAppsScript.Forms.ItemResponse;

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
