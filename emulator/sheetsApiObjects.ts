// Sheets API batchUpdate requests that add objects to a sheet: addProtectedRange and addChart.
//
// As documented (developers.google.com/sheets/api/reference/rest/v4/spreadsheets/request and
// …/spreadsheets#ProtectedRange, …/charts#BasicChartSpec): a protected range with a range of only
// a sheetId protects the whole sheet; editors are the users who may still edit it (the owner
// always may); warningOnly ignores the editors. A basic chart draws one domain and its series,
// each a source range, anchored at a cell with an offset and a size in pixels. The emulator keeps
// both in the models SpreadsheetApp uses (ProtectionState, ChartState), so Sheet.getProtections and
// Sheet.getCharts see them. What the product does not send (named ranges, groups, other chart
// kinds, series not side by side) fails as invalid, never silently.
import type {GridRange} from './spreadsheet/a1';
import type {
  ChartState,
  ChartTypeName,
  ProtectionState,
  SheetGrid,
  SheetModel,
  SpreadsheetModel,
} from './spreadsheet/model';
import {InvalidRequest, styleHex} from './sheetsApiShared';

type ApiGridRange = GoogleAppsScript.Sheets.Schema.GridRange;
type Response = GoogleAppsScript.Sheets.Schema.Response;
type ColorStyle = GoogleAppsScript.Sheets.Schema.ColorStyle;

/** A change to apply once every request of the batch has been checked. */
type Change = () => void;

/** A 0-based half-open API range on `sheet` as a 1-based grid (open ends: to the sheet's edge). */
function toGrid(sheet: SheetModel, r: ApiGridRange): SheetGrid {
  const r0 = r.startRowIndex ?? 0;
  const r1 = r.endRowIndex ?? sheet.maxRows;
  const c0 = r.startColumnIndex ?? 0;
  const c1 = r.endColumnIndex ?? sheet.maxCols;
  if (r0 < 0 || c0 < 0 || r1 <= r0 || c1 <= c0)
    throw new InvalidRequest('the range is not valid');
  if (r1 > sheet.maxRows || c1 > sheet.maxCols)
    throw new InvalidRequest('the range exceeds grid limits');
  return {
    sheetId: sheet.id,
    row: r0 + 1,
    col: c0 + 1,
    numRows: r1 - r0,
    numCols: c1 - c0,
  };
}

/** A range given by its sheet id only (no index at all): the whole sheet. */
function wholeSheet(r: ApiGridRange): boolean {
  return (
    r.startRowIndex === undefined &&
    r.endRowIndex === undefined &&
    r.startColumnIndex === undefined &&
    r.endColumnIndex === undefined
  );
}

/**
 * addProtectedRange: the protection is in force for the requests after it in the batch (they are
 * checked against it) and is taken back if the batch fails. `undo` collects that rollback.
 */
export function addProtectedRange(
  ss: SpreadsheetModel,
  r: GoogleAppsScript.Sheets.Schema.AddProtectedRangeRequest,
  sheetOf: (id: unknown) => SheetModel,
  user: string,
  undo: Change[],
): {change: Change; reply: Response} {
  const p = r.protectedRange;
  if (!p?.range)
    throw new InvalidRequest(
      p?.namedRangeId
        ? 'the emulator does not support protecting a named range'
        : 'a protected range needs a range',
    );
  if (p.protectedRangeId !== undefined)
    throw new InvalidRequest('protectedRangeId is read-only');
  if (p.editors?.groups?.length)
    throw new InvalidRequest('the emulator does not support group editors');
  const sheet = sheetOf(p.range.sheetId);
  const type = wholeSheet(p.range) ? 'SHEET' : 'RANGE';
  const grid: GridRange =
    type === 'SHEET'
      ? {row: 1, col: 1, numRows: sheet.maxRows, numCols: sheet.maxCols}
      : toGrid(sheet, p.range);
  if (type === 'RANGE' && p.unprotectedRanges?.length)
    throw new InvalidRequest(
      'Unprotected ranges are only supported on protected sheets.',
    );
  if (
    type === 'SHEET' &&
    ss.protections.some(x => x.type === 'SHEET' && x.sheetId === sheet.id)
  )
    throw new InvalidRequest(
      `The sheet ${sheet.name} is already protected; update its protected range instead.`,
    );
  const warningOnly = Boolean(p.warningOnly);
  const users = warningOnly ? [] : [...(p.editors?.users ?? [])].map(String);
  const n = ss.nextProtectionId++;
  const state: ProtectionState = {
    id: `${ss.id}:p${n}`,
    type,
    sheetId: sheet.id,
    grid,
    rangeName: null,
    description: String(p.description ?? ''),
    // The editors named (with no list: only the user asking, as Sheets' "Only you"); the owner
    // always may edit.
    customized: true,
    editors: p.editors?.users ? users : [user],
    domainEdit: Boolean(p.editors?.domainUsersCanEdit),
    warningOnly,
    unprotected: (p.unprotectedRanges ?? []).map(u => {
      if (Number(u.sheetId ?? 0) !== sheet.id)
        throw new InvalidRequest('an unprotected range must be on the sheet');
      return toGrid(sheet, u);
    }),
  };
  ss.protections.push(state);
  undo.push(() => {
    ss.protections = ss.protections.filter(x => x !== state);
  });
  return {
    change: () => {},
    reply: {
      addProtectedRange: {
        protectedRange: {
          protectedRangeId: n,
          range: {...p.range},
          description: state.description,
          warningOnly,
          requestingUserCanEdit: ss.canEditProtection(state, user),
          ...(warningOnly
            ? {}
            : {
                editors: {
                  users: [...state.editors],
                  domainUsersCanEdit: state.domainEdit,
                },
              }),
        },
      },
    },
  };
}

const CHART_TYPES: Record<string, ChartTypeName> = {
  BAR: 'BAR',
  COLUMN: 'COLUMN',
  LINE: 'LINE',
  AREA: 'AREA',
};

const LEGENDS: Record<string, string> = {
  BOTTOM_LEGEND: 'bottom',
  TOP_LEGEND: 'top',
  LEFT_LEGEND: 'left',
  RIGHT_LEGEND: 'right',
  NO_LEGEND: 'none',
};

/** The one source range of a domain or a series. */
function sourceOf(
  data: GoogleAppsScript.Sheets.Schema.ChartData | undefined,
  sheetOf: (id: unknown) => SheetModel,
): SheetGrid {
  const sources = data?.sourceRange?.sources ?? [];
  if (sources.length !== 1)
    throw new InvalidRequest('each domain and series needs one source range');
  return toGrid(sheetOf(sources[0].sheetId), sources[0]);
}

/**
 * The domain and the series as one table: side by side (each one column, the same rows: columns
 * are series) or one under the other (each one row, the same columns: rows are series, which
 * SpreadsheetApp calls transposed). Anything else is not emulated.
 */
function asTable(parts: SheetGrid[]): {range: SheetGrid; transpose: boolean} {
  const [first] = parts;
  const same = parts.every(p => p.sheetId === first.sheetId);
  const byColumns = parts.every(
    (p, i) =>
      p.numCols === 1 &&
      p.row === first.row &&
      p.numRows === first.numRows &&
      p.col === first.col + i,
  );
  if (same && byColumns)
    return {range: {...first, numCols: parts.length}, transpose: false};
  const byRows = parts.every(
    (p, i) =>
      p.numRows === 1 &&
      p.col === first.col &&
      p.numCols === first.numCols &&
      p.row === first.row + i,
  );
  if (same && byRows)
    return {range: {...first, numRows: parts.length}, transpose: true};
  throw new InvalidRequest(
    'the emulator draws a domain and series that lie side by side (columns) or one under the other (rows)',
  );
}

/** addChart: a basic chart anchored over a cell of its sheet; its id is chosen when applied. */
export function addChart(
  r: GoogleAppsScript.Sheets.Schema.AddChartRequest,
  sheetOf: (id: unknown) => SheetModel,
  nextChartId: () => number,
): {change: Change; reply: Response} {
  const chart = r.chart;
  const basic = chart?.spec?.basicChart;
  if (!basic)
    throw new InvalidRequest('the emulator supports basic charts only');
  const type = CHART_TYPES[String(basic.chartType ?? '')];
  if (!type)
    throw new InvalidRequest(
      `the emulator does not support the chart type ${basic.chartType}`,
    );
  if ((basic.domains ?? []).length !== 1 || !(basic.series ?? []).length)
    throw new InvalidRequest(
      'a chart needs one domain and at least one series',
    );
  const overlay = chart?.position?.overlayPosition;
  if (!overlay?.anchorCell)
    throw new InvalidRequest('the emulator supports charts over a sheet only');
  const anchor = overlay.anchorCell;
  const sheet = sheetOf(anchor.sheetId);
  const row = Number(anchor.rowIndex ?? 0);
  const col = Number(anchor.columnIndex ?? 0);
  if (row < 0 || col < 0 || row >= sheet.maxRows || col >= sheet.maxCols)
    throw new InvalidRequest('the chart is anchored outside the sheet');
  const parts = [
    sourceOf(basic.domains![0].domain, sheetOf),
    ...basic.series!.map(s => sourceOf(s.series, sheetOf)),
  ];
  const {range, transpose} = asTable(parts);
  // colorStyle is newer than the typings (BasicChartSeries.color is its deprecated form).
  const colors = basic.series!.map(s =>
    styleHex((s as {colorStyle?: ColorStyle}).colorStyle, s.color),
  );
  const options: Record<string, unknown> = {
    isStacked: basic.stackedType === 'STACKED',
    width: Number(overlay.widthPixels ?? 600),
    height: Number(overlay.heightPixels ?? 371),
  };
  if (chart?.spec?.title !== undefined)
    options.title = String(chart.spec.title);
  if (colors.some(c => c !== null)) options.colors = colors.map(c => c ?? '');
  const legend = LEGENDS[String(basic.legendPosition ?? '')];
  if (legend) options.legend = {position: legend};
  const state: ChartState = {
    id: 0,
    type,
    ranges: [range],
    options,
    anchorRow: row + 1,
    anchorCol: col + 1,
    offsetX: Number(overlay.offsetXPixels ?? 0),
    offsetY: Number(overlay.offsetYPixels ?? 0),
    numHeaders: basic.headerCount ?? -1,
    transpose,
  };
  const reply: Response = {addChart: {chart: {...chart}}};
  return {
    change: () => {
      state.id = nextChartId();
      reply.addChart!.chart!.chartId = state.id;
      sheet.charts.push(state);
    },
    reply,
  };
}
