import type { Db } from '../../db/create-db';

/** Direct children of an org unit (or the provinces when parentId is null), regions by GB/T 2260 code. */
export async function listOrgUnitChildren(opts: { db: Db; input: { parentId: string | null } }) {
  const { db } = opts;
  const { parentId } = opts.input;
  const units = await db.orgUnit.findMany({
    where: parentId === null ? { parentId: null } : { parentId },
    select: { id: true, code: true, name: true, kind: true, siteType: true, township: true, closedAt: true },
    orderBy: [{ kind: 'asc' }, { code: 'asc' }, { name: 'asc' }],
  });
  return units.map((u) => ({ ...u, closedAt: u.closedAt?.toISOString() ?? null }));
}
