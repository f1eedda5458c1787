// Daily step: recomputes the derived status columns of Phân công and Nhiệm vụ as of today, one write each.
import {periodAt} from '../../core/periods';
import {rollUpTask} from '../../core/status';
import {withDocumentLock} from '../../services/lock';
import {
  cellToIsoDate,
  cellToText,
  toCell,
  type TzOffset,
} from '../../workbook/cells';
import type {Column} from '../../workbook/schema';
import type {Table} from '../../workbook/table';
import {assignmentView} from '../../workbook/workbook';
import type {DailyStep} from './context';

/** True when a cell already shows the value (dates compared as dates, the rest as text). */
function sameCell(
  col: Column,
  current: unknown,
  next: unknown,
  offset: TzOffset,
): boolean {
  if (col.type === 'date') {
    return cellToIsoDate(current, offset) === cellToIsoDate(next, offset);
  }
  return cellToText(current, offset) === cellToText(next, offset);
}

/**
 * Writes the given columns of a table for the rows in `values` (by sheet row), leaving every other
 * row's cells as they are. Contiguous columns go in one range write; nothing is written when no cell
 * changes. Returns the number of cells changed.
 */
export function writeColumns(
  table: Table,
  keys: string[],
  values: Map<number, Record<string, unknown>>,
  offset: TzOffset,
): number {
  const sheet = table.sheet;
  const lastRow = table.grid.length;
  if (!sheet || lastRow < 2) return 0;
  const cols = keys
    .map(key => ({
      key,
      at: table.columnOf[key],
      col: table.schema.columns.find(c => c.key === key),
    }))
    .filter((c): c is {key: string; at: number; col: Column} =>
      Boolean(c.at && c.col),
    )
    .sort((a, b) => a.at - b.at);
  const runs: (typeof cols)[] = [];
  for (const c of cols) {
    const last = runs[runs.length - 1];
    if (last && last[last.length - 1].at === c.at - 1) last.push(c);
    else runs.push([c]);
  }
  let changed = 0;
  for (const run of runs) {
    let runChanged = 0;
    const grid: unknown[][] = [];
    for (let row = 2; row <= lastRow; row++) {
      const current = table.grid[row - 1] ?? [];
      const next = values.get(row);
      grid.push(
        run.map(c => {
          const old = current[c.at - 1] ?? '';
          if (!next || !(c.key in next)) return old;
          const cell = toCell(c.col, next[c.key], offset);
          if (sameCell(c.col, old, cell, offset)) return old;
          runChanged++;
          return cell;
        }),
      );
    }
    if (runChanged) {
      sheet.getRange(2, run[0].at, grid.length, run.length).setValues(grid);
      changed += runChanged;
    }
  }
  return changed;
}

export const refreshStatuses: DailyStep = {
  name: 'refreshStatuses',
  label: 'Cập nhật tình trạng hạn',
  run(ctx) {
    const {clock} = ctx;
    const changed = withDocumentLock(() => {
      // A fresh read under the lock; the steps after this one plan from it (the derived columns
      // written here are recomputed by whoever needs them, so it stays valid for them).
      const data = ctx.reload();
      const {settings} = data;
      const taskByTt = new Map(data.tasks.map(t => [t.tt, t] as const));
      const unitByCode = new Map(data.units.map(u => [u.code, u] as const));
      const rows = new Map<number, Record<string, unknown>>();
      for (const a of data.assignments) {
        const view = assignmentView(
          a,
          taskByTt.get(a.tt),
          unitByCode.get(a.unitCode),
          clock.today,
          settings.dueSoonDays,
        );
        rows.set(a.row, {
          due: view.due,
          timeliness: view.timeliness,
          status: view.status,
        });
      }
      const period = periodAt(data.periods, clock.today);
      const taskRows = new Map<number, Record<string, unknown>>();
      for (const t of data.tasks) {
        const own = data.assignments.filter(a => a.tt === t.tt);
        const roll = rollUpTask(own, {
          timeline: t.timeline,
          today: clock.today,
          period,
          soonDays: settings.dueSoonDays,
        });
        taskRows.set(t.row, {
          status: roll.label,
          progressSummary: roll.summary,
        });
      }
      return (
        writeColumns(
          data.tables.assignments,
          ['due', 'timeliness', 'status'],
          rows,
          clock.offset,
        ) +
        writeColumns(
          data.tables.tasks,
          ['status', 'progressSummary'],
          taskRows,
          clock.offset,
        )
      );
    });
    return changed
      ? `cập nhật ${changed} ô tình trạng`
      : 'tình trạng không đổi';
  },
};
