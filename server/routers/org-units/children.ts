import { z } from 'zod';
import { ORG_UNIT_KINDS } from '../../shared/enums';
import { orgUnitChildrenInput } from '../../shared/schemas';
import { access, defineProcedure } from '../../trpc/access';
import { listOrgUnitChildren } from '../../services/org-units/list-children';

export const children = defineProcedure({
  access: access.user(),
  summary: '下级机构列表（行政区划按 GB/T 2260 编码）',
  input: orgUnitChildrenInput,
  output: z.array(z.object({ id: z.string(), code: z.string().nullable(), name: z.string(), kind: z.enum(ORG_UNIT_KINDS) })),
}).query(({ ctx, input }) => listOrgUnitChildren(ctx.db, input.parentId ?? null));
