// The emulator enforces what Google does: the manifest's OAuth scopes and the 6-minute execution limit.
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {Workspace} from '../../emulator';
import {
  EXECUTION_LIMIT_MS,
  MS_PER_SPREADSHEET_CALL,
  requiredScopes,
} from '../../emulator/limits';
import {
  createVmContext,
  loadScript,
  manifestScopes,
  PROJECT_MANIFEST,
} from '../../emulator/vm';

type SpreadsheetApp = GoogleAppsScript.Spreadsheet.SpreadsheetApp;
type MailApp = GoogleAppsScript.Mail.MailApp;

const AUTH = 'https://www.googleapis.com/auth/';
const QUIET = {log() {}, info() {}, warn() {}, error() {}};

describe('OAuth scopes', () => {
  it('with spreadsheets.currentonly, the bound spreadsheet works but opening another by id is refused', () => {
    const ws = new Workspace({
      owner: 'a@xa.vn',
      oauthScopes: [`${AUTH}spreadsheets.currentonly`],
    });
    const SS = ws.globals().SpreadsheetApp as SpreadsheetApp;
    const id = ws.run('a@xa.vn', () => SS.getActive().getId());
    expect(() => ws.run('a@xa.vn', () => SS.openById(id))).toThrow(
      'You do not have permission to call SpreadsheetApp.openById. Required permissions: https://www.googleapis.com/auth/spreadsheets',
    );
  });

  it('a call whose scope is missing throws Google’s error, listing the scopes that would do', () => {
    const ws = new Workspace({
      owner: 'a@xa.vn',
      oauthScopes: [`${AUTH}spreadsheets.currentonly`],
    });
    const mail = ws.globals().MailApp as MailApp;
    let error: unknown;
    try {
      ws.run('a@xa.vn', () => mail.sendEmail('b@xa.vn', 'S', 'B'));
    } catch (e) {
      error = e;
    }
    expect(String(error)).toBe(
      'Exception: You do not have permission to call MailApp.sendEmail. Required permissions: (https://www.googleapis.com/auth/script.send_mail || https://mail.google.com/)',
    );
    expect(ws.mail.outbox).toHaveLength(0);
  });

  it('without a manifest nothing is enforced; calls needing no scope always work', () => {
    const ws = new Workspace({owner: 'a@xa.vn'});
    const mail = ws.globals().MailApp as MailApp;
    ws.run('a@xa.vn', () => mail.sendEmail('b@xa.vn', 'S', 'B'));
    expect(ws.mail.outbox).toHaveLength(1);
    expect(requiredScopes('Utilities.formatDate')).toEqual([]);
    expect(requiredScopes('PropertiesService.getDocumentProperties')).toEqual(
      [],
    );
  });

  it("a script in the vm gets the project's appsscript.json scopes", () => {
    const ws = new Workspace({owner: 'a@xa.vn'});
    createVmContext(ws, {console: QUIET});
    expect(ws.ctx.oauthScopes).toEqual(manifestScopes(PROJECT_MANIFEST));
  });

  it('the bundle fails as on Google when its manifest lacks a scope it needs (forms)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'manifest-'));
    try {
      const manifest = JSON.parse(readFileSync(PROJECT_MANIFEST, 'utf8'));
      manifest.oauthScopes = manifest.oauthScopes.filter(
        (s: string) => s !== `${AUTH}forms`,
      );
      const path = join(dir, 'appsscript.json');
      writeFileSync(path, JSON.stringify(manifest));
      const ws = new Workspace({owner: 'a@xa.vn', now: '2025-07-01T02:00:00Z'});
      const ctx = createVmContext(ws, {console: QUIET, manifest: path});
      loadScript(
        ctx,
        readFileSync(join(__dirname, '../../dist/Code.js'), 'utf8'),
      );
      ws.callFunction('a@xa.vn', 'setupWorkbook');
      expect(() =>
        ws.callFunction('a@xa.vn', 'createVillageForms', ['KY1'], {ui: false}),
      ).toThrow(
        'You do not have permission to call FormApp.create. Required permissions: https://www.googleapis.com/auth/forms',
      );
      // With the project's own manifest the same call works.
      const ok = new Workspace({owner: 'a@xa.vn', now: '2025-07-01T02:00:00Z'});
      loadScript(
        createVmContext(ok, {console: QUIET}),
        readFileSync(join(__dirname, '../../dist/Code.js'), 'utf8'),
      );
      ok.callFunction('a@xa.vn', 'setupWorkbook');
      expect(
        ok.callFunction('a@xa.vn', 'createVillageForms', ['KY1'], {ui: false}),
      ).toMatchObject({complete: true});
    } finally {
      rmSync(dir, {recursive: true, force: true});
    }
  });
});

describe('the execution time limit', () => {
  it('is 6 minutes, and an execution past it stops with Google’s error', () => {
    expect(EXECUTION_LIMIT_MS).toBe(360000);
    const ws = new Workspace({owner: 'a@xa.vn', executionLimitMs: 1000});
    const SS = ws.globals().SpreadsheetApp as SpreadsheetApp;
    let calls = 0;
    expect(() =>
      ws.run('a@xa.vn', () => {
        const sheet = SS.getActive().getSheets()[0];
        for (;;) {
          sheet.getRange(1, 1).getValue();
          calls++;
        }
      }),
    ).toThrow('Exceeded maximum execution time');
    // Each spreadsheet call is modelled at 50 ms: about 1000 / 50 calls fit.
    expect(calls * 2 * MS_PER_SPREADSHEET_CALL).toBeLessThanOrEqual(1000);
    expect(calls).toBeGreaterThan(3);
    // The next execution starts its own clock.
    expect(ws.run('a@xa.vn', () => SS.getActive().getName())).toBeTruthy();
  });

  it('without a limit, a long execution runs to its end', () => {
    const ws = new Workspace({owner: 'a@xa.vn'});
    const SS = ws.globals().SpreadsheetApp as SpreadsheetApp;
    ws.run('a@xa.vn', () => {
      const range = SS.getActive().getSheets()[0].getRange(1, 1);
      for (let i = 0; i < 200; i++) range.getValue();
    });
    expect(ws.calls.get('Range.getValue')).toBe(200);
  });
});
