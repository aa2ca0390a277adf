import rule from '../../rules/require-cache-ttl';
import { typedRuleTester, untypedRuleTester } from '../rule-tester';

const IOREDIS_SET = "Pass an expiry (`set(key, value, 'EX', seconds)`, or `setex`), or `expire` the key right after writing it";
const NODE_REDIS_SET = "Pass an expiry (`{ expiration: { type: 'EX', value: seconds } }`, or `{ EX: seconds }` before v5), or `expire` the key right after writing it";
const ANY_REDIS_SET = "Pass an expiry (`'EX', seconds` with ioredis, `{ EX: seconds }` with node-redis), or `expire` the key right after writing it";
const IOREDIS_SETNX = "SETNX cannot set a TTL: use `set(key, value, 'EX', seconds, 'NX')` instead";
const NODE_REDIS_MSET = 'MSET cannot set a TTL: write each key with an `expiration` in a MULTI, or `expire` each key after';
const IOREDIS_MSET = "MSET cannot set a TTL: write each key with `set(key, value, 'EX', seconds)` in a pipeline or MULTI, or `expire` each key after";
const UPSTASH_SET = 'Pass an expiry (`set(key, value, { ex: seconds })`), or `expire` the key right after writing it';
const UPSTASH_SETNX = 'SETNX cannot set a TTL: use `set(key, value, { nx: true, ex: seconds })` instead';

/** Upstash's REST client, made both ways its docs show. */
const UPSTASH = `import { Redis } from '@upstash/redis';
const redis = Redis.fromEnv();
const cache = new Redis({ url: 'https://example.upstash.io', token: 'token' });
`;

function redis(call: string, fix = IOREDIS_SET) {
  return { messageId: 'redisNoExpiry' as const, data: { call, fix } };
}

function nodeCache(call = 'new NodeCache(…)') {
  return { messageId: 'nodeCacheNoTtl' as const, data: { call } };
}

function cacheManager(call: string, creation: string) {
  return { messageId: 'cacheManagerNoTtl' as const, data: { call, creation } };
}

const IOREDIS = `import Redis from 'ioredis';\nconst redis = new Redis();\n`;
const NODE_REDIS = `import { createClient } from 'redis';\nconst client = createClient();\n`;

untypedRuleTester().run('require-cache-ttl', rule, {
  valid: [
    // Emptying a key invalidates it (erxes's config cache): no entry to expire.
    `${IOREDIS}export async function resetConfigs(): Promise<void> { await redis.set('configs_erxes_api', ''); await redis.set('core_organizations', null as never); }`,
    // Upstash: an expiry in its lower-case options, or an expire after the write.
    UPSTASH + `export async function f(id: string): Promise<void> { await redis.set(id, 'v', { ex: 60 }); await cache.set(id, 'v'); await cache.expire(id, 60); }`,
    // --- Upstash's options spell the expiry in lower case (openstatus: `redis` made in a project module).
    `import { redis } from './libs/clients';
     export async function cacheStatus(slug: string, status: string) { await redis.set(slug, status, { ex: 60 }); await redis.set(slug + ':p', status, { px: 60_000 }); }`,
    // --- Not cache writes at all: HTTP headers, URLs, maps, a class of our own, a cookie.
    `import express from 'express'; const app = express();
     app.get('/x', (req, res) => { res.set('Cache-Control', 'no-store'); res.setHeader('X', '1'); res.send(); });`,
    'export function f(headers: Headers, url: URL) { headers.set("a", "b"); url.searchParams.set("page", "2"); new URLSearchParams().set("q", "x"); }',
    'const map = new Map<string, number>(); export function f(k: string) { map.set(k, 1); }',
    'class Store { set(key: string, value: string) { return [key, value]; } } const redis = new Store(); export function f(k: string) { redis.set(k, "v"); }',
    'export function f(cache: { set(k: string, v: string): void }, k: string) { cache.set(k, "v"); }',
    'declare const store: any; export function f(k: string) { store.set(k, "v"); }',
    // Other caches bound themselves (an LRU's `max`); Keyv and others are not tracked.
    `import { LRUCache } from 'lru-cache'; const cache = new LRUCache<string, string>({ max: 500 });
     export function f(k: string, v: string) { cache.set(k, v); }`,
    // A project wrapper declared with its own type: its `set` may add a TTL.
    `import { RedisService } from './redis.service';
     export class Users { constructor(private readonly redis: RedisService) {} save(id: string, v: string) { return this.redis.set(\`user:\${id}\`, v); } }`,
    // A cache wrapper with a TTL parameter: the write without one is the branch beside a write with one.
    `${IOREDIS}export class Cache { constructor(private readonly defaultTtl = 1800) {}
       async set(key: string, value: string, ttl = this.defaultTtl) { if (ttl > 0) { await redis.setex(key, ttl, value); } else { await redis.set(key, value); } } }`,
    `${IOREDIS}export async function put(key: string, value: string, ttl?: number) { return ttl ? redis.set(key, value, 'EX', ttl) : redis.set(key, value); }`,
    `${IOREDIS}export async function put(key: string, value: string, ttl: number) { if (ttl > 0) await redis.call('SETEX', key, ttl, value); else await redis.set(key, value); }`,
    // A key kept in step with its source: written when the value is set, deleted when it is cleared (Papermark's domain redirects).
    `${UPSTASH}export async function setDomainRedirectUrl(domain: string, redirectUrl: string | null) { const key = 'redirect:' + domain; if (redirectUrl) { await redis.set(key, redirectUrl); } else { await redis.del(key); } }`,
    `${IOREDIS}export async function setLogo(teamId: string, logo?: string) { logo ? await redis.set(\`brand:logo:\${teamId}\`, logo) : await redis.unlink(\`brand:logo:\${teamId}\`); }`,
    // The same wrapper as a guard clause (AFFiNE's RedisCache): the statements after an `if` that returns are its `else`.
    `import { Redis } from 'ioredis';
     export class RedisCache {
       constructor(private readonly redis: Redis) {}
       async set(key: string, value: unknown, opts: { ttl?: number } = {}) {
         if (opts.ttl) {
           return this.redis.set(key, JSON.stringify(value), 'PX', opts.ttl).then(() => true).catch(() => false);
         }
         return this.redis.set(key, JSON.stringify(value)).then(() => true).catch(() => false);
       }
       async setnx(key: string, value: unknown, opts: { ttl?: number } = {}) {
         if (opts.ttl) return this.redis.set(key, JSON.stringify(value), 'PX', opts.ttl, 'NX').then((v) => !!v);
         return this.redis.set(key, JSON.stringify(value), 'NX').then((v) => !!v);
       }
     }`,
    // …also when the guard throws, or the later write sits deeper (a try block), or the loop goes on to the next item.
    `${IOREDIS}export async function put(key: string, value: string, ttl?: number) {
       if (ttl) { await redis.setex(key, ttl, value); throw new Done(); }
       try { await redis.set(key, value); } catch { return false; }
     }
     export async function putAll(entries: [string, string, number][]) {
       for (const [key, value, ttl] of entries) {
         if (ttl > 0) { await redis.set(\`c:\${key}\`, value, 'EX', ttl); continue; }
         await redis.set(\`c:\${key}\`, value);
       }
     }`,
    // --- ioredis: an expiry in the arguments, in any order and case, or a command that sets one.
    `${IOREDIS}export async function f(id: string, v: string) {
       await redis.set(\`user:\${id}\`, v, 'EX', 600);
       await redis.set(\`user:\${id}\`, v, 'PX', 600_000);
       await redis.set('lock:' + id, '1', 'PX', 3000, 'NX');
       await redis.set(\`user:\${id}\`, v, 'NX', 'EX', 60);
       await redis.set(\`user:\${id}\`, v, 'ex', 60);
       await redis.set(\`user:\${id}\`, v, 'KEEPTTL');
       await redis.set(\`user:\${id}\`, v, 'EXAT', 1700000000, 'GET');
       await redis.setex(\`user:\${id}\`, 600, v);
       await redis.psetex(\`user:\${id}\`, 600, v);
       await redis.hset(\`user:\${id}\`, 'name', v);
       await redis.incr(\`hits:\${id}\`);
     }`,
    // An expiry argument the code does not spell out.
    `${IOREDIS}export async function f(id: string, v: string, mode: 'EX' | 'PX', ttl: number, args: string[]) {
       await redis.set(id, v, mode, ttl); await redis.set(id, v, ...args);
     }`,
    // set, then expire (or pexpire, expireat) on the same key, in the same function or chain.
    `${IOREDIS}export async function f(id: string, v: string) { const key = \`user:\${id}\`; await redis.set(key, v); await redis.expire(key, 600); }`,
    `${IOREDIS}export async function f(id: string, v: string) { await redis.set(\`user:\${id}\`, v); await redis.pexpire(\`user:\${id}\`, 600_000); }`,
    `${IOREDIS}export async function f(id: string, v: string) { await redis.multi().set(\`user:\${id}\`, v).expire(\`user:\${id}\`, 60).exec(); }`,
    `${IOREDIS}export async function f(ids: string[]) { const pipe = redis.pipeline(); for (const id of ids) { pipe.set(\`user:\${id}\`, id); pipe.expire(\`user:\${id}\`, 60); } await pipe.exec(); }`,
    `${IOREDIS}export async function f(key: string, v: string, ttl: number) { await redis.set(key, v); await Promise.all([redis.expireat(key, ttl)]); }`,
    `${IOREDIS}export async function f(pairs: Record<string, string>) { await redis.mset(pairs); for (const key of Object.keys(pairs)) await redis.expire(key, 60); }`,
    // Array-form pipelines.
    `${IOREDIS}export async function f(id: string) { await redis.pipeline([['set', \`user:\${id}\`, '1', 'EX', 60], ['get', 'x']]).exec(); }`,
    `${IOREDIS}export async function f(id: string) { await redis.multi([['set', \`user:\${id}\`, '1'], ['expire', \`user:\${id}\`, 60]]).exec(); }`,
    // --- node-redis: the options object, v4 and v5 styles.
    `${NODE_REDIS}export async function f(id: string, v: string) {
       await client.set(\`user:\${id}\`, v, { EX: 600 });
       await client.set(\`user:\${id}\`, v, { PX: 600_000, NX: true });
       await client.set(\`user:\${id}\`, v, { expiration: { type: 'EX', value: 600 } });
       await client.set(\`user:\${id}\`, v, { expiration: 'KEEPTTL' });
       await client.set(\`user:\${id}\`, v, { KEEPTTL: true });
       await client.setEx(\`user:\${id}\`, 600, v);
       await client.hSet(\`user:\${id}\`, { name: v });
       await client.multi().set(\`a:\${id}\`, v, { EX: 1 }).exec();
     }`,
    `${NODE_REDIS}const OPTIONS = { EX: 600 };\nexport async function f(id: string, v: string) { await client.set(id, v, OPTIONS); }`,
    `${NODE_REDIS}import { options } from './redis-options';\nexport async function f(id: string, v: string) { await client.set(id, v, options); await client.set(id, v, { ...options, NX: true }); }`,
    `${NODE_REDIS}export async function f(id: string, v: string) { await client.set(id, v); await client.pExpire(id, 1000); }`,
    // --- Not on a request path: module load, startup code, NestJS lifecycle hooks, scripts, tests, seeds.
    `${IOREDIS}await redis.set('app:version', '1.2.3');`,
    `${IOREDIS}async function bootstrap() { await redis.set('app:started', Date.now()); } bootstrap();`,
    `import { Injectable, OnModuleInit } from '@nestjs/common'; import Redis from 'ioredis';
     @Injectable() export class Flags implements OnModuleInit { constructor(private readonly redis: Redis) {} async onModuleInit() { await this.redis.set('flags', '{}'); } }`,
    { code: `${IOREDIS}export async function warm(id: string) { await redis.set(\`user:\${id}\`, id); }`, filename: 'src/scripts/warm-cache.ts' },
    { code: `${IOREDIS}export async function warm(id: string) { await redis.set(\`user:\${id}\`, id); }`, filename: 'tools/warm.ts', options: [{ scripts: ['tools/**'] }] },
    { code: `${IOREDIS}it('caches', async () => { await redis.set('user:1', 'x'); });`, filename: 'src/users.test.ts' },
    { code: `${IOREDIS}export async function seed() { await redis.set('user:1', 'x'); }`, filename: 'db/seeds/users.ts' },
    // --- node-cache: a default stdTTL, or every write of an instance kept in this file has a ttl.
    `import NodeCache from 'node-cache'; export const cache = new NodeCache({ stdTTL: 600, checkperiod: 120 });`,
    `import NodeCache from 'node-cache'; import { ttl } from './config'; export const cache = new NodeCache({ stdTTL: ttl });`,
    `import NodeCache from 'node-cache'; const OPTIONS = { stdTTL: 60 }; export const cache = new NodeCache(OPTIONS);`,
    `import NodeCache from 'node-cache'; import { cacheOptions } from './config'; export const cache = new NodeCache(cacheOptions);`,
    `import NodeCache from 'node-cache'; const cache = new NodeCache();
     export function remember(key: string, value: unknown) { cache.set(key, value, 300); }
     export function read(key: string) { return cache.get(key); }`,
    `import NodeCache from 'node-cache'; const cache = new NodeCache();
     export function remember(key: string, value: unknown) { cache.set(key, value); cache.ttl(key, 300); }
     export function many(items: { key: string; val: unknown }[]) { cache.mset([{ key: 'a', val: 1, ttl: 60 }]); }`,
    `const NodeCache = require('node-cache');
     class Sessions { cache = new NodeCache(); put(id, s) { this.cache.set(id, s, 60); } }
     module.exports = { Sessions };`,
    // --- cache-manager: a default ttl, a ttl per write, a cache whose stores decide, or one created elsewhere.
    `import { createCache } from 'cache-manager'; const cache = createCache({ ttl: 60_000 });
     export async function f(id: string, v: string) { await cache.set(id, v); await cache.wrap(id, async () => v); }`,
    `import { createCache } from 'cache-manager'; const cache = createCache();
     export async function f(id: string, v: string) { await cache.set(id, v, 60_000); await cache.wrap(id, async () => v, 60_000); await cache.mset([{ key: id, value: v, ttl: 1000 }]); }`,
    `import { createCache } from 'cache-manager'; import Keyv from 'keyv';
     const cache = createCache({ stores: [new Keyv({ ttl: 60_000 })] });
     export async function f(id: string, v: string) { await cache.set(id, v); }`,
    `import { caching } from 'cache-manager'; import { redisStore } from 'cache-manager-redis-yet';
     export async function f(id: string, v: string) { const cache = await caching(redisStore); await cache.set(id, v); }`,
    `import { caching } from 'cache-manager';
     export async function f(id: string, v: string) { const cache = await caching('memory', { max: 100, ttl: 10_000 }); await cache.set(id, v); }`,
    `import { Inject, Injectable } from '@nestjs/common'; import { CACHE_MANAGER } from '@nestjs/cache-manager'; import type { Cache } from 'cache-manager';
     @Injectable() export class Users { constructor(@Inject(CACHE_MANAGER) private readonly cache: Cache) {} async save(id: string, v: string) { await this.cache.set(id, v); } }`,
    `import { createCache } from 'cache-manager';
     async function bootstrap() { const cache = createCache(); await cache.set('boot', Date.now()); } bootstrap();`,
    // A statistics store: totals set for good in a key family the file also counts, and never expires (Standard
    // Notes' analytics). An expiry would lose the data.
    `${IOREDIS}export class StatisticsStore {
       async setMeasure(measure: string, value: number, day: string) { const pipeline = redis.pipeline(); pipeline.set(\`count:measure:\${measure}:timespan:\${day}\`, value); await pipeline.exec(); }
       async increment(measure: string, value: number, period: { key(): string }) { await redis.incrbyfloat(\`count:measure:\${measure}:timespan:\${period.key()}\`, value); }
     }`,
  ],
  invalid: [
    // A counted key family that also expires is ephemeral (a rate limit), and so is a write beside a counter of another
    // family, or of no fixed text.
    {
      code: `${IOREDIS}export async function hit(ip: string, day: string, id: string, key: string) {
        await redis.incr(\`rate:\${ip}\`); await redis.expire(\`rate:\${ip}\`, 60); await redis.set(\`rate:\${ip}\`, '0');
        await redis.incr(\`views:\${id}\`); await redis.set(\`views:\${id}:last\`, day);
        await redis.incr(\`\${key}\`); await redis.set(\`\${id}\`, day);
      }`,
      errors: [redis('redis.set(…)'), redis('redis.set(…)'), redis('redis.set(…)')],
    },
    {
      code: UPSTASH + `export async function f(id: string): Promise<void> { await redis.set(id, 'v'); await cache.setnx(id, 'v'); }`,
      errors: [redis('redis.set(…)', UPSTASH_SET), redis('cache.setnx(…)', UPSTASH_SETNX)],
    },
    // The other branch writes without an expiry too, or the branches are not alternatives.
    {
      code: `${IOREDIS}export async function put(key: string, value: string, fresh: boolean) { if (fresh) { await redis.set(key, value); } else { await redis.set('stale:' + key, value); } }`,
      errors: [redis('redis.set(…)'), redis('redis.set(…)')],
    },
    {
      code: `${IOREDIS}export async function put(key: string, value: string, ttl: number) { if (ttl > 0) { await redis.setex('meta:' + key, ttl, '1'); } await redis.set(key, value); }`,
      errors: [redis('redis.set(…)')],
    },
    // The other branch deletes another key, or nothing: the write stays an entry that never expires.
    {
      code: `${IOREDIS}export async function setLogo(teamId: string, logo?: string) { if (logo) { await redis.set('logo:' + teamId, logo); } else { await redis.del('banner:' + teamId); } if (logo) await redis.set('icon:' + teamId, logo); }`,
      errors: [redis('redis.set(…)'), redis('redis.set(…)')],
    },
    // A branch that deletes the key after another change is a cache's invalidation (Plunk's contacts by e-mail).
    {
      code: `${IOREDIS}declare function create(email: string): Promise<{ id: string }>;
export async function upsert(email: string, contact: { id: string } | null) { if (!contact) { contact = await create(email); await redis.del('contact:' + email); } else { await redis.set('contact:' + email, JSON.stringify(contact)); } return contact; }`,
      errors: [redis('redis.set(…)')],
    },
    // A guard clause is the other branch only when it always leaves and writes the same key with an expiry.
    {
      code: `${IOREDIS}export async function put(key: string, value: string, ttl?: number) { if (ttl) { await redis.set(key, value, 'EX', ttl); } await redis.set(key, value); }`,
      errors: [redis('redis.set(…)')],
    },
    {
      code: `${IOREDIS}export async function save(id: string, data: string | null) { if (!data) { await redis.set('miss:' + id, '1', 'EX', 60); return null; } await redis.set('user:' + id, data); }`,
      errors: [redis('redis.set(…)')],
    },
    // Another key, even one held in a variable: a lock taken with an expiry in the guard, a marker written after it (Inbox Zero's usage migration).
    {
      code: `${IOREDIS}export async function mergeUsage(lockKey: string, doneKey: string, usage: string | null) { if (usage) { await redis.set(lockKey, '1', 'EX', 30, 'NX'); return usage; } await redis.set(doneKey, 'done'); }`,
      errors: [redis('redis.set(…)')],
    },
    {
      code: `${IOREDIS}export async function put(key: string, value: string, fresh: boolean) { if (fresh) { await redis.set(key, value); return; } await redis.set(key, value, 'NX'); }`,
      errors: [redis('redis.set(…)'), redis('redis.set(…)')],
    },
    {
      code: `${IOREDIS}export async function put(key: string, value: string, ttl?: number) { await redis.set(key, value); if (ttl) { return redis.set(key, value, 'EX', ttl); } }`,
      errors: [redis('redis.set(…)')],
    },
    // --- ioredis.
    {
      code: `${IOREDIS}export async function getUser(id: string) {
        const cached = await redis.get(\`user:\${id}\`);
        if (cached) return JSON.parse(cached);
        const user = { id };
        await redis.set(\`user:\${id}\`, JSON.stringify(user));
        return user;
      }`,
      errors: [redis('redis.set(…)')],
    },
    {
      code: `${IOREDIS}export async function lock(id: string) { return redis.set(\`lock:\${id}\`, '1', 'NX'); }`,
      errors: [redis('redis.set(…)')],
    },
    {
      code: `${IOREDIS}export async function lock(id: string) { return redis.setnx(\`lock:\${id}\`, '1'); }`,
      errors: [redis('redis.setnx(…)', IOREDIS_SETNX)],
    },
    {
      code: `${IOREDIS}export async function save(items: Record<string, string>) { await redis.mset(items); }`,
      errors: [redis('redis.mset(…)', IOREDIS_MSET)],
    },
    // Pipelines and MULTI, chained or through a variable; the expire of another key does not count.
    {
      code: `${IOREDIS}export async function f(id: string) { await redis.pipeline().set(\`user:\${id}\`, id).get('x').exec(); }`,
      errors: [redis('redis.pipeline().set(…)')],
    },
    {
      code: `${IOREDIS}export async function f(ids: string[]) { const tx = redis.multi(); for (const id of ids) tx.set(\`user:\${id}\`, id); tx.expire('users:index', 60); await tx.exec(); }`,
      errors: [redis('tx.set(…)')],
    },
    {
      code: `${IOREDIS}export async function f(id: string) { await redis.pipeline([['set', \`user:\${id}\`, '1'], ['get', 'x']]).exec(); }`,
      errors: [redis("['set', …]")],
    },
    // An expire before the write does not help: SET drops the TTL.
    {
      code: `${IOREDIS}export async function f(key: string, v: string) { await redis.expire(key, 60); await redis.set(key, v); }`,
      errors: [redis('redis.set(…)')],
    },
    // Injected and annotated clients, require, a client kept on a class.
    {
      code: `import { Injectable } from '@nestjs/common'; import { InjectRedis } from '@nestjs-modules/ioredis'; import Redis from 'ioredis';
        @Injectable() export class Users {
          constructor(@InjectRedis() private readonly redis: Redis) {}
          async cache(id: string, body: string) { await this.redis.set(\`user:\${id}\`, body); }
        }`,
      errors: [redis('this.redis.set(…)')],
    },
    {
      code: `const Redis = require('ioredis'); const redis = new Redis();
        module.exports.save = async (id, v) => { await redis.set('user:' + id, v); };`,
      errors: [redis('redis.set(…)')],
    },
    // A client from a project module, by its conventional name.
    {
      code: `import { redis } from './lib/redis';\nexport async function f(id: string, v: string) { await redis.set(id, v); }`,
      errors: [redis('redis.set(…)', ANY_REDIS_SET)],
    },
    // --- node-redis.
    {
      code: `${NODE_REDIS}export async function f(id: string, v: string) { await client.set(\`user:\${id}\`, v); }`,
      errors: [redis('client.set(…)', NODE_REDIS_SET)],
    },
    {
      code: `${NODE_REDIS}export async function f(id: string, v: string) { await client.set(\`user:\${id}\`, v, { NX: true }); await client.SET(\`u:\${id}\`, v, { condition: 'NX', EX: undefined }); }`,
      errors: [redis('client.set(…)', NODE_REDIS_SET), redis('client.SET(…)', NODE_REDIS_SET)],
    },
    {
      code: `${NODE_REDIS}export async function f(id: string, v: string) { await client.multi().set(\`user:\${id}\`, v).exec(); await client.mSet({ a: v }); }`,
      errors: [redis('client.multi().set(…)', NODE_REDIS_SET), redis('client.mSet(…)', NODE_REDIS_MSET)],
    },
    // --- node-cache: no stdTTL (or 0), and writes without a ttl or an instance that leaves the file.
    {
      code: `import NodeCache from 'node-cache'; export const cache = new NodeCache();`,
      errors: [nodeCache()],
    },
    {
      code: `import NodeCache from 'node-cache'; const cache = new NodeCache({ checkperiod: 120, stdTTL: 0 });
        export function remember(key: string, value: unknown) { cache.set(key, value); }`,
      errors: [nodeCache()],
    },
    {
      code: `const NodeCache = require('node-cache'); const cache = new NodeCache({ useClones: false });
        exports.put = (k, v) => { cache.set(k, v, 60); cache.set('other', v); };`,
      errors: [nodeCache()],
    },
    // --- cache-manager: a cache created here without a default ttl, written without one.
    {
      code: `import { createCache } from 'cache-manager'; const cache = createCache();
        export async function f(id: string, v: string) { await cache.set(\`user:\${id}\`, v); await cache.wrap(id, async () => v); await cache.set(id, v, 1000); }`,
      errors: [cacheManager('cache.set(…)', 'createCache(…)'), cacheManager('cache.wrap(…)', 'createCache(…)')],
    },
    {
      code: `import { caching } from 'cache-manager';
        export async function f(id: string, v: string) { const memory = await caching('memory', { max: 100 }); await memory.set(id, v); }`,
      errors: [cacheManager('memory.set(…)', 'caching(…)')],
    },
    {
      code: `import { createCache } from 'cache-manager';
        export class Users { private readonly cache = createCache({ nonBlocking: true }); async save(id: string, v: string) { await this.cache.mset([{ key: id, value: v }]); } }`,
      errors: [cacheManager('this.cache.mset(…)', 'createCache(…)')],
    },
  ],
});

typedRuleTester().run('require-cache-ttl (typed)', rule, {
  valid: [
    // Upstash: an expiry in its lower-case options, or an expire after the write.
    UPSTASH + `export async function f(id: string): Promise<void> { await redis.set(id, 'v', { ex: 60 }); await cache.set(id, 'v'); await cache.expire(id, 60); }`,
    // Look-alikes the checker rules out: a Map, Headers, a class of the project named like a client.
    `const redis = new Map<string, string>();
     export function f(k: string): void { redis.set(k, 'v'); }`,
    `export function f(headers: Headers, params: URLSearchParams): void { headers.set('a', 'b'); params.set('q', 'x'); }`,
    `class RedisService { set(key: string, value: string, ttl = 60): string { return key + value + ttl; } }
     export function f(redis: RedisService, id: string): void { redis.set(id, 'v'); }`,
    `import type { Redis } from 'ioredis';
     export async function f(redis: Redis, id: string): Promise<void> { await redis.set(id, 'v', 'EX', 60); await redis.multi().set(id, 'v').expire(id, 5).exec(); }`,
    `import { createClient } from 'redis';
     const client = createClient();
     export async function f(id: string): Promise<void> { await client.set(id, 'v', { expiration: { type: 'EX', value: 60 } }); }`,
    `import NodeCache from 'node-cache';
     export const cache = new NodeCache({ stdTTL: 60 });`,
    `import { Inject, Injectable } from '@nestjs/common';
     import type { Cache } from 'cache-manager';
     @Injectable() export class Users {
       constructor(@Inject('CACHE_MANAGER') private readonly cache: Cache) {}
       async save(id: string): Promise<void> { await this.cache.set(id, 'v'); }
     }`,
    `import { createCache } from 'cache-manager';
     const cache = createCache({ ttl: 60_000 });
     export async function f(id: string): Promise<void> { await cache.set(id, 'v'); }`,
    // A guard-clause wrapper whose caller chooses the TTL.
    `import type { Redis } from 'ioredis';
     export class RedisCache {
       constructor(private readonly redis: Redis) {}
       async set(key: string, value: string, opts: { ttl?: number } = {}): Promise<unknown> {
         if (opts.ttl) { return this.redis.set(key, value, 'PX', opts.ttl); }
         return this.redis.set(key, value);
       }
     }`,
  ],
  invalid: [
    {
      code: UPSTASH + `export async function f(id: string): Promise<void> { await redis.set(id, 'v'); await cache.setnx(id, 'v'); }`,
      errors: [redis('redis.set(…)', UPSTASH_SET), redis('cache.setnx(…)', UPSTASH_SETNX)],
    },
    // An injected client known only by its type.
    {
      code: `import type { Redis } from 'ioredis';
        export class Users { constructor(private readonly store: Redis) {} async save(id: string): Promise<void> { await this.store.set(\`user:\${id}\`, id); } }`,
      errors: [redis('this.store.set(…)')],
    },
    {
      code: `import type { RedisClientType } from 'redis';
        export async function f(cache: RedisClientType, id: string): Promise<void> { await cache.set(id, 'v'); }`,
      errors: [redis('cache.set(…)', NODE_REDIS_SET)],
    },
    // A client returned by a helper of the project, known by its type.
    {
      code: `import Redis from 'ioredis';
        let shared: Redis | undefined;
        function connection(): Redis { return (shared ??= new Redis()); }
        export async function f(id: string): Promise<void> { await connection().set(\`user:\${id}\`, id); }`,
      errors: [redis('connection().set(…)')],
    },
    {
      code: `import type { Redis } from 'ioredis';
        export async function save(redis: Redis, id: string, data: string): Promise<unknown> {
          if (!data) { await redis.set(\`miss:\${id}\`, '1', 'EX', 60); return null; }
          return redis.set(\`user:\${id}\`, data);
        }`,
      errors: [redis('redis.set(…)')],
    },
    {
      code: `import NodeCache from 'node-cache';
        const cache = new NodeCache();
        export function remember(key: string, value: unknown): void { cache.set(key, value); }`,
      errors: [nodeCache()],
    },
    {
      code: `import { createCache } from 'cache-manager';
        const cache = createCache();
        export async function f(id: string): Promise<void> { await cache.set(id, 'v'); }`,
      errors: [cacheManager('cache.set(…)', 'createCache(…)')],
    },
  ],
});
