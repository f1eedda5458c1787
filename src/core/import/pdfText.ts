// The appendix from text a PDF viewer copies: one line a printed line, cells run together, read back by likelihood.
import {nfc} from '../text';
import {parseTimeline} from '../timeline';
import type {Unit, UnitGroup} from '../types';
import {scanUnitText} from '../units';
import type {AppendixResult, AppendixTask} from './appendix';

/** The header words of the appendix and the field each names. */
const HEADER_FIELDS: Array<[RegExp, keyof Omit<AppendixTask, 'tt' | 'group'>]> =
  [
    [/chủ trì/, 'lead'],
    [/phối hợp/, 'support'],
    [/thời gian|thời hạn/, 'timelineText'],
    [/sản phẩm|kết quả/, 'product'],
    [/nhiệm vụ|nội dung/, 'text'],
  ];

/** Words that start a unit's or a group's name when the workbook does not know it. */
const UNIT_START =
  /^(?:các|phòng|văn phòng|trung tâm|trường|thôn|ban|hội|đoàn|công an|ubnd|ủy ban|uỷ ban|mặt trận|đơn vị)\b/iu;
/** A text that ends on one of these goes on in the next cell's words. */
const DANGLING = /\b(?:tại|của|với|cho|và|ở|trên|về|các|theo|đến|từ)$/iu;

interface Word {
  text: string;
  start: number;
  end: number;
  /** First word of a printed line. */
  lineStart: boolean;
  /** First word of a line set in by a space: a cell carried over a page break (as pdftotext writes it). */
  carried: boolean;
}

/** One printed line: its text, whether it was set in, whether it ends on a hyphen with no space. */
interface Line {
  text: string;
  setIn: boolean;
  hyphen: boolean;
}

interface Block {
  tt: string;
  text: string;
  words: Word[];
}

/** The words of a task's lines; "2021-" at a line's end runs on into the next line ("2021-2025"). */
function wordsOf(lines: Line[]): {text: string; words: Word[]} {
  let text = '';
  const words: Word[] = [];
  let glue = false;
  for (const line of lines) {
    const parts = line.text.split(' ').filter(Boolean);
    parts.forEach((p, i) => {
      const last = words[words.length - 1];
      if (i === 0 && glue && last) {
        last.text += p;
        last.end += p.length;
        text += p;
        return;
      }
      if (text) text += ' ';
      words.push({
        text: p,
        start: text.length,
        end: text.length + p.length,
        lineStart: i === 0,
        carried: i === 0 && line.setIn,
      });
      text += p;
    });
    glue = line.hyphen;
  }
  return {text, words};
}

/** Per word: 1 inside a known name or a separator, 0.6 inside an unknown name that reads like a unit, 0 else. */
function unitCoverage(
  text: string,
  words: Word[],
  units: Unit[],
  groups: UnitGroup[],
) {
  const weight = new Array<number>(text.length).fill(0);
  /** Name boundaries: a span must not cut a name in two. */
  const inside = new Array<boolean>(text.length + 1).fill(false);
  const refs: Array<{start: number; end: number; key: string}> = [];
  for (const seg of scanUnitText(text, units, groups)) {
    const w =
      seg.kind === 'ref'
        ? 1
        : seg.kind === 'separator'
          ? 1
          : UNIT_START.test(seg.text)
            ? 0.6
            : 0;
    for (let i = seg.start; i < seg.end; i++) weight[i] = w;
    if (seg.kind !== 'separator')
      for (let i = seg.start + 1; i < seg.end; i++) inside[i] = true;
    if (seg.kind === 'ref')
      refs.push({
        start: seg.start,
        end: seg.end,
        key: seg.ref.type === 'unit' ? seg.ref.code : seg.ref.phrase,
      });
  }
  return {
    /** Score of words [i, j): the share of their characters in names; -1 when a name is cut. */
    score(i: number, j: number): number {
      if (i >= j) return 0;
      const from = words[i].start;
      const to = words[j - 1].end;
      if (inside[from] || inside[to]) return -1;
      let sum = 0;
      for (let k = from; k < to; k++) sum += weight[k];
      const s = sum / (to - from);
      const keys = refs
        .filter(r => r.start >= from && r.end <= to)
        .map(r => r.key);
      // The same unit twice in one cell is two cells run together.
      return new Set(keys).size < keys.length ? s - 0.5 : s;
    },
  };
}

function join(words: Word[], i: number, j: number): string {
  return words
    .slice(i, j)
    .map(w => w.text)
    .join(' ');
}

interface Split {
  score: number;
  task: Omit<AppendixTask, 'tt' | 'group'>;
}

/** The likeliest reading of one task's words as text | lead | support | timeline | product (+ a carried-over tail). */
function splitBlock(
  block: Block,
  fields: Set<string>,
  units: Unit[],
  groups: UnitGroup[],
  year: number | undefined,
): Split | null {
  const {words, text} = block;
  const n = words.length;
  if (n < 2) return null;
  const cover = unitCoverage(text, words, units, groups);
  const hasSupport = fields.has('support');
  const hasProduct = fields.has('product');
  const parsed = new Map<string, number>();
  /** 0: no timeline; 1: read with the plan's year; 1.5: read on its own (it names its year). */
  const reads = (s: string) => {
    let v = parsed.get(s);
    if (v === undefined) {
      v =
        parseTimeline(s).kind !== 'unknown'
          ? 1.5
          : parseTimeline(s, {defaultYear: year}).kind !== 'unknown'
            ? 1
            : 0;
      parsed.set(s, v);
    }
    return v;
  };
  const bonus = (i: number) => (i < n && words[i].lineStart ? 0.6 : 0);
  /** A cell starts with a capital or a digit. */
  const opens = (i: number) => i < n && /^[\p{Lu}\d]/u.test(words[i].text);
  const carriedAt = words.findIndex(w => w.carried);

  // The best text | lead | support for each timeline start c (independent of what follows c).
  const before: Array<{score: number; a: number; b: number} | null> = [];
  for (let c = 0; c <= n; c++) {
    let best: {score: number; a: number; b: number} | null = null;
    for (let a = Math.max(1, c - 25); a < c; a++) {
      if (!opens(a)) continue;
      const dangling = DANGLING.test(join(words, 0, a)) ? 1.5 : 0;
      for (let b = hasSupport ? a + 1 : c; b <= c; b++) {
        if (b < c && !opens(b)) continue;
        const lead = cover.score(a, b);
        if (lead < 0.5) continue;
        const support = b < c ? cover.score(b, c) : 0;
        if (b < c && support < 0.5) continue;
        const score =
          lead * 3 +
          (b < c ? support * 3 + bonus(b) : 0.3) +
          bonus(a) -
          dangling;
        if (!best || score > best.score) best = {score, a, b};
      }
    }
    before.push(best);
  }

  let best: Split | null = null;
  for (let c = 1; c < n; c++) {
    const ls = before[c];
    if (!ls || !opens(c)) continue;
    for (let d = c + 1; d <= Math.min(n, c + 14); d++) {
      const firstE = hasProduct ? d + 1 : d;
      for (let e = firstE; e <= n; e++) {
        if (!hasProduct && e !== d && e !== carriedAt) continue;
        if (hasProduct && !opens(d)) break;
        // What follows is a cell carried over a page break: to the timeline, or to the text.
        if (
          e < n &&
          (carriedAt >= 0
            ? e !== carriedAt
            : !words[e].lineStart || !/^\p{Ll}/u.test(words[e].text))
        )
          continue;
        if (e === n && carriedAt >= 0 && carriedAt >= d) continue;
        const tail = e < n ? join(words, e, n) : '';
        const own = join(words, c, d);
        let timeline = own;
        let textTail = '';
        let penalty = 0;
        let quality = reads(own);
        if (tail) {
          const joined = n - e <= 3 ? reads(`${own} ${tail}`) : 0;
          if (joined > quality || (joined && carriedAt >= 0 && quality === 0)) {
            timeline = `${own} ${tail}`;
            quality = joined;
          } else {
            textTail = tail;
            penalty += carriedAt >= 0 ? 0 : 1.5;
          }
        }
        if (!quality) continue;
        let productScore = 0;
        if (hasProduct) {
          const len = e - d;
          productScore = 1 - Math.max(0, len - 10) * 0.3 + bonus(d);
          if (cover.score(d, e) > 0.9) productScore -= 2;
          if (reads(join(words, d, e))) productScore -= 1;
        }
        const score =
          ls.score + 4 * quality + bonus(c) + productScore - penalty;
        if (!best || score > best.score) {
          const body = join(words, 0, ls.a);
          best = {
            score,
            task: {
              text: textTail ? `${body} ${textTail}` : body,
              lead: join(words, ls.a, ls.b),
              support: join(words, ls.b, c),
              timelineText: timeline,
              product: hasProduct ? join(words, d, e) : '',
            },
          };
        }
      }
    }
  }
  return best;
}

/**
 * Reads the appendix from line-broken text (a PDF's): the header lines give the columns, a line that
 * starts with the next task number starts a task, and each task's words are split into its cells by
 * what each cell must be (names of units, a readable timeline). Every task read this way carries a
 * note to check it. Null when the text has no appendix header.
 */
export function readPdfText(
  raw: string,
  opts: {units: Unit[]; groups: UnitGroup[]; year?: number},
): AppendixResult | null {
  const printed: Line[] = nfc(raw)
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map(l => ({
      text: l.replace(/[\s\u00a0]+/g, ' ').trim(),
      setIn: /^[ \u00a0]/.test(l),
      hyphen: /[-–]$/.test(l),
    }))
    .filter(l => l.text);
  const lines = printed.map(l => l.text);
  const first = lines.findIndex(
    l => /^(?:S?TT|STT)\b/u.test(l) && /nhiệm vụ|nội dung/iu.test(l),
  );
  if (first < 0) return null;
  // Header lines: until the first task line ("1", "1 Phổ biến…").
  let h = first + 1;
  while (h < lines.length && !/^1(?:\s|$)/.test(lines[h])) h++;
  const header = lines.slice(first, h).join(' ').toLowerCase();
  const fields = new Set<string>();
  for (const [re, field] of HEADER_FIELDS)
    if (re.test(header)) fields.add(field);
  if (!fields.has('lead')) return null;
  const blocks: Block[] = [];
  let current: {tt: string; lines: Line[]} | null = null;
  const flush = () => {
    if (!current) return;
    const {text, words} = wordsOf(current.lines);
    blocks.push({tt: current.tt, text, words});
  };
  for (let i = h; i < lines.length; i++) {
    const m = /^(\d{1,3})(?:\s+(.*))?$/.exec(lines[i]);
    const expected = current ? Number(current.tt) + 1 : 1;
    if (m && Number(m[1]) === expected) {
      flush();
      current = {
        tt: m[1],
        lines: m[2] ? [{...printed[i], text: m[2], setIn: false}] : [],
      };
    } else if (current) current.lines.push(printed[i]);
  }
  flush();
  const problems: string[] = [];
  const tasks: AppendixTask[] = [];
  for (const b of blocks) {
    const split = splitBlock(b, fields, opts.units, opts.groups, opts.year);
    if (!split) {
      problems.push(
        `Nhiệm vụ ${b.tt}: không tách được các cột từ văn bản dán (PDF); hãy kiểm tra lại.`,
      );
      tasks.push({
        tt: b.tt,
        group: '',
        text: b.text,
        lead: '',
        support: '',
        timelineText: '',
        product: '',
      });
      continue;
    }
    tasks.push({tt: b.tt, group: '', ...split.task});
  }
  if (tasks.length)
    problems.push(
      'Bảng được đọc từ văn bản dán kiểu PDF (các cột đã bị nối liền): chương trình tự tách cột, hãy kiểm tra từng nhiệm vụ trước khi nạp.',
    );
  return {tasks, columns: {}, headerRows: h - first, problems};
}
