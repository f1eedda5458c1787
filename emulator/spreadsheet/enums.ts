// Spreadsheet enums as plain objects whose values are their names (String(x) gives "RANGE", as in Apps Script).

/** Builds an enum object {A: 'A', ...} typed as the @types enum. */
export function gasEnum<T>(...names: string[]): T {
  return Object.freeze(
    Object.fromEntries(names.map(n => [n, n])),
  ) as unknown as T;
}

export const ProtectionType = gasEnum<
  typeof GoogleAppsScript.Spreadsheet.ProtectionType
>('RANGE', 'SHEET');
export const WrapStrategy = gasEnum<
  typeof GoogleAppsScript.Spreadsheet.WrapStrategy
>('WRAP', 'OVERFLOW', 'CLIP');
export const BorderStyle = gasEnum<
  typeof GoogleAppsScript.Spreadsheet.BorderStyle
>('DOTTED', 'DASHED', 'SOLID', 'SOLID_MEDIUM', 'SOLID_THICK', 'DOUBLE');
export const DataValidationCriteria = gasEnum<
  typeof GoogleAppsScript.Spreadsheet.DataValidationCriteria
>(
  'DATE_AFTER',
  'DATE_BEFORE',
  'DATE_BETWEEN',
  'DATE_EQUAL_TO',
  'DATE_IS_VALID_DATE',
  'DATE_NOT_BETWEEN',
  'DATE_ON_OR_AFTER',
  'DATE_ON_OR_BEFORE',
  'NUMBER_BETWEEN',
  'NUMBER_EQUAL_TO',
  'NUMBER_GREATER_THAN',
  'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  'NUMBER_LESS_THAN',
  'NUMBER_LESS_THAN_OR_EQUAL_TO',
  'NUMBER_NOT_BETWEEN',
  'NUMBER_NOT_EQUAL_TO',
  'TEXT_CONTAINS',
  'TEXT_DOES_NOT_CONTAIN',
  'TEXT_EQUAL_TO',
  'TEXT_IS_VALID_EMAIL',
  'TEXT_IS_VALID_URL',
  'VALUE_IN_LIST',
  'VALUE_IN_RANGE',
  'CUSTOM_FORMULA',
  'CHECKBOX',
);
export const BooleanCriteria = gasEnum<
  typeof GoogleAppsScript.Spreadsheet.BooleanCriteria
>(
  'CELL_EMPTY',
  'CELL_NOT_EMPTY',
  'DATE_AFTER',
  'DATE_BEFORE',
  'DATE_EQUAL_TO',
  'DATE_AFTER_RELATIVE',
  'DATE_BEFORE_RELATIVE',
  'DATE_EQUAL_TO_RELATIVE',
  'NUMBER_BETWEEN',
  'NUMBER_EQUAL_TO',
  'NUMBER_GREATER_THAN',
  'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  'NUMBER_LESS_THAN',
  'NUMBER_LESS_THAN_OR_EQUAL_TO',
  'NUMBER_NOT_BETWEEN',
  'NUMBER_NOT_EQUAL_TO',
  'TEXT_CONTAINS',
  'TEXT_DOES_NOT_CONTAIN',
  'TEXT_EQUAL_TO',
  'TEXT_STARTS_WITH',
  'TEXT_ENDS_WITH',
  'CUSTOM_FORMULA',
);
export const SheetType = gasEnum<typeof GoogleAppsScript.Spreadsheet.SheetType>(
  'GRID',
  'OBJECT',
);
export const Dimension = gasEnum<typeof GoogleAppsScript.Spreadsheet.Dimension>(
  'COLUMNS',
  'ROWS',
);
export const Direction = gasEnum<typeof GoogleAppsScript.Spreadsheet.Direction>(
  'UP',
  'DOWN',
  'PREVIOUS',
  'NEXT',
);
export const RelativeDate = gasEnum<
  typeof GoogleAppsScript.Spreadsheet.RelativeDate
>('TODAY', 'TOMORROW', 'YESTERDAY', 'PAST_WEEK', 'PAST_MONTH', 'PAST_YEAR');
export const TextDirection = gasEnum<
  typeof GoogleAppsScript.Spreadsheet.TextDirection
>('LEFT_TO_RIGHT', 'RIGHT_TO_LEFT');
export const CopyPasteType = gasEnum<
  typeof GoogleAppsScript.Spreadsheet.CopyPasteType
>(
  'PASTE_NORMAL',
  'PASTE_NO_BORDERS',
  'PASTE_FORMAT',
  'PASTE_FORMULA',
  'PASTE_DATA_VALIDATION',
  'PASTE_VALUES',
  'PASTE_CONDITIONAL_FORMATTING',
  'PASTE_COLUMN_WIDTHS',
);
export const InterpolationType = gasEnum<
  typeof GoogleAppsScript.Spreadsheet.InterpolationType
>('NUMBER', 'PERCENT', 'PERCENTILE', 'MIN', 'MAX');
