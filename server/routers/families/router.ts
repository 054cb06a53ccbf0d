import { router } from '../../trpc/init';
import { join } from './join';
import { mine } from './mine';
import { inviteGuardian } from './invite-guardian';
import { removeChild } from './remove-child';
import { authorizeCarer } from './authorize-carer';
import { revokeCarer } from './revoke-carer';
import { confirmLegalGuardian } from './confirm-legal-guardian';
import { caregivers } from './caregivers';
import { setGroups } from './set-groups';
import { addChild } from './add-child';
import { updateChild } from './update-child';
import { requestChildCorrection } from './request-child-correction';
import { classOptions } from './class-options';
import { leave } from './leave';
import { activity } from './activity';
import { setMobile } from './set-mobile';
import { mobileFromWechat } from './mobile-from-wechat';

export const familiesRouter = router({
  join,
  mine,
  inviteGuardian,
  removeChild,
  addChild,
  updateChild,
  requestChildCorrection,
  classOptions,
  leave,
  authorizeCarer,
  revokeCarer,
  confirmLegalGuardian,
  caregivers,
  setGroups,
  activity,
  setMobile,
  mobileFromWechat,
});
