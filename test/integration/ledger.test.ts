/**
 * The semester ledger (reports.ledgerXlsx, contract v2): a school's workbook read back sheet by sheet against
 * the scenario built here — sessions held, planned, drafted, cancelled and of the semester before; roll-call
 * and paper attendance, siblings and a household from another school; a completed visit with private notes,
 * a booked and a cancelled one; special-group households with and without a visit. Who may take it, and the
 * 400s of a county and of a bad semester key.
 */
import ExcelJS from 'exceljs';
import { createSession } from '../../server/services/sessions/create-session';
import { markAttendance } from '../../server/services/sessions/check-in';
import { completeVisit } from '../../server/services/visits/records';
import type { AuthUser } from '../../server/auth/auth-user';
import { DAY_MS, chinaDateTimeText, chinaDay, semesterBounds } from '../../server/shared/china-time';
import { createTestApp, type TestApp } from '../helpers/test-app';
import {
  PROVINCE_ID,
  makeFamily,
  makeRosterFamily,
  makeSlot,
  makeStaff,
  makeUnit,
  makeVisit,
  makeWindow,
  testCounty,
} from '../helpers/builders';

type Cell = ExcelJS.CellValue;

let app: TestApp;
let school: Awaited<ReturnType<typeof makeUnit>>;
let coord: AuthUser;
let wb: ExcelJS.Workbook;
let fileName: string;

const sem = semesterBounds(new Date());
const prev = semesterBounds(new Date(sem.from.getTime() - DAY_MS));
const NOW = Date.now();
/** A whole minute `frac` of the way from the semester's start to now (past) or from now to its end (future). */
const minute = (ms: number) => new Date(Math.floor(ms / 60_000) * 60_000);
const past = (frac: number) => minute(sem.from.getTime() + (NOW - sem.from.getTime()) * frac);
const future = (frac: number) => minute(NOW + (sem.to.getTime() - NOW) * frac);

// Texts that must never reach the workbook.
const PRIVATE_NOTES = '家访私密记录-绝不外传-7Q3X';
const PRIVATE_SUMMARY = '家访小结-只给家长看-9K2M';
const PRIVATE_ADDRESS = '幸福小区3栋2单元-5P8W';
const OUTSIDER_CHILD = '孙悟空';

/** What the scenario holds, to compute the expected figures from. */
const s = {
  held: { title: '亲子沟通与情绪管理讲座', startsAt: past(0.3), registered: 2 },
  lecture: { title: '安全教育公益讲座', startsAt: past(0.5) },
  draft: { title: '草稿中的家长课', startsAt: past(0.6) },
  upcoming: { title: '下月亲子沙龙', startsAt: future(0.5) },
  cancelled: { title: '取消了的活动', startsAt: future(0.6) },
  lastSemester: { title: '上学期的活动', startsAt: minute((prev.from.getTime() + prev.to.getTime()) / 2) },
  visitAt: past(0.4),
};
let known: { familyId: string }[] = [];
const ids: Record<string, string> = {};

async function session(
  title: string,
  startsAt: Date,
  opts: { kind?: 'GUIDANCE' | 'LECTURE' | 'SALON'; draft?: boolean; mentalHealth?: boolean } = {},
) {
  const unit = { id: school.id, kind: 'SCHOOL' as const };
  const input = {
    kind: opts.kind ?? 'GUIDANCE',
    title,
    mode: 'OFFLINE' as const,
    venue: '学校报告厅',
    speaker: '张老师',
    description: `${title}的内容`,
    capacity: 50,
    startsAt,
    endsAt: new Date(startsAt.getTime() + 3600_000),
    mentalHealth: opts.mentalHealth,
    draft: opts.draft,
  };
  return (await createSession({ db: app.db, actor: coord, unit, input })).id;
}

const present = (sessionId: string, startsAt: Date, familyId: string, method: 'ROLL_CALL' | 'PAPER' = 'ROLL_CALL') =>
  markAttendance({
    db: app.db,
    actor: coord,
    input: { sessionId, familyId, present: true, method },
    // Entered on the day (the scenario's dates are past).
    now: startsAt.getTime(),
  });

beforeAll(async () => {
  app = await createTestApp();
  school = await makeUnit(app.db);
  const other = await makeUnit(app.db);
  coord = await app.as((await makeStaff(app.db, 'COORDINATOR', school.id)).id);

  // Households known this semester: three on the roster (the first with a sibling), one joined in the app,
  // two special-group households. One more left the school before the semester: not known.
  const r1 = await makeRosterFamily(app.db, school.id, { name: '李小明' });
  await app.db.child.create({
    data: { familyId: r1.familyId, name: '李小花', schoolId: school.id, grade: 'G1', className: '一年级（2）班' },
  });
  const r2 = await makeRosterFamily(app.db, school.id, { name: '王小红' });
  const r3 = await makeRosterFamily(app.db, school.id, { name: '赵小刚' });
  const joined = await makeFamily(app.db, school.id);
  const sg1 = await makeRosterFamily(app.db, school.id, { name: '周小雨' });
  const sg2 = await makeRosterFamily(app.db, school.id, { name: '吴小雪' });
  const gone = await makeRosterFamily(app.db, school.id, { name: '郑已转' });
  const before = new Date(sem.from.getTime() - 30 * DAY_MS);
  await app.db.family.update({
    where: { id: gone.familyId },
    data: { knownFrom: before, enrolledFrom: before, enrolledUntil: new Date(sem.from.getTime() - DAY_MS) },
  });
  await app.db.child.update({ where: { id: gone.childId }, data: { leftAt: new Date(sem.from.getTime() - DAY_MS) } });
  known = [r1, r2, r3, joined, sg1, sg2];
  // A household of another school, registered for the held session.
  const outsider = await makeFamily(app.db, other.id);
  await app.db.child.updateMany({ where: { familyId: outsider.familyId }, data: { name: OUTSIDER_CHILD } });
  Object.assign(ids, { r1: r1.familyId, r2: r2.familyId, r3: r3.familyId, joined: joined.familyId });
  Object.assign(ids, { sg1: sg1.familyId, sg2: sg2.familyId, outsider: outsider.familyId });

  // Sessions.
  ids.held = await session(s.held.title, s.held.startsAt);
  ids.lecture = await session(s.lecture.title, s.lecture.startsAt, { kind: 'LECTURE', mentalHealth: false });
  ids.draft = await session(s.draft.title, s.draft.startsAt, { draft: true });
  ids.upcoming = await session(s.upcoming.title, s.upcoming.startsAt, { kind: 'SALON', mentalHealth: true });
  ids.cancelled = await session(s.cancelled.title, s.cancelled.startsAt);
  await app.caller(coord).sessions.cancel({ sessionId: ids.cancelled });
  ids.lastSemester = await session(s.lastSemester.title, s.lastSemester.startsAt);
  for (const familyId of [ids.r1, ids.outsider])
    await app.db.registration.create({
      data: { sessionId: ids.held, familyId, status: 'CONFIRMED', registeredById: coord.id },
    });
  await app.db.guidanceSession.update({ where: { id: ids.held }, data: { confirmedCount: s.held.registered } });
  await present(ids.held, s.held.startsAt, ids.r1);
  await present(ids.held, s.held.startsAt, ids.r2, 'PAPER');
  await present(ids.held, s.held.startsAt, ids.joined);
  await present(ids.held, s.held.startsAt, ids.outsider);
  await present(ids.lecture, s.lecture.startsAt, ids.r1); // twice this semester: one household
  await present(ids.lastSemester, s.lastSemester.startsAt, ids.r3);

  // Special groups, marked as the coordinator does.
  await app.caller(coord).families.setGroups({ familyId: ids.sg1, groups: ['SINGLE_PARENT', 'LEFT_BEHIND'] });
  await app.caller(coord).families.setGroups({ familyId: ids.sg2, groups: ['ORPHAN'] });

  // Visits by the class teacher of 三年级（1）班.
  const teacher = await makeStaff(app.db, 'TEACHER', school.id);
  await app.db.user.update({ where: { id: teacher.id }, data: { displayName: '陈老师' } });
  await app.db.classTeacher.create({
    data: { orgUnitId: school.id, grade: 'G3', className: '三年级（1）班', teacherId: teacher.id },
  });
  const window = await makeWindow(app.db, school.id, {
    season: 'TERM',
    startsOn: chinaDay(sem.from),
    endsOn: chinaDay(new Date(sem.to.getTime() - 1)),
    createdById: coord.id,
  });
  const slot = (startsAt: Date, minutes: number, mode: 'HOME' | 'PHONE' = 'HOME') =>
    makeSlot(app.db, {
      windowId: window.id,
      teacherId: teacher.id,
      startsAt,
      endsAt: new Date(startsAt.getTime() + minutes * 60_000),
      mode,
    });
  const visit = (familyId: string, sl: Awaited<ReturnType<typeof slot>>) =>
    makeVisit(app.db, { orgUnitId: school.id, teacherId: teacher.id, slot: sl, familyId, bookedById: coord.id });
  const done = await visit(ids.sg1, await slot(s.visitAt, 45));
  await completeVisit({
    db: app.db,
    cipher: app.deps.cipher,
    actor: { id: teacher.id },
    input: {
      visitId: done.id,
      summary: PRIVATE_SUMMARY,
      notes: PRIVATE_NOTES,
      address: PRIVATE_ADDRESS,
      topics: ['EMOTION', 'COMMUNICATION'],
      followUp: [{ action: '每周电话回访一次', dueOn: chinaDay(future(0.2)) }],
    },
  });
  await visit(ids.r2, await slot(future(0.3), 30, 'PHONE')); // booked, still to come
  const dropped = await visit(ids.joined, await slot(past(0.2), 30));
  await app.db.visit.update({ where: { id: dropped.id }, data: { status: 'CANCELLED', cancelledAt: new Date() } });
  // A visit of the semester before does not make sg2 visited this semester.
  const oldWindow = await makeWindow(app.db, school.id, {
    startsOn: chinaDay(prev.from),
    endsOn: chinaDay(new Date(prev.to.getTime() - 1)),
    createdById: coord.id,
  });
  const oldSlot = await makeSlot(app.db, {
    windowId: oldWindow.id,
    teacherId: teacher.id,
    startsAt: s.lastSemester.startsAt,
    endsAt: new Date(s.lastSemester.startsAt.getTime() + 1800_000),
    mode: 'PHONE',
  });
  const old = await makeVisit(app.db, {
    orgUnitId: school.id,
    teacherId: teacher.id,
    slot: oldSlot,
    familyId: ids.sg2,
    bookedById: coord.id,
  });
  await completeVisit({
    db: app.db,
    cipher: app.deps.cipher,
    actor: { id: teacher.id },
    input: { visitId: old.id, summary: '上学期家访' },
  });

  const out = await app.caller(coord).reports.ledgerXlsx({ orgUnitId: school.id, semester: sem.key });
  fileName = out.fileName;
  wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Uint8Array.from(Buffer.from(out.base64, 'base64')).buffer);
}, 120_000);
afterAll(() => app.close());

/** The rows of a sheet from row `from` on (1-based), each as its cells from column A. */
function rows(name: string, from = 1): Cell[][] {
  const out: Cell[][] = [];
  wb.getWorksheet(name)!.eachRow({ includeEmpty: true }, (r, i) => {
    if (i >= from) out.push((r.values as Cell[]).slice(1));
  });
  return out;
}

const pct = (n: number, of: number) => `${((n / of) * 100).toFixed(1)}%`;

describe('reports.ledgerXlsx', () => {
  it('names the file and the five sheets, each titled, with its definition and the moment it was made', () => {
    expect(fileName).toBe(`${school.name}-${sem.label}家长学校工作台账.xlsx`);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '活动计划与记录', '签到表', '家访汇总', '特殊群体家访']);
    for (const ws of wb.worksheets) {
      expect(String(ws.getCell('A1').value)).toContain(`${school.name}${sem.label}家长学校工作台账`);
      expect(String(ws.getCell('A2').value)).toMatch(/生成时间：\d{4}-\d\d-\d\d \d\d:\d\d（北京时间）/);
      expect(String(ws.getCell('A2').value)).toContain(`学期：${sem.label}`);
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    }
    for (const name of ['活动计划与记录', '签到表', '家访汇总', '特殊群体家访'])
      expect(String(wb.getWorksheet(name)!.getCell('A2').value)).toMatch(/^口径：/);
  });

  it('汇总: the figures of the scenario, rates as percentages, and what each figure counts', () => {
    const summary = wb.getWorksheet('汇总')!;
    expect(summary.getRow(3).values).toEqual([undefined, '指标', '数值']);
    // The figures, down to the blank row; then the definitions.
    const figure = new Map<string, { value: Cell; numFmt: string }>();
    const definitions: string[] = [];
    let inFigures = true;
    summary.eachRow({ includeEmpty: true }, (r, i) => {
      if (i <= 3) return;
      if (!r.getCell(1).value) inFigures = false;
      else if (inFigures)
        figure.set(String(r.getCell(1).value), { value: r.getCell(2).value, numFmt: r.getCell(2).numFmt });
      else definitions.push(String(r.getCell(1).value));
    });
    const value = (label: string) => figure.get(label)?.value;
    // Held: the mental-health session and the lecture; planned: the draft and the one to come.
    expect(value('已开展活动（场）')).toBe(2);
    expect(value('其中心理健康教育（场）')).toBe(1);
    expect(value('计划中活动（场）')).toBe(2);
    expect(value('到场户次')).toBe(4 + 1);
    // The unit's own households: the visitor from another school is listed on the sheet, not counted.
    const participating = new Set([ids.r1, ids.r2, ids.joined]).size;
    expect(value('参与家庭数（户）')).toBe(participating);
    expect(value('已知家庭数（户）')).toBe(known.length);
    expect(figure.get('参与率')).toEqual({ value: participating / known.length, numFmt: '0.0%' });
    expect(value('完成家访：入户家访（次）')).toBe(1);
    expect(value('完成家访：电话家访（次）')).toBe(0);
    expect(value('完成家访：视频家访（次）')).toBe(0);
    expect(value('完成家访合计（次）')).toBe(1);
    expect(value('已预约未完成家访（次）')).toBe(1);
    expect(value('已取消家访（次）')).toBe(1);
    expect(value('特殊群体家庭（户）')).toBe(2);
    expect(value('其中本学期已家访（户）')).toBe(1);
    expect(figure.get('特殊群体家访完成率')).toEqual({ value: 1 / 2, numFmt: '0.0%' });
    expect(definitions).toEqual(expect.arrayContaining(['指标说明', '参与率', '已知家庭数', '隐私保护']));
  });

  it('活动计划与记录: every session of the semester but the cancelled one, held or planned', () => {
    const [header, ...body] = rows('活动计划与记录', 3);
    expect(header).toEqual([
      '日期',
      '活动名称',
      '类型',
      '主讲人',
      '主题/内容',
      '是否心理健康教育',
      '形式',
      '状态',
      '报名户数',
      '到场户数',
    ]);
    const byTitle = new Map(body.map((r) => [r[1], r]));
    expect([...byTitle.keys()]).toEqual(
      [s.held, s.lecture, s.draft, s.upcoming].sort((a, b) => +a.startsAt - +b.startsAt).map((x) => x.title),
    );
    expect(byTitle.get(s.held.title)).toEqual([
      chinaDateTimeText(s.held.startsAt),
      s.held.title,
      '家庭心理健康教育指导服务',
      '张老师',
      `${s.held.title}的内容`,
      '是',
      '线下（学校报告厅）',
      '已开展',
      s.held.registered,
      4,
    ]);
    expect(byTitle.get(s.lecture.title)?.slice(2, 10)).toEqual([
      '公益讲座',
      '张老师',
      `${s.lecture.title}的内容`,
      '否',
      '线下（学校报告厅）',
      '已开展',
      0,
      1,
    ]);
    expect(byTitle.get(s.draft.title)?.[7]).toBe('计划中');
    expect(byTitle.get(s.upcoming.title)?.slice(2, 10)).toEqual([
      '亲子沙龙',
      '张老师',
      `${s.upcoming.title}的内容`,
      '是',
      '线下（学校报告厅）',
      '计划中',
      0,
      0,
    ]);
  });

  it('签到表: a block per held session, a row per household present, and its participation rate', async () => {
    const body = rows('签到表', 3);
    expect(body[0]).toEqual(['序号', '年级', '班级', '学生姓名', '签到方式', '签到时间']);
    const block = (title: string, startsAt: Date) => {
      const start = body.findIndex((r) => r[0] === `${title}　${chinaDateTimeText(startsAt)}`);
      expect(start).toBeGreaterThan(0);
      const end = body.findIndex((r, i) => i > start && String(r[0]).startsWith('到场 '));
      return { lines: body.slice(start + 1, end), total: body[end][0] };
    };
    const held = block(s.held.title, s.held.startsAt);
    expect(held.lines.map((r) => r[0])).toEqual([1, 2, 3, 4]);
    const joinedChild = (
      await app.db.child.findFirstOrThrow({ where: { familyId: ids.joined }, select: { name: true } })
    ).name;
    expect(held.lines.map((r) => r.slice(1, 5))).toEqual(
      expect.arrayContaining([
        ['三年级、一年级', '三年级（1）班、一年级（2）班', '李小明、李小花', '现场点名'],
        ['三年级', '三年级（1）班', '王小红', '纸质签到表补录'],
        ['四年级', undefined, joinedChild, '现场点名'],
        // Another school's household: its child by the first character only.
        ['四年级', undefined, '孙**', '现场点名'],
      ]),
    );
    for (const r of held.lines) expect(String(r[5])).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
    expect(held.total).toBe(`到场 4 户，参与率 ${pct(3, known.length)}`);
    const lecture = block(s.lecture.title, s.lecture.startsAt);
    expect(lecture.lines.map((r) => r[3])).toEqual(['李小明、李小花']);
    expect(lecture.total).toBe(`到场 1 户，参与率 ${pct(1, known.length)}`);
    // Planned, drafted, cancelled and last semester's sessions have no sign-in sheet.
    const text = body.map((r) => String(r[0] ?? ''));
    for (const x of [s.draft, s.upcoming, s.cancelled, s.lastSemester])
      expect(text.some((t) => t.startsWith(x.title))).toBe(false);
    expect(body.flat()).not.toContain('赵小刚');
  });

  it('家访汇总: the completed visit, with its follow-up and no private text anywhere in the workbook', () => {
    const [header, ...body] = rows('家访汇总', 3);
    expect(header).toEqual(['日期', '方式', '时长（分钟）', '教师', '年级', '班级', '话题', '跟进事项']);
    expect(body).toEqual([
      [
        chinaDateTimeText(s.visitAt),
        '入户家访',
        45,
        '陈老师',
        '三年级',
        '三年级（1）班',
        '情绪、亲子沟通',
        `每周电话回访一次（${chinaDay(future(0.2))} 前，未完成）`,
      ],
    ]);
    const everything = wb.worksheets.flatMap((ws) =>
      rows(ws.name)
        .flat()
        .map((v) => String(v ?? '')),
    );
    for (const secret of [PRIVATE_NOTES, PRIVATE_SUMMARY, PRIVATE_ADDRESS, '上学期家访', OUTSIDER_CHILD])
      expect(everything.filter((v) => v.includes(secret))).toEqual([]);
  });

  it('特殊群体家访: each special-group household, whether visited this semester, and the completion line', () => {
    const [header, ...body] = rows('特殊群体家访', 3);
    expect(header).toEqual(['年级', '班级', '学生姓名', '群体', '本学期是否已家访', '家访日期', '负责教师']);
    const households = body.filter((r) => r[2] === '周小雨' || r[2] === '吴小雪');
    expect(households).toEqual(
      expect.arrayContaining([
        ['三年级', '三年级（1）班', '周小雨', '留守儿童、单亲家庭', '是', chinaDay(s.visitAt), '陈老师'],
        // Visited only last semester: not this one.
        ['三年级', '三年级（1）班', '吴小雪', '孤儿', '否', undefined, '陈老师'],
      ]),
    );
    expect(households).toHaveLength(2);
    const sheet = wb.getWorksheet('特殊群体家访')!;
    const last = sheet.getRow(sheet.rowCount);
    expect(last.getCell(1).value).toBe('共 2 户，本学期已家访 1 户');
    expect(last.getCell(4).value).toBe(0.5);
    expect(last.getCell(4).numFmt).toBe('0.0%');
  });

  it('leaves an audit row for the export', async () => {
    const audit = await app.db.auditLog.findMany({
      where: { action: 'report.ledger', targetId: school.id, actorUserId: coord.id },
      select: { detail: true, orgUnitId: true },
    });
    expect(audit).toEqual([
      { orgUnitId: school.id, detail: expect.objectContaining({ semester: sem.key, format: 'ledger-xlsx' }) },
    ]);
  });

  it('takes the semester in progress when none is named, and another semester by its key', async () => {
    expect((await app.caller(coord).reports.ledgerXlsx({ orgUnitId: school.id })).fileName).toBe(fileName);
    const before = await app.caller(coord).reports.ledgerXlsx({ orgUnitId: school.id, semester: prev.key });
    expect(before.fileName).toContain(prev.label);
    const old = new ExcelJS.Workbook();
    await old.xlsx.load(Uint8Array.from(Buffer.from(before.base64, 'base64')).buffer);
    const titles: Cell[] = [];
    old.getWorksheet('活动计划与记录')!.eachRow((r, i) => i > 3 && titles.push(r.getCell(2).value));
    expect(titles).toEqual([s.lastSemester.title]);
  });

  it('refuses region staff, another school, a county and a bad semester key', async () => {
    const federation = await app.as((await makeStaff(app.db, 'FEDERATION', PROVINCE_ID)).id);
    const committee = await app.as((await makeStaff(app.db, 'COMMITTEE', PROVINCE_ID)).id);
    const elsewhere = await app.as((await makeStaff(app.db, 'COORDINATOR', (await makeUnit(app.db)).id)).id);
    for (const who of [federation, committee, elsewhere])
      await expect(
        app.caller(who).reports.ledgerXlsx({ orgUnitId: school.id, semester: sem.key }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const admin = await app.as((await makeStaff(app.db, 'ADMIN', PROVINCE_ID)).id);
    const county = await testCounty(app.db);
    await expect(
      app.caller(admin).reports.ledgerXlsx({ orgUnitId: county.id, semester: sem.key }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('学校或指导服务站点') });
    for (const semester of ['2026-03', '2026-9', '26-09', '2026-09-01', '1999-09'])
      await expect(app.caller(coord).reports.ledgerXlsx({ orgUnitId: school.id, semester })).rejects.toMatchObject({
        code: 'BAD_REQUEST',
        message: expect.stringContaining('学期须写作 YYYY-09'),
      });
    // The admin may take it.
    expect((await app.caller(admin).reports.ledgerXlsx({ orgUnitId: school.id })).fileName).toBe(fileName);
  });
});
