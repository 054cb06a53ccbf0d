import { z } from 'zod';
import { joinFamilyInput } from '../../shared/schemas';
import { userProcedure } from '../../trpc/procedures';
import { joinFamily } from '../../services/families/join-family';

export const join = userProcedure
  .input(joinFamilyInput)
  .meta({ summary: '凭学校、班级或家庭邀请码绑定家庭并登记孩子' })
  .output(z.object({ familyId: z.string() }))
  .mutation(({ ctx, input }) => joinFamily({ db: ctx.db, actor: ctx.user, input }));
