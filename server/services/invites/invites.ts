import type { Db } from '../../db/create-db';
import type { Actor } from '../../auth/auth-user';
import type { OrgUnitKind } from '../../shared/enums';
import { AppError } from '../../errors/app-error';
import { gradeLabel } from '../../shared/grades';
import { writeAudit } from '../audit/write-audit';
import { newInviteCode } from '../families/invite-code';

/** The school's own and per-class invite codes (family invites are the families' business). */
export async function listUnitInvites(opts: { db: Db; unit: { id: string } }) {
  const { db } = opts;
  const orgUnitId = opts.unit.id;
  const rows = await db.inviteCode.findMany({
    where: { orgUnitId, kind: { in: ['SCHOOL', 'CLASS'] } },
    select: { code: true, kind: true, grade: true, className: true, uses: true, disabled: true, createdAt: true },
    orderBy: [{ kind: 'desc' }, { createdAt: 'asc' }],
  });
  return rows.map((r) => ({
    code: r.code,
    kind: r.kind as 'SCHOOL' | 'CLASS',
    grade: r.grade,
    gradeLabel: r.grade ? gradeLabel(r.grade) : null,
    className: r.className,
    uses: r.uses,
    disabled: r.disabled,
    createdAt: r.createdAt.toISOString(),
  }));
}

/** A class invite: children who join with it are placed in that grade and class. */
export async function createClassInvite(opts: {
  db: Db;
  actor: Actor;
  unit: { id: string; kind: OrgUnitKind };
  input: { grade: string; className: string };
}) {
  const { db, unit } = opts;
  const input = { ...opts.input, orgUnitId: unit.id };
  const actorUserId = opts.actor.id;
  if (unit.kind !== 'SCHOOL' && unit.kind !== 'COMMUNITY_SITE') {
    throw new AppError('BAD_REQUEST', '只能为学校或指导服务站点创建班级邀请码');
  }
  return db.$transaction(async (tx) => {
    const existing = await tx.inviteCode.findFirst({
      where: {
        orgUnitId: input.orgUnitId,
        kind: 'CLASS',
        grade: input.grade,
        className: input.className,
        disabled: false,
      },
      select: { code: true },
    });
    if (existing) return { code: existing.code, created: false };
    const invite = await tx.inviteCode.create({
      data: {
        code: newInviteCode(),
        kind: 'CLASS',
        orgUnitId: input.orgUnitId,
        grade: input.grade,
        className: input.className,
      },
      select: { code: true },
    });
    await writeAudit(tx, {
      actorUserId,
      action: 'invite.create',
      targetType: 'InviteCode',
      orgUnitId: input.orgUnitId,
      detail: { kind: 'CLASS' },
    });
    return { code: invite.code, created: true };
  });
}
