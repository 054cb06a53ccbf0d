import type { Db } from '../../db/create-db';
import type { Actor } from '../../auth/auth-user';
import type { OrgUnitKind } from '../../shared/enums';
import { AppError } from '../../errors/app-error';
import { byGradeAndClass, gradeLabel, normalizeClassName } from '../../shared/grades';
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
  // The school's own codes first, then its classes in school order (a poster wall reads like the school).
  rows.sort((a, b) =>
    a.kind === b.kind ? (a.kind === 'CLASS' ? byGradeAndClass(a, b) : 0) : a.kind === 'SCHOOL' ? -1 : 1,
  );
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
  const input = {
    grade: opts.input.grade,
    className: normalizeClassName(opts.input.grade, opts.input.className),
    orgUnitId: unit.id,
  };
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

/** The unit of a school or class code (the scope of rotating or disabling it); family codes have none here. */
export async function inviteUnitId(db: Db, code: string): Promise<string | null> {
  const invite = await db.inviteCode.findUnique({ where: { code }, select: { orgUnitId: true, kind: true } });
  return invite && invite.kind !== 'FAMILY' ? invite.orgUnitId : null;
}

async function findUnitInvite(db: Db, unitId: string, code: string) {
  const invite = await db.inviteCode.findUnique({
    where: { code },
    select: { id: true, kind: true, orgUnitId: true, grade: true, className: true, disabled: true },
  });
  if (!invite || invite.kind === 'FAMILY' || invite.orgUnitId !== unitId) {
    throw new AppError('NOT_FOUND', '邀请码不存在');
  }
  return invite;
}

/**
 * A school or class code that got into the wrong hands: the old one stops working and a new one takes
 * its place (families who joined stay where they are).
 */
export async function rotateInvite(opts: { db: Db; actor: Actor; unit: { id: string }; input: { code: string } }) {
  const { db, actor, unit } = opts;
  const old = await findUnitInvite(db, unit.id, opts.input.code);
  return db.$transaction(async (tx) => {
    await tx.inviteCode.update({ where: { id: old.id }, data: { disabled: true }, select: { id: true } });
    const next = await tx.inviteCode.create({
      data: {
        code: newInviteCode(),
        kind: old.kind,
        orgUnitId: old.orgUnitId,
        grade: old.grade,
        className: old.className,
      },
      select: { code: true },
    });
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: 'invite.rotate',
      targetType: 'InviteCode',
      targetId: old.id,
      orgUnitId: unit.id,
      detail: { kind: old.kind },
    });
    return { code: next.code };
  });
}

/** Stops a school or class code (or turns it back on). */
export async function setInviteDisabled(opts: {
  db: Db;
  actor: Actor;
  unit: { id: string };
  input: { code: string; disabled: boolean };
}) {
  const { db, actor, unit, input } = opts;
  const invite = await findUnitInvite(db, unit.id, input.code);
  await db.$transaction(async (tx) => {
    await tx.inviteCode.update({ where: { id: invite.id }, data: { disabled: input.disabled }, select: { id: true } });
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: input.disabled ? 'invite.disable' : 'invite.enable',
      targetType: 'InviteCode',
      targetId: invite.id,
      orgUnitId: unit.id,
    });
  });
  return { ok: true as const };
}
