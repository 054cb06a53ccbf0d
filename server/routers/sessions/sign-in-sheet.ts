import { z } from 'zod';
import { sessionIdInput } from '../../shared/sessions';
import { staffProcedure } from '../../trpc/procedures';
import { signInSheet as signInSheetService } from '../../services/sessions/sign-in-sheet';
import { SESSION_MANAGERS, sessionUnit } from './access';

/** Names the school's children in full: the unit's coordinators and admins only (as the ledger), audited. */
export const signInSheet = staffProcedure(SESSION_MANAGERS)
  .input(sessionIdInput)
  .scopedBy(sessionUnit)
  .meta({ summary: '导出活动签到表 Excel（序号、年级班级、学生姓名、报名情况、家长签名空白栏；记入审计）' })
  .output(z.object({ fileName: z.string(), base64: z.string() }))
  .query(({ ctx, input }) => signInSheetService({ db: ctx.db, actor: ctx.user, input }));
