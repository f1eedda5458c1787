// The summary's headline, the automatic build days and the e-mail telling the admins a summary was built.
import {daysBetween, formatVnDate} from './dates';
import {escapeHtml} from './text';
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
  const lines = [
    `${h.reportTo ? `Kính gửi ${h.reportTo},` : 'Kính gửi quản trị viên,'}`,
    '',
    `Hệ thống đã lập tổng hợp kết quả thực hiện kế hoạch dân vận chính quyền${h.commune ? ` xã ${h.commune}` : ''}, số liệu tính đến ${formatVnDateTime(h.asOf, offsetOf(h.asOf) ?? DEFAULT_OFFSET)}.`,
    when,
    '',
    `- ${summaryHeadline(summary)}`,
    ...summary.counts
      .filter(c => c.count > 0)
      .map(c => `- ${c.label}: ${c.count} nhiệm vụ`),
    ...summary.quotas.map(
      q => `- Nhiệm vụ ${q.tt} (chỉ tiêu ${q.quota}/thôn): ${q.label} đạt`,
    ),
    `- Đơn vị, thôn chưa báo cáo trong kỳ: ${summary.notReported.length}`,
    '',
    `Xem trang tổng hợp: ${link}`,
    '',
    'Thư này được gửi tự động; vui lòng không trả lời.',
  ];
  const html = lines
    .map(line => {
      if (line === '') return '<br>';
      if (line.startsWith('Xem trang tổng hợp: ')) {
        // The figures as a compact bar table (plain tables: Gmail on a phone shows them), then the link.
        return (
          figuresHtml(summaryFigures(summary), {limit: MAIL_FIGURE_LIMIT}) +
          `<p>Xem trang tổng hợp: <a href="${escapeHtml(link)}">Tổng hợp ${escapeHtml(h.period.id)}</a></p>`
        );
      }
      return `<div>${escapeHtml(line)}</div>`;
    })
    .join('\n');
  return {
    subject: `[Dân vận] Tổng hợp ${h.period.name} (${t.tasks} nhiệm vụ, số liệu đến ${formatVnDate(h.asOfDate)})`,
    body: lines.join('\n'),
    htmlBody: html,
  };
}
