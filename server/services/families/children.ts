import type { Db } from '../../db/create-db';
import type { FamilyActor } from '../../auth/auth-user';
import type { Prisma } from '../../generated/prisma/client';
import { AppError } from '../../errors/app-error';
import type { AddChildInput, RequestChildCorrectionInput, UpdateChildInput } from '../../shared/families';
import { gradeLabel, normalizeClassName } from '../../shared/grades';
import { writeAudit } from '../audit/write-audit';
import { mergeFamilies } from '../rosters/merge-families';
import { schoolClassList } from './families.sql';
import { claimRosterHousehold } from './join-family';

type Tx = Prisma.TransactionClient;

/** Why a rostered child's name, grade or class is not changed here, and what to do instead. */
export const ROSTERED_CHILD_MESSAGE =
  '这个孩子在学校的班级名册上，姓名、年级和班级以学校的记录为准，不能在这里直接修改。信息有误请点“申请更正”，学校核对后会在名册中改正。';

const childNotFound = () => new AppError('NOT_FOUND', '没有找到这个孩子（只能修改自己家的孩子）');

/**
 * The class a guardian picked, checked against the school's class list: one of its classes of that grade, or
 * none. A school without a class list takes the class as written (one spelling of it).
 */
async function checkedClass(tx: Tx, schoolId: string, grade: string, className: string | null): Promise<string | null> {
  if (!className) return null;
  const list = await schoolClassList(tx, schoolId);
  const spelt = normalizeClassName(grade, className);
  if (list.length === 0) return spelt;
  if (list.some((c) => c.grade === grade && c.className === spelt)) return spelt;
  const ofGrade = list.filter((c) => c.grade === grade).map((c) => c.className);
  throw new AppError(
    'BAD_REQUEST',
    ofGrade.length > 0
      ? `请从学校的班级列表中选择${gradeLabel(grade)}的班级（${ofGrade.join('、')}），或不选班级`
      : `学校的班级列表里没有${gradeLabel(grade)}的班级：请核对年级，或不选班级`,
  );
}

async function assertNameFree(tx: Tx, familyId: string, name: string, exceptChildId?: string) {
  const same = await tx.child.findUnique({ where: { familyId_name: { familyId, name } }, select: { id: true } });
  if (same && same.id !== exceptChildId) throw new AppError('CONFLICT', `家里已经登记了名叫“${name}”的孩子`);
}

/** The class list a guardian picks from: the classes of the child's school, or of the family's school or site. */
export async function classOptions(opts: { db: Db; actor: FamilyActor; input?: { childId?: string } }) {
  const { db, actor } = opts;
  const childId = opts.input?.childId;
  const school = childId
    ? (
        await db.child.findFirst({
          where: { id: childId, familyId: actor.familyId },
          select: { school: { select: { id: true, name: true } } },
        })
      )?.school
    : (
        await db.family.findUniqueOrThrow({
          where: { id: actor.familyId },
          select: { orgUnit: { select: { id: true, name: true } } },
        })
      ).orgUnit;
  if (!school) throw childNotFound();
  const classes = await schoolClassList(db, school.id);
  return {
    schoolName: school.name,
    classes: classes.map((c) => ({ grade: c.grade, gradeLabel: gradeLabel(c.grade), className: c.className })),
  };
}

/**
 * A guardian adds a child (a second child, a sibling starting school) at the family's school or site, in a class
 * of its class list. A child on that class's roster in a household nobody has claimed links the family to that
 * household, as joining with the class's invite code does. Audited.
 */
export async function addChild(opts: { db: Db; actor: FamilyActor; input: AddChildInput }) {
  const { db, actor, input } = opts;
  return db.$transaction(async (tx) => {
    const family = await tx.family.findUniqueOrThrow({ where: { id: actor.familyId }, select: { orgUnitId: true } });
    const schoolId = family.orgUnitId;
    const className = await checkedClass(tx, schoolId, input.grade, input.className);
    let familyId = actor.familyId;
    const claimed = className
      ? await claimRosterHousehold(
          tx,
          { kind: 'CLASS', orgUnitId: schoolId, grade: input.grade, className },
          input.name,
          familyId,
        )
      : null;
    if (claimed) {
      await mergeFamilies(tx, familyId, claimed);
      familyId = claimed;
    } else {
      await assertNameFree(tx, familyId, input.name);
    }
    const rosterName = input.name.replace(/\s+/g, '');
    const child =
      (claimed
        ? await tx.child.findFirst({
            where: { familyId, name: { in: [input.name, rosterName] } },
            select: { id: true },
          })
        : null) ??
      (await tx.child.create({
        data: { familyId, name: input.name, grade: input.grade, className, schoolId },
        select: { id: true },
      }));
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: 'family.addChild',
      targetType: 'Child',
      targetId: child.id,
      orgUnitId: schoolId,
      detail: { familyId, rosterHousehold: claimed !== null, mergedFamilyId: claimed ? actor.familyId : null },
    });
    return { childId: child.id, familyId, rosterHousehold: claimed !== null };
  });
}

/** A guardian corrects the name, grade or class of a child they named (not one on the school's roster). Audited. */
export async function updateChild(opts: { db: Db; actor: FamilyActor; input: UpdateChildInput }) {
  const { db, actor, input } = opts;
  return db.$transaction(async (tx) => {
    const child = await tx.child.findFirst({
      where: { id: input.childId, familyId: actor.familyId },
      select: { id: true, name: true, grade: true, className: true, schoolId: true, enrolledAt: true },
    });
    if (!child) throw childNotFound();
    if (child.enrolledAt) throw new AppError('CONFLICT', ROSTERED_CHILD_MESSAGE, { reason: 'ROSTERED' });
    const className = await checkedClass(tx, child.schoolId, input.grade, input.className);
    if (input.name !== child.name) await assertNameFree(tx, actor.familyId, input.name, child.id);
    const changed = {
      name: input.name !== child.name,
      grade: input.grade !== child.grade,
      className: className !== child.className,
    };
    if (!changed.name && !changed.grade && !changed.className) return { ok: true as const };
    await tx.child.update({
      where: { id: child.id },
      data: { name: input.name, grade: input.grade, className },
      select: { id: true },
    });
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: 'family.updateChild',
      targetType: 'Child',
      targetId: child.id,
      orgUnitId: child.schoolId,
      detail: changed,
    });
    return { ok: true as const };
  });
}

/**
 * A guardian asks the school to correct a rostered child's record: the request waits for the school's
 * coordinator (rosters.corrections), who corrects the roster file and closes it; nothing changes until then.
 * Asking again replaces the open request. Audited.
 */
export async function requestChildCorrection(opts: { db: Db; actor: FamilyActor; input: RequestChildCorrectionInput }) {
  const { db, actor, input } = opts;
  const now = new Date();
  return db.$transaction(async (tx) => {
    const child = await tx.child.findFirst({
      where: { id: input.childId, familyId: actor.familyId },
      select: { id: true, name: true, grade: true, className: true, schoolId: true, enrolledAt: true },
    });
    if (!child) throw childNotFound();
    if (!child.enrolledAt) throw new AppError('CONFLICT', '这个孩子不在学校的班级名册上，可以直接修改姓名、年级和班级');
    const className = await checkedClass(tx, child.schoolId, input.grade, input.className);
    const wanted = {
      name: input.name !== child.name ? input.name : null,
      grade: input.grade !== child.grade ? input.grade : null,
      className: className !== child.className || input.grade !== child.grade ? className : null,
    };
    if (!wanted.name && !wanted.grade && !wanted.className && !input.note)
      throw new AppError('BAD_REQUEST', '填写的信息与学校名册上的相同；如有其他问题，请在“说明”里写明');
    await tx.childCorrection.updateMany({
      where: { childId: child.id, closedAt: null },
      data: { closedAt: now, outcome: 'REPLACED', closedById: actor.id },
    });
    const request = await tx.childCorrection.create({
      data: {
        childId: child.id,
        schoolId: child.schoolId,
        requestedById: actor.id,
        ...wanted,
        note: input.note,
        createdAt: now,
      },
      select: { id: true },
    });
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: 'family.requestChildCorrection',
      targetType: 'Child',
      targetId: child.id,
      orgUnitId: child.schoolId,
      detail: {
        correctionId: request.id,
        name: wanted.name !== null,
        grade: wanted.grade !== null,
        className: wanted.className !== null,
        note: input.note !== null,
      },
    });
    return { ok: true as const };
  });
}
