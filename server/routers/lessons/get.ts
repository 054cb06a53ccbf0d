import { z } from 'zod';
import { lessonIdInput } from '../../shared/lesson-schemas';
import { userProcedure } from '../../trpc/procedures';
import { getLesson } from '../../services/lessons/get-lesson';
import { lessonListItemOutput } from './outputs';

export const get = userProcedure
  .input(lessonIdInput)
  .meta({ summary: '查看一节课程的全文或视频；未发布的课程只有可编辑者能看到' })
  .output(
    lessonListItemOutput.extend({
      orgUnitId: z.string(),
      body: z.string().nullable(),
      videoUrl: z.string().nullable(),
      publishedAt: z.string().nullable(),
      updatedAt: z.string(),
      canEdit: z.boolean(),
    }),
  )
  .query(({ ctx, input }) => getLesson({ db: ctx.db, actor: ctx.user, input }));
