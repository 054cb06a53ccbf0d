/** Parents and families: written with Prisma, or through the procedures a parent would call. */
import type { Db } from '../../../server/db/create-db';
import type { TestApp } from '../test-app';
import type { RouterInputs } from '../router-types';
import { uid } from './org';
import { CONSENT_TEXTS } from '../../../prisma/seed/demo-data';

/** A signed-in user, as a caller acts for one (what app.as returns). */
export type SignedInUser = Awaited<ReturnType<TestApp['as']>>;

/** Records the user's consent to the privacy notice in force (what 同意并继续 does after login). */
export async function consentToPrivacy(db: Db, userId: string) {
  const textVersion = await privacyTextVersion(db);
  await db.consent.create({ data: { userId, scope: 'privacy:basic', textVersion } });
}

const privacyTexts = new WeakMap<Db, Promise<string>>();

/** The privacy notice in force, looked up once per database (a scratch database may not hold the texts yet). */
function privacyTextVersion(db: Db): Promise<string> {
  let version = privacyTexts.get(db);
  if (!version) {
    version = db.consentText
      .createMany({ data: CONSENT_TEXTS, skipDuplicates: true })
      .then(() =>
        db.consentText.findFirstOrThrow({
          where: { scope: 'privacy:basic', inForce: true },
          select: { textVersion: true },
        }),
      )
      .then((t) => t.textVersion);
    privacyTexts.set(db, version);
  }
  return version;
}

/** A WeChat user without a family, who agreed to the privacy notice (`privacy: false`: who did not). */
export async function makeWechatUser(db: Db, opts: { privacy?: boolean } = {}) {
  const user = await db.user.create({
    data: { openid: `openid-test-${uid()}`, displayName: '测试家长' },
    select: { id: true, openid: true },
  });
  if (opts.privacy !== false) await consentToPrivacy(db, user.id);
  return user;
}

/**
 * A family at `unitId` with `guardians` WeChat users (the first a mother, the others fathers) and one child
 * in grade 4 at that unit.
 */
export async function makeFamily(db: Db, unitId: string, opts: { guardians?: number } = {}) {
  const family = await db.family.create({ data: { orgUnitId: unitId }, select: { id: true } });
  const userIds: string[] = [];
  for (let i = 0; i < (opts.guardians ?? 1); i += 1) {
    const user = await makeWechatUser(db);
    await db.guardian.create({
      data: { familyId: family.id, userId: user.id, relation: i === 0 ? 'MOTHER' : 'FATHER' },
    });
    userIds.push(user.id);
  }
  await db.child.create({
    data: { familyId: family.id, name: `孩子${uid().slice(0, 4)}`, schoolId: unitId, grade: 'G4' },
  });
  return { familyId: family.id, userId: userIds[0], userIds };
}

/** `n` families at `unitId`, made one after another. */
export async function makeFamilies(
  db: Db,
  unitId: string,
  n: number,
  opts: { guardians?: (index: number) => number } = {},
) {
  const out: Awaited<ReturnType<typeof makeFamily>>[] = [];
  for (let i = 0; i < n; i += 1) out.push(await makeFamily(db, unitId, { guardians: opts.guardians?.(i) }));
  return out;
}

/** A family at `unitId` (see makeFamily) with its first guardian signed in as `user`. */
export async function signedInParent(app: TestApp, unitId: string, opts: { guardians?: number } = {}) {
  const family = await makeFamily(app.db, unitId, opts);
  return { ...family, user: await app.as(family.userId) };
}

/** A new WeChat user who joined through the school's invite (families.join), signed in again as a member. */
export async function joinedParent(
  app: TestApp,
  school: { inviteCode: string },
  join: Omit<RouterInputs['families']['join'], 'inviteCode'> = {
    relation: 'MOTHER',
    child: { name: '测试孩子', grade: 'G3' },
  },
): Promise<SignedInUser> {
  const user = await makeWechatUser(app.db);
  await app.caller(await app.as(user.id)).families.join({ inviteCode: school.inviteCode, ...join });
  return app.as(user.id);
}

/**
 * A family at `unitId` whose first guardian, signed in as `user`, granted the separate consent for
 * checklist data (consents.grant, on the text in force); with its child's id and name.
 */
export async function consentingParent(app: TestApp, unitId: string, opts: { guardians?: number } = {}) {
  const f = await signedInParent(app, unitId, opts);
  const text = (await app.caller(f.user).consents.current()).find((t) => t.scope === 'sensitive:checklist')!;
  await app.caller(f.user).consents.grant({ scope: 'sensitive:checklist', textVersion: text.textVersion });
  const child = await app.db.child.findFirstOrThrow({
    where: { familyId: f.familyId },
    select: { id: true, name: true },
  });
  return { ...f, childId: child.id, childName: child.name };
}

/**
 * A household on `unitId`'s class roster (三年级（1）班), as rosters.importXlsx leaves it: nobody from it in the
 * app yet. With its child's id.
 */
export async function makeRosterFamily(db: Db, unitId: string, opts: { name?: string } = {}) {
  const now = new Date();
  const family = await db.family.create({
    data: { orgUnitId: unitId, knownFrom: now, enrolledFrom: now },
    select: { id: true },
  });
  const child = await db.child.create({
    data: {
      familyId: family.id,
      name: opts.name ?? `在册${uid().slice(0, 6)}`,
      schoolId: unitId,
      grade: 'G3',
      className: '三年级（1）班',
      enrolledAt: now,
    },
    select: { id: true, name: true },
  });
  return { familyId: family.id, childId: child.id, childName: child.name };
}
