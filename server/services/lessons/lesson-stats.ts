import type { Db } from '../../db/create-db';
import { AppError } from '../../errors/app-error';
import { GRADES, gradeLabel } from '../../shared/grades';
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

interface ClassRow {
  grade: string;
  className: string | null;
  families: number;
  completedFamilies: number;
}

/**
 * One lesson's completions by class of a school (numbers only): per class of the school's current children,
 * the households in it and those where a guardian marked the lesson 学完. Any lesson the school's parents can
 * read (the province's too), so that a coordinator sees which classes to remind.
 */
export async function lessonClassStats(opts: { db: Db; unit: { id: string }; input: { lessonId: string } }) {
  const { db } = opts;
  const schoolId = opts.unit.id;
  const { lessonId } = opts.input;
  const lesson = await db.lesson.findUnique({ where: { id: lessonId }, select: { id: true, title: true } });
  if (!lesson) throw new AppError('NOT_FOUND', '课程不存在');
  const rows = await db.$queryRaw<ClassRow[]>`
    SELECT ch."grade", ch."className",
           count(DISTINCT ch."familyId")::int AS "families",
           count(DISTINCT c."familyId")::int AS "completedFamilies"
      FROM "Child" ch
      LEFT JOIN "LessonCompletion" c ON c."familyId" = ch."familyId" AND c."lessonId" = ${lessonId}
     WHERE ch."schoolId" = ${schoolId} AND ch."leftAt" IS NULL
     GROUP BY ch."grade", ch."className"`;
  const order = (g: string) => GRADES.findIndex((x) => x.code === g);
  rows.sort((a, b) => order(a.grade) - order(b.grade) || (a.className ?? '').localeCompare(b.className ?? '', 'zh-CN'));
  return {
    title: lesson.title,
    classes: rows.map((r) => ({
      grade: r.grade,
      className: r.className ?? `${gradeLabel(r.grade)}（未分班）`,
      families: r.families,
      completedFamilies: r.completedFamilies,
    })),
  };
}
