// Session: who runs the script (active and effective user), the script's time zone and locale.
import {createHash} from 'node:crypto';
import type {EmulatorContext} from './context';
import {UserImpl, instrument} from './runtime';

type User = GoogleAppsScript.Base.User;

export class SessionImpl implements Partial<GoogleAppsScript.Base.Session> {
  constructor(
    readonly _ctx: EmulatorContext,
    readonly _locale: () => string,
  ) {}
  getActiveUser(): User {
    return new UserImpl(this._ctx, this._ctx.activeUser()) as unknown as User;
  }
  getEffectiveUser(): User {
    return new UserImpl(
      this._ctx,
      this._ctx.effectiveUser(),
    ) as unknown as User;
  }
  getScriptTimeZone(): string {
    return this._ctx.timeZone;
  }
  getActiveUserLocale(): string {
    return this._locale();
  }
  getTemporaryActiveUserKey(): string {
    const user = this._ctx.activeUser() || this._ctx.effectiveUser();
    return createHash('sha256')
      .update(`temporary-key:${user}`)
      .digest('base64')
      .slice(0, 43);
  }
}
instrument(SessionImpl, 'Session', 'Base.Session');
