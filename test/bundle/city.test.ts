// The city roll-up through dist/Code.js: several commune projects and a city project on one emulated Drive.
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {Workspace} from '../../emulator';
import {spreadsheetToJson} from '../../emulator/spreadsheet/model';
import {CITY_READS} from '../../src/workbook/cityTabs';
import {ky1Input, ky2Input} from '../core/summaryFixture';
import {
  cityWorkbook,
  communeWorkbook,
  type Commune,
} from '../support/cityWorkbooks';

const code = readFileSync(join(__dirname, '../../dist/Code.js'), 'utf8');
const CITY = 'sonoivu@haiphong.gov.vn';
const LEADER = 'lanhdao@haiphong.gov.vn';

/** A commune's own project: its workbook set up, given a plan state, optionally shared with the city. */
const commune = (
  seed: string,
  name: string,
  state: ReturnType<typeof ky1Input> | null,
  share: boolean,
): Commune =>
  communeWorkbook(code, {
    seed,
    name,
    state,
    shareWith: share ? CITY : null,
    now: '2025-09-01T01:00:00Z',
  });

type Built = {
  counts: Array<{label: string; count: number}>;
  totals: Record<string, number>;
};
const build = (c: Commune, iso: string): Built => {
  c.ws.setNow(iso);
  return c.ws.callFunction(c.admin, 'buildSummary', ['KY1']) as Built;
};

const cityWorkspace = (communes: Commune[], rows: Commune[]): Workspace =>
  cityWorkbook(code, communes, rows, {
    owner: CITY,
    now: '2025-09-04T01:00:00Z',
    settings: {issuer: 'Sở Nội vụ thành phố Hải Phòng', leaderEmails: LEADER},
  });

const snapshot = (c: Commune) =>
  JSON.stringify(spreadsheetToJson(c.ws.boundSpreadsheet));

const rollupRows = (ws: Workspace) =>
  ws.sheetValues('Tổng hợp toàn thành phố KY1').map(r => r.slice(0, 12));

describe('city roll-up (bundle)', () => {
  let a: Commune;
  let b: Commune;
  let c: Commune;
  let d: Commune;
  let e: Commune;
  let builtA: Built;
  let builtB: Built;

  beforeAll(() => {
    a = commune('daison', 'Đại Sơn', ky1Input(), true);
    b = commune('tanan', 'Tân An', ky2Input(), true);
    c = commune('hoabinh', 'Hòa Bình', ky1Input(), true);
    d = commune('anlao', 'An Lão', ky1Input(), false);
    e = commune('kienthuy', 'Kiến Thụy', ky1Input(), true);
    builtA = build(a, '2025-09-02T00:00:00Z'); // on time (due 03/09)
    builtB = build(b, '2025-09-04T00:00:00Z'); // after the due date: late
    build(d, '2025-09-02T00:00:00Z'); // built but not shared
    build(e, '2025-09-02T00:00:00Z');
    // Kiến Thụy's tab as an older version wrote it: the grid only, no block.
    e.ws.uncounted(() => {
      const sheet = e.ws.activeSpreadsheet().getSheetByName('Tổng hợp KY1')!;
      sheet.deleteColumns(12, sheet.getMaxColumns() - 11);
    });
  });

  it('rolls three communes at different stages up into their summaries’ exact figures; the others are listed with their reason', () => {
    const all = [a, b, c, d, e];
    const city = cityWorkspace(all, all);
    const before = all.map(snapshot);
    const result = city.callFunction(CITY, 'cityRollup') as {
      finished: boolean;
      totals: Record<string, unknown>;
      mailed: string[];
    };
    expect(result.finished).toBe(true);

    // A commune's workbook is read, never written.
    expect(all.map(snapshot)).toEqual(before);
    expect(city.calls.get('SpreadsheetApp.openById')).toBe(5);

    const rows = rollupRows(city);
    const row = (name: string) => rows.find(r => r[1] === name)!;
    const done = (x: Built) =>
      x.counts
        .filter(k => k.label.startsWith('Đã hoàn thành'))
        .reduce((n, k) => n + k.count, 0);
    const late = (x: Built) =>
      x.counts
        .filter(k =>
          ['Đang thực hiện quá hạn', 'Chưa thực hiện quá hạn'].includes(
            k.label,
          ),
        )
        .reduce((n, k) => n + k.count, 0);
    for (const [x, built, standing] of [
      [a, builtA, 'Đã báo cáo đúng hạn'],
      [b, builtB, 'Đã báo cáo muộn'],
    ] as const) {
      const t = built.totals;
      expect(row(x.name).slice(2, 10)).toEqual([
        standing,
        expect.any(String),
        t.tasks,
        done(built),
        late(built),
        t.assignmentsOverdue,
        `${t.unitsReported}/${t.units}`,
        `${t.villagesReported}/${t.villages}`,
      ]);
      expect(String(row(x.name)[11])).toContain(x.url);
    }
    expect(row('Hòa Bình').slice(2, 3)).toEqual(['Chưa báo cáo']);
    expect(row('Hòa Bình')[11]).toContain('chưa lập tổng hợp');
    expect(row('An Lão')[2]).toBe('Chưa đọc được');
    expect(row('An Lão')[11]).toContain('chưa chia sẻ bảng tính');
    expect(row('Kiến Thụy')[2]).toBe('Chưa đọc được');
    expect(row('Kiến Thụy')[11]).toContain('mẫu cũ');

    // City totals: the sum of what was read, nothing guessed for the others.
    const total = rows.find(r => r[1] === 'Toàn thành phố')!;
    expect(total[2]).toBe('2/5 đã báo cáo');
    expect(total[4]).toBe(builtA.totals.tasks + builtB.totals.tasks);
    expect(total[7]).toBe(
      builtA.totals.assignmentsOverdue + builtB.totals.assignmentsOverdue,
    );
    const statusRows = rows.filter(r =>
      builtA.counts.some(k => k.label === r[1]),
    );
    for (const k of builtA.counts) {
      const other = builtB.counts.find(x => x.label === k.label)!.count;
      expect(statusRows.find(r => r[1] === k.label)![2]).toBe(k.count + other);
    }
    // Communes to chase: every one not reported on time, with its reason.
    const chaseTitle = rows.findIndex(r =>
      String(r[0]).includes('CẦN ĐÔN ĐỐC'),
    );
    const chase = rows.slice(chaseTitle + 2).map(r => r[1]);
    expect(chase).toEqual(['Tân An', 'Hòa Bình', 'An Lão', 'Kiến Thụy']);

    // Charts on the roll-up tab; the digest mail went to the leaders once.
    const sheet = city.boundSpreadsheet.sheets.find(
      s => s.name === 'Tổng hợp toàn thành phố KY1',
    )!;
    expect(sheet.charts).toHaveLength(2);
    expect(result.mailed).toContain(LEADER);
    const digest = city.mail.outbox.filter(m =>
      /toàn thành phố/.test(m.subject),
    );
    expect(digest).toHaveLength(1);
    expect(digest[0].htmlBody).toContain('Xã, phường cần đôn đốc (4)');
    expect(digest[0].htmlBody).not.toMatch(/<svg/i);

    // The same day again: nothing is read twice, no second mail.
    city.callFunction(CITY, 'cityRollup');
    expect(city.calls.get('SpreadsheetApp.openById')).toBe(5);
    expect(
      city.mail.outbox.filter(m => /toàn thành phố/.test(m.subject)),
    ).toHaveLength(1);

    // The next day: a new round rebuilds the tab in place (same tab, same charts).
    const id = sheet.id;
    const tabs = city.boundSpreadsheet.sheets.length;
    const chartIds = sheet.charts.map(x => x.id);
    c.ws.setNow('2025-09-05T00:00:00Z');
    build(c, '2025-09-05T00:00:00Z');
    city.advanceDays(1);
    city.callFunction(CITY, 'cityRollup');
    expect(city.calls.get('SpreadsheetApp.openById')).toBe(10);
    expect(city.boundSpreadsheet.sheets.length).toBe(tabs);
    const again = city.boundSpreadsheet.sheets.find(
      s => s.name === 'Tổng hợp toàn thành phố KY1',
    )!;
    expect(again.id).toBe(id);
    expect(again.charts.map(x => x.id)).toEqual(chartIds);
    expect(rollupRows(city).find(r => r[1] === 'Hòa Bình')![2]).toBe(
      'Đã báo cáo muộn',
    );
    expect(all.map(snapshot).filter((_s, i) => i !== 2)).toEqual(
      before.filter((_s, i) => i !== 2),
    );
  });

  it('a long list is read in time-budgeted runs continued by a one-off trigger, each commune once', () => {
    // 40 rows over the five workbooks; every openById takes 10 s of modelled time.
    build(c, '2025-09-05T00:00:00Z'); // Hòa Bình has reported (late) by now
    const list = Array.from({length: 40}, (_, i) => [a, b, c, d, e][i % 5]);
    const city = cityWorkspace([a, b, c, d, e], list);
    city.setCallLatency(key => (key === 'SpreadsheetApp.openById' ? 10000 : 0));
    const first = city.callFunction(CITY, 'cityRollup') as {
      read: number;
      continued: boolean;
      finished: boolean;
    };
    expect(first.continued).toBe(true);
    expect(first.finished).toBe(false);
    expect(first.read).toBe(27); // 4.5 minutes at 10 s each
    const pending = city.triggers.filter(
      t => t.handler === 'cityRollupContinue',
    );
    expect(pending).toHaveLength(1);
    city.advanceMinutes(2, {runTriggers: true});
    expect(city.calls.get('SpreadsheetApp.openById')).toBe(40);
    expect(
      city.triggers.filter(t => t.handler === 'cityRollupContinue'),
    ).toHaveLength(0);
    const reads = city.sheetValues(CITY_READS.name).slice(1);
    expect(reads.map(r => r[1])).toEqual(list.map((_, i) => i));
    const rows = rollupRows(city);
    const total = rows.find(r => r[1] === 'Toàn thành phố')!;
    expect(total[2]).toBe(`${8 * 3}/40 đã báo cáo`);
  });
});
