import rule from '../../rules/no-unbounded-cache';
import { typedRuleTester, untypedRuleTester } from '../rule-tester';

function error(name: string, what: string, write: string) {
  return { messageId: 'unboundedCache' as const, data: { name, what: `${/^(?:module|static)/.test(what) || !/^[aeiou]/i.test(what) ? 'a' : 'an'} ${what}`, write } };
}

const express = `import express from 'express';\nconst app = express();\n`;

/** OCR services cached per script under `key`, the script checked against a fixed table first (Maxun's); `extra` writes more. */
function scriptServices(key: string, extra = ''): string {
  return `const SCRIPT_MODELS: Record<string, { recognition: string }> = { Latin: { recognition: 'latin.onnx' }, Han: { recognition: 'han.onnx' } };
const services = new Map<string, object>();
export async function serviceFor(script: string, userId: string) {
  const cacheKey = ${key};
  const cached = services.get(cacheKey);
  if (cached) return cached;
  const cfg = SCRIPT_MODELS[script];
  if (!cfg) throw new Error('no model for ' + script + userId);
  const service = { model: cfg.recognition };
  services.set(cacheKey, service);
  ${extra}
  return service;
}`;
}

untypedRuleTester().run('no-unbounded-cache', rule, {
  valid: [
    // Filled behind a once-per-process guard: the memo the guard returns is set to what the function built (Sim's
    // static component files).
    `        let staticFiles: Map<string, string> | null = null;
        const owners = new Map<string, string[]>();
        function componentFiles(paths: string[]) {
          if (staticFiles) return staticFiles;
          const files = new Map<string, string>();
          for (const path of paths) { const known = owners.get(path) ?? []; known.push(path); owners.set(path, known); files.set(path, path); }
          staticFiles = files;
          return staticFiles;
        }
        export function handler(paths: string[]) { return componentFiles(paths); }`,
    // One entry per language the app ships (NodeBB's admin search dictionaries, keyed by the admin's language setting).
    `const cache = {};
     export async function getDictionary(language: string) { if (cache[language]) return cache[language]; const dict = await build(language); cache[language] = dict; return dict; }
     declare function build(language: string): Promise<object>;`,
    `const dictionaries = new Map<string, object>();
     export async function forUser(user: { settings: { userLang: string } }) { const userLang = user.settings.userLang; if (!dictionaries.has(userLang)) dictionaries.set(userLang, await load(userLang)); return dictionaries.get(userLang); }
     declare function load(language: string): Promise<object>;`,
    // --- Browser code: a React hook's module-level cache lives as long as the page (umami's useCountryNames).
    `import { useEffect, useState } from 'react';
     const names: Record<string, object> = {};
     export function useNames(locale: string) {
       const [list, setList] = useState(names[locale]);
       useEffect(() => { fetch('/intl/' + locale).then((r) => r.json()).then((data) => { names[locale] = data; setList(data); }); }, [locale]);
       return list;
     }`,
    // --- Keys a declared type limits: classes (outline's CanCan indexes abilities per model class), a local union or enum, the keys of a constant.
    `type Constructor = new (...args: never[]) => unknown;
     class CanCan {
       private abilities: Map<Constructor, Map<string, string[]>> = new Map();
       allow(model: Constructor, action: string, rule: string) { if (!this.abilities.has(model)) this.abilities.set(model, new Map()); this.abilities.get(model)!.set(action, [rule]); }
       can(model: Constructor, action: string) { return this.abilities.get(model)?.get(action) ?? []; }
     }
     export const cancan = new CanCan();`,
    `type Region = 'eu' | 'us' | 'ap';
     const pools = new Map<Region, { url: string }>();
     export function poolFor(region: Region) { let pool = pools.get(region); if (!pool) { pool = { url: region }; pools.set(region, pool); } return pool; }`,
    `export enum Channel { Email = 'email', Sms = 'sms' }
     const templates: Partial<Record<Channel, string>> = {};
     export function templateFor(channel: Channel) { return (templates[channel] ??= channel.toUpperCase()); }`,
    // An enum of another module: its members read as values here (crowd.dev's Slack channels), or named like one.
    `import { SlackChannel } from './types';
     const webhookClients: Partial<Record<SlackChannel, object>> = {};
     export function clientFor(channel: SlackChannel) { return (webhookClients[channel] ??= { url: channel }); }
     export const alerts = () => clientFor(SlackChannel.Alerts);`,
    `import { ProviderTypeEnum } from '../types';
     const providers = new Map<ProviderTypeEnum, object>();
     export function provider(type: ProviderTypeEnum) { let p = providers.get(type); if (!p) { p = { type }; providers.set(type, p); } return p; }`,
    `const LOCALES = { en: 'en-US', de: 'de-DE' } as const;
     const separators = new Map<keyof typeof LOCALES, string>();
     export function separator(language: keyof typeof LOCALES) { let s = separators.get(language); if (s === undefined) { s = LOCALES[language]; separators.set(language, s); } return s; }`,
    // A key computed from the language alone (Outline's date-time separator per locale tag).
    `const separators = new Map<string, string>();
     export function dateTimeSeparator(language?: string | null): string {
       const tag = language ? language.replace('_', '-') : 'en-US';
       let separator = separators.get(tag);
       if (separator !== undefined) return separator;
       separator = new Intl.DateTimeFormat(tag).format(new Date()).includes(',') ? ', ' : ' ';
       separators.set(tag, separator);
       return separator;
     }`,
    // --- Bounded by design: an LRU, node-cache, a WeakMap.
    `import { LRUCache } from 'lru-cache';
     const cache = new LRUCache<string, object>({ max: 500, ttl: 60_000 });
     export async function getUser(id: string) { let user = cache.get(id); if (!user) { user = { id }; cache.set(id, user); } return user; }`,
    `const cache = new WeakMap<object, string>();
     export function label(o: object) { let l = cache.get(o); if (!l) { l = String(o); cache.set(o, l); } return l; }`,
    `import QuickLRU from 'quick-lru';
     const cache = new QuickLRU<string, number>({ maxSize: 100 });
     export function f(k: string) { if (!cache.has(k)) cache.set(k, k.length); return cache.get(k); }`,
    // --- Entries deleted, swept, cleared, or the size capped.
    `const cache = new Map<string, { value: string; at: number }>();
     export function get(k: string) { const hit = cache.get(k); if (hit) return hit.value; const value = k.repeat(2); cache.set(k, { value, at: Date.now() }); return value; }
     setInterval(() => { for (const [k, v] of cache) if (Date.now() - v.at > 60_000) cache.delete(k); }, 60_000);`,
    `const cache = new Map<string, string>();
     export function get(k: string) { if (cache.has(k)) return cache.get(k); if (cache.size >= 1000) cache.clear(); cache.set(k, k); return k; }`,
    `const cache = new Map<string, string>();
     export function get(k: string) { const hit = cache.get(k); if (hit) return hit; if (cache.size > 1000) { const oldest = cache.keys().next().value; cache.delete(oldest); } cache.set(k, k); return k; }`,
    `const cache = new Map<string, string>();
     export function get(k: string) { if (!cache.has(k) && cache.size < 500) cache.set(k, k.toUpperCase()); return cache.get(k); }`,
    `const memo: Record<string, number> = {};
     export function score(word: string) { if (word in memo) return memo[word]; if (Object.keys(memo).length > 10_000) return word.length; return (memo[word] = word.length); }`,
    `const memo: Record<string, number> = {};
     export function score(word: string) { memo[word] ??= word.length; return memo[word]; }
     export function forget(word: string) { delete memo[word]; }`,
    `let cache = new Map<string, string>();
     export function get(k: string) { if (!cache.has(k)) cache.set(k, k); return cache.get(k); }
     setInterval(() => { cache = new Map(); }, 60_000);`,
    // --- Handed to code this file cannot see (an evictor, another module).
    `import { startEviction } from './evict';
     const cache = new Map<string, string>();
     startEviction(cache);
     export function get(k: string) { if (!cache.has(k)) cache.set(k, k); return cache.get(k); }`,
    `export const cache = new Map<string, string>();
     export function get(k: string) { if (!cache.has(k)) cache.set(k, k); return cache.get(k); }`,
    // --- Keys from a fixed set: a lookup table, an enum, literals.
    `enum Region { Eu = 'eu', Us = 'us' }
     const clients = new Map<Region, object>();
     export function client(region: Region) { let c = clients.get(region); if (!c) { c = { region }; clients.set(Region.Eu, c); } return c; }`,
    `const config: Record<string, string> = {};
     export function load() { if (!config['db']) config['db'] = process.env.DB_URL ?? ''; return config['db']; }`,
    `const STATUS = { active: 'Active', banned: 'Banned' } as const;
     export function label(s: keyof typeof STATUS) { return STATUS[s]; }`,
    `const COUNTRIES = new Map([['fr', 'France'], ['de', 'Germany']]);
     export function country(code: string) { return COUNTRIES.get(code) ?? code; }`,
    // --- Filled at module load or startup: registries and lookup tables.
    // A decorator records the columns of the class it decorates, when the class is defined (Vendure's money columns).
    `const moneyColumnRegistry = new Map<unknown, { name: string }[]>();
     export function Money(options?: { nullable?: boolean }) {
       return (entity: object, propertyName: string) => {
         const columns = moneyColumnRegistry.get(entity);
         if (columns) columns.push({ name: propertyName }); else moneyColumnRegistry.set(entity, [{ name: propertyName }]);
       };
     }
     export function getMoneyColumnsFor(entityType: unknown) { return [...moneyColumnRegistry.entries()].find(([entity]) => entity.constructor === entityType); }`,
    `const handlers = new Map<string, (p: unknown) => void>();
     handlers.set('created', () => {}); handlers.set('deleted', () => {});
     export function dispatch(type: string, payload: unknown) { handlers.get(type)?.(payload); }`,
    // Components loaded on first use (Homarr's widgets): one per kind of component, a registry.
    `import dynamic from 'next/dynamic';
     import type { WidgetKind } from '@acme/definitions';
     const loaded = new Map<WidgetKind, unknown>();
     export const loadWidget = (kind: WidgetKind) => { const hit = loaded.get(kind); if (hit) return hit; const made = dynamic(() => import(\`./widgets/\${kind}\`)); loaded.set(kind, made); return made; };`,
    `import React, { lazy } from 'react';
     const pages = new Map<string, unknown>();
     export function page(name: string) { if (!pages.has(name)) pages.set(name, lazy(() => import(\`./pages/\${name}\`))); return pages.get(name); }
     const views = new Map<string, unknown>();
     export function view(name: string) { if (!views.has(name)) views.set(name, React.lazy(() => import(\`./views/\${name}\`))); return views.get(name); }`,
    `const handlers = new Map<string, (p: unknown) => void>();
     export function registerHandler(type: string, handler: (p: unknown) => void) { if (handlers.has(type)) throw new Error('dup'); handlers.set(type, handler); }
     export function dispatch(type: string, payload: unknown) { handlers.get(type)?.(payload); }`,
    // A registry filled by a function assigned to a property (archiver's \`registerFormat\`, CommonJS).
    `const formats = {};
     const vending = {};
     vending.registerFormat = function (format, module) { if (formats[format]) throw new Error('already registered'); formats[format] = module; };
     module.exports = vending;`,
    `const routes = new Map<string, unknown>();
     export function addRoute(path: string, handler: unknown) { if (routes.has(path)) throw new Error('duplicate route ' + path); routes.set(path, handler); }`,
    `const plugins = {};
     export function use(name, fn) { if (!plugins[name]) plugins[name] = (...args) => fn(...args); return plugins[name]; }`,
    `import { Injectable, OnModuleInit } from '@nestjs/common';
     @Injectable() export class Templates implements OnModuleInit {
       private readonly byName = new Map<string, string>();
       async onModuleInit() { for (const name of ['a', 'b']) { if (!this.byName.has(name)) this.byName.set(name, name.toUpperCase()); } }
       render(name: string) { return this.byName.get(name); }
     }`,
    `const handlers = new Map<string, unknown>();
     function addHandler(type: string, handler: unknown) { if (!handlers.has(type)) handlers.set(type, handler); }
     addHandler('created', onCreated); addHandler('deleted', onDeleted);
     export function dispatch(type: string) { return handlers.get(type); }`,
    `import { Injectable, OnModuleInit } from '@nestjs/common';
     @Injectable() export class Routes implements OnModuleInit {
       private readonly byPath: Map<string, string>;
       constructor() { this.byPath = new Map(); }
       onModuleInit() { for (const p of loadPaths()) if (!this.byPath.has(p)) this.byPath.set(p, p); }
       match(path: string) { return this.byPath.get(path); }
     }`,
    `const cache = new Map<string, string>();
     async function bootstrap() { for (const row of await load()) { if (!cache.has(row.id)) cache.set(row.id, row.name); } }
     bootstrap();`,
    // --- Function-local maps, request-scoped providers, classes made per call.
    `export function dedupe(ids: string[]) { const seen = new Set<string>(); const out = []; for (const id of ids) { if (!seen.has(id)) { seen.add(id); out.push(id); } } return out; }`,
    `${express}app.get('/x', (req, res) => { const memo = new Map(); const f = (k) => { if (!memo.has(k)) memo.set(k, k); return memo.get(k); }; res.json(f(req.query.k)); });`,
    `import { Injectable, Scope } from '@nestjs/common';
     @Injectable({ scope: Scope.REQUEST }) export class Loader { private readonly cache = new Map<string, object>(); load(id: string) { if (!this.cache.has(id)) this.cache.set(id, { id }); return this.cache.get(id); } }`,
    `class Batch { private readonly seen = new Set<string>(); add(id: string) { if (this.seen.has(id)) return false; this.seen.add(id); return true; } }
     ${express}app.post('/import', (req, res) => { const batch = new Batch(); for (const id of req.body.ids) batch.add(id); res.end(); });`,
    `export class Memo { private readonly cache = new Map<string, number>(); get(k: string) { if (!this.cache.has(k)) this.cache.set(k, k.length); return this.cache.get(k); } }`,
    // --- Written but never looked up: a store or an index, not a memo cache.
    `const lastSeen = new Map<string, number>();
     export function touch(userId: string) { lastSeen.set(userId, Date.now()); }`,
    // --- A user class with \`set\`, a Map shadowed by an import.
    `import { Map } from 'immutable';
     const cache = new Map<string, string>();
     export function get(k: string) { if (!cache.has(k)) cache.set(k, k); return cache.get(k); }`,
    // --- Keyed by an entry of a fixed table, checked before the write (dub's job registry): one entry per key of the table.
    `const jobLoaders = { sync: () => import('./sync'), mail: () => import('./mail') } as const;
     const jobCache = new Map<string, unknown>();
     export async function loadJob(name: string) {
       const cached = jobCache.get(name);
       if (cached) return cached;
       const loader = jobLoaders[name as keyof typeof jobLoaders];
       if (!loader) return undefined;
       const job = await loader();
       jobCache.set(name, job);
       return job;
     }`,
    `const HANDLERS = { png: 1, jpg: 2 };
     const compiled: Record<string, object> = {};
     export function handler(kind: string) {
       if (!(kind in HANDLERS)) throw new Error('unknown kind ' + kind);
       return (compiled[kind] ??= { kind });
     }`,
    // …also under a key built around the checked name with constants (Maxun's OCR services, one per script).
    scriptServices('`${script}:1280:0.15`', "services.set(script + ':v2', service);"),
    `const FORMATS = { short: 'd', long: 'dddd' };
     const formatters = new Map<string, Intl.DateTimeFormat>();
     export function formatter(name: string) {
       if (!Object.hasOwn(FORMATS, name)) return undefined;
       let hit = formatters.get(name);
       if (!hit) { hit = new Intl.DateTimeFormat('en'); formatters.set(name, hit); }
       return hit;
     }`,
    // …checked with `hasOwnProperty`, against a table built once at load (Automatisch's lazily imported apps).
    `declare function scan(folder: string): Record<string, string>;
     const appPaths = { ...scan('apps'), ...scan('custom') };
     const loadedApps: Record<string, unknown> = {};
     export async function getApp(appKey: string) {
       if (!Object.prototype.hasOwnProperty.call(appPaths, appKey)) throw new Error('unknown app ' + appKey);
       loadedApps[appKey] ??= (await import(appPaths[appKey])).default;
       return loadedApps[appKey];
     }
     const parsers: Record<string, object> = {};
     export function parser(kind: string) {
       if (!appPaths.hasOwnProperty(kind)) return undefined;
       return (parsers[kind] ??= { kind });
     }`,
    // --- Pools of clients, one per configuration: the reuse no-per-request-client asks for (Nango's runner agents,
    // its redis clients per URL, its safe http/https agents per policy).
    `import { Agent } from 'undici';
     const agents = new Map<string, Agent>();
     export function getAgent(opts: { connectTimeoutMs: number; bodyTimeoutMs: number }) {
       const key = \`\${opts.connectTimeoutMs}:\${opts.bodyTimeoutMs}\`;
       let agent = agents.get(key);
       if (!agent) { agent = new Agent({ connectTimeout: opts.connectTimeoutMs, bodyTimeout: opts.bodyTimeoutMs }); agents.set(key, agent); }
       return agent;
     }`,
    `import { createClient } from 'redis';
     const clients = new Map<string, ReturnType<typeof createClient>>();
     export async function getRedis(url: string) {
       if (clients.has(url)) return clients.get(url)!;
       const redis = createClient({ url });
       await redis.connect();
       clients.set(url, redis);
       return redis;
     }`,
    `import http from 'node:http';
     import https from 'node:https';
     const agentsByPolicy = new Map<string, { httpAgent: http.Agent; httpsAgent: https.Agent }>();
     export function agentsFor(policy: string) {
       let agents = agentsByPolicy.get(policy);
       if (!agents) { agents = { httpAgent: new http.Agent({ keepAlive: true }), httpsAgent: new https.Agent({ keepAlive: true }) }; agentsByPolicy.set(policy, agents); }
       return agents;
     }`,
    `import { Pool } from 'pg';
     const pools: Record<string, Pool> = {};
     export function poolFor(tenantUrl: string) { return (pools[tenantUrl] ??= new Pool({ connectionString: tenantUrl })); }`,
    // Intl formatters, one per locale, time zone and format options the app uses (Rallly's date formatters).
    `const formatters = new Map<string, Intl.DateTimeFormat>();
     export function formatterFor(locale: string, timeZone?: string, showTimeZone?: boolean) {
       const options = { dateStyle: 'medium' as const, timeZone: timeZone || undefined, timeZoneName: showTimeZone ? ('short' as const) : undefined };
       const key = \`\${locale}|\${JSON.stringify(options)}\`;
       let f = formatters.get(key);
       if (!f) { f = new Intl.DateTimeFormat(locale, options); formatters.set(key, f); }
       return f;
     }`,
    `const collators: Record<string, Intl.Collator> = {};
     export function collatorFor(tag: string, sensitivity: 'base' | 'accent') { return (collators[\`\${tag}:\${sensitivity}\`] ??= new Intl.Collator(tag, { sensitivity })); }`,
    // AWS SDK clients, one per region (GrowthBook's S3 clients) or per bucket (Payload's storage adapters).
    `import { S3Client } from '@aws-sdk/client-s3';
     const s3Clients = new Map<string, S3Client>();
     export function s3For(region: string) { if (!s3Clients.has(region)) s3Clients.set(region, new S3Client({ region })); return s3Clients.get(region)!; }`,
    // BullMQ queues, one per queue name or shard (Inbox Zero, Langfuse), also where none is configured.
    `import { Queue } from 'bullmq';
     const queues = new Map<string, Queue>();
     export function getQueue(name: string) {
       let queue = queues.get(name);
       if (!queue) { queue = new Queue(name, { connection: { host: 'redis' } }); queues.set(name, queue); }
       return queue;
     }`,
    `import { Queue } from 'bullmq';
     declare const redisOptions: { host: string } | undefined;
     export class IngestionQueue {
       private static instances: Map<number, Queue | null> = new Map();
       static getInstance(shard: number) {
         if (IngestionQueue.instances.has(shard)) return IngestionQueue.instances.get(shard);
         const queue = redisOptions ? new Queue(\`ingestion-\${shard}\`, { connection: redisOptions }) : null;
         IngestionQueue.instances.set(shard, queue);
         return queue;
       }
     }`,
    // --- Scripts and tests end with their run.
    { code: `const cache = new Map();\nexport function get(k) { if (!cache.has(k)) cache.set(k, k); return cache.get(k); }`, filename: 'src/scripts/backfill.ts' },
    { code: `const cache = new Map();\nexport function get(k) { if (!cache.has(k)) cache.set(k, k); return cache.get(k); }`, filename: 'src/users.spec.ts' },
  ],
  invalid: [
    // The same without the guard, or with the memo set to something the function did not build: filled on every call.
    {
      code: `        let staticFiles: Map<string, string> | null = null;
        const owners = new Map<string, string[]>();
        function componentFiles(paths: string[]) {
          const files = new Map<string, string>();
          for (const path of paths) { const known = owners.get(path) ?? []; known.push(path); owners.set(path, known); files.set(path, path); }
          staticFiles = files;
          return staticFiles;
        }
        export function handler(paths: string[]) { return componentFiles(paths); }`,
      errors: [error('owners', 'module-level Map', 'owners.set(…)')],
    },
    {
      code: `        let staticFiles: Map<string, string> | null = null;
        const owners = new Map<string, string[]>();
        function componentFiles(paths: string[]) {
          if (staticFiles) return staticFiles;
          const files = new Map<string, string>();
          for (const path of paths) { const known = owners.get(path) ?? []; known.push(path); owners.set(path, known); files.set(path, path); }
          staticFiles = (paths.length ? files : null);
          return staticFiles;
        }
        export function handler(paths: string[]) { return componentFiles(paths); }`,
      errors: [error('owners', 'module-level Map', 'owners.set(…)')],
    },
    // A key with a second variable part (the caller's user) grows with it, whatever the table check.
    {
      code: scriptServices('`${script}:${userId}`'),
      errors: [error('services', 'module-level Map', 'services.set(…)')],
    },
    // An imported class (its statics called), or a type never used as a value: as many keys as instances or values.
    {
      code: `import { User } from './user';
        const sessions = new Map<User, object>();
        export function session(user: User) { let s = sessions.get(user); if (!s) { s = {}; sessions.set(user, s); } return s; }
        export const guest = () => session(User.create());`,
      errors: [error('sessions', 'module-level Map', 'sessions.set(…)')],
    },
    // A Prisma model's row type: `@prisma/client` exports it beside the enums, and it limits nothing.
    {
      code: `import { User } from '@prisma/client';
        const profiles = new Map<User, object>();
        export function profileOf(user: User) { let p = profiles.get(user); if (!p) { p = {}; profiles.set(user, p); } return p; }`,
      errors: [error('profiles', 'module-level Map', 'profiles.set(…)')],
    },
    {
      code: `import { AccountId } from './ids';
        const balances = new Map<AccountId, number>();
        export function balanceOf(id: AccountId) { let b = balances.get(id); if (b === undefined) { b = 0; balances.set(id, b); } return b; }`,
      errors: [error('balances', 'module-level Map', 'balances.set(…)')],
    },
    // The classic memo: a module-level Map keyed by a parameter.
    {
      code: `const profiles = new Map<string, object>();
        export async function getProfile(id: string) {
          const hit = profiles.get(id);
          if (hit) return hit;
          const profile = { id };
          profiles.set(id, profile);
          return profile;
        }`,
      errors: [error('profiles', 'module-level Map', 'profiles.set(…)')],
    },
    // A value made by some other call named `dynamic` or `lazy` is no component.
    {
      code: `import { lazy } from './memo';
        const results = new Map<string, unknown>();
        export function result(query: string) { if (!results.has(query)) results.set(query, lazy(() => run(query))); return results.get(query); }
        declare function run(q: string): unknown;`,
      errors: [error('results', 'module-level Map', 'results.set(…)')],
    },
    // A declared key type that limits nothing: a string alias, an imported name (only types could tell), an open record.
    {
      code: `type UserId = string;
        const names = new Map<UserId, string>();
        export function nameOf(id: UserId) { let n = names.get(id); if (!n) { n = id.toUpperCase(); names.set(id, n); } return n; }`,
      errors: [error('names', 'module-level Map', 'names.set(…)')],
    },
    {
      code: `import type { Region } from './regions';
        const labels: Record<Region, string> = {} as Record<Region, string>;
        export function label(region: Region) { if (labels[region]) return labels[region]; return (labels[region] = String(region)); }`,
      errors: [error('labels', 'module-level object', 'labels[…] = …')],
    },
    // A PascalCase factory whose function takes a key, not a decorator's parameters: it runs per call.
    {
      code: `const results = new Map<string, string>();
        export function Memoized(compute: (key: string) => string) {
          return (key: string) => { if (!results.has(key)) results.set(key, compute(key)); return results.get(key); };
        }`,
      errors: [error('results', 'module-level Map', 'results.set(…)')],
    },
    // A key computed from a language the client sends, or from something else than a language.
    {
      code: `${express}const translated = new Map<string, string>();
        app.get('/t', (req, res) => { const tag = req.query.lang ? req.query.lang.toLowerCase() : 'en'; if (!translated.has(tag)) translated.set(tag, render(tag)); res.send(translated.get(tag)); });
        declare function render(language: unknown): string;`,
      errors: [error('translated', 'module-level Map', 'translated.set(…)')],
    },
    {
      code: `const greetings = new Map<string, string>();
        export function greeting(userId: string, language: string) { const key = userId ? userId.trim() : language; if (!greetings.has(key)) greetings.set(key, 'hi ' + key); return greetings.get(key); }`,
      errors: [error('greetings', 'module-level Map', 'greetings.set(…)')],
    },
    // A language the client sends is any string: each new one adds an entry.
    {
      code: `${express}const translated = {};
        app.get('/t', (req, res) => { const language = req.query.language; if (!translated[language]) translated[language] = render(language); res.send(translated[language]); });
        declare function render(language: unknown): string;`,
      errors: [error('translated', 'module-level object', 'translated[…] = …')],
    },
    // Keyed by request input, in a route handler.
    {
      code: `${express}const rendered = {};
        app.get('/page/:slug', (req, res) => { if (!rendered[req.params.slug]) rendered[req.params.slug] = '<h1>' + req.params.slug + '</h1>'; res.send(rendered[req.params.slug]); });`,
      errors: [error('rendered', 'module-level object', 'rendered[…] = …')],
    },
    {
      code: `const memo = Object.create(null);
        export function fib(n: number): number { return (memo[n] ??= n < 2 ? n : fib(n - 1) + fib(n - 2)); }`,
      errors: [error('memo', 'module-level object', 'memo[…] ??= …')],
    },
    // A Set of processed ids that only grows.
    {
      code: `const processed = new Set<string>();
        export async function handle(message: { id: string }) { if (processed.has(message.id)) return; processed.add(message.id); }`,
      errors: [error('processed', 'module-level Set', 'processed.add(…)')],
    },
    // A singleton NestJS service: the lookup in one method, the write in the method it calls.
    {
      code: `import { Injectable } from '@nestjs/common';
        @Injectable() export class Rates {
          private readonly cache = new Map<string, number>();
          async rate(currency: string) { return this.cache.get(currency) ?? this.fetch(currency); }
          private fetch(currency: string) { return Promise.resolve(currency.length).then((rate) => { this.cache.set(currency, rate); return rate; }); }
        }`,
      errors: [error('this.cache', 'Map field of the long-lived `Rates`', 'this.cache.set(…)')],
    },
    {
      code: `import { Controller, Get, Param } from '@nestjs/common';
        @Controller('users') export class Users {
          private memo: Record<string, object>;
          constructor() { this.memo = {}; }
          @Get(':id') find(@Param('id') id: string) { const memo = this.memo; if (!memo[id]) memo[id] = { id }; return memo[id]; }
        }`,
      // Reported at the field's declaration, not at the constructor's assignment.
      errors: [{ ...error('this.memo', 'object field of the long-lived `Users`', 'memo[…] = …'), line: 3 }],
    },
    // A class instantiated once at module scope, and a static field.
    {
      code: `class Geo { private cache = new Map(); lookup(ip) { if (!this.cache.has(ip)) this.cache.set(ip, ip.split('.')); return this.cache.get(ip); } }
        export const geo = new Geo();`,
      errors: [error('this.cache', 'Map field of the long-lived `Geo`', 'this.cache.set(…)')],
    },
    {
      code: `export class Slugs { static cache = new Map<string, string>(); static slug(s: string) { let out = Slugs.cache.get(s); if (!out) { out = s.toLowerCase(); this.cache.set(s, out); } return out; } }`,
      errors: [error('Slugs.cache', 'static Map field', 'this.cache.set(…)')],
    },
    // A table lookup with a fallback, a table other code adds to, or a check after the write bounds nothing.
    {
      code: `const loaders = { a: () => 1 };
        const cache = new Map();
        export function load(name: string) {
          if (cache.has(name)) return cache.get(name);
          const loader = loaders[name] ?? (() => 0);
          if (!loader) return undefined;
          cache.set(name, loader());
          return cache.get(name);
        }`,
      errors: [error('cache', 'module-level Map', 'cache.set(…)')],
    },
    {
      code: `const loaders: Record<string, () => number> = { a: () => 1 };
        export function addLoader(name: string, load: () => number) { loaders[name] = load; }
        const cache = new Map();
        export function load(name: string) {
          if (cache.has(name)) return cache.get(name);
          const loader = loaders[name];
          if (!loader) return undefined;
          cache.set(name, loader());
          return cache.get(name);
        }`,
      errors: [error('cache', 'module-level Map', 'cache.set(…)')],
    },
    {
      code: `const loaders = { a: () => 1 };
        const cache = new Map();
        export function load(name: string) {
          if (cache.has(name)) return cache.get(name);
          cache.set(name, String(name));
          if (!(name in loaders)) return undefined;
          return cache.get(name);
        }`,
      errors: [error('cache', 'module-level Map', 'cache.set(…)')],
    },
    // `.size` read for a metric is no cap.
    {
      code: `const cache = new Map();
        export function get(k) { if (!cache.has(k)) cache.set(k, JSON.stringify(k)); return cache.get(k); }
        export function stats() { return { entries: cache.size }; }`,
      errors: [error('cache', 'module-level Map', 'cache.set(…)')],
    },
    // Not a pool of clients: a client's answer, a client beside other data, a variable also given other values,
    // a look-alike `Agent` of the project, and a client per value of request input.
    {
      code: `import { createClient } from 'redis';
        const redis = createClient();
        const answers = new Map<string, string | null>();
        export async function lookup(key: string) { let hit = answers.get(key); if (hit === undefined) { hit = await redis.get(key); answers.set(key, hit); } return hit; }`,
      errors: [error('answers', 'module-level Map', 'answers.set(…)')],
    },
    {
      code: `import { Agent } from 'undici';
        const entries = new Map<string, { agent: Agent; seenAt: number }>();
        export function entryFor(host: string) { let e = entries.get(host); if (!e) { e = { agent: new Agent(), seenAt: Date.now() }; entries.set(host, e); } return e; }`,
      errors: [error('entries', 'module-level Map', 'entries.set(…)')],
    },
    {
      code: `import { Agent } from 'undici';
        const handles = new Map<string, unknown>();
        export function handleFor(key: string) { let h = handles.get(key); if (!h) { h = key.startsWith('x') ? new Agent() : { key }; h = { key }; handles.set(key, h); } return h; }`,
      errors: [error('handles', 'module-level Map', 'handles.set(…)')],
    },
    {
      code: `import { Agent } from './agent';
        const agents = new Map<string, Agent>();
        export function agentFor(userId: string) { let a = agents.get(userId); if (!a) { a = new Agent(userId); agents.set(userId, a); } return a; }`,
      errors: [error('agents', 'module-level Map', 'agents.set(…)')],
    },
    // A formatter per locale the client sends: any string makes a new entry. And a formatter's output is no formatter.
    {
      code: `${express}const formats = new Map<string, Intl.NumberFormat>();
        app.get('/price', (req, res) => {
          let format = formats.get(String(req.query.locale));
          if (!format) { format = new Intl.NumberFormat(String(req.query.locale)); formats.set(String(req.query.locale), format); }
          res.json({ price: format.format(9.99) });
        });`,
      errors: [error('formats', 'module-level Map', 'formats.set(…)')],
    },
    {
      code: `const labels = new Map<string, string>();
        export function labelFor(id: string, amount: number) { let label = labels.get(id); if (!label) { label = new Intl.NumberFormat('en').format(amount); labels.set(id, label); } return label; }`,
      errors: [error('labels', 'module-level Map', 'labels.set(…)')],
    },
    {
      code: `${express}import { Pool } from 'pg';
        const pools = new Map<string, Pool>();
        app.get('/t/:tenant/users', async (req, res) => {
          let pool = pools.get(req.params.tenant);
          if (!pool) { pool = new Pool({ database: req.params.tenant }); pools.set(req.params.tenant, pool); }
          res.json((await pool.query('SELECT id FROM users LIMIT 10')).rows);
        });`,
      errors: [error('pools', 'module-level Map', 'pools.set(…)')],
    },
  ],
});

typedRuleTester().run('no-unbounded-cache (typed)', rule, {
  valid: [
    // A key typed as a union of literals can only take a few values.
    `type Locale = 'en' | 'fr' | 'de';
     const messages = new Map<Locale, Record<string, string>>();
     export function load(locale: Locale): Record<string, string> { let m = messages.get(locale); if (!m) { m = {}; messages.set(locale, m); } return m; }`,
    `import { LRUCache } from 'lru-cache';
     const cache = new LRUCache<string, string>({ max: 100 });
     export function get(k: string): string { let v = cache.get(k); if (v === undefined) { v = k; cache.set(k, v); } return v; }`,
    // Without annotations on the collection, the checker knows the key: an enum member, a class.
    `enum Plan { Free, Pro }
     const limits = new Map();
     export function limitFor(plan: Plan): number { let l = limits.get(plan); if (l === undefined) { l = plan * 10; limits.set(plan, l); } return l; }`,
    `class Order {} class Invoice {}
     const handlers = new Map();
     export function handlerFor(model: typeof Order | typeof Invoice): string { let h = handlers.get(model); if (!h) { h = model.name; handlers.set(model, h); } return h; }`,
    `import { Injectable, OnModuleInit } from '@nestjs/common';
     @Injectable() export class Registry implements OnModuleInit {
       private readonly byId = new Map<string, string>();
       onModuleInit(): void { for (const id of ['a', 'b']) this.byId.set(id, id); }
       get(id: string): string | undefined { return this.byId.has(id) ? this.byId.get(id) : undefined; }
     }`,
  ],
  invalid: [
    {
      code: `const cache = new Map<string, string>();
        export function get(k: string): string { let v = cache.get(k); if (v === undefined) { v = k.toUpperCase(); cache.set(k, v); } return v; }`,
      errors: [error('cache', 'module-level Map', 'cache.set(…)')],
    },
    {
      code: `import { Injectable } from '@nestjs/common';
        @Injectable() export class Users {
          private readonly seen = new Set<number>();
          visit(id: number): boolean { if (this.seen.has(id)) return false; this.seen.add(id); return true; }
        }`,
      errors: [error('this.seen', 'Set field of the long-lived `Users`', 'this.seen.add(…)')],
    },
  ],
});
