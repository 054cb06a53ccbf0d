// The lesson pages (packageParent; 课程管理 in packageStaff), and who reaches 课程管理.
import type { Me } from '../../lib/auth-store';

export const LESSON_ROUTES = {
  lessons: '/packageParent/lessons/index',
  lesson: (id: string) => `/packageParent/lesson/index?id=${encodeURIComponent(id)}`,
  /** 课程管理: the unit's lessons, publishing and completions. */
  manage: '/packageStaff/lessons/index',
} as const;

/** Who edits a unit's lessons (server/services/lessons/lesson-access.ts LESSON_EDITOR_ROLES). */
const EDITOR_ROLES = ['COORDINATOR', 'COUNSELOR', 'ADMIN'];

export function lessonEditorGrants(me: Pick<Me, 'roles'>): Me['roles'] {
  return me.roles.filter((g) => EDITOR_ROLES.includes(g.role));
}
