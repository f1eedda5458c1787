// PropertiesService: script, document and per-user key/value stores with Google's size limits.
import type {EmulatorContext} from './context';
import {gasError, instrument} from './runtime';

type GasProperties = GoogleAppsScript.Properties.Properties;

/** Google's limits: one property (key + value) 9 kB, one store 500 kB. */
export const MAX_PROPERTY_BYTES = 9 * 1024;
export const MAX_STORE_BYTES = 500 * 1024;

function bytes(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/** The stores, by name: 'script', 'document:<id>', 'user:<email>'. */
export class PropertyStores {
  readonly stores = new Map<string, Map<string, string>>();

  get(name: string): Map<string, string> {
    let s = this.stores.get(name);
    if (!s) this.stores.set(name, (s = new Map()));
    return s;
  }

  toJSON(): Record<string, Record<string, string>> {
    const out: Record<string, Record<string, string>> = {};
    for (const [name, s] of this.stores)
      if (s.size) out[name] = Object.fromEntries(s);
    return out;
  }

  load(json: Record<string, Record<string, string>>): void {
    this.stores.clear();
    for (const [name, s] of Object.entries(json ?? {}))
      this.stores.set(name, new Map(Object.entries(s)));
  }
}

export class PropertiesImpl implements Partial<GasProperties> {
  constructor(
    readonly _ctx: EmulatorContext,
    readonly _store: Map<string, string>,
  ) {}

  _gas(): GasProperties {
    return this as unknown as GasProperties;
  }

  _check(entries: Array<[string, string]>, replaceAll: boolean): void {
    let total = 0;
    const after = new Map(replaceAll ? [] : this._store);
    for (const [k, v] of entries) {
      if (bytes(k) + bytes(v) > MAX_PROPERTY_BYTES)
        throw gasError(this._ctx, 'Argument too large: value');
      after.set(k, v);
    }
    for (const [k, v] of after) total += bytes(k) + bytes(v);
    if (total > MAX_STORE_BYTES) {
      throw gasError(
        this._ctx,
        'You have exceeded the property storage quota. Please remove some properties and try again.',
      );
    }
  }

  _key(key: unknown): string {
    if (key === null || key === undefined || key === '')
      throw gasError(this._ctx, 'Invalid argument: key');
    return String(key);
  }

  getProperty(key: string): string | null {
    return this._store.get(this._key(key)) ?? null;
  }
  setProperty(key: string, value: string): GasProperties {
    const k = this._key(key);
    if (value === null || value === undefined)
      throw gasError(this._ctx, 'Invalid argument: value');
    const v = String(value);
    this._check([[k, v]], false);
    this._store.set(k, v);
    return this._gas();
  }
  setProperties(
    properties: {[key: string]: string},
    deleteAllOthers?: boolean,
  ): GasProperties {
    if (!properties || typeof properties !== 'object')
      throw gasError(this._ctx, 'Invalid argument: properties');
    const entries = Object.entries(properties).map(([k, v]) => {
      if (v === null || v === undefined)
        throw gasError(this._ctx, 'Invalid argument: value');
      return [this._key(k), String(v)] as [string, string];
    });
    this._check(entries, Boolean(deleteAllOthers));
    if (deleteAllOthers) this._store.clear();
    for (const [k, v] of entries) this._store.set(k, v);
    return this._gas();
  }
  getProperties(): {[key: string]: string} {
    return Object.fromEntries(this._store);
  }
  getKeys(): string[] {
    return [...this._store.keys()];
  }
  deleteProperty(key: string): GasProperties {
    this._store.delete(this._key(key));
    return this._gas();
  }
  deleteAllProperties(): GasProperties {
    this._store.clear();
    return this._gas();
  }
}
instrument(PropertiesImpl, 'Properties', 'Properties.Properties');

export class PropertiesServiceImpl implements Partial<GoogleAppsScript.Properties.PropertiesService> {
  constructor(
    readonly _ctx: EmulatorContext,
    readonly _stores: PropertyStores,
    readonly _documentId: () => string | null,
  ) {}
  getScriptProperties(): GasProperties {
    return new PropertiesImpl(
      this._ctx,
      this._stores.get('script'),
    ) as unknown as GasProperties;
  }
  getDocumentProperties(): GasProperties {
    const id = this._documentId();
    // Standalone scripts have no document: Google returns null.
    if (!id) return null as unknown as GasProperties;
    return new PropertiesImpl(
      this._ctx,
      this._stores.get(`document:${id}`),
    ) as unknown as GasProperties;
  }
  getUserProperties(): GasProperties {
    const user = this._ctx.effectiveUser().toLowerCase();
    return new PropertiesImpl(
      this._ctx,
      this._stores.get(`user:${user}`),
    ) as unknown as GasProperties;
  }
}
instrument(
  PropertiesServiceImpl,
  'PropertiesService',
  'Properties.PropertiesService',
);
