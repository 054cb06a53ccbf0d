import { z } from 'zod';
import { addChildInput } from '../../shared/families';
import { parentProcedure } from '../../trpc/procedures';
import { addChild as addService } from '../../services/families/children';

export const addChild = parentProcedure
  .input(addChildInput)
  .meta({
    summary: '为我家再登记一个孩子：班级从学校的班级列表中选择（名册上的孩子归入学校名册上的家庭）',
    rateLimit: { perUser: 30, windowSeconds: 3600 },
  })
  .output(z.object({ childId: z.string(), familyId: z.string(), rosterHousehold: z.boolean() }))
  .mutation(({ ctx, input }) => addService({ db: ctx.db, actor: ctx.user, input }));
