// The signed-in user's cache (CacheService) for short-lived JSON, split in pieces under Google's 100 KB a value.

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
