// Logger: Logger.log lines with Apps Script's timestamp prefix, readable with getLog().
import type {EmulatorContext} from './context';
import {instrument} from './runtime';
import {formatJavaDate} from './tz';
import {formatString} from './utilities';

export class LoggerImpl implements Partial<GoogleAppsScript.Base.Logger> {
  constructor(
    readonly _ctx: EmulatorContext,
    readonly _lines: string[],
    readonly _echo: ((line: string) => void) | null = null,
  ) {}
  log(data: unknown, ...values: unknown[]): GoogleAppsScript.Base.Logger {
    const text = values.length
      ? formatString(String(data), ...values)
      : stringify(data);
    const stamp = formatJavaDate(
      this._ctx.now().getTime(),
      this._ctx.timeZone,
      'yy-MM-dd HH:mm:ss:SSS z',
    );
    const line = `[${stamp}] ${text}`;
    this._lines.push(line);
    this._echo?.(line);
    return this as unknown as GoogleAppsScript.Base.Logger;
  }
  getLog(): string {
    return this._lines.map(l => l + '\n').join('');
  }
  clear(): void {
    this._lines.length = 0;
  }
}
instrument(LoggerImpl, 'Logger', 'Base.Logger');

function stringify(x: unknown): string {
  if (typeof x === 'string') return x;
  if (x === null || x === undefined) return String(x);
  if (
    typeof x === 'object' &&
    Object.prototype.toString.call(x) !== '[object Date]'
  ) {
    try {
      return JSON.stringify(x);
    } catch {
      return String(x);
    }
  }
  return String(x);
}
