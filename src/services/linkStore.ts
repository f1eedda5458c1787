// Personal-link tokens in the script properties: a secret, per-unit state, and per-token records kept under the token's hash.
import {
  EMPTY_UNIT_STATE,
  isPrunable,
  isThrottled,
  isTokenShaped,
  judgeRecord,
  parseLinkRecord,
  parseThrottle,
  parseUnitState,
  recordFailure,
  type LinkCheck,
  type LinkRecord,
  type UnitLinkState,
} from '../core/links';

/**
 * Script properties (only the project's editors — the admin — can read them; never the sheet,
 * which units can read):
 * - `link.secret`: the random key tokens are derived from (HMAC-SHA256 of unit code + generation);
 * - `link.u.<code>`: a unit's state (generation, current token hash, mailed, opened);
 * - `link.h.<sha256(token)>`: what a token opens (unit, generation, expiry, revoked).
 * Tokens themselves are never stored: they are recomputed from the secret when a mail needs one.
 */
const SECRET_KEY = 'link.secret';
const UNIT_PREFIX = 'link.u.';
const HASH_PREFIX = 'link.h.';
const THROTTLE_KEY = 'link.throttle';
/** The spreadsheet the web app opens (stored by set-up: a web app has no "active" document). */
export const SPREADSHEET_ID_KEY = 'link.spreadsheetId';

const store = () => PropertiesService.getScriptProperties();

const webSafe = (bytes: number[]) =>
  Utilities.base64EncodeWebSafe(bytes).replace(/=+$/, '');

/** SHA-256 of a token, URL-safe base64 without padding (what the store is keyed by). */
export function tokenHash(token: string): string {
  return webSafe(
    Utilities.computeDigest(
      Utilities.DigestAlgorithm.SHA_256,
      token,
      Utilities.Charset.UTF_8,
    ),
  );
}

/** A fresh 256-bit secret from several random UUIDs and the time, hashed together. */
function newSecret(): string {
  const seed = [
    Utilities.getUuid(),
    Utilities.getUuid(),
    Utilities.getUuid(),
    Utilities.getUuid(),
    String(Date.now()),
  ].join('|');
  return webSafe(
    Utilities.computeDigest(
      Utilities.DigestAlgorithm.SHA_256,
      seed,
      Utilities.Charset.UTF_8,
    ),
  );
}

function secret(): string {
  const props = store();
  const known = props.getProperty(SECRET_KEY);
  if (known) return known;
  const made = newSecret();
  props.setProperty(SECRET_KEY, made);
  return made;
}

/** The token of a unit's generation `g`: HMAC-SHA256(code|g, secret), 43 URL-safe characters. */
function deriveToken(key: string, unitCode: string, g: number): string {
  return webSafe(
    Utilities.computeHmacSha256Signature(
      `${unitCode}|${g}`,
      key,
      Utilities.Charset.UTF_8,
    ),
  );
}

/** Every unit's link state, in one read of the store. */
export function allUnitStates(): Map<string, UnitLinkState> {
  const all = store().getProperties();
  const out = new Map<string, UnitLinkState>();
  for (const [k, v] of Object.entries(all)) {
    if (k.startsWith(UNIT_PREFIX))
      out.set(k.slice(UNIT_PREFIX.length), parseUnitState(v));
  }
  return out;
}

/** At most this many old records are deleted per run (each deletion is one call). */
export const PRUNE_PER_RUN = 200;

/**
 * Deletes the records of tokens revoked or expired long ago (and damaged ones) from `all` (one
 * read of the store the caller made), skipping keys the caller is about to write. Returns how many.
 */
function pruneRecords(
  props: GoogleAppsScript.Properties.Properties,
  all: Record<string, string>,
  today: string,
  writes: Record<string, string>,
): number {
  let pruned = 0;
  for (const [k, v] of Object.entries(all)) {
    if (pruned >= PRUNE_PER_RUN) break;
    if (!k.startsWith(HASH_PREFIX) || k in writes) continue;
    if (!isPrunable(parseLinkRecord(v), today)) continue;
    props.deleteProperty(k);
    pruned++;
  }
  return pruned;
}

/** One issued link: the token (to put in a mail now, never stored) and its state. */
export interface IssuedLink {
  unitCode: string;
  token: string;
  state: UnitLinkState;
  /** True when this call issued the token (the unit had no valid one). */
  fresh: boolean;
}

/**
 * The current token of each unit, issuing one where there is none or it is revoked or has expired.
 * Issued links work until `expiry` (inclusive). Reads the store once and writes once. The caller
 * holds a lock (set-up, the mail step), so two runs never issue two generations.
 */
export function ensureLinks(
  unitCodes: string[],
  today: string,
  expiry: string,
): IssuedLink[] {
  const props = store();
  const all = props.getProperties();
  let key = all[SECRET_KEY];
  const writes: Record<string, string> = {};
  if (!key) {
    key = newSecret();
    writes[SECRET_KEY] = key;
  }
  const out: IssuedLink[] = [];
  for (const code of unitCodes) {
    const state = parseUnitState(all[UNIT_PREFIX + code] ?? null);
    const record = state.h
      ? parseLinkRecord(all[HASH_PREFIX + state.h] ?? null)
      : null;
    if (record && record.u === code && record.g === state.g && !record.r) {
      // The current token stays; it follows the plan's end when that moves.
      if (record.exp !== expiry)
        writes[HASH_PREFIX + state.h] = JSON.stringify({
          ...record,
          exp: expiry,
        });
      // Derived when first read (one HMAC call): a caller that mails few units derives few.
      const k = key;
      let token: string | null = null;
      const kept = {unitCode: code, state, fresh: false} as IssuedLink;
      Object.defineProperty(kept, 'token', {
        enumerable: true,
        get: () => (token ??= deriveToken(k, code, state.g)),
      });
      out.push(kept);
      continue;
    }
    // A new generation: the old token (if any) stops working.
    const g = state.h ? state.g + 1 : state.g;
    if (record && !record.r) {
      writes[HASH_PREFIX + state.h] = JSON.stringify({
        ...record,
        r: new Date().toISOString(),
      });
    }
    const token = deriveToken(key, code, g);
    const h = tokenHash(token);
    const fresh: LinkRecord = {u: code, g, iss: today, exp: expiry};
    const next: UnitLinkState = {...EMPTY_UNIT_STATE, g, h};
    writes[HASH_PREFIX + h] = JSON.stringify(fresh);
    writes[UNIT_PREFIX + code] = JSON.stringify(next);
    out.push({unitCode: code, token, state: next, fresh: true});
  }
  if (Object.keys(writes).length) props.setProperties(writes, false);
  pruneRecords(props, all, today, writes);
  return out;
}

/**
 * Revokes the current links of `unitCodes` (all units' when null; then the secret is replaced
 * too, so no old token can ever be derived again). The next `ensureLinks` issues new ones.
 * Returns the codes whose link was revoked.
 */
export function revokeLinks(
  unitCodes: string[] | null,
  today: string = new Date().toISOString().slice(0, 10),
): string[] {
  const props = store();
  const all = props.getProperties();
  const at = new Date().toISOString();
  const writes: Record<string, string> = {};
  const revoked: string[] = [];
  const codes =
    unitCodes ??
    Object.keys(all)
      .filter(k => k.startsWith(UNIT_PREFIX))
      .map(k => k.slice(UNIT_PREFIX.length));
  for (const code of codes) {
    const state = parseUnitState(all[UNIT_PREFIX + code] ?? null);
    if (!state.h) continue;
    const record = parseLinkRecord(all[HASH_PREFIX + state.h] ?? null);
    if (record && !record.r)
      writes[HASH_PREFIX + state.h] = JSON.stringify({...record, r: at});
    writes[UNIT_PREFIX + code] = JSON.stringify({
      ...EMPTY_UNIT_STATE,
      g: state.g + 1,
    });
    revoked.push(code);
  }
  if (unitCodes === null) {
    // Every token ever issued, even those of units no longer listed.
    for (const [k, v] of Object.entries(all)) {
      if (!k.startsWith(HASH_PREFIX) || writes[k]) continue;
      const record = parseLinkRecord(v);
      if (record && !record.r) writes[k] = JSON.stringify({...record, r: at});
    }
    writes[SECRET_KEY] = newSecret();
  }
  if (Object.keys(writes).length) props.setProperties(writes, false);
  pruneRecords(props, all, today, writes);
  return revoked;
}

/**
 * Checks a token: its shape first (no lookup), then one read of its record. Bad tokens are
 * counted; once a window has seen too many, every link is refused until it ends (a web app cannot
 * tell callers apart, so the throttle is global; tokens are 256-bit, guessing is hopeless anyway,
 * the throttle caps the work bad requests cause). Writes nothing for a good token.
 */
export function checkToken(token: unknown, today: string): LinkCheck {
  const props = store();
  const now = Date.now();
  const throttle = parseThrottle(props.getProperty(THROTTLE_KEY));
  if (isThrottled(throttle, now)) return {ok: false, code: 'throttled'};
  const fail = (code: 'malformed' | 'unknown'): LinkCheck => {
    props.setProperty(
      THROTTLE_KEY,
      JSON.stringify(recordFailure(throttle, now)),
    );
    return {ok: false, code};
  };
  if (!isTokenShaped(token)) return fail('malformed');
  const record = parseLinkRecord(
    props.getProperty(HASH_PREFIX + tokenHash(token)),
  );
  if (!record) return fail('unknown');
  return judgeRecord(record, today);
}

/** Notes that a unit's link was opened (first and last time, count). */
export function markOpened(unitCode: string, atIso: string): void {
  const props = store();
  const state = parseUnitState(props.getProperty(UNIT_PREFIX + unitCode));
  props.setProperty(
    UNIT_PREFIX + unitCode,
    JSON.stringify({
      ...state,
      o1: state.o1 || atIso,
      o2: atIso,
      n: state.n + 1,
    }),
  );
}

/** Notes that units' current links were e-mailed (so the same token is never mailed twice). */
export function markMailed(unitCodes: string[], atIso: string): void {
  if (!unitCodes.length) return;
  const props = store();
  const all = props.getProperties();
  const writes: Record<string, string> = {};
  for (const code of unitCodes) {
    const state = parseUnitState(all[UNIT_PREFIX + code] ?? null);
    writes[UNIT_PREFIX + code] = JSON.stringify({...state, m: atIso});
  }
  props.setProperties(writes, false);
}

/** The id set-up stored for the web app, or ''. */
export function storedSpreadsheetId(): string {
  return store().getProperty(SPREADSHEET_ID_KEY) ?? '';
}

/** Stores the bound spreadsheet's id for the web app (set-up calls it; no write when unchanged). */
export function rememberSpreadsheetId(id: string): void {
  if (!id || storedSpreadsheetId() === id) return;
  store().setProperty(SPREADSHEET_ID_KEY, id);
}

/** The current token of a unit, if it has one (derived again from the secret), else null. */
export function currentToken(
  unitCode: string,
  state: UnitLinkState,
): string | null {
  if (!state.h) return null;
  const token = deriveToken(secret(), unitCode, state.g);
  return tokenHash(token) === state.h ? token : null;
}
