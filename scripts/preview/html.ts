// HTML helpers for the preview server: escaping of every piece of text and safe CSS values.

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML content and quoted attribute values. */
export function escapeHtml(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return text.replace(/[&<>"']/g, ch => HTML_ESCAPES[ch]);
}

/** A CSS colour from sheet formats, or null when it is not a plain #hex or named colour. */
export function safeColor(color: unknown): string | null {
  if (typeof color !== 'string') return null;
  const c = color.trim();
  return /^#[0-9a-f]{3,8}$/i.test(c) || /^[a-z]{3,20}$/i.test(c) ? c : null;
}

/** A CSS font family name stripped of anything that could end the declaration. */
export function safeFontFamily(family: unknown): string | null {
  if (typeof family !== 'string') return null;
  const f = family.replace(/[^\p{L}\p{N} _-]/gu, '').trim();
  return f ? `'${f}'` : null;
}

/** Serializes JSON for embedding inside a <script> element. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
