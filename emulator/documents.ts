// Google Docs files of the emulated Drive: a document model read from an uploaded .docx (Drive's import).
import {unzipEntries} from './zip';

export interface DocRunModel {
  text: string;
  bold: boolean;
  italic: boolean;
  underline: boolean;
  /** Points, or null for the document's default. */
  size: number | null;
}

export interface DocParagraphModel {
  type: 'paragraph';
  runs: DocRunModel[];
  align: 'left' | 'center' | 'right' | 'justify';
  /** The paragraph starts a new page. */
  pageBreakBefore: boolean;
}

export interface DocTableModel {
  type: 'table';
  /** Rows of cells; each cell holds paragraphs (and nested tables). */
  rows: DocBlockModel[][][];
  borders: boolean;
  /** Leading rows repeated on every page. */
  headerRows: number;
}

export interface DocPageBreakModel {
  type: 'pageBreak';
}

export type DocBlockModel =
  DocParagraphModel | DocTableModel | DocPageBreakModel;

/** A section of pages: orientation and the index of its first body block. */
export interface DocSectionModel {
  landscape: boolean;
  startBlock: number;
}

/** What Drive keeps of a Google Doc: its body and sections. */
export interface DocumentContent {
  body: DocBlockModel[];
  sections: DocSectionModel[];
  /** Default font and size of the body text. */
  fontFamily: string | null;
  fontSize: number | null;
}

// ---- a small XML reader (enough for Office Open XML parts) -------------------------------------

export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  /** Text directly inside the element (concatenated). */
  text: string;
}

function decodeEntities(s: string): string {
  return s.replace(
    /&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi,
    (m, e: string) => {
      const k = e.toLowerCase();
      if (k === 'amp') return '&';
      if (k === 'lt') return '<';
      if (k === 'gt') return '>';
      if (k === 'quot') return '"';
      if (k === 'apos') return "'";
      const code = k.startsWith('#x')
        ? parseInt(k.slice(2), 16)
        : parseInt(k.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : m;
    },
  );
}

/** Parses well-formed XML into elements; throws on mismatched tags. */
export function parseXml(xml: string): XmlNode {
  const root: XmlNode = {name: '#root', attrs: {}, children: [], text: ''};
  const stack: XmlNode[] = [root];
  const re =
    /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[([\s\S]*?)\]\]>|<!DOCTYPE[^>]*>|<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml))) {
    const top = stack[stack.length - 1];
    if (m[1] !== undefined) {
      top.text += m[1];
    } else if (m[3]) {
      const [, , closing, name, attrText, selfClose] = m;
      if (closing) {
        const open = stack.pop();
        if (!open || open.name !== name)
          throw new Error(`Mismatched </${name}>`);
        continue;
      }
      const attrs: Record<string, string> = {};
      for (const a of attrText.matchAll(
        /([\w:.-]+)\s*=\s*("([^"]*)"|'([^']*)')/g,
      )) {
        attrs[a[1]] = decodeEntities(a[3] ?? a[4] ?? '');
      }
      const node: XmlNode = {name, attrs, children: [], text: ''};
      top.children.push(node);
      if (!selfClose) stack.push(node);
    } else if (m[6] !== undefined) {
      top.text += decodeEntities(m[6]);
    }
  }
  if (stack.length !== 1)
    throw new Error(`Unclosed <${stack[stack.length - 1].name}>`);
  return root;
}

function child(node: XmlNode | undefined, name: string): XmlNode | undefined {
  return node?.children.find(c => c.name === name);
}

function onOff(node: XmlNode | undefined): boolean {
  if (!node) return false;
  const v = node.attrs['w:val'];
  return v === undefined || !['0', 'false', 'off', 'none'].includes(v);
}

// ---- WordprocessingML → document model ---------------------------------------------------------

function runsOf(p: XmlNode, pDefaults: XmlNode | undefined): DocRunModel[] {
  const runs: DocRunModel[] = [];
  const visit = (n: XmlNode) => {
    for (const c of n.children) {
      if (c.name === 'w:r') {
        const rPr = child(c, 'w:rPr');
        const sz = child(rPr, 'w:sz') ?? child(pDefaults, 'w:sz');
        let text = '';
        for (const t of c.children) {
          if (t.name === 'w:t') text += t.text;
          else if (t.name === 'w:tab') text += '\t';
          else if (t.name === 'w:br' && t.attrs['w:type'] !== 'page')
            text += '\r';
        }
        if (!text) continue;
        runs.push({
          text,
          bold: onOff(child(rPr, 'w:b')),
          italic: onOff(child(rPr, 'w:i')),
          underline:
            !!child(rPr, 'w:u') && child(rPr, 'w:u')?.attrs['w:val'] !== 'none',
          size: sz ? Number(sz.attrs['w:val']) / 2 : null,
        });
      } else if (
        c.name === 'w:hyperlink' ||
        c.name === 'w:ins' ||
        c.name === 'w:smartTag'
      ) {
        visit(c);
      }
    }
  };
  visit(p);
  return runs;
}

const ALIGN: Record<string, DocParagraphModel['align']> = {
  left: 'left',
  start: 'left',
  center: 'center',
  right: 'right',
  end: 'right',
  both: 'justify',
  distribute: 'justify',
};

function paragraphOf(p: XmlNode): DocParagraphModel {
  const pPr = child(p, 'w:pPr');
  const jc = child(pPr, 'w:jc')?.attrs['w:val'] ?? 'left';
  return {
    type: 'paragraph',
    runs: runsOf(p, child(pPr, 'w:rPr')),
    align: ALIGN[jc] ?? 'left',
    pageBreakBefore: onOff(child(pPr, 'w:pageBreakBefore')),
  };
}

function tableOf(tbl: XmlNode): DocTableModel {
  const borders = child(child(tbl, 'w:tblPr'), 'w:tblBorders');
  const hasBorders = !!borders?.children.some(
    b => !['nil', 'none'].includes(b.attrs['w:val'] ?? 'nil'),
  );
  const rows: DocBlockModel[][][] = [];
  let headerRows = 0;
  let countingHeader = true;
  for (const tr of tbl.children.filter(c => c.name === 'w:tr')) {
    const isHeader = !!child(child(tr, 'w:trPr'), 'w:tblHeader');
    if (countingHeader && isHeader) headerRows++;
    else countingHeader = false;
    rows.push(
      tr.children.filter(c => c.name === 'w:tc').map(tc => blocksOf(tc, null)),
    );
  }
  return {type: 'table', rows, borders: hasBorders, headerRows};
}

/** The blocks of a body or cell; section properties found on the way go to `sections`. */
function blocksOf(
  container: XmlNode,
  sections: DocSectionModel[] | null,
): DocBlockModel[] {
  const out: DocBlockModel[] = [];
  let sectionStart = 0;
  const endSection = (sectPr: XmlNode | undefined) => {
    if (!sections || !sectPr) return;
    const orient = child(sectPr, 'w:pgSz')?.attrs['w:orient'];
    sections.push({
      landscape: orient === 'landscape',
      startBlock: sectionStart,
    });
    sectionStart = out.length;
  };
  for (const c of container.children) {
    if (c.name === 'w:p') {
      const p = paragraphOf(c);
      const pageBreak = c.children.some(
        r =>
          r.name === 'w:r' &&
          r.children.some(
            b => b.name === 'w:br' && b.attrs['w:type'] === 'page',
          ),
      );
      const sectPr = child(child(c, 'w:pPr'), 'w:sectPr');
      // A paragraph that only carries section properties is Word's section break, not text.
      if (!(sectPr && !p.runs.length)) out.push(p);
      if (pageBreak) out.push({type: 'pageBreak'});
      endSection(sectPr);
    } else if (c.name === 'w:tbl') {
      out.push(tableOf(c));
    } else if (c.name === 'w:sectPr') {
      endSection(c);
    } else if (c.name === 'w:sdt') {
      out.push(...blocksOf(child(c, 'w:sdtContent') ?? c, sections));
    }
  }
  return out;
}

/** Reads a .docx as Drive's import into Google Docs would: paragraphs, tables, sections, fonts. */
export function importDocx(docx: Buffer): DocumentContent {
  const files = new Map(unzipEntries(docx).map(e => [e.name, e.data] as const));
  const main = files.get('word/document.xml');
  if (!main) throw new Error('Not a Word document (no word/document.xml)');
  const doc = parseXml(main.toString('utf8'));
  const body = child(child(doc, 'w:document'), 'w:body');
  if (!body) throw new Error('Not a Word document (no w:body)');
  const sections: DocSectionModel[] = [];
  const blocks = blocksOf(body, sections);
  let fontFamily: string | null = null;
  let fontSize: number | null = null;
  const styles = files.get('word/styles.xml');
  if (styles) {
    const rPr = child(
      child(
        child(
          child(parseXml(styles.toString('utf8')), 'w:styles'),
          'w:docDefaults',
        ),
        'w:rPrDefault',
      ),
      'w:rPr',
    );
    fontFamily = child(rPr, 'w:rFonts')?.attrs['w:ascii'] ?? null;
    const sz = child(rPr, 'w:sz')?.attrs['w:val'];
    fontSize = sz ? Number(sz) / 2 : null;
  }
  if (!sections.length) sections.push({landscape: false, startBlock: 0});
  return {body: blocks, sections, fontFamily, fontSize};
}

// ---- reading the model ---------------------------------------------------------------------------

export function paragraphText(p: DocParagraphModel): string {
  return p.runs.map(r => r.text).join('');
}

/** A table's text: one line per row, cells separated by tabs, a cell's paragraphs by spaces. */
export function tableText(t: DocTableModel): string {
  return t.rows
    .map(row =>
      row.map(cell => blocksText(cell).replace(/\n/g, ' ')).join('\t'),
    )
    .join('\n');
}

function blocksText(blocks: DocBlockModel[]): string {
  return blocks
    .filter(b => b.type !== 'pageBreak')
    .map(b => (b.type === 'paragraph' ? paragraphText(b) : tableText(b)))
    .join('\n');
}

/** The whole body's text, paragraphs one a line, tables row by row (cells tab-separated). */
export function documentText(content: DocumentContent): string {
  return blocksText(content.body);
}

/** The body's tables, in order (nested ones after their parent). */
export function documentTables(content: DocumentContent): DocTableModel[] {
  const out: DocTableModel[] = [];
  const visit = (blocks: DocBlockModel[]) => {
    for (const b of blocks) {
      if (b.type !== 'table') continue;
      out.push(b);
      for (const row of b.rows) for (const cell of row) visit(cell);
    }
  };
  visit(content.body);
  return out;
}

/** A table as rows of cell texts. */
export function tableCells(t: DocTableModel): string[][] {
  return t.rows.map(row => row.map(cell => blocksText(cell)));
}
