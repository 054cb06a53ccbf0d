import type { ScopeResolver } from '../../trpc/procedures';
import { lessonOrgUnitId } from '../../services/lessons/lesson-access';

export { LESSON_EDITOR_ROLES } from '../../services/lessons/lesson-access';

/** The unit that owns a lesson: only its editors (or those above it) change it. */
export const lessonUnit: ScopeResolver<{ lessonId: string }> = (input, ctx) => lessonOrgUnitId(ctx.db, input.lessonId);
