// Tamper evidence for the history tab: a digest per chunk of archived rows, and what changed since.

/** Rows per digest chunk (a few hundred chunks fit one document property). */
export const CHUNK_ROWS = 200;

/** What the daily job remembers of the archived history rows. */
export interface HistoryArchive {
  /** How many data rows (from row 2) were archived. */
  rows: number;
  /** One digest per CHUNK_ROWS rows (the last chunk may be shorter). */
  chunks: string[];
}

/** FNV-1a over the text, twice with different seeds: 16 hex characters, stable, no crypto needed. */
export function digestText(text: string): string {
  const hash = (seed: number) => {
    let h = seed >>> 0;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h.toString(16).padStart(8, '0');
  };
  return `${hash(0x811c9dc5)}${hash(0x050c5d1f)}`;
}

function cellText(v: unknown): string {
  if (Object.prototype.toString.call(v) === '[object Date]')
    return `d${(v as Date).getTime()}`;
  return `${typeof v === 'number' ? 'n' : 's'}${String(v ?? '')}`;
}

function chunkDigest(rows: readonly unknown[][]): string {
  return digestText(rows.map(r => r.map(cellText).join('\u241f')).join('\n'));
}

/** The archive of `rows` (the data rows of the tab, header excluded). */
export function archiveOf(rows: readonly unknown[][]): HistoryArchive {
  const chunks: string[] = [];
  for (let i = 0; i < rows.length; i += CHUNK_ROWS)
    chunks.push(chunkDigest(rows.slice(i, i + CHUNK_ROWS)));
  return {rows: rows.length, chunks};
}

/** Reads a stored archive; anything unreadable counts as none. */
export function readArchive(text: string | null): HistoryArchive | null {
  if (!text) return null;
  try {
    const v = JSON.parse(text) as HistoryArchive;
    if (
      typeof v.rows === 'number' &&
      Array.isArray(v.chunks) &&
      v.chunks.every(c => typeof c === 'string')
    )
      return v;
  } catch {
    // fall through
  }
  return null;
}

/**
 * Vietnamese lines naming each changed span of archived rows (sheet row numbers), or [] when the
 * archived rows are exactly as they were. Rows added below the archive are not changes.
 */
export function archiveChanges(
  archive: HistoryArchive,
  rows: readonly unknown[][],
): string[] {
  const out: string[] = [];
  if (rows.length < archive.rows) {
    out.push(
      `Nhật ký có ${rows.length} dòng, ít hơn ${archive.rows} dòng đã lưu trữ: có dòng đã bị xoá.`,
    );
  }
  archive.chunks.forEach((digest, i) => {
    const from = i * CHUNK_ROWS;
    const to = Math.min(from + CHUNK_ROWS, archive.rows);
    if (to > rows.length) return;
    if (chunkDigest(rows.slice(from, to)) !== digest) {
      out.push(
        `Nhật ký, dòng ${from + 2}–${to + 1}: nội dung đã bị sửa sau khi được lưu trữ.`,
      );
    }
  });
  return out;
}
