// The state behind the emulated spreadsheets: cells, formats, sheets, protections, named ranges.
import type {GridRange} from './a1';
import {intersects} from './a1';
import type {Stored} from './values';
import {isDate} from '../runtime';

/** Formatting of one cell (only what was set). */
export interface CellFormat {
  numberFormat?: string;
  background?: string;
  fontColor?: string;
  fontWeight?: string;
  fontStyle?: string;
  fontLine?: string;
  fontSize?: number;
  fontFamily?: string;
  horizontalAlignment?: string;
  verticalAlignment?: string;
  wrapStrategy?: string;
  textRotation?: number;
  border?: string;
}

/** A data validation rule as stored (Ranges in args are kept as sheet-qualified grids). */
export interface ValidationState {
  criteria: string;
  args: unknown[];
  allowInvalid: boolean;
  helpText: string;
}

export interface Cell {
  v?: Stored;
  f?: string;
  fmt?: CellFormat;
  dv?: ValidationState;
  note?: string;
}

/** A range of one sheet, by sheet id (survives renames). */
export interface SheetGrid extends GridRange {
  sheetId: number;
}

export interface ConditionalRuleState {
  ranges: SheetGrid[];
  criteria: string;
  args: unknown[];
  format: {
    background?: string | null;
    fontColor?: string | null;
    bold?: boolean | null;
    italic?: boolean | null;
    underline?: boolean | null;
    strikethrough?: boolean | null;
  };
}

/** The chart types the builders' asXxxChart() select (Charts.ChartType names). */
export type ChartTypeName =
  | 'AREA'
  | 'BAR'
  | 'COLUMN'
  | 'COMBO'
  | 'HISTOGRAM'
  | 'LINE'
  | 'PIE'
  | 'SCATTER'
  | 'TABLE';

/** An embedded chart as the sheet holds it (see chart.ts). */
export interface ChartState {
  /** Unique across the spreadsheet, > 0 once inserted. */
  id: number;
  type: ChartTypeName;
  ranges: SheetGrid[];
  options: Record<string, unknown>;
  anchorRow: number;
  anchorCol: number;
  offsetX: number;
  offsetY: number;
  /** -1: Sheets guesses (we take 1). */
  numHeaders: number;
  transpose: boolean;
}

export interface ProtectionState {
  id: string;
  type: 'RANGE' | 'SHEET';
  sheetId: number;
  /** The protected range (RANGE) or the whole sheet (SHEET, kept in sync with its size). */
  grid: GridRange;
  rangeName: string | null;
  description: string;
  /** False until the script changes editors: then the spreadsheet's editors apply. */
  customized: boolean;
  editors: string[];
  domainEdit: boolean;
  warningOnly: boolean;
  unprotected: SheetGrid[];
}

export class SheetModel {
  maxRows = 1000;
  maxCols = 26;
  /** rows[r - 1][c - 1]; sparse. */
  rows: Array<Array<Cell | undefined> | undefined> = [];
  frozenRows = 0;
  frozenCols = 0;
  hidden = false;
  tabColor: string | null = null;
  colWidths = new Map<number, number>();
  rowHeights = new Map<number, number>();
  /** Rows whose height was forced (setRowHeightsForced): they do not grow to fit wrapped text. */
  forcedRows = new Set<number>();
  hiddenCols = new Set<number>();
  hiddenRows = new Set<number>();
  merges: GridRange[] = [];
  conditionalRules: ConditionalRuleState[] = [];
  rightToLeft = false;
  hiddenGridlines = false;
  /** Embedded charts, in insertion order. */
  charts: ChartState[] = [];
  /** The form whose responses this sheet receives (Sheet.getFormUrl), set by the forms extension. */
  formUrl?: string;

  constructor(
    public id: number,
    public name: string,
  ) {}

  cell(row: number, col: number): Cell | undefined {
    return this.rows[row - 1]?.[col - 1];
  }

  ensureCell(row: number, col: number): Cell {
    let r = this.rows[row - 1];
    if (!r) r = this.rows[row - 1] = [];
    let c = r[col - 1];
    if (!c) c = r[col - 1] = {};
    return c;
  }

  /** Drops a cell that holds nothing at all. */
  prune(row: number, col: number): void {
    const r = this.rows[row - 1];
    const c = r?.[col - 1];
    if (!r || !c) return;
    if (
      c.v === undefined &&
      c.f === undefined &&
      !c.fmt &&
      !c.dv &&
      c.note === undefined
    ) {
      delete r[col - 1];
    }
  }

  static hasContent(c: Cell | undefined): boolean {
    return !!c && ((c.v !== undefined && c.v !== '') || c.f !== undefined);
  }

  lastRow(): number {
    for (let r = Math.min(this.rows.length, this.maxRows); r >= 1; r--) {
      const row = this.rows[r - 1];
      if (row && row.some(c => SheetModel.hasContent(c))) return r;
    }
    return 0;
  }

  lastColumn(): number {
    let last = 0;
    for (const row of this.rows) {
      if (!row) continue;
      for (let c = row.length; c > last; c--) {
        if (SheetModel.hasContent(row[c - 1])) {
          last = c;
          break;
        }
      }
    }
    return last;
  }

  insertRows(before: number, n: number): void {
    if (this.rows.length >= before) {
      this.rows.splice(before - 1, 0, ...new Array<undefined>(n));
    }
    this.maxRows += n;
    this.merges = this.merges.map(g => shiftGrid(g, 'row', before, n));
    for (const rule of this.conditionalRules) {
      rule.ranges = rule.ranges.map(g => ({
        ...shiftGrid(g, 'row', before, n),
        sheetId: g.sheetId,
      }));
    }
    this.rowHeights = shiftMap(this.rowHeights, before, n);
    this.forcedRows = shiftSet(this.forcedRows, before, n);
    this.hiddenRows = shiftSet(this.hiddenRows, before, n);
  }

  deleteRows(at: number, n: number): void {
    this.rows.splice(at - 1, n);
    this.maxRows -= n;
    this.merges = this.merges.flatMap(g => cutGrid(g, 'row', at, n));
    for (const rule of this.conditionalRules) {
      rule.ranges = rule.ranges.flatMap(g =>
        cutGrid(g, 'row', at, n).map(x => ({...x, sheetId: g.sheetId})),
      );
    }
    this.rowHeights = shiftMap(this.rowHeights, at + n, -n, at);
    this.forcedRows = shiftSet(this.forcedRows, at + n, -n, at);
    this.hiddenRows = shiftSet(this.hiddenRows, at + n, -n, at);
  }

  insertColumns(before: number, n: number): void {
    for (const row of this.rows) {
      if (row && row.length >= before)
        row.splice(before - 1, 0, ...new Array<undefined>(n));
    }
    this.maxCols += n;
    this.merges = this.merges.map(g => shiftGrid(g, 'col', before, n));
    for (const rule of this.conditionalRules) {
      rule.ranges = rule.ranges.map(g => ({
        ...shiftGrid(g, 'col', before, n),
        sheetId: g.sheetId,
      }));
    }
    this.colWidths = shiftMap(this.colWidths, before, n);
    this.hiddenCols = shiftSet(this.hiddenCols, before, n);
  }

  deleteColumns(at: number, n: number): void {
    for (const row of this.rows) if (row) row.splice(at - 1, n);
    this.maxCols -= n;
    this.merges = this.merges.flatMap(g => cutGrid(g, 'col', at, n));
    for (const rule of this.conditionalRules) {
      rule.ranges = rule.ranges.flatMap(g =>
        cutGrid(g, 'col', at, n).map(x => ({...x, sheetId: g.sheetId})),
      );
    }
    this.colWidths = shiftMap(this.colWidths, at + n, -n, at);
    this.hiddenCols = shiftSet(this.hiddenCols, at + n, -n, at);
  }
}

function shiftMap<V>(
  m: Map<number, V>,
  from: number,
  by: number,
  dropFrom?: number,
): Map<number, V> {
  const out = new Map<number, V>();
  for (const [k, v] of m) {
    if (dropFrom !== undefined && k >= dropFrom && k < from) continue;
    out.set(k >= from ? k + by : k, v);
  }
  return out;
}

function shiftSet(
  s: Set<number>,
  from: number,
  by: number,
  dropFrom?: number,
): Set<number> {
  return new Set([
    ...shiftMap(new Map([...s].map(k => [k, true])), from, by, dropFrom).keys(),
  ]);
}

/** Moves or grows a grid when n rows/columns are inserted before `at`. */
export function shiftGrid<G extends GridRange>(
  g: G,
  dim: 'row' | 'col',
  at: number,
  n: number,
): G {
  const start = dim === 'row' ? g.row : g.col;
  const size = dim === 'row' ? g.numRows : g.numCols;
  let s = start;
  let z = size;
  if (at <= start) s += n;
  else if (at < start + size) z += n;
  return dim === 'row'
    ? {...g, row: s, numRows: z}
    : {...g, col: s, numCols: z};
}

/** Shrinks or moves a grid when n rows/columns from `at` are deleted; [] when it disappears. */
export function cutGrid<G extends GridRange>(
  g: G,
  dim: 'row' | 'col',
  at: number,
  n: number,
): G[] {
  const start = dim === 'row' ? g.row : g.col;
  const size = dim === 'row' ? g.numRows : g.numCols;
  const end = start + size; // exclusive
  const delEnd = at + n;
  const keepBefore = Math.max(0, Math.min(end, at) - start);
  const keepAfter = Math.max(0, end - Math.max(start, delEnd));
  const z = keepBefore + keepAfter;
  if (z === 0) return [];
  const s = start < at ? start : Math.max(at, start - n);
  return [
    dim === 'row' ? {...g, row: s, numRows: z} : {...g, col: s, numCols: z},
  ];
}

export class SpreadsheetModel {
  sheets: SheetModel[] = [];
  editors: string[] = [];
  viewers: string[] = [];
  locale = 'en_US';
  activeSheetId = 0;
  activeRange: SheetGrid | null = null;
  nextSheetId = 0;
  namedRanges = new Map<string, SheetGrid>();
  protections: ProtectionState[] = [];
  nextProtectionId = 1;
  /** Toasts shown, newest last. */
  toasts: Array<{
    message: string;
    title: string;
    timeoutSeconds: number | null;
    at: string;
  }> = [];

  constructor(
    public id: string,
    public name: string,
    public owner: string,
    public timeZone: string,
  ) {}

  addSheet(name: string, index?: number, rows = 1000, cols = 26): SheetModel {
    const sheet = new SheetModel(
      this.nextSheetId === 0 ? 0 : this.randomSheetId(),
      name,
    );
    this.nextSheetId++;
    sheet.maxRows = rows;
    sheet.maxCols = cols;
    if (index === undefined || index >= this.sheets.length)
      this.sheets.push(sheet);
    else this.sheets.splice(Math.max(0, index), 0, sheet);
    return sheet;
  }

  /** Google's sheet ids after the first (gid 0) look random; ours are deterministic. */
  private randomSheetId(): number {
    let x = (this.nextSheetId * 2654435761 + this.id.length * 97) % 2147483647;
    while (this.sheets.some(s => s.id === x)) x = (x + 7919) % 2147483647;
    return x;
  }

  sheetById(id: number): SheetModel | undefined {
    return this.sheets.find(s => s.id === id);
  }

  sheetByName(name: string): SheetModel | undefined {
    return this.sheets.find(s => s.name === name);
  }

  sheetByNameInsensitive(name: string): SheetModel | undefined {
    const n = name.toLowerCase();
    return this.sheets.find(s => s.name.toLowerCase() === n);
  }

  activeSheet(): SheetModel {
    return this.sheetById(this.activeSheetId) ?? this.sheets[0];
  }

  isEditor(email: string): boolean {
    const e = email.toLowerCase();
    return (
      e !== '' &&
      (e === this.owner.toLowerCase() ||
        this.editors.some(x => x.toLowerCase() === e))
    );
  }

  /** Everyone who can edit the file: the owner first, then editors. */
  allEditors(): string[] {
    return [
      this.owner,
      ...this.editors.filter(e => e.toLowerCase() !== this.owner.toLowerCase()),
    ];
  }

  protectionEditors(p: ProtectionState): string[] {
    return p.customized ? p.editors : this.allEditors();
  }

  canEditProtection(p: ProtectionState, email: string): boolean {
    const e = email.toLowerCase();
    if (e === '') return false;
    if (e === this.owner.toLowerCase()) return true;
    if (!p.customized) return this.isEditor(e);
    if (p.editors.some(x => x.toLowerCase() === e)) return true;
    return (
      p.domainEdit &&
      this.isEditor(e) &&
      sameDomain(e, this.owner) &&
      !isConsumer(e)
    );
  }

  /** The protection that forbids `email` editing any cell of the grid, if one does. */
  blockingProtection(
    email: string,
    sheetId: number,
    grid: GridRange,
  ): ProtectionState | null {
    for (const p of this.protections) {
      if (p.sheetId !== sheetId || p.warningOnly) continue;
      if (this.canEditProtection(p, email)) continue;
      // A sheet protection covers every cell outside its unprotected ranges: a write is allowed
      // only when the holes (together) hold all of it.
      const covered =
        p.type === 'RANGE'
          ? intersects(p.grid, grid)
          : p.unprotected
              .filter(u => u.sheetId === sheetId)
              .reduce<GridRange[]>(
                (left, hole) => left.flatMap(r => subtractGrid(r, hole)),
                [grid],
              ).length > 0;
      if (covered) return p;
    }
    return null;
  }

  /**
   * The range protection that forbids `email` inserting rows/columns at `before`: inserting inside
   * a protected range would grow it, which only its editors may do.
   */
  blockingInsert(
    email: string,
    sheetId: number,
    dim: 'row' | 'col',
    before: number,
  ): ProtectionState | null {
    for (const p of this.protections) {
      if (p.sheetId !== sheetId || p.warningOnly || p.type !== 'RANGE')
        continue;
      if (this.canEditProtection(p, email)) continue;
      const start = dim === 'row' ? p.grid.row : p.grid.col;
      const n = dim === 'row' ? p.grid.numRows : p.grid.numCols;
      if (before > start && before < start + n) return p;
    }
    return null;
  }

  /** The protection that forbids `email` changing the sheet's structure, if one does. */
  blockingSheetProtection(
    email: string,
    sheetId: number,
  ): ProtectionState | null {
    for (const p of this.protections) {
      if (p.sheetId !== sheetId || p.warningOnly || p.type !== 'SHEET')
        continue;
      if (!this.canEditProtection(p, email)) return p;
    }
    return null;
  }

  /** Keeps named ranges and protections in place when rows/columns move. */
  shiftAnchors(
    sheetId: number,
    dim: 'row' | 'col',
    at: number,
    n: number,
  ): void {
    const move = <G extends GridRange>(g: G): G[] =>
      n >= 0 ? [shiftGrid(g, dim, at, n)] : cutGrid(g, dim, at, -n);
    for (const [name, g] of [...this.namedRanges]) {
      if (g.sheetId !== sheetId) continue;
      const [m] = move(g);
      if (m) this.namedRanges.set(name, m);
      else this.namedRanges.delete(name);
    }
    const sheet = this.sheetById(sheetId);
    this.protections = this.protections.filter(p => {
      if (p.sheetId !== sheetId) return true;
      if (p.type === 'SHEET' && sheet) {
        p.grid = {
          row: 1,
          col: 1,
          numRows: sheet.maxRows,
          numCols: sheet.maxCols,
        };
      } else {
        const [m] = move(p.grid);
        if (!m) return false;
        p.grid = m;
      }
      p.unprotected = p.unprotected.flatMap(u =>
        u.sheetId === sheetId ? move(u) : [u],
      );
      return true;
    });
    if (this.activeRange?.sheetId === sheetId) this.activeRange = null;
  }
}

/** The parts of `g` outside `hole` (at most four rectangles). */
function subtractGrid(g: GridRange, hole: GridRange): GridRange[] {
  if (!intersects(g, hole)) return [g];
  const out: GridRange[] = [];
  const gEndR = g.row + g.numRows;
  const gEndC = g.col + g.numCols;
  const top = Math.max(g.row, hole.row);
  const bottom = Math.min(gEndR, hole.row + hole.numRows);
  if (hole.row > g.row)
    out.push({
      row: g.row,
      col: g.col,
      numRows: hole.row - g.row,
      numCols: g.numCols,
    });
  if (bottom < gEndR)
    out.push({
      row: bottom,
      col: g.col,
      numRows: gEndR - bottom,
      numCols: g.numCols,
    });
  if (hole.col > g.col)
    out.push({
      row: top,
      col: g.col,
      numRows: bottom - top,
      numCols: hole.col - g.col,
    });
  const right = hole.col + hole.numCols;
  if (right < gEndC)
    out.push({
      row: top,
      col: right,
      numRows: bottom - top,
      numCols: gEndC - right,
    });
  return out;
}

function domainOf(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

export function sameDomain(a: string, b: string): boolean {
  return domainOf(a) === domainOf(b);
}

/** Consumer accounts have no domain to share edit rights with. */
export function isConsumer(email: string): boolean {
  return ['gmail.com', 'googlemail.com'].includes(domainOf(email));
}

// ---------------------------------------------------------------------------------------------
// Persistence.

type Json = null | boolean | number | string | Json[] | {[k: string]: Json};

export function storedToJson(v: Stored): Json {
  return isDate(v) ? {$date: v.toISOString()} : v;
}

export function storedFromJson(j: unknown): Stored {
  if (j && typeof j === 'object' && '$date' in j) {
    return new Date(String((j as {$date: string}).$date));
  }
  return j as Stored;
}

/** Deep-copies a value into JSON, turning Dates into {$date}. */
export function toJsonDeep(x: unknown): Json {
  if (isDate(x)) return {$date: x.toISOString()};
  if (Array.isArray(x)) return x.map(toJsonDeep);
  if (x && typeof x === 'object') {
    const out: {[k: string]: Json} = {};
    for (const [k, v] of Object.entries(x))
      if (v !== undefined) out[k] = toJsonDeep(v);
    return out;
  }
  return x as Json;
}

export function fromJsonDeep(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(fromJsonDeep);
  if (x && typeof x === 'object') {
    if ('$date' in x && Object.keys(x).length === 1)
      return new Date(String((x as {$date: string}).$date));
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x)) out[k] = fromJsonDeep(v);
    return out;
  }
  return x;
}

/**
 * A sheet as JSON. Formats, notes and validations repeat down whole columns, so each cell's
 * non-value part is interned in `styles` and a cell is [row, col, style index, value?]: a formatted
 * 1,000-row tab stays small and quick to save.
 */
export function sheetToJson(s: SheetModel): Json {
  const cells: Json[] = [];
  const styles: string[] = [];
  const styleIndex = new Map<string, number>();
  s.rows.forEach((row, ri) => {
    row?.forEach((c, ci) => {
      if (!c) return;
      const {v, ...rest} = toJsonDeep(c) as {[k: string]: Json};
      const key = JSON.stringify(rest);
      let at = styleIndex.get(key);
      if (at === undefined) {
        at = styles.length;
        styles.push(key);
        styleIndex.set(key, at);
      }
      cells.push(
        v === undefined ? [ri + 1, ci + 1, at] : [ri + 1, ci + 1, at, v],
      );
    });
  });
  return {
    id: s.id,
    name: s.name,
    maxRows: s.maxRows,
    maxCols: s.maxCols,
    frozenRows: s.frozenRows,
    frozenCols: s.frozenCols,
    hidden: s.hidden,
    tabColor: s.tabColor,
    colWidths: [...s.colWidths],
    rowHeights: [...s.rowHeights],
    ...(s.forcedRows.size ? {forcedRows: [...s.forcedRows]} : {}),
    hiddenCols: [...s.hiddenCols],
    hiddenRows: [...s.hiddenRows],
    merges: toJsonDeep(s.merges),
    conditionalRules: toJsonDeep(s.conditionalRules),
    rightToLeft: s.rightToLeft,
    hiddenGridlines: s.hiddenGridlines,
    ...(s.charts.length ? {charts: toJsonDeep(s.charts)} : {}),
    ...(s.formUrl ? {formUrl: s.formUrl} : {}),
    styles: styles.map(k => JSON.parse(k) as Json),
    cells,
  };
}

export function sheetFromJson(j: Record<string, unknown>): SheetModel {
  const s = new SheetModel(Number(j.id), String(j.name));
  s.maxRows = Number(j.maxRows);
  s.maxCols = Number(j.maxCols);
  s.frozenRows = Number(j.frozenRows ?? 0);
  s.frozenCols = Number(j.frozenCols ?? 0);
  s.hidden = Boolean(j.hidden);
  s.tabColor = (j.tabColor as string | null) ?? null;
  s.colWidths = new Map(j.colWidths as Array<[number, number]>);
  s.rowHeights = new Map(j.rowHeights as Array<[number, number]>);
  s.forcedRows = new Set((j.forcedRows as number[] | undefined) ?? []);
  s.hiddenCols = new Set(j.hiddenCols as number[]);
  s.hiddenRows = new Set(j.hiddenRows as number[]);
  s.merges = (j.merges as GridRange[]) ?? [];
  s.conditionalRules = fromJsonDeep(
    j.conditionalRules ?? [],
  ) as ConditionalRuleState[];
  s.rightToLeft = Boolean(j.rightToLeft);
  s.hiddenGridlines = Boolean(j.hiddenGridlines);
  s.charts = fromJsonDeep(j.charts ?? []) as ChartState[];
  if (typeof j.formUrl === 'string') s.formUrl = j.formUrl;
  const styles = (j.styles as Array<Record<string, unknown>> | undefined) ?? [];
  for (const entry of j.cells as Array<[number, number, unknown, unknown?]>) {
    const [r, c, style] = entry;
    const row = (s.rows[r - 1] ??= []);
    // [r, c, style index, value?]; older files kept the whole cell as the third element.
    const cell =
      typeof style === 'number'
        ? {...styles[style], ...(entry.length > 3 ? {v: entry[3]} : {})}
        : style;
    row[c - 1] = fromJsonDeep(cell) as Cell;
  }
  return s;
}

export function spreadsheetToJson(m: SpreadsheetModel): Json {
  return {
    id: m.id,
    name: m.name,
    owner: m.owner,
    timeZone: m.timeZone,
    locale: m.locale,
    editors: m.editors,
    viewers: m.viewers,
    activeSheetId: m.activeSheetId,
    nextSheetId: m.nextSheetId,
    nextProtectionId: m.nextProtectionId,
    namedRanges: toJsonDeep([...m.namedRanges]),
    protections: toJsonDeep(m.protections),
    toasts: toJsonDeep(m.toasts),
    sheets: m.sheets.map(sheetToJson),
  };
}

export function spreadsheetFromJson(
  j: Record<string, unknown>,
): SpreadsheetModel {
  const m = new SpreadsheetModel(
    String(j.id),
    String(j.name),
    String(j.owner),
    String(j.timeZone),
  );
  m.locale = String(j.locale ?? 'en_US');
  m.editors = (j.editors as string[]) ?? [];
  m.viewers = (j.viewers as string[]) ?? [];
  m.activeSheetId = Number(j.activeSheetId ?? 0);
  m.nextSheetId = Number(j.nextSheetId ?? 0);
  m.nextProtectionId = Number(j.nextProtectionId ?? 1);
  m.namedRanges = new Map(j.namedRanges as Array<[string, SheetGrid]>);
  m.protections = (j.protections as ProtectionState[]) ?? [];
  m.toasts = (j.toasts as SpreadsheetModel['toasts']) ?? [];
  m.sheets = (j.sheets as Array<Record<string, unknown>>).map(sheetFromJson);
  return m;
}
