import type { Db } from '../../db/create-db';
import type { Actor } from '../../auth/auth-user';
import type { TemplateKey } from './templates';

/**
 * The user accepted these one-time subscriptions in wx.requestSubscribeMessage: one more message each.
 * (WeChat grants one message per acceptance; we count them so that no message is sent without quota.)
 */
export async function recordSubscriptions(opts: { db: Db; actor: Actor; input: { accepted: TemplateKey[] } }) {
  const { db } = opts;
  const userId = opts.actor.id;
  const { accepted } = opts.input;
  for (const templateKey of new Set(accepted)) {
    await db.$executeRaw`
      INSERT INTO "SubscribeQuota" ("userId", "templateKey", remaining, "updatedAt") VALUES (${userId}, ${templateKey}, 1, now())
      ON CONFLICT ("userId", "templateKey") DO UPDATE SET remaining = "SubscribeQuota".remaining + 1, "updatedAt" = now()`;
  }
  const rows = await db.subscribeQuota.findMany({ where: { userId }, select: { templateKey: true, remaining: true } });
  return Object.fromEntries(rows.map((r) => [r.templateKey, r.remaining])) as Partial<Record<TemplateKey, number>>;
}
