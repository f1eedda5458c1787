// The city workbook's own tabs: "Xã, phường" (the communes to roll up) and "Xã đã đọc" (a round's reads).
import type {CommuneEntry, CommuneOutcome} from '../core/city/rollup';
import type {SummaryBlock} from '../core/summaryBlock';
import {cellToText, type TzOffset} from './cells';
import {PROTECTION_PREFIX} from './protect';
import type {Column, TableSchema} from './schema';
import {appendRecords, readTable, writeTable} from './table';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const col = (
  key: string,
  header: string,
  type: Column['type'],
  width: number,
  extra: Partial<Column> = {},
): Column => ({key, header, type, width, ...extra});

/** "Xã, phường": one row per commune, typed by the city's admin. */
export const COMMUNES: TableSchema = {
  name: 'Xã, phường',
  scriptOnly: false,
  tabColor: '#1565c0',
  columns: [
    col('name', 'Tên xã, phường', 'text', 200),
    col('link', 'Đường dẫn bảng tính', 'longtext', 420, {
      note: 'Đường dẫn https://docs.google.com/spreadsheets/d/… của bảng tính Dân vận của xã. Xã chia sẻ bảng tính với tài khoản của thành phố (quyền Người xem).',
    }),
    col('email', 'Email liên hệ', 'text', 220),
    col('note', 'Ghi chú', 'longtext', 220),
  ],
};

/** "Xã đã đọc": what each round read, appended once per run (script-only). */
export const CITY_READS: TableSchema = {
  name: 'Xã đã đọc',
  scriptOnly: true,
  tabColor: '#546e7a',
  columns: [
    col('round', 'Lượt đọc', 'text', 150),
    col('index', 'Thứ tự', 'number', 60),
    col('name', 'Xã, phường', 'text', 180),
    col('link', 'Đường dẫn', 'text', 200),
    col('email', 'Email liên hệ', 'text', 160),
    col('status', 'Kết quả đọc', 'text', 110),
    col('spreadsheetId', 'Mã bảng tính', 'text', 140),
    col('detail', 'Chi tiết', 'longtext', 200),
    col('block', 'Dữ liệu (JSON)', 'text', 160, {clip: true}),
  ],
};

/** Creates a tab with its header when missing (2–4 calls); returns it. */
export function ensureTab(
  ss: Spreadsheet,
  schema: TableSchema,
  offset: TzOffset,
): GoogleAppsScript.Spreadsheet.Sheet {
  const found = ss.getSheetByName(schema.name);
  if (found) return found;
  const sheet = ss.insertSheet(schema.name, ss.getNumSheets());
  writeTable(sheet, schema, [], offset);
  sheet.setFrozenRows(1);
  sheet.setTabColor(schema.tabColor);
  if (schema.scriptOnly) {
    sheet
      .protect()
      .setDescription(`${PROTECTION_PREFIX} Dữ liệu do hệ thống ghi`)
      .setWarningOnly(true);
  }
  return sheet;
}

/** The communes listed (one range read); rows without a name are skipped. */
export function readCommunes(
  ss: Spreadsheet,
  offset: TzOffset,
): CommuneEntry[] {
  return readTable(ss, COMMUNES)
    .rows.map(r => ({
      name: cellToText(r.values.name, offset).trim(),
      link: cellToText(r.values.link, offset).trim(),
      email: cellToText(r.values.email, offset).trim(),
    }))
    .filter(e => e.name !== '');
}

/** The outcomes already read in a round, by index (one range read). */
export function readRound(
  ss: Spreadsheet,
  round: string,
  offset: TzOffset,
): Map<number, CommuneOutcome> {
  const out = new Map<number, CommuneOutcome>();
  for (const r of readTable(ss, CITY_READS).rows) {
    if (cellToText(r.values.round, offset) !== round) continue;
    const index = Number(r.values.index);
    if (!Number.isInteger(index) || out.has(index)) continue;
    let block: SummaryBlock | null = null;
    const json = cellToText(r.values.block, offset);
    if (json) {
      try {
        block = JSON.parse(json) as SummaryBlock;
      } catch {
        block = null;
      }
    }
    const status = cellToText(
      r.values.status,
      offset,
    ) as CommuneOutcome['status'];
    out.set(index, {
      entry: {
        name: cellToText(r.values.name, offset),
        link: cellToText(r.values.link, offset),
        email: cellToText(r.values.email, offset),
      },
      status: status === 'ok' && !block ? 'unreadable' : status,
      block,
      spreadsheetId: cellToText(r.values.spreadsheetId, offset),
      detail: cellToText(r.values.detail, offset),
    });
  }
  return out;
}

/** Appends a run's reads in one write. */
export function appendReads(
  ss: Spreadsheet,
  round: string,
  reads: Array<{index: number; outcome: CommuneOutcome}>,
  offset: TzOffset,
): void {
  if (!reads.length) return;
  const sheet = ensureTab(ss, CITY_READS, offset);
  appendRecords(
    sheet,
    CITY_READS,
    reads.map(({index, outcome}) => ({
      round,
      index,
      name: outcome.entry.name,
      link: outcome.entry.link,
      email: outcome.entry.email,
      status: outcome.status,
      spreadsheetId: outcome.spreadsheetId,
      detail: outcome.detail,
      block: outcome.block ? JSON.stringify(outcome.block) : '',
    })),
    offset,
  );
}
