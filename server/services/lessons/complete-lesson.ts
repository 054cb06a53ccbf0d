import type { Db } from '../../db/create-db';
import { AppError } from '../../errors/app-error';
import type { AuthUser } from '../../auth/auth-user';
import { canEditLesson, isPublishedVisible, lessonViewer } from './lesson-access';
import { LESSON_NOT_FOUND } from './get-lesson';

/** Marks a lesson as learnt by the caller. Idempotent: a second call changes nothing (the first completion time stays). */
export async function completeLesson(opts: { db: Db; actor: AuthUser; input: { lessonId: string } }) {
  const { db, actor: user } = opts;
  const { lessonId } = opts.input;
  const lesson = await db.lesson.findUnique({
    where: { id: lessonId },
    select: { id: true, published: true, orgUnit: { select: { path: true, kind: true } } },
  });
  if (!lesson) throw new AppError('NOT_FOUND', LESSON_NOT_FOUND);
  const viewer = await lessonViewer(db, user);
  if (!lesson.published) {
    if (canEditLesson(viewer, lesson.orgUnit.path)) throw new AppError('BAD_REQUEST', '课程尚未发布，不能标记为已学完');
    throw new AppError('NOT_FOUND', LESSON_NOT_FOUND);
  }
  if (!isPublishedVisible(viewer, lesson.orgUnit)) throw new AppError('NOT_FOUND', LESSON_NOT_FOUND);
  await db.lessonCompletion.createMany({
    data: [{ lessonId, userId: user.id, familyId: user.familyId }],
    skipDuplicates: true,
  });
  const completedCount = await db.lessonCompletion.count({ where: { userId: user.id } });
  return { ok: true as const, completedCount };
}
