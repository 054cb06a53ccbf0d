import { visitIdInput } from '../../shared/visits';
import { parentProcedure } from '../../trpc/procedures';
import { cancelVisit } from '../../services/visits/booking';
import { ok } from '../outputs';

export const cancel = parentProcedure
  .input(visitIdInput)
  .meta({ summary: '取消我家的家访预约', withoutPrivacyConsent: true })
  .output(ok)
  .mutation(({ ctx, input }) => cancelVisit({ db: ctx.db, actor: ctx.user, input }));
