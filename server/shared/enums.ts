// Runs on both sides (mini program, web, server): no Node and no Prisma imports here.

export const ROLES = ['ADMIN', 'FEDERATION', 'COMMITTEE', 'COORDINATOR', 'TEACHER', 'COUNSELOR'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  ADMIN: '系统管理员',
  FEDERATION: '妇联工作人员',
  COMMITTEE: '关工委工作人员',
  COORDINATOR: '家长学校负责人',
  TEACHER: '教师',
  COUNSELOR: '心理健康教师',
};

export const ORG_UNIT_KINDS = ['PROVINCE', 'CITY', 'COUNTY', 'SCHOOL', 'COMMUNITY_SITE'] as const;
export type OrgUnitKind = (typeof ORG_UNIT_KINDS)[number];

export const ORG_UNIT_KIND_LABELS: Record<OrgUnitKind, string> = {
  PROVINCE: '省',
  CITY: '市（地区）',
  COUNTY: '县（市、区）',
  SCHOOL: '学校',
  COMMUNITY_SITE: '家庭教育指导服务站点',
};

export const GUARDIAN_RELATIONS = [
  'FATHER',
  'MOTHER',
  'GRANDPARENT',
  'OTHER_RELATIVE',
  'ENTRUSTED_CARER',
  'OTHER',
] as const;
export type GuardianRelation = (typeof GUARDIAN_RELATIONS)[number];

export const GUARDIAN_RELATION_LABELS: Record<GuardianRelation, string> = {
  FATHER: '父亲',
  MOTHER: '母亲',
  GRANDPARENT: '祖父母 / 外祖父母',
  OTHER_RELATIVE: '其他亲属',
  ENTRUSTED_CARER: '受委托照护人',
  OTHER: '其他',
};

/**
 * A father or mother is a child's legal guardian (民法典 第二十七条). Another caregiver is one only when a legal
 * guardian of the family says so or the school's coordinator confirms it (an orphan's grandparent).
 */
export const LEGAL_GUARDIAN_RELATIONS: readonly GuardianRelation[] = ['FATHER', 'MOTHER'];
/** A legal guardian: a father or mother, or a caregiver the school confirmed as one. */
export const isLegalGuardian = (g: { relation: GuardianRelation; legalGuardianConfirmedAt: Date | null }) =>
  LEGAL_GUARDIAN_RELATIONS.includes(g.relation) || g.legalGuardianConfirmedAt !== null;

/**
 * Consent scopes. `sensitive:checklist` is the separate consent for a child's health-related answers;
 * `staff:confidentiality` the staff's confidentiality terms (工作人员保密承诺), which staff accept instead of the
 * parents' privacy notice.
 */
export const CONSENT_SCOPES = ['privacy:basic', 'sensitive:checklist', 'staff:confidentiality'] as const;
export type ConsentScope = (typeof CONSENT_SCOPES)[number];
