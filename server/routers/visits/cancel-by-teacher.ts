import { visitIdInput } from '../../shared/visits';
import { staffProcedure } from '../../trpc/procedures';
import { cancelVisitByTeacher } from '../../services/visits/booking';
import { ok } from '../outputs';
import { VISITORS, visitUnit } from './access';

export const cancelByTeacher = staffProcedure(VISITORS)
  .input(visitIdInput)
  .scopedBy(visitUnit)
  .meta({ summary: '教师取消自己负责的家访（通知家庭）' })
  .output(ok)
  .mutation(({ ctx, input }) => cancelVisitByTeacher({ db: ctx.db, actor: ctx.user, input }));
