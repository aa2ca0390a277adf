import { RuleTester, type InvalidTestCase, type ValidTestCase } from '@typescript-eslint/rule-tester';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import inMemoryFiltering from '../../rules/no-in-memory-filtering';
import rule from '../../rules/no-quadratic-lookup';
import { typedRuleTester, untypedRuleTester } from '../rule-tester';

type MessageId = 'useSet' | 'useMap' | 'growing' | 'dedupe' | 'groupFirst';
type Valid = ValidTestCase<[]> | string;
type Invalid = InvalidTestCase<MessageId, []>;

const TYPES = `
interface User { id: string; name: string; role: string; age: number; roles: string[]; managerId?: string }
interface Order { id: string; userId: string; items: { sku: string }[]; minAge: number }
`;
// Each library's client, set up the way real code does, so both runs know where the rows come from.
const PRISMA = `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
`;
const TYPEORM = `
import { DataSource } from 'typeorm';
class Account { id!: string; email!: string }
const dataSource = new DataSource({ type: 'postgres' });
const accountRepo = dataSource.getRepository(Account);
`;
const PG = `
import { Pool } from 'pg';
const pool = new Pool();
`;
const KNEX = `
import knex from 'knex';
const db = knex({ client: 'pg' });
`;
const MONGOOSE = `
import mongoose from 'mongoose';
const Team = mongoose.model('Team', new mongoose.Schema({ name: String, ownerId: String }));
`;

function set(lookup: string, array: string, collection: string, build: string) {
  return { messageId: 'useSet' as const, data: { lookup, array, collection, build } };
}

function map(lookup: string, array: string, collection: string, build: string) {
  return { messageId: 'useMap' as const, data: { lookup, array, collection, build } };
}

/** Amplication's settings merge (block.util.ts), a function declared as `declaration` says (`const`, `export const`). */
function mergeSettings(declaration: string): string {
  return `${declaration} mergeAllSettings = (oldSettings: Record<string, unknown>, newSettings: Record<string, unknown>, keysToNotMerge: string[] = []): Record<string, unknown> => {
  const merged: Record<string, unknown> = {};
  for (const [key, val] of Object.entries(oldSettings)) {
    if (keysToNotMerge.includes(key)) { merged[key] = newSettings[key]; continue; }
    merged[key] = typeof val === 'object' && val ? mergeAllSettings(val as Record<string, unknown>, (newSettings[key] ?? {}) as Record<string, unknown>, keysToNotMerge) : val;
  }
  return merged;
};`;
}

const invalid: Invalid[] = [
  // …but not when one of its growths is untested.
  {
    code: `export function covers(items: { id: string; coverPath?: string }[]) { const withCovers: string[] = []; for (const item of items) { if (item.coverPath && !withCovers.includes(item.id) && withCovers.length < 25) withCovers.push(item.id); else if (item.id) withCovers.push(item.id); } return withCovers; }`,
    errors: [{ messageId: 'growing' }],
  },
  // What an imported accessor returns is a list of data when it is the list itself, or when it takes a key.
  {
    code: `import { getUsers, getTeam } from './users';
export function attach(requests: { userId: number; teamId: string }[]) {
  const userIds = getUsers().map((u: { id: number }) => u.id);
  const team = getTeam(requests[0].teamId);
  const memberIds = team.members.map((m: { id: number }) => m.id);
  return requests.map((q) => [userIds.includes(q.userId), memberIds.includes(q.userId)]);
}`,
    errors: [{ messageId: 'useSet' }, { messageId: 'useSet' }],
  },
  // The same search in a branch that goes on, or that throws only after a loop of its own.
  {
    code: `export function checkIds(ids: string[], unique: string[]) { if (ids.length !== unique.length) { const duplicated = unique.filter((id) => ids.filter((other) => other === id).length > 1); console.warn(duplicated); } }`,
    errors: [{ messageId: 'groupFirst' }],
  },
  // A callback handed to a call at module level runs on every use: a zod refinement validates each request body.
  {
    code: `${TYPES}import { z } from 'zod';\nexport const Team = z.object({ users: z.custom<User[]>().superRefine((users) => { const managerIds = users.map((u) => u.managerId); return users.filter((u) => managerIds.includes(u.id)); }) });`,
    errors: [set('managerIds.includes(…)', 'managerIds', 'users', 'new Set(managerIds)')],
  },
  // An array parameter is sized by its caller's data.
  {
    code: `export function withScopes(required: string[]) { return (granted: string[]) => required.some((scope) => granted.includes(scope)); }`,
    errors: [{ messageId: 'useSet' }],
  },
  // A React import alone (a server component, a renderer) does not make browser code.
  {
    code: `import { cache } from 'react';
export const visible = cache((users: { id: string }[], blockedIds: string[]) => users.filter((u) => !blockedIds.includes(u.id)));`,
    errors: [{ messageId: 'useSet' }],
  },
  // A module-level constant made empty is filled later: its name does not fix its length.
  {
    code: `const PENDING: string[] = [];\nexport function add(id: string) { PENDING.push(id); }\nexport function drain(done: string[]) { return PENDING.filter((id) => !done.includes(id)); }`,
    errors: [set('done.includes(…)', 'done', 'PENDING', 'new Set(done)')],
  },
  {
    code: `${TYPES}export function staff(userProvidedMap: Record<string, string>, users: User[]) { return users.filter((u) => Object.values(userProvidedMap).includes(u.role)); }`,
    errors: [set('Object.values(userProvidedMap).includes(…)', 'Object.values(userProvidedMap)', 'users', 'new Set(Object.values(userProvidedMap))')],
  },
  {
    code: `${TYPES}declare function loadRoles(): Record<string, string>;\nexport function staff(users: User[]) { const roleMap = loadRoles(); const roles = Object.keys(roleMap); return users.filter((u) => roles.includes(u.role)); }`,
    errors: [set('roles.includes(…)', 'roles', 'users', 'new Set(roles)')],
  },
  {
    code: `import { LoadColors } from './colors';\nexport function randomColor(exists: string[]) { const allColors = Object.values(LoadColors()); return [...allColors].filter((color) => !exists.includes(color)); }`,
    errors: [set('exists.includes(…)', 'exists', '[...allColors]', 'new Set(exists)')],
  },
  {
    code: `${TYPES}import { LoadColors } from './colors';\nexport function painted(users: User[]) { const palette = Object.values(LoadColors()); return users.filter((u) => palette.includes(u.name)); }`,
    errors: [set('palette.includes(…)', 'palette', 'users', 'new Set(palette)')],
  },
  // A walk over a fixed table inside a walk over users: the searched value still changes per user.
  {
    code: `${TYPES}import { Colors } from './colors';\nexport function tagged(users: User[], ids: string[]) { return users.filter((u) => Object.values(Colors).some((c) => ids.includes(u.id + c))); }`,
    errors: [set('ids.includes(…)', 'ids', 'users', 'new Set(ids)')],
  },
  // A cap the request picks, or one too large to call small, does not make the rows few.
  {
    code: `${PRISMA}export async function unmatched(req: { query: { pageSize: number } }, emails: string[]) {
  const { pageSize } = req.query;
  const users = await prisma.user.findMany({ take: pageSize });
  return emails.filter((e) => !users.some((u) => u.email === e));
}`,
    errors: [set('users.some(…)', 'users', 'emails', 'new Set(users.map((u) => u.email))')],
  },
  {
    code: `${PRISMA}const PAGE = 1000;\nexport async function unmatched(emails: string[]) {
  const users = await prisma.user.findMany({ take: PAGE });
  return emails.filter((e) => !users.some((u) => u.email === e));
}`,
    errors: [set('users.some(…)', 'users', 'emails', 'new Set(users.map((u) => u.email))')],
  },
  {
    code: `${KNEX}export async function known(ids: string[], limit: number) {
  const tags = await db('tags').select('id').limit(limit);
  return ids.filter((id) => tags.some((t) => t.id === id));
}`,
    errors: [set('tags.some(…)', 'tags', 'ids', 'new Set(tags.map((t) => t.id))')],
  },
  // Capped rows the loop adds to are no longer capped.
  {
    code: `${PRISMA}export async function merged(emails: string[]) {
  const users: { email: string }[] = await prisma.user.findMany({ take: 5 });
  for (const email of emails) if (!users.some((u) => u.email === email)) users.push({ email });
  return users;
}`,
    errors: [{ messageId: 'growing' }],
  },

  // The guide's example: the whole blocked list scanned for every user.
  {
    code: `${TYPES}export function visible(users: User[], blockedIds: string[]) { return users.filter((u) => !blockedIds.includes(u.id)); }`,
    errors: [{ ...set('blockedIds.includes(…)', 'blockedIds', 'users', 'new Set(blockedIds)'), line: 4, column: 92, endLine: 4, endColumn: 117 }],
  },
  // Prisma rows joined in memory: a Map by id instead of a find per post.
  {
    code: `${TYPES}${PRISMA}export async function withAuthors(posts: { authorId: number }[], ids: number[]) {
  const authors = await prisma.user.findMany({ where: { id: { in: ids } } });
  return posts.map((p) => ({ ...p, author: authors.find((a) => a.id === p.authorId) }));
}`,
    errors: [map('authors.find(…)', 'authors', 'posts', 'new Map(authors.map((a) => [a.id, a]))')],
  },
  // TypeORM rows, searched in a for-of loop.
  {
    code: `${TYPES}${TYPEORM}export async function owners(orders: Order[]) {
  const accounts = await accountRepo.find();
  for (const order of orders) {
    const account = accounts.find((a) => a.id === order.userId);
    console.log(account);
  }
}`,
    errors: [map('accounts.find(…)', 'accounts', 'orders', 'new Map(accounts.map((a) => [a.id, a]))')],
  },
  // pg rows, destructured and through `res.rows`.
  {
    code: `${TYPES}${PG}export async function allowed(orders: Order[]) {
  const { rows } = await pool.query('SELECT id FROM banned_users');
  return orders.filter((o) => !rows.some((r) => r.id === o.userId));
}`,
    errors: [set('rows.some(…)', 'rows', 'orders', 'new Set(rows.map((r) => r.id))')],
  },
  {
    code: `${TYPES}${PG}export async function allowed(orders: Order[]) {
  const res = await pool.query('SELECT id FROM banned_users');
  const out: Order[] = [];
  for (const o of orders) if (!res.rows.some((r) => r.id === o.userId)) out.push(o);
  return out;
}`,
    errors: [set('res.rows.some(…)', 'res.rows', 'orders', 'new Set(res.rows.map((r) => r.id))')],
  },
  // Knex rows, searched for an index.
  {
    code: `${KNEX}export async function positions(ids: string[]) {
  const tags = await db('tags').select('id');
  return ids.map((id) => tags.findIndex((t) => t.id === id));
}`,
    errors: [map('tags.findIndex(…)', 'tags', 'ids', 'new Map(tags.map((t, i) => [t.id, i]))')],
  },
  // Mongoose documents.
  {
    code: `${MONGOOSE}export async function owned(userIds: string[]) {
  const teams = await Team.find({}).lean();
  return userIds.filter((id) => teams.some((t) => t.ownerId === id));
}`,
    errors: [set('teams.some(…)', 'teams', 'userIds', 'new Set(teams.map((t) => t.ownerId))')],
  },
  // A list handed to the constructor by its caller (no DI token): sized by the caller, so reported.
  {
    code: `interface Provider { getName(): string }
export class Providers {
  constructor(private readonly providers: Provider[]) {}
  pick(names: string[]) { return names.map((name) => this.providers.find((p) => p.getName() === name)); }
}`,
    errors: [map('this.providers.find(…)', 'this.providers', 'names', 'new Map(this.providers.map((p) => [p.getName(), p]))')],
  },
  // The method written as a computed member.
  {
    code: `${TYPES}export function ofUsers(users: User[], orders: Order[]) { const ids = users.map((u) => u.id); return orders.filter((o) => ids['includes'](o.userId)); }`,
    errors: [set('ids.includes(…)', 'ids', 'orders', 'new Set(ids)')],
  },
  // An array built with map, searched in a filter.
  {
    code: `${TYPES}export function ofUsers(users: User[], orders: Order[]) { const ids = users.map((u) => u.id); return orders.filter((o) => ids.includes(o.userId)); }`,
    errors: [set('ids.includes(…)', 'ids', 'orders', 'new Set(ids)')],
  },
  // indexOf as a presence test, and as an index.
  {
    code: `${TYPES}export function known(ids: string[], orders: Order[]) { return orders.filter((o) => ids.indexOf(o.userId) !== -1); }`,
    errors: [set('ids.indexOf(…)', 'ids', 'orders', 'new Set(ids)')],
  },
  {
    code: `${TYPES}export function ranks(ranking: string[], users: User[]) { return users.map((u) => ranking.indexOf(u.id)); }`,
    errors: [map('ranking.indexOf(…)', 'ranking', 'users', 'new Map(ranking.map((value, i) => [value, i]))')],
  },
  {
    code: `${TYPES}export function known(ids: Array<string>, orders: Order[]) { return orders.filter((o) => ids.lastIndexOf(o.userId) >= 0); }`,
    errors: [set('ids.lastIndexOf(…)', 'ids', 'orders', 'new Set(ids)')],
  },
  // findIndex as a presence test: a Set of keys.
  {
    code: `${TYPES}export function missing(users: readonly User[], orders: Order[]) { return orders.filter((o) => users.findIndex((u) => u.id === o.userId) === -1); }`,
    errors: [set('users.findIndex(…)', 'users', 'orders', 'new Set(users.map((u) => u.id))')],
  },
  // Destructured predicate parameter.
  {
    code: `${TYPES}export function names(users: ReadonlyArray<User>, orders: Order[]) { return orders.map((o) => users.find(({ id }) => id === o.userId)?.name); }`,
    errors: [map('users.find(…)', 'users', 'orders', 'new Map(users.map((item) => [item.id, item]))')],
  },
  // Pairs searched by their first element (Shelf's remaining quantities per booked asset).
  {
    code: `${TYPES}export function remaining(pairs: [string, number][], orders: Order[]) { return orders.map((o) => pairs.find(([id]) => id === o.userId)?.[1] ?? 0); }`,
    errors: [map('pairs.find(…)', 'pairs', 'orders', 'new Map(pairs.map((item) => [item[0], item]))')],
  },
  // An index loop.
  {
    code: `${TYPES}export function count(ids: string[], orders: Order[]) { let n = 0; for (let i = 0; i < orders.length; i++) { if (ids.includes(orders[i].userId)) n++; } return n; }`,
    errors: [set('ids.includes(…)', 'ids', 'orders', 'new Set(ids)')],
  },
  // The value changes per user, not per role: the lookup is per element of users.
  {
    code: `${TYPES}export function admins(users: User[], adminIds: string[]) { const out: string[] = []; for (const u of users) { for (const r of u.roles) { if (adminIds.includes(u.id)) out.push(r); } } return out; }`,
    errors: [set('adminIds.includes(…)', 'adminIds', 'users', 'new Set(adminIds)')],
  },
  // A self-join: every employee's manager found by scanning all employees.
  {
    code: `${TYPES}export function managers(employees: User[]) { return employees.map((e) => employees.find((m) => m.id === e.managerId)); }`,
    errors: [map('employees.find(…)', 'employees', 'employees', 'new Map(employees.map((m) => [m.id, m]))')],
  },
  // Leaving the loop on the first hit still scans once per element until then.
  {
    code: `${TYPES}export function firstConflict(taken: string[], candidates: Order[]) { let conflict; for (const c of candidates) { if (taken.includes(c.id)) { conflict = c; break; } } return conflict; }`,
    errors: [set('taken.includes(…)', 'taken', 'candidates', 'new Set(taken)')],
  },
  // Built inline: rebuilt and scanned for every element.
  {
    code: `${TYPES}export function ofUsers(users: User[], orders: Order[]) { return orders.filter((o) => users.map((u) => u.id).includes(o.userId)); }`,
    errors: [set('users.map(...).includes(…)', 'users.map(...)', 'orders', 'new Set(users.map(...))')],
  },
  // A class field filled elsewhere.
  {
    code: `${TYPES}class UserCache {
  private users: User[] = [];
  set(users: User[]) { this.users = users; }
  pick(ids: string[]) { return ids.map((id) => this.users.find((u) => u.id === id)); }
}`,
    errors: [map('this.users.find(…)', 'this.users', 'ids', 'new Map(this.users.map((u) => [u.id, u]))')],
  },
  // Spreads of unknown arrays.
  {
    code: `${TYPES}export function merged(a: string[], b: string[], orders: Order[]) { const all = [...a, ...b]; return orders.filter((o) => all.includes(o.id)); }`,
    errors: [set('all.includes(…)', 'all', 'orders', 'new Set(all)')],
  },
  // A literal filled in a loop before the search.
  {
    code: `${TYPES}export function known(users: User[], orders: Order[]) { const ids = []; for (const u of users) ids.push(u.id); return orders.filter((o) => ids.includes(o.userId)); }`,
    errors: [set('ids.includes(…)', 'ids', 'orders', 'new Set(ids)')],
  },
  // Deduplicating by hand: the array grows inside the loop that searches it.
  {
    code: 'export function unique(emails: string[]) { const seen: string[] = []; for (const e of emails) { if (!seen.includes(e)) seen.push(e); } return seen; }',
    errors: [{ messageId: 'growing', data: { lookup: 'seen.includes(…)', array: 'seen', collection: 'emails' } }],
  },
  // Removing from the searched array, or replacing at a found index, does not grow it (Refly's workflow CLI).
  {
    code: 'export function drop(list: string[], ids: string[]) { for (const id of ids) { const i = list.indexOf(id); if (i >= 0) list.splice(i, 1); } return list; }',
    errors: [map('list.indexOf(…)', 'list', 'ids', 'new Map(list.map((value, i) => [value, i]))')],
  },
  {
    code: 'export function grow(list: string[], ids: string[]) { for (const id of ids) { if (!list.includes(id)) list[list.length] = id; } return list; }',
    errors: [{ messageId: 'growing', data: { lookup: 'list.includes(…)', array: 'list', collection: 'ids' } }],
  },
  // A cap checked somewhere else than before the search, or on another array, does not bound it.
  {
    code: 'export function firstUnique(values: string[], max: number) { const picked: string[] = []; const other: string[] = []; for (const v of values) { if (other.length >= max) break; if (!picked.includes(v)) picked.push(v); } return picked; }',
    errors: [{ messageId: 'growing', data: { lookup: 'picked.includes(…)', array: 'picked', collection: 'values' } }],
  },
  // A length guard that does not bound each search: outside the loop, on the else branch, or
  // against a bound the caller picks or one too large to call small.
  {
    code: 'export function firstUnique(values: string[]) { const picked: string[] = []; if (picked.length < 3) { for (const v of values) { if (!picked.includes(v)) picked.push(v); } } return picked; }',
    errors: [{ messageId: 'growing', data: { lookup: 'picked.includes(…)', array: 'picked', collection: 'values' } }],
  },
  {
    code: 'export function firstUnique(values: string[]) { const picked: string[] = []; for (const v of values) { if (picked.length < 3) continue; else if (!picked.includes(v)) picked.push(v); } return picked; }',
    errors: [{ messageId: 'growing', data: { lookup: 'picked.includes(…)', array: 'picked', collection: 'values' } }],
  },
  {
    code: 'export function firstUnique(values: string[], max: number) { const picked: string[] = []; for (const v of values) { if (picked.length < max && !picked.includes(v)) picked.push(v); } return picked; }',
    errors: [{ messageId: 'growing', data: { lookup: 'picked.includes(…)', array: 'picked', collection: 'values' } }],
  },
  {
    code: 'export function firstUnique(values: string[]) { const picked: string[] = []; for (const v of values) { if (picked.length < 5000 && !picked.includes(v)) picked.push(v); } return picked; }',
    errors: [{ messageId: 'growing', data: { lookup: 'picked.includes(…)', array: 'picked', collection: 'values' } }],
  },
  // Members of runtime objects stay data-sized: a request's body, a local variable, a lower-case import, an empty
  // slot of a module-level table that the code fills.
  {
    code: 'export function f(req: { body: { items: Record<string, number> } }, ids: string[]) { const keys = Object.keys(req.body.items); return ids.filter((id) => keys.includes(id)); }',
    errors: [set('keys.includes(…)', 'keys', 'ids', 'new Set(keys)')],
  },
  {
    code: 'export function f(load: () => { items: Record<string, number> }, ids: string[]) { const data = load(); const keys = Object.keys(data.items); return ids.filter((id) => keys.includes(id)); }',
    errors: [set('keys.includes(…)', 'keys', 'ids', 'new Set(keys)')],
  },
  {
    code: "import config from './config';\nexport function f(ids: string[]) { const keys = Object.keys(config.integrations); return ids.filter((id) => keys.includes(id)); }",
    errors: [set('keys.includes(…)', 'keys', 'ids', 'new Set(keys)')],
  },
  {
    code: 'const CACHE = { users: {} as Record<string, number> };\nexport function f(ids: string[]) { const known = Object.keys(CACHE.users); return ids.filter((id) => known.includes(id)); }',
    errors: [set('known.includes(…)', 'known', 'ids', 'new Set(known)')],
  },
  // Declared `any`, rows a database read returned are still rows.
  {
    code: `${PRISMA}export async function owners(orders: { userId: string }[]) { const users: any = await prisma.user.findMany(); return orders.map((o) => users.find((u: { id: string }) => u.id === o.userId)); }`,
    errors: [map('users.find(…)', 'users', 'orders', 'new Map(users.map((u: { id: string }) => [u.id, u]))')],
  },
  // The filter/indexOf idiom.
  {
    code: 'export function unique(tags: string[]) { return tags.filter((t, i) => tags.indexOf(t) === i); }',
    errors: [{ messageId: 'dedupe', data: { lookup: 'tags.indexOf(…)', collection: 'tags', fix: '`[...new Set(tags)]`' } }],
  },
  {
    code: 'export function unique(tags: string[]) { return tags.filter((t, i, self) => self.indexOf(t) === i); }',
    errors: [{ messageId: 'dedupe', data: { lookup: 'self.indexOf(…)', collection: 'tags', fix: '`[...new Set(tags)]`' } }],
  },
  {
    code: `${TYPES}export function uniqueById(users: User[]) { return users.filter((u, i) => users.findIndex((v) => v.id === u.id) === i); }`,
    errors: [{ messageId: 'dedupe', data: { lookup: 'users.findIndex(…)', collection: 'users', fix: 'one pass that keeps a Set of the keys it has seen' } }],
  },
  // Finding the duplicates themselves is a scan per element too; the first index of each value, from a Map.
  {
    code: 'export function dupes(tags: string[]) { return tags.filter((t, i) => tags.indexOf(t) !== i).length; }',
    errors: [map('tags.indexOf(…)', 'tags', 'tags', 'new Map(tags.map((value, i) => [value, i]))')],
  },
  // lodash, by namespace and by named import.
  {
    code: `${TYPES}import _ from 'lodash';\nexport function owners(users: User[], orders: Order[]) { return orders.map((o) => _.find(users, { id: o.userId })); }`,
    errors: [map('_.find(users, …)', 'users', 'orders', 'new Map(users.map((item) => [item.id, item]))')],
  },
  // …and its matchesProperty shorthand (Wiki.js's asset folders).
  {
    code: `${TYPES}import _ from 'lodash';\nexport function owners(users: User[], orders: Order[]) { return orders.map((o) => _.find(users, ['id', o.userId])); }`,
    errors: [map('_.find(users, …)', 'users', 'orders', 'new Map(users.map((item) => [item.id, item]))')],
  },
  {
    code: `${TYPES}import { includes } from 'lodash';\nexport function known(ids: string[], orders: Order[]) { return orders.filter((o) => includes(ids, o.userId)); }`,
    errors: [set('includes(ids, …)', 'ids', 'orders', 'new Set(ids)')],
  },
  {
    code: `${TYPES}import { some as anyOf } from 'lodash-es';\nexport function banned(bans: { userId: string }[], orders: Order[]) { return orders.filter((o) => anyOf(bans, (b) => b.userId === o.userId)); }`,
    errors: [set('anyOf(bans, …)', 'bans', 'orders', 'new Set(bans.map((b) => b.userId))')],
  },
  // A collection with a fallback is named with it (medusa's `adjustments || []`).
  {
    code: `export function check(adjustments: { itemId: string }[] | undefined, lineIds: string[]) { for (const adj of adjustments || []) { if (!lineIds.includes(adj.itemId)) throw new Error(adj.itemId); } }`,
    errors: [set('lineIds.includes(…)', 'lineIds', 'adjustments || []', 'new Set(lineIds)')],
  },
  {
    code: `export function check(values: string[] | undefined, selected: string[]) { for (const [index, value] of (values ?? []).entries()) { if (selected.includes(value)) return index; } return -1; }`,
    errors: [set('selected.includes(…)', 'selected', '(values ?? []).entries()', 'new Set(selected)')],
  },
  // …but data on one side is enough: a property of one object, mapped, searched once per element of a `T[]` list.
  {
    code: `import type { Order } from './entities';\nexport function fulfilled(order: Order, lines: { id: string }[]) { const done = order.fulfillments.map((f) => f.lineId); return lines.filter((line) => done.includes(line.id)); }`,
    errors: [set('done.includes(…)', 'done', 'lines', 'new Set(done)')],
  },
  // Object.keys of a runtime object is as long as the object; a map found in a list is no row.
  {
    code: 'export function missing(maps: Record<string, string>[], ids: string[]) { const known = Object.keys(maps.find((m) => m.a) ?? {}); return ids.filter((id) => !known.includes(id)); }',
    errors: [set('known.includes(…)', 'known', 'ids', 'new Set(known)')],
  },
  // The keys of an object the client sent, searched once per element of a list: the client sets the count.
  {
    code: 'import type { Request } from "express"; export function unknownKeys(req: Request, allowed: string[]) { return Object.keys(req.body).filter((k) => !allowed.includes(k)); }',
    errors: [set('allowed.includes(…)', 'allowed', 'Object.keys(req.body)', 'new Set(allowed)')],
  },
  // Records holding an enum field, a Prisma client's model rows, and enum values collected from data are data-sized.
  {
    code: `enum Kind { Dto = 'dto', Enum = 'enum' }
export function missing(items: { type: Kind; id: string }[], wanted: { id: string }[]) { return wanted.filter((w) => !items.some((i) => i.id === w.id)); }`,
    errors: [set('items.some(…)', 'items', 'wanted', 'new Set(items.map((i) => i.id))')],
  },
  {
    code: `import { User } from '@prisma/client';
export function known(users: User[], ids: number[]) { return ids.filter((id) => users.some((u) => u.id === id)); }`,
    errors: [set('users.some(…)', 'users', 'ids', 'new Set(users.map((u) => u.id))')],
  },
  {
    // A class whose statics the file calls is no enum, whatever else it reads of it.
    code: `import { Plan } from './plans';
export function known(plans: Plan[], ids: string[]) { Plan.register(Plan.DEFAULT); return ids.filter((id) => plans.some((p) => p.id === id)); }`,
    errors: [set('plans.some(…)', 'plans', 'ids', 'new Set(plans.map((p) => p.id))')],
  },
  {
    code: `enum Kind { Dto = 'dto', Enum = 'enum' }
export function matching(items: { type: Kind }[], others: { type: Kind }[]) { const kinds: Kind[] = items.map((i) => i.type); return others.filter((o) => kinds.includes(o.type)); }`,
    errors: [set('kinds.includes(…)', 'kinds', 'others', 'new Set(kinds)')],
  },
  // An exported function's list may come from any caller, whatever this file passes (Amplication's mergeAllSettings).
  {
    code: `${mergeSettings('export const')}
export function update(a: Record<string, unknown>, b: Record<string, unknown>) { return mergeAllSettings(a, b, ['menu']); }`,
    errors: [set('keysToNotMerge.includes(…)', 'keysToNotMerge', 'Object.entries(oldSettings)', 'new Set(keysToNotMerge)')],
  },
  // …as may a local function's once any call passes data.
  {
    code: `${mergeSettings('const')}
export function update(a: Record<string, unknown>, b: Record<string, unknown>, keys: string[]) { return [mergeAllSettings(a, b, ['menu']), mergeAllSettings(a, b, keys)]; }`,
    errors: [set('keysToNotMerge.includes(…)', 'keysToNotMerge', 'Object.entries(oldSettings)', 'new Set(keysToNotMerge)')],
  },
  // A property of options, or of a configuration the client sent, is as long as its sender makes it.
  {
    code: `${TYPES}export function tagged(options: { tags: string }, users: User[]) { const tags = options.tags.split(','); return users.filter((u) => tags.includes(u.role)); }`,
    errors: [set('tags.includes(…)', 'tags', 'users', 'new Set(tags)')],
  },
  {
    code: `${TYPES}export function tagged(data: { settings: { tags: string } }, users: User[]) { const tags = (data.settings.tags || '').split(','); return users.filter((u) => tags.includes(u.role)); }`,
    errors: [set('tags.includes(…)', 'tags', 'users', 'new Set(tags)')],
  },
  {
    code: `${TYPES}${PRISMA}import express from 'express';
const app = express();
app.post('/users', async (req, res) => {
  const users = await prisma.user.findMany();
  const roles = (req.body.config.roles ?? '').split(',');
  res.json(users.filter((u) => roles.includes(u.role)));
});`,
    errors: [set('roles.includes(…)', 'roles', 'users', 'new Set(roles)')],
  },
  // A list added to before the walk (also by a function written after it), or reassigned inside a forEach that itself
  // runs again, is walked grown.
  {
    code: `export function tally(seen: string[], counters: string[]) { let metrics = ['pageviews']; counters.forEach(add); metrics.forEach((metric) => { if (seen.includes(metric)) console.log(metric); }); function add(key: string) { metrics.push(key); } }`,
    errors: [set('seen.includes(…)', 'seen', 'metrics', 'new Set(seen)')],
  },
  {
    code: `export function tally(seen: string[], counters: string[]) { let metrics = ['pageviews']; for (const key of counters) metrics.push(key); metrics.forEach((metric) => { if (seen.includes(metric)) console.log(metric); }); }`,
    errors: [set('seen.includes(…)', 'seen', 'metrics', 'new Set(seen)')],
  },
  {
    code: `export function tally(seen: string[], rounds: number[]) { let metrics = ['pageviews']; for (const round of rounds) metrics.forEach((metric) => { if (!seen.includes(metric)) metrics = [...metrics, metric + round]; }); return metrics; }`,
    errors: [set('seen.includes(…)', 'seen', 'metrics', 'new Set(seen)')],
  },
];

const valid: Valid[] = [
  // A list the loop fills only while it is short, whatever the order of the tests (Audiobookshelf's covers).
  'export function firstUnique(values: string[]) { const picked: string[] = []; for (const v of values) { if (!picked.includes(v) && picked.length < 3) picked.push(v); } return picked; }',
  `export function covers(items: { id: string; coverPath?: string }[]) { const withCovers: string[] = []; for (const item of items) { if (item.coverPath && !withCovers.includes(item.id) && withCovers.length < 25) withCovers.push(item.id); } return withCovers; }`,
  // The lists of the app's settings, read from an imported accessor, mapped or not (Jellyseerr's Radarr servers).
  `import { getSettings } from './settings';
export async function attach(requests: { serverId: number }[]) {
  const settings = getSettings();
  const servers = await Promise.all(settings.radarr.map(async (s: { id: number }) => ({ id: s.id })));
  const names = settings.radarr.map((s: { id: number }) => s.id);
  return requests.map((q) => [servers.find((s) => s.id === q.serverId), names.includes(q.serverId)]);
}`,
  // The duplicates an error is about to name: searched once, on failure (Logto's connector ids).
  `export function checkIds(ids: string[], unique: string[]) { if (ids.length !== unique.length) { const duplicated = unique.filter((id) => ids.filter((other) => other === id).length > 1); throw new Error('duplicated: ' + duplicated.join(', ')); } }`,
  `export function load(ids: string[], unique: string[]) { try { return unique.map((id) => id.trim()); } catch (error) { const missing = unique.filter((id) => !ids.includes(id)); throw new Error('missing: ' + missing.join(', ')); } }`,
  // Characters spelled out in the code, as a template or String.raw (erxes's regex escaping): a handful.
  'const SPECIALS = String.raw`{}[].^$|?*+()`.split("");\nexport function escape(input: string) { return input.split("").map((c) => (SPECIALS.includes(c) ? "\\\\" + c : c)).join(""); }',
  'export function strip(input: string) { const vowels = `aeiou`.split(""); return input.split("").filter((c) => !vowels.includes(c)).join(""); }',
  // lodash's property shorthand tests a flag, and a deep path has no plain key to index by.
  `${TYPES}import _ from 'lodash';\nexport function active(users: (User & { active: boolean })[], orders: Order[]) { return orders.map((o) => _.find(users, ['active'])); }`,
  `${TYPES}import _ from 'lodash';\nexport function owners(users: User[], orders: Order[]) { return orders.map((o) => _.find(users, ['profile.id', o.userId])); }`,
  // Data by a guess only, searched once per element of a list no more is known of: the two may both be a handful
  // (Vendure's orders: fulfillments of one order, shipping lines, the keys of an options object).
  'export function unknownKeys(schema: Record<string, unknown>, input: Record<string, unknown>) { const known = Object.keys(schema); return Object.keys(input).filter((k) => !known.includes(k)); }',
  `import { columns } from './columns';\nexport function hasEventFilter(filters: Record<string, string>) { return columns.some((column: string) => Object.keys(filters).includes(column)); }`,
  `import type { Order } from './entities';\nexport function fulfilled(order: Order) { const done = order.fulfillments.filter((f) => f.state === 'done').map((f) => f.lineId); return order.lines.filter((line) => done.includes(line.id)); }`,
  // The loop is the multiplier: over the keys of a record no more is known of (Novu's channels), a few scans.
  "import { statusLabels } from './statuses';\nexport function labelled(ids: string[]) { return Object.values(statusLabels).filter((label) => ids.includes(label)); }",
  `interface Channels { email?: boolean; sms?: boolean; push?: boolean }
export function overridden(channels: Channels, overrides: { channel: string; on: boolean }[]) { return Object.entries(channels).map(([key]) => overrides.find((o) => o.channel === key)); }`,
  // …filtered, a guess stays one (Langfuse's view dimensions, Vendure's script fields).
  "export function usesV2(params: { dimensions: { field: string }[] }, view: any) { const only = Object.keys(view.dimensions).filter((k) => k !== 'id'); return params.dimensions.some((d) => only.includes(d.field)); }",
  `import type { Order } from './entities';\nexport function charged(order: Order) { return order.shippingLines.map((line) => order.surcharges.map((s) => s.methodId).includes(line.methodId)); }`,
  // The keys of one row are its columns, as many as the schema has (HyperDX's chart series).
  'export function series(rows: Record<string, unknown>[], groupBy: string[]) { const firstRow = rows.at(0); const allKeys = firstRow ? Object.keys(firstRow) : []; return allKeys.filter((k) => !groupBy.includes(k)); }',
  'export function series(rows: Record<string, unknown>[], groupBy: string[]) { return Object.keys(rows[0] ?? {}).filter((k) => groupBy.includes(k)); }',
  // An accumulator the loop caps before searching it (GrowthBook's auto slices): at most `max` elements.
  'export function firstUnique(values: string[], max: number) { const picked: string[] = []; for (const v of values) { if (picked.length >= max) break; if (!picked.includes(v)) picked.push(v); } return picked; }',
  'export function firstUnique(values: string[]) { const picked: string[] = []; for (const v of values) { if (20 <= picked.length) { return picked; } if (picked.indexOf(v) === -1) picked.push(v); } return picked; }',
  // The search runs only while the array is short (crowd.dev's security-contact links): an earlier `&&` operand or an
  // enclosing `if` in the loop, against a small literal or a module-level constant.
  "export function links(urls: string[]) { const linkedUrls: string[] = []; for (const url of urls) { if (url.startsWith('#')) continue; else if (linkedUrls.length < 3 && !linkedUrls.includes(url)) linkedUrls.push(url); } return linkedUrls; }",
  'const MAX_LINKS = 5;\nexport function links(urls: string[], ok: boolean) { const picked: string[] = []; for (const url of urls) { if (ok && MAX_LINKS > picked.length) { if (!picked.includes(url)) picked.push(url); } } return picked; }',
  'export function firstKnown(ids: string[], orders: { userId: string }[]) { return orders.filter((o) => ids.length <= 10 && ids.includes(o.userId)); }',
  // Parts of a table the code writes: a member of an import named like one (crowd.dev's `Roles.values`, Nango's
  // per-integration syncs), or of a module-level object literal, down every key a computed member may pick.
  "import Roles from '../../security/roles';\nexport function check(value: string[]) { const validOptions = Object.keys(Roles.values); return value.some((item) => !validOptions.includes(item)); }",
  "import { NANGO_INTEGRATION_CONFIG } from './config';\nexport function check(syncs: string[], integration: string) { const validSyncs = Object.values(NANGO_INTEGRATION_CONFIG[integration].syncs) as string[]; for (const sync of syncs) { if (!validSyncs.includes(sync)) throw new Error(sync); } }",
  "const PLATFORMS = { github: { syncs: { repos: 'repos', prs: 'prs' } }, gitlab: { syncs: { mrs: 'mrs' } } };\nexport function check(syncs: string[], platform: 'github' | 'gitlab') { const valid = Object.values(PLATFORMS[platform].syncs); return syncs.filter((s) => valid.includes(s)); }",
  "const PLANS = { limits: { free: 1, pro: 2 } };\nexport function check(names: string[]) { const plans = Object.keys(PLANS.limits); return names.filter((n) => plans.includes(n)); }",
  // A value declared `any` is not sized from its initialiser (crowd.dev's Sequelize validator).
  'export function check(value: string[], options: Record<string, string>) { const validOptions: any = Object.keys(options); return value.some((item) => !validOptions.includes(item)); }',
  'export class Validator { private known: any = []; add(x: string) { this.known.push(x); } check(ids: string[]) { return ids.filter((id) => this.known.includes(id)); } }',
  // Startup code runs once per process (Vendure's bootstrap, NestJS lifecycle hooks).
  `${TYPES}async function bootstrap(plugins: User[], enabled: string[]) { return plugins.filter((p) => enabled.includes(p.id)); } bootstrap([], []);`,
  `${TYPES}export class Roles { onModuleInit(users: User[], ids: string[]) { return users.filter((u) => ids.includes(u.id)); } }`,
  // Over a rest parameter: as many elements as a call site writes (`withScopes('users.read')`).
  `export function withScopes(...required: string[]) { return (granted: string[]) => required.some((scope) => granted.includes(scope)); }`,
  // Over a URL's query parameters, a few kilobytes at most (Shelf's filters against the index's columns).
  `${TYPES}export function filters(request: Request, columns: { name: string }[]) { const url = new URL(request.url); const picked: string[] = []; url.searchParams.forEach((value, key) => { if (columns.find((column) => column.name === key)) picked.push(value); }); return picked; }`,
  `${TYPES}export function filters(query: string, columns: string[]) { const params = new URLSearchParams(query); const picked: string[] = []; for (const [key, value] of params.entries()) if (columns.includes(key)) picked.push(value); return picked; }`,
  `${TYPES}export function filters(params: URLSearchParams, columns: string[]) { const picked: string[] = []; for (const [key] of params) if (columns.includes(key)) picked.push(key); return picked; }`,
  // Browser code: a React hook (linkwarden's useArchivalTags) or a 'use client' module spends the user's CPU, not the server's.
  `import { useState } from 'react';
export function useTags(initial: { name: string }[]) { const [tags, setTags] = useState(initial); return (next: { name: string }[]) => setTags(tags.filter((t) => !next.some((n) => n.name === t.name))); }`,
  `'use client';
export function merge(prev: { id: string }[], next: { id: string }[]) { return prev.filter((p) => !next.some((n) => n.id === p.id)); }`,
  // A function that works on the page (it reads the DOM), in a file shared with the server: its own lookups only.
  `export function selectedRows(prev: { id: string }[], next: { id: string }[]) { const table = document.querySelector('table'); return table ? prev.filter((p) => !next.some((n) => n.id === p.id)) : []; }`,
  // Small literal and constant lookup tables.
  // An index loop over a constant list, like a for-of over it (openstatus's PERIODICITY_ORDER walk).
  `const ORDER = ['30s', '1m', '5m', '10m'];\nexport function clamp(allowed: string[]) { for (let i = 0; i < ORDER.length; i++) { if (allowed.includes(ORDER[i])) return ORDER[i]; } return undefined; }`,
  // A loop over a constant another module of the project declares (umami's EVENT_COLUMNS): its length is fixed in the code.
  `import { EVENT_COLUMNS } from '@/lib/constants';\nexport function hasEventFilter(filters: Record<string, string>) { return EVENT_COLUMNS.some((column) => Object.keys(filters).includes(column)); }`,
  // Values of an enum named as one, from a shared package of the monorepo (Novu's `@novu/shared` enums), searched or iterated.
  `import { ChatProviderIdEnum } from '@novu/shared';\nexport function chatChannels(channels: { providerId: string }[]) { return channels.filter((chan) => Object.values(ChatProviderIdEnum).includes(chan.providerId as ChatProviderIdEnum)); }`,
  `import { DaysEnum } from '@novu/shared';\nexport function validWeekDays(weekDays: DaysEnum[]) { const allowedValues = Object.values(DaysEnum); return weekDays.every((day) => allowedValues.includes(day)); }`,
  `import { PreferencesTypeEnum } from '../types';\nexport function merge(items: { type: string; preferences: object }[]) { return Object.values(PreferencesTypeEnum).map((type) => items.find((item) => item.type === type)); }`,
  // A module-level constant computed once at load (formbricks' UPDATABLE_VALUE_FIELDS): its length is fixed in the code.
  `import { schema } from './schema';\nconst VALUE_FIELDS = Object.keys(schema.shape).filter((key) => key.startsWith('value_'));\nexport function rejected(data: Record<string, unknown>, accepted: string[]) { return VALUE_FIELDS.filter((field) => data[field] !== undefined && !accepted.includes(field)); }`,
  // A Prisma enum (dub's payout counts): one entry per status, filled in for the statuses the groupBy did not return.
  `import { PayoutStatus } from '@prisma/client';\nexport function fill(counts: { status: string; count: number }[]) { Object.values(PayoutStatus).forEach((status) => { if (!counts.find((c) => c.status === status)) counts.push({ status, count: 0 }); }); return counts; }`,
  `import { BountySubmissionStatus } from '@acme/prisma/client';\nconst statuses = Object.values(BountySubmissionStatus);\nexport function fill(counts: { status: string }[]) { statuses.forEach((status) => { if (!counts.some((c) => c.status === status)) counts.push({ status }); }); return counts; }`,
  // Values of an enum or constant map imported under a PascalCase or SCREAMING_CASE name, searched (documenso's
  // INTERNAL_CLAIM_ID) or walked (a palette of colours), also through a const, a spread copy, filter and slice.
  `import { INTERNAL_CLAIM_ID } from '@documenso/lib/types/subscription';\nexport function claimed(prices: { claimId: string }[]) { const out: string[] = []; prices.forEach((price) => { if (!Object.values(INTERNAL_CLAIM_ID).includes(price.claimId)) return; out.push(price.claimId); }); return out; }`,
  `import { Colors } from './colors';\nexport function randomColor(exists: string[] = []) { const allColors = Object.values(Colors); const available = [...allColors].filter((color) => !exists.includes(color)); return available[0]; }`,
  `import { Labels } from './labels';\nexport function labelled(ids: string[]) { return Object.values(Labels).filter((label) => ids.includes(label)); }`,
  `import { INTERNAL_CLAIM_ID } from '@documenso/lib/types/subscription';\nconst claims = Object.keys(INTERNAL_CLAIM_ID).filter((key) => key !== 'FREE');\nexport function claimed(prices: { claimId: string }[]) { return prices.filter((price) => claims.includes(price.claimId)); }`,
  `import { Colors as palette } from './colors';\nexport function taken(exists: string[]) { return Object.entries(palette).slice(0, 10).map(([name]) => exists.indexOf(name)); }`,
  `import * as Roles from './roles';\nexport function staff(users: { role: string }[]) { const roles = Object.values(Roles); return users.filter((u) => roles.includes(u.role)); }`,
  `enum Color { Red = 'red', Blue = 'blue' }\nexport function randomColor(exists: string[]) { return [...Object.values(Color)].filter((color) => !exists.includes(color)); }`,
  // A table a published package exports, searched per configured value (Papra's OCR languages from tesseract.js).
  `import { languages as tesseractLanguages } from 'tesseract.js';\nexport const ocrLanguages = Object.values(tesseractLanguages);\nexport function invalid(languages: string[]) { return languages.filter((language) => !ocrLanguages.includes(language)); }`,
  // The files of one font of a module-level catalogue, walked (Reactive Resume's \`getFontUrls\`).
  `const fonts = [{ family: 'Inter', files: { '400': 'a.ttf', '700': 'b.ttf' } }, { family: 'Lato', files: { regular: 'c.ttf' } }];\nexport function getFontUrls(family: string, variants: string[]): string[] { const font = fonts.find((f) => f.family === family); if (!font) return []; return Object.entries(font.files).filter(([variant]) => variants.includes(variant)).map(([, url]) => url); }`,
  // An omit helper's keys: property names its callers write out (Papra's \`omit(obj, keys)\`).
  `export function omit<T extends object, K extends keyof T>(obj: T, keys: K[] | readonly K[]): Omit<T, K> {\n  const result = {} as Omit<T, K>;\n  for (const key in obj) { if (Object.hasOwn(obj, key) && !keys.includes(key as never)) (result as T)[key] = obj[key]; }\n  return result;\n}`,
  // A loop over five capped rows scans the other list five times: linear, as a Map would be.
  `${PRISMA}export async function authorsOfRecent() {
  const users = await prisma.user.findMany();
  const recent = await prisma.post.findMany({ take: 5 });
  return recent.map((p) => users.find((u) => u.id === p.authorId));
}`,
  // Rows of a read capped by a small constant (documenso's recipients and team members, take: 5), also by a
  // module-level constant or a builder's limit: searching them costs a constant per element.
  `${PRISMA}export async function firstNew(where: object) {
  const recipients = await prisma.user.findMany({ where, take: 5 });
  const teamMembers = await prisma.post.findMany({ where, take: 5 });
  return teamMembers.find((m) => !recipients.some((r) => r.email === m.title));
}`,
  `${PRISMA}const SUGGESTIONS = 10;\nexport async function unmatched(emails: string[]) {
  const users = await prisma.user.findMany({ orderBy: { id: 'desc' }, take: SUGGESTIONS });
  const known = users.map((u) => u.email);
  return emails.filter((e) => !known.includes(e));
}`,
  `${KNEX}export async function known(ids: string[]) {
  const tags = await db('tags').select('id').limit(10);
  return ids.filter((id) => tags.some((t) => t.id === id));
}`,
  `${MONGOOSE}export async function owned(userIds: string[]) {
  const teams = await Team.find({}).limit(5).lean();
  return userIds.filter((id) => teams.some((t) => t.ownerId === id));
}`,
  `${TYPEORM}export async function unmatched(emails: string[]) {
  const accounts = await accountRepo.find({ take: 20 });
  return emails.filter((e) => !accounts.some((a) => a.email === e));
}`,
  `${TYPES}export function staff(users: User[]) { return users.filter((u) => ['admin', 'owner'].includes(u.role)); }`,
  `${TYPES}const ROLES = ['admin', 'owner'];\nexport function staff(users: User[]) { return users.filter((u) => ROLES.includes(u.role)); }`,
  `${TYPES}const ROLES: string[] = ['admin', 'owner'];\nexport function staff(users: User[]) { return users.filter((u) => ROLES.indexOf(u.role) >= 0); }`,
  `${TYPES}const STATUSES = ['open', 'paid'] as const;\nexport function open(orders: { status: string }[]) { return orders.filter((o) => (STATUSES as readonly string[]).includes(o.status)); }`,
  `${TYPES}const BASE = ['read']; const ROLES = [...BASE, 'write'];\nexport function staff(users: User[]) { return users.filter((u) => ROLES.includes(u.role)); }`,
  `${TYPES}export function staff(users: User[], extra: boolean) { const roles = ['admin']; if (extra) roles.push('owner'); return users.filter((u) => roles.includes(u.role)); }`,
  `${TYPES}enum Role { Admin = 'admin', Owner = 'owner' }\nexport function staff(users: User[]) { const roles: string[] = Object.values(Role); return users.filter((u) => roles.includes(u.role)); }`,
  `${TYPES}const ALLOWED = (process.env.ALLOWED_ROLES ?? '').split(',');\nexport function staff(users: User[]) { return users.filter((u) => ALLOWED.includes(u.role)); }`,
  // A setting read from a configuration service, or held in a const first (Refly's supported toolsets).
  `${TYPES}export class Tools { constructor(private readonly configService: { get<T>(key: string): T }) {} supported(users: User[]) { const s = this.configService.get<string>('tools.supported'); const arr = s.split(','); return users.filter((u) => arr.includes(u.role)); } }`,
  `${TYPES}export function staff(users: User[]) { const raw = process.env.ALLOWED_ROLES ?? ''; const allowed = raw.split(','); return users.filter((u) => allowed.includes(u.role)); }`,
  // …or a property of an object named as configuration: NodeBB's system tags, an injected config, a settings object.
  `import meta from './meta';
export function visible(tags: string[]) { const systemTags = (meta.config.systemTags || '').split(','); return tags.filter((t) => !systemTags.includes(t)); }`,
  `${TYPES}export class Hosts { constructor(private readonly config: { allowedHosts?: string }) {} allowed(users: User[]) { const hosts = (this.config.allowedHosts ?? '').split(','); return users.filter((u) => hosts.includes(u.name)); } }`,
  `${TYPES}export function tagged(settings: { tags: string }, users: User[]) { const tags = settings.tags.split(','); return users.filter((u) => tags.includes(u.role)); }`,
  // A list reassigned inside its own forEach, or added to after it: the walk goes over the array as it was (NodeBB's
  // analytics metrics).
  `export function tally(seen: string[], counters: string[]) { let metrics = ['pageviews', 'pageviews:month']; metrics.forEach((metric) => { if (!seen.includes(metric)) metrics = [...metrics, metric + ':guest']; }); for (const key of counters) metrics.push(key); return metrics; }`,
  `export function tally(seen: string[], counters: string[]) { let metrics = ['pageviews', 'pageviews:month']; for (const metric of metrics) if (seen.includes(metric)) return true; for (const key of counters) metrics.push(key); return metrics; }`,
  // A list the DI container hands in is configuration, set at startup (seen in ghostfolio's DataProviderService).
  `import { Inject, Injectable } from '@nestjs/common';
   interface Provider { getName(): string }
   @Injectable() export class Providers {
     constructor(@Inject('Providers') private readonly providers: Provider[], private readonly mapping: Record<string, string>) {}
     pick(names: string[]) { return names.map((name) => this.providers.find((p) => p.getName() === this.mapping[name])); }
   }`,
  // A list of an enum's values, or of a few literals, is a small set however it is passed (Amplication's unsupported
  // DTO property types): an enum of this file, a literal union, an import named as an enum, a Prisma client's enum.
  `enum EnumPropertyType { String = 'String', Dto = 'Dto', Null = 'Null' }
export class DtoService { validate(types: { type: string }[], unsupportedTypes?: EnumPropertyType[]) { for (const type of types) { if (unsupportedTypes?.includes(type.type as EnumPropertyType)) throw new Error(type.type); } } }`,
  `${TYPES}export function allowed(users: User[], modes: Array<'admin' | 'owner'>) { return users.filter((u) => modes.includes(u.role as 'admin')); }`,
  `import { ChannelTypeEnum } from '@novu/shared';
export function pick(steps: { type: ChannelTypeEnum }[], channels: ChannelTypeEnum[]) { return steps.filter((s) => channels.includes(s.type)); }`,
  `import { Role } from '@prisma/client';
export function staff(users: { role: Role }[], roles: Role[] = [Role.ADMIN]) { return users.filter((u) => roles.includes(u.role)); }`,
  // An import the file reads only for its members is an enum under any name (Amplication's generated `Enum…` types).
  `import { EnumModuleDtoPropertyType } from './enum-lists/types';
export function validate(types: { type: string }[], unsupportedTypes: EnumModuleDtoPropertyType[] = [EnumModuleDtoPropertyType.Dto]) { return types.filter((t) => !unsupportedTypes.includes(t.type as EnumModuleDtoPropertyType)); }`,
  // A function only this file calls, always with a constant list (or none): a handful of keys, not data.
  `${mergeSettings('const')}
export function update(a: Record<string, unknown>, b: Record<string, unknown>) { return [mergeAllSettings(a, b, ['menu', 'tabs']), mergeAllSettings(a, b)]; }`,
  // Sets and Maps: constant-time lookups.
  `${TYPES}export function visible(users: User[], blockedIds: string[]) { const blocked = new Set(blockedIds); return users.filter((u) => !blocked.has(u.id)); }`,
  `${TYPES}export function owners(users: User[], orders: Order[]) { const byId = new Map(users.map((u) => [u.id, u])); return orders.map((o) => byId.get(o.userId)); }`,
  // String includes.
  `${TYPES}export function mentioned(text: string, users: User[]) { return users.filter((u) => text.includes(u.name)); }`,
  `${TYPES}export function listed(users: User[], orders: Order[]) { const csv = users.map((u) => u.id).join(','); return orders.filter((o) => csv.includes(o.userId)); }`,
  // Searching the current element's own children.
  `${TYPES}export function admins(users: User[]) { return users.filter((u) => u.roles.includes('admin')); }`,
  `${TYPES}export function withSku(orders: Order[], sku: string) { for (const o of orders) { const items = o.items; if (items.find((i) => i.sku === sku)) return o; } return undefined; }`,
  `${TYPES}export function withSkus(orders: Order[]) { return orders.map((o) => o.items.map((i) => o.items.findIndex((j) => j.sku === i.sku))); }`,
  // Loops that do not walk a collection: retries, pagination, small literal lists.
  `${TYPES}export async function retry(ids: string[], load: () => Promise<string>) { for (let attempt = 0; attempt < 3; attempt++) { const id = await load(); if (ids.includes(id)) return id; } return undefined; }`,
  `${TYPES}export async function pages(ids: string[], next: (c?: string) => Promise<{ id: string; cursor?: string }>) { let hasMore = true; let cursor: string | undefined; while (hasMore) { const page = await next(cursor); if (ids.includes(page.id)) break; cursor = page.cursor; hasMore = !!cursor; } }`,
  `${TYPES}export function flags(roles: string[]) { const out: string[] = []; for (const r of ['admin', 'owner']) { if (roles.includes(r)) out.push(r); } return out; }`,
  // The lookup hoisted out of the loop, or the same for every element.
  `${TYPES}export function mine(users: User[], orders: Order[], id: string) { const me = users.find((u) => u.id === id); return orders.map((o) => ({ ...o, me })); }`,
  `${TYPES}export function beta(flags: string[], orders: Order[]) { return orders.filter(() => flags.includes('beta')); }`,
  `${TYPES}export function mine(users: User[], orders: Order[], currentUserId: string) { return orders.map((o) => ({ o, me: users.find((u) => u.id === currentUserId) })); }`,
  // Runs once: the loop is left right after the lookup.
  `${TYPES}export function first(ids: string[], orders: Order[]) { let hit = false; for (const o of orders) { hit = ids.includes(o.userId); break; } return hit; }`,
  // Arrays it cannot size: properties of other objects, imports, unannotated parameters, unknown results.
  `${TYPES}export function handler(req: { body: { ids: string[] } }, orders: Order[]) { return orders.filter((o) => req.body.ids.includes(o.userId)); }`,
  `${TYPES}export function allowed(user: User, orders: Order[]) { return orders.filter((o) => user.roles.includes(o.id)); }`,
  `${TYPES}import { COUNTRIES } from './countries';\nexport function valid(orders: { country: string }[]) { return orders.filter((o) => COUNTRIES.includes(o.country)); }`,
  `${TYPES}export function known(ids, orders: Order[]) { return orders.filter((o) => ids.includes(o.userId)); }`,
  // Predicates no Set or Map replaces: ranges, several fields, computed on both sides.
  `${TYPES}export function eligible(users: User[], orders: Order[]) { return orders.filter((o) => users.some((u) => u.age > o.minAge)); }`,
  `${TYPES}export function named(users: User[], prefixes: string[]) { return prefixes.map((p) => users.find((u) => u.name.startsWith(p))); }`,
  `${TYPES}export function pairs(users: User[], orders: Order[]) { return orders.filter((o) => users.some((u) => u.id === o.userId && u.role === 'admin')); }`,
  `${TYPES}export function sameName(users: User[], others: User[]) { return users.filter((u) => others.some((v, i) => v.name === u.name && i > 0)); }`,
  // Database calls named find: the N+1 rule's business, not an array search.
  `${MONGOOSE}export async function load(ids: string[]) { for (const id of ids) { await Team.find({ ownerId: id }); } }`,
  `${TYPEORM}export async function load(ids: string[]) { return Promise.all(ids.map((id) => accountRepo.find({ where: { id } }))); }`,
  `import { MongoClient } from 'mongodb';\nconst client = new MongoClient('mongodb://localhost');\nexport async function load(ids: string[]) { for (const id of ids) { await client.db().collection('users').find({ id }).toArray(); } }`,
  // Code defined in the loop but run elsewhere.
  `${TYPES}declare const app: { get(path: string, handler: () => void): void };\nexport function routes(paths: string[], ids: string[]) { for (const p of paths) { app.get(p, () => { ids.includes(p); }); } }`,
  // Typed arrays and other classes with an includes method.
  'export function bytes(haystack: Uint8Array, needles: number[]) { return needles.filter((n) => haystack.includes(n)); }',
  `class Bag { includes(x: string) { return x.length > 0; } }\nexport function inBag(words: string[]) { const bag = new Bag(); return words.filter((w) => bag.includes(w)); }`,
  // Arrays made per element, and a variable reset per element.
  `${TYPES}export function each(orders: Order[]) { return orders.map((o) => { const skus = o.items.map((i) => i.sku); return skus.includes('x'); }); }`,
  `${TYPES}export function groups(orders: Order[]) { let group: string[] = []; for (const o of orders) { if (group.includes(o.userId)) group = []; group = [o.userId]; } return group; }`,
  // A reduce's accumulator is the callback's own parameter.
  `export function unique(xs: string[]) { return xs.reduce<string[]>((acc, x) => (acc.includes(x) ? acc : [...acc, x]), []); }`,
  // A lookalike: a function of this file named like lodash's.
  `${TYPES}function find(list: User[], id: string) { return list.find((u) => u.id === id); }\nexport function owners(users: User[], orders: Order[]) { return orders.map((o) => find(users, o.userId)); }`,
  // lodash's includes on a string.
  `${TYPES}import _ from 'lodash';\nexport function mentioned(text: string, users: User[]) { return users.filter((u) => _.includes(text, u.name)); }`,
];

/** Only the checker knows that `loadIds()` and `loadUsers()` return arrays. */
const IDS_FROM_FUNCTION = `${TYPES}declare function loadIds(): string[];\nexport function known(orders: Order[]) { const ids = loadIds(); return orders.filter((o) => ids.includes(o.userId)); }`;
const FROM_FUNCTION = `${TYPES}declare function loadUsers(): Promise<User[]>;
export async function owners(orders: Order[]) { const users = await loadUsers(); return orders.map((o) => users.find((u) => u.id === o.userId)); }`;

/** Only the checker knows that this `map` returns a custom list, not an array. */
const CUSTOM_LIST = `${TYPES}declare class List<T> { map<U>(f: (x: T) => U): List<U>; includes(x: T): boolean }
export function known(list: List<User>, orders: Order[]) { const ids = list.map((u) => u.id); return orders.filter((o) => ids.includes(o.userId)); }`;

/** Only the checker knows that `kinds` holds an enum's values. */
const ENUM_PARAMETER = `${TYPES}enum Kind { Admin = 'admin', Owner = 'owner' }\nexport function staff(kinds: typeof Kind, users: User[]) { return users.filter((u) => Object.values(kinds).includes(u.role)); }`;

/** Without types, an unannotated parameter says nothing; the checker infers it from the default. */
const INFERRED = `${TYPES}export function known(orders: Order[], ids = [] as string[]) { return orders.filter((o) => ids.includes(o.userId)); }`;

/** Only the checker knows that the imported `EnumModuleDtoPropertyType` is an enum (tests/fixtures/typed/enum-lists). */
const ENUM_LIST_IMPORT = `import { EnumModuleDtoPropertyType } from './enum-lists/types';
export function validate(types: { type: string }[], unsupportedTypes?: EnumModuleDtoPropertyType[]) { for (const type of types) { if (unsupportedTypes?.includes(type.type as EnumModuleDtoPropertyType)) throw new Error(type.type); } }`;
/** …and that `StatusEnum`, named like an enum, is an interface: without types the name is all there is. */
const ENUM_NAMED_RECORDS = `import type { StatusEnum } from './enum-lists/types';
export function missing(rows: StatusEnum[], ids: string[]) { return ids.filter((id) => !rows.some((r) => r.id === id)); }`;

untypedRuleTester().run('no-quadratic-lookup', rule, {
  valid: [
    ...valid,
    FROM_FUNCTION,
    IDS_FROM_FUNCTION,
    ENUM_NAMED_RECORDS,
    // Tests and their fixtures search small lists.
    { code: `${TYPES}export function visible(users: User[], blockedIds: string[]) { return users.filter((u) => !blockedIds.includes(u.id)); }`, filename: 'packages/cart/integration-tests/__fixtures__/users.ts' },
  ],
  invalid: [
    ...invalid,
    { code: INFERRED, errors: [set('ids.includes(…)', 'ids', 'orders', 'new Set(ids)')] },
    // Without types, a `map` of a list the code does not size is taken for data; only the checker knows `List` is no array.
    { code: CUSTOM_LIST, errors: [set('ids.includes(…)', 'ids', 'orders', 'new Set(ids)')] },
    { code: ENUM_PARAMETER, errors: [set('Object.values(kinds).includes(…)', 'Object.values(kinds)', 'users', 'new Set(Object.values(kinds))')] },
    { code: ENUM_LIST_IMPORT, errors: [set('unsupportedTypes.includes(…)', 'unsupportedTypes', 'types', 'new Set(unsupportedTypes)')] },
  ],
});

/**
 * Umami's `SESSION_COLUMNS.includes(name)` per field: a constant of another module, typed `T[]`, declared as a literal
 * of a few elements (tests/fixtures/typed/cross-file/widget-defaults.ts). One that code fills at run time is data.
 */
const IMPORTED_LITERAL = `import { defaultWidgetConfigs } from './cross-file/widget-defaults';
export function known(kinds: string[]) { return kinds.filter((k) => defaultWidgetConfigs.some((c) => c.kind === k)); }`;
const IMPORTED_FILLED = `import { registeredWidgets } from './cross-file/widget-defaults';
export function known(kinds: string[]) { return kinds.filter((k) => registeredWidgets.some((c) => c.kind === k)); }`;
/** Ghostfolio's `NON_INVESTMENT_ACTIVITY_TYPES`: an enum's values, filtered; the keys of a record code fills are data. */
const IMPORTED_ENUM_LIST = `import { outdoorKinds } from './cross-file/widget-defaults';
export function outdoor(kinds: string[]) { return kinds.filter((k) => outdoorKinds.includes(k as never)); }`;
const IMPORTED_RECORD_KEYS = `import { registeredKinds } from './cross-file/widget-defaults';
export function registered(kinds: string[]) { return kinds.filter((k) => registeredKinds.includes(k)); }`;

typedRuleTester().run('no-quadratic-lookup (typed)', rule, {
  valid: [...valid, CUSTOM_LIST, ENUM_PARAMETER, ENUM_LIST_IMPORT, IMPORTED_LITERAL, IMPORTED_ENUM_LIST],
  invalid: [
    ...invalid,
    { code: IMPORTED_RECORD_KEYS, errors: [set('registeredKinds.includes(…)', 'registeredKinds', 'kinds', 'new Set(registeredKinds)')] },
    { code: IMPORTED_FILLED, errors: [set('registeredWidgets.some(…)', 'registeredWidgets', 'kinds', 'new Set(registeredWidgets.map((c) => c.kind))')] },
    { code: ENUM_NAMED_RECORDS, errors: [set('rows.some(…)', 'rows', 'ids', 'new Set(rows.map((r) => r.id))')] },
    { code: FROM_FUNCTION, errors: [map('users.find(…)', 'users', 'orders', 'new Map(users.map((u) => [u.id, u]))')] },
    { code: IDS_FROM_FUNCTION, errors: [set('ids.includes(…)', 'ids', 'orders', 'new Set(ids)')] },
    { code: INFERRED, errors: [set('ids.includes(…)', 'ids', 'orders', 'new Set(ids)')] },
  ],
});

// A data-sized list needs evidence: a map or filter is as long as its receiver, a variable as its initialiser.
/** OpenStatus: a customer's active subscriptions, one page from Stripe, searched per workspace. */
const STRIPE_PAGE = `import Stripe from 'stripe';
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);
export async function active(workspaces: { id: string; subscriptionId: string }[], customer: string) {
  const subscriptions = (await stripe.subscriptions.list({ customer })).data.filter((s) => s.status === 'active');
  return workspaces.filter((w) => subscriptions.some((s) => s.id === w.subscriptionId));
}`;
/** …also held in a `const` first (Flowise's OpenAI vector-store files). */
const HELD_PAGE = `import OpenAI from 'openai';
const openai = new OpenAI();
export async function attached(storeId: string, wanted: { fileId: string }[]) {
  const page = await openai.vectorStores.files.list(storeId);
  const fileIds = page.data.map((file) => file.id);
  return wanted.filter((w) => fileIds.includes(w.fileId));
}`;
/** …and an imported list mapped: as long as the module makes it. */
const IMPORTED_MAPPED = `${TYPES}import { adminEmails } from './config';
export function admins(users: User[]) { const emails = adminEmails.map((e) => e.toLowerCase()); return users.filter((u) => emails.includes(u.name)); }`;
/** OpenStatus's plan limits: a property of a config, whatever the variable's annotation says. */
const PLAN_LIMITS = `import { config } from './config';
export function disallowed(monitors: { periodicity: string }[]) {
  const allowedPeriodicity: string[] = config.limits.periodicity;
  return monitors.filter((m) => !allowedPeriodicity.includes(m.periodicity));
}`;

const dataEvidence: Invalid[] = [
  // Rows mapped, a `T[]` parameter filtered, request input filtered: data-sized lists.
  {
    code: `${TYPES}${PRISMA}export async function owned(orders: Order[]) { const users = await prisma.user.findMany(); const ids = users.map((u) => u.id); return orders.filter((o) => ids.includes(o.userId)); }`,
    errors: [set('ids.includes(…)', 'ids', 'orders', 'new Set(ids)')],
  },
  {
    code: `${TYPES}export function managed(users: User[], orders: Order[]) { const managers = users.filter((u) => u.role === 'manager').map((u) => u.id); return orders.filter((o) => managers.includes(o.userId)); }`,
    errors: [set('managers.includes(…)', 'managers', 'orders', 'new Set(managers)')],
  },
  {
    code: `${TYPES}${PRISMA}import express from 'express';
const app = express();
app.post('/orders', async (req, res) => {
  const orders = await prisma.order.findMany();
  const wanted = req.body.ids.filter((id: string) => id.length > 0);
  res.json(orders.filter((o) => wanted.includes(o.id)));
});`,
    errors: [set('wanted.includes(…)', 'wanted', 'orders', 'new Set(wanted)')],
  },
  // …or from a project function a package wraps (Formbricks's `reactCache(async (id) => …)`).
  {
    code: `${TYPES}import { cache as reactCache } from 'react';
declare function load(id: string): Promise<{ languages: { id: string }[] }>;
const getSurvey = reactCache(async (id: string) => load(id));
export async function update(id: string, wanted: Order[]) { const current = await getSurvey(id); const ids = current.languages.map((l) => l.id); return wanted.filter((w) => !ids.includes(w.id)); }`,
    errors: [set('ids.includes(…)', 'ids', 'wanted', 'new Set(ids)')],
  },
  // A page held from a project helper: data, as the helper's list is.
  {
    code: `${TYPES}import { listFiles } from './files';
export async function attached(wanted: Order[]) { const page = await listFiles(); const fileIds = page.data.map((file: { id: string }) => file.id); return wanted.filter((w) => fileIds.includes(w.id)); }`,
    errors: [set('fileIds.includes(…)', 'fileIds', 'wanted', 'new Set(fileIds)')],
  },
  // A variable's annotation still sizes it when it has no initialiser, or is assigned again.
  {
    code: `${TYPES}declare function loadIds(): any;\nexport function known(orders: Order[]) { let ids: string[]; ids = loadIds(); return orders.filter((o) => ids.includes(o.userId)); }`,
    errors: [set('ids.includes(…)', 'ids', 'orders', 'new Set(ids)')],
  },
];

untypedRuleTester().run('no-quadratic-lookup: evidence of data', rule, {
  valid: [STRIPE_PAGE, HELD_PAGE, IMPORTED_MAPPED, PLAN_LIMITS],
  invalid: dataEvidence,
});

typedRuleTester().run('no-quadratic-lookup: evidence of data (typed)', rule, {
  // The checker reads `allowedPeriodicity`'s declared `string[]`: PLAN_LIMITS is an array to it.
  valid: [STRIPE_PAGE, HELD_PAGE, IMPORTED_MAPPED],
  invalid: dataEvidence,
});

// -----------------------------------------------------------------------------------------------------------
// Grouping: `posts.filter((p) => p.authorId === a.id)` once per author walks every post for every author.

const DRIZZLE = `
import { drizzle } from 'drizzle-orm/node-postgres';
import { pgTable, serial, text } from 'drizzle-orm/pg-core';
const usersTable = pgTable('users', { id: serial('id').primaryKey(), name: text('name') });
const db = drizzle('postgres://localhost/app');
`;

function group(lookup: string, array: string, collection: string, build: string, take: string) {
  return { messageId: 'groupFirst' as const, data: { lookup, array, collection, build, take } };
}

const grouping: Invalid[] = [
  // The in-memory join after batching two queries (the triage's miss): every post scanned for every author.
  {
    code: `${PRISMA}export async function withPosts(authors: { id: number }[], ids: number[]) {
  const posts = await prisma.post.findMany({ where: { authorId: { in: ids } } });
  return authors.map((a) => ({ ...a, posts: posts.filter((p) => p.authorId === a.id) }));
}`,
    errors: [{ ...group('posts.filter(…)', 'posts', 'authors', 'Map.groupBy(posts, (p) => p.authorId)', '.get(a.id) ?? []'), line: 6, column: 45 }],
  },
  // Flipped sides, `==`, and a destructured parameter: the same key equality find/some accept.
  {
    code: `${PRISMA}export async function withPosts(authors: { id: number }[]) {
  const posts = await prisma.post.findMany();
  return authors.map((a) => ({ a, posts: posts.filter((p) => a.id == p.authorId), mine: posts.filter(({ authorId }) => authorId === a.id) }));
}`,
    errors: [
      group('posts.filter(…)', 'posts', 'authors', 'Map.groupBy(posts, (p) => p.authorId)', '.get(a.id) ?? []'),
      group('posts.filter(…)', 'posts', 'authors', 'Map.groupBy(posts, ({ authorId }) => authorId)', '.get(a.id) ?? []'),
    ],
  },
  // TypeORM rows, filtered in a for-of loop.
  {
    code: `${TYPES}${TYPEORM}export async function byOrder(orders: Order[]) {
  const accounts = await accountRepo.find();
  const out: Record<string, Account[]> = {};
  for (const order of orders) out[order.id] = accounts.filter((acc) => acc.email === order.userId);
  return out;
}`,
    errors: [group('accounts.filter(…)', 'accounts', 'orders', 'Map.groupBy(accounts, (acc) => acc.email)', '.get(order.userId) ?? []')],
  },
  // Drizzle rows, one group per name asked for.
  {
    code: `${DRIZZLE}export async function byName(names: string[]) {
  const rows = await db.select().from(usersTable);
  return names.map((name) => ({ name, users: rows.filter((r) => r.name === name) }));
}`,
    errors: [group('rows.filter(…)', 'rows', 'names', 'Map.groupBy(rows, (r) => r.name)', '.get(name) ?? []')],
  },
  // Knex rows counted per id: no-in-memory-filtering leaves rows read in a loop alone, so this rule names the count.
  {
    code: `${KNEX}export async function tagCounts(ids: string[]) {
  const tags = await db('tags').select('id', 'postId');
  return ids.map((id) => tags.filter((t) => t.postId === id).length);
}`,
    errors: [group('tags.filter(…)', 'tags', 'ids', 'Map.groupBy(tags, (t) => t.postId)', '.get(id)?.length ?? 0')],
  },
  // Mongoose documents, in a forEach.
  {
    code: `${MONGOOSE}export async function teamsOf(userIds: string[]) {
  const teams = await Team.find({}).lean();
  const out: unknown[] = [];
  userIds.forEach((id) => { out.push(teams.filter((t) => t.ownerId === id)); });
  return out;
}`,
    errors: [group('teams.filter(…)', 'teams', 'userIds', 'Map.groupBy(teams, (t) => t.ownerId)', '.get(id) ?? []')],
  },
  // Plain arrays a caller sizes, in an index loop.
  {
    code: `${TYPES}export function ordersOf(users: User[], orders: Order[]) {
  const out: Order[][] = [];
  for (let i = 0; i < users.length; i++) out.push(orders.filter((o) => o.userId === users[i].id));
  return out;
}`,
    errors: [group('orders.filter(…)', 'orders', 'users', 'Map.groupBy(orders, (o) => o.userId)', '.get(users[i].id) ?? []')],
  },
  // A self-join: each comment's replies found by scanning all comments.
  {
    code: `export function thread(comments: { id: string; parentId?: string }[]) { return comments.map((c) => ({ ...c, replies: comments.filter((r) => r.parentId === c.id) })); }`,
    errors: [group('comments.filter(…)', 'comments', 'comments', 'Map.groupBy(comments, (r) => r.parentId)', '.get(c.id) ?? []')],
  },
  // Counting occurrences of each value: elements compared whole.
  {
    code: `${TYPES}export function repeats(ids: string[], orders: Order[]) { return orders.map((o) => ids.filter((id) => id === o.userId).length); }`,
    errors: [group('ids.filter(…)', 'ids', 'orders', 'Map.groupBy(ids, (id) => id)', '.get(o.userId)?.length ?? 0')],
  },
  // lodash's shorthand.
  {
    code: `${TYPES}import _ from 'lodash';\nexport function ordersOf(users: User[], orders: Order[]) { return users.map((u) => _.filter(orders, { userId: u.id })); }`,
    errors: [group('_.filter(orders, …)', 'orders', 'users', 'Map.groupBy(orders, (item) => item.userId)', '.get(u.id) ?? []')],
  },
  // `filter(…)[0]` and `filter(…).at(0)` keep the first match: a `find`, and find's Map.
  {
    code: `${PRISMA}export async function withAuthors(posts: { authorId: number }[]) {
  const authors = await prisma.user.findMany();
  return posts.map((p) => ({ ...p, author: authors.filter((a) => a.id === p.authorId)[0], again: authors.filter((a) => a.id === p.authorId).at(0) }));
}`,
    errors: [
      map('authors.filter(…)[0]', 'authors', 'posts', 'new Map(authors.map((a) => [a.id, a]))'),
      map('authors.filter(…).at(0)', 'authors', 'posts', 'new Map(authors.map((a) => [a.id, a]))'),
    ],
  },
  // A slice whose length the caller picks is as long as the caller wants.
  {
    code: `export function byApp(metrics: { appName: string }[], max: number) { const apps = [...new Set(metrics.map((m) => m.appName))].slice(0, max); return apps.map((app) => metrics.filter((m) => m.appName === app)); }`,
    errors: [group('metrics.filter(…)', 'metrics', 'apps', 'Map.groupBy(metrics, (m) => m.appName)', '.get(app) ?? []')],
  },
  // The value changes per user, not per role: the filter is per element of users.
  {
    code: `${TYPES}export function perRole(users: User[], orders: Order[]) { return users.map((u) => u.roles.map((r) => ({ r, orders: orders.filter((o) => o.userId === u.id) }))); }`,
    errors: [group('orders.filter(…)', 'orders', 'users', 'Map.groupBy(orders, (o) => o.userId)', '.get(u.id) ?? []')],
  },
];

const groupingValid: Valid[] = [
  // Predicates no group replaces, as for find/some: a range, a call, several conditions, an inequality, the index, a
  // function that is not a literal.
  `${TYPES}export function eligible(users: User[], orders: Order[]) { return users.map((u) => orders.filter((o) => o.minAge > u.age)); }`,
  `${TYPES}declare function isVisible(o: Order, u: User): boolean;\nexport function visible(users: User[], orders: Order[]) { return users.map((u) => orders.filter((o) => isVisible(o, u))); }`,
  `${TYPES}export function open(users: User[], orders: (Order & { open: boolean })[]) { return users.map((u) => orders.filter((o) => o.userId === u.id && o.open)); }`,
  `${TYPES}export function others(users: User[]) { return users.map((u) => users.filter((v) => v.id !== u.id)); }`,
  `${TYPES}export function later(users: User[], orders: Order[]) { return users.map((u) => orders.filter((o, i) => o.userId === u.id && i > 0)); }`,
  `${TYPES}declare function ownedBy(id: string): (o: Order) => boolean;\nexport function owned(users: User[], orders: Order[]) { return users.map((u) => orders.filter(ownedBy(u.id))); }`,
  // The element's own children.
  `${TYPES}export function skus(orders: Order[], wanted: string) { return orders.map((o) => o.items.filter((i) => i.sku === o.id)); }`,
  // The same filter for every element: loop-invariant work to hoist, not a grouping (as for find/some).
  `${PRISMA}export async function open(authors: { id: number }[]) {
  const posts = await prisma.post.findMany();
  return authors.map((a) => ({ ...a, drafts: posts.filter((p) => p.title === 'draft') }));
}`,
  // A small literal list, filtered or walked: a constant per element, a few scans.
  `${TYPES}const PLANS = [{ id: 'free', seats: 1 }, { id: 'pro', seats: 5 }];\nexport function plans(users: User[]) { return users.map((u) => PLANS.filter((p) => p.id === u.role)); }`,
  `${PRISMA}export async function byStatus() {
  const orders = await prisma.order.findMany();
  const out: Record<string, unknown[]> = {};
  for (const status of ['open', 'paid', 'void']) out[status] = orders.filter((o) => o.status === status);
  return out;
}`,
  // A Prisma enum walked: one filter per status, the grouping no-in-memory-filtering's docs call fine.
  `${PRISMA}import { PayoutStatus } from '@prisma/client';
export async function byStatus() {
  const orders = await prisma.order.findMany();
  return Object.values(PayoutStatus).map((status) => ({ status, orders: orders.filter((o) => o.status === status) }));
}`,
  // Loops that run once or do not walk a collection: a retry loop, a pagination loop, a loop left right away.
  `${TYPES}export async function retry(orders: Order[], load: () => Promise<string>) { for (let attempt = 0; attempt < 3; attempt++) { const id = await load(); const mine = orders.filter((o) => o.userId === id); if (mine.length > 0) return mine; } return []; }`,
  `${TYPES}export async function pages(orders: Order[], next: (c?: string) => Promise<{ id: string; cursor?: string }>) { let cursor: string | undefined; do { const page = await next(cursor); console.log(orders.filter((o) => o.userId === page.id)); cursor = page.cursor; } while (cursor); }`,
  `${TYPES}export function first(users: User[], orders: Order[]) { for (const u of users) { return orders.filter((o) => o.userId === u.id); } return []; }`,
  // Rows capped by a small constant: each filter scans at most five.
  `${PRISMA}export async function recent(authors: { id: number }[]) {
  const posts = await prisma.post.findMany({ take: 5 });
  return authors.map((a) => posts.filter((p) => p.authorId === a.id));
}`,
  // A list cut to a small constant length (Unleash's metrics, `slice(0, 100)` of the app names), walked or searched:
  // at most that many scans, or that many steps per search.
  `export function byApp(metrics: { appName: string; n: number }[]) { const apps = [...new Set(metrics.map((m) => m.appName))].slice(0, 100); return apps.map((app) => metrics.filter((m) => m.appName === app)); }`,
  `${TYPES}export function recent(orders: Order[], users: User[]) { const last = users.slice(-5); return orders.map((o) => last.find((u) => u.id === o.userId)); }`,
  // A list the loop adds to: grouping it once before the loop would miss what the loop adds.
  `${TYPES}export function chain(orders: Order[]) { const seen: Order[] = []; for (const o of orders) { const same = seen.filter((s) => s.userId === o.userId); if (same.length < 2) seen.push(o); } return seen; }`,
  // A reduce's accumulator, and arrays it cannot size (another object's property, an unannotated parameter).
  `${TYPES}export function runs(orders: Order[]) { return orders.reduce<Order[]>((acc, o) => [...acc.filter((a) => a.userId === o.userId), o], []); }`,
  `${TYPES}export function handler(req: { body: { orders: Order[] } }, users: User[]) { return users.map((u) => req.body.orders.filter((o) => o.userId === u.id)); }`,
  `${TYPES}export function known(orders, users: User[]) { return users.map((u) => orders.filter((o) => o.userId === u.id)); }`,
  // Already grouped: a Map lookup per element.
  `${TYPES}export function ordersOf(users: User[], orders: Order[]) { const byUser = Map.groupBy(orders, (o) => o.userId); return users.map((u) => byUser.get(u.id) ?? []); }`,
];

untypedRuleTester().run('no-quadratic-lookup: grouping', rule, { valid: groupingValid, invalid: grouping });
typedRuleTester().run('no-quadratic-lookup: grouping (typed)', rule, { valid: groupingValid, invalid: grouping });

// The other rule about filters leaves rows read in a loop alone: one report for a counted filter per element, not two.
untypedRuleTester().run('no-in-memory-filtering beside the grouping case', inMemoryFiltering, {
  valid: [grouping[0], grouping[4]].map(({ code }) => code),
  invalid: [],
});

// ---------------------------------------------------------------------------------------------------------
// An element type imported from a module of the project that declares it as an enum or an alias of literals, read
// from disk without types (Flowise's `ChatMessageRatingType`, in its `Interface.ts`; a workspace package's enum).

const enumProject = fs.mkdtempSync(path.join(os.tmpdir(), 'backend-perf-enums-'));
const writeIn = (file: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(enumProject, file)), { recursive: true });
  fs.writeFileSync(path.join(enumProject, file), text);
};
writeIn('package.json', JSON.stringify({ name: 'acme', private: true, workspaces: ['apps/*', 'packages/*'] }));
writeIn('apps/api/package.json', JSON.stringify({ name: '@acme/api', dependencies: { '@acme/common': 'workspace:*' } }));
writeIn('apps/api/src/Interface.ts', `export enum ChatMessageRatingType { THUMBS_UP = 'THUMBS_UP', THUMBS_DOWN = 'THUMBS_DOWN' }\nexport interface ChatMessage { id: string }\nexport type Plan = 'free' | 'pro' | null;\n`);
writeIn('packages/common/package.json', JSON.stringify({ name: '@acme/common', main: 'dist/index.js' }));
writeIn('packages/common/src/index.ts', `export * from './subscription';\n`);
writeIn('packages/common/src/subscription.ts', `export enum SubscriptionName { Plus = 'PLUS', Pro = 'PRO' }\nexport type SubscriptionId = string;\n`);
writeIn('apps/api/src/columns.ts', `export const fixedFields = ['name', 'status', 'category', 'location'] as const;\nexport const defaultFields: { name: string }[] = [{ name: 'name' }, { name: 'status' }];\nexport const growing = ['name'];\nexport function track(field: string) { growing.push(field); }\nexport const all = [...fixedFields];\n`);
afterAll(() => fs.rmSync(enumProject, { recursive: true, force: true }));

const inEnumProject = (code: string) => ({ code, filename: 'apps/api/src/messages.ts' });
new RuleTester({ languageOptions: { parserOptions: { tsconfigRootDir: enumProject } } }).run('no-quadratic-lookup: element types read from the project', rule, {
  valid: [
    inEnumProject(`import { ChatMessageRatingType, Plan } from './Interface';
export function rated(messages: { rating: ChatMessageRatingType; plan: Plan }[], feedbackTypes: ChatMessageRatingType[], plans: Plan[]) {
  return messages.filter((m) => feedbackTypes.includes(m.rating) && plans.includes(m.plan));
}`),
    inEnumProject(`import { SubscriptionName } from '@acme/common';
export function subscribed(users: { plan: string }[], names: SubscriptionName[]) { return users.filter((u) => names.includes(u.plan as SubscriptionName)); }`),
    // Tables another module writes out as literals, whatever their names' case (Shelf's column settings).
    inEnumProject(`import { fixedFields, defaultFields } from './columns';
export function missing(columns: { name: string }[]) { return [...fixedFields.filter((field) => !columns.some((c) => c.name === field)), ...defaultFields.filter((field) => !columns.find((c) => c.name === field.name))]; }`),
  ],
  invalid: [
    // A table another module grows, or copies from another list: its size is not in the literal.
    {
      ...inEnumProject(`import { growing, all } from './columns';
export function missing(columns: { name: string }[]) { return [...growing.filter((field) => !columns.some((c) => c.name === field)), ...all.filter((field) => !columns.some((c) => c.name === field))]; }`),
      errors: [{ messageId: 'useSet' }, { messageId: 'useSet' }],
    },
    // An interface, a plain alias: lists of data.
    {
      ...inEnumProject(`import { ChatMessage } from './Interface';
import { SubscriptionId } from '@acme/common';
export function missing(messages: { id: string }[], known: ChatMessage[], ids: SubscriptionId[]) {
  return messages.filter((m) => !known.some((k) => k.id === m.id) && ids.includes(m.id));
}`),
      errors: [{ messageId: 'useSet' }, { messageId: 'useSet' }],
    },
  ],
});
