/**
 * Class rosters are the households (issue: ready for a real region): rosters.importXlsx, a parent claiming a
 * roster child with the class invite, paper sign-in sheets, the 待核对 queue, and coverage against known
 * households.
 */
import { createTestApp, type TestApp } from '../helpers/test-app';
import { inHours, makeSession, makeStaff, makeUnit, makeWechatUser, sessionInput } from '../helpers/builders';
import { xlsxBase64 } from '../helpers/xlsx';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app.close());

const HEADER = ['年级', '班级', '学生姓名', '家庭编号', '监护人姓名', '监护人关系', '监护人手机'];
const coordinatorOf = async (schoolId: string) =>
  app.caller(await app.as((await makeStaff(app.db, 'COORDINATOR', schoolId)).id));
/** A session that is on now (attendance is taken from an hour before the start). */
const NOW = { startsAt: inHours(-0.5), endsAt: inHours(1.5) };
/** This year in China (the report's year). */
const YEAR = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));

const CLASS_OF_12 = Array.from({ length: 12 }, (_, i) => `三班学生${i + 1}`);

async function rosteredSchool() {
  const school = await makeUnit(app.db);
  const coordinator = await coordinatorOf(school.id);
  const file = await xlsxBase64([
    HEADER,
    ['三年级', '1班', '王小明', 'H001', '王芳', '母亲', '138 0013 8000'],
    ['一年级', '（2）班', '王小红', 'H001', null, null, null],
    ['三年级', '三年级（1）班', '李想', null, null, null, null],
    ['G3', '2', '赵一', null, '赵大山', '祖父', '13900139000'],
    ['三年级', '2班', '钱二', 'H002', null, null, null],
    // A class of twelve more, each a household of their own (reports withhold counts under 5 of one school).
    ...CLASS_OF_12.map((name) => ['三年级', '3班', name, null, null, null, null]),
  ]);
  return { school, coordinator, file };
}

describe('rosters.importXlsx', () => {
  it('makes one household per 家庭编号 or student, and the same file again changes nothing', async () => {
    const { school, coordinator, file } = await rosteredSchool();
    expect(await coordinator.rosters.importXlsx({ schoolId: school.id, fileBase64: file })).toEqual({
      households: 16,
      children: 17,
      created: 17,
      updated: 0,
      closed: 0,
      errors: [],
    });
    const snapshot = async () => ({
      families: await app.db.family.findMany({
        where: { orgUnitId: school.id },
        select: { id: true, householdKey: true, contactEnc: true, contactMasked: true, enrolledFrom: true },
        orderBy: { id: 'asc' },
      }),
      children: await app.db.child.findMany({
        where: { schoolId: school.id },
        select: { id: true, familyId: true, grade: true, className: true, name: true, leftAt: true },
        orderBy: { id: 'asc' },
      }),
    });
    const first = await snapshot();
    expect(first.families).toHaveLength(16);
    // Siblings under one key are one household; class names have one spelling.
    const siblings = first.children.filter((c) => c.name.startsWith('王'));
    expect(new Set(siblings.map((c) => c.familyId)).size).toBe(1);
    expect(
      first.children
        .filter((c) => c.className !== '三年级（3）班')
        .map((c) => `${c.grade} ${c.className} ${c.name}`)
        .sort(),
    ).toEqual([
      'G1 一年级（2）班 王小红',
      'G3 三年级（1）班 李想',
      'G3 三年级（1）班 王小明',
      'G3 三年级（2）班 赵一',
      'G3 三年级（2）班 钱二',
    ]);
    // The rostered mobile is stored encrypted and listed masked.
    const wang = first.families.find((f) => f.householdKey === 'H001')!;
    expect(wang.contactMasked).toBe('王*（母亲） 138****8000');
    expect(wang.contactEnc).not.toContain('13800138000');
    expect(JSON.parse(app.deps.cipher.decrypt(wang.contactEnc!, `Family:${wang.id}:contact`))).toEqual({
      name: '王芳',
      relation: '母亲',
      phone: '13800138000',
    });

    expect(await coordinator.rosters.importXlsx({ schoolId: school.id, fileBase64: file })).toMatchObject({
      households: 16,
      children: 17,
      created: 0,
      updated: 0,
      closed: 0,
    });
    expect(await snapshot()).toEqual(first);
    const history = await coordinator.orgUnits.imports({ orgUnitId: school.id });
    expect(history.map((h) => [h.kind, h.rows, h.created])).toEqual([
      ['ROSTER', 17, 0],
      ['ROSTER', 17, 17],
    ]);
  });

  it('next term: a promoted student stays the same child, and one missing from its class leaves', async () => {
    const { school, coordinator, file } = await rosteredSchool();
    await coordinator.rosters.importXlsx({ schoolId: school.id, fileBase64: file });
    const before = await app.db.child.findFirstOrThrow({ where: { schoolId: school.id, name: '钱二' } });
    const next = await xlsxBase64([
      HEADER,
      ['四年级', '2班', '钱二', 'H002', null, null, null],
      ['三年级', '1班', '王小明', 'H001', null, null, null],
    ]);
    expect(await coordinator.rosters.importXlsx({ schoolId: school.id, fileBase64: next })).toMatchObject({
      created: 0,
      updated: 1,
      // 李想 (三年级（1）班, in the file) leaves; 王小红 and 赵一 are in classes the file does not list.
      closed: 1,
    });
    const after = await app.db.child.findUniqueOrThrow({ where: { id: before.id } });
    expect([after.grade, after.className, after.familyId]).toEqual(['G4', '四年级（2）班', before.familyId]);
    const li = await app.db.child.findFirstOrThrow({ where: { schoolId: school.id, name: '李想' } });
    expect(li.leftReason).toBe('LEFT');
    const liFamily = await app.db.family.findUniqueOrThrow({ where: { id: li.familyId } });
    expect(liFamily.enrolledUntil).not.toBeNull();
    // Its household stays counted this year (it was enrolled in it).
    const report = await coordinator.reports.coverage({ orgUnitId: school.id, year: YEAR });
    expect(report.total).toMatchObject({ families: 16, enrolledFamilies: 16, joinedFamilies: 0 });
  });

  it('a file with mistakes writes nothing and lists every row’s problem in Chinese', async () => {
    const school = await makeUnit(app.db);
    const coordinator = await coordinatorOf(school.id);
    const bad = await xlsxBase64([
      HEADER,
      ['三年级', '1班', '好学生', null, null, null, null],
      ['三年级', '1班', '', null, null, null, null],
      ['九十年级', '1班', '孙三', null, null, null, null],
      ['三年级', '（1）班', '好学生', null, null, null, null],
      ['三年级', '2班', '周四', null, '周爸爸', '父亲', '12345'],
    ]);
    const answer = await coordinator.rosters.importXlsx({ schoolId: school.id, fileBase64: bad });
    expect(answer.created).toBe(0);
    expect(answer.errors).toEqual([
      { row: 3, message: '学生姓名不能为空' },
      { row: 4, message: expect.stringContaining('年级“九十年级”无法识别') },
      { row: 5, message: '与第 2 行是同一名学生（三年级、三年级（1）班、好学生）' },
      { row: 6, message: '监护人手机“12345”不是有效的 11 位手机号' },
    ]);
    const missing = await xlsxBase64([
      ['年级', '学生姓名'],
      ['三年级', '孙三'],
    ]);
    expect((await coordinator.rosters.importXlsx({ schoolId: school.id, fileBase64: missing })).errors).toEqual([
      { row: 1, message: `缺少“班级”列（表头应为：${HEADER.join('、')}）` },
    ]);
    expect(await app.db.child.count({ where: { schoolId: school.id } })).toBe(0);
    expect(await app.db.importRun.count({ where: { orgUnitId: school.id } })).toBe(0);
  });

  it('another school’s coordinator, and a teacher of this one, are refused', async () => {
    const { school, file } = await rosteredSchool();
    const other = await makeUnit(app.db);
    await expect(
      (await coordinatorOf(other.id)).rosters.importXlsx({ schoolId: school.id, fileBase64: file }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const teacher = app.caller(await app.as((await makeStaff(app.db, 'TEACHER', school.id)).id));
    await expect(teacher.rosters.importXlsx({ schoolId: school.id, fileBase64: file })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await app.db.child.count({ where: { schoolId: school.id } })).toBe(0);
  });
});

describe('a parent joining with the class invite', () => {
  it('claims the roster child: no household is added, and the sibling in another class follows', async () => {
    const { school, coordinator, file } = await rosteredSchool();
    await coordinator.rosters.importXlsx({ schoolId: school.id, fileBase64: file });
    const { code } = await coordinator.invites.createClass({ orgUnitId: school.id, grade: 'G3', className: '1班' });
    const households = await app.db.family.count({ where: { orgUnitId: school.id } });
    const parent = await makeWechatUser(app.db);
    const { familyId } = await app
      .caller(await app.as(parent.id))
      .families.join({ inviteCode: code, relation: 'MOTHER', child: { name: '王小明', grade: 'G3' } });
    expect(await app.db.family.count({ where: { orgUnitId: school.id } })).toBe(households);
    const mine = await app.caller(await app.as(parent.id)).families.mine();
    expect(mine.id).toBe(familyId);
    expect(mine.children.map((c) => c.name).sort()).toEqual(['王小明', '王小红']);
    expect((await coordinator.rosters.pending({ schoolId: school.id })).length).toBe(0);

    // A second stranger naming the same child does not get into that household: they wait in 待核对.
    const stranger = await makeWechatUser(app.db);
    const theirs = await app
      .caller(await app.as(stranger.id))
      .families.join({ inviteCode: code, relation: 'FATHER', child: { name: '王小明', grade: 'G3' } });
    expect(theirs.familyId).not.toBe(familyId);
    const pending = await coordinator.rosters.pending({ schoolId: school.id });
    expect(pending.map((p) => [p.familyId, p.matches.map((m) => [m.familyId, m.joined])])).toEqual([
      [theirs.familyId, [[familyId, true]]],
    ]);
  });

  it('a family that joined before the roster is matched by the coordinator, keeping its attendance once', async () => {
    const { school, coordinator, file } = await rosteredSchool();
    await coordinator.rosters.importXlsx({ schoolId: school.id, fileBase64: file });
    const parent = await makeWechatUser(app.db);
    const { familyId: joined } = await app
      .caller(await app.as(parent.id))
      .families.join({ inviteCode: school.inviteCode, relation: 'GRANDPARENT', child: { name: '李想', grade: 'G3' } });
    const session = await makeSession(app, sessionInput(school.id, NOW));
    // Both records of the household were marked present: after the match it is one family present, served once.
    const rostered = (
      await app.db.child.findFirstOrThrow({ where: { schoolId: school.id, name: '李想', enrolledAt: { not: null } } })
    ).familyId;
    for (const familyId of [joined, rostered])
      await coordinator.sessions.markAttendance({ sessionId: session.id, familyId, present: true });
    const [item] = await coordinator.rosters.pending({ schoolId: school.id });
    expect(item.matches).toEqual([expect.objectContaining({ familyId: rostered, name: '李想', joined: false })]);
    await coordinator.rosters.matchFamily({ familyId: joined, intoFamilyId: rostered });

    expect(await app.db.family.findUnique({ where: { id: joined } })).toBeNull();
    expect(await app.db.guardian.findUniqueOrThrow({ where: { userId: parent.id } })).toMatchObject({
      familyId: rostered,
    });
    expect(await app.db.child.count({ where: { familyId: rostered } })).toBe(1);
    expect((await app.db.guidanceSession.findUniqueOrThrow({ where: { id: session.id } })).attendedCount).toBe(1);
    expect(
      await app.db.familyServiceYear.findMany({ where: { familyId: rostered }, select: { services: true } }),
    ).toEqual([{ services: 1 }]);
    expect(await coordinator.rosters.pending({ schoolId: school.id })).toEqual([]);
  });
});

describe('sessions.importAttendance', () => {
  it('marks the households on the sheet present once, and returns the names it cannot find', async () => {
    const { school, coordinator, file } = await rosteredSchool();
    await coordinator.rosters.importXlsx({ schoolId: school.id, fileBase64: file });
    const session = await makeSession(app, sessionInput(school.id, { ...NOW, capacity: 50 }));
    const sheet = await xlsxBase64([
      ['年级', '班级', '学生姓名'],
      ['三年级', '1班', '王小明'],
      ['一年级', '2班', '王小红'],
      ['三年级', '1', '李 想'],
      ['三年级', '1班', '不在册'],
      ...CLASS_OF_12.slice(0, 6).map((name) => ['三年级', '（3）班', name]),
    ]);
    expect(await coordinator.sessions.importAttendance({ sessionId: session.id, fileBase64: sheet })).toEqual({
      marked: 8,
      unmatched: [{ row: 5, name: '不在册' }],
    });
    expect(await coordinator.sessions.importAttendance({ sessionId: session.id, fileBase64: sheet })).toEqual({
      marked: 0,
      unmatched: [{ row: 5, name: '不在册' }],
    });
    expect((await app.db.guidanceSession.findUniqueOrThrow({ where: { id: session.id } })).attendedCount).toBe(8);
    const report = await coordinator.reports.coverage({ orgUnitId: school.id, year: YEAR });
    // Sixteen households on the roster, none in the app, eight served: 50%.
    expect(report.total).toMatchObject({
      families: 16,
      enrolledFamilies: 16,
      joinedFamilies: 0,
      servedFamilies: 8,
      coverage: 0.5,
    });
  });

  it('a sheet for a session next week is refused (only what happened counts)', async () => {
    const { school, coordinator, file } = await rosteredSchool();
    await coordinator.rosters.importXlsx({ schoolId: school.id, fileBase64: file });
    const session = await makeSession(
      app,
      sessionInput(school.id, { startsAt: inHours(24 * 6), endsAt: inHours(24 * 6 + 2) }),
    );
    const sheet = await xlsxBase64([
      ['年级', '班级', '学生姓名'],
      ['三年级', '1班', '王小明'],
    ]);
    await expect(
      coordinator.sessions.importAttendance({ sessionId: session.id, fileBase64: sheet }),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('签到还没有开始') });
    expect(await app.db.attendance.count({ where: { sessionId: session.id } })).toBe(0);
  });
});
