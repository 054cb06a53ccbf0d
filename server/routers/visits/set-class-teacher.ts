import { classTeacherInput } from '../../shared/visits';
import { defineProcedure } from '../../trpc/access';
import { setClassTeacher as setService } from '../../services/visits/windows';
import { COORDINATORS, unitStaff } from './scopes';
import { ok } from './outputs';

export const setClassTeacher = defineProcedure({
  access: unitStaff(COORDINATORS),
  summary: '设置班级的家访教师（班主任）',
  input: classTeacherInput,
  output: ok,
}).mutation(({ ctx, input }) => setService(ctx.db, input));
