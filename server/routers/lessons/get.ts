import { z } from 'zod';
import { LESSON_FORMATS } from '../../shared/lessons';
import { lessonIdInput } from '../../shared/lesson-schemas';
import { userProcedure } from '../../trpc/procedures';
import { getLesson } from '../../services/lessons/get-lesson';

export const get = userProcedure
  .input(lessonIdInput)
  .meta({ summary: '查看一节课程的全文或视频；未发布的课程只有可编辑者能看到' })
  .output(z.object({
    id: z.string(),
    orgUnitId: z.string(),
    title: z.string(),
    summary: z.string().nullable(),
    topic: z.string(),
    topicLabel: z.string(),
    stages: z.array(z.string()),
    format: z.enum(LESSON_FORMATS),
    body: z.string().nullable(),
    videoUrl: z.string().nullable(),
    durationMinutes: z.number().int().nullable(),
    publisherName: z.string(),
    published: z.boolean(),
    publishedAt: z.string().nullable(),
    updatedAt: z.string(),
    completed: z.boolean(),
    canEdit: z.boolean(),
  }))
  .query(({ ctx, input }) => getLesson({ db: ctx.db, actor: ctx.user, input }));
