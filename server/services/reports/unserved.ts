import type { Db } from '../../db/create-db';
import type { Actor } from '../../auth/auth-user';
import { AppError } from '../../errors/app-error';
import { chinaDay } from '../../shared/china-time';
import { knownInYear } from '../families/known-households';
import type { FieldCipher } from '../../crypto/field-cipher';
import type { Env } from '../../env';
import type { SmsClient } from '../../sms/tencent-sms';
import { writeAudit } from '../audit/write-audit';
import { enqueueForFamily } from '../notifications/enqueue';
import { thing } from '../notifications/templates';
import { isBelowCounty, type ReportUnit } from './coverage';

function assertLeaf(unit: ReportUnit) {
  if (!isBelowCounty(unit.kind)) throw new AppError('BAD_REQUEST', '名单只能按学校或指导服务站点查看');
}

/** The households known at the site in the year (on its roster, or joined by then) with no service that year. */
const unservedWhere = (unitId: string, year: number) => ({
  orgUnitId: unitId,
  serviceYears: { none: { year } },
  ...knownInYear(year),
});

/**
 * Households of the school or site with no guidance service this year (for follow-up): joined families with
 * their guardians' names, and rostered households nobody from which has joined, with the roster's contact
 * masked (an SMS invitation can reach them).
 */
export async function unservedFamilies(opts: { db: Db; unit: ReportUnit; input: { year: number } }) {
  const { db, unit, input } = opts;
  assertLeaf(unit);
  const rows = await db.family.findMany({
    where: unservedWhere(unit.id, input.year),
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: 2000,
    select: {
      id: true,
      contactMasked: true,
      guardians: { select: { user: { select: { displayName: true } } } },
      children: { where: { leftAt: null }, select: { grade: true, className: true } },
    },
  });
  return rows.map((f) => ({
    familyId: f.id,
    joined: f.guardians.length > 0,
    guardians: f.guardians.map((g) => g.user.displayName),
    children: f.children,
    contact: f.guardians.length > 0 ? null : f.contactMasked,
  }));
}

/** The SMS to a rostered household (template SMS_TEMPLATE_INVITE: {1} the school, {2} the year). */
const SMS_PURPOSE = 'UNSERVED_INVITE';

/**
 * Invites every unserved household: a subscribe message to each guardian of the joined ones (the worker sends
 * only to those with quota), and an SMS to the rostered mobile of the households not in the app, once a day
 * each. The numbers are decrypted only to send, and that read is audited.
 */
export async function remindUnserved(opts: {
  db: Db;
  cipher: FieldCipher;
  sms: SmsClient | null;
  env: Pick<Env, 'SMS_TEMPLATE_INVITE'>;
  actor: Actor;
  unit: ReportUnit;
  input: { year: number };
}) {
  const { db, unit, input } = opts;
  const actorId = opts.actor.id;
  assertLeaf(unit);
  const families = await db.family.findMany({
    where: { ...unservedWhere(unit.id, input.year), guardians: { some: {} } },
    select: { id: true },
    take: 2000,
  });
  const day = chinaDay(new Date());
  await db.$transaction(async (tx) => {
    for (const f of families) {
      await enqueueForFamily(tx, f.id, {
        templateKey: 'SESSION_REMINDER',
        page: 'packageParent/sessions/index',
        data: {
          thing1: thing('家庭心理健康教育指导服务'),
          time2: { value: `${input.year}年度` },
          thing3: thing(unit.name),
          thing4: thing('欢迎报名参加本年度的指导服务'),
        },
        dueAt: new Date(),
        dedupePrefix: `unserved:${input.year}:${day}:${f.id}`,
      });
    }
    await writeAudit(tx, {
      actorUserId: actorId,
      action: 'report.remindUnserved',
      targetType: 'OrgUnit',
      targetId: unit.id,
      detail: { families: families.length },
    });
  });
  const texted = opts.sms ? await textRosteredHouseholds({ ...opts, sms: opts.sms, day }) : { sent: 0, failed: 0 };
  return {
    queuedFamilies: families.length,
    smsFamilies: texted.sent,
    smsFailed: texted.failed,
    smsAvailable: opts.sms !== null,
  };
}

async function textRosteredHouseholds(opts: {
  db: Db;
  cipher: FieldCipher;
  sms: SmsClient;
  env: Pick<Env, 'SMS_TEMPLATE_INVITE'>;
  actor: Actor;
  unit: ReportUnit;
  input: { year: number };
  day: string;
}) {
  const { db, cipher, sms, unit, input, day } = opts;
  const households = await db.family.findMany({
    where: { ...unservedWhere(unit.id, input.year), guardians: { none: {} }, contactEnc: { not: null } },
    select: { id: true, contactEnc: true },
    take: 2000,
  });
  if (households.length === 0) return { sent: 0, failed: 0 };
  // Claimed first (one per household and day): a second click, or a second server, sends nothing again.
  const claimed = new Set(
    (
      await db.$queryRaw<{ familyId: string }[]>`
        INSERT INTO "SmsMessage" (id, "familyId", "orgUnitId", purpose, "dedupeKey", status, "actorUserId")
        SELECT gen_random_uuid()::text, f, ${unit.id}, ${SMS_PURPOSE}, ${`sms:unserved:${input.year}:${day}:`} || f, 'PENDING', ${opts.actor.id}
          FROM unnest(${households.map((h) => h.id)}::text[]) AS f
        ON CONFLICT ("dedupeKey") DO NOTHING
        RETURNING "familyId"`
    ).map((r) => r.familyId),
  );
  const mine = households.filter((h) => claimed.has(h.id));
  if (mine.length === 0) return { sent: 0, failed: 0 };
  const phones = mine.map((h) => cipher.decryptJson<{ phone: string }>(h.contactEnc!, `Family:${h.id}:contact`).phone);
  await writeAudit(db, {
    actorUserId: opts.actor.id,
    action: 'family.contactRead',
    targetType: 'OrgUnit',
    targetId: unit.id,
    orgUnitId: unit.id,
    detail: { purpose: SMS_PURPOSE, households: mine.length },
  });
  let results;
  try {
    results = await sms.send(phones, opts.env.SMS_TEMPLATE_INVITE, [unit.name.slice(0, 12), String(input.year)]);
  } catch (err) {
    // Nothing went out: the claims go, so a later try can send.
    await db.$executeRaw`DELETE FROM "SmsMessage" WHERE "familyId" = ANY(${mine.map((h) => h.id)}::text[]) AND status = 'PENDING'
                           AND "dedupeKey" LIKE ${`sms:unserved:${input.year}:${day}:%`}`;
    throw err;
  }
  const byPhone = new Map(results.map((r) => [r.phone, r]));
  const statuses = mine.map((h, i) => ({ familyId: h.id, result: byPhone.get(phones[i]) }));
  await db.$executeRaw`
    UPDATE "SmsMessage" m SET status = u.status, "providerCode" = u.code, "serialNo" = u.serial
      FROM unnest(${statuses.map((s) => s.familyId)}::text[], ${statuses.map((s) => (s.result?.ok ? 'SENT' : 'FAILED'))}::text[],
                  ${statuses.map((s) => s.result?.code ?? 'NoStatus')}::text[], ${statuses.map((s) => s.result?.serialNo ?? null)}::text[])
           AS u(family, status, code, serial)
     WHERE m."familyId" = u.family AND m."dedupeKey" = ${`sms:unserved:${input.year}:${day}:`} || u.family`;
  const sent = statuses.filter((s) => s.result?.ok).length;
  return { sent, failed: statuses.length - sent };
}
