import type { Db } from '../../db/create-db';
import { LESSON_TOPIC_LABELS, type LessonTopic } from '../../shared/lessons';

interface StatsRow {
  id: string;
  title: string;
  topic: string;
  published: boolean;
  completedCount: number;
  familyCount: number;
}

/** Completion counts for each lesson the unit owns (counted in SQL; no names, no user ids). */
export async function lessonStats(opts: { db: Db; unit: { id: string } }) {
  const { db } = opts;
  const orgUnitId = opts.unit.id;
  const rows = await db.$queryRaw<StatsRow[]>`
    SELECT l."id", l."title", l."topic", l."published",
           count(c."userId")::int AS "completedCount",
           count(DISTINCT c."familyId")::int AS "familyCount"
      FROM "Lesson" l
      LEFT JOIN "LessonCompletion" c ON c."lessonId" = l."id"
     WHERE l."orgUnitId" = ${orgUnitId}
     GROUP BY l."id"
     ORDER BY l."createdAt" DESC, l."id" DESC`;
  return {
    items: rows.map((r) => ({
      lessonId: r.id,
      title: r.title,
      topic: r.topic,
      topicLabel: LESSON_TOPIC_LABELS[r.topic as LessonTopic] ?? r.topic,
      published: r.published,
      completedCount: r.completedCount,
      familyCount: r.familyCount,
    })),
  };
}
