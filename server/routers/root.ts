import { router, createCallerFactory } from '../trpc/init';
import { authRouter } from './auth/router';
import { familiesRouter } from './families/router';
import { orgUnitsRouter } from './org-units/router';
import { consentsRouter } from './consents/router';
import { systemRouter } from './system/router';
import { invitesRouter } from './invites/router';
import { sessionsRouter } from './sessions/router';
import { notificationsRouter } from './notifications/router';
import { visitsRouter } from './visits/router';
import { reportsRouter } from './reports/router';
import { lessonsRouter } from './lessons/router';
import { checklistsRouter } from './checklists/router';
import { referralsRouter } from './referrals/router';
import { staffRouter } from './staff/router';
import { rostersRouter } from './rosters/router';
import { helpRouter } from './help/router';
import { knowledgeRouter } from './knowledge/router';

export const appRouter = router({
  system: systemRouter,
  auth: authRouter,
  orgUnits: orgUnitsRouter,
  families: familiesRouter,
  consents: consentsRouter,
  invites: invitesRouter,
  sessions: sessionsRouter,
  notifications: notificationsRouter,
  visits: visitsRouter,
  reports: reportsRouter,
  lessons: lessonsRouter,
  checklists: checklistsRouter,
  referrals: referralsRouter,
  staff: staffRouter,
  rosters: rostersRouter,
  help: helpRouter,
  knowledge: knowledgeRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
