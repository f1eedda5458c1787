// npm start's city demo: three sample communes at different stages and a city workbook, their clocks run in step, the roll-up shown in its panel.
import {existsSync, mkdtempSync, rmSync} from 'node:fs';
import {request} from 'node:http';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {build} from '../../scripts/build';
import type {StateView} from '../../scripts/preview/protocol';
import {startPreviewServer} from '../../scripts/preview/server';
import type {PreviewServer} from '../../scripts/preview/server';

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
        headers: data ? {'Content-Type': 'application/json'} : {},
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

/** The roll-up rows the panel shows: each <tr> of the rendered tab as its cells' text. */
function rowsOf(html: string, sheet: string): string[][] {
  const start = html.indexOf(`data-sheet="${sheet}"`);
  expect(start).toBeGreaterThan(0);
  const end = html.indexOf('</table>', start);
  return [...html.slice(start, end).matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map(
    m =>
      [...m[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map(c =>
        c[1]
          .replace(/<[^>]+>/g, '')
          .replace(/&amp;/g, '&')
          .trim(),
      ),
  );
}

let dir: string;
let server: PreviewServer;

beforeAll(async () => {
  if (!existsSync(join(__dirname, '../../dist/Code.js'))) await build();
  dir = mkdtempSync(join(tmpdir(), 'preview-city-'));
  server = await startPreviewServer({
    port: 0,
    stateFile: join(dir, 'state.json'),
    now: '2025-07-01T01:00:00Z',
  });
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, {recursive: true, force: true});
});

describe('npm start: the city demo', () => {
  it('creates three communes and the city workbook, runs their clocks and shows the roll-up rows', async () => {
    const state = (await call(server, 'GET', '/api/state')).json<StateView>();
    expect(state.tabs).toContainEqual(
      expect.objectContaining({
        key: 'panel:city',
        title: 'Cấp thành phố (thử)',
      }),
    );
    const empty = (await call(server, 'GET', '/view/panel/city')).text;
    expect(empty).toContain('Tạo bản thử: 3 xã và Sở Nội vụ');

    const made = await call(server, 'POST', '/api/panels/city/create', {});
    const reply = made.json<{ok: boolean; message: string}>();
    expect(reply.ok).toBe(true);
    expect(reply.message).toBe(
      'Đã tạo 3 bảng tính xã và bảng tính của Sở Nội vụ, chạy đồng hồ đến 05/09/2025; Sở đã lập «Tổng hợp toàn thành phố KY1».',
    );

    const panel = (await call(server, 'GET', '/view/panel/city')).text;
    expect(panel).toContain(
      'Ngày giả lập của cả bốn bảng tính: <b>05/09/2025</b>',
    );
    const rows = rowsOf(panel, 'Tổng hợp toàn thành phố KY1');
    const row = (name: string) => rows.find(r => r[1] === name)!;
    // [STT, Xã, Tình hình, tính đến, …] (the row numbers are <th>)
    expect(row('Đại Sơn').slice(2, 4)).toEqual([
      'Đã báo cáo đúng hạn',
      '03/09/2025 07:00',
    ]);
    expect(row('Tân An').slice(2, 4)).toEqual([
      'Đã báo cáo muộn',
      '05/09/2025 08:00',
    ]);
    expect(row('An Lão')[2]).toBe('Chưa đọc được');
    expect(row('An Lão').join(' ')).toContain('chưa chia sẻ bảng tính');
    expect(row('Toàn thành phố')[2]).toBe('2/3 đã báo cáo');
    // The "Xã, phường" tab the roll-up read.
    const list = rowsOf(panel, 'Xã, phường').map(r => r[0]);
    expect(list).toEqual(
      expect.arrayContaining(['Đại Sơn', 'Tân An', 'An Lão']),
    );
    // The main workbook is left alone.
    expect(
      server.host.workspace.boundSpreadsheet.sheets.some(s =>
        s.name.startsWith('Tổng hợp toàn thành phố'),
      ),
    ).toBe(false);

    const next = await call(server, 'POST', '/api/panels/city/next-day', {});
    expect(next.json<{message: string}>().message).toBe(
      'Các xã và Sở đã sang ngày 06/09/2025; công việc hằng ngày đã chạy.',
    );
    const after = (await call(server, 'GET', '/view/panel/city')).text;
    expect(
      rowsOf(after, 'Tổng hợp toàn thành phố KY1').find(
        r => r[1] === 'Toàn thành phố',
      )![2],
    ).toBe('2/3 đã báo cáo');
    expect(after).toContain('<b>06/09/2025</b>');
  }, 120000);
});
