// Per-domain data access: a repository in the domain's library (Prisma, TypeORM, knex or pg) behind one
// interface, and a Redis-backed cache. Most methods are written the right way; a few get a planted
// anti-pattern (N+1 loops, SELECT *, missing pagination, filtering in JS, interpolated SQL, long
// transactions, per-call clients, caches without TTL or bound, one cache read per key).
import { snake } from './domains.mjs';
import { columnsOf } from './model-files.mjs';
import { nameHash } from './sprinkle.mjs';

// A whole table read and then paged or filtered in JavaScript: no-in-memory-filtering reports the slice or the
// filter, and no-unbounded-query (strict) the read; knex builders are outside no-unbounded-query's scope.
const IN_MEMORY_READ_RULES = ['no-in-memory-filtering', 'no-unbounded-query'];
const IN_MEMORY_READ_RULES_KNEX = ['no-in-memory-filtering'];
const COUNT_FOR_EXISTENCE_RULES = ['no-count-for-existence'];

function storeInterface({ Name }) {
  return `export interface ${Name}Store {
  findById(id: number): Promise<${Name}Record | null>;
  list(page: number, pageSize: number): Promise<${Name}Record[]>;
  findByOwnerIds(ownerIds: readonly number[]): Promise<${Name}Record[]>;
  create(input: Create${Name}Input): Promise<${Name}Record>;
  updateStatus(id: number, status: string): Promise<void>;
  remove(id: number): Promise<void>;
  countByStatus(status: string): Promise<number>;
}
`;
}

/** One query per element of `items` (each returning an array), as a sequential loop or a Promise.all fan-out. */
function perElementLoop({ random, items, item, resultType, query }) {
  if (random.chance(0.5)) {
    return `    const results: ${resultType}[] = [];
    for (const ${item} of ${items}) {
      const found = await ${query};
      results.push(...found);
    }
    return results;`;
  }
  return `    const results = await Promise.all(${items}.map((${item}) => ${query}));
    return results.flat();`;
}

function prismaRepository(domain, random, sprinkler) {
  const { Name, name, Plural } = domain;
  const model = domain.prismaModel;
  const delegate = `this.client.${model.delegate}`;
  const parts = [`import { PrismaClient } from '@prisma/client';
import { http } from '../../shared/http';
import { prisma } from '../../shared/db/prisma';
import type { Create${Name}Input, ${Name}Record } from './${name}.entity';

const SELECT = ${model.select} as const;

type Selected = ${model.rowType};

function toRecord(row: Selected): ${Name}Record {
  return ${model.toRecord('row')};
}

${storeInterface(domain)}
export class ${Name}Repository implements ${Name}Store {
  constructor(private readonly client: PrismaClient = prisma) {}

  async findById(id: number): Promise<${Name}Record | null> {
    const row = await ${delegate}.findUnique({ where: { id }, select: SELECT });
    return row ? toRecord(row) : null;
  }
`];
  if (sprinkler.plant('paginate-large-results', 0.15, IN_MEMORY_READ_RULES)) {
    parts.push(`  async list(page: number, pageSize: number): Promise<${Name}Record[]> {
    const rows = await ${delegate}.findMany({ select: SELECT, orderBy: { id: 'desc' } });
    return rows.slice(page * pageSize, (page + 1) * pageSize).map(toRecord);
  }
`);
  } else {
    parts.push(`  async list(page: number, pageSize: number): Promise<${Name}Record[]> {
    const rows = await ${delegate}.findMany({ select: SELECT, orderBy: { id: 'desc' }, skip: page * pageSize, take: pageSize });
    return rows.map(toRecord);
  }
`);
  }
  if (sprinkler.plant('n-plus-one-queries')) {
    const body = random.chance(0.5)
      ? `    const records: ${Name}Record[] = [];
    for (const ownerId of ownerIds) {
      const rows = await ${delegate}.findMany({ where: { ${model.ownerField}: ownerId }, select: SELECT });
      records.push(...rows.map(toRecord));
    }
    return records;`
      : `    const rows = await Promise.all(
      ownerIds.map((ownerId) => ${delegate}.findMany({ where: { ${model.ownerField}: ownerId }, select: SELECT })),
    );
    return rows.flat().map(toRecord);`;
    parts.push(`  async findByOwnerIds(ownerIds: readonly number[]): Promise<${Name}Record[]> {
${body}
  }
`);
  } else {
    parts.push(`  async findByOwnerIds(ownerIds: readonly number[]): Promise<${Name}Record[]> {
    if (ownerIds.length === 0) return [];
    const rows = await ${delegate}.findMany({ where: { ${model.ownerField}: { in: [...ownerIds] } }, select: SELECT });
    return rows.map(toRecord);
  }
`);
  }
  parts.push(`  async create(input: Create${Name}Input): Promise<${Name}Record> {
    const row = await ${delegate}.create({ data: ${model.createData('input')}, select: SELECT });
    return toRecord(row);
  }

  async updateStatus(id: number, status: string): Promise<void> {
    await ${delegate}.update({ where: { id }, data: ${model.statusData('status')} });
  }

  async remove(id: number): Promise<void> {
    await ${delegate}.delete({ where: { id } });
  }

  countByStatus(status: string): Promise<number> {
    return ${delegate}.count({ where: ${model.statusWhere('status')} });
  }

  findWithRelations(id: number) {
    return ${delegate}.findUnique({ where: { id }, include: { ${model.relation}: true } });
  }
`);
  // The latest rows and the total, awaited one after the other though neither needs the other: one round trip wasted.
  if (sprinkler.plantIf(nameHash(name) % 4 === 1, 'reduce-round-trips')) {
    parts.push(`  async latestWithTotal(pageSize: number): Promise<{ records: ${Name}Record[]; total: number }> {
    const rows = await ${delegate}.findMany({ select: SELECT, orderBy: { id: 'desc' }, take: pageSize });
    const total = await ${delegate}.count();
    return { records: rows.map(toRecord), total };
  }
`);
  } else {
    parts.push(`  async latestWithTotal(pageSize: number): Promise<{ records: ${Name}Record[]; total: number }> {
    const [rows, total] = await Promise.all([
      ${delegate}.findMany({ select: SELECT, orderBy: { id: 'desc' }, take: pageSize }),
      ${delegate}.count(),
    ]);
    return { records: rows.map(toRecord), total };
  }
`);
  }
  // Existence by count: every row of the owner counted to learn whether there is one. Decided by the name,
  // without a random draw, so the rest of the project stays as before this plant existed.
  if (sprinkler.plantIf(nameHash(name) % 4 === 0, 'filter-in-the-database', COUNT_FOR_EXISTENCE_RULES)) {
    parts.push(`  async hasAnyForOwner(ownerId: number): Promise<boolean> {
    return (await ${delegate}.count({ where: { ${model.ownerField}: ownerId } })) > 0;
  }
`);
  } else {
    parts.push(`  async hasAnyForOwner(ownerId: number): Promise<boolean> {
    return (await ${delegate}.findFirst({ where: { ${model.ownerField}: ownerId }, select: { id: true } })) !== null;
  }
`);
  }
  if (sprinkler.plant('filter-in-the-database', 0.15, IN_MEMORY_READ_RULES)) {
    parts.push(`  async activeForOwner(ownerId: number): Promise<${Name}Record[]> {
    const rows = await ${delegate}.findMany({ select: SELECT });
    return rows.map(toRecord).filter((record) => record.ownerId === ownerId && record.status === 'active');
  }
`);
  } else {
    parts.push(`  async activeForOwner(ownerId: number): Promise<${Name}Record[]> {
    const rows = await ${delegate}.findMany({
      where: { ${model.ownerField}: ownerId, ...${model.statusWhere("'active'")} },
      select: SELECT,
      take: 100,
    });
    return rows.map(toRecord);
  }
`);
  }
  if (sprinkler.plant('n-plus-one-queries')) {
    parts.push(`  async updateStatuses(ids: readonly number[], status: string): Promise<number> {
    let updated = 0;
    for (const id of ids) {
      await ${delegate}.update({ where: { id }, data: ${model.statusData('status')} });
      updated++;
    }
    return updated;
  }
`);
  } else {
    parts.push(`  async updateStatuses(ids: readonly number[], status: string): Promise<number> {
    const result = await ${delegate}.updateMany({ where: { id: { in: [...ids] } }, data: ${model.statusData('status')} });
    return result.count;
  }
`);
  }
  const auditCall = sprinkler.plant('short-transactions', 0.15)
    ? `\n      await http.post('/audit', { entity: '${name}', id, action: 'activate' });`
    : '';
  parts.push(`  async activate(id: number): Promise<${Name}Record> {
    const record = await this.client.$transaction(async (tx) => {
      const row = await tx.${model.delegate}.findUniqueOrThrow({ where: { id }, select: SELECT });${auditCall}
      await tx.${model.delegate}.update({ where: { id }, data: ${model.statusData("'active'")} });
      return toRecord(row);
    });
    return record;
  }
}
`);
  if (sprinkler.plant('connection-pooling', 0.2)) {
    parts.push(`export async function count${Plural}(): Promise<number> {
  const client = new PrismaClient();
  try {
    return await client.${model.delegate}.count();
  } finally {
    await client.$disconnect();
  }
}
`);
  } else {
    parts.push(`export function count${Plural}(): Promise<number> {
  return prisma.${model.delegate}.count();
}
`);
  }
  return parts.join('\n');
}

function typeormRepository(domain, random, sprinkler) {
  const { Name, name, Plural, table } = domain;
  const summaryColumns = `{ id: true, ownerId: true, status: true, label: true, amount: true, createdAt: true }`;
  const parts = [`import { In, type Repository } from 'typeorm';
import { dataSource } from '../../shared/db/data-source';
import { http } from '../../shared/http';
import { ${Name}, type Create${Name}Input, type ${Name}Record } from './${name}.entity';

const SUMMARY_COLUMNS = ${summaryColumns} as const;

${storeInterface(domain)}
export class ${Name}Repository implements ${Name}Store {
  constructor(private readonly repository: Repository<${Name}> = dataSource.getRepository(${Name})) {}

  findById(id: number): Promise<${Name}Record | null> {
    return this.repository.findOne({ where: { id }, select: SUMMARY_COLUMNS });
  }
`];
  if (sprinkler.plant('paginate-large-results', 0.15, IN_MEMORY_READ_RULES)) {
    parts.push(`  async list(page: number, pageSize: number): Promise<${Name}Record[]> {
    const all = await this.repository.find({ select: SUMMARY_COLUMNS, order: { id: 'DESC' } });
    return all.slice(page * pageSize, (page + 1) * pageSize);
  }
`);
  } else {
    parts.push(`  list(page: number, pageSize: number): Promise<${Name}Record[]> {
    return this.repository.find({ select: SUMMARY_COLUMNS, order: { id: 'DESC' }, skip: page * pageSize, take: pageSize });
  }
`);
  }
  if (sprinkler.plant('n-plus-one-queries')) {
    parts.push(`  async findByOwnerIds(ownerIds: readonly number[]): Promise<${Name}Record[]> {
${perElementLoop({
  random,
  items: 'ownerIds',
  item: 'ownerId',
  resultType: `${Name}Record`,
  query: `this.repository.findBy({ ownerId })`,
})}
  }
`);
  } else {
    parts.push(`  findByOwnerIds(ownerIds: readonly number[]): Promise<${Name}Record[]> {
    return this.repository.find({ where: { ownerId: In([...ownerIds]) }, select: SUMMARY_COLUMNS });
  }
`);
  }
  parts.push(`  create(input: Create${Name}Input): Promise<${Name}Record> {
    return this.repository.save(this.repository.create(input));
  }

  async updateStatus(id: number, status: string): Promise<void> {
    await this.repository.update({ id }, { status });
  }

  async remove(id: number): Promise<void> {
    await this.repository.delete({ id });
  }

  countByStatus(status: string): Promise<number> {
    return this.repository.countBy({ status });
  }
`);
  if (sprinkler.plant('select-only-needed-columns', 0.2)) {
    parts.push(`  search(term: string): Promise<${Name}Record[]> {
    return this.repository.query('SELECT * FROM ${table} WHERE label ILIKE $1 LIMIT 50', [\`%\${term}%\`]);
  }
`);
  } else if (sprinkler.plant('parameterized-queries', 0.2)) {
    parts.push(`  search(term: string): Promise<Pick<${Name}Record, 'id' | 'label'>[]> {
    return this.repository.query(\`SELECT id, label FROM ${table} WHERE label ILIKE '%\${term}%' LIMIT 50\`);
  }
`);
  } else {
    parts.push(`  search(term: string): Promise<${Name}Record[]> {
    return this.repository
      .createQueryBuilder('${name}')
      .select(['${name}.id', '${name}.label', '${name}.status', '${name}.ownerId'])
      .where('${name}.label ILIKE :term', { term: \`%\${term}%\` })
      .orderBy('${name}.id', 'DESC')
      .limit(50)
      .getMany();
  }
`);
  }
  if (sprinkler.plant('filter-in-the-database', 0.15, IN_MEMORY_READ_RULES)) {
    parts.push(`  async activeForOwner(ownerId: number): Promise<${Name}Record[]> {
    const all = await this.repository.find({ select: SUMMARY_COLUMNS });
    return all.filter((record) => record.ownerId === ownerId && record.status === 'active');
  }
`);
  } else {
    parts.push(`  activeForOwner(ownerId: number): Promise<${Name}Record[]> {
    return this.repository.find({ where: { ownerId, status: 'active' }, select: SUMMARY_COLUMNS, take: 100 });
  }
`);
  }
  if (sprinkler.plant('n-plus-one-queries')) {
    parts.push(`  async updateStatuses(ids: readonly number[], status: string): Promise<number> {
    for (const id of ids) {
      await this.repository.update({ id }, { status });
    }
    return ids.length;
  }
`);
  } else {
    parts.push(`  async updateStatuses(ids: readonly number[], status: string): Promise<number> {
    const result = await this.repository.update({ id: In([...ids]) }, { status });
    return result.affected ?? 0;
  }
`);
  }
  const auditCall = sprinkler.plant('short-transactions', 0.15)
    ? `\n      await http.post('/audit', { entity: '${name}', id, ownerId });`
    : '';
  parts.push(`  reassign(id: number, ownerId: number): Promise<void> {
    return dataSource.transaction(async (manager) => {
      const current = await manager.findOneByOrFail(${Name}, { id });${auditCall}
      await manager.update(${Name}, { id: current.id }, { ownerId, status: 'active' });
    });
  }
}

export function count${Plural}(): Promise<number> {
  return dataSource.getRepository(${Name}).count();
}
`);
  return parts.join('\n');
}

function knexRepository(domain, random, sprinkler) {
  const { Name, name, Plural, extraFields } = domain;
  const upper = snake(name).toUpperCase();
  const columns = columnsOf(domain).map((column) => `'${column}'`).join(', ');
  const table = `${upper}_TABLE`;
  const insert = `{ owner_id: input.ownerId, status: input.status, label: input.label, amount: input.amount${extraFields
    .map((f) => `, ${snake(f.name)}: input.${f.name} ?? null`)
    .join('')} }`;
  const parts = [`import { db } from '../../shared/db/knex';
import { http } from '../../shared/http';
import { ${table}, type Create${Name}Input, type ${Name}Record, type ${Name}Row } from './${name}.entity';
import { rowTo${Name}Record } from './${name}.mapper';

${storeInterface(domain)}
export class ${Name}Repository implements ${Name}Store {
  async findById(id: number): Promise<${Name}Record | null> {
    const row = await db<${Name}Row>(${table}).select(${columns}).where({ id }).first();
    return row ? rowTo${Name}Record(row) : null;
  }
`];
  if (sprinkler.plant('select-only-needed-columns', 0.2)) {
    parts.push(`  async list(page: number, pageSize: number): Promise<${Name}Record[]> {
    const rows: ${Name}Row[] = await db(${table}).select('*').orderBy('id', 'desc').limit(pageSize).offset(page * pageSize);
    return rows.map(rowTo${Name}Record);
  }
`);
  } else if (sprinkler.plant('paginate-large-results', 0.15, IN_MEMORY_READ_RULES_KNEX)) {
    parts.push(`  async list(page: number, pageSize: number): Promise<${Name}Record[]> {
    const rows = await db<${Name}Row>(${table}).select(${columns}).orderBy('id', 'desc');
    return rows.slice(page * pageSize, (page + 1) * pageSize).map(rowTo${Name}Record);
  }
`);
  } else {
    parts.push(`  async list(page: number, pageSize: number): Promise<${Name}Record[]> {
    const rows = await db<${Name}Row>(${table}).select(${columns}).orderBy('id', 'desc').limit(pageSize).offset(page * pageSize);
    return rows.map(rowTo${Name}Record);
  }
`);
  }
  if (sprinkler.plant('n-plus-one-queries')) {
    parts.push(`  async findByOwnerIds(ownerIds: readonly number[]): Promise<${Name}Record[]> {
    const records: ${Name}Record[] = [];
    for (const ownerId of ownerIds) {
      const rows = await db<${Name}Row>(${table}).select(${columns}).where({ owner_id: ownerId });
      records.push(...rows.map(rowTo${Name}Record));
    }
    return records;
  }
`);
  } else {
    parts.push(`  async findByOwnerIds(ownerIds: readonly number[]): Promise<${Name}Record[]> {
    if (ownerIds.length === 0) return [];
    const rows = await db<${Name}Row>(${table}).select(${columns}).whereIn('owner_id', [...ownerIds]);
    return rows.map(rowTo${Name}Record);
  }
`);
  }
  parts.push(`  async create(input: Create${Name}Input): Promise<${Name}Record> {
    const [row] = await db<${Name}Row>(${table}).insert(${insert}).returning([${columns}]);
    return rowTo${Name}Record(row as ${Name}Row);
  }

  async updateStatus(id: number, status: string): Promise<void> {
    await db<${Name}Row>(${table}).where({ id }).update({ status });
  }

  async remove(id: number): Promise<void> {
    await db<${Name}Row>(${table}).where({ id }).delete();
  }

  async countByStatus(status: string): Promise<number> {
    const [result] = await db(${table}).where({ status }).count({ total: '*' });
    return Number(result?.total ?? 0);
  }
`);
  if (sprinkler.plant('parameterized-queries', 0.2)) {
    parts.push(`  async search(term: string): Promise<Pick<${Name}Row, 'id' | 'label'>[]> {
    const result = await db.raw(\`SELECT id, label FROM \${${table}} WHERE label ILIKE '%\${term}%' LIMIT 50\`);
    return result.rows;
  }
`);
  } else {
    parts.push(`  async search(term: string): Promise<Pick<${Name}Row, 'id' | 'label'>[]> {
    const result = await db.raw('SELECT id, label FROM ?? WHERE label ILIKE ? LIMIT 50', [${table}, \`%\${term}%\`]);
    return result.rows;
  }
`);
  }
  if (sprinkler.plant('filter-in-the-database', 0.15, IN_MEMORY_READ_RULES_KNEX)) {
    parts.push(`  async activeForOwner(ownerId: number): Promise<${Name}Record[]> {
    const rows = await db<${Name}Row>(${table}).select(${columns});
    return rows.filter((row) => row.owner_id === ownerId && row.status === 'active').map(rowTo${Name}Record);
  }
`);
  } else {
    parts.push(`  async activeForOwner(ownerId: number): Promise<${Name}Record[]> {
    const rows = await db<${Name}Row>(${table}).select(${columns}).where({ owner_id: ownerId, status: 'active' }).limit(100);
    return rows.map(rowTo${Name}Record);
  }
`);
  }
  parts.push(`  async updateStatuses(ids: readonly number[], status: string): Promise<number> {
    return db<${Name}Row>(${table}).whereIn('id', [...ids]).update({ status });
  }
`);
  const auditCall = sprinkler.plant('short-transactions', 0.15)
    ? `\n      await http.post('/audit', { entity: '${name}', id, ownerId });`
    : '';
  parts.push(`  async reassign(id: number, ownerId: number): Promise<void> {
    await db.transaction(async (trx) => {
      const current = await trx<${Name}Row>(${table}).select('id', 'status').where({ id }).forUpdate().first();
      if (!current) throw new Error('${name} ' + id + ' not found');${auditCall}
      await trx<${Name}Row>(${table}).where({ id }).update({ owner_id: ownerId });
    });
  }
}

export async function count${Plural}(): Promise<number> {
  const [result] = await db(${table}).count({ total: 'id' });
  return Number(result?.total ?? 0);
}
`);
  return parts.join('\n');
}

function pgRepository(domain, random, sprinkler) {
  const { Name, name, Plural, table, extraFields } = domain;
  const columnList = columnsOf(domain).join(', ');
  const insertColumns = ['owner_id', 'status', 'label', 'amount', ...extraFields.map((f) => snake(f.name))];
  const insertValues = ['input.ownerId', 'input.status', 'input.label', 'input.amount', ...extraFields.map((f) => `input.${f.name} ?? null`)];
  const placeholders = insertColumns.map((_, index) => `$${index + 1}`).join(', ');
  const parts = [`import { Pool } from 'pg';
import { config } from '../../shared/config';
import { pool, withClient } from '../../shared/db/pg';
import { http } from '../../shared/http';
import type { Create${Name}Input, ${Name}Record, ${Name}Row } from './${name}.entity';
import { rowTo${Name}Record } from './${name}.mapper';

${storeInterface(domain)}
export class ${Name}Repository implements ${Name}Store {
  async findById(id: number): Promise<${Name}Record | null> {
    const { rows } = await pool.query<${Name}Row>('SELECT ${columnList} FROM ${table} WHERE id = $1', [id]);
    return rows[0] ? rowTo${Name}Record(rows[0]) : null;
  }
`];
  if (sprinkler.plant('select-only-needed-columns', 0.2)) {
    parts.push(`  async list(page: number, pageSize: number): Promise<${Name}Record[]> {
    const { rows } = await pool.query<${Name}Row>('SELECT * FROM ${table} ORDER BY id DESC LIMIT $1 OFFSET $2', [pageSize, page * pageSize]);
    return rows.map(rowTo${Name}Record);
  }
`);
  } else {
    parts.push(`  async list(page: number, pageSize: number): Promise<${Name}Record[]> {
    const { rows } = await pool.query<${Name}Row>(
      'SELECT ${columnList} FROM ${table} ORDER BY id DESC LIMIT $1 OFFSET $2',
      [pageSize, page * pageSize],
    );
    return rows.map(rowTo${Name}Record);
  }
`);
  }
  if (sprinkler.plant('n-plus-one-queries')) {
    parts.push(`  async findByOwnerIds(ownerIds: readonly number[]): Promise<${Name}Record[]> {
    const records: ${Name}Record[] = [];
    for (const ownerId of ownerIds) {
      const { rows } = await pool.query<${Name}Row>('SELECT ${columnList} FROM ${table} WHERE owner_id = $1', [ownerId]);
      records.push(...rows.map(rowTo${Name}Record));
    }
    return records;
  }
`);
  } else {
    parts.push(`  async findByOwnerIds(ownerIds: readonly number[]): Promise<${Name}Record[]> {
    if (ownerIds.length === 0) return [];
    const { rows } = await pool.query<${Name}Row>('SELECT ${columnList} FROM ${table} WHERE owner_id = ANY($1::int[])', [[...ownerIds]]);
    return rows.map(rowTo${Name}Record);
  }
`);
  }
  parts.push(`  async create(input: Create${Name}Input): Promise<${Name}Record> {
    const { rows } = await pool.query<${Name}Row>(
      'INSERT INTO ${table} (${insertColumns.join(', ')}) VALUES (${placeholders}) RETURNING ${columnList}',
      [${insertValues.join(', ')}],
    );
    return rowTo${Name}Record(rows[0]);
  }

  async updateStatus(id: number, status: string): Promise<void> {
    await pool.query('UPDATE ${table} SET status = $1 WHERE id = $2', [status, id]);
  }

  async remove(id: number): Promise<void> {
    await pool.query('DELETE FROM ${table} WHERE id = $1', [id]);
  }

  async countByStatus(status: string): Promise<number> {
    const { rows } = await pool.query<{ count: number }>('SELECT count(*)::int AS count FROM ${table} WHERE status = $1', [status]);
    return rows[0]?.count ?? 0;
  }
`);
  if (sprinkler.plant('select-only-needed-columns', 0.2)) {
    parts.push(`  async search(term: string): Promise<${Name}Row[]> {
    const result = await pool.query<${Name}Row>(\`SELECT * FROM ${table} WHERE label ILIKE $1 LIMIT 50\`, [\`%\${term}%\`]);
    return result.rows;
  }
`);
  } else if (sprinkler.plant('parameterized-queries', 0.2)) {
    parts.push(`  async search(term: string): Promise<Pick<${Name}Row, 'id' | 'label'>[]> {
    const result = await pool.query(\`SELECT id, label FROM ${table} WHERE label ILIKE '%\${term}%' LIMIT 50\`);
    return result.rows;
  }
`);
  } else {
    parts.push(`  async search(term: string): Promise<Pick<${Name}Row, 'id' | 'label'>[]> {
    const result = await pool.query<Pick<${Name}Row, 'id' | 'label'>>({
      name: '${name}-search',
      text: 'SELECT id, label FROM ${table} WHERE label ILIKE $1 LIMIT 50',
      values: [\`%\${term}%\`],
    });
    return result.rows;
  }
`);
  }
  if (sprinkler.plant('n-plus-one-queries')) {
    parts.push(`  async updateStatuses(ids: readonly number[], status: string): Promise<number> {
    let updated = 0;
    for (const id of ids) {
      const result = await pool.query('UPDATE ${table} SET status = $1 WHERE id = $2', [status, id]);
      updated += result.rowCount ?? 0;
    }
    return updated;
  }
`);
  } else {
    parts.push(`  async updateStatuses(ids: readonly number[], status: string): Promise<number> {
    const result = await pool.query('UPDATE ${table} SET status = $1 WHERE id = ANY($2::int[])', [status, [...ids]]);
    return result.rowCount ?? 0;
  }
`);
  }
  const auditCall = sprinkler.plant('short-transactions', 0.15)
    ? `\n        await http.post('/audit', { entity: '${name}', id, ownerId });`
    : '';
  parts.push(`  reassign(id: number, ownerId: number): Promise<void> {
    return withClient(async (client) => {
      await client.query('BEGIN');
      try {
        await client.query('SELECT id FROM ${table} WHERE id = $1 FOR UPDATE', [id]);${auditCall}
        await client.query('UPDATE ${table} SET owner_id = $1 WHERE id = $2', [ownerId, id]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    });
  }
}
`);
  if (sprinkler.plant('connection-pooling', 0.2)) {
    parts.push(`export async function count${Plural}(): Promise<number> {
  const oneOff = new Pool({ connectionString: config.databaseUrl });
  try {
    const { rows } = await oneOff.query<{ count: number }>('SELECT count(*)::int AS count FROM ${table}');
    return rows[0]?.count ?? 0;
  } finally {
    await oneOff.end();
  }
}
`);
  } else {
    parts.push(`export async function count${Plural}(): Promise<number> {
  const { rows } = await pool.query<{ count: number }>('SELECT count(*)::int AS count FROM ${table}');
  return rows[0]?.count ?? 0;
}

// Kept for scripts that need their own pool size.
export function create${Name}Pool(max: number): Pool {
  return new Pool({ connectionString: config.databaseUrl, max });
}
`);
  }
  return parts.join('\n');
}

const REPOSITORIES = { prisma: prismaRepository, typeorm: typeormRepository, knex: knexRepository, pg: pgRepository };

export function repositoryFile(domain, random, sprinkler) {
  return REPOSITORIES[domain.dataLibrary](domain, random, sprinkler);
}

export function cacheFile(domain, random, sprinkler) {
  const { Name, name, Plural } = domain;
  const ttl = random.pick([60, 120, 300, 900, 3600]);
  const unboundedLocal = sprinkler.plant('bounded-in-process-caches', 0.12);
  const local = unboundedLocal
    ? `// Hot ${domain.plural} stay in memory between requests.
const local = new Map<number, ${Name}Record>();`
    : `const local = new BoundedCache<number, ${Name}Record>(${random.pick([200, 500, 1000, 5000])}, ${random.pick([10, 30, 60])}_000);`;
  const write = sprinkler.plant('cache-ttls', 0.15)
    ? `await redis.set(keyOf(record.id), JSON.stringify(record));`
    : random.pick([
        `await redis.set(keyOf(record.id), JSON.stringify(record), 'EX', TTL_SECONDS);`,
        `await redis.setex(keyOf(record.id), TTL_SECONDS, JSON.stringify(record));`,
        `await redis.set(keyOf(record.id), JSON.stringify(record), 'PX', TTL_SECONDS * 1000);`,
      ]);
  const readMany = sprinkler.plant('n-plus-one-queries', 0.12)
    ? `  const found: ${Name}Record[] = [];
  for (const id of ids) {
    const raw = await redis.get(keyOf(id));
    if (raw !== null) found.push(revive(raw));
  }
  return found;`
    : `  if (ids.length === 0) return [];
  const values = await redis.mget(ids.map(keyOf));
  return values.filter((raw): raw is string => raw !== null).map(revive);`;
  return `import { redis } from '../../shared/redis';
${unboundedLocal ? '' : `import { BoundedCache } from '../../shared/utils/bounded-cache';\n`}import type { ${Name}Record } from './${name}.entity';

const TTL_SECONDS = ${ttl};
const keyOf = (id: number) => \`${name}:\${id}\`;
${local}

function revive(raw: string): ${Name}Record {
  const parsed = JSON.parse(raw) as ${Name}Record & { createdAt: string };
  return { ...parsed, createdAt: new Date(parsed.createdAt) };
}

export async function getCached${Name}(id: number): Promise<${Name}Record | null> {
  const hit = local.get(id);
  if (hit) return hit;
  const raw = await redis.get(keyOf(id));
  if (raw === null) return null;
  const record = revive(raw);
  local.set(id, record);
  return record;
}

export async function cache${Name}(record: ${Name}Record): Promise<void> {
  ${write}
  local.set(record.id, record);
}

export async function getCached${Plural}(ids: readonly number[]): Promise<${Name}Record[]> {
${readMany}
}

export async function invalidate${Name}(id: number): Promise<void> {
${unboundedLocal ? '' : '  local.delete(id);\n'}  await redis.del(keyOf(id));
}
`;
}
