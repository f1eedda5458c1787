// SpreadsheetApp: the entry point — the bound spreadsheet, openById, create, builders, enums, the UI.
import type {SpreadsheetEnv} from './env';
import {SpreadsheetModel} from './model';
import {gasError, instrument} from '../runtime';
import type {EmulatorContext} from '../context';
import {SpreadsheetImpl} from './spreadsheet';
import {SheetImpl} from './sheet';
import {RangeImpl} from './range';
import {DataValidationBuilderImpl} from './validation';
import {ConditionalFormatRuleBuilderImpl} from './conditional';
import {UiImpl} from '../ui';
import * as enums from './enums';

type GasApp = GoogleAppsScript.Spreadsheet.SpreadsheetApp;
type GasSpreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type GasSheet = GoogleAppsScript.Spreadsheet.Sheet;
type GasRange = GoogleAppsScript.Spreadsheet.Range;

export class SpreadsheetAppImpl implements Partial<GasApp> {
  ProtectionType = enums.ProtectionType;
  WrapStrategy = enums.WrapStrategy;
  BorderStyle = enums.BorderStyle;
  DataValidationCriteria = enums.DataValidationCriteria;
  BooleanCriteria = enums.BooleanCriteria;
  SheetType = enums.SheetType;
  Dimension = enums.Dimension;
  Direction = enums.Direction;
  RelativeDate = enums.RelativeDate;
  TextDirection = enums.TextDirection;
  CopyPasteType = enums.CopyPasteType;
  InterpolationType = enums.InterpolationType;

  constructor(readonly _env: SpreadsheetEnv) {}

  get _ctx(): EmulatorContext {
    return this._env.ctx;
  }

  _open(m: SpreadsheetModel): GasSpreadsheet {
    return new SpreadsheetImpl(this._env, m) as unknown as GasSpreadsheet;
  }

  _bound(): SpreadsheetModel | null {
    const id = this._env.store.boundId;
    return id ? (this._env.store.byId.get(id) ?? null) : null;
  }

  _boundOrThrow(): SpreadsheetModel {
    const m = this._bound();
    if (!m)
      throw gasError(
        this._ctx,
        'Cannot call SpreadsheetApp.getActive() from a standalone script.',
      );
    return m;
  }

  getActive(): GasSpreadsheet {
    const m = this._bound();
    return (m ? this._open(m) : null) as GasSpreadsheet;
  }
  getActiveSpreadsheet(): GasSpreadsheet {
    return this.getActive();
  }
  getActiveSheet(): GasSheet {
    const m = this._boundOrThrow();
    return new SheetImpl(this._env, m, m.activeSheet()) as unknown as GasSheet;
  }
  getActiveRange(): GasRange {
    const m = this._boundOrThrow();
    const sheet = m.activeSheet();
    const a =
      m.activeRange && m.activeRange.sheetId === sheet.id
        ? m.activeRange
        : {row: 1, col: 1, numRows: 1, numCols: 1};
    return new RangeImpl(this._env, m, sheet, {
      row: a.row,
      col: a.col,
      numRows: a.numRows,
      numCols: a.numCols,
    }) as unknown as GasRange;
  }
  getCurrentCell(): GasRange {
    const r = this.getActiveRange() as unknown as RangeImpl;
    return r.getCell(1, 1);
  }
  setActiveSheet(sheet: GasSheet, restoreSelection?: boolean): GasSheet {
    void restoreSelection;
    const impl = sheet as unknown as SheetImpl;
    impl._ss.activeSheetId = impl._sheet.id;
    return sheet;
  }
  setActiveRange(range: GasRange): GasRange {
    return (range as unknown as RangeImpl).activate();
  }
  getUi(): GoogleAppsScript.Base.Ui {
    if (!this._ctx.execution().ui) {
      throw gasError(
        this._ctx,
        'Cannot call SpreadsheetApp.getUi() from this context.',
      );
    }
    return new UiImpl(
      this._ctx,
      this._env.ui,
    ) as unknown as GoogleAppsScript.Base.Ui;
  }
  openById(id: string): GasSpreadsheet {
    const m = this._env.store.byId.get(String(id));
    if (!m) {
      throw gasError(
        this._ctx,
        'Unexpected error while getting the method or property openById on object SpreadsheetApp.',
      );
    }
    this._assertAccess(m);
    return this._open(m);
  }
  openByUrl(url: string): GasSpreadsheet {
    const m = /\/spreadsheets\/d\/([^/?#]+)/.exec(String(url));
    const found = m && this._env.store.byId.get(m[1]);
    if (!found) throw gasError(this._ctx, 'Invalid argument: url');
    this._assertAccess(found);
    return this._open(found);
  }
  _assertAccess(m: SpreadsheetModel): void {
    const user = this._ctx.effectiveUser().toLowerCase();
    const ok =
      m.isEditor(user) || m.viewers.some(v => v.toLowerCase() === user);
    if (!ok)
      throw gasError(
        this._ctx,
        'You do not have permission to access the requested document.',
      );
  }
  create(name: string, rows?: number, columns?: number): GasSpreadsheet {
    const owner = this._ctx.effectiveUser();
    if (!owner)
      throw gasError(
        this._ctx,
        'You do not have permission to call SpreadsheetApp.create.',
      );
    const m = new SpreadsheetModel(
      this._ctx.newId('ss'),
      String(name),
      owner,
      this._ctx.timeZone,
    );
    m.addSheet('Sheet1', undefined, rows ?? 1000, columns ?? 26);
    this._env.store.byId.set(m.id, m);
    return this._open(m);
  }
  flush(): void {}
  newDataValidation(): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    return new DataValidationBuilderImpl(
      this._env,
    ) as unknown as GoogleAppsScript.Spreadsheet.DataValidationBuilder;
  }
  newConditionalFormatRule(): GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder {
    return new ConditionalFormatRuleBuilderImpl(
      this._env,
    ) as unknown as GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder;
  }
}

instrument(SpreadsheetAppImpl, 'SpreadsheetApp', 'Spreadsheet.SpreadsheetApp');
