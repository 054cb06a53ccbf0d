import { router } from '../../trpc/init';
import { list } from './list';
import { get } from './get';
import { complete } from './complete';
import { create } from './create';
import { update } from './update';
import { publish } from './publish';
import { unpublish } from './unpublish';
import { stats } from './stats';
import { classStats } from './class-stats';

export const lessonsRouter = router({ list, get, complete, create, update, publish, unpublish, stats, classStats });
