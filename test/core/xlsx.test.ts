// The SpreadsheetML builder: hostile text stays inert text, names and sizes follow Excel's rules, parts are well formed.
import fc from 'fast-check';
import {parseXml} from '../../emulator/documents';
import {escapeXml, xmlSafeText} from '../../src/core/xml';
import {
  cellRef,
  columnName,
  estimateRowHeight,
  MAX_CELL_CHARS,
  sanitizeSheetName,
  xlsxParts,
  type XlsxWorkbook,
} from '../../src/core/xlsx';

const HOSTILE =
  '</t></si><si><t>x</t></si><script>alert("x")</script> & \'q\' =HYPERLINK("http://evil")';

function part(book: XlsxWorkbook, path: string): string {
  const p = xlsxParts(book).find(x => x.path === path);
  if (!p) throw new Error(`no ${path}`);
  return p.content;
}

describe('XML escaping', () => {
  it('escapes the five special characters', () => {
    expect(escapeXml('<a href="x">\'&\'</a>')).toBe(
      '&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;',
    );
  });

  it('drops what XML 1.0 cannot hold (controls, lone surrogates, U+FFFE) and keeps Vietnamese and emoji', () => {
    expect(xmlSafeText('a\u0000b\u0007c\u000bd\ufffee\ud800f\udc00g')).toBe(
      'abcdefg',
    );
    expect(xmlSafeText('Tiếng Việt 👍\t\n\r')).toBe('Tiếng Việt 👍\t\n\r');
  });

  it('any text, escaped, parses back to itself minus the forbidden characters', () => {
    fc.assert(
      fc.property(fc.string({unit: 'binary'}), s => {
        const doc = parseXml(`<r a="${escapeXml(s)}">${escapeXml(s)}</r>`);
        const r = doc.children[0];
        expect(r.text).toBe(xmlSafeText(s));
        expect(r.attrs.a).toBe(xmlSafeText(s));
      }),
    );
  });
});

describe('names and sizes', () => {
  it('names columns like Excel', () => {
    expect([1, 26, 27, 52, 53, 702, 703].map(columnName)).toEqual([
      'A',
      'Z',
      'AA',
      'AZ',
      'BA',
      'ZZ',
      'AAA',
    ]);
    expect(cellRef(5, 28)).toBe('AB5');
  });

  it('makes sheet names Excel accepts', () => {
    expect(sanitizeSheetName('Tổng hợp KY1')).toBe('Tổng hợp KY1');
    expect(sanitizeSheetName("'a/b\\c?d*e[f]g:h'")).toBe('a-b-c-d-e-f-g-h');
    expect(Array.from(sanitizeSheetName('Tổng hợp '.repeat(10)))).toHaveLength(
      31,
    );
    expect(sanitizeSheetName('  ')).toBe('Sheet1');
  });

  it('makes rows tall enough for wrapped text and line breaks, up to Excel’s limit', () => {
    const one = estimateRowHeight(
      [{text: 'ngắn', width: 20, size: 12, wrap: true}],
      12,
    );
    const three = estimateRowHeight(
      [{text: 'a\nb\nc', width: 20, size: 12, wrap: true}],
      12,
    );
    const long = estimateRowHeight(
      [{text: 'chữ '.repeat(100), width: 20, size: 12, wrap: true}],
      12,
    );
    expect(three).toBeGreaterThan(one * 2);
    expect(long).toBeGreaterThan(three);
    expect(
      estimateRowHeight(
        [{text: 'x\n'.repeat(1000), width: 5, size: 12, wrap: true}],
        12,
      ),
    ).toBe(409);
  });
});

describe('xlsxParts', () => {
  const book: XlsxWorkbook = {
    title: 'Tổng hợp <KY1>',
    creator: 'UBND xã "Đại Sơn"',
    created: '2025-09-02T07:00:00+07:00',
    sheets: [
      {
        name: 'Tổng hợp KY1',
        widths: [10, 40],
        frozenRows: 1,
        landscape: true,
        fitToWidth: true,
        footer: 'Trang &P/&N',
        merges: [{row: 1, col: 1, rows: 1, cols: 2}],
        rows: [
          [{value: 'TIÊU ĐỀ', style: {bold: true, size: 14}}, {value: null}],
          [
            {value: 1, style: {border: true}},
            {value: HOSTILE, style: {wrap: true, fill: '#f4cccc'}},
          ],
          [{value: '=SUM(A1:A2)'}, {value: 'x'.repeat(MAX_CELL_CHARS + 10)}],
          [
            {value: Number.NaN},
            {value: 'Đã hoàn thành', style: {fill: '#f4cccc', wrap: true}},
          ],
        ],
      },
    ],
  };

  it('gives every part as well-formed XML', () => {
    const parts = xlsxParts(book);
    expect(parts.map(p => p.path)).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'docProps/core.xml',
      'docProps/app.xml',
      'xl/workbook.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/worksheets/sheet1.xml',
      'xl/styles.xml',
      'xl/sharedStrings.xml',
    ]);
    for (const p of parts) expect(() => parseXml(p.content)).not.toThrow();
  });

  it('keeps hostile and formula-looking text as shared-string text, never markup or a formula', () => {
    const sheet = part(book, 'xl/worksheets/sheet1.xml');
    const strings = parseXml(part(book, 'xl/sharedStrings.xml'));
    const texts = strings.children[0].children.map(si => si.children[0].text);
    expect(texts).toContain(HOSTILE);
    expect(texts).toContain('=SUM(A1:A2)');
    expect(sheet).not.toContain('<f>');
    expect(sheet).not.toContain('<script>');
    expect(sheet).toMatch(/<c r="A3"( s="\d+")? t="s">/);
    // Over-long text is cut to Excel's limit.
    expect(texts.find(t => t.startsWith('xxx'))).toHaveLength(MAX_CELL_CHARS);
    // NaN is no number Excel could read: the cell is written as text.
    expect(texts).toContain('NaN');
  });

  it('writes numbers, widths, the frozen row, merges, A4 landscape fitted to width and the footer', () => {
    const sheet = part(book, 'xl/worksheets/sheet1.xml');
    expect(sheet).toMatch(/<c r="A2" s="\d+"><v>1<\/v><\/c>/);
    expect(sheet).toContain(
      '<col min="2" max="2" width="40" customWidth="1"/>',
    );
    expect(sheet).toContain(
      '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>',
    );
    expect(sheet).toContain('<mergeCell ref="A1:B1"/>');
    expect(sheet).toContain(
      '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>',
    );
    expect(sheet).toContain('<oddFooter>&amp;CTrang &amp;P/&amp;N</oddFooter>');
  });

  it('shares one style between cells that look the same and escapes the document properties', () => {
    const styles = parseXml(part(book, 'xl/styles.xml'));
    const cellXfs = styles.children[0].children.find(c => c.name === 'cellXfs');
    // default, title, bordered number, two identical wrapped red cells (one style), plain text with none.
    expect(cellXfs?.children).toHaveLength(4);
    expect(part(book, 'xl/styles.xml')).toContain('<fgColor rgb="FFF4CCCC"/>');
    const core = part(book, 'docProps/core.xml');
    expect(core).toContain('<dc:title>Tổng hợp &lt;KY1&gt;</dc:title>');
    expect(core).toContain(
      '<dc:creator>UBND xã &quot;Đại Sơn&quot;</dc:creator>',
    );
    expect(core).toContain('2025-09-02T07:00:00+07:00');
  });

  it('gives two sheets of the same name distinct names', () => {
    const two = xlsxParts({
      sheets: [
        {name: 'A', rows: [], widths: []},
        {name: 'a', rows: [], widths: []},
      ],
    });
    const wb = two.find(p => p.path === 'xl/workbook.xml')!.content;
    expect(wb).toContain('name="A"');
    expect(wb).toContain('name="a (2)"');
  });
});
