import { z } from 'zod';
import { ORG_UNIT_KINDS } from '../../shared/enums';
import { reportInput } from '../../shared/schemas';
import { staffProcedure } from '../../trpc/procedures';
import { liveCoverageReport } from '../../services/reports/coverage';
import { SIGNERS, signOff as signOffService, signOffStatus as statusService } from '../../services/reports/sign-off';
import { REPORT_READERS } from './access';

const yearInput = reportInput.pick({ orgUnitId: true, year: true });

export const signOff = staffProcedure(SIGNERS)
  .input(
    yearInput.extend({
      note: z.string({ error: '签报说明须为文字' }).trim().max(500, { error: '签报说明不能超过 500 个字' }).optional(),
    }),
  )
  .scopedBy('orgUnitId')
  .meta({
    summary:
      '年度数据签报（县 → 市 → 省，逐级）：签报后本级数据冻结；之后的更正须填写原因，作为修订记录附在签报数据之后',
  })
  .output(z.object({ ok: z.literal(true) }))
  .mutation(({ ctx, input }) =>
    signOffService({
      db: ctx.db,
      actor: ctx.user,
      unit: ctx.unit,
      input,
      figures: () => liveCoverageReport({ db: ctx.db, unit: ctx.unit, input: { year: input.year } }),
    }),
  );

export const signOffStatus = staffProcedure(REPORT_READERS)
  .input(yearInput)
  .scopedBy('orgUnitId')
  .meta({ summary: '年度签报情况：本级是否已签报、签报后的修订记录、下级单位签报进度' })
  .output(
    z.object({
      orgUnitId: z.string(),
      year: z.number(),
      canSign: z.boolean(),
      signOff: z.object({ signedAt: z.date(), signedBy: z.string(), note: z.string().nullable() }).nullable(),
      revisions: z.array(
        z.object({ at: z.date(), unitName: z.string(), actorName: z.string(), reason: z.string(), change: z.string() }),
      ),
      children: z.array(
        z.object({
          orgUnitId: z.string(),
          name: z.string(),
          kind: z.enum(ORG_UNIT_KINDS),
          signedAt: z.date().nullable(),
          signedBy: z.string().nullable(),
        }),
      ),
    }),
  )
  .query(({ ctx, input }) => statusService(ctx.db, ctx.unit, input.year));
