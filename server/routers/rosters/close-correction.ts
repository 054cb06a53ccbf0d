import type { ScopeResolver } from '../../trpc/procedures';
import { closeCorrectionInput } from '../../shared/families';
import { staffProcedure } from '../../trpc/procedures';
import { closeCorrection as closeService } from '../../services/rosters/roster-corrections';
import { ok } from '../outputs';
import { ROSTER_KEEPERS } from './access';

/** The school of a correction request. */
const correctionSchool: ScopeResolver<{ correctionId: string }> = async (input, ctx) =>
  (await ctx.db.childCorrection.findUnique({ where: { id: input.correctionId }, select: { schoolId: true } }))
    ?.schoolId ?? null;

export const closeCorrection = staffProcedure(ROSTER_KEEPERS)
  .input(closeCorrectionInput)
  .scopedBy(correctionSchool)
  .meta({ summary: '处理家长的更正申请：已在名册中改正，或名册无误（留痕）' })
  .output(ok)
  .mutation(({ ctx, input }) => closeService({ db: ctx.db, actor: ctx.user, unit: ctx.unit, input }));
