import { randomUUID } from 'node:crypto';
import type { Db } from '../../server/db/create-db';
import type { Role } from '../../server/shared/enums';
import { newInviteCode } from '../../server/services/families/invite-code';

const uid = () => randomUUID().replace(/-/g, '').slice(0, 12);

/** A school (or community site) under a county of the seeded province tree. */
export async function makeUnit(db: Db, opts: { countyId?: string; kind?: 'SCHOOL' | 'COMMUNITY_SITE'; name?: string } = {}) {
  const county = await db.orgUnit.findUniqueOrThrow({ where: { id: opts.countyId ?? '230103' }, select: { id: true, path: true } });
  const id = `t_${uid()}`;
  const kind = opts.kind ?? 'SCHOOL';
  const unit = await db.orgUnit.create({
    data: { id, name: opts.name ?? `测试${kind === 'SCHOOL' ? '学校' : '站点'}${id}`, kind, parentId: county.id, path: `${county.path}${id}/`, depth: 3 },
    select: { id: true, name: true, path: true },
  });
  const invite = await db.inviteCode.create({ data: { code: newInviteCode(10), kind: 'SCHOOL', orgUnitId: id }, select: { code: true } });
  return { ...unit, inviteCode: invite.code };
}

export async function makeStaff(db: Db, role: Role, orgUnitId: string) {
  return db.user.create({
    data: { username: `t_${role.toLowerCase()}_${uid()}`, displayName: `测试${role}`, roles: { create: { role, orgUnitId } } },
    select: { id: true, username: true },
  });
}

/** A WeChat user without a family. */
export async function makeWechatUser(db: Db) {
  return db.user.create({ data: { openid: `openid-test-${uid()}`, displayName: '测试家长' }, select: { id: true, openid: true } });
}

/** A family with one guardian (a WeChat user) at `unitId`; returns the guardian's user id and the family id. */
export async function makeFamily(db: Db, unitId: string, opts: { guardians?: number } = {}) {
  const family = await db.family.create({ data: { orgUnitId: unitId }, select: { id: true } });
  const userIds: string[] = [];
  for (let i = 0; i < (opts.guardians ?? 1); i += 1) {
    const user = await makeWechatUser(db);
    await db.guardian.create({ data: { familyId: family.id, userId: user.id, relation: i === 0 ? 'MOTHER' : 'FATHER' } });
    userIds.push(user.id);
  }
  await db.child.create({ data: { familyId: family.id, name: `孩子${uid().slice(0, 4)}`, schoolId: unitId, grade: 'G4' } });
  return { familyId: family.id, userId: userIds[0], userIds };
}

/** ISO instant `hours` from now, with offset (the contract's format). */
export function inHours(hours: number): string {
  return new Date(Date.now() + hours * 3600_000).toISOString();
}
