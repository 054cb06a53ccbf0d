import { z } from 'zod';
import { access, defineProcedureNoInput } from '../../trpc/access';
import { withdrawAndDelete as withdrawAndDeleteService } from '../../services/checklists/responses';

export const withdrawAndDelete = defineProcedureNoInput({
  access: access.parent(),
  summary: '撤回心理预警清单的单独同意，并删除我家保存的全部作答',
  output: z.object({ ok: z.literal(true), deleted: z.number().int() }),
}).mutation(({ ctx }) => withdrawAndDeleteService(ctx.db, { id: ctx.user!.id, familyId: ctx.user!.familyId! }));
