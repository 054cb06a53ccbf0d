import { router } from '../../trpc/init';
import { children } from './children';
import { create } from './create';

export const orgUnitsRouter = router({ children, create });
