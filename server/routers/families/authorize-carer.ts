import { guardianIdInput } from '../../shared/schemas';
import { parentProcedure } from '../../trpc/procedures';
import { authorizeCarer as authorizeService } from '../../services/families/caregivers';
import { ok } from '../outputs';

export const authorizeCarer = parentProcedure
  .input(guardianIdInput)
  .meta({ summary: '法定监护人授权家中其他照护人（如祖父母）为孩子填写心理预警清单并作出单独同意' })
  .output(ok)
  .mutation(({ ctx, input }) => authorizeService({ db: ctx.db, actor: ctx.user, input }));
