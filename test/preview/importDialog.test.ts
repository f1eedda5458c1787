// The import dialog in the preview (npm start), in headless Chromium: pick the sample .docx, preview, apply.
import {existsSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {chromium} from 'playwright-core';
import type {Browser, Page} from 'playwright-core';
import {build} from '../../scripts/build';
import {SAMPLE_PATH} from '../../scripts/samplePlan';
import {startPreviewServer} from '../../scripts/preview/server';
import type {PreviewServer} from '../../scripts/preview/server';
import {CHROMIUM, CHROMIUM_ARGS} from '../support/chromium';

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
  if (!existsSync(join(__dirname, '../../dist/ImportPlan.html'))) await build();
  dir = mkdtempSync(join(tmpdir(), 'preview-import-'));
  server = await startPreviewServer({
    port: 0,
    stateFile: join(dir, 'state.json'),
    now: '2025-12-20T01:00:00Z',
  });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  page = await browser.newPage({viewport: {width: 1280, height: 900}});
}, 60000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, {recursive: true, force: true});
});

describe('"Nạp kế hoạch mới từ tệp Word" in the preview', () => {
  it('reads the sample .docx picked from disk, shows the 13 tasks, and starts the next half-year', async () => {
    const errors: string[] = [];
    page.on('pageerror', e => errors.push(e.message));
    page.on('dialog', d => void d.accept());
    await page.goto(server.url);
    await page
      .getByRole('button', {name: 'Thiết lập / sửa chữa bảng tính'})
      .click();
    await page.locator('#result .ui-alert').waitFor();
    await page
      .getByRole('button', {name: 'Nạp kế hoạch mới từ tệp Word'})
      .click();
    await page.locator('#dialog:not([hidden])').waitFor();
    expect(await page.locator('#dialog-title').textContent()).toBe(
      'Nạp kế hoạch mới từ tệp Word',
    );
    const frame = page.frameLocator('#dialog-frame');
    await frame.locator('#file').setInputFiles(SAMPLE_PATH);
    await frame.getByRole('button', {name: 'Xem trước'}).click();
    await frame.locator('#result:not([hidden])').waitFor({timeout: 20000});
    expect(await frame.locator('#tasks tbody tr').count()).toBe(13);
    expect(await frame.locator('#tasks td.doubt').count()).toBe(0);
    expect(await frame.locator('#header-fields').textContent()).toContain(
      '16/KH-UBND',
    );
    expect(await frame.locator('#message').textContent()).toContain(
      'Chưa có gì được ghi',
    );
    expect(await frame.locator('#mode-next').isChecked()).toBe(true);
    await frame.getByRole('button', {name: 'Nạp kế hoạch'}).click();
    await frame
      .locator('#message.ok', {hasText: 'lưu trữ'})
      .waitFor({timeout: 20000});
    const names = server.host.workspace.uncounted(() =>
      server.host.workspace
        .activeSpreadsheet()
        .getSheets()
        .map(s => s.getName()),
    );
    expect(names).toEqual(
      expect.arrayContaining(['Nhiệm vụ', 'Lưu cuối 2025 - Nhiệm vụ']),
    );
    expect(errors).toEqual([]);
    await frame.getByRole('button', {name: 'Đóng'}).click();
    await page.locator('#dialog').waitFor({state: 'hidden'});
  }, 60000);

  it('says in Vietnamese when the file is no Word document', async () => {
    await page
      .getByRole('button', {name: 'Nạp kế hoạch mới từ tệp Word'})
      .click();
    await page.locator('#dialog:not([hidden])').waitFor();
    const frame = page.frameLocator('#dialog-frame');
    await frame.locator('#file').setInputFiles({
      name: 'anh.docx',
      mimeType: 'image/png',
      buffer: Buffer.from('not a zip'),
    });
    await frame.getByRole('button', {name: 'Xem trước'}).click();
    await frame.locator('#message.error').waitFor({timeout: 20000});
    expect(await frame.locator('#message').textContent()).toContain(
      'không phải tệp Word .docx',
    );
  }, 60000);
});
