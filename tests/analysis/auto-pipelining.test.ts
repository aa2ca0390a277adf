import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import noNPlusOne from '../../rules/no-n-plus-one';
import noUnboundedConcurrency from '../../rules/no-unbounded-concurrency';
import { nearestDependencyVersions } from '../../src/analysis/package-manifest';
import { messagesOnDisk } from '../rule-tester';

// A Redis client the project makes elsewhere (`import { redis } from '~/server/redis/client'`) batches the commands of
// one tick when every Redis client the nearest package.json depends on does: node-redis 4+, Upstash.

/** A throw-away monorepo on disk. */
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'backend-perf-pipelining-'));
function write(relative: string, manifest: object) {
  const file = path.join(root, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(manifest));
}
write('package.json', { name: 'root', dependencies: { redis: '^5.8.0' } });
write('apps/web/package.json', { name: 'web', dependencies: { next: '15' } });
write('apps/worker/package.json', { name: 'worker', dependencies: { ioredis: '^5.6.0', redis: '^5.8.0' } });
write('apps/legacy/package.json', { name: 'legacy', dependencies: { redis: '^3.1.2' } });
write('apps/edge/package.json', { name: 'edge', dependencies: { '@upstash/redis': '^1.35.0' } });
// The worker also makes an Upstash client in a module of its own; the manifest alone cannot tell which a file uses.
fs.writeFileSync(path.join(root, 'apps/worker/src-upstash.ts'), `import { Redis } from '@upstash/redis';\nconst globalForRedis = globalThis as { redis?: Redis };\nexport const redis = globalForRedis.redis ?? new Redis({ url: 'u', token: 't' });\n`);
fs.mkdirSync(path.join(root, 'apps/worker/src'), { recursive: true });
fs.writeFileSync(path.join(root, 'apps/worker/src/ioredis-client.ts'), `import Redis from 'ioredis';\nexport const redis = new Redis();\n`);
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('nearestDependencyVersions', () => {
  const clients = ['redis', 'ioredis', '@upstash/redis'];
  it('reads the nearest manifest naming one of the packages, up to the working directory', () => {
    expect(nearestDependencyVersions(root, path.join(root, 'apps/worker/src/a.ts'), clients)).toEqual(new Map([['redis', '^5.8.0'], ['ioredis', '^5.6.0']]));
    // The web app's manifest names none: the root's does.
    expect(nearestDependencyVersions(root, path.join(root, 'apps/web/src/a.ts'), clients)).toEqual(new Map([['redis', '^5.8.0']]));
    expect(nearestDependencyVersions(root, path.join(os.tmpdir(), 'elsewhere/a.ts'), clients)).toBeUndefined();
  });

  it('reads a relative file name from the working directory, and a working directory of / holds every file', () => {
    expect(nearestDependencyVersions(root, 'apps/edge/src/a.ts', clients)).toEqual(new Map([['@upstash/redis', '^1.35.0']]));
    expect(nearestDependencyVersions(path.parse(root).root, path.join(root, 'apps/legacy/src/a.ts'), clients)).toEqual(new Map([['redis', '^3.1.2']]));
  });
});

describe('fan-outs over a Redis client made elsewhere', () => {
  const fanOut = `import { redis } from '~/server/redis/client';\nexport async function bust(ids: number[]) { await Promise.all(ids.map((id) => redis.del('m:' + id))); }`;
  const loop = `import { redis } from '~/server/redis/client';\nexport async function bust(ids: number[]) { for (const id of ids) await redis.del('m:' + id); }`;
  const rulesReporting = (code: string, filename: string) =>
    messagesOnDisk(root, filename, code, { 'no-n-plus-one': noNPlusOne, 'no-unbounded-concurrency': noUnboundedConcurrency }).map((message) => message.ruleId);

  it('are one round trip when the package uses node-redis 4+ or Upstash only', () => {
    expect(rulesReporting(fanOut, 'apps/web/src/bust.ts')).toEqual([]);
    expect(rulesReporting(fanOut, 'apps/edge/src/bust.ts')).toEqual([]);
  });
  it('are reported beside ioredis (which pipelines only when told to) or node-redis 3', () => {
    expect(rulesReporting(fanOut, 'apps/worker/src/bust.ts')).toContain('p/no-n-plus-one');
    expect(rulesReporting(fanOut, 'apps/legacy/src/bust.ts')).toContain('p/no-n-plus-one');
  });
  it('are one round trip when the module that makes the client says Upstash, whatever else the manifest lists', () => {
    const upstash = `import { redis } from '../src-upstash';\nexport async function bust(ids: number[]) { await Promise.all(ids.map((id) => redis.del('m:' + id))); }`;
    const ioredis = `import { redis } from './ioredis-client';\nexport async function bust(ids: number[]) { await Promise.all(ids.map((id) => redis.del('m:' + id))); }`;
    expect(rulesReporting(upstash, 'apps/worker/src/bust.ts')).toEqual([]);
    expect(rulesReporting(ioredis, 'apps/worker/src/bust.ts')).toContain('p/no-n-plus-one');
  });
  it('leave commands awaited one by one reported', () => {
    expect(rulesReporting(loop, 'apps/web/src/bust.ts')).toEqual(['p/no-n-plus-one']);
  });
});
