import { PrismaClient } from '@prisma/client';
import knex from 'knex';
import { Pool } from 'pg';
import { config } from './config';

// One client and one pool per process: each holds its own connection pool.
export const prisma = new PrismaClient({
  datasourceUrl: config.databaseUrl,
  log: config.env === 'development' ? ['warn', 'error'] : ['error'],
});

// Reporting queries go through knex; they are easier to compose than Prisma's groupBy.
export const reportingDb = knex({
  client: 'pg',
  connection: config.databaseUrl,
  pool: { min: 0, max: 5 },
});

// A handful of hand-tuned queries run on node-postgres directly.
export const pgPool = new Pool({
  connectionString: config.databaseUrl,
  max: 10,
  idleTimeoutMillis: 30_000,
  connectionTimeoutMillis: 2_000,
});

export async function closeDatabases(): Promise<void> {
  await Promise.all([prisma.$disconnect(), reportingDb.destroy(), pgPool.end()]);
}
