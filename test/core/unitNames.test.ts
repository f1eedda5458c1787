// Tests for canonical unit names in formal outputs: the plan's raw lead/support text becomes Đơn vị's names.
import {computeSummary} from '../../src/core/summary';
import {canonicalUnitText} from '../../src/core/unitNames';
import {DEFAULT_PLAN} from '../../src/plan/defaultPlan';
import {ky1Input} from './summaryFixture';

const {units, groups} = DEFAULT_PLAN;

describe('canonicalUnitText', () => {
  it("writes the plan's misspelt unit by its name in Đơn vị, without the stray full stop", () => {
    expect(canonicalUnitText('Phòng Văn hóa- Xã hôi.', units, groups)).toBe(
      'Phòng Văn hóa - Xã hội',
    );
    expect(canonicalUnitText('Phòng Văn hóa- Xã hội', units, groups)).toBe(
      'Phòng Văn hóa - Xã hội',
    );
  });

  it('keeps groups and unknown words as written, with tidy separators', () => {
    expect(
      canonicalUnitText(
        'Các phòng chuyên môn, đơn vị, các thôn',
        units,
        groups,
      ),
    ).toBe('Các phòng chuyên môn, đơn vị, các thôn');
    expect(
      canonicalUnitText(
        'Phòng Văn hóa- Xã hội;  Phòng Kinh tế.',
        units,
        groups,
      ),
    ).toBe('Phòng Văn hóa - Xã hội; Phòng Kinh tế');
    expect(canonicalUnitText('Ban chỉ đạo xã ', units, groups)).toBe(
      'Ban chỉ đạo xã',
    );
    expect(canonicalUnitText('', units, groups)).toBe('');
  });
});

describe('the summary (and so the tab, PDF, .xlsx and draft report)', () => {
  it("uses Đơn vị's names, never the plan's raw text", () => {
    const s = computeSummary({...ky1Input(), groups});
    const t8 = s.tasks.find(t => t.tt === '8')!;
    expect(t8.lead).toBe('Phòng Văn hóa - Xã hội');
    for (const t of s.tasks) {
      expect([t.tt, t.lead]).not.toEqual([
        t.tt,
        expect.stringMatching(/Xã hôi|Văn hóa- |\.$/),
      ]);
    }
  });
});
