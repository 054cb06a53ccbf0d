/**
 * Test data builders, one module per domain. They write with Prisma (app.db) or go through the tRPC
 * caller, never through server/services (whose signatures may change under them), and they put
 * everything in the builders' own counties (see ./org).
 */
export * from './org';
export * from './families';
export * from './sessions';
export * from './visits';
export * from './checklists';
export * from './lessons';
