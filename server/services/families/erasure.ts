import type { Db } from '../../db/create-db';
import type { AuthUser, FamilyActor } from '../../auth/auth-user';
import { AppError } from '../../errors/app-error';
import { writeAudit } from '../audit/write-audit';
import { deleteResponsesWhere as deleteResponses } from '../checklists/responses';

/**
 * A family removes one of its children: the name, class and every checklist answer about the child go.
 * The family's attendance and yearly service count stay (the region's figures already counted them).
 */
export async function removeChild(opts: { db: Db; actor: FamilyActor; input: { childId: string } }) {
  const { db, actor } = opts;
  const now = new Date();
  return db.$transaction(async (tx) => {
    const child = await tx.child.findFirst({
      where: { id: opts.input.childId, familyId: actor.familyId },
      select: { id: true, enrolledAt: true },
    });
    if (!child) throw new AppError('NOT_FOUND', '孩子不存在');
    if (child.enrolledAt)
      throw new AppError('CONFLICT', '这个孩子在学校的班级名册上，不能在这里删除；信息有误请联系学校的家长学校负责人');
    const responses = await deleteResponses(tx, { childId: child.id }, now);
    await tx.child.delete({ where: { id: child.id }, select: { id: true } });
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: 'family.removeChild',
      targetType: 'Family',
      targetId: actor.familyId,
      detail: { responses },
    });
    return { ok: true as const };
  });
}

/**
 * A parent deletes their account (the privacy notice promises it). What identifies them goes: the
 * WeChat openid and name, their consents (withdrawn), their checklist answers, their sign-ins and queued
 * messages; their place in the family. If nobody is left in the family, its children's names go too.
 * What the region's figures already counted (attendance, the family's yearly service) stays, with no
 * name attached. Staff accounts are disabled by an administrator instead.
 */
export async function deleteAccount(opts: { db: Db; actor: Pick<AuthUser, 'id' | 'roles' | 'familyId'> }) {
  const { db, actor } = opts;
  if (actor.roles.length > 0) throw new AppError('FORBIDDEN', '工作人员账号请联系管理员停用');
  const now = new Date();
  return db.$transaction(async (tx) => {
    const responses = await deleteResponses(tx, { submittedById: actor.id }, now);
    let childrenRemoved = 0;
    if (actor.familyId) {
      await tx.guardian.deleteMany({ where: { userId: actor.id } });
      const left = await tx.guardian.count({ where: { familyId: actor.familyId } });
      if (left === 0) {
        await deleteResponses(tx, { familyId: actor.familyId }, now);
        // A child on the school's roster stays on it (the school's record); the names a parent gave go.
        childrenRemoved = (await tx.child.deleteMany({ where: { familyId: actor.familyId, enrolledAt: null } })).count;
        await tx.inviteCode.updateMany({ where: { familyId: actor.familyId }, data: { disabled: true } });
      }
    }
    await tx.consent.updateMany({ where: { userId: actor.id, withdrawnAt: null }, data: { withdrawnAt: now } });
    await tx.authSession.updateMany({ where: { userId: actor.id, revokedAt: null }, data: { revokedAt: now } });
    await tx.notification.updateMany({ where: { userId: actor.id, status: 'PENDING' }, data: { status: 'CANCELLED' } });
    await tx.subscribeQuota.deleteMany({ where: { userId: actor.id } });
    await tx.user.update({
      where: { id: actor.id },
      data: { openid: null, displayName: '已注销用户', disabled: true },
      select: { id: true },
    });
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: 'user.deleteAccount',
      targetType: 'User',
      targetId: actor.id,
      detail: { responses, childrenRemoved },
    });
    return { ok: true as const };
  });
}
