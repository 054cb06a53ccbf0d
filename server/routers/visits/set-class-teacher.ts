import { classTeacherInput } from '../../shared/visits';
import { staffProcedure } from '../../trpc/procedures';
import { setClassTeacher as setService } from '../../services/visits/windows';
import { ok } from '../outputs';
import { COORDINATORS } from './access';

export const setClassTeacher = staffProcedure(COORDINATORS)
  .input(classTeacherInput)
  .scopedBy('orgUnitId')
  .meta({ summary: '设置班级的家访教师（班主任）' })
  .output(ok)
  .mutation(({ ctx, input }) => setService({ db: ctx.db, actor: ctx.user, unit: ctx.unit, input }));
