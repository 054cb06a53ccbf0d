import type { Db } from '../../db/create-db';
import type { Prisma } from '../../generated/prisma/client';
import type { AuthUser } from '../../auth/auth-user';
import { LESSON_PAGE_SIZE, type ListLessonsInput } from '../../shared/lesson-schemas';
import { LESSON_TOPIC_LABELS, type LessonTopic } from '../../shared/lessons';
import { lessonViewer, ownDraftsWhere, publishedVisibleWhere } from './lesson-access';

/** The caller's lesson library, newest first, one page at a time (cursor = the last lesson id of the previous page). */
export async function listLessons(opts: { db: Db; actor: AuthUser; input: ListLessonsInput }) {
  const { db, actor: user, input } = opts;
  const viewer = await lessonViewer(db, user);
  const drafts = ownDraftsWhere(viewer);
  const filters: Prisma.LessonWhereInput[] = [
    drafts ? { OR: [publishedVisibleWhere(viewer), drafts] } : publishedVisibleWhere(viewer),
  ];
  if (input.stage) filters.push({ stages: { has: input.stage } });
  if (input.topic) filters.push({ topic: input.topic });
  if (input.q) {
    filters.push({
      OR: [
        { title: { contains: input.q, mode: 'insensitive' } },
        { summary: { contains: input.q, mode: 'insensitive' } },
      ],
    });
  }
  const take = input.limit ?? LESSON_PAGE_SIZE;
  const rows = await db.lesson.findMany({
    where: { AND: filters },
    select: {
      id: true,
      title: true,
      summary: true,
      topic: true,
      stages: true,
      format: true,
      durationMinutes: true,
      published: true,
      orgUnit: { select: { name: true } },
      completions: { where: { userId: user.id }, select: { lessonId: true } },
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: take + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
  });
  const page = rows.slice(0, take);
  return {
    items: page.map((l) => ({
      id: l.id,
      title: l.title,
      summary: l.summary,
      topic: l.topic,
      topicLabel: LESSON_TOPIC_LABELS[l.topic as LessonTopic] ?? l.topic,
      stages: l.stages,
      format: l.format,
      durationMinutes: l.durationMinutes,
      publisherName: l.orgUnit.name,
      published: l.published,
      completed: l.completions.length > 0,
    })),
    nextCursor: rows.length > take ? page[page.length - 1].id : null,
  };
}
