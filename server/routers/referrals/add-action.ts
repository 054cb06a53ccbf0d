import { z } from 'zod';
import { addReferralActionInput } from '../../shared/checklists';
import { defineProcedure } from '../../trpc/access';
import { addReferralAction } from '../../services/checklists/referrals';
import { referralStatus } from '../checklists/outputs';
import { schoolCounsellors } from './scope';

export const addAction = defineProcedure({
  access: schoolCounsellors,
  summary: '记录跟进：已联系家庭、已与孩子面谈、已建议就医、备注（加密保存）或结束跟进',
  input: addReferralActionInput,
  output: z.object({ id: z.string(), status: referralStatus }),
}).mutation(({ ctx, input }) => addReferralAction(ctx, ctx.user!.id, input));
