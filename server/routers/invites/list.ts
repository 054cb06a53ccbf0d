import { z } from 'zod';
import { orgUnitScopedInput } from '../../shared/schemas';
import { access, defineProcedure } from '../../trpc/access';
import { listUnitInvites } from '../../services/invites/invites';

export const list = defineProcedure({
  access: access.staff(['ADMIN', 'COORDINATOR', 'TEACHER'], (input: { orgUnitId: string }) => input.orgUnitId, 'orgUnitId'),
  summary: '本校（站点）的学校与班级邀请码',
  input: orgUnitScopedInput,
  output: z.array(
    z.object({
      code: z.string(),
      kind: z.enum(['SCHOOL', 'CLASS']),
      grade: z.string().nullable(),
      gradeLabel: z.string().nullable(),
      className: z.string().nullable(),
      uses: z.number(),
      disabled: z.boolean(),
      createdAt: z.string(),
    }),
  ),
}).query(({ ctx, input }) => listUnitInvites(ctx.db, input.orgUnitId));
