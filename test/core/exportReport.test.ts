// File names, Drive ids from pasted links, and the export's e-mail and dialog (escaped, only https links).
import {
  exportFolderName,
  exportNames,
  parseDriveId,
  safeFileName,
} from '../../src/core/exportNames';
import {
  exportDialogHtml,
  exportMail,
  type ExportReport,
} from '../../src/core/exportReport';

const ID = '1AbCdEfGhIjKlMnOpQrStUvWxYz_0123456789-ab';

describe('export names', () => {
  it('names the files by period and day', () => {
    expect(exportNames('KY1', '2025-09-02')).toEqual({
      summary: 'Tổng hợp KY1 (02-09-2025)',
      report: 'Dự thảo báo cáo KY1 (02-09-2025)',
    });
    expect(exportFolderName('UBND xã Đại Sơn')).toBe(
      'Dân vận chính quyền - Tệp xuất (UBND xã Đại Sơn)',
    );
  });

  it('keeps file names safe for Drive, Gmail and Windows', () => {
    expect(safeFileName('a/b\\c:d*e?f"g<h>i|j\u0000k')).toBe(
      'a-b-c-d-e-f-g-h-i-j-k',
    );
    expect(safeFileName('...')).toBe('Tệp xuất');
    expect(Array.from(safeFileName('x'.repeat(500)))).toHaveLength(120);
    expect(safeFileName('Tổng hợp'.normalize('NFD'))).toBe('Tổng hợp');
  });

  it('reads a Drive id from a bare id or any Drive / Docs link, and nothing else', () => {
    expect(parseDriveId(ID)).toBe(ID);
    expect(
      parseDriveId(`https://drive.google.com/drive/folders/${ID}?usp=sharing`),
    ).toBe(ID);
    expect(
      parseDriveId(`https://drive.google.com/drive/u/0/folders/${ID}`),
    ).toBe(ID);
    expect(parseDriveId(`https://docs.google.com/document/d/${ID}/edit`)).toBe(
      ID,
    );
    expect(parseDriveId(`https://drive.google.com/open?id=${ID}`)).toBe(ID);
    expect(parseDriveId('Có')).toBeNull();
    expect(parseDriveId('tự tạo')).toBeNull();
    expect(parseDriveId('')).toBeNull();
  });
});

const HOSTILE = '<script>alert(1)</script>';

function report(extra: Partial<ExportReport> = {}): ExportReport {
  return {
    ok: true,
    periodId: 'KY1',
    periodName: `Kỳ 1 ${HOSTILE}`,
    sheetName: 'Tổng hợp KY1',
    asOf: '2025-09-02T07:00:00+07:00',
    asOfText: '02/09/2025 07:00',
    rebuilt: false,
    headline: `3/13 nhiệm vụ đã hoàn thành ${HOSTILE}`,
    files: [
      {
        kind: 'pdf',
        name: `a${HOSTILE}.pdf`,
        mimeType: 'application/pdf',
        size: 10,
        attached: true,
      },
      {
        kind: 'xlsx',
        name: 'a.xlsx',
        mimeType: 'x',
        size: 10,
        attached: true,
        driveId: 'id1',
        url: 'javascript:alert(1)',
      },
      {
        kind: 'doc',
        name: 'Dự thảo',
        mimeType: 'g',
        size: 0,
        driveId: ID,
        url: `https://docs.google.com/document/d/${ID}/edit?a=1&b=2`,
      },
    ],
    folder: {
      id: 'f',
      name: `Thư mục ${HOSTILE}`,
      url: 'https://drive.google.com/drive/folders/f',
    },
    emailedTo: ['a@x.vn'],
    warnings: [`Lưu ý ${HOSTILE}`],
    message: `Đã xuất ${HOSTILE}`,
    ...extra,
  };
}

describe('the export e-mail', () => {
  const mail = exportMail(report(), {
    issuer: `UBND ${HOSTILE}`,
    senderName: 'Phòng VHXH',
  });

  it('says what period, when, what is attached and where the draft is', () => {
    expect(mail.subject).toBe(
      `[Dân vận] Tổng hợp KY1 - Kỳ 1 ${HOSTILE} (số liệu đến 02/09/2025 07:00)`,
    );
    expect(mail.body).toContain(`- a${HOSTILE}.pdf (Tổng hợp (PDF))`);
    expect(mail.body).toContain(
      `https://docs.google.com/document/d/${ID}/edit?a=1&b=2`,
    );
    expect(mail.body).toContain('Phòng VHXH');
  });

  it('escapes every text in the HTML body and links only https URLs', () => {
    expect(mail.htmlBody).not.toContain('<script>');
    expect(mail.htmlBody).toContain('&lt;script&gt;');
    expect(mail.htmlBody).toContain(
      `href="https://docs.google.com/document/d/${ID}/edit?a=1&amp;b=2"`,
    );
    expect(mail.htmlBody).not.toContain('javascript:');
  });
});

describe('the export dialog', () => {
  const html = exportDialogHtml(report());

  it('lists the files with links, the folder, the recipients and the warnings, all escaped', () => {
    expect(html).not.toContain('<script>');
    expect(html).toContain('Dự thảo báo cáo (Google Tài liệu)');
    expect(html).toContain(
      `href="https://docs.google.com/document/d/${ID}/edit?a=1&amp;b=2"`,
    );
    expect(html).not.toContain('javascript:');
    expect(html).toContain('Đã gửi email tới: a@x.vn.');
    expect(html).toContain('Lưu ý &lt;script&gt;');
    expect(html).toContain('google.script.host.close()');
  });

  it('says when no e-mail went', () => {
    expect(exportDialogHtml(report({emailedTo: []}))).toContain(
      'Không gửi email lần này.',
    );
  });
});
