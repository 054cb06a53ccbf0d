/** Home-visit windows, slots and visits, written with Prisma; and a slot published through visits.addSlots. */
import type { Db } from '../../../server/db/create-db';
import { chinaDayAfter } from '../../../server/shared/china-time';
import type { TestApp } from '../test-app';
import type { RouterInputs } from '../router-types';
import { makeStaff } from './org';
import { makeFamily, type SignedInUser } from './families';

type VisitMode = 'HOME' | 'PHONE' | 'VIDEO';
type Season = RouterInputs['visits']['createWindow']['season'];

/** A calendar day in China (YYYY-MM-DD), `days` from today. */
export const dayFromNow = (days: number) => chinaDayAfter(new Date(), days);
/** `hh:mm` China time on the day `days` from today, as an ISO instant with offset. */
export const at = (days: number, hhmm: string) => `${dayFromNow(days)}T${hhmm}:00+08:00`;

/**
 * A visit window at the unit: a winter window from today for 30 days unless told (days as YYYY-MM-DD),
 * created by `createdById` (default: a new coordinator of the unit).
 */
export async function makeWindow(
  db: Db,
  orgUnitId: string,
  opts: { createdById?: string; season?: Season; title?: string; startsOn?: string; endsOn?: string } = {},
) {
  const createdById = opts.createdById ?? (await makeStaff(db, 'COORDINATOR', orgUnitId)).id;
  const date = (day: string) => new Date(`${day}T00:00:00Z`);
  return db.visitWindow.create({
    data: {
      orgUnitId,
      season: opts.season ?? 'WINTER',
      title: opts.title ?? '测试家访',
      startsOn: date(opts.startsOn ?? dayFromNow(0)),
      endsOn: date(opts.endsOn ?? dayFromNow(30)),
      createdById,
    },
    select: { id: true },
  });
}

/**
 * A slot of `teacherId` in the window: by default a 30-minute phone slot two days from now, at a random
 * minute within the next ten hours so that slots of one teacher rarely meet.
 */
export async function makeSlot(
  db: Db,
  opts: { windowId: string; teacherId: string; startsAt?: Date; endsAt?: Date; mode?: VisitMode },
) {
  const startsAt =
    opts.startsAt ?? new Date(Date.now() + 2 * 86_400_000 + (Math.floor(Math.random() * 1000) * 3600_000) / 100);
  return db.visitSlot.create({
    data: {
      windowId: opts.windowId,
      teacherId: opts.teacherId,
      startsAt,
      endsAt: opts.endsAt ?? new Date(startsAt.getTime() + 1800_000),
      mode: opts.mode ?? 'PHONE',
    },
    select: { id: true, windowId: true, mode: true },
  });
}

/** A new window at the unit (see makeWindow) with one slot of `teacherId` in it (see makeSlot). */
export async function makeWindowWithSlot(db: Db, orgUnitId: string, teacherId: string) {
  const window = await makeWindow(db, orgUnitId);
  return makeSlot(db, { windowId: window.id, teacherId });
}

/**
 * A booked visit: in `slot` (default: a new window at the unit with one slot of the teacher), for
 * `familyId` (default: a new family of the unit), booked by `bookedById` (default: that family's guardian).
 */
export async function makeVisit(
  db: Db,
  opts: {
    orgUnitId: string;
    teacherId: string;
    slot?: { id: string; windowId: string; mode: VisitMode };
    familyId?: string;
    bookedById?: string;
  },
) {
  const slot = opts.slot ?? (await makeWindowWithSlot(db, opts.orgUnitId, opts.teacherId));
  const family = opts.familyId ? null : await makeFamily(db, opts.orgUnitId);
  const familyId = opts.familyId ?? family!.familyId;
  const bookedById = opts.bookedById ?? family?.userId ?? opts.teacherId;
  return db.visit.create({
    data: {
      windowId: slot.windowId,
      slotId: slot.id,
      familyId,
      teacherId: opts.teacherId,
      mode: slot.mode,
      bookedById,
    },
    select: { id: true },
  });
}

/**
 * A new teacher of the school, signed in, who published one slot in the window through visits.addSlots;
 * returns the teacher and the slot.
 */
export async function teacherWithSlot(
  app: TestApp,
  schoolId: string,
  windowId: string,
  slot: RouterInputs['visits']['addSlots']['slots'][number],
): Promise<{ teacher: SignedInUser; slot: { id: string } }> {
  const teacher = await app.as((await makeStaff(app.db, 'TEACHER', schoolId)).id);
  await app.caller(teacher).visits.addSlots({ windowId, slots: [slot] });
  return {
    teacher,
    slot: await app.db.visitSlot.findFirstOrThrow({ where: { teacherId: teacher.id }, select: { id: true } }),
  };
}

/**
 * Time passes for a booked visit: its slot is moved to have begun `minutesAgo` minutes ago, same length
 * (a visit is recorded only once its slot has begun). Returns the slot's new start.
 */
export async function slotHasBegun(db: Db, visitId: string, minutesAgo = 30): Promise<Date> {
  const { slot } = await db.visit.findUniqueOrThrow({
    where: { id: visitId },
    select: { slot: { select: { id: true, startsAt: true, endsAt: true } } },
  });
  const startsAt = new Date(Date.now() - minutesAgo * 60_000);
  await db.visitSlot.update({
    where: { id: slot.id },
    data: { startsAt, endsAt: new Date(startsAt.getTime() + slot.endsAt.getTime() - slot.startsAt.getTime()) },
  });
  return startsAt;
}
