import { z } from 'zod';
import { reportInput } from '../../shared/schemas';
import { staffProcedure } from '../../trpc/procedures';
import { remindUnserved as remindService } from '../../services/reports/unserved';
import { SITE_COORDINATORS } from './access';

export const remindUnserved = staffProcedure(SITE_COORDINATORS)
  .input(reportInput.omit({ siteKind: true }))
  .scopedBy('orgUnitId')
  .meta({
    summary:
      '向尚未获得指导服务的家庭批量发送邀请（已加入的家庭：只发给有订阅额度的监护人；未加入、名册上有手机号的家庭：短信，每户每天一次）',
    // Replayed, it would drain the families' one-time WeChat quota: a few times a day per coordinator.
    rateLimit: { perUser: 3, windowSeconds: 86_400 },
  })
  .output(
    z.object({
      queuedFamilies: z.number(),
      smsFamilies: z.number(),
      smsFailed: z.number(),
      smsAvailable: z.boolean(),
    }),
  )
  .mutation(({ ctx, input }) =>
    remindService({
      db: ctx.db,
      cipher: ctx.cipher,
      sms: ctx.sms,
      env: ctx.env,
      actor: ctx.user,
      unit: ctx.unit,
      input,
    }),
  );
