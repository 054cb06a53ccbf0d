// Grandparent-proof notices: a session reminder or a visit notice goes by SMS to a household that cannot get it
// through WeChat — a rostered household nobody in it uses the app (a coordinator registered it, a teacher booked
// its visit), or one whose caregivers have no subscription quota left. To a caregiver's own mobile, else the
// roster's (Family.contactEnc); decrypted only to send, each read audited. Queued rows are claimed like the WeChat
// outbox (FOR UPDATE SKIP LOCKED with a lease), so two server processes never send the same SMS.
import type { Db } from '../../db/create-db';
import type { Env } from '../../env';
import type { Logger } from '../../logger';
import type { FieldCipher } from '../../crypto/field-cipher';
import type { SmsClient } from '../../sms/tencent-sms';
import type { Prisma } from '../../generated/prisma/client';
import { writeAudit } from '../audit/write-audit';
import type { TemplateKey } from './templates';
import { mobileCtx } from '../families/contacts';

type Tx = Prisma.TransactionClient;
type Data = Record<string, { value: string }>;

/** The notices that go by SMS when WeChat cannot carry them (the others wait for the app). */
export const SMS_NOTICE_KEYS = ['SESSION_REMINDER', 'VISIT_NOTICE'] as const satisfies readonly TemplateKey[];
type SmsNoticeKey = (typeof SMS_NOTICE_KEYS)[number];
const isSmsNotice = (key: string): key is SmsNoticeKey => (SMS_NOTICE_KEYS as readonly string[]).includes(key);

const LEASE_SECONDS = 120;
const MAX_ATTEMPTS = 5;
/** An SMS template variable holds at most 12 characters (Tencent Cloud's limit for ordinary variables). */
const short = (v: string | undefined) => {
  const s = (v ?? '').trim();
  return s.length > 12 ? `${s.slice(0, 11)}…` : s;
};

/** The SMS template's variables from the WeChat notice's fields (title, time, place; never anything sensitive). */
export function smsParams(templateKey: SmsNoticeKey, data: Data): string[] {
  if (templateKey === 'SESSION_REMINDER')
    return [short(data.thing1?.value), data.time2?.value ?? '', short(data.thing3?.value)];
  return [short(data.thing1?.value), data.time2?.value ?? '', short(data.phrase3?.value)];
}

function templateOf(env: Pick<Env, 'SMS_TEMPLATE_SESSION_REMINDER' | 'SMS_TEMPLATE_VISIT_NOTICE'>, key: string) {
  return key === 'SESSION_REMINDER' ? env.SMS_TEMPLATE_SESSION_REMINDER : env.SMS_TEMPLATE_VISIT_NOTICE;
}

/**
 * A notice for a household with no caregiver in the app: queued as an SMS to its rostered mobile, if it has one
 * (else nothing: the school reaches it another way). In the caller's transaction; once per `dedupePrefix`.
 */
export async function queueHouseholdSms(
  tx: Tx,
  familyId: string,
  notice: { templateKey: TemplateKey; data: Data; dueAt: Date; dedupePrefix: string },
): Promise<void> {
  if (!isSmsNotice(notice.templateKey)) return;
  const family = await tx.family.findUnique({ where: { id: familyId }, select: { orgUnitId: true, contactEnc: true } });
  if (!family?.contactEnc) return;
  await tx.smsMessage.createMany({
    data: [
      {
        familyId,
        orgUnitId: family.orgUnitId,
        purpose: notice.templateKey,
        dedupeKey: `sms:${notice.dedupePrefix}`,
        status: 'PENDING',
        dueAt: notice.dueAt,
        params: smsParams(notice.templateKey, notice.data),
      },
    ],
    skipDuplicates: true,
  });
}

/** A cancelled registration's or visit's queued SMS goes with its WeChat notices. */
export async function cancelQueuedSms(tx: Tx, prefix: string): Promise<void> {
  await tx.smsMessage.updateMany({
    where: { dedupeKey: { startsWith: `sms:${prefix}` }, status: 'PENDING' },
    data: { status: 'CANCELLED' },
  });
}

/**
 * A WeChat notice that could not be sent (no quota, no WeChat): when no other caregiver of the household has the
 * same notice sent or still on its way, the household gets it by SMS instead — once, however many caregivers.
 */
export async function queueSmsFallback(
  db: Db,
  n: { id: string; userId: string; templateKey: string; data: Data; dedupeKey: string },
): Promise<void> {
  if (!isSmsNotice(n.templateKey)) return;
  // The notice's key without its recipient (`…:<userId>`): the same notice to the household's other caregivers.
  const suffix = `:${n.userId}`;
  if (!n.dedupeKey.endsWith(suffix)) return;
  const notice = n.dedupeKey.slice(0, -suffix.length);
  const guardian = await db.guardian.findUnique({
    where: { userId: n.userId },
    select: { familyId: true, family: { select: { orgUnitId: true } } },
  });
  if (!guardian || !(await hasHouseholdPhone(db, guardian.familyId))) return;
  const others = await db.notification.count({
    where: {
      id: { not: n.id },
      dedupeKey: { startsWith: `${notice}:` },
      status: { in: ['PENDING', 'SENDING', 'SENT'] },
    },
  });
  if (others > 0) return;
  await db.smsMessage.createMany({
    data: [
      {
        familyId: guardian.familyId,
        orgUnitId: guardian.family.orgUnitId,
        purpose: n.templateKey,
        dedupeKey: `sms:${notice}:${guardian.familyId}`,
        status: 'PENDING',
        dueAt: new Date(),
        params: smsParams(n.templateKey, n.data),
      },
    ],
    skipDuplicates: true,
  });
}

/** The household's mobiles: a caregiver's own (the earliest caregiver's first), and the one on the roster. */
function householdNumbers(db: Db, familyId: string) {
  return db.family.findUnique({
    where: { id: familyId },
    select: {
      contactEnc: true,
      guardians: {
        where: { mobileEnc: { not: null } },
        select: { id: true, mobileEnc: true },
        orderBy: { createdAt: 'asc' },
        take: 1,
      },
    },
  });
}

/** Whether the household can be texted (nothing decrypted). */
async function hasHouseholdPhone(db: Db, familyId: string): Promise<boolean> {
  const f = await householdNumbers(db, familyId);
  return Boolean(f?.guardians[0] ?? f?.contactEnc);
}

/** The number to text: a caregiver's own given in 我的家庭 or from WeChat, else the roster's. Decrypted to send. */
async function householdPhone(db: Db, familyId: string, cipher: FieldCipher): Promise<string | null> {
  const f = await householdNumbers(db, familyId);
  const own = f?.guardians[0];
  if (own?.mobileEnc) return cipher.decrypt(own.mobileEnc, mobileCtx(own.id));
  if (f?.contactEnc) return cipher.decryptJson<{ phone: string }>(f.contactEnc, `Family:${familyId}:contact`).phone;
  return null;
}

interface ClaimedSms {
  id: string;
  familyId: string | null;
  orgUnitId: string;
  purpose: string;
  params: string[] | null;
  attempts: number;
}

/** Sends the due queued SMS notices (claimed with SKIP LOCKED and a lease). */
export async function sendDueSms(deps: {
  db: Db;
  env: Pick<Env, 'SMS_TEMPLATE_SESSION_REMINDER' | 'SMS_TEMPLATE_VISIT_NOTICE'>;
  sms: SmsClient;
  cipher: FieldCipher;
  log: Logger;
}): Promise<{ sent: number; failed: number }> {
  const { db, sms, cipher, log } = deps;
  const claimed = await db.$queryRaw<ClaimedSms[]>`
    UPDATE "SmsMessage" m
       SET status = 'SENDING', "leaseUntil" = now() + make_interval(secs => ${LEASE_SECONDS}), attempts = m.attempts + 1
     WHERE m.id IN (
       SELECT id FROM "SmsMessage"
        WHERE purpose = ANY(${[...SMS_NOTICE_KEYS]}::text[]) AND "dueAt" <= now()
          AND (status = 'PENDING' OR (status = 'SENDING' AND "leaseUntil" < now()))
        ORDER BY "dueAt"
        LIMIT 50
        FOR UPDATE SKIP LOCKED)
    RETURNING m.id, m."familyId", m."orgUnitId", m.purpose, m.params, m.attempts`;
  let sent = 0;
  let failed = 0;
  for (const m of claimed) {
    const phone = m.familyId ? await householdPhone(db, m.familyId, cipher) : null;
    if (!phone) {
      await db.smsMessage.update({ where: { id: m.id }, data: { status: 'NO_NUMBER', leaseUntil: null } });
      continue;
    }
    await writeAudit(db, {
      actorUserId: null,
      action: 'family.contactRead',
      targetType: 'Family',
      targetId: m.familyId,
      orgUnitId: m.orgUnitId,
      detail: { purpose: m.purpose, smsId: m.id },
    });
    try {
      const [result] = await sms.send([phone], templateOf(deps.env, m.purpose), m.params ?? []);
      await db.smsMessage.update({
        where: { id: m.id },
        data: {
          status: result?.ok ? 'SENT' : 'FAILED',
          providerCode: result?.code ?? 'NoStatus',
          serialNo: result?.serialNo ?? null,
          sentAt: result?.ok ? new Date() : null,
          leaseUntil: null,
        },
      });
      if (result?.ok) sent += 1;
      else failed += 1;
    } catch (err) {
      // The provider did not answer: try again later, a few times.
      const final = m.attempts >= MAX_ATTEMPTS;
      await db.smsMessage.update({
        where: { id: m.id },
        data: {
          status: final ? 'FAILED' : 'PENDING',
          providerCode: String((err as Error).message).slice(0, 60),
          leaseUntil: null,
          dueAt: new Date(Date.now() + 60_000 * m.attempts),
        },
      });
      failed += 1;
      log.warn({ sms: m.id, attempts: m.attempts }, 'sms notice failed');
    }
  }
  return { sent, failed };
}
