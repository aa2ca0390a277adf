// Generates Prisma's client for the typed test fixture, offline: Prisma would otherwise try to download
// engine binaries, which the type declarations do not need.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const generated = path.join(root, 'node_modules', '.prisma', 'client', 'index.d.ts');
if (!existsSync(generated) || process.argv.includes('--force')) {
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
