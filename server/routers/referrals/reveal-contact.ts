import { z } from 'zod';
import { referralContactInput } from '../../shared/contacts';
import { staffProcedure } from '../../trpc/procedures';
import { revealReferralContact } from '../../services/families/contacts';
import { contactLine } from '../visits/outputs';
import { referralSchool } from './access';

export const revealContact = staffProcedure(['COUNSELOR'])
  .input(referralContactInput)
  .scopedBy(referralSchool)
  .meta({ summary: '查看转介家庭的完整号码（仅本校心理健康教师、转介未结束时；每次查看留痕）' })
  .output(z.object({ contacts: z.array(contactLine) }))
  .mutation(({ ctx, input }) => revealReferralContact({ db: ctx.db, cipher: ctx.cipher, actor: ctx.user, input }));
