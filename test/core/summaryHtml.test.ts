// The print-ready HTML of the summary: every text escaped, headers repeated, A4 in the orientation the tables need.
import {computeSummary, type SummaryGrid} from '../../src/core/summary';
import {summaryToGrid} from '../../src/core/summaryGrid';
import {
  needsLandscape,
  sectionWidths,
  summaryHtml,
} from '../../src/core/summaryHtml';
import {ky1Input} from '../core/summaryFixture';

const HOSTILE = '<img src=x onerror="alert(1)">&\'"</style></title>';

function hostileGrid(): SummaryGrid {
  const input = ky1Input();
  input.tasks = input.tasks.map((t, i) =>
    i === 0
      ? {...t, text: HOSTILE, product: 'https://example.org/' + 'a'.repeat(80)}
      : t,
  );
  input.settings = {...input.settings, issuer: HOSTILE};
  return summaryToGrid(computeSummary(input));
}

describe('summaryHtml', () => {
  const grid = hostileGrid();
  const html = summaryHtml(grid, {
    title: `Tổng hợp ${HOSTILE}`,
    footer: `${HOSTILE} "x" \\ y`,
  });

  it('escapes every piece of text, the title and the footer too', () => {
    expect(html).not.toContain('<img');
    expect(html).not.toMatch(/<\/style>[^<]*<\/title>/);
    expect(html).toContain(
      '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;&#39;&quot;&lt;/style&gt;&lt;/title&gt;',
    );
    // The footer sits in a CSS string: quotes and backslashes escaped, no way out of <style>.
    const style = html.slice(html.indexOf('<style>'), html.indexOf('</style>'));
    expect(style).toContain('\\"x\\" \\\\ y');
    expect(style).not.toContain('<img');
    expect(html.match(/<\/style>/g)).toHaveLength(1);
  });

  it('is an A4 landscape page with one table per section, title and heading rows repeated by thead', () => {
    expect(html).toContain('@page { size: A4 landscape;');
    expect(html).toContain('thead { display: table-header-group; }');
    expect(html.match(/<table /g)).toHaveLength(grid.sections.length);
    expect(html.match(/<thead>/g)).toHaveLength(grid.sections.length);
    for (const s of grid.sections)
      expect(html).toContain(
        `<tr class="title"><th colspan="${s.header.length}">`,
      );
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('lang="vi"');
  });

  it('colours the status cells and marks the totals', () => {
    expect(html).toContain('style="background:#b7e1cd"');
    expect(html).toContain('<tr class="total">');
  });

  it('fits each section to the page width without breaking words, dates or numbers', () => {
    for (const s of grid.sections) {
      const widths = sectionWidths(grid, s, 1047);
      const total = widths.reduce((a, b) => a + b, 0);
      expect(total).toBeLessThanOrEqual(1047 + 0.5);
      expect(widths.every(w => w > 0)).toBe(true);
    }
    const tasks = grid.sections.find(s => s.key === 'tasks')!;
    const widths = sectionWidths(grid, tasks, 1047);
    // "Hạn" holds "05/09/2025" (10 characters) on one line.
    expect(widths[6]).toBeGreaterThanOrEqual(10 * 6.3);
  });

  it('chooses portrait when every table is narrow', () => {
    const narrow: SummaryGrid = {
      rows: [
        ['TIÊU ĐỀ', ''],
        ['', ''],
        ['I. A', ''],
        ['Tên', 'Số'],
        ['x', 1],
        ['', ''],
        ['II. B', ''],
        ['Tên', 'Số'],
        ['(Không có)', ''],
      ],
      width: 2,
      headerRows: 1,
      widths: [60, 40],
      totalRows: [],
      sections: [
        {
          key: 'counts',
          title: 'I. A',
          titleRow: 3,
          headerRow: 4,
          firstRow: 5,
          lastRow: 5,
          header: ['Tên', 'Số'],
        },
        {
          key: 'overdue',
          title: 'II. B',
          titleRow: 7,
          headerRow: 8,
          firstRow: 9,
          lastRow: 9,
          header: ['Tên', 'Số'],
        },
      ],
    };
    expect(needsLandscape(narrow)).toBe(false);
    const page = summaryHtml(narrow, {title: 't'});
    expect(page).toContain('size: A4 portrait');
    // A section with nothing to list shows one spanning, italic row.
    expect(page).toContain('<td class="none" colspan="2">(Không có)</td>');
    expect(needsLandscape(grid)).toBe(true);
  });
});
