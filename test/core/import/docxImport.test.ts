// The seed plan's .docx read back: 13 tasks exactly as the default plan, header fields, reporting dates; and variants.
import {para, type DocxCell} from '../../../src/core/docx';
import {findHeader, readAppendix} from '../../../src/core/import/appendix';
import {
  ImportError,
  previewPlan,
  readDocumentXml,
} from '../../../src/core/import/planImport';
import {readWordBlocks, tableGrid} from '../../../src/core/import/wordXml';
import {
  DEFAULT_GROUPS,
  DEFAULT_PERIODS,
  DEFAULT_PLAN,
  DEFAULT_UNITS,
} from '../../../src/plan/defaultPlan';
import {
  appendixTable,
  planDocument,
  SEED_HEADER,
  type SampleColumn,
} from '../../../src/plan/samplePlanDocx';
import {c, documentXml, seedSix, sixOf, table, type Six} from './fixtures';

const WORKBOOK = {units: DEFAULT_UNITS, groups: DEFAULT_GROUPS};

function importDoc(doc = planDocument()) {
  return previewPlan(readDocumentXml(documentXml(doc)), WORKBOOK);
}

function withAppendix(
  appendix: ReturnType<typeof appendixTable>,
  extra: ReturnType<typeof table>[] = [],
) {
  return importDoc(planDocument(SEED_HEADER, appendix, extra));
}

describe('the seed plan as .docx', () => {
  const preview = importDoc();

  test('13 tasks exactly as the default plan has them (all six fields)', () => {
    expect(preview.plan.tasks.map(sixOf)).toEqual(seedSix());
    expect(preview.plan.tasks.every(t => t.group === '')).toBe(true);
  });

  test('header fields', () => {
    const p = preview.plan;
    expect(p.issuer).toBe(DEFAULT_PLAN.issuer);
    expect(p.commune).toBe(DEFAULT_PLAN.commune);
    expect(p.parentBody).toBe(DEFAULT_PLAN.parentBody);
    expect(p.title).toBe(DEFAULT_PLAN.title);
    expect(p.number).toBe('16/KH-UBND');
    expect(p.date).toBe('2025-07-31');
    expect(p.place).toBe('Đại Sơn');
    expect(p.signer).toBe(DEFAULT_PLAN.signerName);
    expect(p.signerTitle).toBe(DEFAULT_PLAN.signerTitle);
    expect(p.reportTo).toBe('Phòng Văn hóa- Xã hội');
    expect([p.periodStart, p.periodEnd]).toEqual([
      DEFAULT_PLAN.periodStart,
      DEFAULT_PLAN.periodEnd,
    ]);
  });

  test('reporting dates 03/9/2025 and 03/12/2025 make the default periods', () => {
    expect(preview.plan.reportingDates.map(d => d.due)).toEqual([
      '2025-09-03',
      '2025-12-03',
    ]);
    expect(preview.plan.reportingDates.map(d => d.label)).toEqual([
      'lần 1',
      'lần 2',
    ]);
    const pick = (p: {
      id: string;
      name: string;
      start: string;
      due: string;
    }) => [p.id, p.name, p.start, p.due];
    expect(preview.plan.periods.map(pick)).toEqual(DEFAULT_PERIODS.map(pick));
  });

  test('every name is known, every timeline read, nothing doubted', () => {
    expect(preview.units.proposed).toEqual([]);
    expect(preview.unknownTimelines).toEqual([]);
    expect(preview.problems).toEqual([]);
    expect(preview.plan.tasks.flatMap(t => t.doubts)).toEqual([]);
    const vhxh = preview.units.matched.find(m => m.ref === 'VHXH');
    expect(vhxh?.tasks).toEqual(['2', '6', '7', '8', '9', '10']);
  });

  test('timelines are parsed with the plan year', () => {
    const t2 = preview.plan.tasks[1].timeline;
    expect([t2.kind, t2.due]).toEqual(['deadline', '2025-09-05']);
    expect(preview.plan.tasks[9].timeline).toMatchObject({
      kind: 'window',
      start: '2025-09-01',
      due: '2025-11-30',
    });
  });
});

describe('.docx variants', () => {
  test('columns in another order', () => {
    const order: SampleColumn[] = [
      'tt',
      'lead',
      'timelineText',
      'text',
      'product',
      'support',
    ];
    const p = withAppendix(appendixTable(undefined, order));
    expect(p.plan.tasks.map(sixOf)).toEqual(seedSix());
  });

  test('no Sản phẩm column: products are empty, nothing else moves', () => {
    const p = withAppendix(
      appendixTable(undefined, [
        'tt',
        'text',
        'lead',
        'support',
        'timelineText',
      ]),
    );
    expect(p.plan.tasks.map(sixOf)).toEqual(
      seedSix().map(t => ({...t, product: ''})),
    );
    expect(p.problems).toEqual([]);
  });

  test('a two-line header with merged cells and a column-number row', () => {
    const seed = seedSix();
    const rows: DocxCell[][] = [
      [
        c('STT', {vMerge: 'restart'}),
        c('Tên nhiệm vụ', {vMerge: 'restart'}),
        c('Cơ quan (đơn vị)', {span: 2}),
        c('Thời hạn\nhoàn thành', {vMerge: 'restart'}),
        c('Kết quả', {vMerge: 'restart'}),
      ],
      [
        c('', {vMerge: 'continue'}),
        c('', {vMerge: 'continue'}),
        c('Chủ trì'),
        c('Phối hợp'),
        c('', {vMerge: 'continue'}),
        c('', {vMerge: 'continue'}),
      ],
      ['(1)', '(2)', '(3)', '(4)', '(5)', '(6)'].map(t => c(t)),
      ...seed.map(t => [
        c(t.tt),
        c(t.text),
        c(t.lead),
        c(t.support),
        c(t.timelineText),
        c(t.product),
      ]),
    ];
    const p = withAppendix(table(rows));
    expect(p.plan.tasks.map(sixOf)).toEqual(seed);
  });

  test('a lead merged down over several tasks belongs to each of them', () => {
    const seed = seedSix();
    // Tasks 6 and 7 share "Phòng Văn hóa- Xã hội"; tasks 3 and 4 share "Phòng Kinh tế".
    const merge: Record<string, 'restart' | 'continue'> = {
      '3': 'restart',
      '4': 'continue',
      '6': 'restart',
      '7': 'continue',
    };
    const rows: DocxCell[][] = [
      [
        'TT',
        'Nhiệm vụ',
        'Cơ quan chủ trì',
        'Cơ quan phối hợp',
        'Thời gian thực hiện',
        'Sản phẩm',
      ].map(t => c(t)),
      ...seed.map(t => [
        c(t.tt),
        c(t.text),
        merge[t.tt] === 'continue'
          ? c('', {vMerge: 'continue'})
          : c(t.lead, merge[t.tt] ? {vMerge: 'restart'} : {}),
        c(t.support),
        c(t.timelineText),
        c(t.product),
      ]),
    ];
    const p = withAppendix(table(rows));
    expect(p.plan.tasks.map(sixOf)).toEqual(seed);
  });

  test('section rows become the group of the tasks under them', () => {
    const seed = seedSix();
    const row = (t: Six) => [
      c(t.tt),
      c(t.text),
      c(t.lead),
      c(t.support),
      c(t.timelineText),
      c(t.product),
    ];
    const rows: DocxCell[][] = [
      [
        'TT',
        'Nhiệm vụ',
        'Cơ quan chủ trì',
        'Cơ quan phối hợp',
        'Thời gian thực hiện',
        'Sản phẩm',
      ].map(t => c(t)),
      [c('A. NHIỆM VỤ CHUNG', {span: 6})],
      [c('I'), c('Công tác tuyên truyền'), c(''), c(''), c(''), c('')],
      ...seed.slice(0, 5).map(row),
      [c('II. Dân chủ ở cơ sở', {span: 6})],
      ...seed.slice(5, 9).map(row),
      [c('B. NHIỆM VỤ CỦA TỪNG ĐƠN VỊ', {span: 6})],
      ...seed.slice(9).map(row),
    ];
    const p = withAppendix(table(rows));
    expect(p.plan.tasks.map(sixOf)).toEqual(seed);
    expect(p.plan.tasks.map(t => t.group)).toEqual([
      ...Array(5).fill('A. NHIỆM VỤ CHUNG / I. Công tác tuyên truyền'),
      ...Array(4).fill('A. NHIỆM VỤ CHUNG / II. Dân chủ ở cơ sở'),
      ...Array(4).fill('B. NHIỆM VỤ CỦA TỪNG ĐƠN VỊ'),
    ]);
  });

  test('rows continued across a page break (no TT) join the task above, as in the seed', () => {
    const seed = seedSix();
    const rows: DocxCell[][] = [
      [
        'TT',
        'Nhiệm vụ',
        'Cơ quan chủ trì',
        'Cơ quan phối hợp',
        'Thời gian thực hiện',
        'Sản phẩm',
      ].map(t => c(t)),
    ];
    for (const t of seed) {
      if (t.tt === '5') {
        rows.push([
          c('5'),
          c(t.text),
          c(t.lead),
          c(''),
          c('6 tháng cuối\nnăm 2025 và\ncác năm tiếp'),
          c(t.product),
        ]);
        rows.push([c(''), c(''), c(''), c(''), c('theo'), c('')]);
      } else if (t.tt === '11') {
        const cut = t.text.indexOf(' gây phiền hà');
        rows.push([
          c('11'),
          c(t.text.slice(0, cut)),
          c(t.lead),
          c(t.support),
          c(t.timelineText),
          c(t.product),
        ]);
        rows.push([
          c(''),
          c(t.text.slice(cut + 1)),
          c(''),
          c(''),
          c(''),
          c(''),
        ]);
      } else
        rows.push([
          c(t.tt),
          c(t.text),
          c(t.lead),
          c(t.support),
          c(t.timelineText),
          c(t.product),
        ]);
    }
    const p = withAppendix(table(rows));
    expect(p.plan.tasks.map(sixOf)).toEqual(seed);
  });

  test('sub-items "1.1" and "a)" are tasks of their own under their parent', () => {
    const rows: DocxCell[][] = [
      ['TT', 'Nội dung', 'Chủ trì', 'Phối hợp', 'Thời gian', 'Sản phẩm'].map(
        t => c(t),
      ),
      [
        '1',
        'Tuyên truyền',
        'Phòng Văn hóa- Xã hội',
        '',
        'Thường xuyên',
        'Báo cáo',
      ].map(t => c(t)),
      ['1.1', 'Trên loa truyền thanh', '', 'Các thôn', '', ''].map(t => c(t)),
      [
        '1.2',
        'Trên trang thông tin điện tử',
        'Trung tâm Văn hóa, Thể thao và Truyền thông',
        '',
        'Hằng tháng',
        'Tin bài',
      ].map(t => c(t)),
      ['2', 'Đối thoại với Nhân dân', '', '', '', ''].map(t => c(t)),
      [
        'a)',
        'Đối thoại ở xã',
        'Văn phòng HĐND&UBND xã',
        '',
        'Tháng 9/2025',
        'Biên bản',
      ].map(t => c(t)),
      [
        'b)',
        'Đối thoại ở thôn',
        'Các thôn',
        '',
        'Tháng 10/2025',
        'Biên bản',
      ].map(t => c(t)),
    ];
    const p = withAppendix(table(rows));
    expect(
      p.plan.tasks.map(t => [
        t.tt,
        t.group,
        t.text,
        t.lead,
        t.support,
        t.timelineText,
        t.product,
      ]),
    ).toEqual([
      [
        '1',
        '',
        'Tuyên truyền',
        'Phòng Văn hóa- Xã hội',
        '',
        'Thường xuyên',
        'Báo cáo',
      ],
      [
        '1.1',
        '1. Tuyên truyền',
        'Trên loa truyền thanh',
        'Phòng Văn hóa- Xã hội',
        'Các thôn',
        'Thường xuyên',
        'Báo cáo',
      ],
      [
        '1.2',
        '1. Tuyên truyền',
        'Trên trang thông tin điện tử',
        'Trung tâm Văn hóa, Thể thao và Truyền thông',
        '',
        'Hằng tháng',
        'Tin bài',
      ],
      [
        '2.a',
        '2. Đối thoại với Nhân dân',
        'Đối thoại ở xã',
        'Văn phòng HĐND&UBND xã',
        '',
        'Tháng 9/2025',
        'Biên bản',
      ],
      [
        '2.b',
        '2. Đối thoại với Nhân dân',
        'Đối thoại ở thôn',
        'Các thôn',
        '',
        'Tháng 10/2025',
        'Biên bản',
      ],
    ]);
    expect(p.problems).toEqual([]);
  });

  test('decomposed (NFD) text reads as NFC', () => {
    const nfd = (s: string) => s.normalize('NFD');
    const header = {
      ...SEED_HEADER,
      parentBody: nfd(SEED_HEADER.parentBody),
      issuerUpper: nfd(SEED_HEADER.issuerUpper),
      placeDate: nfd(SEED_HEADER.placeDate),
      title: SEED_HEADER.title.map(nfd),
      signerName: nfd(SEED_HEADER.signerName),
      signerTitle: nfd(SEED_HEADER.signerTitle),
      body: SEED_HEADER.body.map(nfd),
    };
    const tasks = seedSix().map(t => ({
      tt: t.tt,
      text: nfd(t.text),
      lead: nfd(t.lead),
      support: nfd(t.support),
      timelineText: nfd(t.timelineText),
      product: nfd(t.product),
    }));
    const p = importDoc(planDocument(header, appendixTable(tasks)));
    expect(tasks[0].text).not.toBe(seedSix()[0].text);
    expect(p.plan.tasks.map(sixOf)).toEqual(seedSix());
    expect(p.plan.title).toBe(DEFAULT_PLAN.title);
    expect(p.plan.signer).toBe(DEFAULT_PLAN.signerName);
    expect(p.plan.reportingDates.map(d => d.due)).toEqual([
      '2025-09-03',
      '2025-12-03',
    ]);
    expect(p.units.proposed).toEqual([]);
  });

  test('tables before the appendix (the header layout, a list of documents) are passed over', () => {
    const docs = table(
      [
        ['TT', 'Văn bản', 'Ngày ban hành'].map(t => c(t)),
        ['1', 'Chỉ thị số 33/CT-TTg', '26/11/2021'].map(t => c(t)),
      ],
      3,
    );
    const noLead = table(
      [
        ['STT', 'Nội dung', 'Ghi chú'].map(t => c(t)),
        ['1', 'Một nội dung', ''].map(t => c(t)),
      ],
      3,
    );
    const p = withAppendix(appendixTable(), [docs, noLead]);
    expect(p.plan.tasks.map(sixOf)).toEqual(seedSix());
  });

  test('an appendix split into two tables (numbering goes on) is read as one', () => {
    const seed = seedSix();
    const first = appendixTable(seed.slice(0, 7));
    const second = appendixTable(seed.slice(7));
    const doc = planDocument(SEED_HEADER, second, [first]);
    expect(importDoc(doc).plan.tasks.map(sixOf)).toEqual(seed);
  });

  test('unknown names are proposed as units of a guessed kind or as groups; doubts shown', () => {
    const rows: DocxCell[][] = [
      [
        'TT',
        'Nhiệm vụ',
        'Cơ quan chủ trì',
        'Cơ quan phối hợp',
        'Thời gian thực hiện',
      ].map(t => c(t)),
      [
        '1',
        'Việc một',
        'Phòng Nông nghiệp và Môi trường',
        'Hội Liên hiệp Phụ nữ xã',
        'Thường xuyên, theo yêu cầu nhiệm vụ',
      ].map(t => c(t)),
      [
        '2',
        'Việc hai',
        'Trường THCS Đại Sơn',
        'Các hợp tác xã',
        'Theo lộ trình được giao tại Kế hoạch số 02-KH/BCĐTW',
      ].map(t => c(t)),
      [
        '3',
        'Việc ba',
        'Thôn Đông',
        'Phòng Kinh tế',
        '60 ngày, bắt đầu từ 01/11/2025 đến 30/12/2025',
      ].map(t => c(t)),
    ];
    const p = withAppendix(table(rows, 5));
    expect(
      p.units.proposed.map(u =>
        u.type === 'unit' ? [u.text, u.kind] : [u.text, 'group'],
      ),
    ).toEqual([
      ['Phòng Nông nghiệp và Môi trường', 'department'],
      ['Hội Liên hiệp Phụ nữ xã', 'front'],
      ['Trường THCS Đại Sơn', 'school'],
      ['Các hợp tác xã', 'group'],
      ['Thôn Đông', 'village'],
    ]);
    const dept = p.units.proposed[0];
    expect(dept.type === 'unit' && dept.tags).toEqual([
      'phòng chuyên môn',
      'thuộc UBND xã',
    ]);
    const village = p.units.proposed[4];
    expect(village.type === 'unit' && village.tags).toEqual(['thôn']);
    expect(p.unknownTimelines).toEqual([
      '2: Theo lộ trình được giao tại Kế hoạch số 02-KH/BCĐTW',
    ]);
    expect(p.plan.tasks[1].timeline).toMatchObject({
      kind: 'unknown',
      start: null,
      due: null,
    });
    expect(p.plan.tasks[0].timeline.kind).toBe('ongoing');
    expect(p.plan.tasks[2].timeline).toMatchObject({
      kind: 'window',
      start: '2025-11-01',
      due: '2025-12-30',
    });
    expect(p.plan.tasks[1].doubts.map(d => d.field)).toEqual([
      'timelineText',
      'lead',
      'support',
    ]);
    expect(p.problems.some(x => x.includes('chưa đọc được thời hạn'))).toBe(
      true,
    );
  });
});

describe('what is not an appendix', () => {
  test('a document with no appendix table is refused with a Vietnamese message', () => {
    const doc = planDocument(SEED_HEADER, table([[c('TT'), c('Văn bản')]], 2));
    expect(() => readDocumentXml(documentXml(doc))).toThrow(ImportError);
    expect(() => readDocumentXml(documentXml(doc))).toThrow(
      /Không tìm thấy bảng phụ lục/,
    );
  });

  test('XML that is no Word document is refused', () => {
    expect(() => readDocumentXml('<x/>')).toThrow(/Tệp Word bị hỏng/);
  });

  test('a table with 400 rows is refused', () => {
    const rows = [
      ['TT', 'Nhiệm vụ', 'Cơ quan chủ trì'].map(t => c(t)),
      ...Array.from({length: 400}, (_, i) => [
        c(String(i + 1)),
        c('Việc'),
        c('Phòng Kinh tế'),
      ]),
    ];
    expect(() =>
      readDocumentXml(documentXml(planDocument(SEED_HEADER, table(rows, 3)))),
    ).toThrow(/400 dòng/);
  });
});

describe('the Word XML reader', () => {
  test('spans fill their columns, merges repeat the cell above, tabs and breaks become spaces and lines', () => {
    const xml =
      '<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c &amp; d</w:t></w:r>' +
      '<w:del><w:r><w:delText>gone</w:delText></w:r></w:del></w:p>' +
      '<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>H</w:t></w:r></w:p></w:tc></w:tr>' +
      '<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>y</w:t></w:r></w:p><w:p><w:r><w:t>z</w:t></w:r></w:p></w:tc></w:tr>' +
      '<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>w</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>';
    const blocks = readWordBlocks(xml);
    expect(blocks[0]).toEqual({type: 'paragraph', text: 'a b\nc & d'});
    const t = blocks[1];
    if (t.type !== 'table') throw new Error('table expected');
    expect(tableGrid(t.rows)).toEqual({
      grid: [
        ['H', 'H'],
        ['x', 'y\nz'],
        ['x', 'w'],
      ],
      merged: [
        [false, true],
        [false, false],
        [true, false],
      ],
    });
  });

  test('findHeader needs TT, the task and the lead', () => {
    expect(findHeader([['TT', 'Nhiệm vụ', 'Ghi chú']])).toBeNull();
    expect(
      findHeader([['Số TT', 'Nội dung công việc', 'Đơn vị chủ trì']])?.columns,
    ).toEqual({tt: 0, text: 1, lead: 2});
    expect(readAppendix([['x']])).toBeNull();
  });

  test('para helper keeps text (sanity of the fixture)', () => {
    expect(para('a').runs[0].text).toBe('a');
  });
});
