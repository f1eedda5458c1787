// ScriptApp: installable triggers (builders, limits, per-user ownership), the service URL, OAuth token, enums.
import {createHash} from 'node:crypto';
import type {EmulatorContext} from './context';
import {describeApi, gasError, instrument} from './runtime';
import {gasEnum} from './spreadsheet/enums';
import {fromWallClock, wallClock, zoneOrGmt} from './tz';

type GasTrigger = GoogleAppsScript.Script.Trigger;

export const AuthModeEnum = gasEnum<typeof GoogleAppsScript.Script.AuthMode>(
  'NONE',
  'CUSTOM_FUNCTION',
  'LIMITED',
  'FULL',
);
export const EventTypeEnum = gasEnum<typeof GoogleAppsScript.Script.EventType>(
  'CLOCK',
  'ON_OPEN',
  'ON_EDIT',
  'ON_FORM_SUBMIT',
  'ON_CHANGE',
  'ON_EVENT_UPDATED',
);
export const TriggerSourceEnum = gasEnum<
  typeof GoogleAppsScript.Script.TriggerSource
>('SPREADSHEETS', 'CLOCK', 'FORMS', 'DOCUMENTS', 'CALENDAR');
const AuthorizationStatusEnum = gasEnum<
  typeof GoogleAppsScript.Script.AuthorizationStatus
>('REQUIRED', 'NOT_REQUIRED');
const InstallationSourceEnum = gasEnum<
  typeof GoogleAppsScript.Script.InstallationSource
>('APPS_MARKETPLACE_DOMAIN_ADD_ON', 'NONE', 'WEB_STORE_ADD_ON');
const WeekdayEnum = gasEnum<typeof GoogleAppsScript.Base.Weekday>(
  'SUNDAY',
  'MONDAY',
  'TUESDAY',
  'WEDNESDAY',
  'THURSDAY',
  'FRIDAY',
  'SATURDAY',
);

/** Google's limit of installable triggers per user per script. */
export const MAX_TRIGGERS_PER_USER = 20;
export const TOO_MANY_TRIGGERS_MESSAGE =
  'This script has too many triggers. Triggers must be deleted from the script before more can be added.';

export interface ClockSchedule {
  everyMinutes?: number;
  everyHours?: number;
  everyDays?: number;
  everyWeeks?: number;
  atHour?: number;
  nearMinute?: number;
  onWeekDay?: string;
  onMonthDay?: number;
  /** One-off: run once at this instant (ms). */
  at?: number;
  timeZone: string;
}

export interface TriggerState {
  id: string;
  handler: string;
  eventType:
    | 'CLOCK'
    | 'ON_OPEN'
    | 'ON_EDIT'
    | 'ON_FORM_SUBMIT'
    | 'ON_CHANGE'
    | 'ON_EVENT_UPDATED';
  source: 'CLOCK' | 'SPREADSHEETS' | 'FORMS' | 'DOCUMENTS' | 'CALENDAR';
  sourceId: string | null;
  /** Who installed it: it runs as them. */
  user: string;
  createdAt: number;
  schedule?: ClockSchedule;
  /** Next time a clock trigger is due (emulated ms); null when it will not run again. */
  nextRun?: number | null;
  lastRun?: number | null;
}

/** Every installable trigger of the project (all users). */
export class TriggerTable {
  triggers: TriggerState[] = [];

  ofUser(user: string): TriggerState[] {
    const u = user.toLowerCase();
    return this.triggers.filter(t => t.user.toLowerCase() === u);
  }
}

const DAY_MS = 86400000;

/** When a clock trigger runs next after `from` (ms). Google picks a moment within the hour asked. */
export function nextClockRun(
  s: ClockSchedule,
  from: number,
  createdAt: number,
): number | null {
  const tz = zoneOrGmt(s.timeZone);
  if (s.at !== undefined) return s.at > from ? s.at : null;
  if (s.everyMinutes) {
    const step = s.everyMinutes * 60000;
    return createdAt + Math.floor((from - createdAt) / step + 1) * step;
  }
  if (s.everyHours) {
    const step = s.everyHours * 3600000;
    return createdAt + Math.floor((from - createdAt) / step + 1) * step;
  }
  const hour = s.atHour ?? wallClock(createdAt, tz).hour;
  const minute = s.nearMinute ?? 0;
  const w = wallClock(from, tz);
  if (s.onMonthDay !== undefined) {
    for (let k = 0; k < 14; k++) {
      const t = fromWallClock(
        tz,
        w.year,
        w.month + k,
        s.onMonthDay,
        hour,
        minute,
      );
      if (t > from) return t;
    }
    return null;
  }
  const days =
    s.everyWeeks || s.onWeekDay ? 7 * (s.everyWeeks ?? 1) : (s.everyDays ?? 1);
  const weekDays = [
    'SUNDAY',
    'MONDAY',
    'TUESDAY',
    'WEDNESDAY',
    'THURSDAY',
    'FRIDAY',
    'SATURDAY',
  ];
  let t = fromWallClock(tz, w.year, w.month, w.day, hour, minute);
  if (s.onWeekDay) {
    const target = weekDays.indexOf(s.onWeekDay);
    const shift = (target - w.weekday + 7) % 7;
    t = fromWallClock(tz, w.year, w.month, w.day + shift, hour, minute);
  }
  while (t <= from) t += (s.onWeekDay ? 7 : 1) * DAY_MS;
  if (days > 1 && !s.onWeekDay) {
    // Runs every n days counted from the day the trigger was made.
    const created = wallClock(createdAt, tz);
    const day0 =
      Date.UTC(created.year, created.month - 1, created.day) / DAY_MS;
    for (let guard = 0; guard < 400; guard++) {
      const tw = wallClock(t, tz);
      const d = Date.UTC(tw.year, tw.month - 1, tw.day) / DAY_MS;
      if ((d - day0) % days === 0) break;
      t += DAY_MS;
    }
  }
  return t;
}

export class TriggerImpl implements Partial<GasTrigger> {
  constructor(
    readonly _ctx: EmulatorContext,
    readonly _t: TriggerState,
  ) {}
  getUniqueId(): string {
    return this._t.id;
  }
  getHandlerFunction(): string {
    return this._t.handler;
  }
  getEventType(): GoogleAppsScript.Script.EventType {
    return this._t.eventType as unknown as GoogleAppsScript.Script.EventType;
  }
  getTriggerSource(): GoogleAppsScript.Script.TriggerSource {
    return this._t.source as unknown as GoogleAppsScript.Script.TriggerSource;
  }
  getTriggerSourceId(): string {
    return this._t.sourceId as string;
  }
}
instrument(TriggerImpl, 'Trigger', 'Script.Trigger');

/** What the builders need from ScriptApp. */
interface Installer {
  _install(t: Omit<TriggerState, 'id' | 'user' | 'createdAt'>): GasTrigger;
  _ctx: EmulatorContext;
}

export class ClockTriggerBuilderImpl implements Partial<GoogleAppsScript.Script.ClockTriggerBuilder> {
  readonly _s: ClockSchedule;
  constructor(
    readonly _app: Installer,
    readonly _handler: string,
  ) {
    this._s = {timeZone: _app._ctx.timeZone};
  }
  _self(): GoogleAppsScript.Script.ClockTriggerBuilder {
    return this as unknown as GoogleAppsScript.Script.ClockTriggerBuilder;
  }
  _err(msg: string): never {
    throw gasError(this._app._ctx, msg);
  }
  _recurrence(): void {
    const s = this._s;
    if (
      s.everyMinutes ||
      s.everyHours ||
      s.everyDays ||
      s.everyWeeks ||
      s.at !== undefined
    ) {
      this._err('Already chosen to run at a given recurrence.');
    }
  }
  everyMinutes(n: number): GoogleAppsScript.Script.ClockTriggerBuilder {
    if (![1, 5, 10, 15, 30].includes(n))
      this._err(
        'The value you passed to everyMinutes is invalid. It must be 1, 5, 10, 15 or 30.',
      );
    this._recurrence();
    this._s.everyMinutes = n;
    return this._self();
  }
  everyHours(n: number): GoogleAppsScript.Script.ClockTriggerBuilder {
    if (![1, 2, 4, 6, 8, 12].includes(n))
      this._err(
        'The value you passed to everyHours is invalid. It must be 1, 2, 4, 6, 8 or 12.',
      );
    this._recurrence();
    this._s.everyHours = n;
    return this._self();
  }
  everyDays(n: number): GoogleAppsScript.Script.ClockTriggerBuilder {
    if (!Number.isInteger(n) || n < 1) this._err('Invalid argument: n');
    this._recurrence();
    this._s.everyDays = n;
    return this._self();
  }
  everyWeeks(n: number): GoogleAppsScript.Script.ClockTriggerBuilder {
    if (!Number.isInteger(n) || n < 1) this._err('Invalid argument: n');
    this._recurrence();
    this._s.everyWeeks = n;
    return this._self();
  }
  atHour(hour: number): GoogleAppsScript.Script.ClockTriggerBuilder {
    if (!Number.isInteger(hour) || hour < 0 || hour > 23)
      this._err('Invalid argument: hour');
    this._s.atHour = hour;
    return this._self();
  }
  nearMinute(minute: number): GoogleAppsScript.Script.ClockTriggerBuilder {
    if (!Number.isInteger(minute) || minute < 0 || minute > 59)
      this._err('Invalid argument: minute');
    // Google rounds to a 15-minute slot.
    this._s.nearMinute = Math.min(45, Math.round(minute / 15) * 15);
    return this._self();
  }
  onWeekDay(
    day: GoogleAppsScript.Base.Weekday,
  ): GoogleAppsScript.Script.ClockTriggerBuilder {
    this._s.onWeekDay = String(day);
    return this._self();
  }
  onMonthDay(day: number): GoogleAppsScript.Script.ClockTriggerBuilder {
    if (!Number.isInteger(day) || day < 1 || day > 31)
      this._err('Invalid argument: day');
    this._s.onMonthDay = day;
    return this._self();
  }
  inTimezone(timezone: string): GoogleAppsScript.Script.ClockTriggerBuilder {
    this._s.timeZone = String(timezone);
    return this._self();
  }
  at(date: Date): GoogleAppsScript.Script.ClockTriggerBuilder {
    this._recurrence();
    this._s.at = date.getTime();
    return this._self();
  }
  atDate(
    year: number,
    month: number,
    day: number,
  ): GoogleAppsScript.Script.ClockTriggerBuilder {
    this._recurrence();
    this._s.at = fromWallClock(zoneOrGmt(this._s.timeZone), year, month, day);
    return this._self();
  }
  after(
    durationMilliseconds: number,
  ): GoogleAppsScript.Script.ClockTriggerBuilder {
    this._recurrence();
    this._s.at = this._app._ctx.now().getTime() + Number(durationMilliseconds);
    return this._self();
  }
  create(): GasTrigger {
    const s = this._s;
    const recurring =
      s.everyMinutes ||
      s.everyHours ||
      s.everyDays ||
      s.everyWeeks ||
      s.onWeekDay ||
      s.onMonthDay;
    if (!recurring && s.at === undefined) {
      this._err(
        'The clock trigger needs a recurrence (everyMinutes, everyHours, everyDays, everyWeeks, onWeekDay, onMonthDay) or a time (at, after).',
      );
    }
    if (s.atHour !== undefined && (s.everyMinutes || s.everyHours)) {
      this._err('atHour can only be used with everyDays or everyWeeks.');
    }
    return this._app._install({
      handler: this._handler,
      eventType: 'CLOCK',
      source: 'CLOCK',
      sourceId: null,
      schedule: {...s},
    });
  }
}

export class SpreadsheetTriggerBuilderImpl implements Partial<GoogleAppsScript.Script.SpreadsheetTriggerBuilder> {
  _event: TriggerState['eventType'] | null = null;
  constructor(
    readonly _app: Installer,
    readonly _handler: string,
    readonly _sourceId: string,
  ) {}
  _on(
    e: TriggerState['eventType'],
  ): GoogleAppsScript.Script.SpreadsheetTriggerBuilder {
    this._event = e;
    return this as unknown as GoogleAppsScript.Script.SpreadsheetTriggerBuilder;
  }
  onOpen(): GoogleAppsScript.Script.SpreadsheetTriggerBuilder {
    return this._on('ON_OPEN');
  }
  onEdit(): GoogleAppsScript.Script.SpreadsheetTriggerBuilder {
    return this._on('ON_EDIT');
  }
  onChange(): GoogleAppsScript.Script.SpreadsheetTriggerBuilder {
    return this._on('ON_CHANGE');
  }
  onFormSubmit(): GoogleAppsScript.Script.SpreadsheetTriggerBuilder {
    return this._on('ON_FORM_SUBMIT');
  }
  create(): GasTrigger {
    if (!this._event)
      throw gasError(
        this._app._ctx,
        'The trigger needs an event type (onOpen, onEdit, onChange, onFormSubmit).',
      );
    return this._app._install({
      handler: this._handler,
      eventType: this._event,
      source: 'SPREADSHEETS',
      sourceId: this._sourceId,
    });
  }
}

export class FormTriggerBuilderImpl implements Partial<GoogleAppsScript.Script.FormTriggerBuilder> {
  _event: TriggerState['eventType'] | null = null;
  constructor(
    readonly _app: Installer,
    readonly _handler: string,
    readonly _sourceId: string,
  ) {}
  onFormSubmit(): GoogleAppsScript.Script.FormTriggerBuilder {
    this._event = 'ON_FORM_SUBMIT';
    return this as unknown as GoogleAppsScript.Script.FormTriggerBuilder;
  }
  onOpen(): GoogleAppsScript.Script.FormTriggerBuilder {
    this._event = 'ON_OPEN';
    return this as unknown as GoogleAppsScript.Script.FormTriggerBuilder;
  }
  create(): GasTrigger {
    if (!this._event)
      throw gasError(
        this._app._ctx,
        'The trigger needs an event type (onFormSubmit, onOpen).',
      );
    return this._app._install({
      handler: this._handler,
      eventType: this._event,
      source: 'FORMS',
      sourceId: this._sourceId,
    });
  }
}

export class DocumentTriggerBuilderImpl implements Partial<GoogleAppsScript.Script.DocumentTriggerBuilder> {
  constructor(
    readonly _app: Installer,
    readonly _handler: string,
    readonly _sourceId: string,
  ) {}
  onOpen(): GoogleAppsScript.Script.DocumentTriggerBuilder {
    return this as unknown as GoogleAppsScript.Script.DocumentTriggerBuilder;
  }
  create(): GasTrigger {
    return this._app._install({
      handler: this._handler,
      eventType: 'ON_OPEN',
      source: 'DOCUMENTS',
      sourceId: this._sourceId,
    });
  }
}

function idOf(x: unknown, what: string, ctx: EmulatorContext): string {
  if (typeof x === 'string') return x;
  if (x && typeof (x as {getId?: unknown}).getId === 'function')
    return String((x as {getId(): string}).getId());
  throw gasError(ctx, `Invalid argument: ${what}`);
}

export class TriggerBuilderImpl implements Partial<GoogleAppsScript.Script.TriggerBuilder> {
  constructor(
    readonly _app: Installer,
    readonly _handler: string,
  ) {}
  timeBased(): GoogleAppsScript.Script.ClockTriggerBuilder {
    return new ClockTriggerBuilderImpl(
      this._app,
      this._handler,
    ) as unknown as GoogleAppsScript.Script.ClockTriggerBuilder;
  }
  forSpreadsheet(
    sheet: GoogleAppsScript.Spreadsheet.Spreadsheet | string,
  ): GoogleAppsScript.Script.SpreadsheetTriggerBuilder {
    return new SpreadsheetTriggerBuilderImpl(
      this._app,
      this._handler,
      idOf(sheet, 'sheet', this._app._ctx),
    ) as unknown as GoogleAppsScript.Script.SpreadsheetTriggerBuilder;
  }
  forForm(
    form: GoogleAppsScript.Forms.Form | string,
  ): GoogleAppsScript.Script.FormTriggerBuilder {
    return new FormTriggerBuilderImpl(
      this._app,
      this._handler,
      idOf(form, 'form', this._app._ctx),
    ) as unknown as GoogleAppsScript.Script.FormTriggerBuilder;
  }
  forDocument(
    document: GoogleAppsScript.Document.Document | string,
  ): GoogleAppsScript.Script.DocumentTriggerBuilder {
    return new DocumentTriggerBuilderImpl(
      this._app,
      this._handler,
      idOf(document, 'document', this._app._ctx),
    ) as unknown as GoogleAppsScript.Script.DocumentTriggerBuilder;
  }
}

/** The project's web app deployment: its /exec address once deployed, else null. */
export interface WebAppDeployment {
  url: string | null;
}

// @types/google-apps-script types getUrl() as string; Google documents null before a deployment.
export class ServiceImpl implements Partial<
  Omit<GoogleAppsScript.Script.Service, 'getUrl'>
> {
  constructor(
    readonly _ctx: EmulatorContext,
    readonly _deployment: WebAppDeployment,
  ) {}
  /**
   * "Returns the URL of the web app, if it has been deployed; otherwise returns null."
   * (https://developers.google.com/apps-script/reference/script/service#getUrl())
   */
  getUrl(): string | null {
    return this._deployment.url;
  }
  /** "Returns true if the script is accessible as a web app." */
  isEnabled(): boolean {
    return this._deployment.url !== null;
  }
}
instrument(ServiceImpl, 'Service', 'Script.Service');

export class ScriptAppImpl implements Partial<GoogleAppsScript.Script.ScriptApp> {
  AuthMode = AuthModeEnum;
  AuthorizationStatus = AuthorizationStatusEnum;
  EventType = EventTypeEnum;
  InstallationSource = InstallationSourceEnum;
  TriggerSource = TriggerSourceEnum;
  WeekDay = WeekdayEnum;

  constructor(
    readonly _ctx: EmulatorContext,
    readonly _table: TriggerTable,
    readonly _scriptId: string,
    readonly _deployment: WebAppDeployment = {url: null},
  ) {}

  _requireFull(method: string): void {
    const mode = this._ctx.execution().authMode;
    if (mode !== 'FULL') {
      throw gasError(
        this._ctx,
        `You do not have permission to call ${method}. Required permissions: https://www.googleapis.com/auth/script.scriptapp`,
      );
    }
  }

  _install(t: Omit<TriggerState, 'id' | 'user' | 'createdAt'>): GasTrigger {
    this._requireFull('ScriptApp.newTrigger');
    const user = this._ctx.effectiveUser();
    if (this._table.ofUser(user).length >= MAX_TRIGGERS_PER_USER) {
      throw gasError(this._ctx, TOO_MANY_TRIGGERS_MESSAGE);
    }
    const now = this._ctx.now().getTime();
    const state: TriggerState = {
      ...t,
      id: this._ctx.newId('trigger'),
      user,
      createdAt: now,
    };
    if (state.schedule) state.nextRun = nextClockRun(state.schedule, now, now);
    this._table.triggers.push(state);
    return new TriggerImpl(this._ctx, state) as unknown as GasTrigger;
  }

  newTrigger(functionName: string): GoogleAppsScript.Script.TriggerBuilder {
    if (typeof functionName !== 'string' || functionName === '') {
      throw gasError(this._ctx, 'Invalid argument: functionName');
    }
    return new TriggerBuilderImpl(
      this,
      functionName,
    ) as unknown as GoogleAppsScript.Script.TriggerBuilder;
  }
  getProjectTriggers(): GasTrigger[] {
    this._requireFull('ScriptApp.getProjectTriggers');
    return this._table
      .ofUser(this._ctx.effectiveUser())
      .map(t => new TriggerImpl(this._ctx, t) as unknown as GasTrigger);
  }
  getUserTriggers(document: {getId(): string}): GasTrigger[] {
    this._requireFull('ScriptApp.getUserTriggers');
    const id = idOf(document, 'document', this._ctx);
    return this._table
      .ofUser(this._ctx.effectiveUser())
      .filter(t => t.sourceId === id)
      .map(t => new TriggerImpl(this._ctx, t) as unknown as GasTrigger);
  }
  deleteTrigger(trigger: GasTrigger): void {
    this._requireFull('ScriptApp.deleteTrigger');
    const id = trigger.getUniqueId();
    const me = this._ctx.effectiveUser().toLowerCase();
    const t = this._table.triggers.find(x => x.id === id);
    if (!t) return;
    if (t.user.toLowerCase() !== me) {
      throw gasError(
        this._ctx,
        'You do not have permission to delete a trigger installed by another user.',
      );
    }
    this._table.triggers = this._table.triggers.filter(x => x !== t);
  }
  getScriptId(): string {
    return this._scriptId;
  }
  getService(): GoogleAppsScript.Script.Service {
    return new ServiceImpl(
      this._ctx,
      this._deployment,
    ) as unknown as GoogleAppsScript.Script.Service;
  }
  getOAuthToken(): string {
    const user = this._ctx.effectiveUser();
    return (
      'ya29.emulated-' +
      createHash('sha256')
        .update(`${this._scriptId}:${user}`)
        .digest('hex')
        .slice(0, 32)
    );
  }
  getInstallationSource(): GoogleAppsScript.Script.InstallationSource {
    return 'NONE' as unknown as GoogleAppsScript.Script.InstallationSource;
  }
}
instrument(ScriptAppImpl, 'ScriptApp', 'Script.ScriptApp');

describeApi(TriggerBuilderImpl, 'Script.TriggerBuilder');
describeApi(ClockTriggerBuilderImpl, 'Script.ClockTriggerBuilder');
describeApi(SpreadsheetTriggerBuilderImpl, 'Script.SpreadsheetTriggerBuilder');
describeApi(FormTriggerBuilderImpl, 'Script.FormTriggerBuilder');
describeApi(DocumentTriggerBuilderImpl, 'Script.DocumentTriggerBuilder');
