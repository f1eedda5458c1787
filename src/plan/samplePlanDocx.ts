// The seed plan as a Word document (the project's own .docx writer): the sample the import reads back.
import {
  para,
  type DocxCell,
  type DocxDocument,
  type DocxTable,
} from '../core/docx';
import {DEFAULT_TASKS} from './defaultPlan';
import type {Task} from '../core/types';

/** The header a plan's first page carries (NĐ 30/2020): issuing body, number, place and date. */
export interface SamplePlanHeader {
  parentBody: string;
  issuerUpper: string;
  number: string;
  placeDate: string;
  title: string[];
  signerTitle: string;
  signerName: string;
  /** Body paragraphs between the title and the signature. */
  body: string[];
}

/** The seed plan's header and body (seed/000_…txt, section by section, abridged where marked). */
export const SEED_HEADER: SamplePlanHeader = {
  parentBody: 'UBND THÀNH PHỐ HẢI PHÒNG',
  issuerUpper: 'ỦY BAN NHÂN DÂN XÃ ĐẠI SƠN',
  number: 'Số: 16/KH-UBND',
  placeDate: 'Đại Sơn, ngày 31 tháng 7 năm 2025',
  title: [
    'Triển khai thực hiện công tác dân vận chính quyền 6 tháng cuối năm 2025',
    'trên địa bàn xã Đại Sơn',
  ],
  signerTitle: 'CHỦ TỊCH',
  signerName: 'Đào Văn Soái',
  body: [
    'Thực hiện Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ về tiếp tục tăng cường và đổi mới công tác dân vận của cơ quan hành chính nhà nước và chính quyền các cấp trong tình hình mới;',
    'Căn cứ Luật Thực hiện dân chủ ở cơ sở ngày 10/11/2022; Nghị định số 59/2023/NĐ-CP ngày 14/8/2023 của Chính phủ; Quyết định số 3177/QĐ-UBND ngày 06/8/2025 của UBND thành phố Hải Phòng về việc ban hành danh mục nhiệm vụ thực hiện công tác dân vận 6 tháng cuối năm 2025 của cơ quan hành chính nhà nước, chính quyền các cấp trên địa bàn thành phố Hải Phòng.',
    'UBND xã Đại Sơn xây dựng Kế hoạch triển khai thực hiện công tác dân vận chính quyền 6 tháng cuối năm 2025 trên địa bàn xã Đại Sơn, cụ thể như sau:',
    'I. MỤC ĐÍCH YÊU CẦU',
    '1. Tiếp tục triển khai, thực hiện nghiêm túc, chặt chẽ, đảm bảo chất lượng, hiệu quả Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ; các Nghị quyết, Quyết định, Chỉ thị, Quy chế của TW, của Thành ủy, UBND thành phố về công tác dân vận trong các cơ quan nhà nước, đơn vị sự nghiệp công lập và chính quyền xã.',
    '2. Tổ chức triển khai đầy đủ, kịp thời, có hiệu quả các nhiệm vụ công tác dân vận theo Quyết định của UBND thành phố.',
    'II. NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM',
    '3. Đẩy mạnh thực hiện Chương trình cải cách hành chính, chương trình chuyển đổi số và thực hiện Quy chế dân chủ ở cơ sở',
    'Tiếp tục tổ chức triển khai có hiệu quả Kế hoạch số 16/KH-UBND ngày 31/7/2025 của UBND xã về cải cách hành chính 6 tháng cuối năm 2025.',
    '(Có danh mục nhiệm vụ cụ thể kèm theo)',
    'III. TỔ CHỨC THỰC HIỆN',
    '5. Các thôn, Ban công tác Mặt trận, đoàn thể chính trị- xã hội:',
    'Căn cứ các nhiệm vụ trong phụ lục kèm theo, các phòng chuyên môn, cơ quan, đơn vị sự nghiệp, các thôn trên địa bàn xã tổ chức thực hiện nhiệm vụ được phân công tại Phụ lục kèm theo. Thực hiện nghiêm túc chế độ thông tin, báo cáo kết quả công tác dân vận chính quyền về Ủy ban nhân dân xã (qua Phòng Văn hóa- Xã hội) lần 1 trước ngày 03/9/2025 và lần 2 trước ngày 03/12/2025 và báo cáo đột xuất (khi cần thiết theo yêu cầu)./.',
  ],
};

/** The appendix's six columns, in the seed's order. */
export type SampleColumn =
  'tt' | 'text' | 'lead' | 'support' | 'timelineText' | 'product';

export const SEED_COLUMNS: SampleColumn[] = [
  'tt',
  'text',
  'lead',
  'support',
  'timelineText',
  'product',
];

const HEADINGS: Record<SampleColumn, string> = {
  tt: 'TT',
  text: 'Nhiệm vụ',
  lead: 'Cơ quan chủ trì',
  support: 'Cơ quan phối hợp',
  timelineText: 'Thời gian thực hiện',
  product: 'Sản phẩm',
};

const WIDTHS: Record<SampleColumn, number> = {
  tt: 1.2,
  text: 9,
  lead: 4.5,
  support: 4.2,
  timelineText: 3.4,
  product: 3.4,
};

function cell(text: string, bold = false): DocxCell {
  return {paragraphs: [para(text, {bold, size: 13})], vAlign: 'center'};
}

/** The appendix as a Word table: a header row, then one row a task, in the given columns. */
export function appendixTable(
  tasks: Pick<Task, SampleColumn>[] = DEFAULT_TASKS,
  columns: SampleColumn[] = SEED_COLUMNS,
): DocxTable {
  return {
    type: 'table',
    widthsCm: columns.map(c => WIDTHS[c]),
    borders: true,
    headerRows: 1,
    rows: [
      columns.map(c => cell(HEADINGS[c], true)),
      ...tasks.map(t => columns.map(c => cell(t[c]))),
    ],
  };
}

/** A layout table (no borders) of two columns, as the header and the signature are set. */
function layout(left: string[], right: string[]): DocxTable {
  const side = (lines: string[]): DocxCell => ({
    paragraphs: lines.map(l =>
      para(l, {align: 'center', bold: true, size: 13}),
    ),
  });
  return {
    type: 'table',
    widthsCm: [6.5, 9.5],
    borders: false,
    rows: [[side(left), side(right)]],
  };
}

/** A whole plan document: header, title, body, signature, then the appendix in a landscape section. */
export function planDocument(
  header: SamplePlanHeader = SEED_HEADER,
  appendix: DocxTable = appendixTable(),
  extraBeforeAppendix: DocxTable[] = [],
): DocxDocument {
  return {
    title: `Kế hoạch ${header.title.join(' ')}`,
    creator: header.issuerUpper,
    fontName: 'Times New Roman',
    fontSizePt: 14,
    sections: [
      {
        blocks: [
          layout(
            [header.parentBody, header.issuerUpper, header.number],
            [
              'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
              'Độc lập - Tự do - Hạnh phúc',
              header.placeDate,
            ],
          ),
          para('KẾ HOẠCH', {align: 'center', bold: true, spaceBeforePt: 12}),
          ...header.title.map(t => para(t, {align: 'center', bold: true})),
          para(''),
          ...header.body.map(t =>
            para(t, {align: 'both', firstLineIndentCm: 1, spaceAfterPt: 6}),
          ),
          layout(
            ['Nơi nhận:', '- Sở Nội vụ thành phố;', '- Lưu: VT, VHXH.'],
            [header.signerTitle, '', '', header.signerName],
          ),
        ],
      },
      {
        landscape: true,
        blocks: [
          para('PHỤ LỤC', {align: 'center', bold: true}),
          para(
            `Danh mục nhiệm vụ thực hiện công tác dân vận ${header.title.join(' ').replace(/^Triển khai thực hiện công tác dân vận chính quyền /, '')}`,
            {align: 'center', bold: true},
          ),
          para(
            `(Kèm theo Kế hoạch ${header.number.replace(/^Số:\s*/, 'số ')})`,
            {
              align: 'center',
              italic: true,
            },
          ),
          ...extraBeforeAppendix,
          appendix,
        ],
      },
    ],
  };
}
