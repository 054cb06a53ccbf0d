import { z } from 'zod';
import { grantConsentInput } from '../../shared/schemas';
import { access, defineProcedure } from '../../trpc/access';
import { grantConsent } from '../../services/consents/consents';

export const grant = defineProcedure({
  access: access.user(),
  summary: '同意一项授权（记录文本版本与时间）',
  input: grantConsentInput,
  output: z.object({ ok: z.literal(true) }),
}).mutation(({ ctx, input }) => grantConsent(ctx.db, ctx.user!.id, input.scope, input.textVersion));
