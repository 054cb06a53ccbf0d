import type { Db } from '../../db/create-db';
import type { Actor } from '../../auth/auth-user';
import { AppError } from '../../errors/app-error';
import { lessonContentProblem, type CreateLessonInput } from '../../shared/lesson-schemas';
import { writeAudit } from '../audit/write-audit';

/** A new lesson of `orgUnitId`, created as a draft (the access rule has already checked the caller's scope). */
export async function createLesson(opts: { db: Db; actor: Actor; input: CreateLessonInput }) {
  const { db, input } = opts;
  const actorUserId = opts.actor.id;
  const problem = lessonContentProblem(input);
  if (problem) throw new AppError('BAD_REQUEST', problem.message);
  return db.$transaction(async (tx) => {
    const lesson = await tx.lesson.create({
      data: {
        orgUnitId: input.orgUnitId,
        title: input.title,
        summary: input.summary ?? null,
        topic: input.topic,
        stages: input.stages,
        format: input.format,
        body: input.body ?? null,
        videoUrl: input.videoUrl ?? null,
        durationMinutes: input.durationMinutes ?? null,
        createdById: actorUserId,
      },
      select: { id: true },
    });
    await writeAudit(tx, {
      actorUserId,
      action: 'lesson.create',
      targetType: 'Lesson',
      targetId: lesson.id,
      orgUnitId: input.orgUnitId,
      detail: { topic: input.topic, format: input.format },
    });
    return { id: lesson.id };
  });
}
