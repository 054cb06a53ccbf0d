import { z } from 'zod';
import { orgUnitScopedInput } from '../../shared/schemas';
import { VISIT_SEASONS } from '../../shared/visits';
import { staffProcedure } from '../../trpc/procedures';
import { listWindows } from '../../services/visits/windows';
import { SCHOOL_STAFF } from './access';

export const windows = staffProcedure(SCHOOL_STAFF)
  .input(orgUnitScopedInput)
  .scopedBy('orgUnitId')
  .meta({ summary: '本校的家访窗口' })
  .output(
    z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        season: z.enum(VISIT_SEASONS),
        startsOn: z.string(),
        endsOn: z.string(),
        travelBufferMinutes: z.number(),
      }),
    ),
  )
  .query(({ ctx }) => listWindows({ db: ctx.db, unit: ctx.unit }));
