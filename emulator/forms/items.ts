// The script-facing items: Choice, ItemResponse, the generic Item and one class per item type.
import type {EmulatorContext} from '../context';
import {gasError, instrument, isDate} from '../runtime';
import {NOT_FOUND} from './state';
import type {FormItemState, FormItemType, FormState} from './state';
import type {FormStore} from './store';
import {answerProblem} from './validation';
import type {ValidationImpl} from './validation';

type GasItem = GoogleAppsScript.Forms.Item;
type GasItemResponse = GoogleAppsScript.Forms.ItemResponse;

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

export const CLASS_OF: Record<FormItemType, ItemCtor> = {
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
