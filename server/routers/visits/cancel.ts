import { visitIdInput } from '../../shared/visits';
import { access, defineProcedure } from '../../trpc/access';
import { cancelVisit } from '../../services/visits/booking';
import { ok } from './outputs';

export const cancel = defineProcedure({
  access: access.parent(),
  summary: '取消我家的家访预约',
  input: visitIdInput,
  output: ok,
}).mutation(({ ctx, input }) => cancelVisit(ctx.db, ctx.user!.id, input.visitId, { familyId: ctx.user!.familyId }));
