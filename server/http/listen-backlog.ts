/**
 * Connections the kernel may queue for accept: long enough for a burst (a thousand parents tapping 报名 the
 * minute registration opens). Node's default of 511 drops the rest, and their clients retry a second
 * later. The kernel caps it at net.core.somaxconn.
 */
export const LISTEN_BACKLOG = 4096;
