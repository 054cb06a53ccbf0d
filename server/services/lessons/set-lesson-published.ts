import type { Db } from '../../db/create-db';
import type { Actor } from '../../auth/auth-user';
import { AppError } from '../../errors/app-error';
import { lessonContentProblem } from '../../shared/lesson-schemas';
import { writeAudit } from '../audit/write-audit';

/**
 * Publishes (parents in reach then see it) or withdraws a lesson. Idempotent: asking for the state it is already in
 * changes nothing and writes no audit row. The conditional update makes concurrent calls safe.
 */
export async function setLessonPublished(opts: {
  db: Db;
  actor: Actor;
  input: { lessonId: string; published: boolean };
}) {
  const { db } = opts;
  const { lessonId, published } = opts.input;
  const actorUserId = opts.actor.id;
  return db.$transaction(async (tx) => {
    const lesson = await tx.lesson.findUnique({
      where: { id: lessonId },
      select: { orgUnitId: true, format: true, body: true, videoUrl: true },
    });
    if (!lesson) throw new AppError('NOT_FOUND', '课程不存在');
    if (published) {
      const problem = lessonContentProblem(lesson);
      if (problem) throw new AppError('BAD_REQUEST', `不能发布：${problem.message}`);
    }
    const { count } = await tx.lesson.updateMany({
      where: { id: lessonId, published: !published },
      data: { published, publishedAt: published ? new Date() : null },
    });
    if (count > 0) {
      await writeAudit(tx, {
        actorUserId,
        action: published ? 'lesson.publish' : 'lesson.unpublish',
        targetType: 'Lesson',
        targetId: lessonId,
        orgUnitId: lesson.orgUnitId,
      });
    }
    return { ok: true as const, published };
  });
}
