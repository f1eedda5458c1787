// The roll-up tab's layout read back from its shown cells, so the city export prints every section as written.
import type {SummaryGrid, SummarySection} from '../summary';
import {CITY_WIDTHS} from './rollup';

/** The sections cityRollupGrid writes, in order, and the column holding a status label. */
const SECTIONS: ReadonlyArray<Pick<SummarySection, 'key' | 'statusColumn'>> = [
  {key: 'units'},
  {key: 'counts', statusColumn: 2},
  {key: 'notReported'},
];

const TITLE = /^(I|II|III|IV|V)\. \S/;
const blank = (row: readonly string[]) => row.every(c => c === '');

/**
 * The grid of a roll-up tab from its display values (columns A–L as cityRollupGrid wrote them):
 * the header lines up to the first blank row, then each section's "<roman>. <title>" row, its
 * headings, its body up to the next blank row, the body's last row a total when it has no number.
 */
export function cityGridFromRows(rows: string[][]): SummaryGrid {
  const width = CITY_WIDTHS.length;
  const cells = rows.map(r =>
    Array.from({length: width}, (_, j) => String(r[j] ?? '')),
  );
  let headerRows = cells.findIndex(blank);
  if (headerRows < 0) headerRows = cells.length;
  const sections: SummarySection[] = [];
  const totalRows: number[] = [];
  for (let i = headerRows; i < cells.length; i++) {
    const spec = SECTIONS[sections.length];
    if (!spec || !TITLE.test(cells[i][0]) || !cells[i + 1]) continue;
    const titleRow = i + 1;
    const headerRow = i + 2;
    const header = cells[i + 1].slice(
      0,
      cells[i + 1].reduce((n, c, j) => (c ? j + 1 : n), 0),
    );
    let last = headerRow;
    while (last < cells.length && !blank(cells[last])) last++;
    if (last === headerRow) continue; // no body row: not a section as written
    const firstRow = headerRow + 1;
    const lastRow = last;
    const end = cells[lastRow - 1];
    if (lastRow > firstRow && end[0] === '' && end[1] !== '')
      totalRows.push(lastRow);
    sections.push({
      key: spec.key,
      title: cells[i][0],
      titleRow,
      headerRow,
      firstRow,
      lastRow,
      header,
      ...(spec.statusColumn ? {statusColumn: spec.statusColumn} : {}),
    });
    i = lastRow - 1;
  }
  return {
    rows: cells,
    width,
    headerRows,
    sections,
    widths: [...CITY_WIDTHS],
    totalRows,
  };
}
