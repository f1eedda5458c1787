// A script-cache snapshot of the slow-changing tabs, so the sidebar reads them in one cache call.
import {sharedCache} from '../services/cache';
import {spreadsheetOwnerEmail} from '../services/user';
import {isDate} from './cells';
import {TASKS, type TableSchema} from './schema';
import {getDocProperty} from '../services/properties';
import {
  SNAPSHOT_GUARD_KEY,
  SNAPSHOT_SCHEMAS,
  SNAPSHOT_VERSION_KEY,
  newVersionToken,
} from './snapshotVersion';
import {mapHeader, readTable, type Table, type TableRow} from './table';
import {CACHE_MAX_SECONDS} from '../services/cache';

/**
 * How long a snapshot may be used without being rebuilt. Every writer of the tabs bumps the version
 * and a direct edit in the sheet does too (onEdit / onChange): this is the backstop for a change no
 * trigger sees (another script, the Sheets API).
 */
export const SNAPSHOT_SECONDS = 600;
/**
 * Google's limit is 100 KB per value; a UTF-16 code unit is at most 3 UTF-8 bytes, so 30,000
 * characters always fit. 40 chunks (1.2 M characters) is far above a commune's plan; above it the
 * tabs are read live.
 */
export const CHUNK_CHARS = 30000;
export const MAX_CHUNKS = 40;
const META_KEY = 'dv:snap:meta';
const chunkKey = (i: number) => `dv:snap:${i}`;
const ALL_KEYS = [
  SNAPSHOT_VERSION_KEY,
  META_KEY,
  ...Array.from({length: MAX_CHUNKS}, (_, i) => chunkKey(i)),
];

/**
 * Columns left out of the snapshot: the ones the script rewrites on every run (task roll-ups,
 * computed dates). Their readers read the tab live; leaving them out means writing them (a sidebar
 * save's task status, the daily refresh) need not invalidate the snapshot.
 */
const OMITTED: Record<string, ReadonlySet<string>> = {
  [TASKS.name]: new Set(TASKS.columns.filter(c => c.derived).map(c => c.key)),
};

export type SlowTabs = {
  settings: Table;
  tasks: Table;
  units: Table;
  groups: Table;
  periods: Table;
};
const TAB_KEYS: Array<keyof SlowTabs> = [
  'settings',
  'tasks',
  'units',
  'groups',
  'periods',
];

export interface SlowTabsRead {
  tabs: SlowTabs;
  /** The spreadsheet owner's e-mail (an admin), lower case, or ''. */
  owner: string;
  /** True when it came from the cache (no spreadsheet call). */
  fromCache: boolean;
}

interface StoredTab {
  present: boolean;
  header: unknown[];
  /** [sheet row, values in schema column order ('' for omitted columns)]. */
  rows: Array<[number, unknown[]]>;
}
interface Stored {
  owner: string;
  tabs: StoredTab[];
}

/** JSON with Dates kept as {$d: ms} (the tabs hold Date cells). */
function encode(value: Stored): string {
  return JSON.stringify(value, function (this: unknown, key: string, v) {
    const raw = (this as Record<string, unknown>)[key];
    return isDate(raw) ? {$d: raw.getTime()} : v;
  });
}
function decode(text: string): Stored {
  return JSON.parse(text, (_k, v: unknown) =>
    v && typeof v === 'object' && '$d' in v
      ? new Date((v as {$d: number}).$d)
      : v,
  ) as Stored;
}

function storedTab(table: Table): StoredTab {
  const omit = OMITTED[table.schema.name];
  return {
    present: table.sheet !== null,
    header: table.grid.length ? table.grid[0] : [],
    rows: table.rows.map(r => [
      r.row,
      table.schema.columns.map(c => (omit?.has(c.key) ? '' : r.values[c.key])),
    ]),
  };
}

function tableOf(schema: TableSchema, t: StoredTab): Table {
  const {columnOf, extraHeaders, missing} = mapHeader(schema, t.header);
  const rows: TableRow[] = t.rows.map(([row, cells]) => {
    const values: Record<string, unknown> = {};
    schema.columns.forEach((c, i) => {
      values[c.key] = c.key in columnOf ? cells[i] : '';
    });
    return {row, values};
  });
  return {
    schema,
    sheet: null,
    cached: t.present,
    columnOf,
    extraHeaders,
    missing,
    rows,
    grid: [],
  };
}

function fromStore(
  got: Record<string, string>,
  version: string,
): SlowTabsRead | null {
  const metaText = got[META_KEY];
  if (!metaText) return null;
  const meta = JSON.parse(metaText) as {v: string; b: string; chunks: number};
  if (meta.v !== version || !(meta.chunks > 0 && meta.chunks <= MAX_CHUNKS))
    return null;
  // Every chunk carries its build's id: chunks of two builds stored at once are never mixed.
  const tag = `${meta.b}|`;
  let text = '';
  for (let i = 0; i < meta.chunks; i++) {
    const part = got[chunkKey(i)];
    if (part === undefined || !part.startsWith(tag)) return null;
    text += part.slice(tag.length);
  }
  const stored = decode(text);
  if (stored.tabs.length !== SNAPSHOT_SCHEMAS.length) return null;
  const tabs = {} as SlowTabs;
  TAB_KEYS.forEach((k, i) => {
    tabs[k] = tableOf(SNAPSHOT_SCHEMAS[i], stored.tabs[i]);
  });
  return {tabs, owner: stored.owner, fromCache: true};
}

/**
 * The settings, tasks, units, groups and periods tabs and the owner: from the script cache when
 * its snapshot matches the current version (one cache call, no spreadsheet call), else read live
 * (one range read per tab) and stored for the next reader. Cached tables have `sheet: null` and
 * `cached: true`; a reader that writes one of these tabs must not use this (use readTable).
 */
export function readSlowTabs(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
): SlowTabsRead {
  const cache = sharedCache();
  let version: string | null = null;
  if (cache) {
    try {
      const got = cache.getAll(ALL_KEYS);
      version = got[SNAPSHOT_VERSION_KEY] ?? null;
      const hit = version ? fromStore(got, version) : null;
      if (hit) return hit;
      if (!version) {
        // No version yet (or evicted): start one BEFORE reading, so a write that lands after the
        // read bumps it and the snapshot stored below is never used.
        version = newVersionToken();
        cache.put(SNAPSHOT_VERSION_KEY, version, CACHE_MAX_SECONDS);
      }
    } catch {
      version = null;
    }
  }
  const tabs = {} as SlowTabs;
  TAB_KEYS.forEach((k, i) => {
    tabs[k] = readTable(ss, SNAPSHOT_SCHEMAS[i]);
  });
  const owner = spreadsheetOwnerEmail(ss);
  if (cache && version && guarded()) store(cache, version, tabs, owner);
  return {tabs, owner, fromCache: false};
}

/**
 * The slow tabs from the script cache when its snapshot is current (one cache call), else null:
 * nothing is read live (for a first question a later, lock-held read answers anyway).
 */
export function peekSlowTabs(): SlowTabsRead | null {
  const cache = sharedCache();
  if (!cache) return null;
  try {
    const got = cache.getAll(ALL_KEYS);
    const version = got[SNAPSHOT_VERSION_KEY] ?? null;
    return version ? fromStore(got, version) : null;
  } catch {
    return null;
  }
}

/** Pieces of at most `size` characters, never splitting a surrogate pair (an emoji). */
export function splitText(text: string, size: number): string[] {
  const parts: string[] = [];
  let at = 0;
  while (at < text.length) {
    let end = Math.min(at + size, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    parts.push(text.slice(at, end));
    at = end;
  }
  return parts.length ? parts : [''];
}

/** True when an onChange trigger watches structural changes (else a moved row could go unseen). */
function guarded(): boolean {
  try {
    return Boolean(getDocProperty(SNAPSHOT_GUARD_KEY));
  } catch {
    return false;
  }
}

function store(
  cache: GoogleAppsScript.Cache.Cache,
  version: string,
  tabs: SlowTabs,
  owner: string,
): void {
  const text = encode({owner, tabs: TAB_KEYS.map(k => storedTab(tabs[k]))});
  const parts = splitText(text, CHUNK_CHARS);
  if (parts.length > MAX_CHUNKS) return;
  const build = newVersionToken();
  const values: Record<string, string> = {
    [META_KEY]: JSON.stringify({v: version, b: build, chunks: parts.length}),
  };
  parts.forEach((part, i) => {
    values[chunkKey(i)] = `${build}|${part}`;
  });
  try {
    cache.putAll(values, SNAPSHOT_SECONDS);
  } catch {
    // A snapshot that could not be stored is simply read live next time.
  }
}
