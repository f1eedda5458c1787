// runSetup's service-call budget: the same bounded number of calls for small and large plans, pinned.
import {Workspace} from '../../emulator';
import {runSetup} from '../../src/app/setup';
import {
  HISTORY_SPARE_ROWS,
  HISTORY_SPARE_ROWS_MAX,
  historySpareRows,
} from '../../src/app/setupProtections';
import {scaledPlan} from '../support/scaledPlan';

const ADMIN = 'admin@example.com';

function measure(taskCount: number, villageCount: number) {
  const ws = new Workspace({
    owner: ADMIN,
    now: new Date('2025-08-27T01:00:00Z'),
  });
  ws.installGlobals();
  try {
    const started = Date.now();
    const report = ws.run(ADMIN, () =>
      runSetup(scaledPlan(taskCount, villageCount)),
    );
    const ms = Date.now() - started;
    const calls = ws.calls.spreadsheetTotal();
    const total = ws.calls.total();
    const history = ws.run(ADMIN, () =>
      SpreadsheetApp.getActive().getSheetByName('Nhật ký'),
    )!;
    const historySpare = ws.run(
      ADMIN,
      () => history.getMaxRows() - history.getLastRow(),
    );
    ws.calls.reset();
    ws.run(ADMIN, () => runSetup(scaledPlan(taskCount, villageCount)));
    return {
      report,
      calls,
      total,
      rerunCalls: ws.calls.spreadsheetTotal(),
      ms,
      historySpare,
    };
  } finally {
    ws.uninstallGlobals();
  }
}

/*
 * Pins (issue 15): the first run adds 10 tabs in one Sheets API batchUpdate and gives them their
 * look in one more (widths, formats, dropdowns: was 250 SpreadsheetApp calls), the help tab and one
 * protection per tab (68 calls) through SpreadsheetApp; a re-run over an unchanged workbook formats
 * nothing, rewrites only Nhiệm vụ and Phân công and checks each protection.
 */
const FIRST_RUN_CALLS = 149;
const RERUN_CALLS = 114;

describe('runSetup call budget', () => {
  const small = measure(13, 10);

  it('small plan: a fixed number of spreadsheet calls (per tab and column, never per row)', () => {
    expect(small.report.tasks).toBe(13);
    expect(small.calls).toBeLessThanOrEqual(FIRST_RUN_CALLS);
    // The goal of issue 15 for a first run: 150 (no unit with a block).
    expect(small.calls).toBeLessThanOrEqual(150);
    expect(small.rerunCalls).toBeLessThanOrEqual(RERUN_CALLS);
    // The goal of issue 15 for a re-run: 150 (no unit has an e-mail here, so no block).
    expect(small.rerunCalls).toBeLessThanOrEqual(150);
  });

  it.each([
    [1300, 10],
    [13, 1000],
  ])(
    '%i tasks and %i villages: as many calls as the small plan (grid growth aside)',
    (tasks, villages) => {
      const large = measure(tasks, villages);
      expect(large.report.tasks).toBe(tasks);
      expect(large.report.assignments).toBeGreaterThan(
        small.report.assignments,
      );
      // A new tab is added at the size its rows need: growing it costs no call.
      expect(large.calls).toBe(small.calls);
      // Nhật ký is made with room for every assignment to change once (a full round of village
      // reports), so no submission of the day has to insert rows; the small plan keeps the floor.
      expect(small.historySpare).toBeGreaterThanOrEqual(HISTORY_SPARE_ROWS);
      expect(large.historySpare).toBeGreaterThanOrEqual(
        Math.min(large.report.assignments, HISTORY_SPARE_ROWS_MAX),
      );
      expect(large.historySpare).toBeGreaterThan(small.historySpare);
      expect(large.rerunCalls).toBe(small.rerunCalls);
      console.log(
        `setup ${tasks} tasks × ${villages} villages: ${large.report.assignments} assignments, ` +
          `${large.calls} spreadsheet calls (small plan: ${small.calls}), re-run ${large.rerunCalls} ` +
          `(small plan: ${small.rerunCalls}), ${large.ms} ms`,
      );
    },
  );
});

test('the spare rows kept below Nhật ký follow the plan, between the floor and the cap', () => {
  expect(historySpareRows(10)).toBe(HISTORY_SPARE_ROWS);
  expect(historySpareRows(9000)).toBe(9000);
  expect(historySpareRows(10 ** 6)).toBe(HISTORY_SPARE_ROWS_MAX);
  // Twice the cap, 8 columns wide, stays far below Google's 10 million cells.
  expect(2 * HISTORY_SPARE_ROWS_MAX * 8).toBeLessThan(10 ** 6);
});
