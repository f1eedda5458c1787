// Reads a plan's header (issuing body, number, date, title, signer) and its reporting dates from the body text.
import {makeIsoDate} from '../dates';
import {nfc, normalizeKey} from '../text';
import type {IsoDate} from '../types';

export interface PlanHeader {
  /** "UBND xã Đại Sơn". */
  issuer: string;
  /** The line above the issuer ("UBND THÀNH PHỐ HẢI PHÒNG"), or "". */
  parentBody: string;
  commune: string;
  /** "16/KH-UBND", or "" when the document leaves it blank. */
  number: string;
  date: IsoDate | '';
  /** "Đại Sơn" from "Đại Sơn, ngày …". */
  place: string;
  title: string;
  signerName: string;
  /** "Chủ tịch", "Phó Chủ tịch". */
  signerTitle: string;
  /** The office reports go through ("qua Phòng Văn hóa- Xã hội"), as written, or "". */
  reportTo: string;
}

/** A reporting date read from the body: "lần 1 trước ngày 03/9/2025", "6 tháng (trước ngày 15/6)". */
export interface ReportingDate {
  due: IsoDate;
  /** The date as the text writes it, with the year added when it was left out ("15/6/2026"). */
  written: string;
  /** "lần 1", "6 tháng", "năm", or "". */
  label: string;
}

/** Capitalises each word of an upper-case Vietnamese name ("ĐẠI SƠN" → "Đại Sơn"). */
export function titleCase(text: string): string {
  return nfc(text)
    .toLowerCase()
    .split(/(\s+)/)
    .map(w => (w.trim() ? w.charAt(0).toUpperCase() + w.slice(1) : w))
    .join('');
}

const ISSUER =
  /^(?:ỦY|UỶ) BAN NHÂN DÂN (XÃ|PHƯỜNG|THỊ TRẤN|ĐẶC KHU) (.+)$|^UBND (XÃ|PHƯỜNG|THỊ TRẤN|ĐẶC KHU) (.+)$/iu;
const NUMBER = /^Số\s*[:.]?\s*(.*)$/iu;
const PLACE_DATE =
  /^(.{2,40}?),\s*ngày\s*(\d{1,2}|[.…_]*)\s*tháng\s*(\d{1,2}|[.…_]*)\s*năm\s+(\d{4})/iu;
const SIGNER_TITLE =
  /^(?:(KT|TM|TL|Q)\.\s*)?(CHỦ TỊCH|PHÓ CHỦ TỊCH|ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN)$/u;
const BODY_ISSUER =
  /\bUBND (xã|phường|thị trấn) (\p{Lu}\p{Ll}*(?: \p{Lu}\p{Ll}*){0,3})/u;

/** The lines of the document outside the appendix, in order (paragraphs and layout-table cells). */
export function readHeader(lines: string[]): {
  header: PlanHeader;
  problems: string[];
} {
  const text = lines.map(l =>
    nfc(l)
      .replace(/[\s\u00a0]+/g, ' ')
      .trim(),
  );
  const problems: string[] = [];
  const header: PlanHeader = {
    issuer: '',
    parentBody: '',
    commune: '',
    number: '',
    date: '',
    place: '',
    title: '',
    signerName: '',
    signerTitle: '',
    reportTo: '',
  };
  let numberSeen = false;
  let dateSeen = false;
  for (let i = 0; i < text.length; i++) {
    const line = text[i];
    // The issuing body is set in capitals on its own line; a body sentence naming it is not it.
    if (!header.issuer && line === line.toUpperCase()) {
      const m = ISSUER.exec(line);
      if (m) {
        const level = (m[1] ?? m[3]).toLowerCase();
        header.commune = titleCase(m[2] ?? m[4]);
        header.issuer = `UBND ${level} ${header.commune}`;
        const above = i > 0 ? text[i - 1] : '';
        if (above && above === above.toUpperCase() && /\p{L}/u.test(above))
          header.parentBody = above;
        continue;
      }
    }
    if (!numberSeen) {
      const m = NUMBER.exec(line);
      if (m && m[1].includes('/')) {
        numberSeen = true;
        const n = m[1].replace(/\s+/g, '');
        header.number = /^[\d\w]/u.test(n) ? n : '';
        continue;
      }
    }
    if (!dateSeen) {
      const m = PLACE_DATE.exec(line);
      if (m) {
        dateSeen = true;
        header.place = m[1].trim();
        header.date = makeIsoDate(+m[4], +m[3], +m[2]) ?? '';
        continue;
      }
    }
    if (!header.title && /^KẾ HOẠCH$/u.test(line)) {
      const parts: string[] = [];
      for (let j = i + 1; j < text.length && parts.length < 4; j++) {
        const t = text[j];
        if (!t) {
          if (parts.length) break;
          continue;
        }
        if (
          /^(?:Thực hiện|Căn cứ|Để|Nhằm|Triển khai Kế hoạch số)\b/u.test(t) &&
          parts.length
        )
          break;
        if (/[;:]$/.test(t) || t.length > 250) break;
        parts.push(t);
      }
      header.title = parts.join(' ');
    }
  }
  // Signature: the last signing title, then the name below it.
  for (let i = text.length - 1; i >= 0; i--) {
    const m = SIGNER_TITLE.exec(text[i]);
    if (!m) continue;
    let title = m[2];
    // "KT. CHỦ TỊCH" over "PHÓ CHỦ TỊCH": the second line is who signs.
    const next = text.slice(i + 1).find(t => t);
    if (next && /^PHÓ CHỦ TỊCH$/u.test(next)) title = next;
    header.signerTitle = title.charAt(0) + title.slice(1).toLowerCase();
    const name = text
      .slice(i + 1)
      .find(
        t =>
          t &&
          !SIGNER_TITLE.test(t) &&
          /^[\p{Lu}][\p{L}]*(?: [\p{Lu}][\p{L}]*){1,5}$/u.test(t),
      );
    header.signerName = name ?? '';
    break;
  }
  const body = text.join('\n');
  if (!header.issuer) {
    const m = BODY_ISSUER.exec(body);
    if (m) {
      header.issuer = `UBND ${m[1]} ${m[2]}`;
      header.commune = m[2];
    }
  }
  if (!header.commune && header.place) header.commune = header.place;
  const via = /\(qua ([^)]{3,80})\)/u.exec(body);
  if (via) header.reportTo = via[1].trim();
  if (!header.issuer)
    problems.push('Không đọc được cơ quan ban hành (ỦY BAN NHÂN DÂN XÃ …).');
  if (!header.title)
    problems.push('Không đọc được tên kế hoạch (dòng sau chữ "KẾ HOẠCH").');
  if (!header.number)
    problems.push('Kế hoạch chưa có số văn bản ("Số: …/KH-UBND").');
  if (!header.date)
    problems.push(
      'Kế hoạch chưa có ngày ban hành ("…, ngày … tháng … năm …").',
    );
  if (!header.signerName) problems.push('Không đọc được người ký kế hoạch.');
  return {header, problems};
}

/** "6 tháng cuối năm 2025" → 1/7–31/12/2025; "6 tháng đầu năm 2026"; "năm 2026". */
export function halfYearOf(
  title: string,
): {start: IsoDate; end: IsoDate} | null {
  const s = normalizeKey(title);
  const half = /(?:6|sáu) tháng (đầu|cuối) năm (\d{4})/.exec(s);
  if (half) {
    const y = Number(half[2]);
    return half[1] === 'đầu'
      ? {start: `${y}-01-01`, end: `${y}-06-30`}
      : {start: `${y}-07-01`, end: `${y}-12-31`};
  }
  const year = /năm (\d{4})/.exec(s);
  if (year) return {start: `${year[1]}-01-01`, end: `${year[1]}-12-31`};
  return null;
}

const DUE =
  /(?:trước|chậm nhất(?: là)?|hạn chót|không quá)\s+(?:ngày\s+)?(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{4}))?(?!\s*[/.-]?\s*\d)/giu;
const LABEL =
  /(lần\s+(?:\d+|thứ \p{L}+)|(?:6|sáu)\s+tháng(?: đầu năm| cuối năm)?|quý\s+[IVX\d]+|hằng quý|hằng tháng|cả năm|năm)\s*\(?\s*$/iu;

/**
 * Reporting dates written in the sentences about reports ("báo cáo … lần 1 trước ngày 03/9/2025 và lần 2
 * trước ngày 03/12/2025"; "định kỳ 6 tháng (trước ngày 15/6) và năm (trước ngày 15/12)"). Dates with no
 * year take `year`. Only sentences that speak of reporting count; a document's own date never does.
 */
export function readReportingDates(
  paragraphs: string[],
  year: number,
): ReportingDate[] {
  const out: ReportingDate[] = [];
  const seen = new Set<string>();
  for (const p of paragraphs) {
    const text = nfc(p).replace(/[\s\u00a0]+/g, ' ');
    for (const sentence of text.split(/(?<=[.!?])\s+(?=\p{Lu})|;\s+/u)) {
      if (!/báo cáo/iu.test(sentence)) continue;
      for (const m of sentence.matchAll(DUE)) {
        const y = m[3] ? Number(m[3]) : year;
        const due = makeIsoDate(y, Number(m[2]), Number(m[1]));
        if (!due || seen.has(due)) continue;
        const before = sentence.slice(
          Math.max(0, (m.index ?? 0) - 30),
          m.index,
        );
        const label = LABEL.exec(before)?.[1] ?? '';
        seen.add(due);
        out.push({
          due,
          written: `${m[1]}/${m[2]}/${y}`,
          label: label.replace(/\s+/g, ' '),
        });
      }
    }
  }
  return out.sort((a, b) => a.due.localeCompare(b.due));
}
