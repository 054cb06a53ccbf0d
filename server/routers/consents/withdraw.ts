import { withdrawConsentInput } from '../../shared/schemas';
import { userProcedure } from '../../trpc/procedures';
import { withdrawConsent } from '../../services/consents/consents';
import { ok } from '../outputs';

export const withdraw = userProcedure
  .input(withdrawConsentInput)
  .meta({ summary: '撤回一项授权', withoutPrivacyConsent: true })
  .output(ok)
  .mutation(({ ctx, input }) => withdrawConsent({ db: ctx.db, actor: ctx.user, input }));
