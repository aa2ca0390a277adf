import { parse } from '@typescript-eslint/parser';
import type { TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { drizzleConditionPinsKey, filterPinsKey, readOption, type FilterDialect, type KeyPolicy } from '../../src/analysis/query-bounds';

/** The expression of `(<code>)`. */
function expression(code: string): TSESTree.Node {
  const program = parse(`(${code});`, { range: true });
  return (program.body[0] as TSESTree.ExpressionStatement).expression;
}

const KEYS: KeyPolicy = { fields: new Set(['id', '_id']), listsOnAnyField: false };
const LISTS: KeyPolicy = { ...KEYS, listsOnAnyField: true };
const pins = (code: string, dialect: FilterDialect, keys = KEYS) => filterPinsKey(expression(code), keys, dialect);

describe('filterPinsKey', () => {
  it('accepts the key equal to a value or one of a list, per dialect', () => {
    expect(pins('{ id }', 'prisma')).toBe(true);
    expect(pins('{ id: { in: ids } }', 'prisma')).toBe(true);
    expect(pins('{ id: { equals: 3 }, name: "x" }', 'prisma')).toBe(true);
    expect(pins('{ AND: [{ id: { in: ids } }, { active: true }] }', 'prisma')).toBe(true);
    expect(pins('{ OR: [{ id: 1 }, { id: 2 }] }', 'prisma')).toBe(true);
    expect(pins('{ id: In(ids) }', 'typeorm')).toBe(true);
    expect(pins('[{ id: 1 }, { id: In(ids) }]', 'typeorm')).toBe(true);
    expect(pins('{ id: ids }', 'sequelize')).toBe(true);
    expect(pins('{ id: { [Op.in]: ids } }', 'sequelize')).toBe(true);
    expect(pins('{ [Op.and]: [{ id }, { x: 1 }] }', 'sequelize')).toBe(true);
    expect(pins('{ _id: { $in: ids } }', 'mongo')).toBe(true);
    expect(pins('{ $and: [{ _id: id }] }', 'mongo')).toBe(true);
  });
  it('rejects ranges, negations, other fields, undefined and partial disjunctions', () => {
    expect(pins('{ id: { gt: 5 } }', 'prisma')).toBe(false);
    expect(pins('{ id: { not: 5 } }', 'prisma')).toBe(false);
    expect(pins('{ id: undefined }', 'prisma')).toBe(false);
    expect(pins('{ authorId }', 'prisma')).toBe(false);
    expect(pins('{ authorId: { in: ids } }', 'prisma')).toBe(false);
    expect(pins('{ OR: [{ id: 1 }, { email }] }', 'prisma')).toBe(false);
    expect(pins('{ id: MoreThan(5) }', 'typeorm')).toBe(false);
    expect(pins('{ id: Not(5) }', 'typeorm')).toBe(false);
    expect(pins('[{ id: 1 }, { name: "x" }]', 'typeorm')).toBe(false);
    expect(pins('{ id: [1, 2] }', 'prisma')).toBe(false);
    expect(pins('{ _id: { $nin: ids } }', 'mongo')).toBe(false);
    expect(pins('where', 'prisma')).toBe(false);
  });
  it('accepts lists on any field when told to', () => {
    expect(pins('{ authorId: { in: ids } }', 'prisma', LISTS)).toBe(true);
    expect(pins('{ teamId: In(ids) }', 'typeorm', LISTS)).toBe(true);
    expect(pins('{ owner: { $in: ids } }', 'mongo', LISTS)).toBe(true);
    expect(pins('{ userId: [a, b] }', 'sequelize', LISTS)).toBe(true);
    expect(pins('{ userId: { [Op.in]: ids } }', 'sequelize', LISTS)).toBe(true);
    expect(pins('{ authorId }', 'prisma', LISTS)).toBe(false);
  });
});

describe('drizzleConditionPinsKey', () => {
  const drizzlePins = (code: string, keys = KEYS) => drizzleConditionPinsKey(expression(code), keys);
  it('reads eq, inArray, and, or and the relational forms', () => {
    expect(drizzlePins('eq(users.id, id)')).toBe(true);
    expect(drizzlePins('eq(id, users.id)')).toBe(true);
    expect(drizzlePins('inArray(users.id, ids)')).toBe(true);
    expect(drizzlePins('and(eq(users.orgId, org), eq(users.id, id))')).toBe(true);
    expect(drizzlePins('or(eq(users.id, a), eq(users.id, b))')).toBe(true);
    expect(drizzlePins('(users, { eq }) => eq(users.id, id)')).toBe(true);
    expect(drizzlePins('{ id: 1 }')).toBe(true);
    expect(drizzlePins('eq(users.email, email)')).toBe(false);
    expect(drizzlePins('or(eq(users.id, a), eq(users.email, b))')).toBe(false);
    expect(drizzlePins('inArray(users.authorId, ids)')).toBe(false);
    expect(drizzlePins('inArray(users.authorId, ids)', LISTS)).toBe(true);
    expect(drizzlePins('sql`${users.id} = ${id}`')).toBe(false);
  });
});

describe('readOption', () => {
  it('tells a set option from an absent one and from one a spread may hide', () => {
    expect(readOption(expression('{ take: 10 }'), 'take').kind).toBe('set');
    expect(readOption(expression('{ "take": n }'), 'take').kind).toBe('set');
    expect(readOption(expression('{ where }'), 'take').kind).toBe('absent');
    expect(readOption(expression('{ ...args, where }'), 'take').kind).toBe('unknown');
    expect(readOption(expression('{ [key]: 1 }'), 'take').kind).toBe('unknown');
    expect(readOption(expression('args'), 'take').kind).toBe('unknown');
    expect(readOption(undefined, 'take').kind).toBe('absent');
  });
});
