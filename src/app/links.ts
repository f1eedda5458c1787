// Use case "Đường dẫn cập nhật" (admin side): issue, mail, revoke and reissue the units' personal links.
import {isAdmin} from '../core/assignmentUpdate';
import {formatVnDate, isIsoDate, parseVnDate, addDays} from '../core/dates';
import {linkExpiry, linkUrl} from '../core/links';
import {renderLinkMail} from '../core/linkMail';
import {normalizeKey} from '../core/text';
import type {IsoDate, Unit} from '../core/types';
import type {RunClock} from '../services/clock';
import {
  allUnitStates,
  ensureLinks,
  markMailed,
  revokeLinks,
  type IssuedLink,
} from '../services/linkStore';
import {withDocumentLock} from '../services/lock';
import {remainingMailQuota, sendMail} from '../services/mail';
import {getUiOrNull, alertUser} from '../services/ui';
import {activeUserEmail, spreadsheetOwnerEmail} from '../services/user';
import {appendMailLog, type MailLogEntry} from '../workbook/mailLog';
import {loadWorkbook, type WorkbookData} from '../workbook/workbook';
import {planClock} from './assignmentGate';

const MAIL_KIND = 'Đường dẫn cập nhật';

/** The web app's address, or '' when it has not been deployed yet. */
export function webAppUrl(): string {
  try {
    return String(ScriptApp.getService().getUrl() || '');
  } catch {
    return '';
  }
}

function planDate(text: string): IsoDate | '' {
  const t = String(text ?? '').trim();
  return isIsoDate(t) ? t : (parseVnDate(t) ?? '');
}

/** The last day the plan's links work: its end (or last reporting date), else half a year on. */
export function planLinkExpiry(data: WorkbookData, today: IsoDate): IsoDate {
  return linkExpiry(
    planDate(data.settings.periodEnd),
    data.periods.map(p => p.due),
    addDays(today, 184),
  );
}

/** Units and villages that get a link: active, real (not the sample villages set-up adds). */
export function linkUnits(units: Unit[]): Unit[] {
  return units.filter(u => u.code && u.active && !u.sample);
}

/**
 * Each link unit's current link (issued where missing), as full addresses, for mails that carry a
 * "Cập nhật ngay" button. Empty when the web app is not deployed. Takes the document lock itself
 * unless the caller holds it.
 */
export function updateLinksFor(
  data: WorkbookData,
  today: IsoDate,
): Readonly<Record<string, string>> {
  const exec = webAppUrl();
  const out: Record<string, string> = {};
  if (!exec) return out;
  const issued = ensureLinks(
    linkUnits(data.units).map(u => u.code),
    today,
    planLinkExpiry(data, today),
  );
  // Each address made when a mail first reads it: the token of a unit not mailed today is never
  // derived (one HMAC call per unit mailed, not per unit).
  for (const l of issued) {
    let url: string | null = null;
    Object.defineProperty(out, l.unitCode, {
      enumerable: true,
      get: () => (url ??= linkUrl(exec, l.token)),
    });
  }
  return out;
}

/** Who opened their link and who never did (names, in the units' order). */
export function linkOpenStatus(units: Unit[]): {
  opened: string[];
  never: string[];
} {
  const states = allUnitStates();
  const opened: string[] = [];
  const never: string[] = [];
  for (const u of linkUnits(units)) {
    const s = states.get(u.code);
    if (!s || !s.h) continue;
    if (s.n > 0) opened.push(u.name);
    else never.push(u.name);
  }
  return {opened, never};
}

function adminsOf(
  data: WorkbookData,
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
): string[] {
  const owner = spreadsheetOwnerEmail(ss);
  return [...data.settings.adminEmails, ...(owner ? [owner] : [])];
}

const NOT_DEPLOYED =
  'Ứng dụng web chưa được triển khai nên chưa có đường dẫn. Trong trình chỉnh sửa Apps Script chọn Triển khai › Tác vụ triển khai mới › Ứng dụng web (Thực thi với tư cách: Tôi; Người có quyền truy cập: Bất kỳ ai), rồi chạy lại menu này. Xem README, mục "Đường dẫn cập nhật".';

/** What one run of "Gửi đường dẫn cập nhật" did. */
export interface SendLinksReport {
  ok: boolean;
  message: string;
  sent: string[];
  alreadySent: number;
  noEmail: string[];
  deferred: string[];
  failed: string[];
}

function report(partial: Partial<SendLinksReport>): SendLinksReport {
  return {
    ok: false,
    message: '',
    sent: [],
    alreadySent: 0,
    noEmail: [],
    deferred: [],
    failed: [],
    ...partial,
  };
}

/**
 * Menu "Gửi đường dẫn cập nhật cho các đơn vị": mails every unit and village whose current link has
 * not been mailed yet (a token is mailed once; a reissued link is a new token), as far as today's
 * quota allows (one recipient is kept back for the admin's own mails). Marks ahead, so a run that
 * dies never mails a token twice. Admins only.
 */
export function runSendUpdateLinks(
  clock: RunClock = planClock(),
): SendLinksReport {
  const ss = SpreadsheetApp.getActive();
  const user = activeUserEmail();
  const prepared = withDocumentLock(() => {
    const data = loadWorkbook(ss, clock.offset);
    if (!isAdmin(user, adminsOf(data, ss))) {
      return report({
        message:
          'Chỉ quản trị viên (trang Cấu hình, mục email quản trị) mới gửi được đường dẫn cập nhật.',
      });
    }
    const exec = webAppUrl();
    if (!exec) return report({message: NOT_DEPLOYED});
    const units = linkUnits(data.units);
    const expiry = planLinkExpiry(data, clock.today);
    const issued = ensureLinks(
      units.map(u => u.code),
      clock.today,
      expiry,
    );
    const byCode = new Map(units.map(u => [u.code, u] as const));
    let quota = remainingMailQuota() - 1;
    const out = report({ok: true});
    const toSend: {unit: Unit; link: IssuedLink}[] = [];
    for (const link of issued) {
      const unit = byCode.get(link.unitCode) as Unit;
      if (link.state.m) {
        out.alreadySent++;
      } else if (!unit.emails.length) {
        out.noEmail.push(unit.name);
      } else if (unit.emails.length > quota) {
        out.deferred.push(unit.name);
        quota = 0;
      } else {
        quota -= unit.emails.length;
        toSend.push({unit, link});
      }
    }
    markMailed(
      toSend.map(x => x.unit.code),
      new Date().toISOString(),
    );
    return {out, toSend, data, exec, expiry};
  }, 60000);
  if ('ok' in prepared) return prepared;
  const {out, toSend, data, exec, expiry} = prepared;
  const log: MailLogEntry[] = [];
  for (const {unit, link} of toSend) {
    const mail = renderLinkMail({
      unitName: unit.name,
      commune: data.settings.commune,
      planTitle: data.settings.planTitle,
      reportTo: data.settings.reportTo,
      url: linkUrl(exec, link.token),
      expiresText: formatVnDate(expiry),
    });
    const to = unit.emails.join(',');
    const key = `link:${unit.code}:${link.state.g}`;
    try {
      sendMail({
        to,
        subject: mail.subject,
        body: mail.body,
        htmlBody: mail.htmlBody,
        name: data.settings.senderName || undefined,
        replyTo: data.settings.adminEmails[0],
      });
      out.sent.push(unit.name);
      log.push({
        key,
        to,
        subject: mail.subject,
        kind: MAIL_KIND,
        periodId: '',
        state: 'sent',
        note: '',
      });
    } catch (e) {
      out.failed.push(unit.name);
      log.push({
        key,
        to,
        subject: mail.subject,
        kind: MAIL_KIND,
        periodId: '',
        state: 'failed',
        note: String(e instanceof Error ? e.message : e).slice(0, 300),
      });
    }
  }
  if (log.length) withDocumentLock(() => appendMailLog(ss, clock, log), 60000);
  const parts = [`Đã gửi đường dẫn cho ${out.sent.length} đơn vị.`];
  if (out.alreadySent)
    parts.push(
      `${out.alreadySent} đơn vị đã được gửi đường dẫn hiện tại từ trước (không gửi lại).`,
    );
  if (out.noEmail.length)
    parts.push(
      `Chưa có email (thêm ở trang "Đơn vị" rồi chạy lại): ${out.noEmail.join(', ')}.`,
    );
  if (out.deferred.length)
    parts.push(
      `Hết hạn mức gửi email hôm nay, chạy lại vào ngày mai để gửi cho: ${out.deferred.join(', ')}.`,
    );
  if (out.failed.length)
    parts.push(
      `Không gửi được (xem trang "Thư đã gửi"): ${out.failed.join(', ')}. Đường dẫn của các đơn vị này coi như đã gửi; dùng menu thu hồi / cấp lại để gửi đường dẫn mới.`,
    );
  out.message = parts.join('\n');
  return out;
}

/** What the revoke menu did. */
export interface RevokeReport {
  ok: boolean;
  message: string;
  revoked: string[];
  /** For one unit: its new link (the admin may also pass it on by hand). */
  newLink: string;
}

/**
 * Menu "Thu hồi / cấp lại đường dẫn cập nhật": asks for a unit's code or name (blank: every link).
 * The old link stops working at once; one unit gets a new link shown to the admin, and the next
 * "Gửi đường dẫn" mails the new links. Admins only. `answer` is for google.script.run / tests.
 */
export function runRevokeUpdateLinks(
  answer?: string,
  clock: RunClock = planClock(),
): RevokeReport {
  const ss = SpreadsheetApp.getActive();
  const user = activeUserEmail();
  const ui = getUiOrNull();
  let text = typeof answer === 'string' ? answer : null;
  if (text === null) {
    if (!ui)
      return {ok: false, message: 'Cần mở từ menu.', revoked: [], newLink: ''};
    const r = ui.prompt(
      'Thu hồi / cấp lại đường dẫn cập nhật',
      'Nhập mã hoặc tên đơn vị cần thu hồi đường dẫn (đường dẫn cũ hết dùng được ngay, đơn vị được cấp đường dẫn mới). Để trống để thu hồi TẤT CẢ đường dẫn.',
      ui.ButtonSet.OK_CANCEL,
    );
    if (r.getSelectedButton() !== ui.Button.OK)
      return {ok: false, message: 'Đã huỷ.', revoked: [], newLink: ''};
    text = r.getResponseText();
  }
  const wanted = normalizeKey(text);
  const result = withDocumentLock((): RevokeReport => {
    const data = loadWorkbook(ss, clock.offset);
    if (!isAdmin(user, adminsOf(data, ss))) {
      return {
        ok: false,
        message: 'Chỉ quản trị viên mới thu hồi được đường dẫn cập nhật.',
        revoked: [],
        newLink: '',
      };
    }
    if (!wanted) {
      const revoked = revokeLinks(null, clock.today);
      return {
        ok: true,
        message: `Đã thu hồi mọi đường dẫn cập nhật (${revoked.length} đơn vị). Chạy menu "Gửi đường dẫn cập nhật cho các đơn vị" để gửi đường dẫn mới.`,
        revoked,
        newLink: '',
      };
    }
    const unit = data.units.find(
      u => normalizeKey(u.code) === wanted || normalizeKey(u.name) === wanted,
    );
    if (!unit) {
      return {
        ok: false,
        message: `Không tìm thấy đơn vị "${text}" trong trang "Đơn vị". Nhập đúng mã (ví dụ VHXH) hoặc tên đơn vị.`,
        revoked: [],
        newLink: '',
      };
    }
    revokeLinks([unit.code], clock.today);
    const exec = webAppUrl();
    let newLink = '';
    if (exec && unit.active && !unit.sample) {
      const [issued] = ensureLinks(
        [unit.code],
        clock.today,
        planLinkExpiry(data, clock.today),
      );
      newLink = linkUrl(exec, issued.token);
    }
    return {
      ok: true,
      message:
        `Đã thu hồi đường dẫn cũ của ${unit.name}.` +
        (newLink
          ? ` Đường dẫn mới: ${newLink}\nChạy menu "Gửi đường dẫn cập nhật cho các đơn vị" để gửi đường dẫn mới qua email.`
          : ''),
      revoked: [unit.code],
      newLink,
    };
  }, 60000);
  return result;
}

/** The menu wrappers: run, then tell the admin. */
export function sendUpdateLinksFromMenu(): SendLinksReport {
  const r = runSendUpdateLinks();
  alertUser('Gửi đường dẫn cập nhật', r.message);
  return r;
}

export function revokeUpdateLinksFromMenu(answer?: unknown): RevokeReport {
  const r = runRevokeUpdateLinks(
    typeof answer === 'string' ? answer : undefined,
  );
  if (r.message !== 'Đã huỷ.')
    alertUser('Thu hồi / cấp lại đường dẫn', r.message);
  return r;
}
