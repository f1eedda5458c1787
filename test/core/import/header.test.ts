// A plan's header and its reporting dates read from the document's lines, in the forms other communes write.
import {
  halfYearOf,
  readHeader,
  readReportingDates,
  titleCase,
} from '../../../src/core/import/header';
import {periodsFromDates} from '../../../src/core/import/planImport';

describe('readHeader', () => {
  test('a ward plan signed by a vice-chairman, number and date blank', () => {
    const {header, problems} = readHeader([
      'UBND THÀNH PHỐ HẢI PHÒNG',
      'UỶ BAN NHÂN DÂN PHƯỜNG LÊ THANH NGHỊ',
      'Số:       /KH-UBND',
      'Lê Thanh Nghị, ngày    tháng 01 năm 2026',
      'KẾ HOẠCH',
      'Công tác dân vận chính quyền',
      '6 tháng đầu năm 2026',
      '',
      'Căn cứ Chỉ thị số 33/CT-TTg ngày 26/11/2021;',
      'KT. CHỦ TỊCH',
      'PHÓ CHỦ TỊCH',
      '',
      'Nguyễn Thị Hoa',
    ]);
    expect(header).toMatchObject({
      issuer: 'UBND phường Lê Thanh Nghị',
      commune: 'Lê Thanh Nghị',
      parentBody: 'UBND THÀNH PHỐ HẢI PHÒNG',
      number: '',
      date: '',
      place: 'Lê Thanh Nghị',
      title: 'Công tác dân vận chính quyền 6 tháng đầu năm 2026',
      signerTitle: 'Phó chủ tịch',
      signerName: 'Nguyễn Thị Hoa',
    });
    expect(problems).toEqual([
      'Kế hoạch chưa có số văn bản ("Số: …/KH-UBND").',
      'Kế hoạch chưa có ngày ban hành ("…, ngày … tháng … năm …").',
    ]);
  });

  test('with no header block, the issuer comes from the body', () => {
    const {header} = readHeader([
      'KẾ HOẠCH',
      'Dân vận năm 2026',
      '',
      'UBND xã Đại Sơn xây dựng Kế hoạch như sau:',
    ]);
    expect([header.issuer, header.commune]).toEqual([
      'UBND xã Đại Sơn',
      'Đại Sơn',
    ]);
  });

  test('titleCase', () => {
    expect(titleCase('ĐẠI SƠN')).toBe('Đại Sơn');
  });
});

describe('readReportingDates', () => {
  test('"lần 1 trước ngày 03/9/2025 và lần 2 trước ngày 03/12/2025"', () => {
    const dates = readReportingDates(
      [
        'Thực hiện chế độ báo cáo về UBND xã lần 1 trước ngày 03/9/2025 và lần 2 trước ngày 03/12/2025./.',
      ],
      2025,
    );
    expect(dates).toEqual([
      {due: '2025-09-03', written: '03/9/2025', label: 'lần 1'},
      {due: '2025-12-03', written: '03/12/2025', label: 'lần 2'},
    ]);
  });

  test('"định kỳ 6 tháng (trước ngày 15/6) và năm (trước ngày 15/12)": the plan year is added', () => {
    const dates = readReportingDates(
      [
        'Các đơn vị báo cáo kết quả định kỳ 6 tháng (trước ngày 15/6) và năm (trước ngày 15/12) về UBND xã.',
      ],
      2026,
    );
    expect(dates).toEqual([
      {due: '2026-06-15', written: '15/6/2026', label: '6 tháng'},
      {due: '2026-12-15', written: '15/12/2026', label: 'năm'},
    ]);
  });

  test('dates of documents and sentences that are not about reporting do not count', () => {
    expect(
      readReportingDates(
        [
          'Thực hiện Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ;',
          'Hoàn thành việc sửa đổi quy chế trước ngày 30/8/2025.',
          'Kế hoạch số 16/KH-UBND ngày 31/7/2025 về báo cáo cải cách hành chính.',
        ],
        2025,
      ),
    ).toEqual([]);
  });

  test('periods follow each other from the plan start', () => {
    const periods = periodsFromDates(
      [
        {due: '2026-03-03', written: '03/3/2026', label: 'lần 1'},
        {due: '2026-06-03', written: '03/6/2026', label: 'lần 2'},
      ],
      '2026-01-01',
      {firstNumber: 3},
    );
    expect(periods.map(p => [p.id, p.name, p.start, p.due])).toEqual([
      ['KY3', 'Kỳ 1 (báo cáo trước 03/03/2026)', '2026-01-01', '2026-03-03'],
      ['KY4', 'Kỳ 2 (báo cáo trước 03/06/2026)', '2026-03-04', '2026-06-03'],
    ]);
  });
});

describe('halfYearOf', () => {
  test.each([
    [
      '… 6 tháng cuối năm 2025 trên địa bàn xã',
      {start: '2025-07-01', end: '2025-12-31'},
    ],
    ['… sáu tháng đầu năm 2026', {start: '2026-01-01', end: '2026-06-30'}],
    ['Công tác dân vận năm 2026', {start: '2026-01-01', end: '2026-12-31'}],
    ['Công tác dân vận', null],
  ])('%s', (title, span) => {
    expect(halfYearOf(title)).toEqual(span);
  });
});
