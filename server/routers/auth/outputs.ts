import { z } from 'zod';
import { ORG_UNIT_KINDS, ROLES } from '../../shared/enums';

export const roleGrantOutput = z.object({
  role: z.enum(ROLES),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  orgUnitKind: z.enum(ORG_UNIT_KINDS),
});

export const loginOutput = z.object({
  token: z.string(),
  expiresAt: z.string(),
  user: z.object({ id: z.string(), roles: z.array(roleGrantOutput), mustChangePassword: z.boolean() }),
});
