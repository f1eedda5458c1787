// npm start on the real clock: a date outside the plan starts the clock at the plan's first day, and the README's quick example fills the outbox.
import {existsSync, mkdtempSync, rmSync} from 'node:fs';
import {request} from 'node:http';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {build} from '../../scripts/build';
import type {ExecutionView, StateView} from '../../scripts/preview/protocol';
import {startPreviewServer} from '../../scripts/preview/server';
import type {PreviewServer} from '../../scripts/preview/server';
import {wallClock} from '../../emulator/tz';

const OWNER = 'quantri@xa-demo.vn';

function call(
  server: PreviewServer,
  method: string,
  path: string,
  body?: unknown,
): Promise<{status: number; text: string; json<T>(): T}> {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
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
const servers: PreviewServer[] = [];

async function start(realNow: string): Promise<PreviewServer> {
  const s = await startPreviewServer({
    port: 0,
    stateFile: join(dir, `state-${servers.length}.json`),
    realNow: () => Date.parse(realNow),
  });
  servers.push(s);
  return s;
}

beforeAll(async () => {
  if (!existsSync(join(__dirname, '../../dist/Code.js'))) await build();
  dir = mkdtempSync(join(tmpdir(), 'preview-clock-start-'));
});

afterAll(async () => {
  for (const s of servers) await s.close();
  rmSync(dir, {recursive: true, force: true});
});

describe('npm start on the real clock', () => {
  it('starts at the plan’s first day when today is after the plan, says so, and the quick example’s jump to 27/08/2025 runs every missed morning in order', async () => {
    const server = await start('2026-12-02T02:46:00Z');
    const state = (await call(server, 'GET', '/api/state')).json<StateView>();
    expect(state.nowInput).toMatch(/^01\/07\/2025 08:0\d$/);
    expect(state.clockNote).toContain('02/12/2026');
    expect(state.clockNote).toContain('nằm ngoài kế hoạch mẫu');
    expect(state.clockNote).toContain('01/07/2025 08:00');
    const page = (await call(server, 'GET', '/')).text;
    expect(page).toContain('id="clock-note" role="note">Hôm nay (02/12/2026)');

    // README §2's quick example.
    await call(server, 'POST', '/api/menu', {fn: 'setupWorkbook'});
    await call(server, 'POST', '/api/demo-emails', {});
    // "Tạo biểu mẫu" with a blank answer takes the period of the plan's first day, not the last one.
    const asked = (
      await call(server, 'POST', '/api/menu', {fn: 'createVillageForms'})
    ).json<{question: {message: string}}>();
    expect(asked.question.message).toContain('(để trống: KY1)');
    const forms = (
      await call(server, 'POST', '/api/menu', {
        fn: 'createVillageForms',
        answers: [{type: 'prompt', button: 'OK', text: ''}],
      })
    ).json<ExecutionView>();
    expect(forms.ok).toBe(true);
    const periods = server.host.workspace.sheetDisplayValues('Kỳ báo cáo');
    const formOf = (id: string) =>
      periods
        .find(r => r[0] === id)!
        .some(c => /docs\.google\.com\/forms/.test(c));
    expect([formOf('KY1'), formOf('KY2')]).toEqual([true, false]);
    await call(server, 'POST', '/api/menu', {fn: 'installTriggers'});
    const seqBefore = server.host.executions.at(-1)!.seq;
    const go = await call(server, 'POST', '/api/panels/clock/go', {
      date: '2025-08-27',
      run: 'on',
    });
    const step = go.json<{ok: boolean; message: string}>();
    expect(step.ok).toBe(true);
    // 02/07 … 27/08: 57 mornings.
    expect(step.message).toMatch(
      /^Đồng hồ giả lập: Thứ Tư, 27\/08\/2025 07:30\. Công việc hằng ngày đã chạy 57 lần; [1-9]\d* thư được gửi\.$/,
    );
    const outbox = server.host.workspace.mail.outbox;
    expect(
      outbox.filter(m => m.at.startsWith('2025-08-27')).map(m => m.subject),
    ).toContain(
      '[Dân vận] Phòng Kinh tế: nhắc báo cáo, hạn 03/09/2025 (còn 7 ngày)',
    );

    // Each missed morning is its own execution, in order, with the clock at that run's time.
    const runs = server.host.executions.filter(
      (e: ExecutionView) => e.seq > seqBefore && e.source === 'trigger',
    );
    expect(runs).toHaveLength(57);
    const days = runs.map(e => {
      const w = wallClock(Date.parse(e.at), 'Asia/Ho_Chi_Minh');
      expect([w.hour, w.minute]).toEqual([7, 0]);
      expect(e.fn).toBe('dailyJob');
      expect(e.ok).toBe(true);
      return `${w.day}/${w.month}`;
    });
    expect(days[0]).toBe('2/7');
    expect(days[29]).toBe('31/7');
    expect(days[56]).toBe('27/8');
    expect(new Set(days).size).toBe(57);
  }, 240000);

  it('starts at the real date when it is inside the plan, with no note', async () => {
    const server = await start('2025-08-10T03:00:00Z');
    const state = (await call(server, 'GET', '/api/state')).json<StateView>();
    expect(state.nowInput).toMatch(/^10\/08\/2025 10:0\d$/);
    expect(state.clockNote).toBe('');
    expect((await call(server, 'GET', '/')).text).toContain(
      'id="clock-note" role="note" hidden>',
    );
  });
});
