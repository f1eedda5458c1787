// Embedded charts in the emulator follow Google's EmbeddedChart / EmbeddedChartBuilder contract.
import {Workspace} from '../../emulator';

let ws: Workspace;
let sheet: GoogleAppsScript.Spreadsheet.Sheet;

beforeEach(() => {
  ws = new Workspace({owner: 'admin@example.com'});
  ws.installGlobals();
  sheet = SpreadsheetApp.getActive().getSheets()[0];
  sheet.getRange(1, 1, 4, 3).setValues([
    ['Tình trạng', 'Số', 'Khác'],
    ['Đúng hạn', 5, 1],
    ['Quá hạn', 2, 0],
    ['Chưa', 0, 3],
  ]);
});
afterEach(() => ws.uninstallGlobals());

function message(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return String(e);
  }
  return 'no error';
}

function pngSize(bytes: number[]): {w: number; h: number} {
  const b = Buffer.from(bytes.map(x => x & 0xff));
  expect(b.subarray(0, 8)).toEqual(
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  );
  return {w: b.readUInt32BE(16), h: b.readUInt32BE(20)};
}

describe('embedded charts', () => {
  test('newChart builds a chart that is on the sheet only once inserted', () => {
    const chart = sheet
      .newChart()
      .asColumnChart()
      .addRange(sheet.getRange('A1:B4'))
      .setOption('title', 'Nhiệm vụ')
      .setPosition(2, 5, 10, 20)
      .build();
    expect(chart.getChartId()).toBeNull();
    expect(sheet.getCharts()).toHaveLength(0);
    sheet.insertChart(chart);
    const [on] = sheet.getCharts();
    expect(on.getChartId()).toBeGreaterThan(0);
    expect(on.getOptions().get('title')).toBe('Nhiệm vụ');
    expect(on.getRanges().map(r => r.getA1Notation())).toEqual(['A1:B4']);
    const where = on.getContainerInfo();
    expect([
      where.getAnchorRow(),
      where.getAnchorColumn(),
      where.getOffsetX(),
      where.getOffsetY(),
    ]).toEqual([2, 5, 10, 20]);
    expect(message(() => sheet.insertChart(chart))).toMatch(/already/);
  });

  test('modify + updateChart changes the chart in place; removeChart deletes it', () => {
    sheet.insertChart(
      sheet.newChart().addRange(sheet.getRange('A1:B4')).build(),
    );
    const [chart] = sheet.getCharts();
    const id = chart.getChartId();
    const builder = chart
      .modify()
      .clearRanges()
      .addRange(sheet.getRange('A1:C4'))
      .setOption('title', 'Mới');
    // Changes are not saved until updateChart.
    expect(sheet.getCharts()[0].getOptions().get('title')).toBeNull();
    sheet.updateChart(builder.build());
    const after = sheet.getCharts();
    expect(after).toHaveLength(1);
    expect(after[0].getChartId()).toBe(id);
    expect(after[0].getOptions().get('title')).toBe('Mới');
    expect(after[0].getRanges()[0].getA1Notation()).toBe('A1:C4');
    sheet.removeChart(after[0]);
    expect(sheet.getCharts()).toHaveLength(0);
    expect(message(() => sheet.removeChart(after[0]))).toMatch(/not be found/);
  });

  test('getAs("image/png") and getBlob render the bars as a real PNG', () => {
    sheet.insertChart(
      sheet
        .newChart()
        .asBarChart()
        .addRange(sheet.getRange('A1:B4'))
        .setOption('colors', ['#b7e1cd'])
        .setOption('width', 320)
        .setOption('height', 200)
        .build(),
    );
    const [chart] = sheet.getCharts();
    const png = chart.getAs('image/png');
    expect(png.getContentType()).toBe('image/png');
    expect(pngSize(png.getBytes())).toEqual({w: 320, h: 200});
    expect(chart.getBlob().getBytes()).toEqual(png.getBytes());
    expect(message(() => chart.getAs('application/pdf'))).toMatch(
      /not supported/,
    );
  });

  test('sheet.clear() keeps charts; ids are unique across sheets; copies and JSON keep them', () => {
    const other = SpreadsheetApp.getActive().insertSheet('Khác');
    sheet.insertChart(
      sheet.newChart().addRange(sheet.getRange('A1:B4')).build(),
    );
    other.insertChart(
      other.newChart().addRange(other.getRange('A1:B2')).build(),
    );
    expect(sheet.getCharts()[0].getChartId()).not.toBe(
      other.getCharts()[0].getChartId(),
    );
    sheet.clear();
    expect(sheet.getCharts()).toHaveLength(1);
    const copy = sheet.copyTo(SpreadsheetApp.getActive());
    expect(copy.getCharts()).toHaveLength(1);
    expect(copy.getCharts()[0].getRanges()[0].getSheet().getName()).toBe(
      copy.getName(),
    );
    const restored = Workspace.fromJSON(
      JSON.parse(JSON.stringify(ws.toJSON())),
    );
    expect(restored.boundSpreadsheet.sheets.map(s => s.charts.length)).toEqual([
      1, 1, 1,
    ]);
  });

  test('a viewer may read but not change the sheet or its charts', () => {
    ws.addViewer('viewer@example.com');
    const id = SpreadsheetApp.getActive().getId();
    sheet.insertChart(
      sheet.newChart().addRange(sheet.getRange('A1:B4')).build(),
    );
    ws.run('viewer@example.com', () => {
      const s = SpreadsheetApp.openById(id).getSheets()[0];
      expect(s.getRange('B2').getValue()).toBe(5);
      expect(s.getCharts()).toHaveLength(1);
      expect(message(() => s.getRange('B2').setValue(9))).toBe(
        'Exception: You do not have permission to access the requested document.',
      );
      expect(message(() => s.removeChart(s.getCharts()[0]))).toMatch(
        /permission/,
      );
    });
    ws.run('stranger@example.com', () => {
      expect(message(() => SpreadsheetApp.openById(id))).toBe(
        'Exception: You do not have permission to access the requested document.',
      );
    });
  });

  test('several projects share one Drive: openById sees another workspace’s workbook', () => {
    const commune = new Workspace({owner: 'xa@example.com', seed: 'xa'});
    const ssId = commune.boundSpreadsheet.id;
    ws.seeSpreadsheetsOf(commune);
    expect(message(() => SpreadsheetApp.openById(ssId))).toMatch(/permission/);
    commune.addViewer('admin@example.com');
    expect(SpreadsheetApp.openById(ssId).getId()).toBe(ssId);
  });
});
