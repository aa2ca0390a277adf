// Infrastructure every domain imports (database clients, logger, HTTP client, utilities) and the
// application entry points that wire the domains together. Clean code: this is the well-behaved core.

const CONFIG = `export interface AppConfig {
  port: number;
  databaseUrl: string;
  redisUrl: string;
  upstreamBaseUrl: string;
  upstreamTimeoutMs: number;
  pageSizeLimit: number;
}

function readNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new Error(\`\${name} must be a number, got "\${raw}"\`);
  return value;
}

function readString(name: string, fallback: string): string {
  const value = process.env[name];
  return value === undefined || value === '' ? fallback : value;
}

export const config: AppConfig = {
  port: readNumber('PORT', 3000),
  databaseUrl: readString('DATABASE_URL', 'postgres://localhost:5432/app'),
  redisUrl: readString('REDIS_URL', 'redis://localhost:6379'),
  upstreamBaseUrl: readString('UPSTREAM_BASE_URL', 'https://api.example.com'),
  upstreamTimeoutMs: readNumber('UPSTREAM_TIMEOUT_MS', 5000),
  pageSizeLimit: readNumber('PAGE_SIZE_LIMIT', 100),
};
`;

const LOGGER = `import pino from 'pino';

export const logger = pino({
  level: process.env.LOG_LEVEL ?? 'info',
  redact: ['req.headers.authorization', 'password', 'token'],
  base: { service: 'bench-backend' },
});

export type Logger = typeof logger;

export function childLogger(module: string): Logger {
  return logger.child({ module });
}
`;

const ERRORS = `export class AppError extends Error {
  constructor(
    message: string,
    readonly statusCode: number,
    readonly code: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends AppError {
  constructor(entity: string, id: number | string) {
    super(\`\${entity} \${id} not found\`, 404, 'NOT_FOUND');
  }
}

export class ValidationError extends AppError {
  constructor(readonly issues: string[]) {
    super(\`Invalid input: \${issues.join('; ')}\`, 400, 'VALIDATION_FAILED');
  }
}

export class UpstreamError extends AppError {
  constructor(service: string, cause: unknown) {
    super(\`Upstream \${service} failed: \${cause instanceof Error ? cause.message : String(cause)}\`, 502, 'UPSTREAM_FAILED');
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

export function toHttpStatus(error: unknown): number {
  return isAppError(error) ? error.statusCode : 500;
}
`;

const PRISMA = `import { PrismaClient } from '@prisma/client';

// One client for the whole process: it owns the connection pool.
export const prisma = new PrismaClient({ log: ['warn', 'error'] });

export async function disconnectPrisma(): Promise<void> {
  await prisma.$disconnect();
}
`;

const KNEX = `import knex from 'knex';
import { config } from '../config';

export const db = knex({
  client: 'pg',
  connection: config.databaseUrl,
  pool: { min: 2, max: 10, idleTimeoutMillis: 30_000 },
  acquireConnectionTimeout: 10_000,
});
`;

const PG = `import { Pool } from 'pg';
import { config } from '../config';

export const pool = new Pool({
  connectionString: config.databaseUrl,
  max: 10,
  idleTimeoutMillis: 30_000,
  connectionTimeoutMillis: 5_000,
  statement_timeout: 10_000,
});

export async function withClient<T>(work: (client: import('pg').PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    return await work(client);
  } finally {
    client.release();
  }
}
`;

const DATA_SOURCE = `import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { config } from '../config';

export const dataSource = new DataSource({
  type: 'postgres',
  url: config.databaseUrl,
  entities: [import.meta.dirname + '/../../modules/**/*.entity.{ts,js}'],
  synchronize: false,
  extra: { max: 10 },
});
`;

const REDIS = `import Redis from 'ioredis';
import { config } from './config';

export const redis = new Redis(config.redisUrl, {
  maxRetriesPerRequest: 2,
  enableReadyCheck: true,
  lazyConnect: true,
});

export const DEFAULT_TTL_SECONDS = 300;
`;

const HTTP = `import axios from 'axios';
import { config } from './config';

// Shared outbound client: keep-alive, a timeout, JSON by default.
export const http = axios.create({
  baseURL: config.upstreamBaseUrl,
  timeout: config.upstreamTimeoutMs,
  headers: { accept: 'application/json' },
});

export function withTimeout(ms: number = config.upstreamTimeoutMs): AbortSignal {
  return AbortSignal.timeout(ms);
}
`;

const ASYNC_UTILS = `export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export interface RetryOptions {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

const DEFAULT_RETRY: RetryOptions = { attempts: 3, baseDelayMs: 100, maxDelayMs: 2_000 };

/** Retries with exponential backoff and full jitter. */
export async function retry<T>(operation: () => Promise<T>, options: Partial<RetryOptions> = {}): Promise<T> {
  const { attempts, baseDelayMs, maxDelayMs } = { ...DEFAULT_RETRY, ...options };
  let lastError: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) {
    try {
      return await operation();
    } catch (error) {
      lastError = error;
      const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** attempt);
      await sleep(Math.random() * ceiling);
    }
  }
  throw lastError;
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let index = 0; index < items.length; index += size) chunks.push(items.slice(index, index + size));
  return chunks;
}

/** Maps with at most \`limit\` operations in flight. */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  mapper: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await mapper(items[index], index);
    }
  });
  await Promise.all(workers);
  return results;
}
`;

const STRING_UTILS = `export function slugify(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[\\u0300-\\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

export function truncate(value: string, max: number): string {
  return value.length <= max ? value : \`\${value.slice(0, Math.max(0, max - 1))}…\`;
}

export function capitalize(value: string): string {
  return value.length === 0 ? value : value[0].toUpperCase() + value.slice(1);
}

export function maskEmail(email: string): string {
  const at = email.indexOf('@');
  if (at <= 1) return email;
  return \`\${email[0]}***\${email.slice(at)}\`;
}

export function parseCsvLine(line: string): string[] {
  const cells: string[] = [];
  let current = '';
  let quoted = false;
  for (const char of line) {
    if (char === '"') quoted = !quoted;
    else if (char === ',' && !quoted) {
      cells.push(current);
      current = '';
    } else current += char;
  }
  cells.push(current);
  return cells;
}
`;

const DATE_UTILS = `const DAY_MS = 24 * 60 * 60 * 1000;

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

export function startOfDay(date: Date): Date {
  const copy = new Date(date);
  copy.setUTCHours(0, 0, 0, 0);
  return copy;
}

export function daysBetween(from: Date, to: Date): number {
  return Math.round((startOfDay(to).getTime() - startOfDay(from).getTime()) / DAY_MS);
}

export function isExpired(date: Date, now: Date = new Date()): boolean {
  return date.getTime() < now.getTime();
}

export function formatIsoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
`;

const COLLECTION_UTILS = `export function groupBy<T, K extends PropertyKey>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const groupKey = key(item);
    const group = groups.get(groupKey);
    if (group) group.push(item);
    else groups.set(groupKey, [item]);
  }
  return groups;
}

export function indexBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T> {
  return new Map(items.map((item) => [key(item), item] as const));
}

export function uniq<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

export function sumBy<T>(items: readonly T[], value: (item: T) => number): number {
  let total = 0;
  for (const item of items) total += value(item);
  return total;
}

export function partition<T>(items: readonly T[], predicate: (item: T) => boolean): [T[], T[]] {
  const yes: T[] = [];
  const no: T[] = [];
  for (const item of items) (predicate(item) ? yes : no).push(item);
  return [yes, no];
}
`;

const PAGINATION = `export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  hasMore: boolean;
}

export function clampPageSize(requested: unknown, max = 100, fallback = 20): number {
  const value = typeof requested === 'string' ? Number.parseInt(requested, 10) : Number(requested);
  if (!Number.isFinite(value) || value <= 0) return fallback;
  return Math.min(Math.floor(value), max);
}

export function parsePage(requested: unknown): number {
  const value = typeof requested === 'string' ? Number.parseInt(requested, 10) : Number(requested);
  return Number.isFinite(value) && value >= 0 ? Math.floor(value) : 0;
}

export function toPage<T>(items: T[], page: number, pageSize: number): Page<T> {
  return { items: items.slice(0, pageSize), page, pageSize, hasMore: items.length > pageSize };
}
`;

const BOUNDED_CACHE = `/** A small LRU map: the oldest entry goes when the map is full. */
export class BoundedCache<K, V> {
  private readonly entries = new Map<K, { value: V; expiresAt: number }>();

  constructor(
    private readonly maxEntries: number,
    private readonly ttlMs: number,
  ) {}

  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt < Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  delete(key: K): boolean {
    return this.entries.delete(key);
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt: Date.now() + this.ttlMs });
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }
}
`;

export function sharedFiles() {
  return {
    'src/shared/config.ts': CONFIG,
    'src/shared/logger.ts': LOGGER,
    'src/shared/errors.ts': ERRORS,
    'src/shared/db/prisma.ts': PRISMA,
    'src/shared/db/knex.ts': KNEX,
    'src/shared/db/pg.ts': PG,
    'src/shared/db/data-source.ts': DATA_SOURCE,
    'src/shared/redis.ts': REDIS,
    'src/shared/http.ts': HTTP,
    'src/shared/utils/async.ts': ASYNC_UTILS,
    'src/shared/utils/strings.ts': STRING_UTILS,
    'src/shared/utils/dates.ts': DATE_UTILS,
    'src/shared/utils/collections.ts': COLLECTION_UTILS,
    'src/shared/utils/pagination.ts': PAGINATION,
    'src/shared/utils/bounded-cache.ts': BOUNDED_CACHE,
  };
}

/** Entry points: one Express app, one Fastify server and one Nest module, each wiring its domains. */
export function applicationFiles(domains) {
  const express = domains.filter((domain) => domain.framework === 'express');
  const fastify = domains.filter((domain) => domain.framework === 'fastify');
  const nest = domains.filter((domain) => domain.framework === 'nest');
  const expressApp = `import express, { type NextFunction, type Request, type Response } from 'express';
import { toHttpStatus } from '../shared/errors';
import { logger } from '../shared/logger';
${express.map((d) => `import { ${d.name}Router } from '../modules/${d.name}/${d.name}.routes';`).join('\n')}

export function createExpressApp() {
  const app = express();
  app.use(express.json({ limit: '1mb' }));
${express.map((d) => `  app.use('/${d.plural}', ${d.name}Router);`).join('\n')}
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    logger.error({ err: error }, 'request failed');
    res.status(toHttpStatus(error)).json({ error: error instanceof Error ? error.message : 'unknown' });
  });
  return app;
}
`;
  const fastifyApp = `import Fastify from 'fastify';
${fastify.map((d) => `import { ${d.name}Routes } from '../modules/${d.name}/${d.name}.fastify';`).join('\n')}

export async function createFastifyServer() {
  const server = Fastify({ logger: true, bodyLimit: 1_048_576 });
${fastify.map((d) => `  await server.register(${d.name}Routes, { prefix: '/${d.plural}' });`).join('\n')}
  return server;
}
`;
  const nestModule = `import { Module } from '@nestjs/common';
${nest.map((d) => `import { ${d.Plural}Controller } from '../modules/${d.name}/${d.name}.controller';
import { ${d.Name}Service } from '../modules/${d.name}/${d.name}.service';`).join('\n')}

@Module({
  controllers: [${nest.map((d) => `${d.Plural}Controller`).join(', ')}],
  providers: [${nest.map((d) => `${d.Name}Service`).join(', ')}],
})
export class AppModule {}
`;
  const main = `import { config } from './shared/config';
import { logger } from './shared/logger';
import { createExpressApp } from './app/express-app';
import { createFastifyServer } from './app/fastify-app';

async function main(): Promise<void> {
  const app = createExpressApp();
  app.listen(config.port, () => logger.info({ port: config.port }, 'express listening'));
  const server = await createFastifyServer();
  await server.listen({ port: config.port + 1 });
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, 'startup failed');
  process.exitCode = 1;
});
`;
  return {
    'src/app/express-app.ts': expressApp,
    'src/app/fastify-app.ts': fastifyApp,
    'src/app/app.module.ts': nestModule,
    'src/main.ts': main,
  };
}
