// The city's "Xuất tổng hợp toàn thành phố" through dist/Code.js: PDF and .xlsx files of the roll-up tab, saved and mailed; no commune workbook written.
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import ExcelJS from 'exceljs';
import type {Workspace} from '../../emulator';
import {spreadsheetToJson} from '../../emulator/spreadsheet/model';
import {ky1Input, ky2Input} from '../core/summaryFixture';
import {
  cityWorkbook,
  communeWorkbook,
  type Commune,
} from '../support/cityWorkbooks';
import {flat, pdfText} from '../support/pdfText';

const code = readFileSync(join(__dirname, '../../dist/Code.js'), 'utf8');
const CITY = 'sonoivu@haiphong.gov.vn';
const LEADER = 'lanhdao@haiphong.gov.vn';
const TAB = 'Tổng hợp toàn thành phố KY1';
const BASE = 'Tổng hợp toàn thành phố KY1 (04-09-2025)';

type Built = {totals: Record<string, number>};

const commune = (
  seed: string,
  name: string,
  state: ReturnType<typeof ky1Input>,
  share: boolean,
  builtAt: string,
): {c: Commune; built: Built} => {
  const c = communeWorkbook(code, {
    seed,
    name,
    state,
    shareWith: share ? CITY : null,
    now: '2025-09-01T01:00:00Z',
  });
  c.ws.setNow(builtAt);
  const built = c.ws.callFunction(c.admin, 'buildSummary', ['KY1'], {
    ui: false,
  }) as Built;
  return {c, built};
};

const snapshot = (c: Commune) => ({
  sheet: JSON.stringify(spreadsheetToJson(c.ws.boundSpreadsheet)),
  drive: JSON.stringify(c.ws.drive.toJSON()),
});

describe('city export (bundle)', () => {
  let a: {c: Commune; built: Built};
  let b: {c: Commune; built: Built};
  let d: {c: Commune; built: Built};
  let city: Workspace;
  let result: {
    ok: boolean;
    files: Array<{kind: string; name: string; url: string}>;
    emailedTo: string[];
    message: string;
  };
  let before: ReturnType<typeof snapshot>[];
  let tab: string[][];

  beforeAll(() => {
    a = commune('daison', 'Đại Sơn', ky1Input(), true, '2025-09-02T00:00:00Z');
    b = commune('tanan', 'Tân An', ky2Input(), true, '2025-09-04T00:00:00Z');
    d = commune('anlao', 'An Lão', ky1Input(), false, '2025-09-02T00:00:00Z');
    const all = [a.c, b.c, d.c];
    city = cityWorkbook(code, all, all, {
      owner: CITY,
      now: '2025-09-04T01:00:00Z',
      settings: {issuer: 'Sở Nội vụ thành phố Hải Phòng', leaderEmails: LEADER},
    });
    before = all.map(snapshot);
    city.callFunction(CITY, 'cityRollup', [], {ui: false});
    tab = city.uncounted(() =>
      city
        .activeSpreadsheet()
        .getSheetByName(TAB)!
        .getRange(
          1,
          1,
          city.activeSpreadsheet().getSheetByName(TAB)!.getLastRow(),
          12,
        )
        .getDisplayValues(),
    );
    result = city.callFunction(CITY, 'exportCityRollup', [], {
      ui: false,
    }) as typeof result;
  }, 120000);

  const file = (kind: string) => {
    const f = result.files.find(x => x.kind === kind)!;
    const [stored] = city.drive.byName(f.name);
    expect(stored).toBeDefined();
    return city.drive.bytes(stored.id);
  };

  it('saves a PDF and an .xlsx of the roll-up tab, as the commune export does, and mails them to the leaders', () => {
    expect(result.ok).toBe(true);
    expect(result.files.map(f => [f.kind, f.name])).toEqual([
      ['pdf', `${BASE}.pdf`],
      ['xlsx', `${BASE}.xlsx`],
    ]);
    for (const f of result.files) expect(f.url).toMatch(/^https:\/\//);
    expect(result.emailedTo).toContain(LEADER);
    const mail = city.mail.outbox.find(m => m.subject === `[Dân vận] ${BASE}`)!;
    expect(mail.attachments.map(x => x.name)).toEqual([
      `${BASE}.pdf`,
      `${BASE}.xlsx`,
    ]);
    expect(mail.body).toContain(result.files[0].url);
  });

  it('the PDF holds the roll-up’s figures: each commune’s standing and counts, the city totals', () => {
    const pdf = file('pdf');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = flat(
      pdfText(pdf)
        .pages.map(p => p.text)
        .join('\n'),
    );
    expect(text).toContain('TỔNG HỢP TOÀN THÀNH PHỐ');
    const row = (name: string) => tab.find(r => r[1] === name)!;
    for (const [name, standing, built] of [
      ['Đại Sơn', 'Đã báo cáo đúng hạn', a.built],
      ['Tân An', 'Đã báo cáo muộn', b.built],
    ] as const) {
      const r = row(name);
      expect(r[2]).toBe(standing);
      // The tab's figures are the commune summary's own …
      expect(Number(r[4])).toBe(built.totals.tasks);
      expect(r[8]).toBe(`${built.totals.unitsReported}/${built.totals.units}`);
      // … and the PDF prints the row as the tab shows it.
      expect(text).toContain(
        flat([r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9]].join(' ')),
      );
    }
    expect(row('An Lão')[2]).toBe('Chưa đọc được');
    expect(text).toContain('An Lão Chưa đọc được');
    const total = row('Toàn thành phố');
    expect(total[2]).toBe('2/3 đã báo cáo');
    expect(Number(total[4])).toBe(a.built.totals.tasks + b.built.totals.tasks);
    expect(text).toContain(flat(total.slice(1, 10).join(' ')));
  });

  it('the .xlsx holds exactly the tab’s cells (columns A–L)', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file('xlsx') as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet.name).toBe(TAB);
    const cells: string[][] = [];
    for (let r = 1; r <= tab.length; r++) {
      const row: string[] = [];
      for (let c = 1; c <= 12; c++) {
        const cell = sheet.getRow(r).getCell(c);
        // A merged range holds its text in its first cell, as the tab does.
        const v = cell.isMerged && cell.master !== cell ? '' : cell.value;
        row.push(v === null || v === undefined ? '' : String(v));
      }
      cells.push(row);
    }
    expect(cells).toEqual(tab);
    expect(sheet.rowCount).toBeLessThanOrEqual(tab.length);
  });

  it('never writes a commune workbook, nor a commune’s Drive', () => {
    expect([a.c, b.c, d.c].map(snapshot)).toEqual(before);
  });
});
