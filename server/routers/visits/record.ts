import { z } from 'zod';
import { visitIdInput } from '../../shared/visits';
import { defineProcedure } from '../../trpc/access';
import { readVisitRecord } from '../../services/visits/records';
import { VISITORS, visitStaff } from './scopes';
import { childBrief, visitMode, visitStatus } from './outputs';

export const record = defineProcedure({
  access: visitStaff(VISITORS),
  summary: '查看家访记录（仅负责教师与本校心理健康教师；每次查看留痕）',
  input: visitIdInput,
  output: z.object({
    id: z.string(),
    status: visitStatus,
    mode: visitMode,
    startsAt: z.string(),
    endsAt: z.string(),
    completedAt: z.string().nullable(),
    topics: z.array(z.string()),
    concerns: z.array(z.string()),
    summary: z.string().nullable(),
    notes: z.string().nullable(),
    address: z.string().nullable(),
    guardians: z.array(z.string()),
    children: z.array(childBrief),
    followUps: z.array(z.object({ id: z.string(), action: z.string(), dueOn: z.string(), done: z.boolean() })),
  }),
}).query(({ ctx, input }) => readVisitRecord(ctx.db, ctx.cipher, ctx.user!, input.visitId));
