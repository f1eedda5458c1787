// Tests for installing, repairing and removing the triggers through dist/Code.js, and their status.
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {Workspace} from '../../emulator';
import {createVmContext, loadScript} from '../../emulator/vm';
import {ensureFormTrigger} from '../../src/app/triggers';

const CODE = readFileSync(join(__dirname, '../../dist/Code.js'), 'utf8');
const ADMIN = 'quantri@daison.vn';
const OTHER = 'phophong@daison.vn';
const QUIET = {log() {}, info() {}, warn() {}, error() {}};

/** A workspace with dist/Code.js loaded and the workbook set up. */
function workspace(): Workspace {
  const ws = new Workspace({owner: ADMIN, now: '2025-08-20T02:00:00Z'});
  const context = createVmContext(ws, {console: QUIET});
  loadScript(context, CODE);
  ws.callFunction(ADMIN, 'setupWorkbook');
  ws.addEditor(OTHER);
  return ws;
}

function setSetting(ws: Workspace, key: string, value: string): void {
  const SS = ws.globals()
    .SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  ws.run(ADMIN, () => {
    const sheet = SS.getActive().getSheetByName('Cấu hình')!;
    const values = sheet.getDataRange().getValues();
    const row = values.findIndex(r => r[0] === key);
    sheet.getRange(row + 1, 3).setValue(value);
  });
}

const ours = (ws: Workspace) =>
  ws.triggers.filter(
    t => t.handler === 'dailyJob' || t.handler === 'onVillageFormSubmit',
  );

describe('installTriggers', () => {
  it('installs one daily trigger at the settings hour and one form-submit trigger, and twice gives the same', () => {
    const ws = workspace();
    const first = ws.callFunction(ADMIN, 'installTriggers') as {
      created: string[];
      hour: number;
    };
    expect(first).toMatchObject({
      created: ['daily', 'form'],
      hour: 7,
      installer: ADMIN,
      removed: 0,
    });
    const again = ws.callFunction(ADMIN, 'installTriggers') as {
      created: string[];
      removed: number;
    };
    expect(again).toMatchObject({created: [], removed: 0});
    const list = ours(ws);
    expect(list).toHaveLength(2);
    const daily = list.find(t => t.handler === 'dailyJob')!;
    expect(daily).toMatchObject({
      eventType: 'CLOCK',
      user: ADMIN,
      schedule: {atHour: 7, everyDays: 1, timeZone: 'Asia/Ho_Chi_Minh'},
    });
    // 7:00 in Hà Nội is 00:00 UTC: the first run is the next morning.
    expect(new Date(daily.nextRun!).toISOString()).toBe(
      '2025-08-21T00:00:00.000Z',
    );
    const form = list.find(t => t.handler === 'onVillageFormSubmit')!;
    expect(form).toMatchObject({
      eventType: 'ON_FORM_SUBMIT',
      source: 'SPREADSHEETS',
      sourceId: ws.boundSpreadsheet.id,
    });
    expect(ws.ui.last('alert')?.prompt).toContain(
      'Các trình kích hoạt đã đúng, không cần thay đổi.',
    );
  });

  it('recreates the daily trigger when the hour changes, repairs a missing one and removes duplicates', () => {
    const ws = workspace();
    ws.callFunction(ADMIN, 'installTriggers');
    const before = ours(ws).find(t => t.handler === 'dailyJob')!.id;
    setSetting(ws, 'dailyHour', '16');
    const changed = ws.callFunction(ADMIN, 'installTriggers') as {
      created: string[];
      removed: number;
      hour: number;
    };
    expect(changed).toMatchObject({created: ['daily'], removed: 1, hour: 16});
    const daily = ours(ws).filter(t => t.handler === 'dailyJob');
    expect(daily).toHaveLength(1);
    expect(daily[0].id).not.toBe(before);
    expect(daily[0].schedule?.atHour).toBe(16);

    // Someone deleted the form trigger and added a second daily one by hand.
    const SA = ws.globals().ScriptApp as GoogleAppsScript.Script.ScriptApp;
    ws.run(ADMIN, () => {
      for (const t of SA.getProjectTriggers())
        if (t.getHandlerFunction() === 'onVillageFormSubmit')
          SA.deleteTrigger(t);
      SA.newTrigger('dailyJob').timeBased().everyHours(1).create();
    });
    const repaired = ws.callFunction(ADMIN, 'installTriggers') as {
      created: string[];
      removed: number;
    };
    expect(repaired).toMatchObject({created: ['form'], removed: 1});
    expect(
      ours(ws)
        .map(t => t.handler)
        .sort(),
    ).toEqual(['dailyJob', 'onVillageFormSubmit']);
  });

  it('never touches triggers of other functions', () => {
    const ws = workspace();
    const SA = ws.globals().ScriptApp as GoogleAppsScript.Script.ScriptApp;
    ws.run(ADMIN, () => {
      SA.newTrigger('buildSummary').timeBased().everyDays(1).atHour(6).create();
      SA.newTrigger('someoneElsesJob')
        .forSpreadsheet(ws.boundSpreadsheet.id)
        .onEdit()
        .create();
    });
    ws.callFunction(ADMIN, 'installTriggers');
    ws.callFunction(ADMIN, 'installTriggers');
    // onWorkbookChange is set-up's (it keeps the sidebar's cache honest), not the jobs'.
    expect(ws.triggers.map(t => t.handler).sort()).toEqual([
      'buildSummary',
      'dailyJob',
      'onVillageFormSubmit',
      'onWorkbookChange',
      'someoneElsesJob',
    ]);
    const removed = ws.callFunction(ADMIN, 'removeTriggers') as {
      removed: number;
    };
    expect(removed.removed).toBe(2);
    expect(ws.triggers.map(t => t.handler).sort()).toEqual([
      'buildSummary',
      'onWorkbookChange',
      'someoneElsesJob',
    ]);
    expect(ws.ui.last('alert')?.prompt).toContain('Đã gỡ 2 trình kích hoạt.');
  });
});

describe('status', () => {
  it('shows on/off, the installer, the hour and the last run; the menu caption says it too', () => {
    const ws = workspace();
    ws.openSpreadsheet(ADMIN);
    const caption = () =>
      ws.ui.menus
        .get('Dân vận')!
        .entries.filter(
          e => e.kind === 'item' && e.functionName === 'showTriggerStatus',
        )
        .map(e => (e.kind === 'item' ? e.caption : ''))[0];
    expect(caption()).toBe('Công việc tự động: đang tắt');
    const off = ws.callFunction(ADMIN, 'showTriggerStatus') as {on: boolean};
    expect(off.on).toBe(false);
    expect(ws.ui.last('alert')?.prompt).toContain(
      'Công việc tự động: ĐANG TẮT.',
    );

    ws.callFunction(ADMIN, 'installTriggers');
    // The menu is refreshed at once for the admin, and shows the status to everyone who opens the sheet.
    expect(caption()).toBe(`Công việc tự động: đang bật (${ADMIN}, 7 giờ)`);
    ws.openSpreadsheet(OTHER);
    expect(caption()).toBe(`Công việc tự động: đang bật (${ADMIN}, 7 giờ)`);
    ws.advance(24 * 3600000, {runTriggers: true});
    const on = ws.callFunction(ADMIN, 'showTriggerStatus') as {
      on: boolean;
      installer: string;
      hour: number;
    };
    expect(on).toMatchObject({
      on: true,
      installer: ADMIN,
      hour: 7,
      mine: true,
      problems: [],
      formTrigger: true,
    });
    const text = ws.ui.last('alert')!.prompt;
    expect(text).toContain('Công việc tự động: ĐANG BẬT.');
    expect(text).toContain(`Người cài đặt: ${ADMIN}`);
    expect(text).toContain('Chạy hằng ngày lúc 7 giờ (Asia/Ho_Chi_Minh)');
    expect(text).toContain('Lần chạy gần nhất: 21/08/2025 07:00 — thành công.');

    setSetting(ws, 'dailyHour', '8');
    ws.callFunction(ADMIN, 'showTriggerStatus');
    expect(ws.ui.last('alert')!.prompt).toContain(
      'Giờ chạy trong trang Cấu hình hiện là 8 giờ',
    );

    ws.callFunction(ADMIN, 'removeTriggers');
    expect(caption()).toBe('Công việc tự động: đang tắt');
    ws.openSpreadsheet(ADMIN);
    expect(caption()).toBe('Công việc tự động: đang tắt');
  });

  it("moves the jobs to another admin on request; the old account's trigger then skips its runs", () => {
    const ws = workspace();
    setSetting(ws, 'adminEmails', `${ADMIN}, ${OTHER}`);
    ws.callFunction(ADMIN, 'installTriggers');
    ws.ui.alertAnswers.push('NO');
    expect(ws.callFunction(OTHER, 'installTriggers')).toBeNull();
    expect(ws.triggers.filter(t => t.user === OTHER)).toHaveLength(0);
    ws.ui.alertAnswers.push('YES', 'OK');
    expect(ws.callFunction(OTHER, 'installTriggers')).toMatchObject({
      previousInstaller: ADMIN,
      installer: OTHER,
    });
    const runs = ws.advance(24 * 3600000, {runTriggers: true});
    const byUser = Object.fromEntries(
      runs.map(r => [r.trigger.user, r.result as {skipped?: string}]),
    );
    expect(byUser[ADMIN]).toMatchObject({skipped: 'stale'});
    expect(byUser[OTHER].skipped).toBeUndefined();
    // The status seen by the first admin names the new installer.
    const status = ws.callFunction(ADMIN, 'showTriggerStatus') as {
      installer: string;
      mine: boolean;
    };
    expect(status).toMatchObject({installer: OTHER, mine: false});
  });

  it('adopts a daily trigger the admin re-created by hand, and skips duplicates of the recorded one', () => {
    const ws = workspace();
    ws.callFunction(ADMIN, 'installTriggers');
    const SA = ws.globals().ScriptApp as GoogleAppsScript.Script.ScriptApp;
    // A second, hand-made daily trigger next to the recorded one: it skips its runs.
    ws.run(ADMIN, () =>
      SA.newTrigger('dailyJob').timeBased().atHour(7).everyDays(1).create(),
    );
    let runs = ws.advance(24 * 3600000, {runTriggers: true});
    expect(
      runs.map(r => (r.result as {skipped?: string}).skipped ?? 'ran').sort(),
    ).toEqual(['ran', 'stale']);
    // The recorded one deleted by hand in the Apps Script editor: the hand-made one takes over.
    const recorded = ours(ws).find(t => t.handler === 'dailyJob')!.id;
    ws.run(ADMIN, () => {
      for (const t of SA.getProjectTriggers())
        if (t.getUniqueId() === recorded) SA.deleteTrigger(t);
    });
    runs = ws.advance(24 * 3600000, {runTriggers: true});
    expect(
      runs.map(r => (r.result as {skipped?: string}).skipped ?? 'ran'),
    ).toEqual(['ran']);
    const status = ws.callFunction(ADMIN, 'showTriggerStatus') as {
      problems: string[];
    };
    expect(status.problems).toEqual([]);
  });

  it('lets the village forms add the form-submit trigger without doubling it', () => {
    const ws = workspace();
    ws.installGlobals(globalThis);
    try {
      // No jobs yet: creating the forms adds the one form-submit trigger, once.
      expect(ws.run(ADMIN, () => ensureFormTrigger())).toBe(true);
      expect(ws.run(ADMIN, () => ensureFormTrigger())).toBe(false);
      ws.callFunction(ADMIN, 'installTriggers');
      expect(
        ours(ws)
          .map(t => t.handler)
          .sort(),
      ).toEqual(['dailyJob', 'onVillageFormSubmit']);
      // Another admin creating forms while the jobs run under the first admin's account adds nothing.
      expect(ws.run(OTHER, () => ensureFormTrigger())).toBe(false);
      expect(
        ws.triggers.filter(t => t.handler === 'onVillageFormSubmit'),
      ).toHaveLength(1);
    } finally {
      ws.uninstallGlobals(globalThis);
    }
  });
});
