// Units and groups: reads a task's lead/support text into unit and group references, and expands them.
import {nfc, normalizeKey} from './text';
import type {Unit, UnitGroup, UnitRef} from './types';

/** One piece of a scanned lead/support text: offsets into the original text, end exclusive. */
export type UnitTextSegment =
  | {kind: 'ref'; start: number; end: number; ref: UnitRef}
  | {kind: 'unknown'; start: number; end: number; text: string}
  | {kind: 'separator'; start: number; end: number};

/** Characters that separate names in a list ("A, B; C và D / E."). */
const SEPARATOR_CHARS = new Set([
  ',',
  ';',
  '/',
  '.',
  ':',
  '-',
  '–',
  '—',
  '&',
  '+',
  '•',
  '(',
  ')',
]);

/** The word "và" (and) also separates names. */
const SEPARATOR_WORD = 'và';

const ALNUM = /[\p{L}\p{N}]/u;
const WHITESPACE = /^[\s\u00a0\u200b]+$/u;
/** A base character with its combining marks, a whitespace character, or a run of stray marks. */
const CLUSTER = /[^\p{M}\s]\p{M}*|\s|\p{M}+/gu;

interface Cluster {
  start: number;
  end: number;
  /** NFC, lower case. */
  key: string;
  space: boolean;
  alnum: boolean;
}

function clustersOf(text: string): Cluster[] {
  const out: Cluster[] = [];
  for (const m of text.matchAll(CLUSTER)) {
    const start = m.index as number;
    const key = nfc(m[0]).toLowerCase();
    out.push({
      start,
      end: start + m[0].length,
      key,
      space: WHITESPACE.test(key),
      alnum: ALNUM.test(key),
    });
  }
  return out;
}

/** The comparison key of a name: NFC, lower case, with no whitespace at all. */
export function compactKey(text: string): string {
  return clustersOf(String(text ?? ''))
    .filter(c => !c.space)
    .map(c => c.key)
    .join('');
}

interface Candidate {
  key: string;
  startsAlnum: boolean;
  endsAlnum: boolean;
  make: (text: string) => UnitRef;
}

function candidatesOf(units: Unit[], groups: UnitGroup[]): Candidate[] {
  const out: Candidate[] = [];
  const add = (name: string, make: (text: string) => UnitRef) => {
    const key = compactKey(name);
    if (!key) return;
    const chars = Array.from(key);
    out.push({
      key,
      startsAlnum: ALNUM.test(chars[0]),
      endsAlnum: ALNUM.test(chars[chars.length - 1]),
      make,
    });
  };
  for (const unit of units) {
    const make = (text: string): UnitRef => ({
      type: 'unit',
      code: unit.code,
      text,
    });
    add(unit.name, make);
    for (const alias of unit.aliases) add(alias, make);
  }
  for (const group of groups) {
    add(group.phrase, text => ({
      type: 'group',
      phrase: group.phrase,
      tag: group.tag,
      text,
    }));
  }
  // Longest first; among equal keys the first defined wins (units before groups), as sort is stable.
  return out.sort((a, b) => b.key.length - a.key.length);
}

/** Marks the clusters that are separators: separator characters, whitespace and the whole word "và". */
function separatorMask(cs: Cluster[]): boolean[] {
  const mask = cs.map(c => c.space || SEPARATOR_CHARS.has(c.key));
  for (let i = 0; i + 1 < cs.length; i++) {
    if (cs[i].key + cs[i + 1].key !== SEPARATOR_WORD) continue;
    const before = i > 0 && cs[i - 1].alnum;
    const after = i + 2 < cs.length && cs[i + 2].alnum;
    if (!before && !after) mask[i] = mask[i + 1] = true;
  }
  return mask;
}

/**
 * Scans lead/support text into consecutive segments that cover the whole text: matched units and
 * groups (greedy, longest match first, compared in NFC, ignoring case and all whitespace, only at
 * word boundaries), separators, and the unmatched spans between them in the user's own wording.
 */
export function scanUnitText(
  text: string,
  units: Unit[],
  groups: UnitGroup[],
): UnitTextSegment[] {
  const source = String(text ?? '');
  const cs = clustersOf(source);
  const sep = separatorMask(cs);
  const candidates = candidatesOf(units, groups);

  // The compact text (no whitespace) and, for each of its code units, the cluster it came from.
  let compact = '';
  const clusterAt: number[] = [];
  const compactStart: number[] = [];
  cs.forEach((c, i) => {
    compactStart.push(compact.length);
    if (c.space) return;
    compact += c.key;
    for (let k = 0; k < c.key.length; k++) clusterAt.push(i);
  });

  /** The longest candidate matching at cluster i, with the index of the cluster after it. */
  const matchAt = (i: number): {candidate: Candidate; next: number} | null => {
    const p = compactStart[i];
    for (const cand of candidates) {
      if (!compact.startsWith(cand.key, p)) continue;
      const q = p + cand.key.length;
      if (q < compact.length && clusterAt[q] === clusterAt[q - 1]) continue; // ends mid-cluster
      const next = clusterAt[q - 1] + 1;
      if (cand.startsAlnum && i > 0 && cs[i - 1].alnum) continue;
      if (cand.endsAlnum && next < cs.length && cs[next].alnum) continue;
      return {candidate: cand, next};
    }
    return null;
  };

  const segments: UnitTextSegment[] = [];
  const pushSeparator = (from: number, to: number) => {
    const start = cs[from].start;
    const end = cs[to - 1].end;
    const last = segments[segments.length - 1];
    if (last && last.kind === 'separator' && last.end === start) last.end = end;
    else segments.push({kind: 'separator', start, end});
  };
  let pending = -1;
  const flush = (to: number) => {
    if (pending < 0) return;
    let end = to;
    while (end > pending && sep[end - 1]) end--;
    const start = cs[pending].start;
    const stop = cs[end - 1].end;
    segments.push({
      kind: 'unknown',
      start,
      end: stop,
      text: source.slice(start, stop),
    });
    if (end < to) pushSeparator(end, to);
    pending = -1;
  };

  let i = 0;
  while (i < cs.length) {
    const m = cs[i].space ? null : matchAt(i);
    if (m) {
      flush(i);
      const start = cs[i].start;
      const end = cs[m.next - 1].end;
      segments.push({
        kind: 'ref',
        start,
        end,
        ref: m.candidate.make(source.slice(start, end)),
      });
      i = m.next;
    } else if (pending < 0 && sep[i]) {
      pushSeparator(i, i + 1);
      i++;
    } else {
      if (pending < 0) pending = i;
      i++;
    }
  }
  flush(cs.length);
  return segments;
}

/**
 * Reads lead/support text ("Các Phòng, ban, đơn vị thuộc UBND xã; các thôn") into unit and group
 * references. Text that names nothing known is returned in `unknown`, as the user wrote it.
 */
export function resolveUnitRefs(
  text: string,
  units: Unit[],
  groups: UnitGroup[],
): {refs: UnitRef[]; unknown: string[]} {
  const refs: UnitRef[] = [];
  const unknown: string[] = [];
  for (const seg of scanUnitText(text, units, groups)) {
    if (seg.kind === 'ref') refs.push(seg.ref);
    else if (seg.kind === 'unknown') unknown.push(seg.text);
  }
  return {refs, unknown};
}

/** A group's tag for one task: `{tt}` replaced by the task's number. */
export function groupTag(tag: string, tt: string): string {
  return String(tag ?? '').replace(/\{tt\}/g, String(tt ?? '').trim());
}

/** True when the unit carries the tag (compared normalised). */
export function hasTag(unit: Unit, tag: string): boolean {
  const key = normalizeKey(tag);
  return key !== '' && unit.tags.some(t => normalizeKey(t) === key);
}

/** The codes of the active units one reference stands for, in the units' order. */
export function expandRef(ref: UnitRef, units: Unit[], tt: string): string[] {
  if (ref.type === 'unit') {
    const unit = units.find(u => u.code === ref.code);
    return unit && unit.active ? [unit.code] : [];
  }
  const tag = groupTag(ref.tag, tt);
  return units.filter(u => u.active && hasTag(u, tag)).map(u => u.code);
}

/**
 * The codes of the active units the references stand for: in the order the references are written,
 * a group's members in the units' order, each code once.
 */
export function expandRefs(
  refs: UnitRef[],
  units: Unit[],
  tt: string,
): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const ref of refs) {
    for (const code of expandRef(ref, units, tt)) {
      if (seen.has(code)) continue;
      seen.add(code);
      out.push(code);
    }
  }
  return out;
}
