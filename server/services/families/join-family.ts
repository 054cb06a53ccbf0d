import type { Db } from '../../db/create-db';
import type { Actor } from '../../auth/auth-user';
import { AppError } from '../../errors/app-error';
import type { JoinFamilyInput } from '../../shared/schemas';
import { writeAudit } from '../audit/write-audit';
import { newInviteCode } from './invite-code';

/**
 * Binds the caller as a guardian.
 * - A school or class invite: a caller without a family starts one at that unit; a caller who already
 *   has a family adds the child to it (several children per family).
 * - A family's own invite: a second guardian joins that family.
 * The child is added unless the family already has a child of that name. One transaction.
 */
export async function joinFamily(opts: {
  db: Db;
  actor: Actor;
  input: JoinFamilyInput;
}): Promise<{ familyId: string }> {
  const { db, input } = opts;
  const userId = opts.actor.id;
  return db.$transaction(async (tx) => {
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
        orgUnit: { select: { kind: true } },
      },
    });
    if (!invite || invite.disabled || (invite.expiresAt && invite.expiresAt.getTime() < Date.now())) {
      throw new AppError('NOT_FOUND', '邀请码无效或已过期，请向学校或家人核对');
    }
    if (invite.orgUnit.kind !== 'SCHOOL' && invite.orgUnit.kind !== 'COMMUNITY_SITE') {
      throw new AppError('BAD_REQUEST', '该邀请码不能用于加入家庭');
    }
    const existing = await tx.guardian.findUnique({
      where: { userId },
      select: { familyId: true, family: { select: { orgUnitId: true } } },
    });

    let familyId: string;
    let familyUnitId: string;
    if (invite.kind === 'FAMILY') {
      if (!invite.familyId) throw new AppError('NOT_FOUND', '邀请码无效或已过期，请向学校或家人核对');
      if (existing && existing.familyId !== invite.familyId) {
        throw new AppError('CONFLICT', '您已绑定其他家庭，不能再用此邀请码加入');
      }
      familyId = invite.familyId;
      familyUnitId = invite.orgUnitId;
      if (!existing) {
        await tx.guardian.create({ data: { familyId, userId, relation: input.relation }, select: { id: true } });
      }
    } else if (existing) {
      familyId = existing.familyId;
      familyUnitId = existing.family.orgUnitId;
    } else {
      const family = await tx.family.create({ data: { orgUnitId: invite.orgUnitId }, select: { id: true } });
      familyId = family.id;
      familyUnitId = invite.orgUnitId;
      await tx.guardian.create({ data: { familyId, userId, relation: input.relation }, select: { id: true } });
      await tx.inviteCode.create({
        data: { code: newInviteCode(), kind: 'FAMILY', orgUnitId: invite.orgUnitId, familyId },
        select: { id: true },
      });
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
          grade: invite.grade ?? input.child.grade,
          className: invite.className,
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
      detail: { inviteKind: invite.kind },
    });
    return { familyId };
  });
}
