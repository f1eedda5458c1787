// Tests for the mail that carries a unit's personal link and the "Cập nhật ngay" button.
import {renderLinkMail, updateButtonHtml} from '../../src/core/linkMail';

const URL = 'https://script.google.com/macros/s/ID/exec?t=abc_DEF-123';

describe('updateButtonHtml', () => {
  it('is a plain styled link with the Vietnamese caption', () => {
    const html = updateButtonHtml(URL);
    expect(html).toContain(`href="${URL}"`);
    expect(html).toContain('>Cập nhật ngay</a>');
    expect(html).not.toMatch(/<script|onclick/i);
  });

  it('escapes the address and the caption', () => {
    const html = updateButtonHtml('https://x/"><img src=x>', '<b>Mở</b>');
    expect(html).not.toContain('"><img');
    expect(html).toContain('&quot;&gt;&lt;img');
    expect(html).toContain('&lt;b&gt;Mở&lt;/b&gt;');
  });
});

describe('renderLinkMail', () => {
  const input = {
    unitName: 'Thôn Đông',
    commune: 'Hòa Bình',
    planTitle: 'Kế hoạch dân vận 6 tháng đầu năm 2026',
    reportTo: 'Văn phòng HĐND và UBND',
    url: URL,
    expiresText: '30/06/2026',
  };

  it('addresses the unit and carries the link, its expiry and the office, in text and HTML', () => {
    const m = renderLinkMail(input);
    expect(m.subject).toBe(
      'Đường dẫn cập nhật tiến độ công tác dân vận - Thôn Đông',
    );
    for (const part of [m.body, m.htmlBody]) {
      expect(part).toContain('Thôn Đông');
      expect(part).toContain(URL);
      expect(part).toContain('30/06/2026');
      expect(part).toContain('Văn phòng HĐND và UBND xã Hòa Bình');
      expect(part).toContain(input.planTitle);
    }
    expect(m.body).toContain(`Cập nhật ngay: ${URL}`);
    expect(m.htmlBody).toContain(updateButtonHtml(URL));
  });

  it('falls back to the default office and plan wording', () => {
    const m = renderLinkMail({
      ...input,
      reportTo: '',
      planTitle: '',
      commune: '',
    });
    expect(m.body).toContain('Phòng Văn hóa - Xã hội gửi đơn vị');
    expect(m.body).toContain('kế hoạch công tác dân vận chính quyền');
    expect(m.body).not.toContain(' xã ');
  });

  it('escapes every text from the sheet in the HTML body', () => {
    const m = renderLinkMail({
      ...input,
      unitName: '<script>alert(1)</script>',
      commune: '"&',
      planTitle: '<i>kế hoạch</i>',
      reportTo: '<b>VP</b>',
    });
    expect(m.htmlBody).not.toMatch(/<script|<i>|<b>VP/);
    expect(m.htmlBody).toContain('&lt;script&gt;');
    expect(m.htmlBody).toContain('&lt;i&gt;kế hoạch&lt;/i&gt;');
    expect(m.htmlBody).toContain('&lt;b&gt;VP&lt;/b&gt;');
    // The plain body is text: kept as typed.
    expect(m.body).toContain('<script>alert(1)</script>');
  });
});
