import { z } from 'zod';
import { GUARDIAN_RELATIONS } from '../../shared/enums';
import { referralIdInput } from '../../shared/checklists';
import { staffProcedure } from '../../trpc/procedures';
import { getReferral } from '../../services/checklists/referrals';
import { answeredItem, referralAction, referralStatus, tier } from '../checklists/outputs';
import { referralSchool } from './access';
import { contactLine } from '../visits/outputs';

export const get = staffProcedure(['COUNSELOR'])
  .input(referralIdInput)
  .scopedBy(referralSchool)
  .meta({ summary: '转介详情：清单、作答（解密，每次查看记入审计日志）、跟进记录、联系家庭所需的家长与孩子姓名' })
  .output(
    z.object({
      id: z.string(),
      tier,
      childGrade: z.string(),
      status: referralStatus,
      createdAt: z.string(),
      ackDeadline: z.string(),
      acknowledgedAt: z.string().nullable(),
      escalatedAt: z.string().nullable(),
      closedAt: z.string().nullable(),
      overdue: z.boolean(),
      schoolName: z.string(),
      /** The parent deleted the answers: only the counsellor's own notes remain. */
      responseDeleted: z.boolean(),
      checklistTitle: z.string(),
      checklistVersion: z.number().int(),
      answeredAt: z.string(),
      answers: z.array(answeredItem),
      childName: z.string(),
      childClassName: z.string().nullable(),
      guardians: z.array(z.object({ displayName: z.string(), relation: z.enum(GUARDIAN_RELATIONS) })),
      contacts: z.array(contactLine),
      actions: z.array(
        z.object({
          id: z.string(),
          action: referralAction,
          note: z.string().nullable(),
          by: z.string(),
          at: z.string(),
        }),
      ),
    }),
  )
  .query(({ ctx, input }) => getReferral({ db: ctx.db, cipher: ctx.cipher, actor: ctx.user, input }));
