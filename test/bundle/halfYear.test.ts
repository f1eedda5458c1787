// Plays the seed plan's half-year (1/7–31/12/2025) day by day through dist/Code.js, firing dailyJob as Google would.
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {Workspace} from '../../emulator';
import type {SentMessage} from '../../emulator';
import {createVmContext, loadScript} from '../../emulator/vm';
import {unzipEntries} from '../../emulator/zip';
import {loadFormLinks} from '../../src/workbook/villageReports';
import {DEFAULT_PLAN} from '../../src/plan/defaultPlan';
import {SUMMARY_BLOCK_COLUMN} from '../../src/core/summaryBlock';
import {dateProblems} from '../support/dateScan';

const CODE = readFileSync(join(__dirname, '../../dist/Code.js'), 'utf8');
const ADMIN = 'quantri@daison.vn';
const QUIET = {log() {}, info() {}, warn() {}, error() {}};
const HOUR = 3600000;
const DAY = 24 * HOUR;

type SpreadsheetApp = GoogleAppsScript.Spreadsheet.SpreadsheetApp;

const email = (code: string) => `${code.toLowerCase()}@daison.vn`;

/** A village's prefilled link for a period, as "Tạo / cập nhật biểu mẫu báo cáo thôn" wrote it in "Liên kết biểu mẫu". */
function formLink(ws: Workspace, periodId: string, unitCode: string) {
  const link = ws
    .uncounted(() => loadFormLinks(ws.activeSpreadsheet()))
    .find(l => l.periodId === periodId && l.unitCode === unitCode);
  if (!link) throw new Error(`No form link for ${periodId} ${unitCode}`);
  return link;
}

/** 07:00 in Hà Nội (UTC+7) of a date, in ms. */
const sevenAm = (date: string) => Date.parse(`${date}T00:00:00Z`);

function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY)
    .toISOString()
    .slice(0, 10);
}

/** The seed workbook on 30/6/2025 with e-mails (Trường Mầm non has none), the admin, triggers on. */
function start(opts: {extraVillages?: number; quota?: number} = {}): Workspace {
  const ws = new Workspace({
    owner: ADMIN,
    now: '2025-06-30T02:00:00Z',
    spreadsheetName: 'Dân vận xã Đại Sơn',
  });
  const context = createVmContext(ws, {console: QUIET});
  loadScript(context, CODE);
  if (opts.quota !== undefined) ws.mail.dailyQuota = opts.quota;
  ws.callFunction(ADMIN, 'setupWorkbook');
  const SS = ws.globals().SpreadsheetApp as SpreadsheetApp;
  ws.run(ADMIN, () => {
    const ss = SS.getActive();
    const units = ss.getSheetByName('Đơn vị')!;
    const values = units.getDataRange().getValues();
    const head = values[0].map(String);
    const col = (h: string) => head.indexOf(h);
    for (let r = 1; r < values.length; r++) {
      const code = String(values[r][0]);
      values[r][col('Email (cách nhau bởi dấu phẩy)')] =
        code === 'TRUONG_MN' ? '' : email(code);
    }
    for (let i = 1; i <= (opts.extraVillages ?? 0); i++) {
      const code = `THONX${String(i).padStart(3, '0')}`;
      const row: unknown[] = head.map(() => '');
      row[col('Mã đơn vị')] = code;
      row[col('Tên đơn vị')] = `Thôn thêm ${i}`;
      row[col('Loại')] = 'Thôn';
      row[col('Nhóm (cách nhau bởi ;)')] = 'thôn';
      row[col('Email (cách nhau bởi dấu phẩy)')] = email(code);
      row[col('Đang hoạt động')] = 'Có';
      values.push(row);
    }
    units.getRange(1, 1, values.length, head.length).setValues(values);
    const settings = ss.getSheetByName('Cấu hình')!;
    const s = settings.getDataRange().getValues();
    s[s.findIndex(r => r[0] === 'adminEmails')][2] = ADMIN;
    settings.getRange(1, 1, s.length, s[0].length).setValues(s);
  });
  // Set-up again: the new e-mails get their edit rights and the extra villages their assignments.
  ws.addEditor(...['VHXH', 'VP', 'KT', 'TTVH', 'TTHCC'].map(email));
  ws.callFunction(ADMIN, 'setupWorkbook');
  ws.callFunction(ADMIN, 'installTriggers');
  return ws;
}

/** A unit saves one of its assignments through the sidebar's server functions, as its staff would. */
function save(
  ws: Workspace,
  unit: string,
  id: string,
  progress: string,
  completedOn: string | null,
  result: string,
) {
  const user = email(unit);
  const load = ws.scriptRun(user, 'sidebarLoad', [unit]) as {
    ok: boolean;
    assignments: {id: string; version: number; stamp: string}[];
  };
  expect(load.ok).toBe(true);
  pageTexts.push([
    `sidebar ${unit} ${ws.now().toISOString()}`,
    shownText(load),
  ]);
  const a = load.assignments.find(x => x.id === id)!;
  const saved = ws.scriptRun(user, 'sidebarSave', [
    {
      id,
      version: a.version,
      stamp: a.stamp,
      progress,
      completedOn,
      result,
      evidence: '',
      proposals: '',
    },
  ]) as {ok: boolean; message: string};
  expect([id, saved]).toEqual([id, expect.objectContaining({ok: true})]);
  pageTexts.push([`sidebar save ${id}`, saved.message]);
}

/** [where, text] of what the sidebar showed in the half-year (its server answers' texts). */
const pageTexts: Array<[string, string]> = [];

/** The strings of a server answer a page shows: not ids, links, or values that are wholly ISO data. */
function shownText(value: unknown): string {
  const out: string[] = [];
  const walk = (v: unknown, key: string) => {
    if (typeof v === 'string') {
      const data =
        /^(id|stamp|url|.*Url|.*Id)$/.test(key) ||
        /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.test(v);
      if (!data) out.push(v);
    } else if (Array.isArray(v)) v.forEach(x => walk(x, key));
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  walk(value, '');
  return out.join('\n');
}

/** The admin creates (or updates) the period's village form, as the menu item does for a chosen period. */
function createForms(ws: Workspace, periodId: string) {
  const made = ws.callFunction(ADMIN, 'createVillageForms', [periodId]) as {
    complete: boolean;
    problems: string[];
  };
  // The seed's sample villages are still in "Đơn vị": the only note is the reminder to replace them.
  expect([periodId, made.complete, made.problems]).toEqual([
    periodId,
    true,
    [
      'Danh sách thôn còn dữ liệu mẫu: thay bằng các thôn thật ở tab Đơn vị rồi chạy lại để cập nhật biểu mẫu.',
    ],
  ]);
}

/**
 * A village opens its prefilled link and submits the form: Google fires the installed form-submit
 * trigger and onVillageFormSubmit stores the response in "Báo cáo thôn".
 */
function villageReport(ws: Workspace, unitCode: string, periodId: string) {
  const link = formLink(ws, periodId, unitCode);
  const r = ws.submitForm(
    link.formId,
    {
      'Họ và tên người báo cáo': 'Trưởng thôn',
      'Số điện thoại liên hệ': '0912345678',
      'NV1 – Tình trạng thực hiện': 'Đang thực hiện',
      'NV5 – Tình trạng thực hiện': 'Đang thực hiện',
      'NV5 – Số lượng đã thực hiện (chỉ tiêu 1/thôn)': '1',
      'NV5 – Tên mô hình': 'Mô hình tuyến đường hoa',
      'NV8 – Tình trạng thực hiện': 'Đang thực hiện',
      'NV10 – Tình trạng thực hiện': 'Đang thực hiện',
      'NV11 – Tình trạng thực hiện': 'Đang thực hiện',
      ...ws.forms.prefilledAnswers(link.url),
    },
    ws.now(),
  );
  expect(r.runs.map(x => [x.ok, x.error, x.result])).toEqual([
    [true, undefined, expect.objectContaining({state: 'valid', unitCode})],
  ]);
}

interface Played {
  ws: Workspace;
  /** E-mails sent on each date by the trigger's run, in sending order. */
  byDay: Map<string, SentMessage[]>;
  /** Dates the daily trigger fired. */
  fired: string[];
}

/**
 * Plays from `from` to `to`: each day the clock trigger fires at 07:00 (unless the day is in
 * `skip`: Google did not run it), then that day's actions run at 10:00.
 */
function play(
  ws: Workspace,
  from: string,
  to: string,
  actions: Record<string, (ws: Workspace) => void> = {},
  skip: string[] = [],
  each?: (ws: Workspace, date: string, mails: SentMessage[]) => void,
): Played {
  const byDay = new Map<string, SentMessage[]>();
  const fired: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const daily = ws.triggers.find(t => t.handler === 'dailyJob')!;
    if (skip.includes(d)) daily.nextRun = sevenAm(addDays(d, 1));
    const before = ws.mail.outbox.length;
    const runs = ws.advance(sevenAm(d) + HOUR / 2 - ws.nowMs(), {
      runTriggers: true,
    });
    for (const r of runs) {
      expect(r.ok).toBe(true);
      fired.push(d);
    }
    byDay.set(d, ws.mail.outbox.slice(before));
    each?.(ws, d, ws.mail.outbox.slice(before));
    ws.advance(sevenAm(d) + 3 * HOUR - ws.nowMs());
    actions[d]?.(ws);
  }
  return {ws, byDay, fired};
}

function mailLog(
  ws: Workspace,
): {key: string; state: string; to: string; subject: string; at: Date}[] {
  const [, ...rows] = ws.sheetValues('Thư đã gửi');
  return rows.map(r => ({
    key: String(r[0]),
    at: r[1] as Date,
    to: String(r[2]),
    subject: String(r[3]),
    state: String(r[6]),
  }));
}

/** "to | subject" of each e-mail, sorted (the sending order is by urgency, tested on its own). */
const summary = (mails: SentMessage[]) =>
  mails.map(m => `${m.to} | ${m.subject}`).sort();
const sorted = (lines: string[]) => [...lines].sort();
const to = (mails: SentMessage[], code: string) =>
  mails.find(m => m.to === (code.includes('@') ? code : email(code)))!;

/** "units reported/units, villages reported/villages" as one place wrote them. */
type Figures = [number, number, number, number];
const figuresOf = (text: string, re: RegExp): Figures | null => {
  const m = re.exec(text.normalize('NFC').replace(/\s+/g, ' '));
  return m ? [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])] : null;
};
const STATUS_RE = /(\d+)\/(\d+) đơn vị, (\d+)\/(\d+) thôn đã báo cáo/;
const HEADLINE_RE = /(\d+)\/(\d+) đơn vị và (\d+)\/(\d+) thôn đã báo cáo/;
const TAB_RE =
  /(\d+)\/(\d+) đơn vị đã báo cáo trong kỳ; (\d+)\/(\d+) thôn đã gửi báo cáo/;

/** The period a day's figures are about: the first whose reporting date is not past. */
function currentPeriod(ws: Workspace, date: string): string | null {
  const [head, ...rows] = ws.sheetValues('Kỳ báo cáo');
  const id = head.indexOf('Mã kỳ');
  const due = head.indexOf('Hạn báo cáo');
  // Dates come from the script's realm: not instances of this realm's Date.
  const iso = (v: unknown) =>
    new Date((v as Date).getTime() + 7 * HOUR).toISOString().slice(0, 10);
  const open = rows
    .map(r => ({id: String(r[id]), due: iso(r[due])}))
    .filter(p => p.id && p.due >= date)
    .sort((a, b) => a.due.localeCompare(b.due));
  return open[0]?.id ?? null;
}

/** What each place said on one day: the status mail, the summary mail, the tab, the exports. */
interface DayFigures {
  date: string;
  periodId: string;
  statusMail: Figures | null;
  summaryMail: Figures | null;
  tab: Figures | null;
  draftReport: Figures | null;
  xlsx: Figures | null;
}

describe('the half-year, day by day', () => {
  let played: Played;
  let repeat: {
    mailsBefore: number;
    mailsAfter: number;
    logBefore: number;
    logAfter: number;
    result: {steps: {ok: boolean}[]};
  };

  const days: DayFigures[] = [];
  /** [where, text] of what people read: tabs as shown, exports, pages' texts (mails are in the outbox). */
  const rendered: Array<[string, string]> = [];

  /**
   * After each morning's run: the admin builds the current period's summary; on a day the status or
   * summary mail went out, also exports it (saved on Drive, not mailed, so the outbox stays the jobs').
   */
  const record = (w: Workspace, date: string, mails: SentMessage[]) => {
    const periodId = currentPeriod(w, date);
    if (!periodId) return;
    const status = mails.find(
      m => m.to === ADMIN && m.subject.includes('Tình hình báo cáo'),
    );
    const summaryMail = mails.find(m =>
      m.subject.startsWith('[Dân vận] Tổng hợp'),
    );
    w.callFunction(ADMIN, 'buildSummary', [periodId], {ui: false});
    const tab = w
      .sheetValues(`Tổng hợp ${periodId}`)
      .flat()
      .map(String)
      .join('\n');
    let draftReport: Figures | null = null;
    let xlsx: Figures | null = null;
    if (status || summaryMail) {
      const r = w.callFunction(ADMIN, 'exportSummary', [periodId], {
        ui: false,
      }) as {files: {kind: string; driveId?: string}[]};
      const id = (kind: string) => r.files.find(f => f.kind === kind)!.driveId!;
      const docText = w.drive.documentText(id('doc'));
      draftReport = figuresOf(docText, HEADLINE_RE);
      const strings = unzipEntries(w.drive.bytes(id('xlsx')))
        .map(e => e.data.toString('utf8'))
        .join('\n');
      xlsx = figuresOf(strings, TAB_RE);
      // What a person reads that day: the tab as shown, the exports, the export's own report.
      const shown = w.run(ADMIN, () => {
        const SS = w.globals().SpreadsheetApp as SpreadsheetApp;
        return SS.getActive()
          .getSheetByName(`Tổng hợp ${periodId}`)!
          .getDataRange()
          .getDisplayValues();
      });
      // The tab as people read it: the grid left of the city's machine-readable block (ISO there).
      const grid = shown.map(row => row.slice(0, SUMMARY_BLOCK_COLUMN - 1));
      // The workbook's cells and sheets, not its docProps (ISO 8601 metadata by the format).
      const sheets = unzipEntries(w.drive.bytes(id('xlsx')))
        .filter(e => e.name.startsWith('xl/'))
        .map(e => e.data.toString('utf8'))
        .join('\n');
      const report = r as unknown as {
        message: string;
        headline: string;
        asOfText: string;
        warnings: string[];
      };
      rendered.push(
        [`${date} tab Tổng hợp ${periodId}`, grid.flat().join('\n')],
        [`${date} draft report`, docText],
        [`${date} xlsx`, sheets.replace(/<[^>]*>/g, ' ')],
        [
          `${date} export report`,
          [
            report.message,
            report.headline,
            report.asOfText,
            ...report.warnings,
          ].join('\n'),
        ],
      );
    }
    days.push({
      date,
      periodId,
      statusMail: status ? figuresOf(status.subject, STATUS_RE) : null,
      summaryMail: summaryMail
        ? figuresOf(summaryMail.body, HEADLINE_RE)
        : null,
      tab: figuresOf(tab, TAB_RE),
      draftReport,
      xlsx,
    });
  };

  beforeAll(() => {
    const ws = start();
    // Exports are kept on Drive (the app's folder) and not e-mailed.
    ws.run(ADMIN, () => {
      const SS = ws.globals().SpreadsheetApp as SpreadsheetApp;
      const settings = SS.getActive().getSheetByName('Cấu hình')!;
      const v = settings.getDataRange().getValues();
      v[v.findIndex(r => r[0] === 'emailExports')][2] = 'Không';
      v[v.findIndex(r => r[0] === 'exportFolder')][2] = 'Tự tạo';
      settings.getRange(1, 1, v.length, v[0].length).setValues(v);
    });
    played = play(
      ws,
      '2025-07-01',
      '2025-12-31',
      {
        // The admin creates kỳ 1's village form: the prefilled links go into "Liên kết biểu mẫu".
        '2025-07-01': w => createForms(w, 'KY1'),
        // Phòng VH-XH finishes task 7 the day after its 3-day reminder.
        '2025-08-28': w =>
          save(
            w,
            'VHXH',
            '7|VHXH|lead',
            'done',
            '2025-08-28',
            'Đã ban hành Quy chế dân chủ ở cơ sở',
          ),
        // Văn phòng starts task 13 (it reports for the period) on the day the trigger misses.
        '2025-08-29': w =>
          save(
            w,
            'VP',
            '13|VP|lead',
            'in_progress',
            null,
            'Đang tổ chức ký cam kết',
          ),
        // Two villages report for kỳ 1.
        '2025-08-30': w => {
          villageReport(w, 'THON01', 'KY1');
          villageReport(w, 'THON02', 'KY1');
        },
        // Phòng Kinh tế reports every item for kỳ 1.
        '2025-09-01': w => {
          save(
            w,
            'KT',
            '1|KT|lead',
            'in_progress',
            null,
            'Đã phổ biến văn bản',
          );
          save(w, 'KT', '3|KT|lead', 'in_progress', null, 'Đang triển khai');
          save(
            w,
            'KT',
            '4|KT|lead',
            'in_progress',
            null,
            'Đã công khai quý III',
          );
          save(w, 'KT', '8|KT|support', 'in_progress', null, 'Đang phối hợp');
          save(
            w,
            'KT',
            '12|KT|support',
            'in_progress',
            null,
            'Đã rà soát thủ tục lĩnh vực kinh tế',
          );
          save(w, 'KT', '13|KT|support', 'done', '2025-09-01', 'Đã ký cam kết');
        },
        // The admin runs the job again by hand the same day.
        '2025-09-02': w => {
          const mailsBefore = w.mail.outbox.length;
          const logBefore = mailLog(w).length;
          const result = w.callFunction(ADMIN, 'dailyJob', [], {
            ui: false,
          }) as typeof repeat.result;
          repeat = {
            mailsBefore,
            mailsAfter: w.mail.outbox.length,
            logBefore,
            logAfter: mailLog(w).length,
            result,
          };
        },
        // Kỳ 1 is past: the admin creates kỳ 2's village form.
        '2025-09-04': w => createForms(w, 'KY2'),
        // Task 2 finished on its due date.
        '2025-09-05': w =>
          save(
            w,
            'VHXH',
            '2|VHXH|lead',
            'done',
            '2025-09-05',
            'Đã tổ chức sơ kết',
          ),
        // Văn phòng finishes the dialogues (task 10) before 30/11.
        '2025-11-28': w =>
          save(
            w,
            'VP',
            '10|VP|lead',
            'done',
            '2025-11-28',
            'Đã đối thoại ở 5 thôn',
          ),
        '2025-12-01': w => villageReport(w, 'THON03', 'KY2'),
      },
      ['2025-08-29'],
      record,
    );
  });

  it('every figure of who reported agrees, each day: status mail, summary mail, summary tab and exports', () => {
    expect(days.length).toBeGreaterThan(150);
    for (const d of days) {
      expect([d.date, d.tab]).toEqual([d.date, expect.any(Array)]);
      const said = [d.statusMail, d.summaryMail, d.draftReport, d.xlsx];
      for (const f of said) {
        if (f)
          expect([d.date, d.periodId, f]).toEqual([d.date, d.periodId, d.tab]);
      }
      // Exports were made whenever a mail with figures went out.
      if (d.statusMail || d.summaryMail) {
        expect([d.date, d.draftReport, d.xlsx]).toEqual([d.date, d.tab, d.tab]);
      }
    }
    // The days with mails: both kỳ's status mails and summary mails were compared.
    expect(days.filter(d => d.statusMail).map(d => d.date)).toEqual([
      '2025-09-02',
      '2025-12-02',
    ]);
    expect(days.filter(d => d.summaryMail).length).toBeGreaterThanOrEqual(4);
    // Villages are counted once: 8 units and 5 villages.
    expect(days.find(d => d.date === '2025-09-02')!.tab).toEqual([1, 8, 2, 5]);
  });

  it('writes every date dd/MM/yyyy and the date before the time, in mails, the summary tab, the exports and the sidebar', () => {
    // The plan's own words ("Xong trước 05/9/2025") are shown as the commune wrote them.
    const verbatim = JSON.stringify(DEFAULT_PLAN)
      .match(/"(?:[^"\\]|\\.)*"/g)!
      .map(q => JSON.parse(q) as string);
    const texts: Array<[string, string]> = [
      ...played.ws.mail.outbox.flatMap((m): Array<[string, string]> => [
        [`mail ${m.to} ${m.subject}`, m.subject],
        [`mail ${m.to} ${m.subject} (text)`, m.body],
        [`mail ${m.to} ${m.subject} (html)`, m.htmlBody ?? ''],
      ]),
      ...rendered,
      ...pageTexts,
    ];
    expect(texts.length).toBeGreaterThan(200);
    const problems = texts.flatMap(([where, text]) =>
      dateProblems(text, verbatim).map(p => `${where}: ${p}`),
    );
    expect(problems).toEqual([]);
  });

  it('fires the daily job once a day at 07:00, except the day Google missed', () => {
    expect(played.fired).toHaveLength(184 - 1);
    expect(played.fired).not.toContain('2025-08-29');
    expect(new Set(played.fired).size).toBe(played.fired.length);
  });

  it('sends nothing twice over the whole half-year', () => {
    const sent = mailLog(played.ws).filter(r => r.state === 'Đã gửi');
    const keys = sent.map(r => r.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(mailLog(played.ws).filter(r => r.state !== 'Đã gửi')).toEqual([]);
    // Every e-mail in the outbox is in the log, and each run sends one reminder e-mail per recipient.
    const loggedSubjects = new Set(sent.map(r => `${r.to}|${r.subject}`));
    for (const m of played.ws.mail.outbox)
      expect(loggedSubjects.has(`${m.to}|${m.subject}`)).toBe(true);
    for (const [day, mails] of played.byDay) {
      const tos = mails
        .filter(m => !m.subject.startsWith('[Dân vận] Tổng hợp'))
        .map(m => m.to);
      expect([day, new Set(tos).size]).toEqual([day, tos.length]);
    }
    // Kỳ 1 and kỳ 2 reach every reachable unit and every village that had not reported, three times.
    const stages = (prefix: string) =>
      keys.filter(k => k.startsWith(prefix)).map(k => k.slice(-2));
    expect(stages('period:KY1:unit:TTVH:')).toEqual(['d7', 'd3', 'd1']);
    expect(stages('period:KY2:unit:TTVH:')).toEqual(['d7', 'd3', 'd1']);
    expect(stages('village:KY1:THON01:')).toEqual(['d7']);
    expect(stages('village:KY1:THON05:')).toEqual(['d7', 'd3', 'd1']);
    expect(
      keys.some(k => k.includes('TRUONG_MN') && !k.startsWith('copy:')),
    ).toBe(false);
  });

  it('27/8: kỳ 1 reminders to every unit and village 7 days ahead, task 7 in 3 days; task 13 (7-day stage sent 24/8) not again', () => {
    const mails = played.byDay.get('2025-08-27')!;
    const kyOne = 'nhắc báo cáo, hạn 03/09/2025 (còn 7 ngày)';
    expect(summary(mails)).toEqual(
      sorted([
        `vhxh@daison.vn | [Dân vận] Phòng Văn hóa - Xã hội: 1 nhiệm vụ sắp đến hạn; ${kyOne}`,
        `vp@daison.vn | [Dân vận] Văn phòng HĐND & UBND xã: 1 nhiệm vụ sắp đến hạn; ${kyOne}`,
        `kt@daison.vn | [Dân vận] Phòng Kinh tế: ${kyOne}`,
        `thon01@daison.vn | [Dân vận] Thôn mẫu 1: ${kyOne}`,
        `thon02@daison.vn | [Dân vận] Thôn mẫu 2: ${kyOne}`,
        `thon03@daison.vn | [Dân vận] Thôn mẫu 3: ${kyOne}`,
        `thon04@daison.vn | [Dân vận] Thôn mẫu 4: ${kyOne}`,
        `thon05@daison.vn | [Dân vận] Thôn mẫu 5: ${kyOne}`,
        `tthcc@daison.vn | [Dân vận] Trung tâm Phục vụ hành chính công: ${kyOne}`,
        `ttvh@daison.vn | [Dân vận] Trung tâm Văn hóa, Thể thao và Truyền thông: ${kyOne}`,
        `truong_thcs@daison.vn | [Dân vận] Trường THCS (mẫu): ${kyOne}`,
        `truong_th@daison.vn | [Dân vận] Trường Tiểu học (mẫu): ${kyOne}`,
        'quantri@daison.vn | [Dân vận] Bản sao 2 thư nhắc hạn',
      ]),
    );
    // Sent most urgent first (task 7 due in 3 days), the admin's e-mail last on the quota kept for it.
    expect(mails.slice(0, 2).map(m => m.to)).toEqual([
      'vhxh@daison.vn',
      'vp@daison.vn',
    ]);
    expect(mails[mails.length - 1].to).toBe(ADMIN);
    const vhxh = to(mails, 'VHXH');
    expect(vhxh).toMatchObject({
      name: 'Phòng Văn hóa - Xã hội - UBND xã Đại Sơn',
      replyTo: ADMIN,
      from: ADMIN,
    });
    expect(vhxh.body).toContain(
      '  - Nhiệm vụ 7 (chủ trì): Xây dựng, sửa đổi, bổ sung Quy chế dân chủ ở cơ sở — hạn 30/08/2025 — tình trạng: Chưa thực hiện — còn 3 ngày',
    );
    expect(vhxh.body).toContain(
      'Kỳ 1 (báo cáo trước 03/09/2025) — hạn báo cáo 03/09/2025 (còn 7 ngày)',
    );
    expect(vhxh.body).toContain(
      'Các phân công chưa hoàn thành hoặc chưa báo cáo trong kỳ (9):',
    );
    expect(vhxh.htmlBody).toContain(
      `<a href="${played.ws.activeSpreadsheet().getUrl()}">bảng tính theo dõi</a>`,
    );
    const village = to(mails, 'THON03');
    expect(village.htmlBody).toContain(
      `href="${formLink(played.ws, 'KY1', 'THON03').url.replace(/&/g, '&amp;')}"`,
    );
    expect(village.body).toContain(
      `Mở biểu mẫu báo cáo: <${formLink(played.ws, 'KY1', 'THON03').url}>`,
    );
    const admin = to(mails, ADMIN);
    expect(admin.body).toContain(
      '  - Văn phòng HĐND & UBND xã — Nhiệm vụ 7 (phối hợp):',
    );
  });

  it("30/8: catches up the day Google missed (task 7 last call, task 2 seven days) with task 13's one-day stage", () => {
    const mails = played.byDay.get('2025-08-30')!;
    expect(summary(mails)).toEqual(
      sorted([
        'vp@daison.vn | [Dân vận] Văn phòng HĐND & UBND xã: 3 nhiệm vụ sắp đến hạn',
        'kt@daison.vn | [Dân vận] Phòng Kinh tế: 1 nhiệm vụ sắp đến hạn',
        'vhxh@daison.vn | [Dân vận] Phòng Văn hóa - Xã hội: 2 nhiệm vụ sắp đến hạn',
        'tthcc@daison.vn | [Dân vận] Trung tâm Phục vụ hành chính công: 1 nhiệm vụ sắp đến hạn',
        'ttvh@daison.vn | [Dân vận] Trung tâm Văn hóa, Thể thao và Truyền thông: 1 nhiệm vụ sắp đến hạn',
        'truong_thcs@daison.vn | [Dân vận] Trường THCS (mẫu): 1 nhiệm vụ sắp đến hạn',
        'truong_th@daison.vn | [Dân vận] Trường Tiểu học (mẫu): 1 nhiệm vụ sắp đến hạn',
        'quantri@daison.vn | [Dân vận] Bản sao 11 thư nhắc hạn',
      ]),
    );
    const vp = to(mails, 'VP').body;
    expect(vp).toMatch(
      /Nhiệm vụ 7 \(phối hợp\): .* — hạn 30\/08\/2025 — tình trạng: Chưa thực hiện — hạn cuối là hôm nay/,
    );
    expect(vp).toMatch(
      /Nhiệm vụ 2 \(phối hợp\): .* — hạn 05\/09\/2025 — tình trạng: Chưa thực hiện — còn 6 ngày/,
    );
    expect(vp).toMatch(
      /Nhiệm vụ 13 \(chủ trì\): .* — hạn 31\/08\/2025 — tình trạng: Đang thực hiện trong hạn — còn 1 ngày/,
    );
    // Phòng VH-XH finished task 7 on 28/8: no last call for it.
    expect(to(mails, 'VHXH').body).not.toContain('Nhiệm vụ 7');
    // The admin's copy names the school that has no e-mail.
    expect(to(mails, ADMIN).body).toContain(
      'Trường Mầm non (mẫu) — Nhiệm vụ 13',
    );
    expect(to(mails, ADMIN).body).toContain(
      '(đơn vị chưa có email, cần nhắc trực tiếp)',
    );
  });

  it('31/8: three days before kỳ 1, only to villages that have not reported; task 7 overdue for Văn phòng', () => {
    const mails = played.byDay.get('2025-08-31')!;
    const kyOne = 'nhắc báo cáo, hạn 03/09/2025 (còn 3 ngày)';
    expect(summary(mails)).toEqual(
      sorted([
        `vp@daison.vn | [Dân vận] Văn phòng HĐND & UBND xã: 1 nhiệm vụ quá hạn; ${kyOne}`,
        `kt@daison.vn | [Dân vận] Phòng Kinh tế: ${kyOne}`,
        `vhxh@daison.vn | [Dân vận] Phòng Văn hóa - Xã hội: ${kyOne}`,
        `thon03@daison.vn | [Dân vận] Thôn mẫu 3: ${kyOne}`,
        `thon04@daison.vn | [Dân vận] Thôn mẫu 4: ${kyOne}`,
        `thon05@daison.vn | [Dân vận] Thôn mẫu 5: ${kyOne}`,
        `tthcc@daison.vn | [Dân vận] Trung tâm Phục vụ hành chính công: ${kyOne}`,
        `ttvh@daison.vn | [Dân vận] Trung tâm Văn hóa, Thể thao và Truyền thông: ${kyOne}`,
        `truong_thcs@daison.vn | [Dân vận] Trường THCS (mẫu): ${kyOne}`,
        `truong_th@daison.vn | [Dân vận] Trường Tiểu học (mẫu): ${kyOne}`,
        'quantri@daison.vn | [Dân vận] Bản sao 1 thư nhắc hạn',
      ]),
    );
    expect(to(mails, 'VP').body).toMatch(
      /Nhiệm vụ 7 \(phối hợp\): .* tình trạng: Chưa thực hiện quá hạn — quá hạn 1 ngày/,
    );
    // Văn phòng reported task 13 on 29/8: listed as in progress, no "chưa báo cáo trong kỳ".
    expect(to(mails, 'VP').body).toMatch(
      /Nhiệm vụ 13 \(chủ trì\): .* — tình trạng: Đang thực hiện trong hạn\n/,
    );
  });

  it("2/9: the last call before kỳ 1, task 2 in three days, and the admin's list of who has reported", () => {
    const mails = played.byDay
      .get('2025-09-02')!
      .filter(m => !m.subject.startsWith('[Dân vận] Tổng hợp'));
    const kyOne = 'nhắc báo cáo, hạn 03/09/2025 (còn 1 ngày)';
    expect(summary(mails)).toEqual(
      sorted([
        `kt@daison.vn | [Dân vận] Phòng Kinh tế: ${kyOne}`,
        `vhxh@daison.vn | [Dân vận] Phòng Văn hóa - Xã hội: 1 nhiệm vụ sắp đến hạn; ${kyOne}`,
        `thon03@daison.vn | [Dân vận] Thôn mẫu 3: ${kyOne}`,
        `thon04@daison.vn | [Dân vận] Thôn mẫu 4: ${kyOne}`,
        `thon05@daison.vn | [Dân vận] Thôn mẫu 5: ${kyOne}`,
        `tthcc@daison.vn | [Dân vận] Trung tâm Phục vụ hành chính công: ${kyOne}`,
        `ttvh@daison.vn | [Dân vận] Trung tâm Văn hóa, Thể thao và Truyền thông: ${kyOne}`,
        `truong_thcs@daison.vn | [Dân vận] Trường THCS (mẫu): ${kyOne}`,
        `truong_th@daison.vn | [Dân vận] Trường Tiểu học (mẫu): ${kyOne}`,
        `vp@daison.vn | [Dân vận] Văn phòng HĐND & UBND xã: 1 nhiệm vụ sắp đến hạn; ${kyOne}`,
        'quantri@daison.vn | [Dân vận] Tình hình báo cáo hạn 03/09/2025: 1/8 đơn vị, 2/5 thôn đã báo cáo; bản sao 2 thư nhắc hạn',
      ]),
    );
    // Phòng Kinh tế reported everything on 1/9: only its unfinished dated work is left, marked as reported.
    const kt = to(mails, 'KT').body;
    expect(kt).toContain(
      'Các phân công chưa hoàn thành hoặc chưa báo cáo trong kỳ (2):',
    );
    expect(kt).not.toContain('chưa báo cáo trong kỳ\n');
    const eve = to(mails, ADMIN).body;
    expect(eve).toContain(
      'Tình hình báo cáo Kỳ 1 (báo cáo trước 03/09/2025) — hạn 03/09/2025 (ngày mai)',
    );
    expect(eve).toContain('Đơn vị đã báo cáo đủ: 1/8 — Phòng Kinh tế');
    expect(eve).toContain('Đơn vị chưa báo cáo đủ: 7');
    // Văn phòng reported task 13 on 29/8; task 10 (from 1/9) counts in kỳ 1 too.
    expect(eve).toContain(
      '  - Văn phòng HĐND & UBND xã — đã báo cáo 1/9 phân công; còn nhiệm vụ 1, 2, 6, 7, 8, 10, 11, 12\n',
    );
    // Phòng VH-XH reported task 7 (done on 28/8).
    expect(eve).toContain(
      '  - Phòng Văn hóa - Xã hội — đã báo cáo 1/9 phân công; còn nhiệm vụ 1, 2, 3, 6, 8, 9, 10, 13\n',
    );
    expect(eve).toContain(
      '  - Trường Mầm non (mẫu) — đã báo cáo 0/4 phân công; còn nhiệm vụ 1, 8, 9, 13 (chưa có email, cần nhắc trực tiếp)',
    );
    expect(eve).toContain('Thôn đã báo cáo: 2/5 — Thôn mẫu 1, Thôn mẫu 2');
    expect(eve).toContain(
      'Thôn chưa báo cáo: 3 — Thôn mẫu 3, Thôn mẫu 4, Thôn mẫu 5',
    );
    expect(eve).toContain('  - Trường Mầm non (mẫu) — chưa có email');
  });

  it('2/9: running the job again the same day sends nothing', () => {
    expect(repeat.mailsAfter).toBe(repeat.mailsBefore);
    expect(repeat.logAfter).toBe(repeat.logBefore);
    expect(repeat.mailsBefore).toBeGreaterThan(0);
    expect(repeat.result.steps.every(s => s.ok)).toBe(true);
  });

  it("3/9 and 5/9: nothing from the reminders on the reporting date nor on task 2's due date", () => {
    const mine = (d: string) =>
      played.byDay
        .get(d)!
        .filter(m => !m.subject.startsWith('[Dân vận] Tổng hợp'));
    expect(summary(mine('2025-09-03'))).toEqual([]);
    expect(summary(mine('2025-09-05'))).toEqual([]);
  });

  it('6/9: task 2 overdue only for Văn phòng (Phòng VH-XH finished it on its due date)', () => {
    const mails = played.byDay.get('2025-09-06')!;
    expect(summary(mails)).toEqual(
      sorted([
        'vp@daison.vn | [Dân vận] Văn phòng HĐND & UBND xã: 1 nhiệm vụ quá hạn',
        'quantri@daison.vn | [Dân vận] Bản sao 1 thư nhắc hạn',
      ]),
    );
    expect(to(mails, 'VP').body).toMatch(
      /Nhiệm vụ 2 \(phối hợp\): .* — hạn 05\/09\/2025 — tình trạng: Chưa thực hiện quá hạn — quá hạn 1 ngày/,
    );
  });

  it('30/11: three days before kỳ 2; task 7 still overdue for Văn phòng (weekly), task 10 done before its due date', () => {
    const mails = played.byDay.get('2025-11-30')!;
    const kyTwo = 'nhắc báo cáo, hạn 03/12/2025 (còn 3 ngày)';
    expect(summary(mails)).toEqual(
      sorted([
        `vp@daison.vn | [Dân vận] Văn phòng HĐND & UBND xã: 1 nhiệm vụ quá hạn; ${kyTwo}`,
        `kt@daison.vn | [Dân vận] Phòng Kinh tế: ${kyTwo}`,
        `vhxh@daison.vn | [Dân vận] Phòng Văn hóa - Xã hội: ${kyTwo}`,
        `thon01@daison.vn | [Dân vận] Thôn mẫu 1: ${kyTwo}`,
        `thon02@daison.vn | [Dân vận] Thôn mẫu 2: ${kyTwo}`,
        `thon03@daison.vn | [Dân vận] Thôn mẫu 3: ${kyTwo}`,
        `thon04@daison.vn | [Dân vận] Thôn mẫu 4: ${kyTwo}`,
        `thon05@daison.vn | [Dân vận] Thôn mẫu 5: ${kyTwo}`,
        `tthcc@daison.vn | [Dân vận] Trung tâm Phục vụ hành chính công: ${kyTwo}`,
        `ttvh@daison.vn | [Dân vận] Trung tâm Văn hóa, Thể thao và Truyền thông: ${kyTwo}`,
        `truong_thcs@daison.vn | [Dân vận] Trường THCS (mẫu): ${kyTwo}`,
        `truong_th@daison.vn | [Dân vận] Trường Tiểu học (mẫu): ${kyTwo}`,
        'quantri@daison.vn | [Dân vận] Bản sao 1 thư nhắc hạn',
      ]),
    );
    expect(to(mails, 'VP').body).toMatch(
      /Nhiệm vụ 7 \(phối hợp\): .* — quá hạn 92 ngày/,
    );
    expect(to(mails, 'VP').body).toContain(
      'Kỳ 2 (báo cáo trước 03/12/2025) — hạn báo cáo 03/12/2025 (còn 3 ngày)',
    );
    expect(to(mails, 'THON01').body).toContain(
      `Mở biểu mẫu báo cáo: <${formLink(played.ws, 'KY2', 'THON01').url}>`,
    );
  });

  it("2/12 and 3/12: the last call before kỳ 2 and the admin's list; nothing on the reporting date", () => {
    const mails = played.byDay
      .get('2025-12-02')!
      .filter(m => !m.subject.startsWith('[Dân vận] Tổng hợp'));
    const kyTwo = 'nhắc báo cáo, hạn 03/12/2025 (còn 1 ngày)';
    expect(summary(mails)).toEqual(
      sorted([
        `kt@daison.vn | [Dân vận] Phòng Kinh tế: ${kyTwo}`,
        `vhxh@daison.vn | [Dân vận] Phòng Văn hóa - Xã hội: ${kyTwo}`,
        `thon01@daison.vn | [Dân vận] Thôn mẫu 1: ${kyTwo}`,
        `thon02@daison.vn | [Dân vận] Thôn mẫu 2: ${kyTwo}`,
        `thon04@daison.vn | [Dân vận] Thôn mẫu 4: ${kyTwo}`,
        `thon05@daison.vn | [Dân vận] Thôn mẫu 5: ${kyTwo}`,
        `tthcc@daison.vn | [Dân vận] Trung tâm Phục vụ hành chính công: ${kyTwo}`,
        `ttvh@daison.vn | [Dân vận] Trung tâm Văn hóa, Thể thao và Truyền thông: ${kyTwo}`,
        `truong_thcs@daison.vn | [Dân vận] Trường THCS (mẫu): ${kyTwo}`,
        `truong_th@daison.vn | [Dân vận] Trường Tiểu học (mẫu): ${kyTwo}`,
        `vp@daison.vn | [Dân vận] Văn phòng HĐND & UBND xã: ${kyTwo}`,
        'quantri@daison.vn | [Dân vận] Tình hình báo cáo hạn 03/12/2025: 0/8 đơn vị, 1/5 thôn đã báo cáo',
      ]),
    );
    expect(to(mails, ADMIN).body).toContain(
      'Thôn đã báo cáo: 1/5 — Thôn mẫu 3',
    );
    const onTheDay = played.byDay
      .get('2025-12-03')!
      .filter(m => !m.subject.startsWith('[Dân vận] Tổng hợp'));
    expect(summary(onTheDay)).toEqual([]);
  });

  it("keeps the sheet's status labels current every day", () => {
    const [head, ...rows] = played.ws.sheetValues('Phân công');
    const at = (id: string, col: string) =>
      rows.find(r => r[0] === id)![head.indexOf(col)];
    expect(at('2|VP|support', 'Tình trạng')).toBe('Chưa thực hiện quá hạn');
    expect(at('2|VHXH|lead', 'Tình trạng')).toBe('Đã hoàn thành đúng hạn');
    expect(at('4|KT|lead', 'Tình trạng hạn')).toBe('Sắp đến hạn');
    expect(at('10|VP|lead', 'Tình trạng')).toBe('Đã hoàn thành đúng hạn');
  });
});

describe('a commune with 155 villages on a 100-a-day mail quota', () => {
  let played: Played;

  beforeAll(() => {
    const ws = start({extraVillages: 150, quota: 100});
    played = play(ws, '2025-08-20', '2025-09-05', {
      // The admin creates kỳ 1's village form a week before the first reminders.
      '2025-08-20': w => createForms(w, 'KY1'),
      // A few of the extra villages report on 28/8: their deferred reminders are no longer needed.
      '2025-08-28': w =>
        ['THONX001', 'THONX002', 'THONX003'].forEach(v =>
          villageReport(w, v, 'KY1'),
        ),
    });
  });

  it('never sends more than the quota in a day, and the quota is never exceeded', () => {
    for (const [day, mails] of played.byDay) {
      const recipients = mails.reduce((n, m) => n + m.recipients, 0);
      expect([day, recipients <= 100]).toEqual([day, true]);
    }
    expect(played.byDay.get('2025-08-27')!.length).toBe(100);
    // The daily job's runs (the form-submit trigger's runs, checked as each village submits, have no steps).
    const runs = played.ws.triggerRuns
      .filter(r => r.trigger.handler === 'dailyJob')
      .map(
        r => r.result as {steps: {name: string; ok: boolean; error?: string}[]},
      );
    for (const r of runs)
      for (const s of r.steps)
        expect([s.name, s.ok, s.error]).toEqual([s.name, true, undefined]);
  });

  it('defers what does not fit, most urgent first, and sends it on the following days: nothing is dropped', () => {
    const log = mailLog(played.ws);
    const sent = new Set(log.filter(r => r.state === 'Đã gửi').map(r => r.key));
    const deferred = new Set(
      log.filter(r => r.state === 'Hoãn').map(r => r.key),
    );
    expect(deferred.size).toBeGreaterThan(50);
    const reported = ['THONX001', 'THONX002', 'THONX003'];
    const dropped = [...deferred].filter(k => !sent.has(k));
    // Only the villages that reported meanwhile were not reminded any more.
    expect(
      dropped.filter(k => !reported.some(v => k.includes(`:${v}:`))),
    ).toEqual([]);
    // Every other village got each stage of kỳ 1 exactly once, on its day or the day after.
    const sentRows = log.filter(r => r.state === 'Đã gửi');
    for (let i = 4; i <= 150; i++) {
      const code = `THONX${String(i).padStart(3, '0')}`;
      const mine = sentRows.filter(r =>
        r.key.startsWith(`village:KY1:${code}:`),
      );
      expect([code, mine.map(r => r.key.slice(-2))]).toEqual([
        code,
        ['d7', 'd3', 'd1'],
      ]);
    }
    // Deferred reminders never pass the more urgent ones: overdue and due-date items always went first.
    const dueRows = sentRows.filter(
      r => r.key.startsWith('due:') || r.key.startsWith('overdue:'),
    );
    expect(dueRows.length).toBeGreaterThan(20);
    expect(dueRows.filter(r => deferred.has(r.key)).map(r => r.key)).toEqual(
      [],
    );
  });

  it('tells the admin once a day what waits for the next run', () => {
    for (const [day, mails] of played.byDay) {
      const notices = mails.filter(
        m => m.to === ADMIN && m.body.includes('thư chưa gửi được hôm nay'),
      );
      expect([day, notices.length <= 1]).toEqual([day, true]);
    }
    const first = played.byDay.get('2025-08-27')!.find(m => m.to === ADMIN)!;
    expect(first.subject).toContain('thông báo gửi thư ngày 27/08/2025');
    expect(first.body).toMatch(
      /\d+ thư chưa gửi được hôm nay vì đã hết hạn mức gửi thư trong ngày của Google \(còn lại 0 người nhận\)/,
    );
    // The admin's own e-mail is never the one left out.
    for (const day of ['2025-08-27', '2025-08-31', '2025-09-02']) {
      expect(played.byDay.get(day)!.some(m => m.to === ADMIN)).toBe(true);
    }
  });
});
