// The summary tab's charts and city block through the use case: present once, rebuilt in place.
import {Workspace} from '../../emulator';
import * as main from '../../src/app/main';
import {runSetup} from '../../src/app/setup';
import {buildSummaryFor} from '../../src/app/summary';
import {computeSummary} from '../../src/core/summary';
import {
  blockRows,
  parseBlock,
  summaryBlock,
  SUMMARY_BLOCK_COLUMN,
  SUMMARY_BLOCK_WIDTH,
} from '../../src/core/summaryBlock';
import {summaryFigures} from '../../src/core/summaryFigures';
import {DEFAULT_PLAN} from '../../src/plan/defaultPlan';
import {ky1Input, SETTINGS} from '../core/summaryFixture';
import {writePlanState} from './summaryWorkbook';

const OWNER = 'owner@xa.gov.vn';
let ws: Workspace;
afterEach(() => ws?.uninstallGlobals());

beforeAll(() => {
  jest.useFakeTimers({
    now: new Date('2025-09-02T00:00:00Z'),
    doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'clearTimeout'],
  });
});
afterAll(() => jest.useRealTimers());

function workspace(): Workspace {
  ws = new Workspace({owner: OWNER, now: '2025-09-02T00:00:00Z'});
  ws.installGlobals();
  ws.setFunctions(main as unknown as Record<string, unknown>);
  ws.run(OWNER, () => runSetup(DEFAULT_PLAN));
  const input = ky1Input();
  ws.uncounted(() =>
    writePlanState(ws.activeSpreadsheet(), {
      settings: {
        commune: SETTINGS.commune,
        issuer: SETTINGS.issuer,
        planTitle: SETTINGS.planTitle,
        planNumber: SETTINGS.planNumber,
        reportTo: SETTINGS.reportTo,
      },
      tasks: input.tasks.map(t => ({...t, dueOverride: t.dueOverride ?? null})),
      periods: input.periods,
      assignments: input.assignments,
      villageReports: input.villageReports,
    }),
  );
  return ws;
}

function tab(): GoogleAppsScript.Spreadsheet.Sheet {
  return ws.uncounted(() =>
    ws.activeSpreadsheet().getSheetByName('Tổng hợp KY1')!,
  );
}

describe('summary charts', () => {
  it('are present once after repeated builds, updated in place, drawing the block’s tables', () => {
    workspace();
    ws.run(OWNER, () => buildSummaryFor('KY1'));
    const first = ws.uncounted(() => tab().getCharts());
    expect(first).toHaveLength(3);
    const ids = first.map(c => c.getChartId());
    for (let i = 0; i < 3; i++) {
      ws.advance(60 * 60 * 1000);
      ws.run(OWNER, () => buildSummaryFor('KY1'));
    }
    const charts = ws.uncounted(() => tab().getCharts());
    expect(charts.map(c => c.getChartId())).toEqual(ids);
    expect(ws.boundSpreadsheet.sheets.flatMap(s => s.charts)).toHaveLength(3);
    ws.uncounted(() => {
      expect(charts.map(c => c.getOptions().get('title'))).toEqual([
        'Nhiệm vụ theo tình trạng thực hiện',
        expect.stringContaining('Đơn vị'),
        expect.stringContaining('Thôn'),
      ]);
      const [status] = charts[0].getRanges();
      const values = status.getValues();
      expect(values[0]).toEqual(['Tình trạng', 'Số nhiệm vụ']);
      const summary = computeSummary({
        ...ky1Input(),
        asOf: '2025-09-02T10:00:00+07:00',
      });
      expect(values.slice(1)).toEqual(
        summary.counts.map(c => [c.label, c.count]),
      );
      expect(charts[0].getOptions().get('colors')).toEqual(
        summaryFigures(summary).status.map(s => s.color),
      );
      expect(charts[0].getAs('image/png').getBytes().length).toBeGreaterThan(
        100,
      );
    });
  });

  it('the tab carries the block the city reads: exactly the summary’s figures', () => {
    workspace();
    ws.run(OWNER, () => buildSummaryFor('KY1'));
    const values = ws.uncounted(() => {
      const sheet = tab();
      return sheet
        .getRange(
          1,
          SUMMARY_BLOCK_COLUMN,
          sheet.getMaxRows(),
          SUMMARY_BLOCK_WIDTH,
        )
        .getValues();
    });
    const summary = computeSummary(ky1Input());
    const read = parseBlock(values, 'KY1');
    expect(read).toEqual({
      ok: true,
      block: summaryBlock(summary, summaryFigures(summary), []),
    });
    const layout = blockRows(
      summaryBlock(summary, summaryFigures(summary), []),
    );
    expect(values.slice(0, layout.rows.length)).toEqual(layout.rows);
  });
});

/** Everything a reader sees of the summary tab: cells, look, merges, widths, charts. */
function tabState(): unknown {
  return ws.uncounted(() => {
    const sheet = tab();
    const all = sheet.getRange(1, 1, sheet.getMaxRows(), sheet.getMaxColumns());
    return {
      size: [sheet.getMaxRows(), sheet.getMaxColumns()],
      values: all.getValues(),
      backgrounds: all.getBackgrounds(),
      // Every cell's format as the model holds it (font colour included).
      formats: JSON.stringify(
        ws.boundSpreadsheet.sheets
          .find(x => x.name === 'Tổng hợp KY1')!
          .rows.map(r => (r ?? []).map(c => c?.fmt ?? null)),
      ),
      fontWeights: all.getFontWeights(),
      fontSizes: all.getFontSizes(),
      wraps: all.getWraps(),
      valign: all.getVerticalAlignments(),
      notes: all.getNotes(),
      merged: all.getMergedRanges().map(r => r.getA1Notation()),
      widths: Array.from({length: sheet.getMaxColumns()}, (_, i) =>
        sheet.getColumnWidth(i + 1),
      ),
      frozen: sheet.getFrozenRows(),
      tabColor: sheet.getTabColor(),
      charts: sheet.getCharts().map(c => ({
        ranges: c.getRanges().map(r => r.getA1Notation()),
        options: ['title', 'colors', 'isStacked', 'width', 'height'].map(k =>
          c.getOptions().get(k),
        ),
      })),
    };
  });
}

/** The spreadsheet calls of one build, by method. */
/** Kinds of the Sheets API requests the last buildCalls sent (its batchUpdate's). */
let sentKinds: string[] = [];

function buildCalls(at: Date): Record<string, number> {
  ws.calls.reset();
  const api = (Sheets as GoogleAppsScript.Sheets).Spreadsheets;
  const spy = jest.spyOn(api, 'batchUpdate');
  try {
    ws.run(OWNER, () => buildSummaryFor('KY1', {at}));
    sentKinds = spy.mock.calls.flatMap(([r]) =>
      (r.requests ?? []).map(q => Object.keys(q)[0]),
    );
  } finally {
    spy.mockRestore();
  }
  return ws.calls.snapshot();
}

/** The per-tab look as Sheets API requests (merges, widths, frozen row and tab colour). */
const PER_TAB_REQUESTS = [
  'mergeCells',
  'updateDimensionProperties',
  'updateSheetProperties',
];

const PER_TAB_LOOK = [
  'Sheet.clear',
  'Range.breakApart',
  'Range.mergeAcross',
  'Sheet.setColumnWidths',
  'Sheet.setFrozenRows',
  'Sheet.setTabColor',
  'Sheet.setConditionalFormatRules',
  'Sheet.newChart',
  'Sheet.insertChart',
  'Sheet.updateChart',
  'Sheet.removeChart',
];

describe('a rebuild with the same layout (issue 15)', () => {
  it('sets neither the per-tab look nor the charts again, and leaves the tab exactly as a full build does', () => {
    workspace();
    ws.run(OWNER, () => buildSummaryFor('KY1'));
    const at = new Date('2025-09-02T05:00:00Z');
    const calls = buildCalls(at);
    for (const key of PER_TAB_LOOK)
      expect([key, calls[key] ?? 0]).toEqual([key, 0]);
    for (const kind of PER_TAB_REQUESTS) expect(sentKinds).not.toContain(kind);
    // The cells and their look are written whole (one call each), so no old figure can remain.
    expect(calls['Range.setValues']).toBe(2); // the tab and the history row
    expect(calls['Sheets.Spreadsheets.batchUpdate']).toBe(1);
    expect(sentKinds).toContain('repeatCell');
    const fast = tabState();
    // The same build with the stored state dropped: everything is set again.
    ws.uncounted(() =>
      PropertiesService.getDocumentProperties().deleteProperty(
        'summary.tab:Tổng hợp KY1',
      ),
    );
    const full = buildCalls(at);
    for (const kind of PER_TAB_REQUESTS) expect(sentKinds).toContain(kind);
    expect(full['Sheets.Spreadsheets.batchUpdate']).toBe(1);
    expect(full['Sheet.updateChart']).toBe(3);
    expect(tabState()).toEqual(fast);
  });

  it('draws a chart removed by hand again, and gives a tab made again by hand its look back', () => {
    workspace();
    ws.run(OWNER, () => buildSummaryFor('KY1'));
    const built = tabState();
    ws.uncounted(() => {
      const sheet = tab();
      sheet.removeChart(sheet.getCharts()[1]);
    });
    ws.run(OWNER, () => buildSummaryFor('KY1'));
    expect(tabState()).toEqual(built);

    // Deleted and made again under the same name (another id): the stored state is not its own.
    ws.uncounted(() => {
      const ss = ws.activeSpreadsheet();
      ss.deleteSheet(tab());
      ss.insertSheet('Tổng hợp KY1');
    });
    ws.run(OWNER, () => buildSummaryFor('KY1'));
    expect(tabState()).toEqual(built);
  });

  it('moves the charts with the block when its tables change (villages gone)', () => {
    workspace();
    ws.run(OWNER, () => buildSummaryFor('KY1'));
    const input = ky1Input();
    input.units = input.units.filter(u => u.kind !== 'village');
    input.assignments = input.assignments.filter(
      a => !a.unitCode.startsWith('THON'),
    );
    input.villageReports = [];
    ws.uncounted(() =>
      writePlanState(ws.activeSpreadsheet(), {
        units: input.units,
        assignments: input.assignments,
        villageReports: [],
      }),
    );
    ws.run(OWNER, () => buildSummaryFor('KY1'));
    const summary = computeSummary(input);
    const layout = blockRows(
      summaryBlock(summary, summaryFigures(summary), []),
    );
    expect(layout.villages).toBeNull();
    const charts = ws.uncounted(() =>
      tab()
        .getCharts()
        .map(c => c.getRanges()[0].getValues()),
    );
    expect(charts).toHaveLength(2);
    const units = layout.units!;
    expect(charts[1]).toEqual(
      layout.rows
        .slice(units.headerRow - 1, units.lastRow)
        .map(r => r.slice(units.firstCol - 1, units.firstCol - 1 + 3)),
    );
  });

  it('costs 34 spreadsheet calls from the menu for a named period (was 76; 39 before the Sheets API)', () => {
    workspace();
    ws.callFunction(OWNER, 'buildSummary', ['KY1']);
    ws.advance(60 * 60 * 1000);
    ws.calls.reset();
    expect(ws.callFunction(OWNER, 'buildSummary', ['KY1'])).toMatchObject({
      built: true,
    });
    expect(ws.calls.spreadsheetTotal()).toBe(34);
  });
});
