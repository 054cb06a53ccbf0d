import { assignInput } from '../../shared/visits';
import { defineProcedure } from '../../trpc/access';
import { assignFamily } from '../../services/visits/windows';
import { COORDINATORS, windowStaff } from './scopes';
import { ok } from './outputs';

export const assign = defineProcedure({
  access: windowStaff(COORDINATORS),
  summary: '把家庭改派给另一位教师家访',
  input: assignInput,
  output: ok,
}).mutation(({ ctx, input }) => assignFamily(ctx.db, ctx.user!.id, input));
