// The machine-readable block every commune summary tab carries, for the city's roll-up (write and parse).
import {STATUS_LABELS} from './status';
import type {Summary} from './summary';
import type {SummaryFigures, UnitFigure} from './summaryFigures';
import type {IsoDate, Role, StatusLabel} from './types';

/** The first cell of the block. */
export const SUMMARY_BLOCK_MARKER = 'dvcq.tonghop';
/** Format version written now; the city reads exactly this version. */
export const SUMMARY_BLOCK_VERSION = 1;
/** Columns of the block (key + up to 6 values). */
export const SUMMARY_BLOCK_WIDTH = 7;
/** 1-based column of the block in the summary tab: after the grid (A–K) and one blank column. */
export const SUMMARY_BLOCK_COLUMN = 13;

/** A file the commune exported for the period. */
export interface BlockFile {
  kind: string;
  name: string;
  url: string;
}

export interface BlockOverdue {
  tt: string;
  text: string;
  unitName: string;
  role: Role;
  due: IsoDate;
  daysLate: number;
}

export interface BlockUnit {
  name: string;
  reported: boolean;
  /** Whole percent, or null without dated assignments. */
  onTimeRate: number | null;
}

/** What the city learns from one commune's summary tab. */
export interface SummaryBlock {
  version: number;
  period: {id: string; name: string; start: IsoDate; due: IsoDate};
  commune: string;
  issuer: string;
  /** ISO timestamp the commune's figures are as of. */
  asOf: string;
  counts: Array<{label: StatusLabel; count: number}>;
  tasks: number;
  assignments: number;
  assignmentsDone: number;
  assignmentsOverdue: number;
  units: number;
  unitsReported: number;
  villages: number;
  villagesReported: number;
  overdue: BlockOverdue[];
  files: BlockFile[];
  unitList: BlockUnit[];
  villageList: BlockUnit[];
}

export type BlockCell = string | number;

/** 1-based rows, inside the block, of a chart's data table (header row first). */
export interface BlockTable {
  headerRow: number;
  lastRow: number;
  /** Columns of the table inside the block (2 = the first value column). */
  firstCol: number;
  numCols: number;
}

export interface BlockLayout {
  rows: BlockCell[][];
  status: BlockTable;
  units: BlockTable | null;
  villages: BlockTable | null;
}

/** The block of a summary: its figures, overdue items and the files exported so far. */
export function summaryBlock(
  summary: Summary,
  figures: SummaryFigures,
  files: BlockFile[],
): SummaryBlock {
  const h = summary.header;
  const t = summary.totals;
  const unit = (u: UnitFigure): BlockUnit => ({
    name: u.name,
    reported: u.reported,
    onTimeRate: u.onTimeRate,
  });
  return {
    version: SUMMARY_BLOCK_VERSION,
    period: {
      id: h.period.id,
      name: h.period.name,
      start: h.period.start,
      due: h.period.due,
    },
    commune: h.commune,
    issuer: h.issuer,
    asOf: h.asOf,
    counts: figures.status.map(s => ({label: s.label, count: s.count})),
    tasks: t.tasks,
    assignments: t.assignments,
    assignmentsDone: t.assignmentsDone,
    assignmentsOverdue: t.assignmentsOverdue,
    units: t.units,
    unitsReported: t.unitsReported,
    villages: t.villages,
    villagesReported: t.villagesReported,
    overdue: summary.overdue.map(o => ({
      tt: o.tt,
      text: o.text,
      unitName: o.unitName,
      role: o.role,
      due: o.due,
      daysLate: o.daysLate,
    })),
    files,
    unitList: figures.units.map(unit),
    villageList: figures.villages.map(unit),
  };
}

const pad = (cells: BlockCell[]): BlockCell[] => {
  const out = cells.slice(0, SUMMARY_BLOCK_WIDTH);
  while (out.length < SUMMARY_BLOCK_WIDTH) out.push('');
  return out;
};

/**
 * The block as cells: key rows the city parses, then three small tables the tab's charts draw
 * (tasks per status; units and villages with their on-time rate split into "reported" and "not
 * reported" columns, so one stacked bar per unit shows both).
 */
export function blockRows(block: SummaryBlock): BlockLayout {
  const rows: BlockCell[][] = [];
  const push = (cells: BlockCell[]) => rows.push(pad(cells));
  push([
    SUMMARY_BLOCK_MARKER,
    block.version,
    0,
    'Dữ liệu cho cấp thành phố đọc (không sửa)',
  ]);
  const p = block.period;
  push(['ky', p.id, p.name, p.start, p.due]);
  push(['xa', block.commune, block.issuer]);
  push(['tinh_den', block.asOf]);
  push([
    'nhiem_vu',
    block.tasks,
    block.assignments,
    block.assignmentsDone,
    block.assignmentsOverdue,
  ]);
  push(['don_vi', block.units, block.unitsReported]);
  push(['thon', block.villages, block.villagesReported]);
  for (const o of block.overdue)
    push(['qua_han', o.tt, o.text, o.unitName, o.role, o.due, o.daysLate]);

  const headerRow = rows.length + 1;
  push(['bd_tinh_trang', 'Tình trạng', 'Số nhiệm vụ']);
  for (const c of block.counts) push(['tinh_trang', c.label, c.count]);
  const status: BlockTable = {
    headerRow,
    lastRow: rows.length,
    firstCol: 2,
    numCols: 2,
  };
  const people = (head: string, key: string, list: BlockUnit[]) => {
    if (!list.length) return null;
    const first = rows.length + 1;
    push([
      `bd_${key}`,
      head,
      'Đã báo cáo: tỷ lệ đúng hạn (%)',
      'Chưa báo cáo: tỷ lệ đúng hạn (%)',
    ]);
    for (const u of list) {
      const rate = u.onTimeRate ?? '';
      push([
        key,
        u.name,
        u.reported ? rate : '',
        u.reported ? '' : rate,
        u.reported ? 1 : 0,
      ]);
    }
    return {headerRow: first, lastRow: rows.length, firstCol: 2, numCols: 3};
  };
  const units = people('Đơn vị', 'dv', block.unitList);
  const villages = people('Thôn', 'tdp', block.villageList);
  // Last, so an export adding its links never moves the charts' tables.
  for (const f of block.files) push(['tep', f.kind, f.name, f.url]);
  rows[0][2] = rows.length;
  return {rows, status, units, villages};
}

/** The document property listing a period's exported files (written by the export). */
export function summaryFilesKey(periodId: string): string {
  return `summary.files:${periodId}`;
}

/** The exported files stored as JSON; [] when missing or unreadable. */
export function parseBlockFiles(json: string | null): BlockFile[] {
  if (!json) return [];
  try {
    const v = JSON.parse(json) as unknown;
    if (!Array.isArray(v)) return [];
    return v
      .filter(
        (f): f is BlockFile =>
          !!f &&
          typeof (f as BlockFile).kind === 'string' &&
          typeof (f as BlockFile).url === 'string',
      )
      .map(f => ({kind: f.kind, name: String(f.name ?? ''), url: f.url}));
  } catch {
    return [];
  }
}

/** Why a commune's summary could not be used. */
export type BlockProblem =
  'missing' | 'old_format' | 'newer_format' | 'unreadable' | 'other_period';

export type BlockRead =
  | {ok: true; block: SummaryBlock}
  | {ok: false; problem: BlockProblem; version?: number};

const text = (v: unknown): string =>
  v === null || v === undefined ? '' : String(v).trim();
const num = (v: unknown): number | null => {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim()))
    return Number(v);
  return null;
};

/**
 * Reads the block from the tab's block columns (as getValues returns them). Nothing is guessed: a
 * tab without the marker is an older format, an unknown version or a wrong count is refused.
 */
export function parseBlock(values: unknown[][], periodId: string): BlockRead {
  const first = values[0] ?? [];
  if (text(first[0]) !== SUMMARY_BLOCK_MARKER)
    return {ok: false, problem: 'old_format'};
  const version = num(first[1]);
  if (version === null) return {ok: false, problem: 'unreadable'};
  if (version < SUMMARY_BLOCK_VERSION)
    return {ok: false, problem: 'old_format', version};
  if (version > SUMMARY_BLOCK_VERSION)
    return {ok: false, problem: 'newer_format', version};
  const count = num(first[2]);
  if (count === null || count < 1 || count > values.length)
    return {ok: false, problem: 'unreadable', version};
  const rows = values.slice(1, count);
  const one = (key: string) => rows.find(r => text(r[0]) === key) ?? null;
  const many = (key: string) => rows.filter(r => text(r[0]) === key);
  const ky = one('ky');
  const xa = one('xa');
  const asOf = one('tinh_den');
  const nv = one('nhiem_vu');
  const dv = one('don_vi');
  const th = one('thon');
  if (!ky || !xa || !asOf || !nv || !dv || !th)
    return {ok: false, problem: 'unreadable', version};
  const nums = [nv[1], nv[2], nv[3], nv[4], dv[1], dv[2], th[1], th[2]].map(
    num,
  );
  if (nums.some(n => n === null))
    return {ok: false, problem: 'unreadable', version};
  const [tasks, assignments, done, overdueCount, units, unitsRep, vil, vilRep] =
    nums as number[];
  const labels = new Set<string>(STATUS_LABELS);
  const counts: SummaryBlock['counts'] = [];
  for (const r of many('tinh_trang')) {
    const label = text(r[1]);
    const n = num(r[2]);
    if (!labels.has(label) || n === null)
      return {ok: false, problem: 'unreadable', version};
    counts.push({label: label as StatusLabel, count: n});
  }
  if (counts.reduce((s, c) => s + c.count, 0) !== tasks)
    return {ok: false, problem: 'unreadable', version};
  if (text(ky[1]) !== periodId)
    return {ok: false, problem: 'other_period', version};
  const list = (key: string): BlockUnit[] =>
    many(key).map(r => ({
      name: text(r[1]),
      reported: num(r[4]) === 1,
      onTimeRate: num(r[num(r[4]) === 1 ? 2 : 3]),
    }));
  return {
    ok: true,
    block: {
      version,
      period: {
        id: text(ky[1]),
        name: text(ky[2]),
        start: text(ky[3]),
        due: text(ky[4]),
      },
      commune: text(xa[1]),
      issuer: text(xa[2]),
      asOf: text(asOf[1]),
      counts,
      tasks,
      assignments,
      assignmentsDone: done,
      assignmentsOverdue: overdueCount,
      units,
      unitsReported: unitsRep,
      villages: vil,
      villagesReported: vilRep,
      overdue: many('qua_han').map(r => ({
        tt: text(r[1]),
        text: text(r[2]),
        unitName: text(r[3]),
        role: (text(r[4]) === 'support' ? 'support' : 'lead') as Role,
        due: text(r[5]),
        daysLate: num(r[6]) ?? 0,
      })),
      files: many('tep').map(r => ({
        kind: text(r[1]),
        name: text(r[2]),
        url: text(r[3]),
      })),
      unitList: list('dv'),
      villageList: list('tdp'),
    },
  };
}
