import { z } from 'zod';
import { orgUnitScopedInput } from '../../shared/schemas';
import { VISIT_SEASONS } from '../../shared/visits';
import { defineProcedure } from '../../trpc/access';
import { unitStaff } from './scopes';

export const windows = defineProcedure({
  access: unitStaff(['ADMIN', 'COORDINATOR', 'TEACHER', 'COUNSELOR']),
  summary: '本校的家访窗口',
  input: orgUnitScopedInput,
  output: z.array(z.object({ id: z.string(), title: z.string(), season: z.enum(VISIT_SEASONS), startsOn: z.string(), endsOn: z.string(), travelBufferMinutes: z.number() })),
}).query(async ({ ctx, input }) => {
  const rows = await ctx.db.visitWindow.findMany({
    where: { orgUnitId: input.orgUnitId },
    orderBy: { startsOn: 'desc' },
    select: { id: true, title: true, season: true, startsOn: true, endsOn: true, travelBufferMinutes: true },
  });
  return rows.map((r) => ({ ...r, startsOn: r.startsOn.toISOString().slice(0, 10), endsOn: r.endsOn.toISOString().slice(0, 10) }));
});
