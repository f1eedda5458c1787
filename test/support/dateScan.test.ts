// The date scanner finds what it is meant to find, and leaves dd/MM/yyyy and the plan's own words alone.
import {dateProblems} from './dateScan';

describe('dateProblems', () => {
  it('accepts dd/MM/yyyy and "dd/MM/yyyy HH:mm"', () => {
    expect(
      dateProblems(
        'Hạn 03/09/2025; cập nhật lúc 02/09/2025 07:30; 1/13 nhiệm vụ; 7,7%',
      ),
    ).toEqual([]);
  });

  it.each([
    ['Hạn 3/9/2025', 'not dd/MM/yyyy'],
    ['Hạn 03/9/2025', 'not dd/MM/yyyy'],
    ['Hạn 03/09/25', 'not dd/MM/yyyy'],
    ['Hạn 2025/09/03', 'not dd/MM/yyyy'],
    ['Số liệu tính đến 2025-09-02', 'ISO date'],
    ['asOf 2025-09-02T07:30:00+07:00', 'ISO date'],
    ['Cập nhật 07:30 02/09/2025', 'time before date'],
    ['Cập nhật 07:30 ngày 02/09/2025', 'time before date'],
    ['Cập nhật 7h30, 02/09/2025', 'time before date'],
    ['Tue Sep 02 2025 07:30:00 GMT+0700', 'English date'],
    ['9/2/2025, 7:30:00 AM', 'not dd/MM/yyyy'],
  ])('flags %j', (text, kind) => {
    expect(dateProblems(text).join('\n')).toContain(`${kind}:`);
  });

  it('skips links, tags and the verbatim words given', () => {
    expect(
      dateProblems(
        '<a href="https://x.vn/?d=2025-09-02">mở</a> Thời gian: Xong trước 05/9/2025.',
        ['Xong trước 05/9/2025'],
      ),
    ).toEqual([]);
  });
});
