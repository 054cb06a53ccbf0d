import type { Db } from '../../db/create-db';
import type { Env } from '../../env';
import type { Logger } from '../../logger';
import type { WechatClient } from '../../wechat/wechat-client';
import { templateIds, type TemplateKey } from './templates';
import { Prisma } from '../../generated/prisma/client';
import { privacyConsentedSql } from '../consents/consent-sql';
import type { FieldCipher } from '../../crypto/field-cipher';
import type { SmsClient } from '../../sms/tencent-sms';
import { queueSmsFallback, sendDueSms } from './sms-notices';

const LEASE_SECONDS = 120;
const MAX_ATTEMPTS = 5;

interface Claimed {
  id: string;
  userId: string;
  /** Staff, or a parent consenting to the privacy notice in force: only they are sent messages. */
  mayMessage: boolean;
  templateKey: TemplateKey;
  page: string | null;
  data: Record<string, { value: string }>;
  dedupeKey: string;
  attempts: number;
}

/**
 * Claims due notices with FOR UPDATE SKIP LOCKED and a lease: two processes never claim the same
 * row, and a row whose sender died is claimed again once its lease runs out (a restart resumes).
 */
export async function claimDue(db: Db, batch = 50): Promise<Claimed[]> {
  return db.$queryRaw<Claimed[]>`
    UPDATE "Notification" n
       SET status = 'SENDING', "leaseUntil" = now() + make_interval(secs => ${LEASE_SECONDS}), attempts = n.attempts + 1
     WHERE n.id IN (
       SELECT id FROM "Notification"
        WHERE "dueAt" <= now()
          AND (status = 'PENDING' OR (status = 'SENDING' AND "leaseUntil" < now()))
        ORDER BY "dueAt"
        LIMIT ${batch}
        FOR UPDATE SKIP LOCKED)
    RETURNING n.id, n."userId", n."templateKey", n.page, n.data, n."dedupeKey", n.attempts,
              (EXISTS (SELECT 1 FROM "RoleAssignment" r WHERE r."userId" = n."userId")
               OR ${Prisma.raw(privacyConsentedSql('n."userId"'))}) AS "mayMessage"`;
}

/** Takes one unit of the user's quota for the template; false when there is none. */
async function takeQuota(db: Db, userId: string, templateKey: string): Promise<boolean> {
  const n = await db.$executeRaw`
    UPDATE "SubscribeQuota" SET remaining = remaining - 1, "updatedAt" = now()
     WHERE "userId" = ${userId} AND "templateKey" = ${templateKey} AND remaining > 0`;
  return n > 0;
}

async function giveQuotaBack(db: Db, userId: string, templateKey: string) {
  await db.$executeRaw`UPDATE "SubscribeQuota" SET remaining = remaining + 1 WHERE "userId" = ${userId} AND "templateKey" = ${templateKey}`;
}

export async function sendDueNotifications(deps: {
  db: Db;
  env: Env;
  wechat: WechatClient;
  log: Logger;
  /** With an SMS provider: reminders and visit notices WeChat cannot carry go by SMS (sms-notices.ts). */
  sms?: SmsClient | null;
  cipher?: FieldCipher;
}): Promise<{ sent: number; skipped: number; failed: number; smsSent: number }> {
  const { db, env, wechat, log } = deps;
  const smsOn = Boolean(deps.sms && deps.cipher);
  const fallBack = (n: Claimed) => (smsOn ? queueSmsFallback(db, n) : Promise.resolve());
  const ids = templateIds(env);
  const claimed = await claimDue(db);
  let sent = 0;
  let skipped = 0;
  let failed = 0;
  for (const n of claimed) {
    // After a withdrawal of the privacy consent nothing more is sent: processing stops.
    if (!n.mayMessage) {
      await db.notification.update({
        where: { id: n.id },
        data: { status: 'CANCELLED', leaseUntil: null, lastError: 'no privacy consent' },
        select: { id: true },
      });
      skipped += 1;
      continue;
    }
    if (!(await takeQuota(db, n.userId, n.templateKey))) {
      await db.notification.update({
        where: { id: n.id },
        data: { status: 'SKIPPED_NO_QUOTA', leaseUntil: null },
        select: { id: true },
      });
      await fallBack(n);
      skipped += 1;
      continue;
    }
    const user = await db.user.findUnique({ where: { id: n.userId }, select: { openid: true } });
    if (!user?.openid) {
      await giveQuotaBack(db, n.userId, n.templateKey);
      await db.notification.update({
        where: { id: n.id },
        data: { status: 'SKIPPED_NO_QUOTA', leaseUntil: null, lastError: 'no openid' },
        select: { id: true },
      });
      await fallBack(n);
      skipped += 1;
      continue;
    }
    try {
      const result = await wechat.sendSubscribeMessage({
        touser: user.openid,
        template_id: ids[n.templateKey],
        page: n.page ?? undefined,
        data: n.data,
      });
      if (result.errcode === 0) {
        await db.notification.update({
          where: { id: n.id },
          data: { status: 'SENT', sentAt: new Date(), leaseUntil: null },
          select: { id: true },
        });
        sent += 1;
      } else if (result.errcode === 43101) {
        // WeChat says the user has no quota after all: believe it.
        await db.$executeRaw`UPDATE "SubscribeQuota" SET remaining = 0 WHERE "userId" = ${n.userId} AND "templateKey" = ${n.templateKey}`;
        await db.notification.update({
          where: { id: n.id },
          data: { status: 'SKIPPED_NO_QUOTA', leaseUntil: null, lastError: '43101' },
          select: { id: true },
        });
        await fallBack(n);
        skipped += 1;
      } else {
        throw new Error(`errcode ${result.errcode}`);
      }
    } catch (err) {
      await giveQuotaBack(db, n.userId, n.templateKey);
      const final = n.attempts >= MAX_ATTEMPTS;
      await db.notification.update({
        where: { id: n.id },
        data: {
          status: final ? 'FAILED' : 'PENDING',
          leaseUntil: null,
          lastError: String((err as Error).message).slice(0, 200),
          dueAt: new Date(Date.now() + 60_000 * n.attempts),
        },
        select: { id: true },
      });
      failed += 1;
      log.warn({ notification: n.id, attempts: n.attempts }, 'subscribe message failed');
    }
  }
  const smsSent = smsOn ? (await sendDueSms({ db, env, sms: deps.sms!, cipher: deps.cipher!, log })).sent : 0;
  return { sent, skipped, failed, smsSent };
}

/** Polls for due notices in this process until stopped. */
export function startNotificationWorker(deps: {
  db: Db;
  env: Env;
  wechat: WechatClient;
  log: Logger;
  sms?: SmsClient | null;
  cipher?: FieldCipher;
}) {
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  const tick = async () => {
    if (stopped) return;
    try {
      await sendDueNotifications(deps);
    } catch (err) {
      deps.log.warn({ err: { name: (err as Error).name } }, 'notification worker tick failed');
    }
    if (!stopped) timer = setTimeout(tick, deps.env.NOTIFY_INTERVAL_MS);
  };
  timer = setTimeout(tick, 1000);
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
