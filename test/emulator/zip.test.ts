// Utilities.zip / unzip make and read real zip archives (checked against Python's zipfile as an independent reader).
import {execFileSync} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {Workspace} from '../../emulator';
import {crc32, unzipEntries, zipEntries} from '../../emulator/zip';

let ws: Workspace;
beforeEach(() => {
  ws = new Workspace({owner: 'admin@example.com'});
  ws.installGlobals();
});
afterEach(() => ws.uninstallGlobals());

const bytesOf = (blob: GoogleAppsScript.Base.Blob) =>
  Buffer.from(blob.getBytes().map(b => b & 0xff));

test('crc32 is the IEEE one zip uses', () => {
  expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  expect(crc32(Buffer.alloc(0))).toBe(0);
});

test('zip then unzip gives the files back, names with folders and Vietnamese kept', () => {
  const files = [
    {name: '[Content_Types].xml', data: Buffer.from('<Types/>')},
    {
      name: 'xl/worksheets/sheet1.xml',
      data: Buffer.from('Tổng hợp '.repeat(500)),
    },
    {name: 'trống.txt', data: Buffer.alloc(0)},
  ];
  const zip = zipEntries(files);
  expect(zip.readUInt32LE(0)).toBe(0x04034b50);
  expect(unzipEntries(zip)).toEqual(files);
  expect(() =>
    unzipEntries(Buffer.from('not a zip at all, no central directory')),
  ).toThrow('Not a zip archive');
});

test('Utilities.zip makes an application/zip blob that Python’s zipfile reads', () => {
  const a = Utilities.newBlob(
    '<a>Đại Sơn</a>',
    'application/xml',
    'xl/workbook.xml',
  );
  const b = Utilities.newBlob(
    [1, 2, 3, -1],
    'application/octet-stream',
    'bin/data.bin',
  );
  const zip = Utilities.zip([a, b], 'gói.zip');
  expect(zip.getContentType()).toBe('application/zip');
  expect(zip.getName()).toBe('gói.zip');
  expect(Utilities.zip([a]).getName()).toBe('Archive.zip');
  const dir = mkdtempSync(join(tmpdir(), 'zip-test-'));
  try {
    const file = join(dir, 'z.zip');
    writeFileSync(file, bytesOf(zip));
    const listing = execFileSync(
      'python3',
      [
        '-c',
        'import sys,zipfile,json; z=zipfile.ZipFile(sys.argv[1]); z.testzip(); print(json.dumps([[i.filename, z.read(i).hex()] for i in z.infolist()]))',
        file,
      ],
      {encoding: 'utf8'},
    );
    expect(JSON.parse(listing)).toEqual([
      ['xl/workbook.xml', Buffer.from('<a>Đại Sơn</a>').toString('hex')],
      ['bin/data.bin', '010203ff'],
    ]);
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
});

test('Utilities.unzip returns named blobs with types from their extensions', () => {
  const zip = Utilities.zip(
    [
      Utilities.newBlob('x', 'text/plain', 'a/b.txt'),
      Utilities.newBlob('<p/>', 'text/html', 'c.html'),
      Utilities.newBlob('?', 'x/y', 'd.unknown'),
    ],
    'z.zip',
  );
  const out = Utilities.unzip(zip);
  expect(
    out.map(b => [b.getName(), b.getContentType(), b.getDataAsString()]),
  ).toEqual([
    ['a/b.txt', 'text/plain', 'x'],
    ['c.html', 'text/html', '<p/>'],
    ['d.unknown', null, '?'],
  ]);
  expect(() =>
    Utilities.unzip(Utilities.newBlob('nope', 'text/plain', 'x.zip')),
  ).toThrow('Could not unzip');
});

test('a blob without a name cannot be zipped, as in Apps Script', () => {
  expect(() => Utilities.zip([Utilities.newBlob('x')])).toThrow(
    'Blob object must have non-null name for this operation.',
  );
});
