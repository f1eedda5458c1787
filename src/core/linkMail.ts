// The e-mail that carries a unit's personal update link, and the "Cập nhật ngay" button other mails reuse.
import {escapeHtml} from './text';

/** The main button of a mail: a large link that works in every mail client (a styled <a>, no script). */
export function updateButtonHtml(
  url: string,
  caption = 'Cập nhật ngay',
): string {
  const href = escapeHtml(url);
  return (
    `<p style="margin:20px 0"><a href="${href}" ` +
    'style="display:inline-block;background:#1a73e8;color:#ffffff;text-decoration:none;' +
    'font:bold 18px Arial,sans-serif;padding:14px 28px;border-radius:6px">' +
    `${escapeHtml(caption)}</a></p>`
  );
}

export interface LinkMailInput {
  unitName: string;
  commune: string;
  planTitle: string;
  reportTo: string;
  url: string;
  /** Last day the link works, dd/MM/yyyy. */
  expiresText: string;
}

export interface RenderedMail {
  subject: string;
  body: string;
  htmlBody: string;
}

/** The mail that sends a unit (or village) its link. All text from the sheet is escaped. */
export function renderLinkMail(m: LinkMailInput): RenderedMail {
  const office = m.reportTo || 'Phòng Văn hóa - Xã hội';
  const where = m.commune ? ` xã ${m.commune}` : '';
  const subject = `Đường dẫn cập nhật tiến độ công tác dân vận - ${m.unitName}`;
  const lines = [
    `Kính gửi ${m.unitName},`,
    '',
    `${office}${where} gửi đơn vị đường dẫn riêng để cập nhật tiến độ các nhiệm vụ được phân công trong ${m.planTitle || 'kế hoạch công tác dân vận chính quyền'}.`,
    'Mở đường dẫn trên điện thoại hoặc máy tính, không cần đăng nhập tài khoản Google; có thể gửi kèm ảnh và tệp minh chứng.',
    '',
    `Cập nhật ngay: ${m.url}`,
    '',
    `Đường dẫn dùng được đến hết ngày ${m.expiresText}. Đây là đường dẫn riêng của đơn vị: không chuyển tiếp cho người ngoài. Nếu đường dẫn bị lộ, vui lòng báo ${office} để cấp đường dẫn mới.`,
  ];
  const html =
    '<div style="font:15px/1.5 Arial,sans-serif;color:#202124;max-width:560px">' +
    `<p>Kính gửi <b>${escapeHtml(m.unitName)}</b>,</p>` +
    `<p>${escapeHtml(office + where)} gửi đơn vị đường dẫn riêng để cập nhật tiến độ các nhiệm vụ được phân công trong ${escapeHtml(m.planTitle || 'kế hoạch công tác dân vận chính quyền')}.</p>` +
    '<p>Mở đường dẫn trên điện thoại hoặc máy tính, không cần đăng nhập tài khoản Google; có thể gửi kèm ảnh và tệp minh chứng.</p>' +
    updateButtonHtml(m.url) +
    `<p style="color:#5f6368;font-size:13px">Đường dẫn dùng được đến hết ngày ${escapeHtml(m.expiresText)}. Đây là đường dẫn riêng của đơn vị: không chuyển tiếp cho người ngoài. Nếu đường dẫn bị lộ, vui lòng báo ${escapeHtml(office)} để cấp đường dẫn mới.</p>` +
    `<p style="color:#5f6368;font-size:13px;overflow-wrap:anywhere">Nếu nút không bấm được, mở địa chỉ: ${escapeHtml(m.url)}</p>` +
    '</div>';
  return {subject, body: lines.join('\n'), htmlBody: html};
}
