import { z } from 'zod';
import { referralIdInput } from '../../shared/checklists';
import { defineProcedure } from '../../trpc/access';
import { acknowledgeReferral } from '../../services/checklists/referrals';
import { referralStatus } from '../checklists/outputs';
import { schoolCounsellors } from './scope';

export const acknowledge = defineProcedure({
  access: schoolCounsellors,
  summary: '确认接收转介（停止超时升级）',
  input: referralIdInput,
  output: z.object({ ok: z.literal(true), status: referralStatus }),
}).mutation(({ ctx, input }) => acknowledgeReferral(ctx.db, ctx.user!.id, input.referralId));
