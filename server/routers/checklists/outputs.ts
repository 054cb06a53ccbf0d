import { z } from 'zod';
import {
  CHECKLIST_STAGES,
  REFERRAL_ACTIONS,
  REFERRAL_STATUSES,
  RISK_TIERS,
  checklistItemSchema,
  checklistScoringSchema,
} from '../../shared/checklists';

export const tier = z.enum(RISK_TIERS);
export const referralStatus = z.enum(REFERRAL_STATUSES);
export const referralAction = z.enum(REFERRAL_ACTIONS);
/** The actions a parent is shown: all but the counsellor's notes. */
export const parentReferralAction = z.enum(REFERRAL_ACTIONS).exclude(['NOTE']);
export const hotline = z.object({ name: z.string(), number: z.string() });

export const answeredItem = z.object({
  itemId: z.string(),
  text: z.string(),
  answer: z.number().int(),
  answerLabel: z.string(),
  critical: z.boolean(),
});

export const checklistForParents = z.object({
  id: z.string(),
  code: z.string(),
  version: z.number().int(),
  title: z.string(),
  stage: z.enum(CHECKLIST_STAGES),
  intro: z.string(),
  /** `critical`: a danger sign (answered 有时 or 经常 ⇒ URGENT), shown marked so that nobody waits on it. */
  items: z.array(z.object({ id: z.string(), text: z.string(), critical: z.boolean() })),
});

export const checklistForEditor = z.object({
  id: z.string(),
  code: z.string(),
  version: z.number().int(),
  title: z.string(),
  stage: z.enum(CHECKLIST_STAGES),
  intro: z.string(),
  items: z.array(checklistItemSchema),
  scoring: checklistScoringSchema,
  published: z.boolean(),
  createdAt: z.string(),
});
