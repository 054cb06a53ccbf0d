/**
 * Special-group households (issue 14, contract v2): the school marks them (families.setGroups, audited,
 * school staff only) and each semester's due list (visits.due) names who still needs a home visit and the
 * class teacher responsible, until a visit is completed.
 */
import { createTestApp, type TestApp } from '../helpers/test-app';
import { makeFamily, makeStaff, makeUnit, makeVisit, makeWindow, slotHasBegun } from '../helpers/builders';
import type { AuthUser } from '../../server/auth/auth-user';

let app: TestApp;
let school: Awaited<ReturnType<typeof makeUnit>>;
let coord: AuthUser;
let counsellor: AuthUser;
let classTeacher: AuthUser;
let otherTeacher: AuthUser;

beforeAll(async () => {
  app = await createTestApp();
  school = await makeUnit(app.db);
  coord = await app.as((await makeStaff(app.db, 'COORDINATOR', school.id)).id);
  counsellor = await app.as((await makeStaff(app.db, 'COUNSELOR', school.id)).id);
  classTeacher = await app.as((await makeStaff(app.db, 'TEACHER', school.id)).id);
  otherTeacher = await app.as((await makeStaff(app.db, 'TEACHER', school.id)).id);
  await app.db.classTeacher.create({
    data: { orgUnitId: school.id, grade: 'G4', className: '四年级（2）班', teacherId: classTeacher.id },
  });
});
afterAll(() => app.close());

/** A family of the school whose child is in 四年级（2）班. */
async function familyInClass() {
  const f = await makeFamily(app.db, school.id);
  await app.db.child.updateMany({ where: { familyId: f.familyId }, data: { className: '四年级（2）班' } });
  return f;
}

describe('families.setGroups', () => {
  it('the coordinator or counsellor marks a household, audited; the set replaces the last one', async () => {
    const f = await familyInClass();
    expect(
      await app.caller(coord).families.setGroups({ familyId: f.familyId, groups: ['SINGLE_PARENT', 'LEFT_BEHIND'] }),
    ).toEqual({ ok: true });
    await app.caller(counsellor).families.setGroups({ familyId: f.familyId, groups: ['LEFT_BEHIND'] });
    expect(
      (await app.db.family.findUniqueOrThrow({ where: { id: f.familyId }, select: { specialGroups: true } }))
        .specialGroups,
    ).toEqual(['LEFT_BEHIND']);
    expect(await app.db.auditLog.count({ where: { action: 'family.setGroups', targetId: f.familyId } })).toBe(2);
  });

  it('refuses a teacher, another school, a federation and an unknown group', async () => {
    const f = await familyInClass();
    const elsewhere = await app.as((await makeStaff(app.db, 'COORDINATOR', (await makeUnit(app.db)).id)).id);
    for (const who of [classTeacher, elsewhere])
      await expect(
        app.caller(who).families.setGroups({ familyId: f.familyId, groups: ['ORPHAN'] }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      app.caller(coord).families.setGroups({ familyId: f.familyId, groups: ['RICH' as 'ORPHAN'] }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('群体须为') });
    expect(
      (await app.db.family.findUniqueOrThrow({ where: { id: f.familyId }, select: { specialGroups: true } }))
        .specialGroups,
    ).toEqual([]);
  });
});

describe('visits.due', () => {
  it('lists special-group households without a completed visit this semester, with the class teacher', async () => {
    const marked = await familyInClass();
    const plain = await familyInClass();
    await app.caller(coord).families.setGroups({ familyId: marked.familyId, groups: ['LEFT_BEHIND', 'MIGRANT'] });
    const teacherName = (await app.db.user.findUniqueOrThrow({ where: { id: classTeacher.id } })).displayName;

    const due = await app.caller(coord).visits.due({ orgUnitId: school.id });
    const mine = due.find((d) => d.familyId === marked.familyId);
    expect(mine).toMatchObject({ groups: ['LEFT_BEHIND', 'MIGRANT'], teacherName, className: '四年级（2）班' });
    expect(due.some((d) => d.familyId === plain.familyId)).toBe(false);
    // The class teacher sees the households of their class; another teacher sees none of them.
    expect((await app.caller(classTeacher).visits.due({ orgUnitId: school.id })).map((d) => d.familyId)).toContain(
      marked.familyId,
    );
    expect(await app.caller(otherTeacher).visits.due({ orgUnitId: school.id })).toEqual([]);

    // A visit booked for the future does not take it off the list; once done, it is off.
    const visit = await makeVisit(app.db, {
      orgUnitId: school.id,
      teacherId: classTeacher.id,
      familyId: marked.familyId,
    });
    await slotHasBegun(app.db, visit.id);
    expect(
      (await app.caller(coord).visits.due({ orgUnitId: school.id })).some((d) => d.familyId === marked.familyId),
    ).toBe(true);
    await app
      .caller(classTeacher)
      .visits.complete({ visitId: visit.id, summary: '入户家访，孩子由祖母照顾，情况稳定。' });
    expect(
      (await app.caller(coord).visits.due({ orgUnitId: school.id })).some((d) => d.familyId === marked.familyId),
    ).toBe(false);
  });

  it('is for the school’s own staff only', async () => {
    const federation = await app.as((await makeStaff(app.db, 'FEDERATION', school.id)).id);
    await expect(app.caller(federation).visits.due({ orgUnitId: school.id })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const elsewhere = await app.as((await makeStaff(app.db, 'COUNSELOR', (await makeUnit(app.db)).id)).id);
    await expect(app.caller(elsewhere).visits.due({ orgUnitId: school.id })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});

describe('一生一策 (visits.carePlan, visits.addCareNote)', () => {
  it('holds dated notes by the counsellor and the class teacher, encrypted, each read audited', async () => {
    const f = await familyInClass();
    await app.caller(coord).families.setGroups({ familyId: f.familyId, groups: ['ORPHAN'] });
    await app
      .caller(counsellor)
      .visits.addCareNote({ familyId: f.familyId, text: '开学初与祖母面谈，约定每周电话联系一次。' });
    await app.caller(classTeacher).visits.addCareNote({ familyId: f.familyId, text: '期中考试前单独谈心，情绪平稳。' });

    // At rest the text is an envelope, not the words.
    const stored = await app.db.careNote.findMany({ where: { familyId: f.familyId } });
    expect(stored).toHaveLength(2);
    for (const n of stored) expect(n.textEnc).not.toMatch(/祖母|期中/);

    const before = await app.db.auditLog.count({ where: { action: 'carePlan.read', targetId: f.familyId } });
    const notes = await app.caller(coord).visits.carePlan({ familyId: f.familyId });
    expect(notes.map((n) => [n.authorRole, n.text])).toEqual([
      ['TEACHER', '期中考试前单独谈心，情绪平稳。'],
      ['COUNSELOR', '开学初与祖母面谈，约定每周电话联系一次。'],
    ]);
    expect(await app.caller(classTeacher).visits.carePlan({ familyId: f.familyId })).toHaveLength(2);
    expect(await app.db.auditLog.count({ where: { action: 'carePlan.read', targetId: f.familyId } })).toBe(before + 2);
  });

  it('is closed to another teacher, to a coordinator’s pen, to other schools and to households not marked', async () => {
    const f = await familyInClass();
    await app.caller(coord).families.setGroups({ familyId: f.familyId, groups: ['LEFT_BEHIND'] });
    await expect(app.caller(otherTeacher).visits.carePlan({ familyId: f.familyId })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(
      app.caller(coord).visits.addCareNote({ familyId: f.familyId, text: '负责人不写一生一策' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const elsewhere = await app.as((await makeStaff(app.db, 'COUNSELOR', (await makeUnit(app.db)).id)).id);
    await expect(app.caller(elsewhere).visits.carePlan({ familyId: f.familyId })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const federation = await app.as((await makeStaff(app.db, 'FEDERATION', school.id)).id);
    await expect(app.caller(federation).visits.carePlan({ familyId: f.familyId })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const plain = await familyInClass();
    await expect(
      app.caller(counsellor).visits.addCareNote({ familyId: plain.familyId, text: '未标记的家庭' }),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('请先') });
    expect(await app.db.careNote.count({ where: { familyId: { in: [f.familyId, plain.familyId] } } })).toBe(0);
  });
});

describe('priority in visit windows', () => {
  it('lists special-group households first in a window’s families, in their order', async () => {
    const before = await familyInClass();
    const marked = await familyInClass();
    await app.caller(coord).families.setGroups({ familyId: marked.familyId, groups: ['UNSUPPORTED'] });
    const w = await makeWindow(app.db, school.id, { createdById: coord.id });
    const families = await app.caller(coord).visits.families({ windowId: w.id });
    const listed = families.map((f) => f.familyId);
    // Joined later, listed earlier.
    expect(listed.indexOf(marked.familyId)).toBeLessThan(listed.indexOf(before.familyId));
    // Every marked or flagged household comes before every other one.
    const lastPriority = families
      .map((f) => f.specialGroups.length > 0 || f.priorityReasons.length > 0)
      .lastIndexOf(true);
    const firstOther = families.findIndex((f) => f.specialGroups.length === 0 && f.priorityReasons.length === 0);
    expect(lastPriority).toBeLessThan(firstOther === -1 ? Infinity : firstOther);
  });
});
