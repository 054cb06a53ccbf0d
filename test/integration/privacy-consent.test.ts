/**
 * The privacy notice (privacy:basic) is enforced: a parent who has not agreed to it, or who withdrew, has no
 * personal data written or processed (nothing joined, registered, checked in, submitted; no messages sent),
 * can still read, agree again, or delete their account. Staff are not asked for it.
 */
import { TRPCError } from '@trpc/server';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { makeStaff, makeUnit } from '../helpers/builders/org';
import { makeWechatUser, signedInParent } from '../helpers/builders/families';
import { makeSession, sessionInput } from '../helpers/builders/sessions';
import { sendDueNotifications } from '../../server/services/notifications/worker';
import { PRIVACY_CONSENT_MESSAGE } from '../../server/trpc/procedures';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app.close());

async function refused(p: Promise<unknown>) {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  expect((error as TRPCError).code).toBe('FORBIDDEN');
  expect((error as TRPCError).message).toBe(PRIVACY_CONSENT_MESSAGE);
}

async function privacyVersion() {
  return (await app.caller().consents.current()).find((t) => t.scope === 'privacy:basic')!.textVersion;
}

describe('privacy:basic', () => {
  it('a WeChat user who has not agreed cannot join a family: nothing is written', async () => {
    const school = await makeUnit(app.db);
    const user = await makeWechatUser(app.db, { privacy: false });
    const me = await app.as(user.id);
    const join = async () =>
      // Each request looks the caller up again (as a token does).
      app.caller(await app.as(user.id)).families.join({
        inviteCode: school.inviteCode,
        relation: 'MOTHER',
        child: { name: '小明', grade: 'G3' },
      });
    await refused(join());
    expect(await app.db.guardian.count({ where: { userId: user.id } })).toBe(0);
    expect(await app.db.family.count({ where: { orgUnitId: school.id } })).toBe(0);
    // Agreeing (what 同意并继续 records after login) opens the door.
    await app.caller(me).consents.grant({ scope: 'privacy:basic', textVersion: await privacyVersion() });
    await expect(join()).resolves.toMatchObject({ familyId: expect.any(String) });
  });

  it('after withdrawing, nothing more is registered or sent; reading, agreeing again and deletion stay open', async () => {
    const school = await makeUnit(app.db);
    const parent = await signedInParent(app, school.id);
    const session = await makeSession(app, sessionInput(school.id));
    const other = await makeSession(app, sessionInput(school.id));
    await app.caller(parent.user).sessions.register({ sessionId: session.id });
    const reminders = await app.db.notification.count({ where: { userId: parent.userId } });
    expect(reminders).toBeGreaterThan(0);

    await app.caller(parent.user).consents.withdraw({ scope: 'privacy:basic' });
    const withdrawn = await app.as(parent.userId);
    expect(withdrawn.privacyConsent).toBe(false);
    await refused(app.caller(withdrawn).sessions.register({ sessionId: other.id }));
    await refused(app.caller(withdrawn).families.inviteGuardian());
    expect(await app.db.registration.count({ where: { sessionId: other.id } })).toBe(0);
    // Reading what is already there still works, and so does cancelling (less processing, not more).
    await expect(app.caller(withdrawn).families.mine()).resolves.toMatchObject({ id: parent.familyId });
    await expect(app.caller(withdrawn).sessions.cancelRegistration({ sessionId: session.id })).resolves.toEqual({
      status: 'CANCELLED',
    });

    // A message already queued before the withdrawal is not sent.
    await app.db.notification.updateMany({
      where: { userId: parent.userId, status: 'PENDING' },
      data: { dueAt: new Date(Date.now() - 1000) },
    });
    const queued = await app.db.notification.create({
      data: {
        userId: parent.userId,
        templateKey: 'SESSION_REMINDER',
        data: { thing1: { value: '测试' } },
        dueAt: new Date(Date.now() - 1000),
        dedupeKey: `test-privacy:${parent.userId}`,
      },
      select: { id: true },
    });
    // Other test files queue notices in this database too: send until this one has been handled.
    for (let i = 0; i < 50; i += 1) {
      await sendDueNotifications(app.deps);
      const { status } = await app.db.notification.findUniqueOrThrow({ where: { id: queued.id } });
      if (status !== 'PENDING') break;
    }
    expect(await app.db.notification.findUniqueOrThrow({ where: { id: queued.id } })).toMatchObject({
      status: 'CANCELLED',
      lastError: 'no privacy consent',
    });

    // Agreeing again restores the service.
    await app.caller(withdrawn).consents.grant({ scope: 'privacy:basic', textVersion: await privacyVersion() });
    await expect(
      app.caller(await app.as(parent.userId)).sessions.register({ sessionId: other.id }),
    ).resolves.toMatchObject({
      status: 'CONFIRMED',
    });
  });

  it('a parent who withdrew can still delete their account', async () => {
    const school = await makeUnit(app.db);
    const parent = await signedInParent(app, school.id);
    await app.caller(parent.user).consents.withdraw({ scope: 'privacy:basic' });
    await expect(app.caller(await app.as(parent.userId)).auth.deleteAccount()).resolves.toEqual({ ok: true });
    expect(await app.db.user.count({ where: { id: parent.userId, openid: { not: null } } })).toBe(0);
  });

  it('staff do not need a parent’s consent for their work', async () => {
    const school = await makeUnit(app.db);
    const coordinator = await app.as((await makeStaff(app.db, 'COORDINATOR', school.id)).id);
    expect(coordinator.privacyConsent).toBe(false);
    await expect(app.caller(coordinator).sessions.create(sessionInput(school.id))).resolves.toMatchObject({
      id: expect.any(String),
    });
  });
});
