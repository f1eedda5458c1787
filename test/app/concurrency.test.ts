// Two people saving the same assignment, and a save while another execution holds the lock (dist/Code.js).
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {Workspace} from '../../emulator';
import {createVmContext, loadScript} from '../../emulator/vm';

const ADMIN = 'admin@example.com';
const UNIT_EMAIL = 'donvi@example.com';
const LOG_TAB = 'Nhật ký';
const code = readFileSync(join(__dirname, '../../dist/Code.js'), 'utf8');

interface Loaded {
  ok: boolean;
  assignments?: Array<{id: string; version: number; stamp: string}>;
}
interface Saved {
  ok: boolean;
  code?: string;
  message?: string;
}

let ws: Workspace;

beforeEach(() => {
  ws = new Workspace({owner: ADMIN, now: new Date('2025-08-27T01:00:00Z')});
  loadScript(
    createVmContext(ws, {
      console: {log() {}, info() {}, warn() {}, error() {}},
    }),
    code,
  );
  ws.installGlobals();
  ws.callFunction(ADMIN, 'setupWorkbook');
  ws.run(ADMIN, () => {
    const sheet = SpreadsheetApp.getActive().getSheetByName('Đơn vị')!;
    const values = sheet.getDataRange().getValues();
    const head = values[0].map(String);
    const kind = head.indexOf('Loại');
    const email = head.findIndex(h => h.startsWith('Email'));
    const i = values.findIndex((r, n) => n > 0 && r[kind] !== 'Thôn');
    sheet.getRange(i + 1, email + 1).setValue(UNIT_EMAIL);
  });
  ws.callFunction(ADMIN, 'setupWorkbook');
});
afterEach(() => ws.uninstallGlobals());

function load(user: string): {id: string; version: number; stamp: string} {
  const r = ws.scriptRun(user, 'sidebarLoad', []) as Loaded;
  const a = r.ok ? r.assignments?.[0] : undefined;
  if (!a) throw new Error(`${user} has no assignment`);
  return a;
}

function save(
  user: string,
  a: {id: string; version: number; stamp: string},
  result: string,
): Saved {
  return ws.scriptRun(user, 'sidebarSave', [
    {
      id: a.id,
      version: a.version,
      stamp: a.stamp,
      progress: 'in_progress',
      completedOn: null,
      result,
      evidence: '',
      proposals: '',
    },
  ]) as Saved;
}

const tabs = () =>
  JSON.stringify(
    ws.boundSpreadsheet.sheets.map(s => [s.name, ws.sheetValues(s.name)]),
  );
const tabsButLog = () =>
  JSON.stringify(
    ws.boundSpreadsheet.sheets
      .filter(s => s.name !== LOG_TAB)
      .map(s => [s.name, ws.sheetValues(s.name)]),
  );

describe('concurrent sidebar saves (bundle)', () => {
  it('two executions save the same assignment from one version: the first wins, the second is stale', () => {
    const byUnit = load(UNIT_EMAIL);
    const again = ws.run(UNIT_EMAIL, () =>
      // Another execution (nested run) loads the same row at the same version.
      ws.scriptRun(UNIT_EMAIL, 'sidebarLoad', []),
    ) as Loaded;
    const other = again.assignments!.find(x => x.id === byUnit.id)!;
    expect(other.version).toBe(byUnit.version);

    const first = save(UNIT_EMAIL, byUnit, 'Bản của người thứ nhất');
    expect(first.ok).toBe(true);
    const before = tabsButLog();
    const second = save(UNIT_EMAIL, other, 'Bản của người thứ hai');
    expect(second).toMatchObject({ok: false, code: 'stale'});
    expect(second.message).toContain('Đã có người khác cập nhật');
    expect(tabsButLog()).toBe(before);
    expect(before).toContain('Bản của người thứ nhất');
    expect(before).not.toContain('Bản của người thứ hai');
  });

  it('a save while another execution holds the document lock is refused as busy and writes nothing', () => {
    const a = load(UNIT_EMAIL);
    const before = tabs();
    const held = ws.holdDocumentLock();
    let r: Saved;
    try {
      r = save(UNIT_EMAIL, a, 'Trong lúc bị khoá');
    } finally {
      held.release();
    }
    expect(r).toMatchObject({ok: false, code: 'busy'});
    expect(r.message).toMatch(/[ạảãâấầậơớờợđ]/);
    expect(tabs()).toBe(before);
    // Once the lock is free the same save goes through.
    expect(save(UNIT_EMAIL, a, 'Sau khi mở khoá').ok).toBe(true);
  });
});
