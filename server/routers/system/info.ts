import { z } from 'zod';
import { access, defineProcedureNoInput } from '../../trpc/access';

/** Demo parents seeded as openid-demo-parent-1 … N (see prisma/seed). */
const DEMO_PARENT_COUNT = 20;

export const info = defineProcedureNoInput({
  access: access.public(),
  summary: '系统信息（是否为演示环境）',
  output: z.object({ appName: z.string(), demoMode: z.boolean(), demoParentCount: z.number() }),
}).query(({ ctx }) => ({
  appName: '心桥',
  demoMode: ctx.env.DEMO_MODE,
  demoParentCount: ctx.env.DEMO_MODE ? DEMO_PARENT_COUNT : 0,
}));
