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
