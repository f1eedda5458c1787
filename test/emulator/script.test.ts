// ScriptApp triggers: builders register triggers with their installer, deleteTrigger, the 20 limit, firing.
import {Workspace} from '../../emulator';

const ADMIN = 'admin@example.com';
let ws: Workspace;
beforeEach(() => {
  ws = new Workspace({owner: ADMIN, now: new Date('2025-09-01T00:00:00Z')});
  ws.installGlobals();
});
afterEach(() => ws.uninstallGlobals());

test('builders register triggers with the installing user', () => {
  ws.run(ADMIN, () => {
    const ss = SpreadsheetApp.getActive();
    const t1 = ScriptApp.newTrigger('dailyJob')
      .timeBased()
      .everyDays(1)
      .atHour(7)
      .inTimezone('Asia/Ho_Chi_Minh')
      .create();
    const t2 = ScriptApp.newTrigger('onEditInstalled')
      .forSpreadsheet(ss)
      .onEdit()
      .create();
    const t3 = ScriptApp.newTrigger('onVillageFormSubmit')
      .forForm('form-123')
      .onFormSubmit()
      .create();
    expect(String(t1.getEventType())).toBe('CLOCK');
    expect(String(t1.getTriggerSource())).toBe('CLOCK');
    expect(t1.getHandlerFunction()).toBe('dailyJob');
    expect(String(t2.getEventType())).toBe('ON_EDIT');
    expect(t2.getTriggerSourceId()).toBe(ss.getId());
    expect(String(t3.getTriggerSource())).toBe('FORMS');
    expect(t3.getTriggerSourceId()).toBe('form-123');
    expect(ScriptApp.getProjectTriggers().map(t => t.getUniqueId())).toEqual(
      [t1, t2, t3].map(t => t.getUniqueId()),
    );
    expect(ScriptApp.getUserTriggers(ss)).toHaveLength(1);
  });
  expect(ws.triggers.map(t => t.user)).toEqual([ADMIN, ADMIN, ADMIN]);
  // Another user sees only their own triggers.
  ws.run('staff@example.com', () =>
    expect(ScriptApp.getProjectTriggers()).toHaveLength(0),
  );
  // 07:00 in Ho Chi Minh City is 00:00 UTC: the first run is the next day.
  expect(new Date(ws.triggers[0].nextRun as number).toISOString()).toBe(
    '2025-09-02T00:00:00.000Z',
  );
});

test('deleteTrigger removes it; 20 triggers per user is the limit', () => {
  ws.run(ADMIN, () => {
    const made = [];
    for (let i = 0; i < 20; i++)
      made.push(
        ScriptApp.newTrigger(`f${i}`).timeBased().everyHours(1).create(),
      );
    expect(() =>
      ScriptApp.newTrigger('one-more').timeBased().everyHours(1).create(),
    ).toThrow(
      'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
    );
    ScriptApp.deleteTrigger(made[0]);
    expect(ScriptApp.getProjectTriggers()).toHaveLength(19);
    ScriptApp.newTrigger('one-more').timeBased().everyHours(1).create();
  });
  // The limit is per user.
  ws.run('staff@example.com', () =>
    ScriptApp.newTrigger('mine').timeBased().everyDays(1).create(),
  );
  expect(ws.triggers).toHaveLength(21);
});

test('clock builders validate like Google; simple triggers cannot install triggers', () => {
  ws.run(ADMIN, () => {
    expect(() => ScriptApp.newTrigger('f').timeBased().everyMinutes(7)).toThrow(
      /everyMinutes/,
    );
    expect(() =>
      ScriptApp.newTrigger('f').timeBased().atHour(7).create(),
    ).toThrow(/recurrence/);
  });
  ws.run(
    ADMIN,
    () =>
      expect(() =>
        ScriptApp.newTrigger('f').timeBased().everyDays(1).create(),
      ).toThrow(/permission/),
    {
      authMode: 'LIMITED',
    },
  );
});

test('triggers fire as their installer; time passes and clock triggers run when due', () => {
  const seen: Array<{user: string; at: string; uid: unknown}> = [];
  ws.setFunctions({
    dailyJob: (e: {triggerUid: string}) => {
      seen.push({
        user: Session.getEffectiveUser().getEmail(),
        at: new Date(ws.nowMs()).toISOString(),
        uid: e.triggerUid,
      });
      expect(() => SpreadsheetApp.getUi()).toThrow(
        /Cannot call SpreadsheetApp.getUi/,
      );
    },
  });
  ws.run(ADMIN, () =>
    ScriptApp.newTrigger('dailyJob')
      .timeBased()
      .everyDays(1)
      .atHour(7)
      .create(),
  );
  ws.setUser('someone@example.com');
  const runs = ws.advanceDays(3, {runTriggers: true});
  expect(runs.map(r => r.ok)).toEqual([true, true, true]);
  expect(seen.map(s => s.at)).toEqual([
    '2025-09-02T00:00:00.000Z',
    '2025-09-03T00:00:00.000Z',
    '2025-09-04T00:00:00.000Z',
  ]);
  expect(seen.every(s => s.user === ADMIN && s.uid === ws.triggers[0].id)).toBe(
    true,
  );
  expect(ws.now().toISOString()).toBe('2025-09-04T00:00:00.000Z');
});

test('form-submit triggers fire with the given event; a failing handler is recorded', () => {
  ws.setFunctions({
    onVillageFormSubmit: () => {
      throw new Error('boom');
    },
  });
  ws.run(ADMIN, () =>
    ScriptApp.newTrigger('onVillageFormSubmit')
      .forForm('F1')
      .onFormSubmit()
      .create(),
  );
  const [run] = ws.fireFormSubmit('F1', {response: 'r'});
  expect(run.ok).toBe(false);
  expect(run.error).toContain('boom');
});

test('simple onOpen runs with LIMITED auth and a blank active user for non-owners', () => {
  const calls: string[] = [];
  ws.setFunctions({
    onOpen: () => {
      calls.push(Session.getActiveUser().getEmail());
      SpreadsheetApp.getUi()
        .createMenu('Dân vận')
        .addItem('Mở', 'showSidebar')
        .addSeparator()
        .addToUi();
    },
    showSidebar: () => calls.push('sidebar'),
  });
  ws.openSpreadsheet('staff@example.com');
  ws.openSpreadsheet(ADMIN);
  expect(calls).toEqual(['', ADMIN]);
  expect(ws.ui.menus.get('Dân vận')?.entries).toEqual([
    {kind: 'item', caption: 'Mở', functionName: 'showSidebar'},
    {kind: 'separator'},
  ]);
  ws.clickMenu('staff@example.com', 'Dân vận', 'Mở');
  expect(calls).toEqual(['', ADMIN, 'sidebar']);
});

test('service url, script id and OAuth token', () => {
  // Google: getUrl() "Returns the URL of the web app, if it has been deployed; otherwise returns null".
  expect(ScriptApp.getService().getUrl()).toBeNull();
  expect(ScriptApp.getService().isEnabled()).toBe(false);
  const url = ws.deployWebApp();
  expect(url).toMatch(
    /^https:\/\/script\.google\.com\/macros\/s\/AKfycb[A-Za-z0-9_-]{66}\/exec$/,
  );
  expect(ScriptApp.getService().getUrl()).toBe(url);
  expect(ScriptApp.getService().isEnabled()).toBe(true);
  const restored = Workspace.fromJSON(JSON.parse(JSON.stringify(ws.toJSON())));
  expect(restored.webAppDeployment.url).toBe(url);
  ws.undeployWebApp();
  expect(ScriptApp.getService().getUrl()).toBeNull();
  expect(() => ws.webAppGet({t: 'x'})).toThrow(/not deployed/);
  expect(() => ws.webAppRun('linkLoad', ['x'])).toThrow(/not deployed/);
  expect(ScriptApp.getOAuthToken()).toMatch(/^ya29\./);
  expect(String(ScriptApp.AuthMode.FULL)).toBe('FULL');
});
