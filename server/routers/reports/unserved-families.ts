import { z } from 'zod';
import { reportInput } from '../../shared/schemas';
import { staffProcedure } from '../../trpc/procedures';
import { unservedFamilies as listService } from '../../services/reports/unserved';
import { SITE_COORDINATORS } from './access';

export const unservedFamilies = staffProcedure(SITE_COORDINATORS)
  .input(reportInput.omit({ siteKind: true }))
  .scopedBy('orgUnitId')
  .meta({ summary: '本站点本年度尚未获得指导服务的家庭，含名册上尚未加入的家庭（负责人跟进用）' })
  .output(
    z.array(
      z.object({
        familyId: z.string(),
        /** At least one guardian is in the app (else a household from the roster only). */
        joined: z.boolean(),
        guardians: z.array(z.string()),
        children: z.array(z.object({ grade: z.string(), className: z.string().nullable() })),
        /** The roster's contact, masked, for households not in the app. */
        contact: z.string().nullable(),
      }),
    ),
  )
  .query(({ ctx, input }) => listService({ db: ctx.db, unit: ctx.unit, input }));
