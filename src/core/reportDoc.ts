// The draft report (Báo cáo) in the layout of Nghị định 30/2020/NĐ-CP, from the summary, as a .docx description.
import {formatVnDate} from './dates';
import {
  para,
  type DocxCell,
  type DocxDocument,
  type DocxParagraph,
  type DocxTable,
} from './docx';
import {PROGRESS_LABELS} from './status';
import type {Summary, SummaryTaskRow} from './summary';
import {nfc, normalizeKey} from './text';

/** The settings the report's header, signature and "Nơi nhận" come from. */
export interface ReportSettings {
  commune: string;
  issuer: string;
  parentBody: string;
  planTitle: string;
  planNumber: string;
  planDate: string;
  reportTo: string;
  signerName: string;
  signerTitle: string;
  place: string;
  /** "Nơi nhận" lines, as the admin wrote them. */
  recipients: string[];
}

/** The blank the officer fills in (a number, a day, a comment). */
export const BLANK = '…';
/** The five section headings, in order. */
export const REPORT_SECTIONS = [
  'I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, TỔ CHỨC THỰC HIỆN',
  'II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ',
  'III. ĐÁNH GIÁ CHUNG',
  'IV. NHIỆM VỤ TRỌNG TÂM KỲ TỚI',
  'V. ĐỀ XUẤT, KIẾN NGHỊ',
] as const;
/** Columns of the appendix table. */
export const APPENDIX_HEADER = [
  'TT',
  'Nhiệm vụ',
  'Chủ trì',
  'Phối hợp',
  'Thời gian',
  'Sản phẩm',
  'Kết quả',
  'Tình trạng',
] as const;

const BODY_PT = 14;
const HEADER_PT = 13;
const TABLE_PT = 11;
const QUOC_HIEU = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
const TIEU_NGU = 'Độc lập - Tự do - Hạnh phúc';

function upper(text: string): string {
  return nfc(text).toUpperCase();
}

/** First letter lower-cased ("Triển khai…" → "triển khai…") to run on inside a sentence. */
function lowerFirst(text: string): string {
  const t = nfc(text).trim();
  return t ? t.charAt(0).toLowerCase() + t.slice(1) : t;
}

function isCommittee(issuer: string): boolean {
  const k = normalizeKey(issuer);
  return (
    k.startsWith('ubnd') ||
    k.startsWith('ủy ban nhân dân') ||
    k.startsWith('uỷ ban nhân dân')
  );
}

/** The "Số: …/BC-XXX" line: the issuer's abbreviation after "BC-". */
export function numberLine(issuer: string): string {
  return `Số: ${BLANK}/BC-${isCommittee(issuer) ? 'UBND' : BLANK}`;
}

/** "Đại Sơn, ngày … tháng 9 năm 2025": the day left for the signing date. */
export function placeDateLine(place: string, isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-\d{2}$/.exec(isoDate);
  const month = m ? String(Number(m[2])) : BLANK;
  const year = m ? m[1] : BLANK;
  return `${nfc(place).trim() || BLANK}, ngày ${BLANK} tháng ${month} năm ${year}`;
}

/** A period's name for running text: "Kỳ 1 (báo cáo trước 03/09/2025)" → "Kỳ 1, báo cáo trước 03/09/2025". */
export function periodPhrase(name: string): string {
  return nfc(name)
    .replace(/\s*\(([^()]*)\)/g, ', $1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The trích yếu: "Kết quả thực hiện công tác dân vận chính quyền 6 tháng cuối năm 2025 …". */
export function reportTitle(
  summary: Summary,
  settings: ReportSettings,
): string {
  const plan = nfc(settings.planTitle || summary.header.planTitle).trim();
  const key = 'dân vận chính quyền';
  const at = plan.toLowerCase().indexOf(key);
  const scope = at >= 0 ? plan.slice(at + key.length).trim() : '';
  const base =
    at >= 0
      ? `Kết quả thực hiện công tác dân vận chính quyền${scope ? ` ${scope}` : ''}`
      : plan
        ? `Kết quả thực hiện ${lowerFirst(plan)}`
        : 'Kết quả thực hiện công tác dân vận chính quyền';
  return `${base} (${periodPhrase(summary.header.period.name)})`;
}

/** The signature block's title lines: "TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH". */
export function signatureTitle(issuer: string, signerTitle: string): string[] {
  const title = normalizeKey(signerTitle);
  const lines: string[] = [];
  if (isCommittee(issuer)) lines.push('TM. ỦY BAN NHÂN DÂN');
  if (title.startsWith('phó chủ tịch')) lines.push('KT. CHỦ TỊCH');
  lines.push(upper(signerTitle.trim() || 'Chủ tịch'));
  return lines;
}

function shorten(text: string, max: number): string {
  const t = nfc(text).replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[,;:.\s]+$/, '')}…`;
}

/** Sentences end with a full stop (or what punctuation they have). */
function sentence(text: string): string {
  const t = nfc(text).trim();
  return !t || /[.!?…:;]$/.test(t) ? t : `${t}.`;
}

/** A heading line ends with a full stop, whatever separator the plan's text ended with. */
function headingSentence(text: string): string {
  return sentence(
    nfc(text)
      .trim()
      .replace(/[\s,;:]+$/, ''),
  );
}

function body(text: string, opts: Partial<DocxParagraph> = {}): DocxParagraph {
  return para(text, {
    align: 'both',
    firstLineIndentCm: 1,
    spaceAfterPt: 6,
    lineSpacing: 1.1,
    ...opts,
  });
}

function heading(text: string): DocxParagraph {
  return para(text, {
    align: 'both',
    bold: true,
    firstLineIndentCm: 1,
    spaceBeforePt: 6,
    spaceAfterPt: 6,
    keepWithNext: true,
  });
}

function subheading(text: string): DocxParagraph {
  return para(text, {
    align: 'both',
    bold: true,
    italic: false,
    firstLineIndentCm: 1,
    spaceAfterPt: 6,
    keepWithNext: true,
  });
}

function cellOf(
  paragraphs: DocxParagraph[],
  extra: Partial<DocxCell> = {},
): DocxCell {
  return {paragraphs, ...extra};
}

/** The two-column header: issuing body and number left, quốc hiệu, tiêu ngữ, place and date right. */
function headerTable(summary: Summary, s: ReportSettings): DocxTable {
  const c = {align: 'center' as const, size: HEADER_PT};
  const left: DocxParagraph[] = [];
  if (s.parentBody.trim()) left.push(para(upper(s.parentBody), c));
  left.push(para(upper(s.issuer || summary.header.issuer), {...c, bold: true}));
  left.push({
    type: 'paragraph',
    runs: [],
    size: 4,
    bottomBorder: true,
    indentLeftCm: 2.6,
    indentRightCm: 2.6,
  });
  left.push(
    para(numberLine(s.issuer || summary.header.issuer), {
      ...c,
      spaceBeforePt: 6,
    }),
  );
  const right: DocxParagraph[] = [
    para(QUOC_HIEU, {...c, bold: true, size: 12}),
    para(TIEU_NGU, {...c, bold: true, size: BODY_PT, underline: true}),
    para(placeDateLine(s.place || s.commune, summary.header.asOfDate), {
      ...c,
      italic: true,
      size: BODY_PT,
      spaceBeforePt: 10,
    }),
  ];
  return {
    type: 'table',
    widthsCm: [7, 9.5],
    borders: false,
    rows: [[cellOf(left), cellOf(right)]],
  };
}

/** "Nơi nhận" left and the signature block right, in a borderless table. */
function signatureTable(s: ReportSettings): DocxTable {
  const recipients = s.recipients.length
    ? s.recipients
    : [`Lưu: VT, ${BLANK}.`];
  const left: DocxParagraph[] = [
    para('Nơi nhận:', {bold: true, italic: true, size: 12}),
    ...recipients.map(r =>
      para(`- ${nfc(r).replace(/^[-–•+]\s*/, '')}`, {size: 11}),
    ),
  ];
  const right: DocxParagraph[] = [
    ...signatureTitle(s.issuer, s.signerTitle).map(t =>
      para(t, {align: 'center', bold: true, size: BODY_PT}),
    ),
    ...[0, 1, 2, 3].map(() => para('', {size: BODY_PT})),
    para(nfc(s.signerName).trim() || BLANK, {
      align: 'center',
      bold: true,
      size: BODY_PT,
    }),
  ];
  return {
    type: 'table',
    widthsCm: [7.5, 9],
    borders: false,
    rows: [[cellOf(left), cellOf(right)]],
  };
}

function doneCount(summary: Summary): number {
  return summary.counts
    .filter(c => c.label.startsWith('Đã hoàn thành'))
    .reduce((n, c) => n + c.count, 0);
}

function countsSentence(summary: Summary): string {
  const parts = summary.counts
    .filter(c => c.count > 0)
    .map(c => `${c.count} nhiệm vụ ${lowerFirst(c.label)}`);
  return parts.length ? parts.join('; ') : 'chưa có số liệu';
}

/** Section I: leadership and organisation, with the plan's figures and room for the officer. */
function sectionOne(summary: Summary, s: ReportSettings): DocxParagraph[] {
  const h = summary.header;
  const t = summary.totals;
  const plan =
    s.planNumber || h.planNumber
      ? `Kế hoạch số ${s.planNumber || h.planNumber}`
      : 'Kế hoạch';
  const planDate = s.planDate ? ` ngày ${s.planDate}` : '';
  return [
    heading(REPORT_SECTIONS[0]),
    body(
      `${s.issuer || h.issuer} đã ban hành ${plan}${planDate} về ${lowerFirst(s.planTitle || h.planTitle)}, ` +
        `gồm ${t.tasks} nhiệm vụ, phân công ${t.assignments} lượt nhiệm vụ cho ${summary.units.length} đơn vị và ${t.villages} thôn thực hiện; ` +
        `giao ${s.reportTo || h.reportTo} theo dõi, đôn đốc và tổng hợp kết quả.`,
    ),
    body(
      'Việc theo dõi tiến độ được thực hiện trên bảng tính dùng chung; các đơn vị cập nhật kết quả, minh chứng; ' +
        `các thôn báo cáo qua biểu mẫu trực tuyến. Kỳ báo cáo ${periodPhrase(h.period.name)} từ ngày ${formatVnDate(h.period.start)} ` +
        `đến ngày ${formatVnDate(h.period.due)}.`,
    ),
    body(
      `${BLANK} (bổ sung các văn bản chỉ đạo, hội nghị, kiểm tra đã tổ chức trong kỳ).`,
      {italic: true},
    ),
  ];
}

function taskParagraphs(task: SummaryTaskRow): DocxParagraph[] {
  const out: DocxParagraph[] = [
    subheading(`${task.tt}. ${headingSentence(task.text)}`),
  ];
  const who = [`Chủ trì: ${headingSentence(task.lead || BLANK)}`];
  if (task.support.trim())
    who.push(`Phối hợp: ${headingSentence(task.support)}`);
  if (task.timelineText.trim())
    who.push(`Thời gian: ${headingSentence(task.timelineText)}`);
  out.push(body(`- ${who.join(' ')}`, {italic: true}));
  out.push(
    body(`- Tình trạng: ${task.status}; ${sentence(task.progressSummary)}`),
  );
  if (task.quota) {
    const q = task.quota;
    const missing = q.missing.length
      ? ` Chưa đạt: ${q.missing.join(', ')}.`
      : '';
    out.push(body(`- Chỉ tiêu ${q.quota}/thôn: đạt ${q.label}.${missing}`));
  }
  const silent: string[] = [];
  for (const r of task.results) {
    const result = r.result.trim();
    if (!result && r.progress === 'not_started' && !r.updatedAt) {
      silent.push(r.unitName);
      continue;
    }
    const done = r.completedOn ? `, ngày ${formatVnDate(r.completedOn)}` : '';
    const text = result ? `: ${result}` : '';
    out.push(
      body(
        `- ${r.unitName} (${PROGRESS_LABELS[r.progress].toLowerCase()}${done})${sentence(text) || '.'}`,
      ),
    );
  }
  if (silent.length)
    out.push(body(`- Chưa báo cáo kết quả: ${silent.join(', ')}.`));
  return out;
}

function sectionTwo(summary: Summary): DocxParagraph[] {
  const out: DocxParagraph[] = [heading(REPORT_SECTIONS[1])];
  for (const task of summary.tasks) out.push(...taskParagraphs(task));
  if (!summary.tasks.length) out.push(body(BLANK));
  return out;
}

function sectionThree(summary: Summary): DocxParagraph[] {
  const h = summary.header;
  const t = summary.totals;
  const out: DocxParagraph[] = [
    heading(REPORT_SECTIONS[2]),
    subheading('1. Ưu điểm'),
  ];
  out.push(
    body(
      `Tính đến ngày ${formatVnDate(h.asOfDate)}, trong tổng số ${t.tasks} nhiệm vụ: ${countsSentence(summary)}. ` +
        `Đã hoàn thành ${doneCount(summary)}/${t.tasks} nhiệm vụ và ${t.assignmentsDone}/${t.assignments} lượt phân công; ` +
        `${t.unitsReported}/${t.units} đơn vị và ${t.villagesReported}/${t.villages} thôn đã báo cáo kết quả trong kỳ.`,
    ),
  );
  out.push(
    body(
      `${BLANK} (nêu kết quả nổi bật, mô hình “Dân vận khéo”, cách làm hay).`,
      {italic: true},
    ),
  );
  out.push(subheading('2. Hạn chế'));
  if (summary.overdue.length) {
    const tts = [...new Set(summary.overdue.map(o => o.tt))];
    out.push(
      body(
        `- Còn ${summary.overdue.length} lượt phân công quá hạn chưa hoàn thành (nhiệm vụ số ${tts.join(', ')}).`,
      ),
    );
  }
  for (const q of summary.quotas) {
    if (q.done < q.total)
      out.push(
        body(
          `- Nhiệm vụ ${q.tt}: mới đạt ${q.label}, còn ${q.total - q.done} thôn chưa thực hiện.`,
        ),
      );
  }
  if (summary.notReported.length) {
    out.push(
      body(
        `- ${summary.notReported.length} đơn vị, thôn chưa báo cáo trong kỳ: ${summary.notReported.map(n => n.name).join(', ')}.`,
      ),
    );
  }
  out.push(body(`- ${BLANK}`, {italic: true}));
  out.push(subheading('3. Nguyên nhân'));
  out.push(body(`- Nguyên nhân khách quan: ${BLANK}`));
  out.push(body(`- Nguyên nhân chủ quan: ${BLANK}`));
  return out;
}

function sectionFour(summary: Summary): DocxParagraph[] {
  const out: DocxParagraph[] = [heading(REPORT_SECTIONS[3])];
  const overdueTts = [...new Set(summary.overdue.map(o => o.tt))];
  if (overdueTts.length) {
    out.push(
      body(
        `- Khẩn trương hoàn thành các nhiệm vụ đã quá hạn: số ${overdueTts.join(', ')}.`,
      ),
    );
  }
  const ongoing: string[] = [];
  for (const task of summary.tasks) {
    if (task.status.startsWith('Đã hoàn thành')) continue;
    if (task.ongoing) {
      ongoing.push(task.tt);
      continue;
    }
    if (overdueTts.includes(task.tt)) continue;
    const due = task.due ? ` (hạn ${formatVnDate(task.due)})` : '';
    out.push(
      body(
        `- Tiếp tục thực hiện nhiệm vụ ${task.tt}: ${shorten(task.text, 160)}${due}.`,
      ),
    );
  }
  for (const q of summary.quotas) {
    if (q.missing.length)
      out.push(
        body(
          `- Đôn đốc các thôn chưa đạt chỉ tiêu nhiệm vụ ${q.tt}: ${q.missing.join(', ')}.`,
        ),
      );
  }
  if (ongoing.length)
    out.push(
      body(
        `- Duy trì thực hiện thường xuyên các nhiệm vụ số ${ongoing.join(', ')}.`,
      ),
    );
  out.push(body(`- ${BLANK}`, {italic: true}));
  return out;
}

/** Every proposal units and villages wrote for the period, once each, with who wrote it. */
export function collectProposals(summary: Summary): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  const add = (who: string, text: string) => {
    for (const line of nfc(text).split(/\r?\n/)) {
      const t = line.replace(/^[-–•+]\s*/, '').trim();
      const key = normalizeKey(t);
      if (!t || seen.has(key)) continue;
      seen.add(key);
      out.push(`${who}: ${sentence(t)}`);
    }
  };
  for (const task of summary.tasks)
    for (const r of task.results)
      if (r.proposals.trim()) add(r.unitName, r.proposals);
  for (const v of summary.villages)
    if (v.proposals.trim()) add(v.name, v.proposals);
  return out;
}

function sectionFive(summary: Summary): DocxParagraph[] {
  const proposals = collectProposals(summary);
  return [
    heading(REPORT_SECTIONS[4]),
    ...proposals.map(p => body(`- ${p}`)),
    body(
      proposals.length
        ? `- ${BLANK}`
        : `${BLANK} (tổng hợp kiến nghị, đề xuất gửi cấp trên).`,
      {italic: true},
    ),
  ];
}

function appendixCell(
  text: string,
  opts: Partial<DocxParagraph> = {},
): DocxCell {
  const lines = nfc(text).split(/\r?\n/);
  return cellOf(lines.map(l => para(l, {size: TABLE_PT, ...opts})));
}

/** The appendix: the task table (TT, Nhiệm vụ, Chủ trì, Phối hợp, Thời gian, Sản phẩm, Kết quả, Tình trạng). */
function appendix(summary: Summary): DocxTable {
  const head = APPENDIX_HEADER.map(h =>
    cellOf([para(h, {align: 'center', bold: true, size: TABLE_PT})], {
      fill: '#e7e6e6',
      vAlign: 'center',
    }),
  );
  const rows: DocxCell[][] = [head];
  for (const t of summary.tasks) {
    const result = t.quota
      ? `${t.progressSummary}\nChỉ tiêu: ${t.quota.label}`
      : t.progressSummary;
    rows.push([
      appendixCell(t.tt, {align: 'center'}),
      appendixCell(t.text),
      appendixCell(t.lead),
      appendixCell(t.support),
      appendixCell(t.timelineText),
      appendixCell(t.product),
      appendixCell(result),
      appendixCell(t.status),
    ]);
  }
  return {
    type: 'table',
    widthsCm: [1, 6.4, 3, 3, 2.6, 3, 4.6, 2.6],
    borders: true,
    headerRows: 1,
    rows,
  };
}

/**
 * The draft report of the summary's period: NĐ 30/2020 header (issuing body, number, quốc hiệu,
 * tiêu ngữ, place and date), "BÁO CÁO" and its title, the five sections filled with the summary's
 * figures and "…" where the officer writes, "Nơi nhận" and the signature block from the settings,
 * then the task table as the appendix on landscape pages. Times New Roman, 14 pt body.
 */
export function reportDocument(
  summary: Summary,
  s: ReportSettings,
): DocxDocument {
  const h = summary.header;
  const issuer = s.issuer || h.issuer;
  const title = reportTitle(summary, s);
  const main = [
    headerTable(summary, s),
    para('BÁO CÁO', {
      align: 'center',
      bold: true,
      size: BODY_PT,
      spaceBeforePt: 18,
    }),
    para(title, {align: 'center', bold: true, size: BODY_PT}),
    {
      type: 'paragraph' as const,
      runs: [],
      size: 4,
      bottomBorder: true,
      indentLeftCm: 6.3,
      indentRightCm: 6.3,
      spaceAfterPt: 12,
    },
    body(
      `Thực hiện ${s.planNumber || h.planNumber ? `Kế hoạch số ${s.planNumber || h.planNumber}` : 'Kế hoạch'} ` +
        `về ${lowerFirst(s.planTitle || h.planTitle)}, ${issuer} báo cáo kết quả thực hiện ${periodPhrase(h.period.name)} ` +
        `(số liệu tính đến ngày ${formatVnDate(h.asOfDate)}) như sau:`,
    ),
    ...sectionOne(summary, s),
    ...sectionTwo(summary),
    ...sectionThree(summary),
    ...sectionFour(summary),
    ...sectionFive(summary),
    body(
      `Trên đây là báo cáo kết quả thực hiện công tác dân vận chính quyền ${periodPhrase(h.period.name)} của ${issuer}./.`,
    ),
    para('', {spaceAfterPt: 6}),
    signatureTable(s),
  ];
  const annex = [
    para('PHỤ LỤC', {align: 'center', bold: true, size: BODY_PT}),
    para('KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CÔNG TÁC DÂN VẬN CHÍNH QUYỀN', {
      align: 'center',
      bold: true,
      size: HEADER_PT,
    }),
    para(
      `(Kèm theo Báo cáo số ${BLANK}/BC-${isCommittee(issuer) ? 'UBND' : BLANK} ngày ${BLANK} của ${issuer})`,
      {
        align: 'center',
        italic: true,
        size: HEADER_PT,
        spaceAfterPt: 8,
      },
    ),
    appendix(summary),
  ];
  return {
    fontName: 'Times New Roman',
    fontSizePt: BODY_PT,
    language: 'vi-VN',
    title: `Báo cáo ${title}`,
    creator: issuer,
    created: h.asOf,
    pageNumbers: true,
    sections: [
      {blocks: main, marginsCm: {top: 2, right: 1.5, bottom: 2, left: 3}},
      {
        blocks: annex,
        landscape: true,
        marginsCm: {top: 2, right: 1.5, bottom: 1.5, left: 2},
      },
    ],
  };
}
