// Personal update links, the pure part: token shape, a link's record and its state, the bad-token throttle.
import type {IsoDate} from './types';

/** A token is 43 URL-safe base64 characters (a 256-bit HMAC without padding). */
export const TOKEN_RE = /^[A-Za-z0-9_-]{43}$/;

/** True when `value` has a token's shape (checked before any lookup). */
export function isTokenShaped(value: unknown): value is string {
  return typeof value === 'string' && TOKEN_RE.test(value);
}

/** What the store keeps for one issued token, under the token's hash (never the token itself). */
export interface LinkRecord {
  /** The unit's or village's code. */
  u: string;
  /** Generation: bumped by every revoke, so a reissued link differs from the old one. */
  g: number;
  /** Issued on (yyyy-mm-dd). */
  iss: IsoDate;
  /** Last day the link works (yyyy-mm-dd, inclusive): the plan's end. */
  exp: IsoDate;
  /** Revoked at (ISO timestamp), if revoked. */
  r?: string;
}

/** What the store keeps per unit: the current generation and what happened to its link. */
export interface UnitLinkState {
  /** Current generation (the one a link issued now carries). */
  g: number;
  /** Hash of the current token, '' when none is issued (never issued, or revoked). */
  h: string;
  /** When the current token was e-mailed (ISO), '' if never: a token is e-mailed once. */
  m: string;
  /** First and last time the link was opened (ISO), '' if never. */
  o1: string;
  o2: string;
  /** Times opened. */
  n: number;
}

export const EMPTY_UNIT_STATE: Readonly<UnitLinkState> = {
  g: 1,
  h: '',
  m: '',
  o1: '',
  o2: '',
  n: 0,
};

/** Reads a unit's stored state, tolerating missing or damaged fields. */
export function parseUnitState(raw: string | null): UnitLinkState {
  if (!raw) return {...EMPTY_UNIT_STATE};
  try {
    const v = JSON.parse(raw) as Partial<UnitLinkState>;
    const str = (x: unknown) => (typeof x === 'string' ? x : '');
    return {
      g: Number.isSafeInteger(v.g) && (v.g as number) > 0 ? (v.g as number) : 1,
      h: str(v.h),
      m: str(v.m),
      o1: str(v.o1),
      o2: str(v.o2),
      n:
        Number.isSafeInteger(v.n) && (v.n as number) >= 0 ? (v.n as number) : 0,
    };
  } catch {
    return {...EMPTY_UNIT_STATE};
  }
}

/** Reads a token's stored record; null when missing or damaged (fails closed). */
export function parseLinkRecord(raw: string | null): LinkRecord | null {
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as Partial<LinkRecord>;
    if (
      typeof v.u !== 'string' ||
      !v.u ||
      !Number.isSafeInteger(v.g) ||
      typeof v.exp !== 'string' ||
      !/^\d{4}-\d{2}-\d{2}$/.test(v.exp)
    ) {
      return null;
    }
    return {
      u: v.u,
      g: v.g as number,
      iss: typeof v.iss === 'string' ? v.iss : '',
      exp: v.exp,
      ...(typeof v.r === 'string' && v.r ? {r: v.r} : {}),
    };
  } catch {
    return null;
  }
}

/** Why a token does not open anything. */
export type LinkRefusalCode =
  'malformed' | 'unknown' | 'revoked' | 'expired' | 'inactive' | 'throttled';

export type LinkCheck =
  | {ok: true; unitCode: string; record: LinkRecord}
  | {ok: false; code: LinkRefusalCode};

/** A looked-up record judged as of `today` (the unit must still be active in the workbook). */
export function judgeRecord(
  record: LinkRecord | null,
  today: IsoDate,
): LinkCheck {
  if (!record) return {ok: false, code: 'unknown'};
  if (record.r) return {ok: false, code: 'revoked'};
  if (today > record.exp) return {ok: false, code: 'expired'};
  return {ok: true, unitCode: record.u, record};
}

/**
 * Days a revoked or expired token's record is kept (so its holder is told "thu hồi" / "hết hạn"
 * rather than "không đúng"); then it is deleted, so the store does not grow without bound.
 */
export const RECORD_KEEP_DAYS = 30;

/** The day `days` after an ISO date or timestamp (UTC calendar arithmetic). */
function dayAfter(isoDay: string, days: number): string {
  const t = Date.parse(`${isoDay.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(t)
    ? ''
    : new Date(t + days * 86400000).toISOString().slice(0, 10);
}

/**
 * True when a token's stored record may be deleted on `today`: damaged (it opens nothing anyway),
 * or revoked / expired more than `keepDays` ago.
 */
export function isPrunable(
  record: LinkRecord | null,
  today: IsoDate,
  keepDays: number = RECORD_KEEP_DAYS,
): boolean {
  if (!record) return true;
  const ends = [record.exp, record.r ?? '']
    .filter(Boolean)
    .map(d => dayAfter(d, keepDays))
    .filter(Boolean);
  return ends.some(end => today > end);
}

/** The page's message for each refusal (Vietnamese, says what to do). */
export function refusalMessage(code: LinkRefusalCode, office: string): string {
  const ask = `Vui lòng liên hệ ${office || 'Phòng Văn hóa - Xã hội'} để được gửi đường dẫn mới.`;
  switch (code) {
    case 'malformed':
    case 'unknown':
      return `Đường dẫn không đúng hoặc không đầy đủ. Hãy mở lại đường dẫn trong email (bấm trực tiếp vào nút "Cập nhật ngay", không sao chép thiếu ký tự). ${ask}`;
    case 'revoked':
      return `Đường dẫn này đã bị thu hồi và không còn dùng được. ${ask}`;
    case 'expired':
      return `Đường dẫn này đã hết hạn (chỉ dùng trong thời gian của kế hoạch). ${ask}`;
    case 'inactive':
      return `Đơn vị của đường dẫn này không còn hoạt động trong kế hoạch. ${ask}`;
    case 'throttled':
      return 'Có quá nhiều lần mở đường dẫn sai trong ít phút qua, nên trang tạm khoá. Vui lòng thử lại sau khoảng 10 phút.';
  }
}

/** Bad tokens allowed in one window before every link is refused for the rest of it. */
export const THROTTLE_LIMIT = 20;
export const THROTTLE_WINDOW_MS = 10 * 60 * 1000;

export interface ThrottleState {
  /** Start of the current window (ms since epoch). */
  since: number;
  count: number;
}

export function parseThrottle(raw: string | null): ThrottleState {
  try {
    const v = raw ? (JSON.parse(raw) as Partial<ThrottleState>) : {};
    return {
      since: typeof v.since === 'number' ? v.since : 0,
      count: typeof v.count === 'number' ? v.count : 0,
    };
  } catch {
    return {since: 0, count: 0};
  }
}

/** True while the window holding `nowMs` has already seen too many bad tokens. */
export function isThrottled(state: ThrottleState, nowMs: number): boolean {
  return (
    nowMs - state.since < THROTTLE_WINDOW_MS && state.count >= THROTTLE_LIMIT
  );
}

/** The state after one more bad token at `nowMs` (a new window once the old one is over). */
export function recordFailure(
  state: ThrottleState,
  nowMs: number,
): ThrottleState {
  if (nowMs - state.since >= THROTTLE_WINDOW_MS)
    return {since: nowMs, count: 1};
  return {since: state.since, count: state.count + 1};
}

/** The last day links work: the plan's end, else its last reporting date, else `fallback`. */
export function linkExpiry(
  planEnd: IsoDate | '',
  periodDues: IsoDate[],
  fallback: IsoDate,
): IsoDate {
  const candidates = [planEnd, ...periodDues].filter(d =>
    /^\d{4}-\d{2}-\d{2}$/.test(d),
  );
  if (!candidates.length) return fallback;
  return candidates.sort()[candidates.length - 1];
}

/** A link for a token: the web app's /exec address with ?t=. */
export function linkUrl(execUrl: string, token: string): string {
  return `${execUrl}${execUrl.includes('?') ? '&' : '?'}t=${token}`;
}
