import { z } from 'zod';
import { joinFamilyInput } from '../../shared/schemas';
import { userProcedure } from '../../trpc/procedures';
import { joinFamily } from '../../services/families/join-family';

export const join = userProcedure
  .input(joinFamilyInput)
  .meta({
    summary: '凭学校、班级邀请码或家人发来的一次性邀请码绑定家庭并登记孩子',
    // Guessing codes is what this limits: per user, per address, and for everyone together.
    rateLimit: { perUser: 10, perIp: 600, global: 6000, windowSeconds: 600 },
  })
  .output(z.object({ familyId: z.string() }))
  .mutation(({ ctx, input }) => joinFamily({ db: ctx.db, actor: ctx.user, input }));
