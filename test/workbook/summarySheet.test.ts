// The summary tab writer: cells kept as text, names and metadata, and the call budget at 13 vs 1,300 tasks.
import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {Workspace} from '../../emulator';
import {buildSummaryFor} from '../../src/app/summary';
import {expandPlan} from '../../src/core/assignments';
import {computeSummary} from '../../src/core/summary';
import {summaryToGrid} from '../../src/core/summaryGrid';
import {parseTimeline} from '../../src/core/timeline';
import type {Assignment, Task, Unit} from '../../src/core/types';
import type {StoredVillageReport} from '../../src/core/villageReports';
import {DEFAULT_PLAN} from '../../src/plan/defaultPlan';
import {
  archivedSheetName,
  fitSheet,
  parseSummaryMeta,
  sheetCell,
  summaryMetaKey,
  summarySheetName,
} from '../../src/workbook/summarySheet';
import {report} from '../core/summaryFixture';
import {writePlanState} from '../app/summaryWorkbook';

describe('summary tab helpers', () => {
  it('names the tabs', () => {
    expect(summarySheetName('KY1')).toBe('Tổng hợp KY1');
    expect(archivedSheetName('KY1', '2025-09-02')).toBe(
      'Tổng hợp KY1 (bản 02/09/2025)',
    );
    expect(summaryMetaKey('DX1')).toBe('summary.meta:DX1');
  });

  it('writes text so Sheets keeps it as text, numbers as numbers', () => {
    expect(sheetCell('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(sheetCell('03/09/2025')).toBe("'03/09/2025");
    expect(sheetCell('1')).toBe("'1");
    expect(sheetCell('')).toBe('');
    expect(sheetCell(7)).toBe(7);
  });

  it('reads the stored metadata, and nothing from junk', () => {
    expect(
      parseSummaryMeta(
        JSON.stringify({periodId: 'KY1', asOf: '2025-09-02T07:00:00+07:00'}),
      ),
    ).toEqual({
      periodId: 'KY1',
      asOf: '2025-09-02T07:00:00+07:00',
      builtBy: '',
      sheetName: 'Tổng hợp KY1',
      mode: 'manual',
    });
    expect(parseSummaryMeta('{')).toBeNull();
    expect(parseSummaryMeta(null)).toBeNull();
    expect(parseSummaryMeta('{"periodId":1}')).toBeNull();
  });

  it('fits a sheet to the grid, growing or shrinking it', () => {
    const ws = new Workspace();
    ws.installGlobals();
    try {
      const sheet = SpreadsheetApp.getActive().insertSheet('X');
      fitSheet(sheet, 30, 11);
      expect([sheet.getMaxRows(), sheet.getMaxColumns()]).toEqual([30, 11]);
      fitSheet(sheet, 1500, 12);
      expect([sheet.getMaxRows(), sheet.getMaxColumns()]).toEqual([1500, 12]);
    } finally {
      ws.uninstallGlobals();
    }
  });
});

/**
 * A plan of `taskCount` tasks (the seed's 13 shapes over and over) and `villageCount` villages.
 * The first `villageWide` tasks give their village groups ("Các thôn") to every village, as the
 * seed does; later copies keep their units but not the villages, so the assignments tab stays at
 * a size Sheets can hold and read in one run (every task still counts its quota over every village).
 */
function syntheticPlan(
  taskCount: number,
  villageCount: number,
  villageWide = 130,
) {
  const sample = DEFAULT_PLAN.units.find(u => u.kind === 'village') as Unit;
  const villages: Unit[] = Array.from({length: villageCount}, (_, i) => ({
    ...sample,
    code: `THON${String(i + 1).padStart(4, '0')}`,
    name: `Thôn ${i + 1}`,
    sample: false,
    note: '',
  }));
  const units = [
    ...DEFAULT_PLAN.units.filter(
      u => u.kind !== 'village' && u.kind !== 'front',
    ),
    ...villages,
  ];
  // Expanding the 13 seed tasks once and copying is the same as expanding every copy, and faster.
  const seed = expandPlan(DEFAULT_PLAN.tasks, units, DEFAULT_PLAN.groups);
  const tasks: Task[] = [];
  const assignments: Assignment[] = [];
  for (let i = 0; i < taskCount; i++) {
    const shape = DEFAULT_PLAN.tasks[i % 13];
    const tt = String(i + 1);
    tasks.push({...shape, tt});
    for (const a of seed.assignments) {
      if (a.tt !== shape.tt) continue;
      if (i >= villageWide && a.unitCode.startsWith('THON')) continue;
      const done = (i + a.unitCode.length) % 3 === 0;
      assignments.push({
        ...a,
        tt,
        id: `${tt}|${a.unitCode}|${a.role}`,
        progress: done ? 'done' : i % 2 ? 'in_progress' : 'not_started',
        completedOn: done ? '2025-08-20' : null,
        result: done ? `Kết quả nhiệm vụ ${tt}` : '',
        updatedAt: done ? '2025-08-20T09:00:00+07:00' : null,
      });
    }
  }
  // Every other village reports, answering the village tasks of the first copy of the seed.
  const villageReports: StoredVillageReport[] = villages
    .filter((_, i) => i % 2 === 0)
    .map((v, i) =>
      report(`r${i}`, 'KY1', v.code, '2025-08-30T10:00:00+07:00', [
        ['1', 'in_progress', null, 'Tuyên truyền'],
        ['5', i % 4 ? 'done' : 'in_progress', 1, 'Mô hình'],
        ['10', 'done', 1, 'Đối thoại'],
      ]),
    );
  return {tasks, units, assignments, villageReports};
}

interface Measure {
  tasks: number;
  villages: number;
  assignments: number;
  rows: number;
  /** Spreadsheet-service calls of the first build (new tab) and of a rebuild (same tab). */
  calls: number;
  rebuildCalls: number;
  /** Every counted call by method (row resizing merged: growing or shrinking is one call). */
  snapshot: Record<string, number>;
  rebuildSnapshot: Record<string, number>;
  buildMs: number;
  rebuildMs: number;
  /** Of which the pure computation (summary and grid). */
  computeMs: number;
}

function normalized(snapshot: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(snapshot)) {
    const key =
      k === 'Sheet.deleteRows' || k === 'Sheet.insertRowsAfter'
        ? 'Sheet.(resize rows)'
        : k;
    out[key] = (out[key] ?? 0) + v;
  }
  return out;
}

function measure(taskCount: number, villageCount: number): Measure {
  const plan = syntheticPlan(taskCount, villageCount);
  const at = new Date('2025-09-02T00:00:00Z');
  const ws = new Workspace({now: at});
  ws.installGlobals();
  try {
    ws.uncounted(() =>
      writePlanState(ws.activeSpreadsheet(), {
        settings: {},
        tasks: plan.tasks,
        units: plan.units,
        groups: DEFAULT_PLAN.groups,
        periods: DEFAULT_PLAN.periods,
        assignments: plan.assignments,
        villageReports: plan.villageReports,
      }),
    );
    const t0 = Date.now();
    const summary = computeSummary({
      settings: {
        commune: '',
        issuer: '',
        planTitle: '',
        planNumber: '',
        reportTo: '',
      },
      tasks: plan.tasks.map(t => ({
        ...t,
        timeline: parseTimeline(t.timelineText, {defaultYear: 2025}),
      })),
      units: plan.units,
      periods: DEFAULT_PLAN.periods,
      assignments: plan.assignments,
      villageReports: plan.villageReports,
      periodId: 'KY1',
      asOf: '2025-09-02T07:00:00+07:00',
    });
    const rows = summaryToGrid(summary).rows.length;
    const computeMs = Date.now() - t0;

    ws.calls.reset();
    let start = Date.now();
    const first = ws.run(ws.owner, () => buildSummaryFor('KY1', {at}));
    const buildMs = Date.now() - start;
    expect(first).toMatchObject({built: true, rows});
    const snapshot = ws.calls.snapshot();
    const calls = ws.calls.spreadsheetTotal();

    ws.calls.reset();
    start = Date.now();
    ws.run(ws.owner, () => buildSummaryFor('KY1', {at}));
    const rebuildMs = Date.now() - start;
    return {
      tasks: taskCount,
      villages: villageCount,
      assignments: plan.assignments.length,
      rows,
      calls,
      rebuildCalls: ws.calls.spreadsheetTotal(),
      snapshot,
      rebuildSnapshot: ws.calls.snapshot(),
      buildMs,
      rebuildMs,
      computeMs,
    };
  } finally {
    ws.uninstallGlobals();
  }
}

describe('the call budget of building a summary', () => {
  it('is the same for 13 tasks / 10 villages and 1,300 tasks / 1,000 villages', () => {
    const small = measure(13, 10);
    const large = measure(1300, 1000);
    const figures = [small, large].map(m => ({
      tasks: m.tasks,
      villages: m.villages,
      assignments: m.assignments,
      rows: m.rows,
      spreadsheetCalls: m.calls,
      rebuildSpreadsheetCalls: m.rebuildCalls,
      allCalls: Object.values(m.snapshot).reduce((a, b) => a + b, 0),
      buildMs: m.buildMs,
      rebuildMs: m.rebuildMs,
      computeMs: m.computeMs,
    }));
    console.log(
      `Summary build figures (emulator):\n${JSON.stringify(figures, null, 2)}`,
    );
    const out = join(__dirname, '../../test-output');
    mkdirSync(out, {recursive: true});
    writeFileSync(
      join(out, 'summary-scale.json'),
      JSON.stringify(figures, null, 2),
    );

    expect(large.assignments).toBeGreaterThan(30000);
    expect(large.rows).toBeGreaterThan(small.rows * 20);
    expect(large.calls).toBe(small.calls);
    expect(large.rebuildCalls).toBe(small.rebuildCalls);
    expect(normalized(large.snapshot)).toEqual(normalized(small.snapshot));
    expect(large.rebuildSnapshot).toEqual(small.rebuildSnapshot);
    // One write of the whole grid; reads are one per tab.
    expect(large.snapshot['Range.setValues']).toBe(
      small.snapshot['Range.setValues'],
    );
    // The look in one Sheets API batchUpdate (issue 15): 30 rebuild (the layout unchanged: widths,
    // merges, frozen row, tab colour and charts as the first build left them; was 35). The first
    // build adds the tab at its size and admin-only in one more batchUpdate, and its charts with
    // its look: 32 (was 53 with SpreadsheetApp's insertSheet, protection, sizing and charts; 73
    // with one SpreadsheetApp call per property).
    expect(large.calls).toBeLessThanOrEqual(32);
    expect(large.rebuildCalls).toBeLessThanOrEqual(30);
    expect(large.snapshot['Sheets.Spreadsheets.batchUpdate']).toBe(2);
    expect(large.rebuildSnapshot['Sheets.Spreadsheets.batchUpdate']).toBe(1);
  }, 300000);
});
