import { z } from 'zod';
import { sessionIdInput } from '../../shared/sessions';
import { staffProcedure } from '../../trpc/procedures';
import { publishSession } from '../../services/sessions/manage-session';
import { SESSION_MANAGERS, sessionUnit } from './access';

export const publish = staffProcedure(SESSION_MANAGERS)
  .input(sessionIdInput)
  .scopedBy(sessionUnit)
  .meta({ summary: '发布草稿活动（家长可见、可报名；通知本单位已订阅消息的家长，未订阅的记为跳过）' })
  .output(z.object({ ok: z.literal(true), notified: z.number(), skipped: z.number() }))
  .mutation(({ ctx, input }) => publishSession({ db: ctx.db, actor: ctx.user, input }));
