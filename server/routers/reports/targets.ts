import { z } from 'zod';
import { TARGET_KEYS, setTargetInput } from '../../shared/targets';
import { staffProcedure } from '../../trpc/procedures';
import { provinceOf } from '../province-scope';
import { listTargets, setTarget as setTargetService } from '../../services/targets/targets';
import { REPORT_READERS } from './access';

const ok = z.object({ ok: z.literal(true) });

export const targets = staffProcedure([...REPORT_READERS, 'TEACHER', 'COUNSELOR'])
  .meta({ summary: '政策目标值（现行值与调整记录）' })
  .output(
    z.array(
      z.object({
        key: z.enum(TARGET_KEYS),
        label: z.string(),
        unit: z.enum(['count', 'share']),
        source: z.string(),
        value: z.number(),
        history: z.array(
          z.object({
            value: z.number(),
            effectiveFrom: z.string(),
            basis: z.string(),
            setBy: z.string().nullable(),
            createdAt: z.date(),
          }),
        ),
      }),
    ),
  )
  .query(({ ctx }) => listTargets(ctx.db));

export const setTarget = staffProcedure(['ADMIN'])
  .input(setTargetInput)
  .scopedBy(provinceOf)
  .meta({ summary: '调整政策目标值（省级管理员；自生效日期起适用，往期不变，留有记录）' })
  .output(ok)
  .mutation(({ ctx, input }) => setTargetService({ db: ctx.db, actor: ctx.user, input }));
