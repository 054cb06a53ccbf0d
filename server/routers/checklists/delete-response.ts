import { responseIdInput } from '../../shared/checklists';
import { access, defineProcedure } from '../../trpc/access';
import { deleteResponse as deleteResponseService } from '../../services/checklists/responses';
import { ok } from './outputs';

export const deleteResponse = defineProcedure({
  access: access.parent(),
  summary: '删除我家的一次作答（相应的转介一并删除）',
  input: responseIdInput,
  output: ok,
}).mutation(({ ctx, input }) => deleteResponseService(ctx.db, { id: ctx.user!.id, familyId: ctx.user!.familyId! }, input.responseId));
