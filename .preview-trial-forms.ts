// Temporary trial driver (deleted after use): a preview server on a free port with its own state file.
import {startPreviewServer} from './scripts/preview/server';
import {chromium} from 'playwright-core';

async function main() {
  const server = await startPreviewServer({port: 0, stateFile: '/tmp/formtrial/state.json', now: '2025-08-27T01:00:00Z'});
  const url = server.url;
  console.log('server', url);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({viewport: {width: 1280, height: 900}});
    page.on('dialog', d => void d.accept());
    await page.goto(url);
    await page.screenshot({path: '/tmp/formtrial/0-home.png'});
    const post = async (path: string, body: unknown) => {
      const r = await page.evaluate(
        async ([p, b]) => {
          const res = await fetch(p as string, {method: 'POST', headers: {'content-type': 'application/json'}, body: JSON.stringify(b)});
          return res.text();
        },
        [path, body],
      );
      return r;
    };
    console.log('setup', (await post('/api/menu', {fn: 'setupWorkbook', caption: 'Thiết lập'})).slice(0, 200));
    await page.reload();
    // Open the Biểu mẫu panel tab.
    const tab = page.getByText('Biểu mẫu', {exact: true}).first();
    await tab.click();
    await page.waitForTimeout(500);
    await page.screenshot({path: '/tmp/formtrial/1-panel.png', fullPage: true});
    await page.getByRole('button', {name: 'Tạo / cập nhật biểu mẫu', exact: true}).click();
    await page.waitForTimeout(1500);
    await page.screenshot({path: '/tmp/formtrial/2-created.png'});
    const link = page.getByText('Mở như thôn').nth(1);
    const href = await link.getAttribute('href');
    console.log('link', href);
    const phone = await browser.newPage({viewport: {width: 390, height: 844}});
    await phone.goto(new URL(href as string, url).toString());
    await phone.screenshot({path: '/tmp/formtrial/3-form.png'});
    await phone.locator('text=Nhiệm vụ 5:').first().scrollIntoViewIfNeeded();
    await phone.screenshot({path: '/tmp/formtrial/3-form-nv5.png'});
    console.log('selected village:', await phone.locator('select').first().inputValue());
    // Submit empty first: the page refuses with the required questions marked.
    await phone.getByRole('button', {name: 'Gửi'}).click();
    await phone.waitForLoadState();
    await phone.locator('.msg').first().scrollIntoViewIfNeeded();
    await phone.screenshot({path: '/tmp/formtrial/4-refused.png'});
    console.log('errors:', await phone.locator('.msg').count());
    await phone.getByLabel('Họ và tên người báo cáo').fill('Nguyễn Văn An');
    await phone.getByLabel('Số điện thoại liên hệ').fill('0912345678');
    for (const tt of ['1', '5', '8', '10', '11']) {
      await phone.locator(`.card:has-text("NV${tt} – Tình trạng thực hiện") input[value="Đang thực hiện"]`).check();
    }
    await phone.getByLabel('NV5 – Tên mô hình').fill('=Tuyến đường hoa <b>đẹp</b>');
    await phone.locator('.card:has-text("NV5 – Loại mô hình") input[value="Tuyến đường"]').check();
    await phone.getByLabel('NV5 – Số lượng đã thực hiện (chỉ tiêu 1/thôn)').fill('1');
    await phone.getByLabel('Đường dẫn minh chứng').fill('https://drive.google.com/anh');
    await phone.getByRole('button', {name: 'Gửi'}).click();
    await phone.waitForLoadState();
    await phone.screenshot({path: '/tmp/formtrial/5-sent.png'});
    console.log('result:', (await phone.locator('main').innerText()).slice(0, 800));
    const sheet = await page.evaluate(async () => (await fetch('/api/sheets/' + encodeURIComponent('Báo cáo thôn'))).text());
    console.log('reports tab:', sheet.slice(0, 1500));
    await page.reload();
    await page.getByText('Biểu mẫu', {exact: true}).first().click();
    await page.waitForTimeout(500);
    await page.screenshot({path: '/tmp/formtrial/6-panel-after.png'});
  } finally {
    await browser.close();
    await server.close();
  }
}
main().catch(e => {
  console.error(e);
  process.exit(1);
});
