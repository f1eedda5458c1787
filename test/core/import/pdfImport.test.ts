// The seed appendix as a PDF viewer copies it (seedAppendixPdf.txt: the seed file's appendix, line-broken, cells
// run together): read back into the 13 tasks of the default plan, each flagged for checking.
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {previewPlan, readPastedText} from '../../../src/core/import/planImport';
import {readPdfText} from '../../../src/core/import/pdfText';
import {DEFAULT_GROUPS, DEFAULT_UNITS} from '../../../src/plan/defaultPlan';
import {seedSix, sixOf} from './fixtures';

const PDF = readFileSync(join(__dirname, 'seedAppendixPdf.txt'), 'utf8');
const WORKBOOK = {units: DEFAULT_UNITS, groups: DEFAULT_GROUPS};
const REPORT_SENTENCE =
  'Thực hiện nghiêm túc chế độ thông tin, báo cáo kết quả công tác dân vận chính quyền về Ủy ban nhân dân xã (qua Phòng Văn hóa- Xã hội) lần 1 trước ngày 03/9/2025 và lần 2 trước ngày 03/12/2025./.';

describe('pasted PDF text', () => {
  test('the seed appendix: the 13 tasks exactly (all six fields), every one flagged to check', () => {
    const text = [
      'KẾ HOẠCH',
      'Triển khai thực hiện công tác dân vận chính quyền 6 tháng cuối năm 2025',
      'trên địa bàn xã Đại Sơn',
      '',
      REPORT_SENTENCE,
      PDF,
    ].join('\n');
    const reading = readPastedText(text, {...WORKBOOK, year: 2025});
    expect(reading.source).toBe('pdf');
    const p = previewPlan(reading, WORKBOOK);
    expect(p.plan.tasks.map(sixOf)).toEqual(seedSix());
    expect(p.plan.reportingDates.map(d => d.due)).toEqual([
      '2025-09-03',
      '2025-12-03',
    ]);
    expect(p.plan.tasks.every(t => t.doubts.some(d => d.field === 'tt'))).toBe(
      true,
    );
    expect(p.problems.some(x => x.includes('văn bản dán kiểu PDF'))).toBe(true);
    expect(p.units.proposed).toEqual([]);
  });

  test('without the set-in lines a viewer may drop, 12 of the 13 still come out exact', () => {
    const r = readPdfText(PDF.replace(/^ +/gm, ''), {...WORKBOOK, year: 2025});
    const exact = r!.tasks.filter(
      (t, i) => JSON.stringify(sixOf(t)) === JSON.stringify(seedSix()[i]),
    );
    expect(r!.tasks).toHaveLength(13);
    expect(exact.length).toBeGreaterThanOrEqual(12);
  });

  test('text with no appendix header is no PDF appendix', () => {
    expect(
      readPdfText('Một đoạn văn\nkhông có bảng', {...WORKBOOK, year: 2025}),
    ).toBeNull();
  });
});
