// Data validation rules and their builder (SpreadsheetApp.newDataValidation()).
import type {EmulatorContext} from '../context';
import {describeApi, gasError, isDate, realmDate} from '../runtime';
import type {SpreadsheetEnv} from './env';
import type {SheetGrid, ValidationState} from './model';
import {RangeImpl} from './range';

type GasDataValidation = GoogleAppsScript.Spreadsheet.DataValidation;
type GasBuilder = GoogleAppsScript.Spreadsheet.DataValidationBuilder;
type Criteria = GoogleAppsScript.Spreadsheet.DataValidationCriteria;

/** How a Range argument is kept inside a stored rule. */
interface RangeArg {
  $range: SheetGrid & {spreadsheetId: string};
}

function isRangeArg(x: unknown): x is RangeArg {
  return !!x && typeof x === 'object' && '$range' in x;
}

function storeArg(x: unknown): unknown {
  if (x instanceof RangeImpl) {
    return {$range: {...x._g, sheetId: x._sheet.id, spreadsheetId: x._ss.id}};
  }
  if (isDate(x)) return new Date(x.getTime());
  if (Array.isArray(x)) return x.map(storeArg);
  return x;
}

function loadArg(env: SpreadsheetEnv, x: unknown): unknown {
  if (isRangeArg(x)) {
    const ss = env.store.byId.get(x.$range.spreadsheetId);
    const sheet = ss?.sheetById(x.$range.sheetId);
    if (!ss || !sheet) return null;
    const {row, col, numRows, numCols} = x.$range;
    return new RangeImpl(env, ss, sheet, {row, col, numRows, numCols});
  }
  if (isDate(x)) return realmDate(env.ctx, x);
  if (Array.isArray(x)) return x.map(a => loadArg(env, a));
  return x;
}

/** A built rule; what Range.getDataValidation returns. */
export class DataValidationImpl implements Partial<GasDataValidation> {
  constructor(
    readonly _env: SpreadsheetEnv,
    readonly _state: ValidationState,
  ) {}
  copy(): GasBuilder {
    return new DataValidationBuilderImpl(
      this._env,
      structuredClone(this._state),
    ) as unknown as GasBuilder;
  }
  getAllowInvalid(): boolean {
    return this._state.allowInvalid;
  }
  getCriteriaType(): Criteria {
    return this._state.criteria as unknown as Criteria;
  }
  getCriteriaValues(): unknown[] {
    return this._state.args.map(a => loadArg(this._env, a));
  }
  getHelpText(): string {
    return this._state.helpText;
  }
}

export class DataValidationBuilderImpl implements Partial<GasBuilder> {
  constructor(
    readonly _env: SpreadsheetEnv,
    readonly _state: ValidationState = {
      criteria: '',
      args: [],
      allowInvalid: true,
      helpText: '',
    },
  ) {}

  _set(criteria: string, args: unknown[]): GasBuilder {
    this._state.criteria = criteria;
    this._state.args = args.map(storeArg);
    return this as unknown as GasBuilder;
  }

  build(): GasDataValidation {
    if (!this._state.criteria) {
      throw gasError(
        this._env.ctx,
        'You must specify the criteria for the data validation rule.',
      );
    }
    return new DataValidationImpl(
      this._env,
      structuredClone(this._state),
    ) as unknown as GasDataValidation;
  }
  copy(): GasBuilder {
    return new DataValidationBuilderImpl(
      this._env,
      structuredClone(this._state),
    ) as unknown as GasBuilder;
  }
  getAllowInvalid(): boolean {
    return this._state.allowInvalid;
  }
  getCriteriaType(): Criteria {
    return this._state.criteria as unknown as Criteria;
  }
  getCriteriaValues(): unknown[] {
    return this._state.args.map(a => loadArg(this._env, a));
  }
  getHelpText(): string | null {
    return this._state.helpText || null;
  }
  requireCheckbox(
    checkedValue?: unknown,
    uncheckedValue?: unknown,
  ): GasBuilder {
    const args =
      checkedValue === undefined
        ? []
        : uncheckedValue === undefined
          ? [checkedValue]
          : [checkedValue, uncheckedValue];
    return this._set('CHECKBOX', args);
  }
  requireDate(): GasBuilder {
    return this._set('DATE_IS_VALID_DATE', []);
  }
  requireDateAfter(date: Date): GasBuilder {
    return this._set('DATE_AFTER', [date]);
  }
  requireDateBefore(date: Date): GasBuilder {
    return this._set('DATE_BEFORE', [date]);
  }
  requireDateBetween(start: Date, end: Date): GasBuilder {
    return this._set('DATE_BETWEEN', [start, end]);
  }
  requireDateEqualTo(date: Date): GasBuilder {
    return this._set('DATE_EQUAL_TO', [date]);
  }
  requireDateNotBetween(start: Date, end: Date): GasBuilder {
    return this._set('DATE_NOT_BETWEEN', [start, end]);
  }
  requireDateOnOrAfter(date: Date): GasBuilder {
    return this._set('DATE_ON_OR_AFTER', [date]);
  }
  requireDateOnOrBefore(date: Date): GasBuilder {
    return this._set('DATE_ON_OR_BEFORE', [date]);
  }
  requireFormulaSatisfied(formula: string): GasBuilder {
    return this._set('CUSTOM_FORMULA', [formula]);
  }
  requireNumberBetween(start: number, end: number): GasBuilder {
    return this._set('NUMBER_BETWEEN', [start, end]);
  }
  requireNumberEqualTo(number: number): GasBuilder {
    return this._set('NUMBER_EQUAL_TO', [number]);
  }
  requireNumberGreaterThan(number: number): GasBuilder {
    return this._set('NUMBER_GREATER_THAN', [number]);
  }
  requireNumberGreaterThanOrEqualTo(number: number): GasBuilder {
    return this._set('NUMBER_GREATER_THAN_OR_EQUAL_TO', [number]);
  }
  requireNumberLessThan(number: number): GasBuilder {
    return this._set('NUMBER_LESS_THAN', [number]);
  }
  requireNumberLessThanOrEqualTo(number: number): GasBuilder {
    return this._set('NUMBER_LESS_THAN_OR_EQUAL_TO', [number]);
  }
  requireNumberNotBetween(start: number, end: number): GasBuilder {
    return this._set('NUMBER_NOT_BETWEEN', [start, end]);
  }
  requireNumberNotEqualTo(number: number): GasBuilder {
    return this._set('NUMBER_NOT_EQUAL_TO', [number]);
  }
  requireTextContains(text: string): GasBuilder {
    return this._set('TEXT_CONTAINS', [text]);
  }
  requireTextDoesNotContain(text: string): GasBuilder {
    return this._set('TEXT_DOES_NOT_CONTAIN', [text]);
  }
  requireTextEqualTo(text: string): GasBuilder {
    return this._set('TEXT_EQUAL_TO', [text]);
  }
  requireTextIsEmail(): GasBuilder {
    return this._set('TEXT_IS_VALID_EMAIL', []);
  }
  requireTextIsUrl(): GasBuilder {
    return this._set('TEXT_IS_VALID_URL', []);
  }
  requireValueInList(values: string[], showDropdown = true): GasBuilder {
    if (!Array.isArray(values)) {
      throw gasError(
        this._env.ctx,
        "The parameters (String) don't match the method signature for SpreadsheetApp.DataValidationBuilder.requireValueInList.",
      );
    }
    if (values.length > 500) {
      throw gasError(
        this._env.ctx,
        'The data validation rule has more items than the limit of 500.',
      );
    }
    return this._set('VALUE_IN_LIST', [values.map(String), showDropdown]);
  }
  requireValueInRange(
    range: GoogleAppsScript.Spreadsheet.Range,
    showDropdown = true,
  ): GasBuilder {
    return this._set('VALUE_IN_RANGE', [range, showDropdown]);
  }
  setAllowInvalid(allowInvalidData: boolean): GasBuilder {
    this._state.allowInvalid = Boolean(allowInvalidData);
    return this as unknown as GasBuilder;
  }
  setHelpText(helpText: string): GasBuilder {
    this._state.helpText = String(helpText);
    return this as unknown as GasBuilder;
  }
  withCriteria(criteria: Criteria, args: unknown[]): GasBuilder {
    return this._set(String(criteria), args);
  }
}

/** The stored form of a rule handed to Range.setDataValidation (it must be built). */
export function validationToState(
  ctx: EmulatorContext,
  rule: unknown,
): ValidationState {
  if (rule instanceof DataValidationImpl) return structuredClone(rule._state);
  const what =
    rule instanceof DataValidationBuilderImpl
      ? 'SpreadsheetApp.DataValidationBuilder'
      : typeof rule;
  throw gasError(
    ctx,
    `The parameters (${what}) don't match the method signature for SpreadsheetApp.Range.setDataValidation.`,
  );
}

/** Whether a value passes a rule (for hosts that simulate user edits; scripts are never refused). */
export function passesValidation(
  state: ValidationState,
  value: unknown,
): boolean {
  const a = state.args;
  const num = typeof value === 'number' ? value : NaN;
  switch (state.criteria) {
    case 'VALUE_IN_LIST':
      return value === '' || (a[0] as string[]).includes(String(value));
    case 'CHECKBOX':
      return a.length
        ? value === a[0] || value === (a[1] ?? '')
        : typeof value === 'boolean';
    case 'DATE_IS_VALID_DATE':
      return value === '' || isDate(value);
    case 'NUMBER_BETWEEN':
      return num >= Number(a[0]) && num <= Number(a[1]);
    case 'NUMBER_GREATER_THAN':
      return num > Number(a[0]);
    case 'NUMBER_GREATER_THAN_OR_EQUAL_TO':
      return num >= Number(a[0]);
    case 'NUMBER_LESS_THAN':
      return num < Number(a[0]);
    case 'NUMBER_LESS_THAN_OR_EQUAL_TO':
      return num <= Number(a[0]);
    case 'TEXT_IS_VALID_EMAIL':
      return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(String(value));
    default:
      return true;
  }
}

describeApi(DataValidationImpl, 'Spreadsheet.DataValidation');
describeApi(DataValidationBuilderImpl, 'Spreadsheet.DataValidationBuilder');
