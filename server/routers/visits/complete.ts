import { completeVisitInput } from '../../shared/visits';
import { defineProcedure } from '../../trpc/access';
import { completeVisit } from '../../services/visits/records';
import { VISITORS, visitStaff } from './scopes';
import { ok } from './outputs';

export const complete = defineProcedure({
  access: visitStaff(VISITORS),
  summary: '家访记录：主题、关注事项、小结与跟进（记录与地址加密保存）',
  input: completeVisitInput,
  output: ok,
}).mutation(({ ctx, input }) => completeVisit(ctx.db, ctx.cipher, ctx.user!.id, input));
