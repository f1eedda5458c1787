// What every emulated service shares: the call counter, the clock, the signed-in user and ids.

/** Counts every emulated service call, keyed "Service.method" (e.g. "Range.getValues"). */
export class CallCounter {
  private readonly counts = new Map<string, number>();

  count(key: string): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /** Calls of one key, or of every key starting with `prefix + '.'` when given a service name. */
  get(keyOrService: string): number {
    if (this.counts.has(keyOrService))
      return this.counts.get(keyOrService) as number;
    let total = 0;
    for (const [k, v] of this.counts)
      if (k.startsWith(keyOrService + '.')) total += v;
    return total;
  }

  total(): number {
    let total = 0;
    for (const v of this.counts.values()) total += v;
    return total;
  }

  /** Calls of every key that starts with one of the prefixes (e.g. ['Range.', 'Sheet.']). */
  totalOf(prefixes: readonly string[]): number {
    let total = 0;
    for (const [k, v] of this.counts) {
      if (prefixes.some(p => k.startsWith(p))) total += v;
    }
    return total;
  }

  /** Calls to SpreadsheetApp, Spreadsheet, Sheet, Range and the other spreadsheet classes. */
  spreadsheetTotal(): number {
    return this.totalOf(SPREADSHEET_PREFIXES);
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.counts.entries()].sort());
  }

  reset(): void {
    this.counts.clear();
  }
}

/** Key prefixes of the spreadsheet service's classes (what `spreadsheetTotal` adds up). */
export const SPREADSHEET_PREFIXES: readonly string[] = [
  'SpreadsheetApp.',
  'Spreadsheet.',
  'Sheet.',
  'Range.',
  'Protection.',
  'NamedRange.',
];

/** The constructors of the realm scripts run in (a node:vm context has its own Date and Error). */
export interface Realm {
  Date: DateConstructor;
  Error: ErrorConstructor;
}

/** One simulated script execution (a menu click, a sidebar call, a trigger run). */
export interface Execution {
  /** Unique per execution; the identity that holds locks. */
  id: number;
  /** What Session.getActiveUser() returns ('' in simple triggers and for other-domain users). */
  activeUser: string;
  /** Who the script runs as: permissions (protections, user properties, triggers) are theirs. */
  effectiveUser: string;
  /** Whether a UI is attached (menus, sidebars, alerts work); false in time-driven triggers. */
  ui: boolean;
  /** 'FULL' normally, 'LIMITED' in simple triggers (onOpen/onEdit), 'NONE' before authorization. */
  authMode: 'NONE' | 'LIMITED' | 'FULL' | 'CUSTOM_FUNCTION';
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
  /** The execution in progress. */
  execution(): Execution;
  /** Date and Error of the realm the script runs in (values handed to it are made there). */
  realm: Realm;
  /** Nesting depth of emulated calls: only calls made by the script itself (depth 0) count. */
  callDepth: number;
}
