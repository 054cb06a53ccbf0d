import { z } from 'zod';
import { sessionIdInput } from '../../shared/sessions';
import { parentProcedure } from '../../trpc/procedures';
import { cancelRegistration as cancelService } from '../../services/sessions/registration';

export const cancelRegistration = parentProcedure
  .input(sessionIdInput)
  .meta({ summary: '取消我家的报名（第一位候补家庭在同一事务中递补）', withoutPrivacyConsent: true })
  .output(z.object({ status: z.literal('CANCELLED') }))
  .mutation(({ ctx, input }) => cancelService({ db: ctx.db, actor: ctx.user, input }));
