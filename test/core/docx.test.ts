// The WordprocessingML builder: escaped text, breaks, tables, sections and page numbers, read back by the emulator's import.
import {
  documentTables,
  importDocx,
  paragraphText,
  parseXml,
  tableCells,
} from '../../emulator/documents';
import {zipEntries} from '../../emulator/zip';
import {
  cmToTwips,
  docxParts,
  para,
  type DocxDocument,
} from '../../src/core/docx';

const HOSTILE = '</w:t></w:r><w:r><w:t>injected</w:t></w:r> & <b>"x"</b>';

function pack(doc: DocxDocument): Buffer {
  return zipEntries(
    docxParts(doc).map(p => ({
      name: p.path,
      data: Buffer.from(p.content, 'utf8'),
    })),
  );
}

const DOC: DocxDocument = {
  title: 'Báo cáo <thử>',
  pageNumbers: true,
  sections: [
    {
      blocks: [
        para('BÁO CÁO', {align: 'center', bold: true}),
        para(HOSTILE),
        para('dòng 1\ndòng 2\tcột', {italic: true, size: 12}),
        {
          type: 'table',
          widthsCm: [3, 4],
          borders: false,
          rows: [[{paragraphs: [para('trái')]}, {paragraphs: []}]],
        },
      ],
    },
    {
      landscape: true,
      blocks: [
        {
          type: 'table',
          widthsCm: [1, 5],
          borders: true,
          headerRows: 1,
          rows: [
            [
              {paragraphs: [para('TT')], fill: '#e7e6e6'},
              {paragraphs: [para('Nhiệm vụ')]},
            ],
            [
              {paragraphs: [para('1')]},
              {paragraphs: [para('Việc một'), para('dòng hai')]},
            ],
          ],
        },
      ],
    },
  ],
};

describe('docxParts', () => {
  it('gives well-formed parts: document, styles (Times New Roman, Vietnamese), settings, header with PAGE', () => {
    const parts = docxParts(DOC);
    expect(parts.map(p => p.path)).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'docProps/core.xml',
      'docProps/app.xml',
      'word/document.xml',
      'word/_rels/document.xml.rels',
      'word/styles.xml',
      'word/settings.xml',
      'word/header1.xml',
    ]);
    for (const p of parts) expect(() => parseXml(p.content)).not.toThrow();
    const styles = parts.find(p => p.path === 'word/styles.xml')!.content;
    expect(styles).toContain('w:ascii="Times New Roman"');
    expect(styles).toContain('<w:sz w:val="28"/>');
    expect(styles).toContain('w:val="vi-VN"');
    expect(parts.find(p => p.path === 'word/header1.xml')!.content).toContain(
      ' PAGE ',
    );
    expect(parts.find(p => p.path === 'docProps/core.xml')!.content).toContain(
      'Báo cáo &lt;thử&gt;',
    );
  });

  it('keeps hostile text as text', () => {
    const xml = docxParts(DOC).find(
      p => p.path === 'word/document.xml',
    )!.content;
    expect(xml).not.toContain('<w:t>injected</w:t>');
    const doc = importDocx(pack(DOC));
    expect(
      doc.body
        .filter(b => b.type === 'paragraph')
        .map(b => paragraphText(b as never)),
    ).toContain(HOSTILE);
  });

  it('turns line breaks and tabs into Word breaks and tabs', () => {
    const xml = docxParts(DOC).find(
      p => p.path === 'word/document.xml',
    )!.content;
    expect(xml).toContain(
      'dòng 1</w:t><w:br/><w:t xml:space="preserve">dòng 2</w:t><w:tab/>',
    );
  });

  it('makes a portrait section then a landscape one, A4, page numbers from the second page', () => {
    const xml = docxParts(DOC).find(
      p => p.path === 'word/document.xml',
    )!.content;
    expect(xml).toContain('<w:pgSz w:w="11906" w:h="16838"/>');
    expect(xml).toContain(
      '<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>',
    );
    expect(xml).toContain('<w:titlePg/>');
    expect(xml).toContain(`w:left="${cmToTwips(3)}"`);
    const doc = importDocx(pack(DOC));
    expect(doc.sections.map(s => s.landscape)).toEqual([false, true]);
  });

  it('writes tables with fixed widths, borders or none, a repeated header row and shaded cells', () => {
    const xml = docxParts(DOC).find(
      p => p.path === 'word/document.xml',
    )!.content;
    expect(xml).toContain(`<w:gridCol w:w="${cmToTwips(3)}"/>`);
    expect(xml).toContain('<w:tblHeader/>');
    expect(xml).toContain('w:fill="E7E6E6"');
    const tables = documentTables(importDocx(pack(DOC)));
    expect(tables.map(t => t.borders)).toEqual([false, true]);
    expect(tableCells(tables[1])).toEqual([
      ['TT', 'Nhiệm vụ'],
      ['1', 'Việc một\ndòng hai'],
    ]);
    expect(tables[1].headerRows).toBe(1);
    // An empty cell still holds a paragraph, as Word requires.
    expect(tableCells(tables[0])).toEqual([['trái', '']]);
  });
});
