import { z } from 'zod';
import { router } from '../../trpc/init';
import { knowledgeSubmitInput } from '../../shared/knowledge-check';
import { parentProcedure, publicProcedure } from '../../trpc/procedures';
import { knowledgeQuestions, submitKnowledgeCheck } from '../../services/knowledge/knowledge-check';

const questions = publicProcedure
  .meta({ summary: '识别心理危机信号小测验的题目（不含答案）' })
  .output(
    z.object({
      version: z.string(),
      source: z.string(),
      questions: z.array(z.object({ id: z.string(), text: z.string(), options: z.array(z.string()) })),
    }),
  )
  .query(() => knowledgeQuestions());

const submit = parentProcedure
  .input(knowledgeSubmitInput)
  .meta({
    summary: '提交小测验（学习前或学习后；只保存分数，不保存作答人）',
    rateLimit: { perUser: 20, windowSeconds: 3600 },
  })
  .output(
    z.object({
      score: z.number(),
      total: z.number(),
      feedback: z.array(z.object({ id: z.string(), correct: z.boolean(), answer: z.string(), explain: z.string() })),
    }),
  )
  .mutation(({ ctx, input }) => submitKnowledgeCheck({ db: ctx.db, cipher: ctx.cipher, actor: ctx.user, input }));

export const knowledgeRouter = router({ questions, submit });
