import type { Prisma } from '../../generated/prisma/client';
import { writeAudit, type AuditEntry } from '../audit/write-audit';

type Tx = Prisma.TransactionClient;

/**
 * Every import leaves two traces in its transaction: a row of the unit's import history (who, when, how many
 * rows, what it created and updated) and an audit entry (`action`, its counts in `detail`).
 */
export async function recordImport(
  tx: Tx,
  run: {
    kind: 'UNITS' | 'STAFF' | 'ROSTER' | 'ATTENDANCE';
    orgUnitId: string;
    actorUserId: string;
    rows: number;
    created: number;
    updated: number;
  },
  audit: Pick<AuditEntry, 'action' | 'targetType' | 'targetId' | 'detail'>,
): Promise<void> {
  await tx.importRun.create({ data: run, select: { id: true } });
  await writeAudit(tx, { actorUserId: run.actorUserId, orgUnitId: run.orgUnitId, ...audit });
}
