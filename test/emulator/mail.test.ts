// MailApp in the emulator: the four sendEmail forms, the daily quota per user and day, Google's errors, the outbox.
import {Workspace} from '../../emulator';
import {createVmContext, loadScript} from '../../emulator/vm';

const ADMIN = 'quantri@example.com';

function workspace(): Workspace {
  return new Workspace({owner: ADMIN, now: '2025-08-27T00:00:00Z'});
}

function mailApp(ws: Workspace): GoogleAppsScript.Mail.MailApp {
  return ws.globals().MailApp as GoogleAppsScript.Mail.MailApp;
}

describe('emulated MailApp', () => {
  it('sends with an options object and records every field in the outbox', () => {
    const ws = workspace();
    const mail = mailApp(ws);
    ws.run(ADMIN, () =>
      mail.sendEmail({
        to: 'a@xa.vn, Trưởng thôn <b@xa.vn>',
        cc: 'c@xa.vn',
        subject: 'Nhắc việc',
        body: 'Nội dung',
        htmlBody: '<p>Nội dung</p>',
        name: 'Phòng Văn hóa - Xã hội',
        replyTo: 'quantri@example.com',
      }),
    );
    expect(ws.mail.outbox).toHaveLength(1);
    const m = ws.mail.outbox[0];
    expect(m).toMatchObject({
      from: ADMIN,
      to: 'a@xa.vn, Trưởng thôn <b@xa.vn>',
      cc: 'c@xa.vn',
      subject: 'Nhắc việc',
      body: 'Nội dung',
      htmlBody: '<p>Nội dung</p>',
      name: 'Phòng Văn hóa - Xã hội',
      replyTo: 'quantri@example.com',
      recipients: 3,
      at: '2025-08-27T00:00:00.000Z',
    });
    expect(ws.mail.to('b@xa.vn')).toHaveLength(1);
    expect(ws.mail.on('2025-08-27')).toHaveLength(1);
  });

  it('accepts the positional forms', () => {
    const ws = workspace();
    const mail = mailApp(ws);
    ws.run(ADMIN, () => {
      mail.sendEmail('a@xa.vn', 'Một', 'thân');
      mail.sendEmail('a@xa.vn', 'Hai', 'thân', {
        htmlBody: '<b>x</b>',
        bcc: 'z@xa.vn',
      });
      mail.sendEmail('a@xa.vn', 'r@xa.vn', 'Ba', 'thân');
    });
    const [one, two, three] = ws.mail.outbox;
    expect(one).toMatchObject({subject: 'Một', htmlBody: null, recipients: 1});
    expect(two).toMatchObject({
      subject: 'Hai',
      htmlBody: '<b>x</b>',
      bcc: 'z@xa.vn',
      recipients: 2,
    });
    expect(three).toMatchObject({subject: 'Ba', replyTo: 'r@xa.vn'});
  });

  it("throws Google's errors for a bad address and for no recipient, sending nothing", () => {
    const ws = workspace();
    const mail = mailApp(ws);
    ws.run(ADMIN, () => {
      expect(() => mail.sendEmail('trưởngthôn@gmail.com', 'x', 'y')).toThrow(
        'Invalid email: trưởngthôn@gmail.com',
      );
      expect(() =>
        mail.sendEmail({
          to: 'ok@xa.vn',
          cc: 'not-an-address',
          subject: 'x',
          body: 'y',
        }),
      ).toThrow('Invalid email: not-an-address');
      expect(() => mail.sendEmail({to: '', subject: 'x', body: 'y'})).toThrow(
        'Failed to send email: no recipient',
      );
    });
    let error: unknown;
    ws.run(ADMIN, () => {
      try {
        mail.sendEmail('bad', 'x', 'y');
      } catch (e) {
        error = e;
      }
    });
    expect(String(error)).toBe('Exception: Invalid email: bad');
    expect(ws.mail.outbox).toHaveLength(0);
    expect(ws.run(ADMIN, () => mail.getRemainingDailyQuota())).toBe(100);
  });

  it('counts every recipient against 100 a day per user, and resets on the next day in the script zone', () => {
    const ws = workspace();
    const mail = mailApp(ws);
    const quota = () => ws.run(ADMIN, () => mail.getRemainingDailyQuota());
    expect(quota()).toBe(100);
    ws.run(ADMIN, () => {
      for (let i = 0; i < 49; i++)
        mail.sendEmail({
          to: `u${i}@xa.vn`,
          cc: `c${i}@xa.vn`,
          subject: 's',
          body: 'b',
        });
    });
    expect(quota()).toBe(2);
    let error: unknown;
    ws.run(ADMIN, () => {
      try {
        mail.sendEmail({
          to: 'a@xa.vn, b@xa.vn, c@xa.vn',
          subject: 's',
          body: 'b',
        });
      } catch (e) {
        error = e;
      }
    });
    expect(String(error)).toBe(
      'Exception: Service invoked too many times for one day: email.',
    );
    ws.run(ADMIN, () => mail.sendEmail('a@xa.vn', 's', 'b'));
    ws.run(ADMIN, () => mail.sendEmail('a@xa.vn', 's', 'b'));
    expect(quota()).toBe(0);
    // Another user has their own quota.
    expect(
      ws.run('khac@example.com', () => mail.getRemainingDailyQuota()),
    ).toBe(100);
    // 27/8 07:00 in Hà Nội is 00:00 UTC; 16:59 UTC is still 27/8 there, 17:00 UTC is 28/8.
    ws.setNow('2025-08-27T16:59:00Z');
    expect(quota()).toBe(0);
    ws.setNow('2025-08-27T17:00:00Z');
    expect(quota()).toBe(100);
  });

  it('has a configurable quota and counts its calls', () => {
    const ws = workspace();
    ws.mail.dailyQuota = 1500;
    const mail = mailApp(ws);
    ws.calls.reset();
    expect(ws.run(ADMIN, () => mail.getRemainingDailyQuota())).toBe(1500);
    ws.run(ADMIN, () => mail.sendEmail('a@xa.vn', 's', 'b'));
    expect(ws.calls.get('MailApp.sendEmail')).toBe(1);
    expect(ws.calls.get('MailApp')).toBe(2);
  });

  it('keeps the outbox and quota use across a save and load', () => {
    const ws = workspace();
    ws.run(ADMIN, () => mailApp(ws).sendEmail('a@xa.vn', 'Giữ lại', 'b'));
    const copy = Workspace.fromJSON(JSON.stringify(ws.toJSON()));
    expect(copy.mail.outbox.map(m => m.subject)).toEqual(['Giữ lại']);
    expect(
      copy.run(ADMIN, () =>
        (
          copy.globals().MailApp as GoogleAppsScript.Mail.MailApp
        ).getRemainingDailyQuota(),
      ),
    ).toBe(99);
  });

  it('is a global of the script context, with errors made in its realm', () => {
    const ws = workspace();
    const context = createVmContext(ws, {
      console: {log() {}, info() {}, warn() {}, error() {}},
    });
    loadScript(
      context,
      `function trySend() {
         try { MailApp.sendEmail('x', 's', 'b'); return 'sent'; }
         catch (e) { return (e instanceof Error) + ' ' + e.name + ' ' + e.message; }
       }`,
    );
    expect(ws.callFunction(ADMIN, 'trySend')).toBe(
      'true Exception Invalid email: x',
    );
  });
});
