import { router } from '../../trpc/init';
import { lines } from './lines';
import { setCityLines } from './set-city-lines';

export const helpRouter = router({ lines, setCityLines });
