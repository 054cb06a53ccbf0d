import { z } from 'zod';
import { ROLES } from '../../shared/enums';

export const roleGrantOutput = z.object({ role: z.enum(ROLES), orgUnitId: z.string(), orgUnitName: z.string() });

export const loginOutput = z.object({
  token: z.string(),
  expiresAt: z.string(),
  user: z.object({ id: z.string(), roles: z.array(roleGrantOutput), mustChangePassword: z.boolean() }),
});
