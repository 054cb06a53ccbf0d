import { router } from '../../trpc/init';
import { join } from './join';
import { mine } from './mine';

export const familiesRouter = router({ join, mine });
