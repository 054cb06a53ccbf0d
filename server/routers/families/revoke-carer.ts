import { guardianIdInput } from '../../shared/schemas';
import { parentProcedure } from '../../trpc/procedures';
import { revokeCarer as revokeService } from '../../services/families/caregivers';
import { ok } from '../outputs';

export const revokeCarer = parentProcedure
  .input(guardianIdInput)
  .meta({ summary: '法定监护人取消对照护人的授权（其心理预警清单同意随之失效）' })
  .output(ok)
  .mutation(({ ctx, input }) => revokeService({ db: ctx.db, actor: ctx.user, input }));
