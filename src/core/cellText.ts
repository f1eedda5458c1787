// Text that fits one Google Sheets cell (50,000 characters): capped below it, with a visible mark where cut.

/** Google's limit on the characters of one cell. */
export const MAX_CELL_CHARS = 50000;

/** What we write at most into one cell: room left for the formula-guard apostrophe and margins. */
export const CELL_TEXT_LIMIT = 45000;

/** The mark a cut text ends with (or a shortened list starts with). */
export const CUT_MARK = '(đã rút gọn…)';

/** `text` cut to `max` characters (mark included), whole code points only. */
export function capText(text: string, max: number = CELL_TEXT_LIMIT): string {
  const s = String(text ?? '');
  if (s.length <= max) return s;
  let end = Math.max(0, max - CUT_MARK.length - 1);
  const code = s.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return `${s.slice(0, end)} ${CUT_MARK}`;
}

/**
 * Lines joined by "\n" within `max` characters: the last lines are kept (the newest), the first
 * ones dropped and replaced by one CUT_MARK line; a last line longer than the cell is cut itself.
 */
export function capLines(
  lines: string[],
  max: number = CELL_TEXT_LIMIT,
): string[] {
  const joined = lines.join('\n');
  if (joined.length <= max) return lines;
  const kept: string[] = [];
  let size = CUT_MARK.length;
  for (let i = lines.length - 1; i >= 0; i--) {
    const add = lines[i].length + 1;
    if (size + add > max) {
      if (!kept.length) kept.unshift(capText(lines[i], max - size - 1));
      break;
    }
    kept.unshift(lines[i]);
    size += add;
  }
  return [CUT_MARK, ...kept];
}
