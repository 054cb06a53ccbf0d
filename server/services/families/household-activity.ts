// 家里的动态: what the household took part in over the last twelve months, for every guardian — the parent working far away sees
// what the grandmother did at home (《家庭教育促进法》 art. 21). The sessions attended and who checked in, the
// lessons read, and the home visits done with the teacher's summary for the family (never the private notes,
// which stay the school's). Reading a summary decrypts it: each read is audited.
import type { Db } from '../../db/create-db';
import type { FamilyActor } from '../../auth/auth-user';
import type { FieldCipher } from '../../crypto/field-cipher';
import { GUARDIAN_RELATION_LABELS, type GuardianRelation } from '../../shared/enums';
import { addDays, chinaInstant, previousMonth } from '../../shared/china-time';
import { writeAudit } from '../audit/write-audit';
import { ctxOf } from '../visits/records';
import { visitDoneSql } from '../reports/happened.sql';

export async function householdActivity(opts: { db: Db; cipher: FieldCipher; actor: FamilyActor; now?: Date }) {
  const { db, cipher, actor, now = new Date() } = opts;
  // The last twelve months (in January too there is something to see).
  const from = addDays(now, -365);
  const to = now;
  const [sessions, lessons, visits] = await Promise.all([
    db.$queryRaw<
      {
        title: string;
        startsAt: Date;
        kind: string;
        method: string;
        relation: GuardianRelation | null;
        byFamily: boolean;
      }[]
    >`
      SELECT s.title, s."startsAt", s.kind::text AS kind, a.method::text AS method, g.relation::text AS relation,
             (g.id IS NOT NULL) AS "byFamily"
        FROM "Attendance" a JOIN "Session" s ON s.id = a."sessionId"
        LEFT JOIN "Guardian" g ON g."userId" = a."recordedById" AND g."familyId" = a."familyId"
       WHERE a."familyId" = ${actor.familyId} AND a.present AND s."startsAt" >= ${from} AND s."startsAt" < ${to}
       ORDER BY s."startsAt" DESC`,
    db.$queryRaw<{ title: string; completedAt: Date; relation: GuardianRelation | null }[]>`
      SELECT l.title, c."completedAt", g.relation::text AS relation
        FROM "LessonCompletion" c JOIN "Lesson" l ON l.id = c."lessonId"
        LEFT JOIN "Guardian" g ON g."userId" = c."userId" AND g."familyId" = c."familyId"
       WHERE c."familyId" = ${actor.familyId} AND c."completedAt" >= ${from} AND c."completedAt" < ${to}
       ORDER BY c."completedAt" DESC`,
    db.$queryRaw<{ id: string; mode: string; startsAt: Date; teacherName: string; summaryEnc: string | null }[]>`
      SELECT v.id, v.mode::text AS mode, sl."startsAt", u."displayName" AS "teacherName", v."summaryEnc"
        FROM "Visit" v JOIN "VisitSlot" sl ON sl.id = v."slotId" JOIN "User" u ON u.id = v."teacherId"
       WHERE v."familyId" = ${actor.familyId} AND ${visitDoneSql('v', 'sl')}
         AND sl."startsAt" >= ${from} AND sl."startsAt" < ${to}
       ORDER BY sl."startsAt" DESC`,
  ]);
  if (visits.some((v) => v.summaryEnc))
    await writeAudit(db, {
      actorUserId: actor.id,
      action: 'visit.summary.read',
      targetType: 'Family',
      targetId: actor.familyId,
      detail: { visits: visits.length },
    });
  const who = (relation: GuardianRelation | null, byFamily: boolean) =>
    byFamily && relation ? GUARDIAN_RELATION_LABELS[relation] : '学校登记';
  return {
    since: from,
    sessions: sessions.map((s) => ({
      title: s.title,
      startsAt: s.startsAt,
      kind: s.kind,
      by: s.method === 'QR' ? who(s.relation, s.byFamily) : '学校登记',
    })),
    lessons: lessons.map((l) => ({
      title: l.title,
      completedAt: l.completedAt,
      by: who(l.relation, l.relation !== null),
    })),
    visits: visits.map((v) => ({
      mode: v.mode,
      startsAt: v.startsAt,
      teacherName: v.teacherName,
      summary: v.summaryEnc ? cipher.decrypt(v.summaryEnc, ctxOf(v.id, 'summary')) : null,
    })),
  };
}

/**
 * The monthly message to every guardian of a household that took part in something last month
 * ("孩子家庭上月参加了…"): one statement, once per guardian and month (the dedupe key), sent by the worker
 * only with the guardian's quota and privacy consent.
 */
export async function queueHouseholdMonthly(db: Db, now = new Date()): Promise<number> {
  const period = previousMonth(now);
  const start = chinaInstant(`${period.key}-01`);
  return db.$executeRaw`
    WITH act AS (
      SELECT a."familyId", count(*)::int AS n
        FROM "Attendance" a JOIN "Session" s ON s.id = a."sessionId"
       WHERE a.present AND s."startsAt" >= ${start} AND s."startsAt" < ${period.end}
       GROUP BY 1
    ),
    vis AS (
      SELECT v."familyId", count(*)::int AS n
        FROM "Visit" v JOIN "VisitSlot" sl ON sl.id = v."slotId"
       WHERE ${visitDoneSql('v', 'sl')} AND sl."startsAt" >= ${start} AND sl."startsAt" < ${period.end}
       GROUP BY 1
    ),
    fam AS (
      SELECT coalesce(act."familyId", vis."familyId") AS "familyId", coalesce(act.n, 0) AS sessions, coalesce(vis.n, 0) AS visits
        FROM act FULL JOIN vis ON vis."familyId" = act."familyId"
    )
    INSERT INTO "Notification" (id, "userId", "templateKey", page, data, "dueAt", "dedupeKey")
    SELECT gen_random_uuid()::text, g."userId", 'FAMILY_NOTICE', 'packageParent/my-sessions/index',
           json_build_object(
             'thing1', json_build_object('value', ${`孩子家庭${period.month}月参加了`}::text),
             'thing2', json_build_object('value', left(fam.sessions || ' 次活动、' || fam.visits || ' 次家访', 20)),
             'time3', json_build_object('value', ${period.key}::text)),
           now(), 'household-monthly:' || ${period.key}::text || ':' || g."userId"
      FROM fam JOIN "Guardian" g ON g."familyId" = fam."familyId"
    ON CONFLICT ("dedupeKey") DO NOTHING`;
}
