// Spreadsheet: a workbook — its sheets, sharing, named ranges, protections, toasts and exports.
import {parseA1} from './a1';
import type {SpreadsheetEnv} from './env';
import {protectedError} from './env';
import type {SheetModel, SpreadsheetModel} from './model';
import {UserImpl, emailOf, gasError, instrument} from '../runtime';
import type {EmulatorContext} from '../context';
import {SheetImpl} from './sheet';
import {RangeImpl} from './range';
import {ProtectionImpl} from './protection';
import {NamedRangeImpl} from './named-range';
import {BlobImpl} from '../blob';
import {isValidTimeZone} from '../tz';
import {spreadsheetExport} from './export';

type GasSpreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type GasSheet = GoogleAppsScript.Spreadsheet.Sheet;
type GasRange = GoogleAppsScript.Spreadsheet.Range;
type User = GoogleAppsScript.Base.User;

export class SpreadsheetImpl implements Partial<GasSpreadsheet> {
  constructor(
    readonly _env: SpreadsheetEnv,
    readonly _ss: SpreadsheetModel,
  ) {}

  get _ctx(): EmulatorContext {
    return this._env.ctx;
  }

  _gas(): GasSpreadsheet {
    return this as unknown as GasSpreadsheet;
  }

  _sheet(m: SheetModel): GasSheet {
    return new SheetImpl(this._env, this._ss, m) as unknown as GasSheet;
  }

  _active(): SheetImpl {
    return new SheetImpl(this._env, this._ss, this._ss.activeSheet());
  }

  // ---- identity and sharing -------------------------------------------------------------------

  getId(): string {
    return this._ss.id;
  }
  getName(): string {
    return this._ss.name;
  }
  rename(newName: string): void {
    this._ss.name = String(newName);
  }
  getUrl(): string {
    return `https://docs.google.com/spreadsheets/d/${this._ss.id}/edit`;
  }
  getOwner(): User | null {
    return new UserImpl(this._ctx, this._ss.owner) as unknown as User;
  }
  getEditors(): User[] {
    return this._ss
      .allEditors()
      .map(e => new UserImpl(this._ctx, e) as unknown as User);
  }
  getViewers(): User[] {
    const all = [...this._ss.allEditors(), ...this._ss.viewers];
    return all.map(e => new UserImpl(this._ctx, e) as unknown as User);
  }
  addEditor(emailAddress: string | User): GasSpreadsheet {
    return this.addEditors([emailOf(emailAddress)]);
  }
  addEditors(emailAddresses: string[]): GasSpreadsheet {
    this._assertEditor();
    for (const e of emailAddresses) {
      if (!this._ss.isEditor(e)) this._ss.editors.push(e);
      this._ss.viewers = this._ss.viewers.filter(
        v => v.toLowerCase() !== e.toLowerCase(),
      );
    }
    return this._gas();
  }
  removeEditor(emailAddress: string | User): GasSpreadsheet {
    this._assertEditor();
    const e = emailOf(emailAddress).toLowerCase();
    this._ss.editors = this._ss.editors.filter(x => x.toLowerCase() !== e);
    return this._gas();
  }
  addViewer(emailAddress: string | User): GasSpreadsheet {
    return this.addViewers([emailOf(emailAddress)]);
  }
  addViewers(emailAddresses: string[]): GasSpreadsheet {
    this._assertEditor();
    for (const e of emailAddresses) {
      if (!this._ss.isEditor(e) && !this._ss.viewers.includes(e))
        this._ss.viewers.push(e);
    }
    return this._gas();
  }
  removeViewer(emailAddress: string | User): GasSpreadsheet {
    this._assertEditor();
    const e = emailOf(emailAddress).toLowerCase();
    this._ss.viewers = this._ss.viewers.filter(x => x.toLowerCase() !== e);
    return this._gas();
  }
  _assertEditor(): void {
    if (!this._ss.isEditor(this._ctx.effectiveUser())) {
      throw gasError(
        this._ctx,
        'You do not have permission to perform that action.',
      );
    }
  }
  getSpreadsheetTimeZone(): string {
    return this._ss.timeZone;
  }
  setSpreadsheetTimeZone(timezone: string): void {
    if (!isValidTimeZone(timezone))
      throw gasError(this._ctx, `Invalid argument: ${timezone}`);
    this._ss.timeZone = timezone;
  }
  getSpreadsheetLocale(): string {
    return this._ss.locale;
  }
  setSpreadsheetLocale(locale: string): void {
    this._ss.locale = String(locale);
  }

  // ---- sheets ---------------------------------------------------------------------------------

  getSheets(): GasSheet[] {
    return this._ss.sheets.map(s => this._sheet(s));
  }
  getNumSheets(): number {
    return this._ss.sheets.length;
  }
  getSheetByName(name: string): GasSheet | null {
    const s = this._ss.sheetByNameInsensitive(String(name));
    return s ? this._sheet(s) : null;
  }
  getSheetById(id: number): GasSheet | null {
    const s = this._ss.sheetById(id);
    return s ? this._sheet(s) : null;
  }
  insertSheet(a?: unknown, b?: unknown, c?: unknown): GasSheet {
    let name: string | undefined;
    let index: number | undefined;
    let options: {template?: GasSheet} | undefined;
    const args = [a, b, c].filter(x => x !== undefined);
    for (const x of args) {
      if (typeof x === 'string') name = x;
      else if (typeof x === 'number') index = x;
      else if (x && typeof x === 'object') options = x as {template?: GasSheet};
    }
    if (!this._ss.isEditor(this._ctx.effectiveUser()))
      throw protectedError(this._ctx);
    if (name === undefined) {
      let n = this._ss.sheets.length + 1;
      while (this._ss.sheetByNameInsensitive(`Sheet${n}`)) n++;
      name = `Sheet${n}`;
    }
    if (name.trim() === '')
      throw gasError(this._ctx, 'Invalid argument: sheetName');
    if (this._ss.sheetByNameInsensitive(name)) {
      throw gasError(
        this._ctx,
        `A sheet with the name "${name}" already exists. Please enter another name.`,
      );
    }
    if (index !== undefined && (index < 0 || index > this._ss.sheets.length)) {
      throw gasError(this._ctx, 'Invalid argument: sheetIndex');
    }
    let sheet: SheetModel;
    if (options?.template) {
      const copy = (options.template as unknown as SheetImpl).copyTo(
        this._gas(),
      ) as unknown as SheetImpl;
      sheet = copy._sheet;
      sheet.name = name;
      this._ss.sheets = this._ss.sheets.filter(s => s !== sheet);
      if (index === undefined || index >= this._ss.sheets.length)
        this._ss.sheets.push(sheet);
      else this._ss.sheets.splice(index, 0, sheet);
    } else {
      sheet = this._ss.addSheet(name, index);
    }
    this._ss.activeSheetId = sheet.id;
    return this._sheet(sheet);
  }
  deleteSheet(sheet: GasSheet): void {
    const impl = sheet as unknown as SheetImpl;
    const m = impl._sheet;
    if (!this._ss.sheets.includes(m))
      throw gasError(this._ctx, 'Sheet not found');
    if (this._ss.sheets.filter(s => !s.hidden && s !== m).length === 0) {
      throw gasError(
        this._ctx,
        "You can't remove all the sheets in a document.",
      );
    }
    if (!this._ss.isEditor(this._ctx.effectiveUser()))
      throw protectedError(this._ctx);
    if (
      this._ss.blockingProtection(this._ctx.effectiveUser(), m.id, {
        row: 1,
        col: 1,
        numRows: m.maxRows,
        numCols: m.maxCols,
      })
    ) {
      throw protectedError(this._ctx);
    }
    this._ss.sheets = this._ss.sheets.filter(s => s !== m);
    this._ss.protections = this._ss.protections.filter(p => p.sheetId !== m.id);
    for (const [n, g] of [...this._ss.namedRanges])
      if (g.sheetId === m.id) this._ss.namedRanges.delete(n);
    if (this._ss.activeSheetId === m.id)
      this._ss.activeSheetId = this._ss.sheets[0].id;
  }
  deleteActiveSheet(): GasSheet {
    const active = this._ss.activeSheet();
    this.deleteSheet(this._sheet(active));
    return this._sheet(this._ss.activeSheet());
  }
  duplicateActiveSheet(): GasSheet {
    const copy = this._active().copyTo(this._gas()) as unknown as SheetImpl;
    const m = copy._sheet;
    this._ss.sheets = this._ss.sheets.filter(s => s !== m);
    this._ss.sheets.splice(
      this._ss.sheets.indexOf(this._ss.activeSheet()) + 1,
      0,
      m,
    );
    this._ss.activeSheetId = m.id;
    return this._sheet(m);
  }
  getActiveSheet(): GasSheet {
    return this._sheet(this._ss.activeSheet());
  }
  setActiveSheet(sheet: GasSheet, restoreSelection?: boolean): GasSheet {
    void restoreSelection;
    const m = (sheet as unknown as SheetImpl)._sheet;
    this._ss.activeSheetId = m.id;
    m.hidden = false;
    return this._sheet(m);
  }
  moveActiveSheet(pos: number): void {
    const m = this._ss.activeSheet();
    if (pos < 1 || pos > this._ss.sheets.length)
      throw gasError(this._ctx, 'Invalid argument: pos');
    this._ss.sheets = this._ss.sheets.filter(s => s !== m);
    this._ss.sheets.splice(pos - 1, 0, m);
  }
  renameActiveSheet(newName: string): void {
    this._active().setName(newName);
  }
  getSheetId(): number {
    return this._ss.activeSheet().id;
  }
  getSheetName(): string {
    return this._ss.activeSheet().name;
  }

  // ---- active-sheet shortcuts -----------------------------------------------------------------

  getRange(a1Notation: string): GasRange {
    const ref = parseA1(String(a1Notation));
    if (!ref) throw gasError(this._ctx, 'Range not found');
    const sheet =
      ref.sheetName === null
        ? this._ss.activeSheet()
        : this._ss.sheetByNameInsensitive(ref.sheetName);
    if (!sheet) throw gasError(this._ctx, 'Range not found');
    const bare = String(a1Notation).slice(
      String(a1Notation).lastIndexOf('!') + 1,
    );
    return SheetImpl._rangeA1(this._env, this._ss, sheet, bare);
  }
  getDataRange(): GasRange {
    return this._active().getDataRange();
  }
  getActiveRange(): GasRange | null {
    return this._active().getActiveRange();
  }
  getActiveCell(): GasRange {
    return this._active().getActiveCell();
  }
  setActiveRange(range: GasRange): GasRange {
    return (range as unknown as RangeImpl).activate();
  }
  setActiveSelection(range: GasRange | string): GasRange {
    const r = typeof range === 'string' ? this.getRange(range) : range;
    return (r as unknown as RangeImpl).activate();
  }
  getSheetValues(
    startRow: number,
    startColumn: number,
    numRows: number,
    numColumns: number,
  ): unknown[][] {
    return this._active().getSheetValues(
      startRow,
      startColumn,
      numRows,
      numColumns,
    );
  }
  appendRow(rowContents: unknown[]): GasSheet {
    return this._active().appendRow(rowContents);
  }
  getLastRow(): number {
    return this._ss.activeSheet().lastRow();
  }
  getLastColumn(): number {
    return this._ss.activeSheet().lastColumn();
  }
  getFrozenRows(): number {
    return this._ss.activeSheet().frozenRows;
  }
  getFrozenColumns(): number {
    return this._ss.activeSheet().frozenCols;
  }
  setFrozenRows(rows: number): void {
    this._active().setFrozenRows(rows);
  }
  setFrozenColumns(columns: number): void {
    this._active().setFrozenColumns(columns);
  }
  getColumnWidth(columnPosition: number): number {
    return this._active().getColumnWidth(columnPosition);
  }
  setColumnWidth(columnPosition: number, width: number): GasSheet {
    return this._active().setColumnWidth(columnPosition, width);
  }
  getRowHeight(rowPosition: number): number {
    return this._active().getRowHeight(rowPosition);
  }
  setRowHeight(rowPosition: number, height: number): GasSheet {
    return this._active().setRowHeight(rowPosition, height);
  }
  insertRowsAfter(afterPosition: number, howMany: number): GasSheet {
    return this._active().insertRowsAfter(afterPosition, howMany);
  }
  insertRowsBefore(beforePosition: number, howMany: number): GasSheet {
    return this._active().insertRowsBefore(beforePosition, howMany);
  }
  deleteRows(rowPosition: number, howMany: number): void {
    this._active().deleteRows(rowPosition, howMany);
  }
  deleteRow(rowPosition: number): GasSheet {
    return this._active().deleteRow(rowPosition);
  }

  // ---- names and protections ------------------------------------------------------------------

  getNamedRanges(): GoogleAppsScript.Spreadsheet.NamedRange[] {
    return [...this._ss.namedRanges.keys()].map(
      n =>
        new NamedRangeImpl(
          this._env,
          this._ss,
          n,
        ) as unknown as GoogleAppsScript.Spreadsheet.NamedRange,
    );
  }
  setNamedRange(name: string, range: GasRange): void {
    const n = String(name);
    if (
      !/^[A-Za-z_\\][A-Za-z0-9_.]*$/.test(n) ||
      /^[A-Za-z]{1,3}\d+$/.test(n) ||
      /^(true|false)$/i.test(n)
    ) {
      throw gasError(this._ctx, 'Invalid argument: name');
    }
    const r = range as unknown as RangeImpl;
    this._ss.namedRanges.set(n, {...r._g, sheetId: r._sheet.id});
  }
  getRangeByName(name: string): GasRange | null {
    const g = this._ss.namedRanges.get(String(name));
    const sheet = g && this._ss.sheetById(g.sheetId);
    if (!g || !sheet) return null;
    return new RangeImpl(this._env, this._ss, sheet, {
      row: g.row,
      col: g.col,
      numRows: g.numRows,
      numCols: g.numCols,
    }) as unknown as GasRange;
  }
  removeNamedRange(name: string): void {
    if (!this._ss.namedRanges.delete(String(name)))
      throw gasError(this._ctx, 'Range not found');
  }
  getProtections(
    type: GoogleAppsScript.Spreadsheet.ProtectionType,
  ): GoogleAppsScript.Spreadsheet.Protection[] {
    const t = String(type);
    return this._ss.protections
      .filter(p => p.type === t)
      .map(
        p =>
          new ProtectionImpl(
            this._env,
            this._ss,
            p,
          ) as unknown as GoogleAppsScript.Spreadsheet.Protection,
      );
  }

  // ---- UI and export --------------------------------------------------------------------------

  toast(msg: string, title?: string, timeoutSeconds?: number | null): void {
    const t = {
      message: String(msg),
      title: title === undefined ? '' : String(title),
      timeoutSeconds: timeoutSeconds === undefined ? 5 : timeoutSeconds,
    };
    if (!this._ctx.execution().ui) return;
    this._ss.toasts.push({...t, at: this._ctx.now().toISOString()});
    this._env.ui.record({
      type: 'toast',
      spreadsheetId: this._ss.id,
      ...t,
      user: this._ctx.activeUser(),
    });
  }
  show(userInterface: GoogleAppsScript.HTML.HtmlOutput): void {
    const title = userInterface.getTitle?.() ?? '';
    this._env.ui.record({
      type: 'modal',
      title,
      html: userInterface.getContent(),
      width: userInterface.getWidth?.() ?? 0,
      height: userInterface.getHeight?.() ?? 0,
      user: this._ctx.activeUser(),
    });
  }
  addMenu(
    name: string,
    subMenus: Array<{name: string; functionName: string} | null>,
  ): void {
    const menu = {
      caption: String(name),
      addon: false,
      entries: subMenus.map(s =>
        s === null
          ? ({kind: 'separator'} as const)
          : ({
              kind: 'item',
              caption: s.name,
              functionName: s.functionName,
            } as const),
      ),
    };
    this._env.ui.menus.set(menu.caption, menu);
    this._env.ui.record({type: 'menu', menu, user: this._ctx.activeUser()});
  }
  updateMenu(
    name: string,
    subMenus: Array<{name: string; functionName: string}>,
  ): void {
    this.addMenu(name, subMenus);
  }
  removeMenu(name: string): void {
    this._env.ui.menus.delete(String(name));
  }
  getAs(contentType: string): GoogleAppsScript.Base.Blob {
    const {data, type, ext} = spreadsheetExport(
      this._env,
      this._ss,
      String(contentType),
    );
    return new BlobImpl(
      this._ctx,
      data,
      type,
      `${this._ss.name}.${ext}`,
    ) as unknown as GoogleAppsScript.Base.Blob;
  }
  getBlob(): GoogleAppsScript.Base.Blob {
    return this.getAs('application/pdf');
  }
}

instrument(SpreadsheetImpl, 'Spreadsheet', 'Spreadsheet.Spreadsheet');
