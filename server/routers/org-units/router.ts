import { router } from '../../trpc/init';
import { children } from './children';

export const orgUnitsRouter = router({ children });
