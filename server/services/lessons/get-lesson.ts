import type { Db } from '../../db/create-db';
import { AppError } from '../../errors/app-error';
import type { AuthUser } from '../../auth/auth-user';
import { LESSON_TOPIC_LABELS, type LessonTopic } from '../../shared/lessons';
import { canEditLesson, isPublishedVisible, lessonViewer } from './lesson-access';

export const LESSON_NOT_FOUND = '课程不存在或尚未发布';

/** One lesson with its body; drafts and lessons outside the caller's library answer 404 (their existence is not revealed). */
export async function getLesson(opts: { db: Db; actor: AuthUser; input: { lessonId: string } }) {
  const { db, actor: user } = opts;
  const { lessonId } = opts.input;
  const lesson = await db.lesson.findUnique({
    where: { id: lessonId },
    select: {
      id: true,
      orgUnitId: true,
      title: true,
      summary: true,
      topic: true,
      stages: true,
      format: true,
      body: true,
      videoUrl: true,
      durationMinutes: true,
      published: true,
      publishedAt: true,
      updatedAt: true,
      orgUnit: { select: { name: true, path: true, kind: true } },
      completions: { where: { userId: user.id }, select: { lessonId: true } },
    },
  });
  if (!lesson) throw new AppError('NOT_FOUND', LESSON_NOT_FOUND);
  const viewer = await lessonViewer(db, user);
  const canEdit = canEditLesson(viewer, lesson.orgUnit.path);
  if (!canEdit && !(lesson.published && isPublishedVisible(viewer, lesson.orgUnit)))
    throw new AppError('NOT_FOUND', LESSON_NOT_FOUND);
  return {
    id: lesson.id,
    orgUnitId: lesson.orgUnitId,
    title: lesson.title,
    summary: lesson.summary,
    topic: lesson.topic,
    topicLabel: LESSON_TOPIC_LABELS[lesson.topic as LessonTopic] ?? lesson.topic,
    stages: lesson.stages,
    format: lesson.format,
    body: lesson.body,
    videoUrl: lesson.videoUrl,
    durationMinutes: lesson.durationMinutes,
    publisherName: lesson.orgUnit.name,
    published: lesson.published,
    publishedAt: lesson.publishedAt?.toISOString() ?? null,
    updatedAt: lesson.updatedAt.toISOString(),
    completed: lesson.completions.length > 0,
    canEdit,
  };
}
