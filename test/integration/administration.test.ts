/**
 * Administration of a region (issue: ready for a real region, part 1): an ADMIN builds units below their
 * grant, accounts are opened with an initial password that must be changed, a school's coordinator manages
 * its own teachers and counsellors, and a disabled account is out at once. Every change is audited.
 */
import { createTestApp, listen, callHttp, type TestApp } from '../helpers/test-app';
import {
  OTHER_TEST_CITY_ID,
  TEST_CITY_ID,
  makeCounty,
  makeFamilies,
  makeStaff,
  makeUnit,
  makeWechatUser,
  sessionInput,
  uid,
} from '../helpers/builders';

let app: TestApp;
let http: { url: string; close(): Promise<void> };
beforeAll(async () => {
  app = await createTestApp();
  http = await listen(app);
});
afterAll(async () => {
  await http.close();
  await app.close();
});

const cityAdmin = async () => app.caller(await app.as((await makeStaff(app.db, 'ADMIN', TEST_CITY_ID)).id));
const code = (digits: number) => String(Date.now() * 1000 + Math.floor(Math.random() * 1000)).slice(-digits);

describe('orgUnits.create', () => {
  it('builds a county, a school with its 学校标识码 and a guidance station with its kind and street', async () => {
    const admin = await cityAdmin();
    const { id: countyId } = await admin.orgUnits.create({
      parentId: TEST_CITY_ID,
      kind: 'COUNTY',
      name: '新设测试区',
    });
    const schoolCode = code(10);
    const { id: schoolId } = await admin.orgUnits.create({
      parentId: countyId,
      kind: 'SCHOOL',
      name: '新设测试小学',
      code: schoolCode,
      township: '和平街道',
    });
    const { id: siteId } = await admin.orgUnits.create({
      parentId: countyId,
      kind: 'COMMUNITY_SITE',
      name: '和平社区妇女儿童之家',
      siteType: 'WOMEN_CHILDREN_HOME',
      township: '和平街道',
    });
    const county = await app.db.orgUnit.findUniqueOrThrow({ where: { id: countyId } });
    expect(county).toMatchObject({ kind: 'COUNTY', parentId: TEST_CITY_ID, depth: 2 });
    expect(await app.db.orgUnit.findUniqueOrThrow({ where: { id: schoolId } })).toMatchObject({
      code: schoolCode,
      township: '和平街道',
      path: `${county.path}${schoolId}/`,
      depth: 3,
    });
    expect(await app.db.orgUnit.findUniqueOrThrow({ where: { id: siteId } })).toMatchObject({
      siteType: 'WOMEN_CHILDREN_HOME',
    });
    // Families can join the new school on day one, and the new units appear in the tree.
    expect(await app.db.inviteCode.count({ where: { orgUnitId: schoolId, kind: 'SCHOOL' } })).toBe(1);
    const listed = await admin.orgUnits.children({ parentId: countyId });
    expect(JSON.stringify(listed)).toContain('新设测试小学');
    expect(
      await app.db.auditLog.count({
        where: { action: 'orgUnit.create', targetId: { in: [countyId, schoolId, siteId] } },
      }),
    ).toBe(3);
  });

  it('refuses a kind that does not fit (400), a code already used (409) and a parent outside the grant (403)', async () => {
    const admin = await cityAdmin();
    const county = await makeCounty(app.db, { cityId: TEST_CITY_ID });
    await expect(
      admin.orgUnits.create({ parentId: TEST_CITY_ID, kind: 'SCHOOL', name: '挂错层级的学校' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: '市（地区）下只能设立县（市、区）' });
    await expect(
      admin.orgUnits.create({ parentId: county.id, kind: 'SCHOOL', name: '标识码不对', code: '123' }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      // A zod message: in the issue list the caller receives (HTTP answers it alone, in Chinese).
      message: expect.stringContaining('学校标识码应为 10 位数字'),
    });
    const taken = code(10);
    await admin.orgUnits.create({ parentId: county.id, kind: 'SCHOOL', name: '先建的学校', code: taken });
    await expect(
      admin.orgUnits.create({ parentId: county.id, kind: 'SCHOOL', name: '重复代码的学校', code: taken }),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: `代码 ${taken} 已被其他单位使用` });
    const elsewhere = await makeCounty(app.db, { cityId: OTHER_TEST_CITY_ID });
    await expect(admin.orgUnits.create({ parentId: elsewhere.id, kind: 'SCHOOL', name: '越权' })).rejects.toMatchObject(
      {
        code: 'FORBIDDEN',
      },
    );
    expect(await app.db.orgUnit.count({ where: { parentId: elsewhere.id } })).toBe(0);
  });
});

describe('staff accounts', () => {
  const login = (username: string, password: string) =>
    callHttp(http.url, 'auth.passwordLogin', { method: 'POST', input: { username, password } });

  it('a new account signs in with its initial password, must change it, and then works', async () => {
    const admin = await cityAdmin();
    const school = await makeUnit(app.db, { countyId: (await makeCounty(app.db, { cityId: TEST_CITY_ID })).id });
    const username = `coord.${uid()}`;
    const { userId } = await admin.staff.create({
      username,
      displayName: '王老师',
      password: 'initial-pass-1',
      role: 'COORDINATOR',
      orgUnitId: school.id,
    });
    const first = await login(username, 'initial-pass-1');
    expect(first.status).toBe(200);
    expect(first.json.result.data.user).toMatchObject({ id: userId, mustChangePassword: true });
    const token = first.json.result.data.token as string;
    const before = await callHttp(http.url, 'invites.list', { method: 'GET', token, input: { orgUnitId: school.id } });
    expect([before.status, before.json.error.message]).toEqual([403, '这是初始密码，请先修改密码后再使用']);
    const changed = await callHttp(http.url, 'auth.changePassword', {
      method: 'POST',
      token,
      input: { currentPassword: 'initial-pass-1', newPassword: 'my-own-pass-2' },
    });
    expect(changed.status).toBe(200);
    const after = await callHttp(http.url, 'invites.list', { method: 'GET', token, input: { orgUnitId: school.id } });
    expect(after.status).toBe(200);
    expect((await login(username, 'initial-pass-1')).status).toBe(401);
    expect((await login(username, 'my-own-pass-2')).json.result.data.user.mustChangePassword).toBe(false);
    const audit = await app.db.auditLog.findMany({
      where: { targetId: userId },
      select: { action: true, detail: true },
    });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['staff.create', 'auth.passwordChanged']));
    expect(JSON.stringify(audit)).not.toContain('initial-pass-1');
  });

  it('refuses a weak password (400) and a username already used (409)', async () => {
    const admin = await cityAdmin();
    const school = await makeUnit(app.db);
    const base = { displayName: '李老师', role: 'TEACHER' as const, orgUnitId: school.id };
    await expect(admin.staff.create({ ...base, username: `t.${uid()}`, password: 'short1' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      // A zod message: in the issue list the caller receives (HTTP answers it alone, in Chinese).
      message: expect.stringContaining('密码至少 8 位'),
    });
    await expect(admin.staff.create({ ...base, username: `t.${uid()}`, password: '12345678' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      // A zod message: in the issue list the caller receives (HTTP answers it alone, in Chinese).
      message: expect.stringContaining('密码不能全是数字，请加入字母或符号'),
    });
    await expect(
      admin.staff.create({ ...base, username: 'coord.demo', password: 'initial-pass-1' }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('a coordinator opens and disables teacher and counsellor accounts of their own school only', async () => {
    const school = await makeUnit(app.db);
    const other = await makeUnit(app.db);
    const coordinator = app.caller(await app.as((await makeStaff(app.db, 'COORDINATOR', school.id)).id));
    const input = (role: 'TEACHER' | 'COUNSELOR' | 'COORDINATOR' | 'ADMIN', orgUnitId = school.id) => ({
      username: `s.${uid()}`,
      displayName: '赵老师',
      password: 'initial-pass-1',
      role,
      orgUnitId,
    });
    const { userId: teacherId } = await coordinator.staff.create(input('TEACHER'));
    await expect(coordinator.staff.create(input('COUNSELOR'))).resolves.toMatchObject({ userId: expect.any(String) });
    for (const role of ['COORDINATOR', 'ADMIN'] as const) {
      await expect(coordinator.staff.create(input(role))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    await expect(coordinator.staff.create(input('TEACHER', other.id))).rejects.toMatchObject({ code: 'FORBIDDEN' });

    // Disabling: the teacher's live token stops working at once, and the password no longer signs in.
    const teacherToken = await app.tokenFor(teacherId);
    expect((await callHttp(http.url, 'auth.me', { method: 'GET', token: teacherToken })).status).toBe(200);
    await expect(coordinator.staff.disable({ userId: teacherId })).resolves.toEqual({ ok: true });
    expect((await callHttp(http.url, 'auth.me', { method: 'GET', token: teacherToken })).status).toBe(401);
    await app.db.user.update({ where: { id: teacherId }, data: { mustChangePassword: false } });
    const username = (await app.db.user.findUniqueOrThrow({ where: { id: teacherId } })).username!;
    expect((await login(username, 'initial-pass-1')).status).toBe(401);
    expect(await app.db.auditLog.count({ where: { action: 'staff.disable', targetId: teacherId } })).toBe(1);

    // Not an account with a role the coordinator may not manage.
    const fellow = await makeStaff(app.db, 'COORDINATOR', school.id);
    await expect(coordinator.staff.disable({ userId: fellow.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await app.db.user.findUniqueOrThrow({ where: { id: fellow.id } })).disabled).toBe(false);
  });

  it('a coordinator resets a teacher’s forgotten password: signed out everywhere, a new initial password to change', async () => {
    const school = await makeUnit(app.db);
    const coordinator = app.caller(await app.as((await makeStaff(app.db, 'COORDINATOR', school.id)).id));
    const username = `forgot.${uid()}`;
    const { userId } = await coordinator.staff.create({
      username,
      displayName: '忘记密码的老师',
      password: 'initial-pass-1',
      role: 'TEACHER',
      orgUnitId: school.id,
    });
    await app.db.user.update({ where: { id: userId }, data: { mustChangePassword: false } });
    const token = await app.tokenFor(userId);
    const reset = await coordinator.staff.resetPassword({ userId });
    expect(reset).toMatchObject({ username, displayName: '忘记密码的老师' });
    expect(reset.initialPassword).toMatch(/^[A-Za-z0-9]{12}$/);
    expect((await callHttp(http.url, 'auth.me', { method: 'GET', token })).status).toBe(401);
    expect((await login(username, 'initial-pass-1')).status).toBe(401);
    const again = await login(username, reset.initialPassword);
    expect(again.json.result.data.user.mustChangePassword).toBe(true);
    const audit = await app.db.auditLog.findMany({
      where: { action: 'staff.resetPassword', targetId: userId },
      select: { actorUserId: true, detail: true },
    });
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain(reset.initialPassword);
    // The list of the school's accounts shows it back on an initial password.
    expect((await coordinator.staff.list({ orgUnitId: school.id })).find((u) => u.userId === userId)).toMatchObject({
      mustChangePassword: true,
      roles: [{ role: 'TEACHER', orgUnitName: school.name }],
    });
    // Not the password of an account with a role the coordinator may not manage.
    const fellow = await makeStaff(app.db, 'COORDINATOR', school.id);
    await expect(coordinator.staff.resetPassword({ userId: fellow.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('changing the tree', () => {
  it('renames a school, moves it to another county with its families, and closes it', async () => {
    const admin = await cityAdmin();
    const [from, to] = [
      await makeCounty(app.db, { cityId: TEST_CITY_ID }),
      await makeCounty(app.db, { cityId: TEST_CITY_ID }),
    ];
    const school = await makeUnit(app.db, { countyId: from.id });
    await makeFamilies(app.db, school.id, 6);
    await admin.orgUnits.update({ orgUnitId: school.id, name: '合并后的实验学校', township: '新华街道' });
    expect(await app.db.orgUnit.findUniqueOrThrow({ where: { id: school.id } })).toMatchObject({
      name: '合并后的实验学校',
      township: '新华街道',
    });

    await admin.orgUnits.move({ orgUnitId: school.id, parentId: to.id });
    const moved = await app.db.orgUnit.findUniqueOrThrow({ where: { id: school.id } });
    expect(moved).toMatchObject({ parentId: to.id, path: `${to.path}${school.id}/`, depth: 3 });
    // Reports group by path: the families now sit under the new county's path, none under the old one's.
    const under = (path: string) => app.db.family.count({ where: { orgUnit: { path: { startsWith: path } } } });
    expect([await under(to.path), await under(from.path)]).toEqual([6, 0]);
    await expect(admin.orgUnits.move({ orgUnitId: school.id, parentId: TEST_CITY_ID })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: '学校不能调整到市（地区）下',
    });

    // A county with an open school cannot be closed; the school can, and then takes nothing new.
    await expect(admin.orgUnits.close({ orgUnitId: to.id })).rejects.toMatchObject({ code: 'CONFLICT' });
    await admin.orgUnits.close({ orgUnitId: school.id });
    await expect(
      app.caller(await app.as((await makeWechatUser(app.db)).id)).families.join({
        inviteCode: school.inviteCode,
        relation: 'MOTHER',
        child: { name: '新来的孩子', grade: 'G2' },
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const coordinator = app.caller(await app.as((await makeStaff(app.db, 'COORDINATOR', school.id)).id));
    await expect(coordinator.sessions.create(sessionInput(school.id))).rejects.toMatchObject({
      code: 'CONFLICT',
      message: '该单位已撤销，不能再开设活动',
    });
    // Its families stay, and count as before.
    expect(await under(to.path)).toBe(6);
    const actions = await app.db.auditLog.findMany({ where: { targetId: school.id }, select: { action: true } });
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(['orgUnit.update', 'orgUnit.move', 'orgUnit.close']),
    );
  });

  it('a coordinator gives a teacher the counsellor role and takes it back; the next request already knows', async () => {
    const school = await makeUnit(app.db);
    const coordinator = app.caller(await app.as((await makeStaff(app.db, 'COORDINATOR', school.id)).id));
    const teacher = await makeStaff(app.db, 'TEACHER', school.id);
    const token = await app.tokenFor(teacher.id);
    const referrals = () => callHttp(http.url, 'referrals.list', { method: 'GET', token, input: {} });
    expect((await referrals()).status).toBe(403);
    await coordinator.staff.grantRole({ userId: teacher.id, role: 'COUNSELOR', orgUnitId: school.id });
    expect((await referrals()).status).toBe(200);
    await coordinator.staff.revokeRole({ userId: teacher.id, role: 'COUNSELOR', orgUnitId: school.id });
    expect((await referrals()).status).toBe(403);
    await expect(
      coordinator.staff.grantRole({ userId: teacher.id, role: 'ADMIN', orgUnitId: school.id }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(
      await app.db.auditLog.count({
        where: { targetId: teacher.id, action: { in: ['staff.grantRole', 'staff.revokeRole'] } },
      }),
    ).toBe(2);
  });
});
