import { z } from 'zod';
import { windowIdInput } from '../../shared/visits';
import { defineProcedure } from '../../trpc/access';
import { windowFamilies } from '../../services/visits/people';
import { grantsCovering } from '../../trpc/access';
import { windowStaff } from './scopes';
import { childBrief } from './outputs';

export const families = defineProcedure({
  access: windowStaff(['ADMIN', 'COORDINATOR', 'TEACHER', 'COUNSELOR']),
  summary: '家访窗口内的家庭（教师只看分配给自己的家庭）：负责教师、孩子年级班级、重点关注原因、家访状态',
  input: windowIdInput,
  output: z.array(
    z.object({
      familyId: z.string(),
      guardians: z.array(z.string()),
      children: z.array(childBrief),
      teacherId: z.string().nullable(),
      teacherName: z.string().nullable(),
      priorityReasons: z.array(z.string()),
      visitStatus: z.enum(['NOT_BOOKED', 'BOOKED', 'COMPLETED']),
    }),
  ),
}).query(async ({ ctx, input }) => {
  const w = await ctx.db.visitWindow.findUniqueOrThrow({ where: { id: input.windowId }, select: { orgUnit: { select: { path: true } } } });
  const coordinates = grantsCovering(ctx.user!, ['ADMIN', 'COORDINATOR'], w.orgUnit.path).length > 0;
  return windowFamilies(ctx.db, input.windowId, coordinates ? null : ctx.user!.id);
});
