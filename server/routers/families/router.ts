import { router } from '../../trpc/init';
import { join } from './join';
import { mine } from './mine';
import { inviteGuardian } from './invite-guardian';
import { removeChild } from './remove-child';
import { authorizeCarer } from './authorize-carer';
import { revokeCarer } from './revoke-carer';
import { confirmLegalGuardian } from './confirm-legal-guardian';
import { setGroups } from './set-groups';
import { activity } from './activity';

export const familiesRouter = router({
  join,
  mine,
  inviteGuardian,
  removeChild,
  authorizeCarer,
  revokeCarer,
  confirmLegalGuardian,
  setGroups,
  activity,
});
