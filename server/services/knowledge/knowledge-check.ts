// 识别心理危机信号小测验: a guardian answers before or after a mental-health session or a lesson and sees the
// right answers at once; what is kept is the score, the unit and the phase, never who answered (a keyed
// one-way hash only stops the same guardian answering the same phase twice). Reports show averages per unit.
import type { Db } from '../../db/create-db';
import type { FamilyActor } from '../../auth/auth-user';
import type { FieldCipher } from '../../crypto/field-cipher';
import { AppError } from '../../errors/app-error';
import { isUniqueViolation } from '../../db/database-errors';
import { yearBounds } from '../../shared/china-time';
import { subtreeLike } from '../../shared/org-tree';
import { isSmall, suppressColumn } from '../../shared/privacy';
import {
  KNOWLEDGE_CHECK_SOURCE,
  KNOWLEDGE_CHECK_VERSION,
  KNOWLEDGE_QUESTIONS,
  knowledgeScore,
  type KnowledgeSubmitInput,
} from '../../shared/knowledge-check';
import type { ReportUnit } from '../reports/coverage';

/** The questions without their answers (shown before answering). */
export function knowledgeQuestions() {
  return {
    version: KNOWLEDGE_CHECK_VERSION,
    source: KNOWLEDGE_CHECK_SOURCE,
    questions: KNOWLEDGE_QUESTIONS.map((q) => ({ id: q.id, text: q.text, options: q.options })),
  };
}

/** The activity the check belongs to, and its unit: a mental-health session (published) or a published lesson. */
async function targetOf(db: Db, input: KnowledgeSubmitInput) {
  if (input.sessionId) {
    const s = await db.guidanceSession.findUnique({
      where: { id: input.sessionId },
      select: { orgUnitId: true, status: true, mentalHealth: true, startsAt: true },
    });
    if (!s || s.status !== 'PUBLISHED') throw new AppError('NOT_FOUND', '活动不存在或已取消');
    if (!s.mentalHealth) throw new AppError('BAD_REQUEST', '小测验用于心理健康类活动');
    if (input.phase === 'AFTER' && s.startsAt.getTime() > Date.now())
      throw new AppError('CONFLICT', '活动还没有开始：学习后的小测验请在参加活动后再做');
    return { orgUnitId: s.orgUnitId, key: `session:${input.sessionId}` };
  }
  const l = await db.lesson.findUnique({
    where: { id: input.lessonId! },
    select: { orgUnitId: true, published: true },
  });
  if (!l || !l.published) throw new AppError('NOT_FOUND', '课程不存在或未发布');
  return { orgUnitId: l.orgUnitId, key: `lesson:${input.lessonId}` };
}

export async function submitKnowledgeCheck(opts: {
  db: Db;
  cipher: FieldCipher;
  actor: FamilyActor;
  input: KnowledgeSubmitInput;
}) {
  const { db, cipher, actor, input } = opts;
  const target = await targetOf(db, input);
  const score = knowledgeScore(input.answers);
  try {
    await db.knowledgeCheck.create({
      data: {
        orgUnitId: target.orgUnitId,
        sessionId: input.sessionId ?? null,
        lessonId: input.lessonId ?? null,
        phase: input.phase,
        version: KNOWLEDGE_CHECK_VERSION,
        score,
        total: KNOWLEDGE_QUESTIONS.length,
        dedupeKey: cipher.digest(`${actor.id}:${target.key}:${input.phase}`, 'KnowledgeCheck'),
      },
      select: { id: true },
    });
  } catch (e) {
    if (isUniqueViolation(e))
      throw new AppError(
        'CONFLICT',
        input.phase === 'BEFORE' ? '您已经做过学习前的小测验了' : '您已经做过学习后的小测验了',
      );
    throw e;
  }
  return {
    score,
    total: KNOWLEDGE_QUESTIONS.length,
    feedback: KNOWLEDGE_QUESTIONS.map((q, i) => ({
      id: q.id,
      correct: input.answers[i] === q.answer,
      answer: q.options[q.answer],
      explain: q.explain,
    })),
  };
}

/**
 * Per child unit of `root` and for the year: how many answered before and after, and the average share of right
 * answers in each. A phase with 1 to 4 answers is withheld (null) wherever it describes a single school or site.
 */
export async function knowledgeReport(opts: { db: Db; unit: ReportUnit; input: { year: number } }) {
  const { db, unit: root, input } = opts;
  const { from, to } = yearBounds(input.year);
  const rows = await db.$queryRaw<
    {
      id: string;
      name: string;
      kind: string;
      before: number;
      beforeShare: number | null;
      after: number;
      afterShare: number | null;
    }[]
  >`
    WITH c AS (SELECT id, name, kind, path FROM "OrgUnit" WHERE "parentId" = ${root.id}),
    k AS (
      SELECT split_part(o.path, '/', ${root.depth + 3}::int) AS child, k.phase, k.score, k.total
        FROM "KnowledgeCheck" k JOIN "OrgUnit" o ON o.id = k."orgUnitId"
       WHERE o.path LIKE ${subtreeLike(root.path)} AND k."createdAt" >= ${from} AND k."createdAt" < ${to}
    )
    SELECT c.id, c.name, c.kind::text AS kind,
           (count(k.*) FILTER (WHERE k.phase = 'BEFORE'))::int AS before,
           avg(k.score::float8 / k.total) FILTER (WHERE k.phase = 'BEFORE') AS "beforeShare",
           (count(k.*) FILTER (WHERE k.phase = 'AFTER'))::int AS after,
           avg(k.score::float8 / k.total) FILTER (WHERE k.phase = 'AFTER') AS "afterShare"
      FROM c LEFT JOIN k ON k.child = c.id
     GROUP BY c.id, c.name, c.kind
     ORDER BY c.kind, c.name`;
  const single = (kind: string) => kind === 'SCHOOL' || kind === 'COMMUNITY_SITE';
  const round = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 1000);
  // Counts of answers as every count of people: small ones about one school or site withheld, with a
  // complement so that the total minus the rest does not give them back (shared/privacy); an average is
  // shown only where its count is.
  const sensitive = rows.map((r) => single(r.kind));
  const beforeCounts = suppressColumn(
    rows.map((r) => r.before),
    sensitive,
  );
  const afterCounts = suppressColumn(
    rows.map((r) => r.after),
    sensitive,
  );
  const shown = rows.map((r, i) => {
    const before = beforeCounts[i] === null ? null : round(r.beforeShare);
    const after = afterCounts[i] === null ? null : round(r.afterShare);
    return {
      orgUnitId: r.id,
      name: r.name,
      before: beforeCounts[i],
      beforeShare: before,
      after: afterCounts[i],
      afterShare: after,
      change: before === null || after === null ? null : Math.round((after - before) * 1000) / 1000,
    };
  });
  const [total] = await db.$queryRaw<
    { before: number; beforeShare: number | null; after: number; afterShare: number | null }[]
  >`
    SELECT (count(*) FILTER (WHERE k.phase = 'BEFORE'))::int AS before,
           avg(k.score::float8 / k.total) FILTER (WHERE k.phase = 'BEFORE') AS "beforeShare",
           (count(*) FILTER (WHERE k.phase = 'AFTER'))::int AS after,
           avg(k.score::float8 / k.total) FILTER (WHERE k.phase = 'AFTER') AS "afterShare"
      FROM "KnowledgeCheck" k JOIN "OrgUnit" o ON o.id = k."orgUnitId"
     WHERE o.path LIKE ${subtreeLike(root.path)} AND k."createdAt" >= ${from} AND k."createdAt" < ${to}`;
  const hideTotal = single(root.kind);
  const tb = hideTotal && isSmall(total.before) ? null : round(total.beforeShare);
  const ta = hideTotal && isSmall(total.after) ? null : round(total.afterShare);
  return {
    rows: shown,
    total: {
      before: tb === null && total.before > 0 ? null : total.before,
      beforeShare: tb,
      after: ta === null && total.after > 0 ? null : total.after,
      afterShare: ta,
      change: tb === null || ta === null ? null : Math.round((ta - tb) * 1000) / 1000,
    },
    source: KNOWLEDGE_CHECK_SOURCE,
  };
}
