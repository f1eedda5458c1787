// Embedded charts: Sheet.newChart → EmbeddedChartBuilder → insertChart/updateChart/removeChart, getAs PNG.
//
// As documented (developers.google.com/apps-script/reference/spreadsheet/embedded-chart-builder and
// …/embedded-chart): a builder from Sheet.newChart() or EmbeddedChart.modify() collects ranges, a
// type, options and a position; build() makes a chart that is not on the sheet until
// Sheet.insertChart(chart) (a modified chart until Sheet.updateChart(chart)). getChartId() is null
// until the chart is inserted and then stable. getAs('image/png') renders the chart; ours draws
// the bars of the data ranges (no text) into a real PNG.
import {deflateSync} from 'node:zlib';
import type {SpreadsheetEnv} from './env';
import {normalizeColor} from './env';
import type {
  ChartState,
  ChartTypeName,
  SheetGrid,
  SheetModel,
  SpreadsheetModel,
} from './model';
import {RangeImpl} from './range';
import {gasError, instrument} from '../runtime';
import type {EmulatorContext} from '../context';
import {BlobImpl} from '../blob';

type GasRange = GoogleAppsScript.Spreadsheet.Range;
type GasChart = GoogleAppsScript.Spreadsheet.EmbeddedChart;
type GasBuilder = GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder;

/** Google's default size of a new embedded chart, in pixels. */
const DEFAULT_WIDTH = 600;
const DEFAULT_HEIGHT = 371;

/** Where a range given to addRange must live, and its grid. */
interface RangeLike {
  _ss: SpreadsheetModel;
  _sheet: SheetModel;
  _g: {row: number; col: number; numRows: number; numCols: number};
}

function gridOf(range: GasRange): SheetGrid & {ss: SpreadsheetModel} {
  const r = range as unknown as RangeLike;
  return {ss: r._ss, sheetId: r._sheet.id, ...r._g};
}

function sameGrid(a: SheetGrid, b: SheetGrid): boolean {
  return (
    a.sheetId === b.sheetId &&
    a.row === b.row &&
    a.col === b.col &&
    a.numRows === b.numRows &&
    a.numCols === b.numCols
  );
}

/** A sheet's charts, in insertion order. */
export function chartsOf(sheet: SheetModel): ChartState[] {
  return sheet.charts;
}

/** The next chart id of a spreadsheet: unique across its sheets. */
export function nextChartId(ss: SpreadsheetModel): number {
  let max = 0;
  for (const sh of ss.sheets)
    for (const c of chartsOf(sh)) max = Math.max(max, c.id);
  return max + 1;
}

/** EmbeddedChartBuilder and the typed builders (one class: the typed ones only add setters). */
export class EmbeddedChartBuilderImpl {
  constructor(
    readonly _env: SpreadsheetEnv,
    readonly _ss: SpreadsheetModel,
    readonly _sheet: SheetModel,
    readonly _state: ChartState,
  ) {}

  get _ctx(): EmulatorContext {
    return this._env.ctx;
  }

  _self(): GasBuilder {
    return this as unknown as GasBuilder;
  }

  addRange(range: GasRange): GasBuilder {
    const g = gridOf(range);
    if (g.ss !== this._ss) {
      throw gasError(
        this._ctx,
        'The chart data range must be in the same spreadsheet.',
      );
    }
    const {ss, ...grid} = g;
    void ss;
    this._state.ranges.push(grid);
    return this._self();
  }
  removeRange(range: GasRange): GasBuilder {
    const {ss, ...grid} = gridOf(range);
    void ss;
    this._state.ranges = this._state.ranges.filter(r => !sameGrid(r, grid));
    return this._self();
  }
  clearRanges(): GasBuilder {
    this._state.ranges = [];
    return this._self();
  }
  getRanges(): GasRange[] {
    return rangesOf(this._env, this._ss, this._state);
  }
  _as(type: ChartTypeName): GasBuilder {
    this._state.type = type;
    return this._self();
  }
  asAreaChart(): GasBuilder {
    return this._as('AREA');
  }
  asBarChart(): GasBuilder {
    return this._as('BAR');
  }
  asColumnChart(): GasBuilder {
    return this._as('COLUMN');
  }
  asComboChart(): GasBuilder {
    return this._as('COMBO');
  }
  asHistogramChart(): GasBuilder {
    return this._as('HISTOGRAM');
  }
  asLineChart(): GasBuilder {
    return this._as('LINE');
  }
  asPieChart(): GasBuilder {
    return this._as('PIE');
  }
  asScatterChart(): GasBuilder {
    return this._as('SCATTER');
  }
  asTableChart(): GasBuilder {
    return this._as('TABLE');
  }
  setChartType(type: unknown): GasBuilder {
    return this._as(String(type) as ChartTypeName);
  }
  getChartType(): GoogleAppsScript.Charts.ChartType {
    return this._state.type as unknown as GoogleAppsScript.Charts.ChartType;
  }
  getContainer(): GoogleAppsScript.Spreadsheet.ContainerInfo {
    return new ContainerInfoImpl(
      this._ctx,
      this._state,
    ) as unknown as GoogleAppsScript.Spreadsheet.ContainerInfo;
  }
  setOption(option: string, value: unknown): GasBuilder {
    this._state.options[String(option)] = value;
    return this._self();
  }
  setTitle(chartTitle: string): GasBuilder {
    return this.setOption('title', String(chartTitle));
  }
  setColors(cssValues: string[]): GasBuilder {
    return this.setOption('colors', [...cssValues].map(String));
  }
  setStacked(): GasBuilder {
    return this.setOption('isStacked', true);
  }
  setXAxisTitle(title: string): GasBuilder {
    return this.setOption('hAxis.title', String(title));
  }
  setYAxisTitle(title: string): GasBuilder {
    return this.setOption('vAxis.title', String(title));
  }
  setBackgroundColor(cssValue: string): GasBuilder {
    return this.setOption('backgroundColor', String(cssValue));
  }
  setLegendPosition(position: unknown): GasBuilder {
    return this.setOption('legend.position', String(position).toLowerCase());
  }
  setNumHeaders(headers: number): GasBuilder {
    this._state.numHeaders = Math.trunc(Number(headers));
    return this._self();
  }
  setTransposeRowsAndColumns(transpose: boolean): GasBuilder {
    this._state.transpose = Boolean(transpose);
    return this._self();
  }
  setPosition(
    anchorRowPos: number,
    anchorColPos: number,
    offsetX: number,
    offsetY: number,
  ): GasBuilder {
    const nums = [anchorRowPos, anchorColPos, offsetX, offsetY];
    if (nums.some(n => typeof n !== 'number' || !Number.isFinite(n))) {
      throw gasError(
        this._ctx,
        `The parameters (${nums.map(n => typeof n).join(',')}) don't match the method signature for SpreadsheetApp.EmbeddedChartBuilder.setPosition.`,
      );
    }
    Object.assign(this._state, {
      anchorRow: Math.trunc(anchorRowPos),
      anchorCol: Math.trunc(anchorColPos),
      offsetX: Math.trunc(offsetX),
      offsetY: Math.trunc(offsetY),
    });
    return this._self();
  }
  build(): GasChart {
    return new EmbeddedChartImpl(
      this._env,
      this._ss,
      this._sheet,
      cloneState(this._state),
    ) as unknown as GasChart;
  }
}
instrument(
  EmbeddedChartBuilderImpl,
  'EmbeddedChartBuilder',
  'Spreadsheet.EmbeddedColumnChartBuilder',
);

function cloneState(s: ChartState): ChartState {
  return {
    ...s,
    ranges: s.ranges.map(r => ({...r})),
    options: JSON.parse(JSON.stringify(s.options)) as Record<string, unknown>,
  };
}

function rangesOf(
  env: SpreadsheetEnv,
  ss: SpreadsheetModel,
  state: ChartState,
): GasRange[] {
  const out: GasRange[] = [];
  for (const g of state.ranges) {
    const sheet = ss.sheetById(g.sheetId);
    if (!sheet) continue;
    const {sheetId, ...grid} = g;
    void sheetId;
    out.push(new RangeImpl(env, ss, sheet, grid) as unknown as GasRange);
  }
  return out;
}

/** ContainerInfo: where the chart sits on the sheet. */
export class ContainerInfoImpl {
  constructor(
    readonly _ctx: EmulatorContext,
    readonly _state: ChartState,
  ) {}
  getAnchorColumn(): number {
    return this._state.anchorCol;
  }
  getAnchorRow(): number {
    return this._state.anchorRow;
  }
  getOffsetX(): number {
    return this._state.offsetX;
  }
  getOffsetY(): number {
    return this._state.offsetY;
  }
}
instrument(ContainerInfoImpl, 'ContainerInfo', 'Spreadsheet.ContainerInfo');

/** ChartOptions: the options set on the builder, read back by name. */
export class ChartOptionsImpl {
  constructor(
    readonly _ctx: EmulatorContext,
    readonly _options: Record<string, unknown>,
  ) {}
  get(option: string): unknown {
    const v = this._options[String(option)];
    return v === undefined ? null : v;
  }
}
instrument(ChartOptionsImpl, 'ChartOptions', 'Charts.ChartOptions');

/** EmbeddedChart: a built chart; on the sheet once inserted (id set). */
export class EmbeddedChartImpl {
  constructor(
    readonly _env: SpreadsheetEnv,
    readonly _ss: SpreadsheetModel,
    readonly _sheet: SheetModel,
    readonly _state: ChartState,
  ) {}

  get _ctx(): EmulatorContext {
    return this._env.ctx;
  }

  getChartId(): number | null {
    return this._state.id > 0 ? this._state.id : null;
  }
  getContainerInfo(): GoogleAppsScript.Spreadsheet.ContainerInfo {
    return new ContainerInfoImpl(
      this._ctx,
      this._state,
    ) as unknown as GoogleAppsScript.Spreadsheet.ContainerInfo;
  }
  getNumHeaders(): number {
    return this._state.numHeaders;
  }
  getOptions(): GoogleAppsScript.Charts.ChartOptions {
    return new ChartOptionsImpl(
      this._ctx,
      this._state.options,
    ) as unknown as GoogleAppsScript.Charts.ChartOptions;
  }
  getRanges(): GasRange[] {
    return rangesOf(this._env, this._ss, this._state);
  }
  getTransposeRowsAndColumns(): boolean {
    return this._state.transpose;
  }
  modify(): GasBuilder {
    return new EmbeddedChartBuilderImpl(
      this._env,
      this._ss,
      this._sheet,
      cloneState(this._state),
    ) as unknown as GasBuilder;
  }
  getBlob(): GoogleAppsScript.Base.Blob {
    return this.getAs('image/png');
  }
  getAs(contentType: string): GoogleAppsScript.Base.Blob {
    const type = String(contentType);
    if (type !== 'image/png') {
      throw gasError(
        this._ctx,
        `Converting from image/png to ${type} is not supported.`,
      );
    }
    const title = String(this._state.options.title ?? 'Chart');
    return new BlobImpl(
      this._ctx,
      renderChartPng(this._ss, this._state),
      'image/png',
      `${title}.png`,
    ) as unknown as GoogleAppsScript.Base.Blob;
  }
}
instrument(EmbeddedChartImpl, 'EmbeddedChart', 'Spreadsheet.EmbeddedChart');

/** A fresh builder for Sheet.newChart(): a column chart anchored at A1, no ranges. */
export function newChartBuilder(
  env: SpreadsheetEnv,
  ss: SpreadsheetModel,
  sheet: SheetModel,
): GasBuilder {
  return new EmbeddedChartBuilderImpl(env, ss, sheet, {
    id: 0,
    type: 'COLUMN',
    ranges: [],
    options: {},
    anchorRow: 1,
    anchorCol: 1,
    offsetX: 0,
    offsetY: 0,
    numHeaders: -1,
    transpose: false,
  }) as unknown as GasBuilder;
}

/** Sheet.insertChart: the chart joins the sheet with a new id (a chart already inserted is refused). */
export function insertChart(
  ctx: EmulatorContext,
  ss: SpreadsheetModel,
  sheet: SheetModel,
  chart: GasChart,
): void {
  const c = chart as unknown as EmbeddedChartImpl;
  if (!(c instanceof EmbeddedChartImpl)) {
    throw gasError(
      ctx,
      "The parameters (Object) don't match the method signature for SpreadsheetApp.Sheet.insertChart.",
    );
  }
  if (c._state.id > 0 && findChart(ss, c._state.id)) {
    throw gasError(ctx, 'The chart is already in the sheet. Use updateChart.');
  }
  const state = cloneState(c._state);
  state.id = nextChartId(ss);
  c._state.id = state.id;
  chartsOf(sheet).push(state);
}

function findChart(
  ss: SpreadsheetModel,
  id: number,
): {sheet: SheetModel; index: number} | null {
  for (const sheet of ss.sheets) {
    const index = chartsOf(sheet).findIndex(c => c.id === id);
    if (index >= 0) return {sheet, index};
  }
  return null;
}

/** Sheet.updateChart: replaces the chart of the same id on this sheet. */
export function updateChart(
  ctx: EmulatorContext,
  sheet: SheetModel,
  chart: GasChart,
): void {
  const c = chart as unknown as EmbeddedChartImpl;
  const list = chartsOf(sheet);
  const index = list.findIndex(x => x.id === c._state?.id);
  if (!(c instanceof EmbeddedChartImpl) || c._state.id <= 0 || index < 0) {
    throw gasError(ctx, 'The chart could not be found on the sheet.');
  }
  list[index] = cloneState(c._state);
}

/** Sheet.removeChart. */
export function removeChart(
  ctx: EmulatorContext,
  sheet: SheetModel,
  chart: GasChart,
): void {
  const c = chart as unknown as EmbeddedChartImpl;
  const list = chartsOf(sheet);
  const index = list.findIndex(x => x.id === c._state?.id);
  if (index < 0) {
    throw gasError(ctx, 'The chart could not be found on the sheet.');
  }
  list.splice(index, 1);
}

// ---- rendering ---------------------------------------------------------------------------------

/** The data series of a chart: category labels and one numeric series per column (or row). */
export function chartSeries(
  ss: SpreadsheetModel,
  state: ChartState,
): {categories: string[]; series: Array<{name: string; values: number[]}>} {
  const table: unknown[][] = [];
  for (const g of state.ranges) {
    const sheet = ss.sheetById(g.sheetId);
    if (!sheet) continue;
    for (let i = 0; i < g.numRows; i++) {
      const line: unknown[] = [];
      for (let j = 0; j < g.numCols; j++)
        line.push(sheet.cell(g.row + i, g.col + j)?.v ?? '');
      table.push(line);
    }
  }
  let grid = table;
  if (state.transpose && table.length) {
    grid = table[0].map((_, j) => table.map(row => row[j]));
  }
  const headers = state.numHeaders < 0 ? 1 : state.numHeaders;
  const head = headers > 0 ? (grid[0] ?? []) : [];
  const body = grid.slice(headers);
  const width = grid[0]?.length ?? 0;
  const series: Array<{name: string; values: number[]}> = [];
  for (let j = 1; j < width; j++) {
    series.push({
      name: String(head[j] ?? ''),
      values: body.map(row => {
        const v = row[j];
        return typeof v === 'number' ? v : 0;
      }),
    });
  }
  return {categories: body.map(row => String(row[0] ?? '')), series};
}

const PALETTE = ['#4285f4', '#db4437', '#f4b400', '#0f9d58', '#ab47bc'];

function rgb(color: string): [number, number, number] {
  const c = normalizeColor(color);
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/.exec(c);
  return m
    ? [parseInt(m[1], 16), parseInt(m[2], 16), parseInt(m[3], 16)]
    : [66, 133, 244];
}

/** Draws the bars (columns, or horizontal bars for BAR) of the data into a PNG. */
export function renderChartPng(
  ss: SpreadsheetModel,
  state: ChartState,
): Buffer {
  const w = Number(state.options.width ?? DEFAULT_WIDTH);
  const h = Number(state.options.height ?? DEFAULT_HEIGHT);
  const px = Buffer.alloc(w * h * 3, 0xff);
  const fill = (
    x0: number,
    y0: number,
    x1: number,
    y1: number,
    c: [number, number, number],
  ) => {
    for (let y = Math.max(0, Math.floor(y0)); y < Math.min(h, y1); y++)
      for (let x = Math.max(0, Math.floor(x0)); x < Math.min(w, x1); x++) {
        const i = (y * w + x) * 3;
        px[i] = c[0];
        px[i + 1] = c[1];
        px[i + 2] = c[2];
      }
  };
  const {categories, series} = chartSeries(ss, state);
  const colors = (state.options.colors as string[] | undefined) ?? PALETTE;
  const stacked = Boolean(state.options.isStacked);
  const totals = categories.map((_, i) =>
    stacked
      ? series.reduce((s, x) => s + Math.max(0, x.values[i]), 0)
      : Math.max(0, ...series.map(x => x.values[i])),
  );
  const max = Math.max(1, ...totals);
  const pad = 30;
  const axis: [number, number, number] = [0x60, 0x60, 0x60];
  const horizontal = state.type === 'BAR';
  fill(pad, h - pad, w - pad, h - pad + 1, axis);
  fill(pad, pad, pad + 1, h - pad, axis);
  const n = Math.max(1, categories.length);
  const span = horizontal ? h - 2 * pad : w - 2 * pad;
  const slot = span / n;
  const lanes = stacked ? 1 : Math.max(1, series.length);
  categories.forEach((_, i) => {
    let base = 0;
    series.forEach((s, k) => {
      const v = Math.max(0, s.values[i]);
      const len = (v / max) * ((horizontal ? w : h) - 2 * pad);
      const lane = stacked ? 0 : k;
      const a = pad + i * slot + slot * 0.15 + (lane * slot * 0.7) / lanes;
      const b = a + (slot * 0.7) / lanes;
      const c = rgb(colors[k % colors.length]);
      if (horizontal) fill(pad + 1 + base, a, pad + 1 + base + len, b, c);
      else fill(a, h - pad - base - len, b, h - pad - base, c);
      if (stacked) base += len;
    });
  });
  return encodePng(w, h, px);
}

let crcTable: Uint32Array | null = null;
function crc32(buf: Buffer): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** An RGB PNG from packed pixels. */
export function encodePng(w: number, h: number, rgbPixels: Buffer): Buffer {
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    raw[y * (w * 3 + 1)] = 0;
    rgbPixels.copy(raw, y * (w * 3 + 1) + 1, y * w * 3, (y + 1) * w * 3);
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
