import { router } from '../../trpc/init';
import { list } from './list';
import { createClass } from './create-class';
import { rotate } from './rotate';
import { setDisabled } from './set-disabled';

export const invitesRouter = router({ list, createClass, rotate, setDisabled });
