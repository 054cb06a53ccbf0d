import type { Db } from '../../db/create-db';

/** Scope resolver: the org unit a session belongs to (for staff access rules). */
export async function sessionUnitId(db: Db, sessionId: string): Promise<string | null> {
  const s = await db.guidanceSession.findUnique({ where: { id: sessionId }, select: { orgUnitId: true } });
  return s?.orgUnitId ?? null;
}

/** The county path above a family's school or site: parents see sessions anywhere in their county. */
export function countyPathOf(unitPath: string): string {
  const parts = unitPath.split('/').filter(Boolean);
  return `/${parts.slice(0, Math.min(parts.length, 3)).join('/')}/`;
}

export function familyMaySee(sessionUnitPath: string, familyUnitPath: string): boolean {
  return sessionUnitPath.startsWith(countyPathOf(familyUnitPath));
}
