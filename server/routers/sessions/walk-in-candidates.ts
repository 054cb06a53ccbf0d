import { z } from 'zod';
import { walkInSearchInput } from '../../shared/sessions';
import { staffProcedure } from '../../trpc/procedures';
import { walkInCandidates as walkInCandidatesService } from '../../services/sessions/walk-ins';
import { registrationStatus } from './outputs';
import { SESSION_MANAGERS, sessionUnit } from './access';

/** Coordinators keep the class rosters (as rosters.students); teachers take the roll of the registered families. */
export const walkInCandidates = staffProcedure(SESSION_MANAGERS)
  .input(walkInSearchInput)
  .scopedBy(sessionUnit)
  .meta({ summary: '补录未报名的家庭：按孩子姓名或班级查找本校（本站点）的家庭，名册上的与已加入平台的' })
  .output(
    z.object({
      items: z.array(
        z.object({
          familyId: z.string(),
          guardians: z.array(z.string()),
          children: z.array(z.object({ name: z.string(), grade: z.string(), className: z.string().nullable() })),
          joined: z.boolean(),
          registration: registrationStatus.nullable(),
          present: z.boolean(),
        }),
      ),
      more: z.boolean(),
    }),
  )
  .query(({ ctx, input }) => walkInCandidatesService({ db: ctx.db, actor: ctx.user, input }));
