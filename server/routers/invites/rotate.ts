import { z } from 'zod';
import { inviteCodeInput } from '../../shared/schemas';
import { staffProcedure } from '../../trpc/procedures';
import { rotateInvite } from '../../services/invites/invites';
import { INVITE_MANAGERS, inviteUnit } from './access';

export const rotate = staffProcedure(INVITE_MANAGERS)
  .input(inviteCodeInput)
  .scopedBy(inviteUnit)
  .meta({ summary: '更换学校或班级邀请码（旧码立即失效，已加入的家庭不受影响）' })
  .output(z.object({ code: z.string() }))
  .mutation(({ ctx, input }) => rotateInvite({ db: ctx.db, actor: ctx.user, unit: ctx.unit, input }));
