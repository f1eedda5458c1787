// The script cache's copy of each response tab's header row, so a form submission need not read it.
import {CACHE_MAX_SECONDS, sharedCache} from './cache';

/** One cache value (Google: 100 KB), counting up to 3 UTF-8 bytes a character. */
const PIECE_CHARS = 30000;
/** Pieces read in one getAll: 600,000 characters, far above a form's titles. */
const MAX_PIECES = 20;
const keysOf = (sheetId: number) =>
  Array.from({length: MAX_PIECES}, (_, i) => `dv:rhdr:${sheetId}:${i}`);

/**
 * Remembers a response tab's header (question titles in column order), in pieces under Google's
 * 100 KB a value. A header too long even for them is forgotten: its submissions read it. Never
 * throws: it is only a shortcut.
 */
export function rememberHeader(sheetId: number, header: string[]): void {
  try {
    const cache = sharedCache();
    if (!cache) return;
    const keys = keysOf(sheetId);
    const text = JSON.stringify(header);
    const pieces: Record<string, string> = {};
    for (let i = 0, n = 0; i < text.length; i += PIECE_CHARS, n++) {
      if (n >= MAX_PIECES) {
        cache.removeAll(keys);
        return;
      }
      pieces[keys[n]] = text.slice(i, i + PIECE_CHARS);
    }
    // The pieces after the last are removed, so an older, longer header cannot be read back.
    cache.putAll(pieces, CACHE_MAX_SECONDS);
    const stale = keys.slice(Object.keys(pieces).length);
    if (stale.length) cache.removeAll(stale);
  } catch {
    // The next submission reads the header.
  }
}

/**
 * The remembered header of a response tab when it is exactly `width` columns wide (a form that
 * gained a question has a wider row), else null. One cache call.
 */
export function rememberedHeader(
  sheetId: number,
  width: number,
): string[] | null {
  try {
    const cache = sharedCache();
    if (!cache) return null;
    const keys = keysOf(sheetId);
    const got = cache.getAll(keys);
    let text = '';
    for (const k of keys) {
      if (typeof got[k] !== 'string') break;
      text += got[k];
    }
    if (!text) return null;
    const header: unknown = JSON.parse(text);
    return Array.isArray(header) &&
      header.length === width &&
      header.every(h => typeof h === 'string')
      ? header
      : null;
  } catch {
    return null;
  }
}
