import { z } from 'zod';
import { addReferralActionInput } from '../../shared/checklists';
import { staffProcedure } from '../../trpc/procedures';
import { addReferralAction } from '../../services/checklists/referrals';
import { referralStatus } from '../checklists/outputs';
import { referralSchool } from './access';

export const addAction = staffProcedure(['COUNSELOR'])
  .input(addReferralActionInput)
  .scopedBy(referralSchool)
  .meta({
    summary: '记录跟进：尝试联系（未联系上）、已联系上家长、已与孩子面谈、已建议就医、备注（加密保存）或结束跟进',
  })
  .output(z.object({ id: z.string(), status: referralStatus }))
  .mutation(({ ctx, input }) => addReferralAction({ db: ctx.db, cipher: ctx.cipher, actor: ctx.user, input }));
