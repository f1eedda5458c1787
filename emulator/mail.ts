// MailApp: sendEmail in its four forms, the daily recipient quota, Google's errors, and a host outbox.
import type {EmulatorContext} from './context';
import type {Workspace, WorkspaceExtension} from './index';
import {gasError, instrument} from './runtime';
import {wallClock} from './tz';

/** Google's daily e-mail recipients: consumer accounts. (Workspace accounts: 1,500.) */
export const CONSUMER_DAILY_QUOTA = 100;

export const QUOTA_MESSAGE =
  'Service invoked too many times for one day: email.';
export const NO_RECIPIENT_MESSAGE = 'Failed to send email: no recipient';

/** One e-mail as it left the emulated account. */
export interface SentMessage {
  id: string;
  /** Emulated time of sending, ISO. */
  at: string;
  /** The account that sent it (the user the script ran as). */
  from: string;
  to: string;
  cc: string;
  bcc: string;
  subject: string;
  body: string;
  htmlBody: string | null;
  /** Sender display name, or null (Google then shows the account's name). */
  name: string | null;
  replyTo: string | null;
  noReply: boolean;
  /** Each attachment's name, type, size and content (base64), so the host can open it. */
  attachments: {
    name: string;
    contentType: string;
    size: number;
    data?: string;
  }[];
  /** Recipients counted against the quota (to + cc + bcc). */
  recipients: number;
}

interface MailJson {
  outbox: SentMessage[];
  dailyQuota: number;
  used: Record<string, number>;
  seq: number;
}

/** A plausible address as Google accepts it: ASCII local part and a dotted domain. */
const ADDRESS =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

/** Splits a recipient list ("a@x.vn, Tên <b@x.vn>") into bare addresses; throws Google's error. */
export function parseRecipients(ctx: EmulatorContext, list: string): string[] {
  const out: string[] = [];
  for (const part of String(list ?? '').split(',')) {
    const raw = part.trim();
    if (!raw) continue;
    const angle = /<([^<>]*)>\s*$/.exec(raw);
    const address = (angle ? angle[1] : raw).trim();
    if (!ADDRESS.test(address)) throw gasError(ctx, `Invalid email: ${raw}`);
    out.push(address);
  }
  return out;
}

/** The emulated mail account(s): outbox, quota use per user and day. Persisted with the workspace. */
export class MailBox implements WorkspaceExtension {
  readonly name = 'mail';
  outbox: SentMessage[] = [];
  /** Recipients a day per user (default 100, as on consumer accounts). */
  dailyQuota = CONSUMER_DAILY_QUOTA;
  /** Recipients used, keyed `user|yyyy-mm-dd` (the date in the script's time zone). */
  used = new Map<string, number>();
  private seq = 0;

  constructor(readonly _ctx: EmulatorContext) {}

  dayKey(user: string): string {
    const w = wallClock(this._ctx.now().getTime(), this._ctx.timeZone);
    const d = `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
    return `${user.toLowerCase()}|${d}`;
  }

  /** Recipients `user` may still send to today. */
  remaining(user: string): number {
    return Math.max(
      0,
      this.dailyQuota - (this.used.get(this.dayKey(user)) ?? 0),
    );
  }

  record(
    msg: Omit<SentMessage, 'id' | 'at' | 'from'>,
    user: string,
  ): SentMessage {
    const sent: SentMessage = {
      id: `mail-${++this.seq}`,
      at: this._ctx.now().toISOString(),
      from: user,
      ...msg,
    };
    const key = this.dayKey(user);
    this.used.set(key, (this.used.get(key) ?? 0) + msg.recipients);
    this.outbox.push(sent);
    return sent;
  }

  /** Messages sent to an address (in to, cc or bcc), oldest first. */
  to(address: string): SentMessage[] {
    const a = address.toLowerCase();
    return this.outbox.filter(m =>
      [m.to, m.cc, m.bcc].some(list =>
        list
          .toLowerCase()
          .split(',')
          .some(x => x.trim().replace(/^.*<([^>]*)>$/, '$1') === a),
      ),
    );
  }

  /** Messages sent on a date (yyyy-mm-dd in the script's time zone). */
  on(date: string): SentMessage[] {
    return this.outbox.filter(m => {
      const w = wallClock(new Date(m.at).getTime(), this._ctx.timeZone);
      const d = `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
      return d === date;
    });
  }

  clear(): void {
    this.outbox = [];
    this.used.clear();
  }

  toJSON(): MailJson {
    return {
      outbox: this.outbox,
      dailyQuota: this.dailyQuota,
      used: Object.fromEntries(this.used),
      seq: this.seq,
    };
  }

  fromJSON(data: unknown): void {
    const j = (data ?? {}) as Partial<MailJson>;
    this.outbox = Array.isArray(j.outbox) ? j.outbox : [];
    this.dailyQuota =
      typeof j.dailyQuota === 'number' ? j.dailyQuota : CONSUMER_DAILY_QUOTA;
    this.used = new Map(Object.entries(j.used ?? {}));
    this.seq = typeof j.seq === 'number' ? j.seq : this.outbox.length;
  }
}

type Advanced = GoogleAppsScript.Mail.MailAdvancedParameters;

interface BlobLike {
  getName?(): string | null;
  getContentType?(): string | null;
  getBytes?(): number[] | Uint8Array;
  getBlob?(): BlobLike;
}

function attachmentInfo(a: unknown): SentMessage['attachments'][number] {
  let b = a as BlobLike;
  if (
    b &&
    typeof b.getBlob === 'function' &&
    typeof b.getBytes !== 'function'
  ) {
    b = b.getBlob();
  }
  const bytes = b?.getBytes ? b.getBytes() : [];
  return {
    name: String(b?.getName?.() ?? ''),
    contentType: String(b?.getContentType?.() ?? 'application/octet-stream'),
    size: bytes.length,
    data: Buffer.from(Array.from(bytes, x => x & 0xff)).toString('base64'),
  };
}

const str = (v: unknown): string =>
  v === undefined || v === null ? '' : String(v);

/** MailApp as scripts see it. */
export class MailAppImpl implements Partial<GoogleAppsScript.Mail.MailApp> {
  constructor(
    readonly _ctx: EmulatorContext,
    readonly _box: MailBox,
  ) {}

  getRemainingDailyQuota(): number {
    return this._box.remaining(this._ctx.effectiveUser());
  }

  sendEmail(...args: unknown[]): void {
    let p: Advanced & {subject?: string; to?: string; body?: string};
    if (args.length === 1 && args[0] && typeof args[0] === 'object') {
      p = {...(args[0] as Advanced)};
    } else if (args.length === 4 && typeof args[3] === 'string') {
      // sendEmail(recipient, replyTo, subject, body)
      p = {
        to: str(args[0]),
        replyTo: str(args[1]),
        subject: str(args[2]),
        body: str(args[3]),
      };
    } else if (args.length >= 3) {
      p = {
        ...((args[3] as Advanced | undefined) ?? {}),
        to: str(args[0]),
        subject: str(args[1]),
        body: str(args[2]),
      };
    } else {
      throw gasError(
        this._ctx,
        "The parameters () don't match the method signature for MailApp.sendEmail.",
      );
    }
    const to = parseRecipients(this._ctx, str(p.to));
    const cc = parseRecipients(this._ctx, str(p.cc));
    const bcc = parseRecipients(this._ctx, str(p.bcc));
    const count = to.length + cc.length + bcc.length;
    if (!count) throw gasError(this._ctx, NO_RECIPIENT_MESSAGE);
    const user = this._ctx.effectiveUser();
    if (count > this._box.remaining(user)) {
      throw gasError(this._ctx, QUOTA_MESSAGE);
    }
    if (p.replyTo) parseRecipients(this._ctx, str(p.replyTo));
    const attachments = Array.isArray(p.attachments)
      ? p.attachments.map(attachmentInfo)
      : [];
    this._box.record(
      {
        to: str(p.to),
        cc: str(p.cc),
        bcc: str(p.bcc),
        subject: str(p.subject),
        body: str(p.body),
        htmlBody: p.htmlBody === undefined ? null : str(p.htmlBody),
        name: p.name === undefined ? null : str(p.name),
        replyTo: p.replyTo === undefined ? null : str(p.replyTo),
        noReply: Boolean(p.noReply),
        attachments,
        recipients: count,
      },
      user,
    );
  }
}
instrument(MailAppImpl, 'MailApp');

/** Adds MailApp to a workspace (global + persisted outbox) and returns the mailbox for the host. */
export function installMail(
  ws: Workspace,
  opts: {dailyQuota?: number} = {},
): MailBox {
  const box = new MailBox(ws.ctx);
  if (opts.dailyQuota !== undefined) box.dailyQuota = opts.dailyQuota;
  ws.registerGlobal('MailApp', new MailAppImpl(ws.ctx, box));
  ws.registerExtension(box);
  return box;
}
