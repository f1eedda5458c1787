// The roll-up tab's layout read back from its shown cells is the layout cityRollupGrid wrote.
import {
  cityRollup,
  cityRollupGrid,
  type CommuneOutcome,
} from '../../src/core/city/rollup';
import {cityGridFromRows} from '../../src/core/city/rollupLayout';

const outcome = (
  name: string,
  status: CommuneOutcome['status'],
): CommuneOutcome => ({
  entry: {
    name,
    link: `https://docs.google.com/spreadsheets/d/1${name}/edit`,
    email: `${name}@xa.vn`,
  },
  status,
  block: null,
  spreadsheetId: '',
  detail: '',
});

const period = {
  id: 'KY1',
  name: 'Kỳ 1',
  start: '2025-07-01',
  due: '2025-09-03',
};

const shown = (rows: Array<Array<string | number>>) =>
  rows.map(r => r.map(c => String(c)));

test.each([
  [
    'three communes',
    [
      outcome('a', 'not_shared'),
      outcome('b', 'no_summary'),
      outcome('c', 'bad_link'),
    ],
  ],
  ['no commune', []],
])('sections, headings, totals and header lines of %s', (_label, outcomes) => {
  const grid = cityRollupGrid(
    cityRollup(outcomes, period, '2025-09-04T01:00:00.000Z', 'Sở Nội vụ'),
    420,
  );
  const read = cityGridFromRows(shown(grid.rows));
  expect(read.sections).toEqual(grid.sections);
  expect(read.totalRows).toEqual(grid.totalRows);
  expect(read.headerRows).toBe(grid.headerRows);
  expect(read.widths).toEqual(grid.widths);
  expect(read.rows).toEqual(shown(grid.rows));
});
