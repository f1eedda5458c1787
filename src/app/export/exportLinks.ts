// After an export: the files' links go into the summary tab's block (the city reads them from there).
import type {ExportedFile} from '../../core/exportReport';
import type {Summary} from '../../core/summary';
import {
  blockRows,
  summaryBlock,
  summaryFilesKey,
  type BlockFile,
} from '../../core/summaryBlock';
import {summaryFigures} from '../../core/summaryFigures';
import {withDocumentLock} from '../../services/lock';
import {setDocProperty} from '../../services/properties';
import {writeSummaryBlock} from '../../workbook/summarySheet';

/** The links of the files saved on Drive, in the order exported. */
export function exportedLinks(files: ExportedFile[]): BlockFile[] {
  return files
    .filter(f => f.url)
    .map(f => ({kind: f.kind, name: f.name, url: String(f.url)}));
}

/**
 * Remembers the period's exported files and rewrites the tab's block with them, under the document
 * lock (5 calls). Nothing when none was saved.
 */
export function recordExportLinks(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  sheetName: string,
  summary: Summary,
  files: ExportedFile[],
  /** The summary tab when the caller holds it (saves a lookup). */
  known?: GoogleAppsScript.Spreadsheet.Sheet,
): void {
  const links = exportedLinks(files);
  if (!links.length) return;
  withDocumentLock(() => {
    setDocProperty(
      summaryFilesKey(summary.header.period.id),
      JSON.stringify(links),
    );
    const sheet = known ?? ss.getSheetByName(sheetName);
    if (!sheet) return;
    const figures = summaryFigures(summary);
    const layout = blockRows(summaryBlock(summary, figures, links));
    // The links are the block's last rows: the charts' tables stay where they are.
    writeSummaryBlock(sheet, layout);
  });
}
