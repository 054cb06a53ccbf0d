import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/create-db';
import type { Prisma } from '../../generated/prisma/client';
import { grantsCovering, type Actor, type StaffActor } from '../../auth/auth-user';
import { subtreeLike } from '../../shared/org-tree';
import { AppError } from '../../errors/app-error';
import { ORG_UNIT_KIND_LABELS, type OrgUnitKind } from '../../shared/enums';
import { CHILD_KINDS, unitCodeProblem, type SiteType } from '../../shared/admin';
import type { ScopedUnit } from '../../trpc/procedures';
import { writeAudit } from '../audit/write-audit';
import { newInviteCode } from '../families/invite-code';

/**
 * Writes a unit under `parent` (the caller has checked that it fits): its id, path and depth, and for a
 * school or site the SCHOOL invite code families join with from the first day. Returns the id.
 */
export async function insertUnit(
  tx: Prisma.TransactionClient,
  parent: Pick<ScopedUnit, 'id' | 'path' | 'depth'>,
  unit: { kind: OrgUnitKind; name: string; code?: string | null; siteType?: SiteType | null; township?: string },
): Promise<string> {
  const leaf = unit.kind === 'SCHOOL' || unit.kind === 'COMMUNITY_SITE';
  const id = `u${randomUUID().replace(/-/g, '').slice(0, 20)}`;
  await tx.orgUnit.create({
    data: {
      id,
      name: unit.name,
      kind: unit.kind,
      code: unit.code ?? null,
      parentId: parent.id,
      path: `${parent.path}${id}/`,
      depth: parent.depth + 1,
      siteType: unit.kind === 'COMMUNITY_SITE' ? (unit.siteType ?? 'GUIDANCE_STATION') : null,
      township: leaf ? (unit.township ?? null) : null,
    },
    select: { id: true },
  });
  if (leaf) {
    await tx.inviteCode.create({
      data: { code: newInviteCode(), kind: 'SCHOOL', orgUnitId: id },
      select: { code: true },
    });
  }
  return id;
}

/**
 * The contract's orgUnits.create: a unit directly under `parent` (the scope check has found it within the
 * caller's ADMIN grant). A school or site gets its SCHOOL invite code at once, so families can join on the
 * first day. Audited. A code already used answers 409.
 */
export async function createOrgUnit(opts: {
  db: Db;
  actor: Actor;
  unit: ScopedUnit;
  input: { kind: OrgUnitKind; name: string; code?: string; siteType?: SiteType; township?: string };
}) {
  const { db, unit: parent, input } = opts;
  if (!CHILD_KINDS[parent.kind].includes(input.kind)) {
    const allowed = CHILD_KINDS[parent.kind].map((k) => ORG_UNIT_KIND_LABELS[k]).join('或');
    throw new AppError(
      'BAD_REQUEST',
      allowed
        ? `${ORG_UNIT_KIND_LABELS[parent.kind]}下只能设立${allowed}`
        : `${ORG_UNIT_KIND_LABELS[parent.kind]}下不能再设立单位`,
    );
  }
  if (input.code && (await db.orgUnit.findUnique({ where: { code: input.code }, select: { id: true } }))) {
    throw new AppError('CONFLICT', `代码 ${input.code} 已被其他单位使用`);
  }
  return db.$transaction(async (tx) => {
    const id = await insertUnit(tx, parent, input);
    await writeAudit(tx, {
      actorUserId: opts.actor.id,
      action: 'orgUnit.create',
      targetType: 'OrgUnit',
      targetId: id,
      orgUnitId: parent.id,
      detail: { kind: input.kind, name: input.name, code: input.code ?? null },
    });
    return { id };
  });
}

/** Renames a unit or corrects its code, site type or township. Audited with what changed. */
export async function updateOrgUnit(opts: {
  db: Db;
  actor: Actor;
  unit: ScopedUnit;
  input: { name?: string; code?: string; siteType?: SiteType; township?: string };
}) {
  const { db, unit } = opts;
  // Only the fields that change (the router's input also names the unit).
  const { name, code, siteType, township } = opts.input;
  const input = Object.fromEntries(
    Object.entries({ name, code, siteType, township }).filter(([, v]) => v !== undefined),
  ) as { name?: string; code?: string; siteType?: SiteType; township?: string };
  if (input.siteType && unit.kind !== 'COMMUNITY_SITE') throw new AppError('BAD_REQUEST', '只有社区站点才有站点类型');
  if (input.township && unit.kind !== 'SCHOOL' && unit.kind !== 'COMMUNITY_SITE')
    throw new AppError('BAD_REQUEST', '只有学校和站点登记所属乡镇（街道）');
  if (input.code) {
    const problem = unitCodeProblem(unit.kind, input.code);
    if (problem) throw new AppError('BAD_REQUEST', problem);
    const holder = await db.orgUnit.findUnique({ where: { code: input.code }, select: { id: true } });
    if (holder && holder.id !== unit.id) throw new AppError('CONFLICT', `代码 ${input.code} 已被其他单位使用`);
  }
  await db.$transaction(async (tx) => {
    await tx.orgUnit.update({ where: { id: unit.id }, data: input, select: { id: true } });
    await writeAudit(tx, {
      actorUserId: opts.actor.id,
      action: 'orgUnit.update',
      targetType: 'OrgUnit',
      targetId: unit.id,
      orgUnitId: unit.id,
      // Flat values only: what it was called, and each field changed.
      detail: {
        formerName: unit.name,
        formerCode: unit.code,
        ...Object.fromEntries(Object.entries(input).map(([k, v]) => [k, v ?? null])),
      },
    });
  });
  return { ok: true as const };
}

/**
 * Moves a school or site to another county, or a county to another city (the parent must be of the kind it
 * had). The unit keeps its id, families, sessions and figures; the paths of it and everything below follow
 * in one statement, so every report counts it under the new parent at once.
 */
export async function moveOrgUnit(opts: { db: Db; actor: StaffActor; unit: ScopedUnit; input: { parentId: string } }) {
  const { db, actor, unit } = opts;
  const target = await db.orgUnit.findUnique({
    where: { id: opts.input.parentId },
    select: { id: true, path: true, depth: true, kind: true, name: true, closedAt: true },
  });
  if (!target) throw new AppError('NOT_FOUND', '目标上级单位不存在');
  if (grantsCovering(actor, ['ADMIN'], target.path).length === 0) throw new AppError('FORBIDDEN', '超出您的管辖范围');
  if (!CHILD_KINDS[target.kind].includes(unit.kind))
    throw new AppError(
      'BAD_REQUEST',
      `${ORG_UNIT_KIND_LABELS[unit.kind]}不能调整到${ORG_UNIT_KIND_LABELS[target.kind]}下`,
    );
  if (target.closedAt) throw new AppError('CONFLICT', '目标上级单位已撤销');
  const oldPath = unit.path;
  const newPath = `${target.path}${unit.id}/`;
  if (newPath === oldPath) return { ok: true as const };
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`
      UPDATE "OrgUnit" SET path = ${newPath} || substr(path, ${oldPath.length + 1}), depth = depth + ${target.depth + 1 - unit.depth}
       WHERE path LIKE ${subtreeLike(oldPath)}`;
    await tx.orgUnit.update({ where: { id: unit.id }, data: { parentId: target.id }, select: { id: true } });
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: 'orgUnit.move',
      targetType: 'OrgUnit',
      targetId: unit.id,
      orgUnitId: target.id,
      detail: { from: oldPath, to: newPath },
    });
  });
  return { ok: true as const };
}

/**
 * Closes a unit (a school merged away, a station that stopped): its invite codes stop working and it takes
 * no new sessions, while its past figures stay counted. A unit with open units below it cannot be closed.
 */
export async function closeOrgUnit(opts: { db: Db; actor: Actor; unit: ScopedUnit }) {
  const { db, unit } = opts;
  if (unit.closedAt) return { ok: true as const };
  if (unit.depth === 0) throw new AppError('BAD_REQUEST', '不能撤销省级单位');
  const open = await db.orgUnit.count({ where: { parentId: unit.id, closedAt: null } });
  if (open > 0) throw new AppError('CONFLICT', `其下还有 ${open} 个未撤销的单位，请先调整或撤销它们`);
  await db.$transaction(async (tx) => {
    await tx.orgUnit.update({ where: { id: unit.id }, data: { closedAt: new Date() }, select: { id: true } });
    await tx.inviteCode.updateMany({ where: { orgUnitId: unit.id }, data: { disabled: true } });
    await writeAudit(tx, {
      actorUserId: opts.actor.id,
      action: 'orgUnit.close',
      targetType: 'OrgUnit',
      targetId: unit.id,
      orgUnitId: unit.id,
    });
  });
  return { ok: true as const };
}
