import { responseIdInput } from '../../shared/checklists';
import { parentProcedure } from '../../trpc/procedures';
import { deleteResponse as deleteResponseService } from '../../services/checklists/responses';
import { ok } from '../outputs';

export const deleteResponse = parentProcedure
  .input(responseIdInput)
  .meta({ summary: '删除我家的一次作答（相应的转介一并删除）', withoutPrivacyConsent: true })
  .output(ok)
  .mutation(({ ctx, input }) => deleteResponseService({ db: ctx.db, actor: ctx.user, input }));
