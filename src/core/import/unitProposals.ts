// Lead/support texts of an imported plan resolved against the workbook's units and groups; new names proposed.
import {foldDiacritics, normalizeKey} from '../text';
import type {Unit, UnitGroup, UnitKind} from '../types';
import {compactKey, resolveUnitRefs} from '../units';

/** A name the workbook already knows. */
export interface MatchedName {
  /** As written in the plan. */
  text: string;
  type: 'unit' | 'group';
  /** The unit's code, or the group's phrase. */
  ref: string;
  /** The unit's name or the group's phrase, as the workbook has it. */
  name: string;
  /** The tasks (tt) that use it. */
  tasks: string[];
}

/** A name the workbook does not know: a new unit or a new group, for the admin to confirm. */
export type ProposedName =
  | {
      type: 'unit';
      text: string;
      code: string;
      kind: UnitKind;
      tags: string[];
      tasks: string[];
    }
  | {type: 'group'; text: string; tag: string; tasks: string[]};

/** What a name's first words say about its kind. */
const KIND_WORDS: Array<[RegExp, UnitKind]> = [
  [/^(?:phòng|văn phòng)\b/, 'department'],
  [/^trung tâm\b/, 'center'],
  [/^(?:trường|nhà trường)\b/, 'school'],
  [/^(?:thôn|xóm|ấp|bản|tổ dân phố|khu dân cư|khu phố)\b/, 'village'],
  [/^(?:công an|ban chỉ huy quân sự|ban chqs|quân sự)\b/, 'force'],
  [
    /^(?:ban công tác mặt trận|ủy ban mặt trận|ủy ban mttq|ubmttq|mặt trận|hội|đoàn|đoàn thanh niên|liên đoàn|công đoàn)\b/,
    'front',
  ],
  [/^ban\b/, 'other'],
];

/** The kind a new unit's name suggests ("Phòng …" a department, "Trường …" a school, "Hội …" a front body). */
export function guessKind(name: string): UnitKind {
  const s = normalizeKey(name).replace(/^uỷ/, 'ủy');
  for (const [re, kind] of KIND_WORDS) if (re.test(s)) return kind;
  return 'other';
}

/** Plural or collective wording names a group, not a unit: "Các phòng …", "các trường học". */
export function isGroupWording(name: string): boolean {
  return /^(?:các|những|toàn thể|tất cả)\s/.test(normalizeKey(name));
}

/** The tags most units of that kind carry in the workbook (the set-up's convention, whatever commune). */
function tagsForKind(kind: UnitKind, units: Unit[]): string[] {
  const same = units.filter(u => u.kind === kind);
  if (!same.length) return [];
  const counts = new Map<string, number>();
  for (const u of same)
    for (const t of u.tags) counts.set(t, (counts.get(t) ?? 0) + 1);
  return [...counts.entries()]
    .filter(([tag, n]) => n * 2 >= same.length && !/\d/.test(tag))
    .map(([tag]) => tag);
}

/** A group phrase's tag: the kind its words name and the tag those units carry, or a new tag. */
function tagForGroup(phrase: string, units: Unit[]): string {
  const s = normalizeKey(phrase);
  if (/liên quan$/.test(s)) return 'liên quan {tt}';
  const rest = s.replace(/^(?:các|những|toàn thể|tất cả)\s+/, '');
  const kind = guessKind(rest);
  if (kind !== 'other') {
    const tags = tagsForKind(kind, units);
    const own = tags.find(t => normalizeKey(rest).includes(normalizeKey(t)));
    if (own) return own;
    if (tags.length) return tags[tags.length - 1];
  }
  return rest;
}

/** An unused short code from a name's initials: "Phòng Nông nghiệp và Môi trường" → "PNNMT". */
function codeFor(name: string, taken: Set<string>): string {
  const words = foldDiacritics(name)
    .toUpperCase()
    .replace(/[^A-Z0-9 ]+/g, ' ')
    .split(/\s+/)
    .filter(w => w && w !== 'VA' && w !== 'XA');
  let base =
    words
      .map(w => (/^\d+$/.test(w) ? w : w[0]))
      .join('')
      .slice(0, 10) || 'DV';
  if (/^\d/.test(base)) base = `DV${base}`;
  let code = base;
  for (let n = 2; taken.has(code); n++) code = `${base}${n}`;
  taken.add(code);
  return code;
}

export interface NameResolution {
  matched: MatchedName[];
  proposed: ProposedName[];
}

/** Resolves every task's lead and support text; unknown names become proposals (each once). */
export function resolveTaskNames(
  tasks: Array<{tt: string; lead: string; support: string}>,
  units: Unit[],
  groups: UnitGroup[],
): NameResolution {
  const matched = new Map<string, MatchedName>();
  const proposed = new Map<string, ProposedName>();
  const taken = new Set(units.map(u => u.code));
  const note = (list: string[], tt: string) => {
    if (!list.includes(tt)) list.push(tt);
  };
  for (const t of tasks) {
    for (const text of [t.lead, t.support]) {
      const {refs, unknown} = resolveUnitRefs(text, units, groups);
      for (const ref of refs) {
        const key = ref.type === 'unit' ? `u:${ref.code}` : `g:${ref.phrase}`;
        let m = matched.get(key);
        if (!m) {
          const unit =
            ref.type === 'unit'
              ? units.find(u => u.code === ref.code)
              : undefined;
          m = {
            text: ref.text,
            type: ref.type,
            ref: ref.type === 'unit' ? ref.code : ref.phrase,
            name: unit?.name ?? (ref.type === 'group' ? ref.phrase : ref.code),
            tasks: [],
          };
          matched.set(key, m);
        }
        note(m.tasks, t.tt);
      }
      for (const name of unknown) {
        const key = compactKey(name);
        if (!key) continue;
        let p = proposed.get(key);
        if (!p) {
          if (isGroupWording(name)) {
            p = {
              type: 'group',
              text: name,
              tag: tagForGroup(name, units),
              tasks: [],
            };
          } else {
            const kind = guessKind(name);
            p = {
              type: 'unit',
              text: name,
              code: codeFor(name, taken),
              kind,
              tags: tagsForKind(kind, units),
              tasks: [],
            };
          }
          proposed.set(key, p);
        }
        note(p.tasks, t.tt);
      }
    }
  }
  return {matched: [...matched.values()], proposed: [...proposed.values()]};
}
