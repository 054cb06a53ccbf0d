import { z } from 'zod';
import { referralStatsInput } from '../../shared/checklists';
import { access, defineProcedure } from '../../trpc/access';
import { referralStats } from '../../services/checklists/referral-stats';

const tierCounts = z.object({ NONE: z.number().nullable(), WATCH: z.number().nullable(), CONTACT_SCHOOL: z.number().nullable(), URGENT: z.number().nullable() });

export const stats = defineProcedure({
  access: access.staff(['FEDERATION', 'COMMITTEE', 'ADMIN'], (input: { orgUnitId: string }) => input.orgUnitId, 'orgUnitId'),
  summary: '本地区各下级单位的清单结果（按等级）与转介数量，只有汇总数字，少于 5 的不显示',
  input: referralStatsInput,
  output: z.object({
    orgUnitId: z.string(),
    orgUnitName: z.string(),
    year: z.number().int(),
    minCount: z.number().int(),
    units: z.array(z.object({ orgUnitId: z.string(), name: z.string(), tiers: tierCounts, referrals: z.number().nullable() })),
    total: z.object({ tiers: tierCounts, referrals: z.number().nullable() }),
  }),
}).query(({ ctx, input }) => referralStats(ctx.db, input.orgUnitId, input.year));
