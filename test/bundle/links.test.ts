// Personal links through dist/Code.js: doGet with good and bad tokens, one unit's reach, uploads, revoking, mailing once.
import type {Workspace} from '../../emulator';
import {ASSIGNMENTS, HISTORY, SETTINGS} from '../../src/workbook/schema';
import {
  KT,
  OWNER,
  THON,
  VHXH,
  linkWorkspace,
  pageData,
  tokenFor,
} from '../support/linkWorkbook';

let ws: Workspace;
let village: string;
afterEach(() => ws?.uninstallGlobals());

const col = (key: string) => ASSIGNMENTS.columns.findIndex(c => c.key === key);
const rows = () => ws.sheetValues(ASSIGNMENTS.name).slice(1);
const rowOf = (id: string) =>
  rows().find(r => r[col('id')] === id) as unknown[];
const idsOf = (unit: string) =>
  rows()
    .filter(r => r[col('unitCode')] === unit)
    .map(r => String(r[col('id')]));
const snapshot = () =>
  JSON.stringify([
    ws.sheetValues(ASSIGNMENTS.name),
    ws.sheetValues(HISTORY.name),
    ws.drive.files.size,
  ]);

/** A real (tiny) JPEG: SOI, APP0/JFIF header, EOI. */
const JPEG = Buffer.from(
  'ffd8ffe000104a46494600010100000100010000ffd9',
  'hex',
).toString('base64');

function send(): void {
  ws.callFunction(OWNER, 'sendUpdateLinks');
}

function load(token: string) {
  return ws.webAppRun('linkLoad', [token]) as {
    ok: boolean;
    code?: string;
    unit?: {code: string};
    assignments?: {
      id: string;
      unitCode: string;
      version: number;
      stamp: string;
    }[];
  };
}

function payloadFor(a: {id: string; version: number; stamp: string}) {
  return {
    id: a.id,
    version: a.version,
    stamp: a.stamp,
    progress: 'in_progress',
    completedOn: null,
    result: 'Đã triển khai tại đơn vị',
    evidence: '',
    proposals: '',
  };
}

beforeEach(() => {
  ({ws, village} = linkWorkspace());
});

describe('personal links (bundle)', () => {
  it('mails each unit and village its link once, with the "Cập nhật ngay" button', () => {
    send();
    const vhxh = tokenFor(ws, VHXH);
    const mail = ws.mail.outbox.find(m => m.to.includes(VHXH));
    expect(mail?.htmlBody).toContain('Cập nhật ngay');
    expect(mail?.htmlBody).toContain(`?t=${vhxh}`);
    expect(tokenFor(ws, THON)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const count = ws.mail.outbox.length;
    send();
    expect(ws.mail.outbox.length).toBe(count);
    // Only hashes are stored: no property holds a token.
    const props = JSON.stringify(ws.properties.toJSON());
    expect(props).not.toContain(vhxh);
  });

  it("doGet with a valid token serves the page with exactly the unit's assignments", () => {
    send();
    const token = tokenFor(ws, VHXH);
    const {boot, html} = pageData(ws.webAppGet({t: token}));
    expect(html).toContain('<!DOCTYPE html>');
    expect(boot?.token).toBe(token);
    const data = boot?.data as {
      ok: boolean;
      unit: {code: string};
      assignments: {unitCode: string; id: string}[];
    };
    expect(data.ok).toBe(true);
    expect(data.unit.code).toBe('VHXH');
    expect(data.assignments.map(a => a.id).sort()).toEqual(
      idsOf('VHXH').sort(),
    );
  });

  it.each([
    ['malformed', 'abc<script>'],
    ['unknown', 'A'.repeat(43)],
    ['malformed', ''],
  ])(
    'doGet with a %s token shows the error page and writes nothing',
    (code, token) => {
      send();
      const before = snapshot();
      const {html, boot} = pageData(ws.webAppGet({t: token}));
      expect(boot).toBeNull();
      expect(html).toContain(`data-code="${code}"`);
      expect(html).toContain('Không mở được trang cập nhật');
      expect(html).not.toContain('<script>');
      expect(snapshot()).toBe(before);
    },
  );

  it('a revoked link gets the "thu hồi" page; the reissued link works and is mailed again', () => {
    send();
    const old = tokenFor(ws, VHXH);
    const r = ws.callFunction(OWNER, 'revokeUpdateLinks', ['VHXH']) as {
      ok: boolean;
      newLink: string;
    };
    expect(r.ok).toBe(true);
    const {html} = pageData(ws.webAppGet({t: old}));
    expect(html).toContain('data-code="revoked"');
    expect(html).toContain('đã bị thu hồi');
    expect(load(old).ok).toBe(false);
    send();
    const fresh = tokenFor(ws, VHXH);
    expect(fresh).not.toBe(old);
    expect(r.newLink).toContain(fresh);
    expect(load(fresh).ok).toBe(true);
    // KT's link was untouched.
    expect(load(tokenFor(ws, KT)).ok).toBe(true);
  });

  it('revoking all links stops every one of them', () => {
    send();
    const a = tokenFor(ws, VHXH);
    const b = tokenFor(ws, THON);
    ws.callFunction(OWNER, 'revokeUpdateLinks', ['']);
    expect(load(a).code).toBe('revoked');
    expect(load(b).code).toBe('revoked');
  });

  it('an expired link (after the plan\'s end) gets the "hết hạn" page', () => {
    send();
    const token = tokenFor(ws, VHXH);
    ws.setNow('2026-01-02T03:00:00Z');
    const {html} = pageData(ws.webAppGet({t: token}));
    expect(html).toContain('data-code="expired"');
    expect(html).toContain('đã hết hạn');
  });

  it('only an admin may send or revoke links', () => {
    const r = ws.callFunction(VHXH, 'sendUpdateLinks') as {ok: boolean};
    expect(r.ok).toBe(false);
    expect(ws.mail.outbox).toHaveLength(0);
    send();
    const token = tokenFor(ws, KT);
    const v = ws.callFunction(VHXH, 'revokeUpdateLinks', ['KT']) as {
      ok: boolean;
    };
    expect(v.ok).toBe(false);
    expect(load(token).ok).toBe(true);
  });

  it("a unit's token cannot read or write another unit's assignments", () => {
    send();
    const kt = tokenFor(ws, KT);
    const mine = load(kt);
    expect(mine.assignments?.every(a => a.unitCode === 'KT')).toBe(true);
    const other = idsOf('VHXH')[0];
    const row = rowOf(other);
    const before = snapshot();
    const r = ws.webAppRun('linkSave', [
      kt,
      {
        ...payloadFor({
          id: other,
          version: Number(row[col('version')]) || 1,
          stamp: '',
        }),
      },
    ]) as {ok: boolean; code: string};
    expect(r).toMatchObject({ok: false, code: 'forbidden'});
    const u = ws.webAppRun('linkUpload', [
      kt,
      other,
      {name: 'a.jpg', mimeType: 'image/jpeg', base64: JPEG},
    ]) as {ok: boolean; code: string};
    expect(u).toMatchObject({ok: false, code: 'forbidden'});
    expect(snapshot()).toBe(before);
  });

  it('saves through the same gate as the sidebar: history, version, stale refusal', () => {
    send();
    const token = tokenFor(ws, VHXH);
    const a = load(token).assignments![0];
    const r = ws.webAppRun('linkSave', [token, payloadFor(a)]) as {
      ok: boolean;
      assignment: {version: number};
    };
    expect(r.ok).toBe(true);
    expect(rowOf(a.id)[col('result')]).toBe('Đã triển khai tại đơn vị');
    expect(String(rowOf(a.id)[col('updatedBy')])).toContain(
      'Đường dẫn cá nhân',
    );
    const history = ws.sheetValues(HISTORY.name).map(r => r.join('|'));
    expect(
      history.some(h => h.includes('đường dẫn cá nhân') && h.includes(a.id)),
    ).toBe(true);
    // The same old version again: refused as stale, the current values returned.
    const stale = ws.webAppRun('linkSave', [
      token,
      {...payloadFor(a), result: 'Khác'},
    ]) as {ok: boolean; code: string; current: {result: string}};
    expect(stale).toMatchObject({ok: false, code: 'stale'});
    expect(stale.current.result).toBe('Đã triển khai tại đơn vị');
    expect(rowOf(a.id)[col('result')]).toBe('Đã triển khai tại đơn vị');
  });

  it("a village link updates the village's assignments", () => {
    send();
    const token = tokenFor(ws, THON);
    const data = load(token);
    expect(data.unit?.code).toBe(village);
    expect(data.assignments?.length).toBeGreaterThan(0);
    const a = data.assignments![0];
    const r = ws.webAppRun('linkSave', [token, payloadFor(a)]) as {ok: boolean};
    expect(r.ok).toBe(true);
  });

  it('uploads a photo into Minh chứng/<kỳ>/<đơn vị>/ and adds its link to the evidence', () => {
    send();
    const token = tokenFor(ws, VHXH);
    const a = load(token).assignments![0];
    const r = ws.webAppRun('linkUpload', [
      token,
      a.id,
      {name: 'anh-hop-dan.jpg', mimeType: 'image/jpeg', base64: JPEG},
    ]) as {ok: boolean; url: string; assignment: {evidence: string[]}};
    expect(r.ok).toBe(true);
    expect(r.assignment.evidence).toContain(r.url);
    expect(String(rowOf(a.id)[col('evidence')])).toContain(r.url);
    const files = [...ws.drive.files.values()];
    const photo = files.find(f => f.mimeType === 'image/jpeg');
    expect(photo?.data?.toString('base64')).toBe(JPEG);
    const path: string[] = [];
    let parent = photo?.parents[0];
    while (parent && parent !== 'root') {
      const f = ws.drive.files.get(parent);
      if (!f) break;
      path.unshift(f.name);
      parent = f.parents[0];
    }
    expect(path.slice(1)).toEqual([
      'Minh chứng',
      expect.stringMatching(/Kỳ|KY/i),
      expect.stringContaining('Văn hóa'),
    ]);
  });

  it.each([
    [
      'an oversized file',
      {
        name: 'x.pdf',
        mimeType: 'application/pdf',
        base64: Buffer.alloc(11 * 1024 * 1024, 0x25).toString('base64'),
      },
      'vượt quá giới hạn',
    ],
    [
      'a disallowed type',
      {
        name: 'x.html',
        mimeType: 'text/html',
        base64: Buffer.from('<b>x</b>').toString('base64'),
      },
      'Loại tệp này không được nhận',
    ],
    [
      'a renamed file',
      {
        name: 'x.jpg',
        mimeType: 'image/jpeg',
        base64: Buffer.from('MZ not a jpeg').toString('base64'),
      },
      'Nội dung tệp không đúng',
    ],
    [
      'broken base64',
      {name: 'x.jpg', mimeType: 'image/jpeg', base64: '***'},
      'bị lỗi',
    ],
  ])(
    'refuses %s, with nothing written to Drive or the sheet',
    (_what, file, message) => {
      send();
      const token = tokenFor(ws, VHXH);
      const a = load(token).assignments![0];
      const before = snapshot();
      const r = ws.webAppRun('linkUpload', [token, a.id, file]) as {
        ok: boolean;
        message: string;
      };
      expect(r.ok).toBe(false);
      expect(r.message).toContain(message);
      expect(snapshot()).toBe(before);
    },
  );

  it('throttles repeated bad tokens, then lets links work again after the window', () => {
    send();
    const good = tokenFor(ws, VHXH);
    for (let i = 0; i < 20; i++) load(`${'B'.repeat(42)}${i % 10}`);
    expect(load(good).code).toBe('throttled');
    const {html} = pageData(ws.webAppGet({t: good}));
    expect(html).toContain('data-code="throttled"');
    ws.advanceMinutes(11);
    expect(load(good).ok).toBe(true);
  });
});

describe('links in the daily mails (bundle)', () => {
  it('every reminder carries its recipient\'s link as the "Cập nhật ngay" button; the admin\'s status mail says who opened theirs', () => {
    send();
    const vhxh = tokenFor(ws, VHXH);
    ws.webAppGet({t: vhxh});
    ws.setNow('2025-09-02T01:00:00Z');
    const before = ws.mail.outbox.length;
    ws.callFunction(OWNER, 'dailyJob');
    const mails = ws.mail.outbox.slice(before);
    const toUnit = mails.find(m => m.to.includes(VHXH));
    expect(toUnit).toBeDefined();
    expect(toUnit!.htmlBody).toContain('Cập nhật ngay');
    expect(toUnit!.htmlBody).toContain(`?t=${vhxh}`);
    expect(toUnit!.body).toContain(`?t=${vhxh}`);
    const toKt = mails.find(m => m.to.includes(KT));
    expect(toKt!.htmlBody).toContain(`?t=${tokenFor(ws, KT)}`);
    expect(toKt!.htmlBody).not.toContain(vhxh);
    const toAdmin = mails.find(
      m => m.to.includes(OWNER) && /Tình hình báo cáo/.test(m.body),
    );
    expect(toAdmin).toBeDefined();
    expect(toAdmin!.body).toMatch(
      /Đã mở đường dẫn cập nhật: 1\/\d+ — Phòng Văn hóa/,
    );
    expect(toAdmin!.body).toMatch(
      /Chưa từng mở đường dẫn: \d+ — .*Phòng Kinh tế/,
    );
  });
});

describe('links-only mode (bundle)', () => {
  const setCol = (key: string) =>
    SETTINGS.columns.findIndex(c => c.key === key);
  function linksOnly(): void {
    const rowsOfSettings = ws.sheetValues(SETTINGS.name);
    const at = rowsOfSettings.findIndex(r => r[setCol('key')] === 'linksOnly');
    expect(at).toBeGreaterThan(0);
    const letter = String.fromCharCode(65 + setCol('value'));
    ws.editCell(
      OWNER,
      `'${SETTINGS.name}'!${letter}${at + 1}`,
      'chỉ đường dẫn',
    );
    ws.callFunction(OWNER, 'setupWorkbook');
  }
  const cellOf = (id: string, key: string) => {
    const i = rows().findIndex(r => r[col('id')] === id);
    return `'${ASSIGNMENTS.name}'!${String.fromCharCode(65 + col(key))}${i + 2}`;
  };

  it('set-up gives units no edit access to Phân công, and links, uploads and the admin still work', () => {
    ws.addEditor(VHXH, KT);
    const own = idsOf('VHXH')[0];
    // Both channels (the default): the unit may type into its own rows.
    expect(() =>
      ws.editCell(VHXH, cellOf(own, 'proposals'), 'tự sửa'),
    ).not.toThrow();
    linksOnly();
    expect(() =>
      ws.editCell(VHXH, cellOf(own, 'proposals'), 'lần nữa'),
    ).toThrow(/protected/);
    expect(rowOf(own)[col('proposals')]).toBe('tự sửa');
    // The sidebar tells the unit to use its link, and refuses its saves.
    const side = ws.scriptRun(VHXH, 'sidebarLoad', []) as {
      ok: boolean;
      message: string;
    };
    expect(side.ok).toBe(false);
    expect(side.message).toContain('chỉ đường dẫn');
    const save = ws.scriptRun(VHXH, 'sidebarSave', [
      {
        ...payloadFor({
          id: own,
          version: Number(rowOf(own)[col('version')]) || 0,
          stamp: '',
        }),
      },
    ]) as {ok: boolean; code: string};
    expect(save).toMatchObject({ok: false, code: 'forbidden'});
    // Through the link everything works: load, save, upload.
    send();
    const token = tokenFor(ws, VHXH);
    const a = load(token).assignments!.find(x => x.id === own)!;
    const r = ws.webAppRun('linkSave', [token, payloadFor(a)]) as {ok: boolean};
    expect(r.ok).toBe(true);
    const u = ws.webAppRun('linkUpload', [
      token,
      own,
      {name: 'anh.jpg', mimeType: 'image/jpeg', base64: JPEG},
    ]) as {ok: boolean};
    expect(u.ok).toBe(true);
    // The admin still uses the sidebar.
    const admin = ws.scriptRun(OWNER, 'sidebarLoad', ['VHXH']) as {ok: boolean};
    expect(admin.ok).toBe(true);
  });
});

describe('before the web app is deployed (bundle)', () => {
  const linkProps = () =>
    Object.keys(ws.properties.toJSON().script ?? {}).filter(k =>
      /^link\.(h|u)\./.test(k),
    );

  it('getUrl() is null, so "Gửi đường dẫn cập nhật" refuses and tells the admin to deploy first', () => {
    ws.undeployWebApp();
    const r = ws.callFunction(OWNER, 'sendUpdateLinks') as {
      ok: boolean;
      message: string;
    };
    expect(r.ok).toBe(false);
    expect(r.message).toContain('Ứng dụng web chưa được triển khai');
    expect(r.message).toContain('Triển khai › Tác vụ triển khai mới');
    const alert = ws.ui.events.filter(e => e.type === 'alert').pop() as {
      prompt: string;
    };
    expect(alert.prompt).toContain('chưa được triển khai');
    expect(ws.mail.outbox).toHaveLength(0);
    expect(linkProps()).toEqual([]);
    // Once deployed, the same menu mails the links.
    ws.deployWebApp();
    send();
    expect(tokenFor(ws, VHXH)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('reminders are still sent, without the "Cập nhật ngay" button, and no link is issued', () => {
    ws.undeployWebApp();
    ws.setNow('2025-09-02T01:00:00Z');
    ws.callFunction(OWNER, 'dailyJob');
    const toUnit = ws.mail.outbox.find(m => m.to.includes(VHXH));
    expect(toUnit).toBeDefined();
    expect(toUnit!.htmlBody).not.toContain('Cập nhật ngay');
    expect(toUnit!.htmlBody).not.toMatch(/[?&]t=/);
    expect(toUnit!.body).not.toMatch(/[?&]t=/);
    expect(linkProps()).toEqual([]);
  });
});

describe('old link records are pruned (bundle)', () => {
  const records = () =>
    Object.keys(ws.properties.toJSON().script ?? {}).filter(k =>
      k.startsWith('link.h.'),
    );

  it('revoked records stay 30 days (the holder is told "thu hồi"), then a reissue deletes them', () => {
    send();
    const units = records().length;
    const first = tokenFor(ws, VHXH);
    for (let i = 0; i < 5; i++)
      ws.callFunction(OWNER, 'revokeUpdateLinks', ['VHXH']);
    expect(records()).toHaveLength(units + 5);
    // Within 30 days the first revoked link still says it was revoked.
    ws.setNow('2025-09-20T03:00:00Z');
    expect(load(first).code).toBe('revoked');
    // Past 30 days the next reissue deletes the five old records.
    ws.setNow('2025-09-28T03:00:00Z');
    ws.callFunction(OWNER, 'revokeUpdateLinks', ['VHXH']);
    expect(records()).toHaveLength(units + 1);
    expect(load(first).code).toBe('unknown');
    // The current links still work: VHXH's new one and every other unit's.
    send();
    expect(load(tokenFor(ws, VHXH)).ok).toBe(true);
    expect(load(tokenFor(ws, KT)).ok).toBe(true);
  });

  it("the daily job prunes them too (it issues the reminders' links)", () => {
    send();
    const units = records().length;
    for (let i = 0; i < 3; i++)
      ws.callFunction(OWNER, 'revokeUpdateLinks', ['KT']);
    expect(records()).toHaveLength(units + 3);
    ws.setNow('2025-10-01T01:00:00Z');
    ws.callFunction(OWNER, 'dailyJob');
    expect(records()).toHaveLength(units);
    expect(load(tokenFor(ws, VHXH)).ok).toBe(true);
  });

  it('revoking every link, again and again, leaves one generation of records after 30 days', () => {
    send();
    const units = records().length;
    ws.callFunction(OWNER, 'revokeUpdateLinks', ['']);
    send();
    ws.callFunction(OWNER, 'revokeUpdateLinks', ['']);
    send();
    expect(records()).toHaveLength(units * 3);
    ws.setNow('2025-10-05T01:00:00Z');
    send();
    expect(records()).toHaveLength(units);
  });
});

describe('the web app has no document lock (bundle)', () => {
  it('getDocumentLock() is null in a web app request; saves take the script lock instead, and are refused while it is held', () => {
    send();
    const token = tokenFor(ws, VHXH);
    const a = load(token).assignments![0];
    const before = snapshot();
    const held = ws.locks.holdForeign('script');
    let busy: {ok: boolean; code: string};
    try {
      busy = ws.webAppRun('linkSave', [token, payloadFor(a)]) as {
        ok: boolean;
        code: string;
      };
    } finally {
      held.release();
    }
    expect(busy).toMatchObject({ok: false, code: 'busy'});
    expect(snapshot()).toBe(before);
    const r = ws.webAppRun('linkSave', [token, payloadFor(a)]) as {ok: boolean};
    expect(r.ok).toBe(true);
  });
});
