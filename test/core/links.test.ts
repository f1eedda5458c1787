// Tests for the pure part of personal links: token shape, stored records and states, the bad-token throttle, expiry.
import fc from 'fast-check';
import {
  EMPTY_UNIT_STATE,
  RECORD_KEEP_DAYS,
  THROTTLE_LIMIT,
  THROTTLE_WINDOW_MS,
  isPrunable,
  isThrottled,
  isTokenShaped,
  judgeRecord,
  linkExpiry,
  linkUrl,
  parseLinkRecord,
  parseThrottle,
  parseUnitState,
  recordFailure,
  refusalMessage,
  type LinkRecord,
  type LinkRefusalCode,
} from '../../src/core/links';

const TOKEN = 'A'.repeat(20) + '-_' + 'z9'.repeat(10) + 'q';

describe('isTokenShaped', () => {
  it('accepts exactly 43 URL-safe base64 characters', () => {
    expect(TOKEN).toHaveLength(43);
    expect(isTokenShaped(TOKEN)).toBe(true);
    expect(isTokenShaped(TOKEN.slice(1))).toBe(false);
    expect(isTokenShaped(TOKEN + 'A')).toBe(false);
    expect(isTokenShaped(TOKEN.slice(1) + '=')).toBe(false);
    expect(isTokenShaped(TOKEN.slice(1) + '+')).toBe(false);
    expect(isTokenShaped(TOKEN.slice(1) + '/')).toBe(false);
    expect(isTokenShaped(` ${TOKEN.slice(1)}`)).toBe(false);
    expect(isTokenShaped(`${TOKEN}\n`)).toBe(false);
  });

  it('refuses anything that is not a string', () => {
    for (const v of [null, undefined, 43, {}, [TOKEN], {toString: () => TOKEN}])
      expect(isTokenShaped(v)).toBe(false);
  });

  it('never accepts a string with a character outside [A-Za-z0-9_-]', () => {
    fc.assert(
      fc.property(
        fc.string({minLength: 43, maxLength: 43}),
        s => isTokenShaped(s) === /^[A-Za-z0-9_-]+$/.test(s),
      ),
    );
  });
});

describe('parseUnitState', () => {
  it('is the empty state for nothing or damaged JSON', () => {
    expect(parseUnitState(null)).toEqual(EMPTY_UNIT_STATE);
    expect(parseUnitState('')).toEqual(EMPTY_UNIT_STATE);
    expect(parseUnitState('{not json')).toEqual(EMPTY_UNIT_STATE);
  });

  it('keeps good fields and repairs bad ones', () => {
    const s = parseUnitState(
      JSON.stringify({g: 3, h: 'abc', m: 'x', o1: 5, n: -2, extra: 1}),
    );
    expect(s).toEqual({g: 3, h: 'abc', m: 'x', o1: '', o2: '', n: 0});
    expect(parseUnitState(JSON.stringify({g: 0})).g).toBe(1);
    expect(parseUnitState(JSON.stringify({g: 1.5})).g).toBe(1);
    expect(parseUnitState(JSON.stringify({n: 4})).n).toBe(4);
  });

  it('returns a fresh object, never the shared empty state', () => {
    const a = parseUnitState(null);
    a.n = 9;
    expect(EMPTY_UNIT_STATE.n).toBe(0);
  });
});

describe('parseLinkRecord', () => {
  const good: LinkRecord = {
    u: 'VHXH',
    g: 2,
    iss: '2026-01-05',
    exp: '2026-06-30',
  };

  it('reads a stored record back', () => {
    expect(parseLinkRecord(JSON.stringify(good))).toEqual(good);
    expect(
      parseLinkRecord(JSON.stringify({...good, r: '2026-02-01T00:00:00Z'})),
    ).toEqual({...good, r: '2026-02-01T00:00:00Z'});
  });

  it('fails closed on anything damaged', () => {
    for (const raw of [
      null,
      '',
      'nope',
      JSON.stringify({...good, u: ''}),
      JSON.stringify({...good, u: 5}),
      JSON.stringify({...good, g: '2'}),
      JSON.stringify({...good, exp: '30/06/2026'}),
      JSON.stringify({u: 'VHXH', g: 1}),
    ]) {
      expect(parseLinkRecord(raw)).toBeNull();
    }
  });

  it('drops an empty revocation mark', () => {
    expect(parseLinkRecord(JSON.stringify({...good, r: ''}))).toEqual(good);
  });
});

describe('judgeRecord', () => {
  const rec: LinkRecord = {u: 'T1', g: 1, iss: '2026-01-01', exp: '2026-06-30'};

  it('opens a live record up to and including its last day', () => {
    expect(judgeRecord(rec, '2026-03-01')).toEqual({
      ok: true,
      unitCode: 'T1',
      record: rec,
    });
    expect(judgeRecord(rec, '2026-06-30').ok).toBe(true);
  });

  it('refuses a missing, revoked or expired record', () => {
    expect(judgeRecord(null, '2026-03-01')).toEqual({
      ok: false,
      code: 'unknown',
    });
    expect(judgeRecord({...rec, r: 'x'}, '2026-03-01')).toEqual({
      ok: false,
      code: 'revoked',
    });
    expect(judgeRecord(rec, '2026-07-01')).toEqual({
      ok: false,
      code: 'expired',
    });
  });

  it('says revoked before expired', () => {
    expect(judgeRecord({...rec, r: 'x'}, '2027-01-01')).toEqual({
      ok: false,
      code: 'revoked',
    });
  });
});

describe('refusalMessage', () => {
  const codes: LinkRefusalCode[] = [
    'malformed',
    'unknown',
    'revoked',
    'expired',
    'inactive',
    'throttled',
  ];

  it('has a Vietnamese message for every refusal', () => {
    for (const code of codes) {
      const m = refusalMessage(code, 'Văn phòng UBND');
      expect(m.length).toBeGreaterThan(20);
      expect(m).toMatch(
        /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/,
      );
    }
  });

  it('names the office to contact, or the default one', () => {
    expect(refusalMessage('revoked', 'Văn phòng UBND')).toContain(
      'liên hệ Văn phòng UBND',
    );
    expect(refusalMessage('expired', '')).toContain(
      'liên hệ Phòng Văn hóa - Xã hội',
    );
    expect(refusalMessage('revoked', '')).toContain('thu hồi');
    expect(refusalMessage('expired', '')).toContain('hết hạn');
    expect(refusalMessage('throttled', '')).toContain('10 phút');
  });
});

describe('throttle', () => {
  const t0 = 1_800_000_000_000;

  it('reads a damaged state as a fresh one', () => {
    expect(parseThrottle(null)).toEqual({since: 0, count: 0});
    expect(parseThrottle('{')).toEqual({since: 0, count: 0});
    expect(parseThrottle('{"since":"x","count":3}')).toEqual({
      since: 0,
      count: 3,
    });
  });

  it('locks after THROTTLE_LIMIT failures within a window, and opens when it ends', () => {
    let s = parseThrottle(null);
    for (let i = 0; i < THROTTLE_LIMIT; i++) {
      expect(isThrottled(s, t0 + i)).toBe(false);
      s = recordFailure(s, t0 + i);
    }
    expect(s.count).toBe(THROTTLE_LIMIT);
    expect(isThrottled(s, t0 + THROTTLE_LIMIT)).toBe(true);
    expect(isThrottled(s, t0 + THROTTLE_WINDOW_MS - 1)).toBe(true);
    expect(isThrottled(s, t0 + THROTTLE_WINDOW_MS)).toBe(false);
  });

  it('starts a new window once the old one is over', () => {
    const old = {since: t0, count: THROTTLE_LIMIT - 1};
    expect(recordFailure(old, t0 + 5)).toEqual({
      since: t0,
      count: THROTTLE_LIMIT,
    });
    expect(recordFailure(old, t0 + THROTTLE_WINDOW_MS)).toEqual({
      since: t0 + THROTTLE_WINDOW_MS,
      count: 1,
    });
  });
});

describe('linkExpiry', () => {
  it('is the latest of the plan end and the reporting dates', () => {
    expect(
      linkExpiry('2026-06-30', ['2026-03-15', '2026-07-10'], '2027-01-01'),
    ).toBe('2026-07-10');
    expect(linkExpiry('2026-06-30', ['2026-03-15'], '2027-01-01')).toBe(
      '2026-06-30',
    );
    expect(linkExpiry('', ['2026-03-15'], '2027-01-01')).toBe('2026-03-15');
  });

  it('falls back when no date is valid', () => {
    expect(linkExpiry('', [], '2027-01-01')).toBe('2027-01-01');
    expect(linkExpiry('30/06/2026' as never, ['x'], '2027-01-01')).toBe(
      '2027-01-01',
    );
  });
});

describe('linkUrl', () => {
  it('adds the token as ?t= or &t=', () => {
    expect(linkUrl('https://script.google.com/macros/s/ID/exec', TOKEN)).toBe(
      `https://script.google.com/macros/s/ID/exec?t=${TOKEN}`,
    );
    expect(linkUrl('http://localhost:8080/exec?x=1', TOKEN)).toBe(
      `http://localhost:8080/exec?x=1&t=${TOKEN}`,
    );
  });
});

describe('isPrunable', () => {
  const rec: LinkRecord = {u: 'T1', g: 1, iss: '2026-01-01', exp: '2026-06-30'};

  it('keeps a live record, however old', () => {
    expect(isPrunable(rec, '2026-01-02')).toBe(false);
    expect(isPrunable(rec, '2026-06-30')).toBe(false);
  });

  it('keeps an expired or revoked record RECORD_KEEP_DAYS days, then lets it go', () => {
    expect(RECORD_KEEP_DAYS).toBe(30);
    expect(isPrunable(rec, '2026-07-30')).toBe(false);
    expect(isPrunable(rec, '2026-07-31')).toBe(true);
    const revoked = {...rec, r: '2026-02-10T08:30:00.000Z'};
    expect(isPrunable(revoked, '2026-03-12')).toBe(false);
    expect(isPrunable(revoked, '2026-03-13')).toBe(true);
    expect(isPrunable(revoked, '2026-03-13', 60)).toBe(false);
  });

  it('lets a damaged record go at once (it opens nothing anyway)', () => {
    expect(isPrunable(null, '2026-01-02')).toBe(true);
  });
});
