// Benchmark part (not a test): the city roll-up over 10, 114 and 3,321 communes — calls per commune,
// runs needed and modelled time. Called by scripts/bench.ts; kept apart so the two evolve separately.
import {Workspace} from '../emulator';
import {SpreadsheetModel} from '../emulator/spreadsheet/model';
import {MS_PER_OTHER_CALL, MS_PER_SPREADSHEET_CALL} from '../emulator/limits';
import {createVmContext, loadScript} from '../emulator/vm';
import {
  SUMMARY_BLOCK_COLUMN,
  SUMMARY_BLOCK_WIDTH,
} from '../src/core/summaryBlock';
import {COMMUNES, ensureTab} from '../src/workbook/cityTabs';
import {writeTable} from '../src/workbook/table';
import {writePlanState} from '../test/app/summaryWorkbook';
import {ky1Input} from '../test/core/summaryFixture';

const CITY = 'sonoivu@thanhpho.gov.vn';
const SHEET_KEY =
  /^(SpreadsheetApp|Spreadsheet|Sheet|Range|Protection|NamedRange)\./;

/** The block cells of a real commune summary (kỳ 1 of the seed plan), built by the bundle. */
function sampleBlock(code: string): unknown[][] {
  const admin = 'admin@xa.gov.vn';
  const ws = new Workspace({
    owner: admin,
    seed: 'bench-xa',
    now: '2025-09-02T00:00:00Z',
  });
  loadScript(createVmContext(ws), code);
  ws.callFunction(admin, 'setupWorkbook');
  const input = ky1Input();
  ws.uncounted(() =>
    writePlanState(ws.activeSpreadsheet(), {
      tasks: input.tasks.map(t => ({...t, dueOverride: t.dueOverride ?? null})),
      periods: input.periods,
      assignments: input.assignments,
      villageReports: input.villageReports,
    }),
  );
  ws.callFunction(admin, 'buildSummary', ['KY1']);
  return ws.uncounted(() => {
    const sheet = ws.activeSpreadsheet().getSheetByName('Tổng hợp KY1')!;
    return sheet
      .getRange(
        1,
        SUMMARY_BLOCK_COLUMN,
        sheet.getMaxRows(),
        SUMMARY_BLOCK_WIDTH,
      )
      .getValues();
  });
}

/** A commune workbook holding only its summary tab's block, shared with the city as viewer. */
function communeModel(i: number, block: unknown[][]): SpreadsheetModel {
  const id = `1BenchCommune${String(i).padStart(6, '0')}abcdefghijklmnopqrstuvw`;
  const m = new SpreadsheetModel(
    id,
    `Dân vận xã ${i}`,
    `xa${i}@xa.gov.vn`,
    'Asia/Ho_Chi_Minh',
  );
  const sheet = m.addSheet(
    'Tổng hợp KY1',
    undefined,
    block.length,
    SUMMARY_BLOCK_COLUMN + SUMMARY_BLOCK_WIDTH,
  );
  block.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v !== '')
        sheet.ensureCell(r + 1, SUMMARY_BLOCK_COLUMN + c).v = v as
          string | number;
    }),
  );
  m.viewers.push(CITY);
  return m;
}

export interface CityBenchRow {
  communes: number;
  runs: number;
  sheetCalls: number;
  otherCalls: number;
  openById: number;
  modelledS: number;
  longestRunS: number;
}

/** One roll-up over `n` communes, continuation triggers included, with per-call latency modelled. */
function benchOne(code: string, n: number, block: unknown[][]): CityBenchRow {
  const ws = new Workspace({
    owner: CITY,
    seed: `bench-city-${n}`,
    now: '2025-09-04T01:00:00Z',
  });
  loadScript(createVmContext(ws), code);
  ws.callFunction(CITY, 'setupWorkbook');
  const links: Array<{name: string; link: string; email: string}> = [];
  for (let i = 0; i < n; i++) {
    const m = communeModel(i, block);
    ws.store.byId.set(m.id, m);
    links.push({
      name: `Xã ${i + 1}`,
      link: `https://docs.google.com/spreadsheets/d/${m.id}/edit`,
      email: m.owner,
    });
  }
  ws.uncounted(() => {
    const ss = ws.activeSpreadsheet();
    writePlanState(ss, {settings: {mode: 'cấp thành phố'}});
    writeTable(ensureTab(ss, COMMUNES, 420), COMMUNES, links, 420);
  });
  // The emulated clock moves by each call's modelled time, so the run's elapsed-time budget bites.
  ws.setCallLatency(key =>
    SHEET_KEY.test(key) ? MS_PER_SPREADSHEET_CALL : MS_PER_OTHER_CALL,
  );
  ws.calls.reset();
  const t0 = ws.nowMs();
  let runStart = t0;
  let longest = 0;
  let runs = 0;
  const endRun = () => {
    runs++;
    longest = Math.max(longest, ws.nowMs() - runStart);
  };
  const first = ws.callFunction(CITY, 'cityRollup', [], {ui: false}) as {
    message?: string;
  } | null;
  if (process.env.BENCH_DEBUG) console.log(JSON.stringify(first));
  endRun();
  for (let guard = 0; guard < 100; guard++) {
    const pending = ws.triggers.find(t => t.handler === 'cityRollupContinue');
    if (!pending) break;
    ws.setCallLatency(null);
    ws.advance(61000);
    ws.setCallLatency(key =>
      SHEET_KEY.test(key) ? MS_PER_SPREADSHEET_CALL : MS_PER_OTHER_CALL,
    );
    runStart = ws.nowMs();
    for (const run of ws.runDueTriggers()) {
      if (!run.ok) throw new Error(`continuation failed: ${run.error}`);
      if (process.env.BENCH_DEBUG) console.log(JSON.stringify(run.result));
    }
    endRun();
  }
  const calls = ws.calls.snapshot();
  let sheetCalls = 0;
  let otherCalls = 0;
  for (const [k, v] of Object.entries(calls))
    if (SHEET_KEY.test(k)) sheetCalls += v;
    else otherCalls += v;
  return {
    communes: n,
    runs,
    sheetCalls,
    otherCalls,
    openById: calls['SpreadsheetApp.openById'] ?? 0,
    modelledS: Math.round(
      (sheetCalls * MS_PER_SPREADSHEET_CALL + otherCalls * MS_PER_OTHER_CALL) /
        1000,
    ),
    longestRunS: Math.round(longest / 1000),
  };
}

/** Prints the roll-up's figures at 10, 114 and 3,321 communes. */
export function benchCityRollup(
  code: string,
  sizes = [10, 114, 3321],
): CityBenchRow[] {
  const block = sampleBlock(code);
  const out = sizes.map(n => benchOne(code, n, block));
  console.log(
    '\nCity roll-up ("Tổng hợp toàn thành phố"): every commune\'s summary block read once, runs of at most 4.5 min\n' +
      'continued by a one-off trigger; modelled time = calls × the cost model above (the emulated clock moves by it).',
  );
  console.log(
    '| communes | runs | sheet calls | other calls | openById | sheet calls per commune | modelled time | longest run |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  for (const r of out) {
    const per = (r.sheetCalls / r.communes).toFixed(1);
    console.log(
      `| ${r.communes} | ${r.runs} | ${r.sheetCalls} | ${r.otherCalls} | ${r.openById} | ${per} | ${r.modelledS} s | ${r.longestRunS} s |`,
    );
  }
  const marginal =
    out.length > 1
      ? (out[out.length - 1].sheetCalls - out[0].sheetCalls) /
        (out[out.length - 1].communes - out[0].communes)
      : 0;
  console.log(
    `  Marginal spreadsheet calls per commune: ${marginal.toFixed(2)}.`,
  );
  return out;
}
