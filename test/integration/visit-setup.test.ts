/**
 * Issue 16 part 5, home visits: class teachers follow into open windows, bulk assignment, correcting a record
 * (author only, within RECORD_EDIT_DAYS, history kept encrypted), the outcomes 未遇到家庭 / 家长要求改期, and a
 * teacher's families including those booked on their slots.
 */
import { createTestApp, type TestApp } from '../helpers/test-app';
import { at, dayFromNow, makeFamily, makeStaff, makeUnit, makeWindow, slotHasBegun } from '../helpers/builders';
import type { AuthUser } from '../../server/auth/auth-user';
import { ctxOf } from '../../server/services/visits/records';

let app: TestApp;
let school: Awaited<ReturnType<typeof makeUnit>>;
let coord: AuthUser;

const CLASS = { grade: 'G3', className: '三年级（2）班' };

beforeAll(async () => {
  app = await createTestApp();
  school = await makeUnit(app.db);
  coord = await app.as((await makeStaff(app.db, 'COORDINATOR', school.id)).id);
}, 60_000);
afterAll(async () => {
  await app.close();
});

const teacherAt = async (unitId = school.id) => app.as((await makeStaff(app.db, 'TEACHER', unitId)).id);

/** A family of the school whose one child is in the given class. */
async function familyIn(cls: { grade: string; className: string }, unitId = school.id) {
  const fam = await makeFamily(app.db, unitId);
  await app.db.child.updateMany({ where: { familyId: fam.familyId }, data: cls });
  return fam;
}

async function openWindow(title: string) {
  return (
    await app.caller(coord).visits.createWindow({
      orgUnitId: school.id,
      season: 'WINTER',
      startsOn: dayFromNow(1),
      endsOn: dayFromNow(40),
      title,
    })
  ).id;
}

async function teacherOf(windowId: string, familyId: string) {
  const a = await app.db.visitAssignment.findUnique({
    where: { windowId_familyId: { windowId, familyId } },
    select: { teacherId: true },
  });
  return a?.teacherId ?? null;
}

/** A visit of `teacher` booked by the family's parent on a slot `days` from now, through the procedures. */
async function bookedVisit(windowId: string, teacher: AuthUser, days: number, hhmm: string) {
  const fam = await makeFamily(app.db, school.id);
  await app.caller(teacher).visits.addSlots({
    windowId,
    slots: [{ startsAt: at(days, hhmm), endsAt: at(days, `${hhmm.slice(0, 2)}:30`), mode: 'HOME' }],
  });
  const slot = await app.db.visitSlot.findFirstOrThrow({
    where: { windowId, teacherId: teacher.id, startsAt: new Date(at(days, hhmm)) },
    select: { id: true },
  });
  const parent = await app.as(fam.userId);
  const { visitId } = await app.caller(parent).visits.book({ slotId: slot.id });
  return { ...fam, parent, visitId };
}

describe('class teachers and open windows', () => {
  it('a class teacher set after a window opened takes that class’s families in open windows, not hand-assigned ones, not past windows', async () => {
    const a = await teacherAt();
    const b = await teacherAt();
    const c = await teacherAt();
    const f1 = await familyIn(CLASS);
    const f2 = await familyIn(CLASS);
    const byHand = await familyIn(CLASS);
    const otherClass = await familyIn({ grade: 'G3', className: '三年级（5）班' });
    const open = await openWindow('开窗后设班主任');
    const past = (
      await makeWindow(app.db, school.id, { startsOn: dayFromNow(-30), endsOn: dayFromNow(-1), title: '已结束的家访' })
    ).id;
    // Nobody taught the class when the window opened: nobody is assigned.
    expect(await teacherOf(open, f1.familyId)).toBeNull();
    await app.caller(coord).visits.assign({ windowId: open, familyId: byHand.familyId, teacherId: b.id });

    await app.caller(coord).visits.setClassTeacher({ orgUnitId: school.id, ...CLASS, teacherId: a.id });
    expect(await teacherOf(open, f1.familyId)).toBe(a.id);
    expect(await teacherOf(open, f2.familyId)).toBe(a.id);
    expect(await teacherOf(open, byHand.familyId)).toBe(b.id);
    expect(await teacherOf(open, otherClass.familyId)).toBeNull();
    expect(await teacherOf(past, f1.familyId)).toBeNull();
    // The teacher sees them in 我负责的家庭.
    const mine = (await app.caller(a).visits.families({ windowId: open })).map((f) => f.familyId);
    expect(mine.sort()).toEqual([f1.familyId, f2.familyId].sort());

    // Another class teacher later: the families follow again; the hand assignment still stays.
    await app.caller(coord).visits.setClassTeacher({ orgUnitId: school.id, ...CLASS, teacherId: c.id });
    expect(await teacherOf(open, f1.familyId)).toBe(c.id);
    expect(await teacherOf(open, byHand.familyId)).toBe(b.id);
    expect(await app.caller(a).visits.families({ windowId: open })).toEqual([]);
  });
});

describe('visits.assignBulk', () => {
  it('assigns the chosen families to one teacher in one call, by hand (class teachers no longer move them)', async () => {
    const windowId = await openWindow('批量分配');
    const t = await teacherAt();
    const fams = [await familyIn(CLASS), await familyIn(CLASS), await familyIn(CLASS)];
    const res = await app.caller(coord).visits.assignBulk({
      windowId,
      teacherId: t.id,
      familyIds: fams.map((f) => f.familyId),
    });
    expect(res).toEqual({ assigned: 3 });
    for (const f of fams) expect(await teacherOf(windowId, f.familyId)).toBe(t.id);
    expect(
      await app.db.auditLog.count({ where: { action: 'visit.assignBulk', targetId: windowId, actorUserId: coord.id } }),
    ).toBe(1);
    // Assigned by hand: a class teacher set afterwards does not take them.
    const classTeacher = await teacherAt();
    await app.caller(coord).visits.setClassTeacher({ orgUnitId: school.id, ...CLASS, teacherId: classTeacher.id });
    for (const f of fams) expect(await teacherOf(windowId, f.familyId)).toBe(t.id);
  });

  it('assigns every family of the chosen classes', async () => {
    const windowId = await openWindow('按班分配');
    const cls = { grade: 'G5', className: '五年级（1）班' };
    const inClass = [await familyIn(cls), await familyIn(cls)];
    const outside = await familyIn({ grade: 'G5', className: '五年级（2）班' });
    const t = await teacherAt();
    expect(await app.caller(coord).visits.assignBulk({ windowId, teacherId: t.id, classes: [cls] })).toEqual({
      assigned: 2,
    });
    for (const f of inClass) expect(await teacherOf(windowId, f.familyId)).toBe(t.id);
    expect(await teacherOf(windowId, outside.familyId)).toBeNull();
  });

  it('is all or nothing: one family of another school refuses the lot, and nothing changes', async () => {
    const windowId = await openWindow('全部或全不');
    const before = await teacherAt();
    const after = await teacherAt();
    const cls = { grade: 'G6', className: '六年级（1）班' };
    const ours = [await familyIn(cls), await familyIn(cls)];
    await app.caller(coord).visits.assignBulk({ windowId, teacherId: before.id, familyIds: [ours[0].familyId] });
    const elsewhere = await makeUnit(app.db);
    const foreign = await makeFamily(app.db, elsewhere.id);
    await expect(
      app.caller(coord).visits.assignBulk({
        windowId,
        teacherId: after.id,
        familyIds: [ours[0].familyId, ours[1].familyId, foreign.familyId],
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('不属于本校') });
    expect(await teacherOf(windowId, ours[0].familyId)).toBe(before.id);
    expect(await teacherOf(windowId, ours[1].familyId)).toBeNull();
    expect(await teacherOf(windowId, foreign.familyId)).toBeNull();
    // A teacher of another school is refused too.
    const outsider = await teacherAt(elsewhere.id);
    await expect(
      app.caller(coord).visits.assignBulk({ windowId, teacherId: outsider.id, familyIds: [ours[1].familyId] }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await teacherOf(windowId, ours[1].familyId)).toBeNull();
  });

  it('is refused to another school’s coordinator', async () => {
    const windowId = await openWindow('他校负责人');
    const fam = await familyIn({ grade: 'G6', className: '六年级（2）班' });
    const t = await teacherAt();
    const elsewhere = await makeUnit(app.db);
    const otherCoord = await app.as((await makeStaff(app.db, 'COORDINATOR', elsewhere.id)).id);
    await expect(
      app.caller(otherCoord).visits.assignBulk({ windowId, teacherId: t.id, familyIds: [fam.familyId] }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await teacherOf(windowId, fam.familyId)).toBeNull();
  });
});

describe('correcting a visit record', () => {
  it('the author corrects it within the time; the earlier version is kept, encrypted; the page says how often', async () => {
    const windowId = await openWindow('修改记录');
    const t = await teacherAt();
    const { visitId } = await bookedVisit(windowId, t, 3, '09:00');
    await slotHasBegun(app.db, visitId);
    await app
      .caller(t)
      .visits.complete({ visitId, summary: '孩子作息规律。', notes: '母亲工作忙。', topics: ['ROUTINE'] });
    const first = await app.caller(t).visits.record({ visitId });
    expect(first).toMatchObject({ edits: 0, lastEditedAt: null, canEdit: true });

    await app.caller(t).visits.editRecord({
      visitId,
      summary: '孩子作息规律，睡前玩手机。',
      notes: '母亲工作忙，父亲常出差。',
      topics: ['ROUTINE', 'EMOTION'],
    });
    const after = await app.caller(t).visits.record({ visitId });
    expect(after).toMatchObject({
      summary: '孩子作息规律，睡前玩手机。',
      notes: '母亲工作忙，父亲常出差。',
      topics: ['ROUTINE', 'EMOTION'],
      edits: 1,
      status: 'COMPLETED',
    });
    expect(after.lastEditedAt).not.toBeNull();
    const revisions = await app.db.visitRecordRevision.findMany({ where: { visitId } });
    expect(revisions).toHaveLength(1);
    expect(revisions[0]).toMatchObject({ editedById: t.id, topics: ['ROUTINE'] });
    // Kept encrypted, like the current record.
    expect(revisions[0].summaryEnc).not.toContain('作息');
    expect(app.deps.cipher.decrypt(revisions[0].summaryEnc!, ctxOf(visitId, 'summary'))).toBe('孩子作息规律。');
    expect(app.deps.cipher.decrypt(revisions[0].notesEnc!, ctxOf(visitId, 'notes'))).toBe('母亲工作忙。');

    await app.caller(t).visits.editRecord({ visitId, summary: '第三版小结。' });
    expect(await app.caller(t).visits.record({ visitId })).toMatchObject({
      edits: 2,
      summary: '第三版小结。',
      notes: null,
    });
    // Still one service: correcting does not count the visit again.
    expect(await app.db.familyServiceYear.count({ where: { familyId: await familyOf(visitId) } })).toBe(1);
  });

  it('is refused to another teacher of the school, and after the limit', async () => {
    const windowId = await openWindow('修改期限');
    const t = await teacherAt();
    const { visitId } = await bookedVisit(windowId, t, 3, '10:00');
    await slotHasBegun(app.db, visitId);
    await app.caller(t).visits.complete({ visitId, summary: '原来的小结。' });
    const other = await teacherAt();
    await expect(app.caller(other).visits.editRecord({ visitId, summary: '别人改的。' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    // Six days after completing: still in time.
    await app.db.visit.update({ where: { id: visitId }, data: { completedAt: new Date(Date.now() - 6 * 86_400_000) } });
    await app.caller(t).visits.editRecord({ visitId, summary: '第六天改的。' });
    // Eight days after: past the seven days.
    await app.db.visit.update({ where: { id: visitId }, data: { completedAt: new Date(Date.now() - 8 * 86_400_000) } });
    await expect(app.caller(t).visits.editRecord({ visitId, summary: '太晚了。' })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('7 天内'),
    });
    expect(await app.caller(t).visits.record({ visitId })).toMatchObject({
      summary: '第六天改的。',
      edits: 1,
      canEdit: false,
    });
  });

  it('a record not completed cannot be corrected', async () => {
    const windowId = await openWindow('未完成不能改');
    const t = await teacherAt();
    const { visitId } = await bookedVisit(windowId, t, 3, '11:00');
    await expect(app.caller(t).visits.editRecord({ visitId, summary: '还没家访。' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });
});

async function familyOf(visitId: string) {
  return (await app.db.visit.findUniqueOrThrow({ where: { id: visitId }, select: { familyId: true } })).familyId;
}

describe('未遇到家庭 and 家长要求改期', () => {
  it('an outcome only once the slot has begun; a no-show is not a service and does not count as visited', async () => {
    const windowId = await openWindow('未遇到家庭');
    const t = await teacherAt();
    const { visitId, familyId } = await bookedVisit(windowId, t, 3, '09:00');
    await expect(app.caller(t).visits.recordOutcome({ visitId, outcome: 'NO_SHOW' })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('还没有开始'),
    });
    await slotHasBegun(app.db, visitId);
    await app.caller(t).visits.recordOutcome({ visitId, outcome: 'NO_SHOW', note: '敲门无人应答' });
    expect(await app.caller(t).visits.record({ visitId })).toMatchObject({ status: 'NO_SHOW', notes: '敲门无人应答' });
    expect(await app.db.familyServiceYear.count({ where: { familyId } })).toBe(0);
    const progress = await app.caller(coord).visits.progress({ windowId });
    expect(progress.total).toMatchObject({ visited: 0, booked: 0 });
    expect((await app.caller(coord).visits.families({ windowId })).find((f) => f.familyId === familyId)).toMatchObject({
      visitStatus: 'NO_SHOW',
    });
    // Neither completed afterwards nor given a second outcome.
    await expect(app.caller(t).visits.complete({ visitId, summary: '补记' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(
      app.caller(t).visits.recordOutcome({ visitId, outcome: 'RESCHEDULED_BY_FAMILY' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    // Nor cancelled afterwards, by the teacher or by the family.
    await expect(app.caller(t).visits.cancelByTeacher({ visitId })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('不能再取消'),
    });
    // Another teacher cannot record an outcome of this teacher's visit.
    const other = await teacherAt();
    await expect(app.caller(other).visits.recordOutcome({ visitId, outcome: 'NO_SHOW' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('家长要求改期 is not a service and lets the family book the window again', async () => {
    const windowId = await openWindow('家长要求改期');
    const t = await teacherAt();
    const { visitId, familyId, parent } = await bookedVisit(windowId, t, 3, '14:00');
    await app.caller(t).visits.addSlots({
      windowId,
      slots: [{ startsAt: at(5, '14:00'), endsAt: at(5, '14:30'), mode: 'PHONE' }],
    });
    const later = await app.db.visitSlot.findFirstOrThrow({
      where: { windowId, startsAt: new Date(at(5, '14:00')) },
      select: { id: true },
    });
    // While the visit stands, the family holds its one visit of the window.
    await expect(app.caller(parent).visits.book({ slotId: later.id })).rejects.toMatchObject({ code: 'CONFLICT' });
    await slotHasBegun(app.db, visitId);
    await app.caller(t).visits.recordOutcome({ visitId, outcome: 'RESCHEDULED_BY_FAMILY' });
    expect(await app.db.familyServiceYear.count({ where: { familyId } })).toBe(0);
    expect((await app.caller(coord).visits.families({ windowId })).find((f) => f.familyId === familyId)).toMatchObject({
      visitStatus: 'RESCHEDULED_BY_FAMILY',
    });

    const { visitId: again } = await app.caller(parent).visits.book({ slotId: later.id });
    expect(again).not.toBe(visitId);
    expect((await app.caller(t).visits.families({ windowId })).find((f) => f.familyId === familyId)).toMatchObject({
      visitStatus: 'BOOKED',
    });
    expect((await app.caller(coord).visits.progress({ windowId })).total).toMatchObject({ booked: 1, visited: 0 });
  });
});

describe('我负责的家庭', () => {
  it('shows the families booked on my slots, not only those assigned to me; not a cancelled booking', async () => {
    const windowId = await openWindow('预约了我的时段');
    const assigned = await teacherAt();
    const slotTeacher = await teacherAt();
    const fam = await familyIn(CLASS);
    await app.caller(coord).visits.assignBulk({ windowId, teacherId: assigned.id, familyIds: [fam.familyId] });
    await app.caller(slotTeacher).visits.addSlots({
      windowId,
      slots: [{ startsAt: at(4, '09:00'), endsAt: at(4, '09:30'), mode: 'PHONE' }],
    });
    const slot = await app.db.visitSlot.findFirstOrThrow({
      where: { teacherId: slotTeacher.id },
      select: { id: true },
    });
    expect(await app.caller(slotTeacher).visits.families({ windowId })).toEqual([]);
    // After a phone call, the teacher books one of their own slots for the family.
    const { visitId } = await app.caller(slotTeacher).visits.bookForFamily({ slotId: slot.id, familyId: fam.familyId });
    expect(await app.caller(slotTeacher).visits.families({ windowId })).toEqual([
      expect.objectContaining({ familyId: fam.familyId, visitStatus: 'BOOKED', teacherId: assigned.id }),
    ]);
    // The assigned teacher still sees the family too.
    expect((await app.caller(assigned).visits.families({ windowId })).map((f) => f.familyId)).toEqual([fam.familyId]);
    await app.caller(slotTeacher).visits.cancelByTeacher({ visitId });
    expect(await app.caller(slotTeacher).visits.families({ windowId })).toEqual([]);
  });
});
