import { z } from 'zod';
import { visitContactInput } from '../../shared/contacts';
import { staffProcedure } from '../../trpc/procedures';
import { revealVisitContact } from '../../services/families/contacts';
import { VISITORS, visitUnit } from './access';
import { contactLine } from './outputs';

export const revealContact = staffProcedure(VISITORS)
  .input(visitContactInput)
  .scopedBy(visitUnit)
  .meta({ summary: '查看家庭的完整号码和住址（仅负责这次家访的老师；每次查看留痕）' })
  .output(z.object({ contacts: z.array(contactLine), address: z.string().nullable() }))
  .mutation(({ ctx, input }) => revealVisitContact({ db: ctx.db, cipher: ctx.cipher, actor: ctx.user, input }));
