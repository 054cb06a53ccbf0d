import { z } from 'zod';
import { referralStatsInput } from '../../shared/checklists';
import { staffProcedure } from '../../trpc/procedures';
import { referralStats } from '../../services/checklists/referral-stats';

const count = z.number().nullable();
const tierCounts = z.object({ NONE: count, WATCH: count, CONTACT_SCHOOL: count, URGENT: count });

export const stats = staffProcedure(['FEDERATION', 'COMMITTEE', 'ADMIN'])
  .input(referralStatsInput)
  .scopedBy('orgUnitId')
  .meta({ summary: '本地区各下级单位的清单结果（按等级）与转介数量，只有汇总数字，1 至 4 的人数及防推算的数字不公开' })
  .output(
    z.object({
      orgUnitId: z.string(),
      orgUnitName: z.string(),
      year: z.number().int(),
      minCount: z.number().int(),
      units: z.array(z.object({ orgUnitId: z.string(), name: z.string(), tiers: tierCounts, referrals: count })),
      total: z.object({ tiers: tierCounts, referrals: count }),
    }),
  )
  .query(({ ctx, input }) => referralStats({ db: ctx.db, actor: ctx.user, unit: ctx.unit, input }));
