import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/create-db';
import type { Actor } from '../../auth/auth-user';
import type { OrgUnitKind } from '../../shared/enums';
import { AppError } from '../../errors/app-error';
import type { SessionKind } from '../../shared/sessions';
import { addDays } from '../../shared/china-time';
import { writeAudit } from '../audit/write-audit';

export interface SessionFields {
  kind: SessionKind;
  title: string;
  description?: string;
  speaker?: string;
  stages?: string[];
  grades?: string[];
  mode: 'OFFLINE' | 'ONLINE';
  venue?: string;
  liveUrl?: string;
  capacity: number;
  mentalHealth?: boolean;
}

/** GUIDANCE always delivers family mental-health guidance; other kinds only when flagged. */
export function mentalHealthFlag(kind: SessionKind, flag: boolean | undefined): boolean {
  return kind === 'GUIDANCE' ? true : (flag ?? false);
}

/** The unit that hosts the session (the scope check has found it). */
type HostUnit = { id: string; kind: OrgUnitKind; closedAt?: Date | null };

function assertHostUnit(unit: HostUnit) {
  if (unit.kind !== 'SCHOOL' && unit.kind !== 'COMMUNITY_SITE') {
    throw new AppError('BAD_REQUEST', '活动须由学校或家庭教育指导服务站点开设');
  }
  if (unit.closedAt) throw new AppError('CONFLICT', '该单位已撤销，不能再开设活动');
}

function row(
  orgUnitId: string,
  createdById: string,
  f: SessionFields,
  startsAt: Date,
  endsAt: Date,
  draft: boolean | undefined,
) {
  return {
    orgUnitId,
    kind: f.kind,
    mentalHealth: mentalHealthFlag(f.kind, f.mentalHealth),
    title: f.title,
    description: f.description ?? null,
    speaker: f.speaker ?? null,
    stages: f.stages ?? [],
    grades: f.grades ?? [],
    mode: f.mode,
    venue: f.venue ?? null,
    liveUrl: f.liveUrl ?? null,
    startsAt,
    endsAt,
    capacity: f.capacity,
    status: draft ? ('DRAFT' as const) : ('PUBLISHED' as const),
    checkInSecret: randomBytes(32).toString('base64url'),
    createdById,
  };
}

export async function createSession(opts: {
  db: Db;
  actor: Actor;
  unit: HostUnit;
  input: SessionFields & { startsAt: Date; endsAt: Date; draft?: boolean; lessonIds?: string[] };
}): Promise<{ id: string }> {
  const { db, unit } = opts;
  const input = { ...opts.input, orgUnitId: unit.id };
  const actorId = opts.actor.id;
  assertHostUnit(unit);
  return db.$transaction(async (tx) => {
    const session = await tx.guidanceSession.create({
      data: row(input.orgUnitId, actorId, input, input.startsAt, input.endsAt, input.draft),
      select: { id: true },
    });
    if (input.lessonIds?.length) {
      const found = await tx.lesson.count({ where: { id: { in: input.lessonIds }, published: true } });
      if (found !== new Set(input.lessonIds).size) throw new AppError('BAD_REQUEST', '关联的课程资源不存在或未发布');
      await tx.sessionLesson.createMany({
        data: [...new Set(input.lessonIds)].map((lessonId) => ({ sessionId: session.id, lessonId })),
      });
    }
    await writeAudit(tx, {
      actorUserId: actorId,
      action: 'session.create',
      targetType: 'Session',
      targetId: session.id,
      orgUnitId: input.orgUnitId,
    });
    return session;
  });
}

/** A course of N weekly lessons, created once; each lesson is its own session linked to the course. */
export async function createCourse(opts: {
  db: Db;
  actor: Actor;
  unit: HostUnit;
  input: SessionFields & { firstStartsAt: Date; durationMinutes: number; weeks: number; draft?: boolean };
}): Promise<{ courseId: string; sessionIds: string[] }> {
  const { db, unit } = opts;
  const input = { ...opts.input, orgUnitId: unit.id };
  const actorId = opts.actor.id;
  assertHostUnit(unit);
  return db.$transaction(async (tx) => {
    const course = await tx.course.create({
      data: { orgUnitId: input.orgUnitId, title: input.title, kind: input.kind, createdById: actorId },
      select: { id: true },
    });
    const sessionIds: string[] = [];
    for (let i = 0; i < input.weeks; i += 1) {
      const startsAt = addDays(input.firstStartsAt, i * 7);
      const endsAt = new Date(startsAt.getTime() + input.durationMinutes * 60_000);
      const s = await tx.guidanceSession.create({
        data: {
          ...row(
            input.orgUnitId,
            actorId,
            { ...input, title: `${input.title}（第 ${i + 1} 课）` },
            startsAt,
            endsAt,
            input.draft,
          ),
          courseId: course.id,
          courseSeq: i + 1,
        },
        select: { id: true },
      });
      sessionIds.push(s.id);
    }
    await writeAudit(tx, {
      actorUserId: actorId,
      action: 'course.create',
      targetType: 'Course',
      targetId: course.id,
      orgUnitId: input.orgUnitId,
      detail: { lessons: input.weeks },
    });
    return { courseId: course.id, sessionIds };
  });
}

/**
 * 复制活动: a new draft with the same title, kind, mode, place, capacity, mental-health flag and lessons at
 * the time the coordinator chose (registrations and attendance stay with the original).
 */
export async function copySession(opts: {
  db: Db;
  actor: Actor;
  input: { sessionId: string; startsAt: Date; endsAt: Date };
}): Promise<{ id: string }> {
  const { db, input } = opts;
  const actorId = opts.actor.id;
  const s = await db.guidanceSession.findUnique({
    where: { id: input.sessionId },
    select: {
      orgUnitId: true,
      orgUnit: { select: { kind: true, closedAt: true } },
      kind: true,
      title: true,
      description: true,
      speaker: true,
      stages: true,
      grades: true,
      mode: true,
      venue: true,
      liveUrl: true,
      capacity: true,
      mentalHealth: true,
      lessons: { select: { lessonId: true } },
    },
  });
  if (!s) throw new AppError('NOT_FOUND', '活动不存在');
  assertHostUnit({ id: s.orgUnitId, ...s.orgUnit });
  const fields: SessionFields = {
    kind: s.kind,
    title: s.title,
    description: s.description ?? undefined,
    speaker: s.speaker ?? undefined,
    stages: s.stages,
    grades: s.grades,
    mode: s.mode,
    venue: s.venue ?? undefined,
    liveUrl: s.liveUrl ?? undefined,
    capacity: s.capacity,
    mentalHealth: s.mentalHealth,
  };
  return db.$transaction(async (tx) => {
    const copy = await tx.guidanceSession.create({
      data: row(s.orgUnitId, actorId, fields, input.startsAt, input.endsAt, true),
      select: { id: true },
    });
    if (s.lessons.length)
      await tx.sessionLesson.createMany({
        data: s.lessons.map((l) => ({ sessionId: copy.id, lessonId: l.lessonId })),
      });
    await writeAudit(tx, {
      actorUserId: actorId,
      action: 'session.copy',
      targetType: 'Session',
      targetId: copy.id,
      orgUnitId: s.orgUnitId,
      detail: { from: input.sessionId },
    });
    return copy;
  });
}
