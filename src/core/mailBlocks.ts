// E-mail bodies as one small document model (headings, paragraphs, lists, a button), written as HTML and as text.
import {escapeHtml} from './text';

/** A piece of a line: text, bold text or a link. */
export type Inline = string | {bold: string} | {href: string; text: string};

export type Block =
  | {type: 'h'; text: string}
  | {type: 'p'; parts: Inline[]}
  | {type: 'list'; items: Inline[][]}
  | {type: 'button'; href: string; text: string}
  /** Markup built (and escaped) by the product itself, e.g. the summary's bar tables; not in the text. */
  | {type: 'html'; html: string};

function inlineText(parts: Inline[]): string {
  return parts
    .map(p => {
      if (typeof p === 'string') return p;
      if ('bold' in p) return p.bold;
      return `${p.text} <${p.href}>`;
    })
    .join('');
}

function inlineHtml(parts: Inline[]): string {
  return parts
    .map(p => {
      if (typeof p === 'string') return escapeHtml(p);
      if ('bold' in p) return `<b>${escapeHtml(p.bold)}</b>`;
      return `<a href="${escapeHtml(p.href)}">${escapeHtml(p.text)}</a>`;
    })
    .join('');
}

export function blocksToText(blocks: Block[]): string {
  const out: string[] = [];
  for (const b of blocks) {
    switch (b.type) {
      case 'h':
        out.push('', b.text, '='.repeat(Math.min(b.text.length, 60)));
        break;
      case 'p':
        out.push(inlineText(b.parts));
        break;
      case 'list':
        for (const item of b.items) out.push(`  - ${inlineText(item)}`);
        break;
      case 'html':
        break;
      default:
        out.push(`${b.text}: <${b.href}>`);
    }
  }
  return out.join('\n').trim() + '\n';
}

const H_STYLE =
  'font-size:15px;margin:18px 0 6px;color:#0b5394;border-bottom:1px solid #cfe2f3;padding-bottom:2px';
const BUTTON_STYLE =
  'display:inline-block;background:#1a73e8;color:#ffffff;text-decoration:none;padding:8px 16px;border-radius:4px;font-weight:bold';

export function blocksToHtml(blocks: Block[]): string {
  const out: string[] = [
    '<div style="font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:1.5;color:#202124">',
  ];
  for (const b of blocks) {
    switch (b.type) {
      case 'h':
        out.push(`<h3 style="${H_STYLE}">${escapeHtml(b.text)}</h3>`);
        break;
      case 'p':
        out.push(`<p style="margin:6px 0">${inlineHtml(b.parts)}</p>`);
        break;
      case 'html':
        out.push(b.html);
        break;
      case 'list':
        out.push('<ul style="margin:4px 0 8px;padding-left:22px">');
        for (const item of b.items) out.push(`<li>${inlineHtml(item)}</li>`);
        out.push('</ul>');
        break;
      default:
        out.push(
          `<p style="margin:10px 0"><a href="${escapeHtml(b.href)}" style="${BUTTON_STYLE}">${escapeHtml(b.text)}</a></p>`,
          `<p style="margin:4px 0;font-size:12px;color:#5f6368">Nếu nút không mở được, chép đường dẫn sau vào trình duyệt: ${escapeHtml(b.href)}</p>`,
        );
    }
  }
  out.push('</div>');
  return out.join('\n');
}
