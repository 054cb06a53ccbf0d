import { z } from 'zod';
import { orgUnitScopedInput } from '../../shared/schemas';
import { staffProcedure } from '../../trpc/procedures';
import { listWindows } from '../../services/visits/windows';
import { SCHOOL_STAFF } from './access';
import { visitWindowItem } from './outputs';

export const windows = staffProcedure(SCHOOL_STAFF)
  .input(orgUnitScopedInput)
  .scopedBy('orgUnitId')
  .meta({ summary: '本校的家访窗口' })
  .output(z.array(visitWindowItem.extend({ travelBufferMinutes: z.number() })))
  .query(({ ctx }) => listWindows({ db: ctx.db, unit: ctx.unit }));
