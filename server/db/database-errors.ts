/**
 * Whether an error means "the database cannot be reached right now" (as opposed to a bad query):
 * refused or cut connections, a database not accepting connections, pool timeouts. Looks through the
 * error and its causes, since Prisma's driver adapters wrap the driver's error.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  const seen = new Set<unknown>();
  let e = err as { code?: unknown; name?: unknown; message?: unknown; cause?: unknown; meta?: unknown } | undefined;
  while (e && typeof e === 'object' && !seen.has(e)) {
    seen.add(e);
    const text = `${String(e.code ?? '')} ${String(e.name ?? '')} ${String(e.message ?? '')} ${JSON.stringify(e.meta ?? '')}`;
    if (
      /ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|terminating connection|Connection terminated|connection is closed|not currently accepting connections|timeout exceeded when trying to connect|the database system is (starting|shutting|in recovery)|too many clients|Cannot use a pool after calling end|P2028|Unable to start a transaction|P1001|P1002|P1008|P1017|57P01|57P03|55000|53300|08006|08001|08003/i.test(
        text,
      )
    ) {
      return true;
    }
    e = e.cause as typeof e;
  }
  return false;
}

/** Whether an error is a unique constraint the database refused (Prisma's P2002, or PostgreSQL's 23505 in raw SQL). */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | undefined;
  return e?.code === 'P2002' || /23505|unique constraint|duplicate key/i.test(`${e?.code ?? ''} ${e?.message ?? ''}`);
}
