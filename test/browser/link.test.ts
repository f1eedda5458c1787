// The personal-link page in headless Chromium at phone size (360 × 740): open, update, attach a photo, wrong token, stale save.
import {existsSync, mkdirSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {chromium, type BrowserContext, type Page} from 'playwright-core';
import {
  startPreviewServer,
  type PreviewServer,
} from '../../scripts/preview/server';
import {ASSIGNMENTS, UNITS, VILLAGE_REPORTS} from '../../src/workbook/schema';
import {CHROMIUM, CHROMIUM_ARGS} from '../support/chromium';

jest.setTimeout(180000);

const ROOT = join(__dirname, '../..');
const OUTPUT = join(ROOT, 'test-output');
const OWNER = 'quantri@xa-demo.vn';
const VHXH = 'vhxh@xa-demo.vn';
const THON = 'thon1@xa-demo.vn';

const colOf = (schema: {columns: readonly {key: string}[]}, key: string) =>
  schema.columns.findIndex(c => c.key === key);
const letter = (i: number) => String.fromCharCode(65 + i);

let server: PreviewServer;
let context: BrowserContext;
let page: Page;
let stateDir: string;
let profileDir: string;
let token: string;
let villageToken: string;
let villageCode = '';

function prepare(): void {
  const host = server.host;
  const ws = host.workspace;
  const run = (fn: string) => {
    const r = host.run({user: OWNER, fn, source: 'menu'}).execution;
    if (!r.ok) throw new Error(`${fn} failed: ${r.error?.message}`);
  };
  run('setupWorkbook');
  const units = ws.sheetValues(UNITS.name);
  const cell = (key: string, i: number) =>
    `'${UNITS.name}'!${letter(colOf(UNITS, key))}${i + 1}`;
  units.forEach((row, i) => {
    if (i > 0 && row[colOf(UNITS, 'code')] === 'VHXH')
      ws.editCell(OWNER, cell('emails', i), VHXH);
    // The first village is a real one with an e-mail (set-up's villages are samples).
    if (i > 0 && !villageCode && row[colOf(UNITS, 'kind')] === 'Thôn') {
      villageCode = String(row[colOf(UNITS, 'code')]);
      ws.editCell(OWNER, cell('emails', i), THON);
      ws.editCell(OWNER, cell('sample', i), 'Không');
    }
  });
  run('setupWorkbook');
  run('sendUpdateLinks');
  const tokenOf = (email: string) => {
    const mail = ws.mail.outbox.find(m => m.to.includes(email));
    const m = mail ? /[?&]t=([A-Za-z0-9_-]{43})/.exec(mail.body) : null;
    if (!m) throw new Error(`no link mail to ${email}`);
    return m[1];
  };
  token = tokenOf(VHXH);
  villageToken = tokenOf(THON);
  host.save();
}

function rowOf(id: string): Record<string, unknown> {
  const grid = server.host.workspace.sheetValues(ASSIGNMENTS.name);
  const row = grid.find(r => r[colOf(ASSIGNMENTS, 'id')] === id) ?? [];
  const rec: Record<string, unknown> = {};
  ASSIGNMENTS.columns.forEach((c, j) => (rec[c.key] = row[j]));
  return rec;
}

/** A real JPEG the browser itself encodes (a 2400 × 1200 picture, to be shrunk to 1600 × 800). */
async function makeJpeg(p: Page): Promise<Buffer> {
  const b64 = await p.evaluate(() => {
    const c = document.createElement('canvas');
    c.width = 2400;
    c.height = 1200;
    const g = c.getContext('2d') as CanvasRenderingContext2D;
    g.fillStyle = '#3a7';
    g.fillRect(0, 0, 2400, 1200);
    g.fillStyle = '#fff';
    g.font = '160px sans-serif';
    g.fillText('Họp dân thôn 1', 200, 600);
    return c.toDataURL('image/jpeg', 0.9).split(',')[1];
  });
  return Buffer.from(b64, 'base64');
}

async function openLink(t: string): Promise<void> {
  await page.goto(`${server.url}/exec?t=${encodeURIComponent(t)}`);
}

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'dist/Link.html')))
    throw new Error('dist/ is missing: run "npx tsx scripts/build.ts" first.');
  if (!existsSync(CHROMIUM))
    throw new Error(
      `${CHROMIUM} is missing: run "bash scripts/ensure-chromium.sh".`,
    );
  mkdirSync(OUTPUT, {recursive: true});
  stateDir = mkdtempSync(join(tmpdir(), 'dv-link-'));
  profileDir = mkdtempSync(join(tmpdir(), 'dv-chromium-'));
  server = await startPreviewServer({
    port: 0,
    stateFile: join(stateDir, 'state.json'),
    now: '2025-09-01T01:00:00Z',
  });
  prepare();
  context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: {width: 360, height: 740},
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'vi-VN',
  });
  context.setDefaultTimeout(30000);
  page = context.pages()[0] ?? (await context.newPage());
});

afterAll(async () => {
  await context?.close();
  await server?.close();
  for (const dir of [stateDir, profileDir])
    if (dir) rmSync(dir, {recursive: true, force: true});
});

describe('personal link page at 360 × 740', () => {
  it("opens the unit's link, updates an assignment, attaches a photo and shows its link", async () => {
    await openLink(token);
    await page.locator('#list-view').waitFor({state: 'visible'});
    expect(await page.locator('#unit-name').textContent()).toContain('Văn hóa');
    const cards = page.locator('#assignments button.open');
    expect(await cards.count()).toBeGreaterThan(0);
    // Large touch targets and no sideways scrolling on a 360 px screen.
    const box = await cards.first().boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(48);
    expect(box!.width).toBeLessThanOrEqual(360);
    const scrollWidth = await page.evaluate(
      () => document.documentElement.scrollWidth,
    );
    expect(scrollWidth).toBeLessThanOrEqual(360);
    await page.screenshot({path: join(OUTPUT, 'link-list.png')});

    const id = (await cards.first().getAttribute('data-id')) as string;
    await cards.first().tap();
    await page.locator('#edit-view').waitFor({state: 'visible'});
    await page.selectOption('#f-progress', 'in_progress');
    await page.fill('#f-result', 'Đã họp dân tại 3 thôn');
    await page.locator('#save').tap();
    await page.locator('#message.ok').waitFor();
    expect(rowOf(id).result).toBe('Đã họp dân tại 3 thôn');

    const jpeg = await makeJpeg(page);
    expect(jpeg.subarray(0, 3).toString('hex')).toBe('ffd8ff');
    await page.setInputFiles('#f-file', {
      name: 'hop-dan.jpg',
      mimeType: 'image/jpeg',
      buffer: jpeg,
    });
    await page.waitForFunction(() =>
      /Đã tải lên/.test(
        document.querySelector('#upload-status')?.textContent ?? '',
      ),
    );
    const link = page.locator('#evidence-links a').first();
    const href = (await link.getAttribute('href')) as string;
    expect(href).toMatch(/^https:\/\/drive\.google\.com\//);
    expect(String(rowOf(id).evidence)).toContain(href);
    // The photo on Drive was shrunk in the browser: longest side 1,600 px.
    const ws = server.host.workspace;
    const photo = [...ws.drive.files.values()].find(
      f => f.mimeType === 'image/jpeg',
    );
    const data = photo!.data as Buffer;
    expect(data.subarray(0, 3).toString('hex')).toBe('ffd8ff');
    const size = await page.evaluate(async b64 => {
      const img = new Image();
      img.src = `data:image/jpeg;base64,${b64}`;
      await img.decode();
      return [img.naturalWidth, img.naturalHeight];
    }, data.toString('base64'));
    expect(size).toEqual([1600, 800]);
    // Saving again keeps the uploaded link (the form's base moved on with the upload).
    await page.locator('#save').tap();
    await page.locator('#message.ok').waitFor();
    expect(String(rowOf(id).evidence)).toContain(href);
    await page.screenshot({
      path: join(OUTPUT, 'link-edit.png'),
      fullPage: true,
    });
  });

  it('a wrong token shows the error page', async () => {
    await openLink('khong-dung');
    const box = page.locator('#link-error');
    await box.waitFor();
    expect(await box.textContent()).toContain('Đường dẫn không đúng');
    expect(await page.locator('#assignments').count()).toBe(0);
  });

  it('a stale save is refused with both choices offered', async () => {
    await openLink(token);
    await page.locator('#list-view').waitFor({state: 'visible'});
    const card = page.locator('#assignments button.open').nth(1);
    const id = (await card.getAttribute('data-id')) as string;
    await card.tap();
    await page.locator('#edit-view').waitFor({state: 'visible'});
    // Someone else saves the same assignment meanwhile (through the sidebar's gate).
    const ws = server.host.workspace;
    const current = (
      ws.webAppRun('linkLoad', [token]) as {
        assignments: {id: string; version: number; stamp: string}[];
      }
    ).assignments.find(a => a.id === id)!;
    const other = ws.webAppRun('linkSave', [
      token,
      {
        id,
        version: current.version,
        stamp: current.stamp,
        progress: 'in_progress',
        completedOn: null,
        result: 'Nội dung của người khác',
        evidence: '',
        proposals: '',
      },
    ]) as {ok: boolean};
    expect(other.ok).toBe(true);
    await page.fill('#f-result', 'Nội dung của tôi');
    await page.locator('#save').tap();
    await page.locator('#stale').waitFor({state: 'visible'});
    expect(await page.locator('#stale-values').textContent()).toContain(
      'Nội dung của người khác',
    );
    await expect(page.locator('#reapply').isVisible()).resolves.toBe(true);
    await expect(page.locator('#take-current').isVisible()).resolves.toBe(true);
    expect(rowOf(id).result).toBe('Nội dung của người khác');
    await page.screenshot({
      path: join(OUTPUT, 'link-stale.png'),
      fullPage: true,
    });
    await page.locator('#reapply').tap();
    await page.locator('#message.ok').waitFor();
    expect(rowOf(id).result).toBe('Nội dung của tôi');
  });

  it("a village head sends the period's report from the link page", async () => {
    await openLink(villageToken);
    await page.locator('#list-view').waitFor({state: 'visible'});
    const entry = page.locator('#report-entry');
    await entry.waitFor({state: 'visible'});
    expect(await page.locator('#report-status').textContent()).toContain(
      'chưa gửi báo cáo',
    );
    await page.locator('#open-report').tap();
    await page.locator('#report-view').waitFor({state: 'visible'});
    const fieldsets = page.locator('#report-fields fieldset legend');
    expect(await fieldsets.count()).toBeGreaterThan(0);
    // Nothing answered: the page marks the required questions and sends nothing.
    await page.locator('#report-send').tap();
    await page.locator('#message.error').waitFor();
    expect(
      await page.locator('#report-fields [aria-invalid="true"]').count(),
    ).toBeGreaterThan(0);
    const reports = () => {
      const ws = server.host.workspace;
      return ws.activeSpreadsheet().getSheetByName(VILLAGE_REPORTS.name)
        ? ws.sheetValues(VILLAGE_REPORTS.name).slice(1)
        : [];
    };
    expect(reports()).toHaveLength(0);

    // The village head answers every question, as on the Google Form.
    await page.getByLabel('Họ và tên người báo cáo').fill('Nguyễn Văn An');
    await page.getByLabel('Số điện thoại liên hệ').fill('0912345678');
    await page
      .getByLabel('Đường dẫn minh chứng')
      .fill('https://drive.google.com/file/d/abc/view');
    const inputs = page.locator('#report-fields [data-key]');
    const n = await inputs.count();
    for (let i = 0; i < n; i++) {
      const input = inputs.nth(i);
      const tag = await input.evaluate(e => e.tagName);
      const type = await input.getAttribute('type');
      if ((await input.inputValue()) !== '') continue;
      if (tag === 'SELECT') {
        const options = await input
          .locator('option')
          .evaluateAll(os => os.map(o => (o as HTMLOptionElement).value));
        const value = options.includes('Đang thực hiện')
          ? 'Đang thực hiện'
          : options[1];
        await input.selectOption(value);
      } else if (type === 'date') await input.fill('2025-08-20');
      else if ((await input.getAttribute('inputmode')) === 'numeric')
        await input.fill('2');
      else await input.fill('Họp thôn triển khai');
    }
    // Every mark is gone once its question is answered.
    expect(
      await page.locator('#report-fields [aria-invalid="true"]').count(),
    ).toBe(0);
    // Large touch targets, nothing wider than the phone.
    const send = await page.locator('#report-send').boundingBox();
    expect(send!.height).toBeGreaterThanOrEqual(48);
    const scrollWidth = await page.evaluate(
      () => document.documentElement.scrollWidth,
    );
    expect(scrollWidth).toBeLessThanOrEqual(360);
    await page.screenshot({
      path: join(OUTPUT, 'link-village-report.png'),
      fullPage: true,
    });
    await page.locator('#report-send').tap();
    await page.locator('#message.ok').waitFor();
    expect(await page.locator('#message').textContent()).toContain(
      'Đã gửi báo cáo',
    );
    // Back on the list, which now says when the village reported.
    await page.locator('#list-view').waitFor({state: 'visible'});
    expect(await page.locator('#report-status').textContent()).toContain(
      'Thôn đã gửi báo cáo',
    );
    const stored = reports();
    expect(stored).toHaveLength(1);
    const col = (key: string) =>
      VILLAGE_REPORTS.columns.findIndex(c => c.key === key);
    expect(stored[0][col('unitCode')]).toBe(villageCode);
    expect(stored[0][col('reporter')]).toBe('Nguyễn Văn An');
    expect(stored[0][col('phone')]).toBe('0912345678');
    expect(stored[0][col('state')]).toBe('Hợp lệ');
  });
});
