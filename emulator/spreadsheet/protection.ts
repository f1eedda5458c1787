// Protection of a range or a whole sheet: who may edit, warning-only, unprotected holes.
import type {GridRange} from './a1';
import type {EmulatorContext} from '../context';
import {UserImpl, emailOf, gasError, instrument} from '../runtime';
import type {SpreadsheetEnv} from './env';
import {protectedError} from './env';
import type {ProtectionState, SpreadsheetModel} from './model';
import {isConsumer} from './model';
import {RangeImpl} from './range';

type GasProtection = GoogleAppsScript.Spreadsheet.Protection;
type GasRange = GoogleAppsScript.Spreadsheet.Range;
type User = GoogleAppsScript.Base.User;

/** Creates and stores a protection; only editors of the file may protect. */
export function newProtection(
  env: SpreadsheetEnv,
  ss: SpreadsheetModel,
  type: 'RANGE' | 'SHEET',
  sheetId: number,
  grid: GridRange,
): ProtectionState {
  const user = env.ctx.effectiveUser();
  if (!ss.isEditor(user)) throw protectedError(env.ctx);
  const state: ProtectionState = {
    id: `${ss.id}:p${ss.nextProtectionId++}`,
    type,
    sheetId,
    grid: {...grid},
    rangeName: null,
    description: '',
    customized: false,
    editors: [],
    // In a Google Workspace domain a new protection lets the whole domain edit until told otherwise.
    domainEdit: !isConsumer(ss.owner),
    warningOnly: false,
    unprotected: [],
  };
  ss.protections.push(state);
  return state;
}

/** What the emulator accepts as an editor's address: one @, no spaces or brackets, a dotted domain. */
const PLAUSIBLE_EMAIL = /^[^\s@<>(),;"']+@[^\s@<>(),;"']+\.[^\s@<>(),;"']+$/;

export class ProtectionImpl implements Partial<GasProtection> {
  constructor(
    readonly _env: SpreadsheetEnv,
    readonly _ss: SpreadsheetModel,
    readonly _p: ProtectionState,
  ) {}

  get _ctx(): EmulatorContext {
    return this._env.ctx;
  }

  _gas(): GasProtection {
    return this as unknown as GasProtection;
  }

  /** Changing a protection needs the right to edit it. */
  _assertCanChange(): void {
    if (!this._ss.protections.includes(this._p)) {
      throw gasError(this._ctx, 'The protection has been removed.');
    }
    if (!this._ss.canEditProtection(this._p, this._ctx.effectiveUser())) {
      throw protectedError(this._ctx);
    }
  }

  /** The first change of editors turns the file's editor list into the protection's own. */
  _customize(): void {
    if (!this._p.customized) {
      this._p.editors = this._ss.allEditors();
      this._p.customized = true;
    }
  }

  addEditor(emailAddress: string | User): GasProtection {
    return this.addEditors([emailOf(emailAddress)]);
  }
  addEditors(emailAddresses: string[]): GasProtection {
    this._assertCanChange();
    // Google refuses the whole call for an address it cannot parse (e.g. "Tên <a@x.vn>", "a@x").
    for (const e of emailAddresses) {
      if (!PLAUSIBLE_EMAIL.test(String(e))) {
        throw gasError(this._ctx, `Invalid email: ${String(e)}`);
      }
    }
    this._customize();
    for (const e of emailAddresses) {
      if (!this._p.editors.some(x => x.toLowerCase() === e.toLowerCase()))
        this._p.editors.push(e);
    }
    return this._gas();
  }
  removeEditor(emailAddress: string | User): GasProtection {
    return this.removeEditors([emailOf(emailAddress)]);
  }
  removeEditors(emailAddresses: string[] | User[]): GasProtection {
    this._assertCanChange();
    this._customize();
    const me = this._ctx.effectiveUser().toLowerCase();
    const owner = this._ss.owner.toLowerCase();
    const drop = new Set(
      (emailAddresses as Array<string | User>)
        .map(e => emailOf(e).toLowerCase())
        .filter(e => e !== owner && e !== me),
    );
    this._p.editors = this._p.editors.filter(e => !drop.has(e.toLowerCase()));
    return this._gas();
  }
  getEditors(): User[] {
    return this._ss
      .protectionEditors(this._p)
      .map(e => new UserImpl(this._ctx, e) as unknown as User);
  }
  canEdit(): boolean {
    return this._ss.canEditProtection(this._p, this._ctx.effectiveUser());
  }
  canDomainEdit(): boolean {
    return this._p.domainEdit;
  }
  setDomainEdit(editable: boolean): GasProtection {
    this._assertCanChange();
    this._customize();
    this._p.domainEdit = Boolean(editable);
    return this._gas();
  }
  getDescription(): string {
    return this._p.description;
  }
  setDescription(description: string): GasProtection {
    this._assertCanChange();
    this._p.description = String(description);
    return this._gas();
  }
  isWarningOnly(): boolean {
    return this._p.warningOnly;
  }
  setWarningOnly(warningOnly: boolean): GasProtection {
    this._assertCanChange();
    this._p.warningOnly = Boolean(warningOnly);
    return this._gas();
  }
  getProtectionType(): GoogleAppsScript.Spreadsheet.ProtectionType {
    return this._p
      .type as unknown as GoogleAppsScript.Spreadsheet.ProtectionType;
  }
  getRange(): GasRange {
    const sheet = this._ss.sheetById(this._p.sheetId);
    if (!sheet) throw gasError(this._ctx, 'Range not found');
    return new RangeImpl(this._env, this._ss, sheet, {
      ...this._p.grid,
    }) as unknown as GasRange;
  }
  setRange(range: GasRange): GasProtection {
    this._assertCanChange();
    if (this._p.type === 'SHEET')
      throw gasError(this._ctx, 'Cannot set range on a sheet protection.');
    const r = range as unknown as RangeImpl;
    this._p.sheetId = r._sheet.id;
    this._p.grid = {...r._g};
    return this._gas();
  }
  getRangeName(): string | null {
    return this._p.rangeName;
  }
  setRangeName(rangeName: string): GasProtection {
    const g = this._ss.namedRanges.get(rangeName);
    if (!g) throw gasError(this._ctx, 'Range not found');
    this._assertCanChange();
    this._p.rangeName = rangeName;
    this._p.sheetId = g.sheetId;
    this._p.grid = {
      row: g.row,
      col: g.col,
      numRows: g.numRows,
      numCols: g.numCols,
    };
    return this._gas();
  }
  setNamedRange(
    namedRange: GoogleAppsScript.Spreadsheet.NamedRange,
  ): GasProtection {
    return this.setRangeName(namedRange.getName());
  }
  getUnprotectedRanges(): GasRange[] {
    return this._p.unprotected.flatMap(u => {
      const sheet = this._ss.sheetById(u.sheetId);
      if (!sheet) return [];
      const {row, col, numRows, numCols} = u;
      return [
        new RangeImpl(this._env, this._ss, sheet, {
          row,
          col,
          numRows,
          numCols,
        }) as unknown as GasRange,
      ];
    });
  }
  setUnprotectedRanges(ranges: GasRange[]): GasProtection {
    this._assertCanChange();
    if (this._p.type !== 'SHEET') {
      throw gasError(
        this._ctx,
        'Unprotected ranges can only be set on a sheet protection.',
      );
    }
    this._p.unprotected = ranges.map(x => {
      const r = x as unknown as RangeImpl;
      if (r._sheet.id !== this._p.sheetId) {
        throw gasError(
          this._ctx,
          'Unprotected ranges must be on the protected sheet.',
        );
      }
      return {...r._g, sheetId: r._sheet.id};
    });
    return this._gas();
  }
  remove(): void {
    this._assertCanChange();
    this._ss.protections = this._ss.protections.filter(p => p !== this._p);
  }
}

instrument(ProtectionImpl, 'Protection', 'Spreadsheet.Protection');
