import { z } from 'zod';
import { access, defineProcedureNoInput } from '../../trpc/access';
import { roleGrantOutput } from './outputs';

export const me = defineProcedureNoInput({
  access: access.user(),
  summary: '当前用户、角色与家庭',
  output: z.object({ id: z.string(), displayName: z.string(), roles: z.array(roleGrantOutput), familyId: z.string().nullable() }),
}).query(({ ctx }) => {
  const user = ctx.user!;
  return {
    id: user.id,
    displayName: user.displayName,
    roles: user.roles.map(({ role, orgUnitId, orgUnitName }) => ({ role, orgUnitId, orgUnitName })),
    familyId: user.familyId,
  };
});
