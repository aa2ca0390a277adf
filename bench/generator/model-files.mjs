// Per-domain model code: record and row types, the TypeORM entity, DTOs, validation and mapping.
// Mostly plain TypeScript, which is most of a real backend and what every rule has to walk past quickly.
import { snake } from './domains.mjs';
import { nameHash } from './sprinkle.mjs';

const CORE_COLUMNS = ['id', 'owner_id', 'status', 'label', 'amount', 'created_at'];

export function columnsOf(domain) {
  return [...CORE_COLUMNS, ...domain.extraFields.map((field) => snake(field.name))];
}

const SAMPLE_BY_TYPE = { string: "''", number: '0', boolean: 'false' };

export function entityFile(domain) {
  const { Name, name, table, extraFields } = domain;
  const upper = snake(name).toUpperCase();
  const lines = [];
  if (domain.dataLibrary === 'typeorm') {
    lines.push(`import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';`, '');
  }
  lines.push(
    `export const ${upper}_STATUSES = ['draft', 'active', 'suspended', 'closed'] as const;`,
    `export type ${Name}Status = (typeof ${upper}_STATUSES)[number];`,
    '',
    `/** A ${name} as services and handlers see it, whichever store it comes from. */`,
    `export interface ${Name}Record {`,
    '  id: number;',
    '  ownerId: number;',
    '  status: string;',
    '  label: string;',
    '  amount: number;',
    '  createdAt: Date;',
    ...extraFields.map((field) => `  ${field.name}?: ${field.ts};`),
    '}',
    '',
    `export interface Create${Name}Input {`,
    '  ownerId: number;',
    '  status: string;',
    '  label: string;',
    '  amount: number;',
    ...extraFields.map((field) => `  ${field.name}?: ${field.ts};`),
    '}',
    '',
  );
  if (domain.dataLibrary === 'knex' || domain.dataLibrary === 'pg') {
    lines.push(
      `/** A row of the ${table} table. */`,
      `export interface ${Name}Row {`,
      '  id: number;',
      '  owner_id: number;',
      '  status: string;',
      '  label: string;',
      '  amount: number;',
      '  created_at: Date;',
      ...extraFields.map((field) => `  ${snake(field.name)}: ${field.ts} | null;`),
      '}',
      '',
      `export const ${upper}_TABLE = '${table}';`,
      `export const ${upper}_COLUMNS = [${columnsOf(domain).map((column) => `'${column}'`).join(', ')}] as const;`,
      '',
    );
  }
  if (domain.dataLibrary === 'typeorm') {
    lines.push(
      `@Entity({ name: '${table}' })`,
      `@Index(['ownerId', 'status'])`,
      `export class ${Name} implements ${Name}Record {`,
      '  @PrimaryGeneratedColumn()',
      '  id!: number;',
      '',
      `  @Column({ name: 'owner_id', type: 'int' })`,
      '  ownerId!: number;',
      '',
      `  @Column({ type: 'varchar', length: 32, default: 'draft' })`,
      '  status!: string;',
      '',
      `  @Column({ type: 'varchar', length: 200 })`,
      '  label!: string;',
      '',
      `  @Column({ type: 'int', default: 0 })`,
      '  amount!: number;',
      '',
      `  @CreateDateColumn({ name: 'created_at' })`,
      '  createdAt!: Date;',
      ...extraFields.flatMap((field) => [
        '',
        `  @Column({ name: '${snake(field.name)}', type: '${field.column}', nullable: true })`,
        `  ${field.name}?: ${field.ts};`,
      ]),
      '}',
      '',
    );
  }
  lines.push(
    `export function is${Name}Status(value: unknown): value is ${Name}Status {`,
    `  return typeof value === 'string' && (${upper}_STATUSES as readonly string[]).includes(value);`,
    '}',
    '',
    `export function empty${Name}(ownerId: number): Create${Name}Input {`,
    `  return { ownerId, status: 'draft', label: '', amount: 0${extraFields.map((f) => `, ${f.name}: ${SAMPLE_BY_TYPE[f.ts]}`).join('')} };`,
    '}',
    '',
  );
  return lines.join('\n');
}

export function dtoFile(domain) {
  const { Name, name, extraFields } = domain;
  return `import type { ${Name}Record } from './${name}.entity';

export interface ${Name}Dto {
  id: number;
  ownerId: number;
  status: string;
  label: string;
  amount: string;
  createdAt: string;
${extraFields.map((field) => `  ${field.name}: ${field.ts} | null;`).join('\n')}
}

export interface ${Name}ListDto {
  items: ${Name}Dto[];
  page: number;
  pageSize: number;
  hasMore: boolean;
}

export interface Create${Name}Body {
  ownerId: number;
  status?: string;
  label: string;
  amount: number;
${extraFields.map((field) => `  ${field.name}?: ${field.ts};`).join('\n')}
}

export interface Update${Name}StatusBody {
  status: string;
  reason?: string;
}

export class ${Name}SummaryDto {
  constructor(
    readonly count: number,
    readonly totalAmount: number,
    readonly byStatus: Readonly<Record<string, number>>,
  ) {}

  get averageAmount(): number {
    return this.count === 0 ? 0 : Math.round(this.totalAmount / this.count);
  }

  toJSON() {
    return {
      count: this.count,
      totalAmount: this.totalAmount,
      averageAmount: this.averageAmount,
      byStatus: this.byStatus,
    };
  }
}

export function toDtoAmount(amountInCents: number, currency = 'EUR'): string {
  const sign = amountInCents < 0 ? '-' : '';
  const absolute = Math.abs(amountInCents);
  return \`\${sign}\${Math.floor(absolute / 100)}.\${String(absolute % 100).padStart(2, '0')} \${currency}\`;
}

export function toDto(record: ${Name}Record): ${Name}Dto {
  return {
    id: record.id,
    ownerId: record.ownerId,
    status: record.status,
    label: record.label,
    amount: toDtoAmount(record.amount),
    createdAt: record.createdAt.toISOString(),
${extraFields.map((field) => `    ${field.name}: record.${field.name} ?? null,`).join('\n')}
  };
}
`;
}

function fieldCheck(field, random) {
  const access = `body.${field.name}`;
  if (field.ts === 'string') {
    const max = random.pick([32, 64, 120, 255, 2000]);
    return `  if (${access} !== undefined) {
    if (typeof ${access} !== 'string') issues.push('${field.name} must be a string');
    else if (${access}.length > ${max}) issues.push('${field.name} must be at most ${max} characters');
    else input.${field.name} = ${access}.trim();
  }`;
  }
  if (field.ts === 'number') {
    const max = random.pick([10, 100, 1000, 1_000_000]);
    return `  if (${access} !== undefined) {
    if (typeof ${access} !== 'number' || !Number.isInteger(${access})) issues.push('${field.name} must be an integer');
    else if (${access} < 0 || ${access} > ${max}) issues.push('${field.name} must be between 0 and ${max}');
    else input.${field.name} = ${access};
  }`;
  }
  return `  if (${access} !== undefined) {
    if (typeof ${access} !== 'boolean') issues.push('${field.name} must be a boolean');
    else input.${field.name} = ${access};
  }`;
}

export function validatorsFile(domain, random) {
  const { Name, name, extraFields } = domain;
  return `import { ValidationError } from '../../shared/errors';
import { is${Name}Status, type Create${Name}Input } from './${name}.entity';

const LABEL_PATTERN = /^[\\p{L}\\p{N} _.-]+$/u;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function parseId(raw: unknown): number {
  const id = typeof raw === 'string' ? Number.parseInt(raw, 10) : Number(raw);
  if (!Number.isSafeInteger(id) || id <= 0) throw new ValidationError([\`invalid id: \${String(raw)}\`]);
  return id;
}

export function parseCreate${Name}Body(raw: unknown): Create${Name}Input {
  if (!isRecord(raw)) throw new ValidationError(['body must be an object']);
  const body = raw;
  const issues: string[] = [];
  const input: Create${Name}Input = { ownerId: 0, status: 'draft', label: '', amount: 0 };
  if (typeof body.ownerId !== 'number' || !Number.isSafeInteger(body.ownerId)) issues.push('ownerId must be an integer');
  else input.ownerId = body.ownerId;
  if (typeof body.label !== 'string' || body.label.trim() === '') issues.push('label is required');
  else if (!LABEL_PATTERN.test(body.label)) issues.push('label contains unsupported characters');
  else input.label = body.label.trim();
  if (typeof body.amount !== 'number' || !Number.isFinite(body.amount)) issues.push('amount must be a number');
  else input.amount = Math.round(body.amount);
  if (body.status !== undefined) {
    if (!is${Name}Status(body.status)) issues.push('unknown status');
    else input.status = body.status;
  }
${extraFields.map((field) => fieldCheck(field, random)).join('\n')}
  if (issues.length > 0) throw new ValidationError(issues);
  return input;
}

export function parseStatusChange(raw: unknown): { status: string; reason?: string } {
  if (!isRecord(raw) || !is${Name}Status(raw.status)) throw new ValidationError(['status must be a known ${name} status']);
  const reason = typeof raw.reason === 'string' ? raw.reason.slice(0, 500) : undefined;
  return { status: raw.status, reason };
}

const TRANSITIONS: Readonly<Record<string, readonly string[]>> = {
  draft: ['active', 'closed'],
  active: ['suspended', 'closed'],
  suspended: ['active', 'closed'],
  closed: [],
};

export function canTransition(from: string, to: string): boolean {
  return (TRANSITIONS[from] ?? []).includes(to);
}
`;
}

export function mapperFile(domain, random, sprinkler) {
  const { Name, name, Plural, extraFields } = domain;
  const hasRow = domain.dataLibrary === 'knex' || domain.dataLibrary === 'pg';
  const parts = [];
  parts.push(`import { groupBy, sumBy } from '../../shared/utils/collections';
import { ${Name}SummaryDto } from './${name}.dto';
import type { ${Name}Record${hasRow ? `, ${Name}Row` : ''} } from './${name}.entity';
`);
  if (hasRow) {
    parts.push(`export function rowTo${Name}Record(row: ${Name}Row): ${Name}Record {
  return {
    id: row.id,
    ownerId: row.owner_id,
    status: row.status,
    label: row.label,
    amount: Number(row.amount),
    createdAt: new Date(row.created_at),
${extraFields.map((field) => `    ${field.name}: row.${snake(field.name)} ?? undefined,`).join('\n')}
  };
}
`);
  }
  parts.push(`export function summarize${Plural}(records: readonly ${Name}Record[]): ${Name}SummaryDto {
  const byStatus: Record<string, number> = {};
  for (const record of records) byStatus[record.status] = (byStatus[record.status] ?? 0) + 1;
  return new ${Name}SummaryDto(records.length, sumBy(records, (record) => record.amount), byStatus);
}

export function group${Plural}ByOwner(records: readonly ${Name}Record[]): Map<number, ${Name}Record[]> {
  return groupBy(records, (record) => record.ownerId);
}

export function compare${Plural}(left: ${Name}Record, right: ${Name}Record): number {
  if (left.status !== right.status) return left.status < right.status ? -1 : 1;
  if (left.amount !== right.amount) return right.amount - left.amount;
  return left.id - right.id;
}

export function ${name}ToCsvRow(record: ${Name}Record): string {
  const cells = [String(record.id), String(record.ownerId), record.status, record.label, String(record.amount)${extraFields.map((f) => `, String(record.${f.name} ?? '')`).join('')}];
  return cells.map((cell) => (/[",\\n]/.test(cell) ? \`"\${cell.replaceAll('"', '""')}"\` : cell)).join(',');
}

export function changed${Name}Fields(before: ${Name}Record, after: ${Name}Record): string[] {
  const changed: string[] = [];
  if (before.status !== after.status) changed.push('status');
  if (before.label !== after.label) changed.push('label');
  if (before.amount !== after.amount) changed.push('amount');
${extraFields.map((f) => `  if (before.${f.name} !== after.${f.name}) changed.push('${f.name}');`).join('\n')}
  return changed;
}
`);
  if (sprinkler.plant('serialization', 0.15)) {
    parts.push(`export function snapshot${Name}(record: ${Name}Record): ${Name}Record {
  // Deep copy before handing the record to the audit trail.
  return JSON.parse(JSON.stringify(record)) as ${Name}Record;
}
`);
  } else {
    parts.push(`export function snapshot${Name}(record: ${Name}Record): ${Name}Record {
  return { ...record, createdAt: new Date(record.createdAt) };
}
`);
  }
  if (sprinkler.plant('algorithms-and-data-structures', 0.15)) {
    parts.push(`export function attachOwners<O extends { id: number }>(records: readonly ${Name}Record[], owners: readonly O[]) {
  return records.map((record) => ({ record, owner: owners.find((owner) => owner.id === record.ownerId) }));
}
`);
  } else {
    parts.push(`export function attachOwners<O extends { id: number }>(records: readonly ${Name}Record[], owners: readonly O[]) {
  const ownersById = new Map(owners.map((owner) => [owner.id, owner] as const));
  return records.map((record) => ({ record, owner: ownersById.get(record.ownerId) }));
}
`);
  }
  const bucketCount = random.int(3, 6);
  parts.push(`export function bucket${Plural}ByAmount(records: readonly ${Name}Record[]): number[] {
  const buckets = new Array<number>(${bucketCount}).fill(0);
  const max = records.reduce((highest, record) => Math.max(highest, record.amount), 0) || 1;
  for (const record of records) {
    const index = Math.min(${bucketCount - 1}, Math.floor((record.amount / max) * ${bucketCount}));
    buckets[index]++;
  }
  return buckets;
}
`);
  // An index built by spreading the accumulator (decided without a draw, so every other site stays as it was).
  if (sprinkler.plantIf(nameHash(name) % 7 === 3, 'algorithms-and-data-structures', ['no-accumulating-spread'])) {
    parts.push(`export function index${Plural}ById(records: readonly ${Name}Record[]): Record<number, ${Name}Record> {
  return records.reduce((byId, record) => ({ ...byId, [record.id]: record }), {} as Record<number, ${Name}Record>);
}
`);
  }
  return parts.join('\n');
}
