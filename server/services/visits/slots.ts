import type { Db } from '../../db/create-db';
import type { Prisma } from '../../generated/prisma/client';
import type { Actor, FamilyActor } from '../../auth/auth-user';
import { AppError } from '../../errors/app-error';
import type { VisitMode } from '../../shared/visits';
import { addDays, chinaDayStart, chinaInstant } from '../../shared/china-time';
import { assertFamilyAtSchool } from './windows';

type Tx = Prisma.TransactionClient;

export interface SlotSpec {
  startsAt: Date;
  endsAt: Date;
  mode: VisitMode;
}

/**
 * Two slots of one teacher clash when they overlap, or, if either is a home visit, when they are
 * closer than the travel buffer.
 */
export function clash(a: SlotSpec, b: SlotSpec, bufferMinutes: number): boolean {
  const pad = a.mode === 'HOME' || b.mode === 'HOME' ? bufferMinutes * 60_000 : 0;
  return a.startsAt.getTime() < b.endsAt.getTime() + pad && b.startsAt.getTime() < a.endsAt.getTime() + pad;
}

/** Days × time ranges cut into slots of `durationMinutes` (China time); home visits keep `bufferMinutes` between them. */
export function expandBulk(
  input: { days: string[]; ranges: { start: string; end: string }[]; durationMinutes: number; mode: VisitMode },
  bufferMinutes = 0,
): SlotSpec[] {
  const step = (input.durationMinutes + (input.mode === 'HOME' ? bufferMinutes : 0)) * 60_000;
  const out: SlotSpec[] = [];
  for (const day of [...new Set(input.days)].sort()) {
    for (const r of input.ranges) {
      const from = chinaInstant(day, r.start).getTime();
      const to = chinaInstant(day, r.end).getTime();
      for (let t = from; t + input.durationMinutes * 60_000 <= to; t += step) {
        out.push({ startsAt: new Date(t), endsAt: new Date(t + input.durationMinutes * 60_000), mode: input.mode });
      }
    }
  }
  return out;
}

/**
 * Adds a teacher's own slots inside the window. All or nothing: any clash with the teacher's other
 * slots (or within the batch) is refused with 409. The teacher's row is locked so that two
 * concurrent requests cannot both pass the check.
 */
export async function addSlots(opts: { db: Db; actor: Actor; input: { windowId: string; slots: SlotSpec[] } }) {
  const { db } = opts;
  const { windowId, slots } = opts.input;
  const teacherId = opts.actor.id;
  const w = await db.visitWindow.findUnique({
    where: { id: windowId },
    select: { startsOn: true, endsOn: true, travelBufferMinutes: true },
  });
  if (!w) throw new AppError('NOT_FOUND', '家访窗口不存在');
  if (slots.length === 0) throw new AppError('BAD_REQUEST', '没有可生成的时段，请检查时间段与每次时长');
  if (slots.length > 500) throw new AppError('BAD_REQUEST', '一次最多 500 个时段');
  const from = chinaDayStart(w.startsOn);
  const to = addDays(chinaDayStart(w.endsOn), 1);
  for (const s of slots) {
    if (s.startsAt < from || s.endsAt > to) throw new AppError('BAD_REQUEST', '时段须在家访窗口的日期之内');
  }
  const sorted = [...slots].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  for (let i = 1; i < sorted.length; i += 1) {
    if (clash(sorted[i - 1], sorted[i], w.travelBufferMinutes))
      throw new AppError('CONFLICT', '提交的时段之间有重叠（入户家访之间需留出路程时间）');
  }
  return db.$transaction(async (tx: Tx) => {
    await tx.$queryRaw`SELECT id FROM "User" WHERE id = ${teacherId} FOR UPDATE`;
    const pad = 240 * 60_000;
    const existing = await tx.visitSlot.findMany({
      where: {
        teacherId,
        startsAt: { lt: new Date(sorted[sorted.length - 1].endsAt.getTime() + pad) },
        endsAt: { gt: new Date(sorted[0].startsAt.getTime() - pad) },
      },
      select: { startsAt: true, endsAt: true, mode: true },
    });
    for (const s of sorted) {
      const hit = existing.find((e) => clash(s, e, w.travelBufferMinutes));
      if (hit) throw new AppError('CONFLICT', '与您已发布的家访时段重叠（入户家访之间需留出路程时间）');
    }
    const { count } = await tx.visitSlot.createMany({
      data: sorted.map((s) => ({ windowId, teacherId, startsAt: s.startsAt, endsAt: s.endsAt, mode: s.mode })),
    });
    return { created: count };
  });
}

/** A teacher's slots from a bulk plan: days × time ranges × duration (home visits keep the window's travel time). */
export async function addSlotsBulk(opts: {
  db: Db;
  actor: Actor;
  input: Parameters<typeof expandBulk>[0] & { windowId: string };
}) {
  const { db, actor, input } = opts;
  const w = await db.visitWindow.findUnique({ where: { id: input.windowId }, select: { travelBufferMinutes: true } });
  const slots = expandBulk(input, w?.travelBufferMinutes ?? 0);
  return addSlots({ db, actor, input: { windowId: input.windowId, slots } });
}

/**
 * Open (unbooked, future) slots of a window at the family's school; for a family with an assigned
 * teacher, that teacher's only.
 */
export async function openSlots(opts: { db: Db; actor: FamilyActor; input: { windowId: string }; now?: Date }) {
  const { db, now = new Date() } = opts;
  const { windowId } = opts.input;
  const { familyId } = opts.actor;
  const w = await db.visitWindow.findUnique({ where: { id: windowId }, select: { orgUnitId: true } });
  if (!w) throw new AppError('NOT_FOUND', '家访窗口不存在');
  await assertFamilyAtSchool(db, familyId, w.orgUnitId);
  const assignment = await db.visitAssignment.findUnique({
    where: { windowId_familyId: { windowId, familyId } },
    select: { teacherId: true },
  });
  const slots = await db.visitSlot.findMany({
    where: {
      windowId,
      startsAt: { gt: now },
      teacherId: assignment?.teacherId,
      visits: { none: { status: { not: 'CANCELLED' } } },
    },
    orderBy: { startsAt: 'asc' },
    take: 500,
    select: { id: true, startsAt: true, endsAt: true, mode: true, teacher: { select: { displayName: true } } },
  });
  return slots.map((s) => ({
    slotId: s.id,
    teacherName: s.teacher.displayName,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    mode: s.mode,
  }));
}

/** A teacher's own slots and visits in a window (the visit calendar). */
export async function teacherCalendar(opts: { db: Db; actor: Actor; input: { windowId: string } }) {
  const { db } = opts;
  const { windowId } = opts.input;
  const teacherId = opts.actor.id;
  const slots = await db.visitSlot.findMany({
    where: { windowId, teacherId },
    orderBy: { startsAt: 'asc' },
    select: {
      id: true,
      startsAt: true,
      endsAt: true,
      mode: true,
      visits: {
        where: { status: { not: 'CANCELLED' } },
        select: {
          id: true,
          status: true,
          family: {
            select: {
              guardians: { select: { user: { select: { displayName: true } } } },
              children: { select: { name: true, grade: true, className: true } },
            },
          },
        },
      },
    },
  });
  return slots.map((s) => ({
    slotId: s.id,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    mode: s.mode,
    visit: s.visits[0]
      ? {
          visitId: s.visits[0].id,
          status: s.visits[0].status,
          guardians: s.visits[0].family.guardians.map((g) => g.user.displayName),
          children: s.visits[0].family.children.map((c) => ({ name: c.name, grade: c.grade, className: c.className })),
        }
      : null,
  }));
}
