/**
 * reports.compliance (issue 14, contract v2): a county with schools and sites runs a semester of sessions,
 * home visits and special-group households, and every figure of the report is checked against an
 * independent computation from the raw tables (attendance rows and visits, not the maintained counts or the
 * service-year summary the report reads). Then the policy targets as data: a province ADMIN's change applies
 * from its effective date on, never to an earlier period, and no one else may make it.
 */
import { createSession } from '../../server/services/sessions/create-session';
import { markAttendance } from '../../server/services/sessions/check-in';
import { cancelSession } from '../../server/services/sessions/manage-session';
import { completeVisit } from '../../server/services/visits/records';
import { semesterOfKey } from '../../server/shared/china-time';
import { createTestApp, type TestApp } from '../helpers/test-app';
import {
  PROVINCE_ID,
  TEST_CITY_ID,
  makeCounty,
  makeFamilies,
  makeSlot,
  makeStaff,
  makeUnit,
  makeVisit,
  makeWindow,
} from '../helpers/builders';
import type { AuthUser } from '../../server/auth/auth-user';

let app: TestApp;
const Y = 2026;
const SEM = `${Y}-09`;
let county: { id: string; path: string };
let schoolA: string;
let schoolB: string;
let schoolC: string;
let site1: string;
let site2: string;
let site3: string;
let coordA: AuthUser;
let provinceAdmin: AuthUser;

beforeAll(async () => {
  app = await createTestApp();
  county = await makeCounty(app.db);
  const unit = (kind: 'SCHOOL' | 'COMMUNITY_SITE', name: string) =>
    makeUnit(app.db, { countyId: county.id, kind, name: `${name}${county.id.slice(-4)}` }).then((u) => u.id);
  schoolA = await unit('SCHOOL', '甲小学');
  schoolB = await unit('SCHOOL', '乙小学');
  schoolC = await unit('SCHOOL', '丙小学');
  site1 = await unit('COMMUNITY_SITE', '一号站点');
  site2 = await unit('COMMUNITY_SITE', '二号站点');
  site3 = await unit('COMMUNITY_SITE', '三号站点');
  coordA = await app.as((await makeStaff(app.db, 'COORDINATOR', schoolA)).id);
  provinceAdmin = await app.as((await makeStaff(app.db, 'ADMIN', PROVINCE_ID)).id);
  const coordinator = await makeStaff(app.db, 'COORDINATOR', county.id);

  const famA = await makeFamilies(app.db, schoolA, 10, { guardians: (i) => (i === 0 ? 2 : 1) });
  const famB = await makeFamilies(app.db, schoolB, 6);
  await makeFamilies(app.db, schoolC, 5);
  const famS1 = await makeFamilies(app.db, site1, 5);
  // Every household was known from the start of the year.
  await app.db.family.updateMany({
    where: { orgUnit: { path: { startsWith: county.path } } },
    data: { knownFrom: new Date(`${Y}-01-01T00:00:00+08:00`) },
  });

  const startsAt = new Map<string, string>();
  const session = async (
    unitId: string,
    when: string,
    mentalHealth = true,
    kind: 'GUIDANCE' | 'LECTURE' = 'GUIDANCE',
  ) => {
    const u = await app.db.orgUnit.findUniqueOrThrow({ where: { id: unitId }, select: { id: true, kind: true } });
    const input = {
      kind,
      title: '家庭心理健康指导',
      mode: 'ONLINE' as const,
      capacity: 50,
      startsAt: new Date(when),
      endsAt: new Date(new Date(when).getTime() + 3600_000),
      mentalHealth,
    };
    const { id } = await createSession({ db: app.db, actor: coordinator, unit: u, input });
    startsAt.set(id, when);
    return id;
  };
  const present = (sessionId: string, familyId: string) =>
    markAttendance({
      db: app.db,
      actor: coordinator,
      input: { sessionId, familyId, present: true, method: 'ROLL_CALL' },
      now: new Date(startsAt.get(sessionId)!).getTime(),
    });

  // School A: two activities held this semester (a mental-health guidance and a lecture without it).
  const a1 = await session(schoolA, `${Y}-09-20T19:00:00+08:00`);
  const a2 = await session(schoolA, `${Y}-10-15T19:00:00+08:00`, false, 'LECTURE');
  for (const f of famA.slice(0, 6)) await present(a1, f.familyId);
  for (const f of famA.slice(4, 7)) await present(a2, f.familyId);
  // A draft is not an activity.
  const draft = await session(schoolA, `${Y}-11-02T19:00:00+08:00`);
  await app.db.guidanceSession.update({ where: { id: draft }, data: { status: 'DRAFT' } });

  // School B: one held, one still to come (both published, in the semester), one cancelled, one in spring.
  const b1 = await session(schoolB, `${Y}-10-10T19:00:00+08:00`);
  for (const f of famB.slice(0, 5)) await present(b1, f.familyId);
  await session(schoolB, `${Y + 1}-01-10T19:00:00+08:00`);
  const cancelled = await session(schoolB, `${Y}-11-20T19:00:00+08:00`);
  await cancelSession({ db: app.db, actor: coordinator, input: { sessionId: cancelled } });
  await session(schoolB, `${Y}-03-10T19:00:00+08:00`);

  // School C: only a spring activity.
  await session(schoolC, `${Y}-04-10T19:00:00+08:00`);

  // Site 1: four activities in the year, one mental-health with families present.
  const s1 = await session(site1, `${Y}-03-01T10:00:00+08:00`);
  for (const f of famS1) await present(s1, f.familyId);
  await session(site1, `${Y}-05-01T10:00:00+08:00`, false);
  await session(site1, `${Y}-09-01T10:00:00+08:00`, false);
  await session(site1, `${Y}-11-01T10:00:00+08:00`, false);
  // Site 2: one mental-health activity nobody came to. Site 3: nothing.
  await session(site2, `${Y}-06-01T10:00:00+08:00`);

  // Special groups at school A: six households; five visited this semester, one visited only in spring.
  await app.db.family.updateMany({
    where: { id: { in: famA.slice(0, 6).map((f) => f.familyId) } },
    data: { specialGroups: ['LEFT_BEHIND'] },
  });
  const teacher = (await makeStaff(app.db, 'TEACHER', schoolA)).id;
  const visit = async (familyId: string, when: string, complete = true) => {
    const w = await makeWindow(app.db, schoolA, {
      startsOn: when.slice(0, 10),
      endsOn: when.slice(0, 10),
      createdById: teacher,
    });
    const slot = await makeSlot(app.db, {
      windowId: w.id,
      teacherId: teacher,
      startsAt: new Date(when),
      endsAt: new Date(new Date(when).getTime() + 1800_000),
      mode: 'HOME',
    });
    const v = await makeVisit(app.db, { orgUnitId: schoolA, teacherId: teacher, slot, familyId, bookedById: teacher });
    if (complete)
      await completeVisit({
        db: app.db,
        cipher: app.deps.cipher,
        actor: { id: teacher },
        input: { visitId: v.id, summary: '家访完成' },
      });
  };
  for (const [i, f] of famA.slice(0, 5).entries()) await visit(f.familyId, `${Y}-10-0${i + 1}T15:00:00+08:00`);
  await visit(famA[5].familyId, `${Y}-05-10T15:00:00+08:00`);
  // A booked visit still to come is not a visit done.
  await visit(famA[5].familyId, `${Y + 1}-01-20T15:00:00+08:00`, false);
}, 180_000);
afterAll(() => app.close());

interface Truth {
  kind: string;
  semActivities: number;
  yearActivities: number;
  activeMh: boolean;
  families: number;
  served: number;
  personTimes: number;
  participants: number;
  specialGroup: number;
  specialVisited: number;
}

/** Each school's and site's figures straight from the raw tables. */
async function independent(): Promise<Map<string, Truth>> {
  const sem = semesterOfKey(SEM);
  const from = new Date(`${Y}-01-01T00:00:00+08:00`);
  const to = new Date(`${Y + 1}-01-01T00:00:00+08:00`);
  const rows = await app.db.$queryRaw<(Truth & { id: string })[]>`
    SELECT u.id, u.kind::text AS kind,
      (SELECT count(*) FROM "Session" s WHERE s."orgUnitId" = u.id AND s.status = 'PUBLISHED' AND s."startsAt" >= ${sem.from} AND s."startsAt" < ${sem.to})::int AS "semActivities",
      (SELECT count(*) FROM "Session" s WHERE s."orgUnitId" = u.id AND s.status = 'PUBLISHED' AND s."startsAt" >= ${from} AND s."startsAt" < ${to})::int AS "yearActivities",
      EXISTS (SELECT 1 FROM "Session" s JOIN "Attendance" a ON a."sessionId" = s.id AND a.present
               WHERE s."orgUnitId" = u.id AND s."mentalHealth" AND s."startsAt" >= ${from} AND s."startsAt" < ${to}) AS "activeMh",
      (SELECT count(*) FROM "Family" f WHERE f."orgUnitId" = u.id)::int AS families,
      (SELECT count(*) FROM "Family" f WHERE f."orgUnitId" = u.id AND (
          EXISTS (SELECT 1 FROM "Attendance" a JOIN "Session" s ON s.id = a."sessionId" WHERE a."familyId" = f.id AND a.present AND s."mentalHealth" AND s."startsAt" >= ${from} AND s."startsAt" < ${to})
       OR EXISTS (SELECT 1 FROM "Visit" v JOIN "VisitSlot" sl ON sl.id = v."slotId" WHERE v."familyId" = f.id AND v.status = 'COMPLETED' AND sl."startsAt" >= ${from} AND sl."startsAt" < ${to})))::int AS served,
      ((SELECT count(*) FROM "Attendance" a JOIN "Session" s ON s.id = a."sessionId" WHERE s."orgUnitId" = u.id AND a.present AND s."mentalHealth" AND s."startsAt" >= ${from} AND s."startsAt" < ${to})
       + (SELECT count(*) FROM "Visit" v JOIN "VisitSlot" sl ON sl.id = v."slotId" JOIN "VisitWindow" w ON w.id = v."windowId" WHERE w."orgUnitId" = u.id AND v.status = 'COMPLETED' AND sl."startsAt" <= now() AND sl."startsAt" >= ${from} AND sl."startsAt" < ${to}))::int AS "personTimes",
      (SELECT count(DISTINCT a."familyId") FROM "Attendance" a JOIN "Session" s ON s.id = a."sessionId" JOIN "Family" f ON f.id = a."familyId"
        WHERE s."orgUnitId" = u.id AND f."orgUnitId" = u.id AND a.present AND s."startsAt" >= ${sem.from} AND s."startsAt" < ${sem.to})::int AS participants,
      (SELECT count(*) FROM "Family" f WHERE f."orgUnitId" = u.id AND cardinality(f."specialGroups") > 0)::int AS "specialGroup",
      (SELECT count(*) FROM "Family" f WHERE f."orgUnitId" = u.id AND cardinality(f."specialGroups") > 0 AND EXISTS (
          SELECT 1 FROM "Visit" v JOIN "VisitSlot" sl ON sl.id = v."slotId" WHERE v."familyId" = f.id AND v.status = 'COMPLETED' AND sl."startsAt" <= now() AND sl."startsAt" >= ${sem.from} AND sl."startsAt" < ${sem.to}))::int AS "specialVisited"
    FROM "OrgUnit" u WHERE u."parentId" = ${county.id}`;
  return new Map(rows.map((r) => [r.id, r]));
}

describe('reports.compliance', () => {
  it('gives every figure of every school and site, and the county total, as the raw tables do', async () => {
    const truth = await independent();
    const report = await app.caller(provinceAdmin).reports.compliance({ orgUnitId: county.id, year: Y, semester: SEM });
    expect(report.targets).toMatchObject({
      SCHOOL_SEMESTER_ACTIVITIES: 2,
      SITE_YEAR_ACTIVITIES: 4,
      ACTIVE_SITE_SHARE: 0.6,
      PARTICIPATION_RATE: 0.8,
    });
    expect(report.rows).toHaveLength(6);
    const sums = { served: 0, personTimes: 0, specialGroup: 0, specialVisited: 0 };
    for (const row of report.rows) {
      const t = truth.get(row.orgUnitId)!;
      const school = t.kind === 'SCHOOL';
      const participationMet = t.families > 0 && t.participants >= 0.8 * t.families;
      expect(row).toMatchObject({
        schools: school ? 1 : 0,
        schoolsMeetingSemesterTarget: school && t.semActivities >= 2 ? 1 : 0,
        sites: school ? 0 : 1,
        sitesMeetingYearTarget: !school && t.yearActivities >= 4 ? 1 : 0,
        activeGuidanceSites: !school && t.activeMh ? 1 : 0,
        activeSiteShare: school ? null : t.activeMh ? 1 : 0,
        participationSchools: school && t.families > 0 ? 1 : 0,
        schoolsMeetingParticipationTarget: school && participationMet ? 1 : 0,
      });
      // A count of people about one school or site: the true value, or withheld where it is 1 to 4.
      for (const [key, raw] of [
        ['servedFamilies', 'served'],
        ['servicePersonTimes', 'personTimes'],
        ['specialGroupFamilies', 'specialGroup'],
        ['specialGroupVisited', 'specialVisited'],
      ] as const) {
        if (row[key] !== null) expect(row[key]).toBe(t[raw]);
        if (t[raw] > 0 && t[raw] < 5) expect(row[key]).toBeNull();
        sums[raw] += t[raw];
      }
    }
    // The scenario is what the test means it to be.
    expect(truth.get(schoolA)).toMatchObject({ semActivities: 2, participants: 7, specialGroup: 6, specialVisited: 5 });
    expect(truth.get(schoolB)).toMatchObject({ semActivities: 2, participants: 5, families: 6 });

    // The county's total is exact (it describes several schools and sites).
    const schools = [...truth.values()].filter((t) => t.kind === 'SCHOOL');
    const sites = [...truth.values()].filter((t) => t.kind === 'COMMUNITY_SITE');
    expect(report.total).toMatchObject({
      schools: 3,
      schoolsMeetingSemesterTarget: schools.filter((t) => t.semActivities >= 2).length,
      sites: 3,
      sitesMeetingYearTarget: sites.filter((t) => t.yearActivities >= 4).length,
      activeGuidanceSites: sites.filter((t) => t.activeMh).length,
      activeSiteShare: Math.round((sites.filter((t) => t.activeMh).length / 3) * 10_000) / 10_000,
      servedFamilies: sums.served,
      servicePersonTimes: sums.personTimes,
      specialGroupFamilies: sums.specialGroup,
      specialGroupVisited: sums.specialVisited,
    });
    // Households and person-times are kept distinct: two-guardian and twice-served households count once.
    expect(report.total.servicePersonTimes).toBeGreaterThan(report.total.servedFamilies!);
  });

  it('names every unit below a target and what it still needs', async () => {
    const report = await app.caller(provinceAdmin).reports.compliance({ orgUnitId: county.id, year: Y, semester: SEM });
    const gap = (id: string) => report.gaps.units.find((u) => u.orgUnitId === id);
    // School A: activities met, participation 7 of 10 (below 80%), one special-group household not visited.
    expect(gap(schoolA)?.shortfalls.map((s) => s.target)).toEqual([
      'PARTICIPATION_RATE',
      'SPECIAL_GROUP_SEMESTER_VISITS',
    ]);
    expect(gap(schoolA)?.shortfalls[0].text).toContain('70%');
    // The one household is too few to name a number.
    expect(gap(schoolA)?.shortfalls[1].text).toContain('不公开');
    // School B meets every target (its January activity is published for this semester).
    expect(gap(schoolB)).toBeUndefined();
    // School C: no activity this semester, so none of its five households took part either.
    expect(gap(schoolC)?.shortfalls).toEqual([
      { target: 'SCHOOL_SEMESTER_ACTIVITIES', text: expect.stringContaining('还差 2 场') },
      { target: 'PARTICIPATION_RATE', text: expect.stringContaining('参与率 0%') },
    ]);
    expect(gap(site1)).toBeUndefined();
    expect(gap(site2)?.shortfalls.map((s) => s.target)).toEqual(['SITE_YEAR_ACTIVITIES', 'ACTIVE_SITE_SHARE']);
    expect(gap(site3)?.shortfalls.map((s) => s.target)).toEqual(['SITE_YEAR_ACTIVITIES', 'ACTIVE_SITE_SHARE']);
    expect(report.gaps.total).toBe(4);
    expect(gap(site2)?.name).toContain('二号站点');
  });

  it('counts the spring semester on its own', async () => {
    const report = await app
      .caller(provinceAdmin)
      .reports.compliance({ orgUnitId: county.id, year: Y, semester: `${Y}-02` });
    const row = (id: string) => report.rows.find((r) => r.orgUnitId === id)!;
    // B and C held one spring activity each; A none.
    expect([row(schoolA), row(schoolB), row(schoolC)].map((r) => r.schoolsMeetingSemesterTarget)).toEqual([0, 0, 0]);
    expect(report.semester).toEqual({ key: `${Y}-02`, label: `${Y}年春季学期` });
  });

  it('is refused outside the caller’s reach and for a bad semester', async () => {
    const elsewhere = await app.as((await makeStaff(app.db, 'FEDERATION', (await makeCounty(app.db)).id)).id);
    await expect(app.caller(elsewhere).reports.compliance({ orgUnitId: county.id, year: Y })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const teacher = await app.as((await makeStaff(app.db, 'TEACHER', schoolA)).id);
    await expect(app.caller(teacher).reports.compliance({ orgUnitId: schoolA, year: Y })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(
      app.caller(coordA).reports.compliance({ orgUnitId: schoolA, year: Y, semester: '2026-13' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('学期须写作') });
  });
});

describe('policy targets as data', () => {
  it('a province ADMIN’s new target applies from its effective date on, never before; each change is kept', async () => {
    // A later plan in the future: school B publishes two activities for that autumn.
    const u = await app.db.orgUnit.findUniqueOrThrow({ where: { id: schoolB }, select: { id: true, kind: true } });
    const coordinator = await makeStaff(app.db, 'COORDINATOR', schoolB);
    for (const day of ['2031-10-10', '2031-11-10'])
      await createSession({
        db: app.db,
        actor: coordinator,
        unit: u,
        input: {
          kind: 'GUIDANCE',
          title: '远期计划',
          mode: 'ONLINE',
          capacity: 10,
          mentalHealth: true,
          startsAt: new Date(`${day}T19:00:00+08:00`),
          endsAt: new Date(`${day}T20:00:00+08:00`),
        },
      });
    const meets = async (semester: string) =>
      (await app.caller(provinceAdmin).reports.compliance({ orgUnitId: county.id, year: 2031, semester })).rows.find(
        (r) => r.orgUnitId === schoolB,
      )!.schoolsMeetingSemesterTarget;
    expect(await meets('2031-09')).toBe(1);

    await app.caller(provinceAdmin).reports.setTarget({
      key: 'SCHOOL_SEMESTER_ACTIVITIES',
      value: 3,
      effectiveFrom: '2031-09-01',
      basis: '测试：新一轮五年规划',
    });
    expect(await meets('2031-09')).toBe(0);
    // The earlier semester keeps the target of its time.
    expect(
      (await app.caller(provinceAdmin).reports.compliance({ orgUnitId: county.id, year: Y, semester: SEM })).targets
        .SCHOOL_SEMESTER_ACTIVITIES,
    ).toBe(2);
    const listed = (await app.caller(provinceAdmin).reports.targets()).find(
      (t) => t.key === 'SCHOOL_SEMESTER_ACTIVITIES',
    )!;
    expect(listed.history[0]).toMatchObject({ value: 3, effectiveFrom: '2031-09-01', basis: '测试：新一轮五年规划' });
    expect(listed.history.map((h) => h.value)).toContain(2);
    expect(await app.db.auditLog.count({ where: { action: 'target.set', actorUserId: provinceAdmin.id } })).toBe(1);

    // The same key and day again: 409.
    await expect(
      app.caller(provinceAdmin).reports.setTarget({
        key: 'SCHOOL_SEMESTER_ACTIVITIES',
        value: 4,
        effectiveFrom: '2031-09-01',
        basis: '重复',
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('refuses a city ADMIN, a federation, and a value out of range', async () => {
    const cityAdmin = await app.as((await makeStaff(app.db, 'ADMIN', TEST_CITY_ID)).id);
    const federation = await app.as((await makeStaff(app.db, 'FEDERATION', PROVINCE_ID)).id);
    const input = { key: 'ACTIVE_SITE_SHARE' as const, value: 0.7, effectiveFrom: '2032-01-01', basis: '测试' };
    await expect(app.caller(cityAdmin).reports.setTarget(input)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(app.caller(federation).reports.setTarget(input)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(app.caller(provinceAdmin).reports.setTarget({ ...input, value: 70 })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('之间'),
    });
    await expect(
      app.caller(provinceAdmin).reports.setTarget({ ...input, effectiveFrom: '2032-02-30' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
