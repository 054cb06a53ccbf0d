import { router } from '../../trpc/init';
import { current } from './current';
import { grant } from './grant';
import { withdraw } from './withdraw';
import { mine } from './mine';

export const consentsRouter = router({ current, grant, withdraw, mine });
