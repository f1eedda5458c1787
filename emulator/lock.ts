// LockService: document, script and user locks held by simulated executions; other holders block.
import type {EmulatorContext} from './context';
import {gasError, instrument} from './runtime';

type GasLock = GoogleAppsScript.Lock.Lock;

export const LOCK_TIMEOUT_MESSAGE =
  'Lock timeout: another process was holding the lock for too long.';

interface Holder {
  execution: number;
  /** Emulated time (ms) when a simulated other holder lets go; null = until released. */
  until: number | null;
}

/** Who holds which lock: keys 'script', 'document:<id>', 'user:<email>'. */
export class LockTable {
  readonly holders = new Map<string, Holder>();
  private nextForeign = -1;

  constructor(
    private readonly clock: {now(): number; advance(ms: number): void},
  ) {}

  holderOf(key: string): Holder | undefined {
    const h = this.holders.get(key);
    if (h && h.until !== null && h.until <= this.clock.now()) {
      this.holders.delete(key);
      return undefined;
    }
    return h;
  }

  /** Simulates another execution holding a lock (until released, or for `forMs` of emulated time). */
  holdForeign(
    key: string,
    forMs?: number,
  ): {execution: number; release(): void} {
    const execution = this.nextForeign--;
    if (this.holderOf(key)) throw new Error(`Lock ${key} is already held`);
    this.holders.set(key, {
      execution,
      until: forMs === undefined ? null : this.clock.now() + forMs,
    });
    return {
      execution,
      release: () => {
        if (this.holders.get(key)?.execution === execution)
          this.holders.delete(key);
      },
    };
  }

  /** Tries for up to timeoutMs of emulated time; waiting advances the emulated clock. */
  acquire(key: string, execution: number, timeoutMs: number): boolean {
    const h = this.holderOf(key);
    if (!h || h.execution === execution) {
      this.holders.set(key, {execution, until: null});
      return true;
    }
    if (h.until !== null && h.until - this.clock.now() <= timeoutMs) {
      this.clock.advance(Math.max(0, h.until - this.clock.now()));
      this.holders.set(key, {execution, until: null});
      return true;
    }
    this.clock.advance(Math.max(0, timeoutMs));
    return false;
  }

  release(key: string, execution: number): void {
    if (this.holders.get(key)?.execution === execution)
      this.holders.delete(key);
  }

  releaseAll(execution: number): void {
    for (const [k, h] of [...this.holders])
      if (h.execution === execution) this.holders.delete(k);
  }
}

export class LockImpl implements Partial<GasLock> {
  constructor(
    readonly _ctx: EmulatorContext,
    readonly _table: LockTable,
    readonly _key: string,
  ) {}
  tryLock(timeoutInMillis: number): boolean {
    return this._table.acquire(
      this._key,
      this._ctx.execution().id,
      Number(timeoutInMillis) || 0,
    );
  }
  waitLock(timeoutInMillis: number): void {
    if (
      !this._table.acquire(
        this._key,
        this._ctx.execution().id,
        Number(timeoutInMillis) || 0,
      )
    ) {
      throw gasError(this._ctx, LOCK_TIMEOUT_MESSAGE);
    }
  }
  releaseLock(): void {
    this._table.release(this._key, this._ctx.execution().id);
  }
  hasLock(): boolean {
    return (
      this._table.holderOf(this._key)?.execution === this._ctx.execution().id
    );
  }
}
instrument(LockImpl, 'Lock', 'Lock.Lock');

export class LockServiceImpl implements Partial<GoogleAppsScript.Lock.LockService> {
  constructor(
    readonly _ctx: EmulatorContext,
    readonly _table: LockTable,
    readonly _documentId: () => string | null,
  ) {}
  getDocumentLock(): GasLock {
    const id = this._documentId();
    // "If this method is called outside of the context of a containing document (such as from a
    // standalone script or webapp), null is returned."
    // (https://developers.google.com/apps-script/reference/lock/lock-service#getDocumentLock())
    if (!id || this._ctx.execution().webApp) return null as unknown as GasLock;
    return new LockImpl(
      this._ctx,
      this._table,
      `document:${id}`,
    ) as unknown as GasLock;
  }
  getScriptLock(): GasLock {
    return new LockImpl(this._ctx, this._table, 'script') as unknown as GasLock;
  }
  getUserLock(): GasLock {
    return new LockImpl(
      this._ctx,
      this._table,
      `user:${this._ctx.effectiveUser().toLowerCase()}`,
    ) as unknown as GasLock;
  }
}
instrument(LockServiceImpl, 'LockService', 'Lock.LockService');
