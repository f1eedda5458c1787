// CacheService: the signed-in user's cache for short-lived JSON (pieces under Google's 100 KB a value),
// and the script cache shared by every user of this spreadsheet (entries may vanish at any time).

/** Under CacheService's 100 KB a value, counting UTF-8 bytes of Vietnamese text (≤ 3 per char). */
const PIECE_CHARS = 30000;

function cache(): GoogleAppsScript.Cache.Cache {
  return CacheService.getUserCache();
}

/** Stores JSON under `key` for `seconds` (at most 6 hours), in as many pieces as it needs. */
export function putJson(key: string, value: unknown, seconds: number): void {
  const text = JSON.stringify(value);
  const pieces: Record<string, string> = {};
  let n = 0;
  for (let i = 0; i < text.length; i += PIECE_CHARS, n++)
    pieces[`${key}#${n}`] = text.slice(i, i + PIECE_CHARS);
  pieces[key] = String(n);
  cache().putAll(pieces, seconds);
}

/** The JSON stored under `key`, or null when it expired or was never stored. */
export function getJson<T>(key: string): T | null {
  const c = cache();
  const count = Number(c.get(key));
  if (!Number.isInteger(count) || count < 1) return null;
  const keys = Array.from({length: count}, (_, i) => `${key}#${i}`);
  const got = c.getAll(keys);
  if (keys.some(k => typeof got[k] !== 'string')) return null;
  try {
    return JSON.parse(keys.map(k => got[k]).join('')) as T;
  } catch {
    return null;
  }
}

/** Forgets what is stored under `key`. */
export function removeJson(key: string): void {
  const c = cache();
  const count = Number(c.get(key));
  const keys = [key];
  if (Number.isInteger(count))
    for (let i = 0; i < count; i++) keys.push(`${key}#${i}`);
  c.removeAll(keys);
}

/** Google's documented maximum lifetime of an entry: 6 hours. */
export const CACHE_MAX_SECONDS = 21600;

/**
 * The script's cache, shared by every user of this spreadsheet's bound script (so by this
 * spreadsheet: a copy gets its own script). Not the document cache: Google's reference says
 * getDocumentCache returns null outside the document's context, as in the web app (the phone page).
 * Null when the service fails.
 */
export function sharedCache(): GoogleAppsScript.Cache.Cache | null {
  try {
    return CacheService.getScriptCache();
  } catch {
    return null;
  }
}
