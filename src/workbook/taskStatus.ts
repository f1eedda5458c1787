// Writes the tasks' rolled-up status cells (Tình trạng, Tổng hợp tiến độ) by A1 notation, so the tasks tab need not be read.
import {TASKS} from './schema';
import {a1Range, type Table} from './table';
import {tabPresent} from './workbook';

/** One task's new status cells. */
export interface TaskStatusUpdate {
  /** The task's sheet row. */
  row: number;
  status: string;
  summary: string;
}

/**
 * Writes the status and progress-summary cells of the changed tasks (`changed`). The tasks tab may
 * come from the snapshot (no grid), so the cells are addressed by A1 notation: one task, one range
 * write (2 calls) when the two columns sit side by side, as set-up lays them. Several tasks: one
 * write over the two columns from the first to the last of them (2 calls), the rows between taken
 * from `everyTask` (every task's status, computed the same way) and blank rows left blank; when a
 * row between is neither (the admin's own row), the block is read live first (3 calls).
 */
/** A cell written as text: Sheets would read "1/2" as a date and "=…" as a formula. */
const text = (v: string): string => (v === '' ? '' : `'${v}`);

export function writeTaskStatuses(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  table: Table,
  changed: readonly TaskStatusUpdate[],
  everyTask: readonly TaskStatusUpdate[] = changed,
): void {
  if (!changed.length || !tabPresent(table)) return;
  const statusCol = table.columnOf.status;
  const summaryCol = table.columnOf.progressSummary;
  const at = (row: number, col: number, rows: number, cols: number) =>
    ss.getRange(a1Range(TASKS.name, row, col, rows, cols));
  if (!statusCol || summaryCol !== statusCol + 1) {
    // A rearranged tab: each cell on its own.
    for (const u of changed) {
      if (statusCol) at(u.row, statusCol, 1, 1).setValues([[text(u.status)]]);
      if (summaryCol)
        at(u.row, summaryCol, 1, 1).setValues([[text(u.summary)]]);
    }
    return;
  }
  if (changed.length === 1) {
    const [u] = changed;
    at(u.row, statusCol, 1, 2).setValues([[text(u.status), text(u.summary)]]);
    return;
  }
  const top = Math.min(...changed.map(u => u.row));
  const bottom = Math.max(...changed.map(u => u.row));
  const range = at(top, statusCol, bottom - top + 1, 2);
  const byRow = new Map<number, TaskStatusUpdate>();
  for (const u of everyTask) byRow.set(u.row, u);
  for (const u of changed) byRow.set(u.row, u);
  const occupied = new Set(table.rows.map(r => r.row));
  const rows = Array.from({length: bottom - top + 1}, (_, i) => top + i);
  if (rows.every(r => byRow.has(r) || !occupied.has(r))) {
    range.setValues(
      rows.map(r => {
        const u = byRow.get(r);
        return u ? [text(u.status), text(u.summary)] : ['', ''];
      }),
    );
    return;
  }
  // Cells written back as read, text re-marked as text so nothing turns into a number or date.
  const cells = range
    .getValues()
    .map(r => r.map(v => (typeof v === 'string' && v !== '' ? `'${v}` : v)));
  for (const u of changed)
    cells[u.row - top] = [text(u.status), text(u.summary)];
  range.setValues(cells);
}
