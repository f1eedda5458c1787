// A named range of a spreadsheet (Spreadsheet.setNamedRange / getNamedRanges).
import type {EmulatorContext} from '../context';
import {gasError, instrument} from '../runtime';
import type {SpreadsheetEnv} from './env';
import type {SpreadsheetModel} from './model';
import {RangeImpl} from './range';

type GasNamedRange = GoogleAppsScript.Spreadsheet.NamedRange;
type GasRange = GoogleAppsScript.Spreadsheet.Range;

export class NamedRangeImpl implements Partial<GasNamedRange> {
  constructor(
    readonly _env: SpreadsheetEnv,
    readonly _ss: SpreadsheetModel,
    private _name: string,
  ) {}

  get _ctx(): EmulatorContext {
    return this._env.ctx;
  }

  getName(): string {
    return this._name;
  }
  getRange(): GasRange {
    const g = this._ss.namedRanges.get(this._name);
    const sheet = g && this._ss.sheetById(g.sheetId);
    if (!g || !sheet) throw gasError(this._ctx, 'Range not found');
    return new RangeImpl(this._env, this._ss, sheet, {
      row: g.row,
      col: g.col,
      numRows: g.numRows,
      numCols: g.numCols,
    }) as unknown as GasRange;
  }
  remove(): void {
    this._ss.namedRanges.delete(this._name);
  }
  setName(name: string): GasNamedRange {
    const g = this._ss.namedRanges.get(this._name);
    if (!g) throw gasError(this._ctx, 'Range not found');
    this._ss.namedRanges.delete(this._name);
    this._ss.namedRanges.set(name, g);
    this._name = name;
    return this as unknown as GasNamedRange;
  }
  setRange(range: GasRange): GasNamedRange {
    const r = range as unknown as RangeImpl;
    this._ss.namedRanges.set(this._name, {...r._g, sheetId: r._sheet.id});
    return this as unknown as GasNamedRange;
  }
}

instrument(NamedRangeImpl, 'NamedRange', 'Spreadsheet.NamedRange');
