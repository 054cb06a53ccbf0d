import fc from 'fast-check';
import { createDb, type DbHandle } from '../../server/db/create-db';
import { addSlots, clash } from '../../server/services/visits/slots';
import { bookSlot } from '../../server/services/visits/booking';
import { chinaYear as serviceYear } from '../../server/shared/china-time';
import { createTestApp, listen, callHttp, testDatabaseUrl, type TestApp } from '../helpers/test-app';
import { at, dayFromNow, makeFamily, makeStaff, makeUnit, slotHasBegun, teacherWithSlot } from '../helpers/builders';
import type { AuthUser } from '../../server/auth/auth-user';

let app: TestApp;
let processes: DbHandle[];
let school: Awaited<ReturnType<typeof makeUnit>>;
let coord: AuthUser;
let teacher: AuthUser;
let windowId: string;

beforeAll(async () => {
  app = await createTestApp();
  processes = Array.from({ length: 4 }, () => createDb(testDatabaseUrl(), { poolSize: 8 }));
  school = await makeUnit(app.db);
  coord = await app.as((await makeStaff(app.db, 'COORDINATOR', school.id)).id);
  teacher = await app.as((await makeStaff(app.db, 'TEACHER', school.id)).id);
  windowId = (
    await app
      .caller(coord)
      .visits.createWindow({ orgUnitId: school.id, season: 'WINTER', startsOn: dayFromNow(1), endsOn: dayFromNow(40) })
  ).id;
}, 60_000);
afterAll(async () => {
  await Promise.all(processes.map((p) => p.close()));
  await app.close();
});

describe('the contract’s home-visit flow', () => {
  it('teacher publishes slots, a parent books one, the teacher completes the visit, and it counts as a service', async () => {
    expect(
      await app.caller(teacher).visits.addSlots({
        windowId,
        slots: [
          { startsAt: at(2, '09:00'), endsAt: at(2, '10:00'), mode: 'HOME' },
          { startsAt: at(2, '14:00'), endsAt: at(2, '14:30'), mode: 'PHONE' },
        ],
      }),
    ).toEqual({ created: 2 });
    const fam = await makeFamily(app.db, school.id);
    const parent = await app.as(fam.userId);
    const open = await app.caller(parent).visits.openSlots({ windowId });
    const home = open.find((s) => s.mode === 'HOME' && s.startsAt === new Date(at(2, '09:00')).toISOString())!;
    expect(home).toMatchObject({ teacherName: '测试TEACHER', endsAt: new Date(at(2, '10:00')).toISOString() });
    const { visitId } = await app.caller(parent).visits.book({ slotId: home.slotId });
    expect((await app.caller(parent).visits.openSlots({ windowId })).map((s) => s.slotId)).not.toContain(home.slotId);

    const record = {
      visitId,
      summary: '孩子作息规律，与父母沟通良好。',
      followUp: '两周后电话回访',
      topics: ['ROUTINE' as const, 'COMMUNICATION' as const],
      notes: '母亲提到近期工作压力大。',
      address: '南岗区学府路 1 号',
    };
    // Only what happened counts: two days before the slot, the visit cannot be recorded as done.
    await expect(app.caller(teacher).visits.complete(record)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('家访时段还没有开始'),
    });
    expect(await app.db.visit.findUniqueOrThrow({ where: { id: visitId }, select: { status: true } })).toEqual({
      status: 'BOOKED',
    });
    expect(await app.db.familyServiceYear.count({ where: { familyId: fam.familyId } })).toBe(0);
    expect((await app.caller(parent).visits.mine())[0]).toMatchObject({
      visitId,
      status: 'BOOKED',
      bookedOnBehalfBy: null,
    });

    const begun = await slotHasBegun(app.db, visitId);
    await app.caller(teacher).visits.complete(record);
    const year = serviceYear(begun);
    expect(
      await app.db.familyServiceYear.findUnique({
        where: { familyId_year: { familyId: fam.familyId, year } },
        select: { services: true },
      }),
    ).toEqual({ services: 1 });
    expect((await app.caller(parent).visits.mine())[0]).toMatchObject({ visitId, status: 'COMPLETED', mode: 'HOME' });
    expect(await app.caller(teacher).visits.followUps()).toEqual([
      expect.objectContaining({ action: '两周后电话回访', visitId }),
    ]);
  });

  it('refuses a slot overlapping the teacher’s own, and home visits closer than the travel buffer (409)', async () => {
    await app
      .caller(teacher)
      .visits.addSlots({ windowId, slots: [{ startsAt: at(3, '09:00'), endsAt: at(3, '10:00'), mode: 'HOME' }] });
    await expect(
      app
        .caller(teacher)
        .visits.addSlots({ windowId, slots: [{ startsAt: at(3, '09:30'), endsAt: at(3, '10:30'), mode: 'PHONE' }] }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    // 15 minutes after a home visit: inside the 30-minute buffer.
    await expect(
      app
        .caller(teacher)
        .visits.addSlots({ windowId, slots: [{ startsAt: at(3, '10:15'), endsAt: at(3, '11:00'), mode: 'HOME' }] }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(
      await app
        .caller(teacher)
        .visits.addSlots({ windowId, slots: [{ startsAt: at(3, '10:30'), endsAt: at(3, '11:30'), mode: 'HOME' }] }),
    ).toEqual({ created: 1 });
    // Another teacher may use the same time.
    const other = await app.as((await makeStaff(app.db, 'TEACHER', school.id)).id);
    expect(
      await app
        .caller(other)
        .visits.addSlots({ windowId, slots: [{ startsAt: at(3, '09:00'), endsAt: at(3, '10:00'), mode: 'HOME' }] }),
    ).toEqual({ created: 1 });
  });

  it('bulk publishing: days × ranges × duration, all or nothing', async () => {
    const t = await app.as((await makeStaff(app.db, 'TEACHER', school.id)).id);
    const res = await app.caller(t).visits.addSlotsBulk({
      windowId,
      days: [dayFromNow(5), dayFromNow(6)],
      ranges: [
        { start: '09:00', end: '11:00' },
        { start: '14:00', end: '15:00' },
      ],
      durationMinutes: 30,
      mode: 'PHONE',
    });
    expect(res).toEqual({ created: 12 });
    await expect(
      app.caller(t).visits.addSlotsBulk({
        windowId,
        days: [dayFromNow(6), dayFromNow(7)],
        ranges: [{ start: '10:00', end: '11:00' }],
        durationMinutes: 30,
        mode: 'PHONE',
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await app.db.visitSlot.count({ where: { teacherId: t.id } })).toBe(12);
    // Home visits keep the window's 30-minute travel buffer between generated slots.
    const home = await app.caller(t).visits.addSlotsBulk({
      windowId,
      days: [dayFromNow(15)],
      ranges: [{ start: '09:00', end: '11:30' }],
      durationMinutes: 60,
      mode: 'HOME',
    });
    expect(home).toEqual({ created: 2 });
    const starts = await app.db.visitSlot.findMany({
      where: { teacherId: t.id, mode: 'HOME' },
      orderBy: { startsAt: 'asc' },
      select: { startsAt: true },
    });
    expect(starts.map((x) => x.startsAt.toISOString())).toEqual([
      new Date(at(15, '09:00')).toISOString(),
      new Date(at(15, '10:30')).toISOString(),
    ]);
  });

  it('slots outside the window’s dates are refused', async () => {
    await expect(
      app
        .caller(teacher)
        .visits.addSlots({ windowId, slots: [{ startsAt: at(60, '09:00'), endsAt: at(60, '10:00'), mode: 'PHONE' }] }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: '时段须在家访窗口的日期之内' });
  });

  it('a family holds at most one booked visit per window; cancel frees the slot; reschedule moves it', async () => {
    const t = await app.as((await makeStaff(app.db, 'TEACHER', school.id)).id);
    await app.caller(t).visits.addSlots({
      windowId,
      slots: [1, 2, 3].map((h) => ({
        startsAt: at(8, `1${h}:00`),
        endsAt: at(8, `1${h}:30`),
        mode: 'VIDEO' as const,
      })),
    });
    const slots = await app.db.visitSlot.findMany({
      where: { teacherId: t.id },
      orderBy: { startsAt: 'asc' },
      select: { id: true },
    });
    const fam = await makeFamily(app.db, school.id);
    const parent = await app.as(fam.userId);
    const { visitId } = await app.caller(parent).visits.book({ slotId: slots[0].id });
    await expect(app.caller(parent).visits.book({ slotId: slots[1].id })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: '这次家访您已经约好了一个时间；想换时间请点“改时间”',
    });
    // A reminder 24 hours before the visit is queued (sent only to guardians with quota), and follows a reschedule.
    const reminder = await app.db.notification.findFirstOrThrow({
      where: { dedupeKey: { startsWith: `visit-reminder:${visitId}` } },
      select: { dueAt: true, status: true },
    });
    expect(reminder).toEqual({
      dueAt: new Date(new Date(at(8, '11:00')).getTime() - 24 * 3600_000),
      status: 'PENDING',
    });
    const moved = await app.caller(parent).visits.reschedule({ visitId, slotId: slots[1].id });
    expect(
      (
        await app.db.notification.findFirstOrThrow({
          where: { dedupeKey: { startsWith: `visit-reminder:${visitId}` } },
          select: { status: true },
        })
      ).status,
    ).toBe('CANCELLED');
    expect(
      await app.db.notification.count({
        where: { dedupeKey: { startsWith: `visit-reminder:${moved.visitId}` }, status: 'PENDING' },
      }),
    ).toBe(1);
    const other = await app.as((await makeFamily(app.db, school.id)).userId);
    expect((await app.caller(other).visits.book({ slotId: slots[0].id })).visitId).toBeTruthy();
    await app.caller(parent).visits.cancel({ visitId: moved.visitId });
    expect((await app.caller(parent).visits.book({ slotId: slots[2].id })).visitId).toBeTruthy();
  });

  it('a family of another school cannot see or book the slots', async () => {
    const stranger = await app.as((await makeFamily(app.db, (await makeUnit(app.db)).id)).userId);
    await expect(app.caller(stranger).visits.openSlots({ windowId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const slot = await app.db.visitSlot.findFirstOrThrow({
      where: { windowId, visits: { none: {} } },
      select: { id: true },
    });
    await expect(app.caller(stranger).visits.book({ slotId: slot.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('a family assigned to a teacher cannot book another teacher’s slot', async () => {
    const family = await makeFamily(app.db, school.id);
    const parent = await app.as(family.userId);
    const mine = await teacherWithSlot(app, school.id, windowId, {
      startsAt: at(6, '09:00'),
      endsAt: at(6, '09:30'),
      mode: 'PHONE',
    });
    const other = await teacherWithSlot(app, school.id, windowId, {
      startsAt: at(6, '10:00'),
      endsAt: at(6, '10:30'),
      mode: 'PHONE',
    });
    await app.caller(coord).visits.assign({ windowId, familyId: family.familyId, teacherId: mine.teacher.id });
    await expect(app.caller(parent).visits.book({ slotId: other.slot.id })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: '请选择负责您家家访的老师的时段',
    });
    expect(await app.db.visit.count({ where: { slotId: other.slot.id } })).toBe(0);
    await app.caller(parent).visits.book({ slotId: mine.slot.id });
  });

  it('only the visiting teacher completes a visit', async () => {
    const { slot } = await teacherWithSlot(app, school.id, windowId, {
      startsAt: at(9, '09:00'),
      endsAt: at(9, '10:00'),
      mode: 'PHONE',
    });
    const { visitId } = await app
      .caller(await app.as((await makeFamily(app.db, school.id)).userId))
      .visits.book({ slotId: slot.id });
    await expect(app.caller(teacher).visits.complete({ visitId, summary: '不是我的家访' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});

describe('races and invariants (PostgreSQL, several pools)', () => {
  it('20 families race for one slot: exactly one wins, the others get 409', async () => {
    const { slot } = await teacherWithSlot(app, school.id, windowId, {
      startsAt: at(10, '09:00'),
      endsAt: at(10, '10:00'),
      mode: 'HOME',
    });
    const fams = [];
    for (let i = 0; i < 20; i += 1) fams.push(await makeFamily(app.db, school.id));
    const results = await Promise.allSettled(
      fams.map((f, i) =>
        bookSlot({
          db: processes[i % 4].db,
          cipher: app.deps.cipher,
          actor: { id: f.userId, familyId: f.familyId },
          input: { slotId: slot.id },
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused).toHaveLength(19);
    expect(refused.every((r) => r.reason.code === 'CONFLICT')).toBe(true);
    expect(await app.db.visit.count({ where: { slotId: slot.id, status: { not: 'CANCELLED' } } })).toBe(1);
  }, 60_000);

  it('property: concurrent slot publishing never yields overlapping slots, and a family never holds two visits in a window', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            day: fc.integer({ min: 11, max: 12 }),
            startMin: fc.integer({ min: 0, max: 20 }).map((n) => n * 30),
            len: fc.constantFrom(30, 60, 90),
            mode: fc.constantFrom('HOME', 'PHONE', 'VIDEO'),
          }),
          { minLength: 2, maxLength: 8 },
        ),
        fc.array(fc.integer({ min: 0, max: 7 }), { minLength: 1, maxLength: 8 }),
        async (specs, picks) => {
          const t = await makeStaff(app.db, 'TEACHER', school.id);
          const toSlot = (s: (typeof specs)[number]) => {
            const start = new Date(`${dayFromNow(s.day)}T08:00:00+08:00`).getTime() + s.startMin * 60_000;
            return {
              startsAt: new Date(start),
              endsAt: new Date(start + s.len * 60_000),
              mode: s.mode as 'HOME' | 'PHONE' | 'VIDEO',
            };
          };
          // Each spec published on its own, all at once, through different pools.
          await Promise.allSettled(
            specs.map((s, i) =>
              addSlots({ db: processes[i % 4].db, actor: t, input: { windowId, slots: [toSlot(s)] } }),
            ),
          );
          const saved = await app.db.visitSlot.findMany({
            where: { teacherId: t.id },
            orderBy: { startsAt: 'asc' },
            select: { id: true, startsAt: true, endsAt: true, mode: true },
          });
          for (let i = 0; i < saved.length; i += 1)
            for (let j = i + 1; j < saved.length; j += 1) expect(clash(saved[i], saved[j], 30)).toBe(false);
          // One family tries to book several of them at once.
          const fam = await makeFamily(app.db, school.id);
          await Promise.allSettled(
            picks
              .filter((p) => p < saved.length)
              .map((p, i) =>
                bookSlot({
                  db: processes[i % 4].db,
                  cipher: app.deps.cipher,
                  actor: { id: fam.userId, familyId: fam.familyId },
                  input: { slotId: saved[p].id },
                }),
              ),
          );
          expect(
            await app.db.visit.count({ where: { windowId, familyId: fam.familyId, status: { not: 'CANCELLED' } } }),
          ).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 15 },
    );
  }, 120_000);
});

describe('privacy of visit records', () => {
  it('stores no plaintext notes, summary or address, and audits every read', async () => {
    const { teacher: t, slot } = await teacherWithSlot(app, school.id, windowId, {
      startsAt: at(13, '09:00'),
      endsAt: at(13, '10:00'),
      mode: 'HOME',
    });
    const { visitId } = await app
      .caller(await app.as((await makeFamily(app.db, school.id)).userId))
      .visits.book({ slotId: slot.id });
    const secret = {
      summary: '父母离异后孩子情绪低落',
      notes: '孩子说在学校被同学孤立',
      address: '香坊区幸福街 88 号 3 单元',
    };
    await slotHasBegun(app.db, visitId);
    await app.caller(t).visits.complete({ visitId, ...secret, concerns: ['FAMILY_CHANGE', 'BULLYING'] });

    const raw = await app.db.$queryRaw<Record<string, unknown>[]>`SELECT * FROM "Visit" WHERE id = ${visitId}`;
    const dump = JSON.stringify(raw);
    for (const value of Object.values(secret)) expect(dump).not.toContain(value);
    expect(String(raw[0].notesEnc)).toMatch(/^v1\./);

    const before = await app.db.auditLog.count({ where: { action: 'visit.read', targetId: visitId } });
    const record = await app.caller(t).visits.record({ visitId });
    expect(record).toMatchObject(secret);
    const counselor = await app.as((await makeStaff(app.db, 'COUNSELOR', school.id)).id);
    expect((await app.caller(counselor).visits.record({ visitId })).notes).toBe(secret.notes);
    expect(await app.db.auditLog.count({ where: { action: 'visit.read', targetId: visitId } })).toBe(before + 2);
    // Another teacher of the same school may not read it.
    const colleague = await app.as((await makeStaff(app.db, 'TEACHER', school.id)).id);
    await expect(app.caller(colleague).visits.record({ visitId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('assignment, priority and progress', () => {
  it('assigns classes to their class teacher, lists priority families unvisited first, and counts progress by class and mode', async () => {
    const s = await makeUnit(app.db);
    const c = await app.as((await makeStaff(app.db, 'COORDINATOR', s.id)).id);
    const t = await app.as((await makeStaff(app.db, 'TEACHER', s.id)).id);
    await app
      .caller(c)
      .visits.setClassTeacher({ orgUnitId: s.id, grade: 'G4', className: '四年级（2）班', teacherId: t.id });
    const fams = [await makeFamily(app.db, s.id), await makeFamily(app.db, s.id), await makeFamily(app.db, s.id)];
    await app.db.child.updateMany({
      where: { familyId: { in: fams.map((f) => f.familyId) } },
      data: { className: '四年级（2）班' },
    });
    const w = await app
      .caller(c)
      .visits.createWindow({ orgUnitId: s.id, season: 'SUMMER', startsOn: dayFromNow(1), endsOn: dayFromNow(20) });
    expect(await app.db.visitAssignment.count({ where: { windowId: w.id, teacherId: t.id } })).toBe(3);

    await app.caller(t).visits.flagPriority({ familyId: fams[1].familyId, reason: 'ECONOMIC_HARDSHIP' });
    await app.caller(t).visits.flagPriority({ familyId: fams[2].familyId, reason: 'BULLYING' });
    await app.caller(t).visits.addSlots({
      windowId: w.id,
      slots: [
        { startsAt: at(2, '09:00'), endsAt: at(2, '09:30'), mode: 'PHONE' },
        { startsAt: at(2, '10:00'), endsAt: at(2, '10:30'), mode: 'PHONE' },
      ],
    });
    const slots = await app.db.visitSlot.findMany({
      where: { windowId: w.id },
      orderBy: { startsAt: 'asc' },
      select: { id: true },
    });
    const v1 = await app.caller(t).visits.bookForFamily({ slotId: slots[0].id, familyId: fams[2].familyId });
    await slotHasBegun(app.db, v1.visitId);
    await app.caller(t).visits.complete({ visitId: v1.visitId, summary: '已电话沟通' });
    await app.caller(t).visits.bookForFamily({ slotId: slots[1].id, familyId: fams[0].familyId });
    // 代办: the household sees who booked it for them.
    const teacherName = (await app.db.user.findUniqueOrThrow({ where: { id: t.id }, select: { displayName: true } }))
      .displayName;
    expect(await app.caller(await app.as(fams[0].userId)).visits.mine()).toEqual([
      expect.objectContaining({ status: 'BOOKED', bookedOnBehalfBy: teacherName }),
    ]);

    // The coordinator picks teachers from the school's staff and sees every family; the teacher sees their own.
    expect((await app.caller(c).visits.schoolStaff({ orgUnitId: s.id })).map((x) => x.userId)).toEqual([t.id]);
    const all = await app.caller(c).visits.families({ windowId: w.id });
    expect(all).toHaveLength(3);
    expect(all.find((f) => f.familyId === fams[1].familyId)).toMatchObject({
      teacherId: t.id,
      priorityReasons: ['ECONOMIC_HARDSHIP'],
      visitStatus: 'NOT_BOOKED',
    });
    expect(all.find((f) => f.familyId === fams[2].familyId)).toMatchObject({
      visitStatus: 'COMPLETED',
      children: [expect.objectContaining({ grade: 'G4', className: '四年级（2）班' })],
    });
    const other = await app.as((await makeStaff(app.db, 'TEACHER', s.id)).id);
    expect(await app.caller(other).visits.families({ windowId: w.id })).toEqual([]);
    expect(await app.caller(t).visits.families({ windowId: w.id })).toHaveLength(3);

    const p = await app.caller(c).visits.progress({ windowId: w.id });
    expect(p.classes).toEqual([
      { grade: 'G4', className: '四年级（2）班', families: 3, booked: 1, visited: 1, home: 0, phone: 1, video: 0 },
    ]);
    expect(p.priority.map((x) => [x.familyId, x.status])).toEqual([
      [fams[1].familyId, 'NOT_BOOKED'],
      [fams[2].familyId, 'COMPLETED'],
    ]);
  });
});

describe('over HTTP', () => {
  it('a taken slot answers 409 with a Chinese message', async () => {
    const http = await listen(app);
    try {
      const { slot } = await teacherWithSlot(app, school.id, windowId, {
        startsAt: at(14, '09:00'),
        endsAt: at(14, '10:00'),
        mode: 'PHONE',
      });
      const a = await makeFamily(app.db, school.id);
      const b = await makeFamily(app.db, school.id);
      expect(
        (
          await callHttp(http.url, 'visits.book', {
            method: 'POST',
            token: await app.tokenFor(a.userId),
            input: { slotId: slot.id },
          })
        ).status,
      ).toBe(200);
      const taken = await callHttp(http.url, 'visits.book', {
        method: 'POST',
        token: await app.tokenFor(b.userId),
        input: { slotId: slot.id },
      });
      expect(taken.status).toBe(409);
      expect(taken.json.error.message).toBe('该时段已被其他家庭预约，请选择其他时段');
      const bad = await callHttp(http.url, 'visits.createWindow', {
        method: 'POST',
        token: await app.tokenFor(coord.id),
        input: { orgUnitId: school.id, season: 'SPRING', startsOn: '2027-01-20', endsOn: '2027-01-10' },
      });
      expect(bad.status).toBe(400);
      expect(bad.json.error.message).toMatch(/家访类型/);
    } finally {
      await http.close();
    }
  });
});
