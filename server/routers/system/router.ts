import { router } from '../../trpc/init';
import { info } from './info';

export const systemRouter = router({ info });
