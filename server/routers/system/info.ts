import { z } from 'zod';
import { publicProcedure } from '../../trpc/procedures';

/** Demo parents seeded as openid-demo-parent-1 … N (see prisma/seed). */
const DEMO_PARENT_COUNT = 20;

export const info = publicProcedure
  .meta({ summary: '系统信息（是否为演示环境）' })
  .output(z.object({ appName: z.string(), demoMode: z.boolean(), demoParentCount: z.number() }))
  .query(({ ctx }) => ({
    appName: '心桥',
    demoMode: ctx.env.DEMO_MODE,
    demoParentCount: ctx.env.DEMO_MODE ? DEMO_PARENT_COUNT : 0,
  }));
