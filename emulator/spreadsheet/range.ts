// Range: a rectangle of cells of one sheet; reads and writes values, formulas and formats.
import type {GridRange} from './a1';
import {gridToA1} from './a1';
import type {SpreadsheetEnv} from './env';
import {assertCanWrite, normalizeColor, protectedError} from './env';
import type {Cell, CellFormat, SheetModel, SpreadsheetModel} from './model';
import {SheetModel as SheetModelClass} from './model';
import {
  DEFAULT_NUMBER_FORMAT,
  MAX_CELL_CHARS,
  displayValue,
  fromScript,
} from './values';
import type {Stored} from './values';
import {gasError, instrument, isDate, realmDate} from '../runtime';
import type {EmulatorContext} from '../context';
import {SheetImpl} from './sheet';
import {DataValidationImpl, validationToState} from './validation';
import {ProtectionImpl, newProtection} from './protection';

type GasRange = GoogleAppsScript.Spreadsheet.Range;
type GasSheet = GoogleAppsScript.Spreadsheet.Sheet;
type DataValidation = GoogleAppsScript.Spreadsheet.DataValidation;
type WrapStrategy = GoogleAppsScript.Spreadsheet.WrapStrategy;

const FORMAT_DEFAULTS = {
  background: '#ffffff',
  fontColor: '#000000',
  fontWeight: 'normal',
  fontStyle: 'normal',
  fontLine: 'none',
  fontSize: 10,
  fontFamily: 'Arial',
  horizontalAlignment: 'general',
  verticalAlignment: 'bottom',
  wrapStrategy: 'OVERFLOW',
  numberFormat: DEFAULT_NUMBER_FORMAT,
};

export class RangeImpl implements Partial<GasRange> {
  constructor(
    readonly _env: SpreadsheetEnv,
    readonly _ss: SpreadsheetModel,
    readonly _sheet: SheetModel,
    readonly _g: GridRange,
  ) {}

  get _ctx(): EmulatorContext {
    return this._env.ctx;
  }

  _gas(): GasRange {
    return this as unknown as GasRange;
  }

  _make(g: GridRange): GasRange {
    return new RangeImpl(
      this._env,
      this._ss,
      this._sheet,
      g,
    ) as unknown as GasRange;
  }

  /** Throws Google's error when the script's user may not edit these cells. */
  _assertEdit(): void {
    if (!this._ss.sheets.includes(this._sheet)) {
      throw gasError(this._ctx, 'Range not found');
    }
    assertCanWrite(this._ctx, this._ss);
    const p = this._ss.blockingProtection(
      this._ctx.effectiveUser(),
      this._sheet.id,
      this._g,
    );
    if (p) throw protectedError(this._ctx);
  }

  _forEach(fn: (row: number, col: number, i: number, j: number) => void): void {
    const {row, col, numRows, numCols} = this._g;
    for (let i = 0; i < numRows; i++)
      for (let j = 0; j < numCols; j++) fn(row + i, col + j, i, j);
  }

  _map<T>(fn: (c: Cell | undefined, row: number, col: number) => T): T[][] {
    const {row, col, numRows, numCols} = this._g;
    const out: T[][] = new Array(numRows);
    for (let i = 0; i < numRows; i++) {
      const r = this._sheet.rows[row + i - 1];
      const line: T[] = new Array(numCols);
      for (let j = 0; j < numCols; j++)
        line[j] = fn(r?.[col + j - 1], row + i, col + j);
      out[i] = line;
    }
    return out;
  }

  _checkGrid(name: string, data: unknown): unknown[][] {
    if (!Array.isArray(data) || data.some(r => !Array.isArray(r))) {
      throw gasError(
        this._ctx,
        `The parameters (${describe(data)}) don't match the method signature for SpreadsheetApp.Range.${name}.`,
      );
    }
    const rows = data as unknown[][];
    if (rows.length !== this._g.numRows) {
      throw gasError(
        this._ctx,
        `The number of rows in the data does not match the number of rows in the range. The data has ${rows.length} but the range has ${this._g.numRows}.`,
      );
    }
    for (const r of rows) {
      if (r.length !== this._g.numCols) {
        throw gasError(
          this._ctx,
          `The number of columns in the data does not match the number of columns in the range. The data has ${r.length} but the range has ${this._g.numCols}.`,
        );
      }
    }
    return rows;
  }

  _writeValue(row: number, col: number, input: unknown): void {
    const existing = this._sheet.cell(row, col);
    const plainText = existing?.fmt?.numberFormat === '@';
    if (typeof input === 'string' && input.length > MAX_CELL_CHARS) {
      throw gasError(
        this._ctx,
        `Your input contains more than the maximum of ${MAX_CELL_CHARS} characters in a single cell.`,
      );
    }
    const w = fromScript(input, {
      timeZone: this._ss.timeZone,
      locale: this._ss.locale,
      plainText,
      now: this._ctx.now().getTime(),
    });
    if (w.value === undefined && w.formula === undefined) {
      if (existing) {
        delete existing.v;
        delete existing.f;
        this._sheet.prune(row, col);
      }
      return;
    }
    const c = this._sheet.ensureCell(row, col);
    c.v = w.value;
    if (w.formula !== undefined) c.f = w.formula;
    else delete c.f;
    if (w.autoFormat && !c.fmt?.numberFormat)
      (c.fmt ??= {}).numberFormat = w.autoFormat;
  }

  _toScript(v: Stored | undefined): unknown {
    if (v === undefined) return '';
    return isDate(v) ? realmDate(this._ctx, v) : v;
  }

  _setFormat<K extends keyof CellFormat>(
    key: K,
    value: CellFormat[K] | null,
  ): void {
    this._assertEdit();
    this._forEach((r, c) => this._setCellFormat(r, c, key, value));
  }

  _setFormats<K extends keyof CellFormat>(
    name: string,
    key: K,
    values: unknown,
    conv: (v: unknown) => CellFormat[K] | null,
  ): void {
    const grid = this._checkGrid(name, values);
    this._assertEdit();
    this._forEach((r, c, i, j) =>
      this._setCellFormat(r, c, key, conv(grid[i][j])),
    );
  }

  _setCellFormat<K extends keyof CellFormat>(
    row: number,
    col: number,
    key: K,
    value: CellFormat[K] | null | undefined,
  ): void {
    if (value === null || value === undefined) {
      const c = this._sheet.cell(row, col);
      if (c?.fmt) {
        delete c.fmt[key];
        if (Object.keys(c.fmt).length === 0) delete c.fmt;
        this._sheet.prune(row, col);
      }
      return;
    }
    const c = this._sheet.ensureCell(row, col);
    (c.fmt ??= {})[key] = value;
  }

  _format<K extends keyof typeof FORMAT_DEFAULTS>(
    key: K,
  ): Array<Array<(typeof FORMAT_DEFAULTS)[K]>> {
    return this._map(
      c =>
        (c?.fmt?.[key] as (typeof FORMAT_DEFAULTS)[K]) ?? FORMAT_DEFAULTS[key],
    );
  }

  // ---- geometry -------------------------------------------------------------------------------

  getA1Notation(): string {
    return gridToA1(this._g);
  }
  getRow(): number {
    return this._g.row;
  }
  getRowIndex(): number {
    return this._g.row;
  }
  getColumn(): number {
    return this._g.col;
  }
  getNumRows(): number {
    return this._g.numRows;
  }
  getNumColumns(): number {
    return this._g.numCols;
  }
  getHeight(): number {
    return this._g.numRows;
  }
  getWidth(): number {
    return this._g.numCols;
  }
  getLastRow(): number {
    return this._g.row + this._g.numRows - 1;
  }
  getLastColumn(): number {
    return this._g.col + this._g.numCols - 1;
  }
  getGridId(): number {
    return this._sheet.id;
  }
  getSheet(): GasSheet {
    return new SheetImpl(
      this._env,
      this._ss,
      this._sheet,
    ) as unknown as GasSheet;
  }
  getCell(row: number, column: number): GasRange {
    if (
      row < 1 ||
      column < 1 ||
      row > this._g.numRows ||
      column > this._g.numCols
    ) {
      throw gasError(this._ctx, 'Cell reference out of range');
    }
    return this._make({
      row: this._g.row + row - 1,
      col: this._g.col + column - 1,
      numRows: 1,
      numCols: 1,
    });
  }
  offset(
    rowOffset: number,
    columnOffset: number,
    numRows?: number,
    numColumns?: number,
  ): GasRange {
    const g = {
      row: this._g.row + rowOffset,
      col: this._g.col + columnOffset,
      numRows: numRows ?? this._g.numRows,
      numCols: numColumns ?? this._g.numCols,
    };
    return SheetImpl._rangeAt(
      this._env,
      this._ss,
      this._sheet,
      g.row,
      g.col,
      g.numRows,
      g.numCols,
    );
  }
  activate(): GasRange {
    this._ss.activeSheetId = this._sheet.id;
    this._ss.activeRange = {...this._g, sheetId: this._sheet.id};
    return this._gas();
  }
  isBlank(): boolean {
    return this._map(c => SheetModelClass.hasContent(c)).every(r =>
      r.every(x => !x),
    );
  }
  canEdit(): boolean {
    return (
      this._ss.blockingProtection(
        this._ctx.effectiveUser(),
        this._sheet.id,
        this._g,
      ) === null
    );
  }

  // ---- values ---------------------------------------------------------------------------------

  getValues(): unknown[][] {
    return this._map(c => this._toScript(c?.v));
  }
  getValue(): unknown {
    return this._toScript(this._sheet.cell(this._g.row, this._g.col)?.v);
  }
  getDisplayValues(): string[][] {
    const {timeZone, locale} = this._ss;
    return this._map(c =>
      displayValue(c?.v, c?.fmt?.numberFormat, timeZone, locale),
    );
  }
  getDisplayValue(): string {
    const c = this._sheet.cell(this._g.row, this._g.col);
    return displayValue(
      c?.v,
      c?.fmt?.numberFormat,
      this._ss.timeZone,
      this._ss.locale,
    );
  }
  setValues(values: unknown[][]): GasRange {
    const grid = this._checkGrid('setValues', values);
    this._assertEdit();
    this._forEach((r, c, i, j) => this._writeValue(r, c, grid[i][j]));
    return this._gas();
  }
  setValue(value: unknown): GasRange {
    this._assertEdit();
    this._forEach((r, c) => this._writeValue(r, c, value));
    return this._gas();
  }
  getFormulas(): string[][] {
    return this._map(c => c?.f ?? '');
  }
  getFormula(): string {
    return this._sheet.cell(this._g.row, this._g.col)?.f ?? '';
  }
  setFormula(formula: string): GasRange {
    this._assertEdit();
    this._forEach((r, c) => this._writeFormula(r, c, formula));
    return this._gas();
  }
  setFormulas(formulas: string[][]): GasRange {
    const grid = this._checkGrid('setFormulas', formulas);
    this._assertEdit();
    this._forEach((r, c, i, j) => this._writeFormula(r, c, grid[i][j]));
    return this._gas();
  }
  _writeFormula(row: number, col: number, formula: unknown): void {
    const f = formula === null || formula === undefined ? '' : String(formula);
    if (f === '') {
      this._writeValue(row, col, '');
      return;
    }
    const c = this._sheet.ensureCell(row, col);
    c.f = f.startsWith('=') ? f : `=${f}`;
    c.v = '';
  }
  clearContent(): GasRange {
    this._assertEdit();
    this._forEach((r, c) => this._writeValue(r, c, ''));
    return this._gas();
  }
  clear(options?: {
    commentsOnly?: boolean;
    contentsOnly?: boolean;
    formatOnly?: boolean;
    validationsOnly?: boolean;
    skipFilteredRows?: boolean;
  }): GasRange {
    this._assertEdit();
    const o = options ?? {};
    const any =
      o.commentsOnly || o.contentsOnly || o.formatOnly || o.validationsOnly;
    this._forEach((r, col) => {
      const c = this._sheet.cell(r, col);
      if (!c) return;
      if (!any || o.contentsOnly) {
        delete c.v;
        delete c.f;
      }
      if (!any || o.formatOnly) delete c.fmt;
      if (!any || o.validationsOnly) delete c.dv;
      if (o.commentsOnly) delete c.note;
      this._sheet.prune(r, col);
    });
    return this._gas();
  }
  clearFormat(): GasRange {
    return this.clear({formatOnly: true});
  }
  clearDataValidations(): GasRange {
    return this.clear({validationsOnly: true});
  }
  clearNote(): GasRange {
    this._assertEdit();
    this._forEach((r, col) => {
      const c = this._sheet.cell(r, col);
      if (c) {
        delete c.note;
        this._sheet.prune(r, col);
      }
    });
    return this._gas();
  }
  trimWhitespace(): GasRange {
    this._assertEdit();
    this._forEach((r, col) => {
      const c = this._sheet.cell(r, col);
      if (c && typeof c.v === 'string' && c.f === undefined) {
        c.v = c.v.trim().replace(/\s+/g, ' ');
        if (c.v === '') {
          delete c.v;
          this._sheet.prune(r, col);
        }
      }
    });
    return this._gas();
  }
  copyTo(
    destination: GasRange,
    options?: {formatOnly?: boolean; contentsOnly?: boolean} | unknown,
  ): void {
    const dest = destination as unknown as RangeImpl;
    if (!(dest instanceof RangeImpl))
      throw gasError(this._ctx, 'Invalid argument: destination');
    dest._assertEdit();
    const o = (options && typeof options === 'object' ? options : {}) as {
      formatOnly?: boolean;
      contentsOnly?: boolean;
    };
    const src = this._map(c => (c ? (structuredClone(c) as Cell) : undefined));
    const rows = Math.max(dest._g.numRows, src.length);
    const cols = Math.max(dest._g.numCols, src[0]?.length ?? 0);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        const from = src[i % src.length][j % src[0].length];
        const r = dest._g.row + i;
        const c = dest._g.col + j;
        if (r > dest._sheet.maxRows || c > dest._sheet.maxCols) continue;
        const to = dest._sheet.ensureCell(r, c);
        if (!o.formatOnly) {
          if (from?.v !== undefined) to.v = from.v;
          else delete to.v;
          if (from?.f !== undefined) to.f = from.f;
          else delete to.f;
        }
        if (!o.contentsOnly) {
          if (from?.fmt) to.fmt = from.fmt;
          else delete to.fmt;
          if (from?.dv) to.dv = from.dv;
          else delete to.dv;
        }
        dest._sheet.prune(r, c);
      }
    }
  }

  // ---- notes ----------------------------------------------------------------------------------

  getNote(): string {
    return this._sheet.cell(this._g.row, this._g.col)?.note ?? '';
  }
  getNotes(): string[][] {
    return this._map(c => c?.note ?? '');
  }
  setNote(note: string | null): GasRange {
    this._assertEdit();
    this._forEach((r, c) => this._writeNote(r, c, note));
    return this._gas();
  }
  setNotes(notes: Array<Array<string | null>>): GasRange {
    const grid = this._checkGrid('setNotes', notes);
    this._assertEdit();
    this._forEach((r, c, i, j) =>
      this._writeNote(r, c, grid[i][j] as string | null),
    );
    return this._gas();
  }
  _writeNote(row: number, col: number, note: string | null): void {
    if (note === null || note === undefined || note === '') {
      const c = this._sheet.cell(row, col);
      if (c) {
        delete c.note;
        this._sheet.prune(row, col);
      }
      return;
    }
    this._sheet.ensureCell(row, col).note = String(note);
  }

  // ---- formats --------------------------------------------------------------------------------

  getNumberFormat(): string {
    return this._format('numberFormat')[0][0];
  }
  getNumberFormats(): string[][] {
    return this._format('numberFormat');
  }
  setNumberFormat(numberFormat: string): GasRange {
    this._setFormat('numberFormat', numberFormat);
    return this._gas();
  }
  setNumberFormats(numberFormats: string[][]): GasRange {
    this._setFormats(
      'setNumberFormats',
      'numberFormat',
      numberFormats,
      v => v as string,
    );
    return this._gas();
  }
  getBackground(): string {
    return this._format('background')[0][0];
  }
  getBackgrounds(): string[][] {
    return this._format('background');
  }
  setBackground(color: string | null): GasRange {
    this._setFormat(
      'background',
      color === null ? null : normalizeColor(color),
    );
    return this._gas();
  }
  setBackgrounds(color: Array<Array<string | null>>): GasRange {
    this._setFormats('setBackgrounds', 'background', color, v =>
      v === null || v === undefined ? null : normalizeColor(String(v)),
    );
    return this._gas();
  }
  setBackgroundRGB(red: number, green: number, blue: number): GasRange {
    const hex = [red, green, blue]
      .map(n => n.toString(16).padStart(2, '0'))
      .join('');
    return this.setBackground(`#${hex}`);
  }
  setFontColor(color: string | null): GasRange {
    this._setFormat('fontColor', color === null ? null : normalizeColor(color));
    return this._gas();
  }
  setFontColors(colors: unknown[][]): GasRange {
    this._setFormats('setFontColors', 'fontColor', colors, v =>
      v === null || v === undefined ? null : normalizeColor(String(v)),
    );
    return this._gas();
  }
  getFontWeight(): GoogleAppsScript.Spreadsheet.FontWeight {
    return this._format(
      'fontWeight',
    )[0][0] as GoogleAppsScript.Spreadsheet.FontWeight;
  }
  getFontWeights(): GoogleAppsScript.Spreadsheet.FontWeight[][] {
    return this._format(
      'fontWeight',
    ) as GoogleAppsScript.Spreadsheet.FontWeight[][];
  }
  setFontWeight(
    fontWeight: GoogleAppsScript.Spreadsheet.FontWeight | null,
  ): GasRange {
    this._setFormat('fontWeight', fontWeight);
    return this._gas();
  }
  setFontWeights(
    fontWeights: Array<Array<GoogleAppsScript.Spreadsheet.FontWeight | null>>,
  ): GasRange {
    this._setFormats(
      'setFontWeights',
      'fontWeight',
      fontWeights,
      v => v as string | null,
    );
    return this._gas();
  }
  getFontStyle(): GoogleAppsScript.Spreadsheet.FontStyle {
    return this._format(
      'fontStyle',
    )[0][0] as GoogleAppsScript.Spreadsheet.FontStyle;
  }
  getFontStyles(): GoogleAppsScript.Spreadsheet.FontStyle[][] {
    return this._format(
      'fontStyle',
    ) as GoogleAppsScript.Spreadsheet.FontStyle[][];
  }
  setFontStyle(
    fontStyle: GoogleAppsScript.Spreadsheet.FontStyle | null,
  ): GasRange {
    this._setFormat('fontStyle', fontStyle);
    return this._gas();
  }
  setFontStyles(
    fontStyles: Array<Array<GoogleAppsScript.Spreadsheet.FontStyle | null>>,
  ): GasRange {
    this._setFormats(
      'setFontStyles',
      'fontStyle',
      fontStyles,
      v => v as string | null,
    );
    return this._gas();
  }
  getFontLine(): GoogleAppsScript.Spreadsheet.FontLine {
    return this._format(
      'fontLine',
    )[0][0] as GoogleAppsScript.Spreadsheet.FontLine;
  }
  getFontLines(): GoogleAppsScript.Spreadsheet.FontLine[][] {
    return this._format(
      'fontLine',
    ) as GoogleAppsScript.Spreadsheet.FontLine[][];
  }
  setFontLine(
    fontLine: GoogleAppsScript.Spreadsheet.FontLine | null,
  ): GasRange {
    this._setFormat('fontLine', fontLine);
    return this._gas();
  }
  setFontLines(
    fontLines: Array<Array<GoogleAppsScript.Spreadsheet.FontLine | null>>,
  ): GasRange {
    this._setFormats(
      'setFontLines',
      'fontLine',
      fontLines,
      v => v as string | null,
    );
    return this._gas();
  }
  getFontSize(): number {
    return this._format('fontSize')[0][0];
  }
  getFontSizes(): number[][] {
    return this._format('fontSize');
  }
  setFontSize(size: number): GasRange {
    this._setFormat('fontSize', size);
    return this._gas();
  }
  setFontSizes(sizes: number[][]): GasRange {
    this._setFormats('setFontSizes', 'fontSize', sizes, v => v as number);
    return this._gas();
  }
  getFontFamily(): string {
    return this._format('fontFamily')[0][0];
  }
  getFontFamilies(): string[][] {
    return this._format('fontFamily');
  }
  setFontFamily(fontFamily: string | null): GasRange {
    this._setFormat('fontFamily', fontFamily);
    return this._gas();
  }
  setFontFamilies(fontFamilies: Array<Array<string | null>>): GasRange {
    this._setFormats(
      'setFontFamilies',
      'fontFamily',
      fontFamilies,
      v => v as string | null,
    );
    return this._gas();
  }
  getHorizontalAlignment(): string {
    return this._format('horizontalAlignment')[0][0];
  }
  getHorizontalAlignments(): string[][] {
    return this._format('horizontalAlignment');
  }
  setHorizontalAlignment(
    alignment: 'left' | 'center' | 'normal' | 'right' | null,
  ): GasRange {
    this._setFormat(
      'horizontalAlignment',
      alignment === 'normal' ? null : alignment,
    );
    return this._gas();
  }
  setHorizontalAlignments(
    alignments: Array<Array<'left' | 'center' | 'normal' | 'right' | null>>,
  ): GasRange {
    this._setFormats(
      'setHorizontalAlignments',
      'horizontalAlignment',
      alignments,
      v => (v === 'normal' ? null : (v as string | null)),
    );
    return this._gas();
  }
  getVerticalAlignment(): string {
    return this._format('verticalAlignment')[0][0];
  }
  getVerticalAlignments(): string[][] {
    return this._format('verticalAlignment');
  }
  setVerticalAlignment(
    alignment: 'top' | 'middle' | 'bottom' | null,
  ): GasRange {
    this._setFormat('verticalAlignment', alignment);
    return this._gas();
  }
  setVerticalAlignments(
    alignments: Array<Array<'top' | 'middle' | 'bottom' | null>>,
  ): GasRange {
    this._setFormats(
      'setVerticalAlignments',
      'verticalAlignment',
      alignments,
      v => v as string | null,
    );
    return this._gas();
  }
  getWrap(): boolean {
    return this._format('wrapStrategy')[0][0] === 'WRAP';
  }
  getWraps(): boolean[][] {
    return this._format('wrapStrategy').map(r => r.map(s => s === 'WRAP'));
  }
  setWrap(isWrapEnabled: boolean): GasRange {
    this._setFormat('wrapStrategy', isWrapEnabled ? 'WRAP' : 'OVERFLOW');
    return this._gas();
  }
  setWraps(isWrapEnabled: boolean[][]): GasRange {
    this._setFormats('setWraps', 'wrapStrategy', isWrapEnabled, v =>
      v ? 'WRAP' : 'OVERFLOW',
    );
    return this._gas();
  }
  getWrapStrategy(): WrapStrategy {
    return this._format('wrapStrategy')[0][0] as unknown as WrapStrategy;
  }
  getWrapStrategies(): WrapStrategy[][] {
    return this._format('wrapStrategy') as unknown as WrapStrategy[][];
  }
  setWrapStrategy(strategy: WrapStrategy): GasRange {
    this._setFormat('wrapStrategy', String(strategy));
    return this._gas();
  }
  setWrapStrategies(strategies: WrapStrategy[][]): GasRange {
    this._setFormats('setWrapStrategies', 'wrapStrategy', strategies, v =>
      String(v),
    );
    return this._gas();
  }
  setTextRotation(
    degrees: number | GoogleAppsScript.Spreadsheet.TextRotation,
  ): GasRange {
    this._setFormat(
      'textRotation',
      typeof degrees === 'number' ? degrees : degrees.getDegrees(),
    );
    return this._gas();
  }
  setShowHyperlink(showHyperlink: boolean): GasRange {
    void showHyperlink;
    this._assertEdit();
    return this._gas();
  }
  setBorder(
    top: boolean | null,
    left: boolean | null,
    bottom: boolean | null,
    right: boolean | null,
    vertical: boolean | null,
    horizontal: boolean | null,
    color?: string | null,
    style?: GoogleAppsScript.Spreadsheet.BorderStyle | null,
  ): GasRange {
    const spec = JSON.stringify({
      top,
      left,
      bottom,
      right,
      vertical,
      horizontal,
      color: color ? normalizeColor(color) : null,
      style: style ? String(style) : null,
    });
    this._setFormat('border', spec);
    return this._gas();
  }

  // ---- data validation ------------------------------------------------------------------------

  getDataValidation(): DataValidation | null {
    const dv = this._sheet.cell(this._g.row, this._g.col)?.dv;
    return dv
      ? (new DataValidationImpl(this._env, dv) as unknown as DataValidation)
      : null;
  }
  getDataValidations(): Array<Array<DataValidation | null>> {
    return this._map(c =>
      c?.dv
        ? (new DataValidationImpl(this._env, c.dv) as unknown as DataValidation)
        : null,
    );
  }
  setDataValidation(rule: DataValidation | null): GasRange {
    this._assertEdit();
    const state = rule === null ? null : validationToState(this._ctx, rule);
    this._forEach((r, c) => this._writeValidation(r, c, state));
    return this._gas();
  }
  setDataValidations(rules: Array<Array<DataValidation | null>>): GasRange {
    const grid = this._checkGrid('setDataValidations', rules);
    this._assertEdit();
    this._forEach((r, c, i, j) => {
      const rule = grid[i][j] as DataValidation | null;
      this._writeValidation(
        r,
        c,
        rule ? validationToState(this._ctx, rule) : null,
      );
    });
    return this._gas();
  }
  _writeValidation(row: number, col: number, state: Cell['dv'] | null): void {
    if (!state) {
      const c = this._sheet.cell(row, col);
      if (c) {
        delete c.dv;
        this._sheet.prune(row, col);
      }
      return;
    }
    this._sheet.ensureCell(row, col).dv = state;
  }
  insertCheckboxes(checkedValue?: unknown, uncheckedValue?: unknown): GasRange {
    this._assertEdit();
    const args =
      checkedValue === undefined
        ? []
        : uncheckedValue === undefined
          ? [checkedValue]
          : [checkedValue, uncheckedValue];
    const state = {
      criteria: 'CHECKBOX',
      args,
      allowInvalid: false,
      helpText: '',
    };
    const unchecked = args.length === 2 ? args[1] : false;
    this._forEach((r, c) => {
      this._writeValidation(r, c, state);
      if (!SheetModelClass.hasContent(this._sheet.cell(r, c)))
        this._writeValue(r, c, unchecked);
    });
    return this._gas();
  }
  removeCheckboxes(): GasRange {
    this._assertEdit();
    this._forEach((r, c) => {
      if (this._sheet.cell(r, c)?.dv?.criteria === 'CHECKBOX') {
        this._writeValidation(r, c, null);
        this._writeValue(r, c, '');
      }
    });
    return this._gas();
  }
  isChecked(): boolean | null {
    const states = this._map(c => {
      if (c?.dv?.criteria !== 'CHECKBOX') return null;
      const checked = c.dv.args.length ? c.dv.args[0] : true;
      return c.v === checked;
    }).flat();
    if (states.some(s => s === null)) return null;
    if (states.every(s => s)) return true;
    if (states.every(s => !s)) return false;
    return null;
  }
  check(): GasRange {
    return this._setChecked(true);
  }
  uncheck(): GasRange {
    return this._setChecked(false);
  }
  _setChecked(on: boolean): GasRange {
    this._assertEdit();
    this._forEach((r, c) => {
      const dv = this._sheet.cell(r, c)?.dv;
      if (dv?.criteria !== 'CHECKBOX') return;
      const v = on
        ? dv.args.length
          ? dv.args[0]
          : true
        : dv.args.length === 2
          ? dv.args[1]
          : false;
      this._writeValue(r, c, v);
    });
    return this._gas();
  }

  // ---- merges ---------------------------------------------------------------------------------

  merge(): GasRange {
    this._mergeGrids([this._g]);
    return this._gas();
  }
  mergeAcross(): GasRange {
    const gs: GridRange[] = [];
    for (let i = 0; i < this._g.numRows; i++) {
      gs.push({
        row: this._g.row + i,
        col: this._g.col,
        numRows: 1,
        numCols: this._g.numCols,
      });
    }
    this._mergeGrids(gs);
    return this._gas();
  }
  mergeVertically(): GasRange {
    const gs: GridRange[] = [];
    for (let j = 0; j < this._g.numCols; j++) {
      gs.push({
        row: this._g.row,
        col: this._g.col + j,
        numRows: this._g.numRows,
        numCols: 1,
      });
    }
    this._mergeGrids(gs);
    return this._gas();
  }
  _mergeGrids(grids: GridRange[]): void {
    this._assertEdit();
    for (const g of grids) {
      if (g.numRows * g.numCols <= 1) continue;
      this._sheet.merges = this._sheet.merges.filter(m => !overlaps(m, g));
      this._sheet.merges.push({...g});
      // Only the top-left cell keeps its value.
      for (let i = 0; i < g.numRows; i++) {
        for (let j = 0; j < g.numCols; j++) {
          if (i === 0 && j === 0) continue;
          this._writeValue(g.row + i, g.col + j, '');
        }
      }
    }
  }
  breakApart(): GasRange {
    this._assertEdit();
    this._sheet.merges = this._sheet.merges.filter(m => !overlaps(m, this._g));
    return this._gas();
  }
  isPartOfMerge(): boolean {
    return this._sheet.merges.some(m => overlaps(m, this._g));
  }
  getMergedRanges(): GasRange[] {
    return this._sheet.merges
      .filter(m => overlaps(m, this._g))
      .map(m => this._make(m));
  }

  // ---- protection & sorting -------------------------------------------------------------------

  protect(): GoogleAppsScript.Spreadsheet.Protection {
    const state = newProtection(
      this._env,
      this._ss,
      'RANGE',
      this._sheet.id,
      this._g,
    );
    return new ProtectionImpl(
      this._env,
      this._ss,
      state,
    ) as unknown as GoogleAppsScript.Spreadsheet.Protection;
  }

  sort(sortSpecObj: unknown): GasRange {
    this._assertEdit();
    const specs = (
      Array.isArray(sortSpecObj) ? sortSpecObj : [sortSpecObj]
    ).map(s =>
      typeof s === 'number'
        ? {column: s, ascending: true}
        : {
            column: Number((s as {column: number}).column),
            ascending: (s as {ascending?: boolean}).ascending !== false,
          },
    );
    for (const s of specs) {
      if (s.column < this._g.col || s.column >= this._g.col + this._g.numCols) {
        throw gasError(
          this._ctx,
          `Column specified in the sort must be within the range: ${s.column}`,
        );
      }
    }
    const rows: Array<Array<Cell | undefined>> = [];
    for (let i = 0; i < this._g.numRows; i++) {
      const r = this._sheet.rows[this._g.row + i - 1];
      rows.push(
        Array.from(
          {length: this._g.numCols},
          (_, j) => r?.[this._g.col + j - 1],
        ),
      );
    }
    rows.sort((a, b) => {
      for (const s of specs) {
        const d = compareCells(
          a[s.column - this._g.col]?.v,
          b[s.column - this._g.col]?.v,
        );
        if (d !== 0) return s.ascending ? d : -d;
      }
      return 0;
    });
    rows.forEach((line, i) => {
      const r = this._g.row + i;
      line.forEach((cell, j) => {
        const row = (this._sheet.rows[r - 1] ??= []);
        if (cell) row[this._g.col + j - 1] = cell;
        else delete row[this._g.col + j - 1];
      });
    });
    return this._gas();
  }
}

function overlaps(a: GridRange, b: GridRange): boolean {
  return (
    a.row < b.row + b.numRows &&
    b.row < a.row + a.numRows &&
    a.col < b.col + b.numCols &&
    b.col < a.col + a.numCols
  );
}

/** Sheets' sort order: numbers and dates, then text (case-insensitive), then booleans; blanks last. */
function compareCells(a: Stored | undefined, b: Stored | undefined): number {
  const rank = (v: Stored | undefined) =>
    v === undefined || v === ''
      ? 3
      : typeof v === 'number' || isDate(v)
        ? 0
        : typeof v === 'string'
          ? 1
          : 2;
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (ra === 0) return Number(a) - Number(b);
  if (ra === 1)
    return String(a).localeCompare(String(b), undefined, {sensitivity: 'base'});
  if (ra === 2) return Number(a) - Number(b);
  return 0;
}

function describe(x: unknown): string {
  if (x === null || x === undefined) return 'null';
  if (Array.isArray(x)) return 'number[]';
  return typeof x === 'string'
    ? 'String'
    : typeof x === 'number'
      ? 'number'
      : 'Object';
}

instrument(RangeImpl, 'Range', 'Spreadsheet.Range');
