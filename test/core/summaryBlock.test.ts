// The machine-readable summary block and the figures: exact round trip, refusals, on-time rates.
import {computeSummary} from '../../src/core/summary';
import {
  blockRows,
  parseBlock,
  parseBlockFiles,
  summaryBlock,
  SUMMARY_BLOCK_MARKER,
  SUMMARY_BLOCK_VERSION,
} from '../../src/core/summaryBlock';
import {
  chartColor,
  figuresHtml,
  summaryFigures,
} from '../../src/core/summaryFigures';
import {STATUS_COLORS, STATUS_LABELS} from '../../src/core/status';
import {summaryMail} from '../../src/core/summaryMail';
import {adhocInput, ky1Input, ky2Input} from './summaryFixture';

const files = [
  {
    kind: 'pdf',
    name: 'Tổng hợp KY1.pdf',
    url: 'https://drive.google.com/file/d/abc/view',
  },
];

/** What getValues returns for the written cells (numbers stay numbers, text stays text). */
const asRead = (rows: (string | number)[][]) => rows.map(r => [...r]);

describe('summary block', () => {
  test.each([
    ['KY1', ky1Input],
    ['KY2', ky2Input],
    ['DX1', adhocInput],
  ])(
    '%s: the block read back is exactly the summary’s figures',
    (id, input) => {
      const summary = computeSummary(input());
      const figures = summaryFigures(summary);
      const block = summaryBlock(summary, figures, files);
      const layout = blockRows(block);
      expect(layout.rows[0].slice(0, 3)).toEqual([
        SUMMARY_BLOCK_MARKER,
        SUMMARY_BLOCK_VERSION,
        layout.rows.length,
      ]);
      const read = parseBlock(asRead(layout.rows), id);
      expect(read).toEqual({ok: true, block});
      if (!read.ok) return;
      expect(read.block.tasks).toBe(summary.totals.tasks);
      expect(read.block.counts.map(c => c.count)).toEqual(
        summary.counts.map(c => c.count),
      );
      expect(read.block.overdue).toHaveLength(summary.overdue.length);
      expect(read.block.unitsReported).toBe(summary.totals.unitsReported);
      expect(read.block.villagesReported).toBe(summary.totals.villagesReported);
    },
  );

  test('a tab without the block is an older format; other versions and damage are refused', () => {
    const summary = computeSummary(ky1Input());
    const layout = blockRows(
      summaryBlock(summary, summaryFigures(summary), []),
    );
    expect(parseBlock([['TỔNG HỢP KẾT QUẢ…']], 'KY1')).toEqual({
      ok: false,
      problem: 'old_format',
    });
    expect(parseBlock([[]], 'KY1')).toMatchObject({problem: 'old_format'});
    const older = asRead(layout.rows);
    older[0][1] = 0;
    expect(parseBlock(older, 'KY1')).toEqual({
      ok: false,
      problem: 'old_format',
      version: 0,
    });
    const newer = asRead(layout.rows);
    newer[0][1] = SUMMARY_BLOCK_VERSION + 1;
    expect(parseBlock(newer, 'KY1')).toMatchObject({problem: 'newer_format'});
    const edited = asRead(layout.rows);
    const row = edited.findIndex(r => r[0] === 'tinh_trang');
    edited[row][2] = Number(edited[row][2]) + 1;
    expect(parseBlock(edited, 'KY1')).toMatchObject({problem: 'unreadable'});
    const cut = asRead(layout.rows).slice(0, 3);
    expect(parseBlock(cut, 'KY1')).toMatchObject({problem: 'unreadable'});
    expect(parseBlock(asRead(layout.rows), 'KY2')).toMatchObject({
      problem: 'other_period',
    });
  });

  test('exported files are read from their property, garbage ignored', () => {
    expect(parseBlockFiles(JSON.stringify(files))).toEqual(files);
    expect(parseBlockFiles('{')).toEqual([]);
    expect(parseBlockFiles(null)).toEqual([]);
    expect(parseBlockFiles('[{"kind":1}]')).toEqual([]);
  });
});

describe('summary figures', () => {
  test('status counts in label order with the status colours; white drawn grey', () => {
    const summary = computeSummary(ky1Input());
    const f = summaryFigures(summary);
    expect(f.status.map(s => s.label)).toEqual([...STATUS_LABELS]);
    expect(f.status.reduce((n, s) => n + s.count, 0)).toBe(
      summary.totals.tasks,
    );
    expect(chartColor('Đã hoàn thành đúng hạn')).toBe(
      STATUS_COLORS['Đã hoàn thành đúng hạn'],
    );
    expect(chartColor('Chưa thực hiện')).toBe('#999999');
  });

  test('on-time rate per unit counts dated assignments that are not late', () => {
    const summary = computeSummary(ky2Input());
    const f = summaryFigures(summary);
    for (const u of [...f.units, ...f.villages]) {
      const results = summary.tasks
        .flatMap(t => t.results)
        .filter(r => r.unitCode === u.code)
        .filter(r => r.status !== 'Thường xuyên / không có thời hạn');
      const late = results.filter(r => /quá hạn/.test(r.status)).length;
      expect(u.dated).toBe(results.length);
      expect(u.late).toBe(late);
      expect(u.onTimeRate).toBe(
        results.length
          ? Math.round(((results.length - late) * 100) / results.length)
          : null,
      );
    }
    expect(f.units.length + f.villages.length).toBeGreaterThan(0);
    expect(f.villages.map(v => v.code)).toEqual(
      summary.villages.map(v => v.code),
    );
  });

  test('the bar tables are plain tables with widths and colours, no SVG, text escaped', () => {
    const summary = computeSummary(ky1Input());
    const f = summaryFigures(summary);
    f.units[0] = {...f.units[0], name: '<b>Phòng</b>'};
    const html = figuresHtml(f, {limit: 3});
    expect(html).not.toMatch(/<svg|class=/i);
    expect(html).toContain('&lt;b&gt;Phòng&lt;/b&gt;');
    expect(html).toContain('bgcolor=#b7e1cd');
    expect(html).toContain(`(${summary.totals.tasks} nhiệm vụ)`);
    if (f.units.length > 3) expect(html).toMatch(/… và \d+ nơi khác/);
  });
});

describe('the summary e-mail', () => {
  test('carries the figures as a compact bar table (tables and colours only), before the link', () => {
    const summary = computeSummary(ky1Input());
    const mail = summaryMail(
      summary,
      'https://docs.google.com/x#gid=1',
      'before',
    );
    expect(mail.htmlBody).toContain(
      `Nhiệm vụ theo tình trạng (${summary.totals.tasks} nhiệm vụ)`,
    );
    expect(mail.htmlBody).toMatch(/bgcolor=#[0-9a-f]{6}/);
    expect(mail.htmlBody).not.toMatch(/<svg|<style|class=/i);
    expect(mail.htmlBody.indexOf('Nhiệm vụ theo tình trạng')).toBeLessThan(
      mail.htmlBody.indexOf('Mở trang Tổng hợp'),
    );
  });
});
