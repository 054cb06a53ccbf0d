/**
 * Grandparent-proof notices (issue 13 part 5): a household nobody in which uses WeChat — a rostered household a
 * coordinator registered for a session, or a teacher booked a visit for — and a household whose only caregiver
 * has no subscription quota left get the session reminder and the visit notice by SMS, at the roster's mobile.
 * A household whose caregiver can get the WeChat message gets no SMS; each household gets one SMS however often
 * the worker runs; the number is decrypted only to send, and that read is audited. On a database of its own: the
 * worker sends every due notice it finds.
 */
import { createTestApp, type TestApp } from '../helpers/test-app';
import { dropScratchDatabase } from '../helpers/pg-admin';
import { createOwnDatabase } from '../helpers/scratch-database';
import { inHours, makeSession, makeStaff, makeUnit, makeWechatUser, sessionInput } from '../helpers/builders';
import { makeWindow, makeSlot } from '../helpers/builders';
import { xlsxBase64 } from '../helpers/xlsx';
import { sendDueNotifications } from '../../server/services/notifications/worker';
import { chinaDateTimeText } from '../../server/shared/china-time';

let scratch: { name: string; url: string };
let app: TestApp;

beforeAll(async () => {
  scratch = await createOwnDatabase('hb_sms', { seed: false });
  app = await createTestApp({ DATABASE_URL: scratch.url });
}, 120_000);
afterAll(async () => {
  await app?.close();
  if (scratch) await dropScratchDatabase(scratch.name);
});

const household = (schoolId: string, child: string) =>
  app.db.family.findFirstOrThrow({
    where: { orgUnitId: schoolId, children: { some: { name: child } } },
    select: { id: true },
  });

it('sends the reminder by SMS to households WeChat cannot reach, once, and to no one WeChat can', async () => {
  const school = await makeUnit(app.db);
  const coordinator = await app.as((await makeStaff(app.db, 'COORDINATOR', school.id)).id);
  const c = app.caller(coordinator);
  await c.rosters.importXlsx({
    schoolId: school.id,
    fileBase64: await xlsxBase64([
      ['年级', '班级', '学生姓名', '家庭编号', '监护人姓名', '监护人关系', '监护人手机'],
      // Nobody from this household uses the app: the grandmother asked at the school gate.
      ['三年级', '1班', '奶奶家', null, '张奶奶', '祖父母', '13800001111'],
      // Its guardian joined, but has no subscription quota left (and gave her own mobile).
      ['三年级', '1班', '无额度', null, '李妈妈', '母亲', '13900002222'],
      // Its guardian joined and can get the WeChat message.
      ['三年级', '1班', '有额度', null, '王爸爸', '父亲', '13700003333'],
      // No mobile on the roster: nothing to send to.
      ['三年级', '1班', '无号码', null, null, null, null],
    ]),
  });
  const { code } = await c.invites.createClass({ orgUnitId: school.id, grade: 'G3', className: '三年级（1）班' });
  const join = async (child: string, relation: 'MOTHER' | 'FATHER') => {
    const user = await makeWechatUser(app.db);
    const me = await app.as(user.id);
    await app.caller(me).families.join({ inviteCode: code, relation, child: { name: child, grade: 'G3' } });
    return { user, me: await app.as(user.id) };
  };
  const noQuota = await join('无额度', 'MOTHER');
  // Her own number, given in 我的家庭: it is the one texted, not the roster's.
  await app.caller(noQuota.me).families.setMobile({ mobile: '13911112222' });
  const withQuota = await join('有额度', 'FATHER');
  await app.db.subscribeQuota.create({
    data: { userId: withQuota.user.id, templateKey: 'SESSION_REMINDER', remaining: 3 },
  });

  // Tomorrow morning's lecture: the reminder is due at once.
  const startsAt = inHours(3);
  const session = await makeSession(
    app,
    sessionInput(school.id, {
      title: '隔代教养与孩子情绪',
      startsAt,
      endsAt: inHours(5),
      mode: 'OFFLINE',
      venue: '学校礼堂',
      capacity: 30,
    }),
    { by: coordinator },
  );
  const grandma = await household(school.id, '奶奶家');
  const noNumber = await household(school.id, '无号码');
  await c.sessions.registerFamily({ sessionId: session.id, familyId: grandma.id });
  await c.sessions.registerFamily({ sessionId: session.id, familyId: noNumber.id });
  await app.caller(noQuota.me).sessions.register({ sessionId: session.id });
  await app.caller(withQuota.me).sessions.register({ sessionId: session.id });

  const before = app.sms.sent.length;
  const first = await sendDueNotifications(app.deps);
  expect(first.sent).toBe(1);
  const texts = app.sms.sent.slice(before);
  expect(texts.map((t) => t.phone).sort()).toEqual(['13800001111', '13911112222']);
  for (const t of texts) {
    expect(t.templateId).toBe(app.env.SMS_TEMPLATE_SESSION_REMINDER);
    expect(t.params).toEqual(['隔代教养与孩子情绪', chinaDateTimeText(new Date(startsAt)), '学校礼堂']);
  }
  // The caregiver with quota got the WeChat message and no SMS.
  const wechat = app.wechat.sent.filter((m) => m.touser === (withQuota.user.openid ?? ''));
  expect(wechat).toHaveLength(1);

  const rows = await app.db.smsMessage.findMany({
    where: { orgUnitId: school.id, purpose: 'SESSION_REMINDER' },
    select: { familyId: true, status: true },
  });
  expect(rows).toHaveLength(2);
  expect(rows.every((r) => r.status === 'SENT')).toBe(true);
  expect(JSON.stringify(rows)).not.toContain('138');
  expect(JSON.stringify(rows)).not.toContain('139');
  const reads = await app.db.auditLog.findMany({
    where: { action: 'family.contactRead', orgUnitId: school.id, actorUserId: null },
    select: { targetId: true, detail: true },
  });
  expect(reads.map((r) => r.targetId).sort()).toEqual(rows.map((r) => r.familyId).sort());
  expect(reads.every((r) => (r.detail as { purpose: string }).purpose === 'SESSION_REMINDER')).toBe(true);

  // The worker again: nothing new to anyone.
  await sendDueNotifications(app.deps);
  expect(app.sms.sent.length).toBe(before + 2);
});

it('a visit a teacher booked for a household without WeChat is announced by SMS; cancelled first, it is not', async () => {
  const school = await makeUnit(app.db);
  const coordinator = await app.as((await makeStaff(app.db, 'COORDINATOR', school.id)).id);
  const teacher = await makeStaff(app.db, 'TEACHER', school.id);
  await app.caller(coordinator).rosters.importXlsx({
    schoolId: school.id,
    fileBase64: await xlsxBase64([
      ['年级', '班级', '学生姓名', '家庭编号', '监护人姓名', '监护人关系', '监护人手机'],
      ['四年级', '2班', '爷爷家', null, '赵爷爷', '祖父母', '13600004444'],
      ['四年级', '2班', '改期家', null, '钱奶奶', '祖父母', '13500005555'],
    ]),
  });
  const window = await makeWindow(app.db, school.id);
  const soon = new Date(Date.now() + 3600_000);
  const slot = await makeSlot(app.db, { windowId: window.id, teacherId: teacher.id, startsAt: soon, mode: 'PHONE' });
  const later = await makeSlot(app.db, {
    windowId: window.id,
    teacherId: teacher.id,
    startsAt: new Date(soon.getTime() + 7200_000),
    mode: 'PHONE',
  });
  const t = app.caller(await app.as(teacher.id));
  await t.visits.bookForFamily({ slotId: slot.id, familyId: (await household(school.id, '爷爷家')).id });
  const cancelled = await t.visits.bookForFamily({
    slotId: later.id,
    familyId: (await household(school.id, '改期家')).id,
  });
  await t.visits.cancelByTeacher({ visitId: cancelled.visitId });

  const before = app.sms.sent.length;
  await sendDueNotifications(app.deps);
  const texts = app.sms.sent.slice(before);
  const to = (phone: string) =>
    texts
      .filter((m) => m.phone === phone)
      .map((m) => m.params)
      .sort((a, b) => a[2].localeCompare(b[2], 'zh-CN'));
  expect(texts.every((m) => m.templateId === app.env.SMS_TEMPLATE_VISIT_NOTICE)).toBe(true);
  // Booked, and (an hour away) the reminder.
  expect(to('13600004444')).toEqual(
    [
      ['电话家访', chinaDateTimeText(soon), '已预约'],
      ['电话家访', chinaDateTimeText(soon), '明天家访'],
    ].sort((a, b) => a[2].localeCompare(b[2], 'zh-CN')),
  );
  // Booked and cancelled: told both, never reminded.
  const laterAt = chinaDateTimeText(new Date(soon.getTime() + 7200_000));
  expect(to('13500005555')).toEqual(
    [
      ['电话家访', laterAt, '已预约'],
      ['电话家访', laterAt, '已取消'],
    ].sort((a, b) => a[2].localeCompare(b[2], 'zh-CN')),
  );
  expect(
    await app.db.smsMessage.count({
      where: { orgUnitId: school.id, dedupeKey: { startsWith: 'sms:visit-reminder:' }, status: 'CANCELLED' },
    }),
  ).toBe(1);
});
