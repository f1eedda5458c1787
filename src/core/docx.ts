// WordprocessingML (.docx) parts from paragraphs and tables: pure XML text, zipped by the caller.
import {
  appPropertiesXml,
  corePropertiesXml,
  escapeXml,
  type PackagePart,
  packageRelsXml,
  XML_DECLARATION,
  xmlSafeText,
} from './xml';

/** The .docx content type. */
export const DOCX_MIME =
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export interface DocxRun {
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  /** Font size in points. */
  size?: number;
}

export interface DocxParagraph {
  type: 'paragraph';
  runs: DocxRun[];
  align?: 'left' | 'center' | 'right' | 'both';
  firstLineIndentCm?: number;
  indentLeftCm?: number;
  indentRightCm?: number;
  spaceBeforePt?: number;
  spaceAfterPt?: number;
  /** Line spacing as a multiple (1 = single). */
  lineSpacing?: number;
  keepWithNext?: boolean;
  pageBreakBefore?: boolean;
  /** A thin line under the paragraph (NĐ 30's short rule under a name or title). */
  bottomBorder?: boolean;
  /** Defaults for the runs that do not say. */
  size?: number;
  bold?: boolean;
  italic?: boolean;
}

export interface DocxCell {
  paragraphs: DocxParagraph[];
  /** Background, #rrggbb. */
  fill?: string;
  vAlign?: 'top' | 'center' | 'bottom';
  /** Grid columns the cell spans (w:gridSpan); the row then has fewer cells. */
  span?: number;
  /** Vertical merge (w:vMerge): "restart" opens a merged block, "continue" joins the cell above. */
  vMerge?: 'restart' | 'continue';
}

export interface DocxTable {
  type: 'table';
  /** Column widths in centimetres (the table is exactly as wide as their sum). */
  widthsCm: number[];
  rows: DocxCell[][];
  /** Single borders around every cell, or none at all (layout tables). */
  borders: boolean;
  /** Leading rows repeated atop every page the table runs onto. */
  headerRows?: number;
}

/** An inline picture in its own paragraph (a PNG of the package's `images`). */
export interface DocxPicture {
  type: 'picture';
  /** The image's name in `DocxDocument.images` ("chart1.png"). */
  image: string;
  widthCm: number;
  heightCm: number;
  /** Alternative text. */
  description: string;
  align?: 'left' | 'center' | 'right';
}

/** A PNG carried by the package (word/media/<name>), base64. */
export interface DocxImage {
  name: string;
  base64: string;
}

export type DocxBlock = DocxParagraph | DocxTable | DocxPicture;

export interface DocxMargins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** A run of pages with one orientation and one set of margins (centimetres). */
export interface DocxSection {
  blocks: DocxBlock[];
  landscape?: boolean;
  marginsCm?: DocxMargins;
}

export interface DocxDocument {
  sections: DocxSection[];
  fontName?: string;
  /** Body text size in points. */
  fontSizePt?: number;
  /** BCP 47 language of the text, e.g. "vi-VN". */
  language?: string;
  title?: string;
  creator?: string;
  /** ISO timestamp with zone (W3CDTF). */
  created?: string;
  /** Page numbers centred in the top margin from the second page on (NĐ 30/2020). */
  pageNumbers?: boolean;
  /** Pictures the `picture` blocks show. */
  images?: DocxImage[];
}

const NS_W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const NS_R =
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_PKG_REL =
  'http://schemas.openxmlformats.org/package/2006/relationships';
const A4_SHORT = 11906;
const A4_LONG = 16838;

/** Twentieths of a point from centimetres. */
export function cmToTwips(cm: number): number {
  return Math.round((cm * 1440) / 2.54);
}

/** A paragraph of one run. */
export function para(
  text: string,
  opts: Omit<DocxParagraph, 'type' | 'runs'> & {underline?: boolean} = {},
): DocxParagraph {
  const {underline, ...rest} = opts;
  return {type: 'paragraph', runs: [{text, underline}], ...rest};
}

function runXml(run: DocxRun, p: DocxParagraph, defaultSize: number): string {
  const bold = run.bold ?? p.bold;
  const italic = run.italic ?? p.italic;
  const size = run.size ?? p.size ?? defaultSize;
  const props =
    (bold ? '<w:b/><w:bCs/>' : '') +
    (italic ? '<w:i/><w:iCs/>' : '') +
    (run.underline ? '<w:u w:val="single"/>' : '') +
    (size !== defaultSize
      ? `<w:sz w:val="${Math.round(size * 2)}"/><w:szCs w:val="${Math.round(size * 2)}"/>`
      : '');
  const rPr = props ? `<w:rPr>${props}</w:rPr>` : '';
  const text = xmlSafeText(run.text).replace(/\r\n?/g, '\n');
  const pieces: string[] = [];
  text.split('\n').forEach((line, i) => {
    if (i > 0) pieces.push('<w:br/>');
    line.split('\t').forEach((chunk, j) => {
      if (j > 0) pieces.push('<w:tab/>');
      if (chunk)
        pieces.push(`<w:t xml:space="preserve">${escapeXml(chunk)}</w:t>`);
    });
  });
  return `<w:r>${rPr}${pieces.join('')}</w:r>`;
}

function paragraphXml(
  p: DocxParagraph,
  defaultSize: number,
  sectPr = '',
): string {
  const props: string[] = [];
  if (p.keepWithNext) props.push('<w:keepNext/>');
  if (p.pageBreakBefore) props.push('<w:pageBreakBefore/>');
  if (p.bottomBorder)
    props.push(
      '<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>',
    );
  const spacing: string[] = [];
  if (p.spaceBeforePt !== undefined)
    spacing.push(`w:before="${Math.round(p.spaceBeforePt * 20)}"`);
  if (p.spaceAfterPt !== undefined)
    spacing.push(`w:after="${Math.round(p.spaceAfterPt * 20)}"`);
  if (p.lineSpacing !== undefined)
    spacing.push(
      `w:line="${Math.round(p.lineSpacing * 240)}" w:lineRule="auto"`,
    );
  if (spacing.length) props.push(`<w:spacing ${spacing.join(' ')}/>`);
  const ind: string[] = [];
  if (p.indentLeftCm) ind.push(`w:left="${cmToTwips(p.indentLeftCm)}"`);
  if (p.indentRightCm) ind.push(`w:right="${cmToTwips(p.indentRightCm)}"`);
  if (p.firstLineIndentCm)
    ind.push(`w:firstLine="${cmToTwips(p.firstLineIndentCm)}"`);
  if (ind.length) props.push(`<w:ind ${ind.join(' ')}/>`);
  if (p.align) props.push(`<w:jc w:val="${p.align}"/>`);
  if (p.size !== undefined && p.size !== defaultSize) {
    // The paragraph mark's size keeps an empty paragraph as tall as its text would be.
    props.push(
      `<w:rPr><w:sz w:val="${Math.round(p.size * 2)}"/><w:szCs w:val="${Math.round(p.size * 2)}"/></w:rPr>`,
    );
  }
  props.push(sectPr);
  const pPr = props.join('') ? `<w:pPr>${props.join('')}</w:pPr>` : '';
  const runs = p.runs
    .filter(r => r.text !== '')
    .map(r => runXml(r, p, defaultSize));
  return `<w:p>${pPr}${runs.join('')}</w:p>`;
}

function tableXml(t: DocxTable, defaultSize: number): string {
  const widths = t.widthsCm.map(cmToTwips);
  const total = widths.reduce((a, b) => a + b, 0);
  const border = (side: string) =>
    t.borders
      ? `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>`
      : `<w:${side} w:val="nil"/>`;
  const borders = ['top', 'left', 'bottom', 'right', 'insideH', 'insideV']
    .map(border)
    .join('');
  const out: string[] = [
    '<w:tbl><w:tblPr>' +
      `<w:tblW w:w="${total}" w:type="dxa"/><w:jc w:val="center"/>` +
      `<w:tblBorders>${borders}</w:tblBorders><w:tblLayout w:type="fixed"/>` +
      `<w:tblCellMar><w:left w:w="${t.borders ? 85 : 0}" w:type="dxa"/><w:right w:w="${t.borders ? 85 : 0}" w:type="dxa"/></w:tblCellMar>` +
      '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>' +
      '</w:tblPr>',
    `<w:tblGrid>${widths.map(w => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>`,
  ];
  t.rows.forEach((row, ri) => {
    const header = ri < (t.headerRows ?? 0);
    out.push(
      `<w:tr><w:trPr><w:cantSplit/>${header ? '<w:tblHeader/>' : ''}</w:trPr>`,
    );
    let col = 0;
    row.forEach(cell => {
      const fill = /^#?([0-9a-f]{6})$/i.exec(cell.fill ?? '');
      const span = Math.max(1, Math.floor(cell.span ?? 1));
      const width = widths.slice(col, col + span).reduce((a, b) => a + b, 0);
      col += span;
      const tcPr =
        `<w:tcW w:w="${width}" w:type="dxa"/>` +
        (span > 1 ? `<w:gridSpan w:val="${span}"/>` : '') +
        (cell.vMerge === 'restart'
          ? '<w:vMerge w:val="restart"/>'
          : cell.vMerge === 'continue'
            ? '<w:vMerge/>'
            : '') +
        (fill
          ? `<w:shd w:val="clear" w:color="auto" w:fill="${fill[1].toUpperCase()}"/>`
          : '') +
        `<w:vAlign w:val="${cell.vAlign ?? 'top'}"/>`;
      const paragraphs = cell.paragraphs.length
        ? cell.paragraphs
        : [{type: 'paragraph' as const, runs: []}];
      out.push(
        `<w:tc><w:tcPr>${tcPr}</w:tcPr>${paragraphs.map(p => paragraphXml(p, defaultSize)).join('')}</w:tc>`,
      );
    });
    out.push('</w:tr>');
  });
  out.push('</w:tbl>');
  return out.join('');
}

function sectPrXml(
  s: DocxSection,
  first: boolean,
  pageNumbers: boolean,
): string {
  const m = s.marginsCm ?? {top: 2, right: 1.5, bottom: 2, left: 3};
  const size = s.landscape
    ? `<w:pgSz w:w="${A4_LONG}" w:h="${A4_SHORT}" w:orient="landscape"/>`
    : `<w:pgSz w:w="${A4_SHORT}" w:h="${A4_LONG}"/>`;
  return (
    '<w:sectPr>' +
    (pageNumbers && first
      ? '<w:headerReference w:type="default" r:id="rIdHeader1"/>'
      : '') +
    '<w:type w:val="nextPage"/>' +
    size +
    `<w:pgMar w:top="${cmToTwips(m.top)}" w:right="${cmToTwips(m.right)}" w:bottom="${cmToTwips(m.bottom)}" ` +
    `w:left="${cmToTwips(m.left)}" w:header="567" w:footer="567" w:gutter="0"/>` +
    (pageNumbers && first ? '<w:titlePg/>' : '') +
    '</w:sectPr>'
  );
}

const NS_WP =
  'http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing';
const NS_A = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const NS_PIC = 'http://schemas.openxmlformats.org/drawingml/2006/picture';
const EMU_PER_CM = 360000;

/** The relationship id of an image part. */
function imageRelId(index: number): string {
  return `rIdImg${index + 1}`;
}

/** A DrawingML inline picture (wp:inline → pic:pic → a:blip r:embed), as Word writes it. */
function pictureXml(p: DocxPicture, images: DocxImage[], id: number): string {
  const index = images.findIndex(i => i.name === p.image);
  if (index < 0) return '';
  const cx = Math.round(p.widthCm * EMU_PER_CM);
  const cy = Math.round(p.heightCm * EMU_PER_CM);
  const alt = escapeXml(xmlSafeText(p.description));
  const name = escapeXml(p.image);
  return (
    `<w:p><w:pPr><w:jc w:val="${p.align ?? 'center'}"/><w:spacing w:before="120" w:after="120"/></w:pPr><w:r><w:drawing>` +
    `<wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="${cx}" cy="${cy}"/>` +
    `<wp:docPr id="${id}" name="${name}" descr="${alt}"/>` +
    '<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>' +
    `<a:graphic><a:graphicData uri="${NS_PIC}"><pic:pic>` +
    `<pic:nvPicPr><pic:cNvPr id="${id}" name="${name}" descr="${alt}"/><pic:cNvPicPr/></pic:nvPicPr>` +
    `<pic:blipFill><a:blip r:embed="${imageRelId(index)}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>` +
    `<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="${cx}" cy="${cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>` +
    '</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>'
  );
}

function documentXml(doc: DocxDocument, defaultSize: number): string {
  const body: string[] = [];
  const images = doc.images ?? [];
  let pictures = 0;
  const sections = doc.sections.length ? doc.sections : [{blocks: []}];
  const pageNumbers = !!doc.pageNumbers;
  sections.forEach((s, si) => {
    const last = si === sections.length - 1;
    s.blocks.forEach(b =>
      body.push(
        b.type === 'table'
          ? tableXml(b, defaultSize)
          : b.type === 'picture'
            ? pictureXml(b, images, ++pictures)
            : paragraphXml(b, defaultSize),
      ),
    );
    const sectPr = sectPrXml(s, si === 0, pageNumbers);
    if (last) {
      // Word wants a paragraph after a table and before the body's own section properties.
      if (!s.blocks.length || s.blocks[s.blocks.length - 1].type === 'table')
        body.push('<w:p/>');
      body.push(sectPr);
    } else {
      body.push(
        paragraphXml(
          {type: 'paragraph', runs: [], spaceAfterPt: 0},
          defaultSize,
          sectPr,
        ),
      );
    }
  });
  return (
    XML_DECLARATION +
    `<w:document xmlns:w="${NS_W}" xmlns:r="${NS_R}"${images.length ? ` xmlns:wp="${NS_WP}" xmlns:a="${NS_A}" xmlns:pic="${NS_PIC}"` : ''}><w:body>${body.join('')}</w:body></w:document>`
  );
}

function stylesXml(font: string, size: number, lang: string): string {
  const f = escapeXml(font);
  return (
    XML_DECLARATION +
    `<w:styles xmlns:w="${NS_W}">` +
    '<w:docDefaults><w:rPrDefault><w:rPr>' +
    `<w:rFonts w:ascii="${f}" w:hAnsi="${f}" w:eastAsia="${f}" w:cs="${f}"/>` +
    `<w:sz w:val="${size * 2}"/><w:szCs w:val="${size * 2}"/><w:lang w:val="${escapeXml(lang)}" w:eastAsia="${escapeXml(lang)}"/>` +
    '</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>' +
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>' +
    '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/>' +
    '<w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>' +
    '<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>' +
    '<w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/><w:basedOn w:val="Normal"/></w:style>' +
    '</w:styles>'
  );
}

const HEADER_XML =
  XML_DECLARATION +
  `<w:hdr xmlns:w="${NS_W}" xmlns:r="${NS_R}"><w:p><w:pPr><w:pStyle w:val="Header"/><w:jc w:val="center"/></w:pPr>` +
  '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>' +
  '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>' +
  '</w:p></w:hdr>';

/** Every part of the .docx package, ready to be zipped (paths relative to the zip's root). */
export function docxParts(doc: DocxDocument): PackagePart[] {
  const font = doc.fontName ?? 'Times New Roman';
  const size = doc.fontSizePt ?? 14;
  const lang = doc.language ?? 'vi-VN';
  const wml = 'application/vnd.openxmlformats-officedocument.wordprocessingml';
  const contentTypes =
    XML_DECLARATION +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    (doc.images?.length
      ? '<Default Extension="png" ContentType="image/png"/>'
      : '') +
    `<Override PartName="/word/document.xml" ContentType="${wml}.document.main+xml"/>` +
    `<Override PartName="/word/styles.xml" ContentType="${wml}.styles+xml"/>` +
    `<Override PartName="/word/settings.xml" ContentType="${wml}.settings+xml"/>` +
    (doc.pageNumbers
      ? `<Override PartName="/word/header1.xml" ContentType="${wml}.header+xml"/>`
      : '') +
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
    '</Types>';
  const rootRels = packageRelsXml('word/document.xml');
  const docRels =
    XML_DECLARATION +
    `<Relationships xmlns="${NS_PKG_REL}">` +
    `<Relationship Id="rIdStyles" Type="${NS_R}/styles" Target="styles.xml"/>` +
    `<Relationship Id="rIdSettings" Type="${NS_R}/settings" Target="settings.xml"/>` +
    (doc.pageNumbers
      ? `<Relationship Id="rIdHeader1" Type="${NS_R}/header" Target="header1.xml"/>`
      : '') +
    (doc.images ?? [])
      .map(
        (img, i) =>
          `<Relationship Id="${imageRelId(i)}" Type="${NS_R}/image" Target="media/${escapeXml(img.name)}"/>`,
      )
      .join('') +
    '</Relationships>';
  const settings =
    XML_DECLARATION +
    `<w:settings xmlns:w="${NS_W}"><w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/>` +
    '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>' +
    '</w:settings>';
  const core = corePropertiesXml({
    title: doc.title,
    creator: doc.creator,
    language: lang,
    created: doc.created,
  });
  const app = appPropertiesXml('Microsoft Office Word');
  const parts: PackagePart[] = [
    {path: '[Content_Types].xml', content: contentTypes},
    {path: '_rels/.rels', content: rootRels},
    {path: 'docProps/core.xml', content: core},
    {path: 'docProps/app.xml', content: app},
    {path: 'word/document.xml', content: documentXml(doc, size)},
    {path: 'word/_rels/document.xml.rels', content: docRels},
    {path: 'word/styles.xml', content: stylesXml(font, size, lang)},
    {path: 'word/settings.xml', content: settings},
  ];
  if (doc.pageNumbers)
    parts.push({path: 'word/header1.xml', content: HEADER_XML});
  for (const img of doc.images ?? [])
    parts.push({
      path: `word/media/${img.name}`,
      content: img.base64,
      encoding: 'base64',
    });
  return parts;
}
