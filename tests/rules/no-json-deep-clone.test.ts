import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';
import rule from '../../rules/no-json-deep-clone';
import { typedRuleTester, untypedRuleTester } from '../rule-tester';

type MessageId = 'deepClone' | 'plainForm' | 'useStructuredClone';
type Valid = ValidTestCase<[]> | string;
type Invalid = InvalidTestCase<MessageId, []>;

/** One report, whose suggestion turns the code into `output`. */
function clone(value: string, output: string) {
  return { messageId: 'deepClone' as const, data: { value }, suggestions: [{ messageId: 'useStructuredClone' as const, data: { value }, output }] };
}

/** One report that offers no rewrite. */
function cloneOnly(value: string) {
  return { messageId: 'deepClone' as const, data: { value }, suggestions: [] };
}

function plain(value: string, library: string, fix: string) {
  return { messageId: 'plainForm' as const, data: { value, library, fix }, suggestions: [] };
}

const MONGOOSE = `
import mongoose from 'mongoose';
const User = mongoose.model('User', new mongoose.Schema({ name: String, createdAt: Date }));
`;
const SEQUELIZE = `
import { Model, Sequelize, DataTypes } from 'sequelize';
const sequelize = new Sequelize('postgres://localhost/app');
class Order extends Model { declare id: number; declare total: number }
Order.init({ total: DataTypes.INTEGER }, { sequelize });
`;
const PRISMA = `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
`;
const MONGOOSE_FIX = 'add `.lean()` to the query, or call `.toObject()` on the document';
const SEQUELIZE_FIX = 'pass `raw: true` in the query options, or call `.get({ plain: true })` on the instance';

const invalid: Invalid[] = [
  // structuredClone named only after the copy (for another value): the round trip is no fallback.
  {
    code: 'export function copy(order: object, extra: object) { const plain = JSON.parse(JSON.stringify(order)); return [plain, structuredClone(extra)]; }',
    errors: [clone('order', 'export function copy(order: object, extra: object) { const plain = structuredClone(order); return [plain, structuredClone(extra)]; }')],
  },
  // A fallback for an undefined value hides the same round trip (erxes parses each incoming message so); no suggestion,
  // since structuredClone would not fall back.
  { code: 'export function receive(payload?: object) { return JSON.parse(JSON.stringify(payload) || "{}"); }', errors: [cloneOnly('payload')] },
  // A list of records, even of ones holding an enum field, is data.
  {
    code: `enum RatingType { UP = 'UP' }\nexport function copy(rows: { rating: RatingType }[]) { return JSON.parse(JSON.stringify(rows)); }`,
    errors: [clone('rows', `enum RatingType { UP = 'UP' }\nexport function copy(rows: { rating: RatingType }[]) { return structuredClone(rows); }`)],
  },
  {
    code: 'export function copy(order: object) { return JSON.parse(JSON.stringify(order)); }',
    errors: [clone('order', 'export function copy(order: object) { return structuredClone(order); }')],
  },
  // A name that only contains the word is no JSON form (`deserializedOrder` is a copy too).
  {
    code: 'export function keep(order: object) { const deserializedOrder = JSON.parse(JSON.stringify(order)); return deserializedOrder; }',
    errors: [clone('order', 'export function keep(order: object) { const deserializedOrder = structuredClone(order); return deserializedOrder; }')],
  },
  // A copy kept, or made whatever the debug switch says.
  {
    code: 'export function keep(order: object, debug: boolean) { const copy = JSON.parse(JSON.stringify(order)); if (debug) console.log(copy); return copy; }',
    errors: [clone('order', 'export function keep(order: object, debug: boolean) { const copy = structuredClone(order); if (debug) console.log(copy); return copy; }')],
  },
  // A copy handed to something other than a deep comparison: a save, a shallow `equal`.
  {
    code: 'declare function save(x: object): void; declare const a: object; save(JSON.parse(JSON.stringify(a)));',
    errors: [clone('a', 'declare function save(x: object): void; declare const a: object; save(structuredClone(a));')],
  },
  {
    code: 'declare const assert: { equal(a: unknown, b: unknown): void }; declare const a: object; assert.equal(JSON.parse(JSON.stringify(a)), a);',
    errors: [clone('a', 'declare const assert: { equal(a: unknown, b: unknown): void }; declare const a: object; assert.equal(structuredClone(a), a);')],
  },
  // The report sits on the outer JSON.parse.
  {
    code: 'declare const state: object;\nconst next = JSON.parse(JSON.stringify(state));',
    errors: [{ ...clone('state', 'declare const state: object;\nconst next = structuredClone(state);'), line: 2, column: 14, endLine: 2, endColumn: 47 }],
  },
  // Indentation is pointless for a copy; a null or undefined replacer or reviver is no transform.
  {
    code: 'declare const cfg: object; const c = JSON.parse(JSON.stringify(cfg, null, 2));',
    errors: [clone('cfg', 'declare const cfg: object; const c = structuredClone(cfg);')],
  },
  {
    code: 'declare const cfg: object; const c = JSON.parse(JSON.stringify(cfg, undefined), undefined);',
    errors: [clone('cfg', 'declare const cfg: object; const c = structuredClone(cfg);')],
  },
  // A default for a missing value is copied the same way.
  {
    code: 'declare const settings: object | undefined; const copy = JSON.parse(JSON.stringify(settings ?? {}));',
    errors: [clone('settings ?? {}', 'declare const settings: object | undefined; const copy = structuredClone(settings ?? {});')],
  },
  // TypeScript wrappers around either call.
  {
    code: 'interface Cart { items: string[] } declare const cart: Cart; const draft = JSON.parse(JSON.stringify(cart) as string) as Cart;',
    errors: [clone('cart', 'interface Cart { items: string[] } declare const cart: Cart; const draft = structuredClone(cart) as Cart;')],
  },
  {
    code: 'declare const req: { body: object }; const body = JSON.parse(JSON.stringify(req.body)!);',
    errors: [clone('req.body', 'declare const req: { body: object }; const body = structuredClone(req.body);')],
  },
  {
    code: 'declare const a: object; const b = JSON.parse(<string>JSON.stringify(a));',
    errors: [clone('a', 'declare const a: object; const b = structuredClone(a);')],
  },
  // Something done with the copy afterwards does not make it less of a copy.
  {
    code: 'declare const rows: { id: number }[]; const ids = JSON.parse(JSON.stringify(rows)).map((r: { id: number }) => r.id);',
    errors: [clone('rows', 'declare const rows: { id: number }[]; const ids = structuredClone(rows).map((r: { id: number }) => r.id);')],
  },
  // globalThis.JSON is the same object.
  {
    code: 'declare const a: object; const b = globalThis.JSON.parse(globalThis.JSON.stringify(a));',
    errors: [clone('a', 'declare const a: object; const b = structuredClone(a);')],
  },
  // A sequence expression keeps its parentheses.
  {
    code: 'declare let a: object, b: object; const c = JSON.parse(JSON.stringify((a, b)));',
    errors: [clone('(a, b)', 'declare let a: object, b: object; const c = structuredClone((a, b));')],
  },
  // Through a const read only by the parse, in the next statement: the rewrite drops the string.
  {
    code: 'export function snapshot(doc: object) {\n  const text = JSON.stringify(doc);\n  const copy = JSON.parse(text);\n  return copy;\n}',
    errors: [clone('doc', 'export function snapshot(doc: object) {\n  const copy = structuredClone(doc);\n  return copy;\n}')],
  },
  // Further away, `doc` may have changed in between: reported, no rewrite offered.
  {
    code: 'export function later(doc: { n: number }) {\n  const text = JSON.stringify(doc);\n  doc.n++;\n  return JSON.parse(text);\n}',
    errors: [cloneOnly('doc')],
  },
  // A local structuredClone would not be the global one: reported, no rewrite offered.
  {
    code: 'declare const a: object; function structuredClone(x: unknown) { return x; } const b = JSON.parse(JSON.stringify(a)); structuredClone(b);',
    errors: [cloneOnly('a')],
  },
  // In a loop (a request handler's per-item copy), each copy is two full passes.
  {
    code: 'declare const items: object[]; const copies = items.map((item) => JSON.parse(JSON.stringify(item)));',
    errors: [clone('item', 'declare const items: object[]; const copies = items.map((item) => structuredClone(item));')],
  },
  // Prisma rows are plain objects: a plain copy.
  {
    code: `${PRISMA}export async function copy(id: number) { const user = await prisma.user.findUnique({ where: { id } }); return JSON.parse(JSON.stringify(user)); }`,
    errors: [clone('user', `${PRISMA}export async function copy(id: number) { const user = await prisma.user.findUnique({ where: { id } }); return structuredClone(user); }`)],
  },
  // Documents: the round trip is taken for their plain form. No structuredClone rewrite (it would copy their internals).
  {
    code: `${MONGOOSE}export async function load(id: string) { const user = await User.findById(id); return JSON.parse(JSON.stringify(user)); }`,
    errors: [plain('user', 'Mongoose document', MONGOOSE_FIX)],
  },
  {
    code: `${MONGOOSE}export async function list() { const users = await User.find({}).populate('team'); return JSON.parse(JSON.stringify(users)); }`,
    errors: [plain('users', 'Mongoose document', MONGOOSE_FIX)],
  },
  {
    code: `${SEQUELIZE}export async function load(id: number) { const order = await Order.findByPk(id); return JSON.parse(JSON.stringify(order)); }`,
    errors: [plain('order', 'Sequelize instance', SEQUELIZE_FIX)],
  },
  {
    code: `${SEQUELIZE}export async function all() { return JSON.parse(JSON.stringify(await Order.findAll({ where: { total: 1 } }))); }`,
    errors: [plain('await Order.findAll(...)', 'Sequelize instance', SEQUELIZE_FIX)],
  },
];

const valid: Valid[] = [
  // The fallback of a helper that prefers structuredClone where the runtime has it (Hexabot's cloneObject).
  `export const cloneObject = <T>(value: T): T => { const structuredCloneFn = (globalThis as { structuredClone?: <U>(data: U) => U }).structuredClone; if (structuredCloneFn) return structuredCloneFn(value); return JSON.parse(JSON.stringify(value)) as T; };`,
  'export function copy<T>(value: T): T { return typeof structuredClone === "function" ? structuredClone(value) : JSON.parse(JSON.stringify(value)); }',
  // A list of a few values: of an enum (Flowise's rating filters, from the query string), of literals, a literal list.
  `enum RatingType { THUMBS_UP = 'THUMBS_UP', THUMBS_DOWN = 'THUMBS_DOWN' }
export function filters(types: RatingType[], modes: ('read' | 'write')[]) { return [JSON.parse(JSON.stringify(types)), JSON.parse(JSON.stringify(modes)), JSON.parse(JSON.stringify(['a', 'b']))]; }`,
  // A toJSON or serialize… function: the JSON form is its job (Gauzy's entity toJSON).
  'export class Money { constructor(private readonly amounts: object) {} toJSON() { return JSON.parse(JSON.stringify(this.amounts)); } }',
  // Named for dropping what JSON cannot hold (Automatisch's app definitions carry `run` functions).
  'export function stripFunctions<T>(data: T): T { return JSON.parse(JSON.stringify(data)); }',
  'export const toPlainObject = (value: unknown) => JSON.parse(JSON.stringify(value));',
  'export function serializeState(state: object) { return JSON.parse(JSON.stringify(state)); }',
  // Kept under a name that says it is the JSON form, or made for Next.js page props, which refuse Dates (Papermark).
  'declare const link: object; declare const brand: object | null; export function f() { const serializedLink = JSON.parse(JSON.stringify(link)); const serializedBrand = brand ? JSON.parse(JSON.stringify(brand)) : null; return { serializedLink, serializedBrand }; }',
  'declare const link: object; export function f() { return { link, serialised: JSON.parse(JSON.stringify(link)) }; }',
  'declare function load(): Promise<object>; export async function getStaticProps() { const link = await load(); return { props: { link: JSON.parse(JSON.stringify(link)) } }; }',
  // A check that the value survives JSON, its result thrown away (Payload's field validators), not a copy.
  'export function validate(value: unknown) { try { JSON.parse(JSON.stringify(value)); } catch { return "Invalid JSON"; } return true; }',
  'export function validate(value: unknown) { try { JSON.parse(JSON.stringify(value)) as object; } catch { return false; } return true; }',
  // A copy for debugging output only (GrowthBook's tracking plugin).
  'export function track(payload: object, debug: boolean) { debug && console.log("track", JSON.parse(JSON.stringify(payload))); }',
  'export function track(payload: object) { if (process.env.NODE_ENV === "development") { const copy = JSON.parse(JSON.stringify(payload)); console.log(copy); } }',
  // A function that works on the page (Langfuse's table state in sessionStorage): the user's CPU, not the server's.
  'export function saveState(state: { rows: unknown[] }) { sessionStorage.setItem("table", "1"); return JSON.parse(JSON.stringify(state)); }',
  // Normalising JSON text: parse, then stringify.
  'declare const raw: string; const normalised = JSON.stringify(JSON.parse(raw));',
  // Parsing text that came from elsewhere: a response, a cache, a file, a queue.
  'export async function load(res: Response) { return JSON.parse(await res.text()); }',
  `import Redis from 'ioredis';\nconst redis = new Redis();\nexport async function cached(key: string) { const text = await redis.get(key); return text ? JSON.parse(text) : null; }`,
  `import { readFileSync } from 'node:fs';\nconst config = JSON.parse(readFileSync('config.json', 'utf8'));`,
  'declare const message: { value: Buffer }; const event = JSON.parse(message.value.toString());',
  // A replacer or a reviver is a deliberate transform, not a copy.
  'declare const a: object; const b = JSON.parse(JSON.stringify(a, (k, v) => (typeof v === "bigint" ? v.toString() : v)));',
  'declare const a: object; const b = JSON.parse(JSON.stringify(a, ["id", "name"]));',
  'declare const a: object; const b = JSON.parse(JSON.stringify(a), (k, v) => (k === "at" ? new Date(v) : v));',
  'declare const a: object; declare const reviver: (k: string, v: unknown) => unknown; const b = JSON.parse(JSON.stringify(a), reviver);',
  // Another serialiser is not JSON.stringify.
  'declare function stringify(x: unknown): string; declare const a: object; const b = JSON.parse(stringify(a));',
  'import fastJson from "fast-json-stringify"; declare const a: object; const serialize = fastJson({ type: "object" }); const b = JSON.parse(serialize(a));',
  'import stableStringify from "fast-json-stable-stringify"; declare const a: object; const b = JSON.parse(stableStringify(a));',
  'declare const fastJson: { stringify(x: unknown): string }; declare const a: object; const b = JSON.parse(fastJson.stringify(a));',
  // A local or imported JSON is not the global one.
  'const JSON = { parse: (s: string) => s, stringify: (x: unknown) => String(x) }; declare const a: object; const b = JSON.parse(JSON.stringify(a));',
  'import JSON from "json5"; declare const a: object; const b = JSON.parse(JSON.stringify(a));',
  'import { JSON } from "./json"; declare const a: object; const b = JSON.parse(JSON.stringify(a));',
  'export function f(JSON: { parse(s: string): unknown; stringify(x: unknown): string }, a: object) { return JSON.parse(JSON.stringify(a)); }',
  // The text serves something else too: it is needed anyway, and the copy costs one parse.
  'declare const log: (s: string) => void; export function f(a: object) { const text = JSON.stringify(a); log(text); return JSON.parse(text); }',
  'export function f(a: object) { const text = JSON.stringify(a); return { size: text.length, copy: JSON.parse(text) }; }',
  // A template serialised once and parsed per copy (a factory, a loop): one parse per copy, by design.
  'const DEFAULTS = JSON.stringify({ retries: 3, tags: [] as string[] }); export function freshDefaults() { return JSON.parse(DEFAULTS); }',
  'declare const base: object; const template = JSON.stringify(base); const copies: unknown[] = []; for (let i = 0; i < 10; i++) copies.push(JSON.parse(template));',
  // Not const, or written again: the text may not be the stringify's.
  'declare const a: object; let text = JSON.stringify(a); text = text.replace("x", "y"); const b = JSON.parse(text);',
  'declare const a: object; var text = JSON.stringify(a); export const b = JSON.parse(text);',
  // An exported const may be read elsewhere.
  'declare const a: object; export const text = JSON.stringify(a); const b = JSON.parse(text);',
  // Stringify alone, and parse of other text.
  'declare const a: object; const body = JSON.stringify(a);',
  'declare const a: object; const b = JSON.parse(`[${JSON.stringify(a)}]`);',
  'declare const a: object; const b = JSON.parse(JSON.stringify(a) + "");',
  // Normalised for a deep comparison or a diff, not copied: Dates become strings and undefined properties go,
  // as in the stored JSON it is compared with (Typebot's isPublished, areTypebotsEqual).
  `import { dequal } from 'dequal';
   declare const draft: { groups: object[] }; declare const published: { groups: object[] };
   export const isPublished = () => dequal(JSON.parse(JSON.stringify(draft.groups)), JSON.parse(JSON.stringify(published.groups)));`,
  `import isEqual from 'lodash/isEqual';
   declare const a: object; declare const stored: object; export const same = isEqual(JSON.parse(JSON.stringify(a)) as object, stored);`,
  `import { isDeepStrictEqual } from 'node:util';
   declare const a: object; declare const stored: object; export const same = isDeepStrictEqual(stored, JSON.parse(JSON.stringify(a)));`,
  `import { diff } from 'deep-object-diff';
   declare const a: object; declare const b: object; export const changes = diff(JSON.parse(JSON.stringify(a)), JSON.parse(JSON.stringify(b)));`,
  // Spread arguments: nothing certain about what is parsed.
  'declare const args: [string]; const b = JSON.parse(...args);',
  'declare const args: [object]; const b = JSON.parse(JSON.stringify(...args));',
];

const TEST_FILE = 'declare const fixture: object; const expected = JSON.parse(JSON.stringify(fixture));';

/** Only the checker sees that `repo.load()` returns a Mongoose document. */
const DOCUMENT_FROM_SERVICE = `${MONGOOSE}type UserDoc = InstanceType<typeof User>;
declare const repo: { load(id: string): Promise<UserDoc | null> };
export async function f(id: string) { const user = await repo.load(id); return JSON.parse(JSON.stringify(user)); }`;

/** Lean results are plain; the checker agrees with the code. */
const LEAN = `${MONGOOSE}export async function f(id: string) { const user = await User.findById(id).lean(); return JSON.parse(JSON.stringify(user)); }`;
const RAW = `${SEQUELIZE}export async function f() { const rows = await Order.findAll({ raw: true }); return JSON.parse(JSON.stringify(rows)); }`;

/** A value whose type has its own toJSON: a Buffer. */
const BUFFER = 'declare const buf: Buffer; const b = JSON.parse(JSON.stringify(buf));';

untypedRuleTester().run('no-json-deep-clone', rule, {
  valid: [...valid, { code: TEST_FILE, filename: 'src/orders.test.ts' }, { code: TEST_FILE, filename: 'src/__tests__/orders.ts' }],
  invalid: [
    ...invalid,
    // Without types, the service's result could be anything: a plain copy.
    { code: DOCUMENT_FROM_SERVICE, errors: [clone('user', DOCUMENT_FROM_SERVICE.replace('JSON.parse(JSON.stringify(user))', 'structuredClone(user)'))] },
    { code: LEAN, errors: [clone('user', LEAN.replace('JSON.parse(JSON.stringify(user))', 'structuredClone(user)'))] },
    { code: RAW, errors: [clone('rows', RAW.replace('JSON.parse(JSON.stringify(rows))', 'structuredClone(rows)'))] },
    { code: BUFFER, errors: [clone('buf', 'declare const buf: Buffer; const b = structuredClone(buf);')] },
  ],
});

typedRuleTester().run('no-json-deep-clone (typed)', rule, {
  valid,
  invalid: [
    ...invalid,
    // The checker knows the service returns a Mongoose document.
    { code: DOCUMENT_FROM_SERVICE, errors: [plain('user', 'Mongoose document', MONGOOSE_FIX)] },
    { code: LEAN, errors: [clone('user', LEAN.replace('JSON.parse(JSON.stringify(user))', 'structuredClone(user)'))] },
    { code: RAW, errors: [clone('rows', RAW.replace('JSON.parse(JSON.stringify(rows))', 'structuredClone(rows)'))] },
    { code: BUFFER, errors: [plain('buf', 'value with its own `toJSON()`', "call its `toJSON()` (or the library's plain-object accessor) directly")] },
  ],
});
