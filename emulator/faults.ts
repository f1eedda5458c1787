// Host-only fault injection for tests: makes an emulated service method throw, then restores it.
import type {Workspace} from './index';
import type {EmulatorContext} from './context';
import {gasError} from './runtime';
import {MailAppImpl} from './mail';
import {ProtectionImpl} from './spreadsheet/protection';
import {RangeImpl} from './spreadsheet/range';
import {SheetImpl} from './spreadsheet/sheet';
import {SpreadsheetImpl} from './spreadsheet/spreadsheet';

const CLASSES: Record<string, {prototype: object}> = {
  MailApp: MailAppImpl,
  Protection: ProtectionImpl,
  Range: RangeImpl,
  Sheet: SheetImpl,
  Spreadsheet: SpreadsheetImpl,
};

export interface FaultOptions {
  /** Calls let through before the first failure (default 0: the first matching call fails). */
  after?: number;
  /** How many calls fail once failing starts (default 1; Infinity: every later one). */
  times?: number;
  /** The exception's message (an Apps Script "Exception"). */
  message?: string;
  /** Only calls for which this holds count (e.g. writes to one sheet). */
  when?: (target: unknown, args: unknown[]) => boolean;
}

export interface Fault {
  /** Matching calls seen so far (failed ones included). */
  readonly seen: number;
  /** Calls that threw. */
  readonly thrown: number;
  /** Puts the original method back. */
  restore(): void;
}

/**
 * Makes `Class.method` (e.g. 'Range.setValues', 'MailApp.sendEmail') throw for calls the script
 * makes in `ws` (not calls emulated methods make internally, nor other workspaces), after `after`
 * matching calls. The method is replaced on the emulated prototype until `restore()`.
 */
export function injectFault(
  ws: Workspace,
  name: string,
  opts: FaultOptions = {},
): Fault {
  const [cls, method] = name.split('.');
  const proto = CLASSES[cls]?.prototype as Record<string, unknown> | undefined;
  const original = proto?.[method];
  if (!proto || typeof original !== 'function')
    throw new Error(`injectFault: unknown method ${name}`);
  const after = opts.after ?? 0;
  const times = opts.times ?? 1;
  const message = opts.message ?? `Service error: ${name}`;
  const ctx = ws.ctx;
  const state = {seen: 0, thrown: 0};
  const replaced = function (
    this: {_ctx: EmulatorContext},
    ...args: unknown[]
  ): unknown {
    if (
      this._ctx === ctx &&
      ctx.callDepth === 0 &&
      (!opts.when || opts.when(this, args))
    ) {
      state.seen++;
      if (state.seen > after && state.thrown < times) {
        state.thrown++;
        throw gasError(ctx, message);
      }
    }
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  };
  proto[method] = replaced;
  return {
    get seen() {
      return state.seen;
    },
    get thrown() {
      return state.thrown;
    },
    restore() {
      if (proto[method] === replaced) proto[method] = original;
    },
  };
}
