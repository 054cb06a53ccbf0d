import { router } from '../../trpc/init';
import { join } from './join';
import { mine } from './mine';
import { inviteGuardian } from './invite-guardian';
import { removeChild } from './remove-child';

export const familiesRouter = router({ join, mine, inviteGuardian, removeChild });
