import { randomInt } from 'node:crypto';
import type { Db } from '../../db/create-db';
import type { Prisma } from '../../generated/prisma/client';
import type { StaffActor } from '../../auth/auth-user';
import { grantsCovering } from '../../auth/auth-user';
import { subtreeWhere } from '../../shared/org-tree';
import { AppError } from '../../errors/app-error';
import { ROLE_LABELS, type Role } from '../../shared/enums';
import type { ScopedUnit } from '../../trpc/procedures';
import { writeAudit } from '../audit/write-audit';
import { hashPassword } from '../auth/password';

/** An initial password to hand over once: 12 letters and digits, without the ones easily misread. */
export function initialPassword(): string {
  const letters = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ';
  const digits = '23456789';
  const all = letters + digits;
  const chars = Array.from({ length: 10 }, () => all[randomInt(all.length)]);
  return `${letters[randomInt(letters.length)]}${chars.join('')}${digits[randomInt(digits.length)]}`;
}

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

/**
 * A staff member who forgot their password: a new initial password, shown once to the one who reset it, to
 * hand over in person; it must be changed at the next sign-in, and every device signed in is signed out.
 * The caller must be allowed to manage every role the account holds. Audited (never the password).
 */
export async function resetStaffPassword(opts: { db: Db; actor: StaffActor; input: { userId: string } }) {
  const { db, actor } = opts;
  const { userId } = opts.input;
  const grants = await staffGrants(db, userId);
  if (grants.length === 0) throw new AppError('NOT_FOUND', '工作人员账号不存在');
  if (userId === actor.id) throw new AppError('BAD_REQUEST', '不能重设自己的密码，请在“修改密码”中修改');
  if (!grants.every((g) => mayManage(actor, g.role, g.orgUnit))) {
    throw new AppError('FORBIDDEN', '该账号有超出您管辖范围的角色，不能重设密码');
  }
  const password = initialPassword();
  const passwordHash = await hashPassword(password);
  const user = await db.$transaction(async (tx) => {
    const updated = await tx.user.update({
      where: { id: userId },
      data: { passwordHash, mustChangePassword: true },
      select: { username: true, displayName: true },
    });
    await tx.authSession.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: 'staff.resetPassword',
      targetType: 'User',
      targetId: userId,
    });
    return updated;
  });
  return { username: user.username ?? '', displayName: user.displayName, initialPassword: password };
}

/** The staff accounts with a role at the unit or below it, by name (at most 1,000). */
export async function listStaff(opts: { db: Db; unit: Pick<ScopedUnit, 'path'> }) {
  const users = await opts.db.user.findMany({
    where: { username: { not: null }, roles: { some: { orgUnit: subtreeWhere(opts.unit.path) } } },
    select: {
      id: true,
      username: true,
      displayName: true,
      disabled: true,
      mustChangePassword: true,
      roles: { select: { role: true, orgUnit: { select: { name: true } } }, orderBy: { createdAt: 'asc' } },
    },
    orderBy: [{ disabled: 'asc' }, { displayName: 'asc' }],
    take: 1000,
  });
  return users.map((u) => ({
    userId: u.id,
    username: u.username ?? '',
    displayName: u.displayName,
    disabled: u.disabled,
    mustChangePassword: u.mustChangePassword,
    roles: u.roles.map((r) => ({ role: r.role, orgUnitName: r.orgUnit.name })),
  }));
}
