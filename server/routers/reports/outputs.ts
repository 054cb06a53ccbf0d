import { z } from 'zod';
import { ORG_UNIT_KINDS } from '../../shared/enums';

const n = z.number().nullable();
export const coverageRow = z.object({
  orgUnitId: z.string(),
  name: z.string(),
  kind: z.enum(ORG_UNIT_KINDS),
  code: z.string().nullable(),
  families: n,
  enrolledFamilies: n,
  joinedFamilies: n,
  servedFamilies: n,
  coverage: n,
  guidanceSites: n,
  activeGuidanceSites: n,
  sessions: n,
  attendances: n,
  homeVisitsDone: n,
});

export const exportFile = z.object({ fileName: z.string(), base64: z.string() });
