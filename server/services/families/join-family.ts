import type { Db } from '../../db/create-db';
import type { Actor } from '../../auth/auth-user';
import type { Prisma } from '../../generated/prisma/client';
import { AppError } from '../../errors/app-error';
import { GUARDIAN_RELATION_LABELS } from '../../shared/enums';
import type { JoinFamilyInput } from '../../shared/schemas';
import { writeAudit } from '../audit/write-audit';
import { failureLockout } from '../rate-limit';
import { enqueueForFamily } from '../notifications/enqueue';
import { thing, time } from '../notifications/templates';
import { gradeLabel, normalizeClassName } from '../../shared/grades';
import { mergeFamilies } from '../rosters/merge-families';

type Tx = Prisma.TransactionClient;

/** Why a code could not be used: written to the audit log, never told to the caller. */
type Unusable = 'unknown' | 'disabled' | 'expired' | 'used' | 'otherFamily' | 'wrongUnit';

/**
 * Every code that cannot be used gets the same status and message, so guesses cannot be told apart
 * from another family's real invitation.
 */
const unusable = (reason: Unusable) =>
  new AppError('NOT_FOUND', '邀请码不对或已经过期，请向学校老师或家人重新要一个', { reason });

/** After this many unusable codes in an hour, a user cannot try any more codes until the hour is over. */
export const JOIN_FAILURES_PER_HOUR = 10;
const joinLockout = failureLockout(
  'families.join',
  JOIN_FAILURES_PER_HOUR,
  '邀请码输错次数太多，请 1 小时后再试，或问一问学校老师',
);

/** A failed attempt is audited and counted towards the lockout (outside the rolled-back transaction). */
async function recordFailure(db: Db, userId: string, reason: string, now: Date) {
  await joinLockout.recordFailure(db, userId, now);
  await writeAudit(db, {
    actorUserId: userId,
    action: 'family.joinFailed',
    targetType: 'InviteCode',
    detail: { reason },
  });
}

/**
 * The roster household a parent joining with a CLASS invite claims by naming a child on that class's roster
 * (same grade, class and name), when no guardian has claimed it yet and the caller's own family (if any) is
 * not another roster household: then no household is added. Otherwise null, and the family joins as before
 * (the coordinator's 待核对 queue shows it). The household row is locked, so two claims cannot both win.
 */
export async function claimRosterHousehold(
  tx: Tx,
  invite: { kind: string; orgUnitId: string; grade: string | null; className: string | null },
  childName: string,
  ownFamilyId: string | null,
): Promise<string | null> {
  if (invite.kind !== 'CLASS' || !invite.grade || !invite.className) return null;
  const [hit] = await tx.$queryRaw<{ familyId: string }[]>`
    SELECT f.id AS "familyId" FROM "Child" c JOIN "Family" f ON f.id = c."familyId"
     WHERE c."schoolId" = ${invite.orgUnitId} AND c.grade = ${invite.grade}
       AND c."className" = ${normalizeClassName(invite.grade, invite.className)} AND c.name = ${childName.replace(/\s+/g, '')}
       AND c."enrolledAt" IS NOT NULL AND c."leftAt" IS NULL
     FOR UPDATE OF f`;
  if (!hit || hit.familyId === ownFamilyId) return null;
  const taken = await tx.guardian.count({ where: { familyId: hit.familyId } });
  if (taken > 0) return null;
  if (ownFamilyId) {
    const own = await tx.family.findUnique({ where: { id: ownFamilyId }, select: { enrolledFrom: true } });
    if (own?.enrolledFrom) return null;
  }
  return hit.familyId;
}

/**
 * Binds the caller as a guardian.
 * - A school or class invite: a caller without a family starts one at that unit; a caller who already
 *   has a family adds the child to it (several children per family).
 * - A guardian invitation (`families.inviteGuardian`): a second guardian joins that family, once; the
 *   family's other guardians are told.
 * The child is added unless the family already has a child of that name. One transaction.
 */
export async function joinFamily(opts: {
  db: Db;
  actor: Actor;
  input: JoinFamilyInput;
  now?: Date;
}): Promise<{ familyId: string }> {
  const { db, input, now = new Date() } = opts;
  const userId = opts.actor.id;
  await joinLockout.assertNotLockedOut(db, userId, now);
  try {
    return await db.$transaction((tx) => joinIn(tx, userId, input, now));
  } catch (err) {
    const reason = err instanceof AppError ? err.details?.reason : undefined;
    if (typeof reason === 'string') await recordFailure(db, userId, reason, now);
    throw err;
  }
}

async function joinIn(tx: Tx, userId: string, input: JoinFamilyInput, now: Date): Promise<{ familyId: string }> {
  const invite = await tx.inviteCode.findUnique({
    where: { code: input.inviteCode },
    select: {
      id: true,
      kind: true,
      orgUnitId: true,
      familyId: true,
      grade: true,
      className: true,
      disabled: true,
      expiresAt: true,
      usedAt: true,
      orgUnit: { select: { kind: true } },
    },
  });
  if (!invite) throw unusable('unknown');
  if (invite.disabled) throw unusable('disabled');
  if (invite.expiresAt && invite.expiresAt.getTime() < now.getTime()) throw unusable('expired');
  if (invite.orgUnit.kind !== 'SCHOOL' && invite.orgUnit.kind !== 'COMMUNITY_SITE') throw unusable('wrongUnit');
  // A class code places the child in its class: a grade chosen that is not the class's is said, not overridden.
  if (invite.kind === 'CLASS' && invite.grade && invite.grade !== input.child.grade)
    throw new AppError(
      'BAD_REQUEST',
      `这是${invite.className ?? gradeLabel(invite.grade)}的班级邀请码，请把孩子的年级选为“${gradeLabel(invite.grade)}”。` +
        '如果孩子不在这个班，请向班主任要本班的邀请码，或用学校邀请码加入。',
    );
  const existing = await tx.guardian.findUnique({
    where: { userId },
    select: { familyId: true, family: { select: { orgUnitId: true } } },
  });

  let familyId: string;
  let familyUnitId: string;
  let claimed: string | null = null;
  if (invite.kind === 'FAMILY') {
    if (!invite.familyId || invite.usedAt) throw unusable('used');
    if (existing) throw unusable('otherFamily');
    // Taken once: a concurrent second use finds it used.
    const { count } = await tx.inviteCode.updateMany({
      where: { id: invite.id, usedAt: null },
      data: { usedAt: now, usedById: userId },
    });
    if (count === 0) throw unusable('used');
    familyId = invite.familyId;
    familyUnitId = invite.orgUnitId;
    // The guardians already in the family are told before the newcomer is one of them.
    await enqueueForFamily(tx, familyId, {
      templateKey: 'FAMILY_NOTICE',
      page: 'packageParent/family/index',
      data: {
        thing1: thing('有新的监护人加入了您的家庭'),
        time2: time(now),
        thing3: thing(`关系：${GUARDIAN_RELATION_LABELS[input.relation]}`),
      },
      dueAt: now,
      dedupePrefix: `guardian-joined:${invite.id}`,
    });
    await tx.guardian.create({ data: { familyId, userId, relation: input.relation }, select: { id: true } });
  } else if ((claimed = await claimRosterHousehold(tx, invite, input.child.name, existing?.familyId ?? null))) {
    // The child is on this class's roster, in a household nobody has claimed: that household is the family.
    if (existing) await mergeFamilies(tx, existing.familyId, claimed);
    else
      await tx.guardian.create({ data: { familyId: claimed, userId, relation: input.relation }, select: { id: true } });
    familyId = claimed;
    familyUnitId = invite.orgUnitId;
  } else if (existing) {
    familyId = existing.familyId;
    familyUnitId = existing.family.orgUnitId;
  } else {
    const family = await tx.family.create({ data: { orgUnitId: invite.orgUnitId }, select: { id: true } });
    familyId = family.id;
    familyUnitId = invite.orgUnitId;
    await tx.guardian.create({ data: { familyId, userId, relation: input.relation }, select: { id: true } });
  }

  const sameName = await tx.child.findUnique({
    where: { familyId_name: { familyId, name: input.child.name } },
    select: { id: true },
  });
  if (!sameName) {
    await tx.child.create({
      data: {
        familyId,
        name: input.child.name,
        grade: input.child.grade,
        className: invite.className ? normalizeClassName(input.child.grade, invite.className) : null,
        schoolId: invite.kind === 'FAMILY' ? familyUnitId : invite.orgUnitId,
      },
      select: { id: true },
    });
  }
  await tx.inviteCode.update({ where: { id: invite.id }, data: { uses: { increment: 1 } }, select: { id: true } });
  await writeAudit(tx, {
    actorUserId: userId,
    action: 'family.join',
    targetType: 'Family',
    targetId: familyId,
    orgUnitId: familyUnitId,
    detail: { inviteKind: invite.kind, rosterHousehold: claimed !== null },
  });
  return { familyId };
}
