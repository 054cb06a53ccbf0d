import { z } from 'zod';
import { ORG_UNIT_KINDS } from '../../shared/enums';
import { SITE_TYPES } from '../../shared/admin';
import { orgUnitChildrenInput } from '../../shared/schemas';
import { userProcedure } from '../../trpc/procedures';
import { listOrgUnitChildren } from '../../services/org-units/list-children';

export const children = userProcedure
  .input(orgUnitChildrenInput)
  .meta({ summary: '下级机构列表（行政区划按 GB/T 2260 编码）' })
  .output(
    z.array(
      z.object({
        id: z.string(),
        code: z.string().nullable(),
        name: z.string(),
        kind: z.enum(ORG_UNIT_KINDS),
        /** A community site's kind, and the township or street of a school or site. */
        siteType: z.enum(SITE_TYPES).nullable(),
        township: z.string().nullable(),
        /** Closed: no new sessions or families; past figures kept. */
        closedAt: z.string().nullable(),
      }),
    ),
  )
  .query(({ ctx, input }) => listOrgUnitChildren({ db: ctx.db, input: { parentId: input.parentId ?? null } }));
