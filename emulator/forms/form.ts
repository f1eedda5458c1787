// Form and FormApp: a form's settings, items, destination and responses, and the FormApp global.
import type {EmulatorContext} from '../context';
import {UserImpl, emailOf, gasError, instrument} from '../runtime';
import {CLASS_OF, ItemImpl} from './items';
import {FormResponseImpl} from './responses';
import {
  AlignmentEnum,
  DestinationTypeEnum,
  FeedbackTypeEnum,
  ItemTypeEnum,
  NOT_FOUND,
  NO_DESTINATION,
  PageNavigationTypeEnum,
  hashText,
} from './state';
import type {FormItemState, FormItemType, FormState} from './state';
import type {FormStore} from './store';
import {
  ParagraphTextValidationBuilderImpl,
  TextValidationBuilderImpl,
} from './validation';

type GasForm = GoogleAppsScript.Forms.Form;
type GasItem = GoogleAppsScript.Forms.Item;
type GasFormResponse = GoogleAppsScript.Forms.FormResponse;

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
