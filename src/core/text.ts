// Vietnamese text helpers: NFC normalisation, comparison keys, the formula guard and HTML escaping.

/** NFC, as Google Sheets and most keyboards produce; text pasted from Word or PDF is often NFD. */
export function nfc(text: string): string {
  return String(text ?? '').normalize('NFC');
}

/**
 * A key for comparing Vietnamese text: NFC, lower case, "đ" kept, every run of whitespace
 * (including non-breaking spaces and line breaks) as one space, trimmed.
 */
export function normalizeKey(text: string): string {
  return nfc(text)
    .toLowerCase()
    .replace(/[\s\u00a0\u200b]+/g, ' ')
    .trim();
}

/** True when two texts are the same once case, spacing and Unicode form are ignored. */
export function sameText(a: string, b: string): boolean {
  return normalizeKey(a) === normalizeKey(b);
}

/** Removes the Vietnamese diacritics (for loose matching and for ids only; never for display). */
export function foldDiacritics(text: string): string {
  return nfc(text)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
}

/** Characters that make a spreadsheet cell a formula when they come first. */
const FORMULA_START = /^[=+\-@]/;

/**
 * Text a user typed, made safe to write into a cell: a leading `= + - @` gets an apostrophe so
 * Sheets stores it as text, never as a formula. Other text is returned unchanged.
 */
export function guardFormula(text: string): string {
  const s = String(text ?? '');
  return FORMULA_START.test(s) ? `'${s}` : s;
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return String(text ?? '').replace(/[&<>"']/g, c => HTML_ESCAPES[c]);
}

/** Removes control characters (keeping tab and line breaks) from user text. */
export function stripControlChars(text: string): string {
  // eslint-disable-next-line no-control-regex
  const control = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
  return String(text ?? '').replace(control, '');
}
