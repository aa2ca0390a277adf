// Generates Prisma's client for the typed test fixture, offline: Prisma would otherwise try to download
// engine binaries, which the type declarations do not need.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const generated = path.join(root, 'node_modules', '.prisma', 'client', 'index.d.ts');
// A fresh install can leave a stub client (`PrismaClient: any`) in place of the generated one; the typed
// tests need the real declarations, so look for a model delegate of the fixture schema, not just the file.
const isGenerated = () => existsSync(generated) && readFileSync(generated, 'utf8').includes('UserDelegate');
if (!isGenerated() || process.argv.includes('--force')) {
  execFileSync(
    process.execPath,
    [path.join(root, 'node_modules', 'prisma', 'build', 'index.js'), 'generate', '--schema', 'tests/fixtures/typed/prisma/schema.prisma'],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: {
        ...process.env,
        PRISMA_SCHEMA_ENGINE_BINARY: '/bin/true',
        PRISMA_QUERY_ENGINE_LIBRARY: '/bin/true',
        PRISMA_HIDE_UPDATE_MESSAGE: '1',
        CHECKPOINT_DISABLE: '1',
      },
    },
  );
}
if (!isGenerated()) {
  console.error(`prepare-fixtures: Prisma's client was not generated into ${generated}`);
  process.exit(1);
}
