import { z } from 'zod';
import { visitIdInput } from '../../shared/visits';
import { staffProcedure } from '../../trpc/procedures';
import { readVisitRecord } from '../../services/visits/records';
import { VISITORS, visitUnit } from './access';
import { childBrief, contactLine, visitMode, visitStatus } from './outputs';

export const record = staffProcedure(VISITORS)
  .input(visitIdInput)
  .scopedBy(visitUnit)
  .meta({ summary: '查看家访记录（仅负责教师与本校心理健康教师；每次查看留痕）' })
  .output(
    z.object({
      id: z.string(),
      status: visitStatus,
      mode: visitMode,
      startsAt: z.string(),
      endsAt: z.string(),
      begun: z.boolean(),
      completedAt: z.string().nullable(),
      edits: z.number().int(),
      lastEditedAt: z.string().nullable(),
      editableUntil: z.string().nullable(),
      canEdit: z.boolean(),
      topics: z.array(z.string()),
      concerns: z.array(z.string()),
      summary: z.string().nullable(),
      notes: z.string().nullable(),
      address: z.string().nullable(),
      addressMasked: z.boolean(),
      contacts: z.array(contactLine),
      isVisitor: z.boolean(),
      guardians: z.array(z.string()),
      children: z.array(childBrief),
      followUps: z.array(z.object({ id: z.string(), action: z.string(), dueOn: z.string(), done: z.boolean() })),
    }),
  )
  .query(({ ctx, input }) => readVisitRecord({ db: ctx.db, cipher: ctx.cipher, actor: ctx.user, input }));
