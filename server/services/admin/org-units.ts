import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/create-db';
import type { Actor } from '../../auth/auth-user';
import { AppError } from '../../errors/app-error';
import { ORG_UNIT_KIND_LABELS, type OrgUnitKind } from '../../shared/enums';
import { CHILD_KINDS, type SiteType } from '../../shared/admin';
import type { ScopedUnit } from '../../trpc/procedures';
import { writeAudit } from '../audit/write-audit';
import { newInviteCode } from '../families/invite-code';

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
  const leaf = input.kind === 'SCHOOL' || input.kind === 'COMMUNITY_SITE';
  const id = `u${randomUUID().replace(/-/g, '').slice(0, 20)}`;
  return db.$transaction(async (tx) => {
    await tx.orgUnit.create({
      data: {
        id,
        name: input.name,
        kind: input.kind,
        code: input.code ?? null,
        parentId: parent.id,
        path: `${parent.path}${id}/`,
        depth: parent.depth + 1,
        siteType: input.kind === 'COMMUNITY_SITE' ? (input.siteType ?? 'GUIDANCE_STATION') : null,
        township: leaf ? (input.township ?? null) : null,
      },
      select: { id: true },
    });
    if (leaf) {
      await tx.inviteCode.create({
        data: { code: newInviteCode(), kind: 'SCHOOL', orgUnitId: id },
        select: { code: true },
      });
    }
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
