import { ESLintUtils, type TSESTree } from '@typescript-eslint/utils';
import { getPerElementScope } from '../../src/analysis/per-element';
import { typedRuleTester, untypedRuleTester } from '../rule-tester';

// A probe rule: every call of `query(...)` reports the per-element scope it runs in, if any.
const probe = ESLintUtils.RuleCreator.withoutDocs({
  meta: { type: 'problem', schema: [], messages: { scope: '{{scope}}' } },
  create(context) {
    const parserServices = context.sourceCode.parserServices?.program ? ESLintUtils.getParserServices(context, true) : undefined;
    const services = parserServices?.program ? parserServices : undefined;
    return {
      'CallExpression[callee.name="query"]'(node: TSESTree.CallExpression) {
        const scope = getPerElementScope(node, { services });
        if (!scope) return;
        const method = scope.method ? `.${scope.method}` : '';
        context.report({ node, messageId: 'scope', data: { scope: `${scope.kind}${method} ${scope.collectionText}${scope.concurrent ? ' concurrent' : ''}` } });
      },
    };
  },
});

const at = (scope: string) => ({ errors: [{ messageId: 'scope' as const, data: { scope } }] });

untypedRuleTester().run('analysis-per-element', probe, {
  valid: [
    // Outside any loop, or after it.
    'query();',
    'for (const o of orders) { total += o.total; } query(total);',
    // The collection expression of a loop runs once.
    'for (const o of query()) { use(o); }',
    'for (const o of orders) {} orders.map((o) => o.id); query();',
    // A callback handed to something that is no transaction may run later, or never: the search stops there.
    'for (const g of groups) { await runner.execute(async () => { await query(g.id); }); }',
    'for (const g of groups) { emitter.on("transaction", async () => { await query(g.id); }); }',
    // Pagination.
    'let hasMore = true; let cursor; while (hasMore) { const page = query({ cursor }); cursor = page.next; hasMore = page.hasMore; }',
    'let skip = 0; let page; do { page = await query({ skip, take: 100 }); skip += page.length; } while (page.length === 100);',
    'for (let offset = 0; ; offset += PAGE) { const rows = await query({ offset }); if (rows.length === 0) break; }',
    'let cursor = null; while (true) { const res = await query(cursor); if (!res.next) break; cursor = res.next; }',
    // Chunks: one statement per chunk.
    'for (const chunk of chunk(ids, 100)) { await query(chunk); }',
    'import _ from "lodash"; for (const group of _.chunk(ids, 100)) { await query(group); }',
    'const batches = chunkArray(ids, 500); for (const b of batches) { await query(b); }',
    'for (const idBatch of groups) { await query(idBatch); }',
    'for (let i = 0; i < ids.length; i += 500) { await query(ids.slice(i, i + 500)); }',
    // …and an index walk over the chunks (Langfuse's experiment backfill).
    'const chunks = chunk(items, 500); for (let i = 0; i < chunks.length; i++) { const part = chunks[i]; await query(part); }',
    'await Promise.all(chunks.map((c) => query(c)));',
    'while (queue.length) { const batch = queue.splice(0, 100); await query(batch); }',
    // Retries.
    'for (let attempt = 0; attempt < 3; attempt++) { try { return await query(); } catch (e) { await sleep(100); } }',
    'let retries = 5; while (retries-- > 0) { try { await query(); break; } catch {} }',
    'for (let i = 0; i < MAX_RETRIES; i++) { const ok = await query(); if (ok) break; }',
    // Small literal lists and constant objects.
    'for (const s of ["a", "b"]) { await query(s); }',
    'await Promise.all([a, b].map((x) => query(x)));',
    'const STATUSES = ["open", "closed"] as const; for (const s of STATUSES) { await query(s); }',
    'const LIMITS = { free: 1, pro: 10 }; export async function f() { for (const [plan, n] of Object.entries(LIMITS)) { await query(plan, n); } }',
    'const ROLES = { admin: 1, user: 2 }; for (const role in ROLES) { await query(role); }',
    'enum Kind { A, B } for (const k of Object.values(Kind)) { await query(k); }',
    // An enum imported from another module (Dittofeed's provider types), and a const holding one of two literals (Jackson's scopes).
    'import { EmailProviderType } from "./types"; for (const k in EmailProviderType) { await query(k); }',
    'import * as Roles from "./roles"; for (const r in Roles) { await query(r); }',
    'export async function f(withEmail: boolean) { const scopes = withEmail ? ["openid", "email"] : ["openid"]; for (const s of scopes) { await query(s); } }',
    'Object.keys({ a: 1, b: 2 }).forEach((k) => query(k));',
    'const parts = Array.from({ length: 3 }, (_, i) => query(i));',
    // Streaming and polling.
    'for await (const doc of Model.find().cursor()) { await query(doc); }',
    'for await (const message of consumer) { await query(message); }',
    // `for await` over what may be a stream or cursor: a call's result, an awaited find, a parameter typed otherwise.
    'export async function f(rl: readline.Interface) { for await (const line of rl) { await query(line); } }',
    'export async function f() { const rows = await collection.find({}); for await (const row of rows) { await query(row); } }',
    'export async function f(source: AsyncIterable<string>) { for await (const id of source.map((x) => x)) { await query(id); } }',
    'for await (const chunk of readable.filter(Boolean)) { await query(chunk); }',
    'while (true) { const job = await queue.next(); await query(job); }',
    'setInterval(async () => { await query(); }, 1000);',
    'await Model.find().cursor().eachAsync(async (doc) => { await query(doc); });',
    'await db.collection("users").find({}).forEach((doc) => { query(doc); });',
    'stream.forEach((chunkOfData) => query(chunkOfData));',
    // Free-function map: RxJS operators, fp-ts.
    'import { map } from "rxjs"; source.pipe(map((x) => query(x)));',
    'import * as O from "fp-ts/Option"; pipe(maybeUser, O.map((u) => query(u)));',
    'users$.forEach((u) => query(u));',
    // A literal list of distinct calls.
    'await Promise.all([query(1), query(2)]);',
    // Callbacks defined per element but not called there.
    'items.forEach((item) => { router.get(`/${item}`, async () => { await query(item); }); });',
    'for (const item of items) { app.post("/x", async (req, res) => { await query(item); }); }',
    'const loaders = items.map((item) => () => query(item));',
    'for (const item of items) { emitter.on("x", () => query(item)); }',
    // Leaves the loop right after running: at most once.
    'for (const c of candidates) { if (c.ok) { return await query(c); } }',
    'for (const c of candidates) { if (matches(c)) { found = await query(c); break; } }',
    'for (const c of candidates) { if (!c.valid) throw await query(c); }',
    'loop: for (const c of candidates) { for (const k of ["a", "b"]) { await query(c, k); break loop; } }',
    // A constant table kept as a static of a class of the project (Parabol's scopes).
    'import AtlassianManager from "./AtlassianManager"; AtlassianManager.CONFLUENCE_SCOPE.every((s) => query(s));',
    // Only on the first iteration: the loop's index or the callback's at 0, or the first push into an array kept across iterations (Postiz's posts).
    'for (let i = 0; i < items.length; i++) { if (i === 0) { await query(items[i]); } }',
    'items.forEach((item, index) => { if (index === 0) query(item); });',
    'items.map((item, i) => (i === 0 ? query(item) : item));',
    'items.reduce((acc, item, i) => { if (!i) query(item); return acc; }, 0);',
    'const saved = []; for (const item of items) { saved.push(await write(item)); if (saved.length === 1) { await query(saved[0].id); } }',
    // Only for the element equal to one value: a case of a switch on the element itself, or an equality test (Wiki.js's export by entity kind).
    'export async function f(entities: string[]) { for (const entity of entities) { switch (entity) { case "assets": { await query(); break; } case "pages": await query(); break; } } }',
    'export async function f(entities: string[]) { for (const entity of entities) { if (entity === "assets") { await query(); } } }',
    'entities.forEach((entity) => { switch (entity) { case Entity.Assets: query(); } });',
    // A class body or a plain function ends the search.
    'for (const x of xs) { class A { load() { return query(x); } } }',
    'for (const x of xs) { function load() { return query(x); } }',
    // Reduce's initial value and the receiver run once.
    'items.reduce((acc, x) => acc + x, query());',
    // A const literal only read, sorted, filtered, trimmed, cleared or grown by one element at most stays a fixed list.
    'export async function f(a, b) { const ids = [a, b]; for (const id of ids) { await query(id); } }',
    'export async function f(a, b) { const ids = [b, a]; ids.sort(); for (const id of ids) { await query(id); } }',
    'export async function f(a, b) { const ids = [a, b]; const kept = ids.filter(Boolean); for (const id of kept) { await query(id); } }',
    'export async function f(a, b) { const ids = [a, b]; ids.splice(0, 1); ids.length = 0; for (const id of ids) { await query(id); } }',
    'export async function f(isOwner) { const roles = ["member"]; if (isOwner) roles.push("owner"); for (const r of roles) { await query(r); } }',
    // One append by index, or a write at an index, keeps it fixed too.
    'export async function f(a, b, extra) { const ids = [a, b]; if (extra) ids[ids.length] = extra; ids[0] = b; for (const id of ids) { await query(id); } }',
    // Grown once per element of another fixed list: by as many elements as it has.
    'export async function f(isAdmin) { const roles = ["member"]; if (isAdmin) for (const r of ["admin", "owner"]) roles.push(r); for (const r of roles) { await query(r); } }',
    'const EXTRA = ["admin", "owner"]; export async function f() { const roles = ["member"]; EXTRA.forEach((r) => roles.push(r)); for (const r of roles) { await query(r); } }',
    // …and so does the original of a spread copy that is then grown.
    'export async function f(extra) { const base = ["a", "b"]; const all = [...base]; for (const x of extra) all.push(x); for (const b of base) { await query(b); } }',
    // A push on another binding of the same name (a parameter) grows another list.
    'export async function f(a, b) { const ids = [a, b]; function add(ids, more) { ids.push(...more); } for (const id of ids) { await query(id); } }',
  ],
  invalid: [
    { code: 'for (const order of orders) { await query(order.id); }', ...at('for-of orders') },
    // `for await` over an array is a plain loop that awaits each element (Gauzy).
    { code: 'export async function f(ids: string[]) { for await (const id of ids) { await query(id); } }', ...at('for-of ids') },
    { code: 'export async function f(ids: ReadonlyArray<string>) { const active = ids.filter(Boolean); for await (const id of active) { await query(id); } }', ...at('for-of active') },
    { code: 'export async function f(byId: Record<string, number>) { for await (const id of Object.keys(byId)) { await query(id); } }', ...at('for-of Object.keys(byId)') },
    // …not a static of a package's class, nor a lowercase member.
    { code: 'import Manager from "some-sdk"; Manager.DEFAULT_SCOPES.every((s) => query(s));', ...at('callback.every Manager.DEFAULT_SCOPES') },
    { code: 'import AtlassianManager from "./AtlassianManager"; AtlassianManager.scopes.every((s) => query(s));', ...at('callback.every AtlassianManager.scopes') },
    // …not another index, the reduce's element, an array made (or emptied) in each iteration, or a push that may be skipped.
    { code: 'for (let i = 0; i < items.length; i++) { if (i === 1) { await query(items[i]); } }', ...at('for items') },
    { code: 'items.reduce((acc, item) => { if (!item) query(item); return acc; }, 0);', ...at('callback.reduce items') },
    { code: 'for (const item of items) { const saved = []; saved.push(item); if (saved.length === 1) { await query(item); } }', ...at('for-of items') },
    { code: 'const saved = []; for (const item of items) { saved = []; saved.push(item); if (saved.length === 1) { await query(item); } }', ...at('for-of items') },
    { code: 'const saved = []; for (const item of items) { if (item.ok) saved.push(item); if (saved.length === 1) { await query(item); } }', ...at('for-of items') },
    { code: 'for (const item of req.body.items) { await query(item); }', ...at('for-of req.body.items') },
    // A switch on a field of the element dispatches rows; a default case, a computed case, or an outer loop still repeat.
    { code: 'for (const event of events) { switch (event.type) { case "order": await query(event.id); } }', ...at('for-of events') },
    { code: 'for (const entity of entities) { switch (entity) { default: await query(entity); } }', ...at('for-of entities') },
    { code: 'for (const entity of entities) { switch (entity) { case current(): await query(entity); } }', ...at('for-of entities') },
    { code: 'for (const row of rows) { for (const entity of ["a", "b"].concat(extra)) { if (entity === "a") await query(row.id); } }', ...at('for-of rows') },
    { code: 'for (const u of users.filter((u) => u.active)) { await query(u); }', ...at('for-of users.filter(...)') },
    { code: 'for (const [id, user] of Object.entries(usersById)) { await query(id); }', ...at('for-of Object.entries(usersById)') },
    { code: 'for (const key in req.query) { await query(key); }', ...at('for-in req.query') },
    { code: 'import { registry } from "./registry"; for (const key in registry) { await query(key); }', ...at('for-in registry') },
    { code: 'export async function f(all: boolean, ids: string[]) { const list = all ? ids : ["a"]; for (const s of list) { await query(s); } }', ...at('for-of list') },
    { code: 'for (let i = 0; i < orders.length; i++) { await query(orders[i]); }', ...at('for orders') },
    { code: 'for (let i = 0, n = orders.length; i < n; ++i) { await query(orders[i]); }', ...at('for orders') },
    { code: 'const len = rows.length; for (let i = 0; len > i; i += 1) { await query(rows[i]); }', ...at('for rows') },
    { code: 'for (let i = items.length - 1; i >= 0; i--) { await query(items[i]); }', ...at('for items') },
    { code: 'while (queue.length > 0) { const job = queue.shift(); await query(job); }', ...at('while queue') },
    { code: 'let job; while ((job = this.pending.pop())) { await query(job); }', ...at('while this.pending') },
    { code: 'do { const next = stack.pop(); await query(next); } while (stack.length);', ...at('do-while stack') },
    { code: 'let i = 0; while (i < ids.length) { await query(ids[i]); i++; }', ...at('while ids') },
    { code: 'orders.forEach((o) => { query(o); });', ...at('callback.forEach orders') },
    { code: 'const names = users.map(function (u) { return query(u); });', ...at('callback.map users') },
    { code: 'await Promise.all(orderIds.map((id) => query(id)));', ...at('callback.map orderIds concurrent') },
    { code: 'await Promise.allSettled(orderIds.map(async (id) => { await query(id); }));', ...at('callback.map orderIds concurrent') },
    { code: 'const promises = orderIds.map((id) => query(id)); await Promise.all(promises);', ...at('callback.map orderIds concurrent') },
    { code: 'orders.forEach(async (o) => { await query(o); });', ...at('callback.forEach orders concurrent') },
    { code: 'await items.reduce(async (prev, item) => { await prev; await query(item); }, Promise.resolve());', ...at('callback.reduce items') },
    { code: 'const found = users.find((u) => query(u));', ...at('callback.find users') },
    { code: 'const out = await Promise.all(Array.from(ids, (id) => query(id)));', ...at('callback.from ids concurrent') },
    { code: 'const tagged = new Map(); tagged.forEach((value, key) => query(key));', ...at('callback.forEach tagged') },
    { code: 'import _ from "lodash"; _.forEach(users, (u) => query(u));', ...at('callback.forEach users') },
    { code: 'import pMap from "p-map"; await pMap(ids, (id) => query(id), { concurrency: 5 });', ...at('callback.pMap ids concurrent') },
    { code: 'import Bluebird from "bluebird"; await Bluebird.mapSeries(ids, (id) => query(id));', ...at('callback.mapSeries ids') },
    { code: 'for (const u of [...admins, ...users]) { await query(u); }', ...at('for-of […]') },
    { code: 'const found = []; for (const f of found) { await query(f); }', ...at('for-of found') },
    // A const literal the code grows afterwards is no fixed list: pushed in a loop or a callback, spread into,
    // handed to `push.apply`, lengthened, or a worklist pushed to in the loop over it.
    { code: 'export async function f(rootId, children) { const ids = [rootId]; for (const c of children) ids.push(c.id); for (const id of ids) { await query(id); } }', ...at('for-of ids') },
    { code: 'export async function f(rootId, children) { const ids = [rootId]; children.forEach((c) => ids.push(c.id)); for (const id of ids) { await query(id); } }', ...at('for-of ids') },
    { code: 'export async function f(rootId, children) { const ids = [rootId]; for (const c of children) ids[ids.length] = c.id; for (const id of ids) { await query(id); } }', ...at('for-of ids') },
    // A fixed inner loop inside one over the data, and a worklist walked while it grows, are no fixed growth.
    { code: 'export async function f(rootId, children) { const ids = [rootId]; for (const c of children) for (const s of ["a", "b"]) ids.push(c.id + s); for (const id of ids) { await query(id); } }', ...at('for-of ids') },
    { code: 'export async function f(rootId) { const ids = [rootId]; for (const id of ids) if (id < 100) ids.push(id * 2); for (const id of ids) { await query(id); } }', ...at('for-of ids') },
    { code: 'export async function f(rootId, more) { const ids = [rootId]; ids.push(...more); for (const id of ids) { await query(id); } }', ...at('for-of ids') },
    { code: 'export async function f(rootId, more) { const ids = [rootId]; ids.unshift(...more); await Promise.all(ids.map((id) => query(id))); }', ...at('callback.map ids concurrent') },
    { code: 'export async function f(rootId, more) { const ids = [rootId]; ids.splice(0, 0, ...more); for (const id of ids) { await query(id); } }', ...at('for-of ids') },
    { code: 'export async function f(rootId, more) { const ids = [rootId]; Array.prototype.push.apply(ids, more); for (const id of ids) { await query(id); } }', ...at('for-of ids') },
    { code: 'export async function f(rootId, more) { const ids = [rootId]; more.forEach(ids.push.bind(ids)); for (const id of ids) { await query(id); } }', ...at('for-of ids') },
    // …also through a type assertion, a non-null assertion, optional chaining, `[].push.call` or a `type`-named list: the
    // token check in front of the tree walk leaves these to it.
    { code: 'export async function f(rootId, more: string[]) { const ids = [rootId]; for (const m of more) (ids as string[]).push(m); for (const id of ids) { await query(id); } }', ...at('for-of ids') },
    { code: 'export async function f(rootId, more: string[]) { const ids = [rootId]; for (const m of more) ids!.push(m); for (const id of ids) { await query(id); } }', ...at('for-of ids') },
    { code: 'export async function f(rootId, more: string[]) { const ids = [rootId]; for (const m of more) ids?.push(m); for (const id of ids) { await query(id); } }', ...at('for-of ids') },
    { code: 'export async function f(rootId, more: string[]) { const ids = [rootId]; [].push.call(ids, ...more); for (const id of ids) { await query(id); } }', ...at('for-of ids') },
    { code: 'export async function f(rootId, more: string[]) { const type = [rootId]; for (const m of more) type.push(m); for (const t of type) { await query(t); } }', ...at('for-of type') },
    { code: 'export async function f(rootId, more: string[]) { const ids = [rootId]; for (const m of more) (ids).push(m); for (const id of ids) { await query(id); } }', ...at('for-of ids') },
    { code: 'export async function f(rootId, more: string[]) { const ids = [rootId]; for (const m of more) await (ids as string[]).push(m); for (const id of ids) { await query(id); } }', ...at('for-of ids') },
    { code: "export async function f(rootId, more: string[]) { const ids = [rootId]; for (const m of more) ids['push'](m); for (const id of ids) { await query(id); } }", ...at('for-of ids') },
    { code: 'export async function f(rootId, n) { const ids = [rootId]; ids.length = n; for (let i = 0; i < ids.length; i++) { await query(ids[i]); } }', ...at('for ids') },
    { code: 'export async function f(root) { const queue = [root]; for (const node of queue) { if (node.next) queue.push(node.next); await query(node); } }', ...at('for-of queue') },
    { code: 'export async function f(a, extra) { const all = [...["a", "b"]]; for (const x of extra) all.push(x); for (const b of all) { await query(b); } }', ...at('for-of all') },
    // Per element of the outer loop: the inner retry, chunk or literal loop does not change that.
    {
      code: 'for (const user of users) { for (let attempt = 0; attempt < 3; attempt++) { try { await query(user); break; } catch {} } }',
      ...at('for-of users'),
    },
    { code: 'for (const user of users) { await Promise.all(["a", "b"].map((k) => query(user, k))); }', ...at('for-of users') },
    { code: 'for (const user of users) { let more = true; while (more) { more = await query(user); } }', ...at('for-of users') },
    // The innermost per-element scope wins.
    { code: 'for (const user of users) { for (const order of user.orders) { await query(order); } }', ...at('for-of user.orders') },
    { code: 'for (const chunk of chunk(ids, 100)) { for (const id of chunk) { await query(id); } }', ...at('for-of chunk') },
    // A slice of a domain (Shelf's booking slices) is a row, not a chunk; a chunk named `slice` is still one by its call.
    { code: 'for (const slice of qtyTrackedSlices) { await query(slice.id); }', ...at('for-of qtyTrackedSlices') },
    // An immediately invoked function runs in place; an async one the loop does not wait for starts every element's
    // work in the same tick, as a loop whose body never waits does.
    { code: 'for (const u of users) { (async () => { await query(u); })(); }', ...at('for-of users concurrent') },
    // A task given to a concurrency limiter runs once per element, a few at a time (Refly's p-limit callbacks).
    { code: 'import pLimit from "p-limit"; const limit = pLimit(5); await Promise.all(users.map((u) => limit(async () => { await query(u); })));', ...at('callback.map users concurrent') },
    { code: 'import PQueue from "p-queue"; const queue = new PQueue({ concurrency: 2 }); for (const u of users) { await queue.add(() => query(u)); }', ...at('for-of users') },
    { code: 'const ops = []; for (const u of users) { ops.push(query(u)); } await Promise.all(ops);', ...at('for-of users concurrent') },
    // A transaction's callback runs once per call: in a loop, once per element (AT Protocol's moderation daemon).
    { code: 'for (const g of groups) { await this.db.transaction(async (tx) => { await query(g.did); }); }', ...at('for-of groups') },
    { code: 'for (const g of groups) { await prisma.$transaction(async (tx) => { await query(g.id); }); }', ...at('for-of groups') },
    { code: 'await Promise.all(groups.map((g) => withTransaction(async (tx) => query(g.id))));', ...at('callback.map groups concurrent') },
    { code: 'for (const g of groups) { await db.transaction().setIsolationLevel("serializable").execute(async (trx) => { await query(g.id); }); }', ...at('for-of groups') },
    // A break in an inner switch or a conditional return does not leave the loop.
    { code: 'for (const u of users) { switch (u.kind) { case 1: await query(u); break; } }', ...at('for-of users') },
    { code: 'for (const u of users) { await query(u); if (u.last) return; }', ...at('for-of users') },
    { code: 'for (const u of users) { [1, 2].forEach(() => { query(u); return; }); }', ...at('for-of users concurrent') },
    { code: 'outer: for (const u of users) { for (const k of ["a", "b"]) { await query(u, k); continue outer; } }', ...at('for-of users') },
  ],
});

// Types tell arrays from cursors, streams, observables and fixed tuples.
typedRuleTester().run('analysis-per-element (typed)', probe, {
  valid: [
    {
      code: `
        import type { FindCursor, Document } from 'mongodb';
        declare const docs: FindCursor<Document>;
        declare function query(x: unknown): Promise<void>;
        export async function f() { await docs.forEach((d) => { void query(d); }); }
      `,
    },
    {
      code: `
        import { Observable } from 'rxjs';
        declare const events: Observable<string>;
        declare function query(x: unknown): Promise<void>;
        export async function f() { await events.forEach((e) => { void query(e); }); }
      `,
    },
    {
      code: `
        declare const pair: [string, number];
        declare function query(x: unknown): Promise<void>;
        export async function f() { for (const p of pair) await query(p); await Promise.all(pair.map((p) => query(p))); }
      `,
    },
    // `for await` over an async iterable (a cursor, a stream), or over a value of unknown type, stays a stream.
    {
      code: `
        declare function openCursor(): AsyncIterable<{ id: number }>;
        declare const anything: any;
        declare function query(x: unknown): Promise<void>;
        export async function f() { for await (const row of openCursor()) await query(row.id); for await (const x of anything) await query(x); }
      `,
    },
    // A const literal grown by one element at most, and the original of a spread copy that is grown.
    {
      code: `
        declare function query(x: unknown): Promise<void>;
        export async function f(isOwner: boolean, extra: string[]) { const roles = ['member']; if (isOwner) roles.push('owner'); const all = [...roles]; for (const x of extra) all.push(x); for (const r of roles) await query(r); }
      `,
    },
    // A const array literal of another file of the program, whatever its name: its length is in the code.
    {
      code: `
        import { defaultWidgetConfigs, settingKeys } from './cross-file/widget-defaults';
        declare function query(x: unknown): Promise<void>;
        export async function f() { for (const c of defaultWidgetConfigs) await query(c.kind); for (const k of settingKeys) await query(k); }
      `,
    },
  ],
  invalid: [
    {
      code: `
        declare const orders: { id: number }[];
        declare function query(x: unknown): Promise<void>;
        export async function f() { await Promise.all(orders.map((o) => query(o.id))); }
      `,
      ...at('callback.map orders concurrent'),
    },
    // `for await` over rows a call returned as an array: the checker says so.
    {
      code: `
        declare function findRows(): Promise<{ id: number }[]>;
        declare function query(x: unknown): Promise<void>;
        export async function f() { const rows = await findRows(); for await (const row of rows) await query(row.id); }
      `,
      ...at('for-of rows'),
    },
    {
      code: `
        declare const byId: Map<string, number>;
        declare function query(x: unknown): Promise<void>;
        export function f() { byId.forEach((v) => { void query(v); }); }
      `,
      ...at('callback.forEach byId'),
    },
    {
      code: `
        declare const ids: ReadonlySet<string>;
        declare function query(x: unknown): Promise<void>;
        export async function f() { for (const id of ids) await query(id); }
      `,
      ...at('for-of ids'),
    },
    // A const literal grown in a loop: the checker's `string[]` says nothing against it.
    {
      code: `
        declare function query(x: unknown): Promise<void>;
        export async function f(rootId: string, children: { id: string }[]) { const ids = [rootId]; for (const c of children) ids.push(c.id); for (const id of ids) await query(id); }
      `,
      ...at('for-of ids'),
    },
    // Filled at run time, reassignable, or spreading another list: the declaration does not fix the length.
    ...['registeredWidgets', 'enabledWidgets', 'allWidgets'].map((name) => ({
      code: `
        import { ${name} } from './cross-file/widget-defaults';
        declare function query(x: unknown): Promise<void>;
        export async function f() { for (const w of ${name}) await query(w.kind); }
      `,
      ...at(`for-of ${name}`),
    })),
  ],
});
