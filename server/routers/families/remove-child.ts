import { z } from 'zod';
import { idSchema } from '../../shared/schemas';
import { parentProcedure } from '../../trpc/procedures';
import { removeChild as removeService } from '../../services/families/erasure';
import { ok } from '../outputs';

export const removeChild = parentProcedure
  .input(z.object({ childId: idSchema }))
  .meta({
    summary: '从我家移除一个孩子（姓名、班级和关于这个孩子的清单作答一并删除；已计入的统计数字不变）',
    withoutPrivacyConsent: true,
  })
  .output(ok)
  .mutation(({ ctx, input }) => removeService({ db: ctx.db, actor: ctx.user, input }));
