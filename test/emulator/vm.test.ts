// The node:vm context is shaped like Apps Script's V8: no Node globals, emulated Date, script functions.
import {Workspace} from '../../emulator';
import {createVmContext, loadScript} from '../../emulator/vm';

test('the context lacks what Apps Script lacks', () => {
  const ws = new Workspace();
  const ctx = createVmContext(ws, {
    console: {log() {}, info() {}, warn() {}, error() {}},
  });
  const missing = [
    'require',
    'process',
    'Buffer',
    'URL',
    'URLSearchParams',
    'TextEncoder',
    'TextDecoder',
    'atob',
    'btoa',
    'structuredClone',
    'setTimeout',
    'setInterval',
    'queueMicrotask',
    'fetch',
    'crypto',
    'performance',
    'Blob',
    'module',
    'exports',
    'global',
  ];
  loadScript(
    ctx,
    'function typeOfAll(names) { return names.map(function (n) { return typeof globalThis[n]; }); }',
  );
  expect((ctx.typeOfAll as (n: string[]) => string[])(missing)).toEqual(
    missing.map(() => 'undefined'),
  );
  const present = [
    'Object',
    'JSON',
    'Math',
    'Map',
    'Set',
    'Promise',
    'Intl',
    'RegExp',
    'parseInt',
    'SpreadsheetApp',
    'Utilities',
    'console',
  ];
  expect(
    (ctx.typeOfAll as (n: string[]) => string[])(present).every(
      t => t !== 'undefined',
    ),
  ).toBe(true);
});

test('new Date() and Date.now() are the emulated now; dates cross the boundary as dates', () => {
  const ws = new Workspace({now: new Date('2025-09-02T20:00:00Z')});
  const ctx = createVmContext(ws);
  loadScript(
    ctx,
    `
    function now() { return [new Date().toISOString(), Date.now(), typeof Date(), new Date(0).toISOString()]; }
    function roundTrip() {
      var sh = SpreadsheetApp.getActive().getSheets()[0];
      sh.getRange('A1').setValue(new Date());
      var v = sh.getRange('A1').getValue();
      return [v instanceof Date, v.constructor === Date, Utilities.formatDate(v, 'Asia/Ho_Chi_Minh', 'dd/MM/yyyy HH:mm')];
    }
    function failing() { SpreadsheetApp.getActive().getSheets()[0].getRange(0, 1); }
    `,
  );
  const now = (ctx.now as () => unknown[])();
  expect(now).toEqual([
    '2025-09-02T20:00:00.000Z',
    Date.parse('2025-09-02T20:00:00Z'),
    'string',
    '1970-01-01T00:00:00.000Z',
  ]);
  ws.advanceDays(1);
  expect((ctx.now as () => unknown[])()[0]).toBe('2025-09-03T20:00:00.000Z');
  expect((ctx.roundTrip as () => unknown[])()).toEqual([
    true,
    true,
    '04/09/2025 03:00',
  ]);
  // Errors thrown by services are the script realm's Errors.
  const errorCheck =
    '(function () { try { failing(); } catch (e) { return [e instanceof Error, e.name, String(e)]; } })()';
  expect(require('node:vm').runInContext(errorCheck, ctx)).toEqual([
    true,
    'Exception',
    'Exception: The starting row of the range is too small.',
  ]);
});

test('top-level functions are entry points for triggers and google.script.run', () => {
  const ws = new Workspace({owner: 'admin@example.com'});
  const ctx = createVmContext(ws);
  loadScript(
    ctx,
    `
    function getUser() { return {email: Session.getActiveUser().getEmail()}; }
    function getDate() { return {when: new Date()}; }
    function secret_() { return 1; }
    `,
  );
  expect(ws.scriptRun('staff@example.com', 'getUser')).toEqual({
    email: 'staff@example.com',
  });
  expect(() => ws.scriptRun('staff@example.com', 'getDate')).toThrow(/Date/);
  expect(() => ws.scriptRun('staff@example.com', 'secret_')).toThrow(
    /not found/,
  );
  expect(() =>
    ws.scriptRun('staff@example.com', 'getUser', [new Date()]),
  ).toThrow(/Date/);
  void ctx;
});
