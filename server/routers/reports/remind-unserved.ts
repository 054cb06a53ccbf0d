import { z } from 'zod';
import { reportInput } from '../../shared/schemas';
import { defineProcedure } from '../../trpc/access';
import { remindUnserved as remindService } from '../../services/reports/unserved';
import { siteCoordinators } from './access';

export const remindUnserved = defineProcedure({
  access: siteCoordinators,
  summary: '向尚未获得指导服务的家庭批量发送邀请（只发给有订阅额度的监护人）',
  input: reportInput.omit({ siteKind: true }),
  output: z.object({ queuedFamilies: z.number() }),
}).mutation(({ ctx, input }) => remindService(ctx.db, ctx.user!.id, input));
