// exportSummary against the emulator: real PDF, .xlsx and draft report files, Drive under drive.file, e-mail, scopes, call budget.
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import {Workspace} from '../../emulator';
import {documentTables, tableCells} from '../../emulator/documents';
import {FOLDER_MIME, GOOGLE_DOC_MIME} from '../../emulator/drive';
import {unzipEntries} from '../../emulator/zip';
import {createVmContext, loadScript} from '../../emulator/vm';
import * as main from '../../src/app/main';
import {runSetup} from '../../src/app/setup';
import {EXPORT_FOLDERS_KEY} from '../../src/app/export/appFolder';
import type {ExportReport} from '../../src/core/exportReport';
import {APPENDIX_HEADER, REPORT_SECTIONS} from '../../src/core/reportDoc';
import {computeSummary, type SummaryInput} from '../../src/core/summary';
import {summaryToGrid} from '../../src/core/summaryGrid';
import type {Assignment, Task} from '../../src/core/types';
import {DEFAULT_PLAN} from '../../src/plan/defaultPlan';
import {HISTORY} from '../../src/workbook/schema';
import {ky1Input, SETTINGS} from '../core/summaryFixture';
import {writePlanState} from './summaryWorkbook';
import {flat, pdfText} from '../support/pdfText';
import {SUMMARY_WIDTH} from '../../src/core/summaryGrid';
import {
  parseBlock,
  SUMMARY_BLOCK_COLUMN,
  SUMMARY_BLOCK_WIDTH,
} from '../../src/core/summaryBlock';

/** The summary grid's part of a summary tab (columns A–K; the city block and charts sit to the right). */
function tabValues(name: string): unknown[][] {
  return ws.sheetValues(name).map(r => r.slice(0, SUMMARY_WIDTH));
}

const OWNER = 'owner@xa.gov.vn';
const ADMIN = 'admin@xa.gov.vn';
const LEADERS = ['chutich@xa.gov.vn', 'pct@xa.gov.vn'];
const STAFF = 'kt@xa.gov.vn';
const NOW = '2025-09-02T00:00:00Z'; // 07:00 in Hà Nội: kỳ 1 is current
const RECIPIENTS = [
  'Sở Nội vụ thành phố;',
  'TT Đảng ủy xã;',
  'Chủ tịch, các PCT UBND xã;',
  'Lưu: VT, VHXH.',
];

const SETTING_CELLS: Record<string, string> = {
  commune: SETTINGS.commune,
  issuer: SETTINGS.issuer,
  parentBody: 'UBND THÀNH PHỐ HẢI PHÒNG',
  planTitle:
    'Triển khai thực hiện công tác dân vận chính quyền 6 tháng cuối năm 2025 trên địa bàn xã Đại Sơn',
  planNumber: SETTINGS.planNumber,
  reportTo: SETTINGS.reportTo,
  signerName: 'Đào Văn Soái',
  signerTitle: 'Chủ tịch',
  place: 'Đại Sơn',
  adminEmails: ADMIN,
  leaderEmails: LEADERS.join(', '),
  exportFolder: '',
  emailExports: 'Có',
  recipients: RECIPIENTS.join('\n'),
};

beforeAll(() => {
  jest.useFakeTimers({
    now: new Date(NOW),
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
});
afterAll(() => jest.useRealTimers());

jest.setTimeout(120000);

let ws: Workspace;
afterEach(() => ws?.uninstallGlobals());

function makeWorkspace(
  settings: Record<string, string> = {},
  input: SummaryInput = ky1Input(),
): Workspace {
  ws = new Workspace({
    owner: OWNER,
    now: NOW,
    spreadsheetName: 'Dân vận Đại Sơn',
  });
  jest.setSystemTime(new Date(NOW));
  ws.installGlobals();
  ws.setFunctions(main as unknown as Record<string, unknown>);
  ws.addEditor(ADMIN, STAFF);
  ws.run(OWNER, () => runSetup(DEFAULT_PLAN));
  ws.uncounted(() =>
    writePlanState(ws.activeSpreadsheet(), {
      settings: {...SETTING_CELLS, ...settings},
      tasks: input.tasks.map(t => ({...t, dueOverride: t.dueOverride ?? null})),
      units: input.units,
      periods: input.periods,
      assignments: input.assignments,
      villageReports: input.villageReports,
    }),
  );
  return ws;
}

const exportAs = (user: string, periodId?: string) =>
  ws.callFunction(
    user,
    'exportSummary',
    periodId === undefined ? [] : [periodId],
  ) as ExportReport;

const fileOf = (report: ExportReport, kind: string) => {
  const f = report.files.find(x => x.kind === kind);
  if (!f) throw new Error(`no ${kind} in ${JSON.stringify(report.files)}`);
  return f;
};

function attachment(name: string): Buffer {
  for (const m of ws.mail.outbox) {
    const a = m.attachments.find(x => x.name === name);
    if (a?.data) return Buffer.from(a.data, 'base64');
  }
  throw new Error(`no attachment ${name}`);
}

/** Kỳ 1 with the settings the tests write (the plan title shows in the summary's header). */
function ky1(): SummaryInput {
  const input = ky1Input();
  return {
    ...input,
    settings: {...input.settings, planTitle: SETTING_CELLS.planTitle},
  };
}

const expectedGrid = (input: SummaryInput = ky1()) =>
  summaryToGrid(computeSummary(input));

describe('exportSummary for kỳ 1 (e-mail only, as the default settings say)', () => {
  let report: ExportReport;
  beforeAll(() => {
    jest.setSystemTime(new Date(NOW));
    makeWorkspace();
    expect(ws.callFunction(OWNER, 'buildSummary', ['KY1'])).toMatchObject({
      built: true,
    });
    ws.calls.reset();
    ws.ui.promptAnswers.push({button: 'OK', text: ''});
    report = exportAs(ADMIN);
  });
  afterAll(() => ws.uninstallGlobals());

  it('reports the three files, the e-mail and no Drive folder', () => {
    expect(report).toMatchObject({
      ok: true,
      periodId: 'KY1',
      sheetName: 'Tổng hợp KY1',
      asOf: '2025-09-02T07:00:00+07:00',
      asOfText: '02/09/2025 07:00',
      rebuilt: false,
      folder: null,
      warnings: [],
    });
    expect(report.files.map(f => f.kind)).toEqual(['pdf', 'xlsx', 'doc']);
    expect(fileOf(report, 'pdf').name).toBe('Tổng hợp KY1 (02-09-2025).pdf');
    expect(fileOf(report, 'xlsx').name).toBe('Tổng hợp KY1 (02-09-2025).xlsx');
    expect(fileOf(report, 'doc')).toMatchObject({
      name: 'Dự thảo báo cáo KY1 (02-09-2025)',
      mimeType: GOOGLE_DOC_MIME,
    });
    expect(fileOf(report, 'doc').url).toMatch(
      /^https:\/\/docs\.google\.com\/document\/d\/[\w-]+\/edit/,
    );
    expect(report.emailedTo).toEqual([ADMIN, ...LEADERS]);
    // The prompt proposed the current period.
    expect(ws.ui.of('prompt')[0].prompt).toContain('để trống để xuất kỳ KY1');
  });

  it('e-mails the PDF and the .xlsx, with the draft report’s link, to the admin and the leaders', () => {
    expect(ws.mail.outbox).toHaveLength(1);
    const m = ws.mail.outbox[0];
    expect(m.to.split(',')).toEqual([ADMIN, ...LEADERS]);
    expect(m.subject).toBe(
      '[Dân vận] Tổng hợp KY1 - Kỳ 1 (báo cáo trước 03/09/2025) (số liệu đến 02/09/2025 07:00)',
    );
    expect(m.attachments.map(a => [a.name, a.contentType])).toEqual([
      ['Tổng hợp KY1 (02-09-2025).pdf', 'application/pdf'],
      [
        'Tổng hợp KY1 (02-09-2025).xlsx',
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      ],
    ]);
    const doc = fileOf(report, 'doc');
    expect(m.body).toContain(doc.url as string);
    expect(m.htmlBody).toContain(`href="${doc.url}"`);
    expect(m.body).toContain('13 nhiệm vụ');
    expect(m.name).toBe('Phòng Văn hóa - Xã hội - UBND xã Đại Sơn');
  });

  it('the PDF is a real, readable A4 landscape PDF of the summary tab, headers repeated, diacritics intact', () => {
    const pdf = attachment('Tổng hợp KY1 (02-09-2025).pdf');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const read = pdfText(pdf);
    expect(read.pages.length).toBeGreaterThan(1);
    for (const p of read.pages) {
      // A4 landscape: 842 × 595 pt.
      expect(Math.round(p.width)).toBe(842);
      expect(Math.round(p.height)).toBe(595);
    }
    const all = flat(read.pages.map(p => p.text).join('\n'));
    const grid = expectedGrid();
    expect(all).toContain(flat(String(grid.rows[0][0]))); // the title
    expect(all).toContain('Phòng Văn hóa - Xã hội');
    expect(all).toContain('Tình hình chung: 13 nhiệm vụ');
    for (const s of grid.sections) expect(all).toContain(flat(s.title));
    // Every task row: its number and the first words of its text.
    const tasks = grid.sections.find(s => s.key === 'tasks');
    expect(tasks).toBeDefined();
    for (let r = tasks!.firstRow; r <= tasks!.lastRow; r++) {
      const words = flat(String(grid.rows[r - 1][1]))
        .split(' ')
        .slice(0, 4)
        .join(' ');
      expect(all).toContain(words);
    }
    // The first page is not left mostly blank (a tall task row splits across pages instead of
    // jumping whole to the next): it holds at least 60 % of the text of an average inner page.
    const inner = read.pages.slice(1, -1).map(p => flat(p.text).length);
    const average = inner.reduce((a, b) => a + b, 0) / inner.length;
    expect(flat(read.pages[0].text).length).toBeGreaterThan(0.6 * average);
    // The task table's heading is repeated on every page the table runs onto.
    const taskPages = read.pages.filter(p =>
      flat(p.text).includes('Kết quả thực hiện của các đơn vị'),
    );
    expect(taskPages.length).toBeGreaterThan(1);
    for (const p of taskPages)
      expect(flat(p.text)).toContain('II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ');
    // Page numbers in the footer.
    expect(all).toContain(`Trang 1/${read.pages.length}`);
  });

  it('the .xlsx is a real zip that Excel readers open, holding exactly the tab’s cells', async () => {
    const xlsx = attachment('Tổng hợp KY1 (02-09-2025).xlsx');
    const parts = unzipEntries(xlsx).map(e => e.name);
    expect(parts).toEqual(
      expect.arrayContaining([
        '[Content_Types].xml',
        '_rels/.rels',
        'xl/workbook.xml',
        'xl/worksheets/sheet1.xml',
        'xl/styles.xml',
        'xl/sharedStrings.xml',
      ]),
    );
    const sheetXml = unzipEntries(xlsx)
      .find(e => e.name === 'xl/worksheets/sheet1.xml')!
      .data.toString('utf8');
    expect(sheetXml).toContain('state="frozen"');
    expect(sheetXml).toContain('orientation="landscape"');
    expect(sheetXml).not.toContain('<f>'); // no formulas, ever
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Tổng hợp KY1');
    expect(sheet).toBeDefined();
    const grid = expectedGrid();
    const cells: (string | number)[][] = [];
    for (let r = 1; r <= grid.rows.length; r++) {
      const row: (string | number)[] = [];
      for (let c = 1; c <= grid.width; c++) {
        const cell = sheet!.getCell(r, c);
        // A merged block's other cells read as its first cell's value: the file holds them empty.
        const v = cell.type === ExcelJS.ValueType.Merge ? null : cell.value;
        row.push(v === null || v === undefined ? '' : (v as string | number));
      }
      cells.push(row);
    }
    expect(cells).toEqual(grid.rows);
    // The user's "=Kế hoạch số 12" is text in the file too.
    expect(cells.flat().some(v => String(v).includes('=Kế hoạch số 12'))).toBe(
      true,
    );
    expect(sheet!.getCell(1, 1).font?.bold).toBe(true);
    expect(sheet!.getColumn(8).width).toBeCloseTo(grid.widths[7] / 7, 0);
  });

  it('the draft report is a Google Doc in the layout of NĐ 30/2020 with the appendix table', () => {
    const doc = fileOf(report, 'doc');
    const file = ws.drive.file(doc.driveId as string);
    expect(file).toMatchObject({
      mimeType: GOOGLE_DOC_MIME,
      parents: ['root'],
      owner: ADMIN,
    });
    const text = ws.drive.documentText(doc.driveId as string);
    const lines = text.split('\n');
    // Header: issuing body, number; quốc hiệu, tiêu ngữ, place and date.
    expect(lines[0]).toContain('UBND THÀNH PHỐ HẢI PHÒNG');
    expect(lines[0]).toContain('UBND XÃ ĐẠI SƠN');
    expect(lines[0]).toContain('Số: …/BC-UBND');
    expect(lines[0]).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(lines[0]).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(lines[0]).toContain('Đại Sơn, ngày … tháng 9 năm 2025');
    expect(lines).toContain('BÁO CÁO');
    expect(lines).toContain(
      'Kết quả thực hiện công tác dân vận chính quyền 6 tháng cuối năm 2025 trên địa bàn xã Đại Sơn (Kỳ 1, báo cáo trước 03/09/2025)',
    );
    // The five sections, in order.
    const at = REPORT_SECTIONS.map(s => lines.indexOf(s));
    expect(at.every(i => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    // Section II covers every task; section V gathers the villages' proposals.
    expect(text).toContain('5. Xây dựng Mô hình dân vận khéo');
    expect(text).toContain('Chỉ tiêu 1/thôn: đạt');
    expect(text).toContain('Thôn mẫu 1: Hỗ trợ kinh phí duy trì mô hình.');
    // The signature block and "Nơi nhận" from the settings.
    expect(text).toContain('TM. ỦY BAN NHÂN DÂN');
    expect(text).toContain('CHỦ TỊCH');
    expect(text).toContain('Đào Văn Soái');
    expect(text).toContain('Nơi nhận:');
    for (const r of RECIPIENTS) expect(text).toContain(`- ${r}`);
    // The appendix: its table has the heading row and the 13 tasks, on landscape pages.
    expect(lines).toContain('PHỤ LỤC');
    const tables = documentTables(ws.drive.document(doc.driveId as string));
    const appendix = tableCells(tables[tables.length - 1]);
    expect(appendix[0]).toEqual([...APPENDIX_HEADER]);
    expect(appendix.slice(1).map(r => r[0])).toEqual(
      DEFAULT_PLAN.tasks.map(t => t.tt),
    );
    expect(tables[tables.length - 1].headerRows).toBe(1);
    const sections = ws.drive.document(doc.driveId as string).sections;
    expect(sections.map(s => s.landscape)).toEqual([false, true]);
    expect(ws.drive.document(doc.driveId as string).fontFamily).toBe(
      'Times New Roman',
    );
  });

  it('the .docx behind the Doc opens in an independent reader (mammoth) with the same text', async () => {
    const doc = fileOf(report, 'doc');
    const docx = ws.drive.bytes(doc.driveId as string);
    const {value} = await mammoth.extractRawText({buffer: docx});
    const text = flat(value);
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('BÁO CÁO');
    for (const s of REPORT_SECTIONS) expect(text).toContain(s);
    expect(text).toContain('PHỤ LỤC');
  });

  it('the PDF and the draft report show the figures: bar tables in the PDF, the tab’s charts as pictures in the .docx', async () => {
    const all = flat(
      pdfText(attachment('Tổng hợp KY1 (02-09-2025).pdf'))
        .pages.map(p => p.text)
        .join('\n'),
    );
    expect(all).toContain('Nhiệm vụ theo tình trạng (13 nhiệm vụ)');
    expect(all).toMatch(/Đơn vị: \d+\/\d+ đã báo cáo; tỷ lệ đúng hạn/);
    const doc = fileOf(report, 'doc');
    const docx = ws.drive.bytes(doc.driveId as string);
    const entries = unzipEntries(docx);
    const media = entries.filter(e => e.name.startsWith('word/media/'));
    expect(media.map(e => e.name)).toEqual([
      'word/media/chart1.png',
      'word/media/chart2.png',
      'word/media/chart3.png',
    ]);
    // The very images of the summary tab's charts.
    const charts = ws.uncounted(() =>
      ws.activeSpreadsheet().getSheetByName('Tổng hợp KY1')!.getCharts(),
    );
    media.forEach((e, i) =>
      expect(Buffer.from(e.data)).toEqual(
        Buffer.from(
          charts[i]
            .getAs('image/png')
            .getBytes()
            .map(b => b & 0xff),
        ),
      ),
    );
    const xml = (name: string) =>
      Buffer.from(entries.find(e => e.name === name)!.data).toString('utf8');
    expect(xml('word/document.xml').match(/<w:drawing>/g)).toHaveLength(3);
    expect(xml('word/document.xml')).toContain('r:embed="rIdImg1"');
    expect(xml('word/_rels/document.xml.rels')).toContain(
      'Target="media/chart1.png"',
    );
    expect(xml('[Content_Types].xml')).toContain('Extension="png"');
    const {value} = await mammoth.extractRawText({buffer: docx});
    expect(flat(value)).toContain(
      'Biểu đồ 1. Nhiệm vụ theo tình trạng thực hiện',
    );
  });

  it('the tab’s block carries the exported files’ links, for the city', () => {
    const values = ws.uncounted(() => {
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
    const read = parseBlock(values, 'KY1');
    expect(read.ok && read.block.files).toEqual([
      {
        kind: 'doc',
        name: 'Dự thảo báo cáo KY1 (02-09-2025)',
        url: fileOf(report, 'doc').url,
      },
    ]);
  });

  it('records a history row and shows the admin a dialog with the links', () => {
    const history = ws.sheetValues(HISTORY.name);
    const last = history[history.length - 1];
    expect(last[2]).toBe('Xuất tổng hợp');
    expect(last[3]).toBe('Tổng hợp KY1');
    expect(String(last[last.length - 1])).toContain(`Gửi email: ${ADMIN}`);
    const dialog = ws.ui.of('modal').pop();
    expect(dialog?.title).toBe('Xuất tổng hợp KY1');
    expect(dialog?.html).toContain(fileOf(report, 'doc').url as string);
    expect(dialog?.html).toContain('Đã gửi email tới');
  });

  it('stays within a small, fixed budget of service calls', () => {
    const calls = ws.calls.snapshot();
    expect(calls['Drive.Files.create']).toBe(1);
    expect(calls['MailApp.sendEmail']).toBe(1);
    expect(calls['Utilities.zip']).toBe(2);
    expect(calls['Blob.getAs']).toBe(1);
  });
});

/** The plan with `extra` more tasks, each copied from the seed with its assignments. */
function biggerInput(extra: number): SummaryInput {
  const input = ky1Input();
  const tasks = [...input.tasks];
  const assignments: Assignment[] = [...input.assignments];
  for (let i = 0; i < extra; i++) {
    const from = input.tasks[i % input.tasks.length];
    const tt = String(input.tasks.length + i + 1);
    tasks.push({...from, tt} as Task & typeof from);
    for (const a of input.assignments.filter(x => x.tt === from.tt)) {
      assignments.push({...a, tt, id: `${tt}|${a.unitCode}|${a.role}`});
    }
  }
  return {...input, tasks, assignments};
}

/** Spreadsheet calls of an export in this test's workbook (a regression fails here). */
const SHEET_BUDGET = 30;

describe('the call budget does not grow with the plan', () => {
  it('exports 13 tasks and 53 tasks with the same number of service calls', () => {
    const count = (input: SummaryInput) => {
      makeWorkspace({}, input);
      ws.callFunction(OWNER, 'buildSummary', ['KY1']);
      ws.calls.reset();
      const r = exportAs(ADMIN, 'KY1');
      expect(r.ok).toBe(true);
      const total = ws.calls.total();
      sheetCalls.push(ws.calls.spreadsheetTotal());
      ws.uninstallGlobals();
      return total;
    };
    const sheetCalls: number[] = [];
    const small = count(ky1Input());
    const big = count(biggerInput(40));
    expect(big).toBe(small);
    console.log(`export spreadsheet calls: ${sheetCalls.join(' / ')}`);
    // Issue 15's goal is ≤ 30. Here set-up's onChange trigger is not installed, so no snapshot is
    // kept and the menu's first questions read the five slow tabs and the owner live (11 calls);
    // the summary is then computed from those tabs (only the assignments and the village reports
    // are read again) and the owner is not asked twice: 41 calls before that sharing.
    expect(sheetCalls[1]).toBe(sheetCalls[0]);
    expect(sheetCalls[0]).toBeLessThanOrEqual(SHEET_BUDGET);
    // The draft report's chart pictures (getCharts, getAs + getBytes + base64Encode per chart) and
    // the files' links written into the tab's block add a constant ~17 calls.
    expect(small).toBeLessThan(140);
  });
});

describe('saving on Drive with drive.file', () => {
  it('"tự tạo" makes the app’s own folder once and saves all three files in it', () => {
    makeWorkspace({exportFolder: 'Tự tạo'});
    const first = exportAs(ADMIN, 'KY1');
    expect(first.folder).not.toBeNull();
    const folder = ws.drive.file(first.folder!.id)!;
    expect(folder).toMatchObject({
      mimeType: FOLDER_MIME,
      name: 'Dân vận chính quyền - Tệp xuất (UBND xã Đại Sơn)',
    });
    expect(ws.drive.children(folder.id).map(f => f.name)).toEqual([
      'Tổng hợp KY1 (02-09-2025).pdf',
      'Tổng hợp KY1 (02-09-2025).xlsx',
      'Dự thảo báo cáo KY1 (02-09-2025)',
    ]);
    expect(fileOf(first, 'pdf').url).toMatch(
      /^https:\/\/drive\.google\.com\/file\/d\//,
    );
    expect(
      ws.drive.bytes(fileOf(first, 'pdf').driveId!).subarray(0, 4).toString(),
    ).toBe('%PDF');
    // Recorded as the running admin's own folder.
    expect(
      ws.uncounted(() =>
        JSON.parse(
          PropertiesService.getDocumentProperties().getProperty(
            EXPORT_FOLDERS_KEY,
          ) ?? '{}',
        ),
      ),
    ).toEqual({[ADMIN]: folder.id});
    expect(first.warnings).toEqual([]);
    // The second export goes to the same folder.
    const second = exportAs(ADMIN, 'KY1');
    expect(second.folder!.id).toBe(folder.id);
    expect(ws.drive.children(folder.id)).toHaveLength(6);
    expect(
      [...ws.drive.files.values()].filter(f => f.mimeType === FOLDER_MIME),
    ).toHaveLength(1);
    // Still e-mailed as the settings say.
    expect(ws.mail.outbox).toHaveLength(2);
  });

  it('two admins: each keeps an export folder of their own, which never flips to the other’s', () => {
    const SECOND = 'quantri2@xa.gov.vn';
    makeWorkspace({exportFolder: 'Tự tạo', adminEmails: `${ADMIN}, ${SECOND}`});
    ws.addEditor(SECOND);
    const first = exportAs(ADMIN, 'KY1');
    expect(first.warnings).toEqual([]);
    // drive.file: the first admin's folder is not there for the second admin's session.
    const second = exportAs(SECOND, 'KY1');
    expect(second.ok).toBe(true);
    expect(second.folder!.id).not.toBe(first.folder!.id);
    expect(ws.drive.file(second.folder!.id)!.owner).toBe(SECOND);
    expect(second.warnings.join(' ')).toContain(
      `mỗi quản trị viên có thư mục xuất riêng (Google chỉ cho ứng dụng thấy thư mục do chính tài khoản đó tạo), nên tệp do ${ADMIN} xuất nằm trong thư mục của họ`,
    );
    // Each admin's next exports go to their own folder again: no third folder, nothing flips.
    expect(exportAs(ADMIN, 'KY1').folder!.id).toBe(first.folder!.id);
    expect(exportAs(SECOND, 'KY1').folder!.id).toBe(second.folder!.id);
    expect(
      [...ws.drive.files.values()].filter(f => f.mimeType === FOLDER_MIME),
    ).toHaveLength(2);
    expect(ws.drive.children(first.folder!.id)).toHaveLength(6);
    expect(ws.drive.children(second.folder!.id)).toHaveLength(6);
  });

  it('the folder of an earlier version (one id for everyone) is kept by the admin who can reach it', () => {
    makeWorkspace({exportFolder: 'Tự tạo'});
    const old = ws.run(ADMIN, () =>
      Drive!.Files!.create({
        name: 'Dân vận chính quyền - Tệp xuất (UBND xã Đại Sơn)',
        mimeType: FOLDER_MIME,
      }),
    );
    ws.uncounted(() =>
      PropertiesService.getDocumentProperties().setProperty(
        'export.folderId',
        String(old.id),
      ),
    );
    expect(exportAs(ADMIN, 'KY1').folder!.id).toBe(old.id);
  });

  it('the link of the app’s folder pasted into the settings is used as is', () => {
    makeWorkspace({exportFolder: 'Có'});
    const first = exportAs(ADMIN, 'KY1');
    ws.uncounted(() =>
      writePlanState(ws.activeSpreadsheet(), {
        settings: {exportFolder: first.folder!.url},
      }),
    );
    const second = exportAs(ADMIN, 'KY1');
    expect(second.folder!.id).toBe(first.folder!.id);
    expect(second.warnings).toEqual([]);
  });

  it('a folder the user made in Drive cannot be reached with drive.file: the app’s folder is used, and the admin told', () => {
    makeWorkspace();
    const mine = ws.drive.createUserFolder('Báo cáo 2025', OWNER);
    ws.uncounted(() =>
      writePlanState(ws.activeSpreadsheet(), {
        settings: {
          exportFolder: `https://drive.google.com/drive/folders/${mine.id}?usp=sharing`,
        },
      }),
    );
    const r = exportAs(ADMIN, 'KY1');
    expect(r.ok).toBe(true);
    expect(r.folder!.id).not.toBe(mine.id);
    expect(ws.drive.children(mine.id)).toEqual([]);
    expect(r.warnings.join(' ')).toContain('drive.file');
  });

  it('with no admin in Cấu hình and the jobs off, the export goes to the spreadsheet’s owner', () => {
    makeWorkspace({adminEmails: '', leaderEmails: ''});
    const r = exportAs(OWNER, 'KY1');
    expect(r.ok).toBe(true);
    expect(r.emailedTo).toEqual([OWNER]);
    expect(ws.mail.outbox.map(m => m.to)).toEqual([OWNER]);
  });

  it('with no admin in Cấu hình, the export and the daily job mail the same person: the owner, the only one who may install the jobs', () => {
    // With no admin in Cấu hình only the owner is an admin, so only the owner may install the jobs.
    makeWorkspace({adminEmails: '', leaderEmails: ''});
    expect(ws.callFunction(ADMIN, 'installTriggers')).toMatchObject({
      ok: false,
      refused: 'not_admin',
    });
    ws.callFunction(OWNER, 'installTriggers');
    const r = exportAs(OWNER, 'KY1');
    expect(r.emailedTo).toEqual([OWNER]);
    const before = ws.mail.outbox.length;
    // 02/9 is the day before kỳ 1's reporting date: the status mail and the summary mail go out.
    ws.callFunction(OWNER, 'dailyJob');
    const daily = ws.mail.outbox.slice(before);
    const adminMails = daily.filter(m =>
      /Tình hình báo cáo|Tổng hợp/.test(m.subject),
    );
    expect(adminMails.length).toBeGreaterThan(0);
    expect([...new Set(adminMails.map(m => m.to))]).toEqual([OWNER]);
  });

  it('when the mail quota is used up, nothing is sent and the files are kept on Drive', () => {
    makeWorkspace();
    ws.mail.dailyQuota = 2;
    const r = exportAs(ADMIN, 'KY1');
    expect(ws.mail.outbox).toHaveLength(0);
    expect(r.warnings.join(' ')).toContain(
      'Hạn mức gửi email hôm nay còn 2 người nhận, cần 3',
    );
    expect(r.files.filter(f => f.driveId)).toHaveLength(3);
  });

  it('without the Drive service the draft goes as a .docx attachment', () => {
    makeWorkspace();
    ws.registerGlobal('Drive', undefined);
    const r = exportAs(ADMIN, 'KY1');
    expect(r.ok).toBe(true);
    expect(r.files.map(f => f.kind)).toEqual(['pdf', 'xlsx', 'docx']);
    expect(ws.mail.outbox[0].attachments.map(a => a.name)).toEqual([
      'Tổng hợp KY1 (02-09-2025).pdf',
      'Tổng hợp KY1 (02-09-2025).xlsx',
      'Dự thảo báo cáo KY1 (02-09-2025).docx',
    ]);
    expect(r.warnings.join(' ')).toContain('Không lưu được lên Google Drive');
  });
});

describe('which summary is exported', () => {
  it('builds the tab first when it is missing', () => {
    makeWorkspace();
    const r = exportAs(ADMIN, 'KY1');
    expect(r.rebuilt).toBe(true);
    expect(tabValues('Tổng hợp KY1')).toEqual(expectedGrid().rows);
  });

  it('rebuilds the current period’s tab when the data changed since it was built', () => {
    makeWorkspace();
    ws.callFunction(OWNER, 'buildSummary', ['KY1']);
    const later = '2025-09-02T03:00:00Z';
    ws.setNow(later);
    jest.setSystemTime(new Date(later));
    const input = ky1();
    const changed = input.assignments.map(a =>
      a.id === '4|KT|lead'
        ? {
            ...a,
            progress: 'done' as const,
            completedOn: '2025-09-02',
            updatedAt: '2025-09-02T09:30:00+07:00',
          }
        : a,
    );
    ws.uncounted(() =>
      writePlanState(ws.activeSpreadsheet(), {assignments: changed}),
    );
    const r = exportAs(ADMIN, 'KY1');
    expect(r.rebuilt).toBe(true);
    expect(r.asOf).toBe('2025-09-02T10:00:00+07:00');
    expect(tabValues('Tổng hợp KY1')).toEqual(
      expectedGrid({
        ...input,
        assignments: changed,
        asOf: '2025-09-02T10:00:00+07:00',
      }).rows,
    );
  });

  it('asks before rebuilding a past period whose data changed, and exports nothing when told no', () => {
    makeWorkspace();
    ws.callFunction(OWNER, 'buildSummary', ['KY1']);
    const later = '2025-09-10T01:00:00Z';
    ws.setNow(later);
    jest.setSystemTime(new Date(later));
    const input = ky1Input();
    const changed = input.assignments.map(a =>
      a.id === '4|KT|lead' ? {...a, result: 'Đã niêm yết'} : a,
    );
    ws.uncounted(() =>
      writePlanState(ws.activeSpreadsheet(), {assignments: changed}),
    );
    ws.ui.alertAnswers.push('NO');
    const no = exportAs(ADMIN, 'KY1');
    expect(no).toMatchObject({ok: false, cancelled: true});
    expect(ws.mail.outbox).toHaveLength(0);
    ws.ui.alertAnswers.push('YES');
    const yes = exportAs(ADMIN, 'KY1');
    expect(yes).toMatchObject({ok: true, rebuilt: true});
    expect(ws.boundSpreadsheet.sheets.map(s => s.name)).toContain(
      'Tổng hợp KY1 (bản 02/09/2025)',
    );
  });

  it('a past period whose tab still matches the data is exported as built, without asking', () => {
    makeWorkspace();
    ws.callFunction(OWNER, 'buildSummary', ['KY1']);
    const later = '2025-09-10T01:00:00Z';
    ws.setNow(later);
    jest.setSystemTime(new Date(later));
    const r = exportAs(ADMIN, 'KY1');
    expect(r).toMatchObject({
      ok: true,
      rebuilt: false,
      asOf: '2025-09-02T07:00:00+07:00',
    });
    expect(ws.ui.of('alert')).toHaveLength(0);
  });

  it('only admins export; others are told so and nothing is made', () => {
    makeWorkspace();
    const r = exportAs(STAFF, 'KY1');
    expect(r).toMatchObject({ok: false, cancelled: true});
    expect(ws.ui.of('alert')[0].title).toBe('Không có quyền');
    expect(ws.drive.files.size).toBe(0);
    expect(ws.mail.outbox).toHaveLength(0);
  });

  it('an unknown period id is refused with the known ones listed', () => {
    makeWorkspace();
    const r = exportAs(ADMIN, 'KY9');
    expect(r.ok).toBe(false);
    expect(r.message).toContain('Các mã hiện có: KY1, DX1, KY2.');
  });
});

describe('scopes', () => {
  it('appsscript.json lists exactly the justified scopes and enables the Drive API (v3)', () => {
    const manifest = JSON.parse(
      readFileSync(join(__dirname, '../../appsscript.json'), 'utf8'),
    );
    expect([...manifest.oauthScopes].sort()).toEqual(
      [
        // openById for the web app (personal links), which has no active document.
        'https://www.googleapis.com/auth/spreadsheets',
        'https://www.googleapis.com/auth/script.container.ui',
        'https://www.googleapis.com/auth/script.scriptapp',
        'https://www.googleapis.com/auth/script.send_mail',
        'https://www.googleapis.com/auth/forms',
        'https://www.googleapis.com/auth/userinfo.email',
        'https://www.googleapis.com/auth/drive.file',
      ].sort(),
    );
    expect(manifest.oauthScopes).not.toContain(
      'https://www.googleapis.com/auth/drive',
    );
    expect(manifest.oauthScopes).not.toContain(
      'https://www.googleapis.com/auth/documents',
    );
    expect(manifest.oauthScopes).not.toContain(
      'https://www.googleapis.com/auth/script.external_request',
    );
    expect(manifest.dependencies.enabledAdvancedServices).toContainEqual({
      userSymbol: 'Drive',
      serviceId: 'drive',
      version: 'v3',
    });
  });
});

describe('in the bundled script (node:vm, as Apps Script runs it)', () => {
  it('exports kỳ 1 with no Node API', () => {
    ws = new Workspace({
      owner: OWNER,
      now: NOW,
      spreadsheetName: 'Dân vận Đại Sơn',
    });
    const ctx = createVmContext(ws);
    loadScript(
      ctx,
      readFileSync(join(__dirname, '../../dist/Code.js'), 'utf8'),
    );
    ws.callFunction(OWNER, 'setupWorkbook');
    ws.installGlobals();
    const input = ky1Input();
    ws.uncounted(() =>
      writePlanState(ws.activeSpreadsheet(), {
        settings: SETTING_CELLS,
        tasks: input.tasks.map(t => ({...t, dueOverride: null})),
        periods: input.periods,
        assignments: input.assignments,
        villageReports: input.villageReports,
      }),
    );
    ws.uninstallGlobals();
    const r = ws.callFunction(OWNER, 'exportSummary', ['KY1']) as ExportReport;
    expect(r.ok).toBe(true);
    expect(r.files.map(f => f.kind)).toEqual(['pdf', 'xlsx', 'doc']);
    const doc = ws.drive.documentText(r.files[2].driveId as string);
    expect(doc).toContain('BÁO CÁO');
    expect(ws.mail.outbox[0].attachments).toHaveLength(2);
  });
});
