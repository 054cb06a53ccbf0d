import { z } from 'zod';
import { referralIdInput } from '../../shared/checklists';
import { staffProcedure } from '../../trpc/procedures';
import { acknowledgeReferral } from '../../services/checklists/referrals';
import { referralStatus } from '../checklists/outputs';
import { referralSchool } from './access';

export const acknowledge = staffProcedure(['COUNSELOR'])
  .input(referralIdInput)
  .scopedBy(referralSchool)
  .meta({ summary: '确认接收转介（停止超时升级）' })
  .output(z.object({ ok: z.literal(true), status: referralStatus }))
  .mutation(({ ctx, input }) => acknowledgeReferral({ db: ctx.db, actor: ctx.user, input }));
