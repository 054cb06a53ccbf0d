import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import { createTestApp, listen, callHttp, type TestApp } from '../helpers/test-app';
import { unchecked } from '../helpers/router-types';
import { PROVINCE_ID, joinedParent, makeStaff, makeUnit, makeWechatUser } from '../helpers/builders';
import type { AuthUser } from '../../server/auth/auth-user';
import { seedDemoLessons, DEMO_LESSONS } from '../../prisma/seed/demo-lessons';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app.close());

const lessons = (user: AuthUser | null) => app.caller(user).lessons;

/** A word that occurs only in this test's lesson titles, so `q` finds exactly what the test made. */
const marker = () => `标记${randomUUID().slice(0, 8)}`;

const article = (orgUnitId: string, title: string, extra: Record<string, unknown> = {}) => ({
  orgUnitId,
  title,
  summary: '测试简介',
  topic: 'EMOTION' as const,
  stages: ['PRIMARY' as const],
  format: 'ARTICLE' as const,
  body: '测试正文：家长可以这样陪伴孩子。',
  durationMinutes: 5,
  ...extra,
});

const parentOf = (school: { inviteCode: string }) => joinedParent(app, school);

/** Two schools in one county, a parent of school A, a coordinator of each, the province admin. */
async function world() {
  const schoolA = await makeUnit(app.db);
  const schoolB = await makeUnit(app.db);
  const admin = await app.as((await makeStaff(app.db, 'ADMIN', PROVINCE_ID)).id);
  const coordA = await app.as((await makeStaff(app.db, 'COORDINATOR', schoolA.id)).id);
  const coordB = await app.as((await makeStaff(app.db, 'COORDINATOR', schoolB.id)).id);
  const parentA = await parentOf(schoolA);
  return { schoolA, schoolB, admin, coordA, coordB, parentA };
}

async function published(user: AuthUser, input: ReturnType<typeof article>) {
  const { id } = await lessons(user).create(input);
  await lessons(user).publish({ lessonId: id });
  return id;
}

describe('lessons: the library a parent sees', () => {
  it('lists province and own-school lessons, not another school’s; drafts stay hidden', async () => {
    const w = await world();
    const m = marker();
    const province = await published(
      w.admin,
      article(PROVINCE_ID, `${m} 省级课程`, { topic: 'CRISIS_SIGNS', stages: ['PRIMARY', 'JUNIOR'] }),
    );
    const own = await published(w.coordA, article(w.schoolA.id, `${m} 本校课程`));
    const other = await published(w.coordB, article(w.schoolB.id, `${m} 他校课程`));
    const draft = (await lessons(w.coordA).create(article(w.schoolA.id, `${m} 本校草稿`))).id;

    const seen = await lessons(w.parentA).list({ q: m });
    expect(seen.items.map((l) => l.id).sort()).toEqual([province, own].sort());
    expect(seen.nextCursor).toBeNull();
    const p = seen.items.find((l) => l.id === province)!;
    expect(p).toMatchObject({
      title: `${m} 省级课程`,
      summary: '测试简介',
      topic: 'CRISIS_SIGNS',
      topicLabel: '心理危机识别',
      stages: ['PRIMARY', 'JUNIOR'],
      format: 'ARTICLE',
      durationMinutes: 5,
      publisherName: '黑龙江省',
      published: true,
      completed: false,
    });
    expect(seen.items.find((l) => l.id === own)!.publisherName).toBe(w.schoolA.name);

    // Another school's lesson and a draft: 404, the same answer as a lesson that does not exist.
    for (const id of [other, draft, 'no-such-lesson']) {
      await expect(lessons(w.parentA).get({ lessonId: id })).rejects.toMatchObject({
        code: 'NOT_FOUND',
        message: '课程不存在或尚未发布',
      });
      await expect(lessons(w.parentA).complete({ lessonId: id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }

    const full = await lessons(w.parentA).get({ lessonId: own });
    expect(full).toMatchObject({
      id: own,
      body: '测试正文：家长可以这样陪伴孩子。',
      videoUrl: null,
      published: true,
      completed: false,
      canEdit: false,
    });
    expect(full.publishedAt).not.toBeNull();

    // A parent without a family still sees the province's lessons.
    const loner = await app.as((await makeWechatUser(app.db)).id);
    expect((await lessons(loner).list({ q: m })).items.map((l) => l.id)).toEqual([province]);
  });

  it('staff see published lessons in reach and their own unit’s drafts; the editor may open a draft', async () => {
    const w = await world();
    const m = marker();
    const province = await published(w.admin, article(PROVINCE_ID, `${m} 省级课程`));
    const draftA = (await lessons(w.coordA).create(article(w.schoolA.id, `${m} 本校草稿`))).id;
    const pubB = await published(w.coordB, article(w.schoolB.id, `${m} 他校课程`));

    const coordView = await lessons(w.coordA).list({ q: m });
    expect(coordView.items.map((l) => [l.id, l.published])).toEqual(
      expect.arrayContaining([
        [province, true],
        [draftA, false],
      ]),
    );
    expect(coordView.items.map((l) => l.id)).not.toContain(pubB);
    expect(await lessons(w.coordA).get({ lessonId: draftA })).toMatchObject({ published: false, canEdit: true });
    await expect(lessons(w.coordB).get({ lessonId: draftA })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // The province admin reaches every school below it.
    expect((await lessons(w.admin).list({ q: m })).items.map((l) => l.id)).toEqual(
      expect.arrayContaining([province, pubB]),
    );
  });

  it('publish, unpublish and publish again; audit rows carry no personal data', async () => {
    const w = await world();
    const m = marker();
    const { id } = await lessons(w.coordA).create(article(w.schoolA.id, `${m} 课程`));
    expect((await lessons(w.parentA).list({ q: m })).items).toEqual([]);
    expect(await lessons(w.coordA).publish({ lessonId: id })).toEqual({ ok: true, published: true });
    expect(await lessons(w.coordA).publish({ lessonId: id })).toEqual({ ok: true, published: true });
    expect((await lessons(w.parentA).list({ q: m })).items.map((l) => l.id)).toEqual([id]);
    expect(await lessons(w.coordA).unpublish({ lessonId: id })).toEqual({ ok: true, published: false });
    expect((await lessons(w.parentA).list({ q: m })).items).toEqual([]);
    await expect(lessons(w.parentA).get({ lessonId: id })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const audit = await app.db.auditLog.findMany({
      where: { targetId: id },
      select: { action: true, actorUserId: true, orgUnitId: true, detail: true },
      orderBy: { id: 'asc' },
    });
    // The second publish changed nothing and wrote nothing.
    expect(audit.map((a) => a.action)).toEqual(['lesson.create', 'lesson.publish', 'lesson.unpublish']);
    expect(audit.every((a) => a.actorUserId === w.coordA.id && a.orgUnitId === w.schoolA.id)).toBe(true);
    expect(audit[0].detail).toEqual({ topic: 'EMOTION', format: 'ARTICLE' });
    expect(JSON.stringify(audit.map((a) => a.detail))).not.toMatch(/测试|课程|正文/);
  });

  it('filters by stage and topic, and pages with a cursor', async () => {
    const w = await world();
    const m = marker();
    const ids: string[] = [];
    for (const [i, extra] of [
      { stages: ['KINDERGARTEN'], topic: 'ROUTINE' },
      { stages: ['PRIMARY', 'JUNIOR'], topic: 'ROUTINE' },
      { stages: ['SENIOR'], topic: 'SAFETY' },
    ].entries()) {
      ids.push(await published(w.coordA, article(w.schoolA.id, `${m} 第${i}课`, extra)));
    }
    const byStage = await lessons(w.parentA).list({ q: m, stage: 'JUNIOR' });
    expect(byStage.items.map((l) => l.id)).toEqual([ids[1]]);
    const byTopic = await lessons(w.parentA).list({ q: m, topic: 'ROUTINE' });
    expect(byTopic.items.map((l) => l.id).sort()).toEqual([ids[0], ids[1]].sort());

    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 5; page += 1) {
      const res: Awaited<ReturnType<ReturnType<typeof lessons>['list']>> = await lessons(w.parentA).list({
        q: m,
        limit: 2,
        cursor,
      });
      seen.push(...res.items.map((l) => l.id));
      cursor = res.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toEqual([...ids].reverse());
  });
});

describe('lessons.complete and lessons.stats', () => {
  it('records a completion once per user and counts them; stats shows counts only', async () => {
    const w = await world();
    const m = marker();
    const province = await published(w.admin, article(PROVINCE_ID, `${m} 省级`));
    const own = await published(w.coordA, article(w.schoolA.id, `${m} 本校一`));
    const own2 = await published(w.coordA, article(w.schoolA.id, `${m} 本校二`));

    expect(await lessons(w.parentA).complete({ lessonId: province })).toEqual({ ok: true, completedCount: 1 });
    expect(await lessons(w.parentA).complete({ lessonId: province })).toEqual({ ok: true, completedCount: 1 });
    expect(await lessons(w.parentA).complete({ lessonId: own })).toEqual({ ok: true, completedCount: 2 });
    expect(await app.db.lessonCompletion.count({ where: { userId: w.parentA.id } })).toBe(2);
    const row = await app.db.lessonCompletion.findUniqueOrThrow({
      where: { lessonId_userId: { lessonId: own, userId: w.parentA.id } },
      select: { familyId: true },
    });
    expect(row.familyId).toBe(w.parentA.familyId);

    expect((await lessons(w.parentA).get({ lessonId: own })).completed).toBe(true);
    const listed = await lessons(w.parentA).list({ q: m });
    expect(Object.fromEntries(listed.items.map((l) => [l.id, l.completed]))).toEqual({
      [province]: true,
      [own]: true,
      [own2]: false,
    });

    // A second guardian of another family of school A completes the same lesson.
    const parentA2 = await parentOf(w.schoolA);
    await lessons(parentA2).complete({ lessonId: own });

    const stats = await lessons(w.coordA).stats({ orgUnitId: w.schoolA.id });
    expect(stats.items).toEqual([
      {
        lessonId: own2,
        title: `${m} 本校二`,
        topic: 'EMOTION',
        topicLabel: '情绪管理',
        published: true,
        completedCount: 0,
        familyCount: 0,
      },
      {
        lessonId: own,
        title: `${m} 本校一`,
        topic: 'EMOTION',
        topicLabel: '情绪管理',
        published: true,
        completedCount: 2,
        familyCount: 2,
      },
    ]);
    expect(JSON.stringify(stats)).not.toContain(w.parentA.id);
    const provinceStats = await lessons(w.admin).stats({ orgUnitId: PROVINCE_ID });
    expect(provinceStats.items.find((i) => i.lessonId === province)).toMatchObject({
      completedCount: 1,
      familyCount: 1,
    });
  });

  it('an editor cannot mark a draft as completed', async () => {
    const w = await world();
    const { id } = await lessons(w.coordA).create(article(w.schoolA.id, `${marker()} 草稿`));
    await expect(lessons(w.coordA).complete({ lessonId: id })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: '课程尚未发布，不能标记为已学完',
    });
  });
});

describe('lessons: input rules', () => {
  /** The Chinese messages of a zod rejection, or the AppError message. */
  async function rejection(p: Promise<unknown>): Promise<{ code: string; messages: string[] }> {
    try {
      await p;
    } catch (err) {
      const e = err as TRPCError;
      const messages = e.cause instanceof ZodError ? e.cause.issues.map((i) => i.message) : [e.message];
      return { code: e.code, messages };
    }
    throw new Error('expected a rejection');
  }

  it('refuses bad lessons with BAD_REQUEST and Chinese messages, and writes nothing', async () => {
    const w = await world();
    const unit = w.schoolA.id;
    const before = await app.db.lesson.count({ where: { orgUnitId: unit } });
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ ...article(unit, '视频课'), format: 'VIDEO', body: undefined }, /视频课程须填写以 https:\/\/ 开头的视频地址/],
      [
        { ...article(unit, '视频课'), format: 'VIDEO', videoUrl: 'http://example.org/v.mp4' },
        /视频地址须为以 https:\/\/ 开头的网址/,
      ],
      [
        { ...article(unit, '视频课'), format: 'VIDEO', videoUrl: 'javascript:alert(1)' },
        /视频地址须为以 https:\/\/ 开头的网址/,
      ],
      [article(unit, '题'.repeat(61)), /课程标题不能超过 60 个字/],
      [article(unit, '   '), /请填写课程标题/],
      [{ ...article(unit, '无正文'), body: '' }, /图文课程须填写正文/],
      [article(unit, '无学段', { stages: [] }), /请至少选择一个适用学段/],
      [article(unit, '错学段', { stages: ['G3'] }), /学段不正确/],
      [article(unit, '错主题', { topic: 'HOROSCOPE' }), /课程主题不正确/],
      [article(unit, '时长', { durationMinutes: 0 }), /时长至少 1 分钟/],
    ];
    for (const [input, message] of cases) {
      const r = await rejection(lessons(w.coordA).create(unchecked(input)));
      expect([input.title, r.code]).toEqual([input.title, 'BAD_REQUEST']);
      expect(r.messages.join('；')).toMatch(message);
    }
    expect(await app.db.lesson.count({ where: { orgUnitId: unit } })).toBe(before);

    // A VIDEO lesson with an https address is fine.
    const { id } = await lessons(w.coordA).create({
      ...article(unit, '视频课'),
      format: 'VIDEO',
      body: undefined,
      videoUrl: 'https://video.example.org/lesson.mp4',
    });
    expect((await lessons(w.coordA).get({ lessonId: id })).videoUrl).toBe('https://video.example.org/lesson.mp4');
  });

  it('update changes only the given fields and checks the format rule on the result', async () => {
    const w = await world();
    const m = marker();
    const { id } = await lessons(w.coordA).create(article(w.schoolA.id, `${m} 原标题`));
    await lessons(w.coordA).update({ lessonId: id, title: `${m} 新标题`, summary: '' });
    expect(await lessons(w.coordA).get({ lessonId: id })).toMatchObject({
      title: `${m} 新标题`,
      summary: null,
      body: '测试正文：家长可以这样陪伴孩子。',
      topic: 'EMOTION',
    });

    expect(await rejection(lessons(w.coordA).update({ lessonId: id, format: 'VIDEO' }))).toEqual({
      code: 'BAD_REQUEST',
      messages: ['视频课程须填写以 https:// 开头的视频地址'],
    });
    expect(await rejection(lessons(w.coordA).update({ lessonId: id, body: null }))).toEqual({
      code: 'BAD_REQUEST',
      messages: ['图文课程须填写正文'],
    });
    expect(await rejection(lessons(w.coordA).update({ lessonId: id }))).toEqual({
      code: 'BAD_REQUEST',
      messages: ['没有需要修改的内容'],
    });
    await lessons(w.coordA).update({ lessonId: id, format: 'VIDEO', videoUrl: 'https://video.example.org/a.mp4' });
    expect(await lessons(w.coordA).get({ lessonId: id })).toMatchObject({
      format: 'VIDEO',
      videoUrl: 'https://video.example.org/a.mp4',
    });
    expect(await app.db.auditLog.count({ where: { targetId: id, action: 'lesson.update' } })).toBe(2);
  });

  it('answers bad input over HTTP with 400 and a Chinese message, no stack', async () => {
    const w = await world();
    const http = await listen(app);
    try {
      const token = await app.tokenFor(w.coordA.id);
      const res = await callHttp(http.url, 'lessons.create', {
        method: 'POST',
        token,
        input: { ...article(w.schoolA.id, '视频课'), format: 'VIDEO', body: undefined },
      });
      expect(res.status).toBe(400);
      expect(res.json.error.message).toBe('输入有误：videoUrl：视频课程须填写以 https:// 开头的视频地址');
      expect(res.text).not.toMatch(/stack|at .*\.ts:\d+/);
      const long = await callHttp(http.url, 'lessons.create', {
        method: 'POST',
        token,
        input: article(w.schoolA.id, '题'.repeat(61)),
      });
      expect(long.status).toBe(400);
      expect(long.json.error.message).toBe('输入有误：title：课程标题不能超过 60 个字');
    } finally {
      await http.close();
    }
  });
});

describe('lessons: who may do what', () => {
  it('anonymous callers are refused with UNAUTHORIZED', async () => {
    await expect(lessons(null).list({})).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: '请先登录' });
    await expect(lessons(null).get({ lessonId: 'x' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(lessons(null).complete({ lessonId: 'x' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('parents and teachers cannot write lessons; coordinators only at their own school', async () => {
    const w = await world();
    const teacherA = await app.as((await makeStaff(app.db, 'TEACHER', w.schoolA.id)).id);
    await expect(lessons(w.parentA).create(article(w.schoolA.id, '家长写课'))).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(lessons(teacherA).create(article(w.schoolA.id, '教师写课'))).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: '您的角色无权进行此操作',
    });
    await expect(lessons(w.coordA).create(article(w.schoolB.id, '越权写课'))).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: '超出您的管辖范围',
    });
    await expect(lessons(w.coordA).create(article(PROVINCE_ID, '省级写课'))).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: '超出您的管辖范围',
    });
    await expect(lessons(w.parentA).stats({ orgUnitId: w.schoolA.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(lessons(w.coordA).stats({ orgUnitId: w.schoolB.id })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: '超出您的管辖范围',
    });

    const lessonB = (await lessons(w.coordB).create(article(w.schoolB.id, '他校课程'))).id;
    for (const call of [
      () => lessons(w.coordA).publish({ lessonId: lessonB }),
      () => lessons(w.coordA).unpublish({ lessonId: lessonB }),
      () => lessons(w.coordA).update({ lessonId: lessonB, title: '改他校课程' }),
    ]) {
      await expect(call()).rejects.toMatchObject({ code: 'FORBIDDEN', message: '超出您的管辖范围' });
    }
    await expect(lessons(w.coordA).publish({ lessonId: 'no-such-lesson' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(
      await app.db.lesson.findUniqueOrThrow({ where: { id: lessonB }, select: { published: true, title: true } }),
    ).toEqual({ published: false, title: '他校课程' });

    // A counselor of school A and the province admin may write there.
    const counselorA = await app.as((await makeStaff(app.db, 'COUNSELOR', w.schoolA.id)).id);
    await expect(lessons(counselorA).create(article(w.schoolA.id, '心理教师写课'))).resolves.toEqual({
      id: expect.any(String),
    });
    await expect(lessons(w.admin).create(article(w.schoolA.id, '管理员写课'))).resolves.toEqual({
      id: expect.any(String),
    });
  });
});

describe('seedDemoLessons', () => {
  it('publishes eight parent articles once, and skips on a second run', async () => {
    const unit = await makeUnit(app.db);
    const author = await makeStaff(app.db, 'ADMIN', PROVINCE_ID);
    expect(await seedDemoLessons(app.db, unit.id, author.id)).toEqual({ seeded: true, count: 8 });
    expect(await seedDemoLessons(app.db, unit.id, author.id)).toEqual({ seeded: false, count: 0 });
    const rows = await app.db.lesson.findMany({
      where: { orgUnitId: unit.id },
      select: { format: true, published: true, body: true, topic: true, stages: true },
    });
    expect(rows).toHaveLength(8);
    for (const r of rows) {
      expect(r).toMatchObject({ format: 'ARTICLE', published: true });
      expect(r.body!.length).toBeGreaterThanOrEqual(300);
      expect(r.body!.length).toBeLessThanOrEqual(600);
      expect(r.stages.length).toBeGreaterThan(0);
      // Only these numbers are named: the two hotlines and the emergency numbers.
      for (const n of r.body!.match(/\d{3,}/g) ?? []) expect(['12356', '12355', '110', '120']).toContain(n);
    }
    expect(DEMO_LESSONS.some((l) => l.body.includes('12356 心理援助热线'))).toBe(true);
    expect(DEMO_LESSONS.some((l) => l.body.includes('12355 青少年服务台'))).toBe(true);

    // A parent of that school sees them.
    const parent = await parentOf(unit);
    const seen = await lessons(parent).list({ q: '校园欺凌' });
    expect(seen.items.some((l) => l.publisherName === unit.name)).toBe(true);
  });
});
