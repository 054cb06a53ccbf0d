import type { Db } from '../../db/create-db';
import type { FamilyActor } from '../../auth/auth-user';
import { addHours } from '../../shared/china-time';
import { writeAudit } from '../audit/write-audit';
import { GUARDIAN_INVITE_LENGTH, newInviteCode } from './invite-code';

/** How long a guardian invitation stays usable (the contract: at most 72 hours). */
export const GUARDIAN_INVITE_HOURS = 72;
/** A family holds at most this many unused invitations at once: issuing one more retires the oldest. */
const OPEN_INVITES_PER_FAMILY = 3;

/**
 * A guardian of the family invites a second guardian: a single-use code of about 69 bits, valid for
 * 72 hours. Whoever joins with it becomes a guardian of this family; the others are told.
 */
export async function inviteGuardian(opts: { db: Db; actor: FamilyActor; now?: Date }) {
  const { db, actor, now = new Date() } = opts;
  const expiresAt = addHours(now, GUARDIAN_INVITE_HOURS);
  return db.$transaction(async (tx) => {
    const family = await tx.family.findUniqueOrThrow({ where: { id: actor.familyId }, select: { orgUnitId: true } });
    const open = await tx.inviteCode.findMany({
      where: { familyId: actor.familyId, kind: 'FAMILY', usedAt: null, disabled: false, expiresAt: { gt: now } },
      orderBy: { createdAt: 'desc' },
      select: { id: true },
    });
    const retire = open.slice(OPEN_INVITES_PER_FAMILY - 1).map((i) => i.id);
    if (retire.length) await tx.inviteCode.updateMany({ where: { id: { in: retire } }, data: { disabled: true } });
    const invite = await tx.inviteCode.create({
      data: {
        code: newInviteCode(GUARDIAN_INVITE_LENGTH),
        kind: 'FAMILY',
        orgUnitId: family.orgUnitId,
        familyId: actor.familyId,
        expiresAt,
        createdById: actor.id,
      },
      select: { id: true, code: true },
    });
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: 'family.inviteGuardian',
      targetType: 'Family',
      targetId: actor.familyId,
      detail: { expiresAt: expiresAt.toISOString() },
    });
    return { code: invite.code, expiresAt: expiresAt.toISOString() };
  });
}
