// The draft report's content in the layout of NĐ 30/2020: header, title, sections, signature, "Nơi nhận", appendix.
import {
  documentTables,
  documentText,
  importDocx,
  tableCells,
} from '../../emulator/documents';
import {zipEntries} from '../../emulator/zip';
import {
  docxParts,
  type DocxDocument,
  type DocxParagraph,
  type DocxTable,
} from '../../src/core/docx';
import {
  APPENDIX_HEADER,
  collectProposals,
  numberLine,
  periodPhrase,
  placeDateLine,
  REPORT_SECTIONS,
  reportDocument,
  reportTitle,
  signatureTitle,
  type ReportSettings,
} from '../../src/core/reportDoc';
import {computeSummary} from '../../src/core/summary';
import {ky1Input} from './summaryFixture';

const SETTINGS: ReportSettings = {
  commune: 'Đại Sơn',
  issuer: 'UBND xã Đại Sơn',
  parentBody: 'UBND thành phố Hải Phòng',
  planTitle:
    'Triển khai thực hiện công tác dân vận chính quyền 6 tháng cuối năm 2025 trên địa bàn xã Đại Sơn',
  planNumber: '125/KH-UBND',
  planDate: '01/7/2025',
  reportTo: 'Phòng Văn hóa - Xã hội',
  signerName: 'Đào Văn Soái',
  signerTitle: 'Chủ tịch',
  place: 'Đại Sơn',
  recipients: ['Sở Nội vụ thành phố;', '- TT Đảng ủy xã;', 'Lưu: VT, VHXH.'],
};

const summary = computeSummary(ky1Input());

function textOf(doc: DocxDocument): string {
  const docx = zipEntries(
    docxParts(doc).map(p => ({
      name: p.path,
      data: Buffer.from(p.content, 'utf8'),
    })),
  );
  return documentText(importDocx(docx));
}

describe('report helpers', () => {
  it('writes the number, place-and-date and title lines', () => {
    expect(numberLine('UBND xã Đại Sơn')).toBe('Số: …/BC-UBND');
    expect(numberLine('Ủy ban nhân dân xã A')).toBe('Số: …/BC-UBND');
    expect(numberLine('Hội Nông dân xã')).toBe('Số: …/BC-…');
    expect(placeDateLine('Đại Sơn', '2025-09-02')).toBe(
      'Đại Sơn, ngày … tháng 9 năm 2025',
    );
    expect(placeDateLine('', 'x')).toBe('…, ngày … tháng … năm …');
    expect(periodPhrase('Kỳ 1 (báo cáo trước 03/09/2025)')).toBe(
      'Kỳ 1, báo cáo trước 03/09/2025',
    );
    expect(reportTitle(summary, SETTINGS)).toBe(
      'Kết quả thực hiện công tác dân vận chính quyền 6 tháng cuối năm 2025 trên địa bàn xã Đại Sơn (Kỳ 1, báo cáo trước 03/09/2025)',
    );
    expect(
      reportTitle(summary, {...SETTINGS, planTitle: 'Kế hoạch năm 2025'}),
    ).toBe(
      'Kết quả thực hiện kế hoạch năm 2025 (Kỳ 1, báo cáo trước 03/09/2025)',
    );
  });

  it('signs for the committee: TM., and KT. for a vice-chair', () => {
    expect(signatureTitle('UBND xã Đại Sơn', 'Chủ tịch')).toEqual([
      'TM. ỦY BAN NHÂN DÂN',
      'CHỦ TỊCH',
    ]);
    expect(signatureTitle('UBND xã Đại Sơn', 'Phó Chủ tịch')).toEqual([
      'TM. ỦY BAN NHÂN DÂN',
      'KT. CHỦ TỊCH',
      'PHÓ CHỦ TỊCH',
    ]);
    expect(signatureTitle('Phòng Văn hóa - Xã hội', 'Trưởng phòng')).toEqual([
      'TRƯỞNG PHÒNG',
    ]);
  });

  it('collects every proposal once, with who made it', () => {
    const proposals = collectProposals(summary);
    expect(proposals).toContain('Thôn mẫu 1: Hỗ trợ kinh phí duy trì mô hình.');
    expect(new Set(proposals).size).toBe(proposals.length);
  });
});

describe('reportDocument', () => {
  const doc = reportDocument(summary, SETTINGS);
  const text = textOf(doc);
  const lines = text.split('\n');

  it('opens with the two-column header: issuing body and number, quốc hiệu and tiêu ngữ (underlined)', () => {
    const header = doc.sections[0].blocks[0] as DocxTable;
    expect(header.type).toBe('table');
    expect(header.borders).toBe(false);
    const [left, right] = header.rows[0].map(c =>
      c.paragraphs.map(p => p.runs.map(r => r.text).join('')),
    );
    expect(left).toEqual([
      'UBND THÀNH PHỐ HẢI PHÒNG',
      'UBND XÃ ĐẠI SƠN',
      '',
      'Số: …/BC-UBND',
    ]);
    expect(right).toEqual([
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Đại Sơn, ngày … tháng 9 năm 2025',
    ]);
    const tieuNgu = header.rows[0][1].paragraphs[1];
    expect(tieuNgu.runs[0].underline).toBe(true);
    expect(tieuNgu.bold).toBe(true);
    expect(header.rows[0][1].paragraphs[2].italic).toBe(true);
  });

  it('has "BÁO CÁO", its title, and the five sections in order', () => {
    const main = doc.sections[0].blocks.filter(
      (b): b is DocxParagraph => b.type === 'paragraph',
    );
    const title = main.find(p => p.runs[0]?.text === 'BÁO CÁO');
    expect(title).toMatchObject({align: 'center', bold: true});
    expect(lines).toContain(reportTitle(summary, SETTINGS));
    const at = REPORT_SECTIONS.map(s => lines.indexOf(s));
    expect(at.every(i => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('fills the sections from the summary and leaves "…" where the officer writes', () => {
    expect(text).toContain('gồm 13 nhiệm vụ, phân công 62 lượt nhiệm vụ');
    expect(text).toContain('Kế hoạch số 125/KH-UBND ngày 01/7/2025');
    for (const t of summary.tasks) expect(text).toContain(`${t.tt}. `);
    expect(text).toContain('Chỉ tiêu 1/thôn: đạt 2/5 thôn.');
    expect(text).toContain('- Nguyên nhân khách quan: …');
    expect(text).toMatch(
      /Tính đến ngày 02\/09\/2025, trong tổng số 13 nhiệm vụ: /,
    );
    expect(text).toContain('Khẩn trương hoàn thành các nhiệm vụ đã quá hạn');
  });

  it('ends with "Nơi nhận" and the signature block from the settings', () => {
    const sign = doc.sections[0].blocks[
      doc.sections[0].blocks.length - 1
    ] as DocxTable;
    expect(sign.borders).toBe(false);
    const [left, right] = sign.rows[0].map(c =>
      c.paragraphs.map(p => p.runs.map(r => r.text).join('')),
    );
    expect(left).toEqual([
      'Nơi nhận:',
      '- Sở Nội vụ thành phố;',
      '- TT Đảng ủy xã;',
      '- Lưu: VT, VHXH.',
    ]);
    expect(right[0]).toBe('TM. ỦY BAN NHÂN DÂN');
    expect(right[1]).toBe('CHỦ TỊCH');
    expect(right[right.length - 1]).toBe('Đào Văn Soái');
  });

  it('puts the task table in a landscape appendix, heading row repeated', () => {
    expect(doc.sections[1].landscape).toBe(true);
    expect(lines).toContain('PHỤ LỤC');
    const tables = documentTables(
      importDocx(
        zipEntries(
          docxParts(doc).map(p => ({
            name: p.path,
            data: Buffer.from(p.content, 'utf8'),
          })),
        ),
      ),
    );
    const appendix = tableCells(tables[tables.length - 1]);
    expect(appendix[0]).toEqual([...APPENDIX_HEADER]);
    expect(appendix).toHaveLength(14);
    expect(appendix[5][6]).toContain('Chỉ tiêu: 2/5 thôn');
  });

  it('is Times New Roman 14 pt with page numbers', () => {
    expect(doc).toMatchObject({
      fontName: 'Times New Roman',
      fontSizePt: 14,
      pageNumbers: true,
      language: 'vi-VN',
    });
  });
});
