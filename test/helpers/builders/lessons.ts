/** Parent-school lessons. */
import type { Db } from '../../../server/db/create-db';
import type { RouterInputs } from '../router-types';
import { makeStaff } from './org';

export type LessonInput = RouterInputs['lessons']['create'];

/** A valid lessons.create input at `orgUnitId`: a short article on emotions for primary-school parents. */
export function lessonInput(orgUnitId: string, overrides: Partial<LessonInput> = {}): LessonInput {
  return {
    orgUnitId,
    title: '测试课程',
    topic: 'EMOTION',
    stages: ['PRIMARY'],
    format: 'ARTICLE',
    body: '测试正文。',
    ...overrides,
  };
}

/** An unpublished lesson at the unit, written with Prisma, by `createdById` (default: a new coordinator of the unit). */
export async function makeLesson(db: Db, orgUnitId: string, opts: { createdById?: string } = {}) {
  const createdById = opts.createdById ?? (await makeStaff(db, 'COORDINATOR', orgUnitId)).id;
  return db.lesson.create({
    data: {
      orgUnitId,
      title: '测试课程',
      topic: 'EMOTION',
      stages: ['PRIMARY'],
      format: 'ARTICLE',
      body: '测试正文。',
      createdById,
    },
    select: { id: true },
  });
}
