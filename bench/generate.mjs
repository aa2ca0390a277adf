// Generates the benchmark's backend into bench/.generated/: the same files on every run (seeded), a few
// hundred TypeScript modules across Express, Fastify and NestJS, Prisma, TypeORM, knex and pg, with
// anti-patterns planted at a low rate. manifest.json records the counts per guide item.
//
// Usage: node bench/generate.mjs [--domains N]
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createDomains } from './generator/domains.mjs';
import { cacheFile, repositoryFile } from './generator/data-files.mjs';
import { httpFile, httpFileSuffix } from './generator/http-files.mjs';
import { dtoFile, entityFile, mapperFile, validatorsFile } from './generator/model-files.mjs';
import { policyFile } from './generator/policy-files.mjs';
import { createRandom } from './generator/random.mjs';
import { applicationFiles, sharedFiles } from './generator/shared-files.mjs';
import { clientFile, jobsFile, serviceFile } from './generator/service-files.mjs';
import { createSprinkler } from './generator/sprinkle.mjs';

export const GENERATED_DIR = path.join(import.meta.dirname, '.generated');
const SEED = 20_240_611;
const DEFAULT_DOMAINS = 68;
/** Default chance that a site gets its anti-pattern; some sites use their own rate. */
const PLANT_RATE = 0.1;

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'preserve',
    moduleResolution: 'bundler',
    lib: ['ES2023', 'DOM'],
    types: ['node'],
    strict: true,
    esModuleInterop: true,
    skipLibCheck: true,
    experimentalDecorators: true,
    emitDecoratorMetadata: true,
    noEmit: true,
  },
  include: ['src/**/*.ts'],
};

/** The files of one domain, in generation order (the seeded random source makes order matter). */
function domainFiles(domain, random, sprinkler) {
  const makers = [
    ['entity', () => entityFile(domain)],
    ['dto', () => dtoFile(domain)],
    ['validators', () => validatorsFile(domain, random)],
    ['mapper', () => mapperFile(domain, random, sprinkler)],
    ['policies', () => policyFile(domain, random)],
    ['repository', () => repositoryFile(domain, random, sprinkler)],
    ['cache', () => cacheFile(domain, random, sprinkler)],
    ['client', () => clientFile(domain, random, sprinkler)],
    ['service', () => serviceFile(domain, random, sprinkler)],
    ['jobs', () => jobsFile(domain, random, sprinkler)],
    [httpFileSuffix(domain), () => httpFile(domain, random, sprinkler)],
  ];
  const files = {};
  for (const [suffix, make] of makers) {
    const file = `src/modules/${domain.name}/${domain.name}.${suffix}.ts`;
    sprinkler.at(file);
    files[file] = make();
  }
  return files;
}

/** Writes the project and returns its summary (also written as manifest.json). */
export function generate({ domainCount = DEFAULT_DOMAINS, outDir = GENERATED_DIR } = {}) {
  const random = createRandom(SEED);
  const sprinkler = createSprinkler(random, PLANT_RATE);
  const domains = createDomains(random, domainCount);
  const files = { ...sharedFiles() };
  for (const domain of domains) Object.assign(files, domainFiles(domain, random, sprinkler));
  Object.assign(files, applicationFiles(domains));

  rmSync(outDir, { recursive: true, force: true });
  let lines = 0;
  for (const [relative, text] of Object.entries(files)) {
    const target = path.join(outDir, relative);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, text);
    lines += text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  }
  writeFileSync(path.join(outDir, 'tsconfig.json'), `${JSON.stringify(TSCONFIG, null, 2)}\n`);
  // Packages resolve from the repository's node_modules (resolution walks up); this pins the module format.
  writeFileSync(path.join(outDir, 'package.json'), `${JSON.stringify({ name: 'bench-backend', private: true, type: 'module' }, null, 2)}\n`);
  const manifest = {
    seed: SEED,
    domains: domains.length,
    files: Object.keys(files).length,
    lines,
    planted: Object.fromEntries(Object.entries(sprinkler.planted).sort(([a], [b]) => a.localeCompare(b))),
    /** Per guide item, the files that got its anti-pattern and how many times. */
    plantedFiles: sprinkler.plantedFiles,
    /** Every plant, with the rules expected to report it where the generator names them (see plantsOfRule in lib/report.mjs). */
    plants: sprinkler.plants,
  };
  writeFileSync(path.join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const index = process.argv.indexOf('--domains');
  const manifest = generate(index > 0 ? { domainCount: Number(process.argv[index + 1]) } : {});
  console.log(`Generated ${manifest.files} files, ${manifest.lines} lines in ${path.relative(process.cwd(), GENERATED_DIR) || '.'}`);
  console.log(`Planted anti-patterns: ${JSON.stringify(manifest.planted)}`);
}
