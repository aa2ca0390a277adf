import { arrayValuesProbe as probe, is } from './array-values-probe';
import { typedRuleTester, untypedRuleTester } from '../rule-tester';

// What a map, filter or flat of a list the code does not size gives: data, unless the list is a module's export or a
// page a package's client returned; and a variable with an initialiser is sized by it rather than by its annotation
// (false positives from Postiz and OpenStatus, true positives from crowd.dev, Documenso and Dub).

const PRISMA = `
import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
`;

/** Unknown with and without type information: a module's export or a package's page, mapped or filtered, is no data of the request. */
const unknown = [
  // Mapping or filtering a list whose length the code does not show (Postiz's tool classes, imported; a Stripe page).
  'import { toolList } from "./tools"; probe(toolList.map((T) => new T()));',
  'import { toolList } from "./tools"; probe(toolList.map((T) => new T()).map((t) => t.name));',
  'import { toolList } from "./tools"; export async function f() { probe(await Promise.all(toolList.map(async (T) => new T()))); }',
  'import Stripe from "stripe"; const stripe: any = new Stripe("key"); export async function f(customer: string) { probe((await stripe.subscriptions.list({ customer })).data.filter((s: any) => s.status === "active")); }',
  'import { groups } from "./groups"; probe(groups.flatMap((g) => g.members));',
  'import { groups } from "./groups"; probe(groups.flat());',
  'import { config } from "./config"; probe(config.limits.periodicity.filter(Boolean));',
];

/**
 * Without type information, a variable with an initialiser is as long as that value, whatever its annotation
 * (OpenStatus's plan limits). The checker reads the declared type instead: with it these are arrays.
 */
const sizedByInitializer = [
  'declare const config: any; export function f() { const allowedPeriodicity: string[] = config.limits.periodicity; probe(allowedPeriodicity); }',
  'declare const config: any; export function f() { let allowed: Array<string> = config.allowed; probe(allowed); }',
  'import { ROLES } from "./roles"; const roles: readonly string[] = ROLES; probe(roles);',
];

const shared: { code: string; kind: 'fixed' | 'array' | 'other' }[] = [
  // Evidence of data: rows, a `T[]` parameter, request input, a schema of a list of client data.
  { code: `${PRISMA}export async function f() { const rows = await prisma.user.findMany(); probe(rows.map((r) => r.id)); }`, kind: 'array' },
  { code: `${PRISMA}export async function f() { probe((await prisma.user.findMany()).filter((u) => u.id).map((u) => u.id)); }`, kind: 'array' },
  // A list the code gives no size of is taken for data when mapped: what a project helper returned (crowd.dev's
  // collection connections), an unannotated parameter (plain JavaScript).
  { code: 'import { findConnections } from "./repo"; export async function f(ids: string[]) { const connections = await findConnections(ids); probe(connections.filter((c: any) => c.active)); }', kind: 'array' },
  { code: 'export function f(ids) { probe(ids.map((id) => id)); }', kind: 'array' },
  // A relation of a row a read returned (Documenso's organisation members), and groups (Dub's payouts per program).
  { code: `${PRISMA}export async function f(id: string) { const organisation = await prisma.organisation.findFirst({ where: { id }, include: { members: true } }); probe(organisation!.members.map((m) => m.email)); }`, kind: 'array' },
  { code: `${PRISMA}export async function f() { const pending = await prisma.payout.groupBy({ by: ['programId'], _sum: { amount: true } }); probe(pending.filter((p) => p.programId)); }`, kind: 'array' },
  { code: 'interface User { id: string } export function f(users: User[]) { probe(users.map((u) => u.id)); }', kind: 'array' },
  { code: 'interface User { id: string; tags: string[] } export function f(users: User[]) { probe(users.flatMap((u) => u.tags)); }', kind: 'array' },
  { code: 'export async function f(ids: string[], load: (id: string) => Promise<number>) { probe(await Promise.all(ids.map(load))); }', kind: 'array' },
  { code: 'import express from "express"; const app = express(); app.post("/items", (req, res) => { probe(req.body.items.filter((i: { ok: boolean }) => i.ok)); res.end(); });', kind: 'array' },
  { code: 'import type { Request, Response } from "express"; export function create(req: Request, res: Response) { const ids = req.body.ids.map(String); probe(ids); res.end(); }', kind: 'array' },
  { code: 'import { z } from "zod"; export const S = z.array(z.string()).superRefine((ids) => { probe(ids.map((id) => id.trim())); });', kind: 'array' },
  { code: 'import { z } from "zod"; interface User { id: string } export const S = z.object({ users: z.custom<User[]>().refine((users) => { probe(users.filter(Boolean)); return true; }) });', kind: 'array' },
  { code: 'import { z } from "zod"; export const S = z.string().array().transform((ids) => { probe(ids); return ids; });', kind: 'array' },
  // …of an enum's values, a few distinct ones.
  { code: 'import { z } from "zod"; export const S = z.array(z.enum(["read", "write"])).superRefine((modes) => { probe(modes); });', kind: 'fixed' },
  { code: 'import { z } from "zod"; enum Color { Red = "red" } export const S = z.nativeEnum(Color).optional().array().refine((colors) => { probe(colors.filter(Boolean)); });', kind: 'fixed' },
  // Fixed stays fixed through a map; a fixed list of lists flattens to an unknown length.
  { code: 'const ROLES = ["a", "b"]; probe(ROLES.filter(Boolean).map((r) => r.toUpperCase()));', kind: 'fixed' },
  // A variable sized by its annotation: without an initialiser, or assigned again later.
  { code: 'export function f(load: () => any) { let ids: string[]; ids = load(); probe(ids); }', kind: 'array' },
  { code: 'declare const config: any; export function f(load: () => any) { let ids: string[] = config.ids; if (!ids) ids = load(); probe(ids); }', kind: 'array' },
  // …but an initialiser that says something wins over the annotation.
  { code: 'export function f(users: { id: string }[]) { const ids: unknown = users.map((u) => u.id); probe(ids); }', kind: 'array' },
  { code: 'const ROLES: string[] = ["admin", "owner"]; probe(ROLES);', kind: 'fixed' },
  { code: `${PRISMA}export async function f() { const users: { id: string }[] = await prisma.user.findMany(); probe(users); }`, kind: 'array' },
  // Fields and parameters keep their annotations.
  { code: 'declare const config: any; class S { private ids: string[] = config.ids; f() { probe(this.ids); } }', kind: 'array' },
  { code: 'declare const config: any; export function f(ids: string[] = config.ids) { probe(ids); }', kind: 'array' },
];

untypedRuleTester().run('analysis-array-values: evidence of data', probe, {
  valid: [
    ...unknown,
    ...sizedByInitializer,
    // A bounded schema is no evidence of a long list.
    'import { z } from "zod"; export const S = z.array(z.string()).max(10).superRefine((ids) => { probe(ids.map((id) => id)); });',
    // Nor is a refinement of something other than a list, nor a callback of another method.
    'import { z } from "zod"; export const S = z.object({ ids: z.string() }).refine((value) => { probe(value.ids.map((id: string) => id)); });',
    'declare const rules: any; rules.superRefine((ids: any) => { probe(ids.map((id: string) => id)); });',
  ],
  invalid: shared.map(({ code, kind }) => ({ code, ...is(kind) })),
});

typedRuleTester().run('analysis-array-values: evidence of data (typed)', probe, {
  valid: unknown,
  invalid: [...shared, ...sizedByInitializer.map((code) => ({ code, kind: 'array' as const }))].map(({ code, kind }) => ({ code, ...is(kind) })),
});
