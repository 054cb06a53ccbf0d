import { z } from 'zod';
import { registerFamilyInput } from '../../shared/sessions';
import { staffProcedure } from '../../trpc/procedures';
import { registerFamily as registerFamilyService } from '../../services/sessions/registration';
import { sessionUnit } from './access';

export const registerFamily = staffProcedure(['COORDINATOR'])
  .input(registerFamilyInput)
  .scopedBy(sessionUnit)
  .meta({ summary: '代办：为本单位的家庭报名（与家长自己报名同样的名额与候补规则；留痕，家庭可见）' })
  .output(z.object({ status: z.enum(['CONFIRMED', 'WAITLISTED']) }))
  .mutation(({ ctx, input }) => registerFamilyService({ db: ctx.db, actor: ctx.user, input }));
