import { z } from 'zod';
import { responseIdInput } from '../../shared/checklists';
import { parentProcedure } from '../../trpc/procedures';
import { getResponse as getResponseService } from '../../services/checklists/responses';
import { answeredItem, hotline, referralStatus, tier } from './outputs';

export const getResponse = parentProcedure
  .input(responseIdInput)
  .meta({ summary: '查看我家的一次作答（解密作答内容；每次查看都记入审计日志）' })
  .output(
    z.object({
      id: z.string(),
      tier,
      createdAt: z.string(),
      checklistTitle: z.string(),
      checklistVersion: z.number().int(),
      childName: z.string(),
      sharedWithSchool: z.boolean(),
      answers: z.array(answeredItem),
      advice: z.string(),
      hotlines: z.array(hotline),
      referralStatus: referralStatus.nullable(),
      referralReachedAt: z.string().nullable(),
    }),
  )
  .query(({ ctx, input }) =>
    getResponseService({ db: ctx.db, cipher: ctx.cipher, env: ctx.env, actor: ctx.user, input }),
  );
