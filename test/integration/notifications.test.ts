import { createDb, type DbHandle } from '../../server/db/create-db';
import { claimDue, sendDueNotifications } from '../../server/services/notifications/worker';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { dropScratchDatabase } from '../helpers/pg-admin';
import { createOwnDatabase } from '../helpers/scratch-database';
import { inHours, makeFamily, makeSession, makeStaff, makeUnit, sessionInput } from '../helpers/builders';

// On a database of its own: a worker sends every due notice it finds, and other files queue hundreds (a session
// published at a school tells all its parents), which would crowd this file's few out of the workers' batches.
let scratch: { name: string; url: string };
let app: TestApp;
let second: DbHandle;
let schoolId: string;
let coordId: string;

beforeAll(async () => {
  scratch = await createOwnDatabase('hb_notify', { seed: false });
  app = await createTestApp({ DATABASE_URL: scratch.url });
  second = createDb(scratch.url, { poolSize: 4 });
  schoolId = (await makeUnit(app.db)).id;
  coordId = (await makeStaff(app.db, 'COORDINATOR', schoolId)).id;
}, 120_000);
afterAll(async () => {
  await second?.close();
  await app?.close();
  if (scratch) await dropScratchDatabase(scratch.name);
}, 60_000);

const sentTo = async (openid: string) =>
  ((await (await fetch(`${app.wechat.url}/__fake/sent`)).json()) as { touser: string; data: unknown }[]).filter(
    (m) => m.touser === openid,
  );
const deps = (db = app.db) => ({ ...app.deps, db });

async function sessionStartingIn(hours: number) {
  const input = sessionInput(schoolId, {
    title: '青春期亲子沟通',
    startsAt: inHours(hours),
    endsAt: inHours(hours + 2),
    capacity: 10,
    mode: 'OFFLINE',
    venue: '三楼会议室',
  });
  return (await makeSession(app, input, { by: await app.as(coordId) })).id;
}

it('sends a due reminder once, even with two workers in two processes, and only to guardians with quota', async () => {
  const sessionId = await sessionStartingIn(10);
  const f = await makeFamily(app.db, schoolId, { guardians: 2 });
  const [withQuota, without] = f.userIds;
  const openids = await Promise.all(
    f.userIds.map(
      async (id) => (await app.db.user.findUniqueOrThrow({ where: { id }, select: { openid: true } })).openid!,
    ),
  );
  const parent = await app.as(withQuota);
  expect(await app.caller(parent).notifications.recordSubscription({ accepted: ['SESSION_REMINDER'] })).toMatchObject({
    SESSION_REMINDER: 1,
  });
  await app.caller(parent).sessions.register({ sessionId });

  await Promise.all([
    sendDueNotifications(deps()),
    sendDueNotifications(deps(second.db)),
    sendDueNotifications(deps()),
  ]);
  await sendDueNotifications(deps());

  const messages = await sentTo(openids[0]);
  expect(messages).toHaveLength(1);
  expect(JSON.stringify(messages[0].data)).toContain('青春期亲子沟通');
  // No child's name or anything sensitive in the message.
  const child = await app.db.child.findFirstOrThrow({ where: { familyId: f.familyId }, select: { name: true } });
  expect(JSON.stringify(messages[0])).not.toContain(child.name);
  expect(await sentTo(openids[1])).toHaveLength(0);
  const rows = await app.db.notification.findMany({
    where: { dedupeKey: { startsWith: `reminder:${sessionId}:` } },
    select: { userId: true, status: true },
  });
  expect(Object.fromEntries(rows.map((r) => [r.userId, r.status]))).toEqual({
    [withQuota]: 'SENT',
    [without]: 'SKIPPED_NO_QUOTA',
  });
  expect(
    await app.db.subscribeQuota.findUnique({
      where: { userId_templateKey: { userId: withQuota, templateKey: 'SESSION_REMINDER' } },
      select: { remaining: true },
    }),
  ).toEqual({ remaining: 0 });
});

it('waits until 24 hours before the session', async () => {
  const sessionId = await sessionStartingIn(72);
  const f = await makeFamily(app.db, schoolId);
  const parent = await app.as(f.userId);
  await app.caller(parent).notifications.recordSubscription({ accepted: ['SESSION_REMINDER'] });
  await app.caller(parent).sessions.register({ sessionId });
  await sendDueNotifications(deps());
  const row = await app.db.notification.findFirstOrThrow({
    where: { dedupeKey: `reminder:${sessionId}:${f.familyId}:${f.userId}` },
    select: { status: true, dueAt: true },
  });
  expect(row.status).toBe('PENDING');
  const start = (
    await app.db.guidanceSession.findUniqueOrThrow({ where: { id: sessionId }, select: { startsAt: true } })
  ).startsAt;
  expect(start.getTime() - row.dueAt.getTime()).toBe(24 * 3600_000);
});

it('resumes after a worker died holding a claim, once the lease runs out', async () => {
  const sessionId = await sessionStartingIn(5);
  const f = await makeFamily(app.db, schoolId);
  const parent = await app.as(f.userId);
  await app.caller(parent).notifications.recordSubscription({ accepted: ['SESSION_REMINDER'] });
  await app.caller(parent).sessions.register({ sessionId });
  const key = `reminder:${sessionId}:${f.familyId}:${f.userId}`;
  // A worker claims the row and then dies before sending.
  const claimed = await claimDue(second.db, 1000);
  expect(claimed.map((c) => c.id)).toContain(
    (await app.db.notification.findUniqueOrThrow({ where: { dedupeKey: key }, select: { id: true } })).id,
  );
  await sendDueNotifications(deps());
  expect(
    (await app.db.notification.findUniqueOrThrow({ where: { dedupeKey: key }, select: { status: true } })).status,
  ).toBe('SENDING');
  // The lease runs out (as after a restart); the next tick sends it.
  await app.db.notification.update({ where: { dedupeKey: key }, data: { leaseUntil: new Date(Date.now() - 1000) } });
  await sendDueNotifications(deps());
  expect(
    (await app.db.notification.findUniqueOrThrow({ where: { dedupeKey: key }, select: { status: true } })).status,
  ).toBe('SENT');
  const openid = (await app.db.user.findUniqueOrThrow({ where: { id: f.userId }, select: { openid: true } })).openid!;
  expect(await sentTo(openid)).toHaveLength(1);
});

it('a cancelled registration’s reminder is not sent', async () => {
  const sessionId = await sessionStartingIn(3);
  const f = await makeFamily(app.db, schoolId);
  const parent = await app.as(f.userId);
  await app.caller(parent).notifications.recordSubscription({ accepted: ['SESSION_REMINDER'] });
  await app.caller(parent).sessions.register({ sessionId });
  await app.caller(parent).sessions.cancelRegistration({ sessionId });
  await sendDueNotifications(deps());
  const openid = (await app.db.user.findUniqueOrThrow({ where: { id: f.userId }, select: { openid: true } })).openid!;
  expect(await sentTo(openid)).toHaveLength(0);
  expect(
    await app.db.subscribeQuota.findUnique({
      where: { userId_templateKey: { userId: f.userId, templateKey: 'SESSION_REMINDER' } },
      select: { remaining: true },
    }),
  ).toEqual({ remaining: 1 });
});
