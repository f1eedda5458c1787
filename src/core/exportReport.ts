// What an export produced, and the Vietnamese e-mail and dialog that tell people about it (all text escaped).
import {escapeHtml} from './text';

export type ExportKind = 'pdf' | 'xlsx' | 'doc' | 'docx';

/** One produced file: where it went (Drive link) and what it is. */
export interface ExportedFile {
  kind: ExportKind;
  name: string;
  mimeType: string;
  /** Bytes (0 for a Google Doc). */
  size: number;
  /** Saved on Drive: its id and link. */
  driveId?: string;
  url?: string;
  /** Sent as an e-mail attachment. */
  attached?: boolean;
}

/** The result of exportSummary (plain JSON: it crosses google.script.run and the preview). */
export interface ExportReport {
  ok: boolean;
  /** The admin cancelled (or is not allowed): nothing was produced. */
  cancelled?: boolean;
  periodId: string;
  periodName: string;
  sheetName: string;
  /** ISO timestamp the figures are as of; and the same as "dd/MM/yyyy HH:mm". */
  asOf: string;
  asOfText: string;
  /** The summary tab was (re)built before exporting. */
  rebuilt: boolean;
  headline: string;
  files: ExportedFile[];
  /** The Drive folder the files were saved in, if any. */
  folder: {id: string; name: string; url: string} | null;
  /** Addresses the e-mail went to (empty when none was sent). */
  emailedTo: string[];
  /** Vietnamese notes for the admin (a folder not reachable, mail quota, Drive off…). */
  warnings: string[];
  /** One Vietnamese sentence of what happened. */
  message: string;
}

const KIND_LABELS: Record<ExportKind, string> = {
  pdf: 'Tổng hợp (PDF)',
  xlsx: 'Tổng hợp (Excel .xlsx)',
  doc: 'Dự thảo báo cáo (Google Tài liệu)',
  docx: 'Dự thảo báo cáo (Word .docx)',
};

export function kindLabel(kind: ExportKind): string {
  return KIND_LABELS[kind];
}

/** Only http(s) links reach an href (anything else is shown as text). */
function safeUrl(url: string | undefined): string | null {
  return url && /^https:\/\/[^\s"'<>]+$/i.test(url) ? url : null;
}

export interface ExportMail {
  subject: string;
  body: string;
  htmlBody: string;
}

/** The e-mail to the admin and leaders: the figures, the attachments, the draft report's link. */
export function exportMail(
  report: ExportReport,
  opts: {issuer: string; senderName: string},
): ExportMail {
  const doc = report.files.find(f => f.kind === 'doc' && safeUrl(f.url));
  const attached = report.files.filter(f => f.attached);
  const subject = `[Dân vận] ${report.sheetName} - ${report.periodName} (số liệu đến ${report.asOfText})`;
  const lines = [
    'Kính gửi lãnh đạo và cán bộ phụ trách,',
    '',
    `${opts.issuer ? `${opts.issuer} ` : ''}gửi tổng hợp kết quả thực hiện công tác dân vận chính quyền ${report.periodName}, số liệu tính đến ${report.asOfText}.`,
    report.headline,
    '',
    'Tệp đính kèm:',
    ...attached.map(f => `- ${f.name} (${kindLabel(f.kind)})`),
  ];
  if (doc)
    lines.push(
      '',
      `Dự thảo báo cáo (Google Tài liệu, để hoàn thiện và trình ký): ${doc.url}`,
    );
  if (report.folder && safeUrl(report.folder.url))
    lines.push(`Thư mục lưu trên Google Drive: ${report.folder.url}`);
  lines.push(
    '',
    'Trân trọng,',
    opts.senderName || opts.issuer || 'Bộ phận theo dõi công tác dân vận',
  );
  const h = escapeHtml;
  const link = (url: string, text: string) =>
    `<a href="${h(url)}">${h(text)}</a>`;
  const html = [
    '<div style="font-family:Arial,sans-serif;font-size:14px;line-height:1.5">',
    '<p>Kính gửi lãnh đạo và cán bộ phụ trách,</p>',
    `<p>${h(opts.issuer ? `${opts.issuer} ` : '')}gửi tổng hợp kết quả thực hiện công tác dân vận chính quyền <b>${h(report.periodName)}</b>, số liệu tính đến <b>${h(report.asOfText)}</b>.</p>`,
    `<p>${h(report.headline)}</p>`,
    attached.length
      ? `<p>Tệp đính kèm:</p><ul>${attached.map(f => `<li>${h(f.name)} (${h(kindLabel(f.kind))})</li>`).join('')}</ul>`
      : '',
    doc
      ? `<p>Dự thảo báo cáo (Google Tài liệu, để hoàn thiện và trình ký): ${link(doc.url as string, doc.name)}</p>`
      : '',
    report.folder && safeUrl(report.folder.url)
      ? `<p>Thư mục lưu trên Google Drive: ${link(report.folder.url, report.folder.name)}</p>`
      : '',
    `<p>Trân trọng,<br>${h(opts.senderName || opts.issuer || 'Bộ phận theo dõi công tác dân vận')}</p>`,
    '</div>',
  ].join('');
  return {subject, body: lines.join('\n'), htmlBody: html};
}

/** The dialog shown to the admin after an export: links to every file, where they went, warnings. */
export function exportDialogHtml(report: ExportReport): string {
  const h = escapeHtml;
  const items = report.files
    .map(f => {
      const url = safeUrl(f.url);
      const where = [
        url ? 'đã lưu trên Drive' : '',
        f.attached ? 'đã gửi kèm email' : '',
      ]
        .filter(Boolean)
        .join(', ');
      const name = url
        ? `<a href="${h(url)}" target="_blank" rel="noopener">${h(f.name)}</a>`
        : h(f.name);
      return `<li><b>${h(kindLabel(f.kind))}</b>: ${name}${where ? ` <span class="muted">(${h(where)})</span>` : ''}</li>`;
    })
    .join('');
  const folderUrl = report.folder ? safeUrl(report.folder.url) : null;
  const folder =
    report.folder && folderUrl
      ? `<p>Thư mục lưu: <a href="${h(folderUrl)}" target="_blank" rel="noopener">${h(report.folder.name)}</a></p>`
      : '';
  const mail = report.emailedTo.length
    ? `<p>Đã gửi email tới: ${h(report.emailedTo.join(', '))}.</p>`
    : '<p>Không gửi email lần này.</p>';
  const warnings = report.warnings.length
    ? `<div class="warn"><b>Cần lưu ý:</b><ul>${report.warnings.map(w => `<li>${h(w)}</li>`).join('')}</ul></div>`
    : '';
  return (
    '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><base target="_blank"><style>' +
    'body{font-family:Arial,sans-serif;font-size:14px;line-height:1.45;margin:12px;color:#202124}' +
    'ul{padding-left:20px;margin:6px 0}li{margin:3px 0}.muted{color:#5f6368}' +
    '.warn{background:#fef7e0;border:1px solid #f9ab00;border-radius:6px;padding:6px 10px;margin-top:10px}' +
    'button{margin-top:12px;padding:6px 16px}</style></head><body>' +
    `<p>${h(report.message)}</p>` +
    `<p class="muted">${h(report.headline)}</p>` +
    `<ul>${items}</ul>${folder}${mail}${warnings}` +
    '<button onclick="google.script.host.close()">Đóng</button>' +
    '</body></html>'
  );
}
