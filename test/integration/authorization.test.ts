/**
 * Generated from the router itself: every procedure must declare an access rule; every non-public one
 * refuses an anonymous caller (401); parent-only ones refuse a user without a family (403); staff ones
 * refuse every other role (403), and a role held on another unit (403), while allowing their own unit.
 * A new scoped procedure fails this test until it gets a sample input below.
 */
import { randomUUID } from 'node:crypto';
import { appRouter } from '../../server/routers/root';
import { seedDemoChecklists } from '../../prisma/seed/demo-checklists';
import type { Access } from '../../server/trpc/procedures';
import { ROLES, type Role } from '../../server/shared/enums';
import { createSession } from '../../server/services/sessions/create-session';
import { createTestApp, listen, callHttp, type TestApp } from '../helpers/test-app';
import { inHours, makeFamily, makeStaff, makeUnit, makeWechatUser } from '../helpers/factories';
import { chinaDayAfter } from '../../server/shared/china-time';

type ProcedureDef = { _def: { type: 'query' | 'mutation'; meta?: { access?: Access; summary?: string } } };
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, ProcedureDef>);

let app: TestApp;
let http: { url: string; close(): Promise<void> };
beforeAll(async () => {
  app = await createTestApp();
  http = await listen(app);
});
afterAll(async () => {
  await http.close();
  await app.close();
});

const sessionInput = (orgUnitId: string) => ({
  orgUnitId,
  kind: 'GUIDANCE',
  title: '权限测试活动',
  startsAt: inHours(30),
  endsAt: inHours(31),
  capacity: 5,
  mode: 'ONLINE',
});

async function sessionIn(unitId: string) {
  const owner = await makeStaff(app.db, 'COORDINATOR', unitId);
  const unit = await app.db.orgUnit.findUniqueOrThrow({ where: { id: unitId }, select: { id: true, kind: true } });
  const input = { ...sessionInput(unitId), kind: 'GUIDANCE' as const, mode: 'ONLINE' as const, startsAt: new Date(inHours(30)), endsAt: new Date(inHours(31)) };
  return (await createSession({ db: app.db, actor: owner, unit, input })).id;
}

async function lessonIn(unitId: string) {
  const owner = await makeStaff(app.db, 'COORDINATOR', unitId);
  return (
    await app.db.lesson.create({
      data: { orgUnitId: unitId, title: '权限测试课程', topic: 'EMOTION', stages: ['PRIMARY'], format: 'ARTICLE', body: '正文', createdById: owner.id },
      select: { id: true },
    })
  ).id;
}

async function windowIn(unitId: string) {
  const owner = await makeStaff(app.db, 'COORDINATOR', unitId);
  const day = (d: number) => chinaDayAfter(new Date(), d);
  return (await app.db.visitWindow.create({ data: { orgUnitId: unitId, season: 'WINTER', title: '权限测试家访', startsOn: new Date(`${day(0)}T00:00:00Z`), endsOn: new Date(`${day(30)}T00:00:00Z`), createdById: owner.id }, select: { id: true } })).id;
}

async function slotIn(unitId: string, teacherId: string) {
  const windowId = await windowIn(unitId);
  const startsAt = new Date(Date.now() + 2 * 86_400_000 + Math.floor(Math.random() * 1000) * 3600_000 / 100);
  return app.db.visitSlot.create({ data: { windowId, teacherId, startsAt, endsAt: new Date(startsAt.getTime() + 1800_000), mode: 'PHONE' }, select: { id: true, windowId: true } });
}

async function visitIn(unitId: string, teacherId: string) {
  const slot = await slotIn(unitId, teacherId);
  const fam = await makeFamily(app.db, unitId);
  return (await app.db.visit.create({ data: { windowId: slot.windowId, slotId: slot.id, familyId: fam.familyId, teacherId, mode: 'PHONE', bookedById: fam.userId }, select: { id: true } })).id;
}

async function referralIn(unitId: string) {
  await seedDemoChecklists(app.db);
  const { familyId, userId } = await makeFamily(app.db, unitId);
  const child = await app.db.child.findFirstOrThrow({ where: { familyId }, select: { id: true, grade: true } });
  const checklist = await app.db.checklist.findFirstOrThrow({ where: { code: 'crisis-signs', published: true }, select: { id: true } });
  const responseId = randomUUID();
  const answersEnc = app.deps.cipher.encryptJson({ answers: {} }, `ChecklistResponse:${responseId}`);
  const day = new Date(Date.now() + 86_400_000);
  await app.db.checklistResponse.create({
    data: { id: responseId, checklistId: checklist.id, childId: child.id, familyId, submittedById: userId, tier: 'URGENT', answersEnc, sharedWithSchool: true, deleteAfter: day },
  });
  return (await app.db.referral.create({ data: { responseId, schoolId: unitId, childGrade: child.grade, tier: 'URGENT', ackDeadline: day }, select: { id: true } })).id;
}

const checklistDraft = () => ({ code: `authz-${randomUUID().slice(0, 8)}`, title: '权限测试清单', stage: 'ANY', intro: '权限测试', items: [{ id: 'a1', text: '权限测试题目' }], scoring: {} });

const teacherAt = async (unitId: string) => (await makeStaff(app.db, 'TEACHER', unitId)).id;

/** A valid input acting on the given school (as `actorId`), for every staff procedure with an org-unit scope. */
const samples: Record<string, (unitId: string, actorId: string) => Promise<unknown>> = {
  'invites.list': async (u) => ({ orgUnitId: u }),
  'invites.createClass': async (u) => ({ orgUnitId: u, grade: 'G1', className: '一年级（1）班' }),
  'sessions.create': async (u) => sessionInput(u),
  'sessions.createCourse': async (u) => ({ ...sessionInput(u), kind: 'LESSON', firstStartsAt: inHours(30), durationMinutes: 60, weeks: 2 }),
  'sessions.update': async (u) => ({ sessionId: await sessionIn(u), title: '改过的标题' }),
  'sessions.publish': async (u) => ({ sessionId: await sessionIn(u) }),
  'sessions.cancel': async (u) => ({ sessionId: await sessionIn(u) }),
  'sessions.checkInCode': async (u) => ({ sessionId: await sessionIn(u) }),
  'sessions.roster': async (u) => ({ sessionId: await sessionIn(u) }),
  'sessions.markAttendance': async (u) => ({ sessionId: await sessionIn(u), familyId: (await makeFamily(app.db, u)).familyId, present: true }),
  'lessons.create': async (u) => ({ orgUnitId: u, title: '权限测试课程', topic: 'EMOTION', stages: ['PRIMARY'], format: 'ARTICLE', body: '一段正文。' }),
  'lessons.update': async (u) => ({ lessonId: await lessonIn(u), title: '改过的课程' }),
  'lessons.publish': async (u) => ({ lessonId: await lessonIn(u) }),
  'lessons.unpublish': async (u) => ({ lessonId: await lessonIn(u) }),
  'lessons.stats': async (u) => ({ orgUnitId: u }),
  'visits.createWindow': async (u) => ({ orgUnitId: u, season: 'WINTER', startsOn: '2027-01-15', endsOn: '2027-02-20' }),
  'visits.windows': async (u) => ({ orgUnitId: u }),
  'visits.setClassTeacher': async (u) => ({ orgUnitId: u, grade: 'G3', className: '三年级（1）班', teacherId: await teacherAt(u) }),
  'visits.assign': async (u) => ({ windowId: await windowIn(u), familyId: (await makeFamily(app.db, u)).familyId, teacherId: await teacherAt(u) }),
  'visits.addSlots': async (u) => ({ windowId: await windowIn(u), slots: [{ startsAt: new Date(Date.now() + 3 * 86_400_000).toISOString(), endsAt: new Date(Date.now() + 3 * 86_400_000 + 1800_000).toISOString(), mode: 'PHONE' }] }),
  'visits.addSlotsBulk': async (u) => ({ windowId: await windowIn(u), days: [chinaDayAfter(new Date(), 4)], ranges: [{ start: '09:00', end: '10:00' }], durationMinutes: 30, mode: 'PHONE' }),
  'visits.bookForFamily': async (u, actor) => ({ slotId: (await slotIn(u, actor)).id, familyId: (await makeFamily(app.db, u)).familyId }),
  'visits.cancelByTeacher': async (u, actor) => ({ visitId: await visitIn(u, actor) }),
  'visits.complete': async (u, actor) => ({ visitId: await visitIn(u, actor), summary: '权限测试' }),
  'visits.record': async (u, actor) => ({ visitId: await visitIn(u, actor) }),
  'visits.calendar': async (u) => ({ windowId: await windowIn(u) }),
  'visits.flagPriority': async (u) => ({ familyId: (await makeFamily(app.db, u)).familyId, reason: 'BULLYING' }),
  'visits.progress': async (u) => ({ windowId: await windowIn(u) }),
  'visits.schoolStaff': async (u) => ({ orgUnitId: u }),
  'visits.families': async (u) => ({ windowId: await windowIn(u) }),
  'reports.coverage': async (u) => ({ orgUnitId: u, year: 2026 }),
  'reports.coverageXlsx': async (u) => ({ orgUnitId: u, year: 2026 }),
  'reports.coverageCsv': async (u) => ({ orgUnitId: u, year: 2026 }),
  'reports.dashboard': async (u) => ({ orgUnitId: u, year: 2026 }),
  'reports.unservedFamilies': async (u) => ({ orgUnitId: u, year: 2026 }),
  'reports.remindUnserved': async (u) => ({ orgUnitId: u, year: 2026 }),
  'checklists.adminList': async () => ({}),
  'checklists.saveDraft': async () => checklistDraft(),
  'checklists.publish': async () => ({ checklistId: (await app.db.checklist.create({ data: { ...checklistDraft(), version: 1 }, select: { id: true } })).id }),
  'referrals.get': async (u) => ({ referralId: await referralIn(u) }),
  'referrals.acknowledge': async (u) => ({ referralId: await referralIn(u) }),
  'referrals.addAction': async (u) => ({ referralId: await referralIn(u), action: 'NOTE', note: '权限测试' }),
  'referrals.stats': async (u) => ({ orgUnitId: u, year: 2026 }),
};

function call(path: string, def: ProcedureDef, token: string | undefined, input: unknown) {
  return callHttp(http.url, path, { method: def._def.type === 'query' ? 'GET' : 'POST', token, input });
}

/** Region-level roles are granted on the province; school roles on the school itself. */
const grantUnit = (role: Role, schoolId: string) => (role === 'FEDERATION' || role === 'COMMITTEE' || role === 'ADMIN' ? '230000' : schoolId);

it('every procedure declares an access rule', () => {
  expect(procedures.length).toBeGreaterThan(20);
  expect(procedures.filter(([, p]) => !p._def.meta?.access).map(([path]) => path)).toEqual([]);
});

it('every procedure says in Chinese what it does (meta.summary)', () => {
  const missing = procedures.filter(([, p]) => !/[\u4e00-\u9fff]/.test(p._def.meta?.summary ?? '')).map(([path]) => path);
  expect(missing).toEqual([]);
});

it('every scoped staff procedure has a sample input here', () => {
  const scoped = procedures.filter(([, p]) => p._def.meta?.access?.kind === 'staff' && (p._def.meta.access as { scope?: unknown }).scope).map(([path]) => path);
  expect(scoped.filter((path) => !samples[path])).toEqual([]);
});

describe.each(procedures.filter(([, p]) => p._def.meta?.access?.kind !== 'public'))('%s', (path, def) => {
  const rule = def._def.meta!.access!;
  const sample = async (unitId: string, actorId: string) => (samples[path] ? samples[path](unitId, actorId) : { orgUnitId: unitId });

  it('refuses an anonymous caller with 401', async () => {
    const unit = (await makeUnit(app.db)).id;
    const res = await call(path, def, undefined, await sample(unit, await teacherAt(unit)));
    expect(res.status).toBe(401);
    expect(res.json.error.message).toBe('请先登录');
  });

  if (rule.kind === 'parent') {
    it('refuses a signed-in user without a family with 403', async () => {
      const user = await makeWechatUser(app.db);
      const res = await call(path, def, await app.tokenFor(user.id), {});
      expect(res.status).toBe(403);
    });
  }

  if (rule.kind === 'staff') {
    const wrongRoles = ROLES.filter((r) => !rule.roles.includes(r));

    it('refuses a parent (no staff role) with 403', async () => {
      const school = await makeUnit(app.db);
      const parent = await makeFamily(app.db, school.id);
      const res = await call(path, def, await app.tokenFor(parent.userId), await sample(school.id, parent.userId));
      expect(res.status).toBe(403);
    });

    if (wrongRoles.length > 0) {
      it(`refuses the roles ${wrongRoles.join(', ')} with 403`, async () => {
        for (const role of wrongRoles) {
          const school = await makeUnit(app.db);
          const staff = await makeStaff(app.db, role, grantUnit(role, school.id));
          const res = await call(path, def, await app.tokenFor(staff.id), await sample(school.id, staff.id));
          expect([path, role, res.status]).toEqual([path, role, 403]);
        }
      });
    }

    const regionalRoles = rule.roles.filter((r) => r !== 'ADMIN');
    if (rule.scope && regionalRoles.length > 0) {
      it.each(regionalRoles)('refuses %s acting on a unit outside its scope with 403, and allows its own', async (role) => {
        const own = await makeUnit(app.db, { countyId: '230103' });
        const foreign = await makeUnit(app.db, { countyId: '230202' });
        const staff = await makeStaff(app.db, role, own.id);
        const token = await app.tokenFor(staff.id);
        const refused = await call(path, def, token, await sample(foreign.id, staff.id));
        expect([path, refused.status]).toEqual([path, 403]);
        expect(refused.json.error.message).toBe('超出您的管辖范围');
        const allowed = await call(path, def, token, await sample(own.id, staff.id));
        expect([path, allowed.status, allowed.json.error?.message]).toEqual([path, 200, undefined]);
      });
    }

    if (rule.scope) {
      if (rule.roles.includes('ADMIN')) {
        it('allows a provincial admin anywhere in the province, and refuses a city admin elsewhere', async () => {
          const school = await makeUnit(app.db, { countyId: '230202' });
          const provincial = await makeStaff(app.db, 'ADMIN', '230000');
          const harbin = await makeStaff(app.db, 'ADMIN', '230100');
          expect((await call(path, def, await app.tokenFor(provincial.id), await sample(school.id, provincial.id))).status).toBe(200);
          expect((await call(path, def, await app.tokenFor(harbin.id), await sample(school.id, harbin.id))).status).toBe(403);
        });
      }
    }
  }
});
