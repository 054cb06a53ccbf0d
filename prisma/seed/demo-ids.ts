/**
 * Names and codes of the demo data (see docs "Demo data"), for the server, the client demo and tests.
 * Kept free of runtime imports so anything can import it cheaply.
 */
import type { Prisma, PrismaClient } from '../../server/generated/prisma/client';

/** 黑龙江省 */
export const PROVINCE_ID = '230000';
/** 哈尔滨市 */
export const HARBIN_ID = '230100';
/** 哈尔滨市南岗区, the demo school's county. */
export const DEMO_SCHOOL_COUNTY_ID = '230103';

export const DEMO_SCHOOL_NAME = '哈尔滨市南岗区心桥实验小学';
/** The demo school's SCHOOL invite. */
export const DEMO_INVITE_CODE = 'HLJDEMO';
/** The demo school's CLASS invite (grade G3, 三年级（1）班). */
export const DEMO_CLASS_INVITE_CODE = 'HLJDEMO3A';
export const DEMO_CLASS_GRADE = 'G3';
export const DEMO_CLASS_NAME = '三年级（1）班';

export const DEMO_PASSWORD = 'demo12345';

export const DEMO_ADMIN_USERNAME = 'admin';
export const DEMO_FEDERATION_PROVINCE_USERNAME = 'fulian.hlj';
export const DEMO_FEDERATION_HARBIN_USERNAME = 'fulian.hrb';
export const DEMO_COMMITTEE_USERNAME = 'guangongwei.hlj';
export const DEMO_COORDINATOR_USERNAME = 'coord.demo';
export const DEMO_TEACHER_USERNAME = 'teacher.demo';
export const DEMO_COUNSELOR_USERNAME = 'counsel.demo';

export const DEMO_USERNAMES = {
  admin: DEMO_ADMIN_USERNAME,
  federationProvince: DEMO_FEDERATION_PROVINCE_USERNAME,
  federationHarbin: DEMO_FEDERATION_HARBIN_USERNAME,
  committee: DEMO_COMMITTEE_USERNAME,
  coordinator: DEMO_COORDINATOR_USERNAME,
  teacher: DEMO_TEACHER_USERNAME,
  counselor: DEMO_COUNSELOR_USERNAME,
} as const;

/** Demo parents sign in through the WeChat stand-in with login code `demo-parent-<n>`. */
export const DEMO_PARENT_COUNT = 20;
/** Parents 1…10 already belong to families at the demo school (2 and 3 share one); 11…20 have none yet. */
export const DEMO_PARENTS_WITH_FAMILY = 10;
export const DEMO_PARENT_OPENID_PREFIX = 'openid-demo-parent-';

export function demoParentOpenid(n: number): string {
  return `${DEMO_PARENT_OPENID_PREFIX}${n}`;
}

/** The demo school's id (ids of schools are generated), or null before seeding. */
export async function findDemoSchoolId(db: PrismaClient | Prisma.TransactionClient): Promise<string | null> {
  const row = await db.orgUnit.findFirst({
    where: { kind: 'SCHOOL', parentId: DEMO_SCHOOL_COUNTY_ID, name: DEMO_SCHOOL_NAME },
    select: { id: true },
    orderBy: { createdAt: 'asc' },
  });
  return row?.id ?? null;
}
