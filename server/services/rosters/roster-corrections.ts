import type { Db } from '../../db/create-db';
import type { Actor } from '../../auth/auth-user';
import { AppError } from '../../errors/app-error';
import { GUARDIAN_RELATION_LABELS } from '../../shared/enums';
import type { CorrectionOutcome } from '../../shared/families';
import { gradeLabel } from '../../shared/grades';
import type { ScopedUnit } from '../../trpc/procedures';
import { writeAudit } from '../audit/write-audit';

/**
 * Guardians' open requests to correct a rostered child of the school (families.requestChildCorrection): what
 * the roster says, what the guardian says, who asked and when. The roster file is the record: the coordinator
 * corrects it there, imports it again, and closes the request.
 */
export async function rosterCorrections(opts: { db: Db; unit: ScopedUnit }) {
  const { db, unit } = opts;
  const rows = await db.childCorrection.findMany({
    where: { schoolId: unit.id, closedAt: null },
    orderBy: { createdAt: 'asc' },
    take: 500,
    select: {
      id: true,
      name: true,
      grade: true,
      className: true,
      note: true,
      createdAt: true,
      requestedById: true,
      child: { select: { id: true, name: true, grade: true, className: true, leftAt: true } },
    },
  });
  const guardians = await db.guardian.findMany({
    where: { userId: { in: [...new Set(rows.map((r) => r.requestedById))] } },
    select: { userId: true, relation: true, user: { select: { displayName: true } } },
  });
  const who = new Map(
    guardians.map((g) => [g.userId, `${g.user.displayName}（${GUARDIAN_RELATION_LABELS[g.relation]}）`]),
  );
  return rows.map((r) => ({
    correctionId: r.id,
    childId: r.child.id,
    roster: {
      name: r.child.name,
      gradeLabel: gradeLabel(r.child.grade),
      className: r.child.className,
      left: r.child.leftAt !== null,
    },
    requested: {
      name: r.name,
      gradeLabel: r.grade ? gradeLabel(r.grade) : null,
      className: r.className,
    },
    note: r.note,
    requestedBy: who.get(r.requestedById) ?? '已离开家庭的监护人',
    requestedAt: r.createdAt.toISOString(),
  }));
}

/** The coordinator closes a request: corrected in the roster (DONE), or the roster is right (DECLINED). Audited. */
export async function closeCorrection(opts: {
  db: Db;
  actor: Actor;
  unit: ScopedUnit;
  input: { correctionId: string; outcome: CorrectionOutcome };
}) {
  const { db, actor, unit, input } = opts;
  return db.$transaction(async (tx) => {
    const { count } = await tx.childCorrection.updateMany({
      where: { id: input.correctionId, schoolId: unit.id, closedAt: null },
      data: { closedAt: new Date(), closedById: actor.id, outcome: input.outcome },
    });
    if (count === 0) throw new AppError('NOT_FOUND', '这条更正申请不存在或已处理');
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: 'roster.closeCorrection',
      targetType: 'ChildCorrection',
      targetId: input.correctionId,
      orgUnitId: unit.id,
      detail: { outcome: input.outcome },
    });
    return { ok: true as const };
  });
}
