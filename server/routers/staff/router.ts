import { router } from '../../trpc/init';
import { create } from './create';
import { disable } from './disable';

export const staffRouter = router({ create, disable });
