// The core's one date and date-time formatter: dd/MM/yyyy, date before time, in the plan's zone.
import {
  formatVnDate,
  formatVnDateTime,
  formatWrittenDateTime,
  offsetOf,
} from '../../src/core/dates';

describe('formatVnDate', () => {
  it('writes dd/MM/yyyy, two-digit day and month', () => {
    expect(formatVnDate('2025-09-03')).toBe('03/09/2025');
    expect(formatVnDate(null)).toBe('');
    expect(formatVnDate('2025-02-30')).toBe('');
  });
});

describe('formatVnDateTime', () => {
  it('writes the date before the time, in the zone', () => {
    expect(formatVnDateTime('2025-09-02T00:30:00Z')).toBe('02/09/2025 07:30');
    expect(formatVnDateTime('2025-09-02T17:30:00Z')).toBe('03/09/2025 00:30');
    expect(formatVnDateTime('2025-09-02T00:30:00Z', 0)).toBe(
      '02/09/2025 00:30',
    );
  });

  it('takes text with no zone as wall-clock time, and a bare date as a date', () => {
    expect(formatVnDateTime('2025-09-02 07:30')).toBe('02/09/2025 07:30');
    expect(formatVnDateTime('2025-09-02')).toBe('02/09/2025');
    expect(formatVnDateTime('')).toBe('');
  });
});

describe('formatWrittenDateTime', () => {
  it('keeps the wall-clock time the stamp was written with', () => {
    expect(formatWrittenDateTime('2025-09-02T07:30:00+07:00')).toBe(
      '02/09/2025 07:30',
    );
    expect(formatWrittenDateTime('2025-09-02T07:30:00-05:00')).toBe(
      '02/09/2025 07:30',
    );
    expect(formatWrittenDateTime(null)).toBe('');
  });

  it('reads the offset of a stamp', () => {
    expect(offsetOf('2025-09-02T07:30:00+07:00')).toBe(420);
    expect(offsetOf('2025-09-02T07:30:00Z')).toBe(0);
    expect(offsetOf('2025-09-02')).toBeNull();
  });
});
