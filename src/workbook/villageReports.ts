// The village-reports tab (Báo cáo thôn) and the form-links tab (Liên kết biểu mẫu): rows ↔ stored reports and links.
import {capText} from '../core/cellText';
import {normalizeKey} from '../core/text';
import {PROGRESS_LABELS} from '../core/status';
import {
  decodeAnswers,
  encodeAnswers,
  type StoredVillageReport,
  type VillageReportState,
} from '../core/villageReports';
import {cellToIsoDateTime, cellToText, type TzOffset} from './cells';
import {FORM_LINKS, VILLAGE_REPORTS} from './schema';
import {readTable, type Table, type TableRow} from './table';

/** The state column's Vietnamese labels. */
export const REPORT_STATE_LABELS: Readonly<Record<VillageReportState, string>> =
  {
    valid: 'Hợp lệ',
    flagged: 'Cần xem lại',
    replaced: 'Đã thay thế',
  };

/** A stored report and the sheet row it sits on. */
export interface StoredVillageReportRecord extends StoredVillageReport {
  row: number;
}

/** One prefilled form link of a village for a period. */
export interface FormLink {
  periodId: string;
  unitCode: string;
  village: string;
  url: string;
  formId: string;
  updatedAt: string | null;
}

/**
 * User text as a cell value that Sheets keeps exactly as text: a leading apostrophe (hidden by
 * Sheets) so it is never read as a formula, number, date or boolean ("0912…" keeps its zero), cut
 * below Google's cell limit with a visible "(đã rút gọn…)" (the full answer stays in the form's
 * response tab).
 */
export function textCell(text: string): string {
  const s = String(text ?? '');
  if (!s) return '';
  return `'${capText(s)}`;
}

function stateOf(label: unknown): VillageReportState {
  const key = normalizeKey(String(label ?? ''));
  for (const [state, text] of Object.entries(REPORT_STATE_LABELS) as [
    VillageReportState,
    string,
  ][]) {
    if (key === state || key === normalizeKey(text)) return state;
  }
  return 'flagged';
}

const lines = (text: string): string[] =>
  text
    .split(/\s*\n\s*/)
    .map(s => s.trim())
    .filter(Boolean);

/** Reads one row of the village-reports tab; null for a row without a response id. */
export function rowToVillageReport(
  r: TableRow,
  offset: TzOffset,
): StoredVillageReportRecord | null {
  const v = r.values;
  const responseId = cellToText(v.responseId, offset).trim();
  if (!responseId) return null;
  const {answers, tasks} = decodeAnswers(cellToText(v.answersJson, offset));
  return {
    responseId,
    periodId: cellToText(v.periodId, offset).trim(),
    unitCode: cellToText(v.unitCode, offset).trim(),
    village: cellToText(v.village, offset),
    submittedAt:
      cellToIsoDateTime(v.submittedAt, offset) ??
      cellToText(v.submittedAt, offset),
    reporter: cellToText(v.reporter, offset),
    phone: cellToText(v.phone, offset),
    answers,
    difficulties: cellToText(v.difficulties, offset),
    proposals: cellToText(v.proposals, offset),
    evidence: lines(cellToText(v.evidence, offset)),
    state: stateOf(v.state),
    issue: cellToText(v.issue, offset),
    tasks,
    row: r.row,
  };
}

/** The readable "Nội dung báo cáo" text: one line per task answered. */
export function answersText(
  report: Pick<StoredVillageReport, 'tasks'>,
): string {
  return report.tasks
    .map(t => {
      const parts = [
        t.progress ? PROGRESS_LABELS[t.progress] : '',
        t.summary,
      ].filter(Boolean);
      return `NV${t.tt}: ${parts.join(' – ') || '(không có nội dung)'}`;
    })
    .join('\n');
}

/** A stored report as the tab's record (text kept as typed, never as a formula). */
export function villageReportToRecord(
  report: StoredVillageReport,
): Record<string, unknown> {
  return {
    responseId: textCell(report.responseId),
    periodId: textCell(report.periodId),
    unitCode: textCell(report.unitCode),
    village: textCell(report.village),
    submittedAt: report.submittedAt,
    reporter: textCell(report.reporter),
    phone: textCell(report.phone),
    answers: textCell(answersText(report)),
    difficulties: textCell(report.difficulties),
    proposals: textCell(report.proposals),
    evidence: textCell(report.evidence.join('\n')),
    state: REPORT_STATE_LABELS[report.state],
    issue: textCell(report.issue),
    answersJson: textCell(encodeAnswers(report)),
  };
}

/** Reads the village-reports tab once: the table (for rewriting rows) and every stored report. */
export function readVillageReports(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  offset: TzOffset,
): {table: Table; reports: StoredVillageReportRecord[]} {
  const table = readTable(ss, VILLAGE_REPORTS);
  const reports = table.rows
    .map(r => rowToVillageReport(r, offset))
    .filter((r): r is StoredVillageReportRecord => r !== null);
  return {table, reports};
}

/** Every stored village report, in sheet order (one range read). */
export function loadVillageReports(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  offset: TzOffset,
): StoredVillageReportRecord[] {
  return readVillageReports(ss, offset).reports;
}

/** Reads one row of the form-links tab; null without a period or village code. */
export function rowToFormLink(r: TableRow, offset: TzOffset): FormLink | null {
  const v = r.values;
  const periodId = cellToText(v.periodId, offset).trim();
  const unitCode = cellToText(v.unitCode, offset).trim();
  if (!periodId || !unitCode) return null;
  return {
    periodId,
    unitCode,
    village: cellToText(v.village, offset),
    url: cellToText(v.url, offset).trim(),
    formId: cellToText(v.formId, offset).trim(),
    updatedAt: cellToIsoDateTime(v.updatedAt, offset),
  };
}

/** A form link as the tab's record. */
export function formLinkToRecord(link: FormLink): Record<string, unknown> {
  return {
    periodId: textCell(link.periodId),
    unitCode: textCell(link.unitCode),
    village: textCell(link.village),
    url: textCell(link.url),
    formId: textCell(link.formId),
    updatedAt: link.updatedAt,
  };
}

/** Every prefilled link, in sheet order (one range read). Dates are read in UTC+7 unless told. */
export function loadFormLinks(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  offset: TzOffset = 420,
): FormLink[] {
  return readTable(ss, FORM_LINKS)
    .rows.map(r => rowToFormLink(r, offset))
    .filter((l): l is FormLink => l !== null);
}
