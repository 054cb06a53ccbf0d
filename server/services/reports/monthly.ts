// The monthly report (月报): on the first of each month every region whose 妇联 or 关工委 staff use 心桥 gets
// its figures for the year to date (a subscribe message and the in-app report), flagged when coverage is
// behind the pace for the year's target (every family served at least once a year: item 19). Any number of
// server processes may run the job: the report row is written once (its unique key decides), and only the
// process that wrote it queues the messages, in the same transaction.
import type { Db } from '../../db/create-db';
import type { Logger } from '../../logger';
import { chinaDateTimeText, previousMonth } from '../../shared/china-time';

export { previousMonth };
import { liveCoverageReport, type ReportUnit } from './coverage';
import { thing } from '../notifications/templates';
import { queueHouseholdMonthly } from '../families/household-activity';

/** Who receives a region's monthly report. */
const READERS = ['FEDERATION', 'COMMITTEE'] as const;

/**
 * Behind the pace: every family is to be served once a year, so by the end of month m a region is on pace with
 * m/12 of its families served. A region without families is not behind.
 */
export function behindPace(coverage: number | null, families: number | null, month: number): boolean {
  if (!families || coverage === null) return false;
  return coverage < month / 12 - 1e-9;
}

/** Regions with federation or 关工委 readers and no report for the month yet. */
async function regionsDue(db: Db, month: string) {
  return db.$queryRaw<(ReportUnit & { readers: string[] })[]>`
    SELECT o.id, o.name, o.kind::text AS kind, o.path, o.depth, o.code, array_agg(DISTINCT r."userId") AS readers
      FROM "RoleAssignment" r JOIN "OrgUnit" o ON o.id = r."orgUnitId"
      JOIN "User" u ON u.id = r."userId"
     WHERE r.role::text = ANY(${READERS as unknown as string[]}) AND o.kind IN ('PROVINCE', 'CITY', 'COUNTY')
       AND NOT u.disabled
       AND NOT EXISTS (SELECT 1 FROM "MonthlyReport" m WHERE m."orgUnitId" = o.id AND m.month = ${month})
     GROUP BY o.id`;
}

/**
 * Writes last month's report of every region due, once, and queues its messages. Returns how many reports
 * this call wrote (another process may have written the rest).
 */
export async function runMonthlyReports(deps: { db: Db; log?: Logger }, now = new Date()): Promise<number> {
  const { db } = deps;
  const period = previousMonth(now);
  let written = 0;
  for (const unit of await regionsDue(db, period.key)) {
    const report = await liveCoverageReport({ db, unit, input: { year: period.year } });
    const t = report.total;
    const behind = behindPace(t.coverage, t.families, period.month);
    const figures = {
      year: period.year,
      month: period.month,
      families: t.families,
      servedFamilies: t.servedFamilies,
      coverage: t.coverage,
      paceTarget: Math.round((period.month / 12) * 10_000) / 10_000,
      guidanceSites: t.guidanceSites,
      activeGuidanceSites: t.activeGuidanceSites,
      sessions: t.sessions,
      attendances: t.attendances,
      homeVisitsDone: t.homeVisitsDone,
      generatedAt: now.toISOString(),
    };
    const wrote = await db.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<{ id: string }[]>`
        INSERT INTO "MonthlyReport" (id, "orgUnitId", month, figures, "behindPace", recipients)
        VALUES (gen_random_uuid()::text, ${unit.id}, ${period.key}, ${JSON.stringify(figures)}::jsonb, ${behind}, ${unit.readers.length})
        ON CONFLICT ("orgUnitId", month) DO NOTHING RETURNING id`;
      if (rows.length === 0) return false;
      const percent = t.coverage === null ? '—' : `${(Math.round(t.coverage * 1000) / 10).toFixed(1)}%`;
      await tx.notification.createMany({
        data: unit.readers.map((userId) => ({
          userId,
          templateKey: 'MONTHLY_REPORT',
          page: `packageReports/dashboard/index?month=${period.key}`,
          data: {
            thing1: thing(`${unit.name}${period.month}月家庭指导月报`),
            thing2: thing(`覆盖率 ${percent}${behind ? '，进度落后' : ''}`),
            time3: { value: chinaDateTimeText(now) },
          },
          dueAt: now,
          dedupeKey: `monthly:${unit.id}:${period.key}:${userId}`,
        })),
        skipDuplicates: true,
      });
      return true;
    });
    if (wrote) written += 1;
  }
  // And every household that took part last month: its guardians hear of it ("孩子家庭上月参加了…").
  const households = await queueHouseholdMonthly(db, now);
  if (written > 0 || households > 0)
    deps.log?.info({ month: period.key, written, households }, 'monthly reports written');
  return written;
}

/** The monthly reports of a region, newest first (the in-app report page). */
export async function monthlyReports(db: Db, unit: Pick<ReportUnit, 'id'>, year?: number) {
  const rows = await db.monthlyReport.findMany({
    where: { orgUnitId: unit.id, ...(year ? { month: { startsWith: `${year}-` } } : {}) },
    orderBy: { month: 'desc' },
    take: 24,
    select: { month: true, figures: true, behindPace: true, createdAt: true },
  });
  return rows.map((r) => ({ ...r, figures: r.figures as unknown as MonthlyFigures }));
}

export interface MonthlyFigures {
  year: number;
  month: number;
  families: number | null;
  servedFamilies: number | null;
  coverage: number | null;
  paceTarget: number;
  guidanceSites: number | null;
  activeGuidanceSites: number | null;
  sessions: number | null;
  attendances: number | null;
  homeVisitsDone: number | null;
  generatedAt: string;
}

/** Runs the job every `intervalMs` (it does nothing once the month's reports exist). */
export function startMonthlyReports(deps: { db: Db; log: Logger }, intervalMs: number) {
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  const tick = async () => {
    if (stopped) return;
    try {
      await runMonthlyReports(deps);
    } catch (err) {
      deps.log.warn({ err: { name: (err as Error).name } }, 'monthly reports tick failed');
    }
    if (!stopped) timer = setTimeout(tick, intervalMs);
  };
  timer = setTimeout(tick, 5000);
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
