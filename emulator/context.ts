// What every emulated service shares: the call counter, the clock, the signed-in user and ids.

/** Counts every emulated service call, keyed "Service.method" (e.g. "Range.getValues"). */
export class CallCounter {
  private readonly counts = new Map<string, number>();

  count(key: string): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /** Calls of one key, or of every key starting with `prefix + '.'` when given a service name. */
  get(keyOrService: string): number {
    if (this.counts.has(keyOrService)) return this.counts.get(keyOrService) as number;
    let total = 0;
    for (const [k, v] of this.counts) if (k.startsWith(keyOrService + '.')) total += v;
    return total;
  }

  total(): number {
    let total = 0;
    for (const v of this.counts.values()) total += v;
    return total;
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.counts.entries()].sort());
  }

  reset(): void {
    this.counts.clear();
  }
}

/** The state every emulated service can see. */
export interface EmulatorContext {
  calls: CallCounter;
  /** The emulated "now" (what `new Date()` gives inside the script). */
  now(): Date;
  /** E-mail of the user the script runs as / who is signed in. */
  activeUser(): string;
  /** E-mail of the user who installed triggers / owns the script ("effective user"). */
  effectiveUser(): string;
  /** The script's time zone (appsscript.json), e.g. "Asia/Ho_Chi_Minh". */
  timeZone: string;
  /** A new unique id with a prefix, deterministic within one emulator. */
  newId(prefix: string): string;
}
