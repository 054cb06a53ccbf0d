import { createTestApp, type TestApp } from '../helpers/test-app';
import { unchecked } from '../helpers/router-types';
import {
  OTHER_TEST_CITY_ID,
  PROVINCE_ID,
  TEST_CITY_ID,
  answersFor,
  checklistAnswers,
  consentingParent as consentingParentAt,
  makeCounty,
  makeStaff,
  makeUnit,
  makeWindow,
  type Answer,
} from '../helpers/builders';
import { createCallerFactory, router } from '../../server/trpc/init';
import { createInnerContext } from '../../server/trpc/context';
import type { AuthUser } from '../../server/auth/auth-user';
import { checklistsRouter } from '../../server/routers/checklists/router';
import { referralsRouter } from '../../server/routers/referrals/router';
import { consentsRouter } from '../../server/routers/consents/router';
import { CRISIS_SIGNS, seedDemoChecklists } from '../../prisma/seed/demo-checklists';
import { submitChecklist } from '../../server/services/checklists/submit-checklist';
import { escalateOverdueReferrals } from '../../server/services/checklists/referrals';

// The same procedures as the app router (composed here so this file does not depend on root.ts).
const callerFactory = createCallerFactory(
  router({ checklists: checklistsRouter, referrals: referralsRouter, consents: consentsRouter }),
);

let app: TestApp;
let crisisId: string;
let pscId: string;
const crisisItems = CRISIS_SIGNS.items.map((i) => i.id);

const call = (user: AuthUser | null) => callerFactory(createInnerContext(app.deps, user));

beforeAll(async () => {
  app = await createTestApp();
  await seedDemoChecklists(app.db);
  crisisId = (
    await app.db.checklist.findFirstOrThrow({ where: { code: 'crisis-signs', published: true }, select: { id: true } })
  ).id;
  pscId = (
    await app.db.checklist.findFirstOrThrow({ where: { code: 'psc-17', published: true }, select: { id: true } })
  ).id;
});
afterAll(() => app.close());

/** A consenting family with two guardians (the counsellor sees both). */
const consentingParent = (unitId: string) => consentingParentAt(app, unitId, { guardians: 2 });

const crisisAnswers = (set: Record<string, Answer>) => answersFor(crisisItems, set);
const URGENT = crisisAnswers({ c01: 1 });
const CONTACT = crisisAnswers({ c05: 2, c06: 2 });

/** A school with a counsellor, and a shared result there (optionally submitted at another instant). */
async function referralAt(unitId: string, answers = URGENT, now?: Date) {
  const parent = await consentingParent(unitId);
  const res = now
    ? await submitChecklist({
        ...app.deps,
        actor: { id: parent.userId, familyId: parent.familyId },
        input: { checklistId: crisisId, childId: parent.childId, answers, shareWithSchool: true },
        now,
      })
    : await call(parent.user).checklists.submit({
        checklistId: crisisId,
        childId: parent.childId,
        answers,
        shareWithSchool: true,
      });
  const ref = await app.db.referral.findUniqueOrThrow({ where: { responseId: res.responseId }, select: { id: true } });
  return { parent, responseId: res.responseId, referralId: ref.id };
}

describe('referrals.list', () => {
  it('shows a counsellor the referrals of their own school only, open first by deadline, with overdue flags', async () => {
    // A county of its own: grants and counts on it see only this test's schools.
    const listCounty = await makeCounty(app.db);
    const school = await makeUnit(app.db, { countyId: listCounty.id });
    const other = await makeUnit(app.db, { countyId: listCounty.id });
    const counsellor = await app.as((await makeStaff(app.db, 'COUNSELOR', school.id)).id);
    const contact = await referralAt(school.id, CONTACT); // deadline in 3 days
    const urgent = await referralAt(school.id, URGENT); // deadline in 24 h: first despite being newer
    const overdue = await referralAt(school.id, URGENT, new Date(Date.now() - 25 * 3600_000));
    const foreign = await referralAt(other.id, URGENT);

    const rows = await call(counsellor).referrals.list({});
    expect(rows.map((r) => r.id)).toEqual([overdue.referralId, urgent.referralId, contact.referralId]);
    expect(rows[0]).toMatchObject({
      tier: 'URGENT',
      childGrade: 'G4',
      status: 'OPEN',
      overdue: true,
      schoolName: school.name,
    });
    expect(rows[1].overdue).toBe(false);
    expect(rows.some((r) => r.id === foreign.referralId)).toBe(false);
    // No child names or answers in the inbox.
    expect(JSON.stringify(rows)).not.toContain(contact.parent.childName);

    await call(counsellor).referrals.acknowledge({ referralId: urgent.referralId });
    expect((await call(counsellor).referrals.list({ status: 'ACKNOWLEDGED' })).map((r) => r.id)).toEqual([
      urgent.referralId,
    ]);
    expect((await call(counsellor).referrals.list({ status: 'OPEN' })).map((r) => r.id)).toEqual([
      overdue.referralId,
      contact.referralId,
    ]);

    // A counsellor granted on the county sees every school below it; one of another school sees none of these.
    const county = await app.as((await makeStaff(app.db, 'COUNSELOR', listCounty.id)).id);
    const countyIds = (await call(county).referrals.list({})).map((r) => r.id);
    expect(countyIds).toEqual(expect.arrayContaining([contact.referralId, foreign.referralId]));
    const stranger = await app.as((await makeStaff(app.db, 'COUNSELOR', (await makeUnit(app.db)).id)).id);
    expect(await call(stranger).referrals.list({})).toEqual([]);
  });

  it('refuses parents and other roles', async () => {
    const school = await makeUnit(app.db);
    const parent = await consentingParent(school.id);
    await expect(call(parent.user).referrals.list({})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    for (const role of ['ADMIN', 'FEDERATION', 'COMMITTEE', 'COORDINATOR', 'TEACHER'] as const) {
      const staff = await app.as(
        (await makeStaff(app.db, role, role === 'COORDINATOR' || role === 'TEACHER' ? school.id : PROVINCE_ID)).id,
      );
      await expect(call(staff).referrals.list({})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
  });
});

describe('referrals.get, acknowledge, addAction', () => {
  it('gives the school’s counsellor the shared answers, the family contacts and the action log, auditing every read', async () => {
    const school = await makeUnit(app.db);
    const counsellor = await app.as((await makeStaff(app.db, 'COUNSELOR', school.id)).id);
    const { parent, responseId, referralId } = await referralAt(school.id, crisisAnswers({ c02: 2, c08: 1 }));
    const reads = () => app.db.auditLog.count({ where: { action: 'checklist.read', targetId: responseId } });

    const got = await call(counsellor).referrals.get({ referralId });
    expect(got).toMatchObject({
      id: referralId,
      tier: 'URGENT',
      status: 'OPEN',
      checklistTitle: '孩子心理危机预警信号清单',
      childName: parent.childName,
      schoolName: school.name,
      actions: [],
    });
    expect(got.answers.find((a) => a.itemId === 'c02')).toMatchObject({
      answer: 2,
      answerLabel: '经常',
      critical: true,
    });
    expect(got.answers.find((a) => a.itemId === 'c08')).toMatchObject({ answer: 1, critical: false });
    expect(got.guardians.map((g) => g.displayName)).toEqual(['测试家长', '测试家长']);
    expect(got.guardians.map((g) => g.relation).sort()).toEqual(['FATHER', 'MOTHER']);
    expect(await reads()).toBe(1);
    await call(counsellor).referrals.get({ referralId });
    expect(await reads()).toBe(2);
    const row = await app.db.auditLog.findFirstOrThrow({
      where: { action: 'checklist.read', targetId: responseId },
      select: { actorUserId: true, orgUnitId: true },
    });
    expect(row).toEqual({ actorUserId: counsellor.id, orgUnitId: school.id });

    // Acknowledge (idempotent), then record actions; the note is encrypted at rest.
    expect(await call(counsellor).referrals.acknowledge({ referralId })).toEqual({ ok: true, status: 'ACKNOWLEDGED' });
    expect(await call(counsellor).referrals.acknowledge({ referralId })).toEqual({ ok: true, status: 'ACKNOWLEDGED' });
    const ack = await app.db.referral.findUniqueOrThrow({
      where: { id: referralId },
      select: { acknowledgedAt: true, acknowledgedById: true },
    });
    expect(ack.acknowledgedById).toBe(counsellor.id);
    expect(await app.db.auditLog.count({ where: { action: 'referral.acknowledge', targetId: referralId } })).toBe(1);

    await expect(call(counsellor).referrals.addAction({ referralId, action: 'NOTE' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('请填写备注内容'),
    });
    await expect(
      call(counsellor).referrals.addAction({ referralId, action: unchecked('CALLED') }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('跟进记录类型') });
    const note = '已电话联系孩子妈妈，约定明天面谈';
    const contacted = await call(counsellor).referrals.addAction({ referralId, action: 'CONTACTED_FAMILY', note });
    expect(contacted.status).toBe('ACKNOWLEDGED');
    const [raw] = await app.db.$queryRaw<
      { noteEnc: string }[]
    >`SELECT "noteEnc" FROM "ReferralAction" WHERE id = ${contacted.id}`;
    expect(raw.noteEnc.startsWith('v1.')).toBe(true);
    expect(raw.noteEnc).not.toContain('电话');
    await call(counsellor).referrals.addAction({ referralId, action: 'MET_CHILD' });
    const closed = await call(counsellor).referrals.addAction({
      referralId,
      action: 'CLOSED',
      note: '已转介医院，结束',
    });
    expect(closed.status).toBe('CLOSED');
    await expect(
      call(counsellor).referrals.addAction({ referralId, action: 'NOTE', note: '再补一句' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });

    const log = (await call(counsellor).referrals.get({ referralId })).actions;
    expect(log.map((a) => [a.action, a.note])).toEqual([
      ['CONTACTED_FAMILY', note],
      ['MET_CHILD', null],
      ['CLOSED', '已转介医院，结束'],
    ]);
    expect(log[0].by).toBe('测试COUNSELOR');

    // The parent sees the status and what was done, not the counsellor's notes.
    const mine = (await call(parent.user).checklists.myResponses()).find((r) => r.id === responseId)!;
    expect(mine.referral).toMatchObject({
      status: 'CLOSED',
      closedAt: expect.any(String),
      acknowledgedAt: expect.any(String),
    });
    expect(mine.referral!.actions.map((a) => a.action)).toEqual(['CONTACTED_FAMILY', 'MET_CHILD', 'CLOSED']);
    expect(JSON.stringify(mine)).not.toContain('电话');
  });

  it('an action on an open referral acknowledges it', async () => {
    const school = await makeUnit(app.db);
    const counsellor = await app.as((await makeStaff(app.db, 'COUNSELOR', school.id)).id);
    const { referralId } = await referralAt(school.id);
    expect((await call(counsellor).referrals.addAction({ referralId, action: 'CONTACTED_FAMILY' })).status).toBe(
      'ACKNOWLEDGED',
    );
  });

  it('refuses a counsellor of another school (403) and every other role, and reveals nothing', async () => {
    const school = await makeUnit(app.db);
    const other = await makeUnit(app.db);
    const { responseId, referralId } = await referralAt(school.id);
    const stranger = await app.as((await makeStaff(app.db, 'COUNSELOR', other.id)).id);
    await expect(call(stranger).referrals.get({ referralId })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: '超出您的管辖范围',
    });
    await expect(call(stranger).referrals.acknowledge({ referralId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(call(stranger).referrals.addAction({ referralId, action: 'NOTE', note: 'x' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(call(stranger).referrals.get({ referralId: 'no-such-referral' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    for (const role of ['COORDINATOR', 'TEACHER'] as const) {
      const staff = await app.as((await makeStaff(app.db, role, school.id)).id);
      await expect(call(staff).referrals.get({ referralId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    const federation = await app.as((await makeStaff(app.db, 'FEDERATION', PROVINCE_ID)).id);
    await expect(call(federation).referrals.get({ referralId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const parent = await consentingParent(school.id);
    await expect(call(parent.user).referrals.get({ referralId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await app.db.auditLog.count({ where: { action: 'checklist.read', targetId: responseId } })).toBe(0);
    const ref = await app.db.referral.findUniqueOrThrow({ where: { id: referralId }, select: { status: true } });
    expect(ref.status).toBe('OPEN');
  });
});

describe("a shared result is seen by the school's counsellors only, and goes when the parent takes it back", () => {
  /** A school with a teacher, a coordinator, a counsellor and a visit window; a family there shares a result. */
  async function sharedAtSchool() {
    const unit = await makeUnit(app.db);
    const [teacher, coordinator, counsellor] = await Promise.all(
      (['TEACHER', 'COORDINATOR', 'COUNSELOR'] as const).map((role) => makeStaff(app.db, role, unit.id)),
    );
    const shared = await referralAt(unit.id);
    const window = await makeWindow(app.db, unit.id, { createdById: coordinator.id });
    /** The priority reasons the window's family list shows `userId` for the family (assigned to `visitorId`). */
    const reasons = async (userId: string, visitorId = userId) => {
      await app.db.visitAssignment.upsert({
        where: { windowId_familyId: { windowId: window.id, familyId: shared.parent.familyId } },
        create: { windowId: window.id, familyId: shared.parent.familyId, teacherId: visitorId },
        update: { teacherId: visitorId },
      });
      const rows = await app.caller(await app.as(userId)).visits.families({ windowId: window.id });
      return rows.find((f) => f.familyId === shared.parent.familyId)?.priorityReasons;
    };
    return { ...shared, window, teacher, coordinator, counsellor, reasons };
  }

  it('a class teacher and the coordinator never see it; the counsellor does', async () => {
    const s = await sharedAtSchool();
    expect(await s.reasons(s.teacher.id)).toEqual([]);
    expect(await s.reasons(s.coordinator.id, s.teacher.id)).toEqual([]);
    const progress = await app.caller(await app.as(s.coordinator.id)).visits.progress({ windowId: s.window.id });
    expect(progress.priority.map((p) => p.familyId)).not.toContain(s.parent.familyId);
    expect(await s.reasons(s.counsellor.id)).toEqual(['CHECKLIST_REFERRAL']);
  });

  it('deleting the response takes it away at once', async () => {
    const s = await sharedAtSchool();
    await call(s.parent.user).checklists.deleteResponse({ responseId: s.responseId });
    expect(await s.reasons(s.counsellor.id)).toEqual([]);
  });

  it('withdrawing the consent (which deletes the answers) takes it away', async () => {
    const s = await sharedAtSchool();
    await call(s.parent.user).checklists.withdrawAndDelete();
    expect(await s.reasons(s.counsellor.id)).toEqual([]);
  });

  it('closing the referral clears it', async () => {
    const s = await sharedAtSchool();
    await call(await app.as(s.counsellor.id)).referrals.addAction({ referralId: s.referralId, action: 'CLOSED' });
    expect(await s.reasons(s.counsellor.id)).toEqual([]);
  });

  it('staff cannot set the reason by hand', async () => {
    const s = await sharedAtSchool();
    await expect(
      app.caller(await app.as(s.teacher.id)).visits.flagPriority({
        familyId: s.parent.familyId,
        reason: unchecked('CHECKLIST_REFERRAL'),
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('quotas and audit of sensitive reads (security round two)', () => {
  it('a parent resubmitting for the same child the same day reaches the counsellors once', async () => {
    const unit = await makeUnit(app.db);
    const counsellor = await makeStaff(app.db, 'COUNSELOR', unit.id);
    const parent = await consentingParent(unit.id);
    for (let i = 0; i < 3; i += 1) {
      await call(parent.user).checklists.submit({
        checklistId: crisisId,
        childId: parent.childId,
        answers: URGENT,
        shareWithSchool: true,
      });
    }
    expect(await app.db.referral.count({ where: { response: { childId: parent.childId } } })).toBe(3);
    const alerts = await app.db.notification.count({
      where: { userId: counsellor.id, templateKey: 'REFERRAL_ALERT', dedupeKey: { startsWith: 'referral-new:' } },
    });
    expect(alerts).toBe(1);
  });

  it('flagging a family, reading a window’s families, a roster or the tier statistics each leave an audit row', async () => {
    const unit = await makeUnit(app.db);
    const teacher = await app.as((await makeStaff(app.db, 'TEACHER', unit.id)).id);
    const coordinator = await app.as((await makeStaff(app.db, 'COORDINATOR', unit.id)).id);
    const federation = await app.as((await makeStaff(app.db, 'FEDERATION', PROVINCE_ID)).id);
    const parent = await consentingParent(unit.id);
    const window = await makeWindow(app.db, unit.id, { createdById: coordinator.id });
    const session = await app.caller(coordinator).sessions.create({
      orgUnitId: unit.id,
      kind: 'LECTURE',
      title: '审计测试讲座',
      startsAt: new Date(Date.now() + 86_400_000).toISOString(),
      endsAt: new Date(Date.now() + 90_000_000).toISOString(),
      capacity: 10,
      mode: 'ONLINE',
    });
    const audited = (action: string, actorUserId: string) => app.db.auditLog.count({ where: { action, actorUserId } });

    await app.caller(teacher).visits.flagPriority({ familyId: parent.familyId, reason: 'BULLYING' });
    expect(await audited('priorityFlag.set', teacher.id)).toBe(1);
    await app.caller(coordinator).visits.families({ windowId: window.id });
    expect(await audited('visit.familiesRead', coordinator.id)).toBe(1);
    await app.caller(coordinator).sessions.roster({ sessionId: session.id });
    expect(await audited('session.rosterRead', coordinator.id)).toBe(1);
    await call(federation).referrals.stats({ orgUnitId: PROVINCE_ID, year: 2026 });
    expect(await audited('referral.statsRead', federation.id)).toBe(1);
  });
});

describe('escalateOverdueReferrals (the escalation job)', () => {
  it('escalates unacknowledged referrals past their deadline to the school’s coordinators, once', async () => {
    const school = await makeUnit(app.db);
    const coordinator = await makeStaff(app.db, 'COORDINATOR', school.id);
    const counsellor = await app.as((await makeStaff(app.db, 'COUNSELOR', school.id)).id);
    const otherCoordinator = await makeStaff(app.db, 'COORDINATOR', (await makeUnit(app.db)).id);
    const longAgo = new Date(Date.now() - 4 * 24 * 3600_000);
    const overdue = await referralAt(school.id, URGENT, longAgo);
    const overdueContact = await referralAt(school.id, CONTACT, longAgo);
    const acknowledged = await referralAt(school.id, URGENT, longAgo);
    await call(counsellor).referrals.acknowledge({ referralId: acknowledged.referralId });
    const notYet = await referralAt(school.id, CONTACT, new Date(Date.now() - 2 * 24 * 3600_000)); // due in a day

    const now = new Date();
    const first = await escalateOverdueReferrals(app.db, now);
    expect(first.escalated).toBeGreaterThanOrEqual(2);
    const rows = await app.db.referral.findMany({
      where: {
        id: { in: [overdue.referralId, overdueContact.referralId, acknowledged.referralId, notYet.referralId] },
      },
      select: { id: true, escalatedAt: true },
    });
    const escalated = Object.fromEntries(rows.map((r) => [r.id, r.escalatedAt != null]));
    expect(escalated).toEqual({
      [overdue.referralId]: true,
      [overdueContact.referralId]: true,
      [acknowledged.referralId]: false,
      [notYet.referralId]: false,
    });

    const alerts = await app.db.notification.findMany({
      where: { dedupeKey: { startsWith: `referral-escalated:${overdue.referralId}:` } },
      select: { userId: true, templateKey: true, data: true },
    });
    expect(alerts.map((a) => a.userId)).toEqual([coordinator.id]);
    expect(alerts[0].templateKey).toBe('REFERRAL_ALERT');
    expect(JSON.stringify(alerts[0].data)).not.toContain(overdue.parent.childName);
    expect(await app.db.notification.count({ where: { userId: otherCoordinator.id } })).toBe(0);
    expect(await app.db.auditLog.count({ where: { action: 'referral.escalate', targetId: overdue.referralId } })).toBe(
      1,
    );

    // Idempotent: nothing more the second time.
    const second = await escalateOverdueReferrals(app.db, new Date());
    expect(
      await app.db.notification.count({
        where: { dedupeKey: { startsWith: `referral-escalated:${overdue.referralId}:` } },
      }),
    ).toBe(1);
    expect(await app.db.auditLog.count({ where: { action: 'referral.escalate', targetId: overdue.referralId } })).toBe(
      1,
    );
    expect(second.escalated).toBe(0);
  });
});

describe('referrals.stats', () => {
  it('counts results by tier and referrals for each unit below, in SQL, suppressing counts under 5', async () => {
    const county = await makeCounty(app.db);
    const a = await makeUnit(app.db, { countyId: county.id });
    const b = await makeUnit(app.db, { countyId: county.id });
    const parentA = await consentingParent(a.id);
    const zeros = await checklistAnswers(app.db, pscId);
    for (let i = 0; i < 5; i += 1) {
      await call(parentA.user).checklists.submit({
        checklistId: pscId,
        childId: parentA.childId,
        answers: zeros,
        shareWithSchool: false,
      });
    }
    for (let i = 0; i < 6; i += 1) await referralAt(a.id, URGENT);
    await referralAt(b.id, CONTACT);

    const federation = await app.as((await makeStaff(app.db, 'FEDERATION', PROVINCE_ID)).id);
    const year = Number(
      new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()),
    );
    const stats = await call(federation).referrals.stats({ orgUnitId: county.id, year });
    expect(stats.minCount).toBe(5);
    const byId = Object.fromEntries(stats.units.map((u) => [u.orgUnitId, u]));
    expect(Object.keys(byId).sort()).toEqual([a.id, b.id].sort());
    // B's one CONTACT_SCHOOL result and one referral are withheld, and A's cell of each column with them, or
    // the county total would give them back. Zero singles out no one and is published.
    expect(byId[a.id]).toMatchObject({
      tiers: { NONE: 5, WATCH: 0, CONTACT_SCHOOL: null, URGENT: 6 },
      referrals: null,
    });
    expect(byId[b.id]).toMatchObject({
      tiers: { NONE: 0, WATCH: 0, CONTACT_SCHOOL: null, URGENT: 0 },
      referrals: null,
    });
    // The county's own total: its one CONTACT_SCHOOL result is small. Every cell is as the city's table
    // shows it (other test files' counties share that city, and one of them may need this county's cell as
    // a complement): asking for the county gives back nothing the city's figures hide.
    const city = await call(federation).referrals.stats({ orgUnitId: county.parentId, year });
    const inCity = city.units.find((u) => u.orgUnitId === county.id)!;
    expect(stats.total).toEqual({ tiers: inCity.tiers, referrals: inCity.referrals });
    expect(stats.total.tiers.CONTACT_SCHOOL).toBeNull();
    for (const [cell, value] of [
      [stats.total.tiers.NONE, 5],
      [stats.total.tiers.URGENT, 6],
      [stats.total.referrals, 7],
    ] as const) {
      expect([null, value]).toContain(cell);
    }

    // Another year shows nothing; a school counts for itself and shows what the county's table shows of it.
    const lastYear = await call(federation).referrals.stats({ orgUnitId: county.id, year: year - 1 });
    expect(Object.values(lastYear.total.tiers).every((n) => n === 0 || n === null)).toBe(true);
    const committee = await app.as((await makeStaff(app.db, 'COMMITTEE', a.id)).id);
    const own = await call(committee).referrals.stats({ orgUnitId: a.id, year });
    expect(own.units).toEqual([
      { orgUnitId: a.id, name: a.name, tiers: { NONE: 5, WATCH: 0, CONTACT_SCHOOL: null, URGENT: 6 }, referrals: null },
    ]);
    expect(own.total).toEqual({ tiers: own.units[0].tiers, referrals: null });
  });

  it('is for federation, committee and admin staff within their region only', async () => {
    const school = await makeUnit(app.db, { countyId: (await makeCounty(app.db, { cityId: OTHER_TEST_CITY_ID })).id });
    const cityFederation = await app.as((await makeStaff(app.db, 'FEDERATION', TEST_CITY_ID)).id);
    await expect(call(cityFederation).referrals.stats({ orgUnitId: school.id, year: 2026 })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: '超出您的管辖范围',
    });
    const counsellor = await app.as((await makeStaff(app.db, 'COUNSELOR', school.id)).id);
    await expect(call(counsellor).referrals.stats({ orgUnitId: school.id, year: 2026 })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const admin = await app.as((await makeStaff(app.db, 'ADMIN', PROVINCE_ID)).id);
    await expect(call(admin).referrals.stats({ orgUnitId: school.id, year: 1999 })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('年度'),
    });
    expect((await call(admin).referrals.stats({ orgUnitId: school.id, year: 2026 })).units).toHaveLength(1);
  });
});

// Every checklist and referral procedure is also covered, per role and scope, by the router-generated
// matrix in authorization.test.ts.
