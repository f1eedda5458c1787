// A1 notation: column letters, cell and range references ("Sheet 1!A1:C3", "A:A", "2:5").

/** A rectangle of cells, 1-based and inclusive. */
export interface GridRange {
  row: number;
  col: number;
  numRows: number;
  numCols: number;
}

/** A parsed A1 reference; open ends (as in "A:A" or "A2:C") are null until bound to a sheet. */
export interface A1Ref {
  sheetName: string | null;
  startRow: number | null;
  startCol: number | null;
  endRow: number | null;
  endCol: number | null;
}

export function columnToLetters(col: number): string {
  let s = '';
  let n = col;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function lettersToColumn(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

const PART_RE = /^\$?([A-Za-z]{0,3})\$?(\d*)$/;

function parsePart(
  part: string,
): {row: number | null; col: number | null} | null {
  const m = PART_RE.exec(part.trim());
  if (!m || (!m[1] && !m[2])) return null;
  const col = m[1] ? lettersToColumn(m[1]) : null;
  const row = m[2] ? Number(m[2]) : null;
  if (row !== null && row < 1) return null;
  return {row, col};
}

/** Splits "'My sheet'!A1:B2" into its sheet name (quotes undone) and the cell part. */
export function splitSheetName(a1: string): {
  sheetName: string | null;
  ref: string;
} {
  const bang = a1.lastIndexOf('!');
  if (bang < 0) return {sheetName: null, ref: a1};
  let name = a1.slice(0, bang);
  if (name.startsWith("'") && name.endsWith("'") && name.length >= 2) {
    name = name.slice(1, -1).replace(/''/g, "'");
  }
  return {sheetName: name, ref: a1.slice(bang + 1)};
}

/** Parses an A1 reference; null when it is not one. */
export function parseA1(a1: string): A1Ref | null {
  const {sheetName, ref} = splitSheetName(String(a1).trim());
  const parts = ref.split(':');
  if (parts.length > 2 || !ref) return null;
  const start = parsePart(parts[0]);
  if (!start) return null;
  if (parts.length === 1) {
    if (start.row === null || start.col === null) return null;
    return {
      sheetName,
      startRow: start.row,
      startCol: start.col,
      endRow: start.row,
      endCol: start.col,
    };
  }
  const end = parsePart(parts[1]);
  if (!end) return null;
  // "A:C" (whole columns), "1:3" (whole rows), "A2:C" (open bottom), "A1:B2".
  if (
    (start.col === null) !== (end.col === null) &&
    start.row !== null &&
    end.row !== null
  ) {
    return null;
  }
  const r1 = start.row;
  const r2 = end.row;
  const c1 = start.col;
  const c2 = end.col;
  return {
    sheetName,
    startRow:
      r1 !== null && r2 !== null
        ? Math.min(r1, r2)
        : (r1 ?? (r2 !== null ? 1 : null)),
    endRow:
      r1 !== null && r2 !== null ? Math.max(r1, r2) : r2 === null ? null : r2,
    startCol:
      c1 !== null && c2 !== null
        ? Math.min(c1, c2)
        : (c1 ?? (c2 !== null ? 1 : null)),
    endCol:
      c1 !== null && c2 !== null ? Math.max(c1, c2) : c2 === null ? null : c2,
  };
}

/** Binds open ends of a reference to the sheet's size. */
export function refToGrid(
  ref: A1Ref,
  maxRows: number,
  maxCols: number,
): GridRange {
  const row = ref.startRow ?? 1;
  const col = ref.startCol ?? 1;
  const endRow = ref.endRow ?? maxRows;
  const endCol = ref.endCol ?? maxCols;
  return {row, col, numRows: endRow - row + 1, numCols: endCol - col + 1};
}

export function gridToA1(g: GridRange): string {
  const a = columnToLetters(g.col) + g.row;
  if (g.numRows === 1 && g.numCols === 1) return a;
  return `${a}:${columnToLetters(g.col + g.numCols - 1)}${g.row + g.numRows - 1}`;
}

/** How Google writes a sheet name inside a reference: quoted unless it is a plain word. */
export function quoteSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name)
    ? name
    : `'${name.replace(/'/g, "''")}'`;
}

export function intersects(a: GridRange, b: GridRange): boolean {
  return (
    a.row < b.row + b.numRows &&
    b.row < a.row + a.numRows &&
    a.col < b.col + b.numCols &&
    b.col < a.col + a.numCols
  );
}

export function containsCell(g: GridRange, row: number, col: number): boolean {
  return (
    row >= g.row &&
    row < g.row + g.numRows &&
    col >= g.col &&
    col < g.col + g.numCols
  );
}
