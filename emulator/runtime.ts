// Helpers every emulated class uses: call counting, Google-style exceptions, realm-safe dates.
import type {EmulatorContext} from './context';
import {chargeCall, scopeViolation} from './limits';

/** Anything that carries the emulator context (every emulated object does, as `_ctx`). */
export interface HasContext {
  readonly _ctx: EmulatorContext;
}

/** Every emulated class and the @types interface it stands for ("Spreadsheet.Range", "MailApp"). */
export const API_CLASSES: Array<{
  cls: {prototype: object; name: string};
  gasInterface: string;
}> = [];

/**
 * Declares that a class emulates an @types interface (checked by test/emulator/api-names.test.ts).
 * `gasInterface` is "Namespace.Interface", or a bare interface name when it is unique.
 */
export function describeApi(
  cls: {prototype: object; name: string},
  gasInterface: string,
): void {
  API_CLASSES.push({cls, gasInterface});
}

/**
 * Wraps every public method of a class so a call by the script counts as "Class.method".
 * Methods named `_x` and `constructor` are skipped; calls made by emulated methods while
 * serving a script call (depth > 0) are not counted, so one script call is one count.
 * Also declares the class's @types interface (default: the class name).
 */
export function instrument(
  cls: {prototype: object; name: string},
  className: string,
  gasInterface: string = className,
): void {
  describeApi(cls, gasInterface);
  const proto = cls.prototype as Record<string, unknown>;
  for (const key of Object.getOwnPropertyNames(proto)) {
    if (key === 'constructor' || key.startsWith('_')) continue;
    const desc = Object.getOwnPropertyDescriptor(proto, key);
    if (!desc || typeof desc.value !== 'function') continue;
    const fn = desc.value as (...args: unknown[]) => unknown;
    const counted = {
      [key](this: HasContext, ...args: unknown[]): unknown {
        const ctx = this._ctx;
        if (ctx.callDepth === 0 && !ctx.uncountedDepth) {
          const name = `${className}.${key}`;
          ctx.calls.count(name);
          const refused = scopeViolation(ctx, name) ?? chargeCall(ctx, name);
          if (refused) throw gasError(ctx, refused);
        }
        ctx.callDepth++;
        try {
          return fn.apply(this, args);
        } finally {
          ctx.callDepth--;
        }
      },
    }[key];
    Object.defineProperty(proto, key, {...desc, value: counted});
  }
}

/** Runs script code called back from inside an emulated method (its calls count again). */
export function scriptCallback<T>(ctx: EmulatorContext, fn: () => T): T {
  const depth = ctx.callDepth;
  ctx.callDepth = 0;
  try {
    return fn();
  } finally {
    ctx.callDepth = depth;
  }
}

/**
 * An error like the ones Apps Script throws: name "Exception", so String(e) is
 * "Exception: <message>", made in the script's realm so `instanceof Error` holds there.
 */
export function gasError(ctx: EmulatorContext, message: string): Error {
  const e = new ctx.realm.Error(message);
  e.name = 'Exception';
  return e;
}

/** True for a Date from any realm (instanceof fails across node:vm contexts). */
export function isDate(x: unknown): x is Date {
  return Object.prototype.toString.call(x) === '[object Date]';
}

/** A Date in the script's realm holding the same instant. */
export function realmDate(ctx: EmulatorContext, msOrDate: number | Date): Date {
  const ms = typeof msOrDate === 'number' ? msOrDate : msOrDate.getTime();
  return new ctx.realm.Date(ms);
}

/** Validates an argument like Apps Script does when a required one is missing. */
export function requireArg(
  ctx: EmulatorContext,
  value: unknown,
  method: string,
): void {
  if (value === undefined) {
    throw gasError(
      ctx,
      `The parameters () don't match the method signature for ${method}.`,
    );
  }
}

/** A user as Apps Script returns it: only the e-mail is visible. */
export class UserImpl implements Pick<GoogleAppsScript.Base.User, 'getEmail'> {
  constructor(
    readonly _ctx: EmulatorContext,
    private readonly _email: string,
  ) {}
  getEmail(): string {
    return this._email;
  }
}
instrument(UserImpl, 'User', 'Base.User');

/** The e-mail of a user given as an e-mail string or a User object. */
export function emailOf(user: string | GoogleAppsScript.Base.User): string {
  return typeof user === 'string' ? user : user.getEmail();
}
