import { z } from 'zod';
import { createCourseInput } from '../../shared/sessions';
import { staffProcedure } from '../../trpc/procedures';
import { createCourse as createCourseService } from '../../services/sessions/create-session';
import { SESSION_MANAGERS } from './access';

export const createCourse = staffProcedure(SESSION_MANAGERS)
  .input(createCourseInput)
  .scopedBy('orgUnitId')
  .meta({ summary: '一次创建每周一课的家长学校系列课程（每课为一场活动）' })
  .output(z.object({ courseId: z.string(), sessionIds: z.array(z.string()) }))
  .mutation(({ ctx, input }) => createCourseService({ db: ctx.db, actor: ctx.user, unit: ctx.unit, input }));
