import { router } from '../../trpc/init';
import { lines } from './lines';

export const helpRouter = router({ lines });
