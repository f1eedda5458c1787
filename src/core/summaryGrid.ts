// The summary's cell layout: the Tổng hợp tab (and the exports) as rows of cells.
import {daysBetween, formatVnDate, formatVnDateTime, offsetOf} from './dates';

export {formatVnDateTime, offsetOf};
import {PROGRESS_LABELS, TIMELINESS_LABELS} from './status';
import {DEFAULT_OFFSET} from './summary';
import type {
  Summary,
  SummaryCell,
  SummaryGrid,
  SummaryResult,
  SummarySection,
  SummarySectionKey,
  SummaryVillageAnswer,
} from './summary';
import type {IsoDate, Role, UnitKind} from './types';

/** Columns of the summary grid (the task section's, which is the widest). */
export const SUMMARY_WIDTH = 11;

/** Column widths in pixels. */
export const SUMMARY_WIDTHS: readonly number[] = [
  45, 300, 170, 150, 120, 110, 110, 320, 170, 200, 220,
];

/** Google's limit on the characters of one cell, with room to spare. */
export const SUMMARY_CELL_LIMIT = 49000;

const ROLE_TEXT: Readonly<Record<Role, string>> = {
  lead: 'Chủ trì',
  support: 'Phối hợp',
};

const UNIT_KIND_TEXT: Readonly<Record<UnitKind, string>> = {
  department: 'Phòng',
  center: 'Trung tâm',
  school: 'Trường học',
  village: 'Thôn',
  front: 'Mặt trận, đoàn thể',
  force: 'Công an, quân sự',
  other: 'Khác',
};

const PERIOD_KIND_TEXT = {regular: 'định kỳ', adhoc: 'đột xuất'} as const;

/** "Đã báo cáo" / "Chưa báo cáo": the reported columns' text. */
export const REPORTED_TEXT = 'Đã báo cáo';
export const NOT_REPORTED_TEXT = 'Chưa báo cáo';
/** A unit owing no report in the period (its work there finished before, or paused). */
export const NOT_OWED_TEXT = 'Không phải báo cáo';
/** A village's line in the not-reported list: it reports by its form, not by assignments. */
export const VILLAGE_MISSING_TEXT = 'Chưa gửi báo cáo thôn';
/** The single body row of a section with nothing to list. */
export const NONE_TEXT = '(Không có)';

/** Text cut to what one cell holds. */
function fit(text: string): string {
  return text.length > SUMMARY_CELL_LIMIT
    ? text.slice(0, SUMMARY_CELL_LIMIT - 1) + '…'
    : text;
}

/** "23,1%" (Vietnamese decimal comma). */
function percent(part: number, whole: number): string {
  if (whole <= 0) return '0%';
  const value = Math.round((part * 1000) / whole) / 10;
  return `${String(value).replace('.', ',')}%`;
}

/** Where the deadline stands on the summary's date. */
export function deadlineText(due: IsoDate, today: IsoDate): string {
  const left = daysBetween(today, due);
  if (left > 0) return `còn ${left} ngày`;
  if (left === 0) return 'đến hạn hôm nay';
  return `đã qua hạn ${-left} ngày`;
}

/** True when the unit entered anything for the assignment. */
function hasReport(r: SummaryResult): boolean {
  return (
    r.updatedAt !== null ||
    r.result.trim() !== '' ||
    r.progress !== 'not_started'
  );
}

/** The "Kết quả thực hiện của các đơn vị" cell of a task. */
export function resultsText(results: SummaryResult[]): string {
  if (!results.length) return 'Chưa phân công đơn vị nào.';
  const lines: string[] = [];
  const silent: string[] = [];
  for (const r of results) {
    if (!hasReport(r)) {
      silent.push(r.unitName);
      continue;
    }
    const done = r.completedOn ? ` ngày ${formatVnDate(r.completedOn)}` : '';
    const result = r.result.trim() ? ` – ${r.result.trim()}` : '';
    const stale = r.reportedInPeriod ? '' : ' (chưa cập nhật trong kỳ)';
    lines.push(
      `• ${r.unitName} (${ROLE_TEXT[r.role]}): ${PROGRESS_LABELS[r.progress]}${done}${result}${stale}`,
    );
    if (r.proposals.trim()) lines.push(`  Kiến nghị: ${r.proposals.trim()}`);
  }
  if (silent.length) lines.push(`Chưa báo cáo: ${silent.join(', ')}`);
  return lines.join('\n');
}

/** One village's answers as lines "NV5: Đã hoàn thành, số lượng 1 – …". */
function answersText(answers: SummaryVillageAnswer[]): string {
  return answers
    .map(a => {
      const parts: string[] = [];
      if (a.progress) parts.push(PROGRESS_LABELS[a.progress]);
      if (a.count !== null) parts.push(`số lượng ${a.count}`);
      const head = parts.join(', ');
      const tail = a.summary.trim();
      return `NV${a.tt}: ${[head, tail].filter(Boolean).join(' – ') || '(không có nội dung)'}`;
    })
    .join('\n');
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];

/**
 * The exact cells of the summary tab: a header block, then seven sections (status counts, tasks,
 * units, villages, per-village quotas, overdue assignments, who has not reported), each a title
 * row, a header row and at least one body row, with a blank row between sections. Dates are
 * dd/MM/yyyy text; counts are numbers. The same summary always gives the same grid.
 */
export function summaryToGrid(summary: Summary): SummaryGrid {
  const h = summary.header;
  const offset = offsetOf(h.asOf) ?? DEFAULT_OFFSET;
  const t = summary.totals;
  const rows: SummaryCell[][] = [];
  const sections: SummarySection[] = [];
  const totalRows: number[] = [];
  const push = (cells: SummaryCell[]) => {
    const row: SummaryCell[] = cells.map(c =>
      typeof c === 'number' ? c : fit(String(c ?? '')),
    );
    while (row.length < SUMMARY_WIDTH) row.push('');
    rows.push(row.slice(0, SUMMARY_WIDTH));
    return rows.length;
  };

  const planName = [
    h.planNumber ? `Kế hoạch số ${h.planNumber}` : 'Kế hoạch',
    h.planTitle,
  ]
    .filter(Boolean)
    .join(': ');
  push(['TỔNG HỢP KẾT QUẢ THỰC HIỆN CÔNG TÁC DÂN VẬN CHÍNH QUYỀN']);
  push([`${h.issuer}${h.commune ? ` (xã ${h.commune})` : ''}`]);
  push([planName]);
  push([
    `Kỳ báo cáo: ${h.period.name} – mã ${h.period.id} (${PERIOD_KIND_TEXT[h.period.kind]}), từ ngày ${formatVnDate(h.period.start)} đến ngày ${formatVnDate(h.period.due)}`,
  ]);
  push([
    `Hạn báo cáo: ${formatVnDate(h.period.due)} (${deadlineText(h.period.due, h.asOfDate)})`,
  ]);
  push([`Số liệu tính đến: ${formatVnDateTime(h.asOf, offset)}`]);
  push([`Đơn vị tổng hợp: ${h.reportTo}`]);
  push([
    `Tình hình chung: ${t.tasks} nhiệm vụ, ${t.assignments} phân công (đã hoàn thành ${t.assignmentsDone}, quá hạn ${t.assignmentsOverdue}); ${t.unitsReported}/${t.units} đơn vị đã báo cáo trong kỳ; ${t.villagesReported}/${t.villages} thôn đã gửi báo cáo.`,
  ]);
  const headerRows = rows.length;

  const section = (
    key: SummarySectionKey,
    title: string,
    header: string[],
    body: SummaryCell[][],
    extra: Pick<SummarySection, 'statusColumn' | 'reportedColumn'> = {},
    total?: SummaryCell[],
  ) => {
    push([]);
    const titleRow = push([`${ROMAN[sections.length]}. ${title}`]);
    const headerRow = push(header);
    const lines = body.length ? body : [[NONE_TEXT]];
    let firstRow = 0;
    for (const line of lines) {
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
    'counts',
    'TỔNG HỢP THEO TÌNH TRẠNG THỰC HIỆN',
    ['STT', 'Tình trạng', 'Số nhiệm vụ', 'Tỷ lệ'],
    summary.counts.map((c, i) => [
      i + 1,
      c.label,
      c.count,
      percent(c.count, t.tasks),
    ]),
    {statusColumn: 2},
    ['', 'Tổng số', t.tasks, t.tasks ? '100%' : '0%'],
  );

  section(
    'tasks',
    'KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ',
    [
      'TT',
      'Nhiệm vụ',
      'Cơ quan chủ trì',
      'Cơ quan phối hợp',
      'Thời gian thực hiện',
      'Sản phẩm',
      'Hạn',
      'Kết quả thực hiện của các đơn vị',
      'Tình trạng',
      'Tiến độ',
      'Minh chứng',
    ],
    summary.tasks.map(task => [
      task.tt,
      task.text,
      task.lead,
      task.support,
      task.timelineText,
      task.product,
      task.due ? formatVnDate(task.due) : TIMELINESS_LABELS.no_deadline,
      resultsText(task.results),
      task.status,
      task.quota
        ? `${task.progressSummary}; chỉ tiêu ${task.quota.quota}/thôn: ${task.quota.label} đạt`
        : task.progressSummary,
      task.evidence.join('\n'),
    ]),
    {statusColumn: 9},
  );

  let sumAssignments = 0;
  let sumLead = 0;
  let sumDone = 0;
  let sumOverdue = 0;
  let sumNotReported = 0;
  for (const u of summary.units) {
    sumAssignments += u.assignments;
    sumLead += u.lead;
    sumDone += u.done;
    sumOverdue += u.overdue;
    sumNotReported += u.notReported;
  }
  section(
    'units',
    'TÌNH HÌNH THỰC HIỆN CỦA CÁC ĐƠN VỊ',
    [
      'STT',
      'Đơn vị',
      'Mã đơn vị',
      'Loại',
      'Số phân công',
      'Chủ trì',
      'Đã hoàn thành',
      'Quá hạn',
      'Báo cáo trong kỳ',
      'Phân công chưa báo cáo',
      'Email',
    ],
    summary.units.map((u, i) => [
      i + 1,
      u.name,
      u.code,
      UNIT_KIND_TEXT[u.kind],
      u.assignments,
      u.lead,
      u.done,
      u.overdue,
      u.reportedThisPeriod === null
        ? NOT_OWED_TEXT
        : u.reportedThisPeriod
          ? REPORTED_TEXT
          : NOT_REPORTED_TEXT,
      u.notReported,
      u.emails.join(', '),
    ]),
    {reportedColumn: 9},
    [
      '',
      'Tổng cộng',
      '',
      '',
      sumAssignments,
      sumLead,
      sumDone,
      sumOverdue,
      `${t.unitsReported}/${t.units} đã báo cáo`,
      sumNotReported,
      '',
    ],
  );

  section(
    'villages',
    'BÁO CÁO CỦA CÁC THÔN',
    [
      'STT',
      'Thôn',
      'Mã thôn',
      'Báo cáo kỳ này',
      'Gửi lúc',
      'Người báo cáo',
      'Chỉ tiêu theo thôn',
      'Nội dung báo cáo',
      'Khó khăn, vướng mắc',
      'Kiến nghị, đề xuất',
      'Minh chứng',
    ],
    summary.villages.map((v, i) => [
      i + 1,
      v.name,
      v.code,
      v.reported ? REPORTED_TEXT : NOT_REPORTED_TEXT,
      formatVnDateTime(v.reportedAt, offset),
      v.reporter,
      v.quotas.map(q => `NV${q.tt}: ${q.met ? 'Đạt' : 'Chưa đạt'}`).join('\n'),
      answersText(v.perTask),
      v.difficulties,
      v.proposals,
      v.evidence.join('\n'),
    ]),
    {reportedColumn: 4},
  );

  section(
    'quotas',
    'CHỈ TIÊU THEO THÔN',
    [
      'TT',
      'Nhiệm vụ',
      'Chỉ tiêu mỗi thôn',
      'Số thôn đạt',
      'Tổng số thôn',
      'Kết quả',
      'Tỷ lệ đạt',
      'Thôn chưa đạt',
    ],
    summary.quotas.map(q => [
      q.tt,
      q.text,
      q.quota,
      q.done,
      q.total,
      q.label,
      percent(q.done, q.total),
      q.missing.join(', '),
    ]),
  );

  section(
    'overdue',
    'CÁC PHÂN CÔNG QUÁ HẠN',
    [
      'TT',
      'Nhiệm vụ',
      'Đơn vị',
      'Vai trò',
      'Hạn',
      'Số ngày quá hạn',
      'Tình trạng',
    ],
    summary.overdue.map(o => [
      o.tt,
      o.text,
      o.unitName,
      ROLE_TEXT[o.role],
      formatVnDate(o.due),
      o.daysLate,
      o.status,
    ]),
    {statusColumn: 7},
  );

  section(
    'notReported',
    'ĐƠN VỊ, THÔN CHƯA BÁO CÁO TRONG KỲ',
    ['STT', 'Đơn vị / thôn', 'Email', 'Loại', 'Mã', 'Phân công chưa báo cáo'],
    summary.notReported.map((n, i) => [
      i + 1,
      n.name,
      n.emails.join(', '),
      UNIT_KIND_TEXT[n.kind],
      n.code,
      n.kind === 'village' ? VILLAGE_MISSING_TEXT : n.pending,
    ]),
  );

  return {
    rows,
    width: SUMMARY_WIDTH,
    headerRows,
    sections,
    widths: [...SUMMARY_WIDTHS],
    totalRows,
  };
}
