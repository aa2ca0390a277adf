// Per-domain business code: the service (cache, repository, owners, outbound enrichment), the outbound
// HTTP client (fetch and axios) and background jobs.

/** Loads the users owning records, with the domain's data library: one query, or (planted) one per id. */
function ownerLoader(domain, sprinkler) {
  // The TypeORM variant runs its queries in `Promise.all` over the ids: an unbounded fan-out as well, which
  // no-unbounded-concurrency reports beside no-n-plus-one (as its documentation says).
  const nPlusOne = sprinkler.plant('n-plus-one-queries', undefined, domain.dataLibrary === 'typeorm' ? ['no-n-plus-one', 'no-unbounded-concurrency'] : undefined);
  switch (domain.dataLibrary) {
    case 'prisma':
      return {
        imports: `import { prisma } from '../../shared/db/prisma';`,
        body: nPlusOne
          ? `  const owners: Owner[] = [];
  for (const id of ownerIds) {
    const owner = await prisma.user.findUnique({ where: { id }, select: { id: true, email: true } });
    if (owner) owners.push(owner);
  }
  return owners;`
          : `  return prisma.user.findMany({ where: { id: { in: [...ownerIds] } }, select: { id: true, email: true } });`,
      };
    case 'typeorm':
      return {
        imports: `import { dataSource } from '../../shared/db/data-source';`,
        body: nPlusOne
          ? `  const owners = await Promise.all(
    ownerIds.map(async (id) => {
      const rows: Owner[] = await dataSource.query('SELECT id, email FROM users WHERE id = $1', [id]);
      return rows[0];
    }),
  );
  return owners.filter((owner): owner is Owner => owner !== undefined);`
          : `  return dataSource.query('SELECT id, email FROM users WHERE id = ANY($1::int[])', [[...ownerIds]]);`,
      };
    case 'knex':
      return {
        imports: `import { db } from '../../shared/db/knex';`,
        body: nPlusOne
          ? `  const owners: Owner[] = [];
  for (const id of ownerIds) {
    const owner = await db<Owner>('users').select('id', 'email').where({ id }).first();
    if (owner) owners.push(owner);
  }
  return owners;`
          : `  if (ownerIds.length === 0) return [];
  return db<Owner>('users').select('id', 'email').whereIn('id', [...ownerIds]);`,
      };
    default:
      return {
        imports: `import { pool } from '../../shared/db/pg';`,
        body: nPlusOne
          ? `  const owners: Owner[] = [];
  for (const id of ownerIds) {
    const { rows } = await pool.query<Owner>('SELECT id, email FROM users WHERE id = $1', [id]);
    owners.push(...rows);
  }
  return owners;`
          : `  const { rows } = await pool.query<Owner>('SELECT id, email FROM users WHERE id = ANY($1::int[])', [[...ownerIds]]);
  return rows;`,
      };
  }
}

export function serviceFile(domain, random, sprinkler) {
  const { Name, name, Plural } = domain;
  const nest = domain.framework === 'nest';
  const owners = ownerLoader(domain, sprinkler);
  const unbounded = sprinkler.plant('bounded-concurrency', 0.15);
  const gzipSync = sprinkler.plant('blocking-calls', 0.1);
  const topCount = random.int(5, 20);
  return `${nest ? `import { Injectable } from '@nestjs/common';\n` : ''}import { promisify } from 'node:util';
import { gzip${gzipSync ? ', gzipSync' : ''} } from 'node:zlib';
${owners.imports}
import { NotFoundError, ValidationError } from '../../shared/errors';
import { childLogger } from '../../shared/logger';
import { mapWithConcurrency } from '../../shared/utils/async';
import { uniq } from '../../shared/utils/collections';
import { cache${Name}, getCached${Name}, invalidate${Name} } from './${name}.cache';
import { ${Name}Client, type ${Name}Details } from './${name}.client';
import type { Create${Name}Input, ${Name}Record } from './${name}.entity';
import { attachOwners, compare${Plural}, ${name}ToCsvRow, summarize${Plural} } from './${name}.mapper';
import { ${Name}Repository, type ${Name}Store } from './${name}.repository';
import { canTransition } from './${name}.validators';

const log = childLogger('${name}');
const gzipAsync = promisify(gzip);

export interface Owner {
  id: number;
  email: string;
}

export async function loadOwners(ownerIds: readonly number[]): Promise<Owner[]> {
${owners.body}
}

${nest ? '@Injectable()\n' : ''}export class ${Name}Service {
  constructor(
    private readonly store: ${Name}Store = new ${Name}Repository(),
    private readonly client: ${Name}Client = new ${Name}Client(),
  ) {}

  async get(id: number): Promise<${Name}Record> {
    const cached = await getCached${Name}(id);
    if (cached) return cached;
    const record = await this.store.findById(id);
    if (!record) throw new NotFoundError('${name}', id);
    await cache${Name}(record);
    return record;
  }

  list(page: number, pageSize: number): Promise<${Name}Record[]> {
    return this.store.list(page, pageSize);
  }

  async create(input: Create${Name}Input): Promise<${Name}Record> {
    const record = await this.store.create(input);
    log.info({ id: record.id, ownerId: record.ownerId }, '${name} created');
    await this.client.notifyCreated(record);
    await cache${Name}(record);
    return record;
  }

  async changeStatus(id: number, status: string): Promise<${Name}Record> {
    const current = await this.get(id);
    if (!canTransition(current.status, status)) {
      throw new ValidationError([\`cannot move ${name} \${id} from \${current.status} to \${status}\`]);
    }
    await this.store.updateStatus(id, status);
    await invalidate${Name}(id);
    log.info({ id, from: current.status, to: status }, '${name} status changed');
    return { ...current, status };
  }

  async remove(id: number): Promise<void> {
    await this.store.remove(id);
    await invalidate${Name}(id);
  }

  async summaryForOwners(ownerIds: readonly number[]) {
    const records = await this.store.findByOwnerIds(uniq(ownerIds));
    return summarize${Plural}(records);
  }

  async listWithOwners(page: number, pageSize: number) {
    const records = await this.store.list(page, pageSize);
    const owners = await loadOwners(uniq(records.map((record) => record.ownerId)));
    return attachOwners(records, owners);
  }

  async enrich(records: readonly ${Name}Record[]): Promise<${Name}Details[]> {
${unbounded
  ? `    return Promise.all(records.map((record) => this.client.fetchDetails(record.id)));`
  : `    return mapWithConcurrency(records, 4, (record) => this.client.fetchDetails(record.id));`}
  }

  async exportArchive(ownerIds: readonly number[]): Promise<Buffer> {
    const records = await this.store.findByOwnerIds(ownerIds);
    const csv = records.sort(compare${Plural}).map(${name}ToCsvRow).join('\\n');
${gzipSync ? `    return gzipSync(csv);` : `    return gzipAsync(csv);`}
  }

  top(records: readonly ${Name}Record[], limit = ${topCount}): ${Name}Record[] {
    return [...records].sort((left, right) => right.amount - left.amount).slice(0, limit);
  }

  statistics(records: readonly ${Name}Record[]) {
    if (records.length === 0) return { count: 0, mean: 0, median: 0, p95: 0 };
    const amounts = records.map((record) => record.amount).sort((a, b) => a - b);
    const mean = amounts.reduce((sum, amount) => sum + amount, 0) / amounts.length;
    const at = (quantile: number) => amounts[Math.min(amounts.length - 1, Math.floor(quantile * amounts.length))];
    return { count: amounts.length, mean: Math.round(mean), median: at(0.5), p95: at(0.95) };
  }
}
`;
}

export function clientFile(domain, random, sprinkler) {
  const { Name, name } = domain;
  const timeoutMs = random.pick([1000, 2000, 3000, 5000, 8000]);
  const detailsFetch = sprinkler.plant('timeouts', 0.2)
    ? `await fetch(\`\${this.baseUrl}/\${id}\`, { headers: { accept: 'application/json' } })`
    : random.pick([
        `await fetch(\`\${this.baseUrl}/\${id}\`, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(${timeoutMs}) })`,
        `await fetch(\`\${this.baseUrl}/\${id}\`, { signal: withTimeout(${timeoutMs}) })`,
      ]);
  const notify = sprinkler.plant('timeouts', 0.15)
    ? `await axios.post(\`\${config.upstreamBaseUrl}/events\`, payload);`
    : random.pick([`await http.post('/events', payload);`, `await axios.post(\`\${config.upstreamBaseUrl}/events\`, payload, { timeout: ${timeoutMs} });`]);
  // An axios instance made per call throws its kept-alive sockets away: no-per-request-client reports it.
  const ratesCall = sprinkler.plant('connection-reuse', 0.1, ['no-per-request-client'])
    ? `    const client = axios.create({ baseURL: config.upstreamBaseUrl, timeout: ${timeoutMs} });
    const response = await client.get<Record<string, number>>('/rates', { params: { currency } });`
    : `    const response = await http.get<Record<string, number>>('/rates', { params: { currency } });`;
  const retryLoop = sprinkler.plant('retries-with-backoff', 0.12)
    ? `    let lastError: unknown;
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        const response = await fetch(url, { method: 'POST', body, signal: AbortSignal.timeout(${timeoutMs}) });
        if (response.ok) return;
        lastError = new Error(\`status \${response.status}\`);
      } catch (error) {
        lastError = error;
      }
    }
    throw new UpstreamError('${name}-webhook', lastError);`
    : `    await retry(async () => {
      const response = await fetch(url, { method: 'POST', body, signal: AbortSignal.timeout(${timeoutMs}) });
      if (!response.ok) throw new Error(\`status \${response.status}\`);
    });`;
  return `import axios from 'axios';
import { config } from '../../shared/config';
import { UpstreamError } from '../../shared/errors';
import { http, withTimeout } from '../../shared/http';
import { retry } from '../../shared/utils/async';
import type { ${Name}Record } from './${name}.entity';

export interface ${Name}Details {
  id: number;
  score: number;
  tags: string[];
  updatedAt: string;
}

function isDetails(value: unknown): value is ${Name}Details {
  return typeof value === 'object' && value !== null && 'id' in value && 'score' in value;
}

export class ${Name}Client {
  private readonly baseUrl = \`\${config.upstreamBaseUrl}/${domain.plural}\`;

  async fetchDetails(id: number): Promise<${Name}Details> {
    let response: Response;
    try {
      response = ${detailsFetch};
    } catch (error) {
      throw new UpstreamError('${name}-details', error);
    }
    if (!response.ok) throw new UpstreamError('${name}-details', \`status \${response.status}\`);
    const body: unknown = await response.json();
    if (!isDetails(body)) throw new UpstreamError('${name}-details', 'unexpected payload');
    return body;
  }

  async notifyCreated(record: ${Name}Record): Promise<void> {
    const payload = { type: '${name}.created', id: record.id, ownerId: record.ownerId, at: new Date().toISOString() };
    ${notify}
  }

  async fetchRates(currency: string): Promise<Record<string, number>> {
${ratesCall}
    return response.data;
  }

  async deliverWebhook(url: string, record: ${Name}Record): Promise<void> {
    const body = JSON.stringify({ event: '${name}.updated', data: record });
${retryLoop}
  }
}
`;
}

export function jobsFile(domain, random, sprinkler) {
  const { Name, name, Plural } = domain;
  const syncLog = sprinkler.plant('asynchronous-logging', 0.12);
  const batchSize = random.pick([50, 100, 200, 500]);
  return `${syncLog ? `import { appendFileSync } from 'node:fs';\n` : ''}import { logger } from '../../shared/logger';
import { chunk, mapWithConcurrency } from '../../shared/utils/async';
import { addDays, isExpired } from '../../shared/utils/dates';
import type { ${Name}Record } from './${name}.entity';
import type { ${Name}Store } from './${name}.repository';

const BATCH_SIZE = ${batchSize};

export interface JobReport {
  scanned: number;
  changed: number;
  failed: number;
}

/** Closes ${domain.plural} older than \`maxAgeDays\`, a batch of owners at a time. */
export async function close${Plural}OlderThan(store: ${Name}Store, ownerIds: readonly number[], maxAgeDays: number): Promise<JobReport> {
  const report: JobReport = { scanned: 0, changed: 0, failed: 0 };
  const now = new Date();
  for (const batch of chunk(ownerIds, BATCH_SIZE)) {
    const records = await store.findByOwnerIds(batch);
    report.scanned += records.length;
    const stale = records.filter((record) => record.status !== 'closed' && isExpired(addDays(record.createdAt, maxAgeDays), now));
    const results = await mapWithConcurrency(stale, 5, async (record) => {
      try {
        await store.updateStatus(record.id, 'closed');
        return true;
      } catch (error) {
        logger.warn({ err: error, id: record.id }, 'could not close ${name}');
        return false;
      }
    });
    for (const ok of results) {
      if (ok) report.changed++;
      else report.failed++;
    }
${syncLog ? `    appendFileSync('/var/log/${name}-jobs.log', \`\${new Date().toISOString()} batch of \${batch.length} done\\n\`);` : `    logger.debug({ batch: batch.length, changed: report.changed }, '${name} batch done');`}
  }
  logger.info(report, 'close${Plural}OlderThan finished');
  return report;
}

export function plan${Plural}Reminders(records: readonly ${Name}Record[], now: Date = new Date()): Map<number, ${Name}Record[]> {
  const byOwner = new Map<number, ${Name}Record[]>();
  for (const record of records) {
    if (record.status !== 'active') continue;
    if (!isExpired(addDays(record.createdAt, ${random.int(3, 30)}), now)) continue;
    const list = byOwner.get(record.ownerId) ?? [];
    list.push(record);
    byOwner.set(record.ownerId, list);
  }
  return byOwner;
}
`;
}
