// The newcomer's path through npm start in Chromium: demo e-mails say what they did, prompts wait for the user, refusals are logged as such, buttons are styled, the tab strip fits.
import {existsSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {chromium} from 'playwright-core';
import type {Browser, Page} from 'playwright-core';
import {build} from '../../scripts/build';
import {startPreviewServer} from '../../scripts/preview/server';
import type {PreviewServer} from '../../scripts/preview/server';
import {CHROMIUM, CHROMIUM_ARGS} from '../support/chromium';

const UNIT = 'kt@xa-demo.vn';

if (!existsSync(CHROMIUM)) {
  throw new Error(
    `${CHROMIUM} is missing: run scripts/ensure-chromium.sh (npm test does).`,
  );
}

let dir: string;
let server: PreviewServer;
let browser: Browser;
let page: Page;

async function clickMenu(fn: string): Promise<void> {
  await page.locator(`button.menu-item[data-fn="${fn}"]`).click();
}

/** Waits for the run's result card, titled `caption`. */
async function resultText(caption: string): Promise<string> {
  const card = page.locator('#result:not([hidden])', {hasText: caption});
  await card.waitFor();
  await page.waitForFunction(() => !document.body.classList.contains('busy'));
  return (await card.textContent()) ?? '';
}

async function showTab(name: string): Promise<void> {
  await page.locator('#tabs').getByRole('button', {name, exact: true}).click();
  await page.waitForFunction(
    n =>
      (document.querySelector('#tabs .tab.active')?.textContent ?? '') === n &&
      !document.querySelector('#view.loading'),
    name,
  );
}

/** Every visible button still drawn with the browser's default look (outset border, grey face). */
function unstyledButtons(): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('button'))
      .filter(b => b.offsetParent !== null)
      .filter(b => {
        const cs = getComputedStyle(b);
        return (
          cs.borderTopStyle === 'outset' ||
          cs.backgroundColor === 'rgb(239, 239, 239)'
        );
      })
      .map(b => (b.textContent ?? '').trim()),
  );
}

beforeAll(async () => {
  if (!existsSync(join(__dirname, '../../dist/Code.js'))) await build();
  dir = mkdtempSync(join(tmpdir(), 'preview-newcomer-'));
  server = await startPreviewServer({
    port: 0,
    stateFile: join(dir, 'state.json'),
    now: '2025-07-01T01:00:00Z',
  });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  page = await browser.newPage({viewport: {width: 1440, height: 900}});
  page.setDefaultTimeout(60000);
  await page.goto(server.url);
  await clickMenu('setupWorkbook');
  await resultText('Thiết lập / sửa chữa bảng tính');
}, 120000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, {recursive: true, force: true});
});

describe('the newcomer’s path in Chromium', () => {
  it('"Điền email mẫu cho đơn vị" says what it did', async () => {
    await page.locator('#demo-emails').click();
    const text = await resultText('thiết lập lại quyền sửa');
    expect(text).toMatch(
      /Đã điền email mẫu cho \d+ đơn vị \(mã-đơn-vị@xa-demo\.vn, xem cột Email ở tab "Đơn vị"\)/,
    );
    expect(await page.locator('#demo-emails').isHidden()).toBe(true);
  }, 60000);

  it('asks a prompt’s question and waits: nothing runs, or is logged, before the answer', async () => {
    const logged = server.host.executions.length;
    await clickMenu('buildSummary');
    const dialog = page.locator('#question .question-box');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(
      'Nhập mã kỳ báo cáo cần lập tổng hợp',
    );
    // The run waits: no summary, no execution, no CANCEL recorded.
    await page.waitForTimeout(300);
    expect(server.host.executions.length).toBe(logged);
    expect(
      server.host.workspace.boundSpreadsheet.sheetByName('Tổng hợp KY1'),
    ).toBeFalsy();
    // The answer row is styled: a bordered, rounded field beside Google's buttons in Vietnamese.
    const input = page.locator('#question .prompt-answer input');
    const look = await input.evaluate(e => {
      const cs = getComputedStyle(e);
      return {
        radius: cs.borderTopLeftRadius,
        border: cs.borderTopStyle,
        row: getComputedStyle(e.parentElement!).display,
      };
    });
    expect(look).toEqual({radius: '4px', border: 'solid', row: 'flex'});
    expect(
      await page
        .locator('#question .question-buttons button')
        .allTextContents(),
    ).toEqual(['OK', 'Hủy']);
    expect(await unstyledButtons()).toEqual([]);

    await input.fill('KY1');
    await page.locator('#question button[data-button="OK"]').click();
    const text = await resultText('buildSummary');
    expect(text).toContain('Câu trả lời: OK "KY1".');
    expect(
      server.host.workspace.boundSpreadsheet.sheetByName('Tổng hợp KY1'),
    ).toBeTruthy();
    const runs = server.host.executions.slice(logged);
    expect(runs.map(e => e.fn)).toEqual(['buildSummary']);
    expect(await page.locator('#question').isHidden()).toBe(true);
  }, 120000);

  it('a "Hủy" answer is the user’s, given after the question was shown', async () => {
    const logged = server.host.executions.length;
    await clickMenu('exportSummary');
    await page.locator('#question .question-box').waitFor();
    expect(server.host.executions.length).toBe(logged);
    await page.locator('#question button[data-button="CANCEL"]').click();
    const text = await resultText('exportSummary');
    expect(text).toContain('Câu trả lời: Hủy.');
    expect(server.host.executions.slice(logged).map(e => e.fn)).toEqual([
      'exportSummary',
    ]);
  }, 120000);

  it('logs a refused save as a refusal, in the status line and the execution log', async () => {
    await page.selectOption('#user-select', UNIT);
    await clickMenu('showSidebar');
    const frame = page.frameLocator('#sidebar-frame');
    await frame.locator('#list-view:not([hidden])').waitFor();
    const replies = await frame.locator('body').evaluate(() => {
      type Run = Record<string, (...a: unknown[]) => void> & {
        withSuccessHandler(f: (v: unknown) => void): Run;
        withFailureHandler(f: (e: unknown) => void): Run;
      };
      const run = (window as unknown as {google: {script: {run: Run}}}).google
        .script.run;
      const call = (fn: string, ...args: unknown[]) =>
        new Promise(resolve =>
          run
            .withSuccessHandler(resolve)
            .withFailureHandler(resolve)
            [fn](...args),
        );
      return (async () => {
        const data = (await call('sidebarLoad')) as {
          assignments: Array<Record<string, unknown>>;
        };
        const a = data.assignments[0];
        const payload = {
          id: a.id,
          version: a.version,
          stamp: a.stamp,
          progress: a.progress,
          completedOn: a.completedOn ?? null,
          result: 'Lần lưu thứ nhất',
          evidence: '',
          proposals: '',
        };
        const first = await call('sidebarSave', payload);
        // The same version again: someone saved since, so the save is refused as stale.
        const second = await call('sidebarSave', {
          ...payload,
          result: 'Lần lưu thứ hai',
        });
        return [first, second] as Array<{ok: boolean; code?: string}>;
      })();
    });
    expect(replies.map(r => r.ok)).toEqual([true, false]);
    expect(replies[1].code).toBe('stale');
    await page.waitForFunction(() =>
      (document.getElementById('status')?.textContent ?? '').includes(
        'bị từ chối',
      ),
    );
    const status = (await page.locator('#status').textContent()) ?? '';
    expect(status).toMatch(/sidebarSave\(\) · \d+ lệnh gọi · bị từ chối: /);
    expect(status).not.toContain('thành công');
    await page.selectOption('#user-select', 'quantri@xa-demo.vn');
    await showTab('Nhật ký thực thi');
    const newest = page.locator('#view table.data tbody tr').first();
    expect(await newest.textContent()).toContain('Bị từ chối');
    expect(await newest.locator('.badge').textContent()).toBe('Bị từ chối');
  }, 120000);

  it('styles every button of the page and its panels', async () => {
    for (const tab of [
      'Tổng hợp',
      'Biểu mẫu',
      'Đồng hồ & hộp thư',
      'Cấp thành phố (thử)',
    ]) {
      await showTab(tab);
      expect({tab, unstyled: await unstyledButtons()}).toEqual({
        tab,
        unstyled: [],
      });
    }
  }, 120000);

  it('fits the bottom tab strip at 1,440 px: no overflow, every tab visible', async () => {
    const strip = await page.locator('#tabs').evaluate(e => ({
      scrollWidth: e.scrollWidth,
      clientWidth: e.clientWidth,
      tabs: e.querySelectorAll('.tab').length,
      outside: Array.from(e.querySelectorAll('.tab')).filter(
        t =>
          t.getBoundingClientRect().right >
          e.getBoundingClientRect().right + 0.5,
      ).length,
    }));
    expect(strip.tabs).toBeGreaterThan(12);
    expect(strip.scrollWidth).toBeLessThanOrEqual(strip.clientWidth);
    expect(strip.outside).toBe(0);
  });
});
