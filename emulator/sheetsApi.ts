// The Sheets advanced service (API v4): Spreadsheets.batchUpdate for the format requests the product sends.
import type {EmulatorContext} from './context';
import type {Workspace} from './index';
import {describeApi, gasError, instrument} from './runtime';
import type {GridRange} from './spreadsheet/a1';
import {
  columnToLetters,
  parseA1,
  quoteSheetName,
  refToGrid,
} from './spreadsheet/a1';
import type {SpreadsheetEnv} from './spreadsheet/env';
import {PROTECTED_MESSAGE} from './spreadsheet/env';
import {InvalidRequest, styleHex} from './sheetsApiShared';
import {addChart, addProtectedRange} from './sheetsApiObjects';
import {nextChartId} from './spreadsheet/chart';
import type {
  Cell,
  CellFormat,
  SheetModel,
  SpreadsheetModel,
  ValidationState,
} from './spreadsheet/model';

type Request = GoogleAppsScript.Sheets.Schema.Request;
type Response = GoogleAppsScript.Sheets.Schema.Response;
type ApiGridRange = GoogleAppsScript.Sheets.Schema.GridRange;
type CellData = GoogleAppsScript.Sheets.Schema.CellData;
type DataValidationRule = GoogleAppsScript.Sheets.Schema.DataValidationRule;

/**
 * Google's failure of an advanced-service call: a GoogleJsonResponseException whose message is
 * "API call to sheets.spreadsheets.batchUpdate failed with error: …" (the API's own message). An
 * invalid request is HTTP 400 "Invalid requests[i].kind: why" and nothing of the batch applies.
 */
function apiError(ctx: EmulatorContext, code: number, message: string): Error {
  const e = gasError(
    ctx,
    `API call to sheets.spreadsheets.batchUpdate failed with error: ${message}`,
  );
  e.name = 'GoogleJsonResponseException';
  (e as Error & {details?: unknown}).details = {code, message};
  return e;
}

/** A field mask ("a.b,c(d,e.f)") as dotted paths. */
export function parseFieldMask(mask: string): string[] {
  const out: string[] = [];
  const walk = (text: string, prefix: string): void => {
    let depth = 0;
    let start = 0;
    const parts: string[] = [];
    for (let i = 0; i <= text.length; i++) {
      const ch = text[i];
      if (ch === '(') depth++;
      else if (ch === ')') depth--;
      if ((ch === ',' && depth === 0) || i === text.length) {
        parts.push(text.slice(start, i).trim());
        start = i + 1;
      }
    }
    for (const part of parts) {
      if (!part) continue;
      const open = part.indexOf('(');
      if (open < 0) {
        out.push(prefix + part);
        continue;
      }
      if (!part.endsWith(')'))
        throw new InvalidRequest(`Invalid field mask: ${mask}`);
      walk(part.slice(open + 1, -1), `${prefix}${part.slice(0, open)}.`);
    }
  };
  walk(mask, '');
  return out;
}

/**
 * The leaf paths of `known` a mask selects: "*" all of them, a path every leaf under it. A path
 * that names no known field fails as the API does for a field it does not have.
 */
function selectLeaves(mask: unknown, known: readonly string[]): Set<string> {
  if (typeof mask !== 'string' || !mask.trim())
    throw new InvalidRequest('At least one field must be updated.');
  const paths = parseFieldMask(mask);
  const out = new Set<string>();
  for (const p of paths) {
    if (p === '*') {
      known.forEach(k => out.add(k));
      continue;
    }
    const hit = known.filter(k => k === p || k.startsWith(p + '.'));
    if (!hit.length)
      throw new InvalidRequest(
        `Invalid field mask: ${p} (the emulator knows ${known.join(', ')})`,
      );
    hit.forEach(k => out.add(k));
  }
  return out;
}

function get(obj: unknown, path: string): unknown {
  let cur = obj;
  for (const k of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

/** The cell fields the emulator applies, as field-mask paths. */
const CELL_LEAVES = [
  'userEnteredFormat.textFormat.bold',
  'userEnteredFormat.textFormat.foregroundColor',
  'userEnteredFormat.textFormat.foregroundColorStyle',
  'userEnteredFormat.textFormat.fontSize',
  'userEnteredFormat.backgroundColor',
  'userEnteredFormat.backgroundColorStyle',
  'userEnteredFormat.wrapStrategy',
  'userEnteredFormat.verticalAlignment',
  'userEnteredFormat.horizontalAlignment',
  'userEnteredFormat.numberFormat',
  'note',
  'dataValidation',
] as const;

/** API wrap strategies → Apps Script's WrapStrategy names (what Range.getWrapStrategy reports). */
const WRAPS: Record<string, string> = {
  WRAP: 'WRAP',
  OVERFLOW_CELL: 'OVERFLOW',
  CLIP: 'CLIP',
  LEGACY_WRAP: 'WRAP',
};
const V_ALIGN: Record<string, string> = {
  TOP: 'top',
  MIDDLE: 'middle',
  BOTTOM: 'bottom',
};
const H_ALIGN: Record<string, string> = {
  LEFT: 'left',
  CENTER: 'center',
  RIGHT: 'right',
};

/** One cell change, already checked: format keys to set (null clears) and note/validation. */
interface CellPatch {
  fmt: Partial<Record<keyof CellFormat, CellFormat[keyof CellFormat] | null>>;
  note?: string | null;
  dv?: ValidationState | null;
}

function enumValue(
  table: Record<string, string>,
  v: unknown,
  field: string,
): string | null {
  if (v === undefined || v === null) return null;
  const found = table[String(v)];
  if (!found)
    throw new InvalidRequest(`Invalid value at '${field}' (${String(v)})`);
  return found;
}

/** What a CellData changes under the selected fields (fields not in the data are cleared). */
function cellPatch(
  data: CellData | undefined,
  leaves: Set<string>,
  validation: (rule: DataValidationRule) => ValidationState,
): CellPatch {
  const patch: CellPatch = {fmt: {}};
  const f = data?.userEnteredFormat;
  const tf = f?.textFormat;
  const has = (leaf: string) => leaves.has(leaf);
  if (has('userEnteredFormat.textFormat.bold'))
    patch.fmt.fontWeight = tf?.bold ? 'bold' : null;
  if (
    has('userEnteredFormat.textFormat.foregroundColor') ||
    has('userEnteredFormat.textFormat.foregroundColorStyle')
  )
    patch.fmt.fontColor = styleHex(
      has('userEnteredFormat.textFormat.foregroundColorStyle')
        ? tf?.foregroundColorStyle
        : undefined,
      has('userEnteredFormat.textFormat.foregroundColor')
        ? tf?.foregroundColor
        : undefined,
    );
  if (has('userEnteredFormat.textFormat.fontSize'))
    patch.fmt.fontSize = tf?.fontSize ?? null;
  if (
    has('userEnteredFormat.backgroundColor') ||
    has('userEnteredFormat.backgroundColorStyle')
  )
    patch.fmt.background = styleHex(
      has('userEnteredFormat.backgroundColorStyle')
        ? f?.backgroundColorStyle
        : undefined,
      has('userEnteredFormat.backgroundColor') ? f?.backgroundColor : undefined,
    );
  if (has('userEnteredFormat.wrapStrategy'))
    patch.fmt.wrapStrategy = enumValue(
      WRAPS,
      f?.wrapStrategy,
      'userEnteredFormat.wrapStrategy',
    );
  if (has('userEnteredFormat.verticalAlignment'))
    patch.fmt.verticalAlignment = enumValue(
      V_ALIGN,
      f?.verticalAlignment,
      'userEnteredFormat.verticalAlignment',
    );
  if (has('userEnteredFormat.horizontalAlignment'))
    patch.fmt.horizontalAlignment = enumValue(
      H_ALIGN,
      f?.horizontalAlignment,
      'userEnteredFormat.horizontalAlignment',
    );
  if (has('userEnteredFormat.numberFormat')) {
    const nf = f?.numberFormat;
    // A type without a pattern gets the locale's default for it; the product always gives one.
    patch.fmt.numberFormat = nf
      ? (nf.pattern ?? (nf.type === 'TEXT' ? '@' : null))
      : null;
  }
  if (has('note')) patch.note = data?.note ? String(data.note) : null;
  if (has('dataValidation'))
    patch.dv = data?.dataValidation ? validation(data.dataValidation) : null;
  return patch;
}

function applyPatch(sheet: SheetModel, row: number, col: number, p: CellPatch) {
  const cell: Cell = sheet.ensureCell(row, col);
  for (const [k, v] of Object.entries(p.fmt)) {
    const key = k as keyof CellFormat;
    if (v === null || v === undefined) {
      if (cell.fmt) delete cell.fmt[key];
    } else (cell.fmt ??= {} as CellFormat)[key] = v as never;
  }
  if (cell.fmt && !Object.keys(cell.fmt).length) delete cell.fmt;
  if (p.note !== undefined) {
    if (p.note === null) delete cell.note;
    else cell.note = p.note;
  }
  if (p.dv !== undefined) {
    if (p.dv === null) delete cell.dv;
    else cell.dv = p.dv;
  }
  sheet.prune(row, col);
}

/** A change to apply once every request of the batch has been checked. */
type Change = () => void;

/** Spreadsheets (advanced service). */
export class SheetsSpreadsheetsImpl {
  /** Sheets added by the batch being checked: later requests of the batch may use them. */
  _pending = new Map<number, SheetModel>();

  constructor(readonly _env: SpreadsheetEnv) {}

  get _ctx(): EmulatorContext {
    return this._env.ctx;
  }

  /**
   * "Applies one or more updates to the spreadsheet. Each request is validated before being
   * applied. If any request is not valid then the entire request will fail and nothing will be
   * applied." (developers.google.com/sheets/api/reference/rest/v4/spreadsheets/batchUpdate). Only
   * the request kinds the product sends are emulated; any other fails as invalid. A sheet added
   * (addSheet) and a protection added (addProtectedRange) are seen by the requests after them while
   * the batch is checked (the protection is taken back if the batch fails); the others change
   * formats and charts only, never a grid's size, so each is checked against the spreadsheet as the
   * requests before it leave it, and everything is applied only once all are valid.
   */
  batchUpdate(
    resource: GoogleAppsScript.Sheets.Schema.BatchUpdateSpreadsheetRequest,
    spreadsheetId: string,
  ): GoogleAppsScript.Sheets.Schema.BatchUpdateSpreadsheetResponse {
    const ss = this._env.store.byId.get(String(spreadsheetId));
    const user = this._ctx.effectiveUser();
    if (!ss || !(ss.isEditor(user) || ss.viewers.includes(user.toLowerCase())))
      throw apiError(this._ctx, 404, 'Requested entity was not found.');
    if (!ss.isEditor(user))
      throw apiError(this._ctx, 403, 'The caller does not have permission');
    const requests = resource?.requests;
    if (!Array.isArray(requests) || !requests.length)
      throw apiError(this._ctx, 400, 'Must specify at least one request.');
    const changes: Change[] = [];
    const undo: Change[] = [];
    const replies: GoogleAppsScript.Sheets.Schema.Response[] = [];
    this._pending = new Map();
    const sheetOf = (id: unknown) => this._sheet(ss, id);
    requests.forEach((req, i) => {
      const kinds = Object.keys(req ?? {}).filter(
        k => (req as Record<string, unknown>)[k] !== undefined,
      );
      const kind = kinds[0] ?? '';
      try {
        if (kinds.length !== 1)
          throw new InvalidRequest('exactly one kind of request must be set');
        let added: {change: Change; reply: Response} | null = null;
        if (kind === 'addSheet') added = this._addSheet(ss, req.addSheet!);
        else if (kind === 'addProtectedRange') {
          // Only an editor of the whole sheet may protect it or any of its ranges.
          const id = req.addProtectedRange?.protectedRange?.range?.sheetId;
          this._grid(
            ss,
            {sheetId: id, endRowIndex: 0, endColumnIndex: 0},
            user,
            false,
          );
          added = addProtectedRange(
            ss,
            req.addProtectedRange!,
            sheetOf,
            user,
            undo,
          );
        } else if (kind === 'addChart') {
          const id =
            req.addChart?.chart?.position?.overlayPosition?.anchorCell?.sheetId;
          this._grid(
            ss,
            {sheetId: id, endRowIndex: 0, endColumnIndex: 0},
            user,
            false,
          );
          added = addChart(req.addChart!, sheetOf, () => nextChartId(ss));
        }
        if (added) {
          changes.push(added.change);
          replies.push(added.reply);
        } else {
          changes.push(...this._check(ss, kind, req, user));
          replies.push({});
        }
      } catch (e) {
        for (const back of undo.reverse()) back();
        this._pending = new Map();
        if (!(e instanceof InvalidRequest)) throw e;
        throw apiError(
          this._ctx,
          400,
          `Invalid requests[${i}]${kind ? '.' + kind : ''}: ${e.message}`,
        );
      }
    });
    this._pending = new Map();
    for (const apply of changes) apply();
    return {spreadsheetId: ss.id, replies};
  }

  /**
   * addSheet: a grid sheet with the title, index and size given (defaults: "SheetN", last, 1000 ×
   * 26); the reply holds its properties, the sheet id chosen when none is given.
   */
  _addSheet(
    ss: SpreadsheetModel,
    r: GoogleAppsScript.Sheets.Schema.AddSheetRequest,
  ): {change: Change; reply: GoogleAppsScript.Sheets.Schema.Response} {
    const p = r.properties ?? {};
    const pending = [...this._pending.values()];
    const taken = (name: string) =>
      !!ss.sheetByNameInsensitive(name) ||
      pending.some(s => s.name.toLowerCase() === name.toLowerCase());
    let title = p.title === undefined ? '' : String(p.title);
    if (!title) {
      let n = ss.sheets.length + pending.length + 1;
      while (taken(`Sheet${n}`)) n++;
      title = `Sheet${n}`;
    }
    if (taken(title))
      throw new InvalidRequest(
        `A sheet with the name "${title}" already exists. Please enter another name.`,
      );
    const count = ss.sheets.length + pending.length;
    const index = p.index ?? count;
    if (!Number.isInteger(index) || index < 0 || index > count)
      throw new InvalidRequest(
        `Invalid value at 'properties.index' (${index})`,
      );
    const rows = p.gridProperties?.rowCount ?? 1000;
    const cols = p.gridProperties?.columnCount ?? 26;
    if (rows < 1 || cols < 1)
      throw new InvalidRequest('a sheet needs at least one row and one column');
    if (
      p.sheetId !== undefined &&
      (ss.sheetById(p.sheetId) || this._pending.has(p.sheetId))
    )
      throw new InvalidRequest(
        `A sheet with the id ${p.sheetId} already exists.`,
      );
    // Made now (so its id is known to the requests after it), placed when the batch applies.
    const sheet = ss.addSheet(title, undefined, rows, cols);
    ss.sheets = ss.sheets.filter(s => s !== sheet);
    if (p.sheetId !== undefined) sheet.id = p.sheetId;
    this._pending.set(sheet.id, sheet);
    return {
      change: () => ss.sheets.splice(index, 0, sheet),
      reply: {
        addSheet: {
          properties: {
            sheetId: sheet.id,
            title,
            index,
            sheetType: 'GRID',
            gridProperties: {rowCount: rows, columnCount: cols},
          },
        },
      },
    };
  }

  _check(
    ss: SpreadsheetModel,
    kind: string,
    req: Request,
    user: string,
  ): Change[] {
    switch (kind) {
      case 'updateSheetProperties':
        return this._sheetProperties(ss, req.updateSheetProperties!, user);
      case 'updateDimensionProperties':
        return this._dimension(ss, req.updateDimensionProperties!, user);
      case 'repeatCell': {
        const r = req.repeatCell!;
        const {sheet, grid} = this._grid(ss, r.range, user, true);
        const leaves = selectLeaves(r.fields, CELL_LEAVES);
        const patch = cellPatch(r.cell, leaves, v => this._rule(ss, v));
        return [
          () =>
            eachCell(grid, (row, col) => applyPatch(sheet, row, col, patch)),
        ];
      }
      case 'updateCells':
        return this._updateCells(ss, req.updateCells!, user);
      case 'setDataValidation': {
        const r = req.setDataValidation!;
        const {sheet, grid} = this._grid(ss, r.range, user, true);
        const patch: CellPatch = {
          fmt: {},
          dv: r.rule ? this._rule(ss, r.rule) : null,
        };
        return [
          () =>
            eachCell(grid, (row, col) => applyPatch(sheet, row, col, patch)),
        ];
      }
      case 'mergeCells': {
        const r = req.mergeCells!;
        const {sheet, grid} = this._grid(ss, r.range, user, true);
        const type = r.mergeType ?? 'MERGE_ALL';
        const grids: GridRange[] = [];
        if (type === 'MERGE_ALL') grids.push(grid);
        else if (type === 'MERGE_ROWS')
          for (let i = 0; i < grid.numRows; i++)
            grids.push({...grid, row: grid.row + i, numRows: 1});
        else if (type === 'MERGE_COLUMNS')
          for (let j = 0; j < grid.numCols; j++)
            grids.push({...grid, col: grid.col + j, numCols: 1});
        else throw new InvalidRequest(`Invalid value at 'mergeType' (${type})`);
        return [() => mergeGrids(sheet, grids)];
      }
      default:
        throw new InvalidRequest(
          kind
            ? `the emulator does not support ${kind} (unknown or not used by the product)`
            : 'no request given',
        );
    }
  }

  _sheet(ss: SpreadsheetModel, sheetId: unknown): SheetModel {
    const id = Number(sheetId ?? 0);
    const sheet = ss.sheetById(id) ?? this._pending.get(id);
    if (!sheet)
      throw new InvalidRequest(`No grid with id: ${Number(sheetId ?? 0)}`);
    return sheet;
  }

  /** The range's sheet and 1-based grid, checked inside the sheet and against protections. */
  _grid(
    ss: SpreadsheetModel,
    range: ApiGridRange | undefined,
    user: string,
    cells: boolean,
  ): {sheet: SheetModel; grid: GridRange} {
    const sheet = this._sheet(ss, range?.sheetId);
    const r0 = range?.startRowIndex ?? 0;
    const r1 = range?.endRowIndex ?? sheet.maxRows;
    const c0 = range?.startColumnIndex ?? 0;
    const c1 = range?.endColumnIndex ?? sheet.maxCols;
    if (r0 < 0 || c0 < 0 || r1 < r0 || c1 < c0)
      throw new InvalidRequest('the range is not valid');
    const a1 = `${quoteSheetName(sheet.name)}!${columnToLetters(c0 + 1)}${r0 + 1}:${columnToLetters(Math.max(c1, 1))}${Math.max(r1, 1)}`;
    if (r1 > sheet.maxRows || c1 > sheet.maxCols)
      throw new InvalidRequest(
        `Range (${a1}) exceeds grid limits. Max rows: ${sheet.maxRows}, max columns: ${sheet.maxCols}`,
      );
    const grid = {row: r0 + 1, col: c0 + 1, numRows: r1 - r0, numCols: c1 - c0};
    // The API obeys the protections as the Sheets UI does, for the user the script runs as.
    const blocked = cells
      ? grid.numRows > 0 &&
        grid.numCols > 0 &&
        ss.blockingProtection(user, sheet.id, grid)
      : ss.blockingSheetProtection(user, sheet.id);
    if (blocked) throw new InvalidRequest(PROTECTED_MESSAGE);
    return {sheet, grid};
  }

  _sheetProperties(
    ss: SpreadsheetModel,
    r: GoogleAppsScript.Sheets.Schema.UpdateSheetPropertiesRequest,
    user: string,
  ): Change[] {
    const sheet = this._sheet(ss, r.properties?.sheetId);
    const leaves = selectLeaves(r.fields, [
      'gridProperties.frozenRowCount',
      'gridProperties.frozenColumnCount',
      'tabColor',
      'tabColorStyle',
    ]);
    this._grid(
      ss,
      {sheetId: sheet.id, endRowIndex: 0, endColumnIndex: 0},
      user,
      false,
    );
    const p = r.properties ?? {};
    const changes: Change[] = [];
    for (const [leaf, dim] of [
      ['gridProperties.frozenRowCount', 'row'],
      ['gridProperties.frozenColumnCount', 'col'],
    ] as const) {
      if (!leaves.has(leaf)) continue;
      const n = Number(get(p, leaf) ?? 0);
      const max = dim === 'row' ? sheet.maxRows : sheet.maxCols;
      if (!Number.isInteger(n) || n < 0 || n >= max)
        throw new InvalidRequest(
          `You can't freeze all visible ${dim === 'row' ? 'rows' : 'columns'} on the sheet.`,
        );
      changes.push(() => {
        if (dim === 'row') sheet.frozenRows = n;
        else sheet.frozenCols = n;
      });
    }
    if (leaves.has('tabColor') || leaves.has('tabColorStyle')) {
      const hex = styleHex(
        leaves.has('tabColorStyle') ? p.tabColorStyle : undefined,
        leaves.has('tabColor') ? p.tabColor : undefined,
      );
      changes.push(() => (sheet.tabColor = hex));
    }
    return changes;
  }

  _dimension(
    ss: SpreadsheetModel,
    r: GoogleAppsScript.Sheets.Schema.UpdateDimensionPropertiesRequest,
    user: string,
  ): Change[] {
    const range = r.range ?? {};
    const dim = range.dimension;
    if (dim !== 'ROWS' && dim !== 'COLUMNS')
      throw new InvalidRequest(
        `Invalid value at 'range.dimension' (${String(dim)})`,
      );
    const leaves = selectLeaves(r.fields, ['pixelSize']);
    const rows = dim === 'ROWS';
    const {sheet, grid} = this._grid(
      ss,
      rows
        ? {
            sheetId: range.sheetId,
            startRowIndex: range.startIndex,
            endRowIndex: range.endIndex,
            endColumnIndex: 0,
          }
        : {
            sheetId: range.sheetId,
            startColumnIndex: range.startIndex,
            endColumnIndex: range.endIndex,
            endRowIndex: 0,
          },
      user,
      false,
    );
    if (!leaves.has('pixelSize')) return [];
    const px = Number(r.properties?.pixelSize);
    if (!Number.isFinite(px) || px < 0)
      throw new InvalidRequest("Invalid value at 'properties.pixelSize'");
    return [
      () => {
        const from = rows ? grid.row : grid.col;
        const n = rows ? grid.numRows : grid.numCols;
        for (let k = from; k < from + n; k++) {
          if (rows) {
            sheet.rowHeights.set(k, px);
            sheet.forcedRows.delete(k);
          } else sheet.colWidths.set(k, px);
        }
      },
    ];
  }

  _updateCells(
    ss: SpreadsheetModel,
    r: GoogleAppsScript.Sheets.Schema.UpdateCellsRequest,
    user: string,
  ): Change[] {
    const rows = r.rows ?? [];
    if ((r.range ? 1 : 0) + (r.start ? 1 : 0) !== 1)
      throw new InvalidRequest('exactly one of start and range must be set');
    const width = Math.max(0, ...rows.map(x => x.values?.length ?? 0));
    const range: ApiGridRange = r.range ?? {
      sheetId: r.start!.sheetId,
      startRowIndex: r.start!.rowIndex ?? 0,
      endRowIndex: (r.start!.rowIndex ?? 0) + rows.length,
      startColumnIndex: r.start!.columnIndex ?? 0,
      endColumnIndex: (r.start!.columnIndex ?? 0) + width,
    };
    const {sheet, grid} = this._grid(ss, range, user, true);
    const leaves = selectLeaves(r.fields, CELL_LEAVES);
    // With a range, the cells the rows do not reach are cleared under the fields; with a start,
    // only the cells given are written.
    const patches: Array<{row: number; col: number; patch: CellPatch}> = [];
    eachCell(grid, (row, col) => {
      const data = rows[row - grid.row]?.values?.[col - grid.col];
      if (!r.range && !data) return;
      patches.push({
        row,
        col,
        patch: cellPatch(data, leaves, v => this._rule(ss, v)),
      });
    });
    return [
      () => patches.forEach(p => applyPatch(sheet, p.row, p.col, p.patch)),
    ];
  }

  /** A validation rule as SpreadsheetApp stores one (so Range.getDataValidation reads it). */
  _rule(ss: SpreadsheetModel, rule: DataValidationRule): ValidationState {
    const c = rule.condition;
    const values = (c?.values ?? []).map(v => String(v.userEnteredValue ?? ''));
    const base = {
      allowInvalid: !rule.strict,
      helpText: rule.inputMessage ? String(rule.inputMessage) : '',
    };
    switch (c?.type) {
      case 'ONE_OF_LIST':
        if (!values.length)
          throw new InvalidRequest('ONE_OF_LIST needs at least one value');
        return {
          ...base,
          criteria: 'VALUE_IN_LIST',
          args: [values, !!rule.showCustomUi],
        };
      case 'ONE_OF_RANGE': {
        const ref =
          values.length === 1 ? parseA1(values[0].replace(/^=/, '')) : null;
        const sheet = ref?.sheetName
          ? ss.sheetByName(ref.sheetName)
          : undefined;
        if (!ref || !sheet)
          throw new InvalidRequest(
            `ONE_OF_RANGE needs one range of the spreadsheet (${values.join(', ')})`,
          );
        const g = refToGrid(ref, sheet.maxRows, sheet.maxCols);
        return {
          ...base,
          criteria: 'VALUE_IN_RANGE',
          args: [
            {$range: {...g, sheetId: sheet.id, spreadsheetId: ss.id}},
            !!rule.showCustomUi,
          ],
        };
      }
      case 'DATE_IS_VALID':
        return {...base, criteria: 'DATE_IS_VALID_DATE', args: []};
      default:
        throw new InvalidRequest(
          `the emulator does not support the condition ${String(c?.type)}`,
        );
    }
  }
}
instrument(
  SheetsSpreadsheetsImpl,
  'Sheets.Spreadsheets',
  'Sheets.Collection.SpreadsheetsCollection',
);

function eachCell(g: GridRange, fn: (row: number, col: number) => void): void {
  for (let i = 0; i < g.numRows; i++)
    for (let j = 0; j < g.numCols; j++) fn(g.row + i, g.col + j);
}

/** Merges as Range.merge does: overlapping merges replaced, only the top-left value kept. */
function mergeGrids(sheet: SheetModel, grids: GridRange[]): void {
  const overlaps = (a: GridRange, b: GridRange) =>
    a.row < b.row + b.numRows &&
    b.row < a.row + a.numRows &&
    a.col < b.col + b.numCols &&
    b.col < a.col + a.numCols;
  for (const g of grids) {
    if (g.numRows * g.numCols <= 1) continue;
    sheet.merges = sheet.merges.filter(m => !overlaps(m, g));
    sheet.merges.push({...g});
    eachCell(g, (row, col) => {
      if (row === g.row && col === g.col) return;
      const cell = sheet.cell(row, col);
      if (!cell) return;
      delete cell.v;
      delete cell.f;
      sheet.prune(row, col);
    });
  }
}

/** The `Sheets` global of a script that enabled the Google Sheets API (v4) advanced service. */
export class SheetsServiceImpl {
  readonly Spreadsheets: SheetsSpreadsheetsImpl;
  constructor(env: SpreadsheetEnv) {
    this.Spreadsheets = new SheetsSpreadsheetsImpl(env);
  }
}
describeApi(SheetsServiceImpl, 'Sheets');

/** Adds the Sheets advanced service (global `Sheets`, as when appsscript.json enables it). */
export function installSheetsApi(ws: Workspace): void {
  ws.registerGlobal('Sheets', new SheetsServiceImpl(ws.spreadsheetEnv));
}
