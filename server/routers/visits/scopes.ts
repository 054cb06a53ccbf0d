import type { Role } from '../../shared/enums';
import { access, type Access } from '../../trpc/access';
import { windowUnitId } from '../../services/visits/windows';

/** Staff of the window's school (or above). */
export const windowStaff = (roles: Role[]): Access =>
  access.staff(roles, (input: { windowId: string }, ctx) => windowUnitId(ctx.db, input.windowId), 'windowId');

export const slotStaff = (roles: Role[]): Access =>
  access.staff(
    roles,
    async (input: { slotId: string }, ctx) => (await ctx.db.visitSlot.findUnique({ where: { id: input.slotId }, select: { window: { select: { orgUnitId: true } } } }))?.window.orgUnitId ?? null,
    'slotId',
  );

export const visitStaff = (roles: Role[]): Access =>
  access.staff(
    roles,
    async (input: { visitId: string }, ctx) => (await ctx.db.visit.findUnique({ where: { id: input.visitId }, select: { window: { select: { orgUnitId: true } } } }))?.window.orgUnitId ?? null,
    'visitId',
  );

export const unitStaff = (roles: Role[]): Access => access.staff(roles, (input: { orgUnitId: string }) => input.orgUnitId, 'orgUnitId');

export const VISITORS: Role[] = ['TEACHER', 'COUNSELOR'];
export const COORDINATORS: Role[] = ['ADMIN', 'COORDINATOR'];
