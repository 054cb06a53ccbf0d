import { visitOutcomeInput } from '../../shared/visits';
import { staffProcedure } from '../../trpc/procedures';
import { recordOutcome as recordOutcomeService } from '../../services/visits/records';
import { ok } from '../outputs';
import { VISITORS, visitUnit } from './access';

export const recordOutcome = staffProcedure(VISITORS)
  .input(visitOutcomeInput)
  .scopedBy(visitUnit)
  .meta({ summary: '家访结果：未遇到家庭（未到）或家长要求改期（都不计入服务；改期后家长可重新预约）' })
  .output(ok)
  .mutation(({ ctx, input }) => recordOutcomeService({ db: ctx.db, cipher: ctx.cipher, actor: ctx.user, input }));
