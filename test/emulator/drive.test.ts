// The Drive advanced service (v3) under drive.file: what the script may reach, fields, Docs import, errors, persistence.
import {Workspace} from '../../emulator';
import {FOLDER_MIME, GOOGLE_DOC_MIME, webViewLink} from '../../emulator/drive';
import {zipEntries} from '../../emulator/zip';
import {docxParts, para} from '../../src/core/docx';

let ws: Workspace;
beforeEach(() => {
  ws = new Workspace({owner: 'admin@xa.gov.vn'});
  ws.installGlobals();
});
afterEach(() => ws.uninstallGlobals());

const files = () => (Drive as GoogleAppsScript.Drive).Files;
const DOCX_TYPE =
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

function docxBlob(): GoogleAppsScript.Base.Blob {
  const parts = docxParts({
    sections: [
      {blocks: [para('BÁO CÁO', {bold: true}), para('Nội dung <thử>')]},
    ],
  });
  const zip = zipEntries(
    parts.map(p => ({name: p.path, data: Buffer.from(p.content, 'utf8')})),
  );
  return Utilities.newBlob(
    [...zip],
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'Dự thảo.docx',
  );
}

test('creates folders and files the script can then reach; the default answer is kind, id, name, mimeType', () => {
  const folder = ws.run('admin@xa.gov.vn', () =>
    files().create({name: 'Tệp xuất', mimeType: FOLDER_MIME}),
  );
  expect(Object.keys(folder).sort()).toEqual([
    'id',
    'kind',
    'mimeType',
    'name',
  ]);
  expect(folder).toMatchObject({
    kind: 'drive#file',
    name: 'Tệp xuất',
    mimeType: FOLDER_MIME,
  });
  const pdf = Utilities.newBlob('%PDF-1.4 x', 'application/pdf', 'a.pdf');
  const file = files().create(
    {name: 'Tổng hợp.pdf', parents: [folder.id as string]},
    pdf,
    {fields: 'id,name,webViewLink,parents,size'},
  );
  expect(file).toEqual({
    id: file.id,
    name: 'Tổng hợp.pdf',
    webViewLink: `https://drive.google.com/file/d/${file.id}/view?usp=drivesdk`,
    parents: [folder.id],
    size: '10',
  });
  expect(
    files().get(folder.id as string, {fields: 'id,webViewLink,trashed'}),
  ).toEqual({
    id: folder.id,
    webViewLink: `https://drive.google.com/drive/folders/${folder.id}`,
    trashed: false,
  });
  // The host sees the file and its bytes.
  expect(ws.drive.children(folder.id as string).map(f => f.name)).toEqual([
    'Tổng hợp.pdf',
  ]);
  expect(ws.drive.bytes(file.id as string).toString()).toBe('%PDF-1.4 x');
  expect(ws.drive.file(file.id as string)).toMatchObject({
    mimeType: 'application/pdf',
    owner: 'admin@xa.gov.vn',
    appAccess: true,
  });
  expect(ws.calls.get('Drive.Files.create')).toBe(2);
});

test('with drive.file the script cannot see or write into the user’s own folders, unless opened with the app', () => {
  const mine = ws.drive.createUserFolder('Của tôi');
  const blob = Utilities.newBlob('x', 'text/plain', 'x.txt');
  expect(() => files().get(mine.id)).toThrow(
    `API call to drive.files.get failed with error: File not found: ${mine.id}.`,
  );
  let error: unknown;
  try {
    files().create({name: 'x.txt', parents: [mine.id]}, blob);
  } catch (e) {
    error = e;
  }
  expect(error).toMatchObject({
    name: 'GoogleJsonResponseException',
    details: {code: 404},
  });
  ws.drive.grantAppAccess(mine.id);
  expect(files().create({name: 'x.txt', parents: [mine.id]}, blob).name).toBe(
    'x.txt',
  );
  // A file is no folder.
  const f = files().create({name: 'y.txt'}, blob);
  expect(() =>
    files().create({name: 'z', parents: [f.id as string]}, blob),
  ).toThrow('is not a folder');
});

test('uploading a .docx as a Google Doc converts it: the Doc keeps the text and gives the .docx back', () => {
  const doc = files().create(
    {name: 'Dự thảo báo cáo', mimeType: GOOGLE_DOC_MIME},
    docxBlob(),
    {fields: 'id,name,mimeType,webViewLink'},
  );
  expect(doc.mimeType).toBe(GOOGLE_DOC_MIME);
  expect(doc.webViewLink).toBe(
    `https://docs.google.com/document/d/${doc.id}/edit?usp=drivesdk`,
  );
  expect(ws.drive.documentText(doc.id as string)).toBe(
    'BÁO CÁO\nNội dung <thử>',
  );
  expect(ws.drive.bytes(doc.id as string).readUInt32LE(0)).toBe(0x04034b50);
  // Unconvertible content is refused as Google would.
  expect(() =>
    files().create(
      {name: 'x', mimeType: GOOGLE_DOC_MIME},
      Utilities.newBlob('<p>x</p>', 'text/html', 'x.html'),
    ),
  ).toThrow('Bad Request');
  expect(() =>
    files().create(
      {name: 'x', mimeType: GOOGLE_DOC_MIME},
      Utilities.newBlob('PK not really', DOCX_TYPE, 'x.docx'),
    ),
  ).toThrow('could not be converted');
});

test('files survive toJSON / fromJSON (the preview’s state file)', () => {
  const doc = files().create(
    {name: 'Dự thảo', mimeType: GOOGLE_DOC_MIME},
    docxBlob(),
  );
  const pdf = files().create(
    {name: 'a.pdf'},
    Utilities.newBlob([37, 80, 68, 70, -1], 'application/pdf', 'a.pdf'),
  );
  const copy = Workspace.fromJSON(JSON.parse(JSON.stringify(ws.toJSON())));
  expect(copy.drive.documentText(doc.id as string)).toBe(
    'BÁO CÁO\nNội dung <thử>',
  );
  expect([...copy.drive.bytes(pdf.id as string)]).toEqual([
    37, 80, 68, 70, 255,
  ]);
  expect(copy.drive.file(pdf.id as string)?.name).toBe('a.pdf');
});

test('links are those Drive gives', () => {
  expect(webViewLink({id: 'abc', mimeType: FOLDER_MIME})).toBe(
    'https://drive.google.com/drive/folders/abc',
  );
});

test('drive.file is granted per user: a folder the script made as one admin is not found for another', () => {
  const A = 'admin@xa.gov.vn';
  const B = 'quantri2@xa.gov.vn';
  const folder = ws.run(A, () =>
    files().create({name: 'Tệp xuất', mimeType: FOLDER_MIME}),
  );
  const id = String(folder.id);
  expect(ws.run(A, () => files().get(id, {fields: 'id'}))).toEqual({id});
  expect(() => ws.run(B, () => files().get(id))).toThrow(
    `API call to drive.files.get failed with error: File not found: ${id}.`,
  );
  const blob = Utilities.newBlob('x', 'text/plain', 'x.txt');
  expect(() =>
    ws.run(B, () => files().create({name: 'x.txt', parents: [id]}, blob)),
  ).toThrow(`File not found: ${id}.`);
  // B opens it with the app (Google Picker): now B's session reaches it too.
  ws.drive.grantAppAccess(id, B);
  expect(ws.run(B, () => files().get(id, {fields: 'id'}))).toEqual({id});
  expect(ws.run(A, () => files().get(id, {fields: 'id'}))).toEqual({id});
});
