// The generated documentation is current (guide "rules" blocks, README rules list, rule doc headers),
// and docs/guide.md follows the catalogue: one section per area, one item per entry, stable anchors.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { GUIDE_ITEMS, GUIDE_SECTIONS } from '../src/guide/catalogue';

const ROOT = path.resolve(__dirname, '..');
const GUIDE_PATH = path.join(ROOT, 'docs', 'guide.md');
const BUILT_ENTRY = path.join(ROOT, 'dist', 'src', 'index.js');
const UPDATE_GUIDE = path.join(ROOT, 'scripts', 'update-guide.mjs');
const DOC_GENERATOR = path.join(ROOT, 'node_modules', 'eslint-doc-generator', 'dist', 'bin', 'eslint-doc-generator.js');
const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const CHILD_TIMEOUT_MS = 120_000;

function run(script: string, args: string[]) {
  const result = spawnSync(process.execPath, [script, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: CHILD_TIMEOUT_MS,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

function newestSourceTime(): number {
  let newest = statSync(path.join(ROOT, 'package.json')).mtimeMs;
  for (const dir of ['src', 'rules']) {
    for (const entry of readdirSync(path.join(ROOT, dir), { recursive: true, withFileTypes: true })) {
      if (entry.isFile() && entry.name.endsWith('.ts')) {
        newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
      }
    }
  }
  return newest;
}

/**
 * Both generators read dist/. `npm test` builds it first; a direct vitest run may find it missing or stale.
 * Type errors are the typecheck's business: tsc still emits, and the docs only need the emitted metadata.
 */
function ensureBuilt(): void {
  if (existsSync(BUILT_ENTRY) && statSync(BUILT_ENTRY).mtimeMs >= newestSourceTime()) return;
  const build = run(TSC, ['-p', 'tsconfig.build.json']);
  if (build.status !== 0) console.warn(`tsc reported errors while building dist/ for the docs checks:\n${build.output}`);
  expect(existsSync(BUILT_ENTRY), build.output).toBe(true);
}

interface Heading {
  level: number;
  title: string;
  anchor: string | undefined;
  line: number;
}

/** Headings outside code fences, each with the explicit `<a id>` on the line before it, if any. */
function parseGuide(text: string) {
  const lines = text.split('\n');
  const headings: Heading[] = [];
  const anchors: string[] = [];
  let inFence = false;
  lines.forEach((line, index) => {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    if (inFence) return;
    const anchor = /^<a id="([^"]+)"><\/a>$/.exec(line);
    if (anchor) anchors.push(anchor[1]);
    const heading = /^(#{1,6}) (.+)$/.exec(line);
    if (heading) {
      const previous = /^<a id="([^"]+)"><\/a>$/.exec(lines[index - 1] ?? '');
      headings.push({ level: heading[1].length, title: heading[2].trim(), anchor: previous?.[1], line: index });
    }
  });
  return { lines, headings, anchors };
}

describe('generated docs are current', () => {
  beforeAll(ensureBuilt, CHILD_TIMEOUT_MS);

  it('scripts/update-guide.mjs --check passes', () => {
    const result = run(UPDATE_GUIDE, ['--check']);
    expect(result.status, result.output).toBe(0);
  });

  it('eslint-doc-generator --check passes', () => {
    const result = run(DOC_GENERATOR, ['--check']);
    expect(result.status, result.output).toBe(0);
  });

  it('update-guide.mjs reports a stale block, and rewriting it restores the guide', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'backend-perf-guide-'));
    try {
      const copy = path.join(dir, 'guide.md');
      copyFileSync(GUIDE_PATH, copy);
      // Start from a current copy, so the test does not depend on the real guide being current.
      const normalize = run(UPDATE_GUIDE, [`--guide=${copy}`]);
      expect(normalize.status, normalize.output).toBe(0);
      const original = readFileSync(copy, 'utf8');
      const item = GUIDE_ITEMS[0].anchor;
      const stale = original.replace(
        new RegExp(`<!-- rules:${item} -->\\n[^\\n]*\\n`),
        `<!-- rules:${item} -->\n**Enforced by:** nothing\n`,
      );
      expect(stale).not.toBe(original);
      writeFileSync(copy, stale);

      const check = run(UPDATE_GUIDE, ['--check', `--guide=${copy}`]);
      expect(check.status).toBe(1);
      expect(check.output).toContain(item);

      const write = run(UPDATE_GUIDE, [`--guide=${copy}`]);
      expect(write.status, write.output).toBe(0);
      expect(readFileSync(copy, 'utf8')).toBe(original);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('docs/guide.md follows the catalogue', () => {
  const text = readFileSync(GUIDE_PATH, 'utf8');
  const { lines, headings, anchors } = parseGuide(text);

  it('has unique anchors', () => {
    const duplicates = anchors.filter((anchor, index) => anchors.indexOf(anchor) !== index);
    expect(duplicates).toEqual([]);
  });

  it('has one ## section per catalogue section, in order, each with its anchor and title', () => {
    const sections = headings.filter((heading) => heading.level === 2);
    expect(sections.map(({ anchor, title }) => ({ anchor, title }))).toEqual(
      GUIDE_SECTIONS.map(({ anchor, title }) => ({ anchor, title })),
    );
  });

  it('has one ### item per catalogue entry, in order, under its own section', () => {
    const items: { anchor: string | undefined; title: string; section: string | undefined }[] = [];
    let section: string | undefined;
    for (const heading of headings) {
      if (heading.level === 2) section = heading.anchor;
      if (heading.level === 3) items.push({ anchor: heading.anchor, title: heading.title, section });
    }
    expect(items).toEqual(GUIDE_ITEMS.map(({ anchor, title, section }) => ({ anchor, title, section })));
  });

  it('says "Not checked statically" for every notStatic item', () => {
    for (const item of GUIDE_ITEMS) {
      if (!('notStatic' in item)) continue;
      const start = lines.indexOf(`<!-- rules:${item.anchor} -->`);
      expect(start, item.anchor).toBeGreaterThan(-1);
      expect(lines[start + 1], item.anchor).toContain('**Not checked statically:**');
    }
  });

  it('links only to anchors and rule docs that exist', () => {
    const known = new Set(anchors);
    for (const [, target] of text.matchAll(/\]\(#([^)]+)\)/g)) {
      expect(known.has(target), `#${target}`).toBe(true);
    }
    for (const [, file] of text.matchAll(/\]\((rules\/[^)#]+\.md)\)/g)) {
      expect(existsSync(path.join(ROOT, 'docs', file)), file).toBe(true);
    }
  });
});

describe('README.md', () => {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

  it('keeps the generated rules list markers and the quick-start commands', () => {
    expect(readme).toContain('<!-- begin auto-generated rules list -->');
    expect(readme).toContain('<!-- end auto-generated rules list -->');
    expect(readme).toContain('npm ci && npm run demo');
    expect(readme).toContain('npm ci && npm test');
  });
});
