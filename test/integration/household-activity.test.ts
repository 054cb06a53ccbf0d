/**
 * The far-away parent's view (issue 13): every guardian sees what the household took part in (who checked in,
 * the lessons read, the home visits with the family's summary but never the teacher's private notes), and the
 * monthly message "孩子家庭上月参加了…" reaches each guardian once. On a database of its own: the monthly job
 * looks at every household.
 */
import { createSession } from '../../server/services/sessions/create-session';
import { completeVisit } from '../../server/services/visits/records';
import { queueHouseholdMonthly } from '../../server/services/families/household-activity';
import { previousMonth } from '../../server/shared/china-time';
import { GUARDIAN_RELATION_LABELS } from '../../server/shared/enums';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { dropScratchDatabase } from '../helpers/pg-admin';
import { createOwnDatabase } from '../helpers/scratch-database';
import { makeFamily, makeSlot, makeStaff, makeUnit, makeVisit, makeWindow } from '../helpers/builders';

let scratch: { name: string; url: string };
let app: TestApp;

beforeAll(async () => {
  scratch = await createOwnDatabase('hb_household', { seed: false });
  app = await createTestApp({ DATABASE_URL: scratch.url });
}, 120_000);
afterAll(async () => {
  await app?.close();
  if (scratch) await dropScratchDatabase(scratch.name);
});

it('shows the parent far away what happened at home, without the teacher’s notes, and tells each guardian once a month', async () => {
  const school = (await makeUnit(app.db)).id;
  // The mother works in another province; the grandmother raises the child.
  const family = await makeFamily(app.db, school, { guardians: 2 });
  const [mother, grandmother] = family.userIds;
  await app.db.guardian.updateMany({ where: { userId: grandmother }, data: { relation: 'GRANDPARENT' } });
  const coordinator = await makeStaff(app.db, 'COORDINATOR', school);
  const last = previousMonth(new Date());
  const when = new Date(`${last.key}-12T19:00:00+08:00`);
  const { id: sessionId } = await createSession({
    db: app.db,
    actor: coordinator,
    unit: { id: school, kind: 'SCHOOL' },
    input: {
      kind: 'GUIDANCE',
      title: '隔代教养怎样和孩子谈心',
      mode: 'OFFLINE',
      venue: '学校礼堂',
      capacity: 50,
      mentalHealth: true,
      startsAt: when,
      endsAt: new Date(when.getTime() + 3600_000),
    },
  });
  // The grandmother scanned the code at the door.
  await app.db.attendance.create({
    data: { sessionId, familyId: family.familyId, method: 'QR', recordedById: grandmother, at: when },
  });
  const teacher = (await makeStaff(app.db, 'TEACHER', school)).id;
  const w = await makeWindow(app.db, school, {
    startsOn: `${last.key}-01`,
    endsOn: `${last.key}-28`,
    createdById: teacher,
  });
  const slot = await makeSlot(app.db, {
    windowId: w.id,
    teacherId: teacher,
    startsAt: new Date(`${last.key}-20T15:00:00+08:00`),
    endsAt: new Date(`${last.key}-20T15:45:00+08:00`),
    mode: 'HOME',
  });
  const visit = await makeVisit(app.db, { orgUnitId: school, teacherId: teacher, slot, familyId: family.familyId });
  await completeVisit({
    db: app.db,
    cipher: app.deps.cipher,
    actor: { id: teacher },
    input: { visitId: visit.id, summary: '孩子作息规律，和奶奶相处融洽。', notes: '内部记录：需关注父母长期不在身边' },
  });

  const view = await app.caller(await app.as(mother)).families.activity();
  expect(view.sessions).toEqual([
    expect.objectContaining({ title: '隔代教养怎样和孩子谈心', by: GUARDIAN_RELATION_LABELS.GRANDPARENT }),
  ]);
  expect(view.visits).toEqual([expect.objectContaining({ mode: 'HOME', summary: '孩子作息规律，和奶奶相处融洽。' })]);
  expect(JSON.stringify(view)).not.toContain('内部记录');
  expect(await app.db.auditLog.count({ where: { action: 'visit.summary.read', actorUserId: mother } })).toBe(1);

  // The monthly message: each guardian once, however often the job runs.
  await queueHouseholdMonthly(app.db);
  await queueHouseholdMonthly(app.db);
  const notes = await app.db.notification.findMany({
    where: { dedupeKey: { startsWith: `household-monthly:${last.key}:` } },
  });
  expect(notes.map((n) => n.userId).sort()).toEqual([mother, grandmother].sort());
  expect(JSON.stringify(notes[0].data)).toContain(`孩子家庭${last.month}月参加了`);
  expect(JSON.stringify(notes[0].data)).toContain('1 次活动、1 次家访');
});
