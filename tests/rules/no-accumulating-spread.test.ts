import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import rule from '../../rules/no-accumulating-spread';
import { typedRuleTester, untypedRuleTester } from '../rule-tester';

type Valid = ValidTestCase<[]> | string;
type Invalid = InvalidTestCase<'copiedAccumulator' | 'useOnePass', []>;

const ITEM = 'interface Item { id: string; tag: string; value: number; children: Item[] }\n';

const OBJECT_FIX = (name: string, inReduce = true) =>
  `Set the key on \`${name}\` (\`${name}[key] = value\`)${inReduce ? ` and return \`${name}\`` : ''}, or build the object in one pass with \`Object.fromEntries(…)\` or a Map`;
const ARRAY_FIX = (name: string, inReduce = true) =>
  `Push onto \`${name}\` (\`${name}.push(…)\`)${inReduce ? ` and return \`${name}\`` : ''}, or build the array in one pass with \`map\`/\`flatMap\`/\`filter\``;
const CONCAT_FIX = (name: string, inReduce = true) =>
  `Push onto \`${name}\` (\`${name}.push(...items)\`)${inReduce ? ` and return \`${name}\`` : ''}, or build the array in one pass with \`flatMap\`/\`flat\``;
const ASSIGN_FIX = (name: string) => `Assign into \`${name}\` itself (\`Object.assign(${name}, …)\`) and return \`${name}\``;

type Suggestion = { form: string; output: string };

/** One report; `rewrite` is its one-pass suggestion, if the shape has one. */
function copied(copy: string, accumulator: string, collection: string, fix: string, rewrite?: Suggestion) {
  return {
    messageId: 'copiedAccumulator' as const,
    data: { copy, accumulator, collection, fix },
    suggestions: rewrite ? [{ messageId: 'useOnePass' as const, data: { form: rewrite.form }, output: rewrite.output }] : [],
  };
}

const FROM_ENTRIES = 'Object.fromEntries(….map(…))';
/** `code` with its `reduce(…)` call replaced by `replacement`. */
const rewritten = (code: string, reduce: string, replacement: string) => code.replace(reduce, replacement);

const valid: Valid[] = [
  // The keys of an object the code gives no size of, neither rows nor request input: a record with named members
  // (Novu's five channels), an unannotated filter object, a row's columns filtered (Vendure's import parser).
  `interface Channels { email?: boolean; sms?: boolean; push?: boolean }
export function enabled(channels: Channels) { return Object.entries(channels).reduce((acc, [key, on]) => ({ ...acc, [key]: !!on }), {}); }`,
  'export function columns(filters: any) { return Object.keys(filters).reduce((arr: string[], key) => arr.concat(key.split(".")), []); }',
  'export function custom(row: any) { return Object.entries(row).filter(([key]) => key.startsWith("custom:")).reduce((output, [key, value]) => ({ ...output, [key.slice(7)]: value }), {}); }',
  // forEach walks the array it was given: reassigning the name inside copies a two-element list twice (NodeBB's analytics).
  'export async function writeData(counters: string[]) { let metrics = [\'pageviews\', \'pageviews:month\']; metrics.forEach((metric) => { const toAdd = [\'registered\', \'guest\'].map((t) => `${metric}:${t}`); metrics = [...metrics, ...toAdd]; }); for (const key of counters) metrics.push(key); return metrics; }',
  // A list of an enum's values holds a few elements however it is passed.
  `enum Channel { Email = 'email', Sms = 'sms', Push = 'push' }
export function defaults(channels: Channel[]) { return channels.reduce((acc, channel) => ({ ...acc, [channel]: true }), {}); }`,
  // The accumulator changed in place and handed back: one pass.
  `${ITEM}export function byId(items: Item[]) { return items.reduce<Record<string, Item>>((acc, item) => { acc[item.id] = item; return acc; }, {}); }`,
  `${ITEM}export function ids(items: Item[]) { return items.reduce<string[]>((acc, item) => { acc.push(item.id); return acc; }, []); }`,
  // Spreading the element, not the accumulator: a copy of one element each time.
  `${ITEM}export function tagged(items: Item[]) { return items.map((item) => ({ ...item, tagged: true })); }`,
  `${ITEM}export function total(items: Item[]) { return items.reduce((sum, item) => sum + item.value, 0); }`,
  `${ITEM}export function merged(items: Item[]) { return items.reduce((acc, item) => Object.assign(acc, { [item.id]: item.value }), {} as Record<string, number>); }`,
  // Over a small literal list or a constant table: a fixed number of copies.
  "export const flags = ['a', 'b', 'c'].reduce((acc, key) => ({ ...acc, [key]: true }), {});",
  "enum Role { Admin = 'admin', Member = 'member' }\nexport function defaults() { return Object.values(Role).reduce((acc, role) => ({ ...acc, [role]: [] }), {} as Record<Role, string[]>); }",
  // A few rest arguments.
  'export function mergeAll(...parts: Record<string, unknown>[]) { return parts.reduce((acc, part) => ({ ...acc, ...part }), {}); }',
  // A collection the code cannot size (an unannotated parameter).
  'export function index(rows) { return rows.reduce((acc, row) => ({ ...acc, [row.id]: row }), {}); }',
  // A string accumulator: `concat` joins strings without copying the whole.
  "export function joined(words: string[]) { return words.reduce((text, word) => text.concat(word, ' '), ''); }",
  'export function line(words: string[]) { let text = \'\'; for (const word of words) text = text.concat(word); return text; }',
  // The copy is not the next accumulator: a snapshot handed elsewhere.
  `${ITEM}declare function audit(state: object): void;\nexport function build(items: Item[]) { return items.reduce<Record<string, Item>>((acc, item) => { audit({ ...acc }); acc[item.id] = item; return acc; }, {}); }`,
  // An accumulator declared inside the loop starts empty for each element.
  `${ITEM}export function rows(items: Item[]) { const out: object[] = []; for (const item of items) { let row = {}; row = { ...row, id: item.id }; out.push(row); } return out; }`,
  // Not a loop over a collection: a retry loop, and a reducer function outside any loop.
  'declare function attempt(): Promise<string[]>;\nexport async function collect() { let found: string[] = []; for (let tries = 0; tries < 3; tries++) { found = [...found, ...(await attempt())]; } return found; }',
  'interface State { count: number; items: string[] }\nexport function reducer(state: State, item: string): State { return { ...state, items: [...state.items, item] }; }',
  // Code that leaves the loop right after the copy.
  `${ITEM}export function firstTagged(items: Item[]) { let picked: Item[] = []; for (const item of items) { if (item.tag) { picked = [...picked, item]; break; } } return picked; }`,
  // A nested spread of the element's own list: `[...item.children]` is no accumulator.
  `${ITEM}export function flatten(items: Item[]) { return items.flatMap((item) => [...item.children]); }`,
  // Every key the copy adds is written in the code: the state keeps its size, and the loop stays linear (Logto's
  // parentheses matcher threads a parser's state through a reduce).
  `export function firstParentheses(value: string) {
  return Object.values(value).reduce<{ body: string; count: number; matched: boolean }>(
    (previous, current) => {
      const count = previous.count + (current === '(' ? 1 : current === ')' ? -1 : 0);
      if (count === 0) return current === ')' ? { ...previous, count, matched: true } : { ...previous, count };
      return { ...previous, count, body: previous.body + current };
    },
    { body: '', count: 0, matched: false },
  );
}`,
  `${ITEM}export function stats(items: Item[]) { let state = { total: 0, max: 0 }; for (const item of items) { state = { ...state, total: state.total + item.value, 'max': Math.max(state.max, item.value) }; } return state; }`,
  `${ITEM}export function sum(items: Item[]) { return items.reduce((acc, item) => Object.assign({}, acc, { total: acc.total + item.value }), { total: 0 }); }`,
  // Module set-up runs once.
  "import rows from './rows.json';\nconst list: { id: string }[] = rows;\nexport const BY_ID = list.reduce((acc, row) => ({ ...acc, [row.id]: row }), {});",
];

const BY_ID = `${ITEM}export function byId(items: Item[]) { return items.reduce((acc, item) => ({ ...acc, [item.id]: item }), {}); }`;
const IDS = `${ITEM}export function ids(items: Item[]) { return items.reduce<string[]>((acc, item) => [...acc, item.id], []); }`;
const KEPT = `${ITEM}export function kept(items: Item[]) { return items.reduce<Item[]>((acc, item) => (item.value > 0 ? [...acc, item] : acc), []); }`;
const ALL = `${ITEM}export function all(items: Item[]) { return items.reduce<Item[]>((acc, item) => acc.concat(item.children), []); }`;
const ROUTE = `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function GET() {
  const users = await prisma.user.findMany({ select: { id: true, email: true }, take: 500 });
  return Response.json(users.reduce((acc, user) => ({ ...acc, [user.id]: user.email }), {}));
}`;
const INVERTED = 'export function inverted(map: Record<string, string>) { return Object.entries(map).reduce((acc, [key, value]) => ({ ...acc, [value]: key }), {}); }';
const TOTALS = `interface Order { id: string; total: number }
declare const orders: { list(): Promise<Order[]> };
export async function totals() { const all = await orders.list(); return all.reduce((acc, order) => ({ ...acc, [order.id]: order.total }), {}); }`;

const PARENTHESIZED = `${ITEM}declare function load(item: Item): Promise<Item>;
export async function loaded(items: Item[]) { return (await Promise.all(items.map(load))).reduce((acc, item) => ({ ...acc, [item.id]: item }), {}); }`;

const invalid: Invalid[] = [
  // The receiver's parentheses are kept: `.map` on the awaited array, not on the promise.
  {
    code: PARENTHESIZED,
    errors: [copied('{ ...acc, … }', 'acc', 'await Promise.all(...)', OBJECT_FIX('acc'), { form: FROM_ENTRIES, output: rewritten(PARENTHESIZED, '(await Promise.all(items.map(load))).reduce((acc, item) => ({ ...acc, [item.id]: item }), {})', 'Object.fromEntries((await Promise.all(items.map(load))).map((item) => [item.id, item]))') })],
  },
  // The classic: an index built by spreading the accumulator.
  {
    code: BY_ID,
    errors: [copied('{ ...acc, … }', 'acc', 'items', OBJECT_FIX('acc'), { form: FROM_ENTRIES, output: rewritten(BY_ID, 'items.reduce((acc, item) => ({ ...acc, [item.id]: item }), {})', 'Object.fromEntries(items.map((item) => [item.id, item]))') })],
  },
  // No rewrite that would lose a comment, or the entries of a non-empty initial value.
  {
    code: `${ITEM}export function byId(items: Item[]) { return items.reduce((acc, item) => ({ ...acc, /* latest wins */ [item.id]: item }), {}); }`,
    errors: [copied('{ ...acc, … }', 'acc', 'items', OBJECT_FIX('acc'))],
  },
  {
    code: `${ITEM}export function byId(items: Item[]) { return items.reduce((acc, item) => ({ ...acc, [item.id]: item.value }), { total: 0 }); }`,
    errors: [copied('{ ...acc, … }', 'acc', 'items', OBJECT_FIX('acc'))],
  },
  // An entry computed from what was gathered has no one-pass form.
  {
    code: `${ITEM}export function counts(items: Item[]) { return items.reduce((acc: Record<string, number>, item) => ({ ...acc, [item.tag]: (acc[item.tag] ?? 0) + 1 }), {}); }`,
    errors: [copied('{ ...acc, … }', 'acc', 'items', OBJECT_FIX('acc'))],
  },
  {
    code: IDS,
    errors: [copied('[...acc, …]', 'acc', 'items', ARRAY_FIX('acc'), { form: 'map', output: rewritten(IDS, 'items.reduce<string[]>((acc, item) => [...acc, item.id], [])', 'items.map((item) => item.id)') })],
  },
  // With a block body and a `return`.
  {
    code: `${ITEM}export function byTag(items: Item[]) { return items.reduce((groups: Record<string, Item[]>, item) => { const list = groups[item.tag] ?? []; return { ...groups, [item.tag]: [...list, item] }; }, {}); }`,
    errors: [copied('{ ...groups, … }', 'groups', 'items', OBJECT_FIX('groups'))],
  },
  // Arrays: spread, kept only for some elements, and flattening with concat.
  {
    code: KEPT,
    errors: [copied('[...acc, …]', 'acc', 'items', ARRAY_FIX('acc'), { form: 'filter', output: rewritten(KEPT, 'items.reduce<Item[]>((acc, item) => (item.value > 0 ? [...acc, item] : acc), [])', 'items.filter((item) => item.value > 0)') })],
  },
  {
    code: ALL,
    errors: [copied('acc.concat(…)', 'acc', 'items', CONCAT_FIX('acc'), { form: 'flatMap', output: rewritten(ALL, 'items.reduce<Item[]>((acc, item) => acc.concat(item.children), [])', 'items.flatMap((item) => item.children)') })],
  },
  // `Object.assign` into a fresh object, and a Set rebuilt from a spread.
  {
    code: `${ITEM}export function values(items: Item[]) { return items.reduce((acc, item) => Object.assign({}, acc, { [item.id]: item.value }), {}); }`,
    errors: [copied('Object.assign({}, acc, …)', 'acc', 'items', ASSIGN_FIX('acc'))],
  },
  {
    code: `${ITEM}export function tags(items: Item[]) { return items.reduce((seen, item) => new Set([...seen, item.tag]), new Set<string>()); }`,
    errors: [copied('new Set([...seen, …])', 'seen', 'items', 'Add to `seen` (`seen.add(…)`) and return `seen`, or build the Set once from all the values')],
  },
  {
    code: `${ITEM}export function index(items: Item[]) { let byId = new Map<string, Item>(); for (const item of items) byId = new Map([...byId, [item.id, item]]); return byId; }`,
    errors: [copied('new Map([...byId, …])', 'byId', 'items', 'Set the entry on `byId` (`byId.set(key, value)`), or build the Map once from all the entries')],
  },
  // Loops: reassigning the accumulator with a copy, also from a forEach callback.
  {
    code: `${ITEM}export function collect(items: Item[]) { let result: Item[] = []; for (const item of items) { result = [...result, item]; } return result; }`,
    errors: [copied('[...result, …]', 'result', 'items', ARRAY_FIX('result', false))],
  },
  {
    code: `${ITEM}export function index(items: Item[]) { let byId: Record<string, Item> = {}; items.forEach((item) => { byId = { ...byId, [item.id]: item }; }); return byId; }`,
    errors: [copied('{ ...byId, … }', 'byId', 'items', OBJECT_FIX('byId', false))],
  },
  {
    code: `${ITEM}export function children(items: Item[]) { let all: Item[] = []; for (let i = 0; i < items.length; i++) all = all.concat(items[i].children); return all; }`,
    errors: [copied('all.concat(…)', 'all', 'items', CONCAT_FIX('all', false))],
  },
  // Fixed keys whose values copy a list of their own, or another spread: the state grows after all.
  {
    code: `${ITEM}export function grouped(items: Item[]) { return items.reduce((state, item) => ({ ...state, ids: [...state.ids, item.id] }), { ids: [] as string[] }); }`,
    errors: [copied('{ ...state, … }', 'state', 'items', OBJECT_FIX('state'))],
  },
  {
    code: `${ITEM}export function tags(items: Item[]) { let state = { tags: [] as string[] }; for (const item of items) state = { ...state, tags: state.tags.concat(item.tag) }; return state; }`,
    errors: [copied('{ ...state, … }', 'state', 'items', OBJECT_FIX('state', false))],
  },
  {
    code: `${ITEM}export function merged(items: Item[]) { return items.reduce((acc, item) => ({ ...acc, ...item.children[0], id: item.id }), {}); }`,
    errors: [copied('{ ...acc, … }', 'acc', 'items', OBJECT_FIX('acc'))],
  },
  // Rows a query returned, in a route handler.
  {
    code: ROUTE,
    errors: [copied('{ ...acc, … }', 'acc', 'users', OBJECT_FIX('acc'), { form: FROM_ENTRIES, output: rewritten(ROUTE, 'users.reduce((acc, user) => ({ ...acc, [user.id]: user.email }), {})', 'Object.fromEntries(users.map((user) => [user.id, user.email]))') })],
  },
  // `Object.entries` of a runtime object has as many entries as it has keys.
  {
    code: INVERTED,
    errors: [copied('{ ...acc, … }', 'acc', 'Object.entries(map)', OBJECT_FIX('acc'), { form: FROM_ENTRIES, output: rewritten(INVERTED, 'Object.entries(map).reduce((acc, [key, value]) => ({ ...acc, [value]: key }), {})', 'Object.fromEntries(Object.entries(map).map(([key, value]) => [value, key]))') })],
  },
];

untypedRuleTester().run('no-accumulating-spread', rule, {
  valid: [
    ...valid,
    // Tests and browser code.
    { code: `${ITEM}export function byId(items: Item[]) { return items.reduce((acc, item) => ({ ...acc, [item.id]: item }), {}); }`, filename: 'src/items.test.ts' },
    { code: `'use client';\n${ITEM}export function byId(items: Item[]) { return items.reduce((acc, item) => ({ ...acc, [item.id]: item }), {}); }`, filename: 'src/items.tsx' },
  ],
  invalid,
});

typedRuleTester().run('no-accumulating-spread (typed)', rule, {
  valid,
  invalid: [
    ...invalid,
    // The checker knows what a service returns: an array whose length depends on data.
    {
      code: TOTALS,
      errors: [copied('{ ...acc, … }', 'acc', 'all', OBJECT_FIX('acc'), { form: FROM_ENTRIES, output: rewritten(TOTALS, 'all.reduce((acc, order) => ({ ...acc, [order.id]: order.total }), {})', 'Object.fromEntries(all.map((order) => [order.id, order.total]))') })],
    },
  ],
});

// A data-sized list needs evidence: a map or filter is as long as its receiver, a variable as its initialiser.
/** Postiz's agent tools: the classes a module lists, built and awaited, then indexed by name. */
const TOOL_LIST = `import { toolList } from './tools';
export class ToolsService {
  async tools() {
    return (await Promise.all(toolList.map((T) => new T()).map(async (t) => ({ name: t.name, tool: await t.build() })))).reduce((all, c) => ({ ...all, [c.name]: c.tool }), {});
  }
}`;
/** A property of a config, whatever the variable's annotation says. */
const CONFIGURED = `${ITEM}import { config } from './config';
export function byId() { const items: Item[] = config.items; return items.reduce((acc, item) => ({ ...acc, [item.id]: item }), {}); }`;

const MAPPED_ROWS = `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
export async function emails() { const users = await prisma.user.findMany(); return users.map((u) => ({ id: u.id, email: u.email })).reduce((acc, u) => ({ ...acc, [u.id]: u.email }), {}); }`;
const BUILT_ITEMS = `${ITEM}export async function values(items: Item[], build: (item: Item) => Promise<number>) {
  const built = await Promise.all(items.map(async (item) => ({ id: item.id, value: await build(item) })));
  return built.reduce((acc, c) => ({ ...acc, [c.id]: c.value }), {});
}`;

const dataEvidence: Invalid[] = [
  // Rows mapped, a `T[]` parameter mapped, request input filtered: data-sized lists.
  {
    code: MAPPED_ROWS,
    errors: [copied('{ ...acc, … }', 'acc', 'users.map(...)', OBJECT_FIX('acc'), { form: FROM_ENTRIES, output: rewritten(MAPPED_ROWS, 'users.map((u) => ({ id: u.id, email: u.email })).reduce((acc, u) => ({ ...acc, [u.id]: u.email }), {})', 'Object.fromEntries(users.map((u) => ({ id: u.id, email: u.email })).map((u) => [u.id, u.email]))') })],
  },
  {
    code: BUILT_ITEMS,
    errors: [copied('{ ...acc, … }', 'acc', 'built', OBJECT_FIX('acc'), { form: FROM_ENTRIES, output: rewritten(BUILT_ITEMS, 'built.reduce((acc, c) => ({ ...acc, [c.id]: c.value }), {})', 'Object.fromEntries(built.map((c) => [c.id, c.value]))') })],
  },
  {
    code: `import express from 'express';
const app = express();
app.post('/items', (req, res) => { res.json(req.body.items.filter((i: { ok: boolean }) => i.ok).reduce((acc: object, i: { id: string }) => ({ ...acc, [i.id]: i }), {})); });`,
    errors: [copied('{ ...acc, … }', 'acc', 'req.body.items.filter(...)', OBJECT_FIX('acc'))],
  },
];

untypedRuleTester().run('no-accumulating-spread: evidence of data', rule, {
  valid: [TOOL_LIST, CONFIGURED],
  invalid: dataEvidence,
});

typedRuleTester().run('no-accumulating-spread: evidence of data (typed)', rule, {
  // The checker reads `items`' declared `Item[]`: CONFIGURED is an array to it.
  valid: [TOOL_LIST],
  invalid: dataEvidence,
});
