import { z } from 'zod';
import { userProcedure } from '../../trpc/procedures';
import { roleGrantOutput } from './outputs';

export const me = userProcedure
  .meta({ summary: '当前用户、角色与家庭' })
  .output(
    z.object({
      id: z.string(),
      displayName: z.string(),
      roles: z.array(roleGrantOutput),
      familyId: z.string().nullable(),
    }),
  )
  .query(({ ctx }) => ({
    id: ctx.user.id,
    displayName: ctx.user.displayName,
    roles: ctx.user.roles.map(({ role, orgUnitId, orgUnitName, orgUnitKind }) => ({
      role,
      orgUnitId,
      orgUnitName,
      orgUnitKind,
    })),
    familyId: ctx.user.familyId,
  }));
