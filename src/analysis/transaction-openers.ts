/**
 * The names of the calls that open a transaction, run the callback given them inside it and close it, across the
 * libraries (`prisma.$transaction(cb)`, `knex.transaction(cb)`, Mongoose's `session.withTransaction(cb)`) and the
 * projects' own wrappers. One list for the transaction analysis and for the per-element analysis, which both ask.
 */
export const TRANSACTION_OPENER_NAMES: readonly string[] = ['$transaction', 'transaction', 'transactional', 'withTransaction'];

/** Kysely builder steps between `transaction()` and `execute(cb)` (`setIsolationLevel`, `setAccessMode`). */
export const MAX_TRANSACTION_BUILDER_STEPS = 4;
