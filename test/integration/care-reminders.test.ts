/**
 * Reminders to class teachers of special-group students (issue 14): at the start of term, in exam weeks and
 * before the holidays. On a database of its own: the job reaches every class teacher, and other files' workers
 * would otherwise meet these notices in their queue.
 */
import { careMomentAt, remindClassTeachers } from '../../server/services/visits/care-reminders';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { dropScratchDatabase } from '../helpers/pg-admin';
import { createOwnDatabase } from '../helpers/scratch-database';
import { makeFamily, makeStaff, makeUnit } from '../helpers/builders';

let scratch: { name: string; url: string };
let app: TestApp;

beforeAll(async () => {
  scratch = await createOwnDatabase('hb_care', { seed: false });
  app = await createTestApp({ DATABASE_URL: scratch.url });
}, 120_000);
afterAll(async () => {
  await app?.close();
  if (scratch) await dropScratchDatabase(scratch.name);
});

it('sends each class teacher of special-group households one reminder per moment, naming no child', async () => {
  const school = (await makeUnit(app.db)).id;
  const classTeacher = (await makeStaff(app.db, 'TEACHER', school)).id;
  const otherTeacher = (await makeStaff(app.db, 'TEACHER', school)).id;
  await app.db.classTeacher.create({
    data: { orgUnitId: school, grade: 'G4', className: '四年级（2）班', teacherId: classTeacher },
  });
  await app.db.classTeacher.create({
    data: { orgUnitId: school, grade: 'G4', className: '四年级（3）班', teacherId: otherTeacher },
  });
  const marked = await makeFamily(app.db, school);
  const plain = await makeFamily(app.db, school);
  await app.db.child.updateMany({ where: { familyId: marked.familyId }, data: { className: '四年级（2）班' } });
  await app.db.child.updateMany({ where: { familyId: plain.familyId }, data: { className: '四年级（3）班' } });
  await app.db.family.update({ where: { id: marked.familyId }, data: { specialGroups: ['MIGRANT'] } });

  const midterm = new Date('2026-11-03T10:00:00+08:00');
  expect(careMomentAt(midterm)).toMatchObject({ key: 'AUTUMN_MIDTERM', year: 2026 });
  expect(await remindClassTeachers(app.db, midterm)).toBe(1);
  expect(await remindClassTeachers(app.db, new Date('2026-11-05T10:00:00+08:00'))).toBe(0);
  const sent = await app.db.notification.findMany({
    where: { dedupeKey: { startsWith: 'care:AUTUMN_MIDTERM:2026:' } },
  });
  expect(sent.map((n) => n.userId)).toEqual([classTeacher]);
  const child = await app.db.child.findFirstOrThrow({ where: { familyId: marked.familyId } });
  expect(JSON.stringify(sent)).not.toContain(child.name);
  expect(JSON.stringify(sent[0].data)).toContain('本班 1 户');
  // Outside the moments nothing is queued; the next moment is a reminder of its own.
  expect(careMomentAt(new Date('2026-12-03T10:00:00+08:00'))).toBeNull();
  expect(await remindClassTeachers(app.db, new Date('2026-12-03T10:00:00+08:00'))).toBe(0);
  expect(await remindClassTeachers(app.db, new Date('2027-01-06T10:00:00+08:00'))).toBe(1);
});
