import { completeVisitInput } from '../../shared/visits';
import { staffProcedure } from '../../trpc/procedures';
import { completeVisit } from '../../services/visits/records';
import { ok } from '../outputs';
import { VISITORS, visitUnit } from './access';

export const complete = staffProcedure(VISITORS)
  .input(completeVisitInput)
  .scopedBy(visitUnit)
  .meta({ summary: '家访记录：主题、关注事项、小结与跟进（记录与地址加密保存）' })
  .output(ok)
  .mutation(({ ctx, input }) => completeVisit({ db: ctx.db, cipher: ctx.cipher, actor: ctx.user, input }));
