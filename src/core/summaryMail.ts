// The summary's headline, the automatic build days and the e-mail telling the admins a summary was built.
import {daysBetween, formatVnDate} from './dates';
import {type Block, blocksToHtml, blocksToText} from './mailBlocks';
import {safeUrl} from './reminderMail';
import {DEFAULT_OFFSET, type Summary} from './summary';
import {deadlineText, formatVnDateTime, offsetOf} from './summaryGrid';
import type {IsoDate, ReportingPeriod} from './types';
import {figuresHtml, summaryFigures} from './summaryFigures';

/** Units and villages the e-mail's bar tables list by name each (the tab lists them all). */
const MAIL_FIGURE_LIMIT = 8;

/** A short Vietnamese line of the headline figures (for toasts and e-mails). */
export function summaryHeadline(summary: Summary): string {
  const t = summary.totals;
  const done = summary.counts
    .filter(c => c.label.startsWith('Đã hoàn thành'))
    .reduce((n, c) => n + c.count, 0);
  return `${done}/${t.tasks} nhiệm vụ đã hoàn thành; ${t.assignmentsOverdue} phân công quá hạn; ${t.unitsReported}/${t.units} đơn vị và ${t.villagesReported}/${t.villages} thôn đã báo cáo.`;
}

/** Which automatic build is due: before the reporting date, or on its morning. */
export type SummarySlot = 'before' | 'due';

/**
 * The automatic build due today for a period, or null: 'due' on the reporting date itself, 'before'
 * on any day from `daysBefore` days before it up to the day before (so a missed day is caught up
 * the next day). A past period gets none: its summary is never rebuilt automatically.
 */
export function summarySlot(
  period: Pick<ReportingPeriod, 'due'>,
  today: IsoDate,
  daysBefore: number,
): SummarySlot | null {
  if (today === period.due) return 'due';
  const left = daysBetween(today, period.due);
  return daysBefore > 0 && left > 0 && left <= daysBefore ? 'before' : null;
}

/** The e-mail telling the admins a summary was built. */
export interface SummaryMail {
  subject: string;
  body: string;
  htmlBody: string;
}

/** A short Vietnamese e-mail: the period, the headline figures, what to look at, the tab's link. */
export function summaryMail(
  summary: Summary,
  link: string,
  slot: SummarySlot,
): SummaryMail {
  const h = summary.header;
  const t = summary.totals;
  const due = formatVnDate(h.period.due);
  const when =
    slot === 'due'
      ? `Hôm nay (${due}) là hạn báo cáo của ${h.period.name}.`
      : `Hạn báo cáo của ${h.period.name} là ngày ${due} (${deadlineText(h.period.due, h.asOfDate)}).`;
  const url = safeUrl(link);
  // The same look as the reminders: headings, lists and a button (mailBlocks).
  const blocks: Block[] = [
    {
      type: 'p',
      parts: [
        {bold: 'Kính gửi: '},
        h.reportTo ? `${h.reportTo},` : 'quản trị viên,',
      ],
    },
    {
      type: 'p',
      parts: [
        `Hệ thống đã lập tổng hợp kết quả thực hiện kế hoạch dân vận chính quyền${h.commune ? ` xã ${h.commune}` : ''}, số liệu tính đến ${formatVnDateTime(h.asOf, offsetOf(h.asOf) ?? DEFAULT_OFFSET)}.`,
      ],
    },
    {type: 'p', parts: [{bold: when}]},
    {type: 'h', text: 'Số liệu chính'},
    {
      type: 'list',
      items: [
        [summaryHeadline(summary)],
        ...summary.counts
          .filter(c => c.count > 0)
          .map(c => [`${c.label}: ${c.count} nhiệm vụ`]),
        ...summary.quotas.map(q => [
          `Nhiệm vụ ${q.tt} (chỉ tiêu ${q.quota}/thôn): ${q.label} đạt`,
        ]),
        [`Đơn vị, thôn chưa báo cáo trong kỳ: ${summary.notReported.length}`],
      ],
    },
    // The figures as compact bar tables (plain tables: Gmail on a phone shows them).
    {
      type: 'html',
      html: figuresHtml(summaryFigures(summary), {limit: MAIL_FIGURE_LIMIT}),
    },
    ...(url
      ? [
          {
            type: 'button',
            href: url,
            text: `Mở trang Tổng hợp ${h.period.id}`,
          } as Block,
        ]
      : []),
    {
      type: 'p',
      parts: ['Thư này được gửi tự động; vui lòng không trả lời.'],
    },
  ];
  return {
    subject: `[Dân vận] Tổng hợp ${h.period.name} (${t.tasks} nhiệm vụ, số liệu đến ${formatVnDate(h.asOfDate)})`,
    body: blocksToText(blocks),
    htmlBody: blocksToHtml(blocks),
  };
}
