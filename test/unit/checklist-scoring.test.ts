import fc from 'fast-check';
import {
  scoreAnswers,
  checkAnswersComplete,
  type Answers,
  type ChecklistDefinition,
} from '../../server/services/checklists/scoring';
import { adviceFor, cityOfPath, hotlinesFor, parseCityHotlines } from '../../server/services/checklists/advice';
import {
  RISK_TIERS,
  saveChecklistDraftInput,
  submitChecklistInput,
  tierRank,
  type AnswerValue,
} from '../../server/shared/checklists';
import { CRISIS_SIGNS, CRISIS_SIGNS_UNIVERSITY, DEMO_CHECKLISTS, PSC17 } from '../../prisma/seed/demo-checklists';

const zeros = (def: ChecklistDefinition): Answers => Object.fromEntries(def.items.map((i) => [i.id, 0 as AnswerValue]));
const withAnswers = (def: ChecklistDefinition, set: Record<string, AnswerValue>): Answers => ({
  ...zeros(def),
  ...set,
});
const ids = (def: ChecklistDefinition, subscale: string) =>
  def.items.filter((i) => i.subscale === subscale).map((i) => i.id);

describe('the seeded content', () => {
  it('PSC-17 has 17 items in the published subscale mapping: 5 internalising, 5 attention, 7 externalising', () => {
    expect(PSC17.items).toHaveLength(17);
    expect(ids(PSC17, 'internalising')).toEqual(['psc02', 'psc06', 'psc09', 'psc11', 'psc15']);
    expect(ids(PSC17, 'attention')).toEqual(['psc01', 'psc03', 'psc07', 'psc13', 'psc17']);
    expect(ids(PSC17, 'externalising')).toEqual(['psc04', 'psc05', 'psc08', 'psc10', 'psc12', 'psc14', 'psc16']);
    expect(PSC17.scoring).toEqual({
      totalCutoff: 15,
      subscaleCutoffs: { internalising: 5, attention: 7, externalising: 7 },
    });
    expect(PSC17.title).toContain('（心桥自译，仅供筛查参考）');
    expect(PSC17.stage).toBe('CHILD');
  });

  it('the crisis lists mark the critical signs and pass the editor schema', () => {
    expect(CRISIS_SIGNS.items.filter((i) => i.critical)).toHaveLength(4);
    expect(CRISIS_SIGNS_UNIVERSITY.stage).toBe('UNIVERSITY');
    for (const c of DEMO_CHECKLISTS) expect(saveChecklistDraftInput.safeParse(c).success).toBe(true);
  });
});

describe('scoreAnswers (the tier rule)', () => {
  it('PSC-17: NONE, WATCH, and CONTACT_SCHOOL at each cut-off', () => {
    expect(scoreAnswers(PSC17, zeros(PSC17)).tier).toBe('NONE');
    expect(scoreAnswers(PSC17, withAnswers(PSC17, { psc02: 1 })).tier).toBe('WATCH');
    // internalising ≥ 5
    const intern = ids(PSC17, 'internalising');
    expect(scoreAnswers(PSC17, withAnswers(PSC17, { [intern[0]]: 2, [intern[1]]: 2 })).tier).toBe('WATCH');
    expect(scoreAnswers(PSC17, withAnswers(PSC17, { [intern[0]]: 2, [intern[1]]: 2, [intern[2]]: 1 })).tier).toBe(
      'CONTACT_SCHOOL',
    );
    // attention ≥ 7
    const att = ids(PSC17, 'attention');
    expect(scoreAnswers(PSC17, withAnswers(PSC17, { [att[0]]: 2, [att[1]]: 2, [att[2]]: 2 })).tier).toBe('WATCH');
    expect(scoreAnswers(PSC17, withAnswers(PSC17, { [att[0]]: 2, [att[1]]: 2, [att[2]]: 2, [att[3]]: 1 })).tier).toBe(
      'CONTACT_SCHOOL',
    );
    // externalising ≥ 7
    const ext = ids(PSC17, 'externalising');
    expect(
      scoreAnswers(PSC17, withAnswers(PSC17, Object.fromEntries(ext.slice(0, 6).map((id) => [id, 1 as AnswerValue]))))
        .tier,
    ).toBe('WATCH');
    expect(
      scoreAnswers(PSC17, withAnswers(PSC17, Object.fromEntries(ext.map((id) => [id, 1 as AnswerValue])))).tier,
    ).toBe('CONTACT_SCHOOL');
    // total ≥ 15 with every subscale below its cut-off: 4 + 6 + 6 = 16 … and 14 stays WATCH.
    const below = {
      ...Object.fromEntries(intern.map((id) => [id, 0 as AnswerValue])),
      [intern[0]]: 2,
      [intern[1]]: 2,
    } as Record<string, AnswerValue>;
    const a6 = { [att[0]]: 2, [att[1]]: 2, [att[2]]: 2 } as Record<string, AnswerValue>;
    const e6 = Object.fromEntries(ext.slice(0, 6).map((id) => [id, 1 as AnswerValue]));
    const s16 = scoreAnswers(PSC17, withAnswers(PSC17, { ...below, ...a6, ...e6 }));
    expect([s16.total, s16.tier]).toEqual([16, 'CONTACT_SCHOOL']);
    const s14 = scoreAnswers(
      PSC17,
      withAnswers(PSC17, {
        ...below,
        ...a6,
        ...Object.fromEntries(ext.slice(0, 4).map((id) => [id, 1 as AnswerValue])),
      }),
    );
    expect([s14.total, s14.tier]).toEqual([14, 'WATCH']);
  });

  it('crisis list: any critical sign ⇒ URGENT; two other signs at 经常 ⇒ CONTACT_SCHOOL', () => {
    expect(scoreAnswers(CRISIS_SIGNS, withAnswers(CRISIS_SIGNS, { c01: 1 })).tier).toBe('URGENT');
    expect(scoreAnswers(CRISIS_SIGNS, withAnswers(CRISIS_SIGNS, { c04: 2 })).tier).toBe('URGENT');
    expect(scoreAnswers(CRISIS_SIGNS, withAnswers(CRISIS_SIGNS, { c05: 2 })).tier).toBe('WATCH');
    expect(
      scoreAnswers(CRISIS_SIGNS, withAnswers(CRISIS_SIGNS, { c05: 1, c06: 1, c07: 1, c08: 1, c09: 1, c10: 1, c11: 1 }))
        .tier,
    ).toBe('WATCH');
    expect(scoreAnswers(CRISIS_SIGNS, withAnswers(CRISIS_SIGNS, { c05: 2, c06: 2 })).tier).toBe('CONTACT_SCHOOL');
    expect(scoreAnswers(CRISIS_SIGNS, zeros(CRISIS_SIGNS)).tier).toBe('NONE');
  });

  const answersFor = (def: ChecklistDefinition) =>
    fc
      .tuple(...def.items.map(() => fc.constantFrom<AnswerValue>(0, 1, 2)))
      .map((vals) => Object.fromEntries(def.items.map((i, k) => [i.id, vals[k]])) as Answers);

  it.each(DEMO_CHECKLISTS.map((c) => [c.code, c] as const))(
    '%s: raising any answer never lowers the tier',
    (_code, def) => {
      fc.assert(
        fc.property(answersFor(def), fc.nat(def.items.length - 1), (answers, k) => {
          const id = def.items[k].id;
          if (answers[id] === 2) return;
          const raised = { ...answers, [id]: (answers[id] + 1) as AnswerValue };
          expect(tierRank(scoreAnswers(def, raised).tier)).toBeGreaterThanOrEqual(
            tierRank(scoreAnswers(def, answers).tier),
          );
        }),
        { numRuns: 500 },
      );
    },
  );

  it.each([CRISIS_SIGNS, CRISIS_SIGNS_UNIVERSITY].map((c) => [c.code, c] as const))(
    '%s: any critical sign above 0 ⇒ URGENT, and URGENT only then',
    (_code, def) => {
      fc.assert(
        fc.property(answersFor(def), (answers) => {
          const critical = def.items.some((i) => i.critical && answers[i.id] > 0);
          expect(scoreAnswers(def, answers).tier === 'URGENT').toBe(critical);
        }),
        { numRuns: 500 },
      );
    },
  );

  it('a tier is one of the four, and all 从不 is always NONE', () => {
    for (const def of DEMO_CHECKLISTS) expect(scoreAnswers(def, zeros(def)).tier).toBe('NONE');
    fc.assert(fc.property(answersFor(PSC17), (a) => RISK_TIERS.includes(scoreAnswers(PSC17, a).tier)));
  });
});

describe('answers must be complete', () => {
  it('refuses missing items and items from another list, in Chinese', () => {
    const a = zeros(PSC17);
    delete a.psc17;
    expect(() => checkAnswersComplete(PSC17, a)).toThrow('还有 1 题没有回答，请全部回答后再提交');
    expect(() => checkAnswersComplete(PSC17, { ...zeros(PSC17), c01: 0 })).toThrow('不属于本清单');
    expect(() => checkAnswersComplete(PSC17, zeros(PSC17))).not.toThrow();
  });

  it('the input schema refuses an answer of 3', () => {
    const r = submitChecklistInput.safeParse({
      checklistId: 'x',
      childId: 'y',
      answers: { psc01: 3 },
      shareWithSchool: false,
    });
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error!.issues)).toContain('0（从不）、1（有时）或 2（经常）');
  });
});

describe('advice and hotlines', () => {
  it('every tier says it is a screening aid, not a diagnosis, and says what to do and how to talk', () => {
    for (const tier of RISK_TIERS) {
      const text = adviceFor(tier, 'ANY');
      expect(text).toContain('筛查参考，不是诊断');
      expect(text).toContain('现在就做');
      expect(text).toContain('怎样和孩子谈');
    }
    expect(adviceFor('URGENT', 'ANY')).toContain('120');
  });

  it('lists 12356, 12355, 120 and 110 (emergency first when URGENT) and the city’s own lines', () => {
    const city = parseCityHotlines(
      JSON.stringify({ '230100': [{ name: '哈尔滨市心理援助热线', number: '0451-12345678' }] }),
    );
    const urgent = hotlinesFor('URGENT', '230100', city).map((h) => h.number);
    expect(urgent.slice(0, 2)).toEqual(['120', '110']);
    expect(urgent).toEqual(expect.arrayContaining(['12356', '12355', '0451-12345678']));
    expect(hotlinesFor('WATCH', '230200', city).map((h) => h.number)).toEqual(['12356', '12355', '120', '110']);
    expect(cityOfPath('/230000/230100/230103/t_x/')).toBe('230100');
  });

  it('ignores malformed CITY_HOTLINES instead of failing', () => {
    const errors: string[] = [];
    expect(parseCityHotlines('{not json', (m) => errors.push(m))).toEqual({});
    expect(parseCityHotlines('{"230100":[{"name":"x","number":"<script>"}]}', (m) => errors.push(m))).toEqual({});
    expect(parseCityHotlines(undefined)).toEqual({});
    expect(errors).toHaveLength(2);
  });
});
