import { z } from 'zod';
import { access, defineProcedureNoInput } from '../../trpc/access';
import { currentConsentTexts } from '../../services/consents/consents';

export const current = defineProcedureNoInput({
  access: access.public(),
  summary: '现行的隐私政策与授权文本',
  output: z.array(z.object({ scope: z.string(), textVersion: z.string(), title: z.string(), text: z.string() })),
}).query(({ ctx }) => currentConsentTexts(ctx.db));
