import { z } from 'zod';
import { VISIT_SEASONS } from '../../shared/visits';
import { access, defineProcedureNoInput } from '../../trpc/access';
import { windowsForFamily } from '../../services/visits/records';

export const familyWindows = defineProcedureNoInput({
  access: access.parent(),
  summary: '孩子学校正在进行的家访窗口',
  output: z.array(z.object({ id: z.string(), title: z.string(), season: z.enum(VISIT_SEASONS), startsOn: z.string(), endsOn: z.string(), schoolName: z.string() })),
}).query(({ ctx }) => windowsForFamily(ctx.db, ctx.user!.familyId!));
