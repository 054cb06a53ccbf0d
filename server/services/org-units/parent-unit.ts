import type { Db } from '../../db/create-db';
import type { OrgUnitKind } from '../../shared/enums';
import { pathIds } from '../../shared/org-tree';

/** The unit directly above the unit at `path` (null for the province), as the reports need it. */
export async function parentUnit(
  db: Db,
  path: string,
): Promise<{ id: string; name: string; kind: OrgUnitKind; path: string; depth: number; code: string | null } | null> {
  const parentId = pathIds(path).at(-2);
  if (!parentId) return null;
  return db.orgUnit.findUnique({
    where: { id: parentId },
    select: { id: true, name: true, kind: true, path: true, depth: true, code: true },
  });
}
