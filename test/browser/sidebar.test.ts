// The real sidebar in headless Chromium on the local preview page: load, save, stale refusal, field errors, escaping, refusal.
import {existsSync, mkdirSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {
  chromium,
  type BrowserContext,
  type FrameLocator,
  type Page,
} from 'playwright-core';
import {
  startPreviewServer,
  type PreviewServer,
} from '../../scripts/preview/server';
import {ASSIGNMENTS, HISTORY, SETTINGS, UNITS} from '../../src/workbook/schema';
import {CHROMIUM, CHROMIUM_ARGS} from '../support/chromium';

jest.setTimeout(180000);

const ROOT = join(__dirname, '../..');
const OUTPUT = join(ROOT, 'test-output');

const OWNER = 'quantri@xa-demo.vn';
const ADMIN = 'vhxh.admin@xa-demo.vn';
const VHXH = 'vhxh@xa-demo.vn';
const KT = 'kinhte@xa-demo.vn';
const STRANGER = 'nguoila@xa-demo.vn';

const colOf = (schema: {columns: readonly {key: string}[]}, key: string) =>
  schema.columns.findIndex(c => c.key === key);
const letter = (index0: number) => String.fromCharCode(65 + index0);

let server: PreviewServer;
let context: BrowserContext;
let page: Page;
let sidebar: FrameLocator;
let stateDir: string;
let profileDir: string;

/** The admin's first steps, done on the preview's workspace: set up, type e-mails, set up again. */
function prepareWorkbook(): void {
  const host = server.host;
  const ws = host.workspace;
  const setup = host.run({
    user: OWNER,
    fn: 'setupWorkbook',
    source: 'menu',
  }).execution;
  if (!setup.ok)
    throw new Error(`setupWorkbook failed: ${setup.error?.message}`);
  ws.addEditor(ADMIN, VHXH, KT, STRANGER);
  const units = ws.sheetValues(UNITS.name);
  const emails: Record<string, string> = {VHXH, KT};
  units.forEach((row, i) => {
    const email = emails[String(row[colOf(UNITS, 'code')])];
    if (i > 0 && email)
      ws.editCell(
        OWNER,
        `'${UNITS.name}'!${letter(colOf(UNITS, 'emails'))}${i + 1}`,
        email,
      );
  });
  const settings = ws.sheetValues(SETTINGS.name);
  const at = settings.findIndex(
    r => r[colOf(SETTINGS, 'key')] === 'adminEmails',
  );
  ws.editCell(
    OWNER,
    `'${SETTINGS.name}'!${letter(colOf(SETTINGS, 'value'))}${at + 1}`,
    ADMIN,
  );
  const again = host.run({
    user: OWNER,
    fn: 'setupWorkbook',
    source: 'menu',
  }).execution;
  if (!again.ok)
    throw new Error(`setupWorkbook failed: ${again.error?.message}`);
  host.save();
}

function assignmentRows(): Record<string, unknown>[] {
  const grid = server.host.workspace.sheetValues(ASSIGNMENTS.name);
  return grid.slice(1).map(r => {
    const rec: Record<string, unknown> = {};
    ASSIGNMENTS.columns.forEach((c, j) => (rec[c.key] = r[j]));
    return rec;
  });
}

const rowOf = (id: string) =>
  assignmentRows().find(r => r.id === id) as Record<string, unknown>;

async function signInAs(p: Page, email: string): Promise<void> {
  await p.selectOption('#user-select', email);
  await p.waitForFunction(
    e => (window as unknown as {previewUser(): string}).previewUser() === e,
    email,
  );
}

/** Clicks the menu item that opens the sidebar and waits for its list (or its refusal). */
async function openSidebar(p: Page): Promise<FrameLocator> {
  const before =
    (await p.locator('#sidebar-frame').getAttribute('data-id')) ?? '';
  await p.locator('button.menu-item[data-fn="showSidebar"]').click();
  await p.locator('#sidebar').waitFor({state: 'visible'});
  // A new sidebar replaces the old one: wait for the new page, loaded.
  await p.waitForFunction(old => {
    const frame = document.querySelector<HTMLIFrameElement>('#sidebar-frame');
    return !!frame && !!frame.dataset.id && frame.dataset.id !== old;
  }, before);
  const frame = p.frameLocator('#sidebar-frame');
  await frame.locator('#app[aria-busy="false"]').waitFor({state: 'attached'});
  await frame
    .locator('#list-view:not([hidden]), #refusal:not([hidden])')
    .first()
    .waitFor();
  return frame;
}

async function openCard(frame: FrameLocator, index = 0): Promise<string> {
  const button = frame.locator('#assignments button.open').nth(index);
  const id = (await button.getAttribute('data-id')) as string;
  await button.click();
  await frame.locator('#edit-view').waitFor({state: 'visible'});
  return id;
}

async function messageText(frame: FrameLocator): Promise<string> {
  const box = frame.locator('#message');
  await box.waitFor({state: 'visible'});
  await frame.locator('#save:not([disabled])').waitFor();
  return (await box.textContent()) ?? '';
}

async function showTab(p: Page, name: string): Promise<string> {
  await p.locator('#tabs button.tab', {hasText: name}).first().click();
  // The tab is active and the view shows it (not the previous tab's content, still loading).
  await p.waitForFunction(n => {
    const active = document.querySelector<HTMLElement>('#tabs .tab.active');
    const view = document.getElementById('view');
    return (
      !!active &&
      !!view &&
      (active.textContent ?? '').includes(n) &&
      !view.classList.contains('loading') &&
      view.dataset.key === active.dataset.key
    );
  }, name);
  return (await p.locator('#view').textContent()) ?? '';
}

beforeAll(async () => {
  if (
    !existsSync(join(ROOT, 'dist/Sidebar.html')) ||
    !existsSync(join(ROOT, 'dist/Code.js'))
  ) {
    throw new Error(
      'dist/ is missing: run "npx tsx scripts/build.ts" (npm test does) before the browser tests.',
    );
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: run "bash scripts/ensure-chromium.sh" (npm test does).`,
    );
  }
  mkdirSync(OUTPUT, {recursive: true});
  stateDir = mkdtempSync(join(tmpdir(), 'dv-preview-'));
  profileDir = mkdtempSync(join(tmpdir(), 'dv-chromium-'));
  server = await startPreviewServer({
    port: 0,
    stateFile: join(stateDir, 'state.json'),
    now: '2025-09-01T01:00:00Z',
  });
  prepareWorkbook();
  context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: {width: 1400, height: 900},
    locale: 'vi-VN',
  });
  context.setDefaultTimeout(30000);
  page = context.pages()[0] ?? (await context.newPage());
  await page.goto(server.url);
  await signInAs(page, VHXH);
  sidebar = await openSidebar(page);
});

afterAll(async () => {
  await context?.close();
  await server?.close();
  for (const dir of [stateDir, profileDir])
    if (dir) rmSync(dir, {recursive: true, force: true});
});

describe('sidebar in Chromium', () => {
  it("loads the signed-in unit's assignments, most urgent first", async () => {
    const expected = assignmentRows().filter(r => r.unitCode === 'VHXH').length;
    expect(expected).toBeGreaterThan(2);
    expect(await sidebar.locator('#assignments li.card').count()).toBe(
      expected,
    );
    expect(await sidebar.locator('#who').textContent()).toContain(VHXH);
    expect(await sidebar.locator('#list-title').textContent()).toContain(
      'Phòng Văn hóa - Xã hội',
    );
    expect(await sidebar.locator('#period').textContent()).toContain(
      '03/09/2025',
    );
    const first =
      (await sidebar.locator('#assignments li.card').first().textContent()) ??
      '';
    expect(first).toMatch(/Nhiệm vụ \d+/);
    expect(first).toMatch(/Chủ trì|Phối hợp/);
    expect(first).toMatch(/Còn \d+ ngày|Đến hạn hôm nay|Quá hạn/);
    const chip = sidebar.locator('#assignments .chip').first();
    expect(
      await chip.evaluate(el => getComputedStyle(el).backgroundColor),
    ).toMatch(/^rgb/);
    // A unit user has one unit: no picker.
    expect(await sidebar.locator('#unit-picker').isHidden()).toBe(true);
  });

  it('saves a change, shown in the sheet and the history', async () => {
    const id = await openCard(sidebar, 0);
    await sidebar.locator('#f-progress').selectOption('in_progress');
    await sidebar
      .locator('#f-result')
      .fill('Đã tổ chức 2 hội nghị tuyên truyền (trình duyệt).');
    await sidebar
      .locator('#f-evidence')
      .fill('https://drive.google.com/drive/folders/demo');
    await sidebar.locator('#save').click();
    const message = await messageText(sidebar);
    expect(message).toContain('Đã lưu');
    expect(message).toContain('Tình trạng chung của nhiệm vụ');
    const row = rowOf(id);
    expect(row.result).toBe(
      'Đã tổ chức 2 hội nghị tuyên truyền (trình duyệt).',
    );
    expect(row.progress).toBe('Đang thực hiện');
    expect(row.updatedBy).toBe(VHXH);
    expect(await showTab(page, ASSIGNMENTS.name)).toContain(
      'Đã tổ chức 2 hội nghị tuyên truyền (trình duyệt).',
    );
    const history = await showTab(page, HISTORY.name);
    expect(history).toContain(
      'Đã tổ chức 2 hội nghị tuyên truyền (trình duyệt).',
    );
    expect(history).toContain(VHXH);
  });

  it('shows a field error inline and keeps what was typed', async () => {
    await sidebar.locator('#f-result').fill('Nội dung không được mất');
    await sidebar.locator('#f-progress').selectOption('done');
    await sidebar.locator('#f-completedOn').fill('');
    await sidebar.locator('#save').click();
    const message = await messageText(sidebar);
    expect(message).toContain('Chưa lưu được');
    const error = sidebar.locator('#e-completedOn');
    await error.waitFor({state: 'visible'});
    expect(await error.textContent()).toContain('Nhập ngày hoàn thành');
    expect(
      await sidebar.locator('#f-completedOn').getAttribute('aria-invalid'),
    ).toBe('true');
    expect(await sidebar.locator('#f-result').inputValue()).toBe(
      'Nội dung không được mất',
    );
    // A bad link is refused too, naming it.
    await sidebar.locator('#f-completedOn').fill('2025-08-30');
    await sidebar.locator('#f-evidence').fill('javascript:alert(1)');
    await sidebar.locator('#save').click();
    await messageText(sidebar);
    await sidebar.locator('#e-evidence').waitFor({state: 'visible'});
    expect(await sidebar.locator('#e-evidence').textContent()).toContain(
      'javascript:alert(1)',
    );
    expect(await sidebar.locator('#e-completedOn').isHidden()).toBe(true);
    await sidebar.locator('#cancel').click();
  });

  it('renders and stores HTML and formulas as plain text', async () => {
    const id = (await sidebar.locator('#edit-view').isVisible())
      ? null
      : await openCard(sidebar, 0);
    const html = '<img src=x onerror="window.__pwned=1">';
    const formula = '=HYPERLINK("http://x","y")';
    await sidebar.locator('#f-progress').selectOption('in_progress');
    await sidebar.locator('#f-result').fill(html);
    await sidebar.locator('#f-proposals').fill(formula);
    await sidebar.locator('#save').click();
    expect(await messageText(sidebar)).toContain('Đã lưu');
    await sidebar.locator('#back').click();
    await sidebar.locator('#list-view').waitFor({state: 'visible'});
    // The stale-values box and list render user text as text: no <img> was created anywhere.
    expect(await sidebar.locator('img').count()).toBe(0);
    const pwned = await page
      .frame({url: /\/ui\//})
      ?.evaluate(() => (window as unknown as {__pwned?: number}).__pwned);
    expect(pwned).toBeUndefined();
    const assignmentId =
      id ??
      ((await sidebar
        .locator('#assignments button.open')
        .first()
        .getAttribute('data-id')) as string);
    const row = rowOf(assignmentId);
    expect(row.result).toBe(html);
    expect(row.proposals).toBe(formula);
    const formulas = server.host.workspace.uncounted(() =>
      server.host.workspace
        .activeSpreadsheet()
        .getSheetByName(ASSIGNMENTS.name)
        ?.getDataRange()
        .getFormulas(),
    ) as string[][];
    expect(formulas.flat().filter(f => f !== '')).toEqual([]);
    // The preview's sheet view shows the text literally as well.
    const view = await showTab(page, ASSIGNMENTS.name);
    expect(view).toContain(formula);
    expect(view).toContain(html);
    expect(await page.locator('#view img').count()).toBe(0);
    // Re-opening shows them literally in the form.
    await sidebar
      .locator(`#assignments button.open[data-id="${assignmentId}"]`)
      .click();
    expect(await sidebar.locator('#f-result').inputValue()).toBe(html);
    expect(await sidebar.locator('#f-proposals').inputValue()).toBe(formula);
    await sidebar.locator('#back').click();
  });

  it('refuses a stale save when a second tab saved first, then lets the user re-apply', async () => {
    const id = await openCard(sidebar, 1);
    // A second tab opens the same sidebar and saves first.
    const page2 = await context.newPage();
    await page2.goto(server.url);
    await page2.locator('#sidebar').waitFor({state: 'visible'});
    const sidebar2 = page2.frameLocator('#sidebar-frame');
    await sidebar2.locator('#list-view').waitFor({state: 'visible'});
    await sidebar2.locator(`#assignments button.open[data-id="${id}"]`).click();
    await sidebar2.locator('#f-result').fill('Tab thứ hai đã lưu trước');
    await sidebar2.locator('#save').click();
    expect(await messageText(sidebar2)).toContain('Đã lưu');
    await page2.close();

    await sidebar.locator('#f-result').fill('Nội dung của tab thứ nhất');
    await sidebar.locator('#save').click();
    const message = await messageText(sidebar);
    expect(message).toContain('đã có người khác cập nhật'.replace(/^đ/, 'Đ'));
    await sidebar.locator('#stale').waitFor({state: 'visible'});
    expect(await sidebar.locator('#stale-values').textContent()).toContain(
      'Tab thứ hai đã lưu trước',
    );
    expect(await sidebar.locator('#stale-who').textContent()).toContain(VHXH);
    expect(await sidebar.locator('#f-result').inputValue()).toBe(
      'Nội dung của tab thứ nhất',
    );
    expect(rowOf(id).result).toBe('Tab thứ hai đã lưu trước');
    await page.screenshot({path: join(OUTPUT, 'sidebar-stale.png')});

    await sidebar.locator('#reapply').click();
    expect(await messageText(sidebar)).toContain('Đã lưu');
    expect(await sidebar.locator('#stale').isHidden()).toBe(true);
    expect(rowOf(id).result).toBe('Nội dung của tab thứ nhất');
    await sidebar.locator('#back').click();
    await sidebar.locator('#list-view').waitFor({state: 'visible'});
  });

  it('saves a screenshot of the sidebar beside the spreadsheet', async () => {
    await showTab(page, ASSIGNMENTS.name);
    await page.screenshot({path: join(OUTPUT, 'sidebar.png')});
    await page
      .locator('#sidebar')
      .screenshot({path: join(OUTPUT, 'sidebar-panel.png')});
    expect(existsSync(join(OUTPUT, 'sidebar.png'))).toBe(true);
  });

  it('attaches a photo (shrunk in the browser) and shows its evidence link; a disallowed file is refused', async () => {
    sidebar = await openSidebar(page);
    const id = await openCard(sidebar, 2);
    const ws = server.host.workspace;
    const driveFiles = () => [...ws.drive.files.values()];
    const before = driveFiles().length;
    // A file type the app does not take: refused in the browser, nothing sent.
    await sidebar.locator('#f-file').setInputFiles({
      name: 'trang.html',
      mimeType: 'text/html',
      buffer: Buffer.from('<b>x</b>'),
    });
    await sidebar
      .locator('#upload-status', {hasText: 'Loại tệp này không được nhận'})
      .waitFor();
    expect(driveFiles()).toHaveLength(before);
    // A real JPEG, 2400 × 1200, made by the browser.
    const b64 = await page.evaluate(() => {
      const c = document.createElement('canvas');
      c.width = 2400;
      c.height = 1200;
      const g = c.getContext('2d') as CanvasRenderingContext2D;
      g.fillStyle = '#c53';
      g.fillRect(0, 0, 2400, 1200);
      return c.toDataURL('image/jpeg', 0.9).split(',')[1];
    });
    const jpeg = Buffer.from(b64, 'base64');
    expect(jpeg.subarray(0, 3).toString('hex')).toBe('ffd8ff');
    await sidebar.locator('#f-file').setInputFiles({
      name: 'hoi-nghi.jpg',
      mimeType: 'image/jpeg',
      buffer: jpeg,
    });
    await sidebar.locator('#upload-status', {hasText: 'Đã tải lên'}).waitFor();
    const link = sidebar.locator('#evidence-links a').last();
    const href = (await link.getAttribute('href')) as string;
    expect(href).toMatch(/^https:\/\/drive\.google\.com\//);
    expect(await sidebar.locator('#f-evidence').inputValue()).toContain(href);
    expect(String(rowOf(id).evidence)).toContain(href);
    // On Drive: one new JPEG, longest side 1,600 px.
    const added = driveFiles().slice(before);
    const photo = added.find(f => f.mimeType === 'image/jpeg');
    expect(photo).toBeDefined();
    const size = await page.evaluate(
      async data => {
        const img = new Image();
        img.src = `data:image/jpeg;base64,${data}`;
        await img.decode();
        return [img.naturalWidth, img.naturalHeight];
      },
      (photo!.data as Buffer).toString('base64'),
    );
    expect(size).toEqual([1600, 800]);
    // Saving afterwards keeps the link (the form's base moved on with the upload).
    await sidebar.locator('#save').click();
    // Nothing else changed: the save is a "no change" report, not a stale refusal.
    expect(await messageText(sidebar)).toContain('Đã ghi nhận báo cáo');
    expect(await sidebar.locator('#stale').isHidden()).toBe(true);
    expect(String(rowOf(id).evidence)).toContain(href);
    await page.screenshot({path: join(OUTPUT, 'sidebar-upload.png')});
  });

  it('is refused as another unit, even when the page calls the server directly', async () => {
    // Signed in as Văn hóa - Xã hội, the sidebar's own google.script.run is used to reach Kinh tế's rows.
    const kt = assignmentRows().find(r => r.unitCode === 'KT') as Record<
      string,
      unknown
    >;
    const before = rowOf(String(kt.id));
    const frame = page.frame({url: /\/ui\//});
    if (!frame) throw new Error('no sidebar frame');
    const call = (fn: string, arg: unknown) =>
      frame.evaluate(
        ([name, value]) =>
          new Promise(resolve => {
            const run = (
              window as unknown as {
                google: {script: {run: Record<string, unknown>}};
              }
            ).google.script.run as unknown as {
              withSuccessHandler(h: (v: unknown) => void): {
                withFailureHandler(
                  h: (e: unknown) => void,
                ): Record<string, (a: unknown) => void>;
              };
            };
            run
              .withSuccessHandler(resolve)
              .withFailureHandler(e => resolve({thrown: String(e)}))
              [name as string](value);
          }),
        [fn, arg] as const,
      );
    const saved = (await call('sidebarSave', {
      id: kt.id,
      version: kt.version,
      progress: 'done',
      completedOn: '2025-08-31',
      result: 'Sửa hộ đơn vị khác',
      evidence: '',
      proposals: '',
    })) as {ok: boolean; code: string; message: string};
    expect(saved).toMatchObject({ok: false, code: 'forbidden'});
    expect(saved.message).toContain('Phòng Kinh tế');
    const loadedKt = (await call('sidebarLoad', 'KT')) as {
      ok: boolean;
      code: string;
    };
    expect(loadedKt).toMatchObject({ok: false, code: 'forbidden'});
    expect(loadedKt).not.toHaveProperty('assignments');
    expect(rowOf(String(kt.id))).toEqual(before);
  });

  it('refuses a save in the form once the user no longer belongs to the unit, keeping the text', async () => {
    await signInAs(page, KT);
    sidebar = await openSidebar(page);
    expect(await sidebar.locator('#list-title').textContent()).toContain(
      'Phòng Kinh tế',
    );
    const id = await openCard(sidebar, 0);
    const before = rowOf(id);
    // Meanwhile the admin moves this person to Văn hóa - Xã hội in the units tab.
    const ws = server.host.workspace;
    const units = ws.sheetValues(UNITS.name);
    const ktRow = units.findIndex(r => r[colOf(UNITS, 'code')] === 'KT') + 1;
    const vhxhRow =
      units.findIndex(r => r[colOf(UNITS, 'code')] === 'VHXH') + 1;
    const emailCol = letter(colOf(UNITS, 'emails'));
    ws.editCell(
      OWNER,
      `'${UNITS.name}'!${emailCol}${ktRow}`,
      'nguoimoi@xa-demo.vn',
    );
    ws.editCell(
      OWNER,
      `'${UNITS.name}'!${emailCol}${vhxhRow}`,
      `${VHXH}, ${KT}`,
    );
    server.host.save();

    await sidebar.locator('#f-result').fill('Sửa hộ đơn vị khác');
    await sidebar.locator('#save').click();
    const message = await messageText(sidebar);
    expect(message).toContain(
      'Bạn không có quyền cập nhật phân công của Phòng Kinh tế',
    );
    expect(rowOf(id)).toEqual(before);
    expect(await sidebar.locator('#f-result').inputValue()).toBe(
      'Sửa hộ đơn vị khác',
    );
    await page
      .locator('#sidebar')
      .screenshot({path: join(OUTPUT, 'sidebar-forbidden.png')});
  });

  it('explains to an unknown user whom to ask, and shows no data', async () => {
    await signInAs(page, STRANGER);
    sidebar = await openSidebar(page);
    await sidebar.locator('#refusal').waitFor({state: 'visible'});
    expect(await sidebar.locator('#refusal-text').textContent()).toContain(
      'chưa được gán cho đơn vị nào',
    );
    expect(await sidebar.locator('#refusal-contact').textContent()).toContain(
      ADMIN,
    );
    expect(await sidebar.locator('#assignments li').count()).toBe(0);
  });
});
