/**
 * 识别心理危机信号小测验 (issue 14, part 5): guardians answer before and after a mental-health session; what is
 * kept is the score and the unit, not who answered; reports show the change per unit, small groups withheld.
 */
import { createSession } from '../../server/services/sessions/create-session';
import { KNOWLEDGE_QUESTIONS, knowledgeScore } from '../../server/shared/knowledge-check';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { makeCounty, makeStaff, makeUnit, signedInParent } from '../helpers/builders';
import type { AuthUser } from '../../server/auth/auth-user';

let app: TestApp;
let county: { id: string };
let school: string;
let small: string;
let past: string;
let future: string;
let lecture: string;
const right = KNOWLEDGE_QUESTIONS.map((q) => q.answer);
/** `wrong` answers wrong (the first ones), the rest right. */
const answers = (wrong: number) => right.map((a, i) => (i < wrong ? (a + 1) % 3 : a));

beforeAll(async () => {
  app = await createTestApp();
  county = await makeCounty(app.db);
  school = (await makeUnit(app.db, { countyId: county.id })).id;
  small = (await makeUnit(app.db, { countyId: county.id })).id;
  const coordinator = await makeStaff(app.db, 'COORDINATOR', school);
  const session = async (unitId: string, hours: number, mentalHealth = true) =>
    (
      await createSession({
        db: app.db,
        actor: coordinator,
        unit: { id: unitId, kind: 'SCHOOL' },
        input: {
          kind: mentalHealth ? 'GUIDANCE' : 'LECTURE',
          title: '认识孩子的心理危机信号',
          mode: 'ONLINE',
          capacity: 50,
          mentalHealth,
          startsAt: new Date(Date.now() + hours * 3600_000),
          endsAt: new Date(Date.now() + (hours + 1) * 3600_000),
        },
      })
    ).id;
  past = await session(school, -3);
  future = await session(school, 48);
  lecture = await session(school, -3, false);
});
afterAll(() => app.close());

it('shows the questions to anyone, without the answers', async () => {
  const q = await app.caller(null).knowledge.questions();
  expect(q.questions).toHaveLength(KNOWLEDGE_QUESTIONS.length);
  expect(q.questions.length).toBeGreaterThanOrEqual(5);
  expect(q.questions.length).toBeLessThanOrEqual(8);
  expect(JSON.stringify(q)).not.toContain('"answer"');
  expect(q.source).toContain('自行编写');
});

it('scores before and after, keeps no one’s identity, and reports the change per unit', async () => {
  const parents: AuthUser[] = [];
  for (let i = 0; i < 6; i += 1) parents.push((await signedInParent(app, school)).user);
  for (const [i, p] of parents.entries()) {
    const before = await app
      .caller(p)
      .knowledge.submit({ sessionId: past, phase: 'BEFORE', answers: answers(3 - (i % 2)) });
    expect(before.score).toBe(knowledgeScore(answers(3 - (i % 2))));
    // The right answers are shown at once, with the reason.
    expect(before.feedback[0]).toMatchObject({ correct: false, answer: KNOWLEDGE_QUESTIONS[0].options[right[0]] });
    await app.caller(p).knowledge.submit({ sessionId: past, phase: 'AFTER', answers: answers(i % 2) });
  }
  // The same guardian, the same phase: once.
  await expect(
    app.caller(parents[0]).knowledge.submit({ sessionId: past, phase: 'AFTER', answers: right }),
  ).rejects.toMatchObject({ code: 'CONFLICT' });

  // Nothing stored names a family, a guardian or a user.
  const stored = await app.db.knowledgeCheck.findMany({ where: { sessionId: past } });
  expect(stored).toHaveLength(12);
  const ids = parents.flatMap((p) => [p.id, p.familyId ?? '']);
  for (const row of stored) for (const id of ids) expect(JSON.stringify(row)).not.toContain(id);

  // Two answers at the small school: withheld there (and one more cell of the column, so the total does not give it back).
  const two = [(await signedInParent(app, small)).user, (await signedInParent(app, small)).user];
  const smallSession = (
    await createSession({
      db: app.db,
      actor: await makeStaff(app.db, 'COORDINATOR', small),
      unit: { id: small, kind: 'SCHOOL' },
      input: {
        kind: 'GUIDANCE',
        title: '小测验',
        mode: 'ONLINE',
        capacity: 5,
        mentalHealth: true,
        startsAt: new Date(Date.now() - 3 * 3600_000),
        endsAt: new Date(Date.now() - 2 * 3600_000),
      },
    })
  ).id;
  for (const p of two)
    await app.caller(p).knowledge.submit({ sessionId: smallSession, phase: 'BEFORE', answers: right });

  const federation = await app.as((await makeStaff(app.db, 'FEDERATION', county.id)).id);
  const report = await app
    .caller(federation)
    .reports.knowledge({ orgUnitId: county.id, year: new Date().getFullYear() });
  const row = report.rows.find((r) => r.orgUnitId === school)!;
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length / KNOWLEDGE_QUESTIONS.length;
  const beforeScores = parents.map((_, i) => knowledgeScore(answers(3 - (i % 2))));
  const afterScores = parents.map((_, i) => knowledgeScore(answers(i % 2)));
  expect(row.after).toBe(6);
  expect(row.afterShare).toBeCloseTo(mean(afterScores), 3);
  // The county's figures are exact: before (the six and the two full marks at the small school) and after.
  const allBefore = [...beforeScores, KNOWLEDGE_QUESTIONS.length, KNOWLEDGE_QUESTIONS.length];
  expect(report.total.beforeShare).toBeCloseTo(mean(allBefore), 3);
  expect(report.total.afterShare).toBeCloseTo(mean(afterScores), 3);
  expect(report.total.change).toBeCloseTo(mean(afterScores) - mean(allBefore), 2);
  expect(report.total.change).toBeGreaterThan(0);
  const smallRow = report.rows.find((r) => r.orgUnitId === small)!;
  expect(smallRow.before).toBeNull();
  expect(smallRow.beforeShare).toBeNull();
  // The complement: the big school's before-count is withheld too, so 8 − 6 does not give the 2 back,
  // and with it that school's change.
  expect(row.before).toBeNull();
  expect(row.change).toBeNull();
  expect(report.total.before).toBe(8);
});

it('refuses an after-check before the session, a session without mental-health content, and incomplete answers', async () => {
  const { user } = await signedInParent(app, school);
  await expect(
    app.caller(user).knowledge.submit({ sessionId: future, phase: 'AFTER', answers: right }),
  ).rejects.toMatchObject({
    code: 'CONFLICT',
    message: expect.stringContaining('还没有开始'),
  });
  await expect(
    app.caller(user).knowledge.submit({ sessionId: lecture, phase: 'BEFORE', answers: right }),
  ).rejects.toMatchObject({
    code: 'BAD_REQUEST',
  });
  await expect(
    app.caller(user).knowledge.submit({ sessionId: past, phase: 'BEFORE', answers: right.slice(1) }),
  ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('全部') });
  const teacher = await app.as((await makeStaff(app.db, 'TEACHER', school)).id);
  await expect(app.caller(teacher).reports.knowledge({ orgUnitId: school, year: 2026 })).rejects.toMatchObject({
    code: 'FORBIDDEN',
  });
});
