import { z } from 'zod';
import { createCourseInput } from '../../shared/sessions';
import { access, defineProcedure } from '../../trpc/access';
import { createCourse as createCourseService } from '../../services/sessions/create-session';

export const createCourse = defineProcedure({
  access: access.staff(['ADMIN', 'COORDINATOR'], (input: { orgUnitId: string }) => input.orgUnitId, 'orgUnitId'),
  summary: '一次创建每周一课的家长学校系列课程（每课为一场活动）',
  input: createCourseInput,
  output: z.object({ courseId: z.string(), sessionIds: z.array(z.string()) }),
}).mutation(({ ctx, input }) => createCourseService(ctx.db, ctx.user!.id, input));
