import { createTestApp, listen, callHttp, type TestApp } from '../helpers/test-app';
import { unchecked } from '../helpers/router-types';
import { makeInvite, makeUnit, makeWechatUser } from '../helpers/builders';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app.close());

describe('families.join and families.mine', () => {
  it('a demo parent joins with HLJDEMO and sees the child in the demo school', async () => {
    const login = await app.caller().auth.wechatLogin({ code: 'demo-parent-11' });
    const parent = await app.as(login.user.id);
    expect(parent.familyId).toBeNull();
    const { familyId } = await app
      .caller(parent)
      .families.join({ inviteCode: 'HLJDEMO', relation: 'MOTHER', child: { name: '林小雨', grade: 'G3' } });
    const mine = await app.caller(await app.as(parent.id)).families.mine();
    expect(mine.id).toBe(familyId);
    expect(mine.orgUnitName).toBe('哈尔滨市南岗区心桥实验小学');
    expect(mine.children).toEqual([
      expect.objectContaining({
        name: '林小雨',
        grade: 'G3',
        gradeLabel: '三年级',
        schoolName: '哈尔滨市南岗区心桥实验小学',
        className: null,
      }),
    ]);
    expect(mine.guardians).toEqual([
      expect.objectContaining({ relation: 'MOTHER', relationLabel: '母亲', isMe: true }),
    ]);
    expect(mine.inviteCode).toMatch(/^[A-Z2-9]{8}$/);
  });

  it('a second guardian joins the same family with the family’s own invite', async () => {
    const school = await makeUnit(app.db);
    const mother = await app.as((await makeWechatUser(app.db)).id);
    const { familyId } = await app.caller(mother).families.join({
      inviteCode: school.inviteCode,
      relation: 'MOTHER',
      child: { name: '赵一鸣', grade: unchecked(5) },
    });
    const familyInvite = (await app.caller(await app.as(mother.id)).families.mine()).inviteCode!;

    const father = await app.as((await makeWechatUser(app.db)).id);
    const joined = await app.caller(father).families.join({
      inviteCode: familyInvite.toLowerCase(),
      relation: unchecked('父亲'),
      child: { name: '赵一鸣', grade: '五年级' },
    });
    expect(joined.familyId).toBe(familyId);

    const seenByFather = await app.caller(await app.as(father.id)).families.mine();
    expect(seenByFather.guardians.map((g) => [g.relation, g.isMe])).toEqual([
      ['MOTHER', false],
      ['FATHER', true],
    ]);
    // The same child is not added twice.
    expect(seenByFather.children.map((c) => c.name)).toEqual(['赵一鸣']);
  });

  it('a guardian with a family adds a sibling with the school invite, without a second family', async () => {
    const school = await makeUnit(app.db);
    const parent = await app.as((await makeWechatUser(app.db)).id);
    const first = await app
      .caller(parent)
      .families.join({ inviteCode: school.inviteCode, relation: 'FATHER', child: { name: '孙大宝', grade: 'G6' } });
    const second = await app
      .caller(await app.as(parent.id))
      .families.join({ inviteCode: school.inviteCode, relation: 'FATHER', child: { name: '孙小宝', grade: 'K2' } });
    expect(second.familyId).toBe(first.familyId);
    const mine = await app.caller(await app.as(parent.id)).families.mine();
    expect(mine.children.map((c) => `${c.name}:${c.gradeLabel}`)).toEqual(['孙大宝:六年级', '孙小宝:幼儿园中班']);
    expect(await app.db.family.count({ where: { guardians: { some: { userId: parent.id } } } })).toBe(1);
  });

  it('a class invite places the child in its grade and class', async () => {
    const school = await makeUnit(app.db);
    const classInvite = await makeInvite(app.db, school.id, { kind: 'CLASS', grade: 'G3', className: '三年级（1）班' });
    const parent = await app.as((await makeWechatUser(app.db)).id);
    await app
      .caller(parent)
      .families.join({ inviteCode: classInvite, relation: 'GRANDPARENT', child: { name: '钱多多', grade: 'G3' } });
    const mine = await app.caller(await app.as(parent.id)).families.mine();
    expect(mine.children[0]).toMatchObject({ grade: 'G3', className: '三年级（1）班' });
  });

  it('a guardian of one family cannot join another family', async () => {
    const school = await makeUnit(app.db);
    const a = await app.as((await makeWechatUser(app.db)).id);
    const b = await app.as((await makeWechatUser(app.db)).id);
    await app
      .caller(a)
      .families.join({ inviteCode: school.inviteCode, relation: 'MOTHER', child: { name: '甲', grade: 'G1' } });
    await app
      .caller(b)
      .families.join({ inviteCode: school.inviteCode, relation: 'MOTHER', child: { name: '乙', grade: 'G1' } });
    const bInvite = (await app.caller(await app.as(b.id)).families.mine()).inviteCode!;
    await expect(
      app
        .caller(await app.as(a.id))
        .families.join({ inviteCode: bInvite, relation: 'MOTHER', child: { name: '乙', grade: 'G1' } }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      message: '您已绑定其他家庭，不能再用此邀请码加入',
    });
  });

  it('an unknown invite code is 404 and writes nothing', async () => {
    const parent = await app.as((await makeWechatUser(app.db)).id);
    const before = await app.db.family.count();
    await expect(
      app
        .caller(parent)
        .families.join({ inviteCode: 'NOPE1234', relation: 'MOTHER', child: { name: '某某', grade: 'G1' } }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: '邀请码无效或已过期，请向学校或家人核对',
    });
    expect(await app.db.family.count()).toBe(before);
  });

  it('families.mine is 404 for a user without a family', async () => {
    const parent = await app.as((await makeWechatUser(app.db)).id);
    await expect(app.caller(parent).families.mine()).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('a failure inside the join transaction leaves no family behind', async () => {
    const school = await makeUnit(app.db);
    const parent = await app.as((await makeWechatUser(app.db)).id);
    // Make the last write of the transaction (the audit row) fail: nothing written before it may stay.
    await app.db.$executeRawUnsafe(
      `ALTER TABLE "AuditLog" ADD CONSTRAINT audit_block_join CHECK (action <> 'family.join') NOT VALID`,
    );
    try {
      await expect(
        app
          .caller(parent)
          .families.join({ inviteCode: school.inviteCode, relation: 'MOTHER', child: { name: '半途', grade: 'G2' } }),
      ).rejects.toBeDefined();
    } finally {
      await app.db.$executeRawUnsafe(`ALTER TABLE "AuditLog" DROP CONSTRAINT audit_block_join`);
    }
    expect(await app.db.family.count({ where: { orgUnitId: school.id } })).toBe(0);
    expect(await app.db.guardian.count({ where: { userId: parent.id } })).toBe(0);
    expect(
      await app.db.inviteCode.findUniqueOrThrow({ where: { code: school.inviteCode }, select: { uses: true } }),
    ).toEqual({ uses: 0 });
  });
});

describe('families over HTTP: bad input', () => {
  it('answers 400 with Chinese field messages and writes nothing', async () => {
    const http = await listen(app);
    try {
      const user = await makeWechatUser(app.db);
      const token = await app.tokenFor(user.id);
      const cases = [
        { inviteCode: 'HLJDEMO', relation: 'UNCLE', child: { name: '某', grade: 'G1' } },
        { inviteCode: 'HLJDEMO', relation: 'MOTHER', child: { name: '', grade: 'G1' } },
        { inviteCode: 'HLJDEMO', relation: 'MOTHER', child: { name: '某', grade: '研一' } },
        { inviteCode: 'HLJDEMO', relation: 'MOTHER', child: { name: 'x'.repeat(5000), grade: 'G1' } },
        { inviteCode: 'HLJDEMO', relation: 'MOTHER' },
        'not an object',
      ];
      const expected = [
        /与孩子的关系/,
        /请填写孩子姓名/,
        /年级不正确/,
        /孩子姓名不能超过 32 个字/,
        /请填写孩子的姓名和年级/,
        /输入有误/,
      ];
      for (const [i, input] of cases.entries()) {
        const res = await callHttp(http.url, 'families.join', { method: 'POST', token, input });
        expect(res.status).toBe(400);
        expect(res.json.error.message).toMatch(expected[i]);
        expect(res.text).not.toMatch(/stack|at .*\.ts:\d+/);
      }
      expect(await app.db.guardian.count({ where: { userId: user.id } })).toBe(0);
    } finally {
      await http.close();
    }
  });
});
