// The version of the slow-changing tabs' cached snapshot: every writer of those tabs bumps it.
import {CACHE_MAX_SECONDS, sharedCache} from '../services/cache';
import {GROUPS, PERIODS, SETTINGS, TASKS, UNITS} from './schema';

/** The tabs the sidebar reads from the snapshot (everything but the assignments, read live). */
export const SNAPSHOT_SCHEMAS = [SETTINGS, TASKS, UNITS, GROUPS, PERIODS];
const SNAPSHOT_TAB_NAMES = new Set(SNAPSHOT_SCHEMAS.map(s => s.name));

/**
 * Document property recording the installable onChange trigger that bumps the version on structural
 * changes (src/app/changeTrigger.ts): without it no snapshot is stored.
 */
export const SNAPSHOT_GUARD_KEY = 'snapshotGuard';

/** Cache key of the current version token. */
export const SNAPSHOT_VERSION_KEY = 'dv:snap:v';

/** A fresh, unguessable-enough token (never reused, so an old snapshot can never match again). */
export function newVersionToken(): string {
  return `${Date.now().toString(36)}.${Math.random().toString(36).slice(2, 10)}`;
}

/**
 * Invalidates the snapshot: call AFTER writing one of the snapshot's tabs (a reader that read the
 * tabs before the write then stored its snapshot under the old version, which no longer matches).
 * Never throws: with no cache there is no snapshot to invalidate.
 */
export function bumpSnapshotVersion(): void {
  const cache = sharedCache();
  if (!cache) return;
  try {
    cache.put(SNAPSHOT_VERSION_KEY, newVersionToken(), CACHE_MAX_SECONDS);
  } catch {
    // A put that failed leaves the old token; then drop it so the snapshot cannot be used.
    try {
      cache.remove(SNAPSHOT_VERSION_KEY);
    } catch {
      // No cache service: nothing was cached either.
    }
  }
}

/** True when a tab of this name is in the snapshot. */
export function isSnapshotTab(name: string): boolean {
  return SNAPSHOT_TAB_NAMES.has(name);
}
