import type { Db } from '../../db/create-db';
import type { Actor } from '../../auth/auth-user';
import type { Prisma } from '../../generated/prisma/client';
import { AppError } from '../../errors/app-error';
import { lessonContentProblem, type UpdateLessonInput } from '../../shared/lesson-schemas';
import { writeAudit } from '../audit/write-audit';

const FIELDS = ['title', 'summary', 'topic', 'stages', 'format', 'body', 'videoUrl', 'durationMinutes'] as const;

/** Changes the given fields; the format rule (图文须有正文, 视频须有 https 地址) is checked on the lesson as it will be. */
export async function updateLesson(opts: { db: Db; actor: Actor; input: UpdateLessonInput }) {
  const { db, input } = opts;
  const actorUserId = opts.actor.id;
  return db.$transaction(async (tx) => {
    const current = await tx.lesson.findUnique({
      where: { id: input.lessonId },
      select: { orgUnitId: true, format: true, body: true, videoUrl: true },
    });
    if (!current) throw new AppError('NOT_FOUND', '课程不存在');
    const { lessonId: _id, ...fields } = input;
    const changes: Prisma.LessonUncheckedUpdateInput = fields;
    const changed = FIELDS.filter((f) => input[f] !== undefined);
    if (changed.length === 0) throw new AppError('BAD_REQUEST', '没有需要修改的内容');
    const problem = lessonContentProblem({
      format: input.format ?? current.format,
      body: input.body !== undefined ? input.body : current.body,
      videoUrl: input.videoUrl !== undefined ? input.videoUrl : current.videoUrl,
    });
    if (problem) throw new AppError('BAD_REQUEST', problem.message);
    await tx.lesson.update({ where: { id: input.lessonId }, data: changes, select: { id: true } });
    await writeAudit(tx, {
      actorUserId,
      action: 'lesson.update',
      targetType: 'Lesson',
      targetId: input.lessonId,
      orgUnitId: current.orgUnitId,
      detail: { fields: changed.join(',') },
    });
    return { id: input.lessonId };
  });
}
