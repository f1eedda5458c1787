// The summary tab's machine-readable block and its native charts, rebuilt in place (never duplicated).
import {
  SUMMARY_BLOCK_COLUMN,
  SUMMARY_BLOCK_WIDTH,
  type BlockLayout,
  type BlockTable,
} from '../core/summaryBlock';
import {
  NOT_REPORTED_COLOR,
  REPORTED_COLOR,
  type SummaryFigures,
} from '../core/summaryFigures';
import {apiColor} from './formatRequests';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The column the charts are anchored at: right of the block, one blank column between. */
export const CHART_COLUMN = SUMMARY_BLOCK_COLUMN + SUMMARY_BLOCK_WIDTH + 1;
/** Columns the tab needs so the charts' anchor exists (the charts are about 6 columns wide). */
export const SUMMARY_TAB_COLUMNS = CHART_COLUMN + 6;

export const CHART_WIDTH = 600;
export const CHART_HEIGHT = 371;
const CHART_GAP = 20;

/** One chart to draw: its title, kind, data table and colours. */
export interface ChartSpec {
  title: string;
  kind: 'column' | 'bar';
  table: BlockTable;
  colors: string[];
  /** Rows of the table are series (one coloured bar per status). */
  transpose: boolean;
  stacked: boolean;
  /** Columns of the data table drawn (from table.firstCol). */
  numCols: number;
}

/** The charts of a summary tab, in order. */
export function chartSpecs(
  layout: BlockLayout,
  figures: SummaryFigures,
  titles: {units?: string; villages?: string} = {},
): ChartSpec[] {
  const specs: ChartSpec[] = [
    {
      title: 'Nhiệm vụ theo tình trạng thực hiện',
      kind: 'column',
      table: layout.status,
      colors: figures.status.map(s => s.color),
      transpose: true,
      stacked: false,
      numCols: 2,
    },
  ];
  const people = (title: string, table: BlockTable | null) => {
    if (!table) return;
    specs.push({
      title,
      kind: 'bar',
      table,
      colors: [REPORTED_COLOR, NOT_REPORTED_COLOR],
      transpose: false,
      stacked: true,
      numCols: 3,
    });
  };
  people(
    titles.units ??
      'Đơn vị: tỷ lệ phân công đúng hạn (%) — xanh: đã báo cáo, đỏ: chưa báo cáo',
    layout.units,
  );
  people(
    titles.villages ??
      'Thôn: tỷ lệ phân công đúng hạn (%) — xanh: đã báo cáo, đỏ: chưa báo cáo',
    layout.villages,
  );
  return specs;
}

/**
 * Makes the tab's charts exactly `specs`: the charts already there are modified and updated in
 * place (same ids), missing ones inserted, extra ones removed — so repeated builds never pile
 * charts up. About ten calls per chart, whatever the data size.
 */
export function syncCharts(
  sheet: Sheet,
  specs: ChartSpec[],
  firstRow = 1,
): void {
  applyCharts(sheet, specs, sheet.getCharts(), firstRow);
}

/** What the charts of `specs` draw, as text: equal texts draw the same charts from the same cells. */
export function chartsSignature(specs: ChartSpec[], firstRow = 1): string {
  return JSON.stringify([
    firstRow,
    CHART_COLUMN,
    CHART_WIDTH,
    CHART_HEIGHT,
    CHART_GAP,
    specs.map(s => [
      s.kind,
      s.title,
      s.table.headerRow,
      s.table.firstCol,
      s.table.lastRow,
      s.numCols,
      s.colors,
      s.transpose,
      s.stacked,
    ]),
  ]);
}

/**
 * syncCharts for a tab whose last build left `known` (what its charts drew and their ids): when
 * the tab still has exactly those charts and they are to draw the same cells the same way, nothing
 * is called beyond getCharts — a chart reads its ranges live, so rewritten values show without
 * touching it. Otherwise the charts are synced (a new tab: inserted without looking). Returns what
 * to keep for the next build: right after a sync the ids are not looked up (no call); the next
 * build, finding as many charts as it drew, takes them as its own and records their ids.
 */
export function syncChartsKnown(
  sheet: Sheet,
  specs: ChartSpec[],
  known: {charts: string; chartIds: string[]} | null,
  isNew: boolean,
): {charts: string; chartIds: string[]} {
  const charts = chartsSignature(specs);
  if (!isNew) {
    const existing = sheet.getCharts();
    if (known && known.charts === charts && existing.length === specs.length) {
      const ids = existing.map(c => String(c.getChartId()));
      if (!known.chartIds.length) return {charts, chartIds: ids};
      if (ids.every((id, i) => id === known.chartIds[i])) return known;
    }
    applyCharts(sheet, specs, existing);
  } else {
    applyCharts(sheet, specs, []);
  }
  return {charts, chartIds: []};
}

/** The cells a chart of `spec` draws: header row first, 1-based, on the summary tab. */
function chartGrid(spec: ChartSpec, firstRow: number) {
  return {
    row: firstRow + spec.table.headerRow - 1,
    col: SUMMARY_BLOCK_COLUMN + spec.table.firstCol - 1,
    numRows: spec.table.lastRow - spec.table.headerRow + 1,
    numCols: spec.numCols,
  };
}

/**
 * The charts of `specs` as Sheets API addChart requests, drawing what applyCharts draws: the same
 * cells, header row, kind, colours, stacking, legend, size and place. A transposed table (rows are
 * series) is its header row as the domain and each row below as a series; otherwise its first
 * column is the domain and each other column a series. For a tab just added in the same batch.
 */
export function chartRequests(
  specs: ChartSpec[],
  sheetId: number,
  firstRow = 1,
): GoogleAppsScript.Sheets.Schema.Request[] {
  const source = (
    row: number,
    col: number,
    numRows: number,
    numCols: number,
  ) => ({
    sourceRange: {
      sources: [
        {
          sheetId,
          startRowIndex: row - 1,
          endRowIndex: row - 1 + numRows,
          startColumnIndex: col - 1,
          endColumnIndex: col - 1 + numCols,
        },
      ],
    },
  });
  return specs.map((spec, i) => {
    const g = chartGrid(spec, firstRow);
    const domain = spec.transpose
      ? source(g.row, g.col, 1, g.numCols)
      : source(g.row, g.col, g.numRows, 1);
    const count = spec.transpose ? g.numRows - 1 : g.numCols - 1;
    const series = Array.from({length: count}, (_, k) => {
      const color = spec.colors[k];
      return {
        series: spec.transpose
          ? source(g.row + 1 + k, g.col, 1, g.numCols)
          : source(g.row, g.col + 1 + k, g.numRows, 1),
        ...(color ? {colorStyle: {rgbColor: apiColor(color)}} : {}),
      };
    });
    return {
      addChart: {
        chart: {
          spec: {
            title: spec.title,
            basicChart: {
              chartType: spec.kind === 'bar' ? 'BAR' : 'COLUMN',
              legendPosition: 'BOTTOM_LEGEND',
              headerCount: 1,
              stackedType: spec.stacked ? 'STACKED' : 'NOT_STACKED',
              domains: [{domain}],
              series,
            },
          },
          position: {
            overlayPosition: {
              anchorCell: {
                sheetId,
                rowIndex: firstRow - 1,
                columnIndex: CHART_COLUMN - 1,
              },
              offsetXPixels: 0,
              offsetYPixels: i * (CHART_HEIGHT + CHART_GAP),
              widthPixels: CHART_WIDTH,
              heightPixels: CHART_HEIGHT,
            },
          },
        },
      },
    } as GoogleAppsScript.Sheets.Schema.Request;
  });
}

function applyCharts(
  sheet: Sheet,
  specs: ChartSpec[],
  existing: GoogleAppsScript.Spreadsheet.EmbeddedChart[],
  firstRow = 1,
): void {
  specs.forEach((spec, i) => {
    const old = existing[i];
    const start = old ? old.modify().clearRanges() : sheet.newChart();
    const typed =
      spec.kind === 'bar' ? start.asBarChart() : start.asColumnChart();
    const g = chartGrid(spec, firstRow);
    const builder = typed
      .addRange(sheet.getRange(g.row, g.col, g.numRows, g.numCols))
      .setNumHeaders(1)
      .setTransposeRowsAndColumns(spec.transpose)
      .setOption('title', spec.title)
      .setOption('colors', spec.colors)
      .setOption('isStacked', spec.stacked)
      .setOption('legend', {position: 'bottom'})
      .setOption('width', CHART_WIDTH)
      .setOption('height', CHART_HEIGHT)
      .setPosition(1, CHART_COLUMN, 0, i * (CHART_HEIGHT + CHART_GAP));
    const chart = builder.build();
    if (old) sheet.updateChart(chart);
    else sheet.insertChart(chart);
  });
  for (const extra of existing.slice(specs.length)) sheet.removeChart(extra);
}
