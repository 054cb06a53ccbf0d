import { visitIdInput } from '../../shared/visits';
import { defineProcedure } from '../../trpc/access';
import { cancelVisit } from '../../services/visits/booking';
import { VISITORS, visitStaff } from './scopes';
import { ok } from './outputs';

export const cancelByTeacher = defineProcedure({
  access: visitStaff(VISITORS),
  summary: '教师取消自己负责的家访（通知家庭）',
  input: visitIdInput,
  output: ok,
}).mutation(({ ctx, input }) => cancelVisit(ctx.db, ctx.user!.id, input.visitId, { teacherId: ctx.user!.id }));
