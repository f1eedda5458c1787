// CacheService: script, document and per-user caches with Google's documented limits and expiry.
// https://developers.google.com/apps-script/reference/cache/cache — keys up to 250 characters, values
// up to 100 KB, expiry 10 minutes by default and at most 6 hours (longer is capped, not refused).
import type {EmulatorContext} from './context';
import {gasError, instrument} from './runtime';

type GasCache = GoogleAppsScript.Cache.Cache;

export const MAX_CACHE_KEY_CHARS = 250;
export const MAX_CACHE_VALUE_BYTES = 100 * 1024;
export const DEFAULT_CACHE_SECONDS = 600;
export const MAX_CACHE_SECONDS = 21600;
/** A cache holds at most this many items; the oldest go first when it is full. */
export const MAX_CACHE_ITEMS = 1000;

interface Item {
  value: string;
  expiresAt: number;
}

/** The caches, by name: 'script', 'document:<id>', 'user:<email>'. Never persisted (caches are volatile). */
export class CacheStores {
  readonly stores = new Map<string, Map<string, Item>>();

  get(name: string): Map<string, Item> {
    let s = this.stores.get(name);
    if (!s) this.stores.set(name, (s = new Map()));
    return s;
  }

  /** Drops every entry (or those whose key matches), as Google may at any time ("best effort"). */
  evict(match?: RegExp): void {
    for (const s of this.stores.values()) {
      for (const k of [...s.keys()]) if (!match || match.test(k)) s.delete(k);
    }
  }
}

export class CacheImpl implements Partial<GasCache> {
  constructor(
    readonly _ctx: EmulatorContext,
    readonly _store: Map<string, Item>,
  ) {}

  _key(key: unknown): string {
    if (key === null || key === undefined || key === '')
      throw gasError(this._ctx, 'Invalid argument: key');
    const k = String(key);
    if (k.length > MAX_CACHE_KEY_CHARS)
      throw gasError(this._ctx, 'Argument too large: key');
    return k;
  }

  _live(key: string): Item | null {
    const item = this._store.get(key);
    if (!item) return null;
    if (item.expiresAt <= this._ctx.now().getTime()) {
      this._store.delete(key);
      return null;
    }
    return item;
  }

  _put(key: string, value: unknown, seconds?: number): void {
    if (value === null || value === undefined)
      throw gasError(this._ctx, 'Invalid argument: value');
    const v = String(value);
    if (Buffer.byteLength(v, 'utf8') > MAX_CACHE_VALUE_BYTES)
      throw gasError(this._ctx, 'Argument too large: value');
    const s =
      seconds === undefined
        ? DEFAULT_CACHE_SECONDS
        : Math.min(Math.max(1, Math.floor(Number(seconds))), MAX_CACHE_SECONDS);
    this._store.delete(key);
    this._store.set(key, {
      value: v,
      expiresAt: this._ctx.now().getTime() + s * 1000,
    });
    while (this._store.size > MAX_CACHE_ITEMS) {
      const oldest = this._store.keys().next().value as string;
      this._store.delete(oldest);
    }
  }

  get(key: string): string | null {
    return this._live(this._key(key))?.value ?? null;
  }
  getAll(keys: string[]): {[key: string]: string} {
    const out: {[key: string]: string} = {};
    for (const key of keys ?? []) {
      const item = this._live(this._key(key));
      if (item) out[String(key)] = item.value;
    }
    return out;
  }
  put(key: string, value: string, expirationInSeconds?: number): void {
    this._put(this._key(key), value, expirationInSeconds);
  }
  putAll(values: {[key: string]: string}, expirationInSeconds?: number): void {
    if (!values || typeof values !== 'object')
      throw gasError(this._ctx, 'Invalid argument: values');
    for (const [k, v] of Object.entries(values))
      this._put(this._key(k), v, expirationInSeconds);
  }
  remove(key: string): void {
    this._store.delete(this._key(key));
  }
  removeAll(keys: string[]): void {
    for (const key of keys ?? []) this._store.delete(this._key(key));
  }
}
instrument(CacheImpl, 'Cache', 'Cache.Cache');

export class CacheServiceImpl implements Partial<GoogleAppsScript.Cache.CacheService> {
  constructor(
    readonly _ctx: EmulatorContext,
    readonly _stores: CacheStores,
    readonly _documentId: () => string | null,
  ) {}
  getScriptCache(): GasCache {
    return new CacheImpl(
      this._ctx,
      this._stores.get('script'),
    ) as unknown as GasCache;
  }
  getDocumentCache(): GasCache | null {
    const id = this._documentId();
    // Standalone scripts have no document: Google returns null.
    if (!id) return null;
    return new CacheImpl(
      this._ctx,
      this._stores.get(`document:${id}`),
    ) as unknown as GasCache;
  }
  getUserCache(): GasCache {
    const user = this._ctx.effectiveUser().toLowerCase();
    return new CacheImpl(
      this._ctx,
      this._stores.get(`user:${user}`),
    ) as unknown as GasCache;
  }
}
instrument(CacheServiceImpl, 'CacheService', 'Cache.CacheService');
