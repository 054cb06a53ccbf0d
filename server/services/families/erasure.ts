import type { Db } from '../../db/create-db';
import type { Prisma } from '../../generated/prisma/client';
import type { AuthUser, FamilyActor } from '../../auth/auth-user';
import { AppError } from '../../errors/app-error';
import { writeAudit } from '../audit/write-audit';
import { deleteResponsesWhere as deleteResponses } from '../checklists/responses';
import { enqueueForFamily } from '../notifications/enqueue';
import { thing, time } from '../notifications/templates';
import { releaseFamilySeats } from '../sessions/registration';
import { lockFamily } from './families.sql';

type Tx = Prisma.TransactionClient;

/** Deleting an account touches many tables (and, for a household going away, each session it holds a place in). */
const ERASURE_TX = { maxWait: 10_000, timeout: 30_000 } as const;

/**
 * A family removes one of its children: the name, class and every checklist answer about the child go (drafts
 * with the child). The family's attendance and yearly service count stay (the region's figures already counted
 * them).
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
 * The caller stops being a guardian of the family, in the caller's transaction (family row locked): the
 * checklist answers they gave go (they are the submitter's), and so do their drafts, their checklist consent
 * (given for this family's children), the family invitations they issued and nobody used, and their queued
 * messages about the family. The other guardians are told. Returns how many guardians remain.
 */
async function leaveHousehold(tx: Tx, userId: string, familyId: string, now: Date) {
  await lockFamily(tx, familyId);
  const responses = await deleteResponses(tx, { familyId, submittedById: userId }, now);
  await tx.checklistDraft.deleteMany({ where: { userId } });
  await tx.consent.updateMany({
    where: { userId, scope: 'sensitive:checklist', withdrawnAt: null },
    data: { withdrawnAt: now },
  });
  await tx.inviteCode.updateMany({
    where: { familyId, kind: 'FAMILY', createdById: userId, usedAt: null },
    data: { disabled: true },
  });
  await tx.notification.updateMany({ where: { userId, status: 'PENDING' }, data: { status: 'CANCELLED' } });
  await tx.guardian.delete({ where: { userId }, select: { id: true } });
  const remaining = await tx.guardian.count({ where: { familyId } });
  if (remaining > 0)
    await enqueueForFamily(tx, familyId, {
      templateKey: 'FAMILY_NOTICE',
      page: 'packageParent/family/index',
      data: {
        thing1: thing('一位监护人已离开您的家庭'),
        time2: time(now),
        thing3: thing('可在“我的家庭”查看家庭成员'),
      },
      dueAt: now,
      dedupePrefix: `guardian-left:${familyId}:${userId}:${now.getTime()}`,
    });
  return { responses, remaining };
}

/**
 * A guardian leaves the family while another guardian stays (the children and the family's records stay with
 * them). The last guardian cannot leave: deleting the account is the way out, and says what goes with it.
 */
export async function leaveFamily(opts: { db: Db; actor: FamilyActor }) {
  const { db, actor } = opts;
  const now = new Date();
  return db.$transaction(async (tx) => {
    await lockFamily(tx, actor.familyId);
    const guardians = await tx.guardian.count({ where: { familyId: actor.familyId } });
    if (guardians <= 1)
      throw new AppError(
        'CONFLICT',
        '您是家里唯一的监护人，不能离开家庭。不再使用心桥时，可以注销账号：您和孩子的登记信息会一并删除。',
      );
    const { responses, remaining } = await leaveHousehold(tx, actor.id, actor.familyId, now);
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: 'family.leave',
      targetType: 'Family',
      targetId: actor.familyId,
      detail: { responses, remaining },
    });
    return { ok: true as const };
  }, ERASURE_TX);
}

/**
 * A household nobody is left in and that is on no school roster goes entirely: its places in sessions still to
 * come are given back, its checklist answers go (a referral keeps only the counsellor's notes), then the
 * household with its children, registrations, attendance, home visits (notes and address), yearly service
 * rows and invitations. The per-session attendance counts stay as they were.
 */
async function removeHousehold(tx: Tx, familyId: string, now: Date) {
  const seats = await releaseFamilySeats(tx, familyId, now);
  const responses = await deleteResponses(tx, { familyId }, now);
  // Tables that name the family without a foreign key.
  await tx.sessionRating.deleteMany({ where: { familyId } });
  await tx.lessonCompletion.updateMany({ where: { familyId }, data: { familyId: null } });
  await tx.smsMessage.updateMany({ where: { familyId }, data: { familyId: null } });
  const children = await tx.child.count({ where: { familyId } });
  await tx.family.delete({ where: { id: familyId }, select: { id: true } });
  return { seats, responses, children };
}

/**
 * A parent deletes their account (the privacy notice promises it), all or nothing in one transaction. What
 * identifies them goes: the WeChat openid and name, their consents, their checklist answers and drafts, their
 * sign-ins (the token stops working at once) and queued messages, their place in the family. When nobody is
 * left in the family:
 * - a household on no school roster goes with its children and everything recorded about it (removeHousehold);
 * - a household on a roster is the school's record and stays, with the roster's children; the children a
 *   parent named and every checklist answer about the family's children go.
 * Staff accounts are disabled by an administrator instead.
 */
export async function deleteAccount(opts: { db: Db; actor: Pick<AuthUser, 'id' | 'roles'> }) {
  const { db, actor } = opts;
  if (actor.roles.length > 0) throw new AppError('FORBIDDEN', '工作人员账号请联系管理员停用');
  const userId = actor.id;
  const now = new Date();
  return db.$transaction(async (tx) => {
    let responses = await deleteResponses(tx, { submittedById: userId }, now);
    let family: 'none' | 'kept' | 'rosterKept' | 'removed' = 'none';
    let childrenRemoved = 0;
    let seatsReleased = 0;
    const guardian = await tx.guardian.findUnique({ where: { userId }, select: { familyId: true } });
    if (guardian) {
      const { familyId } = guardian;
      const { remaining } = await leaveHousehold(tx, userId, familyId, now);
      family = 'kept';
      if (remaining === 0) {
        const household = await tx.family.findUniqueOrThrow({
          where: { id: familyId },
          select: {
            enrolledFrom: true,
            householdKey: true,
            _count: { select: { children: { where: { enrolledAt: { not: null } } } } },
          },
        });
        const onRoster =
          household.enrolledFrom !== null || household.householdKey !== null || household._count.children > 0;
        if (onRoster) {
          family = 'rosterKept';
          responses += await deleteResponses(tx, { familyId }, now);
          childrenRemoved = (await tx.child.deleteMany({ where: { familyId, enrolledAt: null } })).count;
          await tx.inviteCode.updateMany({ where: { familyId }, data: { disabled: true } });
        } else {
          family = 'removed';
          const removed = await removeHousehold(tx, familyId, now);
          responses += removed.responses;
          childrenRemoved = removed.children;
          seatsReleased = removed.seats;
        }
      }
    }
    await tx.checklistDraft.deleteMany({ where: { userId } });
    await tx.consent.deleteMany({ where: { userId } });
    // Every sign-in: the token is no longer found, so it stops working with this commit.
    await tx.authSession.deleteMany({ where: { userId } });
    // A message being sent right now finishes (the sender updates its row); every other one goes.
    await tx.notification.deleteMany({ where: { userId, status: { not: 'SENDING' } } });
    await tx.subscribeQuota.deleteMany({ where: { userId } });
    await tx.user.update({
      where: { id: userId },
      data: { openid: null, displayName: '已注销用户', disabled: true },
      select: { id: true },
    });
    await writeAudit(tx, {
      actorUserId: userId,
      action: 'user.deleteAccount',
      targetType: 'User',
      targetId: userId,
      detail: { responses, childrenRemoved, family, seatsReleased },
    });
    return { ok: true as const };
  }, ERASURE_TX);
}
