import { z } from 'zod';
import { ORG_UNIT_KINDS } from '../../shared/enums';
import { orgUnitChildrenInput } from '../../shared/schemas';
import { userProcedure } from '../../trpc/procedures';
import { listOrgUnitChildren } from '../../services/org-units/list-children';

export const children = userProcedure
  .input(orgUnitChildrenInput)
  .meta({ summary: '下级机构列表（行政区划按 GB/T 2260 编码）' })
  .output(
    z.array(z.object({ id: z.string(), code: z.string().nullable(), name: z.string(), kind: z.enum(ORG_UNIT_KINDS) })),
  )
  .query(({ ctx, input }) => listOrgUnitChildren({ db: ctx.db, input: { parentId: input.parentId ?? null } }));
