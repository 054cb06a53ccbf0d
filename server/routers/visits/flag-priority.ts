import { flagPriorityInput } from '../../shared/visits';
import { access, defineProcedure } from '../../trpc/access';
import { flagPriority as flagService } from '../../services/visits/windows';
import { ok } from './outputs';

const familyUnit = async (input: { familyId: string }, ctx: { db: import('../../db/create-db').Db }) =>
  (await ctx.db.family.findUnique({ where: { id: input.familyId }, select: { orgUnitId: true } }))?.orgUnitId ?? null;

export const flagPriority = defineProcedure({
  access: access.staff(['TEACHER', 'COUNSELOR', 'COORDINATOR'], familyUnit, 'familyId'),
  summary: '标记需重点关注的家庭（学业压力、经济困难、情感危机、家庭变故、欺凌等）',
  input: flagPriorityInput,
  output: ok,
}).mutation(async ({ ctx, input }) => flagService(ctx.db, ctx.user!.id, (await familyUnit(input, ctx))!, input));
