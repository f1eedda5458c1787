// Pasted appendix text (tab-separated, from Word or a spreadsheet) read into the default plan's 13 tasks.
import {parseTsv, pastedTable} from '../../../src/core/import/pasted';
import {
  ImportError,
  previewPlan,
  readPastedText,
} from '../../../src/core/import/planImport';
import {DEFAULT_GROUPS, DEFAULT_UNITS} from '../../../src/plan/defaultPlan';
import {seedSix, sixOf} from './fixtures';

const WORKBOOK = {units: DEFAULT_UNITS, groups: DEFAULT_GROUPS};
const HEADER = [
  'TT',
  'Nhiệm vụ',
  'Cơ quan chủ trì',
  'Cơ quan phối hợp',
  'Thời gian thực hiện',
  'Sản phẩm',
];
const REPORT_SENTENCE =
  'Thực hiện nghiêm túc chế độ thông tin, báo cáo kết quả công tác dân vận chính quyền về Ủy ban nhân dân xã (qua Phòng Văn hóa- Xã hội) lần 1 trước ngày 03/9/2025 và lần 2 trước ngày 03/12/2025 và báo cáo đột xuất (khi cần thiết theo yêu cầu)./.';
const TITLE = [
  'KẾ HOẠCH',
  'Triển khai thực hiện công tác dân vận chính quyền 6 tháng cuối năm 2025 trên địa bàn xã Đại Sơn',
  '',
];

/** As a spreadsheet copies it: cells with line breaks quoted. */
function spreadsheetTsv(): string {
  const q = (s: string) =>
    /[\t\n"]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  const rows = seedSix().map(t => [
    t.tt,
    t.text,
    t.lead,
    t.support,
    t.timelineText,
    t.product,
  ]);
  return [HEADER, ...rows].map(r => r.map(q).join('\t')).join('\r\n');
}

describe('pasted tab-separated appendix', () => {
  test('from a spreadsheet: the 13 tasks exactly, with the title and reporting dates around it', () => {
    const text = [...TITLE, spreadsheetTsv(), '', REPORT_SENTENCE].join('\n');
    const p = previewPlan(readPastedText(text), WORKBOOK);
    expect(p.plan.tasks.map(sixOf)).toEqual(seedSix());
    expect(p.plan.reportingDates.map(d => d.due)).toEqual([
      '2025-09-03',
      '2025-12-03',
    ]);
    expect([p.plan.periodStart, p.plan.periodEnd]).toEqual([
      '2025-07-01',
      '2025-12-31',
    ]);
    expect(p.units.proposed).toEqual([]);
    expect(p.unknownTimelines).toEqual([]);
  });

  test('from Word: a cell of several lines breaks the row, and is joined back', () => {
    const rows = seedSix().map(t => {
      // Word copies a cell's lines as separate lines: the lead and the product are cut in two here.
      const lead = t.lead.replace(/ (\S+)$/, '\n$1');
      const product = t.product.replace(/ (\S+)$/, '\n$1');
      return [t.tt, t.text, lead, t.support, t.timelineText, product].join(
        '\t',
      );
    });
    const text = [...TITLE, HEADER.join('\t'), ...rows, REPORT_SENTENCE].join(
      '\n',
    );
    const p = previewPlan(readPastedText(text), WORKBOOK);
    expect(p.plan.tasks.map(sixOf)).toEqual(seedSix());
    expect(p.plan.reportingDates.map(d => d.written)).toEqual([
      '03/9/2025',
      '03/12/2025',
    ]);
  });

  test('NFD pasted text reads as NFC', () => {
    const text = [...TITLE, spreadsheetTsv(), REPORT_SENTENCE]
      .join('\n')
      .normalize('NFD');
    const p = previewPlan(readPastedText(text), WORKBOOK);
    expect(p.plan.tasks.map(sixOf)).toEqual(seedSix());
  });

  test('text with no appendix is refused', () => {
    expect(() => readPastedText('Xin chào\nkhông có bảng')).toThrow(
      ImportError,
    );
    expect(() => readPastedText('')).toThrow(/Không tìm thấy bảng phụ lục/);
  });

  test('400 pasted rows are refused', () => {
    const rows = Array.from(
      {length: 400},
      (_, i) => `${i + 1}\tViệc\tPhòng Kinh tế`,
    );
    expect(() =>
      readPastedText(['TT\tNhiệm vụ\tCơ quan chủ trì', ...rows].join('\n')),
    ).toThrow(/400 dòng/);
  });
});

describe('parseTsv', () => {
  test('quotes, doubled quotes, CRLF', () => {
    expect(parseTsv('a\t"b\nc"\t"say ""hi"""\r\nd\te')).toEqual([
      ['a', 'b\nc', 'say "hi"'],
      ['d', 'e'],
    ]);
  });

  test('a quote inside a field is text', () => {
    expect(parseTsv('x "y" z\tw')).toEqual([['x "y" z', 'w']]);
  });

  test('pastedTable keeps the lines before and after the table', () => {
    const t = pastedTable('Tiêu đề\nA\tB\nc\td\nSau bảng');
    expect(t.grid).toEqual([
      ['A', 'B'],
      ['c', 'd'],
    ]);
    expect(t.lines).toEqual(['Tiêu đề', 'Sau bảng']);
  });
});
