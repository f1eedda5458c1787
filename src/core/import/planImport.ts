// An imported plan: the appendix, header and reporting dates read from a .docx or pasted text, checked for doubts.
import {addDays, formatVnDate} from '../dates';
import {parseTimeline} from '../timeline';
import type {
  IsoDate,
  ReportingPeriod,
  Timeline,
  Unit,
  UnitGroup,
} from '../types';
import {readAppendix, type AppendixResult, type AppendixTask} from './appendix';
import {
  halfYearOf,
  readHeader,
  readReportingDates,
  type PlanHeader,
  type ReportingDate,
} from './header';
import {pastedTable} from './pasted';
import {readPdfText} from './pdfText';
import {resolveTaskNames, type NameResolution} from './unitProposals';
import {readWordBlocks, tableGrid, type WordBlock} from './wordXml';

/** A bad input the admin must fix: the message is Vietnamese and says what to do. */
export class ImportError extends Error {}

/** What was read, before it is checked against the workbook. */
export interface PlanReading {
  header: PlanHeader;
  tasks: AppendixTask[];
  /** Paragraph texts outside the appendix (for the reporting dates). */
  paragraphs: string[];
  problems: string[];
  source: 'docx' | 'tsv' | 'pdf';
}

/** One doubt about one task: the field it is about and what to check. */
export interface TaskDoubt {
  field: 'tt' | 'text' | 'lead' | 'support' | 'timelineText' | 'product';
  message: string;
}

export interface ImportedTask extends AppendixTask {
  timeline: Timeline;
  doubts: TaskDoubt[];
}

export interface ImportedPlan {
  issuer: string;
  parentBody: string;
  commune: string;
  number: string;
  date: IsoDate | '';
  place: string;
  title: string;
  signer: string;
  signerTitle: string;
  reportTo: string;
  periodStart: IsoDate;
  periodEnd: IsoDate;
  reportingDates: ReportingDate[];
  periods: ReportingPeriod[];
  tasks: ImportedTask[];
}

export interface ImportPreviewData {
  plan: ImportedPlan;
  units: NameResolution;
  /** Timelines parseTimeline could not read, "tt: text". */
  unknownTimelines: string[];
  problems: string[];
}

/** Tasks an appendix may have (the issue's 10 to 60, with room). */
export const MAX_TASKS = 200;

const NO_APPENDIX =
  'Không tìm thấy bảng phụ lục nhiệm vụ: cần một bảng có dòng tiêu đề gồm các cột "TT", "Nhiệm vụ" (hoặc "Nội dung") và "Cơ quan chủ trì".';

function wordLines(blocks: WordBlock[], skip: Set<WordBlock>): string[] {
  const lines: string[] = [];
  for (const b of blocks) {
    if (skip.has(b)) continue;
    if (b.type === 'paragraph') lines.push(...b.text.split('\n'));
    else
      for (const row of b.rows)
        for (const c of row) lines.push(...c.text.split('\n'));
  }
  return lines;
}

/** Reads word/document.xml: the appendix wherever it is (split tables joined), the header, the body. */
export function readDocumentXml(xml: string): PlanReading {
  let blocks: WordBlock[];
  try {
    blocks = readWordBlocks(xml);
  } catch {
    throw new ImportError(
      'Tệp Word bị hỏng: không đọc được nội dung văn bản (word/document.xml).',
    );
  }
  let appendix: AppendixResult | null = null;
  const used = new Set<WordBlock>();
  for (const b of blocks) {
    if (b.type !== 'table') continue;
    const {grid, merged} = tableGrid(b.rows);
    let read: AppendixResult | null;
    try {
      read = readAppendix(grid, merged);
    } catch (e) {
      throw new ImportError((e as Error).message);
    }
    if (!read || !read.tasks.length) continue;
    if (!appendix) {
      appendix = read;
      used.add(b);
    } else {
      // The same appendix carried on in a second table (a page or section break): numbering goes on.
      const lastTt = Number(appendix.tasks[appendix.tasks.length - 1].tt);
      if (Number(read.tasks[0].tt) !== lastTt + 1) break;
      appendix.tasks.push(...read.tasks);
      appendix.problems.push(...read.problems);
      used.add(b);
    }
  }
  if (!appendix) throw new ImportError(NO_APPENDIX);
  const lines = wordLines(blocks, used);
  const {header, problems} = readHeader(lines);
  const paragraphs = blocks
    .filter(b => b.type === 'paragraph')
    .map(b => (b as {text: string}).text);
  return {
    header,
    tasks: appendix.tasks,
    paragraphs,
    problems: [...appendix.problems, ...problems],
    source: 'docx',
  };
}

/**
 * Reads pasted text: tab-separated rows, or the line-broken text a PDF viewer copies (its cells are
 * told apart by the workbook's units and groups and by what reads as a timeline, with `year` for
 * dates that name none).
 */
export function readPastedText(
  text: string,
  opts: {units?: Unit[]; groups?: UnitGroup[]; year?: number} = {},
): PlanReading {
  const {grid, lines} = pastedTable(text);
  let appendix: AppendixResult | null = null;
  let source: PlanReading['source'] = 'tsv';
  try {
    appendix = grid.length ? readAppendix(grid) : null;
    if (!appendix || !appendix.tasks.length) {
      const named =
        /(?:6|sáu) tháng (?:đầu|cuối) năm (\d{4})/iu.exec(text) ??
        /\bnăm (20\d\d)\b/iu.exec(text);
      const pdf = readPdfText(text, {
        units: opts.units ?? [],
        groups: opts.groups ?? [],
        year: named ? Number(named[1]) : opts.year,
      });
      if (pdf && pdf.tasks.length) {
        appendix = pdf;
        source = 'pdf';
      }
    }
  } catch (e) {
    throw new ImportError((e as Error).message);
  }
  if (!appendix || !appendix.tasks.length) throw new ImportError(NO_APPENDIX);
  // Outside the table only: a task's "Xong trước 05/9/2025" beside "báo cáo" is no reporting date.
  const all = text.split(/\r?\n/);
  const tableAt = all.findIndex(
    l => /^\s*S?TT\b/u.test(l) && /nhiệm vụ|nội dung/iu.test(l),
  );
  const textLines =
    source === 'tsv' ? lines : all.slice(0, tableAt < 0 ? all.length : tableAt);
  const {header, problems} = readHeader(textLines);
  // Pasted text is often the table alone: the header's absence is no problem then.
  const headerProblems = header.title || header.issuer ? problems : [];
  return {
    header,
    tasks: appendix.tasks,
    paragraphs: [textLines.join(' ')],
    problems: [...appendix.problems, ...headerProblems],
    source,
  };
}

/** "03/09/2025": the names and notes made from a plan's dates write them dd/MM/yyyy, as every output. */
const writtenDate = (iso: IsoDate): string => formatVnDate(iso);

/** Reporting periods from the reporting dates: each from the day after the previous one's date. */
export function periodsFromDates(
  dates: ReportingDate[],
  periodStart: IsoDate,
  opts: {
    firstNumber?: number;
    reminderOffsets?: number[];
    reportTo?: string;
    issuer?: string;
  } = {},
): ReportingPeriod[] {
  const first = opts.firstNumber ?? 1;
  const via = opts.reportTo ? ` (qua ${opts.reportTo})` : '';
  const to = opts.issuer ? ` về ${opts.issuer}` : '';
  return dates.map((d, i) => {
    const start =
      i === 0
        ? periodStart < d.due
          ? periodStart
          : d.due
        : addDays(dates[i - 1].due, 1);
    const label = d.label ? `${d.label} ` : '';
    return {
      id: `KY${first + i}`,
      name: `Kỳ ${i + 1} (báo cáo trước ${writtenDate(d.due)})`,
      kind: 'regular' as const,
      start,
      due: d.due,
      reminderOffsets: [...(opts.reminderOffsets ?? [7, 3, 1])],
      note: `Báo cáo kết quả công tác dân vận chính quyền ${label}${to}${via} trước ngày ${writtenDate(d.due)}.`.replace(
        / {2,}/g,
        ' ',
      ),
    };
  });
}

/** The half-year a date falls in. */
function halfOfDate(date: IsoDate): {start: IsoDate; end: IsoDate} {
  const y = date.slice(0, 4);
  return date.slice(5) <= '06-30'
    ? {start: `${y}-01-01`, end: `${y}-06-30`}
    : {start: `${y}-07-01`, end: `${y}-12-31`};
}

/**
 * Checks a reading against the workbook's units and groups: timelines parsed, names matched or
 * proposed, periods made, every doubt listed. Throws ImportError for an appendix that cannot be used.
 */
export function previewPlan(
  reading: PlanReading,
  workbook: {
    units: Unit[];
    groups: UnitGroup[];
    firstPeriodNumber?: number;
    reminderOffsets?: number[];
    today?: IsoDate;
  },
): ImportPreviewData {
  const {header} = reading;
  if (reading.tasks.length > MAX_TASKS)
    throw new ImportError(
      `Bảng phụ lục có ${reading.tasks.length} nhiệm vụ, nhiều hơn giới hạn ${MAX_TASKS}: hãy kiểm tra lại tệp.`,
    );
  const problems = [...reading.problems];
  const firstDates = readReportingDates(
    reading.paragraphs,
    Number((header.date || workbook.today || '2025').slice(0, 4)),
  );
  const span =
    halfYearOf(header.title) ??
    (firstDates.length ? halfOfDate(firstDates[0].due) : null) ??
    (header.date
      ? halfOfDate(header.date)
      : workbook.today
        ? halfOfDate(workbook.today)
        : null);
  if (!span)
    throw new ImportError(
      'Không xác định được kỳ kế hoạch (6 tháng đầu / cuối năm nào): tên kế hoạch cần ghi năm.',
    );
  if (!halfYearOf(header.title))
    problems.push(
      `Tên kế hoạch không ghi kỳ "6 tháng … năm …": đã lấy từ ${writtenDate(span.start)} đến ${writtenDate(span.end)}.`,
    );
  const year = Number(span.start.slice(0, 4));
  const dates = readReportingDates(reading.paragraphs, year);
  let periods = periodsFromDates(dates, span.start, {
    firstNumber: workbook.firstPeriodNumber,
    reminderOffsets: workbook.reminderOffsets,
    reportTo: header.reportTo,
    issuer: header.issuer,
  });
  if (!dates.length) {
    periods = periodsFromDates(
      [{due: span.end, written: writtenDate(span.end), label: ''}],
      span.start,
      {
        firstNumber: workbook.firstPeriodNumber,
        reminderOffsets: workbook.reminderOffsets,
      },
    );
    problems.push(
      `Không thấy ngày báo cáo trong văn bản ("báo cáo … trước ngày …"): đã tạm đặt một kỳ báo cáo vào ${writtenDate(span.end)}; sửa ở trang Kỳ báo cáo nếu cần.`,
    );
  }
  const unknownTimelines: string[] = [];
  const units = resolveTaskNames(
    reading.tasks,
    workbook.units,
    workbook.groups,
  );
  const tasks: ImportedTask[] = reading.tasks.map(t => {
    const timeline = parseTimeline(t.timelineText, {defaultYear: year});
    const doubts: TaskDoubt[] = [];
    if (reading.source === 'pdf')
      doubts.push({
        field: 'tt',
        message:
          'Các cột được tách tự động từ văn bản PDF: kiểm tra nội dung, chủ trì, phối hợp, thời gian, sản phẩm.',
      });
    if (!t.text)
      doubts.push({field: 'text', message: 'Không có nội dung nhiệm vụ.'});
    if (!t.lead)
      doubts.push({field: 'lead', message: 'Không có cơ quan chủ trì.'});
    if (timeline.kind === 'unknown') {
      if (t.timelineText) unknownTimelines.push(`${t.tt}: ${t.timelineText}`);
      doubts.push({
        field: 'timelineText',
        message: t.timelineText
          ? 'Chưa đọc được thời hạn: nhập "Hạn điều chỉnh" sau khi nạp nếu nhiệm vụ có hạn.'
          : 'Không có thời gian thực hiện.',
      });
    } else if (
      timeline.due &&
      (timeline.due < span.start ||
        (!timeline.continues && timeline.start && timeline.start > span.end))
    ) {
      doubts.push({
        field: 'timelineText',
        message: `Thời hạn ${writtenDate(timeline.due)} nằm ngoài kỳ kế hoạch.`,
      });
    }
    for (const p of units.proposed) {
      if (!p.tasks.includes(t.tt)) continue;
      for (const field of ['lead', 'support'] as const) {
        if (t[field].includes(p.text))
          doubts.push({
            field,
            message: `"${p.text}" chưa có trong bảng tính: sẽ thêm ${p.type === 'unit' ? 'đơn vị mới' : 'nhóm mới'}.`,
          });
      }
    }
    return {...t, timeline, doubts};
  });
  if (unknownTimelines.length)
    problems.push(
      `${unknownTimelines.length} nhiệm vụ chưa đọc được thời hạn: ${unknownTimelines.join('; ')}.`,
    );
  if (units.proposed.length)
    problems.push(
      `${units.proposed.length} tên đơn vị / nhóm chưa có trong bảng tính, sẽ được thêm: ${units.proposed.map(p => `"${p.text}"`).join(', ')}.`,
    );
  return {
    plan: {
      issuer: header.issuer,
      parentBody: header.parentBody,
      commune: header.commune,
      number: header.number,
      date: header.date,
      place: header.place,
      title: header.title,
      signer: header.signerName,
      signerTitle: header.signerTitle,
      reportTo: header.reportTo,
      periodStart: span.start,
      periodEnd: span.end,
      reportingDates: dates,
      periods,
      tasks,
    },
    units,
    unknownTimelines,
    problems,
  };
}
