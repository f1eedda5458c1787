// Shared set-up for the trust tests: dist/Code.js in the emulator, two units with staff, protections on.
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {Workspace} from '../../emulator';
import {createVmContext, loadScript} from '../../emulator/vm';

export const ADMIN = 'quantri@daison.vn';
/** Staff of Phòng Kinh tế (the mischievous unit) and of Phòng Văn hóa - Xã hội (the victim). */
export const KT = 'kt@daison.vn';
export const VHXH = 'vhxh@daison.vn';
export const PROTECTED =
  'Exception: You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.';

const CODE = readFileSync(join(__dirname, '../../dist/Code.js'), 'utf8');
const QUIET = {log() {}, info() {}, warn() {}, error() {}};

type SS = GoogleAppsScript.Spreadsheet.SpreadsheetApp;

let current: Workspace | null = null;

/** Uninstalls the globals of the last workspace (call from afterEach). */
export function cleanUp(): void {
  current?.uninstallGlobals();
  current = null;
}

/** The emulated SpreadsheetApp (for edits a user makes by hand, inside ws.run). */
export function app(ws: Workspace): SS {
  return ws.globals().SpreadsheetApp as SS;
}

/** Sets a Cấu hình value as the admin. */
export function setSetting(ws: Workspace, key: string, value: string): void {
  ws.run(ADMIN, () => {
    const sheet = app(ws).getActive().getSheetByName('Cấu hình')!;
    const values = sheet.getDataRange().getValues();
    const row = values.findIndex(r => r[0] === key);
    sheet.getRange(row + 1, 3).setValue(value);
  });
}

/** Sets a unit's e-mail cell in Đơn vị as the admin. */
export function setUnitEmails(
  ws: Workspace,
  code: string,
  emails: string,
): void {
  ws.run(ADMIN, () => {
    const sheet = app(ws).getActive().getSheetByName('Đơn vị')!;
    const values = sheet.getDataRange().getValues();
    const col = values[0].indexOf('Email (cách nhau bởi dấu phẩy)');
    const row = values.findIndex(r => r[0] === code);
    sheet.getRange(row + 1, col + 1).setValue(emails);
  });
}

/**
 * A set-up workbook on 27/08/2025 (kỳ 1 due 03/09): KT and VHXH have staff who edit the file,
 * the admin is in Cấu hình, protections follow.
 */
export function trustWorkspace(now = '2025-08-27T01:00:00Z'): Workspace {
  const ws = new Workspace({owner: ADMIN, now});
  loadScript(createVmContext(ws, {console: QUIET}), CODE);
  ws.installGlobals();
  current = ws;
  ws.callFunction(ADMIN, 'setupWorkbook');
  setSetting(ws, 'adminEmails', ADMIN);
  setUnitEmails(ws, 'KT', KT);
  setUnitEmails(ws, 'VHXH', VHXH);
  ws.addEditor(KT, VHXH);
  ws.callFunction(ADMIN, 'setupWorkbook');
  return ws;
}

/** Runs `fn` as `user`; returns the error text, or 'ok'. */
export function attempt(
  ws: Workspace,
  user: string,
  fn: () => unknown,
): string {
  try {
    ws.run(user, fn);
    return 'ok';
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** A tab's values, header first. */
export function tab(ws: Workspace, name: string): unknown[][] {
  return ws.sheetValues(name);
}

/** Sheet row (1-based) of an assignment id in Phân công, or -1. */
export function rowOf(ws: Workspace, id: string): number {
  const i = tab(ws, 'Phân công').findIndex(r => r[0] === id);
  return i < 0 ? -1 : i + 1;
}

/** The column (1-based) of a header in a tab. */
export function colOf(ws: Workspace, name: string, header: string): number {
  const i = tab(ws, name)[0].indexOf(header);
  if (i < 0) throw new Error(`no column ${header} in ${name}`);
  return i + 1;
}

export interface SidebarAssignment {
  id: string;
  version: number;
  stamp: string;
  result: string;
}

/** What the sidebar shows `user` for `unit`. */
export function sidebarIds(
  ws: Workspace,
  user: string,
  unit: string,
): string[] {
  const r = ws.scriptRun(user, 'sidebarLoad', [unit]) as {
    ok: boolean;
    assignments?: SidebarAssignment[];
  };
  return (r.assignments ?? []).map(a => a.id);
}

/** Saves one assignment through the sidebar as `user`; returns the server's answer. */
export function sidebarSave(
  ws: Workspace,
  user: string,
  unit: string,
  id: string,
  result: string,
  progress = 'in_progress',
): {ok: boolean; code?: string; message?: string} {
  const load = ws.scriptRun(user, 'sidebarLoad', [unit]) as {
    assignments?: SidebarAssignment[];
  };
  const a = (load.assignments ?? []).find(x => x.id === id);
  if (!a) return {ok: false, code: 'not_shown'};
  return ws.scriptRun(user, 'sidebarSave', [
    {
      id,
      version: a.version,
      stamp: a.stamp,
      progress,
      completedOn: progress === 'done' ? '2025-08-26' : null,
      result,
      evidence: '',
      proposals: '',
    },
  ]) as {ok: boolean; code?: string; message?: string};
}

/** The summary tab's rows that name the unit (its figures and lines), as text. */
export function summaryLinesOf(
  ws: Workspace,
  unitName: string,
  periodId = 'KY1',
): string[] {
  ws.callFunction(ADMIN, 'buildSummary', [periodId]);
  return tab(ws, `Tổng hợp ${periodId}`)
    .filter(r => r.some(c => String(c).includes(unitName)))
    .map(r => JSON.stringify(r));
}
