// A service failing in the middle of setup, a save, the daily job and the summary (dist/Code.js): the
// workbook stays consistent, the error is reported, and a rerun without the fault completes the work.
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {Workspace} from '../../emulator';
import {injectFault, type Fault} from '../../emulator/faults';
import {createVmContext, loadScript} from '../../emulator/vm';

const ADMIN = 'quantri@daison.vn';
const UNIT = 'donvi@daison.vn';
const CODE = readFileSync(join(__dirname, '../../dist/Code.js'), 'utf8');
const QUIET = {log() {}, info() {}, warn() {}, error() {}};
const LOG_TAB = 'Nhật ký';
const MAIL_TAB = 'Thư đã gửi';

let faults: Fault[] = [];
afterEach(() => {
  for (const f of faults) f.restore();
  faults = [];
});

function fault(...args: Parameters<typeof injectFault>): Fault {
  const f = injectFault(...args);
  faults.push(f);
  return f;
}

/** Writes to the named tab only. */
const onTab =
  (name: string) =>
  (range: unknown): boolean =>
    (range as GoogleAppsScript.Spreadsheet.Range).getSheet().getName() ===
    name;

function rows(ws: Workspace, sheet: string): Record<string, unknown>[] {
  const [head, ...body] = ws.sheetValues(sheet);
  return body.map(r =>
    Object.fromEntries(head.map((h, i) => [String(h), r[i]])),
  );
}

const tabs = (ws: Workspace) =>
  ws.boundSpreadsheet.sheets.map(s => [s.name, ws.sheetValues(s.name)]);

function fresh(date = '2025-08-27'): Workspace {
  const ws = new Workspace({owner: ADMIN, now: `${date}T00:00:00Z`});
  loadScript(createVmContext(ws, {console: QUIET}), CODE);
  return ws;
}

/** Set up, every unit with an address (the first office's is UNIT), the admin named. */
function workspace(date = '2025-08-27'): Workspace {
  const ws = fresh(date);
  ws.callFunction(ADMIN, 'setupWorkbook');
  ws.uncounted(() =>
    ws.run(ADMIN, () => {
      const ss = ws.activeSpreadsheet();
      const units = ss.getSheetByName('Đơn vị')!;
      const values = units.getDataRange().getValues();
      const col = values[0].indexOf('Email (cách nhau bởi dấu phẩy)');
      const kind = values[0].indexOf('Loại');
      const office = values.findIndex((r, i) => i > 0 && r[kind] !== 'Thôn');
      for (let r = 1; r < values.length; r++)
        values[r][col] =
          r === office ? UNIT : `${String(values[r][0]).toLowerCase()}@daison.vn`;
      units.getRange(1, 1, values.length, values[0].length).setValues(values);
      const settings = ss.getSheetByName('Cấu hình')!;
      const s = settings.getDataRange().getValues();
      s[s.findIndex(r => r[0] === 'adminEmails')][2] = ADMIN;
      settings.getRange(1, 1, s.length, s[0].length).setValues(s);
    }),
  );
  ws.callFunction(ADMIN, 'setupWorkbook');
  return ws;
}

function assignmentIds(ws: Workspace): string[] {
  return rows(ws, 'Phân công').map(r => String(r['Mã phân công']));
}

describe('a fault during setupWorkbook', () => {
  it.each([1, 4, 9])(
    'the %ith Range.setValues fails: reported, and a rerun gives the full workbook',
    n => {
      const clean = fresh();
      clean.callFunction(ADMIN, 'setupWorkbook');
      const ws = fresh();
      const f = fault(ws, 'Range.setValues', {after: n - 1, message: 'Service Spreadsheets failed while accessing document'});
      let error: unknown;
      let out: unknown;
      try {
        out = ws.callFunction(ADMIN, 'setupWorkbook');
      } catch (e) {
        error = e;
      }
      console.log('setup', n, String(error), JSON.stringify(out)?.slice(0, 300), JSON.stringify(ws.ui.events).slice(0,500));
      expect(f.thrown).toBe(1);
      f.restore();
      ws.callFunction(ADMIN, 'setupWorkbook');
      expect(ws.boundSpreadsheet.sheets.map(s => s.name)).toEqual(
        clean.boundSpreadsheet.sheets.map(s => s.name),
      );
      const ids = assignmentIds(ws);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toEqual(assignmentIds(clean));
    },
  );
});
