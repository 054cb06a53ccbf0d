// Yearly sign-off (签报) of a region's figures, county → city → province, as in DHIS2's data approval. What
// was signed is kept and read from then on; a later correction anywhere in the region needs a reason and is
// listed with the frozen figures as a revision (who, when, why, what), never a silent change.
import type { Db } from '../../db/create-db';
import type { StaffActor } from '../../auth/auth-user';
import { Prisma } from '../../generated/prisma/client';
import type { OrgUnitKind, Role } from '../../shared/enums';
import { ORG_UNIT_KIND_LABELS } from '../../shared/enums';
import { yearBounds } from '../../shared/china-time';
import { subtreeLike } from '../../shared/org-tree';
import { AppError, badRequest, conflict, forbidden } from '../../errors/app-error';
import { isUniqueViolation } from '../../db/database-errors';
import { writeAudit } from '../audit/write-audit';
import type { ReportUnit } from './coverage';

type Tx = Pick<Db, '$queryRaw' | 'reportRevision'>;

/** Who signs a region's figures: its own federation, 关工委 or education-bureau (ADMIN) staff. */
export const SIGNERS: readonly Role[] = ['ADMIN', 'FEDERATION', 'COMMITTEE'];
/** The levels that sign, and the level each waits for. */
const WAITS_FOR: Partial<Record<OrgUnitKind, OrgUnitKind | null>> = { COUNTY: null, CITY: 'COUNTY', PROVINCE: 'CITY' };

export interface SignOffInfo {
  signedAt: Date;
  signedBy: string;
  note: string | null;
}

/** The sign-off of a unit's year, with the figures as signed (null: not signed). */
export async function signedFigures(db: Db, orgUnitId: string, year: number) {
  const [row] = await db.$queryRaw<(SignOffInfo & { figures: unknown })[]>`
    SELECT s."signedAt", coalesce(u."displayName", '') AS "signedBy", s.note, s.figures
      FROM "ReportSignOff" s LEFT JOIN "User" u ON u.id = s."signedById"
     WHERE s."orgUnitId" = ${orgUnitId} AND s.year = ${year}`;
  return row ?? null;
}

/** The corrections made in the unit's region to a year after the unit signed it, oldest first. */
export async function revisionsSince(db: Db, root: Pick<ReportUnit, 'path'>, year: number, since: Date) {
  return db.$queryRaw<{ at: Date; unitName: string; actorName: string; reason: string; change: string }[]>`
    SELECT r."createdAt" AS at, o.name AS "unitName", coalesce(u."displayName", '') AS "actorName", r.reason,
           r.detail->>'change' AS change
      FROM "ReportRevision" r JOIN "OrgUnit" o ON o.id = r."orgUnitId" LEFT JOIN "User" u ON u.id = r."actorUserId"
     WHERE r.year = ${year} AND o.path LIKE ${subtreeLike(root.path)} AND r."createdAt" > ${since}
     ORDER BY r."createdAt"`;
}

/**
 * Before a change to the figures of `year` at the unit with `path` (a school or site): where a region above
 * it has signed that year, the change needs a reason and is written as a revision (in the caller's
 * transaction); without one it is refused. Elsewhere nothing happens.
 */
export async function reviseSignedYear(
  tx: Tx,
  change: {
    orgUnitId: string;
    year: number;
    actorId: string;
    reason?: string | null;
    what: string;
    ids: Record<string, string>;
  },
) {
  const signed = await tx.$queryRaw<{ name: string }[]>`
    SELECT o.name FROM "ReportSignOff" s JOIN "OrgUnit" o ON o.id = s."orgUnitId"
     WHERE s.year = ${change.year}
       AND (SELECT path FROM "OrgUnit" WHERE id = ${change.orgUnitId}) LIKE o.path || '%'
     ORDER BY o.depth`;
  if (signed.length === 0) return;
  const reason = change.reason?.trim();
  if (!reason)
    throw new AppError(
      'CONFLICT',
      `${change.year} 年度数据已由${signed.map((s) => s.name).join('、')}签报。更正请填写原因：更正将作为修订记录附在签报数据之后。`,
      { reason: 'SIGNED_OFF' },
    );
  await tx.reportRevision.create({
    data: {
      orgUnitId: change.orgUnitId,
      year: change.year,
      actorUserId: change.actorId,
      reason: reason.slice(0, 200),
      detail: { change: change.what, ...change.ids },
    },
    select: { id: true },
  });
}

/** Signs the unit's figures for a finished year, once its child regions have signed theirs. */
export async function signOff(opts: {
  db: Db;
  actor: StaffActor;
  unit: ReportUnit;
  input: { year: number; note?: string | null };
  /** Computes the figures to keep (reports.coverage of the unit, live). */
  figures: () => Promise<unknown>;
  now?: Date;
}) {
  const { db, actor, unit, input, now = new Date() } = opts;
  const waitsFor = WAITS_FOR[unit.kind];
  if (waitsFor === undefined)
    throw badRequest('年度签报以县（市、区）、市（地区）、省为单位；学校和站点的数据由所在县（市、区）签报');
  // Federation and 关工委 staff sign their own region's figures; an ADMIN covering it may sign for a region
  // without staff of its own (audited as such).
  const ownLevel = actor.roles.some((g) => SIGNERS.includes(g.role) && g.orgUnitId === unit.id);
  const asAdmin = actor.roles.some((g) => g.role === 'ADMIN' && unit.path.startsWith(g.orgUnitPath));
  if (!ownLevel && !asAdmin)
    throw forbidden(`${unit.name}的年度数据须由${unit.name}本级的妇联、关工委或教育部门人员签报`);
  if (now < yearBounds(input.year).to)
    throw conflict(`${input.year} 年度尚未结束，${input.year + 1} 年 1 月 1 日起可以签报`);
  if (waitsFor) {
    const unsigned = await db.$queryRaw<{ name: string }[]>`
      SELECT c.name FROM "OrgUnit" c
       WHERE c."parentId" = ${unit.id} AND c.kind = ${waitsFor}::"OrgUnitKind"
         AND NOT EXISTS (SELECT 1 FROM "ReportSignOff" s WHERE s."orgUnitId" = c.id AND s.year = ${input.year})
       ORDER BY c.code, c.name`;
    if (unsigned.length > 0) {
      const names = unsigned
        .slice(0, 5)
        .map((u) => u.name)
        .join('、');
      throw conflict(
        `下级${ORG_UNIT_KIND_LABELS[waitsFor]}尚未全部签报（${names}${unsigned.length > 5 ? ` 等 ${unsigned.length} 个` : ''}），请待其签报后再签`,
      );
    }
  }
  const figures = await opts.figures();
  try {
    await db.$transaction(async (tx) => {
      await tx.reportSignOff.create({
        data: {
          orgUnitId: unit.id,
          year: input.year,
          signedById: actor.id,
          note: input.note?.trim() || null,
          figures: figures as Prisma.InputJsonValue,
        },
        select: { id: true },
      });
      await writeAudit(tx, {
        actorUserId: actor.id,
        action: 'report.signOff',
        targetType: 'OrgUnit',
        targetId: unit.id,
        orgUnitId: unit.id,
        detail: { year: input.year, onBehalf: !ownLevel },
      });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict(`${unit.name}${input.year} 年度数据已签报`);
    throw e;
  }
  return { ok: true as const };
}

/** The sign-off state of a unit's year and of its child regions (who has signed, who has not). */
export async function signOffStatus(db: Db, unit: ReportUnit, year: number) {
  const own = await signedFigures(db, unit.id, year);
  const children = await db.$queryRaw<
    { orgUnitId: string; name: string; kind: OrgUnitKind; signedAt: Date | null; signedBy: string | null }[]
  >`
    SELECT c.id AS "orgUnitId", c.name, c.kind::text AS kind, s."signedAt", u."displayName" AS "signedBy"
      FROM "OrgUnit" c
      LEFT JOIN "ReportSignOff" s ON s."orgUnitId" = c.id AND s.year = ${year}
      LEFT JOIN "User" u ON u.id = s."signedById"
     WHERE c."parentId" = ${unit.id} AND c.kind IN ('CITY', 'COUNTY')
     ORDER BY c.code, c.name`;
  return {
    orgUnitId: unit.id,
    year,
    canSign: WAITS_FOR[unit.kind] !== undefined,
    signOff: own ? { signedAt: own.signedAt, signedBy: own.signedBy, note: own.note } : null,
    revisions: own ? await revisionsSince(db, unit, year, own.signedAt) : [],
    children,
  };
}
