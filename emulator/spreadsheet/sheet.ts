// Sheet: one tab of a spreadsheet — ranges, size, rows and columns, freezing, protection.
import type {GridRange} from './a1';
import {parseA1, refToGrid} from './a1';
import type {SpreadsheetEnv} from './env';
import {assertCanWrite, protectedError} from './env';
import type {SheetModel, SpreadsheetModel} from './model';
import {gasError, instrument} from '../runtime';
import type {EmulatorContext} from '../context';
import {RangeImpl} from './range';
import {SpreadsheetImpl} from './spreadsheet';
import {ProtectionImpl, newProtection} from './protection';
import {ConditionalFormatRuleImpl, conditionalRuleToState} from './conditional';
import {NamedRangeImpl} from './named-range';
import {
  EmbeddedChartImpl,
  insertChart,
  newChartBuilder,
  removeChart,
  updateChart,
} from './chart';

type GasRange = GoogleAppsScript.Spreadsheet.Range;
type GasSheet = GoogleAppsScript.Spreadsheet.Sheet;
type Protection = GoogleAppsScript.Spreadsheet.Protection;

const DEFAULT_COLUMN_WIDTH = 100;
const DEFAULT_ROW_HEIGHT = 21;

export class SheetImpl implements Partial<GasSheet> {
  constructor(
    readonly _env: SpreadsheetEnv,
    readonly _ss: SpreadsheetModel,
    readonly _sheet: SheetModel,
  ) {}

  get _ctx(): EmulatorContext {
    return this._env.ctx;
  }

  _gas(): GasSheet {
    return this as unknown as GasSheet;
  }

  /** A range after Google's checks of the coordinates. */
  static _rangeAt(
    env: SpreadsheetEnv,
    ss: SpreadsheetModel,
    sheet: SheetModel,
    row: unknown,
    col: unknown,
    numRows: unknown = 1,
    numCols: unknown = 1,
  ): GasRange {
    const ctx = env.ctx;
    const nums = [row, col, numRows, numCols];
    if (nums.some(n => typeof n !== 'number' || Number.isNaN(n))) {
      const types = nums
        .slice(0, numCols !== 1 ? 4 : numRows !== 1 ? 3 : 2)
        .map(n =>
          typeof n === 'number' && !Number.isNaN(n)
            ? 'number'
            : n === null || n === undefined
              ? 'null'
              : typeof n === 'string'
                ? 'String'
                : 'Object',
        );
      throw gasError(
        ctx,
        `The parameters (${types.join(',')}) don't match the method signature for SpreadsheetApp.Sheet.getRange.`,
      );
    }
    for (const n of nums as number[]) {
      if (!Number.isInteger(n))
        throw gasError(ctx, `Cannot convert '${n}' to int.`);
    }
    const [r, c, nr, nc] = nums as number[];
    if (r < 1)
      throw gasError(ctx, 'The starting row of the range is too small.');
    if (c < 1)
      throw gasError(ctx, 'The starting column of the range is too small.');
    if (nr < 1)
      throw gasError(
        ctx,
        'The number of rows in the range must be at least 1.',
      );
    if (nc < 1)
      throw gasError(
        ctx,
        'The number of columns in the range must be at least 1.',
      );
    if (r + nr - 1 > sheet.maxRows || c + nc - 1 > sheet.maxCols) {
      throw gasError(
        ctx,
        'The coordinates of the range are outside the dimensions of the sheet.',
      );
    }
    return new RangeImpl(env, ss, sheet, {
      row: r,
      col: c,
      numRows: nr,
      numCols: nc,
    }) as unknown as GasRange;
  }

  /** A range from A1 notation on this sheet. */
  static _rangeA1(
    env: SpreadsheetEnv,
    ss: SpreadsheetModel,
    sheet: SheetModel,
    a1: string,
  ): GasRange {
    const ref = parseA1(a1);
    if (!ref || (ref.sheetName !== null && ref.sheetName !== sheet.name)) {
      throw gasError(env.ctx, 'Range not found');
    }
    const g = refToGrid(ref, sheet.maxRows, sheet.maxCols);
    if (
      g.row + g.numRows - 1 > sheet.maxRows ||
      g.col + g.numCols - 1 > sheet.maxCols
    ) {
      throw gasError(env.ctx, 'Range not found');
    }
    return new RangeImpl(env, ss, sheet, g) as unknown as GasRange;
  }

  _alive(): void {
    if (!this._ss.sheets.includes(this._sheet)) {
      throw gasError(this._ctx, 'Sheet not found');
    }
  }

  _assertStructure(): void {
    this._alive();
    assertCanWrite(this._ctx, this._ss);
    if (
      this._ss.blockingSheetProtection(
        this._ctx.effectiveUser(),
        this._sheet.id,
      )
    ) {
      throw protectedError(this._ctx);
    }
  }

  _assertCells(g: GridRange): void {
    this._alive();
    assertCanWrite(this._ctx, this._ss);
    if (
      this._ss.blockingProtection(this._ctx.effectiveUser(), this._sheet.id, g)
    ) {
      throw protectedError(this._ctx);
    }
  }

  _all(): GridRange {
    return {
      row: 1,
      col: 1,
      numRows: this._sheet.maxRows,
      numCols: this._sheet.maxCols,
    };
  }

  // ---- identity -------------------------------------------------------------------------------

  getName(): string {
    return this._sheet.name;
  }
  getSheetName(): string {
    return this._sheet.name;
  }
  setName(name: string): GasSheet {
    this._assertStructure();
    const n = String(name);
    const clash = this._ss.sheetByNameInsensitive(n);
    if (clash && clash !== this._sheet) {
      throw gasError(
        this._ctx,
        `A sheet with the name "${n}" already exists. Please enter another name.`,
      );
    }
    this._sheet.name = n;
    return this._gas();
  }
  getSheetId(): number {
    return this._sheet.id;
  }
  getIndex(): number {
    return this._ss.sheets.indexOf(this._sheet) + 1;
  }
  getParent(): GoogleAppsScript.Spreadsheet.Spreadsheet {
    return new SpreadsheetImpl(
      this._env,
      this._ss,
    ) as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet;
  }
  getType(): GoogleAppsScript.Spreadsheet.SheetType {
    return 'GRID' as unknown as GoogleAppsScript.Spreadsheet.SheetType;
  }
  activate(): GasSheet {
    this._alive();
    this._ss.activeSheetId = this._sheet.id;
    this._sheet.hidden = false;
    return this._gas();
  }
  getFormUrl(): string | null {
    return this._sheet.formUrl ?? null;
  }

  // ---- ranges ---------------------------------------------------------------------------------

  getRange(
    a: number | string,
    column?: number,
    numRows?: number,
    numColumns?: number,
  ): GasRange {
    this._alive();
    if (typeof a === 'string' && column === undefined) {
      return SheetImpl._rangeA1(this._env, this._ss, this._sheet, a);
    }
    return SheetImpl._rangeAt(
      this._env,
      this._ss,
      this._sheet,
      a,
      column,
      numRows ?? 1,
      numColumns ?? 1,
    );
  }
  getDataRange(): GasRange {
    this._alive();
    const rows = Math.max(1, this._sheet.lastRow());
    const cols = Math.max(1, this._sheet.lastColumn());
    return new RangeImpl(this._env, this._ss, this._sheet, {
      row: 1,
      col: 1,
      numRows: rows,
      numCols: cols,
    }) as unknown as GasRange;
  }
  getSheetValues(
    startRow: number,
    startColumn: number,
    numRows: number,
    numColumns: number,
  ): unknown[][] {
    const nr =
      numRows === -1
        ? Math.max(1, this._sheet.lastRow() - startRow + 1)
        : numRows;
    const nc =
      numColumns === -1
        ? Math.max(1, this._sheet.lastColumn() - startColumn + 1)
        : numColumns;
    const range = SheetImpl._rangeAt(
      this._env,
      this._ss,
      this._sheet,
      startRow,
      startColumn,
      nr,
      nc,
    );
    return (range as unknown as RangeImpl).getValues();
  }
  getLastRow(): number {
    return this._sheet.lastRow();
  }
  getLastColumn(): number {
    return this._sheet.lastColumn();
  }
  getMaxRows(): number {
    return this._sheet.maxRows;
  }
  getMaxColumns(): number {
    return this._sheet.maxCols;
  }
  getActiveRange(): GasRange | null {
    const a = this._ss.activeRange;
    if (!a || a.sheetId !== this._sheet.id) return null;
    return new RangeImpl(
      this._env,
      this._ss,
      this._sheet,
      a,
    ) as unknown as GasRange;
  }
  getActiveCell(): GasRange {
    const a = this._ss.activeRange;
    const g =
      a && a.sheetId === this._sheet.id
        ? {...a, numRows: 1, numCols: 1}
        : {row: 1, col: 1, numRows: 1, numCols: 1};
    return new RangeImpl(
      this._env,
      this._ss,
      this._sheet,
      g,
    ) as unknown as GasRange;
  }
  setActiveRange(range: GasRange): GasRange {
    return (range as unknown as RangeImpl).activate();
  }
  setActiveSelection(range: GasRange | string): GasRange {
    const r = typeof range === 'string' ? this.getRange(range) : range;
    return (r as unknown as RangeImpl).activate();
  }

  appendRow(rowContents: unknown[]): GasSheet {
    if (!Array.isArray(rowContents)) {
      throw gasError(
        this._ctx,
        "The parameters (String) don't match the method signature for SpreadsheetApp.Sheet.appendRow.",
      );
    }
    this._alive();
    const row = this._sheet.lastRow() + 1;
    const n = Math.max(1, rowContents.length);
    this._assertCells({row, col: 1, numRows: 1, numCols: n});
    if (row > this._sheet.maxRows) this._growRows(row - this._sheet.maxRows);
    if (n > this._sheet.maxCols) this._sheet.maxCols = n;
    const range = new RangeImpl(this._env, this._ss, this._sheet, {
      row,
      col: 1,
      numRows: 1,
      numCols: n,
    });
    rowContents.forEach((v, j) => range._writeValue(row, j + 1, v));
    return this._gas();
  }

  _growRows(n: number): void {
    this._sheet.maxRows += n;
    this._ss.shiftAnchors(this._sheet.id, 'row', this._sheet.maxRows + 1, 0);
  }

  // ---- rows and columns -----------------------------------------------------------------------

  _insert(
    dim: 'row' | 'col',
    before: number,
    n: number,
    inheritFrom: number | null,
  ): void {
    const max = dim === 'row' ? this._sheet.maxRows : this._sheet.maxCols;
    if (
      !Number.isInteger(before) ||
      !Number.isInteger(n) ||
      before < 1 ||
      before > max + 1 ||
      n < 1
    ) {
      throw gasError(
        this._ctx,
        dim === 'row'
          ? 'Those rows are out of bounds.'
          : 'Those columns are out of bounds.',
      );
    }
    this._assertStructure();
    if (
      this._ss.blockingInsert(
        this._ctx.effectiveUser(),
        this._sheet.id,
        dim,
        before,
      )
    )
      throw protectedError(this._ctx);
    if (dim === 'row') this._sheet.insertRows(before, n);
    else this._sheet.insertColumns(before, n);
    this._ss.shiftAnchors(this._sheet.id, dim, before, n);
    // New rows/columns take the formatting and validation of their neighbour, as in Sheets.
    if (inheritFrom !== null) {
      const src = inheritFrom >= before ? inheritFrom + n : inheritFrom;
      const other = dim === 'row' ? this._sheet.maxCols : this._sheet.maxRows;
      for (let k = 1; k <= other; k++) {
        const from =
          dim === 'row' ? this._sheet.cell(src, k) : this._sheet.cell(k, src);
        if (!from?.fmt && !from?.dv) continue;
        for (let i = 0; i < n; i++) {
          const to =
            dim === 'row'
              ? this._sheet.ensureCell(before + i, k)
              : this._sheet.ensureCell(k, before + i);
          if (from.fmt) to.fmt = {...from.fmt};
          if (from.dv) to.dv = from.dv;
        }
      }
    }
  }

  _delete(dim: 'row' | 'col', at: number, n: number): void {
    const max = dim === 'row' ? this._sheet.maxRows : this._sheet.maxCols;
    if (
      !Number.isInteger(at) ||
      !Number.isInteger(n) ||
      at < 1 ||
      n < 1 ||
      at + n - 1 > max
    ) {
      throw gasError(
        this._ctx,
        dim === 'row'
          ? 'Those rows are out of bounds.'
          : 'Those columns are out of bounds.',
      );
    }
    const frozen =
      dim === 'row' ? this._sheet.frozenRows : this._sheet.frozenCols;
    const frozenDeleted = Math.max(0, Math.min(frozen, at + n - 1) - at + 1);
    if (max - n - (frozen - frozenDeleted) < 1) {
      throw gasError(
        this._ctx,
        dim === 'row'
          ? 'Sorry, it is not possible to delete all non-frozen rows.'
          : 'Sorry, it is not possible to delete all non-frozen columns.',
      );
    }
    this._assertStructure();
    const g =
      dim === 'row'
        ? {row: at, col: 1, numRows: n, numCols: this._sheet.maxCols}
        : {row: 1, col: at, numRows: this._sheet.maxRows, numCols: n};
    this._assertCells(g);
    if (dim === 'row') this._sheet.deleteRows(at, n);
    else this._sheet.deleteColumns(at, n);
    this._ss.shiftAnchors(this._sheet.id, dim, at, -n);
  }

  insertRows(rowIndex: number, numRows = 1): void {
    this._insert('row', rowIndex, numRows, rowIndex);
  }
  insertRowsBefore(beforePosition: number, howMany: number): GasSheet {
    this._insert('row', beforePosition, howMany, beforePosition);
    return this._gas();
  }
  insertRowsAfter(afterPosition: number, howMany: number): GasSheet {
    this._insert('row', afterPosition + 1, howMany, afterPosition);
    return this._gas();
  }
  insertRowBefore(beforePosition: number): GasSheet {
    return this.insertRowsBefore(beforePosition, 1);
  }
  insertRowAfter(afterPosition: number): GasSheet {
    return this.insertRowsAfter(afterPosition, 1);
  }
  deleteRows(rowPosition: number, howMany: number): void {
    this._delete('row', rowPosition, howMany);
  }
  deleteRow(rowPosition: number): GasSheet {
    this._delete('row', rowPosition, 1);
    return this._gas();
  }
  insertColumns(columnIndex: number, numColumns = 1): void {
    this._insert('col', columnIndex, numColumns, columnIndex);
  }
  insertColumnsBefore(beforePosition: number, howMany: number): GasSheet {
    this._insert('col', beforePosition, howMany, beforePosition);
    return this._gas();
  }
  insertColumnsAfter(afterPosition: number, howMany: number): GasSheet {
    this._insert('col', afterPosition + 1, howMany, afterPosition);
    return this._gas();
  }
  insertColumnBefore(beforePosition: number): GasSheet {
    return this.insertColumnsBefore(beforePosition, 1);
  }
  insertColumnAfter(afterPosition: number): GasSheet {
    return this.insertColumnsAfter(afterPosition, 1);
  }
  deleteColumns(columnPosition: number, howMany: number): void {
    this._delete('col', columnPosition, howMany);
  }
  deleteColumn(columnPosition: number): GasSheet {
    this._delete('col', columnPosition, 1);
    return this._gas();
  }

  // ---- clearing -------------------------------------------------------------------------------

  clear(options?: {formatOnly?: boolean; contentsOnly?: boolean}): GasSheet {
    this._assertCells(this._all());
    const o = options ?? {};
    const any = o.formatOnly || o.contentsOnly;
    this._sheet.rows.forEach((row, ri) => {
      row?.forEach((c, ci) => {
        if (!c) return;
        if (!any || o.contentsOnly) {
          delete c.v;
          delete c.f;
        }
        if (!any || o.formatOnly) delete c.fmt;
        this._sheet.prune(ri + 1, ci + 1);
      });
    });
    if (!any || o.formatOnly) this._sheet.conditionalRules = [];
    return this._gas();
  }
  clearContents(): GasSheet {
    return this.clear({contentsOnly: true});
  }
  clearFormats(): GasSheet {
    return this.clear({formatOnly: true});
  }
  clearNotes(): GasSheet {
    this._assertCells(this._all());
    this._sheet.rows.forEach((row, ri) =>
      row?.forEach((c, ci) => {
        if (c) {
          delete c.note;
          this._sheet.prune(ri + 1, ci + 1);
        }
      }),
    );
    return this._gas();
  }

  // ---- layout ---------------------------------------------------------------------------------

  setFrozenRows(rows: number): void {
    this._assertStructure();
    if (rows < 0 || rows >= this._sheet.maxRows) {
      throw gasError(
        this._ctx,
        "You can't freeze all visible rows on the sheet.",
      );
    }
    this._sheet.frozenRows = rows;
  }
  getFrozenRows(): number {
    return this._sheet.frozenRows;
  }
  setFrozenColumns(columns: number): void {
    this._assertStructure();
    if (columns < 0 || columns >= this._sheet.maxCols) {
      throw gasError(
        this._ctx,
        "You can't freeze all visible columns on the sheet.",
      );
    }
    this._sheet.frozenCols = columns;
  }
  getFrozenColumns(): number {
    return this._sheet.frozenCols;
  }
  setColumnWidth(columnPosition: number, width: number): GasSheet {
    this._sheet.colWidths.set(columnPosition, width);
    return this._gas();
  }
  setColumnWidths(
    startColumn: number,
    numColumns: number,
    width: number,
  ): GasSheet {
    for (let c = startColumn; c < startColumn + numColumns; c++)
      this._sheet.colWidths.set(c, width);
    return this._gas();
  }
  getColumnWidth(columnPosition: number): number {
    return this._sheet.colWidths.get(columnPosition) ?? DEFAULT_COLUMN_WIDTH;
  }
  setRowHeight(rowPosition: number, height: number): GasSheet {
    return this.setRowHeights(rowPosition, 1, height);
  }
  setRowHeights(startRow: number, numRows: number, height: number): GasSheet {
    for (let r = startRow; r < startRow + numRows; r++) {
      this._sheet.rowHeights.set(r, height);
      this._sheet.forcedRows.delete(r);
    }
    return this._gas();
  }
  /**
   * "By default, rows grow to fit cell contents. If you want to force rows to a specified height,
   * use setRowHeightsForced" (Sheet.setRowHeights, developers.google.com/apps-script/reference/
   * spreadsheet/sheet): a forced row keeps its height whatever it holds.
   */
  setRowHeightsForced(
    startRow: number,
    numRows: number,
    height: number,
  ): GasSheet {
    this.setRowHeights(startRow, numRows, height);
    for (let r = startRow; r < startRow + numRows; r++)
      this._sheet.forcedRows.add(r);
    return this._gas();
  }
  /**
   * The row's height as Sheets shows it: a forced height as set; otherwise the set (or default)
   * height, grown to fit the row's wrapped text. The fit is an estimate (7 px a character, 21 px a
   * line) good enough to tell one line from a screenful; clipped and overflowing text never grows it.
   * A cell merged across columns wraps over the merged width; the cells a merge covers show
   * nothing, and a merge over several rows shares its height among them (it grows none of them).
   */
  getRowHeight(rowPosition: number): number {
    const set = this._sheet.rowHeights.get(rowPosition) ?? DEFAULT_ROW_HEIGHT;
    if (this._sheet.forcedRows.has(rowPosition)) return set;
    const merges = this._sheet.merges.filter(
      m => m.row <= rowPosition && rowPosition < m.row + m.numRows,
    );
    let lines = 1;
    (this._sheet.rows[rowPosition - 1] ?? []).forEach((cell, i) => {
      if (!cell || cell.fmt?.wrapStrategy !== 'WRAP' || cell.v === undefined)
        return;
      const col = i + 1;
      const merge = merges.find(m => m.col <= col && col < m.col + m.numCols);
      if (merge && (merge.col !== col || merge.row !== rowPosition)) return;
      if (merge && merge.numRows > 1) return;
      let width = 0;
      for (let c = col; c < col + (merge?.numCols ?? 1); c++)
        width += this.getColumnWidth(c);
      const perLine = Math.max(1, Math.floor((width - 6) / 7));
      const n = String(cell.v)
        .split('\n')
        .reduce(
          (sum, l) => sum + Math.max(1, Math.ceil(l.length / perLine)),
          0,
        );
      lines = Math.max(lines, n);
    });
    return Math.max(set, lines * DEFAULT_ROW_HEIGHT);
  }
  autoResizeColumn(columnPosition: number): GasSheet {
    return this.autoResizeColumns(columnPosition, 1);
  }
  autoResizeColumns(startColumn: number, numColumns: number): GasSheet {
    for (let c = startColumn; c < startColumn + numColumns; c++) {
      let longest = 0;
      for (const row of this._sheet.rows) {
        const v = row?.[c - 1]?.v;
        if (v !== undefined)
          longest = Math.max(
            longest,
            ...String(v)
              .split('\n')
              .map(l => l.length),
          );
      }
      this._sheet.colWidths.set(
        c,
        longest === 0 ? DEFAULT_COLUMN_WIDTH : Math.max(21, longest * 7 + 10),
      );
    }
    return this._gas();
  }
  autoResizeRows(startRow: number, numRows: number): GasSheet {
    for (let r = startRow; r < startRow + numRows; r++)
      this._sheet.rowHeights.delete(r);
    return this._gas();
  }
  hideColumns(columnIndex: number, numColumns = 1): void {
    for (let c = columnIndex; c < columnIndex + numColumns; c++)
      this._sheet.hiddenCols.add(c);
  }
  showColumns(columnIndex: number, numColumns = 1): void {
    for (let c = columnIndex; c < columnIndex + numColumns; c++)
      this._sheet.hiddenCols.delete(c);
  }
  hideColumn(column: GasRange): void {
    this.hideColumns(column.getColumn(), column.getNumColumns());
  }
  unhideColumn(column: GasRange): void {
    this.showColumns(column.getColumn(), column.getNumColumns());
  }
  isColumnHiddenByUser(columnPosition: number): boolean {
    return this._sheet.hiddenCols.has(columnPosition);
  }
  hideRows(rowIndex: number, numRows = 1): void {
    for (let r = rowIndex; r < rowIndex + numRows; r++)
      this._sheet.hiddenRows.add(r);
  }
  showRows(rowIndex: number, numRows = 1): void {
    for (let r = rowIndex; r < rowIndex + numRows; r++)
      this._sheet.hiddenRows.delete(r);
  }
  hideRow(row: GasRange): void {
    this.hideRows(row.getRow(), row.getNumRows());
  }
  unhideRow(row: GasRange): void {
    this.showRows(row.getRow(), row.getNumRows());
  }
  isRowHiddenByUser(rowPosition: number): boolean {
    return this._sheet.hiddenRows.has(rowPosition);
  }
  hideSheet(): GasSheet {
    this._alive();
    const visible = this._ss.sheets.filter(s => !s.hidden);
    if (visible.length === 1 && visible[0] === this._sheet) {
      throw gasError(this._ctx, "You can't hide all the sheets in a document.");
    }
    this._sheet.hidden = true;
    if (this._ss.activeSheetId === this._sheet.id) {
      this._ss.activeSheetId =
        this._ss.sheets.find(s => !s.hidden)?.id ?? this._ss.activeSheetId;
    }
    return this._gas();
  }
  showSheet(): GasSheet {
    this._sheet.hidden = false;
    return this._gas();
  }
  isSheetHidden(): boolean {
    return this._sheet.hidden;
  }
  setTabColor(color: string | null): GasSheet {
    this._sheet.tabColor = color === null ? null : color.toLowerCase();
    return this._gas();
  }
  getTabColor(): string | null {
    return this._sheet.tabColor;
  }
  setHiddenGridlines(hideGridlines: boolean): GasSheet {
    this._sheet.hiddenGridlines = hideGridlines;
    return this._gas();
  }
  hasHiddenGridlines(): boolean {
    return this._sheet.hiddenGridlines;
  }
  setRightToLeft(rightToLeft: boolean): GasSheet {
    this._sheet.rightToLeft = rightToLeft;
    return this._gas();
  }
  isRightToLeft(): boolean {
    return this._sheet.rightToLeft;
  }

  // ---- rules, protection, names ---------------------------------------------------------------

  getConditionalFormatRules(): GoogleAppsScript.Spreadsheet.ConditionalFormatRule[] {
    return this._sheet.conditionalRules.map(
      s =>
        new ConditionalFormatRuleImpl(
          this._env,
          this._ss,
          s,
        ) as unknown as GoogleAppsScript.Spreadsheet.ConditionalFormatRule,
    );
  }
  setConditionalFormatRules(
    rules: GoogleAppsScript.Spreadsheet.ConditionalFormatRule[],
  ): void {
    this._alive();
    this._sheet.conditionalRules = rules.map(r =>
      conditionalRuleToState(this._ctx, r, this._sheet.id),
    );
  }
  clearConditionalFormatRules(): void {
    this._sheet.conditionalRules = [];
  }
  protect(): Protection {
    this._alive();
    const existing = this._ss.protections.find(
      p => p.type === 'SHEET' && p.sheetId === this._sheet.id,
    );
    const state =
      existing ??
      newProtection(this._env, this._ss, 'SHEET', this._sheet.id, this._all());
    return new ProtectionImpl(
      this._env,
      this._ss,
      state,
    ) as unknown as Protection;
  }
  getProtections(
    type: GoogleAppsScript.Spreadsheet.ProtectionType,
  ): Protection[] {
    const t = String(type);
    return this._ss.protections
      .filter(p => p.sheetId === this._sheet.id && p.type === t)
      .map(
        p =>
          new ProtectionImpl(this._env, this._ss, p) as unknown as Protection,
      );
  }
  getNamedRanges(): GoogleAppsScript.Spreadsheet.NamedRange[] {
    return [...this._ss.namedRanges.entries()]
      .filter(([, g]) => g.sheetId === this._sheet.id)
      .map(
        ([name]) =>
          new NamedRangeImpl(
            this._env,
            this._ss,
            name,
          ) as unknown as GoogleAppsScript.Spreadsheet.NamedRange,
      );
  }

  // ---- embedded charts ------------------------------------------------------------------------

  /** Charts change the sheet: only an editor may, and a protected sheet refuses them. */
  _assertChartEdit(): void {
    this._assertStructure();
  }
  newChart(): GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder {
    this._alive();
    return newChartBuilder(this._env, this._ss, this._sheet);
  }
  insertChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): void {
    this._assertChartEdit();
    insertChart(this._ctx, this._ss, this._sheet, chart);
  }
  updateChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): void {
    this._assertChartEdit();
    updateChart(this._ctx, this._sheet, chart);
  }
  removeChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): void {
    this._assertChartEdit();
    removeChart(this._ctx, this._sheet, chart);
  }
  getCharts(): GoogleAppsScript.Spreadsheet.EmbeddedChart[] {
    this._alive();
    return this._sheet.charts.map(
      c =>
        new EmbeddedChartImpl(this._env, this._ss, this._sheet, {
          ...c,
          ranges: c.ranges.map(r => ({...r})),
          options: JSON.parse(JSON.stringify(c.options)) as Record<
            string,
            unknown
          >,
        }) as unknown as GoogleAppsScript.Spreadsheet.EmbeddedChart,
    );
  }

  copyTo(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): GasSheet {
    const target = (spreadsheet as unknown as SpreadsheetImpl)._ss;
    let name = `Copy of ${this._sheet.name}`;
    for (let i = 2; target.sheetByNameInsensitive(name); i++)
      name = `Copy of ${this._sheet.name} ${i}`;
    const copy = target.addSheet(
      name,
      undefined,
      this._sheet.maxRows,
      this._sheet.maxCols,
    );
    copy.rows = this._sheet.rows.map(r =>
      r
        ? r.map(c => (c ? (structuredClone(c) as typeof c) : undefined))
        : undefined,
    );
    copy.frozenRows = this._sheet.frozenRows;
    copy.frozenCols = this._sheet.frozenCols;
    copy.colWidths = new Map(this._sheet.colWidths);
    copy.rowHeights = new Map(this._sheet.rowHeights);
    copy.merges = this._sheet.merges.map(m => ({...m}));
    // Charts come along, their ranges re-pointed at the copy (ids renumbered in the target).
    let nextId = Math.max(
      0,
      ...target.sheets.flatMap(s => s.charts.map(c => c.id)),
    );
    copy.charts = this._sheet.charts.map(c => ({
      ...(JSON.parse(JSON.stringify(c)) as typeof c),
      id: ++nextId,
      ranges: c.ranges.map(g =>
        g.sheetId === this._sheet.id ? {...g, sheetId: copy.id} : {...g},
      ),
    }));
    copy.conditionalRules = structuredClone(this._sheet.conditionalRules).map(
      r => ({
        ...r,
        ranges: r.ranges.map(g => ({...g, sheetId: copy.id})),
      }),
    );
    return new SheetImpl(this._env, target, copy) as unknown as GasSheet;
  }

  sort(columnPosition: number, ascending = true): GasSheet {
    const first = this._sheet.frozenRows + 1;
    const last = this._sheet.lastRow();
    if (last >= first) {
      const range = new RangeImpl(this._env, this._ss, this._sheet, {
        row: first,
        col: 1,
        numRows: last - first + 1,
        numCols: Math.max(1, this._sheet.lastColumn()),
      });
      range.sort({column: columnPosition, ascending});
    }
    return this._gas();
  }
}

instrument(SheetImpl, 'Sheet', 'Spreadsheet.Sheet');
