// Tests for parseTimeline: the seed plan's timelines, the other forms plans use, and properties.
import fc from 'fast-check';
import {daysInMonth, endOfMonth, makeIsoDate} from '../../src/core/dates';
import {parseTimeline} from '../../src/core/timeline';
import type {Timeline} from '../../src/core/types';

type Expected = Omit<Timeline, 'text'>;

function window(start: string, due: string): Expected {
  return {kind: 'window', start, due, continues: false, recurrence: null};
}

function deadline(due: string): Expected {
  return {
    kind: 'deadline',
    start: null,
    due,
    continues: false,
    recurrence: null,
  };
}

function ongoing(
  start: string | null,
  continues = false,
  recurrence: Timeline['recurrence'] = null,
): Expected {
  return {kind: 'ongoing', start, due: null, continues, recurrence};
}

const UNKNOWN: Expected = {
  kind: 'unknown',
  start: null,
  due: null,
  continues: false,
  recurrence: null,
};

/** The result without `text`, which is checked on its own. */
function parsed(text: string, defaultYear?: number): Expected {
  const options = defaultYear === undefined ? undefined : {defaultYear};
  const {text: kept, ...rest} = parseTimeline(text, options);
  expect(kept).toBe(text);
  return rest;
}

describe('parseTimeline: the seed plan', () => {
  const cases: Array<[string, Expected]> = [
    ['Thường xuyên', ongoing(null)],
    ['Xong trước 05/9/2025', deadline('2025-09-05')],
    ['Hoàn thành trước ngày 30/8/2025', deadline('2025-08-30')],
    ['Quý III, IV/2025', window('2025-07-01', '2025-12-31')],
    ['Tháng 9-11/2025', window('2025-09-01', '2025-11-30')],
    ['Tháng 8/2025', window('2025-08-01', '2025-08-31')],
    ['6 tháng cuối năm 2025', window('2025-07-01', '2025-12-31')],
    ['6 tháng cuối năm 2025 và các năm tiếp theo', ongoing('2025-07-01', true)],
    // As the appendix's cells break them.
    ['Xong trước \n\n05/9/2025', deadline('2025-09-05')],
    ['Quý III, \n\nIV/2025', window('2025-07-01', '2025-12-31')],
    ['Tháng 9-\n\n11/2025', window('2025-09-01', '2025-11-30')],
    [
      '6 tháng cuối \n\nnăm 2025 và \n\ncác năm tiếp \n\ntheo',
      ongoing('2025-07-01', true),
    ],
    ['Hoàn thành \n\ntrước ngày \n\n30/8/2025', deadline('2025-08-30')],
  ];
  test.each(cases)('%j', (text, expected) => {
    expect(parsed(text)).toEqual(expected);
  });
});

describe('parseTimeline: other plans', () => {
  const cases: Array<[string, Expected]> = [
    // Months.
    ['Tháng 10/2025', window('2025-10-01', '2025-10-31')],
    ['tháng 10 năm 2025', window('2025-10-01', '2025-10-31')],
    ['Tháng 02/2024', window('2024-02-01', '2024-02-29')],
    ['10/2025', window('2025-10-01', '2025-10-31')],
    ['Tháng 10-2025', window('2025-10-01', '2025-10-31')],
    ['Tháng 9 - 11/2025', window('2025-09-01', '2025-11-30')],
    ['Tháng 9 – 11/2025', window('2025-09-01', '2025-11-30')],
    ['Tháng 9-11 năm 2025', window('2025-09-01', '2025-11-30')],
    ['từ tháng 9 đến tháng 11/2025', window('2025-09-01', '2025-11-30')],
    ['Từ tháng 9 tới tháng 11 năm 2025', window('2025-09-01', '2025-11-30')],
    ['tháng 9 đến tháng 11/2025', window('2025-09-01', '2025-11-30')],
    ['Tháng 9, 10/2025', window('2025-09-01', '2025-10-31')],
    ['Tháng 9,10 và 11/2025', window('2025-09-01', '2025-11-30')],
    ['Tháng 9, 10, và 11/2025', window('2025-09-01', '2025-11-30')],
    ['Tháng 1-3, 6-9/2025', window('2025-01-01', '2025-09-30')],
    ['Tháng 9/2025 - 11/2025', window('2025-09-01', '2025-11-30')],
    ['tháng 11/2025 - tháng 2/2026', window('2025-11-01', '2026-02-28')],
    ['Tháng 9, năm 2025', window('2025-09-01', '2025-09-30')],
    // Quarters.
    ['Quý III/2025', window('2025-07-01', '2025-09-30')],
    ['Quý 3/2025', window('2025-07-01', '2025-09-30')],
    ['Quý 03/2025', window('2025-07-01', '2025-09-30')],
    ['Quý 3 năm 2025', window('2025-07-01', '2025-09-30')],
    ['Quý I/2026', window('2026-01-01', '2026-03-31')],
    ['Quý II, III/2025', window('2025-04-01', '2025-09-30')],
    ['Quý II và III năm 2025', window('2025-04-01', '2025-09-30')],
    ['Quý I - II/2026', window('2026-01-01', '2026-06-30')],
    ['Qúy IV/2025', window('2025-10-01', '2025-12-31')],
    ['Quí 4/2025', window('2025-10-01', '2025-12-31')],
    ['Quý IV/2025 - Quý I/2026', window('2025-10-01', '2026-03-31')],
    ['từ quý III đến quý IV/2025', window('2025-07-01', '2025-12-31')],
    // Half-years and years.
    ['6 tháng đầu năm 2026', window('2026-01-01', '2026-06-30')],
    ['Sáu tháng cuối năm 2025', window('2025-07-01', '2025-12-31')],
    ['06 tháng đầu năm 2026', window('2026-01-01', '2026-06-30')],
    [
      '6 tháng cuối năm 2025 - 6 tháng đầu năm 2026',
      window('2025-07-01', '2026-06-30'),
    ],
    ['Năm 2025', window('2025-01-01', '2025-12-31')],
    ['Cả năm 2025', window('2025-01-01', '2025-12-31')],
    ['Trong năm 2025', window('2025-01-01', '2025-12-31')],
    ['2025', window('2025-01-01', '2025-12-31')],
    // Deadlines.
    ['trước 15/9/2025', deadline('2025-09-15')],
    ['trước ngày 15/09/2025', deadline('2025-09-15')],
    ['đến 30/9/2025', deadline('2025-09-30')],
    ['đến ngày 30/9/2025', deadline('2025-09-30')],
    ['tới ngày 30/9/2025', deadline('2025-09-30')],
    ['chậm nhất ngày 30/9/2025', deadline('2025-09-30')],
    ['Chậm nhất trước ngày 30/9/2025', deadline('2025-09-30')],
    ['hạn 30/9/2025', deadline('2025-09-30')],
    ['Hạn: 30/9/2025', deadline('2025-09-30')],
    ['Hạn chót 30/9/2025', deadline('2025-09-30')],
    ['Thời hạn: 30/9/2025', deadline('2025-09-30')],
    ['Từ nay đến ngày 30/9/2025', deadline('2025-09-30')],
    ['30/9/2025', deadline('2025-09-30')],
    ['30-9-2025', deadline('2025-09-30')],
    ['30.9.2025', deadline('2025-09-30')],
    ['30 . 9 . 2025', deadline('2025-09-30')],
    ['Hoàn thành 30/9/2025', deadline('2025-09-30')],
    ['ngày 30 tháng 9 năm 2025', deadline('2025-09-30')],
    ['Trước ngày 30 tháng 9 năm 2025', deadline('2025-09-30')],
    ['trước tháng 10/2025', deadline('2025-09-30')],
    ['trước quý IV/2025', deadline('2025-09-30')],
    ['Xong trước tháng 3/2024', deadline('2024-02-29')],
    ['trước năm 2026', deadline('2025-12-31')],
    ['đến hết tháng 10/2025', deadline('2025-10-31')],
    ['Đến tháng 10/2025', deadline('2025-10-31')],
    ['Hết quý III/2025', deadline('2025-09-30')],
    // Windows.
    ['trong tháng 10/2025', window('2025-10-01', '2025-10-31')],
    ['trong quý IV/2025', window('2025-10-01', '2025-12-31')],
    ['Hoàn thành trong quý IV/2025', window('2025-10-01', '2025-12-31')],
    [
      'Thực hiện trong 6 tháng cuối năm 2025',
      window('2025-07-01', '2025-12-31'),
    ],
    ['Trong ngày 30/9/2025', window('2025-09-30', '2025-09-30')],
    ['Thời gian: Tháng 8/2025', window('2025-08-01', '2025-08-31')],
    ['từ 01/7/2025 đến 30/9/2025', window('2025-07-01', '2025-09-30')],
    ['từ ngày 1/7/2025 đến ngày 30/9/2025', window('2025-07-01', '2025-09-30')],
    ['01/7/2025 - 30/9/2025', window('2025-07-01', '2025-09-30')],
    ['01-7-2025 - 30-9-2025', window('2025-07-01', '2025-09-30')],
    ['01.7.2025-30.9.2025', window('2025-07-01', '2025-09-30')],
    ['từ 1/7 đến 30/9/2025', window('2025-07-01', '2025-09-30')],
    ['Từ 01/7/2025 - 30/9/2025', window('2025-07-01', '2025-09-30')],
    // Ongoing.
    ['từ 01/7/2025', ongoing('2025-07-01')],
    ['Từ tháng 9/2025', ongoing('2025-09-01')],
    ['Hằng tháng', ongoing(null, false, 'monthly')],
    ['Hàng tháng', ongoing(null, false, 'monthly')],
    ['hằng quý', ongoing(null, false, 'quarterly')],
    ['Hàng quý', ongoing(null, false, 'quarterly')],
    ['hằng năm', ongoing(null, false, 'yearly')],
    ['Hàng năm', ongoing(null, false, 'yearly')],
    ['Định kỳ', ongoing(null, false, 'periodic')],
    ['Hằng tuần', ongoing(null, false, 'periodic')],
    ['Liên tục', ongoing(null)],
    ['Thường xuyên, liên tục', ongoing(null)],
    ['Định kỳ hằng quý', ongoing(null, false, 'quarterly')],
    ['Thường xuyên (hằng tháng)', ongoing(null, false, 'monthly')],
    ['Thường xuyên và hằng quý', ongoing(null, false, 'quarterly')],
    ['Hằng tháng, năm 2025', ongoing('2025-01-01', false, 'monthly')],
    ['Định kỳ hằng quý năm 2025', ongoing('2025-01-01', false, 'quarterly')],
    ['Hằng tháng từ tháng 7/2025', ongoing('2025-07-01', false, 'monthly')],
    ['Thường xuyên - Năm 2025', ongoing('2025-01-01')],
    ['Năm 2025 - thường xuyên', ongoing('2025-01-01')],
    ['Thường xuyên, trước 30/9/2025', ongoing(null)],
    ['Thường xuyên và các năm tiếp theo', ongoing(null, true)],
    ['Năm 2025 và những năm tiếp theo', ongoing('2025-01-01', true)],
    ['Quý III/2025 và các năm sau', ongoing('2025-07-01', true)],
    ['Năm 2025, các năm kế tiếp', ongoing('2025-01-01', true)],
    ['Tháng 9-11/2025 và các năm tiếp theo', ongoing('2025-09-01', true)],
    [
      'Hằng năm, 6 tháng cuối năm 2025 và các năm tiếp theo',
      ongoing('2025-07-01', true, 'yearly'),
    ],
    ['Trước 30/9/2025 và các năm tiếp theo', ongoing(null, true)],
    // Punctuation, bullets and odd spaces.
    ['- Tháng 8/2025.', window('2025-08-01', '2025-08-31')],
    ['Tháng 8/2025;', window('2025-08-01', '2025-08-31')],
    ['Tháng\u00a08/2025', window('2025-08-01', '2025-08-31')],
    ['Tháng\u200b8/2025', window('2025-08-01', '2025-08-31')],
    ['Thường \u200dxuyên', ongoing(null)],
    ['THƯỜNG XUYÊN', ongoing(null)],
    ['QUÝ III, IV/2025', window('2025-07-01', '2025-12-31')],
  ];
  test.each(cases)('%j', (text, expected) => {
    expect(parsed(text)).toEqual(expected);
  });
});

describe('parseTimeline: missing years', () => {
  const cases: Array<[string, Expected]> = [
    ['Tháng 9-11', window('2025-09-01', '2025-11-30')],
    ['Tháng 8', window('2025-08-01', '2025-08-31')],
    ['Quý III', window('2025-07-01', '2025-09-30')],
    ['Quý III, IV', window('2025-07-01', '2025-12-31')],
    ['6 tháng cuối năm', window('2025-07-01', '2025-12-31')],
    ['6 tháng đầu năm', window('2025-01-01', '2025-06-30')],
    ['Trong năm', window('2025-01-01', '2025-12-31')],
    ['Cả năm', window('2025-01-01', '2025-12-31')],
    ['trước 15/9', deadline('2025-09-15')],
    ['Tháng 9-11/2026', window('2026-09-01', '2026-11-30')],
    ['Hằng tháng', ongoing(null, false, 'monthly')],
  ];
  test.each(cases)('%j with defaultYear 2025', (text, expected) => {
    expect(parsed(text, 2025)).toEqual(expected);
  });

  test.each(cases.filter(([text]) => !/\d{4}|Hằng/.test(text)))(
    '%j without defaultYear is unknown',
    text => {
      expect(parsed(text)).toEqual(UNKNOWN);
    },
  );

  test('a defaultYear that is no whole number is ignored', () => {
    const options = {defaultYear: 2025.5};
    expect(parseTimeline('Tháng 8', options).kind).toBe('unknown');
    const text = 'Tháng 8';
    const bad = {defaultYear: '2025'} as unknown as {defaultYear: number};
    expect(parseTimeline(text, bad).kind).toBe('unknown');
    expect(parseTimeline('Tháng 8/2025', bad).kind).toBe('window');
  });

  test('a year the others take must keep the parts in order', () => {
    // 11 takes 2026 from its end: November 2026 comes after February 2026.
    expect(parsed('tháng 11 - tháng 2/2026')).toEqual(UNKNOWN);
    expect(parsed('tháng 11/2025 - tháng 2', 2025)).toEqual(UNKNOWN);
  });
});

describe('parseTimeline: what it cannot read', () => {
  const cases = [
    '',
    '   ',
    'abc',
    'Theo yêu cầu',
    'Đột xuất',
    'Tháng',
    'Quý',
    'và các năm tiếp theo',
    'Thường xuyên, theo yêu cầu',
    'Hằng tháng, tháng 13/2025',
    '31/2/2025',
    '29/2/2025',
    '32/1/2025',
    '0/1/2025',
    'Tháng 13/2025',
    'Tháng 0/2025',
    'Quý V/2025',
    'Quý 5/2025',
    'Quý 0/2025',
    'Quý IIII/2025',
    'Tháng 8/1800',
    '30/9/25',
    'Tháng 9-',
    '-',
    'Tháng 11-9/2025',
    'Quý IV, III/2025',
    'Tháng 9, 30/10/2025',
    'Năm 2025 - tháng 3/2025',
    '30/9/2025 - 01/7/2025',
    'từ 30/9/2025 đến 01/7/2025',
    'từ tháng 9 đến',
    'trước',
    'Xong trước 31/9/2025',
    '9-11/2025',
    '15-9',
    'Tháng 9 thường xuyên tháng 10',
    'Tháng 8/2025 (hoàn thành trước 30/8)',
    '1-7-2025-30-9',
    'Tháng 8/2025 '.repeat(30),
  ];
  test.each(cases)('%j', text => {
    expect(parsed(text)).toEqual(UNKNOWN);
  });

  test('never throws on what is no string', () => {
    const loose = parseTimeline as (
      text: unknown,
      options?: unknown,
    ) => Timeline;
    expect(loose(null)).toEqual({...UNKNOWN, text: ''});
    expect(loose(undefined)).toEqual({...UNKNOWN, text: ''});
    expect(loose(2025)).toEqual({
      ...window('2025-01-01', '2025-12-31'),
      text: '2025',
    });
    expect(loose(Number.NaN).kind).toBe('unknown');
    expect(loose({}).kind).toBe('unknown');
    expect(loose(Object.create(null))).toEqual({...UNKNOWN, text: ''});
    const hostile = {
      toString() {
        throw new Error('no');
      },
    };
    expect(loose(hostile)).toEqual({...UNKNOWN, text: ''});
    expect(loose('Tháng 8/2025', null).kind).toBe('window');
    const throwing = {
      get defaultYear(): number {
        throw new Error('no');
      },
    };
    expect(loose('Tháng 8', throwing)).toEqual({...UNKNOWN, text: 'Tháng 8'});
  });
});

describe('parseTimeline: spelling does not matter', () => {
  const texts = [
    'Thường xuyên',
    'Xong trước 05/9/2025',
    'Hoàn thành trước ngày 30/8/2025',
    'Quý III, IV/2025',
    'Tháng 9-11/2025',
    'Tháng 8/2025',
    '6 tháng cuối năm 2025',
    '6 tháng cuối năm 2025 và các năm tiếp theo',
    'Quý II và III năm 2025',
    'Định kỳ hằng quý năm 2025',
    'từ ngày 1/7/2025 đến ngày 30/9/2025',
    'Chậm nhất ngày 30 tháng 9 năm 2025',
  ];

  test.each(texts)('NFD %j reads as NFC', text => {
    const nfd = text.normalize('NFD');
    expect(nfd).not.toBe(text);
    expect(parsed(nfd)).toEqual(parsed(text));
  });

  test.each(texts)('upper case %j reads the same', text => {
    expect(parsed(text.toUpperCase())).toEqual(parsed(text));
  });

  test('extra spaces and line breaks read the same', () => {
    expect(parsed('Tháng 9-\n11/2025')).toEqual(parsed('Tháng 9-11/2025'));
    expect(parsed('  xong   trước  05/9/2025 .')).toEqual(
      parsed('Xong trước 05/9/2025'),
    );
    expect(parsed('Quý  III ,\tIV / 2025')).toEqual(parsed('Quý III, IV/2025'));
    expect(parsed('\u00a0Thường\u00a0xuyên\u00a0')).toEqual(
      parsed('Thường xuyên'),
    );
  });

  test('the text is kept exactly as given', () => {
    const text = '  Tháng 9-\r\n11/2025 .'.normalize('NFD');
    expect(parseTimeline(text).text).toBe(text);
  });
});

describe('parseTimeline: properties', () => {
  const dateArb = fc
    .record({
      year: fc.integer({min: 1900, max: 2200}),
      month: fc.integer({min: 1, max: 12}),
    })
    .chain(({year, month}) =>
      fc
        .integer({min: 1, max: daysInMonth(year, month)})
        .map(day => ({year, month, day})),
    );
  const iso = (year: number, month: number, day: number) =>
    makeIsoDate(year, month, day) as string;
  const pad = (n: number) => String(n).padStart(2, '0');
  const ROMAN = ['', 'I', 'II', 'III', 'IV'];

  /** Random case, and random runs of spaces around words and separators. */
  function respell(text: string, seed: number[]): string {
    let i = 0;
    const next = () => seed[i++ % seed.length];
    const spaces = () => [' ', '  ', ' \n', '\u00a0', '\t '][next() % 5];
    return text
      .split('')
      .map(c => (next() % 2 ? c.toUpperCase() : c.toLowerCase()))
      .join('')
      .replace(/ /g, () => spaces())
      .replace(/[/,-]/g, c => (next() % 3 ? c : `${spaces()}${c}${spaces()}`));
  }

  test('never throws and keeps the text', () => {
    const check = (text: string) => {
      const t = parseTimeline(text);
      return t.text === text;
    };
    fc.assert(fc.property(fc.string(), check), {numRuns: 500});
    fc.assert(fc.property(fc.string({unit: 'grapheme'}), check), {
      numRuns: 500,
    });
    fc.assert(
      fc.property(
        fc.array(
          fc.constantFrom(
            'tháng ',
            'quý ',
            'năm ',
            'trước ',
            'từ ',
            'đến ',
            'và ',
            'hằng tháng',
            'thường xuyên',
            'các năm tiếp theo',
            '6 tháng cuối ',
            'iv',
            '9',
            '30',
            '2025',
            '/',
            '-',
            '.',
            ', ',
          ),
          {maxLength: 12},
        ),
        parts => check(parts.join('')),
      ),
      {numRuns: 2000},
    );
    fc.assert(
      fc.property(fc.anything(), value => {
        const t = (parseTimeline as (v: unknown) => Timeline)(value);
        return typeof t.text === 'string';
      }),
      {numRuns: 300},
    );
  });

  test('start <= due whenever both are set, and kinds have their dates', () => {
    const pieces = fc.constantFrom(
      'tháng ',
      'quý ',
      'năm ',
      'trước ',
      'trong ',
      'từ ',
      ' đến ',
      ' và ',
      '6 tháng đầu năm ',
      'cả ',
      'i',
      'iv',
      '1',
      '3',
      '9',
      '12',
      '2024',
      '2025',
      '/',
      '-',
      '.',
      ', ',
    );
    fc.assert(
      fc.property(
        fc.array(pieces, {maxLength: 10}),
        fc.option(fc.integer({min: 1900, max: 2200}), {nil: undefined}),
        (parts, defaultYear) => {
          const t = parseTimeline(parts.join(''), {defaultYear});
          if (t.start !== null && t.due !== null) {
            expect(t.start <= t.due).toBe(true);
          }
          if (t.kind === 'window') expect(t.start && t.due).toBeTruthy();
          if (t.kind === 'deadline') expect(t.due && !t.start).toBeTruthy();
          if (t.kind !== 'window' && t.kind !== 'deadline') {
            expect(t.due).toBeNull();
          }
          if (t.kind === 'unknown') expect(t.start).toBeNull();
        },
      ),
      {numRuns: 3000},
    );
  });

  test('deadlines read back', () => {
    fc.assert(
      fc.property(
        dateArb,
        fc.constantFrom('/', '-', '.'),
        fc.boolean(),
        ({year, month, day}, sep, padded) => {
          const d = padded ? pad(day) : String(day);
          const m = padded ? pad(month) : String(month);
          const date = [d, m, year].join(sep);
          const due = iso(year, month, day);
          expect(parsed(`trước ngày ${date}`)).toEqual(deadline(due));
          expect(
            parsed(`Xong trước ${pad(day)}/${pad(month)}/${year}`),
          ).toEqual(deadline(due));
          expect(parsed(date)).toEqual(deadline(due));
        },
      ),
    );
  });

  test('date ranges read back', () => {
    fc.assert(
      fc.property(dateArb, dateArb, (a, b) => {
        const [from, to] = [
          iso(a.year, a.month, a.day),
          iso(b.year, b.month, b.day),
        ].sort();
        const vn = (d: string) =>
          `${+d.slice(8)}/${+d.slice(5, 7)}/${d.slice(0, 4)}`;
        expect(parsed(`từ ngày ${vn(from)} đến ngày ${vn(to)}`)).toEqual(
          window(from, to),
        );
        expect(parsed(`${vn(from)} - ${vn(to)}`)).toEqual(window(from, to));
      }),
    );
  });

  test('month ranges read back', () => {
    fc.assert(
      fc.property(
        fc.integer({min: 1, max: 12}),
        fc.integer({min: 1, max: 12}),
        fc.integer({min: 1900, max: 2200}),
        (a, b, year) => {
          const [m1, m2] = a <= b ? [a, b] : [b, a];
          const expected = window(iso(year, m1, 1), endOfMonth(year, m2));
          expect(parsed(`Tháng ${m1}-${m2}/${year}`)).toEqual(expected);
          expect(parsed(`từ tháng ${m1} đến tháng ${m2} năm ${year}`)).toEqual(
            expected,
          );
          expect(parsed(`Tháng ${m1}-${m2}`, year)).toEqual(expected);
          if (a !== b) {
            expect(parsed(`Tháng ${m2}-${m1}/${year}`)).toEqual(UNKNOWN);
          }
        },
      ),
    );
  });

  test('quarters read back, in Roman or Arabic numerals', () => {
    fc.assert(
      fc.property(
        fc.integer({min: 1, max: 4}),
        fc.integer({min: 1, max: 4}),
        fc.integer({min: 1900, max: 2200}),
        fc.boolean(),
        (a, b, year, roman) => {
          const [q1, q2] = a <= b ? [a, b] : [b, a];
          const name = (q: number) => (roman ? ROMAN[q] : String(q));
          const one = window(
            iso(year, 3 * q1 - 2, 1),
            endOfMonth(year, 3 * q1),
          );
          const both = window(
            iso(year, 3 * q1 - 2, 1),
            endOfMonth(year, 3 * q2),
          );
          expect(parsed(`Quý ${name(q1)}/${year}`)).toEqual(one);
          expect(parsed(`Quý ${name(q1)} năm ${year}`)).toEqual(one);
          expect(parsed(`Quý ${name(q1)}, ${name(q2)}/${year}`)).toEqual(both);
          expect(parsed(`Quý ${name(q1)} - ${name(q2)}/${year}`)).toEqual(both);
          expect(parsed(`Quý ${name(q1)} và ${name(q2)} năm ${year}`)).toEqual(
            both,
          );
        },
      ),
    );
  });

  test('case and extra spaces do not change the result', () => {
    const texts = [
      'Thường xuyên',
      'Xong trước 05/9/2025',
      'Hoàn thành trước ngày 30/8/2025',
      'Quý III, IV/2025',
      'Tháng 9-11/2025',
      'Tháng 8/2025',
      '6 tháng cuối năm 2025 và các năm tiếp theo',
      'tháng 11/2025 - tháng 2/2026',
      'từ 01/7/2025 đến 30/9/2025',
      'Định kỳ hằng quý năm 2025',
      'Hằng tháng, năm 2025',
      'trước quý IV/2025',
      'Quý II và III năm 2025',
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...texts),
        fc.array(fc.nat(), {minLength: 1, maxLength: 40}),
        fc.boolean(),
        (text, seed, nfd) => {
          const respelled = respell(text, seed);
          expect(parsed(nfd ? respelled.normalize('NFD') : respelled)).toEqual(
            parsed(text),
          );
        },
      ),
      {numRuns: 500},
    );
  });
});

describe("parseTimeline: forms from other communes' plans (issue 14)", () => {
  const cases: Array<[string, Expected]> = [
    ['Thường xuyên, theo yêu cầu nhiệm vụ', ongoing(null)],
    ['Thường xuyên theo yêu cầu công việc', ongoing(null)],
    [
      '60 ngày, bắt đầu từ 01/11/2025 đến 30/12/2025',
      window('2025-11-01', '2025-12-30'),
    ],
    ['Giai đoạn 2026-2030 và những năm tiếp theo', ongoing('2026-01-01', true)],
    ['Trong giai đoạn 2026 - 2030', window('2026-01-01', '2030-12-31')],
    ['Quý IV/2025- Quý II/2026', window('2025-10-01', '2026-06-30')],
    [
      'Bắt đầu từ 01/11/2025 đến 30/12/2025',
      window('2025-11-01', '2025-12-30'),
    ],
  ];
  test.each(cases)('%j', (text, expected) => {
    expect(parsed(text)).toEqual(expected);
  });

  // A document number is no date: "02-KH/BCĐTW", "16/KH-UBND", "57-NQ/TW" have none.
  test.each([
    'Theo lộ trình được giao tại Kế hoạch số 02-KH/BCĐTW',
    'Theo Kế hoạch số 16/KH-UBND',
    'Thực hiện Nghị quyết số 57-NQ/TW',
    '60 ngày',
    'Theo yêu cầu',
  ])('%j has no date', text => {
    expect(parsed(text)).toEqual(UNKNOWN);
  });
});
