// Validation of one answer (checkText, answerProblem) and FormApp's text validation builders.
import type {EmulatorContext} from '../context';
import {instrument} from '../runtime';
import type {FormItemState, TextValidationState} from './state';

// ---------------------------------------------------------------------------------------------
// Validation of one answer (respondent's page and item.createResponse).

export function checkText(v: TextValidationState, text: string): boolean {
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
export function answerProblem(
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

export class ValidationImpl {
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
