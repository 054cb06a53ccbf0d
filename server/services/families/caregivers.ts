import type { Db } from '../../db/create-db';
import type { Prisma } from '../../generated/prisma/client';
import type { Actor, FamilyActor } from '../../auth/auth-user';
import { AppError } from '../../errors/app-error';
import { writeAudit } from '../audit/write-audit';
import { GUARDIAN_RELATION_LABELS, isLegalGuardian, LEGAL_GUARDIAN_RELATIONS } from '../../shared/enums';
import { gradeLabel } from '../../shared/grades';

/** Said to a caregiver who may not (yet) give the checklist consent, wherever it is refused. */
export const CARER_NEEDS_AUTHORISATION =
  '孩子心理预警清单的单独同意，须由孩子的父母或其他法定监护人作出。请孩子的父母在“我的家庭”中授权您填写，' +
  '或请学校的家长学校负责老师确认您的监护人身份。';

/** A legal guardian, or a caregiver a legal guardian authorised: may give `sensitive:checklist`. */
export async function mayConsentForChildren(db: Db, userId: string): Promise<boolean> {
  const g = await db.guardian.findUnique({
    where: { userId },
    select: { relation: true, legalGuardianConfirmedAt: true, carerAuthorizedAt: true },
  });
  // Not in a family yet: nothing about a child can be answered; joining as a caregiver is checked again.
  if (!g) return true;
  return isLegalGuardian(g) || g.carerAuthorizedAt !== null;
}

export async function assertMayConsentForChildren(db: Db, userId: string): Promise<void> {
  if (!(await mayConsentForChildren(db, userId)))
    throw new AppError('FORBIDDEN', CARER_NEEDS_AUTHORISATION, { reason: 'NOT_LEGAL_GUARDIAN' });
}

const GUARDIAN_STATUS = {
  id: true,
  familyId: true,
  userId: true,
  relation: true,
  legalGuardianConfirmedAt: true,
  carerAuthorizedAt: true,
} as const;

/** The caller's guardian row, which must be a legal guardian's; and the other guardian, of the same family. */
async function legalGuardianAndCarer(db: Db, actor: FamilyActor, guardianId: string) {
  const [me, carer] = await Promise.all([
    db.guardian.findUnique({ where: { userId: actor.id }, select: GUARDIAN_STATUS }),
    db.guardian.findUnique({ where: { id: guardianId }, select: GUARDIAN_STATUS }),
  ]);
  if (!carer || carer.familyId !== actor.familyId) throw new AppError('NOT_FOUND', '没有找到这位家庭成员');
  if (!me || !isLegalGuardian(me))
    throw new AppError('FORBIDDEN', '只有孩子的父母或其他法定监护人可以授权其他照护人', {
      reason: 'NOT_LEGAL_GUARDIAN',
    });
  if (carer.id === me.id) throw new AppError('BAD_REQUEST', '您本人就是法定监护人，无需授权');
  return { me, carer: { ...carer, legalGuardian: isLegalGuardian(carer) } };
}

/** One change to a guardian's standing, with what goes with it, and its audit entry: one transaction. */
async function changeGuardian(
  db: Db,
  actorId: string,
  guardianId: string,
  action: string,
  data: Prisma.GuardianUpdateInput,
  alongside?: (tx: Prisma.TransactionClient) => Promise<unknown>,
) {
  await db.$transaction(async (tx) => {
    await tx.guardian.update({ where: { id: guardianId }, data, select: { id: true } });
    await alongside?.(tx);
    await writeAudit(tx, { actorUserId: actorId, action, targetType: 'Guardian', targetId: guardianId });
  });
  return { ok: true as const };
}

/**
 * A legal guardian lets a caregiver of the family (a grandparent raising the child while the parents work far
 * away) give the separate consent for the children's checklists. Audited; repeating it changes nothing.
 */
export async function authorizeCarer(opts: { db: Db; actor: FamilyActor; input: { guardianId: string } }) {
  const { db, actor } = opts;
  const { carer } = await legalGuardianAndCarer(db, actor, opts.input.guardianId);
  if (carer.legalGuardian || carer.carerAuthorizedAt) return { ok: true as const };
  return changeGuardian(db, actor.id, carer.id, 'family.authorizeCarer', {
    carerAuthorizedById: actor.id,
    carerAuthorizedAt: new Date(),
  });
}

/** The authorisation taken back: the caregiver's checklist consent ends with it, in the same transaction. */
export async function revokeCarer(opts: { db: Db; actor: FamilyActor; input: { guardianId: string } }) {
  const { db, actor } = opts;
  const { carer } = await legalGuardianAndCarer(db, actor, opts.input.guardianId);
  if (carer.legalGuardian) throw new AppError('CONFLICT', '这位家庭成员是法定监护人，不能取消');
  if (!carer.carerAuthorizedAt) return { ok: true as const };
  return changeGuardian(
    db,
    actor.id,
    carer.id,
    'family.revokeCarer',
    { carerAuthorizedById: null, carerAuthorizedAt: null },
    async (tx) => {
      await tx.consent.updateMany({
        where: { userId: carer.userId, scope: 'sensitive:checklist', withdrawnAt: null },
        data: { withdrawnAt: new Date() },
      });
      // Answers the caregiver was in the middle of were kept under that consent.
      await tx.checklistDraft.deleteMany({ where: { userId: carer.userId } });
    },
  );
}

/**
 * The school's coordinator confirms that a caregiver is the child's legal guardian (an orphan's grandparent,
 * a guardian appointed by a court or the residents' committee), having seen the papers. Audited.
 */
export async function confirmLegalGuardian(opts: { db: Db; actor: Actor; input: { guardianId: string } }) {
  const { db, actor } = opts;
  const g = await db.guardian.findUnique({
    where: { id: opts.input.guardianId },
    select: { id: true, relation: true, legalGuardianConfirmedAt: true },
  });
  if (!g) throw new AppError('NOT_FOUND', '没有找到这位家庭成员');
  if (isLegalGuardian(g)) return { ok: true as const };
  return changeGuardian(db, actor.id, g.id, 'family.confirmLegalGuardian', {
    legalGuardianConfirmedById: actor.id,
    legalGuardianConfirmedAt: new Date(),
  });
}

/**
 * The caregivers at a school or site who are not parents (grandparents, other relatives, entrusted carers), for the
 * coordinator who confirms a legal guardian after seeing the proof (an orphan's grandparent, a court's order):
 * those not yet confirmed first, then the confirmed ones with who confirmed them and when. Their children by name
 * and class, so the coordinator knows whom the proof is about.
 */
export async function listCaregivers(opts: { db: Db; unit: { id: string } }) {
  const rows = await opts.db.guardian.findMany({
    where: { family: { orgUnitId: opts.unit.id }, relation: { notIn: [...LEGAL_GUARDIAN_RELATIONS] } },
    select: {
      id: true,
      relation: true,
      createdAt: true,
      legalGuardianConfirmedAt: true,
      legalGuardianConfirmedById: true,
      carerAuthorizedAt: true,
      user: { select: { displayName: true } },
      family: {
        select: { children: { select: { name: true, grade: true, className: true }, orderBy: { name: 'asc' } } },
      },
    },
    orderBy: [{ legalGuardianConfirmedAt: { sort: 'desc', nulls: 'first' } }, { createdAt: 'asc' }],
    take: 500,
  });
  const confirmers = await opts.db.user.findMany({
    where: { id: { in: rows.map((r) => r.legalGuardianConfirmedById).filter((v): v is string => v !== null) } },
    select: { id: true, displayName: true },
  });
  const nameOf = new Map(confirmers.map((u) => [u.id, u.displayName]));
  return rows.map((r) => ({
    guardianId: r.id,
    displayName: r.user.displayName ?? '未填写姓名',
    relation: r.relation,
    relationLabel: GUARDIAN_RELATION_LABELS[r.relation],
    children: r.family.children.map((c) => ({
      name: c.name,
      gradeLabel: gradeLabel(c.grade),
      className: c.className,
    })),
    confirmedAt: r.legalGuardianConfirmedAt?.toISOString() ?? null,
    confirmedBy: r.legalGuardianConfirmedById ? (nameOf.get(r.legalGuardianConfirmedById) ?? null) : null,
    authorizedByParent: r.carerAuthorizedAt !== null,
  }));
}
