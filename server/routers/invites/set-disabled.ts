import { setInviteDisabledInput } from '../../shared/schemas';
import { staffProcedure } from '../../trpc/procedures';
import { setInviteDisabled } from '../../services/invites/invites';
import { ok } from '../outputs';
import { INVITE_MANAGERS, inviteUnit } from './access';

export const setDisabled = staffProcedure(INVITE_MANAGERS)
  .input(setInviteDisabledInput)
  .scopedBy(inviteUnit)
  .meta({ summary: '停用或重新启用学校、班级邀请码' })
  .output(ok)
  .mutation(({ ctx, input }) => setInviteDisabled({ db: ctx.db, actor: ctx.user, unit: ctx.unit, input }));
