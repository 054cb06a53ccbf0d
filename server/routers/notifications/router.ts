import { router } from '../../trpc/init';
import { templates } from './templates';
import { recordSubscription } from './record-subscription';

export const notificationsRouter = router({ templates, recordSubscription });
