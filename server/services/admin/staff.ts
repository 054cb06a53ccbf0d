import type { Db } from '../../db/create-db';
import type { Prisma } from '../../generated/prisma/client';
import type { StaffActor } from '../../auth/auth-user';
import { grantsCovering } from '../../auth/auth-user';
import { AppError } from '../../errors/app-error';
import { ROLE_LABELS, type Role } from '../../shared/enums';
import type { ScopedUnit } from '../../trpc/procedures';
import { writeAudit } from '../audit/write-audit';
import { hashPassword } from '../auth/password';

/** The roles a school's coordinator may hand out at their own school. */
export const SCHOOL_STAFF_ROLES: readonly Role[] = ['TEACHER', 'COUNSELOR'];

/**
 * Whether `actor` may manage an account holding `role` at `unit`: an ADMIN whose grant covers the unit, or a
 * COORDINATOR of that very school or site for its teachers and counsellors.
 */
export function mayManage(actor: StaffActor, role: Role, unit: Pick<ScopedUnit, 'id' | 'path' | 'kind'>): boolean {
  if (grantsCovering(actor, ['ADMIN'], unit.path).length > 0) return true;
  return (
    SCHOOL_STAFF_ROLES.includes(role) &&
    (unit.kind === 'SCHOOL' || unit.kind === 'COMMUNITY_SITE') &&
    actor.roles.some((g) => g.role === 'COORDINATOR' && g.orgUnitId === unit.id)
  );
}

/**
 * The contract's staff.create: an account with one role at one unit and an initial password, which its
 * owner must change at first login. A username already used answers 409. Audited (never the password).
 */
export async function createStaff(opts: {
  db: Db;
  actor: StaffActor;
  unit: ScopedUnit;
  input: { username: string; displayName: string; password: string; role: Role };
}) {
  const { db, actor, unit, input } = opts;
  if (!mayManage(actor, input.role, unit)) {
    throw new AppError('FORBIDDEN', `您不能在${unit.name}开设“${ROLE_LABELS[input.role]}”账号`);
  }
  if (await db.user.findUnique({ where: { username: input.username }, select: { id: true } })) {
    throw new AppError('CONFLICT', `用户名 ${input.username} 已被使用，请换一个`);
  }
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    const user = await tx.user.create({
      data: {
        username: input.username,
        displayName: input.displayName,
        passwordHash,
        mustChangePassword: true,
        roles: { create: { role: input.role, orgUnitId: unit.id } },
      },
      select: { id: true },
    });
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: 'staff.create',
      targetType: 'User',
      targetId: user.id,
      orgUnitId: unit.id,
      detail: { role: input.role, username: input.username },
    });
    return { userId: user.id };
  });
}

/** Where the account works: every grant, with its unit (the scope of disabling it). */
export async function staffGrants(db: Db, userId: string) {
  return db.roleAssignment.findMany({
    where: { userId },
    select: { role: true, orgUnit: { select: { id: true, path: true, kind: true } } },
  });
}

/**
 * The contract's staff.disable: the account signs in no more and its tokens stop working at once (the
 * token lookup refuses a disabled user; its sessions are revoked too). The caller must be allowed to manage
 * every role the account holds. Audited.
 */
export async function disableStaff(opts: { db: Db; actor: StaffActor; input: { userId: string } }) {
  const { db, actor } = opts;
  const { userId } = opts.input;
  const grants = await staffGrants(db, userId);
  if (grants.length === 0) throw new AppError('NOT_FOUND', '工作人员账号不存在');
  if (userId === actor.id) throw new AppError('BAD_REQUEST', '不能停用自己的账号');
  if (!grants.every((g) => mayManage(actor, g.role, g.orgUnit))) {
    throw new AppError('FORBIDDEN', '该账号有超出您管辖范围的角色，不能停用');
  }
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { disabled: true }, select: { id: true } });
    await tx.authSession.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
    await writeAudit(tx, { actorUserId: actor.id, action: 'staff.disable', targetType: 'User', targetId: userId });
  });
  return { ok: true as const };
}

/** The audit row of a role given or taken back: who, whose, which role, where. */
function auditRoleChange(
  tx: Prisma.TransactionClient,
  action: 'staff.grantRole' | 'staff.revokeRole',
  actor: StaffActor,
  unit: { id: string },
  input: { userId: string; role: Role },
) {
  return writeAudit(tx, {
    actorUserId: actor.id,
    action,
    targetType: 'User',
    targetId: input.userId,
    orgUnitId: unit.id,
    detail: { role: input.role },
  });
}

/** Gives an account one more role at a unit (a teacher who also coordinates the parent school). Audited. */
export async function grantRole(opts: {
  db: Db;
  actor: StaffActor;
  unit: ScopedUnit;
  input: { userId: string; role: Role };
}) {
  const { db, actor, unit, input } = opts;
  if (!mayManage(actor, input.role, unit))
    throw new AppError('FORBIDDEN', `您不能在${unit.name}授予“${ROLE_LABELS[input.role]}”角色`);
  const user = await db.user.findUnique({ where: { id: input.userId }, select: { username: true, disabled: true } });
  if (!user?.username) throw new AppError('NOT_FOUND', '工作人员账号不存在');
  if (user.disabled) throw new AppError('CONFLICT', '该账号已停用');
  await db.$transaction(async (tx) => {
    const held = await tx.roleAssignment.findFirst({
      where: { userId: input.userId, role: input.role, orgUnitId: unit.id },
      select: { id: true },
    });
    if (held) return;
    await tx.roleAssignment.create({ data: { userId: input.userId, role: input.role, orgUnitId: unit.id } });
    await auditRoleChange(tx, 'staff.grantRole', actor, unit, input);
  });
  return { ok: true as const };
}

/** Takes a role back. The account's tokens carry no roles: the next request already goes without it. */
export async function revokeRole(opts: {
  db: Db;
  actor: StaffActor;
  unit: ScopedUnit;
  input: { userId: string; role: Role };
}) {
  const { db, actor, unit, input } = opts;
  if (!mayManage(actor, input.role, unit))
    throw new AppError('FORBIDDEN', `您不能在${unit.name}收回“${ROLE_LABELS[input.role]}”角色`);
  if (input.userId === actor.id) throw new AppError('BAD_REQUEST', '不能收回自己的角色');
  await db.$transaction(async (tx) => {
    const { count } = await tx.roleAssignment.deleteMany({
      where: { userId: input.userId, role: input.role, orgUnitId: unit.id },
    });
    if (count === 0) throw new AppError('NOT_FOUND', '该账号在此单位没有这个角色');
    await auditRoleChange(tx, 'staff.revokeRole', actor, unit, input);
  });
  return { ok: true as const };
}
