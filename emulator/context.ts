// What every emulated service shares: the call counter, the clock, the signed-in user and ids.

/** Counts every emulated service call, keyed "Service.method" (e.g. "Range.getValues"). */
export class CallCounter {
  private readonly counts = new Map<string, number>();
  private readonly sites = new Map<string, number>();
  private recordingSites = false;

  /** Host hook run on every counted call (e.g. to model each call's latency on the clock). */
  onCount: ((key: string) => void) | null = null;

  count(key: string): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    if (this.onCount) this.onCount(key);
    if (this.recordingSites) {
      const site = `${key} ← ${callerOf(new Error().stack ?? '')}`;
      this.sites.set(site, (this.sites.get(site) ?? 0) + 1);
    }
  }

  /**
   * Also records where each call comes from (the script's innermost functions, read off a stack
   * trace): costly, so off unless a benchmark asks. `reset` clears the sites too.
   */
  recordSites(on: boolean): void {
    this.recordingSites = on;
  }

  /** Call sites ("Range.getValues ← readTable ← loadWorkbook") with their counts, most first. */
  topSites(limit = 10): Array<{site: string; calls: number}> {
    return [...this.sites.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, limit)
      .map(([site, calls]) => ({site, calls}));
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
    this.sites.clear();
  }
}

/** Frames of the emulator itself and of node, skipped when naming the script's caller. */
const OWN_FRAME =
  /^(?!.*[\\/]test[\\/]).*[\\/]emulator[\\/]|node:internal|node_modules|\(native\)/;

/**
 * The script's three innermost named functions in a V8 stack trace ("readTable ← loadWorkbook ←
 * sidebarLoad"), with the file and line of the innermost, e.g. "(Code.js:1234)".
 */
export function callerOf(stack: string): string {
  const frames = stack
    .split('\n')
    .slice(1)
    .map(l => /^\s*at (?:(\S+) )?\(?(.*?):(\d+):\d+\)?$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null && !OWN_FRAME.test(m[2]));
  if (!frames.length) return '?';
  const names = frames
    .slice(0, 3)
    .map(m => (m[1] ?? '<anonymous>').replace(/^(Object|Module)\./, ''));
  const file = frames[0][2].replace(/^.*[\\/]/, '');
  return `${names.join(' ← ')} (${file}:${frames[0][3]})`;
}

/** Key prefixes of the spreadsheet service's classes (what `spreadsheetTotal` adds up). */
export const SPREADSHEET_PREFIXES: readonly string[] = [
  'SpreadsheetApp.',
  'Spreadsheet.',
  'Sheet.',
  'Range.',
  'Protection.',
  'NamedRange.',
  // The Sheets advanced service's batchUpdate: one call to the same spreadsheets.
  'Sheets.Spreadsheets.',
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
  /** A web app request (doGet, or google.script.run from a page it served): no containing document. */
  webApp?: boolean;
  /** Process CPU time (ms) when the execution began, for its modelled time (see limits.ts). */
  cpuStartMs?: number;
  /** Modelled time of the service calls made so far, in ms. */
  modelledCallMs?: number;
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
  /**
   * Nesting depth of Workspace.uncounted: inside it nothing counts, even in a script execution it
   * starts (ws.run resets callDepth for the script's own calls, not this).
   */
  uncountedDepth: number;
  /** The manifest's oauthScopes, enforced on every script call; null = not enforced. */
  oauthScopes: readonly string[] | null;
  /** Modelled time after which an execution fails as Google's do (6 min); null = no limit. */
  executionLimitMs: number | null;
}
