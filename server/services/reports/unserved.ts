import type { Db } from '../../db/create-db';
import type { Actor } from '../../auth/auth-user';
import { AppError } from '../../errors/app-error';
import { chinaDay } from '../../shared/china-time';
import { writeAudit } from '../audit/write-audit';
import { enqueueForFamily } from '../notifications/enqueue';
import { thing } from '../notifications/templates';
import { isBelowCounty, type ReportUnit } from './coverage';

function assertLeaf(unit: ReportUnit) {
  if (!isBelowCounty(unit.kind)) throw new AppError('BAD_REQUEST', '名单只能按学校或指导服务站点查看');
}

/** Families registered at the site that have not received a guidance service this year (for follow-up). */
export async function unservedFamilies(opts: { db: Db; unit: ReportUnit; input: { year: number } }) {
  const { db, unit, input } = opts;
  assertLeaf(unit);
  const rows = await db.family.findMany({
    where: { orgUnitId: unit.id, serviceYears: { none: { year: input.year } }, guardians: { some: {} } },
    orderBy: { createdAt: 'asc' },
    take: 2000,
    select: {
      id: true,
      guardians: { select: { user: { select: { displayName: true } } } },
      children: { select: { grade: true, className: true } },
    },
  });
  return rows.map((f) => ({
    familyId: f.id,
    guardians: f.guardians.map((g) => g.user.displayName),
    children: f.children,
  }));
}

/** Queues an invitation to every unserved family; the worker sends only to guardians with quota. */
export async function remindUnserved(opts: { db: Db; actor: Actor; unit: ReportUnit; input: { year: number } }) {
  const { db, unit, input } = opts;
  const actorId = opts.actor.id;
  assertLeaf(unit);
  const families = await db.family.findMany({
    where: { orgUnitId: unit.id, serviceYears: { none: { year: input.year } }, guardians: { some: {} } },
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
  return { queuedFamilies: families.length };
}
