import { editRecordInput } from '../../shared/visits';
import { staffProcedure } from '../../trpc/procedures';
import { editVisitRecord } from '../../services/visits/records';
import { ok } from '../outputs';
import { VISITORS, visitUnit } from './access';

export const editRecord = staffProcedure(VISITORS)
  .input(editRecordInput)
  .scopedBy(visitUnit)
  .meta({ summary: '修改家访记录（仅记录的教师，完成后限期内；原记录加密保留为历史版本）' })
  .output(ok)
  .mutation(({ ctx, input }) => editVisitRecord({ db: ctx.db, cipher: ctx.cipher, actor: ctx.user, input }));
