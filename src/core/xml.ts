// XML text and attribute escaping that also drops the characters XML 1.0 cannot hold at all.

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/**
 * Characters XML 1.0 forbids even when escaped: C0 controls other than tab, LF and CR, lone
 * surrogates and U+FFFE/U+FFFF. A parser (Excel, Word, Drive) refuses the whole file for one.
 */
const INVALID_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text without the characters XML 1.0 cannot represent. */
export function xmlSafeText(text: unknown): string {
  return String(text ?? '').replace(INVALID_XML, '');
}

/** Escapes text for XML element content and quoted attribute values. */
export function escapeXml(text: unknown): string {
  return xmlSafeText(text).replace(/[&<>"']/g, c => XML_ESCAPES[c]);
}

/** The XML declaration every part starts with. */
export const XML_DECLARATION =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** One file of an Office Open XML package: its path inside the zip and its XML text. */
export interface PackagePart {
  path: string;
  content: string;
}
