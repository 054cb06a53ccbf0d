/**
 * Caregivers and legal guardians (issue 13; PIPL art. 31, 儿童个人信息网络保护规定): a grandmother raising the
 * child joins the family and can do everything but the checklist; its separate consent needs a legal
 * guardian, or her authorisation by one, or the school's confirmation that she is the legal guardian.
 */
import { createTestApp, type TestApp } from '../helpers/test-app';
import { checklistAnswers, makeStaff, makeUnit, makeWechatUser, publishedChecklists } from '../helpers/builders';
import { seedDemoChecklists } from '../../prisma/seed/demo-checklists';
import type { AuthUser } from '../../server/auth/auth-user';

let app: TestApp;
let psc: string;

beforeAll(async () => {
  app = await createTestApp();
  await seedDemoChecklists(app.db);
  psc = (await publishedChecklists(app.db)).psc;
});
afterAll(() => app.close());

/** A family at a new school: the mother joined with the school's code; the grandmother with her invitation. */
async function familyWithGrandmother() {
  const school = await makeUnit(app.db);
  const motherId = (await makeWechatUser(app.db)).id;
  const { familyId } = await app
    .caller(await app.as(motherId))
    .families.join({ inviteCode: school.inviteCode, relation: 'MOTHER', child: { name: '小雨', grade: 'G3' } });
  const mother = await app.as(motherId);
  const { code } = await app.caller(mother).families.inviteGuardian();
  const grandmaId = (await makeWechatUser(app.db)).id;
  await app
    .caller(await app.as(grandmaId))
    .families.join({ inviteCode: code, relation: 'GRANDPARENT', child: { name: '小雨', grade: 'G3' } });
  const grandma = await app.as(grandmaId);
  const mine = await app.caller(grandma).families.mine();
  const grandmaGuardian = mine.guardians.find((g) => g.isMe)!;
  const childId = mine.children[0].id;
  return { school, familyId, mother, grandma, grandmaGuardianId: grandmaGuardian.id, childId };
}

const checklistText = async (u: AuthUser) =>
  (await app.caller(u).consents.current()).find((t) => t.scope === 'sensitive:checklist')!.textVersion;
const grantChecklist = async (u: AuthUser) =>
  app.caller(u).consents.grant({ scope: 'sensitive:checklist', textVersion: await checklistText(u) });
const submit = async (u: AuthUser, childId: string) =>
  app.caller(u).checklists.submit({
    checklistId: psc,
    childId,
    answers: await checklistAnswers(app.db, psc),
    shareWithSchool: false,
  });

describe('a grandmother raising the child', () => {
  it('is a caregiver, not a legal guardian, and is told so in plain words', async () => {
    const f = await familyWithGrandmother();
    const seen = await app.caller(f.grandma).families.mine();
    expect(seen.guardians.map((g) => [g.relationLabel, g.legalGuardian, g.mayConsentForChildren])).toEqual([
      ['母亲', true, true],
      ['祖父母 / 外祖父母', false, false],
    ]);
    // Her checklist consent is refused until a legal guardian authorises her; nothing is recorded.
    await expect(grantChecklist(f.grandma)).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('须由孩子的父母或其他法定监护人作出'),
    });
    expect(await app.db.consent.count({ where: { userId: f.grandma.id, scope: 'sensitive:checklist' } })).toBe(0);
    await expect(submit(f.grandma, f.childId)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // Everything else is open to her: a session registration, say.
    const coord = await app.as((await makeStaff(app.db, 'COORDINATOR', f.school.id)).id);
    const start = Date.now() + 3 * 86_400_000;
    const { id } = await app.caller(coord).sessions.create({
      orgUnitId: f.school.id,
      kind: 'GUIDANCE',
      title: '隔代教养与孩子的情绪',
      startsAt: new Date(start).toISOString(),
      endsAt: new Date(start + 3_600_000).toISOString(),
      capacity: 10,
      mode: 'OFFLINE',
      venue: '学校报告厅',
    });
    expect(await app.caller(f.grandma).sessions.register({ sessionId: id })).toEqual({ status: 'CONFIRMED' });
  });

  it('once the mother authorises her, she can consent and answer; taking it back ends her consent', async () => {
    const f = await familyWithGrandmother();
    // She cannot authorise herself, and the mother's authorisation is audited.
    await expect(
      app.caller(f.grandma).families.authorizeCarer({ guardianId: f.grandmaGuardianId }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await app.caller(f.mother).families.authorizeCarer({ guardianId: f.grandmaGuardianId })).toEqual({
      ok: true,
    });
    expect(
      await app.db.auditLog.count({
        where: { action: 'family.authorizeCarer', actorUserId: f.mother.id, targetId: f.grandmaGuardianId },
      }),
    ).toBe(1);
    await grantChecklist(f.grandma);
    expect((await submit(f.grandma, f.childId)).tier).toBe('NONE');

    await app.caller(f.mother).families.revokeCarer({ guardianId: f.grandmaGuardianId });
    await expect(submit(f.grandma, f.childId)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(
      await app.db.consent.count({ where: { userId: f.grandma.id, scope: 'sensitive:checklist', withdrawnAt: null } }),
    ).toBe(0);
  });

  it('another family’s guardian cannot authorise her', async () => {
    const f = await familyWithGrandmother();
    const other = await familyWithGrandmother();
    await expect(
      app.caller(other.mother).families.authorizeCarer({ guardianId: f.grandmaGuardianId }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await app.caller(f.grandma).families.mine()).guardians.find((g) => g.isMe)!.mayConsentForChildren).toBe(
      false,
    );
  });

  it('an orphan’s grandmother: the school’s coordinator confirms her as legal guardian, audited; another school cannot', async () => {
    const f = await familyWithGrandmother();
    const elsewhere = await app.as((await makeStaff(app.db, 'COORDINATOR', (await makeUnit(app.db)).id)).id);
    await expect(
      app.caller(elsewhere).families.confirmLegalGuardian({ guardianId: f.grandmaGuardianId }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const teacher = await app.as((await makeStaff(app.db, 'TEACHER', f.school.id)).id);
    await expect(
      app.caller(teacher).families.confirmLegalGuardian({ guardianId: f.grandmaGuardianId }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const coordinator = await makeStaff(app.db, 'COORDINATOR', f.school.id);
    const coord = await app.as(coordinator.id);
    // The coordinator's list: the grandmother, waiting, with the child she is raising; not the mother.
    const waiting = await app.caller(coord).families.caregivers({ orgUnitId: f.school.id });
    expect(waiting).toEqual([
      expect.objectContaining({
        guardianId: f.grandmaGuardianId,
        relation: 'GRANDPARENT',
        children: [{ name: '小雨', gradeLabel: '三年级', className: null }],
        confirmedAt: null,
        authorizedByParent: false,
      }),
    ]);
    await expect(app.caller(elsewhere).families.caregivers({ orgUnitId: f.school.id })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await app.caller(coord).families.confirmLegalGuardian({ guardianId: f.grandmaGuardianId });
    const [confirmed] = await app.caller(coord).families.caregivers({ orgUnitId: f.school.id });
    expect(confirmed.confirmedAt).not.toBeNull();
    expect(confirmed.confirmedBy).toBe(
      (await app.db.user.findUniqueOrThrow({ where: { id: coordinator.id }, select: { displayName: true } }))
        .displayName,
    );
    expect(
      await app.db.auditLog.count({
        where: { action: 'family.confirmLegalGuardian', actorUserId: coord.id, targetId: f.grandmaGuardianId },
      }),
    ).toBe(1);
    const me = (await app.caller(f.grandma).families.mine()).guardians.find((g) => g.isMe)!;
    expect([me.legalGuardian, me.mayConsentForChildren]).toEqual([true, true]);
    await grantChecklist(f.grandma);
    expect((await submit(f.grandma, f.childId)).tier).toBe('NONE');
    // Now a legal guardian, she can authorise a carer in turn; the mother cannot take her status away.
    await expect(app.caller(f.mother).families.revokeCarer({ guardianId: f.grandmaGuardianId })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });
});
