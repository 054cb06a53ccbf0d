/**
 * A session that already happened, for reports over past dates: created and its roll call taken through the
 * services with their clock set to the session's day (the procedures refuse attendance outside its window,
 * by design). Used by the report, sign-off and monthly-job tests.
 */
import type { Db } from '../../server/db/create-db';
import { createSession } from '../../server/services/sessions/create-session';
import { markAttendance } from '../../server/services/sessions/check-in';

export async function pastSession(
  db: Db,
  opts: {
    actor: { id: string };
    unitId: string;
    startsAt: Date;
    present?: readonly string[];
    title?: string;
    mentalHealth?: boolean;
  },
): Promise<string> {
  const mentalHealth = opts.mentalHealth ?? true;
  const unit = await db.orgUnit.findUniqueOrThrow({ where: { id: opts.unitId }, select: { id: true, kind: true } });
  const { id } = await createSession({
    db,
    actor: opts.actor,
    unit,
    input: {
      kind: mentalHealth ? 'GUIDANCE' : 'LECTURE',
      title: opts.title ?? '家庭心理健康讲座',
      mode: 'ONLINE',
      capacity: 50,
      mentalHealth,
      startsAt: opts.startsAt,
      endsAt: new Date(opts.startsAt.getTime() + 3600_000),
    },
  });
  for (const familyId of opts.present ?? [])
    await markAttendance({
      db,
      actor: opts.actor,
      input: { sessionId: id, familyId, present: true },
      now: opts.startsAt.getTime(),
    });
  return id;
}
