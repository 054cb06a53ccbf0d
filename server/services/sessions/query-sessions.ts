import type { Db } from '../../db/create-db';
import type { Actor, AuthUser, FamilyActor } from '../../auth/auth-user';
import { writeAudit } from '../audit/write-audit';
import { AppError } from '../../errors/app-error';
import { Prisma } from '../../generated/prisma/client';
import { chinaYear } from '../../shared/china-time';
import { maskName } from '../../shared/privacy';
import { gradeLabel } from '../../shared/grades';
import { countyPathOf, covers, subtreeWhere } from '../../shared/org-tree';
import { familyMaySee } from './session-scope';
import { familyUnitPath } from './registration';
import type { SessionKind } from '../../shared/sessions';

type SessionStatus = 'DRAFT' | 'PUBLISHED' | 'CANCELLED';

const PAGE = 20;

function encodeCursor(startsAt: Date, id: string) {
  return Buffer.from(`${startsAt.toISOString()}|${id}`).toString('base64url');
}
function decodeCursor(cursor: string): { startsAt: Date; id: string } {
  const [iso, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const startsAt = new Date(iso);
  if (!id || Number.isNaN(startsAt.getTime())) throw new AppError('BAD_REQUEST', '分页参数无效');
  return { startsAt, id };
}

/**
 * Sessions the caller may see, by start time. Parents: published sessions in their county.
 * Staff: sessions of the units under their grants (drafts included).
 */
export async function listSessions(opts: {
  db: Db;
  actor: AuthUser;
  input: {
    orgUnitId?: string;
    from?: Date;
    to?: Date;
    cursor?: string;
    limit?: number;
    kind?: SessionKind;
    status?: SessionStatus;
    q?: string;
    newestFirst?: boolean;
  };
}) {
  const { db, actor: user, input } = opts;
  const limit = input.limit ?? PAGE;
  const where: Prisma.GuidanceSessionWhereInput[] = [];
  const reach: Prisma.GuidanceSessionWhereInput[] = [];
  if (user.familyId) {
    const path = await familyUnitPath(db, user.familyId);
    reach.push({ status: { in: ['PUBLISHED', 'CANCELLED'] }, orgUnit: subtreeWhere(countyPathOf(path)) });
  }
  for (const g of user.roles) reach.push({ orgUnit: subtreeWhere(g.orgUnitPath) });
  if (reach.length === 0) return { items: [], nextCursor: null };
  where.push({ OR: reach });
  if (input.orgUnitId) {
    const unit = await db.orgUnit.findUnique({ where: { id: input.orgUnitId }, select: { path: true } });
    if (!unit) throw new AppError('NOT_FOUND', '机构不存在');
    where.push({ orgUnit: subtreeWhere(unit.path) });
  }
  if (input.from) where.push({ startsAt: { gte: input.from } });
  if (input.to) where.push({ startsAt: { lt: input.to } });
  if (input.kind) where.push({ kind: input.kind });
  if (input.status) where.push({ status: input.status });
  if (input.q?.trim()) where.push({ title: { contains: input.q.trim(), mode: 'insensitive' } });
  const dir = input.newestFirst ? 'desc' : 'asc';
  if (input.cursor) {
    const c = decodeCursor(input.cursor);
    const past = dir === 'asc' ? 'gt' : 'lt';
    where.push({ OR: [{ startsAt: { [past]: c.startsAt } }, { startsAt: c.startsAt, id: { [past]: c.id } }] });
  }
  const rows = await db.guidanceSession.findMany({
    where: { AND: where },
    orderBy: [{ startsAt: dir }, { id: dir }],
    take: limit + 1,
    select: {
      id: true,
      kind: true,
      title: true,
      startsAt: true,
      endsAt: true,
      capacity: true,
      confirmedCount: true,
      waitlistedCount: true,
      status: true,
      mode: true,
      venue: true,
      mentalHealth: true,
      orgUnit: { select: { name: true } },
      registrations: { where: { familyId: user.familyId ?? '-' }, select: { status: true } },
    },
  });
  const page = rows.slice(0, limit);
  return {
    items: page.map((r) => ({
      id: r.id,
      kind: r.kind,
      title: r.title,
      startsAt: r.startsAt.toISOString(),
      endsAt: r.endsAt.toISOString(),
      capacity: r.capacity,
      confirmed: r.confirmedCount,
      waitlisted: r.waitlistedCount,
      status: r.status,
      mode: r.mode,
      venue: r.venue,
      mentalHealth: r.mentalHealth,
      orgUnitName: r.orgUnit.name,
      myStatus: r.registrations[0]?.status ?? null,
    })),
    nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1].startsAt, page[page.length - 1].id) : null,
  };
}

export async function getSession(opts: { db: Db; actor: AuthUser; input: { sessionId: string } }) {
  const { db, actor: user } = opts;
  const { sessionId } = opts.input;
  const s = await db.guidanceSession.findUnique({
    where: { id: sessionId },
    select: {
      id: true,
      kind: true,
      title: true,
      description: true,
      speaker: true,
      stages: true,
      grades: true,
      mode: true,
      venue: true,
      liveUrl: true,
      startsAt: true,
      endsAt: true,
      capacity: true,
      confirmedCount: true,
      waitlistedCount: true,
      status: true,
      mentalHealth: true,
      cancelReason: true,
      courseId: true,
      courseSeq: true,
      orgUnitId: true,
      orgUnit: { select: { name: true, path: true } },
      lessons: { select: { lesson: { select: { id: true, title: true, topic: true } } } },
    },
  });
  if (!s) throw new AppError('NOT_FOUND', '活动不存在');
  const staff = user.roles.some((g) => covers(g.orgUnitPath, s.orgUnit.path));
  let mine: {
    registration: 'CONFIRMED' | 'WAITLISTED' | 'CANCELLED' | null;
    attended: boolean;
    rated: boolean;
  } | null = null;
  if (user.familyId) {
    const familyPath = await familyUnitPath(db, user.familyId);
    if (!staff && (s.status === 'DRAFT' || !familyMaySee(s.orgUnit.path, familyPath)))
      throw new AppError('NOT_FOUND', '活动不存在');
    const [reg, att, rating] = await Promise.all([
      db.registration.findUnique({
        where: { sessionId_familyId: { sessionId, familyId: user.familyId } },
        select: { status: true },
      }),
      db.attendance.findUnique({
        where: { sessionId_familyId: { sessionId, familyId: user.familyId } },
        select: { present: true },
      }),
      db.sessionRating.findUnique({
        where: { sessionId_familyId: { sessionId, familyId: user.familyId } },
        select: { id: true },
      }),
    ]);
    mine = { registration: reg?.status ?? null, attended: att?.present ?? false, rated: rating != null };
  } else if (!staff) {
    throw new AppError('NOT_FOUND', '活动不存在');
  }
  const { orgUnit, lessons, confirmedCount, waitlistedCount, ...rest } = s;
  return {
    ...rest,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    confirmed: confirmedCount,
    waitlisted: waitlistedCount,
    orgUnitName: orgUnit.name,
    // The live link is for registered families and staff only.
    liveUrl: staff || mine?.registration === 'CONFIRMED' ? s.liveUrl : null,
    lessons: lessons.map((l) => l.lesson),
    mine,
  };
}

/** The family's own history: sessions registered or attended, and this year's count of guidance services. */
export async function mySessions(opts: { db: Db; actor: FamilyActor; now?: Date }) {
  const { db, now = new Date() } = opts;
  const { familyId } = opts.actor;
  const year = chinaYear(now);
  const [regs, attended, serviceRow] = await Promise.all([
    db.registration.findMany({
      where: { familyId },
      orderBy: { session: { startsAt: 'desc' } },
      take: 100,
      select: {
        status: true,
        registeredById: true,
        session: {
          select: {
            id: true,
            title: true,
            kind: true,
            startsAt: true,
            status: true,
            mentalHealth: true,
            orgUnit: { select: { name: true } },
          },
        },
      },
    }),
    db.attendance.findMany({ where: { familyId, present: true }, select: { sessionId: true } }),
    db.familyServiceYear.findUnique({ where: { familyId_year: { familyId, year } }, select: { services: true } }),
  ]);
  const attendedIds = new Set(attended.map((a) => a.sessionId));
  // 代办: registrations made by someone outside the household (a coordinator) say who did it.
  const registrars = [...new Set(regs.map((r) => r.registeredById))];
  const others = await db.user.findMany({
    where: { id: { in: registrars }, NOT: { guardian: { familyId } } },
    select: { id: true, displayName: true },
  });
  const nameOf = new Map(others.map((u) => [u.id, u.displayName]));
  const onBehalfBy = (userId: string) => nameOf.get(userId) ?? null;
  return {
    year,
    servicesThisYear: serviceRow?.services ?? 0,
    items: regs.map((r) => ({
      sessionId: r.session.id,
      title: r.session.title,
      kind: r.session.kind,
      startsAt: r.session.startsAt.toISOString(),
      sessionStatus: r.session.status,
      orgUnitName: r.session.orgUnit.name,
      mentalHealth: r.session.mentalHealth,
      registration: r.status,
      attended: attendedIds.has(r.session.id),
      /** Who registered the household on its behalf (代办), or null when a guardian did. */
      registeredOnBehalfBy: onBehalfBy(r.registeredById),
    })),
  };
}

/**
 * The coordinator's roster: registered and attending families. Guardians by display name, children
 * masked and by grade and class only; no phone numbers or openids.
 */
export async function roster(opts: { db: Db; actor: Actor; input: { sessionId: string; q?: string } }) {
  const { db } = opts;
  const { sessionId } = opts.input;
  // The roster names families: who read it is recorded.
  await writeAudit(db, {
    actorUserId: opts.actor.id,
    action: 'session.rosterRead',
    targetType: 'Session',
    targetId: sessionId,
  });
  const familySelect = {
    guardians: { select: { user: { select: { displayName: true } } } },
    children: { select: { name: true, grade: true, className: true } },
  } as const;
  const [regs, atts] = await Promise.all([
    db.registration.findMany({
      where: { sessionId },
      orderBy: [{ status: 'asc' }, { queuedAt: 'asc' }],
      select: { familyId: true, status: true, attendees: true, queuedAt: true, family: { select: familySelect } },
    }),
    db.attendance.findMany({ where: { sessionId }, select: { familyId: true, present: true, method: true, at: true } }),
  ]);
  const attendance = new Map(atts.map((a) => [a.familyId, a]));
  const registered = new Set(regs.map((r) => r.familyId));
  // Families marked present by roll call or a paper sheet without having registered.
  const walkIns = await db.family.findMany({
    where: { id: { in: atts.filter((a) => !registered.has(a.familyId)).map((a) => a.familyId) } },
    select: { id: true, ...familySelect },
  });
  type FamilyRow = {
    guardians: { user: { displayName: string } }[];
    children: { name: string; grade: string; className: string | null }[];
  };
  const row = (
    familyId: string,
    family: FamilyRow,
    registration: 'CONFIRMED' | 'WAITLISTED' | 'CANCELLED' | null,
    attendees: number,
    queuedAt: Date | null,
  ) => ({
    familyId,
    registration,
    attendees,
    queuedAt: queuedAt?.toISOString() ?? null,
    guardians: family.guardians.map((g) => g.user.displayName),
    children: family.children.map((c) => ({ name: maskName(c.name), grade: c.grade, className: c.className })),
    present: attendance.get(familyId)?.present ?? false,
    method: attendance.get(familyId)?.method ?? null,
    checkedInAt: attendance.get(familyId)?.at.toISOString() ?? null,
  });
  const rows = [
    ...regs.map((r) => row(r.familyId, r.family, r.status, r.attendees, r.queuedAt)),
    ...walkIns.map((f) => row(f.id, f, null, 1, null)),
  ];
  // 查找: by the child's full name (the rows show it masked), the class or grade, or a guardian's name.
  const q = opts.input.q?.trim();
  const families = new Map<string, FamilyRow>([
    ...regs.map((r) => [r.familyId, r.family] as const),
    ...walkIns.map((f) => [f.id, f] as const),
  ]);
  const matches = (familyId: string) => {
    const f = families.get(familyId);
    if (!q || !f) return true;
    return (
      f.children.some((c) => c.name.includes(q) || (c.className ?? gradeLabel(c.grade)).includes(q)) ||
      f.guardians.some((g) => g.user.displayName.includes(q))
    );
  };
  return {
    rows: rows.filter((r) => matches(r.familyId)),
    summary: {
      confirmed: regs.filter((r) => r.status === 'CONFIRMED').length,
      waitlisted: regs.filter((r) => r.status === 'WAITLISTED').length,
      present: rows.filter((r) => r.present).length,
      presentPeople: rows.filter((r) => r.present).reduce((n, r) => n + r.attendees, 0),
    },
  };
}

export async function rateSession(opts: {
  db: Db;
  actor: FamilyActor;
  input: { sessionId: string; rating: number; comment?: string };
}) {
  const { db, input } = opts;
  const { familyId } = opts.actor;
  const att = await db.attendance.findUnique({
    where: { sessionId_familyId: { sessionId: input.sessionId, familyId } },
    select: { present: true },
  });
  if (!att?.present) throw new AppError('FORBIDDEN', '参加活动后才能评价');
  await db.sessionRating.upsert({
    where: { sessionId_familyId: { sessionId: input.sessionId, familyId } },
    create: { sessionId: input.sessionId, familyId, rating: input.rating, comment: input.comment ?? null },
    update: { rating: input.rating, comment: input.comment ?? null },
    select: { id: true },
  });
  return { ok: true as const };
}
