import { z } from 'zod';
import { access, defineProcedureNoInput } from '../../trpc/access';
import { myVisits } from '../../services/visits/records';
import { visitMode, visitStatus } from './outputs';

export const mine = defineProcedureNoInput({
  access: access.parent(),
  summary: '我家的家访',
  output: z.array(
    z.object({ visitId: z.string(), windowId: z.string(), windowTitle: z.string(), status: visitStatus, mode: visitMode, teacherName: z.string(), startsAt: z.string(), endsAt: z.string() }),
  ),
}).query(({ ctx }) => myVisits(ctx.db, ctx.user!.familyId!));
