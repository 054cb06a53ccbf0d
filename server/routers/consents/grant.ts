import { grantConsentInput } from '../../shared/schemas';
import { userProcedure } from '../../trpc/procedures';
import { grantConsent } from '../../services/consents/consents';
import { ok } from '../outputs';

export const grant = userProcedure
  .input(grantConsentInput)
  .meta({ summary: '同意一项授权（记录文本版本与时间）', withoutPrivacyConsent: true })
  .output(ok)
  .mutation(({ ctx, input }) => grantConsent({ db: ctx.db, actor: ctx.user, input }));
