// Whose row is it: an assignment row's unit comes from its id and the plan, never from an editable cell.
import type {Role} from './types';

/** What a Phân công row says about itself: its id and the identity cells as read. */
export interface RowIdentity {
  /** 1-based sheet row. */
  row: number;
  id: string;
  /** The "TT nhiệm vụ", "Mã đơn vị" and "Vai trò" cells as text ('' when blank). */
  ttCell: string;
  unitCell: string;
  roleCell: string;
}

/** A row left out of the sidebar, the summary and the exports, with the reason for the admin. */
export interface ReviewReason {
  row: number;
  id: string;
  /** relabelled: the id is genuine and unique, only the identity cells were changed (set-up repairs them). */
  kind: 'malformed' | 'unknown' | 'duplicate' | 'relabelled';
  reason: string;
}

const ROLE_CELL: Record<Role, string[]> = {
  lead: ['chủ trì', 'lead'],
  support: ['phối hợp', 'support'],
};

/** The parts of an id "tt|unit|role", or null when it is not one. */
export function parseAssignmentId(
  id: string,
): {tt: string; unitCode: string; role: Role} | null {
  const parts = id.split('|');
  if (parts.length !== 3) return null;
  const [tt, unitCode, role] = parts.map(p => p.trim());
  if (!tt || !unitCode || (role !== 'lead' && role !== 'support')) return null;
  return {tt, unitCode, role};
}

/**
 * The rows that cannot be trusted, by row: an id the plan does not give (tasks × resolved units),
 * an id on more than one row (every copy: which one is genuine is for the admin to say), or
 * identity cells that contradict the id (a unit re-labelling a row as another's).
 */
export function untrustedRows(
  rows: readonly RowIdentity[],
  plannedIds: ReadonlySet<string>,
): Map<number, ReviewReason> {
  const out = new Map<number, ReviewReason>();
  const rowsOf = new Map<string, number[]>();
  for (const r of rows) {
    const list = rowsOf.get(r.id) ?? [];
    list.push(r.row);
    rowsOf.set(r.id, list);
  }
  for (const r of rows) {
    const flag = (kind: ReviewReason['kind'], reason: string) =>
      out.set(r.row, {row: r.row, id: r.id, kind, reason});
    const parsed = parseAssignmentId(r.id);
    const copies = rowsOf.get(r.id) ?? [];
    if (!parsed) {
      flag(
        'malformed',
        `mã phân công "${r.id}" không đúng dạng TT|mã đơn vị|vai trò`,
      );
    } else if (!plannedIds.has(r.id)) {
      flag(
        'unknown',
        `mã phân công "${r.id}" không có trong kế hoạch (nhiệm vụ × đơn vị được phân công)`,
      );
    } else if (copies.length > 1) {
      flag(
        'duplicate',
        `mã phân công "${r.id}" xuất hiện ở nhiều dòng (${copies.map(n => `dòng ${n}`).join(', ')})`,
      );
    } else {
      const wrong: string[] = [];
      if (r.ttCell && r.ttCell !== parsed.tt) wrong.push('"TT nhiệm vụ"');
      if (r.unitCell && r.unitCell !== parsed.unitCode)
        wrong.push('"Mã đơn vị"');
      const role = r.roleCell.trim().toLowerCase();
      if (role && !ROLE_CELL[parsed.role].includes(role))
        wrong.push('"Vai trò"');
      if (wrong.length)
        flag(
          'relabelled',
          `${wrong.join(', ')} không khớp với mã phân công "${r.id}" (đơn vị của dòng lấy theo mã phân công)`,
        );
    }
  }
  return out;
}

/** One Vietnamese line for the admin's "Cần xem lại" list. */
export function describeReview(r: ReviewReason, tab: string): string {
  return `Trang ${tab}, dòng ${r.row}: ${r.reason} — dòng này không được tính vào thanh bên, tổng hợp và báo cáo xuất ra cho đến khi quản trị viên sửa hoặc xoá.`;
}
