// Only what happened counts: one rule for every report, dashboard series and export of services.
import { Prisma } from '../../generated/prisma/client';

/**
 * A session held: published (not a draft, not cancelled) and begun. A session planned for next week is
 * not yet a service, however many families registered.
 */
export function heldSessionSql(alias: string): Prisma.Sql {
  const s = Prisma.raw(alias);
  return Prisma.sql`${s}.status = 'PUBLISHED' AND ${s}."startsAt" <= now()`;
}

/** A home visit done: recorded as completed, in a slot that has begun (visits.complete refuses earlier ones). */
export function visitDoneSql(visit: string, slot: string): Prisma.Sql {
  return Prisma.sql`${Prisma.raw(visit)}.status = 'COMPLETED' AND ${Prisma.raw(slot)}."startsAt" <= now()`;
}
