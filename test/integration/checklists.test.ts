import { createTestApp, type TestApp } from '../helpers/test-app';
import { unchecked } from '../helpers/router-types';
import {
  PROVINCE_ID,
  TEST_CITY_ID,
  checklistAnswers,
  consentingParent as consentingParentAt,
  makeFamily,
  makeStaff,
  makeUnit,
  makeWechatUser,
  publishedChecklists,
  type Answer,
} from '../helpers/builders';
import { createCallerFactory, router } from '../../server/trpc/init';
import { createInnerContext } from '../../server/trpc/context';
import type { AuthUser } from '../../server/auth/auth-user';
import { checklistsRouter } from '../../server/routers/checklists/router';
import { referralsRouter } from '../../server/routers/referrals/router';
import { consentsRouter } from '../../server/routers/consents/router';
import { seedDemoChecklists } from '../../prisma/seed/demo-checklists';
import { purgeExpiredResponses } from '../../server/services/checklists/responses';

// The same procedures as the app router (composed here so this file does not depend on root.ts).
const callerFactory = createCallerFactory(
  router({ checklists: checklistsRouter, referrals: referralsRouter, consents: consentsRouter }),
);

const HARBIN_LINE = { name: '哈尔滨市心理危机干预热线', number: '0451-86662525' };

let app: TestApp;
let ids: { psc: string; crisis: string; university: string };
let school: Awaited<ReturnType<typeof makeUnit>>;

const call = (user: AuthUser | null) => callerFactory(createInnerContext(app.deps, user));

beforeAll(async () => {
  // The school below is in the builders' test city: its own hotline is configured for that city.
  app = await createTestApp({ CITY_HOTLINES: JSON.stringify({ [TEST_CITY_ID]: [HARBIN_LINE] }) });
  await seedDemoChecklists(app.db);
  ids = await publishedChecklists(app.db); // loads them again: idempotent
  school = await makeUnit(app.db);
});
afterAll(() => app.close());

const consentingParent = (unitId = school.id) => consentingParentAt(app, unitId);

const answers = (checklistId: string, set: Record<string, Answer> = {}) => checklistAnswers(app.db, checklistId, set);

describe('checklists.list', () => {
  it('lists the latest published version of each checklist with items {id, text, critical} only', async () => {
    const parent = await consentingParent();
    const all = await call(parent.user).checklists.list({});
    const psc = all.find((c) => c.code === 'psc-17')!;
    expect(psc).toMatchObject({
      id: ids.psc,
      version: expect.any(Number),
      stage: 'CHILD',
      title: expect.stringContaining('心桥自译，仅供筛查参考'),
    });
    expect(psc.items).toHaveLength(17);
    // Whether an item is a danger sign is shown (the page marks it); subscales and cut-offs are not needed.
    expect(Object.keys(psc.items[0]).sort()).toEqual(['critical', 'id', 'text']);
    const child = await call(parent.user).checklists.list({ stage: 'CHILD' });
    expect(child.map((c) => c.stage).sort()).toEqual(expect.arrayContaining(['ANY', 'CHILD']));
    expect(child.some((c) => c.stage === 'UNIVERSITY')).toBe(false);
    const uni = await call(parent.user).checklists.list({ stage: 'UNIVERSITY' });
    expect(uni.map((c) => c.id)).toEqual(expect.arrayContaining([ids.university, ids.crisis]));
  });
});

describe('checklists.submit', () => {
  it('refuses without the separate sensitive:checklist consent (403, in Chinese)', async () => {
    const f = await makeFamily(app.db, school.id);
    const user = await app.as(f.userId);
    const child = await app.db.child.findFirstOrThrow({ where: { familyId: f.familyId }, select: { id: true } });
    await expect(
      call(user).checklists.submit({
        checklistId: ids.psc,
        childId: child.id,
        answers: await answers(ids.psc),
        shareWithSchool: false,
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('单独同意') });
    expect(await app.db.checklistResponse.count({ where: { familyId: f.familyId } })).toBe(0);
  });

  it('returns tier, plain-Chinese advice and hotlines (national, 120/110, the city’s own), and stores the answers encrypted', async () => {
    const parent = await consentingParent();
    const a = await answers(ids.psc, { psc02: 1, psc07: 2 });
    const before = Date.now();
    const res = await call(parent.user).checklists.submit({
      checklistId: ids.psc,
      childId: parent.childId,
      answers: a,
      shareWithSchool: false,
    });
    expect(res.tier).toBe('WATCH');
    expect(res.advice).toContain('筛查参考，不是诊断');
    expect(res.advice).toContain('怎样和孩子谈');
    expect(res.hotlines).toEqual(
      expect.arrayContaining([
        { name: '12356 心理援助热线', number: '12356' },
        { name: '12355 青少年服务台', number: '12355' },
        expect.objectContaining({ number: '120' }),
        expect.objectContaining({ number: '110' }),
        HARBIN_LINE,
      ]),
    );

    // The raw row: the tier is in clear, the answers are an AES-GCM envelope with nothing readable.
    const [row] = await app.db.$queryRaw<{ answersEnc: string; tier: string; deleteAfter: Date }[]>`
      SELECT "answersEnc", tier::text AS tier, "deleteAfter" FROM "ChecklistResponse" WHERE id = ${res.responseId}`;
    expect(row.tier).toBe('WATCH');
    expect(row.answersEnc.startsWith('v1.')).toBe(true);
    expect(row.answersEnc).not.toContain(JSON.stringify(a));
    expect(row.answersEnc).not.toContain('psc02');
    expect(row.answersEnc).not.toContain('"answers"');
    const days = (row.deleteAfter.getTime() - before) / 86_400_000;
    expect(days).toBeGreaterThan(app.env.CHECKLIST_RETENTION_DAYS - 0.01);
    expect(days).toBeLessThan(app.env.CHECKLIST_RETENTION_DAYS + 0.01);
    // Nothing in any column of the row shows the answers.
    const [whole] = await app.db.$queryRaw<
      { j: string }[]
    >`SELECT row_to_json(r)::text AS j FROM "ChecklistResponse" r WHERE id = ${res.responseId}`;
    expect(whole.j).not.toContain('psc02');
  });

  it('refuses bad input with Chinese messages: missing items, an answer of 3, items of another list, a list that does not fit the child', async () => {
    const parent = await consentingParent();
    const a = await answers(ids.psc);
    const { psc17: _dropped, ...missing } = a;
    await expect(
      call(parent.user).checklists.submit({
        checklistId: ids.psc,
        childId: parent.childId,
        answers: missing,
        shareWithSchool: false,
      }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: '还有 1 题没有回答，请全部回答后再提交',
    });
    await expect(
      call(parent.user).checklists.submit({
        checklistId: ids.psc,
        childId: parent.childId,
        answers: unchecked({ ...a, psc01: 3 }),
        shareWithSchool: false,
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('2（经常）') });
    await expect(
      call(parent.user).checklists.submit({
        checklistId: ids.psc,
        childId: parent.childId,
        answers: { ...a, c01: 0 },
        shareWithSchool: false,
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('不属于本清单') });
    await expect(
      call(parent.user).checklists.submit({
        checklistId: ids.university,
        childId: parent.childId,
        answers: await answers(ids.university),
        shareWithSchool: false,
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('大学生') });
    await expect(
      call(parent.user).checklists.submit(unchecked({ checklistId: ids.psc, childId: parent.childId, answers: a })),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await app.db.checklistResponse.count({ where: { familyId: parent.familyId } })).toBe(0);
  });

  it('refuses another family’s child with 404', async () => {
    const parent = await consentingParent();
    const other = await consentingParent();
    await expect(
      call(parent.user).checklists.submit({
        checklistId: ids.psc,
        childId: other.childId,
        answers: await answers(ids.psc),
        shareWithSchool: false,
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('自己家的孩子') });
  });

  it('accepts the university list for a university student', async () => {
    const parent = await consentingParent();
    const student = await app.db.child.create({
      data: { familyId: parent.familyId, name: '大学生孩子', schoolId: school.id, grade: 'U2' },
      select: { id: true },
    });
    const res = await call(parent.user).checklists.submit({
      checklistId: ids.university,
      childId: student.id,
      answers: await answers(ids.university, { u01: 1 }),
      shareWithSchool: false,
    });
    expect(res.tier).toBe('URGENT');
    expect(res.hotlines.slice(0, 2).map((h) => h.number)).toEqual(['120', '110']);
    expect(res.advice).toContain('辅导员');
  });
});

describe('referral on submit', () => {
  it('a shared critical sign: URGENT, a referral due in 24 h, no flag for teachers, and a non-sensitive alert to the school’s counsellors', async () => {
    const unit = await makeUnit(app.db);
    const counsellor = await makeStaff(app.db, 'COUNSELOR', unit.id);
    const elsewhere = await makeStaff(app.db, 'COUNSELOR', school.id);
    const parent = await consentingParent(unit.id);
    const before = Date.now();
    const res = await call(parent.user).checklists.submit({
      checklistId: ids.crisis,
      childId: parent.childId,
      answers: await answers(ids.crisis, { c02: 1 }),
      shareWithSchool: true,
    });
    expect(res.tier).toBe('URGENT');
    expect(res.referred).toBe(true);
    expect(res.advice).toContain('24 小时');
    const ref = await app.db.referral.findUniqueOrThrow({
      where: { responseId: res.responseId },
      select: { id: true, schoolId: true, childGrade: true, tier: true, status: true, ackDeadline: true },
    });
    expect(ref).toMatchObject({ schoolId: unit.id, childGrade: 'G4', tier: 'URGENT', status: 'OPEN' });
    expect(Math.abs(ref.ackDeadline.getTime() - before - 24 * 3600_000)).toBeLessThan(60_000);
    // No priority flag is stored: teachers must not learn of the result (the counsellors see the referral).
    expect(await app.db.priorityFlag.count({ where: { familyId: parent.familyId } })).toBe(0);

    const alerts = await app.db.notification.findMany({
      where: { page: { contains: ref.id } },
      select: { userId: true, templateKey: true, data: true },
    });
    expect(alerts.map((n) => n.userId)).toEqual([counsellor.id]);
    expect(alerts[0].templateKey).toBe('REFERRAL_ALERT');
    const text = JSON.stringify(alerts[0].data);
    expect(text).toContain('有一条新的转介，请及时处理');
    expect(text).not.toContain(parent.childName);
    expect(text).not.toContain('URGENT');
    expect(alerts.some((n) => n.userId === elsewhere.id)).toBe(false);
    expect(await app.db.auditLog.count({ where: { action: 'referral.create', targetId: ref.id } })).toBe(1);
  });

  it('CONTACT_SCHOOL shared: deadline 3 days; not shared, or below CONTACT_SCHOOL: no referral', async () => {
    const parent = await consentingParent();
    const before = Date.now();
    const contact = await call(parent.user).checklists.submit({
      checklistId: ids.crisis,
      childId: parent.childId,
      answers: await answers(ids.crisis, { c05: 2, c06: 2 }),
      shareWithSchool: true,
    });
    expect(contact.tier).toBe('CONTACT_SCHOOL');
    const ref = await app.db.referral.findUniqueOrThrow({
      where: { responseId: contact.responseId },
      select: { ackDeadline: true, tier: true },
    });
    expect(ref.tier).toBe('CONTACT_SCHOOL');
    expect(Math.abs(ref.ackDeadline.getTime() - before - 72 * 3600_000)).toBeLessThan(60_000);

    const unshared = await call(parent.user).checklists.submit({
      checklistId: ids.crisis,
      childId: parent.childId,
      answers: await answers(ids.crisis, { c01: 2 }),
      shareWithSchool: false,
    });
    expect([unshared.tier, unshared.referred]).toEqual(['URGENT', false]);
    const watch = await call(parent.user).checklists.submit({
      checklistId: ids.crisis,
      childId: parent.childId,
      answers: await answers(ids.crisis, { c05: 1 }),
      shareWithSchool: true,
    });
    expect([watch.tier, watch.referred]).toEqual(['WATCH', false]);
    expect(watch.advice).toContain('没有发送给学校');
    expect(
      await app.db.referral.count({ where: { responseId: { in: [unshared.responseId, watch.responseId] } } }),
    ).toBe(0);
  });

  it('PSC-17 over the cut-off, shared: a referral', async () => {
    const parent = await consentingParent();
    const res = await call(parent.user).checklists.submit({
      checklistId: ids.psc,
      childId: parent.childId,
      answers: await answers(ids.psc, { psc02: 2, psc06: 2, psc09: 1 }),
      shareWithSchool: true,
    });
    expect([res.tier, res.referred]).toEqual(['CONTACT_SCHOOL', true]);
  });
});

describe('reading and deleting responses', () => {
  it('myResponses lists the family’s results with the referral status, without answers', async () => {
    const parent = await consentingParent();
    const second = await app.db.guardian.create({
      data: {
        familyId: parent.familyId,
        userId: (await makeWechatUser(app.db)).id,
        relation: 'FATHER',
      },
      select: { userId: true },
    });
    const shared = await call(parent.user).checklists.submit({
      checklistId: ids.crisis,
      childId: parent.childId,
      answers: await answers(ids.crisis, { c03: 1 }),
      shareWithSchool: true,
      shareWithFamily: true,
    });
    await call(parent.user).checklists.submit({
      checklistId: ids.psc,
      childId: parent.childId,
      answers: await answers(ids.psc),
      shareWithSchool: false,
      shareWithFamily: true,
    });
    // Both were shared within the family, so the other guardian sees them too.
    const mine = await call(await app.as(second.userId)).checklists.myResponses();
    expect(mine).toHaveLength(2);
    const row = mine.find((r) => r.id === shared.responseId)!;
    expect(row).toMatchObject({
      tier: 'URGENT',
      childName: parent.childName,
      checklistTitle: '孩子心理危机预警信号清单',
      referral: { status: 'OPEN', actions: [] },
    });
    // No answers: neither the item answered nor an answers field (ids are random and may contain "c03").
    expect(mine.every((r) => !('answers' in r))).toBe(true);
    expect(JSON.stringify(mine)).not.toContain('"c03"');
    expect(mine.find((r) => r.id !== shared.responseId)!.referral).toBeNull();
    // A parent of another family sees none of it.
    const other = await consentingParent();
    expect(await call(other.user).checklists.myResponses()).toEqual([]);
  });

  it('getResponse decrypts the answers for the family and writes an audit row on every read; another family gets 404', async () => {
    const parent = await consentingParent();
    const res = await call(parent.user).checklists.submit({
      checklistId: ids.psc,
      childId: parent.childId,
      answers: await answers(ids.psc, { psc15: 2 }),
      shareWithSchool: false,
    });
    const audits = () => app.db.auditLog.count({ where: { action: 'checklist.read', targetId: res.responseId } });
    expect(await audits()).toBe(0);
    const got = await call(parent.user).checklists.getResponse({ responseId: res.responseId });
    expect(got.answers).toHaveLength(17);
    expect(got.answers.find((a) => a.itemId === 'psc15')).toMatchObject({
      answer: 2,
      answerLabel: '经常',
      text: '担心的事情很多',
    });
    expect(got.advice).toContain('筛查参考，不是诊断');
    expect(await audits()).toBe(1);
    await call(parent.user).checklists.getResponse({ responseId: res.responseId });
    expect(await audits()).toBe(2);
    const log = await app.db.auditLog.findFirstOrThrow({
      where: { action: 'checklist.read', targetId: res.responseId },
      select: { actorUserId: true, detail: true },
    });
    expect(log.actorUserId).toBe(parent.userId);

    const other = await consentingParent();
    await expect(call(other.user).checklists.getResponse({ responseId: res.responseId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(call(other.user).checklists.deleteResponse({ responseId: res.responseId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await audits()).toBe(2);
  });

  it('deleteResponse removes the parent’s own response and its referral', async () => {
    const parent = await consentingParent();
    const res = await call(parent.user).checklists.submit({
      checklistId: ids.crisis,
      childId: parent.childId,
      answers: await answers(ids.crisis, { c04: 1 }),
      shareWithSchool: true,
    });
    expect(await app.db.referral.count({ where: { responseId: res.responseId } })).toBe(1);
    await call(parent.user).checklists.deleteResponse({ responseId: res.responseId });
    expect(await app.db.checklistResponse.count({ where: { id: res.responseId } })).toBe(0);
    expect(await app.db.referral.count({ where: { responseId: res.responseId } })).toBe(0);
    await expect(call(parent.user).checklists.getResponse({ responseId: res.responseId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});

describe('the guardian who answered owns the answers (security round two)', () => {
  /** A consenting mother and a second guardian (the father) of the same family. */
  async function twoGuardians() {
    const mother = await consentingParent();
    const father = await app.db.guardian.create({
      data: {
        familyId: mother.familyId,
        userId: (await makeWechatUser(app.db)).id,
        relation: 'FATHER',
      },
      select: { userId: true },
    });
    return { mother, father: await app.as(father.userId) };
  }
  const submit = async (parent: Awaited<ReturnType<typeof consentingParent>>, shareWithFamily?: boolean) =>
    call(parent.user).checklists.submit({
      checklistId: ids.crisis,
      childId: parent.childId,
      answers: await answers(ids.crisis, { c01: 1 }),
      shareWithSchool: true,
      shareWithFamily,
    });

  it('another guardian neither sees, reads nor deletes answers that were not shared within the family', async () => {
    const { mother, father } = await twoGuardians();
    const { responseId } = await submit(mother);
    expect(await call(father).checklists.myResponses()).toEqual([]);
    await expect(call(father).checklists.getResponse({ responseId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(call(father).checklists.deleteResponse({ responseId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await app.db.checklistResponse.count({ where: { id: responseId } })).toBe(1);
    // The mother still has them.
    expect((await call(mother.user).checklists.myResponses()).map((r) => r.id)).toEqual([responseId]);
  });

  it('shared within the family, the other guardian reads them, but only the one who answered deletes them', async () => {
    const { mother, father } = await twoGuardians();
    const { responseId } = await submit(mother, true);
    expect((await call(father).checklists.getResponse({ responseId })).answers.length).toBeGreaterThan(0);
    await expect(call(father).checklists.deleteResponse({ responseId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await call(mother.user).checklists.deleteResponse({ responseId });
    expect(await app.db.checklistResponse.count({ where: { id: responseId } })).toBe(0);
  });

  it('withdrawing deletes the caller’s own answers only', async () => {
    const { mother, father } = await twoGuardians();
    const fatherParent = { ...mother, user: father };
    const text = (await call(father).consents.current()).find((t) => t.scope === 'sensitive:checklist')!;
    await call(father).consents.grant({ scope: 'sensitive:checklist', textVersion: text.textVersion });
    const mine = await submit(mother);
    const his = await submit(fatherParent);
    await call(father).checklists.withdrawAndDelete();
    expect(await app.db.checklistResponse.count({ where: { id: his.responseId } })).toBe(0);
    expect(await app.db.checklistResponse.count({ where: { id: mine.responseId } })).toBe(1);
  });

  it('deleting keeps the counsellor’s own notes on the referral, marked 家长已删除原始答卷', async () => {
    const mother = await consentingParent();
    const counsellor = await app.as((await makeStaff(app.db, 'COUNSELOR', school.id)).id);
    const { responseId } = await submit(mother);
    const { id: referralId } = await app.db.referral.findUniqueOrThrow({ where: { responseId }, select: { id: true } });
    await call(counsellor).referrals.addAction({ referralId, action: 'NOTE', note: '已与班主任沟通，本周内电话联系' });
    await call(mother.user).checklists.deleteResponse({ responseId });

    const detail = await call(counsellor).referrals.get({ referralId });
    expect(detail).toMatchObject({
      responseDeleted: true,
      checklistTitle: '家长已删除原始答卷',
      answers: [],
      childName: '',
    });
    expect(detail.actions.map((a) => a.note)).toEqual(['已与班主任沟通，本周内电话联系']);
    const inbox = await call(counsellor).referrals.list({});
    expect(inbox.find((r) => r.id === referralId)).toMatchObject({ responseDeleted: true });
    // Nothing of the answers is left anywhere.
    expect(await app.db.checklistResponse.count({ where: { id: responseId } })).toBe(0);
  });
});

describe('withdrawing consent', () => {
  it('consents.withdraw stops further submissions', async () => {
    const parent = await consentingParent();
    const input = {
      checklistId: ids.psc,
      childId: parent.childId,
      answers: await answers(ids.psc),
      shareWithSchool: false,
    };
    await call(parent.user).checklists.submit(input);
    await call(parent.user).consents.withdraw({ scope: 'sensitive:checklist' });
    await expect(call(parent.user).checklists.submit(input)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await app.db.checklistResponse.count({ where: { familyId: parent.familyId } })).toBe(1);
  });

  it('checklists.withdrawAndDelete withdraws and deletes every stored response of the family', async () => {
    const parent = await consentingParent();
    const input = {
      checklistId: ids.crisis,
      childId: parent.childId,
      answers: await answers(ids.crisis, { c01: 1 }),
      shareWithSchool: true,
    };
    await call(parent.user).checklists.submit(input);
    await call(parent.user).checklists.submit({ ...input, shareWithSchool: false });
    const other = await consentingParent();
    await call(other.user).checklists.submit({ ...input, childId: other.childId });
    const res = await call(parent.user).checklists.withdrawAndDelete();
    expect(res).toEqual({ ok: true, deleted: 2 });
    expect(await app.db.checklistResponse.count({ where: { familyId: parent.familyId } })).toBe(0);
    expect(
      await app.db.consent.count({ where: { userId: parent.userId, scope: 'sensitive:checklist', withdrawnAt: null } }),
    ).toBe(0);
    await expect(call(parent.user).checklists.submit(input)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await app.db.checklistResponse.count({ where: { familyId: other.familyId } })).toBe(1);
  });
});

describe('purgeExpiredResponses (the retention job)', () => {
  it('deletes responses past their deleteAfter, with their referrals, and keeps the rest', async () => {
    const parent = await consentingParent();
    const input = {
      checklistId: ids.crisis,
      childId: parent.childId,
      answers: await answers(ids.crisis, { c01: 1 }),
      shareWithSchool: true,
    };
    const old = await call(parent.user).checklists.submit(input);
    const fresh = await call(parent.user).checklists.submit(input);
    await app.db.checklistResponse.update({
      where: { id: old.responseId },
      data: { deleteAfter: new Date(Date.now() - 1000) },
    });
    const result = await purgeExpiredResponses(app.db, new Date());
    expect(result.deleted).toBeGreaterThanOrEqual(1);
    expect(await app.db.checklistResponse.count({ where: { id: old.responseId } })).toBe(0);
    expect(await app.db.referral.count({ where: { responseId: old.responseId } })).toBe(0);
    expect(await app.db.checklistResponse.count({ where: { id: fresh.responseId } })).toBe(1);
    expect((await purgeExpiredResponses(app.db, new Date())).deleted).toBe(0);
  });
});

describe('the admin editor (province admins)', () => {
  const draft = (code: string, title: string) => ({
    code,
    title,
    stage: 'ANY' as const,
    intro: '测试用清单。',
    items: [
      { id: 'a1', text: '说起不想活了', critical: true },
      { id: 'a2', text: '睡不好' },
      { id: 'a3', text: '不想上学' },
    ],
    scoring: { frequentCutoff: 2 },
  });

  it('saves versions as unpublished drafts; publishing one takes the others offline; a response keeps its version', async () => {
    const admin = await app.as((await makeStaff(app.db, 'ADMIN', PROVINCE_ID)).id);
    const code = `test-${Date.now().toString(36)}`;
    const v1 = await call(admin).checklists.saveDraft(draft(code, '测试清单第一版'));
    expect(v1.version).toBe(1);
    const parent = await consentingParent();
    expect((await call(parent.user).checklists.list({})).some((c) => c.code === code)).toBe(false);
    await call(admin).checklists.publish({ checklistId: v1.id });
    expect((await call(parent.user).checklists.list({})).find((c) => c.code === code)).toMatchObject({
      id: v1.id,
      version: 1,
    });
    const answered = await call(parent.user).checklists.submit({
      checklistId: v1.id,
      childId: parent.childId,
      answers: { a1: 0, a2: 1, a3: 0 },
      shareWithSchool: false,
    });

    const v2 = await call(admin).checklists.saveDraft({
      ...draft(code, '测试清单第二版'),
      items: [...draft(code, '').items, { id: 'a4', text: '吃得很少' }],
    });
    expect(v2.version).toBe(2);
    await call(admin).checklists.publish({ checklistId: v2.id });
    const listed = (await call(parent.user).checklists.list({})).filter((c) => c.code === code);
    expect(listed.map((c) => [c.version, c.items.length])).toEqual([[2, 4]]);
    const versions = (await call(admin).checklists.adminList()).filter((c) => c.code === code);
    expect(versions.map((c) => [c.version, c.published])).toEqual([
      [2, true],
      [1, false],
    ]);
    expect(versions[0].items[0]).toMatchObject({ id: 'a1', critical: true });
    // The old version cannot be answered any more; the stored response still reads with its own items.
    await expect(
      call(parent.user).checklists.submit({
        checklistId: v1.id,
        childId: parent.childId,
        answers: { a1: 0, a2: 0, a3: 0 },
        shareWithSchool: false,
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const got = await call(parent.user).checklists.getResponse({ responseId: answered.responseId });
    expect([got.checklistVersion, got.answers.length, got.checklistTitle]).toEqual([1, 3, '测试清单第一版']);
  });

  it('refuses bad drafts in Chinese, and refuses a city admin, a parent and other roles', async () => {
    const admin = await app.as((await makeStaff(app.db, 'ADMIN', PROVINCE_ID)).id);
    await expect(
      call(admin).checklists.saveDraft({
        ...draft('dup-items', '重复'),
        items: [
          { id: 'a1', text: '一' },
          { id: 'a1', text: '二' },
        ],
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('题目编号重复') });
    await expect(call(admin).checklists.saveDraft({ ...draft('Bad Code', '代码') })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('清单代码'),
    });
    const cityAdmin = await app.as((await makeStaff(app.db, 'ADMIN', TEST_CITY_ID)).id);
    await expect(call(cityAdmin).checklists.saveDraft(draft('city-admin', '市级'))).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: '超出您的管辖范围',
    });
    await expect(call(cityAdmin).checklists.adminList()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const federation = await app.as((await makeStaff(app.db, 'FEDERATION', PROVINCE_ID)).id);
    await expect(call(federation).checklists.adminList()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const parent = await consentingParent();
    await expect(call(parent.user).checklists.publish({ checklistId: ids.psc })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(call(admin).checklists.publish({ checklistId: 'no-such-checklist' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});

describe('who may call', () => {
  it('staff without a family cannot submit or read responses; anonymous callers are refused', async () => {
    const counsellor = await app.as((await makeStaff(app.db, 'COUNSELOR', school.id)).id);
    await expect(call(counsellor).checklists.myResponses()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(call(null).checklists.list({})).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});
