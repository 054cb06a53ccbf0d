import { z } from 'zod';
import { idSchema, requiredText } from '../../shared/schemas';
import { staffProcedure } from '../../trpc/procedures';
import { addCareNote as addService, carePlan as readService } from '../../services/visits/care-plan';
import { familyUnit } from './access';

const READERS = ['COORDINATOR', 'COUNSELOR', 'TEACHER'] as const;

export const carePlan = staffProcedure(READERS)
  .input(z.object({ familyId: idSchema }))
  .scopedBy(familyUnit)
  .meta({ summary: '一生一策：特殊群体学生家庭的关爱记录（加密保存，每次查看留痕；不是诊断）' })
  .output(
    z.array(
      z.object({
        id: z.string(),
        authorRole: z.enum(['COUNSELOR', 'TEACHER']),
        authorName: z.string(),
        text: z.string(),
        createdAt: z.date(),
      }),
    ),
  )
  .query(({ ctx, input }) => readService({ db: ctx.db, cipher: ctx.cipher, actor: ctx.user, unit: ctx.unit, input }));

export const addCareNote = staffProcedure(['COUNSELOR', 'TEACHER'])
  .input(z.object({ familyId: idSchema, text: requiredText('记录内容', 2000) }))
  .scopedBy(familyUnit)
  .meta({ summary: '在一生一策中添加一条记录（心理教师或班主任；加密保存）' })
  .output(z.object({ id: z.string() }))
  .mutation(({ ctx, input }) => addService({ db: ctx.db, cipher: ctx.cipher, actor: ctx.user, unit: ctx.unit, input }));
