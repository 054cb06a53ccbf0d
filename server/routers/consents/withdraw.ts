import { z } from 'zod';
import { withdrawConsentInput } from '../../shared/schemas';
import { access, defineProcedure } from '../../trpc/access';
import { withdrawConsent } from '../../services/consents/consents';

export const withdraw = defineProcedure({
  access: access.user(),
  summary: '撤回一项授权',
  input: withdrawConsentInput,
  output: z.object({ ok: z.literal(true) }),
}).mutation(({ ctx, input }) => withdrawConsent(ctx.db, ctx.user!.id, input.scope));
