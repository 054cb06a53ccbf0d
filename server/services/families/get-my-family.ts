import type { Db } from '../../db/create-db';
import type { Actor } from '../../auth/auth-user';
import { AppError } from '../../errors/app-error';
import { GUARDIAN_RELATION_LABELS, isLegalGuardian } from '../../shared/enums';
import { gradeLabel } from '../../shared/grades';
import { CORRECTION_OUTCOME_LABELS, type CorrectionOutcome } from '../../shared/families';

type Correction = {
  name: string | null;
  grade: string | null;
  className: string | null;
  createdAt: Date;
  closedAt: Date | null;
  outcome: string | null;
};

/** A correction request as the guardian sees it: what they asked for, and whether the school has answered. */
function correctionOf(c: Correction) {
  const asked = [c.name ? `姓名“${c.name}”` : null, c.grade ? gradeLabel(c.grade) : null, c.className]
    .filter(Boolean)
    .join('、');
  const status: CorrectionOutcome | 'OPEN' = c.closedAt ? (c.outcome as CorrectionOutcome) : 'OPEN';
  return {
    status,
    statusLabel: status === 'OPEN' ? '已申请更正，等待学校核对' : `学校已处理：${CORRECTION_OUTCOME_LABELS[status]}`,
    asked: asked || '见说明',
    requestedAt: c.createdAt.toISOString(),
  };
}

export async function getMyFamily(opts: { db: Db; actor: Actor }) {
  const { db } = opts;
  const userId = opts.actor.id;
  const guardian = await db.guardian.findUnique({
    where: { userId },
    select: {
      family: {
        select: {
          id: true,
          orgUnit: { select: { name: true } },
          guardians: {
            select: {
              id: true,
              userId: true,
              relation: true,
              legalGuardianConfirmedAt: true,
              carerAuthorizedAt: true,
              mobileMasked: true,
              user: { select: { displayName: true } },
            },
            orderBy: { createdAt: 'asc' },
          },
          children: {
            select: {
              id: true,
              name: true,
              grade: true,
              className: true,
              enrolledAt: true,
              leftAt: true,
              school: { select: { name: true } },
              // The latest correction request (one asked again replaces the one before).
              corrections: {
                where: { OR: [{ outcome: null }, { outcome: { not: 'REPLACED' } }] },
                orderBy: { createdAt: 'desc' },
                take: 1,
                select: { name: true, grade: true, className: true, createdAt: true, closedAt: true, outcome: true },
              },
            },
            orderBy: { createdAt: 'asc' },
          },
        },
      },
    },
  });
  if (!guardian) throw new AppError('NOT_FOUND', '您还没有加入家庭：请用学校给的邀请码，或家人发给您的邀请码加入');
  const f = guardian.family;
  return {
    id: f.id,
    orgUnitName: f.orgUnit.name,
    /** The caller's own contact mobile, masked (other guardians' numbers are not shown to each other). */
    myMobileMasked: f.guardians.find((g) => g.userId === userId)?.mobileMasked ?? null,
    guardians: f.guardians.map((g) => ({
      id: g.id,
      relation: g.relation,
      relationLabel: GUARDIAN_RELATION_LABELS[g.relation],
      displayName: g.user.displayName,
      isMe: g.userId === userId,
      /** A father or mother, or a caregiver confirmed as legal guardian. */
      legalGuardian: isLegalGuardian(g),
      /** May give the separate consent for the children's checklists (a legal guardian, or authorised). */
      mayConsentForChildren: isLegalGuardian(g) || g.carerAuthorizedAt !== null,
    })),
    children: f.children.map((c) => ({
      id: c.id,
      name: c.name,
      grade: c.grade,
      gradeLabel: gradeLabel(c.grade),
      schoolName: c.school.name,
      className: c.className,
      /** On the school's class roster: the school's record, corrected by the school on request. */
      rostered: c.enrolledAt !== null,
      leftSchool: c.leftAt !== null,
      correction: c.corrections[0] ? correctionOf(c.corrections[0]) : null,
    })),
  };
}
