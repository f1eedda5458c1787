// FormApp: forms, items, responses, prefilled URLs, the response sheet and form-submit triggers, as Google behaves.
export {
  DestinationTypeEnum,
  FormSubmitError,
  ItemTypeEnum,
  PageNavigationTypeEnum,
  encodeFormValue,
  formIdsInUrl,
} from './state';
export type {
  FormAnswerState,
  FormItemState,
  FormItemType,
  FormResponseState,
  FormState,
  SubmitOptions,
  SubmitResult,
  TextValidationState,
} from './state';
export {FormStore} from './store';
export type {FormsDomainPolicy} from './store';
export {
  ParagraphTextValidationBuilderImpl,
  TextValidationBuilderImpl,
} from './validation';
export {
  CheckboxItemImpl,
  ChoiceImpl,
  DateItemImpl,
  ItemImpl,
  ItemResponseImpl,
  ListItemImpl,
  MultipleChoiceItemImpl,
  PageBreakItemImpl,
  ParagraphTextItemImpl,
  ScaleItemImpl,
  SectionHeaderItemImpl,
  TextItemImpl,
} from './items';
export {FormResponseImpl} from './responses';
export {FormAppImpl, FormImpl} from './form';
export {FormsHost, installForms} from './host';
export type {PublishedForm, PublishedItem} from './host';
