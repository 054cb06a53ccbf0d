/**
 * Demo activity on top of the demo province: guidance sessions, parent-school lessons and salons at
 * every demo school and site (past ones with attendance, upcoming ones open for registration), a
 * class-teacher assignment and home-visit windows at the demo school with published slots and
 * completed visits. Goes through the same services as the app, so the service-year summary the
 * reports read is filled the same way.
 */
import type { PrismaClient } from '../../server/generated/prisma/client';
import type { FieldCipher } from '../../server/crypto/field-cipher';
import { createSession } from '../../server/services/sessions/create-session';
import { markAttendance } from '../../server/services/sessions/check-in';
import { addSlots, expandBulk } from '../../server/services/visits/slots';
import { createWindow, setClassTeacher } from '../../server/services/visits/windows';
import { completeVisit } from '../../server/services/visits/records';
import { chinaDay as chinaDayOf, chinaInstant, chinaYear, DAY_MS as DAY } from '../../server/shared/china-time';
import { DEMO_CLASS_GRADE, DEMO_CLASS_NAME, DEMO_USERNAMES, findDemoSchoolId } from './demo-ids';

const chinaDay = (t: number) => chinaDayOf(new Date(t));
/** An instant at hh:00 China time, `days` from now. */
const at = (days: number, hour: number) =>
  chinaInstant(chinaDay(Date.now() + days * DAY), `${String(hour).padStart(2, '0')}:00`);

/** Deterministic pseudo-random choice, so the demo looks the same on every machine. */
function picker(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

export async function seedDemoActivity(
  db: PrismaClient,
  cipher: FieldCipher,
  log: (m: string) => void = () => undefined,
) {
  if ((await db.guidanceSession.count()) > 0) return;
  const users = await db.user.findMany({
    where: { username: { in: Object.values(DEMO_USERNAMES) } },
    select: { id: true, username: true },
  });
  const id = (u: string) => users.find((x) => x.username === u)!.id;
  const coordinator = id(DEMO_USERNAMES.coordinator);
  const teacher = id(DEMO_USERNAMES.teacher);
  const demoSchool = await findDemoSchoolId(db);
  if (!demoSchool) throw new Error('找不到演示学校');
  const units = await db.orgUnit.findMany({
    where: { kind: { in: ['SCHOOL', 'COMMUNITY_SITE'] } },
    select: { id: true, kind: true, name: true, path: true, families: { select: { id: true } } },
  });
  const actor = (userId: string) => ({ id: userId });
  const school = units.find((u) => u.id === demoSchool);
  if (!school) throw new Error('找不到演示学校');
  const demoUnit = { id: school.id, kind: school.kind, path: school.path };
  const rand = picker(2023);
  let sessions = 0;
  let attendances = 0;

  for (const unit of units) {
    const isSite = unit.kind === 'COMMUNITY_SITE';
    const plan = [
      {
        kind: 'GUIDANCE' as const,
        title: isSite ? '社区家长学校：识别孩子的心理危机信号' : '家庭心理健康教育指导：识别孩子的情绪变化',
        days: -75,
        rate: 0.6,
      },
      {
        kind: (isSite ? 'SALON' : 'LESSON') as 'SALON' | 'LESSON',
        title: isSite ? '亲子沙龙：一起做情绪卡片' : '家长学校：青春期亲子沟通',
        days: -30,
        rate: 0.35,
        mentalHealth: true,
      },
      { kind: 'LECTURE' as const, title: '公益讲座：家庭安全教育', days: -12, rate: 0.25, mentalHealth: false },
      { kind: 'GUIDANCE' as const, title: '冬季家庭心理健康教育指导服务', days: 6, rate: 0 },
    ];
    // Two of the sites have not run mental-health education yet this year: the dashboard shows the gap.
    const active = !(isSite && rand() < 0.35);
    for (const p of plan) {
      if (!active && p.kind !== 'LECTURE') continue;
      const startsAt = at(p.days, 19);
      const { id: sessionId } = await createSession({
        db,
        actor: actor(coordinator),
        unit,
        input: {
          kind: p.kind,
          title: p.title,
          mode: p.kind === 'LECTURE' ? 'ONLINE' : 'OFFLINE',
          venue: p.kind === 'LECTURE' ? undefined : isSite ? '社区服务中心二楼' : '学校报告厅',
          capacity: Math.max(20, unit.families.length),
          startsAt,
          endsAt: new Date(startsAt.getTime() + 90 * 60_000),
          mentalHealth: p.mentalHealth,
          description:
            p.kind === 'GUIDANCE'
              ? '面向家长的家庭心理健康教育指导服务：了解孩子不同学段的心理特点，学会识别心理危机信号，及时与学校沟通。'
              : undefined,
          speaker: p.kind === 'GUIDANCE' ? '学校心理健康教师' : undefined,
        },
      });
      sessions += 1;
      for (const f of unit.families) {
        if (rand() < p.rate) {
          const method = rand() < 0.7 ? 'ROLL_CALL' : 'PAPER';
          await markAttendance({
            db,
            actor: actor(coordinator),
            input: { sessionId, familyId: f.id, present: true, method },
            // Entered on the day of the session, as the coordinator would have.
            now: startsAt.getTime(),
          });
          attendances += 1;
        }
      }
    }
  }

  // Home visits at the demo school: the class teacher of 三年级（1）班 is teacher.demo.
  await setClassTeacher({
    db,
    actor: actor(coordinator),
    unit: demoUnit,
    input: { grade: DEMO_CLASS_GRADE, className: DEMO_CLASS_NAME, teacherId: teacher },
  });
  const past = await createWindow({
    db,
    actor: actor(coordinator),
    unit: demoUnit,
    input: {
      season: 'TERM',
      title: '本学期电话家访',
      startsOn: chinaDay(Date.now() - 40 * DAY),
      endsOn: chinaDay(Date.now() + 40 * DAY),
    },
  });
  const pastDays = [chinaDay(Date.now() - 20 * DAY), chinaDay(Date.now() - 19 * DAY)];
  const pastSlots = expandBulk({
    days: pastDays,
    ranges: [{ start: '18:30', end: '20:30' }],
    durationMinutes: 30,
    mode: 'PHONE',
  });
  await addSlots({ db, actor: actor(teacher), input: { windowId: past.id, slots: pastSlots } });
  const slots = await db.visitSlot.findMany({
    where: { windowId: past.id },
    orderBy: { startsAt: 'asc' },
    select: { id: true },
  });
  const demoFamilies = await db.family.findMany({
    where: { orgUnitId: demoSchool, children: { some: { className: DEMO_CLASS_NAME } } },
    take: 4,
    select: { id: true },
  });
  for (const [i, f] of demoFamilies.entries()) {
    const visit = await db.visit.create({
      data: {
        windowId: past.id,
        slotId: slots[i].id,
        familyId: f.id,
        teacherId: teacher,
        mode: 'PHONE',
        bookedById: teacher,
      },
      select: { id: true },
    });
    await completeVisit({
      db,
      cipher,
      actor: actor(teacher),
      input: {
        visitId: visit.id,
        summary: '电话家访：孩子作息规律，家长关注学习压力，已介绍家长课堂资源。',
        topics: ['ROUTINE', 'STUDY_PRESSURE'],
      },
    });
  }
  // The winter break after the autumn semester: next calendar year from July on.
  const now = new Date();
  const winterYear = Number(chinaDay(Date.now()).slice(5, 7)) >= 7 ? chinaYear(now) + 1 : chinaYear(now);
  const winter = await createWindow({
    db,
    actor: actor(coordinator),
    unit: demoUnit,
    input: {
      season: 'WINTER',
      startsOn: chinaDay(Date.now() + 2 * DAY),
      endsOn: chinaDay(Date.now() + 60 * DAY),
      title: `${winterYear}年寒假家访`,
    },
  });
  const winterSlots = expandBulk({
    days: [3, 4, 5].map((d) => chinaDay(Date.now() + d * DAY)),
    ranges: [
      { start: '09:00', end: '10:00' },
      { start: '14:00', end: '15:00' },
      { start: '16:00', end: '17:00' },
    ],
    durationMinutes: 60,
    mode: 'HOME',
  });
  await addSlots({ db, actor: actor(teacher), input: { windowId: winter.id, slots: winterSlots } });
  log(
    `演示活动：${sessions} 场活动、${attendances} 户次到场；演示学校的家访窗口 2 个，已完成家访 ${demoFamilies.length} 次。`,
  );
}
