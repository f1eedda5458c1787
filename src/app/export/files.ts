// The three export files as blobs: the summary as PDF (HTML → getAs) and .xlsx, the draft report as .docx.
import {DOCX_MIME, docxParts} from '../../core/docx';
import type {ExportNames} from '../../core/exportNames';
import {reportDocument, type ReportSettings} from '../../core/reportDoc';
import type {Summary, SummaryGrid} from '../../core/summary';
import {summaryHtml} from '../../core/summaryHtml';
import {summaryWorkbook} from '../../core/summaryXlsx';
import {XLSX_MIME, xlsxParts} from '../../core/xlsx';
import type {PackagePart} from '../../core/xml';
import {withFigures, type FigureImage} from '../../core/reportFigures';
import {figuresHtml, summaryFigures} from '../../core/summaryFigures';
import {blockRows, summaryBlock} from '../../core/summaryBlock';
import {
  CHART_HEIGHT,
  CHART_WIDTH,
  chartSpecs,
} from '../../workbook/summaryCharts';

type Blob = GoogleAppsScript.Base.Blob;

export interface ExportBlobs {
  pdf: Blob;
  xlsx: Blob;
  docx: Blob;
}

/** An Office Open XML package: one UTF-8 blob per part, zipped by Utilities (a real zip). */
function officeFile(
  parts: PackagePart[],
  name: string,
  mimeType: string,
): Blob {
  const blobs = parts.map(p =>
    p.encoding === 'base64'
      ? Utilities.newBlob(
          Utilities.base64Decode(p.content),
          'application/octet-stream',
          p.path,
        )
      : Utilities.newBlob(p.content, 'application/xml', p.path),
  );
  return Utilities.zip(blobs, name).setContentType(mimeType);
}

/**
 * The summary tab's charts as PNG images (one getCharts call, then getAs and getBytes per chart),
 * for the draft report; titles and sizes from the same chart specs the tab was built with.
 */
export function chartImages(
  sheet: GoogleAppsScript.Spreadsheet.Sheet | null,
  summary: Summary,
): FigureImage[] {
  if (!sheet) return [];
  const figures = summaryFigures(summary);
  const specs = chartSpecs(
    blockRows(summaryBlock(summary, figures, [])),
    figures,
  );
  return sheet.getCharts().map((chart, i) => ({
    base64: Utilities.base64Encode(chart.getAs('image/png').getBytes()),
    title: specs[i]?.title ?? '',
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
  }));
}

/**
 * Makes the three files (a fixed number of Utilities calls, whatever the plan's size): the summary
 * tab's cells as an A4 PDF (print-ready HTML converted by Blob.getAs, no extra scope) and as an
 * .xlsx, and the NĐ 30/2020 draft report as a .docx.
 */
export function makeExportBlobs(
  summary: Summary,
  grid: SummaryGrid,
  names: ExportNames,
  settings: ReportSettings,
  sheetName: string,
  charts: FigureImage[] = [],
): ExportBlobs {
  const issuer = settings.issuer || summary.header.issuer;
  const html = summaryHtml(grid, {
    title: names.summary,
    footer: `${issuer} – ${sheetName} – ${summary.header.period.name}`,
    figureHtml: figuresHtml(summaryFigures(summary), {maxPx: 260}),
  });
  const pdf = Utilities.newBlob(
    html,
    'text/html',
    `${names.summary}.html`,
  ).getAs('application/pdf');
  pdf.setName(`${names.summary}.pdf`);
  const book = summaryWorkbook(grid, {
    sheetName,
    title: names.summary,
    creator: issuer,
    created: summary.header.asOf,
    frozenRows: 1,
  });
  const xlsx = officeFile(xlsxParts(book), `${names.summary}.xlsx`, XLSX_MIME);
  const docx = officeFile(
    docxParts(withFigures(reportDocument(summary, settings), charts)),
    `${names.report}.docx`,
    DOCX_MIME,
  );
  return {pdf, xlsx, docx};
}
