import type { Db } from '../../db/create-db';

type Tx = Pick<Db, 'auditLog'>;

export interface AuditEntry {
  actorUserId: string | null;
  /** What happened, e.g. `auth.login`, `consent.grant`, `checklist.read`. */
  action: string;
  targetType: string;
  targetId?: string | null;
  orgUnitId?: string | null;
  /** Never personal data: ids, versions, counts only. */
  detail?: Record<string, string | number | boolean | null>;
}

/** Appends one row to the audit log (the table refuses UPDATE and DELETE). Pass the transaction client to keep it atomic. */
export async function writeAudit(db: Tx, entry: AuditEntry): Promise<void> {
  await db.auditLog.create({
    data: {
      actorUserId: entry.actorUserId,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId ?? null,
      orgUnitId: entry.orgUnitId ?? null,
      detail: entry.detail ?? undefined,
    },
    select: { id: true },
  });
}
