import type { Db } from '../../db/create-db';
import type { Prisma } from '../../generated/prisma/client';
import type { Role } from '../../shared/enums';
import { grantsCovering, type AuthUser } from '../../auth/auth-user';
import { ancestorPaths, covers, subtreeWhere } from '../../shared/org-tree';

/** Roles that write lessons: ADMIN (the province library), COORDINATOR and COUNSELOR (their school or site). */
export const LESSON_EDITOR_ROLES = ['ADMIN', 'COORDINATOR', 'COUNSELOR'] as const satisfies readonly Role[];

/** Who is looking at the library: the user's grants and the org-unit path of their family (if any). */
export interface LessonViewer {
  userId: string;
  familyId: string | null;
  familyUnitPath: string | null;
  grants: AuthUser['roles'];
}

export async function lessonViewer(db: Db, user: AuthUser): Promise<LessonViewer> {
  const family = user.familyId
    ? await db.family.findUnique({ where: { id: user.familyId }, select: { orgUnit: { select: { path: true } } } })
    : null;
  return { userId: user.id, familyId: user.familyId, familyUnitPath: family?.orgUnit.path ?? null, grants: user.roles };
}

/** '/230000/230100/x/' → ['/230000/', '/230000/230100/', '/230000/230100/x/']: the unit and everything above it. */

/**
 * Published lessons a viewer may read: the province's; those of the units on the family's path (its school or site
 * and the units above it); for staff, those of the units above each grant and those within the grant's reach.
 * Ancestor paths are computed from the materialised path, so this is an `IN` on the indexed path, no recursion.
 */
export function publishedVisibleWhere(viewer: LessonViewer): Prisma.LessonWhereInput {
  const ancestors = new Set<string>();
  if (viewer.familyUnitPath) ancestorPaths(viewer.familyUnitPath).forEach((p) => ancestors.add(p));
  for (const g of viewer.grants) ancestorPaths(g.orgUnitPath).forEach((p) => ancestors.add(p));
  const or: Prisma.LessonWhereInput[] = [{ orgUnit: { kind: 'PROVINCE' } }];
  if (ancestors.size > 0) or.push({ orgUnit: { path: { in: [...ancestors] } } });
  for (const g of viewer.grants) or.push({ orgUnit: subtreeWhere(g.orgUnitPath) });
  return { published: true, OR: or };
}

/** Drafts shown in the list: those of the units where the viewer holds an editor role. */
export function ownDraftsWhere(viewer: LessonViewer): Prisma.LessonWhereInput | null {
  const unitIds = [
    ...new Set(
      viewer.grants.filter((g) => (LESSON_EDITOR_ROLES as readonly Role[]).includes(g.role)).map((g) => g.orgUnitId),
    ),
  ];
  return unitIds.length ? { published: false, orgUnitId: { in: unitIds } } : null;
}

/** Whether the viewer may edit (and so read, even unpublished) a lesson of the unit with path `lessonUnitPath`. */
export function canEditLesson(viewer: Pick<LessonViewer, 'grants'>, lessonUnitPath: string): boolean {
  return grantsCovering({ roles: viewer.grants }, LESSON_EDITOR_ROLES, lessonUnitPath).length > 0;
}

/** Whether a published lesson of the unit (path, kind) is within the viewer's library (same rule as publishedVisibleWhere). */
export function isPublishedVisible(viewer: LessonViewer, unit: { path: string; kind: string }): boolean {
  if (unit.kind === 'PROVINCE') return true;
  if (viewer.familyUnitPath && covers(unit.path, viewer.familyUnitPath)) return true;
  return viewer.grants.some((g) => covers(unit.path, g.orgUnitPath) || covers(g.orgUnitPath, unit.path));
}

/** The scope of lessonId-based procedures: the lesson's own unit (null → 404 in the access middleware). */
export async function lessonOrgUnitId(db: Db, lessonId: string): Promise<string | null> {
  const lesson = await db.lesson.findUnique({ where: { id: lessonId }, select: { orgUnitId: true } });
  return lesson?.orgUnitId ?? null;
}
