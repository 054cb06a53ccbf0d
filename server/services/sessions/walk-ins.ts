import type { Db } from '../../db/create-db';
import type { Actor } from '../../auth/auth-user';
import { AppError } from '../../errors/app-error';
import { writeAudit } from '../audit/write-audit';

const MOST = 20;

/**
 * 补录未报名的家庭: the session's own school's (or site's) households whose child's name or class holds `q` —
 * on the class roster or joined through the app — so that one who came without registering can be marked
 * present (sessions.markAttendance takes the same households, and no others). Who searched is recorded.
 */
export async function walkInCandidates(opts: { db: Db; actor: Actor; input: { sessionId: string; q: string } }) {
  const { db } = opts;
  const { sessionId, q } = opts.input;
  const s = await db.guidanceSession.findUnique({ where: { id: sessionId }, select: { orgUnitId: true } });
  if (!s) throw new AppError('NOT_FOUND', '活动不存在');
  const unitId = s.orgUnitId;
  const childWhere = {
    leftAt: null,
    OR: [{ name: { contains: q } }, { className: { contains: q } }],
  };
  const families = await db.family.findMany({
    where: {
      OR: [
        { children: { some: { ...childWhere, schoolId: unitId } } },
        { orgUnitId: unitId, children: { some: childWhere } },
      ],
    },
    take: MOST + 1,
    orderBy: { id: 'asc' },
    select: {
      id: true,
      orgUnitId: true,
      guardians: { select: { user: { select: { displayName: true } } } },
      children: { where: { leftAt: null }, select: { name: true, grade: true, className: true, schoolId: true } },
      registrations: { where: { sessionId }, select: { status: true } },
      attendances: { where: { sessionId }, select: { present: true } },
    },
  });
  await writeAudit(db, {
    actorUserId: opts.actor.id,
    action: 'session.walkInSearch',
    targetType: 'Session',
    targetId: sessionId,
    detail: { found: Math.min(families.length, MOST) },
  });
  return {
    items: families.slice(0, MOST).map((f) => ({
      familyId: f.id,
      guardians: f.guardians.map((g) => g.user.displayName),
      // The session's school's children: the rest of a household's children are not this school's business.
      children: f.children
        .filter((c) => c.schoolId === unitId || f.orgUnitId === unitId)
        .map((c) => ({ name: c.name, grade: c.grade, className: c.className })),
      joined: f.guardians.length > 0,
      registration: f.registrations[0]?.status ?? null,
      present: f.attendances[0]?.present ?? false,
    })),
    more: families.length > MOST,
  };
}
