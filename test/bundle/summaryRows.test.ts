// The summary tab as Sheets would lay it out, through dist/Code.js: no row taller than it needs, blank rows one line.
import {SUMMARY_BLOCK_COLUMN} from '../../src/core/summaryBlock';
import {ADMIN, setUp} from '../support/formsBundle';

it('the city data beside the summary wraps nothing: blank rows are one line, no row is a screenful', () => {
  const {ws} = setUp();
  ws.callFunction(ADMIN, 'buildSummary', ['KY1']);
  ws.installGlobals();
  try {
    const {heights, blank} = ws.uncounted(() =>
      ws.run(ADMIN, () => {
        const sheet =
          SpreadsheetApp.getActive().getSheetByName('Tổng hợp KY1')!;
        const values = sheet.getDataRange().getValues();
        const heights = values.map((_, i) => sheet.getRowHeight(i + 1));
        const blank = values
          .map((r, i) => ({i, r: r.slice(0, SUMMARY_BLOCK_COLUMN - 1)}))
          .filter(({r}) => r.every(v => v === ''))
          .map(({i}) => i);
        return {heights, blank};
      }),
    );
    expect(blank.length).toBeGreaterThan(1);
    for (const i of blank) expect([i + 1, heights[i]]).toEqual([i + 1, 21]);
    expect(Math.max(...heights)).toBeLessThan(300);
  } finally {
    ws.uninstallGlobals();
  }
});
