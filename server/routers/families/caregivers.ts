import { z } from 'zod';
import { orgUnitScopedInput } from '../../shared/schemas';
import { GUARDIAN_RELATIONS } from '../../shared/enums';
import { staffProcedure } from '../../trpc/procedures';
import { listCaregivers } from '../../services/families/caregivers';

export const caregivers = staffProcedure(['COORDINATOR'])
  .input(orgUnitScopedInput)
  .scopedBy('orgUnitId')
  .meta({ summary: '本校（站点）家庭中父母以外的照护人：待确认与已确认的法定监护人' })
  .output(
    z.array(
      z.object({
        guardianId: z.string(),
        displayName: z.string(),
        relation: z.enum(GUARDIAN_RELATIONS),
        relationLabel: z.string(),
        children: z.array(z.object({ name: z.string(), gradeLabel: z.string(), className: z.string().nullable() })),
        confirmedAt: z.string().nullable(),
        confirmedBy: z.string().nullable(),
        authorizedByParent: z.boolean(),
      }),
    ),
  )
  .query(({ ctx }) => listCaregivers({ db: ctx.db, unit: ctx.unit }));
