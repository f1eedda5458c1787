// Conditional format rules, their builder and boolean conditions (SpreadsheetApp.newConditionalFormatRule()).
import type {EmulatorContext} from '../context';
import {describeApi, gasError, isDate, realmDate} from '../runtime';
import type {SpreadsheetEnv} from './env';
import {normalizeColor} from './env';
import type {ConditionalRuleState, SpreadsheetModel} from './model';
import {RangeImpl} from './range';

type GasRule = GoogleAppsScript.Spreadsheet.ConditionalFormatRule;
type GasBuilder = GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder;
type GasCondition = GoogleAppsScript.Spreadsheet.BooleanCondition;
type GasRange = GoogleAppsScript.Spreadsheet.Range;

/** Rule state plus the spreadsheet its ranges belong to (ranges are kept as grids). */
interface Draft extends ConditionalRuleState {
  spreadsheetId: string | null;
}

function emptyDraft(): Draft {
  return {ranges: [], criteria: '', args: [], format: {}, spreadsheetId: null};
}

function rangesOf(
  env: SpreadsheetEnv,
  d: ConditionalRuleState,
  ssId: string | null,
): GasRange[] {
  const ss = ssId ? env.store.byId.get(ssId) : undefined;
  if (!ss) return [];
  return d.ranges.flatMap(g => {
    const sheet = ss.sheetById(g.sheetId);
    if (!sheet) return [];
    const {row, col, numRows, numCols} = g;
    return [
      new RangeImpl(env, ss, sheet, {
        row,
        col,
        numRows,
        numCols,
      }) as unknown as GasRange,
    ];
  });
}

export class BooleanConditionImpl implements Partial<GasCondition> {
  constructor(
    readonly _env: SpreadsheetEnv,
    readonly _state: ConditionalRuleState,
  ) {}
  getBackground(): string | null {
    return this._state.format.background ?? null;
  }
  getBold(): boolean | null {
    return this._state.format.bold ?? null;
  }
  getCriteriaType(): GoogleAppsScript.Spreadsheet.BooleanCriteria {
    return this._state
      .criteria as unknown as GoogleAppsScript.Spreadsheet.BooleanCriteria;
  }
  getCriteriaValues(): unknown[] {
    return this._state.args.map(a =>
      isDate(a) ? realmDate(this._env.ctx, a) : a,
    );
  }
  getFontColor(): string | null {
    return this._state.format.fontColor ?? null;
  }
  getItalic(): boolean | null {
    return this._state.format.italic ?? null;
  }
  getStrikethrough(): boolean | null {
    return this._state.format.strikethrough ?? null;
  }
  getUnderline(): boolean | null {
    return this._state.format.underline ?? null;
  }
}

export class ConditionalFormatRuleImpl implements Partial<GasRule> {
  constructor(
    readonly _env: SpreadsheetEnv,
    readonly _ss: SpreadsheetModel | null,
    readonly _state: ConditionalRuleState,
  ) {}
  copy(): GasBuilder {
    const d: Draft = {
      ...structuredClone(this._state),
      spreadsheetId: this._ss?.id ?? null,
    };
    return new ConditionalFormatRuleBuilderImpl(
      this._env,
      d,
    ) as unknown as GasBuilder;
  }
  getBooleanCondition(): GasCondition | null {
    return this._state.criteria
      ? (new BooleanConditionImpl(
          this._env,
          this._state,
        ) as unknown as GasCondition)
      : null;
  }
  getGradientCondition(): GoogleAppsScript.Spreadsheet.GradientCondition | null {
    return null;
  }
  getRanges(): GasRange[] {
    return rangesOf(this._env, this._state, this._ss?.id ?? null);
  }
}

export class ConditionalFormatRuleBuilderImpl implements Partial<GasBuilder> {
  constructor(
    readonly _env: SpreadsheetEnv,
    readonly _d: Draft = emptyDraft(),
  ) {}

  _when(criteria: string, args: unknown[]): GasBuilder {
    this._d.criteria = criteria;
    this._d.args = args.map(a => (isDate(a) ? new Date(a.getTime()) : a));
    return this as unknown as GasBuilder;
  }
  _fmt<K extends keyof ConditionalRuleState['format']>(
    k: K,
    v: ConditionalRuleState['format'][K],
  ): GasBuilder {
    this._d.format[k] = v;
    return this as unknown as GasBuilder;
  }

  build(): GasRule {
    const {spreadsheetId, ...state} = structuredClone(this._d);
    const ss = spreadsheetId
      ? (this._env.store.byId.get(spreadsheetId) ?? null)
      : null;
    return new ConditionalFormatRuleImpl(
      this._env,
      ss,
      state,
    ) as unknown as GasRule;
  }
  copy(): GasBuilder {
    return new ConditionalFormatRuleBuilderImpl(
      this._env,
      structuredClone(this._d),
    ) as unknown as GasBuilder;
  }
  getBooleanCondition(): GasCondition | null {
    return this._d.criteria
      ? (new BooleanConditionImpl(
          this._env,
          this._d,
        ) as unknown as GasCondition)
      : null;
  }
  getGradientCondition(): GoogleAppsScript.Spreadsheet.GradientCondition | null {
    return null;
  }
  getRanges(): GasRange[] {
    return rangesOf(this._env, this._d, this._d.spreadsheetId);
  }
  setRanges(ranges: GasRange[]): GasBuilder {
    const impls = ranges.map(r => r as unknown as RangeImpl);
    this._d.ranges = impls.map(r => ({...r._g, sheetId: r._sheet.id}));
    this._d.spreadsheetId = impls[0]?._ss.id ?? null;
    return this as unknown as GasBuilder;
  }
  setBackground(color: string | null): GasBuilder {
    return this._fmt(
      'background',
      color === null ? null : normalizeColor(color),
    );
  }
  setFontColor(color: string | null): GasBuilder {
    return this._fmt(
      'fontColor',
      color === null ? null : normalizeColor(color),
    );
  }
  setBold(bold: boolean | null): GasBuilder {
    return this._fmt('bold', bold);
  }
  setItalic(italic: boolean | null): GasBuilder {
    return this._fmt('italic', italic);
  }
  setUnderline(underline: boolean | null): GasBuilder {
    return this._fmt('underline', underline);
  }
  setStrikethrough(strikethrough: boolean | null): GasBuilder {
    return this._fmt('strikethrough', strikethrough);
  }
  whenCellEmpty(): GasBuilder {
    return this._when('CELL_EMPTY', []);
  }
  whenCellNotEmpty(): GasBuilder {
    return this._when('CELL_NOT_EMPTY', []);
  }
  whenDateAfter(
    date:
      GoogleAppsScript.Base.Date | GoogleAppsScript.Spreadsheet.RelativeDate,
  ): GasBuilder {
    return isDate(date)
      ? this._when('DATE_AFTER', [date])
      : this._when('DATE_AFTER_RELATIVE', [String(date)]);
  }
  whenDateBefore(
    date:
      GoogleAppsScript.Base.Date | GoogleAppsScript.Spreadsheet.RelativeDate,
  ): GasBuilder {
    return isDate(date)
      ? this._when('DATE_BEFORE', [date])
      : this._when('DATE_BEFORE_RELATIVE', [String(date)]);
  }
  whenDateEqualTo(
    date:
      GoogleAppsScript.Base.Date | GoogleAppsScript.Spreadsheet.RelativeDate,
  ): GasBuilder {
    return isDate(date)
      ? this._when('DATE_EQUAL_TO', [date])
      : this._when('DATE_EQUAL_TO_RELATIVE', [String(date)]);
  }
  whenFormulaSatisfied(formula: string): GasBuilder {
    return this._when('CUSTOM_FORMULA', [formula]);
  }
  whenNumberBetween(start: number, end: number): GasBuilder {
    return this._when('NUMBER_BETWEEN', [start, end]);
  }
  whenNumberEqualTo(number: number): GasBuilder {
    return this._when('NUMBER_EQUAL_TO', [number]);
  }
  whenNumberGreaterThan(number: number): GasBuilder {
    return this._when('NUMBER_GREATER_THAN', [number]);
  }
  whenNumberGreaterThanOrEqualTo(number: number): GasBuilder {
    return this._when('NUMBER_GREATER_THAN_OR_EQUAL_TO', [number]);
  }
  whenNumberLessThan(number: number): GasBuilder {
    return this._when('NUMBER_LESS_THAN', [number]);
  }
  whenNumberLessThanOrEqualTo(number: number): GasBuilder {
    return this._when('NUMBER_LESS_THAN_OR_EQUAL_TO', [number]);
  }
  whenNumberNotBetween(start: number, end: number): GasBuilder {
    return this._when('NUMBER_NOT_BETWEEN', [start, end]);
  }
  whenNumberNotEqualTo(number: number): GasBuilder {
    return this._when('NUMBER_NOT_EQUAL_TO', [number]);
  }
  whenTextContains(text: string): GasBuilder {
    return this._when('TEXT_CONTAINS', [text]);
  }
  whenTextDoesNotContain(text: string): GasBuilder {
    return this._when('TEXT_DOES_NOT_CONTAIN', [text]);
  }
  whenTextEndsWith(text: string): GasBuilder {
    return this._when('TEXT_ENDS_WITH', [text]);
  }
  whenTextEqualTo(text: string): GasBuilder {
    return this._when('TEXT_EQUAL_TO', [text]);
  }
  whenTextStartsWith(text: string): GasBuilder {
    return this._when('TEXT_STARTS_WITH', [text]);
  }
  withCriteria(
    criteria: GoogleAppsScript.Spreadsheet.BooleanCriteria,
    args: unknown[],
  ): GasBuilder {
    return this._when(String(criteria), args);
  }
}

/** The stored form of a rule given to Sheet.setConditionalFormatRules. */
export function conditionalRuleToState(
  ctx: EmulatorContext,
  rule: unknown,
  sheetId: number,
): ConditionalRuleState {
  if (!(rule instanceof ConditionalFormatRuleImpl)) {
    throw gasError(
      ctx,
      "The parameters (Object) don't match the method signature for SpreadsheetApp.Sheet.setConditionalFormatRules.",
    );
  }
  if (rule._state.ranges.some(g => g.sheetId !== sheetId)) {
    throw gasError(
      ctx,
      'Conditional format rule cannot reference a different sheet.',
    );
  }
  return structuredClone(rule._state);
}

describeApi(BooleanConditionImpl, 'Spreadsheet.BooleanCondition');
describeApi(ConditionalFormatRuleImpl, 'Spreadsheet.ConditionalFormatRule');
describeApi(
  ConditionalFormatRuleBuilderImpl,
  'Spreadsheet.ConditionalFormatRuleBuilder',
);
