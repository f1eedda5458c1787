// Use case "Hướng dẫn sử dụng": shows the how-to text in a dialog (the same text as the Hướng dẫn tab).
import {escapeHtml} from '../core/text';
import {helpLines} from '../workbook/help';

/** The dialog's HTML: headings and paragraphs, every line escaped. */
export function helpHtml(commune: string, reportTo: string): string {
  const body = helpLines(commune, reportTo)
    .map(line =>
      line.startsWith('# ')
        ? `<h3>${escapeHtml(line.slice(2))}</h3>`
        : line
          ? `<p>${escapeHtml(line)}</p>`
          : '',
    )
    .join('\n');
  return `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><style>
body{font-family:Arial,sans-serif;font-size:14px;line-height:1.45;color:#202124;margin:8px 12px}
h3{color:#1f4e79;margin:14px 0 6px;font-size:15px}p{margin:4px 0}
</style></head><body>${body}</body></html>`;
}

/** Opens the how-to dialog. */
export function showHelpDialog(commune: string, reportTo: string): void {
  const html = HtmlService.createHtmlOutput(helpHtml(commune, reportTo))
    .setWidth(720)
    .setHeight(560);
  SpreadsheetApp.getUi().showModalDialog(html, 'Hướng dẫn sử dụng');
}
