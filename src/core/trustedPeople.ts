// Who the protections may name: every unit, admin and leader address checked before any protection is touched.
import {isValidEmail} from './reminders';
import type {Unit} from './types';

/** The addresses the protections may use, and what was left out (in Vietnamese, by name). */
export interface TrustedPeople {
  /** Valid admin addresses (lower case, no duplicates). */
  admins: string[];
  /** Unit code → its valid addresses (units whose staff use the sidebar only; none when all are bad). */
  unitEmails: Map<string, string[]>;
  /** One Vietnamese sentence per unit or setting with a bad address. */
  problems: string[];
}

/** The list split into valid addresses (lower case, deduplicated) and the rest, as written. */
export function partitionAddresses(list: readonly string[]): {
  valid: string[];
  invalid: string[];
} {
  const valid: string[] = [];
  const invalid: string[] = [];
  for (const raw of list) {
    const text = String(raw ?? '').trim();
    if (!text) continue;
    if (isValidEmail(text)) {
      const e = text.toLowerCase();
      if (!valid.includes(e)) valid.push(e);
    } else invalid.push(text);
  }
  return {valid, invalid};
}

const quoted = (xs: string[]) => xs.map(x => `"${x}"`).join(', ');

/** A unit whose staff edit through the sidebar: active, not a village (villages use the forms). */
export function isSidebarCandidate(u: Unit): boolean {
  return u.active && u.kind !== 'village';
}

/**
 * Checks every address the protections and mails rely on. A bad address is treated as absent: a
 * unit left with no valid address gets no editors (its rows stay admin-only), a bad admin address
 * is never added as an editor.
 */
export function trustedPeople(
  units: readonly Unit[],
  adminEmails: readonly string[],
  leaderEmails: readonly string[],
): TrustedPeople {
  const problems: string[] = [];
  const admins = partitionAddresses(adminEmails);
  if (admins.invalid.length) {
    problems.push(
      `Cấu hình, "Email quản trị": địa chỉ không hợp lệ ${quoted(admins.invalid)} — bỏ qua, không được quyền quản trị cho đến khi sửa lại.`,
    );
  }
  const leaders = partitionAddresses(leaderEmails);
  if (leaders.invalid.length) {
    problems.push(
      `Cấu hình, email lãnh đạo: địa chỉ không hợp lệ ${quoted(leaders.invalid)} — bỏ qua khi gửi thư.`,
    );
  }
  const unitEmails = new Map<string, string[]>();
  for (const u of units) {
    if (!u.code || !isSidebarCandidate(u)) continue;
    const {valid, invalid} = partitionAddresses(u.emails);
    if (invalid.length) {
      problems.push(
        `Đơn vị "${u.name || u.code}": email không hợp lệ ${quoted(invalid)} — bỏ qua` +
          (valid.length
            ? '.'
            : '; các dòng Phân công của đơn vị này chỉ quản trị viên sửa được cho đến khi sửa email ở trang Đơn vị.'),
      );
    }
    if (valid.length) unitEmails.set(u.code, valid);
  }
  return {admins: admins.valid, unitEmails, problems};
}
