import { z } from 'zod';
import { publicProcedure } from '../../trpc/procedures';
import { currentConsentTexts } from '../../services/consents/consents';

export const current = publicProcedure
  .meta({ summary: '现行的隐私政策与授权文本' })
  .output(z.array(z.object({ scope: z.string(), textVersion: z.string(), title: z.string(), text: z.string() })))
  .query(({ ctx }) => currentConsentTexts({ db: ctx.db }));
