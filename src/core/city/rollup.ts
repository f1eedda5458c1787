// The city's roll-up of its communes' summary blocks: per-commune rows, city totals, whom to chase (pure).
import {daysBetween, formatVnDate} from '../dates';
import {STATUS_LABELS} from '../status';
import {
  SUMMARY_BLOCK_VERSION,
  type BlockProblem,
  type SummaryBlock,
} from '../summaryBlock';
import type {SummaryCell, SummaryGrid, SummarySection} from '../summary';
import {formatVnDateTime} from '../summaryGrid';
import {chartColor} from '../summaryFigures';
import type {IsoDate, StatusLabel} from '../types';

/** One row of the "Xã, phường" tab. */
export interface CommuneEntry {
  name: string;
  /** The commune workbook's link (or id) as typed. */
  link: string;
  email: string;
}

/** Why a commune could not be read; 'ok' when its block was read. */
export type CommuneReadStatus =
  'ok' | 'bad_link' | 'not_shared' | 'no_summary' | BlockProblem | 'error';

/** What the city learnt about one commune in a round. */
export interface CommuneOutcome {
  entry: CommuneEntry;
  status: CommuneReadStatus;
  /** The block when status is 'ok'. */
  block: SummaryBlock | null;
  /** The workbook's id, when the link held one. */
  spreadsheetId: string;
  /** Technical detail of an error (Google's message), '' otherwise. */
  detail: string;
}

/** How a commune stands for the period. */
export type ReportStanding = 'on_time' | 'late' | 'not_yet' | 'unknown';

export const STANDING_TEXT: Readonly<Record<ReportStanding, string>> = {
  on_time: 'Đã báo cáo đúng hạn',
  late: 'Đã báo cáo muộn',
  not_yet: 'Chưa báo cáo',
  unknown: 'Chưa đọc được',
};

/** The reason shown for a commune that could not be read. */
export const READ_REASON: Readonly<Record<CommuneReadStatus, string>> = {
  ok: '',
  bad_link:
    'Đường dẫn bảng tính không hợp lệ: dán đường dẫn https://docs.google.com/spreadsheets/d/… của bảng tính xã.',
  not_shared:
    'Xã chưa chia sẻ bảng tính với tài khoản của thành phố (quyền Người xem), hoặc đường dẫn sai.',
  no_summary: 'Xã chưa lập tổng hợp của kỳ này.',
  missing: 'Xã chưa lập tổng hợp của kỳ này.',
  old_format:
    'Trang tổng hợp của xã theo mẫu cũ (không có khối dữ liệu cho thành phố): xã cần cập nhật ứng dụng rồi lập lại tổng hợp.',
  newer_format:
    'Trang tổng hợp của xã theo mẫu mới hơn ứng dụng của thành phố: thành phố cần cập nhật ứng dụng.',
  unreadable:
    'Khối dữ liệu trong trang tổng hợp của xã bị sửa hoặc hỏng: xã cần lập lại tổng hợp.',
  other_period: 'Trang tổng hợp của xã ghi một kỳ báo cáo khác.',
  error: 'Không đọc được bảng tính của xã (lỗi dịch vụ Google).',
};

/** The standing of a commune: reported when its summary exists, on time when built by the due date. */
export function standingOf(o: CommuneOutcome, due: IsoDate): ReportStanding {
  if (o.status === 'ok' && o.block) {
    return o.block.asOf.slice(0, 10) <= due ? 'on_time' : 'late';
  }
  if (o.status === 'no_summary' || o.status === 'missing') return 'not_yet';
  return 'unknown';
}

/** The id in a Google Sheets link ("/spreadsheets/d/<id>"), or a bare id; '' when neither. */
export function spreadsheetIdOf(link: string): string {
  const text = link.trim();
  const m = /\/spreadsheets\/d\/([A-Za-z0-9_-]{20,})/.exec(text);
  if (m) return m[1];
  return /^[A-Za-z0-9_-]{25,}$/.test(text) ? text : '';
}

export interface CityTotals {
  communes: number;
  onTime: number;
  late: number;
  notYet: number;
  unknown: number;
  tasks: number;
  assignments: number;
  assignmentsDone: number;
  assignmentsOverdue: number;
  units: number;
  unitsReported: number;
  villages: number;
  villagesReported: number;
  /** Tasks per status over the communes read, every label. */
  counts: Array<{label: StatusLabel; count: number}>;
}

export interface CityRow {
  outcome: CommuneOutcome;
  standing: ReportStanding;
  /** Tasks done (on time, late, or done without deadline). */
  done: number;
  /** Tasks unfinished and past due. */
  lateTasks: number;
}

export interface CityRollup {
  periodId: string;
  periodName: string;
  start: IsoDate;
  due: IsoDate;
  /** ISO timestamp of the roll-up. */
  asOf: string;
  city: string;
  rows: CityRow[];
  totals: CityTotals;
  /** Communes to chase: every one not reported on time, with the reason. */
  chase: Array<{name: string; email: string; reason: string}>;
}

const DONE: ReadonlySet<StatusLabel> = new Set<StatusLabel>([
  'Đã hoàn thành đúng hạn',
  'Đã hoàn thành quá hạn',
  'Đã hoàn thành',
]);
const LATE_UNFINISHED: ReadonlySet<StatusLabel> = new Set<StatusLabel>([
  'Đang thực hiện quá hạn',
  'Chưa thực hiện quá hạn',
]);

/** Rolls the outcomes up, in the order of the "Xã, phường" tab; nothing dropped, nothing guessed. */
export function cityRollup(
  outcomes: CommuneOutcome[],
  period: {id: string; name: string; start: IsoDate; due: IsoDate},
  asOf: string,
  city: string,
): CityRollup {
  const counts = new Map<StatusLabel, number>(STATUS_LABELS.map(l => [l, 0]));
  const totals: CityTotals = {
    communes: outcomes.length,
    onTime: 0,
    late: 0,
    notYet: 0,
    unknown: 0,
    tasks: 0,
    assignments: 0,
    assignmentsDone: 0,
    assignmentsOverdue: 0,
    units: 0,
    unitsReported: 0,
    villages: 0,
    villagesReported: 0,
    counts: [],
  };
  const chase: CityRollup['chase'] = [];
  const rows = outcomes.map(o => {
    const standing = standingOf(o, period.due);
    let done = 0;
    let lateTasks = 0;
    if (standing === 'on_time') totals.onTime++;
    else if (standing === 'late') totals.late++;
    else if (standing === 'not_yet') totals.notYet++;
    else totals.unknown++;
    const b = o.block;
    if (b) {
      for (const c of b.counts) {
        counts.set(c.label, (counts.get(c.label) ?? 0) + c.count);
        if (DONE.has(c.label)) done += c.count;
        if (LATE_UNFINISHED.has(c.label)) lateTasks += c.count;
      }
      totals.tasks += b.tasks;
      totals.assignments += b.assignments;
      totals.assignmentsDone += b.assignmentsDone;
      totals.assignmentsOverdue += b.assignmentsOverdue;
      totals.units += b.units;
      totals.unitsReported += b.unitsReported;
      totals.villages += b.villages;
      totals.villagesReported += b.villagesReported;
    }
    if (standing !== 'on_time') {
      chase.push({
        name: o.entry.name,
        email: o.entry.email,
        reason:
          standing === 'late'
            ? `Báo cáo muộn: tổng hợp lập ngày ${formatVnDate((b as SummaryBlock).asOf.slice(0, 10))}, sau hạn ${formatVnDate(period.due)}.`
            : READ_REASON[o.status] || STANDING_TEXT[standing],
      });
    }
    return {outcome: o, standing, done, lateTasks};
  });
  totals.counts = STATUS_LABELS.map(label => ({
    label,
    count: counts.get(label) ?? 0,
  }));
  return {
    periodId: period.id,
    periodName: period.name,
    start: period.start,
    due: period.due,
    asOf,
    city,
    rows,
    totals,
    chase,
  };
}

/** The roll-up tab's name. */
export function cityRollupSheetName(periodId: string): string {
  return `Tổng hợp toàn thành phố ${periodId}`;
}

const WIDTH = 12;
/** Column widths of the roll-up tab. */
export const CITY_WIDTHS: readonly number[] = [
  45, 200, 150, 120, 80, 80, 80, 90, 90, 90, 300, 260,
];
const ROMAN = ['I', 'II', 'III', 'IV'];

function overdueText(b: SummaryBlock): string {
  return b.overdue
    .filter(o => o.role === 'lead')
    .map(o => `NV ${o.tt} – ${o.unitName} (quá ${o.daysLate} ngày)`)
    .join('\n');
}

function linksText(o: CommuneOutcome): string {
  const lines = [o.entry.link.trim()];
  for (const f of o.block?.files ?? []) if (f.url) lines.push(f.url);
  return lines.filter(Boolean).join('\n');
}

const ratio = (a: number, b: number) => `${a}/${b}`;

/**
 * The roll-up as a summary grid (the same shape as a commune's, so the tab writer's look and the
 * PDF / .xlsx exporters serve it unchanged).
 */
export function cityRollupGrid(r: CityRollup, offset: number): SummaryGrid {
  const rows: SummaryCell[][] = [];
  const sections: SummarySection[] = [];
  const totalRows: number[] = [];
  const push = (cells: SummaryCell[]) => {
    const row = cells.slice(0, WIDTH);
    while (row.length < WIDTH) row.push('');
    rows.push(row);
    return rows.length;
  };
  const t = r.totals;
  push(['TỔNG HỢP TOÀN THÀNH PHỐ – CÔNG TÁC DÂN VẬN CHÍNH QUYỀN']);
  push([r.city]);
  push([
    `Kỳ báo cáo: ${r.periodName} – mã ${r.periodId}, hạn ${formatVnDate(r.due)}`,
  ]);
  push([`Số liệu tính đến: ${formatVnDateTime(r.asOf, offset)}`]);
  push([
    `Tình hình chung: ${t.communes} xã, phường; ${t.onTime} báo cáo đúng hạn, ${t.late} báo cáo muộn, ${t.notYet} chưa báo cáo, ${t.unknown} chưa đọc được. ` +
      `${t.tasks} nhiệm vụ, ${t.assignmentsOverdue} phân công quá hạn; ${ratio(t.unitsReported, t.units)} đơn vị và ${ratio(t.villagesReported, t.villages)} thôn đã báo cáo.`,
  ]);
  const headerRows = rows.length;
  const section = (
    key: SummarySection['key'],
    title: string,
    header: string[],
    body: SummaryCell[][],
    extra: Pick<SummarySection, 'statusColumn'> = {},
    total?: SummaryCell[],
  ) => {
    push([]);
    const titleRow = push([`${ROMAN[sections.length]}. ${title}`]);
    const headerRow = push(header);
    let firstRow = 0;
    for (const line of body.length ? body : [['(Không có)']]) {
      const at = push(line);
      if (!firstRow) firstRow = at;
    }
    if (total) totalRows.push(push(total));
    sections.push({
      key,
      title: rows[titleRow - 1][0] as string,
      titleRow,
      headerRow,
      firstRow,
      lastRow: rows.length,
      header,
      ...extra,
    });
  };
  section(
    'units',
    'TÌNH HÌNH BÁO CÁO CỦA CÁC XÃ, PHƯỜNG',
    [
      'STT',
      'Xã, phường',
      'Tình hình báo cáo',
      'Số liệu tính đến',
      'Nhiệm vụ',
      'Đã hoàn thành',
      'Quá hạn',
      'Phân công quá hạn',
      'Đơn vị đã báo cáo',
      'Thôn đã báo cáo',
      'Nhiệm vụ quá hạn (cơ quan chủ trì)',
      'Liên kết / lý do',
    ],
    r.rows.map((row, i) => {
      const b = row.outcome.block;
      const standing = STANDING_TEXT[row.standing];
      if (!b) {
        return [
          i + 1,
          row.outcome.entry.name,
          standing,
          '',
          '',
          '',
          '',
          '',
          '',
          '',
          '',
          [READ_REASON[row.outcome.status], row.outcome.entry.link.trim()]
            .filter(Boolean)
            .join('\n'),
        ];
      }
      return [
        i + 1,
        row.outcome.entry.name,
        standing,
        formatVnDateTime(b.asOf, offset),
        b.tasks,
        row.done,
        row.lateTasks,
        b.assignmentsOverdue,
        ratio(b.unitsReported, b.units),
        ratio(b.villagesReported, b.villages),
        overdueText(b),
        linksText(row.outcome),
      ];
    }),
    {},
    [
      '',
      'Toàn thành phố',
      `${t.onTime + t.late}/${t.communes} đã báo cáo`,
      '',
      t.tasks,
      r.rows.reduce((n, x) => n + x.done, 0),
      r.rows.reduce((n, x) => n + x.lateTasks, 0),
      t.assignmentsOverdue,
      ratio(t.unitsReported, t.units),
      ratio(t.villagesReported, t.villages),
      '',
      '',
    ],
  );
  section(
    'counts',
    'NHIỆM VỤ THEO TÌNH TRẠNG (CÁC XÃ ĐÃ ĐỌC ĐƯỢC)',
    ['STT', 'Tình trạng', 'Số nhiệm vụ'],
    t.counts.map((c, i) => [i + 1, c.label, c.count]),
    {statusColumn: 2},
    ['', 'Tổng số', t.tasks],
  );
  section(
    'notReported',
    'XÃ, PHƯỜNG CẦN ĐÔN ĐỐC',
    ['STT', 'Xã, phường', 'Lý do', 'Email liên hệ'],
    r.chase.map((c, i) => [i + 1, c.name, c.reason, c.email]),
  );
  return {
    rows,
    width: WIDTH,
    headerRows,
    sections,
    widths: [...CITY_WIDTHS],
    totalRows,
  };
}

/** The colour of each status for the city chart (the communes' colours). */
export function cityStatusColors(): string[] {
  return STATUS_LABELS.map(chartColor);
}

/**
 * The roll-up as a summary block (the same format as a commune's): a province can read the city's
 * roll-up tab exactly as the city reads its communes. Communes stand in for units ("reported" when
 * their summary was read; on-time rate = tasks not late), overdue items carry the commune's name.
 */
export function cityBlock(
  r: CityRollup,
  files: SummaryBlock['files'],
): SummaryBlock {
  const t = r.totals;
  return {
    version: SUMMARY_BLOCK_VERSION,
    period: {id: r.periodId, name: r.periodName, start: r.start, due: r.due},
    commune: r.city,
    issuer: r.city,
    asOf: r.asOf,
    counts: t.counts,
    tasks: t.tasks,
    assignments: t.assignments,
    assignmentsDone: t.assignmentsDone,
    assignmentsOverdue: t.assignmentsOverdue,
    units: t.units,
    unitsReported: t.unitsReported,
    villages: t.villages,
    villagesReported: t.villagesReported,
    overdue: r.rows.flatMap(row =>
      (row.outcome.block?.overdue ?? []).map(o => ({
        ...o,
        unitName: `${row.outcome.entry.name} – ${o.unitName}`,
      })),
    ),
    files,
    unitList: r.rows.map(row => {
      const b = row.outcome.block;
      return {
        name: row.outcome.entry.name,
        reported: row.standing === 'on_time' || row.standing === 'late',
        onTimeRate:
          b && b.tasks
            ? Math.round(((b.tasks - row.lateTasks) * 100) / b.tasks)
            : null,
      };
    }),
    villageList: [],
  };
}

/** Days after a reporting date the city keeps rolling that period up (to chase late communes). */
export const CHASE_DAYS = 30;

/**
 * The period the city rolls up today: a period whose reporting date passed within CHASE_DAYS (the
 * latest such; communes that have not reported are chased), else the current one (periodAt).
 * Ad-hoc periods count like the others.
 */
export function cityPeriod<
  P extends {id: string; start: IsoDate; due: IsoDate},
>(periods: P[], today: IsoDate): P | null {
  const recent = periods
    .filter(p => p.due < today && daysBetween(p.due, today) <= CHASE_DAYS)
    .sort((x, y) => y.due.localeCompare(x.due));
  if (recent.length) return recent[0];
  const sorted = [...periods].sort((x, y) => x.due.localeCompare(y.due));
  return (
    sorted.find(p => p.start <= today && today <= p.due) ??
    sorted.find(p => p.due >= today) ??
    sorted[sorted.length - 1] ??
    null
  );
}
