/**
 * Generated from the router itself: every procedure must declare an access rule; every non-public one
 * refuses an anonymous caller (401); parent-only ones refuse a user without a family (403); staff ones
 * refuse every other role (403), and a role held on another unit (403), while allowing their own unit.
 * A new scoped procedure fails this test until it gets a sample input below.
 */
import { appRouter } from '../../server/routers/root';
import type { Access } from '../../server/trpc/procedures';
import { ROLES, type Role } from '../../server/shared/enums';
import { createTestApp, listen, callHttp, type TestApp } from '../helpers/test-app';
import { xlsxBase64 } from '../helpers/xlsx';
import type { InputOf, ProcedurePath } from '../helpers/router-types';
import {
  OTHER_TEST_CITY_ID,
  PROVINCE_ID,
  TEST_CITY_ID,
  checklistDraft,
  dayFromNow,
  inHours,
  lessonInput,
  makeCounty,
  makeFamily,
  makeInvite,
  makeLesson,
  makeReferral,
  makeRosterFamily,
  makeSession,
  makeStaff,
  makeUnit,
  makeVisit,
  slotHasBegun,
  makeWechatUser,
  makeWindow,
  makeWindowWithSlot,
  sessionInput,
  type Unit,
  uid,
} from '../helpers/builders';

type ProcedureDef = { _def: { type: 'query' | 'mutation'; meta?: { access?: Access; summary?: string } } };
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, ProcedureDef>);

let app: TestApp;
let http: { url: string; close(): Promise<void> };
/** Two counties in different cities: a regional role held in the first must not reach the second. */
let ownCounty: Unit;
let foreignCounty: Unit;
beforeAll(async () => {
  app = await createTestApp();
  http = await listen(app);
  ownCounty = await makeCounty(app.db, { cityId: TEST_CITY_ID });
  foreignCounty = await makeCounty(app.db, { cityId: OTHER_TEST_CITY_ID });
});
afterAll(async () => {
  await http.close();
  await app.close();
});

const authzSession = (orgUnitId: string) =>
  sessionInput(orgUnitId, { title: '权限测试活动', startsAt: inHours(30), endsAt: inHours(31) });
const sessionIn = async (unitId: string) => (await makeSession(app, authzSession(unitId))).id;
/** A session on now: attendance is taken from an hour before the start. */
const liveSessionIn = async (unitId: string) =>
  (await makeSession(app, sessionInput(unitId, { title: '权限测试活动', startsAt: inHours(0.5), endsAt: inHours(2) })))
    .id;
const joinedFamilyAt = async (unitId: string) => (await makeFamily(app.db, unitId)).familyId;
const lessonIn = async (unitId: string) => (await makeLesson(app.db, unitId)).id;
const windowIn = async (unitId: string) => (await makeWindow(app.db, unitId)).id;
const referralIn = async (unitId: string) => (await makeReferral(app, unitId)).referralId;
const teacherAt = async (unitId: string) => (await makeStaff(app.db, 'TEACHER', unitId)).id;

type Sample<P extends ProcedurePath> = (unitId: string, actorId: string) => Promise<InputOf<P>>;

/** A valid input acting on the given school (as `actorId`), for every staff procedure with an org-unit scope. */
const samples: { [P in ProcedurePath]?: Sample<P> } = {
  'invites.list': async (u) => ({ orgUnitId: u }),
  'invites.createClass': async (u) => ({ orgUnitId: u, grade: 'G1', className: '一年级（1）班' }),
  'invites.rotate': async (u) => ({
    code: await makeInvite(app.db, u, { kind: 'CLASS', grade: 'G1', className: '一年级（2）班' }),
  }),
  'invites.setDisabled': async (u) => ({ code: await makeInvite(app.db, u), disabled: true }),
  'sessions.create': async (u) => authzSession(u),
  'sessions.createCourse': async (u) => ({
    ...authzSession(u),
    kind: 'LESSON',
    firstStartsAt: inHours(30),
    durationMinutes: 60,
    weeks: 2,
  }),
  'sessions.update': async (u) => ({ sessionId: await sessionIn(u), title: '改过的标题' }),
  'sessions.publish': async (u) => ({ sessionId: await sessionIn(u) }),
  'sessions.copy': async (u) => ({ sessionId: await sessionIn(u), startsAt: inHours(60), endsAt: inHours(61) }),
  'sessions.cancel': async (u) => ({ sessionId: await sessionIn(u) }),
  'sessions.checkInCode': async (u) => ({ sessionId: await sessionIn(u) }),
  'sessions.roster': async (u) => ({ sessionId: await sessionIn(u) }),
  'sessions.signInSheet': async (u) => ({ sessionId: await sessionIn(u) }),
  'sessions.walkInCandidates': async (u) => ({ sessionId: await sessionIn(u), q: '孩子' }),
  'sessions.markAttendance': async (u) => ({
    sessionId: await liveSessionIn(u),
    familyId: (await makeFamily(app.db, u)).familyId,
    present: true,
  }),
  'sessions.registerFamily': async (u) => ({
    sessionId: await liveSessionIn(u),
    familyId: (await makeFamily(app.db, u)).familyId,
  }),
  'lessons.create': async (u) => lessonInput(u, { title: '权限测试课程', body: '一段正文。' }),
  'lessons.update': async (u) => ({ lessonId: await lessonIn(u), title: '改过的课程' }),
  'lessons.publish': async (u) => ({ lessonId: await lessonIn(u) }),
  'lessons.unpublish': async (u) => ({ lessonId: await lessonIn(u) }),
  'lessons.stats': async (u) => ({ orgUnitId: u }),
  'lessons.classStats': async (u) => ({ orgUnitId: u, lessonId: (await makeLesson(app.db, u)).id }),
  'visits.createWindow': async (u) => ({
    orgUnitId: u,
    season: 'WINTER',
    startsOn: '2027-01-15',
    endsOn: '2027-02-20',
  }),
  'visits.windows': async (u) => ({ orgUnitId: u }),
  'visits.setClassTeacher': async (u) => ({
    orgUnitId: u,
    grade: 'G3',
    className: '三年级（1）班',
    teacherId: await teacherAt(u),
  }),
  'visits.assign': async (u) => ({
    windowId: await windowIn(u),
    familyId: (await makeFamily(app.db, u)).familyId,
    teacherId: await teacherAt(u),
  }),
  'visits.assignBulk': async (u) => ({
    windowId: await windowIn(u),
    teacherId: await teacherAt(u),
    familyIds: [(await makeFamily(app.db, u)).familyId, (await makeFamily(app.db, u)).familyId],
  }),
  'visits.addSlots': async (u) => ({
    windowId: await windowIn(u),
    slots: [
      {
        startsAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
        endsAt: new Date(Date.now() + 3 * 86_400_000 + 1800_000).toISOString(),
        mode: 'PHONE',
      },
    ],
  }),
  'visits.addSlotsBulk': async (u) => ({
    windowId: await windowIn(u),
    days: [dayFromNow(4)],
    ranges: [{ start: '09:00', end: '10:00' }],
    durationMinutes: 30,
    mode: 'PHONE',
  }),
  'visits.bookForFamily': async (u, actor) => ({
    slotId: (await makeWindowWithSlot(app.db, u, actor)).id,
    familyId: (await makeFamily(app.db, u)).familyId,
  }),
  'visits.cancelByTeacher': async (u, actor) => ({
    visitId: (await makeVisit(app.db, { orgUnitId: u, teacherId: actor })).id,
  }),
  'families.setGroups': async (u) => ({ familyId: (await makeFamily(app.db, u)).familyId, groups: ['LEFT_BEHIND'] }),
  'visits.due': async (u) => ({ orgUnitId: u }),
  'families.caregivers': async (u) => ({ orgUnitId: u }),
  'families.confirmLegalGuardian': async (u) => ({
    guardianId: (
      await app.db.guardian.findFirstOrThrow({
        where: { familyId: (await makeFamily(app.db, u)).familyId },
        select: { id: true },
      })
    ).id,
  }),
  'visits.complete': async (u, actor) => {
    const visitId = (await makeVisit(app.db, { orgUnitId: u, teacherId: actor })).id;
    await slotHasBegun(app.db, visitId);
    return { visitId, summary: '权限测试' };
  },
  'visits.recordOutcome': async (u, actor) => {
    const visitId = (await makeVisit(app.db, { orgUnitId: u, teacherId: actor })).id;
    await slotHasBegun(app.db, visitId);
    return { visitId, outcome: 'NO_SHOW' };
  },
  // A record the actor completed an hour ago (within the time to correct it).
  'visits.editRecord': async (u, actor) => {
    const visitId = (await makeVisit(app.db, { orgUnitId: u, teacherId: actor })).id;
    await slotHasBegun(app.db, visitId, 120);
    await app.db.visit.update({
      where: { id: visitId },
      data: { status: 'COMPLETED', completedAt: new Date(Date.now() - 3600_000) },
    });
    return { visitId, summary: '权限测试：改过的小结' };
  },
  'visits.record': async (u, actor) => ({ visitId: (await makeVisit(app.db, { orgUnitId: u, teacherId: actor })).id }),
  'visits.revealContact': async (u, actor) => ({
    visitId: (await makeVisit(app.db, { orgUnitId: u, teacherId: actor })).id,
  }),
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
  'reports.compliance': async (u) => ({ orgUnitId: u, year: 2026 }),
  'reports.signOffStatus': async (u) => ({ orgUnitId: u, year: 2025 }),
  'reports.monthly': async (u) => ({ orgUnitId: u }),
  'reports.knowledge': async (u) => ({ orgUnitId: u, year: 2026 }),
  // The province's setting; the unit is not part of the input. An empty list: nothing another test's help card shows.
  'help.setCityLines': async () => ({ cityId: OTHER_TEST_CITY_ID, lines: [] }),
  'visits.carePlan': async (u, actor) => ({ familyId: await specialFamilyAt(u, actor) }),
  'visits.addCareNote': async (u, actor) => ({ familyId: await specialFamilyAt(u, actor), text: '权限测试记录' }),
  // Signed by a county (the school's), each allowed call a finished year of its own.
  'reports.signOff': async (u) => {
    const county = await countyOf(u);
    const n = (signYears.get(county) ?? 0) + 1;
    signYears.set(county, n);
    return { orgUnitId: county, year: 2020 + (n % 5) + 1 };
  },
  // Targets hold for the province (the unit is not part of the input); each call a day of its own.
  'reports.setTarget': async () => ({
    key: 'PARTICIPATION_RATE',
    value: 0.8,
    effectiveFrom: `${2040 + (targetDays += 1)}-01-01`,
    basis: '权限测试',
  }),
  'reports.ledgerXlsx': async (u) => ({ orgUnitId: u, semester: '2026-09' }),
  'checklists.adminList': async () => ({}),
  'checklists.saveDraft': async () => checklistDraft(),
  'checklists.publish': async () => ({
    checklistId: (await app.db.checklist.create({ data: { ...checklistDraft(), version: 1 }, select: { id: true } }))
      .id,
  }),
  'referrals.get': async (u) => ({ referralId: await referralIn(u) }),
  'referrals.acknowledge': async (u) => ({ referralId: await referralIn(u) }),
  'referrals.addAction': async (u) => ({ referralId: await referralIn(u), action: 'NOTE', note: '权限测试' }),
  'referrals.stats': async (u) => ({ orgUnitId: u, year: 2026 }),
  'referrals.revealContact': async (u) => ({ referralId: await referralIn(u) }),
  // A school's county is where a new school goes (nothing goes under a school).
  'orgUnits.create': async (u) => ({
    parentId: (await app.db.orgUnit.findUniqueOrThrow({ where: { id: u }, select: { parentId: true } })).parentId!,
    kind: 'SCHOOL',
    name: '权限测试新学校',
  }),
  'staff.create': async (u) => ({
    username: `authz.${uid()}`,
    displayName: '权限测试教师',
    password: 'initial-pass-1',
    role: 'TEACHER',
    orgUnitId: u,
  }),
  'staff.disable': async (u) => ({ userId: await teacherAt(u) }),
  'orgUnits.importXlsx': async (u) => ({
    parentId: (await app.db.orgUnit.findUniqueOrThrow({ where: { id: u }, select: { parentId: true } })).parentId!,
    fileBase64: await xlsxBase64([
      ['名称', '类型', '代码'],
      [`权限测试站点${uid()}`, '家庭教育指导服务站点', null],
    ]),
  }),
  'orgUnits.imports': async (u) => ({ orgUnitId: u }),
  'orgUnits.update': async (u) => ({ orgUnitId: u, name: '权限测试改名的学校' }),
  // To where it already is: allowed, and nothing moves.
  'orgUnits.move': async (u) => ({
    orgUnitId: u,
    parentId: (await app.db.orgUnit.findUniqueOrThrow({ where: { id: u }, select: { parentId: true } })).parentId!,
  }),
  'orgUnits.close': async (u) => ({ orgUnitId: u }),
  'staff.grantRole': async (u) => ({ userId: await teacherAt(u), role: 'COUNSELOR', orgUnitId: u }),
  'staff.revokeRole': async (u) => ({ userId: await teacherAt(u), role: 'TEACHER', orgUnitId: u }),
  'staff.importXlsx': async (u) => ({
    orgUnitId: u,
    fileBase64: await xlsxBase64([
      ['姓名', '用户名', '角色'],
      ['权限测试教师', `authz.${uid()}`, '教师'],
    ]),
  }),
  'rosters.importXlsx': async (u) => ({
    schoolId: u,
    fileBase64: await xlsxBase64([
      ['年级', '班级', '学生姓名'],
      ['三年级', '1班', `权限测试${uid().slice(0, 4)}`],
    ]),
  }),
  'staff.resetPassword': async (u) => ({ userId: await teacherAt(u) }),
  'staff.list': async (u) => ({ orgUnitId: u }),
  'rosters.classes': async (u) => ({ schoolId: u }),
  'rosters.students': async (u) => ({ schoolId: u, grade: 'G3', className: '三年级（1）班' }),
  'rosters.closeStudent': async (u) => ({
    childId: (await makeRosterFamily(app.db, u)).childId,
    reason: 'TRANSFERRED',
  }),
  'rosters.pending': async (u) => ({ schoolId: u }),
  'rosters.matchFamily': async (u) => ({
    familyId: await joinedFamilyAt(u),
    intoFamilyId: (await makeRosterFamily(app.db, u)).familyId,
  }),
  'rosters.confirmNotOnRoster': async (u) => ({ familyId: await joinedFamilyAt(u) }),
  'rosters.corrections': async (u) => ({ schoolId: u }),
  'rosters.closeCorrection': async (u, actor) => {
    const { childId } = await makeRosterFamily(app.db, u);
    const request = await app.db.childCorrection.create({
      data: { childId, schoolId: u, requestedById: actor, name: '权限测试' },
      select: { id: true },
    });
    return { correctionId: request.id, outcome: 'DONE' };
  },
  'sessions.importAttendance': async (u) => {
    const { childName } = await makeRosterFamily(app.db, u);
    return {
      sessionId: await liveSessionIn(u),
      fileBase64: await xlsxBase64([
        ['年级', '班级', '学生姓名'],
        ['三年级', '1班', childName],
      ]),
    };
  },
};
/** The sample for a path read from the router (a plain string). */
const sampleAt = (path: string) => (samples as Record<string, Sample<ProcedurePath> | undefined>)[path];

function call(path: string, def: ProcedureDef, token: string | undefined, input: unknown) {
  return callHttp(http.url, path, { method: def._def.type === 'query' ? 'GET' : 'POST', token, input });
}

/** Region-level roles are granted on the province; school roles on the school itself. */
const grantUnit = (role: Role, schoolId: string) =>
  role === 'FEDERATION' || role === 'COMMITTEE' || role === 'ADMIN' ? PROVINCE_ID : schoolId;

it('every procedure declares an access rule', () => {
  expect(procedures.length).toBeGreaterThan(20);
  expect(procedures.filter(([, p]) => !p._def.meta?.access).map(([path]) => path)).toEqual([]);
});

it('every procedure says in Chinese what it does (meta.summary)', () => {
  const missing = procedures
    .filter(([, p]) => !/[\u4e00-\u9fff]/.test(p._def.meta?.summary ?? ''))
    .map(([path]) => path);
  expect(missing).toEqual([]);
});

let targetDays = 0;
/** Per county, how many sign-off samples it had: each a finished year not yet signed. */
const signYears = new Map<string, number>();
const countyOf = async (u: string) =>
  (await app.db.orgUnit.findUniqueOrThrow({ where: { id: u }, select: { parentId: true } })).parentId!;
/** A special-group household at the school whose child's class teacher is `actorId` (一生一策). */
async function specialFamilyAt(unitId: string, actorId: string) {
  const className = `权限${uid().slice(0, 6)}班`;
  const { familyId } = await makeFamily(app.db, unitId);
  await app.db.family.update({ where: { id: familyId }, data: { specialGroups: ['LEFT_BEHIND'] } });
  await app.db.child.updateMany({ where: { familyId }, data: { className } });
  await app.db.classTeacher.create({ data: { orgUnitId: unitId, grade: 'G4', className, teacherId: actorId } });
  return familyId;
}
/** Procedures about a region's own figures: a regional role is granted on the school's county for them. */
const REGION_LEVEL = new Set(['reports.signOff']);

it('every scoped staff procedure has a sample input here', () => {
  const scoped = procedures
    .filter(([, p]) => p._def.meta?.access?.kind === 'staff' && (p._def.meta.access as { scope?: unknown }).scope)
    .map(([path]) => path);
  expect(scoped.filter((path) => !sampleAt(path))).toEqual([]);
});

describe.each(procedures.filter(([, p]) => p._def.meta?.access?.kind !== 'public'))('%s', (path, def) => {
  const rule = def._def.meta!.access!;
  const sample = async (unitId: string, actorId: string) => sampleAt(path)?.(unitId, actorId) ?? { orgUnitId: unitId };

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
      it.each(regionalRoles)(
        'refuses %s acting on a unit outside its scope with 403, and allows its own',
        async (role) => {
          const own = await makeUnit(app.db, { countyId: ownCounty.id });
          const foreign = await makeUnit(app.db, { countyId: foreignCounty.id });
          const staff = await makeStaff(app.db, role, REGION_LEVEL.has(path) ? ownCounty.id : own.id);
          const token = await app.tokenFor(staff.id);
          const refused = await call(path, def, token, await sample(foreign.id, staff.id));
          expect([path, refused.status]).toEqual([path, 403]);
          expect(refused.json.error.message).toBe('超出您的管辖范围');
          const allowed = await call(path, def, token, await sample(own.id, staff.id));
          expect([path, allowed.status, allowed.json.error?.message]).toEqual([path, 200, undefined]);
        },
      );
    }

    if (rule.scope) {
      if (rule.roles.includes('ADMIN')) {
        it('allows a provincial admin anywhere in the province, and refuses a city admin elsewhere', async () => {
          const school = await makeUnit(app.db, { countyId: foreignCounty.id });
          const provincial = await makeStaff(app.db, 'ADMIN', PROVINCE_ID);
          const cityAdmin = await makeStaff(app.db, 'ADMIN', TEST_CITY_ID);
          expect(
            (await call(path, def, await app.tokenFor(provincial.id), await sample(school.id, provincial.id))).status,
          ).toBe(200);
          expect(
            (await call(path, def, await app.tokenFor(cityAdmin.id), await sample(school.id, cityAdmin.id))).status,
          ).toBe(403);
        });
      }
    }
  }
});
