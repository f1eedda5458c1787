// The preview page in headless Chromium: menu runs, and google.script.run / google.script.host in a dialog.
import {existsSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import * as vm from 'node:vm';
import {chromium} from 'playwright-core';
import type {Browser, Page} from 'playwright-core';
import {build} from '../../scripts/build';
import {startPreviewServer} from '../../scripts/preview/server';
import type {PreviewServer} from '../../scripts/preview/server';
import {CHROMIUM, CHROMIUM_ARGS} from '../support/chromium';

const UNIT = 'vhxh@xa-demo.vn';

/** A dialog page that exercises the google.script API and reports what happened in window.results. */
const DIALOG_HTML = `<!DOCTYPE html><html><head><meta charset="utf-8"><script>
  var results = {inFlight: 0, maxInFlight: 0, done: 0};
  var realFetch = window.fetch;
  window.fetch = function () {
    results.inFlight++;
    results.maxInFlight = Math.max(results.maxInFlight, results.inFlight);
    return realFetch.apply(window, arguments).finally(function () { results.inFlight--; });
  };
  google.script.run
    .withSuccessHandler(function (v, o) { results.echo = v; results.echoUserObject = o; })
    .withUserObject({tag: 'u1'})
    .previewEcho({a: 1});
  google.script.run
    .withFailureHandler(function (e, o) {
      results.failure = {message: e.message, isError: e instanceof Error, userObject: o};
    })
    .withUserObject('u2')
    .previewBoom();
  try { google.script.run.previewEcho(new Date()); } catch (e) { results.dateError = e.message; }
  for (var i = 0; i < 25; i++) {
    google.script.run.withSuccessHandler(function () { results.done++; }).previewEcho(i);
  }
</script></head><body><p>Xin chào</p><button id="close" onclick="google.script.host.close()">Đóng</button></body></html>`;

// The test command installs Debian's chromium (scripts/ensure-chromium.sh): its absence is a failure.
if (!existsSync(CHROMIUM)) {
  throw new Error(
    `${CHROMIUM} is missing: run scripts/ensure-chromium.sh (npm test does).`,
  );
}

let dir: string;
let server: PreviewServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  if (!existsSync(join(__dirname, '../../dist/Code.js'))) await build();
  dir = mkdtempSync(join(tmpdir(), 'preview-browser-'));
  server = await startPreviewServer({
    port: 0,
    stateFile: join(dir, 'state.json'),
    now: '2025-09-01T01:00:00Z',
  });
  vm.runInContext(
    `function previewEcho(x) { return {got: x, user: Session.getActiveUser().getEmail()}; }
     function previewBoom() { throw new Error('Lỗi thử nghiệm: dữ liệu không hợp lệ.'); }
     function previewOpenDialog() {
       SpreadsheetApp.getUi().showModalDialog(
         HtmlService.createHtmlOutput(${JSON.stringify(DIALOG_HTML)}).setWidth(420).setHeight(220),
         'Hộp thoại thử');
     }`,
    server.host.vm,
  );
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  page = await browser.newPage({viewport: {width: 1280, height: 800}});
}, 60000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, {recursive: true, force: true});
});

describe('preview page in Chromium', () => {
  it('runs "Thiết lập / sửa chữa bảng tính" from the menu and shows the alert and the new tabs', async () => {
    const errors: string[] = [];
    page.on('pageerror', e => errors.push(e.message));
    await page.goto(server.url);
    await page
      .getByRole('button', {name: 'Thiết lập / sửa chữa bảng tính'})
      .click();
    await page.locator('#result .ui-alert').waitFor();
    expect(await page.locator('#result .ui-alert strong').textContent()).toBe(
      'Đã thiết lập bảng tính',
    );
    await page.locator('#tabs .tab', {hasText: 'Nhiệm vụ'}).first().click();
    await page.waitForFunction(() =>
      document.querySelector('#view')?.textContent?.includes('Thường xuyên'),
    );
    expect(
      await page.locator('#view table.grid tbody tr').count(),
    ).toBeGreaterThanOrEqual(13);
    expect(errors).toEqual([]);
  });

  it('routes google.script.run from a dialog to the server as the signed-in user, like Google', async () => {
    await page.evaluate(u => localStorage.setItem('preview.user', u), UNIT);
    await page.reload();
    server.host.run({user: UNIT, fn: 'previewOpenDialog'});
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await page.locator('#dialog:not([hidden])').waitFor();
    expect(await page.locator('#dialog-title').textContent()).toBe(
      'Hộp thoại thử',
    );
    const frame = page.frameLocator('#dialog-frame');
    await frame.locator('#close').waitFor();
    const dialog = page.frames().find(f => f.url().includes('/ui/'));
    if (!dialog) throw new Error('no dialog frame');
    await dialog.waitForFunction(() => {
      const r = (
        window as unknown as {
          results: {done: number; failure?: unknown; echo?: unknown};
        }
      ).results;
      return r.done === 25 && r.failure && r.echo;
    });
    const results = await dialog.evaluate(
      () => (window as unknown as {results: unknown}).results,
    );
    expect(results).toMatchObject({
      echo: {got: {a: 1}, user: UNIT},
      echoUserObject: {tag: 'u1'},
      failure: {
        message: 'Lỗi thử nghiệm: dữ liệu không hợp lệ.',
        isError: true,
        userObject: 'u2',
      },
      dateError: 'Failed due to illegal value in property: 0',
      done: 25,
    });
    const max = (results as {maxInFlight: number}).maxInFlight;
    expect(max).toBeGreaterThan(1);
    expect(max).toBeLessThanOrEqual(10);
    // google.script.host.close() closes the dialog in the page and on the server.
    await frame.locator('#close').click();
    await page.locator('#dialog').waitFor({state: 'hidden'});
    expect(server.host.surfaces).toHaveLength(0);
  });
});
