import fc from 'fast-check';
import { GRADES, gradeLabel, normalizeGrade } from '../../server/shared/grades';
import { joinFamilyInput } from '../../server/shared/schemas';

describe('normalizeGrade', () => {
  it.each([
    [3, 'G3'],
    ['3', 'G3'],
    ['g3', 'G3'],
    ['三年级', 'G3'],
    ['小学三年级', 'G3'],
    ['初一', 'G7'],
    ['七年级', 'G7'],
    ['高三', 'G12'],
    ['大一', 'U1'],
    ['中班', 'K2'],
  ])('%p → %s', (input, code) => {
    expect(normalizeGrade(input)).toBe(code);
  });

  it.each([0, 13, 2.5, '研一', '', null, undefined, {}])('%p names no grade', (input) => {
    expect(normalizeGrade(input)).toBeNull();
  });

  it('every code and every label maps back to itself', () => {
    fc.assert(
      fc.property(fc.constantFrom(...GRADES), (g) => {
        expect(normalizeGrade(g.code)).toBe(g.code);
        expect(normalizeGrade(g.label)).toBe(g.code);
        expect(gradeLabel(g.code)).toBe(g.label);
      }),
    );
  });
});

describe('joinFamilyInput', () => {
  it('accepts Chinese relation labels and lower-case invite codes', () => {
    const parsed = joinFamilyInput.parse({
      inviteCode: ' hljdemo ',
      relation: '母亲',
      child: { name: ' 小明 ', grade: '一年级' },
    });
    expect(parsed).toEqual({ inviteCode: 'HLJDEMO', relation: 'MOTHER', child: { name: '小明', grade: 'G1' } });
  });

  it('never accepts a string over the limits, whatever it contains', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 33, maxLength: 200 }).filter((s) => s.trim().length > 32),
        (name) => {
          const r = joinFamilyInput.safeParse({
            inviteCode: 'HLJDEMO',
            relation: 'MOTHER',
            child: { name, grade: 'G1' },
          });
          expect(r.success).toBe(false);
        },
      ),
    );
  });
});
