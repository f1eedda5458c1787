// Tests for reading lead/support text into unit and group references, and expanding them.
import fc from 'fast-check';
import type {Unit, UnitGroup, UnitRef} from '../../src/core/types';
import {
  compactKey,
  expandRef,
  expandRefs,
  groupTag,
  hasTag,
  resolveUnitRefs,
  scanUnitText,
} from '../../src/core/units';
import {
  DEFAULT_GROUPS,
  DEFAULT_TASKS,
  DEFAULT_UNITS,
} from '../../src/plan/defaultPlan';

const U = DEFAULT_UNITS;
const G = DEFAULT_GROUPS;
const resolve = (text: string) => resolveUnitRefs(text, U, G);
const codesOf = (refs: UnitRef[]) =>
  refs.map(r => (r.type === 'unit' ? r.code : `#${r.tag}`));

function mkUnit(code: string, name: string, extra: Partial<Unit> = {}): Unit {
  return {
    code,
    name,
    kind: 'other',
    aliases: [],
    tags: [],
    person: '',
    emails: [],
    phone: '',
    active: true,
    sample: false,
    note: '',
    ...extra,
  };
}

describe('compactKey', () => {
  it('ignores case, all whitespace and Unicode form', () => {
    expect(compactKey('Phòng  Văn hóa -\nXã hội')).toBe('phòngvănhóa-xãhội');
    expect(compactKey('PHÒNG KINH TẾ'.normalize('NFD'))).toBe(
      compactKey('phòng kinh tế'),
    );
    expect(compactKey('')).toBe('');
    expect(compactKey(undefined as unknown as string)).toBe('');
  });
});

describe('resolveUnitRefs on the seed’s lead and support texts', () => {
  const cases: [string, string[]][] = [
    [
      'Các Phòng, ban, đơn vị thuộc UBND xã; các thôn',
      ['#thuộc UBND xã', '#thôn'],
    ],
    ['Phòng Văn hóa- Xã hội', ['VHXH']],
    ['Văn phòng HĐND&UBND xã', ['VP']],
    ['Phòng Kinh tế', ['KT']],
    ['Các phòng, đơn vị liên quan', ['#liên quan {tt}']],
    ['Các thôn', ['#thôn']],
    ['Các phòng chuyên môn, đơn vị liên quan', ['#liên quan {tt}']],
    ['Phòng Văn hóa- Xã hôi.', ['VHXH']],
    ['Các phòng chuyên môn, đơn vị, các thôn', ['#thuộc UBND xã', '#thôn']],
    [
      'Trung tâm Văn hóa, Thể thao và Truyền thông, các trường học',
      ['TTVH', '#trường học'],
    ],
    ['Trung tâm Phục vụ hành chính công', ['TTHCC']],
    ['Các phòng chuyên môn liên quan', ['#liên quan {tt}']],
    ['Các phòng chuyên môn, đơn vị trên địa bàn xã', ['#thuộc UBND xã']],
  ];
  it.each(cases)('%s', (text, expected) => {
    const {refs, unknown} = resolve(text);
    expect(codesOf(refs)).toEqual(expected);
    expect(unknown).toEqual([]);
  });

  it('reads every lead and support of the seed with nothing unknown', () => {
    for (const t of DEFAULT_TASKS) {
      expect(resolve(t.lead).unknown).toEqual([]);
      expect(resolve(t.support).unknown).toEqual([]);
    }
  });
});

describe('resolveUnitRefs matching', () => {
  it('keeps each ref’s text as the user wrote it', () => {
    const {refs} = resolve('  PHÒNG VĂN HÓA-XÃ HỘI  và  Phòng   Kinh tế. ');
    expect(refs).toEqual([
      {type: 'unit', code: 'VHXH', text: 'PHÒNG VĂN HÓA-XÃ HỘI'},
      {type: 'unit', code: 'KT', text: 'Phòng   Kinh tế'},
    ]);
  });

  it('gives a group ref its phrase and tag', () => {
    expect(resolve('các  THÔN').refs).toEqual([
      {type: 'group', phrase: 'Các thôn', tag: 'thôn', text: 'các  THÔN'},
    ]);
  });

  it('matches decomposed (NFD) text and keeps it as entered', () => {
    const nfd = 'Phòng Kinh tế; Văn phòng HĐND và UBND xã'.normalize('NFD');
    const {refs, unknown} = resolve(nfd);
    expect(codesOf(refs)).toEqual(['KT', 'VP']);
    expect(refs[0].text).toBe('Phòng Kinh tế'.normalize('NFD'));
    expect(unknown).toEqual([]);
  });

  it('is insensitive to spacing around hyphens and ampersands', () => {
    for (const text of [
      'Phòng Văn hóa-Xã hội',
      'Phòng Văn hóa - Xã hội',
      'Phòng Văn hóa -Xã hội',
      'Phòng VH-XH',
    ]) {
      expect(codesOf(resolve(text).refs)).toEqual(['VHXH']);
    }
    expect(codesOf(resolve('Văn phòng HĐND & UBND xã').refs)).toEqual(['VP']);
    expect(codesOf(resolve('Văn phòng HĐND& UBND xã').refs)).toEqual(['VP']);
  });

  it('prefers the longest match, commas included', () => {
    expect(codesOf(resolve('Các phòng chuyên môn').refs)).toEqual([
      '#phòng chuyên môn',
    ]);
    expect(codesOf(resolve('Các phòng chuyên môn, đơn vị').refs)).toEqual([
      '#thuộc UBND xã',
    ]);
    expect(
      codesOf(resolve('Các phòng chuyên môn, Phòng Kinh tế').refs),
    ).toEqual(['#phòng chuyên môn', 'KT']);
    expect(
      codesOf(resolve('Trung tâm Văn hóa, Thể thao và Truyền thông xã').refs),
    ).toEqual(['TTVH']);
  });

  it('matches only whole words', () => {
    const {refs, unknown} = resolve('Các thônxóm, Phòng Kinh tếABC');
    expect(refs).toEqual([]);
    expect(unknown).toEqual(['Các thônxóm, Phòng Kinh tếABC']);
    expect(resolve('XPhòng Kinh tế').refs).toEqual([]);
  });

  it('reports unmatched text in the user’s wording, between matches', () => {
    const {refs, unknown} = resolve(
      'Phòng Tài chính - Kế hoạch, Phòng Kinh tế và Hội Nông dân xã; các thôn; Đoàn Thanh niên.',
    );
    expect(codesOf(refs)).toEqual(['KT', '#thôn']);
    expect(unknown).toEqual([
      'Phòng Tài chính - Kế hoạch',
      'Hội Nông dân xã',
      'Đoàn Thanh niên',
    ]);
  });

  it('treats "và" as a separator only as a whole word', () => {
    expect(resolve('Phòng Kinh tế và').unknown).toEqual([]);
    expect(resolve('Phòng Kinh tế vàng').unknown).toEqual(['vàng']);
    expect(resolve('Phòng Kinh tế và Ban X').unknown).toEqual(['Ban X']);
    expect(resolve('Hội A và').unknown).toEqual(['Hội A']);
  });

  it('returns nothing for empty or separator-only text', () => {
    expect(resolve('')).toEqual({refs: [], unknown: []});
    expect(resolve(' , ; / . và ')).toEqual({refs: [], unknown: []});
    expect(resolve(null as unknown as string)).toEqual({refs: [], unknown: []});
  });

  it('works with no units or groups at all', () => {
    expect(resolveUnitRefs('Phòng Kinh tế', [], [])).toEqual({
      refs: [],
      unknown: ['Phòng Kinh tế'],
    });
  });

  it('skips units and groups with empty names', () => {
    const units = [mkUnit('A', ''), mkUnit('B', 'Ban B', {aliases: ['  ']})];
    const groups: UnitGroup[] = [{phrase: '', tag: 'x', note: ''}];
    expect(codesOf(resolveUnitRefs('Ban B', units, groups).refs)).toEqual([
      'B',
    ]);
  });

  it('matches names that start or end with punctuation without word checks', () => {
    const units = [mkUnit('P', '(Tổ A)'), mkUnit('Q', 'Tổ B.')];
    expect(codesOf(resolveUnitRefs('x(Tổ A)y', units, []).refs)).toEqual(['P']);
    expect(codesOf(resolveUnitRefs('Tổ B.z', units, []).refs)).toEqual(['Q']);
  });

  it('does not match inside a letter’s combining marks', () => {
    // "Tổ A" followed by a combining acute: "Á" is a different letter.
    const units = [mkUnit('A', 'Tổ A')];
    const text = 'Tổ A\u0301';
    expect(resolveUnitRefs(text, units, []).refs).toEqual([]);
    expect(resolveUnitRefs(text, units, []).unknown).toEqual([text]);
  });

  it('also matches inactive units (they are known, just not assigned)', () => {
    const units = [mkUnit('A', 'Tổ A', {active: false})];
    expect(codesOf(resolveUnitRefs('Tổ A', units, []).refs)).toEqual(['A']);
  });
});

describe('scanUnitText', () => {
  it('tiles the text into refs, separators and unknown spans', () => {
    const text = ' Phòng Kinh tế, Hội X và các thôn. ';
    const segs = scanUnitText(text, U, G);
    expect(segs.map(s => [s.kind, text.slice(s.start, s.end)])).toEqual([
      ['separator', ' '],
      ['ref', 'Phòng Kinh tế'],
      ['separator', ', '],
      ['unknown', 'Hội X'],
      ['separator', ' và '],
      ['ref', 'các thôn'],
      ['separator', '. '],
    ]);
  });
});

describe('resolveUnitRefs never loses text (property)', () => {
  const fragments = [
    ...U.map(u => u.name),
    ...U.flatMap(u => u.aliases),
    ...G.map(g => g.phrase),
    ',',
    ';',
    ' và ',
    '/',
    '.',
    ' ',
    '\n',
    '-',
    'Hội Nông dân',
    'Đoàn',
    'xã',
    'và',
    'a\u0301',
    '\u0301',
  ];
  const piece = fc.oneof(
    fc.constantFrom(...fragments),
    fc.constantFrom(...fragments).map(s => s.normalize('NFD')),
    fc.constantFrom(...fragments).map(s => s.toUpperCase()),
    fc.string({maxLength: 6}),
    fc.string({unit: 'grapheme', maxLength: 4}),
  );
  const input = fc.array(piece, {maxLength: 12}).map(parts => parts.join(''));
  const SEPARATORS = /^(?:[\s,;/.:\-–—&+•()]|và)*$/iu;

  it('segments cover the input exactly, in order, and map onto refs and unknown', () => {
    fc.assert(
      fc.property(input, text => {
        const segs = scanUnitText(text, U, G);
        let at = 0;
        for (const s of segs) {
          expect(s.start).toBe(at);
          expect(s.end).toBeGreaterThan(s.start);
          at = s.end;
          const slice = text.slice(s.start, s.end);
          if (s.kind === 'separator')
            expect(slice.normalize('NFC')).toMatch(SEPARATORS);
          if (s.kind === 'unknown') {
            expect(s.text).toBe(slice);
            expect(slice.trim()).toBe(slice);
            expect(slice.normalize('NFC')).not.toMatch(SEPARATORS);
          }
          if (s.kind === 'ref') expect(s.ref.text).toBe(slice);
        }
        expect(at).toBe(text.length);
        const {refs, unknown} = resolveUnitRefs(text, U, G);
        expect(refs).toEqual(
          segs.flatMap(s => (s.kind === 'ref' ? [s.ref] : [])),
        );
        expect(unknown).toEqual(
          segs.flatMap(s => (s.kind === 'unknown' ? [s.text] : [])),
        );
      }),
      {numRuns: 500},
    );
  });

  it('every non-separator character is in a ref’s text or in unknown', () => {
    const strip = (s: string) =>
      s.normalize('NFC').replace(/[\s,;/.:\-–—&+•()]/gu, '');
    fc.assert(
      fc.property(input, text => {
        const {refs, unknown} = resolveUnitRefs(text, U, G);
        const kept = [...refs.map(r => r.text), ...unknown].map(strip).join('');
        // Only whole-word "và" may be dropped on top of separator characters.
        const dropped = strip(text).length - kept.length;
        expect(dropped).toBeGreaterThanOrEqual(0);
        expect(dropped % 2).toBe(0);
        const residue = [...kept].sort().join('');
        const all = [...strip(text)].sort();
        for (const c of residue) {
          const i = all.indexOf(c);
          expect(i).toBeGreaterThanOrEqual(0);
          all.splice(i, 1);
        }
        const left = all.join('').toLowerCase();
        expect(left.replace(/[và]/g, '')).toBe('');
        expect(left.replace(/à/g, '').length).toBe(left.length / 2);
      }),
      {numRuns: 300},
    );
  });

  it('finds every known name when names are joined by separators', () => {
    const names = [
      ...U.map(u => u.name),
      ...U.flatMap(u => u.aliases),
      ...G.map(g => g.phrase),
    ];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...names), {minLength: 1, maxLength: 5}),
        fc.constantFrom(', ', '; ', ' và ', ' / ', '\n', '. '),
        (picked, sep) => {
          const text = picked.join(sep);
          const {unknown} = resolveUnitRefs(text, U, G);
          expect(unknown).toEqual([]);
        },
      ),
      {numRuns: 300},
    );
  });
});

describe('groupTag and hasTag', () => {
  it('substitutes the task number', () => {
    expect(groupTag('liên quan {tt}', ' 3 ')).toBe('liên quan 3');
    expect(groupTag('thôn', '3')).toBe('thôn');
    expect(
      groupTag(undefined as unknown as string, undefined as unknown as string),
    ).toBe('');
  });

  it('compares tags normalised', () => {
    const u = mkUnit('A', 'A', {tags: ['Liên  quan 3'.normalize('NFD')]});
    expect(hasTag(u, 'liên quan 3')).toBe(true);
    expect(hasTag(u, 'liên quan 4')).toBe(false);
    expect(hasTag(u, '  ')).toBe(false);
  });
});

describe('expandRefs', () => {
  it('expands groups to active members, in the units’ order, each once', () => {
    const {refs} = resolve(
      'Các thôn, Phòng Kinh tế, các Phòng, ban, đơn vị thuộc UBND xã',
    );
    expect(expandRefs(refs, U, '1')).toEqual([
      'THON01',
      'THON02',
      'THON03',
      'THON04',
      'THON05',
      'KT',
      'VHXH',
      'VP',
      'TTVH',
      'TTHCC',
      'TRUONG_MN',
      'TRUONG_TH',
      'TRUONG_THCS',
    ]);
  });

  it('leaves out inactive units and unknown codes', () => {
    const units = U.map(u =>
      u.code === 'THON02' || u.code === 'KT' ? {...u, active: false} : u,
    );
    const refs: UnitRef[] = [
      {type: 'unit', code: 'KT', text: 'Phòng Kinh tế'},
      {type: 'unit', code: 'NOPE', text: 'x'},
      {type: 'group', phrase: 'Các thôn', tag: 'thôn', text: 'Các thôn'},
    ];
    expect(expandRefs(refs, units, '1')).toEqual([
      'THON01',
      'THON03',
      'THON04',
      'THON05',
    ]);
  });

  it('fills "{tt}" groups from the units tagged for that task', () => {
    const ref: UnitRef = {
      type: 'group',
      phrase: 'Các phòng, đơn vị liên quan',
      tag: 'liên quan {tt}',
      text: 'Các phòng, đơn vị liên quan',
    };
    // The sample data tags a few units for tasks 3, 6 and 12.
    expect(expandRef(ref, U, '3')).toEqual(['VHXH', 'TTVH']);
    // A commune's own units with no such tag: the group is empty.
    const untagged = U.map(u => ({
      ...u,
      tags: u.tags.filter(t => !t.startsWith('liên quan')),
    }));
    expect(expandRef(ref, untagged, '3')).toEqual([]);
    const units = untagged.map(u =>
      u.code === 'TTVH' || u.code === 'VP'
        ? {...u, tags: [...u.tags, 'Liên quan 3']}
        : u,
    );
    expect(expandRef(ref, units, '3')).toEqual(['VP', 'TTVH']);
    expect(expandRef(ref, units, '6')).toEqual([]);
  });
});
