// Tests for the sidebar payload's validation, who may edit which unit, the change stamp and the diff.
import fc from 'fast-check';
import {
  DEFAULT_LIMITS,
  assignmentStamp,
  canEdit,
  changedFields,
  cleanText,
  isEvidenceLink,
  unitsUserMayEdit,
  validateUpdate,
  type EditableValues,
} from '../../src/core/assignmentUpdate';
import type {Unit} from '../../src/core/types';

const TODAY = '2025-09-02';

const good = (extra: Record<string, unknown> = {}) => ({
  id: '1|VHXH|lead',
  version: 3,
  progress: 'in_progress',
  completedOn: null,
  result: 'Đã tổ chức 2 buổi tuyên truyền.',
  evidence: 'https://drive.google.com/file/d/abc/view',
  proposals: '',
  ...extra,
});

function errorsOf(payload: unknown, today = TODAY) {
  const r = validateUpdate(payload, today);
  return r.ok ? [] : r.errors;
}

function fieldsOf(payload: unknown, today = TODAY): string[] {
  return errorsOf(payload, today).map(e => e.field);
}

const unit = (
  code: string,
  emails: string[],
  extra: Partial<Unit> = {},
): Unit => ({
  code,
  name: `Đơn vị ${code}`,
  kind: 'department',
  aliases: [],
  tags: [],
  person: '',
  emails,
  phone: '',
  active: true,
  sample: false,
  note: '',
  ...extra,
});

const UNITS: Unit[] = [
  unit('VHXH', ['vhxh@xa.gov.vn']),
  unit('KT', ['kt@xa.gov.vn', 'Shared@Xa.gov.vn']),
  unit('VP', ['shared@xa.gov.vn']),
  unit('OFF', ['off@xa.gov.vn'], {active: false}),
  unit('THON01', ['thon1@xa.gov.vn'], {kind: 'village'}),
];
const ADMINS = ['admin@xa.gov.vn', 'owner@gmail.com'];

describe('validateUpdate', () => {
  it('accepts a good payload and returns clean values', () => {
    const r = validateUpdate(good(), TODAY);
    expect(r).toEqual({
      ok: true,
      value: {
        id: '1|VHXH|lead',
        version: 3,
        stamp: '',
        progress: 'in_progress',
        completedOn: null,
        result: 'Đã tổ chức 2 buổi tuyên truyền.',
        evidence: ['https://drive.google.com/file/d/abc/view'],
        proposals: '',
      },
    });
  });

  it('ignores unknown fields', () => {
    const r = validateUpdate(
      good({unitCode: 'KT', updatedBy: 'x', __proto__x: 1}),
      TODAY,
    );
    expect(r.ok).toBe(true);
    if (r.ok)
      expect(Object.keys(r.value).sort()).toEqual([
        'completedOn',
        'evidence',
        'id',
        'progress',
        'proposals',
        'result',
        'stamp',
        'version',
      ]);
  });

  it('refuses what is not an object', () => {
    for (const p of [null, undefined, 'x', 42, [good()], true]) {
      expect(fieldsOf(p)).toEqual(['payload']);
    }
  });

  it('refuses wrong types with a message per field', () => {
    const errors = errorsOf({
      id: 7,
      version: '3',
      progress: 2,
      completedOn: 20250901,
      result: {text: 'x'},
      evidence: 5,
      proposals: ['a'],
    });
    expect(errors.map(e => e.field).sort()).toEqual([
      'completedOn',
      'evidence',
      'id',
      'progress',
      'proposals',
      'result',
      'version',
    ]);
    for (const e of errors) expect(e.message).toMatch(/[ăâđêôơưàảãáạ]/);
  });

  it('needs a non-negative integer version', () => {
    for (const version of [-1, 1.5, NaN, Infinity, null, undefined, 2 ** 60]) {
      expect(fieldsOf(good({version}))).toEqual(['version']);
    }
    expect(fieldsOf(good({version: 0}))).toEqual([]);
  });

  it('accepts exactly the four progress values', () => {
    for (const progress of ['not_started', 'in_progress', 'paused']) {
      expect(fieldsOf(good({progress}))).toEqual([]);
    }
    expect(
      fieldsOf(good({progress: 'done', completedOn: '2025-09-01'})),
    ).toEqual([]);
    for (const progress of [
      'Đã xong',
      'DONE',
      '',
      'finished',
      'toString',
      '__proto__',
    ]) {
      const errors = errorsOf(good({progress}));
      expect(errors.map(e => e.field)).toEqual(['progress']);
      expect(errors[0].message).toContain('Đang thực hiện');
    }
  });

  describe('completion date', () => {
    it('is required when done', () => {
      for (const completedOn of [null, undefined, '', '   ']) {
        const errors = errorsOf(good({progress: 'done', completedOn}));
        expect(errors).toEqual([
          {
            field: 'completedOn',
            message: expect.stringContaining('Nhập ngày hoàn thành'),
          },
        ]);
      }
    });

    it('may be today or earlier, as ISO or dd/MM/yyyy', () => {
      const ok = (completedOn: string) =>
        validateUpdate(good({progress: 'done', completedOn}), TODAY);
      expect(ok('2025-09-02')).toMatchObject({
        ok: true,
        value: {completedOn: '2025-09-02'},
      });
      expect(ok('01/09/2025')).toMatchObject({
        ok: true,
        value: {completedOn: '2025-09-01'},
      });
      expect(ok('2024-12-31')).toMatchObject({
        ok: true,
        value: {completedOn: '2024-12-31'},
      });
    });

    it('refuses the future, impossible dates and nonsense', () => {
      const cases: [string, RegExp][] = [
        ['2025-09-03', /sau ngày hôm nay/],
        ['2099-01-01', /sau ngày hôm nay/],
        ['2025-02-30', /không đúng/],
        ['2025-13-01', /không đúng/],
        ['31/02/2025', /không đúng/],
        ['hôm qua', /không đúng/],
        ['1999-12-31', /quá xa/],
        ['2025-09-01T00:00:00Z', /không đúng/],
      ];
      for (const [completedOn, message] of cases) {
        const errors = errorsOf(good({progress: 'done', completedOn}));
        expect(errors.map(e => e.field)).toEqual(['completedOn']);
        expect(errors[0].message).toMatch(message);
      }
    });

    it('is dropped when the work is not done', () => {
      const r = validateUpdate(
        good({progress: 'in_progress', completedOn: '2025-09-01'}),
        TODAY,
      );
      expect(r).toMatchObject({ok: true, value: {completedOn: null}});
      const future = validateUpdate(
        good({progress: 'paused', completedOn: '2099-01-01'}),
        TODAY,
      );
      expect(future).toMatchObject({ok: true, value: {completedOn: null}});
    });
  });

  describe('text fields', () => {
    it('keep what was typed, NFC, with \\n line breaks and no control characters', () => {
      const decomposed = 'Đã hoàn thành'.normalize('NFD');
      const r = validateUpdate(
        good({
          result: `  ${decomposed}\r\ndòng 2\u0000\u0007\u001b[31m\u202e\u0085  `,
          proposals: 'a\rb\u2028c',
        }),
        TODAY,
      );
      expect(r).toMatchObject({
        ok: true,
        value: {result: 'Đã hoàn thành\ndòng 2[31m', proposals: 'a\nb\nc'},
      });
    });

    it('accept formulas and HTML as plain text (guarded when stored, escaped when shown)', () => {
      const result = '=HYPERLINK("http://x","y")';
      const proposals = '<img src=x onerror="alert(1)">';
      const r = validateUpdate(good({result, proposals}), TODAY);
      expect(r).toMatchObject({ok: true, value: {result, proposals}});
    });

    it('refuse text over the limit, saying how long it is', () => {
      const long = 'á'.repeat(DEFAULT_LIMITS.resultMax + 1);
      const errors = errorsOf(good({result: long, proposals: long}));
      expect(errors.map(e => e.field)).toEqual(['result', 'proposals']);
      expect(errors[0].message).toContain('5.001 ký tự');
      expect(errors[0].message).toContain('5.000');
      expect(
        fieldsOf(good({result: 'á'.repeat(DEFAULT_LIMITS.resultMax)})),
      ).toEqual([]);
      expect(fieldsOf(good({result: 'x'.repeat(5_000_000)}))).toEqual([
        'result',
      ]);
    });

    it('treat missing text as empty', () => {
      const r = validateUpdate(
        {id: 'a', version: 0, progress: 'not_started'},
        TODAY,
      );
      expect(r).toMatchObject({
        ok: true,
        value: {result: '', proposals: '', evidence: []},
      });
    });
  });

  describe('evidence links', () => {
    it('takes one http(s) link a line, blank lines and repeats dropped', () => {
      const evidence = [
        ' https://drive.google.com/drive/folders/1AbC?usp=sharing ',
        '',
        'http://ubnd.daison.gov.vn/tin-tuc/bai-viet-1.html',
        'https://drive.google.com/drive/folders/1AbC?usp=sharing',
      ].join('\r\n');
      expect(validateUpdate(good({evidence}), TODAY)).toMatchObject({
        ok: true,
        value: {
          evidence: [
            'https://drive.google.com/drive/folders/1AbC?usp=sharing',
            'http://ubnd.daison.gov.vn/tin-tuc/bai-viet-1.html',
          ],
        },
      });
    });

    it('accepts an array of links too', () => {
      expect(
        validateUpdate(
          good({evidence: ['https://a.vn/x', 'https://b.vn']}),
          TODAY,
        ),
      ).toMatchObject({
        ok: true,
        value: {evidence: ['https://a.vn/x', 'https://b.vn']},
      });
    });

    it('refuses anything that is not an http(s) link, naming it', () => {
      for (const bad of [
        'javascript:alert(1)',
        'JAVASCRIPT:alert(1)',
        'data:text/html,<b>x</b>',
        'ftp://x.vn/a',
        'drive.google.com/file/d/abc',
        'https://',
        'https://a b.vn',
        'https://x.vn/"onmouseover="alert(1)',
        'https://x.vn/<script>',
        '=HYPERLINK("http://x","y")',
        'file:///etc/passwd',
        'http://x.vn http://y.vn',
      ]) {
        const errors = errorsOf(good({evidence: bad}));
        expect(errors.map(e => e.field)).toEqual(['evidence']);
        expect(errors[0].message).toContain('http://');
      }
    });

    it('limits the number and length of links', () => {
      const many = Array.from(
        {length: DEFAULT_LIMITS.evidenceMaxCount + 1},
        (_, i) => `https://x.vn/${i}`,
      );
      expect(fieldsOf(good({evidence: many.join('\n')}))).toEqual(['evidence']);
      expect(fieldsOf(good({evidence: many.slice(1).join('\n')}))).toEqual([]);
      const long = `https://x.vn/${'a'.repeat(DEFAULT_LIMITS.evidenceMaxLength)}`;
      expect(errorsOf(good({evidence: long}))[0].message).toContain('dài quá');
      expect(fieldsOf(good({evidence: [1, 2]}))).toEqual(['evidence']);
      expect(fieldsOf(good({evidence: 'x'.repeat(10_000_000)}))).toEqual([
        'evidence',
      ]);
    });

    it('isEvidenceLink matches only http(s) with a host', () => {
      expect(
        isEvidenceLink(
          'https://docs.google.com/document/d/1x/edit#heading=h.1',
        ),
      ).toBe(true);
      expect(isEvidenceLink('http://localhost:8080/a')).toBe(true);
      expect(isEvidenceLink('https://x.vn/tài-liệu')).toBe(true);
      expect(isEvidenceLink(' https://x.vn')).toBe(false);
      expect(isEvidenceLink('https://-x.vn')).toBe(false);
      expect(isEvidenceLink('vbscript:x')).toBe(false);
    });
  });

  describe('fuzzing', () => {
    const anyValue = fc.oneof(
      fc.string(),
      fc.string({unit: 'grapheme', maxLength: 300}),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined),
      fc.array(fc.string(), {maxLength: 5}),
      fc.dictionary(fc.string(), fc.string(), {maxKeys: 3}),
      fc.constantFrom(
        'done',
        'in_progress',
        'not_started',
        'paused',
        '2025-09-01',
        '31/12/2024',
        'https://x.vn',
      ),
    );
    const payload = fc.record(
      {
        id: anyValue,
        version: anyValue,
        stamp: anyValue,
        progress: anyValue,
        completedOn: anyValue,
        result: anyValue,
        evidence: anyValue,
        proposals: anyValue,
        extra: anyValue,
      },
      {requiredKeys: []},
    );

    it('never throws, and an accepted value is always clean', () => {
      fc.assert(
        fc.property(fc.oneof(payload, anyValue), p => {
          const r = validateUpdate(p, TODAY);
          if (!r.ok) {
            expect(r.errors.length).toBeGreaterThan(0);
            for (const e of r.errors)
              expect(e.message.length).toBeGreaterThan(10);
            return;
          }
          const v = r.value;
          expect(['not_started', 'in_progress', 'done', 'paused']).toContain(
            v.progress,
          );
          expect(Number.isSafeInteger(v.version) && v.version >= 0).toBe(true);

          const control =
            // eslint-disable-next-line no-control-regex
            /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/;
          for (const text of [v.result, v.proposals, v.id, ...v.evidence]) {
            expect(control.test(text)).toBe(false);
            expect(text).toBe(text.normalize('NFC'));
          }
          expect(v.result.length).toBeLessThanOrEqual(DEFAULT_LIMITS.resultMax);
          expect(v.proposals.length).toBeLessThanOrEqual(
            DEFAULT_LIMITS.proposalsMax,
          );
          expect(v.evidence.length).toBeLessThanOrEqual(
            DEFAULT_LIMITS.evidenceMaxCount,
          );
          for (const link of v.evidence)
            expect(link).toMatch(/^https?:\/\/[^\s]+$/i);
          if (v.progress === 'done') {
            expect(v.completedOn).not.toBeNull();
            expect((v.completedOn as string) <= TODAY).toBe(true);
          } else {
            expect(v.completedOn).toBeNull();
          }
        }),
        {numRuns: 2000},
      );
    });

    it('keeps any text within the limit as typed, apart from cleaning', () => {
      fc.assert(
        fc.property(
          fc.string({unit: 'grapheme', maxLength: 200}),
          fc.string({maxLength: 200}),
          (a, b) => {
            const r = validateUpdate(good({result: a, proposals: b}), TODAY);
            expect(r.ok).toBe(true);
            if (r.ok) {
              expect(r.value.result).toBe(cleanText(a));
              expect(r.value.proposals).toBe(cleanText(b));
            }
          },
        ),
      );
    });
  });
});

describe('who may edit', () => {
  it('a unit edits its own assignments only', () => {
    expect(canEdit('vhxh@xa.gov.vn', 'VHXH', UNITS, ADMINS)).toBe(true);
    expect(canEdit('VHXH@XA.gov.vn ', 'VHXH', UNITS, ADMINS)).toBe(true);
    expect(canEdit('vhxh@xa.gov.vn', 'KT', UNITS, ADMINS)).toBe(false);
    expect(canEdit('kt@xa.gov.vn', 'VHXH', UNITS, ADMINS)).toBe(false);
  });

  it('an e-mail shared by two units edits both', () => {
    expect(canEdit('shared@xa.gov.vn', 'KT', UNITS, ADMINS)).toBe(true);
    expect(canEdit('shared@xa.gov.vn', 'VP', UNITS, ADMINS)).toBe(true);
    expect(
      unitsUserMayEdit('shared@xa.gov.vn', UNITS, ADMINS).map(u => u.code),
    ).toEqual(['KT', 'VP']);
  });

  it('admins (settings and owner) edit every unit', () => {
    for (const code of ['VHXH', 'KT', 'OFF', 'THON01']) {
      expect(canEdit('admin@xa.gov.vn', code, UNITS, ADMINS)).toBe(true);
      expect(canEdit('Owner@gmail.com', code, UNITS, ADMINS)).toBe(true);
    }
    expect(unitsUserMayEdit('admin@xa.gov.vn', UNITS, ADMINS)).toHaveLength(
      UNITS.length,
    );
  });

  it('nobody else: unknown, blank, switched-off units and villages (they report by form)', () => {
    expect(canEdit('stranger@gmail.com', 'VHXH', UNITS, ADMINS)).toBe(false);
    expect(canEdit('', 'VHXH', UNITS, ADMINS)).toBe(false);
    expect(canEdit('', '', UNITS, ['', ...ADMINS])).toBe(false);
    expect(canEdit('off@xa.gov.vn', 'OFF', UNITS, ADMINS)).toBe(false);
    expect(canEdit('thon1@xa.gov.vn', 'THON01', UNITS, ADMINS)).toBe(false);
    expect(canEdit('vhxh@xa.gov.vn', 'NOPE', UNITS, ADMINS)).toBe(false);
    expect(unitsUserMayEdit('stranger@gmail.com', UNITS, ADMINS)).toEqual([]);
  });
});

describe('assignmentStamp and changedFields', () => {
  const base: EditableValues & {version: number} = {
    version: 2,
    progress: 'in_progress',
    completedOn: null,
    result: 'a',
    evidence: ['https://x.vn'],
    proposals: '',
  };

  it('the stamp changes with the version and with every editable value', () => {
    const s = assignmentStamp(base);
    expect(assignmentStamp({...base})).toBe(s);
    for (const change of [
      {version: 3},
      {progress: 'done' as const},
      {completedOn: '2025-09-01'},
      {result: 'b'},
      {evidence: []},
      {proposals: 'x'},
    ]) {
      expect(assignmentStamp({...base, ...change})).not.toBe(s);
    }
    expect(s.length).toBeLessThan(40);
  });

  it('lists changed fields in form order with before and after as shown', () => {
    const after = {
      ...base,
      progress: 'done' as const,
      completedOn: '2025-09-01',
      proposals: 'đề xuất',
    };
    const changes = changedFields(base, after, (_k, v) =>
      Array.isArray(v) ? v.join('\n') : String(v ?? ''),
    );
    expect(changes).toEqual([
      {
        field: 'progress',
        label: 'Trạng thái thực hiện',
        before: 'in_progress',
        after: 'done',
      },
      {
        field: 'completedOn',
        label: 'Ngày hoàn thành',
        before: '',
        after: '2025-09-01',
      },
      {
        field: 'proposals',
        label: 'Kiến nghị, đề xuất',
        before: '',
        after: 'đề xuất',
      },
    ]);
    expect(changedFields(base, {...base}, (_k, v) => String(v))).toEqual([]);
  });
});
