import { router } from '../../trpc/init';
import { list } from './list';
import { createClass } from './create-class';

export const invitesRouter = router({ list, createClass });
