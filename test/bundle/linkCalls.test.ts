// The personal-link page's spreadsheet calls through dist/Code.js: its save, upload and village report read each tab once.
import type {Workspace} from '../../emulator';
import {
  OWNER,
  THON,
  VHXH,
  linkWorkspace,
  tokenFor,
  villagePageAnswers,
} from '../support/linkWorkbook';

let ws: Workspace;
afterEach(() => ws?.uninstallGlobals());

/** Runs fn and returns its spreadsheet calls (and its answer). */
function counted<T>(fn: () => T): {calls: number; value: T} {
  ws.calls.reset();
  const value = fn();
  return {calls: ws.calls.spreadsheetTotal(), value};
}

/** A real (tiny) JPEG: SOI, APP0/JFIF header, EOI. */
const JPEG = Buffer.from(
  'ffd8ffe000104a46494600010100000100010000ffd9',
  'hex',
).toString('base64');

interface Loaded {
  ok: boolean;
  assignments: {id: string; version: number; stamp: string}[];
  villageReport: {
    periodId: string;
    questions: {key: string; title: string}[];
  } | null;
}

beforeEach(() => {
  ({ws} = linkWorkspace());
  ws.callFunction(OWNER, 'sendUpdateLinks');
});

describe('the link page: one read of the workbook per request', () => {
  it('a save costs what the sidebar’s does (10): the token check’s read is the save’s read', () => {
    const token = tokenFor(ws, VHXH);
    const data = ws.webAppRun('linkLoad', [token]) as Loaded;
    const a = data.assignments[0];
    // Warm: the slow tabs' snapshot is current after the page load.
    const saved = counted(() =>
      ws.webAppRun('linkSave', [
        token,
        {
          id: a.id,
          version: a.version,
          stamp: a.stamp,
          progress: 'in_progress',
          completedOn: null,
          result: 'Đã triển khai',
          evidence: '',
          proposals: '',
        },
      ]),
    );
    expect(saved.value).toMatchObject({ok: true});
    // The active spreadsheet (1), Phân công read (2) and row write (2), the task's status (2),
    // Nhật ký (3). The token check and the save used to read Phân công twice: 12.
    expect(saved.calls).toBe(10);
    expect(ws.calls.snapshot()['Sheet.getSheetValues']).toBe(1);
  });

  it('an upload reads Phân công once', () => {
    const token = tokenFor(ws, VHXH);
    const data = ws.webAppRun('linkLoad', [token]) as Loaded;
    const up = counted(() =>
      ws.webAppRun('linkUpload', [
        token,
        data.assignments[0].id,
        {name: 'anh.jpg', mimeType: 'image/jpeg', base64: JPEG},
      ]),
    );
    expect(up.value).toMatchObject({ok: true});
    expect(ws.calls.snapshot()['Sheet.getSheetValues']).toBe(1);
  });

  it('a village’s report from its page reads Phân công and Báo cáo thôn once each (13)', () => {
    const token = tokenFor(ws, THON);
    const form = (ws.webAppRun('linkLoad', [token]) as Loaded).villageReport!;
    const answers = villagePageAnswers(form.questions);
    const sent = counted(() =>
      ws.webAppRun('linkVillageReport', [
        token,
        {periodId: form.periodId, submissionId: 'lan-gui-0001', answers},
      ]),
    );
    expect(sent.value).toMatchObject({ok: true, state: 'valid'});
    // The active spreadsheet (1), Phân công read and write (4), Báo cáo thôn read and append (3),
    // the tasks' status (2), Nhật ký (3): the form submission's figure less its event (2).
    expect(sent.calls).toBe(13);
    expect(ws.calls.snapshot()['Sheet.getSheetValues']).toBe(2);
  });
});
