// Utilities: Java date patterns in IANA zones, parsing, blobs with signed bytes, digests, CSV, UUIDs.
import {Workspace} from '../../emulator';

let ws: Workspace;
beforeEach(() => {
  ws = new Workspace({owner: 'admin@example.com'});
  ws.installGlobals();
});
afterEach(() => ws.uninstallGlobals());

test('formatDate in Asia/Ho_Chi_Minh', () => {
  const d = new Date('2025-09-02T20:00:00Z');
  expect(Utilities.formatDate(d, 'Asia/Ho_Chi_Minh', 'dd/MM/yyyy HH:mm')).toBe(
    '03/09/2025 03:00',
  );
  expect(Utilities.formatDate(d, 'Asia/Ho_Chi_Minh', 'd/M/yy')).toBe('3/9/25');
  expect(Utilities.formatDate(d, 'UTC', "yyyy-MM-dd'T'HH:mm:ss'Z'")).toBe(
    '2025-09-02T20:00:00Z',
  );
  expect(
    Utilities.formatDate(
      d,
      'Asia/Ho_Chi_Minh',
      'EEE, d MMM yyyy h:mm a z Z XXX',
    ),
  ).toBe('Wed, 3 Sep 2025 3:00 AM ICT +0700 +07:00');
  expect(
    Utilities.formatDate(d, 'Asia/Ho_Chi_Minh', "'Ngày' dd 'tháng' MM"),
  ).toBe('Ngày 03 tháng 09');
  expect(() => Utilities.formatDate(d, 'UTC', 'yyyy-MM-dd qq')).toThrow(
    /Illegal pattern character 'q'/,
  );
  expect(() =>
    Utilities.formatDate('2025' as unknown as Date, 'UTC', 'yyyy'),
  ).toThrow(/formatDate/);
});

test('parseDate reads wall time in the zone', () => {
  const d = Utilities.parseDate(
    '03/09/2025 07:30',
    'Asia/Ho_Chi_Minh',
    'dd/MM/yyyy HH:mm',
  );
  expect(d.toISOString()).toBe('2025-09-03T00:30:00.000Z');
  expect(
    Utilities.parseDate('2025-09-03', 'UTC', 'yyyy-MM-dd').toISOString(),
  ).toBe('2025-09-03T00:00:00.000Z');
  expect(() => Utilities.parseDate('hôm nay', 'UTC', 'yyyy-MM-dd')).toThrow(
    'Unparseable date: "hôm nay"',
  );
});

test('blobs hold signed bytes', () => {
  const b = Utilities.newBlob('Đại Sơn', 'text/plain', 'x.txt');
  const bytes = b.getBytes();
  expect(bytes.slice(0, 2)).toEqual([-60, -112]);
  expect(Math.min(...bytes)).toBeGreaterThanOrEqual(-128);
  expect(b.getDataAsString()).toBe('Đại Sơn');
  expect(Utilities.newBlob(bytes).getDataAsString()).toBe('Đại Sơn');
  expect(b.getName()).toBe('x.txt');
  expect(b.copyBlob().setName('y').getName()).toBe('y');
  expect(b.getName()).toBe('x.txt');
  const pdf = b.getAs('application/pdf');
  expect(pdf.getName()).toBe('x.pdf');
  expect(pdf.getDataAsString().startsWith('%PDF')).toBe(true);
});

test('base64, digests, CSV, formatString', () => {
  expect(Utilities.base64Encode('xin chào')).toBe(
    Buffer.from('xin chào').toString('base64'),
  );
  expect(
    Utilities.newBlob(
      Utilities.base64Decode(Utilities.base64Encode('xin chào')),
    ).getDataAsString(),
  ).toBe('xin chào');
  const md5 = Utilities.computeDigest(Utilities.DigestAlgorithm.MD5, 'abc');
  expect(
    md5.map(b => ((b + 256) % 256).toString(16).padStart(2, '0')).join(''),
  ).toBe('900150983cd24fb0d6963f7d28e17f72');
  expect(Utilities.parseCsv('a,"b,c"\n1,"x ""y"""')).toEqual([
    ['a', 'b,c'],
    ['1', 'x "y"'],
  ]);
  expect(
    Utilities.formatString('%s có %d việc (%.1f%%)', 'Thôn 1', 3, 42.35),
  ).toBe('Thôn 1 có 3 việc (42.4%)');
});

test('getUuid is deterministic per emulator; sleep advances the clock', () => {
  const a = Utilities.getUuid();
  expect(a).toMatch(
    /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
  );
  expect(Utilities.getUuid()).not.toBe(a);
  expect(new Workspace().globals().Utilities).toBeDefined();
  const other = new Workspace();
  expect(
    (
      other.globals().Utilities as GoogleAppsScript.Utilities.Utilities
    ).getUuid(),
  ).toBe(a);
  const t = ws.nowMs();
  Utilities.sleep(1500);
  expect(ws.nowMs() - t).toBe(1500);
});

test('Session and Logger', () => {
  ws.run('u@example.com', () => {
    expect(Session.getActiveUser().getEmail()).toBe('u@example.com');
    expect(Session.getEffectiveUser().getEmail()).toBe('u@example.com');
  });
  ws.run(
    'u@example.com',
    () => expect(Session.getActiveUser().getEmail()).toBe(''),
    {activeUser: ''},
  );
  expect(Session.getScriptTimeZone()).toBe('Asia/Ho_Chi_Minh');
  expect(Session.getTemporaryActiveUserKey()).toMatch(/\S{20,}/);
  Logger.log('hello %s', 'world');
  expect(Logger.getLog()).toMatch(
    /^\[\d\d-\d\d-\d\d \d\d:\d\d:\d\d:\d{3} ICT\] hello world\n$/,
  );
});
