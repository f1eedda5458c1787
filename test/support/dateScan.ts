// Finds dates a user reads that are not dd/MM/yyyy, or a time written before its date, in rendered text.

/** Text with tags, entities and links removed (links carry ids and ISO dates nobody reads as dates). */
export function readableText(text: string): string {
  return text
    .replace(/<(style|script)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/https?:\/\/[^\s"'<>)]+/g, ' ')
    .normalize('NFC');
}

const PATTERNS: Array<[string, RegExp]> = [
  // 2/9/2025, 02/9/2025, 2/09/25: day and month are always two digits, the year four.
  [
    'not dd/MM/yyyy',
    /(?<![\d/])(?!\d{2}\/\d{2}\/\d{4}(?![\d/]))\d{1,4}[/.]\d{1,2}[/.]\d{2,4}(?![\d/])/g,
  ],
  // 2025-09-02 or 2025-09-02T07:30 (ISO, as stored).
  ['ISO date', /(?<![\w-])\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}[^\s]*)?(?![\w-])/g],
  // 07:30 02/09/2025, 07:30 ngày 02/09/2025, 7h30, 02/09/2025 (time first).
  [
    'time before date',
    /(?<![\d:])\d{1,2}(?::\d{2}|h\d{2})(?::\d{2})?(?:\s*(?:,|ngày|–|-)?\s*)\d{1,2}\/\d{1,2}\/\d{4}/gi,
  ],
  // Dates as Date#toString / toUTCString / toLocaleString in English write them.
  [
    'English date',
    /\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),? (?:\d{1,2} )?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b|\bGMT[+-]\d{4}\b|\d{1,2}:\d{2}:\d{2} (?:AM|PM)\b/g,
  ],
];

/**
 * Every date problem in `text`, as "kind: «match» in «context»". `verbatim` are texts people typed
 * (the plan's own words: "Xong trước 05/9/2025"), removed before the scan: they are shown as written.
 */
export function dateProblems(
  text: string,
  verbatim: readonly string[] = [],
): string[] {
  let t = readableText(text);
  for (const v of [...verbatim].sort((a, b) => b.length - a.length)) {
    if (v.length >= 6) t = t.split(v).join(' ');
  }
  const out: string[] = [];
  for (const [kind, re] of PATTERNS) {
    for (const m of t.matchAll(re)) {
      const at = m.index ?? 0;
      const context = t
        .slice(Math.max(0, at - 40), at + m[0].length + 40)
        .replace(/\s+/g, ' ');
      out.push(`${kind}: «${m[0]}» in «${context}»`);
    }
  }
  return out;
}
