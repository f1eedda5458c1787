// The figures leaders look at: tasks per status, and per unit / village reported or not and on-time rate.
import {escapeHtml} from './text';
import {STATUS_COLORS, STATUS_LABELS} from './status';
import type {Summary} from './summary';
import type {StatusLabel} from './types';

/** Tasks carrying one status label, with the label's colour. */
export interface StatusFigure {
  label: StatusLabel;
  count: number;
  color: string;
}

/** One unit or village: reported this period or not, and its on-time rate. */
export interface UnitFigure {
  code: string;
  name: string;
  reported: boolean;
  /** Assignments with a deadline (ongoing ones have none and are left out of the rate). */
  dated: number;
  /** Of those, finished late or unfinished past due. */
  late: number;
  /** Whole percent of dated assignments not late, or null when it has none. */
  onTimeRate: number | null;
}

export interface SummaryFigures {
  /** Every status label in STATUS_LABELS order, zeros included. */
  status: StatusFigure[];
  units: UnitFigure[];
  villages: UnitFigure[];
}

/** Labels that count as late in the on-time rate. */
const LATE: ReadonlySet<StatusLabel> = new Set<StatusLabel>([
  'Đã hoàn thành quá hạn',
  'Đang thực hiện quá hạn',
  'Chưa thực hiện quá hạn',
]);

/**
 * The colour a status label is drawn with: its cell colour, except "Chưa thực hiện", whose cell is
 * white (a white bar would be invisible), drawn grey.
 */
export function chartColor(label: StatusLabel): string {
  const c = STATUS_COLORS[label];
  return c === '#ffffff' ? '#999999' : c;
}

/** Colours of the "reported / not reported" bars: the done-on-time green and the overdue red. */
export const REPORTED_COLOR = STATUS_COLORS['Đã hoàn thành đúng hạn'];
export const NOT_REPORTED_COLOR = STATUS_COLORS['Chưa thực hiện quá hạn'];

/** The figures of a summary (pure; the same numbers the tab's sections show). */
export function summaryFigures(summary: Summary): SummaryFigures {
  const byLabel = new Map(summary.counts.map(c => [c.label, c.count]));
  const status = STATUS_LABELS.map(label => ({
    label,
    count: byLabel.get(label) ?? 0,
    color: chartColor(label),
  }));
  const dated = new Map<string, {dated: number; late: number}>();
  for (const task of summary.tasks) {
    for (const r of task.results) {
      if (r.status === 'Thường xuyên / không có thời hạn') continue;
      const e = dated.get(r.unitCode) ?? {dated: 0, late: 0};
      e.dated++;
      if (LATE.has(r.status)) e.late++;
      dated.set(r.unitCode, e);
    }
  }
  const figure = (code: string, name: string, reported: boolean) => {
    const e = dated.get(code) ?? {dated: 0, late: 0};
    return {
      code,
      name,
      reported,
      dated: e.dated,
      late: e.late,
      onTimeRate: e.dated
        ? Math.round(((e.dated - e.late) * 100) / e.dated)
        : null,
    };
  };
  const villageCodes = new Set(summary.villages.map(v => v.code));
  return {
    status,
    units: summary.units
      .filter(u => !villageCodes.has(u.code))
      .map(u => figure(u.code, u.name, u.reportedThisPeriod === true)),
    villages: summary.villages.map(v => {
      const unit = summary.units.find(u => u.code === v.code);
      return figure(
        v.code,
        v.name,
        v.reported || Boolean(unit?.reportedThisPeriod),
      );
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// The figure as HTML tables: renders in Gmail on a phone (no SVG, no CSS classes, widths and
// background colours only) and in the PDF converter.

/** One bar: a fixed-width coloured cell (attributes unquoted: short, and every mail client reads them). */
function bar(percent: number, color: string, maxPx: number): string {
  const w = Math.max(0, Math.min(100, percent));
  const px = Math.round((w * maxPx) / 100);
  if (px === 0) return '';
  return `<table cellpadding=0 cellspacing=0 border=0><tr><td width=${px} height=10 bgcolor=${color}></td></tr></table>`;
}

function row(label: string, value: string, graphic: string): string {
  return `<tr><td style="font-size:12px;padding:1px 4px">${escapeHtml(label)}</td><td align=right style="font-size:12px;padding:1px 4px">${escapeHtml(value)}</td><td>${graphic}</td></tr>`;
}

function table(title: string, rows: string[]): string {
  return (
    `<p style="margin:8px 0 2px;font-weight:bold;font-size:13px">${escapeHtml(title)}</p>` +
    `<table cellpadding=0 cellspacing=0 border=0 style="max-width:480px">${rows.join('')}</table>`
  );
}

export interface BarTableOptions {
  /** Longest bar in pixels (default 150). */
  maxPx?: number;
  /** At most this many units / villages listed each (the rest summed in one line); default all. */
  limit?: number;
}

/** The three figures as compact bar tables (status counts; units; villages). */
export function figuresHtml(
  figures: SummaryFigures,
  options: BarTableOptions = {},
): string {
  const maxPx = options.maxPx ?? 150;
  const total = figures.status.reduce((n, s) => n + s.count, 0);
  const most = Math.max(1, ...figures.status.map(s => s.count));
  const parts = [
    table(
      `Nhiệm vụ theo tình trạng (${total} nhiệm vụ)`,
      figures.status
        .filter(s => s.count > 0)
        .map(s =>
          row(
            s.label,
            String(s.count),
            bar((s.count * 100) / most, s.color, maxPx),
          ),
        ),
    ),
  ];
  const people = (title: string, list: UnitFigure[]) => {
    if (!list.length) return;
    const reported = list.filter(u => u.reported).length;
    const shown =
      options.limit && list.length > options.limit
        ? list.slice(0, options.limit)
        : list;
    const lines = shown.map(u =>
      row(
        `${u.name} — ${u.reported ? 'đã báo cáo' : 'chưa báo cáo'}`,
        u.onTimeRate === null ? '—' : `${u.onTimeRate}%`,
        bar(
          u.onTimeRate ?? 0,
          u.reported ? REPORTED_COLOR : NOT_REPORTED_COLOR,
          maxPx,
        ),
      ),
    );
    if (shown.length < list.length) {
      lines.push(row(`… và ${list.length - shown.length} nơi khác`, '', ''));
    }
    parts.push(
      table(
        `${title}: ${reported}/${list.length} đã báo cáo; tỷ lệ đúng hạn`,
        lines,
      ),
    );
  };
  people('Đơn vị', figures.units);
  people('Thôn', figures.villages);
  return parts.join('\n');
}
