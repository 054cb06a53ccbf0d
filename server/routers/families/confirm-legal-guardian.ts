import type { ScopeResolver } from '../../trpc/procedures';
import { guardianIdInput } from '../../shared/schemas';
import { staffProcedure } from '../../trpc/procedures';
import { confirmLegalGuardian as confirmService } from '../../services/families/caregivers';
import { ok } from '../outputs';

/** The unit of the guardian's family (its school). */
const guardianUnit: ScopeResolver<{ guardianId: string }> = async (input, ctx) =>
  (
    await ctx.db.guardian.findUnique({
      where: { id: input.guardianId },
      select: { family: { select: { orgUnitId: true } } },
    })
  )?.family.orgUnitId ?? null;

export const confirmLegalGuardian = staffProcedure(['COORDINATOR'])
  .input(guardianIdInput)
  .scopedBy(guardianUnit)
  .meta({ summary: '学校确认照护人为孩子的法定监护人（如孤儿的祖父母；核验证明后操作，留痕）' })
  .output(ok)
  .mutation(({ ctx, input }) => confirmService({ db: ctx.db, actor: ctx.user, input }));
