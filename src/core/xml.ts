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
  /** The part's text (UTF-8), or its bytes in base64 when `encoding` says so. */
  content: string;
  encoding?: 'base64';
}

/** The package's docProps/core.xml (title, creator, language, created) shared by .docx and .xlsx. */
export function corePropertiesXml(props: {
  title?: string;
  creator?: string;
  language?: string;
  created?: string;
}): string {
  const created =
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(
      props.created ?? '',
    )
      ? `<dcterms:created xsi:type="dcterms:W3CDTF">${props.created}</dcterms:created>`
      : '';
  return (
    XML_DECLARATION +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    (props.title ? `<dc:title>${escapeXml(props.title)}</dc:title>` : '') +
    (props.creator
      ? `<dc:creator>${escapeXml(props.creator)}</dc:creator>`
      : '') +
    (props.language
      ? `<dc:language>${escapeXml(props.language)}</dc:language>`
      : '') +
    created +
    '</cp:coreProperties>'
  );
}

/** The package's docProps/app.xml naming the application that reads it. */
export function appPropertiesXml(application: string): string {
  return (
    XML_DECLARATION +
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">' +
    `<Application>${escapeXml(application)}</Application></Properties>`
  );
}

/** The package's _rels/.rels: the main part, then docProps/core.xml and docProps/app.xml. */
export function packageRelsXml(mainPart: string): string {
  const pkg = 'http://schemas.openxmlformats.org/package/2006/relationships';
  const doc =
    'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  return (
    XML_DECLARATION +
    `<Relationships xmlns="${pkg}">` +
    `<Relationship Id="rId1" Type="${doc}/officeDocument" Target="${mainPart}"/>` +
    `<Relationship Id="rId2" Type="${pkg}/metadata/core-properties" Target="docProps/core.xml"/>` +
    `<Relationship Id="rId3" Type="${doc}/extended-properties" Target="docProps/app.xml"/>` +
    '</Relationships>'
  );
}
