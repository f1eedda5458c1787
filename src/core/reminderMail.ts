// Reminder e-mails written out: one document model rendered as HTML (every text escaped) and as plain text.
import {formatVnDate} from './dates';
import {
  type Block,
  blocksToHtml,
  blocksToText,
  type Inline,
} from './mailBlocks';
import {stripControlChars} from './text';
import type {IsoDate, Role} from './types';
import type {
  AssignmentLine,
  PlannedMail,
  ReminderItem,
  ReminderKind,
  ReminderPeriod,
  ReminderSettings,
} from './reminderTypes';

/** The sidebar's menu path, as the e-mails tell units to use it. */
export const SIDEBAR_MENU_PATH =
  'Dân vận → Cập nhật tiến độ của đơn vị (thanh bên)';

export interface RenderedMail {
  subject: string;
  /** Plain-text alternative. */
  body: string;
  htmlBody: string;
}

const ROLE_TEXT: Readonly<Record<Role, string>> = {
  lead: 'chủ trì',
  support: 'phối hợp',
};

const MAX_TASK_CHARS = 180;
const MAX_LISTED = 40;

/** An http(s) link, or '' for anything else (a sheet cell may hold any text). */
export function safeUrl(url: string): string {
  const s = String(url ?? '').trim();
  return /^https?:\/\/[^\s<>"]+$/i.test(s) ? s : '';
}

/** One line of user text: control characters and line breaks become spaces. */
function oneLine(text: string): string {
  return stripControlChars(String(text ?? ''))
    .replace(/\s+/g, ' ')
    .trim();
}

function shorten(text: string, max = MAX_TASK_CHARS): string {
  const s = oneLine(text);
  return s.length > max ? s.slice(0, max - 1).trimEnd() + '…' : s;
}

/** "còn 3 ngày" / "hạn cuối là hôm nay". */
function leftText(daysLeft: number): string {
  return daysLeft <= 0 ? 'hạn cuối là hôm nay' : `còn ${daysLeft} ngày`;
}

function dueText(due: IsoDate | null): string {
  return due ? `hạn ${formatVnDate(due)}` : 'thường xuyên, không có thời hạn';
}

function taskLine(line: AssignmentLine, withReport: boolean): Inline[] {
  const parts: Inline[] = [
    {bold: `Nhiệm vụ ${line.tt}`},
    ` (${ROLE_TEXT[line.role]}): ${shorten(line.taskText)} — ${dueText(line.due)} — tình trạng: ${line.status}`,
  ];
  if (withReport && line.reported === false) {
    parts.push(' — chưa báo cáo trong kỳ');
  }
  return parts;
}

function listOf<T>(
  values: T[],
  render: (v: T) => Inline[],
  more: (n: number) => string,
): Inline[][] {
  const shown = values.slice(0, MAX_LISTED).map(render);
  if (values.length > MAX_LISTED)
    shown.push([more(values.length - MAX_LISTED)]);
  return shown;
}

function names(list: {name: string}[]): string {
  return list.map(x => oneLine(x.name)).join(', ');
}

function ofKind<K extends ReminderKind>(
  mail: PlannedMail,
  kind: K,
): Extract<ReminderItem, {kind: K}>[] {
  return mail.items.filter(i => i.kind === kind) as Extract<
    ReminderItem,
    {kind: K}
  >[];
}

function distinctPeriods<T extends {period: ReminderPeriod}>(
  items: T[],
): T[][] {
  const byId = new Map<string, T[]>();
  for (const i of items) {
    const list = byId.get(i.period.id) ?? [];
    list.push(i);
    byId.set(i.period.id, list);
  }
  return [...byId.values()];
}

function subjectOf(mail: PlannedMail): string {
  const parts: string[] = [];
  const overdue = ofKind(mail, 'overdue');
  const due = ofKind(mail, 'due');
  if (overdue.length) parts.push(`${overdue.length} nhiệm vụ quá hạn`);
  if (due.length) parts.push(`${due.length} nhiệm vụ sắp đến hạn`);
  for (const eve of ofKind(mail, 'admin-eve')) {
    const units = eve.units.filter(u => u.reported === u.total).length;
    const villages = eve.villagesReported.length + eve.villagesMissing.length;
    const v = villages
      ? `, ${eve.villagesReported.length}/${villages} thôn`
      : '';
    parts.push(
      `tình hình báo cáo hạn ${formatVnDate(eve.period.due)}: ${units}/${eve.units.length} đơn vị${v} đã báo cáo`,
    );
  }
  for (const group of distinctPeriods([
    ...ofKind(mail, 'period'),
    ...ofKind(mail, 'village'),
  ])) {
    const p = group[0];
    parts.push(
      `nhắc báo cáo, hạn ${formatVnDate(p.period.due)} (${leftText(p.daysLeft)})`,
    );
  }
  const copies = ofKind(mail, 'copy');
  if (copies.length) parts.push(`bản sao ${copies.length} thư nhắc hạn`);
  const notices = ofKind(mail, 'notice');
  if (notices.some(n => n.deferred.length || n.failures.length)) {
    parts.push(`thông báo gửi thư ngày ${formatVnDate(mail.date)}`);
  } else if (notices.length) {
    parts.push('email không hợp lệ');
  }
  const who = mail.recipients.filter(r => r.role !== 'admin');
  const head = who.length ? `${names(who)}: ` : '';
  const text = parts.join('; ');
  const sentence = head ? text : text.charAt(0).toUpperCase() + text.slice(1);
  return oneLine(`[Dân vận] ${head}${sentence}`);
}

function greeting(mail: PlannedMail, settings: ReminderSettings): Block[] {
  const lines = mail.recipients.map(r => {
    if (r.role === 'admin') return `${oneLine(settings.reportTo)} (quản trị)`;
    const person = r.person ? ` (${oneLine(r.person)})` : '';
    return `${oneLine(r.name)}${person}`;
  });
  const commune = settings.commune ? ` xã ${oneLine(settings.commune)}` : '';
  return [
    {type: 'p', parts: [{bold: 'Kính gửi: '}, lines.join('; ')]},
    {
      type: 'p',
      parts: [
        `Hệ thống theo dõi kế hoạch công tác dân vận chính quyền${commune} xin nhắc (ngày ${formatVnDate(mail.date)}):`,
      ],
    },
  ];
}

function overdueBlocks(mail: PlannedMail): Block[] {
  const items = ofKind(mail, 'overdue');
  if (!items.length) return [];
  return [
    {type: 'h', text: 'Nhiệm vụ đã quá hạn'},
    {
      type: 'list',
      items: items.map(i => [
        ...taskLine(i.line, false),
        {bold: ` — quá hạn ${i.daysOverdue} ngày`},
      ]),
    },
    {
      type: 'p',
      parts: [
        'Đề nghị đơn vị khẩn trương hoàn thành, cập nhật kết quả và minh chứng; nếu chưa thể hoàn thành, ghi rõ lý do và kiến nghị.',
      ],
    },
  ];
}

function dueBlocks(mail: PlannedMail): Block[] {
  const items = ofKind(mail, 'due');
  if (!items.length) return [];
  return [
    {type: 'h', text: 'Nhiệm vụ sắp đến hạn'},
    {
      type: 'list',
      items: items.map(i => [
        ...taskLine(i.line, false),
        {bold: ` — ${leftText(i.daysLeft)}`},
      ]),
    },
  ];
}

function periodBlocks(mail: PlannedMail): Block[] {
  const blocks: Block[] = [];
  for (const group of distinctPeriods(ofKind(mail, 'period'))) {
    const p = group[0];
    blocks.push({
      type: 'h',
      text: `${oneLine(p.period.name)} — hạn báo cáo ${formatVnDate(p.period.due)} (${leftText(p.daysLeft)})`,
    });
    for (const item of group) {
      const who =
        mail.recipients.filter(r => r.role !== 'admin').length > 1
          ? `${oneLine(item.recipient.name)} — `
          : '';
      blocks.push({
        type: 'p',
        parts: [
          `${who}Các phân công chưa hoàn thành hoặc chưa báo cáo trong kỳ (${item.lines.length}):`,
        ],
      });
      blocks.push({
        type: 'list',
        items: item.lines.map(l => taskLine(l, true)),
      });
    }
  }
  return blocks;
}

function howToUpdate(mail: PlannedMail): Block[] {
  const url = safeUrl(mail.spreadsheetUrl);
  const parts: Inline[] = ['Cách cập nhật: mở '];
  parts.push(
    url ? {href: url, text: 'bảng tính theo dõi'} : 'bảng tính theo dõi',
  );
  parts.push(
    `, chọn menu ${SIDEBAR_MENU_PATH}, chọn từng nhiệm vụ, ghi trạng thái, kết quả, minh chứng rồi bấm Lưu.`,
  );
  return [{type: 'p', parts}];
}

function villageBlocks(mail: PlannedMail, settings: ReminderSettings): Block[] {
  const blocks: Block[] = [];
  for (const item of ofKind(mail, 'village')) {
    const p = item.period;
    blocks.push({
      type: 'h',
      text: `${oneLine(p.name)} — hạn báo cáo ${formatVnDate(p.due)} (${leftText(item.daysLeft)})`,
    });
    blocks.push({
      type: 'p',
      parts: [
        `${oneLine(item.recipient.name)} chưa gửi báo cáo kỳ này. Đề nghị trưởng thôn (hoặc Ban công tác Mặt trận thôn) điền biểu mẫu báo cáo trực tuyến trên điện thoại hoặc máy tính; tên thôn đã được điền sẵn.`,
      ],
    });
    const url = safeUrl(item.formUrl);
    if (url) {
      blocks.push({type: 'button', href: url, text: 'Mở biểu mẫu báo cáo'});
    } else {
      blocks.push({
        type: 'p',
        parts: [
          `Biểu mẫu báo cáo chưa được tạo; vui lòng liên hệ ${oneLine(settings.reportTo)} để được hướng dẫn.`,
        ],
      });
    }
    if (item.tasks.length) {
      blocks.push({type: 'p', parts: ['Nội dung cần báo cáo:']});
      blocks.push({
        type: 'list',
        items: item.tasks.map(t => [
          {bold: `Nhiệm vụ ${t.tt}`},
          `: ${shorten(t.text)}`,
        ]),
      });
    }
  }
  return blocks;
}

/** The admin's view of the personal links: who has opened theirs, who never has. */
function linkOpenBlocks(mail: PlannedMail): Block[] {
  const o = mail.linkOpens;
  if (!o || o.opened.length + o.never.length === 0) return [];
  const blocks: Block[] = [
    {
      type: 'p',
      parts: [
        {
          bold: `Đã mở đường dẫn cập nhật: ${o.opened.length}/${o.opened.length + o.never.length}`,
        },
        o.opened.length ? ` — ${o.opened.map(oneLine).join(', ')}` : '',
      ],
    },
  ];
  if (o.never.length) {
    blocks.push({
      type: 'p',
      parts: [
        {bold: `Chưa từng mở đường dẫn: ${o.never.length}`},
        ` — ${o.never.map(oneLine).join(', ')}`,
      ],
    });
  }
  return blocks;
}

function eveBlocks(mail: PlannedMail): Block[] {
  const blocks: Block[] = [];
  for (const eve of ofKind(mail, 'admin-eve')) {
    const when = eve.daysLeft <= 0 ? 'hôm nay' : 'ngày mai';
    blocks.push({
      type: 'h',
      text: `Tình hình báo cáo ${oneLine(eve.period.name)} — hạn ${formatVnDate(eve.period.due)} (${when})`,
    });
    const done = eve.units.filter(u => u.total > 0 && u.reported === u.total);
    const notDone = eve.units.filter(u => u.reported < u.total);
    blocks.push({
      type: 'p',
      parts: [
        {bold: `Đơn vị đã báo cáo đủ: ${done.length}/${eve.units.length}`},
        done.length ? ` — ${names(done)}` : '',
      ],
    });
    if (notDone.length) {
      blocks.push({
        type: 'p',
        parts: [{bold: `Đơn vị chưa báo cáo đủ: ${notDone.length}`}],
      });
      blocks.push({
        type: 'list',
        items: listOf(
          notDone,
          u => [
            {bold: oneLine(u.name)},
            ` — đã báo cáo ${u.reported}/${u.total} phân công; còn nhiệm vụ ${u.pending.join(', ')}`,
            u.reachable ? '' : ' (chưa có email, cần nhắc trực tiếp)',
          ],
          n => `… và ${n} đơn vị khác`,
        ),
      });
    }
    const villages = eve.villagesReported.length + eve.villagesMissing.length;
    if (villages) {
      blocks.push({
        type: 'p',
        parts: [
          {bold: `Thôn đã báo cáo: ${eve.villagesReported.length}/${villages}`},
          eve.villagesReported.length
            ? ` — ${names(eve.villagesReported)}`
            : '',
        ],
      });
      if (eve.villagesMissing.length) {
        blocks.push({
          type: 'p',
          parts: [
            {bold: `Thôn chưa báo cáo: ${eve.villagesMissing.length}`},
            ` — ${names(eve.villagesMissing)}`,
          ],
        });
      }
    }
    blocks.push(...linkOpenBlocks(mail));
    if (eve.unreachable.length) {
      blocks.push({
        type: 'p',
        parts: [
          {
            bold: 'Không nhận được thư nhắc (chưa có email hoặc email không hợp lệ):',
          },
        ],
      });
      blocks.push({
        type: 'list',
        items: listOf(
          eve.unreachable,
          u => [
            oneLine(u.name),
            u.reason === 'no_email'
              ? ' — chưa có email'
              : ` — email không hợp lệ: ${u.addresses.map(oneLine).join(', ')}`,
          ],
          n => `… và ${n} đơn vị khác`,
        ),
      });
    }
  }
  return blocks;
}

function copyBlocks(mail: PlannedMail): Block[] {
  const items = ofKind(mail, 'copy');
  if (!items.length) return [];
  return [
    {type: 'h', text: 'Bản sao thư nhắc hạn gửi các đơn vị'},
    {
      type: 'list',
      items: listOf(
        items,
        c => {
          const of = c.of;
          const when =
            of.kind === 'overdue'
              ? `quá hạn ${of.daysOverdue} ngày`
              : leftText(of.daysLeft);
          return [
            {bold: oneLine(of.recipient.name)},
            ' — ',
            ...taskLine(of.line, false),
            ` — ${when}`,
            c.reachable ? '' : ' (đơn vị chưa có email, cần nhắc trực tiếp)',
          ];
        },
        n => `… và ${n} thư khác`,
      ),
    },
  ];
}

function noticeBlocks(mail: PlannedMail): Block[] {
  const notices = ofKind(mail, 'notice');
  if (!notices.length) return [];
  const blocks: Block[] = [
    {
      type: 'h',
      text: `Thông báo về việc gửi thư ngày ${formatVnDate(mail.date)}`,
    },
  ];
  for (const n of notices) {
    if (n.deferred.length) {
      const left =
        n.quotaLeft === null ? '' : ` (còn lại ${n.quotaLeft} người nhận)`;
      blocks.push({
        type: 'p',
        parts: [
          {bold: `${n.deferred.length} thư chưa gửi được hôm nay`},
          ` vì đã hết hạn mức gửi thư trong ngày của Google${left}. Hệ thống sẽ tự gửi tiếp trong lần chạy sau, thư gấp trước:`,
        ],
      });
      blocks.push({
        type: 'list',
        items: listOf(
          n.deferred,
          d => [oneLine(d)],
          k => `… và ${k} thư khác`,
        ),
      });
    }
    if (n.failures.length) {
      blocks.push({
        type: 'p',
        parts: [
          {bold: 'Không gửi được các thư sau'},
          ' (đã bỏ qua, các thư khác vẫn được gửi). Vui lòng kiểm tra lại email ở trang Đơn vị:',
        ],
      });
      blocks.push({
        type: 'list',
        items: listOf(
          n.failures,
          f => [`${oneLine(f.to)} (${oneLine(f.names)}): ${oneLine(f.error)}`],
          k => `… và ${k} thư khác`,
        ),
      });
    }
    for (const i of n.invalid) {
      blocks.push({
        type: 'p',
        parts: [
          'Email không hợp lệ nên đã bỏ qua: ',
          {bold: oneLine(i.address)},
          ` (${oneLine(i.name)}). Vui lòng sửa ở trang Đơn vị.`,
        ],
      });
    }
  }
  return blocks;
}

function footer(mail: PlannedMail, settings: ReminderSettings): Block[] {
  const blocks: Block[] = [];
  const toUnits = mail.recipients.some(r => r.role === 'unit');
  const url = safeUrl(mail.spreadsheetUrl);
  const onlyVillages = mail.recipients.every(r => r.role === 'village');
  if (toUnits) blocks.push(...howToUpdate(mail));
  else if (url && !onlyVillages) {
    blocks.push({
      type: 'p',
      parts: ['Xem chi tiết trong ', {href: url, text: 'bảng tính theo dõi'}],
    });
  }
  const copied =
    !mail.isAdmin &&
    settings.adminEmails.length > 0 &&
    mail.items.some(i => i.kind === 'due' || i.kind === 'overdue');
  if (copied) {
    blocks.push({
      type: 'p',
      parts: [
        `Bản sao nội dung nhắc hạn được gửi tới ${oneLine(settings.reportTo)} để theo dõi.`,
      ],
    });
  }
  blocks.push({
    type: 'p',
    parts: [
      `Thư được gửi tự động từ hệ thống theo dõi kế hoạch; nếu cần trao đổi, vui lòng trả lời thư này hoặc liên hệ ${oneLine(settings.reportTo)}.`,
    ],
  });
  if (settings.senderName) {
    blocks.push({type: 'p', parts: [oneLine(settings.senderName)]});
  }
  return blocks;
}

/**
 * The mail's main button: each recipient's personal update link ("Cập nhật ngay"), named when the
 * mail serves several units. Nothing for the admin's mails or when the web app is not deployed.
 */
function updateButtons(mail: PlannedMail): Block[] {
  const links = mail.updateLinks ?? {};
  const own = mail.recipients.filter(
    r => r.role !== 'admin' && safeUrl(links[r.code] ?? ''),
  );
  if (!own.length || mail.isAdmin) return [];
  return own.map(r => ({
    type: 'button' as const,
    href: safeUrl(links[r.code]) as string,
    text:
      own.length > 1 ? `Cập nhật ngay — ${oneLine(r.name)}` : 'Cập nhật ngay',
  }));
}

function blocksOf(mail: PlannedMail, settings: ReminderSettings): Block[] {
  return [
    ...greeting(mail, settings),
    ...updateButtons(mail),
    ...noticeBlocks(mail),
    ...overdueBlocks(mail),
    ...dueBlocks(mail),
    ...eveBlocks(mail),
    ...periodBlocks(mail),
    ...villageBlocks(mail, settings),
    ...copyBlocks(mail),
    ...footer(mail, settings),
  ];
}

/** The e-mail in Vietnamese: subject, plain text and HTML (every sheet text escaped). */
export function renderMail(
  mail: PlannedMail,
  settings: ReminderSettings,
): RenderedMail {
  const blocks = blocksOf(mail, settings);
  return {
    subject: subjectOf(mail),
    body: blocksToText(blocks),
    htmlBody: blocksToHtml(blocks),
  };
}

/** The admins' e-mail when steps of the daily job failed. */
export function renderErrorMail(
  settings: ReminderSettings,
  today: IsoDate,
  errors: {step: string; error: string}[],
  spreadsheetUrl: string,
): RenderedMail {
  const url = safeUrl(spreadsheetUrl);
  const blocks: Block[] = [
    {
      type: 'p',
      parts: [{bold: 'Kính gửi: '}, `${oneLine(settings.reportTo)} (quản trị)`],
    },
    {
      type: 'p',
      parts: [
        `Công việc tự động ngày ${formatVnDate(today)} gặp lỗi ở ${errors.length} bước; các bước khác vẫn chạy bình thường:`,
      ],
    },
    {
      type: 'list',
      items: errors.map(e => [
        {bold: oneLine(e.step)},
        `: ${oneLine(e.error)}`,
      ]),
    },
    {
      type: 'p',
      parts: [
        'Chi tiết được ghi ở trang Nhật ký',
        ...(url ? [' của ', {href: url, text: 'bảng tính theo dõi'}] : []),
        '. Lần chạy ngày mai sẽ tự thử lại; nếu lỗi lặp lại, hãy chọn menu Dân vận → Thiết lập / sửa chữa bảng tính.',
      ],
    },
  ];
  if (settings.senderName) {
    blocks.push({type: 'p', parts: [oneLine(settings.senderName)]});
  }
  return {
    subject: `[Dân vận] Lỗi công việc tự động ngày ${formatVnDate(today)}`,
    body: blocksToText(blocks),
    htmlBody: blocksToHtml(blocks),
  };
}
