import { z } from 'zod';
import { joinFamilyInput } from '../../shared/schemas';
import { access, defineProcedure } from '../../trpc/access';
import { joinFamily } from '../../services/families/join-family';

export const join = defineProcedure({
  access: access.user(),
  summary: '凭学校、班级或家庭邀请码绑定家庭并登记孩子',
  input: joinFamilyInput,
  output: z.object({ familyId: z.string() }),
}).mutation(({ ctx, input }) => joinFamily(ctx.db, ctx.user!.id, input));
