// Policy targets as data: the value in force on a day, the history, and a province ADMIN's change.
import type { Db } from '../../db/create-db';
import type { Actor } from '../../auth/auth-user';
import { chinaDay } from '../../shared/china-time';
import { TARGET_INFO, TARGET_KEYS, type SetTargetInput, type TargetKey, type Targets } from '../../shared/targets';
import { badRequest, conflict } from '../../errors/app-error';
import { isUniqueViolation } from '../../db/database-errors';
import { writeAudit } from '../audit/write-audit';

/** The targets in force on a China calendar day (`YYYY-MM-DD`): per key, the latest row not after it. */
export async function targetsOn(db: Db, day: string): Promise<Targets> {
  const rows = await db.$queryRaw<{ key: string; value: number }[]>`
    SELECT DISTINCT ON (key) key, value FROM "PolicyTarget"
     WHERE "effectiveFrom" <= ${day}::date ORDER BY key, "effectiveFrom" DESC`;
  const found = new Map(rows.map((r) => [r.key, r.value]));
  return Object.fromEntries(TARGET_KEYS.map((k) => [k, found.get(k) ?? TARGET_INFO[k].initial])) as Targets;
}

/** Every target: the value in force today, and every row (newest first) with who set it and why. */
export async function listTargets(db: Db) {
  const [today, rows] = await Promise.all([
    targetsOn(db, chinaDay(new Date())),
    db.$queryRaw<
      { key: string; value: number; effectiveFrom: string; basis: string; setBy: string | null; createdAt: Date }[]
    >`
      SELECT t.key, t.value, to_char(t."effectiveFrom", 'YYYY-MM-DD') AS "effectiveFrom", t.basis,
             u."displayName" AS "setBy", t."createdAt"
        FROM "PolicyTarget" t LEFT JOIN "User" u ON u.id = t."setById"
       ORDER BY t.key, t."effectiveFrom" DESC`,
  ]);
  return TARGET_KEYS.map((key) => ({
    key,
    label: TARGET_INFO[key].label,
    unit: TARGET_INFO[key].unit,
    source: TARGET_INFO[key].source,
    value: today[key],
    history: rows
      .filter((r) => r.key === key)
      .map((r) => ({
        value: r.value,
        effectiveFrom: r.effectiveFrom,
        basis: r.basis,
        setBy: r.setBy,
        createdAt: r.createdAt,
      })),
  }));
}

/**
 * A new value from a day on. Rows are only added: a period already past keeps its own target unless the new
 * value is dated back into it (a policy that takes effect retroactively), which the basis must say.
 */
export async function setTarget(opts: { db: Db; actor: Actor; input: SetTargetInput }) {
  const { db, actor, input } = opts;
  const day = new Date(`${input.effectiveFrom}T00:00:00Z`);
  if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== input.effectiveFrom)
    throw badRequest('生效日期不是有效的日期');
  if (input.effectiveFrom < '2021-01-01') throw badRequest('生效日期不早于 2021-01-01');
  try {
    await db.$transaction(async (tx) => {
      await tx.policyTarget.create({
        data: { key: input.key, value: input.value, effectiveFrom: day, basis: input.basis, setById: actor.id },
        select: { id: true },
      });
      await writeAudit(tx, {
        actorUserId: actor.id,
        action: 'target.set',
        targetType: 'PolicyTarget',
        targetId: input.key,
        detail: { value: input.value, effectiveFrom: input.effectiveFrom },
      });
    });
  } catch (e) {
    if (isUniqueViolation(e))
      throw conflict(
        `“${TARGET_INFO[input.key as TargetKey].label}”在 ${input.effectiveFrom} 已有目标值；请换一个生效日期`,
      );
    throw e;
  }
  return { ok: true as const };
}
