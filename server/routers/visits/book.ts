import { z } from 'zod';
import { bookVisitInput } from '../../shared/visits';
import { parentProcedure } from '../../trpc/procedures';
import { bookSlot } from '../../services/visits/booking';

export const book = parentProcedure
  .input(bookVisitInput)
  .meta({
    summary:
      '预约家访时段（一个时段只接待一个家庭；每个窗口每个家庭限约一次）；电话家访可留联系手机，入户家访可留住址（加密保存）',
  })
  .output(z.object({ visitId: z.string() }))
  .mutation(({ ctx, input }) => bookSlot({ db: ctx.db, cipher: ctx.cipher, actor: ctx.user, input }));
