// What the spreadsheet facades share: the context, every spreadsheet by id, the UI recorder.
import type {EmulatorContext} from '../context';
import type {UiRecorder} from '../ui';
import type {SpreadsheetModel} from './model';
import {gasError} from '../runtime';

/** The spreadsheets of the emulated Drive, by id, and which one the script is bound to. */
export class SpreadsheetStore {
  readonly byId = new Map<string, SpreadsheetModel>();
  boundId: string | null = null;
}

export interface SpreadsheetEnv {
  ctx: EmulatorContext;
  store: SpreadsheetStore;
  ui: UiRecorder;
}

/** Google's message when a protection forbids a write. */
export const PROTECTED_MESSAGE =
  'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.';

export function protectedError(ctx: EmulatorContext): Error {
  return gasError(ctx, PROTECTED_MESSAGE);
}

/**
 * A viewer (shared "Người xem") opens the file but may not change it: every write through the
 * script fails. Google's wording for a script run by a user without edit access.
 */
export const NO_EDIT_MESSAGE =
  'You do not have permission to access the requested document.';

/**
 * Throws when the script's user was shared the file as a viewer only. (A user with no access at
 * all cannot open another file — openById refuses — and the bound file's tests let units write as
 * if they were editors, as the set-up shares it with them.)
 */
export function assertCanWrite(
  ctx: EmulatorContext,
  ss: {isEditor(email: string): boolean; viewers: string[]},
): void {
  const user = ctx.effectiveUser();
  if (ss.isEditor(user)) return;
  const u = user.toLowerCase();
  if (ss.viewers.some(v => v.toLowerCase() === u))
    throw gasError(ctx, NO_EDIT_MESSAGE);
}

const NAMED_COLORS: Record<string, string> = {
  black: '#000000',
  white: '#ffffff',
  red: '#ff0000',
  green: '#008000',
  lime: '#00ff00',
  blue: '#0000ff',
  yellow: '#ffff00',
  orange: '#ffa500',
  gray: '#808080',
  grey: '#808080',
  silver: '#c0c0c0',
  purple: '#800080',
  pink: '#ffc0cb',
  cyan: '#00ffff',
  magenta: '#ff00ff',
  navy: '#000080',
  maroon: '#800000',
  teal: '#008080',
  olive: '#808000',
  lightgray: '#d3d3d3',
  lightgrey: '#d3d3d3',
  darkgray: '#a9a9a9',
  darkgrey: '#a9a9a9',
  lightgreen: '#90ee90',
  lightblue: '#add8e6',
  lightyellow: '#ffffe0',
};

/** Colors as Google reports them: lower-case #rrggbb. */
export function normalizeColor(color: string): string {
  const c = color.trim().toLowerCase();
  if (NAMED_COLORS[c]) return NAMED_COLORS[c];
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(c);
  if (short)
    return `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`;
  return c;
}
