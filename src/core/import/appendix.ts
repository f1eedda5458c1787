// Finds the appendix (Phụ lục) in a table grid: columns by their header words, sections, continuations, sub-items.
import {normalizeKey} from '../text';

/** The columns an appendix row has; `text` is the task itself (Nhiệm vụ / Nội dung). */
export type AppendixField =
  'tt' | 'text' | 'lead' | 'support' | 'timelineText' | 'product';

/** One task read from the appendix, every field as written (whitespace tidied). */
export interface AppendixTask {
  tt: string;
  /** The section heading(s) the task sits under ("I. Công tác tuyên truyền"), or "". */
  group: string;
  text: string;
  lead: string;
  support: string;
  timelineText: string;
  product: string;
}

export interface AppendixResult {
  tasks: AppendixTask[];
  /** Which grid column each field was read from (absent: the table has no such column). */
  columns: Partial<Record<AppendixField, number>>;
  /** How many leading rows were the header. */
  headerRows: number;
  /** Vietnamese notes on what was unsure. */
  problems: string[];
}

/** More rows than any half-year appendix has: a pasted sheet or a wrong table. */
export const MAX_APPENDIX_ROWS = 300;

const FIELD_LABELS: Record<AppendixField, string> = {
  tt: 'TT',
  text: 'Nhiệm vụ',
  lead: 'Cơ quan chủ trì',
  support: 'Cơ quan phối hợp',
  timelineText: 'Thời gian thực hiện',
  product: 'Sản phẩm',
};

/** What a header text names, most specific first ("thời gian thực hiện" is not "nhiệm vụ"). */
function fieldOfHeader(text: string): AppendixField | 'other' | null {
  const s = normalizeKey(text)
    .replace(/[()[\]:.*]/g, ' ')
    .replace(/ +/g, ' ')
    .trim();
  if (!s) return null;
  if (/^(?:s?tt|số tt|số thứ tự|thứ tự)$/.test(s)) return 'tt';
  if (/chủ trì|chịu trách nhiệm chính|đầu mối/.test(s)) return 'lead';
  if (/phối hợp/.test(s)) return 'support';
  if (/thời gian|thời hạn|tiến độ|hạn hoàn thành/.test(s))
    return 'timelineText';
  if (/sản phẩm|kết quả/.test(s)) return 'product';
  if (/nhiệm vụ|nội dung|công việc/.test(s)) return 'text';
  if (/ghi chú|kinh phí|dự toán/.test(s)) return 'other';
  return null;
}

/** Words a header row is made of: a second header line holds only these (or nothing). */
const HEADER_WORDS =
  /^(?:s?tt|stt|số tt|nhiệm vụ|nội dung|tên nhiệm vụ|cơ quan|đơn vị|cơ quan, đơn vị|cơ quan \(đơn vị\)|chủ trì|phối hợp|thời gian|thời hạn|thực hiện|hoàn thành|sản phẩm|kết quả|ghi chú|dự kiến|[ ,()/&-]|và)+$/;

function isHeaderish(text: string): boolean {
  const s = normalizeKey(text);
  return s === '' || HEADER_WORDS.test(s);
}

/** "(1)", "1", "(2)"…: the column-number row some tables have under their header. */
function isNumberingRow(row: string[]): boolean {
  const cells = row.map(c => c.trim()).filter(Boolean);
  if (cells.length < 3) return false;
  return cells.every((c, i) => {
    const m = /^\(?(\d{1,2})\)?$/.exec(c);
    return m !== null && Number(m[1]) === i + 1;
  });
}

/** Column for each field from the header rows' texts, stacked per column. */
function mapColumns(
  headerRows: string[][],
): Partial<Record<AppendixField, number>> {
  const width = Math.max(0, ...headerRows.map(r => r.length));
  const columns: Partial<Record<AppendixField, number>> = {};
  for (let c = 0; c < width; c++) {
    const parts: string[] = [];
    for (const row of headerRows) {
      const t = (row[c] ?? '').trim();
      if (t && parts[parts.length - 1] !== t) parts.push(t);
    }
    // The lowest line decides ("Cơ quan" over "Chủ trì" is the lead), then the whole stack.
    const field =
      [...parts]
        .reverse()
        .map(fieldOfHeader)
        .find(f => f && f !== 'other') ?? fieldOfHeader(parts.join(' '));
    if (field && field !== 'other' && columns[field] === undefined)
      columns[field] = c;
  }
  return columns;
}

/** Where the header starts and how many rows it has, or null when the grid has none. */
export function findHeader(grid: string[][]): {
  first: number;
  rows: number;
  columns: Partial<Record<AppendixField, number>>;
} | null {
  const limit = Math.min(grid.length, 8);
  for (let first = 0; first < limit; first++) {
    let rows = 1;
    let columns = mapColumns(grid.slice(first, first + 1));
    if (columns.tt === undefined || columns.text === undefined) continue;
    // Further header lines: only header words, at least one of them new.
    while (first + rows < grid.length && rows < 3) {
      const next = grid[first + rows];
      if (!next.some(c => c.trim()) || !next.every(isHeaderish)) break;
      const wider = mapColumns(grid.slice(first, first + rows + 1));
      rows++;
      columns = wider;
    }
    if (columns.lead === undefined) continue;
    return {first, rows, columns};
  }
  return null;
}

/** Tidy cell text: lines joined by a space, runs of whitespace as one space, trimmed. */
export function cellText(text: string): string {
  return String(text ?? '')
    .replace(/[\s\u00a0\u200b]+/g, ' ')
    .trim();
}

type RowKind =
  | {kind: 'task'; tt: string}
  | {kind: 'sub'; tt: string}
  | {kind: 'section'; marker: string; level: number; heading: string}
  | {kind: 'continuation'}
  | {kind: 'empty'};

const ROMAN =
  /^(?=[IVXLC])M*(?:C[MD]|D?C{0,3})(?:X[CL]|L?X{0,3})(?:I[XV]|V?I{0,3})$/;

/** Reads the TT cell (and the row) into what the row is. */
function classifyRow(
  cells: Record<AppendixField, string>,
  row: string[],
): RowKind {
  const values = row.map(cellText).filter(Boolean);
  if (!values.length) return {kind: 'empty'};
  const tt = cells.tt.replace(/[.:]+$/, '').trim();
  const acrossRow = values.length > 1 && values.every(v => v === values[0]);
  // A heading merged across the row: the same text in every column.
  if (acrossRow) {
    const m = /^([IVXLC]+|[A-ZĐ])[.)]\s*(.*)$/u.exec(values[0]);
    if (m && (ROMAN.test(m[1]) || m[1].length === 1))
      return {
        kind: 'section',
        marker: m[1],
        level: ROMAN.test(m[1]) ? 1 : 0,
        heading: values[0],
      };
    if (!/^\d/.test(values[0]))
      return {kind: 'section', marker: '', level: 1, heading: values[0]};
  }
  if (/^\d{1,3}$/.test(tt)) return {kind: 'task', tt};
  if (/^\d{1,3}(?:\.\d{1,3})+$/.test(tt)) return {kind: 'sub', tt};
  if (/^[a-zđ]\)?$/u.test(tt) && tt.length <= 2) return {kind: 'sub', tt};
  const isSection =
    (ROMAN.test(tt) || /^[A-ZĐ]$/u.test(tt)) &&
    (!cells.lead || cellText(cells.lead) === cellText(cells.text));
  if (isSection) {
    const heading = [tt + '.', cells.text].filter(Boolean).join(' ');
    return {
      kind: 'section',
      marker: tt,
      level: ROMAN.test(tt) ? 1 : 0,
      heading,
    };
  }
  if (!tt) return {kind: 'continuation'};
  return {kind: 'task', tt};
}

function pick(
  row: string[],
  columns: Partial<Record<AppendixField, number>>,
): Record<AppendixField, string> {
  const out = {} as Record<AppendixField, string>;
  for (const f of Object.keys(FIELD_LABELS) as AppendixField[]) {
    const c = columns[f];
    out[f] = c === undefined ? '' : (row[c] ?? '');
  }
  return out;
}

/**
 * Reads an appendix grid (rows of cell texts; `merged[r][c]` true where a cell repeats a merged one).
 * Returns null when the grid has no appendix header. Throws a Vietnamese message past the row limit.
 */
export function readAppendix(
  grid: string[][],
  merged?: boolean[][],
): AppendixResult | null {
  const header = findHeader(grid);
  if (!header) return null;
  const bodyRows = grid.length - header.first - header.rows;
  if (bodyRows > MAX_APPENDIX_ROWS)
    throw new Error(
      `Bảng phụ lục có ${bodyRows} dòng, nhiều hơn giới hạn ${MAX_APPENDIX_ROWS} dòng: hãy kiểm tra lại tệp hoặc phần đã dán.`,
    );
  const {columns} = header;
  const problems: string[] = [];
  for (const f of ['support', 'timelineText'] as const) {
    if (columns[f] === undefined)
      problems.push(`Bảng phụ lục không có cột "${FIELD_LABELS[f]}".`);
  }
  const tasks: AppendixTask[] = [];
  const sections: string[] = ['', ''];
  /** The task a sub-item belongs to, and whether it was kept as a task of its own. */
  let parent: {task: AppendixTask; hadLead: boolean; subs: number} | null =
    null;
  let last: AppendixTask | null = null;
  const groupNow = () => sections.filter(Boolean).join(' / ');
  const seen = new Set<string>();

  let r = header.first + header.rows;
  if (r < grid.length && isNumberingRow(grid[r])) r++;
  for (; r < grid.length; r++) {
    const row = grid[r];
    const cells = pick(row, columns);
    const kind = classifyRow(cells, row);
    const fromMerge = (f: AppendixField) => {
      const c = columns[f];
      return c !== undefined && !!merged?.[r]?.[c];
    };
    switch (kind.kind) {
      case 'empty':
        break;
      case 'section':
        sections[kind.level] = kind.heading;
        if (kind.level === 0) sections[1] = '';
        parent = null;
        last = null;
        break;
      case 'continuation': {
        if (!last) {
          problems.push(
            `Dòng ${r + 1} của bảng không có số thứ tự và không nối được vào nhiệm vụ nào: đã bỏ qua ("${cellText(row.join(' ')).slice(0, 60)}").`,
          );
          break;
        }
        for (const f of [
          'text',
          'lead',
          'support',
          'timelineText',
          'product',
        ] as const) {
          const extra = cellText(cells[f]);
          if (!extra || fromMerge(f)) continue;
          last[f] = last[f] ? `${last[f]} ${extra}` : extra;
        }
        break;
      }
      case 'task':
      case 'sub': {
        let tt = kind.tt;
        const task: AppendixTask = {
          tt,
          group: groupNow(),
          text: cellText(cells.text),
          lead: cellText(cells.lead),
          support: cellText(cells.support),
          timelineText: cellText(cells.timelineText),
          product: cellText(cells.product),
        };
        if (kind.kind === 'sub') {
          if (!parent) {
            problems.push(
              `Mục "${tt}" ở dòng ${r + 1} không nằm dưới nhiệm vụ nào.`,
            );
          } else {
            const p = parent.task;
            const letter = /^([a-zđ])\)?$/u.exec(tt);
            if (letter) tt = task.tt = `${p.tt}.${letter[1]}`;
            // A sub-item takes what its own cells leave blank from the task above it.
            for (const f of [
              'lead',
              'support',
              'timelineText',
              'product',
            ] as const)
              if (!task[f]) task[f] = p[f];
            const heading = `${p.tt}. ${p.text}`;
            task.group = [p.group, heading].filter(Boolean).join(' / ');
            parent.subs++;
            // A parent row with no unit of its own is a heading, not a task.
            if (!parent.hadLead && parent.subs === 1) {
              const at = tasks.indexOf(p);
              if (at >= 0) tasks.splice(at, 1);
              seen.delete(p.tt);
            }
          }
        }
        if (seen.has(tt)) {
          problems.push(
            `Số thứ tự "${tt}" lặp lại ở dòng ${r + 1}: nhiệm vụ này được đánh số "${tt}-${r + 1}".`,
          );
          tt = task.tt = `${tt}-${r + 1}`;
        }
        seen.add(tt);
        if (!task.text) problems.push(`Nhiệm vụ ${tt} không có nội dung.`);
        tasks.push(task);
        if (kind.kind === 'task')
          parent = {task, hadLead: !!task.lead, subs: 0};
        last = task;
        break;
      }
    }
  }
  for (const t of tasks)
    if (!t.lead) problems.push(`Nhiệm vụ ${t.tt} không có cơ quan chủ trì.`);
  return {tasks, columns, headerRows: header.rows, problems};
}
