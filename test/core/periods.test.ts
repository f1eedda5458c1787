// Tests for reporting periods: the current one, days left, the previous one, open or not.
import fc from 'fast-check';
import {
  daysLeft,
  isPeriodOpen,
  periodAt,
  previousPeriod,
  sortPeriods,
} from '../../src/core/periods';
import type {ReportingPeriod} from '../../src/core/types';
import {DEFAULT_PERIODS} from '../../src/plan/defaultPlan';

const period = (id: string, start: string, due: string): ReportingPeriod => ({
  id,
  name: id,
  kind: 'adhoc',
  start,
  due,
  reminderOffsets: [],
  note: '',
});
const [KY1, KY2] = DEFAULT_PERIODS;

describe('sortPeriods', () => {
  it('orders by due, then start, then id, without touching the input', () => {
    const b = period('B', '2025-08-01', '2025-09-03');
    const a = period('A', '2025-08-01', '2025-09-03');
    const c = period('C', '2025-07-01', '2025-09-03');
    const input = [KY2, b, a, c];
    expect(sortPeriods(input).map(p => p.id)).toEqual(['C', 'A', 'B', 'KY2']);
    expect(input.map(p => p.id)).toEqual(['KY2', 'B', 'A', 'C']);
  });
});

describe('periodAt', () => {
  it('finds the seed periods on their first and last days', () => {
    expect(periodAt(DEFAULT_PERIODS, '2025-07-01')).toBe(KY1);
    expect(periodAt(DEFAULT_PERIODS, '2025-09-03')).toBe(KY1);
    expect(periodAt(DEFAULT_PERIODS, '2025-09-04')).toBe(KY2);
    expect(periodAt(DEFAULT_PERIODS, '2025-12-03')).toBe(KY2);
  });

  it('before every period: the next one; after every period: null', () => {
    expect(periodAt(DEFAULT_PERIODS, '2025-01-15')).toBe(KY1);
    expect(periodAt(DEFAULT_PERIODS, '2025-12-04')).toBeNull();
    expect(periodAt([], '2025-09-01')).toBeNull();
  });

  it('in a gap between periods: the next one', () => {
    const p1 = period('P1', '2025-07-01', '2025-07-31');
    const p2 = period('P2', '2025-09-01', '2025-09-30');
    expect(periodAt([p2, p1], '2025-08-15')).toBe(p2);
  });

  it('overlapping periods: the one due first', () => {
    const adhoc = period('DX1', '2025-08-01', '2025-08-20');
    expect(periodAt([KY1, KY2, adhoc], '2025-08-10')).toBe(adhoc);
    expect(periodAt([KY1, KY2, adhoc], '2025-08-21')).toBe(KY1);
  });

  it('always returns a period holding today or the next one to come due (property)', () => {
    const day = fc
      .integer({min: 0, max: 500})
      .map(n => new Date(Date.UTC(2025, 0, 1 + n)).toISOString().slice(0, 10));
    const arb = fc
      .array(fc.tuple(day, day), {maxLength: 6})
      .map(pairs =>
        pairs.map(([x, y], i) => period(`P${i}`, x < y ? x : y, x < y ? y : x)),
      );
    fc.assert(
      fc.property(arb, day, (periods, today) => {
        const p = periodAt(periods, today);
        const holding = periods.filter(x => x.start <= today && today <= x.due);
        if (holding.length) {
          expect(p && p.start <= today && today <= p.due).toBe(true);
          expect(p?.due).toBe(holding.map(x => x.due).sort()[0]);
        } else if (periods.some(x => x.due >= today)) {
          expect(p?.due).toBe(
            periods
              .map(x => x.due)
              .filter(d => d >= today)
              .sort()[0],
          );
        } else {
          expect(p).toBeNull();
        }
      }),
    );
  });
});

describe('daysLeft', () => {
  it('counts days to the reporting date', () => {
    expect(daysLeft(KY1, '2025-08-27')).toBe(7);
    expect(daysLeft(KY1, '2025-09-03')).toBe(0);
    expect(daysLeft(KY1, '2025-09-05')).toBe(-2);
    expect(daysLeft('2025-12-03', '2025-11-30')).toBe(3);
  });
});

describe('previousPeriod', () => {
  it('by object or id', () => {
    expect(previousPeriod(DEFAULT_PERIODS, KY2)).toBe(KY1);
    expect(previousPeriod(DEFAULT_PERIODS, 'KY2')).toBe(KY1);
    expect(previousPeriod([KY2, KY1], 'KY1')).toBeNull();
    expect(previousPeriod(DEFAULT_PERIODS, 'NOPE')).toBeNull();
  });

  it('for a period not in the list, the last one due before it', () => {
    const adhoc = period('DX', '2025-10-01', '2025-10-15');
    expect(previousPeriod(DEFAULT_PERIODS, adhoc)).toBe(KY1);
    expect(
      previousPeriod(DEFAULT_PERIODS, period('X', '2025-01-01', '2025-02-01')),
    ).toBeNull();
  });
});

describe('isPeriodOpen', () => {
  it('from start to due, plus grace days', () => {
    expect(isPeriodOpen(KY1, '2025-06-30')).toBe(false);
    expect(isPeriodOpen(KY1, '2025-07-01')).toBe(true);
    expect(isPeriodOpen(KY1, '2025-09-03')).toBe(true);
    expect(isPeriodOpen(KY1, '2025-09-04')).toBe(false);
    expect(isPeriodOpen(KY1, '2025-09-05', 2)).toBe(true);
    expect(isPeriodOpen(KY1, '2025-09-06', 2)).toBe(false);
    expect(isPeriodOpen(KY1, '2025-09-04', -5)).toBe(false);
  });
});
