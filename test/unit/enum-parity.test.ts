/**
 * The enums shared with the client (server/shared) are written out by hand, because the client may not
 * import Prisma. This file ties each of them to the Prisma enum of the same name: the type-level check
 * makes `tsc` (run by `npm test`) fail when one drifts, and the test says which one at run time.
 */
import * as Prisma from '../../server/generated/prisma/enums';
import { GUARDIAN_RELATIONS, ORG_UNIT_KINDS, ROLES } from '../../server/shared/enums';
import {
  ATTENDANCE_METHODS,
  REGISTRATION_STATUSES,
  SESSION_KINDS,
  SESSION_MODES,
  SESSION_STATUSES,
} from '../../server/shared/sessions';
import { PRIORITY_REASONS, VISIT_MODES, VISIT_SEASONS, VISIT_STATUSES } from '../../server/shared/visits';
import { LESSON_FORMATS } from '../../server/shared/lessons';
import { REFERRAL_STATUSES, RISK_TIERS } from '../../server/shared/checklists';
import { SITE_TYPES } from '../../server/shared/admin';

/** true only when A and B are the same union, in both directions. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Values<T> = T[keyof T];
type Item<T extends readonly unknown[]> = T[number];

// Each line fails to compile when the shared list and the Prisma enum differ.
const typeLevel: Record<string, true> = {
  OrgUnitKind: true satisfies Same<Item<typeof ORG_UNIT_KINDS>, Values<typeof Prisma.OrgUnitKind>>,
  Role: true satisfies Same<Item<typeof ROLES>, Values<typeof Prisma.Role>>,
  GuardianRelation: true satisfies Same<Item<typeof GUARDIAN_RELATIONS>, Values<typeof Prisma.GuardianRelation>>,
  SessionKind: true satisfies Same<Item<typeof SESSION_KINDS>, Values<typeof Prisma.SessionKind>>,
  SessionMode: true satisfies Same<Item<typeof SESSION_MODES>, Values<typeof Prisma.SessionMode>>,
  SessionStatus: true satisfies Same<Item<typeof SESSION_STATUSES>, Values<typeof Prisma.SessionStatus>>,
  RegistrationStatus: true satisfies Same<Item<typeof REGISTRATION_STATUSES>, Values<typeof Prisma.RegistrationStatus>>,
  AttendanceMethod: true satisfies Same<Item<typeof ATTENDANCE_METHODS>, Values<typeof Prisma.AttendanceMethod>>,
  LessonFormat: true satisfies Same<Item<typeof LESSON_FORMATS>, Values<typeof Prisma.LessonFormat>>,
  VisitSeason: true satisfies Same<Item<typeof VISIT_SEASONS>, Values<typeof Prisma.VisitSeason>>,
  VisitMode: true satisfies Same<Item<typeof VISIT_MODES>, Values<typeof Prisma.VisitMode>>,
  VisitStatus: true satisfies Same<Item<typeof VISIT_STATUSES>, Values<typeof Prisma.VisitStatus>>,
  PriorityReason: true satisfies Same<Item<typeof PRIORITY_REASONS>, Values<typeof Prisma.PriorityReason>>,
  RiskTier: true satisfies Same<Item<typeof RISK_TIERS>, Values<typeof Prisma.RiskTier>>,
  ReferralStatus: true satisfies Same<Item<typeof REFERRAL_STATUSES>, Values<typeof Prisma.ReferralStatus>>,
  SiteType: true satisfies Same<Item<typeof SITE_TYPES>, Values<typeof Prisma.SiteType>>,
};

const pairs: [string, readonly string[], Record<string, string>][] = [
  ['OrgUnitKind', ORG_UNIT_KINDS, Prisma.OrgUnitKind],
  ['Role', ROLES, Prisma.Role],
  ['GuardianRelation', GUARDIAN_RELATIONS, Prisma.GuardianRelation],
  ['SessionKind', SESSION_KINDS, Prisma.SessionKind],
  ['SessionMode', SESSION_MODES, Prisma.SessionMode],
  ['SessionStatus', SESSION_STATUSES, Prisma.SessionStatus],
  ['RegistrationStatus', REGISTRATION_STATUSES, Prisma.RegistrationStatus],
  ['AttendanceMethod', ATTENDANCE_METHODS, Prisma.AttendanceMethod],
  ['LessonFormat', LESSON_FORMATS, Prisma.LessonFormat],
  ['VisitSeason', VISIT_SEASONS, Prisma.VisitSeason],
  ['VisitMode', VISIT_MODES, Prisma.VisitMode],
  ['VisitStatus', VISIT_STATUSES, Prisma.VisitStatus],
  ['PriorityReason', PRIORITY_REASONS, Prisma.PriorityReason],
  ['RiskTier', RISK_TIERS, Prisma.RiskTier],
  ['ReferralStatus', REFERRAL_STATUSES, Prisma.ReferralStatus],
  ['SiteType', SITE_TYPES, Prisma.SiteType],
];

it('every shared enum has a type-level check against Prisma', () => {
  expect(Object.keys(typeLevel).sort()).toEqual(pairs.map(([name]) => name).sort());
});

it.each(pairs)('%s: the shared list holds exactly the values of the Prisma enum', (_name, shared, prisma) => {
  expect([...shared].sort()).toEqual(Object.values(prisma).sort());
  expect(new Set(shared).size).toBe(shared.length);
});
