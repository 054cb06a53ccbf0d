/**
 * Records of taking part are kept 3 years (the privacy notice), then deleted or made anonymous; the
 * figures already counted stay.
 */
import { createTestApp, type TestApp } from '../helpers/test-app';
import {
  makeFamily,
  makeSession,
  makeStaff,
  makeUnit,
  makeVisit,
  makeWindowWithSlot,
  sessionInput,
} from '../helpers/builders';
import { purgeExpiredServiceRecords } from '../../server/services/retention';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app.close());

const yearsAgo = (years: number) => new Date(Date.now() - years * 365 * 86_400_000);

it('after 3 years, attendance, registrations and visit notes go; session counts and yearly services stay', async () => {
  const school = await makeUnit(app.db);
  const family = await makeFamily(app.db, school.id);
  const old = await makeSession(app, sessionInput(school.id, { title: '四年前的讲座' }));
  const recent = await makeSession(app, sessionInput(school.id, { title: '去年的讲座' }));
  const coordinator = await makeStaff(app.db, 'COORDINATOR', school.id);
  for (const [id, at] of [
    [old.id, yearsAgo(4)],
    [recent.id, yearsAgo(1)],
  ] as const) {
    await app.db.guidanceSession.update({
      where: { id },
      data: { startsAt: at, endsAt: new Date(at.getTime() + 3_600_000), attendedCount: 1 },
    });
    await app.db.registration.create({
      data: { sessionId: id, familyId: family.familyId, status: 'CONFIRMED', registeredById: family.userId },
    });
    await app.db.attendance.create({
      data: {
        sessionId: id,
        familyId: family.familyId,
        present: true,
        method: 'ROLL_CALL',
        recordedById: coordinator.id,
      },
    });
  }
  const teacher = await makeStaff(app.db, 'TEACHER', school.id);
  const slot = await makeWindowWithSlot(app.db, school.id, teacher.id);
  await app.db.visitSlot.update({
    where: { id: slot.id },
    data: { startsAt: yearsAgo(4), endsAt: new Date(yearsAgo(4).getTime() + 1_800_000) },
  });
  const visit = await makeVisit(app.db, {
    orgUnitId: school.id,
    teacherId: teacher.id,
    slot,
    familyId: family.familyId,
  });
  await app.db.visit.update({
    where: { id: visit.id },
    data: { status: 'COMPLETED', summaryEnc: 'v1.x.y.z.w', notesEnc: 'v1.x.y.z.w', addressEnc: 'v1.x.y.z.w' },
  });
  await app.db.visitFollowUp.create({
    data: { visitId: visit.id, teacherId: teacher.id, action: '下周电话回访', dueOn: yearsAgo(4) },
  });

  const result = await purgeExpiredServiceRecords(app.db, { retentionDays: 1095 });
  expect(result.attendance).toBeGreaterThanOrEqual(1);

  expect(await app.db.attendance.count({ where: { sessionId: old.id } })).toBe(0);
  expect(await app.db.registration.count({ where: { sessionId: old.id } })).toBe(0);
  expect(await app.db.attendance.count({ where: { sessionId: recent.id } })).toBe(1);
  expect(await app.db.registration.count({ where: { sessionId: recent.id } })).toBe(1);
  expect(
    await app.db.visit.findUniqueOrThrow({
      where: { id: visit.id },
      select: { status: true, summaryEnc: true, notesEnc: true, addressEnc: true },
    }),
  ).toEqual({ status: 'COMPLETED', summaryEnc: null, notesEnc: null, addressEnc: null });
  expect(await app.db.visitFollowUp.count({ where: { visitId: visit.id } })).toBe(0);
  // The counted figures stay.
  expect(
    await app.db.guidanceSession.findUniqueOrThrow({ where: { id: old.id }, select: { attendedCount: true } }),
  ).toEqual({
    attendedCount: 1,
  });
  expect(await app.db.auditLog.count({ where: { action: 'retention.purge' } })).toBeGreaterThanOrEqual(1);
});
