import { arrayValuesProbe as probe, is } from './array-values-probe';
import { typedRuleTester, untypedRuleTester } from '../rule-tester';


const PRISMA = `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
`;
const PG = `
import { Pool } from 'pg';
const pool = new Pool();
`;

/** Only the checker knows that `kinds` is an enum. */
const ENUM_PARAMETER = 'enum Kind { A = "a", B = "b" } export function f(kinds: typeof Kind) { probe(Object.values(kinds)); }';

/** Only the checker knows that the imported `EnumModuleDtoPropertyType` is an enum (tests/fixtures/typed/enum-lists). */
const ENUM_LIST_IMPORT = 'import { EnumModuleDtoPropertyType } from "./enum-lists/types"; export function f(types?: EnumModuleDtoPropertyType[]) { probe(types); }';
/** …and that `StatusEnum`, named like an enum, is an interface. */
const ENUM_NAMED_RECORDS = 'import type { StatusEnum } from "./enum-lists/types"; export function f(rows: StatusEnum[]) { probe(rows); }';
/** …and what a type declared beside a value of the same name is (a Prisma client's enum, written out here). */
const PRISMA_STYLE_ENUM = 'declare const Role: { ADMIN: "ADMIN"; MEMBER: "MEMBER" }; type Role = (typeof Role)[keyof typeof Role]; export function f(roles: Role[]) { probe(roles); }';

/** The same answers with and without type information. */
const unknown = [
  // Declared \`any\`: the annotation says nothing of the length, whatever the initialiser.
  'declare const o: Record<string, number>; const keys: any = Object.keys(o); probe(keys);',
  // Nothing says what these are.
  'declare function load(): any; const ids = load(); probe(ids);',
  'import { COUNTRIES } from "./countries"; probe(COUNTRIES);',
  'export function f(ids) { probe(ids); }',
  'declare const req: any; probe(req.body.ids);',
  'for (const list of [[1], [2]] as any[]) probe(list);',
  // A mix of strings and arrays.
  'export function f(x: string | string[]) { probe(x); }',
  'declare const items: any; probe(items.keys());',
];

const shared: { code: string; kind: 'fixed' | 'array' | 'other' }[] = [
  // Fixed by the code.
  { code: 'probe(["admin", "owner"]);', kind: 'fixed' },
  { code: 'const ROLES = ["admin", "owner"]; probe(ROLES);', kind: 'fixed' },
  // A tuple spelled out, spreading other modules' tables (GrowthBook's revision statuses); a list kept to its own elements.
  { code: 'import { revisionStatus } from "./revisions"; export function f() { const allowed = [...revisionStatus, "open"] as const; probe(allowed); }', kind: 'fixed' },
  { code: 'export function f(a: boolean) { let options = ["x"]; if (a) options.push("a"); options = options.sort(); probe(options); }', kind: 'fixed' },
  // …but not a spread of data, nor a reassignment from elsewhere.
  { code: 'export function f(ids: string[]) { const all = [...ids, "open"] as const; probe(all); }', kind: 'array' },
  { code: 'export function f(ids: string[]) { let options = ["a"]; options = ids.sort(); probe(options); }', kind: 'array' },
  { code: 'const ROLES = ["admin", "owner"] as const; probe(ROLES);', kind: 'fixed' },
  { code: 'const ROLES: string[] = ["admin", "owner"]; probe(ROLES);', kind: 'fixed' },
  { code: 'const A = ["a"]; const B = [...A, "b"]; probe(B);', kind: 'fixed' },
  { code: 'export function f(extra: boolean) { const roles = ["admin"]; if (extra) roles.push("owner"); probe(roles); }', kind: 'fixed' },
  { code: 'probe(Array.of(1, 2));', kind: 'fixed' },
  { code: 'probe(Array.from({ length: 3 }, (_, i) => i));', kind: 'fixed' },
  { code: 'probe(Object.keys({ a: 1, b: 2 }));', kind: 'fixed' },
  { code: 'enum Role { A = "a", B = "b" } probe(Object.values(Role));', kind: 'fixed' },
  { code: 'const LIMITS = { free: 1, pro: 2 }; probe(Object.entries(LIMITS));', kind: 'fixed' },
  // An import named like an enum or a constant table, from anywhere; through a const, a spread copy and filter.
  { code: 'import { Colors } from "./colors"; probe(Object.values(Colors));', kind: 'fixed' },
  { code: 'import { INTERNAL_CLAIM_ID } from "@documenso/lib/types/subscription"; probe(Object.keys(INTERNAL_CLAIM_ID));', kind: 'fixed' },
  // A part of such a table: an import's member path, a module-level literal's (crowd.dev's roles and integration configs).
  { code: 'import Roles from "./roles"; probe(Object.keys(Roles.values));', kind: 'fixed' },
  { code: 'const CONFIG = { github: { syncs: { a: 1 } }, gitlab: { syncs: { b: 2 } } }; export function f(name: "github") { probe(Object.values(CONFIG[name].syncs)); }', kind: 'fixed' },
  // A part of an entry picked from a module-level catalogue of literals (Reactive Resume's fonts).
  { code: 'const fonts = [{ family: "a", files: { regular: "x", bold: "y" } }, { family: "b", files: { regular: "z" } }]; export function f(family: string) { const font = fonts.find((x) => x.family === family); if (!font) return; probe(Object.entries(font.files)); }', kind: 'fixed' },
  // …but not when an entry's part is computed, nor a part of an entry of a list of data.
  { code: 'declare function load(): Record<string, string>; const fonts = [{ family: "a", files: load() }]; export function f(family: string) { const font = fonts.find((x) => x.family === family); if (!font) return; probe(Object.entries(font.files)); }', kind: 'array' },
  { code: 'export function f(fonts: { family: string; files: Record<string, string> }[], family: string) { const font = fonts.find((x) => x.family === family); if (!font) return; probe(Object.entries(font.files)); }', kind: 'array' },
  // …but an empty slot filled at run time, or a member of runtime data, is data-sized.
  { code: 'const CACHE = { users: {} }; probe(Object.keys(CACHE.users));', kind: 'array' },
  { code: 'export function f(req: { body: { items: Record<string, number> } }) { probe(Object.keys(req.body.items)); }', kind: 'array' },
  { code: 'import * as Roles from "./roles"; probe(Object.entries(Roles));', kind: 'fixed' },
  // Any object a published package exports is a table it fixes (Papra's OCR languages from tesseract.js).
  { code: 'import { languages } from "tesseract.js"; const ocrLanguages = Object.values(languages); probe(ocrLanguages);', kind: 'fixed' },
  { code: 'import { Colors } from "./colors"; const all = Object.values(Colors); probe([...all].filter(Boolean));', kind: 'fixed' },
  { code: 'const ROLES = ["a", "b"]; probe(ROLES.map((r) => r.toUpperCase()));', kind: 'fixed' },
  { code: 'probe((process.env.ALLOWED ?? "").split(","));', kind: 'fixed' },
  { code: 'probe("a,b,c".split(","));', kind: 'fixed' },
  // A property of an object named as configuration, perhaps defaulted, is a setting (NodeBB's system tags).
  { code: 'import meta from "./meta"; probe((meta.config.systemTags || "").split(","));', kind: 'fixed' },
  { code: 'class A { constructor(private readonly config: { allowedHosts?: string }) {} f() { probe((this.config.allowedHosts ?? "").split(",")); } }', kind: 'fixed' },
  { code: 'export function f(settings: { tags: string }) { const tags = settings.tags.trim(); probe(tags.split(",")); }', kind: 'fixed' },
  { code: 'import { appConfig } from "./config"; probe(appConfig.cors.origins.split(","));', kind: 'fixed' },
  { code: 'declare const SITE_SETTINGS: Record<string, string>; probe(SITE_SETTINGS["hidden-tags"].split(","));', kind: 'fixed' },
  // …but not options, which are as often what a client sent, nor what a client sent, nor what a method of one returns.
  { code: 'export function f(options: { tags: string }) { probe(options.tags.split(",")); }', kind: 'array' },
  { code: 'export function f(data: { settings: { tags: string } }) { probe(data.settings.tags.split(",")); }', kind: 'array' },
  { code: 'export function f(req: any, res: any) { probe(req.body.config.tags.split(",")); }', kind: 'array' },
  { code: 'export function f(req: any, res: any) { const { settings } = req.body; probe((settings.tags || "").split(",")); }', kind: 'array' },
  { code: 'declare const settings: { blockedIds(): string }; probe(settings.blockedIds().split(","));', kind: 'array' },
  { code: 'class A { private readonly roles = ["a", "b"]; f() { probe(this.roles); } }', kind: 'fixed' },
  { code: 'const pair: [string, number] = ["a", 1]; probe(pair);', kind: 'fixed' },
  // Data-dependent arrays.
  { code: `${PRISMA}export async function f() { const users = await prisma.user.findMany(); probe(users); }`, kind: 'array' },
  { code: `${PG}export async function f() { const { rows } = await pool.query('SELECT id FROM t'); probe(rows); }`, kind: 'array' },
  { code: `${PG}export async function f() { const res = await pool.query('SELECT id FROM t'); probe(res.rows); }`, kind: 'array' },
  { code: `${PRISMA}export async function f() { probe(await prisma.user.findMany()); }`, kind: 'array' },
  { code: 'export function f(users: { id: string }[]) { probe(users.map((u) => u.id)); }', kind: 'array' },
  { code: 'export function f(users: { id: string }[]) { const ids = users.filter(Boolean).map((u) => u.id); probe(ids); }', kind: 'array' },
  { code: 'export function f(ids: string[]) { probe(ids); }', kind: 'array' },
  { code: 'export function f(ids: Array<string>) { probe(ids.slice(1)); }', kind: 'array' },
  { code: 'export function f(ids: readonly string[]) { probe(ids); }', kind: 'array' },
  { code: 'export function f(ids: ReadonlyArray<string> | undefined) { probe(ids ?? []); }', kind: 'array' },
  { code: 'export function f(ids = [] as string[]) { probe(ids); }', kind: 'array' },
  { code: 'export function f(ids: string[]) { const copy = [...ids]; probe(copy); }', kind: 'array' },
  { code: 'export function f(tags: Set<string>) { probe(Array.from(tags)); }', kind: 'array' },
  // The distinct values of a fixed list are a fixed list (Better Auth's accepted audiences); of a data list, a data list.
  { code: 'export function f(issuer: string, url: string) { probe([...new Set([issuer, url])]); }', kind: 'fixed' },
  { code: 'export function f(issuer: string, url: string) { probe(Array.from(new Set([issuer, url]))); }', kind: 'fixed' },
  { code: 'export function f(ids: string[]) { probe([...new Set(ids)]); }', kind: 'array' },
  // …and flattening a fixed list of lists is not fixed (Civitai's hidden and blocked users).
  { code: 'export async function f(a: () => Promise<{ id: number }[]>) { const lists = await Promise.all([a(), a()]); probe([...new Set(lists.flat().map((u) => u.id))]); }', kind: 'array' },
  { code: 'export function f(ids: string[]) { probe(Array.from(new Set(ids))); }', kind: 'array' },
  { code: 'export function f(o: Record<string, number>) { probe(Object.keys(o)); }', kind: 'array' },
  { code: 'import { statusLabels } from "./statuses"; probe(Object.values(statusLabels));', kind: 'array' },
  { code: 'import { LoadColors } from "./colors"; probe(Object.values(LoadColors()));', kind: 'array' },
  { code: 'declare function load(): Record<string, string>; const Registry = load(); probe(Object.values(Registry));', kind: 'array' },
  { code: 'export function f(text: string) { probe(text.split("\\n")); }', kind: 'array' },
  { code: 'export function f(xs: number[]) { const out: number[] = []; for (const x of xs) out.push(x); probe(out); }', kind: 'array' },
  { code: 'export function f(xs: number[]) { const out: number[] = []; out.push(...xs); probe(out); }', kind: 'array' },
  // An empty array handed to other code (even the probe) may be filled there.
  { code: 'const found: string[] = []; probe(found);', kind: 'array' },
  { code: 'declare function fill(into: number[]): void; export function f() { const out: number[] = []; fill(out); probe(out); }', kind: 'array' },
  { code: 'export function f(a: string[], b: string[]) { probe(a.concat(b)); }', kind: 'array' },
  { code: 'export async function f(ids: string[], load: (id: string) => Promise<number>) { const all = await Promise.all(ids.map(load)); probe(all); }', kind: 'array' },
  { code: 'class Cache { private users: string[] = []; set(u: string[]) { this.users = u; } f() { probe(this.users); } }', kind: 'array' },
  { code: 'class Cache { private ids: string[] = []; add(id: string) { this.ids.push(id); } f() { probe(this.ids); } }', kind: 'array' },
  { code: 'class S { constructor(private readonly ids: string[]) {} f() { probe(this.ids); } }', kind: 'array' },
  { code: 'export function f(rest: [string, ...number[]]) { probe(rest); }', kind: 'array' },
  // A list of an enum's values, or of a few literals, holds no more distinct values than the type has (Amplication's
  // unsupported property types): an enum of this file, a literal union, an alias of one, an import named as an enum.
  { code: 'enum Color { Red = "red", Blue = "blue" } export function f(colors: Color[]) { probe(colors); }', kind: 'fixed' },
  { code: 'enum Color { Red, Blue } export function f(colors?: readonly Color[]) { probe(colors); }', kind: 'fixed' },
  { code: 'export function f(modes: ("read" | "write")[]) { probe(modes); }', kind: 'fixed' },
  { code: 'export function f(modes: Array<"read" | "write"> | undefined) { probe(modes); }', kind: 'fixed' },
  { code: 'type Mode = "read" | "write"; export function f(modes: Mode[]) { probe(modes); }', kind: 'fixed' },
  // Property names: `keyof` a type, or a type parameter bounded by one (Papra's `omit(obj, keys)`).
  { code: 'export function omit<T extends object, K extends keyof T>(obj: T, keys: K[] | readonly K[]) { probe(keys); }', kind: 'fixed' },
  { code: 'export function pick<T>(obj: T, keys: Array<keyof T>) { probe(keys); }', kind: 'fixed' },
  // …but not a type parameter bounded by anything else, nor one without a bound.
  { code: 'export function f<T extends { id: string }>(rows: T[]) { probe(rows); }', kind: 'array' },
  { code: 'enum Color { Red = "red" } class S { constructor(private readonly colors: Color[]) {} f() { probe(this.colors); } }', kind: 'fixed' },
  { code: 'import { DaysEnum } from "@novu/shared"; export function f(days: DaysEnum[]) { probe(days); }', kind: 'fixed' },
  // A Prisma client's enum is read as a value too; its models (`User`) are types alone.
  { code: 'import { Role } from "@prisma/client"; export function f(roles: Role[]) { probe(roles); return roles.filter((r) => r !== Role.ADMIN); }', kind: 'fixed' },
  // …but not objects holding an enum field, nor strings, nor a model of a Prisma client, nor a list the code fills from data.
  { code: 'enum Kind { A = "a" } export function f(items: { type: Kind }[]) { probe(items); }', kind: 'array' },
  { code: 'enum Kind { A = "a" } export function f(items: Array<{ type: Kind }>) { probe(items); }', kind: 'array' },
  { code: 'interface RowEnum { id: string } export function f(rows: RowEnum[]) { probe(rows); }', kind: 'array' },
  { code: 'export function f(StatusEnum: { id: string }[]) { probe(StatusEnum); }', kind: 'array' },
  { code: 'import { User } from "@prisma/client"; export function f(users: User[]) { probe(users); }', kind: 'array' },
  { code: 'enum Kind { A = "a" } export function f(items: { type: Kind }[]) { const kinds: Kind[] = items.map((i) => i.type); probe(kinds); }', kind: 'array' },
  // A parameter of a function only this file calls, and always with a fixed list or none (a merge's keys to keep).
  { code: 'function pick(o: object, keys: string[] = []) { probe(keys); } export function f(o: object) { pick(o, ["a", "b"]); pick(o); }', kind: 'fixed' },
  { code: 'const merge = (a: object, keys: string[] = []): object => { probe(keys); return merge(a, keys); }; export function f(a: object) { return merge(a, ["x"]); }', kind: 'fixed' },
  { code: 'const KEYS = ["a"]; function pick(keys: string[]) { probe(keys); } export function f() { pick(KEYS); }', kind: 'fixed' },
  // …or of a private method its class calls only so, by \`this\` (Gauzy's request-log redaction, recursing on its own list).
  { code: 'export class Logger { private redact(body: object, sensitive: string[]): object { probe(sensitive); return this.redact(body, sensitive); } log(body: object) { return [this.redact(body, ["password"]), this.redact(body, ["token", "secret"])]; } }', kind: 'fixed' },
  { code: 'export class Logger { #redact(body: object, sensitive: string[]) { probe(sensitive); } log(body: object) { this.#redact(body, ["password"]); } }', kind: 'fixed' },
  // …but not an exported function's, nor one handed on as a value, nor one called with data, nor one that adds to it.
  { code: 'export function pick(keys: string[] = []) { probe(keys); } pick(["a"]);', kind: 'array' },
  { code: 'function pick(keys: string[]) { probe(keys); } pick(["a"]); export { pick };', kind: 'array' },
  { code: 'function pick(keys: string[]) { probe(keys); } pick(["a"]); export const handlers = [pick];', kind: 'array' },
  { code: 'function pick(keys: string[]) { probe(keys); } export function f(ids: string[]) { pick(["a"]); pick(ids); }', kind: 'array' },
  { code: 'function pick(keys: string[]) { probe(keys); } export function f(ids: string[]) { pick(...[ids]); }', kind: 'array' },
  { code: 'function pick(keys: string[]) { keys.push("b"); probe(keys); } export function f() { pick(["a"]); }', kind: 'array' },
  // A function of the file nobody calls never runs (Jitsu's unused transfer helpers).
  { code: 'function pick(keys: string[]) { probe(keys); }', kind: 'fixed' },
  // A public method, one handed on, or one called with data stays an array.
  { code: 'export class Logger { redact(body: object, sensitive: string[]) { probe(sensitive); } log(body: object) { this.redact(body, ["password"]); } }', kind: 'array' },
  { code: 'export class Logger { private redact(body: object, sensitive: string[]) { probe(sensitive); } log(body: object) { this.redact(body, ["password"]); return [this.redact]; } }', kind: 'array' },
  { code: 'export class Logger { private redact(body: object, sensitive: string[]) { probe(sensitive); } log(body: object, fields: string[]) { this.redact(body, fields); } }', kind: 'array' },
  // Not arrays.
  { code: 'export function f(text: string) { probe(text); }', kind: 'other' },
  { code: 'export function f(ids: string[]) { probe(new Set(ids)); }', kind: 'other' },
  { code: 'export function f(m: Map<string, number>) { probe(m); }', kind: 'other' },
  { code: 'export function f(bytes: Uint8Array) { probe(bytes); }', kind: 'other' },
  { code: 'probe("a,b");', kind: 'other' },
  { code: 'probe({ length: 2 });', kind: 'other' },
];

untypedRuleTester().run('analysis-array-values', probe, {
  valid: [
    ...unknown,
    // Only types know these.
    'declare function load(): string[]; const ids = load(); probe(ids);',
    'declare function loadText(): string; const text = loadText(); probe(text);',
    'export function f(users: { id: string }[]) { probe(users.map((u) => u.id).join(",")); }',
    // Streams and imported namespaces map to something else.
    'import * as O from "fp-ts/Option"; declare const x: any; probe(O.map(x));',
    'declare const stream: any; probe(stream.map((x: unknown) => x));',
    // A cast tells nothing of an imported table's length (GrowthBook's permissions); the checker reads the cast's type.
    'import { ENV_SCOPED_PERMISSIONS } from "./permissions"; probe(ENV_SCOPED_PERMISSIONS as readonly string[]);',
  ],
  invalid: [
    ...shared.map(({ code, kind }) => ({ code, ...is(kind) })),
    { code: ENUM_PARAMETER, ...is('array') },
    // Without types, only a name tells an imported enum: Amplication's `Enum…` prefix does not, a `…Enum` suffix does.
    { code: ENUM_LIST_IMPORT, ...is('array') },
    { code: ENUM_NAMED_RECORDS, ...is('fixed') },
    { code: PRISMA_STYLE_ENUM, ...is('array') },
    // Without types, a `map` result is taken for an array.
    { code: 'declare class List<T> { map<U>(f: (x: T) => U): List<U> } declare const list: List<number>; probe(list.map((x) => x + 1));', ...is('array') },
  ],
});

typedRuleTester().run('analysis-array-values (typed)', probe, {
  valid: unknown,
  invalid: [
    ...shared.map(({ code, kind }) => ({ code, ...is(kind) })),
    { code: 'declare function load(): string[]; const ids = load(); probe(ids);', ...is('array') },
    { code: 'declare function loadText(): string; const text = loadText(); probe(text);', ...is('other') },
    { code: 'export function f(users: { id: string }[]) { probe(users.map((u) => u.id).join(",")); }', ...is('other') },
    // The checker knows this `map` returns a List, not an array.
    { code: 'declare class List<T> { map<U>(f: (x: T) => U): List<U> } declare const list: List<number>; probe(list.map((x) => x + 1));', ...is('other') },
    { code: 'declare function pair(): [string, number]; probe(pair());', ...is('fixed') },
    { code: ENUM_PARAMETER, ...is('fixed') },
    { code: ENUM_LIST_IMPORT, ...is('fixed') },
    { code: 'import { Role } from "./enum-lists/types"; export function f(roles: Role[]) { probe(roles); }', ...is('fixed') },
    { code: ENUM_NAMED_RECORDS, ...is('array') },
    { code: PRISMA_STYLE_ENUM, ...is('fixed') },
  ],
});
