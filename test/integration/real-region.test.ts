/**
 * A county put into operation on a Monday morning (issue: ready for a real region): its units from the
 * bureau's file, a school's staff from the school's file, three classes from the roster; then parents joining
 * with the class invite, a paper sign-in sheet, and the coverage the federation reads. Every bad file answers
 * with row errors and writes nothing.
 */
import { createTestApp, type TestApp } from '../helpers/test-app';
import { inHours, makeCounty, makeStaff, makeWechatUser, sessionInput } from '../helpers/builders';
import { xlsxBase64 } from '../helpers/xlsx';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app.close());

const YEAR = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
let serial = 0;
const schoolCode = () => `2${String(Date.now()).slice(-6)}${String((serial += 1)).padStart(3, '0')}`;
const names = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);

/** Three classes: 8 + 7 + 6 students; two pairs of siblings share a 家庭编号, so 19 households. */
const CLASS_1 = names('甲', 8);
const CLASS_2 = names('乙', 7);
const CLASS_3 = names('丙', 6);
const rosterRows = () => [
  ['年级', '班级', '学生姓名', '家庭编号', '监护人姓名', '监护人关系', '监护人手机'],
  ...CLASS_1.map((n, i) => ['三年级', '1班', n, i === 0 ? 'F-A' : i === 1 ? 'F-B' : null, null, null, null]),
  ...CLASS_2.map((n) => ['三年级', '（2）班', n, null, null, null, null]),
  ...CLASS_3.map((n, i) => [
    '五年级',
    '五年级（1）班',
    n,
    i === 0 ? 'F-A' : i === 1 ? 'F-B' : null,
    '家长',
    '母亲',
    '13700000000',
  ]),
];

describe('a county put into operation', () => {
  it('units, staff and rosters from files; joining, a paper sheet and coverage of known households', async () => {
    const county = await makeCounty(app.db);
    const admin = app.caller(await app.as((await makeStaff(app.db, 'ADMIN', county.id)).id));

    // 1. The bureau's units file.
    const codeA = schoolCode();
    const units = await xlsxBase64([
      ['名称', '类型', '代码'],
      ['实验小学', '学校', codeA],
      ['第二小学', '学校', schoolCode()],
      ['向阳社区家长学校', '社区家长学校', null],
    ]);
    expect(await admin.orgUnits.importXlsx({ parentId: county.id, fileBase64: units })).toEqual({
      created: 3,
      updated: 0,
      errors: [],
    });
    const school = await app.db.orgUnit.findUniqueOrThrow({ where: { code: codeA } });

    // 2. The school's staff file: accounts with initial passwords, class teachers from 班主任班级.
    const staffFile = await xlsxBase64([
      ['姓名', '用户名', '角色', '学校标识码', '班主任班级'],
      ['周主任', `zhou.${serial}`, '家长学校负责人', codeA, null],
      ['吴老师', `wu.${serial}`, '教师', codeA, '三年级（1）班、三年级2班'],
      ['郑老师', `zheng.${serial}`, '教师', codeA, '五年级（1）班'],
      ['王老师', `wang.${serial}`, '心理健康教师', codeA, null],
    ]);
    const staff = await admin.staff.importXlsx({ orgUnitId: county.id, fileBase64: staffFile });
    expect(staff).toMatchObject({ created: 4, updated: 0, errors: [] });
    expect(staff.accounts.map((a) => a.displayName)).toEqual(['周主任', '吴老师', '郑老师', '王老师']);
    // The initial password works once, and then must be changed.
    const login = await app
      .caller()
      .auth.passwordLogin({ username: `zhou.${serial}`, password: staff.accounts[0].initialPassword });
    expect(login.user.roles).toMatchObject([{ role: 'COORDINATOR', orgUnitId: school.id }]);
    expect((await app.db.user.findUniqueOrThrow({ where: { username: `zhou.${serial}` } })).mustChangePassword).toBe(
      true,
    );
    const teachers = await app.db.classTeacher.findMany({
      where: { orgUnitId: school.id },
      select: { grade: true, className: true, teacherId: true },
      orderBy: [{ grade: 'asc' }, { className: 'asc' }],
    });
    const wu = await app.db.user.findUniqueOrThrow({ where: { username: `wu.${serial}` } });
    expect(teachers.map((t) => [t.grade, t.className, t.teacherId === wu.id])).toEqual([
      ['G3', '三年级（1）班', true],
      ['G3', '三年级（2）班', true],
      ['G5', '五年级（1）班', false],
    ]);
    expect(await admin.staff.importXlsx({ orgUnitId: county.id, fileBase64: staffFile })).toMatchObject({
      created: 0,
      updated: 0,
      accounts: [],
    });

    // 3. The coordinator loads the roster of three classes.
    const coordinatorId = (await app.db.user.findUniqueOrThrow({ where: { username: `zhou.${serial}` } })).id;
    await app.db.user.update({ where: { id: coordinatorId }, data: { mustChangePassword: false } });
    const coordinator = app.caller(await app.as(coordinatorId));
    expect(
      await coordinator.rosters.importXlsx({ schoolId: school.id, fileBase64: await xlsxBase64(rosterRows()) }),
    ).toMatchObject({ households: 19, children: 21, created: 21, errors: [] });
    expect(
      (await coordinator.rosters.classes({ schoolId: school.id })).map((c) => [
        c.className,
        c.students,
        c.households,
        c.teacherName,
      ]),
    ).toEqual([
      ['三年级（1）班', 8, 8, '吴老师'],
      ['三年级（2）班', 7, 7, '吴老师'],
      ['五年级（1）班', 6, 6, '郑老师'],
    ]);

    // 4. Five parents join with the class invite and name their child on the roster: no household is added.
    const { code } = await coordinator.invites.createClass({
      orgUnitId: school.id,
      grade: 'G3',
      className: '三年级（1）班',
    });
    for (const child of CLASS_1.slice(0, 5)) {
      const user = await makeWechatUser(app.db);
      await app
        .caller(await app.as(user.id))
        .families.join({ inviteCode: code, relation: 'GRANDPARENT', child: { name: child, grade: 'G3' } });
    }
    expect(await app.db.family.count({ where: { orgUnitId: school.id } })).toBe(19);
    // A sibling in 五年级（1）班 followed its household: the first parent's family has both children.
    const first = await app.db.child.findFirstOrThrow({ where: { schoolId: school.id, name: CLASS_1[0] } });
    expect(
      (
        await app.db.child.findMany({
          where: { familyId: first.familyId },
          select: { name: true },
          orderBy: { name: 'asc' },
        })
      ).map((c) => c.name),
    ).toEqual([CLASS_1[0], CLASS_3[0]].sort());
    // One more parent names a child the roster does not have: a 20th household, waiting in 待核对.
    const stray = await makeWechatUser(app.db);
    await app
      .caller(await app.as(stray.id))
      .families.join({ inviteCode: code, relation: 'MOTHER', child: { name: '不在名册', grade: 'G3' } });
    expect((await coordinator.rosters.pending({ schoolId: school.id })).map((p) => p.children[0].name)).toEqual([
      '不在名册',
    ]);

    // 5. A lecture today with a paper sign-in sheet: 7 households, siblings' two rows counting once.
    const session = await coordinator.sessions.create(
      sessionInput(school.id, {
        startsAt: inHours(-1),
        endsAt: inHours(0.5),
        capacity: 200,
        mode: 'OFFLINE',
        venue: '礼堂',
      }),
    );
    const sheet = await xlsxBase64([
      ['年级', '班级', '学生姓名'],
      ...CLASS_1.slice(0, 6).map((n) => ['三年级', '1班', n]),
      ['五年级', '1班', CLASS_3[0]], // 甲1's sibling: the same household
      ['三年级', '2班', CLASS_2[0]],
      ['三年级', '2班', '查无此人'],
    ]);
    expect(await coordinator.sessions.importAttendance({ sessionId: session.id, fileBase64: sheet })).toEqual({
      marked: 7,
      unmatched: [{ row: 10, name: '查无此人' }],
    });
    expect(await coordinator.sessions.importAttendance({ sessionId: session.id, fileBase64: sheet })).toMatchObject({
      marked: 0,
    });

    // 6. Coverage of known households. The county's second school has a roster of 6 too: with two schools, the
    // county's total is a region's, published exactly for the federation.
    const second = await app.db.orgUnit.findFirstOrThrow({ where: { parentId: county.id, name: '第二小学' } });
    await admin.rosters.importXlsx({
      schoolId: second.id,
      fileBase64: await xlsxBase64([['年级', '班级', '学生姓名'], ...names('丁', 6).map((n) => ['一年级', '1班', n])]),
    });
    const report = await admin.reports.coverage({ orgUnitId: county.id, year: YEAR });
    expect(report.total).toMatchObject({
      families: 26,
      enrolledFamilies: 25,
      joinedFamilies: 6,
      servedFamilies: 7,
      coverage: Math.round((7 / 26) * 10_000) / 10_000,
      sessions: 1,
      attendances: 7,
    });
  });

  it('every bad file answers with row errors and writes nothing', async () => {
    const county = await makeCounty(app.db);
    const elsewhere = await makeCounty(app.db);
    const admin = app.caller(await app.as((await makeStaff(app.db, 'ADMIN', county.id)).id));
    const foreignCode = schoolCode();
    await app.caller(await app.as((await makeStaff(app.db, 'ADMIN', elsewhere.id)).id)).orgUnits.create({
      parentId: elsewhere.id,
      kind: 'SCHOOL',
      name: '邻县小学',
      code: foreignCode,
    });
    const { id: schoolId } = await admin.orgUnits.create({ parentId: county.id, kind: 'SCHOOL', name: '本县小学' });

    // A staff file naming a school of another county.
    const staff = await admin.staff.importXlsx({
      orgUnitId: county.id,
      fileBase64: await xlsxBase64([
        ['姓名', '用户名', '角色', '学校标识码'],
        ['赵老师', `zhao.${serial}`, '教师', foreignCode],
        ['', `nobody.${serial}`, '教师', null],
        ['钱老师', `qian.${serial}`, '校长', null],
      ]),
    });
    expect(staff.created).toBe(0);
    expect(staff.errors).toEqual([
      {
        row: 2,
        message:
          '邻县小学不在' +
          (await app.db.orgUnit.findUniqueOrThrow({ where: { id: county.id } })).name +
          '的范围内，不能在这里导入',
      },
      { row: 3, message: '姓名不能为空' },
      { row: 4, message: expect.stringContaining('角色“校长”无法识别') },
    ]);
    expect(await app.db.user.count({ where: { username: { in: [`zhao.${serial}`, `qian.${serial}`] } } })).toBe(0);

    // Rosters: a missing column, an empty name, an unknown grade, a duplicate student.
    const missing = await admin.rosters.importXlsx({
      schoolId,
      fileBase64: await xlsxBase64([
        ['年级', '学生姓名'],
        ['三年级', '孙一'],
      ]),
    });
    expect(missing.errors).toEqual([{ row: 1, message: expect.stringContaining('缺少“班级”列') }]);
    const bad = await admin.rosters.importXlsx({
      schoolId,
      fileBase64: await xlsxBase64([
        ['年级', '班级', '学生姓名'],
        ['三年级', '1班', '孙一'],
        ['三年级', '1班', ''],
        ['十三年级', '1班', '孙二'],
        ['三年级', '（1）班', '孙一'],
      ]),
    });
    expect(bad).toMatchObject({ households: 0, children: 0, created: 0 });
    expect(bad.errors.map((e) => e.row)).toEqual([3, 4, 5]);
    // A school outside the caller's grant.
    const foreign = await app.db.orgUnit.findUniqueOrThrow({ where: { code: foreignCode } });
    await expect(
      admin.rosters.importXlsx({
        schoolId: foreign.id,
        fileBase64: await xlsxBase64([
          ['年级', '班级', '学生姓名'],
          ['三年级', '1班', '孙一'],
        ]),
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await app.db.child.count({ where: { schoolId: { in: [schoolId, foreign.id] } } })).toBe(0);
    expect(
      await app.db.importRun.count({
        where: { orgUnitId: { in: [county.id, schoolId] }, kind: { in: ['STAFF', 'ROSTER'] } },
      }),
    ).toBe(0);
  });
});
