import { router } from '../../trpc/init';
import { list } from './list';
import { get } from './get';
import { acknowledge } from './acknowledge';
import { addAction } from './add-action';
import { stats } from './stats';
import { revealContact } from './reveal-contact';

export const referralsRouter = router({ list, get, acknowledge, addAction, stats, revealContact });
