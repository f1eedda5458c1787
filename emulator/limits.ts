// What Google enforces on every service call: the manifest's OAuth scopes and the 6-minute execution limit.
import type {EmulatorContext, Execution} from './context';

const AUTH = 'https://www.googleapis.com/auth/';
const SHEETS = `${AUTH}spreadsheets`;
const SHEETS_CURRENT = `${AUTH}spreadsheets.currentonly`;
const FORMS = `${AUTH}forms`;
const FORMS_CURRENT = `${AUTH}forms.currentonly`;
const DRIVE = `${AUTH}drive`;
const DRIVE_FILE = `${AUTH}drive.file`;
const SEND_MAIL = `${AUTH}script.send_mail`;
const GMAIL = 'https://mail.google.com/';
const SCRIPTAPP = `${AUTH}script.scriptapp`;
const CONTAINER_UI = `${AUTH}script.container.ui`;
const USERINFO_EMAIL = `${AUTH}userinfo.email`;

/**
 * The scopes (any one suffices) each emulated call needs, as the "Authorization" section of each
 * method's reference page lists them (developers.google.com/apps-script/reference/…). The
 * `.currentonly` scopes reach only the container the script is bound to: opening another
 * spreadsheet or form by id needs the full scope. Calls that need none (builders, enums, Utilities,
 * PropertiesService, LockService, HtmlService, Session.getScriptTimeZone…) are not listed.
 */
const RULES: ReadonlyArray<{match: RegExp; any: readonly string[]}> = [
  {match: /^SpreadsheetApp\.(open|openById|openByUrl|create)$/, any: [SHEETS]},
  {
    match:
      /^SpreadsheetApp\.(getActive|getActiveSpreadsheet|getActiveSheet|getActiveRange|setActiveSpreadsheet|flush)$/,
    any: [SHEETS_CURRENT, SHEETS],
  },
  {
    match: /^(Spreadsheet|Sheet|Range|Protection|NamedRange)\./,
    any: [SHEETS_CURRENT, SHEETS],
  },
  {match: /^FormApp\.(create|openById|openByUrl)$/, any: [FORMS]},
  {match: /^FormApp\.getActiveForm$/, any: [FORMS_CURRENT, FORMS]},
  {
    match: /^(Form|Item|FormResponse|ItemResponse)\./,
    any: [FORMS_CURRENT, FORMS],
  },
  {match: /^Drive\.Files\./, any: [DRIVE_FILE, DRIVE]},
  // spreadsheets.batchUpdate's scopes: spreadsheets, drive or drive.file (developers.google.com/
  // sheets/api/reference/rest/v4/spreadsheets/batchUpdate#authorization-scopes). drive.file reaches
  // only files the app created or was given, which the emulator does not track for spreadsheets.
  {match: /^Sheets\.Spreadsheets\./, any: [SHEETS, DRIVE]},
  {match: /^MailApp\./, any: [SEND_MAIL, GMAIL]},
  {
    match:
      /^ScriptApp\.(newTrigger|getProjectTriggers|getUserTriggers|getScriptTriggers|deleteTrigger)$/,
    any: [SCRIPTAPP],
  },
  {
    match: /^Ui\.(showSidebar|showModalDialog|showModelessDialog)$/,
    any: [CONTAINER_UI],
  },
  {match: /^Session\.(getActiveUser|getEffectiveUser)$/, any: [USERINFO_EMAIL]},
];

/** The scopes a call ("Class.method") needs, any one of them; [] when it needs none. */
export function requiredScopes(key: string): readonly string[] {
  return RULES.find(r => r.match.test(key))?.any ?? [];
}

/**
 * Google's error for a call whose scope the manifest does not grant (seen when appsscript.json sets
 * `oauthScopes` explicitly): "You do not have permission to call X. Required permissions: Y".
 */
export function scopeMessage(key: string, scopes: readonly string[]): string {
  const needed = scopes.length === 1 ? scopes[0] : `(${scopes.join(' || ')})`;
  return `You do not have permission to call ${key}. Required permissions: ${needed}`;
}

/** The call's scope error, or null when the manifest grants it (or scopes are not enforced). */
export function scopeViolation(
  ctx: EmulatorContext,
  key: string,
): string | null {
  const granted = ctx.oauthScopes;
  if (!granted) return null;
  const needed = requiredScopes(key);
  if (!needed.length || needed.some(s => granted.includes(s))) return null;
  return scopeMessage(key, needed);
}

/**
 * Modelled Apps Script time of one service call, in ms. ASSUMPTION, not a measurement (Google's
 * best-practices page says only that service calls are slow): the same figures as scripts/bench.ts,
 * 50 ms a spreadsheet call and 100 ms any other call.
 */
export const MS_PER_SPREADSHEET_CALL = 50;
export const MS_PER_OTHER_CALL = 100;

/** Apps Script's limit on one execution (developers.google.com/apps-script/guides/services/quotas). */
export const EXECUTION_LIMIT_MS = 6 * 60 * 1000;

/** Google's error when an execution runs past its limit. */
export const EXECUTION_LIMIT_MESSAGE = 'Exceeded maximum execution time';

const SPREADSHEET_KEY =
  /^(SpreadsheetApp|Spreadsheet|Sheet|Range|Protection|NamedRange)\./;

/** CPU time this process has used, in ms. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Starts an execution's clock (its CPU time and modelled call time). */
export function startExecutionClock(exec: Execution): void {
  exec.cpuStartMs = cpuMs();
  exec.modelledCallMs = 0;
}

/**
 * Adds one call's modelled time to the execution; the limit error when the execution's modelled
 * time (its calls plus the CPU it used) is past the limit, as Google stops a script mid-run.
 */
export function chargeCall(ctx: EmulatorContext, key: string): string | null {
  const exec = ctx.execution();
  if (exec.cpuStartMs === undefined) return null;
  exec.modelledCallMs =
    (exec.modelledCallMs ?? 0) +
    (SPREADSHEET_KEY.test(key) ? MS_PER_SPREADSHEET_CALL : MS_PER_OTHER_CALL);
  const limit = ctx.executionLimitMs;
  if (limit === null) return null;
  const spent = exec.modelledCallMs + (cpuMs() - exec.cpuStartMs);
  return spent > limit ? EXECUTION_LIMIT_MESSAGE : null;
}

/** An execution's modelled time so far (calls + CPU), in ms; 0 when its clock never started. */
export function modelledMs(exec: Execution): number {
  if (exec.cpuStartMs === undefined) return 0;
  return (exec.modelledCallMs ?? 0) + (cpuMs() - exec.cpuStartMs);
}
