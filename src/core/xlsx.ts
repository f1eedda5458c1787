// SpreadsheetML (.xlsx) parts from styled cells: pure XML text, zipped by the caller (Utilities.zip).
import {
  appPropertiesXml,
  corePropertiesXml,
  escapeXml,
  type PackagePart,
  packageRelsXml,
  XML_DECLARATION,
  xmlSafeText,
} from './xml';

/** The .xlsx content type. */
export const XLSX_MIME =
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** How one cell looks; equal styles share one entry of styles.xml. */
export interface XlsxStyle {
  bold?: boolean;
  italic?: boolean;
  /** Font size in points (default: the workbook's). */
  size?: number;
  /** Text colour, #rrggbb. */
  color?: string;
  /** Background colour, #rrggbb. */
  fill?: string;
  hAlign?: 'left' | 'center' | 'right';
  vAlign?: 'top' | 'center' | 'bottom';
  wrap?: boolean;
  /** A thin border on all four sides. */
  border?: boolean;
}

export interface XlsxCell {
  value: string | number | null;
  style?: XlsxStyle;
}

/** A merged block, 1-based, its value in the top-left cell. */
export interface XlsxMerge {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export interface XlsxSheet {
  name: string;
  rows: XlsxCell[][];
  /** Column widths in Excel's unit (characters of the default font). */
  widths: number[];
  /** Rows kept in view when scrolling (0: none). */
  frozenRows?: number;
  merges?: XlsxMerge[];
  landscape?: boolean;
  /** Print scaled to one page wide (as many pages tall as needed). */
  fitToWidth?: boolean;
  /** 1-based first and last row repeated atop every printed page. */
  printTitleRows?: [number, number];
  /** Footer text printed centred on every page; "&P"/"&N" stand for the page / page count. */
  footer?: string;
}

export interface XlsxWorkbook {
  sheets: XlsxSheet[];
  title?: string;
  creator?: string;
  /** ISO timestamp with zone (W3CDTF), e.g. "2025-09-02T07:00:00+07:00". */
  created?: string;
  fontName?: string;
  fontSize?: number;
}

/** One file of the package: its path inside the zip and its XML text. */
export type XlsxPart = PackagePart;

/** Excel refuses longer cell text. */
export const MAX_CELL_CHARS = 32767;
/** Excel's tallest row, in points. */
const MAX_ROW_HEIGHT = 409;

const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL =
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_PKG_REL =
  'http://schemas.openxmlformats.org/package/2006/relationships';

/** "A", "B", … "Z", "AA" for a 1-based column. */
export function columnName(col: number): string {
  let n = Math.floor(col);
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

export function cellRef(row: number, col: number): string {
  return `${columnName(col)}${row}`;
}

/** A sheet name Excel accepts: no []:*?/\, not blank, at most 31 characters, no edge quotes. */
export function sanitizeSheetName(name: string): string {
  const cleaned = xmlSafeText(name)
    .replace(/[[\]:*?/\\]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^'+|'+$/g, '');
  const short = Array.from(cleaned).slice(0, 31).join('').trim();
  return short || 'Sheet1';
}

/** Cell text: XML-safe and within Excel's length limit. */
function cellText(value: string): string {
  const text = xmlSafeText(value).replace(/\r\n?/g, '\n');
  return text.length > MAX_CELL_CHARS
    ? text.slice(0, MAX_CELL_CHARS - 1) + '…'
    : text;
}

function argb(color: string | undefined): string | null {
  const m = /^#?([0-9a-f]{6})$/i.exec(String(color ?? '').trim());
  return m ? `FF${m[1].toUpperCase()}` : null;
}

/**
 * Row height in points that shows every line of wrapped text: each cell's text laid out at
 * about 1.2 characters per width unit (proportional fonts run narrower than the digit the
 * unit is based on), plus its explicit line breaks.
 */
export function estimateRowHeight(
  cells: {text: string; width: number; size: number; wrap: boolean}[],
  defaultSize: number,
): number {
  let best = defaultSize * 1.3 + 3;
  for (const c of cells) {
    if (!c.text) continue;
    const perLine = Math.max(
      1,
      Math.floor(c.width * 1.2 * (defaultSize / c.size)),
    );
    let lines = 0;
    for (const line of c.text.split('\n')) {
      lines += c.wrap
        ? Math.max(1, Math.ceil(Array.from(line).length / perLine))
        : 1;
    }
    best = Math.max(best, lines * c.size * 1.3 + 3);
  }
  return Math.min(MAX_ROW_HEIGHT, Math.round(best * 4) / 4);
}

/** Collects the distinct fonts, fills, borders and cell formats the cells use. */
class StyleTable {
  readonly fonts: string[];
  readonly fills: string[] = [
    '<fill><patternFill patternType="none"/></fill>',
    '<fill><patternFill patternType="gray125"/></fill>',
  ];
  readonly borders: string[] = [
    '<border><left/><right/><top/><bottom/><diagonal/></border>',
    '<border><left style="thin"><color rgb="FF808080"/></left><right style="thin"><color rgb="FF808080"/></right>' +
      '<top style="thin"><color rgb="FF808080"/></top><bottom style="thin"><color rgb="FF808080"/></bottom><diagonal/></border>',
  ];
  readonly xfs: string[] = [
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>',
  ];
  private readonly index = new Map<string, number>();

  constructor(
    private readonly fontName: string,
    private readonly fontSize: number,
  ) {
    this.fonts = [this.fontXml({})];
  }

  private fontXml(s: XlsxStyle): string {
    const color = argb(s.color);
    return (
      '<font>' +
      (s.bold ? '<b/>' : '') +
      (s.italic ? '<i/>' : '') +
      `<sz val="${s.size ?? this.fontSize}"/>` +
      (color ? `<color rgb="${color}"/>` : '') +
      `<name val="${escapeXml(this.fontName)}"/><family val="1"/></font>`
    );
  }

  private idOf(list: string[], xml: string): number {
    const found = list.indexOf(xml);
    if (found >= 0) return found;
    list.push(xml);
    return list.length - 1;
  }

  /** The cellXfs index for a style (0 for none). */
  styleId(style: XlsxStyle | undefined): number {
    if (!style) return 0;
    const key = JSON.stringify([
      !!style.bold,
      !!style.italic,
      style.size ?? null,
      argb(style.color),
      argb(style.fill),
      style.hAlign ?? null,
      style.vAlign ?? null,
      !!style.wrap,
      !!style.border,
    ]);
    const known = this.index.get(key);
    if (known !== undefined) return known;
    const fontId = this.idOf(this.fonts, this.fontXml(style));
    const fill = argb(style.fill);
    const fillId = fill
      ? this.idOf(
          this.fills,
          `<fill><patternFill patternType="solid"><fgColor rgb="${fill}"/><bgColor indexed="64"/></patternFill></fill>`,
        )
      : 0;
    const borderId = style.border ? 1 : 0;
    const align: string[] = [];
    if (style.hAlign) align.push(`horizontal="${style.hAlign}"`);
    align.push(`vertical="${style.vAlign ?? 'top'}"`);
    if (style.wrap) align.push('wrapText="1"');
    const xf =
      `<xf numFmtId="0" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"` +
      `${fontId ? ' applyFont="1"' : ''}${fillId ? ' applyFill="1"' : ''}${borderId ? ' applyBorder="1"' : ''}` +
      ` applyAlignment="1"><alignment ${align.join(' ')}/></xf>`;
    this.xfs.push(xf);
    const id = this.xfs.length - 1;
    this.index.set(key, id);
    return id;
  }

  xml(): string {
    return (
      XML_DECLARATION +
      `<styleSheet xmlns="${NS_MAIN}">` +
      `<fonts count="${this.fonts.length}">${this.fonts.join('')}</fonts>` +
      `<fills count="${this.fills.length}">${this.fills.join('')}</fills>` +
      `<borders count="${this.borders.length}">${this.borders.join('')}</borders>` +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${this.xfs.length}">${this.xfs.join('')}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      '</styleSheet>'
    );
  }
}

/** Shared strings: each distinct text stored once. */
class StringTable {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();
  count = 0;

  id(text: string): number {
    this.count++;
    const known = this.index.get(text);
    if (known !== undefined) return known;
    this.list.push(text);
    this.index.set(text, this.list.length - 1);
    return this.list.length - 1;
  }

  xml(): string {
    const items = this.list.map(t => {
      const space = /^\s|\s$|\n/.test(t) ? ' xml:space="preserve"' : '';
      return `<si><t${space}>${escapeXml(t)}</t></si>`;
    });
    return (
      XML_DECLARATION +
      `<sst xmlns="${NS_MAIN}" count="${this.count}" uniqueCount="${this.list.length}">${items.join('')}</sst>`
    );
  }
}

function mergeWidth(sheet: XlsxSheet, row: number, col: number): number {
  const m = (sheet.merges ?? []).find(x => x.row === row && x.col === col);
  const span = m ? m.cols : 1;
  let w = 0;
  for (let c = col; c < col + span; c++) w += sheet.widths[c - 1] ?? 10;
  return w;
}

function worksheetXml(
  sheet: XlsxSheet,
  styles: StyleTable,
  strings: StringTable,
  fontSize: number,
  selected: boolean,
): string {
  const width = Math.max(
    1,
    sheet.widths.length,
    ...sheet.rows.map(r => r.length),
  );
  const height = Math.max(1, sheet.rows.length);
  const frozen = Math.max(0, Math.floor(sheet.frozenRows ?? 0));
  const out: string[] = [
    XML_DECLARATION,
    `<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">`,
  ];
  if (sheet.fitToWidth)
    out.push('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
  out.push(`<dimension ref="A1:${cellRef(height, width)}"/>`);
  const sel = selected ? ' tabSelected="1"' : '';
  if (frozen > 0) {
    const top = cellRef(frozen + 1, 1);
    out.push(
      `<sheetViews><sheetView workbookViewId="0"${sel}>` +
        `<pane ySplit="${frozen}" topLeftCell="${top}" activePane="bottomLeft" state="frozen"/>` +
        `<selection pane="bottomLeft" activeCell="${top}" sqref="${top}"/></sheetView></sheetViews>`,
    );
  } else {
    out.push(`<sheetViews><sheetView workbookViewId="0"${sel}/></sheetViews>`);
  }
  out.push(
    `<sheetFormatPr defaultRowHeight="${Math.round(fontSize * 1.3 * 4) / 4}"/>`,
  );
  if (sheet.widths.length) {
    out.push(
      '<cols>' +
        sheet.widths
          .map(
            (w, i) =>
              `<col min="${i + 1}" max="${i + 1}" width="${Math.max(1, Math.round(w * 100) / 100)}" customWidth="1"/>`,
          )
          .join('') +
        '</cols>',
    );
  }
  out.push('<sheetData>');
  sheet.rows.forEach((cells, ri) => {
    const r = ri + 1;
    const xml: string[] = [];
    const metrics: {
      text: string;
      width: number;
      size: number;
      wrap: boolean;
    }[] = [];
    cells.forEach((cell, ci) => {
      const c = ci + 1;
      const s = styles.styleId(cell.style);
      const sAttr = s ? ` s="${s}"` : '';
      const v = cell.value;
      if (typeof v === 'number' && Number.isFinite(v)) {
        xml.push(`<c r="${cellRef(r, c)}"${sAttr}><v>${v}</v></c>`);
        metrics.push({
          text: String(v),
          width: mergeWidth(sheet, r, c),
          size: cell.style?.size ?? fontSize,
          wrap: false,
        });
      } else if (v !== null && v !== undefined && String(v) !== '') {
        const text = cellText(String(v));
        xml.push(
          `<c r="${cellRef(r, c)}"${sAttr} t="s"><v>${strings.id(text)}</v></c>`,
        );
        metrics.push({
          text,
          width: mergeWidth(sheet, r, c),
          size: cell.style?.size ?? fontSize,
          wrap: !!cell.style?.wrap,
        });
      } else if (s) {
        xml.push(`<c r="${cellRef(r, c)}"${sAttr}/>`);
      }
    });
    const ht = estimateRowHeight(metrics, fontSize);
    out.push(`<row r="${r}" ht="${ht}" customHeight="1">${xml.join('')}</row>`);
  });
  out.push('</sheetData>');
  const merges = sheet.merges ?? [];
  if (merges.length) {
    out.push(
      `<mergeCells count="${merges.length}">` +
        merges
          .map(
            m =>
              `<mergeCell ref="${cellRef(m.row, m.col)}:${cellRef(m.row + m.rows - 1, m.col + m.cols - 1)}"/>`,
          )
          .join('') +
        '</mergeCells>',
    );
  }
  out.push('<printOptions horizontalCentered="1"/>');
  out.push(
    '<pageMargins left="0.4" right="0.4" top="0.55" bottom="0.55" header="0.25" footer="0.25"/>',
  );
  const fit = sheet.fitToWidth ? ' fitToWidth="1" fitToHeight="0"' : '';
  out.push(
    `<pageSetup paperSize="9" orientation="${sheet.landscape ? 'landscape' : 'portrait'}"${fit}/>`,
  );
  if (sheet.footer)
    out.push(
      `<headerFooter><oddFooter>&amp;C${escapeXml(sheet.footer)}</oddFooter></headerFooter>`,
    );
  out.push('</worksheet>');
  return out.join('');
}

function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** Every part of the .xlsx package, ready to be zipped (paths relative to the zip's root). */
export function xlsxParts(book: XlsxWorkbook): XlsxPart[] {
  const fontName = book.fontName ?? 'Times New Roman';
  const fontSize = book.fontSize ?? 12;
  const styles = new StyleTable(fontName, fontSize);
  const strings = new StringTable();
  const sheets = book.sheets.length
    ? book.sheets
    : [{name: 'Sheet1', rows: [], widths: []}];
  const names: string[] = [];
  for (const s of sheets) {
    const base = sanitizeSheetName(s.name);
    let name = base;
    for (
      let i = 2;
      names.some(n => n.toLowerCase() === name.toLowerCase());
      i++
    ) {
      name = `${Array.from(base).slice(0, 28).join('')} (${i})`;
    }
    names.push(name);
  }
  const sheetXml = sheets.map((s, i) =>
    worksheetXml(s, styles, strings, fontSize, i === 0),
  );
  const definedNames = sheets
    .map((s, i) =>
      s.printTitleRows
        ? `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${escapeXml(quoteSheet(names[i]))}!$${s.printTitleRows[0]}:$${s.printTitleRows[1]}</definedName>`
        : '',
    )
    .join('');
  const workbook =
    XML_DECLARATION +
    `<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><bookViews><workbookView/></bookViews><sheets>` +
    names
      .map(
        (n, i) =>
          `<sheet name="${escapeXml(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`,
      )
      .join('') +
    '</sheets>' +
    (definedNames ? `<definedNames>${definedNames}</definedNames>` : '') +
    '</workbook>';
  const n = sheets.length;
  const workbookRels =
    XML_DECLARATION +
    `<Relationships xmlns="${NS_PKG_REL}">` +
    sheets
      .map(
        (_, i) =>
          `<Relationship Id="rId${i + 1}" Type="${NS_REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
      )
      .join('') +
    `<Relationship Id="rId${n + 1}" Type="${NS_REL}/styles" Target="styles.xml"/>` +
    `<Relationship Id="rId${n + 2}" Type="${NS_REL}/sharedStrings" Target="sharedStrings.xml"/>` +
    '</Relationships>';
  const rootRels = packageRelsXml('xl/workbook.xml');
  const ct = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
  const contentTypes =
    XML_DECLARATION +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    `<Override PartName="/xl/workbook.xml" ContentType="${ct}.sheet.main+xml"/>` +
    sheets
      .map(
        (_, i) =>
          `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${ct}.worksheet+xml"/>`,
      )
      .join('') +
    `<Override PartName="/xl/styles.xml" ContentType="${ct}.styles+xml"/>` +
    `<Override PartName="/xl/sharedStrings.xml" ContentType="${ct}.sharedStrings+xml"/>` +
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
    '</Types>';
  const core = corePropertiesXml({
    title: book.title,
    creator: book.creator,
    created: book.created,
  });
  const app = appPropertiesXml('Microsoft Excel');
  return [
    {path: '[Content_Types].xml', content: contentTypes},
    {path: '_rels/.rels', content: rootRels},
    {path: 'docProps/core.xml', content: core},
    {path: 'docProps/app.xml', content: app},
    {path: 'xl/workbook.xml', content: workbook},
    {path: 'xl/_rels/workbook.xml.rels', content: workbookRels},
    ...sheetXml.map((content, i) => ({
      path: `xl/worksheets/sheet${i + 1}.xml`,
      content,
    })),
    {path: 'xl/styles.xml', content: styles.xml()},
    {path: 'xl/sharedStrings.xml', content: strings.xml()},
  ];
}
