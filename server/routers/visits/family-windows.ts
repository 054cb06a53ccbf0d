import { z } from 'zod';
import { parentProcedure } from '../../trpc/procedures';
import { windowsForFamily } from '../../services/visits/records';
import { visitWindowItem } from './outputs';

export const familyWindows = parentProcedure
  .meta({ summary: '孩子学校正在进行的家访窗口' })
  .output(z.array(visitWindowItem.extend({ schoolName: z.string(), openSlots: z.number().int() })))
  .query(({ ctx }) => windowsForFamily({ db: ctx.db, actor: ctx.user }));
