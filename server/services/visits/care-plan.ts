// 一生一策: the restricted file of a special-group household (留守、流动、孤儿、事实无人抚养、单亲、残疾) — dated
// notes on how the school supports the child, by its counsellors and the class teacher. Encrypted at rest,
// every read audited, seen only by the school's coordinators and counsellors and the child's class teacher.
// It records support, not a diagnosis.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/create-db';
import type { AuthUser } from '../../auth/auth-user';
import { grantsCovering } from '../../auth/auth-user';
import type { FieldCipher } from '../../crypto/field-cipher';
import { AppError } from '../../errors/app-error';
import { writeAudit } from '../audit/write-audit';
import { assertFamilyAtSchool } from './windows';

type Unit = { id: string; path: string; kind: string };
const context = (noteId: string) => `CareNote:${noteId}:text`;

/** Whether the caller is a class teacher of one of the household's children at the school. */
async function isClassTeacher(db: Db, actorId: string, familyId: string, schoolId: string) {
  const [row] = await db.$queryRaw<{ yes: boolean }[]>`
    SELECT EXISTS (
      SELECT 1 FROM "Child" ch JOIN "ClassTeacher" ct
        ON ct."orgUnitId" = ch."schoolId" AND ct.grade = ch.grade AND ct."className" = ch."className"
       WHERE ch."familyId" = ${familyId} AND ch."schoolId" = ${schoolId} AND ch."leftAt" IS NULL
         AND ct."teacherId" = ${actorId}) AS yes`;
  return row?.yes === true;
}

/** Who may read and write: the school's coordinators and counsellors (write: counsellors), and the class teacher. */
async function access(db: Db, actor: AuthUser, unit: Unit, familyId: string) {
  if (unit.kind !== 'SCHOOL') throw new AppError('BAD_REQUEST', '一生一策由孩子就读学校建立');
  await assertFamilyAtSchool(db, familyId, unit.id);
  const counsellor = grantsCovering(actor, ['COUNSELOR'], unit.path).length > 0;
  const coordinator = grantsCovering(actor, ['COORDINATOR'], unit.path).length > 0;
  const teacher = !counsellor && !coordinator ? await isClassTeacher(db, actor.id, familyId, unit.id) : false;
  if (!counsellor && !coordinator && !teacher)
    throw new AppError('FORBIDDEN', '一生一策只有本校心理教师、家长学校负责人和孩子的班主任可以查看');
  const family = await db.family.findUniqueOrThrow({ where: { id: familyId }, select: { specialGroups: true } });
  if (family.specialGroups.length === 0)
    throw new AppError('CONFLICT', '一生一策用于特殊群体学生家庭：请先由负责人或心理教师标记该家庭的特殊群体');
  return { counsellor, coordinator, teacher };
}

export async function addCareNote(opts: {
  db: Db;
  cipher: FieldCipher;
  actor: AuthUser;
  unit: Unit;
  input: { familyId: string; text: string };
}) {
  const { db, cipher, actor, unit, input } = opts;
  const who = await access(db, actor, unit, input.familyId);
  if (!who.counsellor && !who.teacher) throw new AppError('FORBIDDEN', '一生一策的记录由心理教师和班主任填写');
  const id = randomUUID();
  await db.$transaction(async (tx) => {
    await tx.careNote.create({
      data: {
        id,
        familyId: input.familyId,
        authorId: actor.id,
        authorRole: who.counsellor ? 'COUNSELOR' : 'TEACHER',
        textEnc: cipher.encrypt(input.text, context(id)),
      },
      select: { id: true },
    });
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: 'carePlan.write',
      targetType: 'Family',
      targetId: input.familyId,
      orgUnitId: unit.id,
    });
  });
  return { id };
}

/** The household's notes, newest first, decrypted; the read is audited (who read whose file, how many notes). */
export async function carePlan(opts: {
  db: Db;
  cipher: FieldCipher;
  actor: AuthUser;
  unit: Unit;
  input: { familyId: string };
}) {
  const { db, cipher, actor, unit, input } = opts;
  await access(db, actor, unit, input.familyId);
  const notes = await db.$queryRaw<
    { id: string; authorRole: string; authorName: string | null; textEnc: string; createdAt: Date }[]
  >`
    SELECT n.id, n."authorRole", u."displayName" AS "authorName", n."textEnc", n."createdAt"
      FROM "CareNote" n LEFT JOIN "User" u ON u.id = n."authorId"
     WHERE n."familyId" = ${input.familyId}
     ORDER BY n."createdAt" DESC`;
  await writeAudit(db, {
    actorUserId: actor.id,
    action: 'carePlan.read',
    targetType: 'Family',
    targetId: input.familyId,
    orgUnitId: unit.id,
    detail: { notes: notes.length },
  });
  return notes.map((n) => ({
    id: n.id,
    authorRole: n.authorRole as 'COUNSELOR' | 'TEACHER',
    authorName: n.authorName ?? '',
    text: cipher.decrypt(n.textEnc, context(n.id)),
    createdAt: n.createdAt,
  }));
}
