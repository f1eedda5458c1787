// The city leaders' digest e-mail: the communes' standing, city totals as a bar table, whom to chase.
import {formatVnDate} from '../dates';
import {escapeHtml} from '../text';
import {formatVnDateTime} from '../summaryGrid';
import {figuresHtml} from '../summaryFigures';
import {chartColor} from '../summaryFigures';
import type {CityRollup} from './rollup';

export interface CityMail {
  subject: string;
  body: string;
  htmlBody: string;
}

/** How many communes to chase the mail lists by name (the tab lists them all). */
const CHASE_LISTED = 30;

function standingBars(r: CityRollup): string {
  const t = r.totals;
  const items: Array<[string, number, string]> = [
    ['Đã báo cáo đúng hạn', t.onTime, '#b7e1cd'],
    ['Đã báo cáo muộn', t.late, '#f9cb9c'],
    ['Chưa báo cáo', t.notYet, '#ea9999'],
    ['Chưa đọc được', t.unknown, '#d9d9d9'],
  ];
  const most = Math.max(1, ...items.map(i => i[1]));
  const rows = items
    .map(([label, n, color]) => {
      const px = Math.round((n * 150) / most);
      const bar = px
        ? `<table role="presentation" cellpadding="0" cellspacing="0" border="0" width="${px}" style="width:${px}px;border-collapse:collapse"><tr><td height="12" bgcolor="${color}" style="background:${color};height:12px;font-size:1px;line-height:1px">&nbsp;</td></tr></table>`
        : '&nbsp;';
      return `<tr><td style="padding:2px 4px;font-size:12px">${escapeHtml(label)}</td><td style="padding:2px 4px;font-size:12px;text-align:right">${n}</td><td style="padding:2px 4px;width:160px">${bar}</td></tr>`;
    })
    .join('');
  return (
    `<p style="margin:10px 0 4px;font-weight:bold;font-size:13px">Xã, phường theo tình hình báo cáo (${t.communes})</p>` +
    `<table role="presentation" cellpadding="0" cellspacing="0" border="0" width="100%" style="width:100%;max-width:480px;border-collapse:collapse">${rows}</table>`
  );
}

/** The digest: figures, the bar tables, the communes to chase and the roll-up tab's link. */
export function cityDigestMail(
  r: CityRollup,
  link: string,
  offset: number,
): CityMail {
  const t = r.totals;
  const headline = `${t.onTime + t.late}/${t.communes} xã, phường đã báo cáo (${t.onTime} đúng hạn, ${t.late} muộn); ${t.notYet} chưa báo cáo; ${t.unknown} chưa đọc được.`;
  const chase = r.chase.slice(0, CHASE_LISTED);
  const lines = [
    'Kính gửi lãnh đạo,',
    '',
    `Tổng hợp toàn thành phố – ${r.periodName} (hạn ${formatVnDate(r.due)}), số liệu tính đến ${formatVnDateTime(r.asOf, offset)}.`,
    `- ${headline}`,
    `- ${t.tasks} nhiệm vụ; ${t.assignmentsOverdue} phân công quá hạn; ${t.unitsReported}/${t.units} đơn vị và ${t.villagesReported}/${t.villages} thôn đã báo cáo.`,
    '',
    `Xã, phường cần đôn đốc (${r.chase.length}):`,
    ...chase.map(c => `- ${c.name}: ${c.reason}`),
    ...(r.chase.length > chase.length
      ? [
          `- … và ${r.chase.length - chase.length} xã, phường khác (xem trang tổng hợp).`,
        ]
      : []),
    '',
    `Xem trang tổng hợp: ${link}`,
    '',
    'Thư này được gửi tự động; vui lòng không trả lời.',
  ];
  const figures = figuresHtml({
    status: t.counts.map(c => ({...c, color: chartColor(c.label)})),
    units: [],
    villages: [],
  });
  const html = [
    '<div style="font-family:Arial,sans-serif;font-size:14px;max-width:520px">',
    '<p>Kính gửi lãnh đạo,</p>',
    `<p>Tổng hợp toàn thành phố – ${escapeHtml(r.periodName)} (hạn ${formatVnDate(r.due)}), số liệu tính đến ${escapeHtml(formatVnDateTime(r.asOf, offset))}.</p>`,
    `<p>${escapeHtml(headline)}<br>${escapeHtml(lines[4].slice(2))}</p>`,
    standingBars(r),
    figures,
    `<p style="margin:12px 0 4px;font-weight:bold">Xã, phường cần đôn đốc (${r.chase.length})</p>`,
    chase.length
      ? `<ul style="padding-left:18px;margin:0">${chase.map(c => `<li>${escapeHtml(c.name)}: ${escapeHtml(c.reason)}</li>`).join('')}</ul>`
      : '<p>(Không có)</p>',
    r.chase.length > chase.length
      ? `<p>… và ${r.chase.length - chase.length} xã, phường khác (xem trang tổng hợp).</p>`
      : '',
    `<p><a href="${escapeHtml(link)}">Mở trang tổng hợp toàn thành phố</a></p>`,
    '<p style="color:#666;font-size:12px">Thư này được gửi tự động; vui lòng không trả lời.</p>',
    '</div>',
  ].join('\n');
  return {
    subject: `[Dân vận] Tổng hợp toàn thành phố ${r.periodName}: ${t.onTime + t.late}/${t.communes} xã, phường đã báo cáo`,
    body: lines.join('\n'),
    htmlBody: html,
  };
}
