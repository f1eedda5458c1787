// A node:vm context shaped like Apps Script's V8 runtime: ECMAScript globals, the emulated services, console.
import {existsSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import * as vm from 'node:vm';
import type {Workspace} from './index';

/** The project's manifest, whose oauthScopes a script run in the vm gets (as Google grants them). */
export const PROJECT_MANIFEST = join(__dirname, '..', 'appsscript.json');

/** The oauthScopes of a manifest file; null when it has none (Google then infers them: not enforced). */
export function manifestScopes(path: string): string[] | null {
  if (!existsSync(path)) return null;
  const m = JSON.parse(readFileSync(path, 'utf8')) as {oauthScopes?: unknown};
  return Array.isArray(m.oauthScopes) ? m.oauthScopes.map(String) : null;
}

/**
 * Whether a manifest enables an advanced service by its userSymbol (dependencies.
 * enabledAdvancedServices); a script sees the service's global only then. No manifest: true.
 */
export function manifestEnables(path: string, userSymbol: string): boolean {
  if (!existsSync(path)) return true;
  const m = JSON.parse(readFileSync(path, 'utf8')) as {
    dependencies?: {enabledAdvancedServices?: Array<{userSymbol?: unknown}>};
  };
  return (m.dependencies?.enabledAdvancedServices ?? []).some(
    s => s.userSymbol === userSymbol,
  );
}

/** What createVmContext returns: a vm context whose globals are the script's globals. */
export type ScriptContext = vm.Context & Record<string, unknown>;

export interface VmOptions {
  /** The console scripts log to (default: the host's console). */
  console?: Pick<Console, 'log' | 'info' | 'warn' | 'error'> & Partial<Console>;
  /**
   * The manifest whose oauthScopes are enforced on the script's calls (default: the project's
   * appsscript.json); null enforces none.
   */
  manifest?: string | null;
}

const DATE_SHIM = `(function (nowFn) {
  'use strict';
  var RealDate = globalThis.Date;
  function EmuDate(a, b, c, d, e, f, g) {
    if (!new.target) return new RealDate(nowFn()).toString();
    var args = Array.prototype.slice.call(arguments);
    return Reflect.construct(RealDate, args.length === 0 ? [nowFn()] : args, new.target);
  }
  Object.defineProperty(EmuDate, 'name', {value: 'Date'});
  EmuDate.prototype = RealDate.prototype;
  Object.defineProperty(RealDate.prototype, 'constructor', {value: EmuDate, writable: true, configurable: true, enumerable: false});
  EmuDate.now = function now() { return nowFn(); };
  EmuDate.parse = RealDate.parse;
  EmuDate.UTC = RealDate.UTC;
  Object.defineProperty(globalThis, 'Date', {value: EmuDate, writable: true, configurable: true, enumerable: false});
  return RealDate;
})`;

/**
 * A context holding only what Apps Script's V8 has: the standard ECMAScript globals, the
 * workspace's services and `console` — no require, process, Buffer, URL, TextEncoder, atob,
 * structuredClone, timers, fetch, crypto, performance or Blob. Its Date reports the emulated now.
 * The workspace then makes script Dates and Errors in this realm and finds script functions here.
 */
export function createVmContext(
  ws: Workspace,
  opts: VmOptions = {},
): ScriptContext {
  const context = vm.createContext({}) as ScriptContext;
  const realDate = (
    vm.runInContext(DATE_SHIM, context) as (
      now: () => number,
    ) => DateConstructor
  )(() => ws.nowMs());
  const realError = vm.runInContext('Error', context) as ErrorConstructor;
  const hostConsole = opts.console ?? console;
  const scriptConsole = vm.runInContext('({})', context) as Record<
    string,
    unknown
  >;
  for (const k of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const f =
      (hostConsole as Partial<Record<typeof k, (...a: unknown[]) => void>>)[
        k
      ] ?? hostConsole.log;
    scriptConsole[k] = (...args: unknown[]) => f.apply(hostConsole, args);
  }
  const timers = new Map<string, number>();
  scriptConsole.time = (label: string) => timers.set(String(label), ws.nowMs());
  scriptConsole.timeEnd = (label: string) => {
    const start = timers.get(String(label));
    if (start !== undefined)
      hostConsole.log(`${label}: ${ws.nowMs() - start}ms`);
    timers.delete(String(label));
  };
  Object.defineProperty(context, 'console', {
    value: scriptConsole,
    writable: true,
    configurable: true,
    enumerable: false,
  });
  const manifest =
    opts.manifest === undefined ? PROJECT_MANIFEST : opts.manifest;
  if (manifest && !manifestEnables(manifest, 'Sheets'))
    ws.removeGlobal('Sheets');
  ws.installGlobals(context);
  if (manifest) ws.setOAuthScopes(manifestScopes(manifest));
  ws.setRealm({Date: realDate, Error: realError});
  ws.setFunctions(name => (context as Record<string, unknown>)[name]);
  return context;
}

/** Runs a classic script (like dist/Code.js) in the context; its top-level functions become globals. */
export function loadScript(
  context: vm.Context,
  code: string,
  filename = 'Code.js',
): void {
  vm.runInContext(code, context, {filename});
}
