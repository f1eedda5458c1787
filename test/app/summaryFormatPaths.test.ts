// The summary tab's two formatting paths: one Sheets API batchUpdate, or SpreadsheetApp when the advanced service is off; the same tab either way.
import {Workspace} from '../../emulator';
import * as main from '../../src/app/main';
import {runSetup} from '../../src/app/setup';
import {DEFAULT_PLAN} from '../../src/plan/defaultPlan';
import {ky1Input, SETTINGS} from '../core/summaryFixture';
import {writePlanState} from './summaryWorkbook';

const OWNER = 'owner@xa.gov.vn';
const TAB = 'Tổng hợp KY1';

beforeAll(() => {
  jest.useFakeTimers({
    now: new Date('2025-09-02T00:00:00Z'),
    doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'clearTimeout'],
  });
});
afterAll(() => jest.useRealTimers());

/** Everything writeSummaryTab sets, read back (font colours from the model: no getter). */
function tabLook(ws: Workspace): Record<string, unknown> {
  const ss = SpreadsheetApp.getActive();
  const sheet = ss.getSheetByName(TAB)!;
  const rows = sheet.getMaxRows();
  const cols = sheet.getMaxColumns();
  const all = sheet.getRange(1, 1, rows, cols);
  const model = ws.store.byId.get(ss.getId())!.sheetById(sheet.getSheetId())!;
  return {
    size: [rows, cols],
    frozen: sheet.getFrozenRows(),
    tabColor: sheet.getTabColor(),
    widths: Array.from({length: cols}, (_, i) => sheet.getColumnWidth(i + 1)),
    merges: all
      .getMergedRanges()
      .map(r => r.getA1Notation())
      .sort(),
    values: all.getValues(),
    backgrounds: all.getBackgrounds(),
    fontColors: Array.from({length: rows}, (_, r) =>
      Array.from(
        {length: cols},
        (_, c) => model.cell(r + 1, c + 1)?.fmt?.fontColor ?? '#000000',
      ),
    ),
    weights: all.getFontWeights(),
    sizes: all.getFontSizes(),
    wraps: all.getWraps(),
    vAlign: all.getVerticalAlignments(),
    notes: all.getNotes(),
    index: sheet.getIndex(),
    // The charts as Sheet.getCharts reads them (colours compared without case).
    charts: sheet.getCharts().map(c => {
      const o = c.getOptions();
      const info = c.getContainerInfo();
      return {
        type: model.charts.find(x => x.id === c.getChartId())?.type,
        ranges: c.getRanges().map(r => r.getA1Notation()),
        transpose: c.getTransposeRowsAndColumns(),
        headers: c.getNumHeaders(),
        options: ['title', 'isStacked', 'legend', 'width', 'height'].map(k =>
          o.get(k),
        ),
        colors: (o.get('colors') as string[]).map(x => x.toLowerCase()),
        at: [
          info.getAnchorRow(),
          info.getAnchorColumn(),
          info.getOffsetX(),
          info.getOffsetY(),
        ],
      };
    }),
    protections: sheet
      .getProtections(SpreadsheetApp.ProtectionType.SHEET)
      .map(p => ({
        description: p.getDescription(),
        editors: p
          .getEditors()
          .map(u => u.getEmail())
          .sort(),
        domain: p.canDomainEdit(),
        warningOnly: p.isWarningOnly(),
      })),
  };
}

function build(sheetsApi: boolean, times: number) {
  const ws = new Workspace({
    owner: OWNER,
    now: '2025-09-02T00:00:00Z',
    sheetsApi,
  });
  ws.installGlobals();
  try {
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
        tasks: input.tasks.map(t => ({
          ...t,
          dueOverride: t.dueOverride ?? null,
        })),
        periods: input.periods,
        assignments: input.assignments,
        villageReports: input.villageReports,
      }),
    );
    let calls: Record<string, number> = {};
    for (let i = 0; i < times; i++) {
      ws.advance(60 * 60 * 1000);
      ws.calls.reset();
      ws.callFunction(OWNER, 'buildSummary', ['KY1']);
      calls = ws.calls.snapshot();
    }
    return {calls, look: ws.run(OWNER, () => tabLook(ws))};
  } finally {
    ws.uninstallGlobals();
  }
}

describe.each([
  ['a first build', 1],
  ['a rebuild over the same layout', 2],
])('%s of the summary tab', (_name, times) => {
  // Built once the clock is faked (describe bodies run before beforeAll): both at the same instant.
  let api: ReturnType<typeof build>;
  let plain: ReturnType<typeof build>;
  beforeAll(() => {
    api = build(true, times);
    plain = build(false, times);
  });

  it('sets the look in one Sheets API batchUpdate, no per-property SpreadsheetApp call', () => {
    // A new tab: one more before its values, adding it admin-only at its size.
    expect(api.calls['Sheets.Spreadsheets.batchUpdate']).toBe(
      times === 1 ? 2 : 1,
    );
    for (const key of [
      'Range.setBackgrounds',
      'Range.setFontColors',
      'Range.setFontWeights',
      'Range.setFontSizes',
      'Range.setWraps',
      'Range.setVerticalAlignments',
      'Range.setNotes',
      'Range.mergeAcross',
      'Sheet.setColumnWidths',
      'Sheet.setFrozenRows',
      'Sheet.setTabColor',
      ...(times === 1
        ? ['Spreadsheet.insertSheet', 'Sheet.protect', 'Sheet.insertChart']
        : []),
    ])
      expect([key, api.calls[key] ?? 0]).toEqual([key, 0]);
    expect(plain.calls['Sheets.Spreadsheets.batchUpdate'] ?? 0).toBe(0);
    expect(plain.calls['Range.setBackgrounds']).toBe(1);
  });

  it('and the tab is the same as SpreadsheetApp makes it', () => {
    // Its three charts and its admin-only protection among what is compared.
    expect(api.look.charts).toHaveLength(3);
    expect(api.look.protections).toHaveLength(1);
    const keys = Object.keys(plain.look);
    expect(Object.keys(api.look)).toEqual(keys);
    for (const key of keys)
      expect([key, api.look[key]]).toEqual([key, plain.look[key]]);
  });
});
