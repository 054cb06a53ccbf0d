import { z } from 'zod';
import { VISIT_SEASONS } from '../../shared/visits';
import { parentProcedure } from '../../trpc/procedures';
import { windowsForFamily } from '../../services/visits/records';

export const familyWindows = parentProcedure
  .meta({ summary: '孩子学校正在进行的家访窗口' })
  .output(
    z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        season: z.enum(VISIT_SEASONS),
        startsOn: z.string(),
        endsOn: z.string(),
        schoolName: z.string(),
      }),
    ),
  )
  .query(({ ctx }) => windowsForFamily({ db: ctx.db, actor: ctx.user }));
