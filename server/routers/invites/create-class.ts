import { z } from 'zod';
import { createClassInviteInput } from '../../shared/schemas';
import { staffProcedure } from '../../trpc/procedures';
import { createClassInvite } from '../../services/invites/invites';
import { INVITE_MANAGERS } from './access';

export const createClass = staffProcedure(INVITE_MANAGERS)
  .input(createClassInviteInput)
  .scopedBy('orgUnitId')
  .meta({ summary: '为一个班级创建邀请码（家长凭此码加入即登记到该班）' })
  .output(z.object({ code: z.string(), created: z.boolean() }))
  .mutation(({ ctx, input }) => createClassInvite({ db: ctx.db, actor: ctx.user, unit: ctx.unit, input }));
