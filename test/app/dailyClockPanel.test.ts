// The preview's "Đồng hồ & hộp thư" panel (npm start): stepping days fires the daily job; the outbox shows each e-mail.
import {mkdtempSync, rmSync} from 'node:fs';
import {request} from 'node:http';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {
  startPreviewServer,
  type PreviewServer,
} from '../../scripts/preview/server';

const OWNER = 'quantri@xa-demo.vn';

interface Reply {
  status: number;
  text: string;
  headers: Record<string, unknown>;
  json<T>(): T;
}

function call(
  server: PreviewServer,
  method: string,
  path: string,
  body?: unknown,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        // One connection per request: a kept-alive socket closed by the server between two requests
        // of a slow run resets the next one (ECONNRESET).
        agent: false,
        method,
        path,
        headers: {
          ...(data ? {'Content-Type': 'application/json'} : {}),
          'X-Preview-User': encodeURIComponent(OWNER),
        },
      },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            text,
            headers: res.headers,
            json: <T>() => JSON.parse(text) as T,
          });
        });
      },
    );
    req.on('error', reject);
    if (data) req.write(data);
    req.end();
  });
}

let dir: string;
let server: PreviewServer;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'clock-panel-'));
  server = await startPreviewServer({
    port: 0,
    stateFile: join(dir, 'state.json'),
    now: '2025-07-01T01:00:00Z',
  });
  await call(server, 'POST', '/api/menu', {fn: 'setupWorkbook'});
  await call(server, 'POST', '/api/demo-emails', {});
});

afterEach(async () => {
  await server.close();
  rmSync(dir, {recursive: true, force: true});
});

type Step = {ok: boolean; message: string};

describe('Đồng hồ & hộp thư', () => {
  it('steps to 27/8/2025 as a new user would, running the daily job every day on the way, and shows the reminders', async () => {
    const off = await call(server, 'POST', '/api/panels/clock/next-day', {});
    expect(off.json<Step>().message).toContain(
      'Công việc tự động chưa bật nên không có gì chạy',
    );
    expect((await call(server, 'GET', '/view/panel/clock')).text).toContain(
      'Công việc tự động đang tắt',
    );

    await call(server, 'POST', '/api/menu', {fn: 'installTriggers'});
    const seqBefore = server.host.executions.at(-1)!.seq;
    const go = await call(server, 'POST', '/api/panels/clock/go', {
      date: '27/08/2025',
      run: '1',
    });
    // Each morning's run is its own logged execution at 07:00 (00:00 UTC), in order.
    const runs = server.host.executions.filter(e => e.seq > seqBefore);
    expect(runs.map(e => e.at.slice(0, 10))).toEqual(
      Array.from({length: 56}, (_, i) =>
        new Date(Date.UTC(2025, 6, 3 + i)).toISOString().slice(0, 10),
      ),
    );
    expect(runs.every(e => e.at.endsWith('T00:00:00.000Z'))).toBe(true);
    // 3/7 … 27/8: 56 mornings at 07:00.
    expect(go.json<Step>()).toMatchObject({ok: true});
    expect(go.json<Step>().message).toMatch(
      /^Đồng hồ giả lập: Thứ Tư, 27\/08\/2025 07:30\. Công việc hằng ngày đã chạy 56 lần; \d+ thư được gửi\.$/,
    );

    const outbox = server.host.workspace.mail.outbox;
    const today = outbox.filter(m => m.at.startsWith('2025-08-27'));
    expect(today.map(m => m.subject)).toContain(
      '[Dân vận] Thôn mẫu 1: nhắc báo cáo, hạn 03/09/2025 (còn 7 ngày)',
    );
    expect(today.map(m => m.subject)).toContain(
      '[Dân vận] Phòng Kinh tế: nhắc báo cáo, hạn 03/09/2025 (còn 7 ngày)',
    );

    const panel = (await call(server, 'GET', '/view/panel/clock')).text;
    expect(panel).toContain('Giờ giả lập: <b>Thứ Tư, 27/08/2025 07:30</b>');
    expect(panel).toContain('Công việc tự động đang bật');
    expect(panel).toContain(
      `Hộp thư đi: ${outbox.length} thư, mới nhất ở trên`,
    );
    // Newest first: the last e-mail sent is the first row.
    const first = panel.indexOf('class="mail-row"');
    expect(panel.slice(first, first + 200)).toContain(
      `data-id="${outbox[outbox.length - 1].id}"`,
    );

    const village = today.find(m => m.to === 'thon01@xa-demo.vn')!;
    const message = (
      await call(server, 'GET', `/api/panels/clock/message?id=${village.id}`)
    ).json<{
      subject: string;
      body: string;
      name: string;
      hasHtml: boolean;
      atText: string;
    }>();
    expect(message).toMatchObject({
      subject: village.subject,
      name: 'Phòng Văn hóa - Xã hội - UBND xã Đại Sơn',
      hasHtml: true,
      atText: 'Thứ Tư, 27/08/2025 07:00',
    });
    expect(message.body).toContain('Thôn mẫu 1 chưa gửi báo cáo kỳ này.');
    const html = await call(
      server,
      'GET',
      `/api/panels/clock/html?id=${village.id}`,
    );
    expect(html.status).toBe(200);
    expect(String(html.headers['content-security-policy'])).toContain(
      "default-src 'none'",
    );
    expect(html.text).toContain('<base target="_blank">');
    expect(html.text).toContain(village.htmlBody!);

    const next = await call(server, 'POST', '/api/panels/clock/next-day', {});
    expect(next.json<Step>().message).toMatch(
      /Thứ Năm, 28\/08\/2025 07:30\. Công việc hằng ngày đã chạy 1 lần; \d+ thư được gửi\./,
    );
  });

  it("moves back without running anything, and the next step runs that day's job once", async () => {
    await call(server, 'POST', '/api/menu', {fn: 'installTriggers'});
    await call(server, 'POST', '/api/panels/clock/go', {
      date: '2025-07-05',
      run: '1',
    });
    const back = await call(server, 'POST', '/api/panels/clock/go', {
      date: '2025-07-02',
      run: '1',
    });
    expect(back.json<Step>().message).toBe(
      'Đồng hồ giả lập: Thứ Tư, 02/07/2025 07:30. Không chạy công việc tự động.',
    );
    const next = await call(server, 'POST', '/api/panels/clock/next-day', {});
    expect(next.json<Step>().message).toContain(
      'Công việc hằng ngày đã chạy 1 lần',
    );
    const bad = await call(server, 'POST', '/api/panels/clock/go', {
      date: 'hôm qua',
    });
    expect(bad.status).toBe(400);
  });

  it('escapes what it shows', async () => {
    const ws = server.host.workspace;
    ws.run(OWNER, () =>
      (ws.globals().MailApp as GoogleAppsScript.Mail.MailApp).sendEmail({
        to: 'a@xa-demo.vn',
        subject: '<img src=x onerror=alert(1)>',
        body: 'b',
        htmlBody: '<p>x</p>',
      }),
    );
    const panel = (await call(server, 'GET', '/view/panel/clock')).text;
    expect(panel).not.toContain('<img src=x');
    expect(panel).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});
