import { z } from 'zod';
import { createClassInviteInput } from '../../shared/schemas';
import { access, defineProcedure } from '../../trpc/access';
import { createClassInvite } from '../../services/invites/invites';

export const createClass = defineProcedure({
  access: access.staff(['ADMIN', 'COORDINATOR'], (input: { orgUnitId: string }) => input.orgUnitId, 'orgUnitId'),
  summary: '为一个班级创建邀请码（家长凭此码加入即登记到该班）',
  input: createClassInviteInput,
  output: z.object({ code: z.string(), created: z.boolean() }),
}).mutation(({ ctx, input }) => createClassInvite(ctx.db, ctx.user!.id, input));
