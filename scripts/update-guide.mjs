// Keeps the generated "rules" blocks of docs/guide.md in step with rule metadata.
//
// Each guide item carries one block, written only by this script:
//   <!-- rules:<item anchor> -->
//   **Enforced by:** [`no-n-plus-one`](rules/no-n-plus-one.md)
//   <!-- /rules -->
// The line comes from the rules whose `meta.docs.guide` (or `messageGuides`) names the item, or from the catalogue's
// `notStatic` reason, or says that no rule exists yet.
//
// Usage: node scripts/update-guide.mjs [--check] [--guide=<path>]
//   --check   write nothing; exit 1 listing stale blocks (for CI)
//   --guide   another guide file (tests use it on a copy)
// Reads the built plugin, so run `npm run build` first.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);

const BLOCK_START = /^<!-- rules:(\S+) -->$/;
const BLOCK_END = '<!-- /rules -->';
const ANCHOR = /^<a id="([^"]+)"><\/a>$/;
const FENCE = /^\s*(```|~~~)/;

function parseArguments(argv) {
  const options = { check: false, guidePath: path.join(root, 'docs', 'guide.md') };
  for (const argument of argv) {
    if (argument === '--check') options.check = true;
    else if (argument.startsWith('--guide=')) options.guidePath = path.resolve(argument.slice('--guide='.length));
    else throw new Error(`Unknown argument: ${argument}`);
  }
  return options;
}

function loadBuilt(relativePath) {
  const file = path.join(root, 'dist', relativePath);
  if (!existsSync(file)) {
    throw new Error(`${path.relative(root, file)} is missing: run \`npm run build\` first.`);
  }
  return require(file);
}

/**
 * The guide's explicit anchors and generated blocks, by line. Lines inside fenced code are skipped,
 * so a snippet that shows a marker is never taken for one.
 */
function parseGuide(lines) {
  const anchors = []; // { anchor, line }
  const blocks = []; // { anchor, start, end, owner } — owner: the nearest explicit anchor above the block
  const problems = [];
  let inFence = false;
  let open; // the block being read

  lines.forEach((line, index) => {
    if (FENCE.test(line)) inFence = !inFence;
    if (inFence) return;
    const anchorMatch = ANCHOR.exec(line);
    if (anchorMatch) anchors.push({ anchor: anchorMatch[1], line: index });
    const startMatch = BLOCK_START.exec(line);
    if (startMatch) {
      if (open) problems.push(`line ${open.start + 1}: block "${open.anchor}" is not closed before line ${index + 1}`);
      open = { anchor: startMatch[1], start: index, owner: anchors.at(-1)?.anchor };
    } else if (line === BLOCK_END) {
      if (open) blocks.push({ ...open, end: index });
      else problems.push(`line ${index + 1}: "${BLOCK_END}" without an opening block`);
      open = undefined;
    }
  });
  if (open) problems.push(`line ${open.start + 1}: block "${open.anchor}" is never closed`);
  return { anchors, blocks, problems };
}

function ruleLink(name) {
  return `[\`${name}\`](rules/${name}.md)`;
}

/** The generated line of every catalogue item, and problems in how rules point at the catalogue. */
function expectedBlockLines(plugin, catalogue) {
  const problems = [];
  const itemsByAnchor = new Map(catalogue.GUIDE_ITEMS.map((item) => [item.anchor, item]));
  const rulesByItem = new Map();
  for (const [name, rule] of Object.entries(plugin.rules).sort(([a], [b]) => a.localeCompare(b))) {
    // The rule's own item, and the items some of its messages name (`meta.docs.messageGuides`).
    for (const anchor of catalogue.guideItemsOfRule(rule.meta?.docs ?? {})) {
      if (!itemsByAnchor.has(anchor)) {
        problems.push(`rule ${name}: guide item "${anchor}" in meta.docs is not an item of src/guide/catalogue.ts`);
        continue;
      }
      rulesByItem.set(anchor, [...(rulesByItem.get(anchor) ?? []), name]);
    }
  }

  const expected = new Map();
  for (const item of catalogue.GUIDE_ITEMS) {
    const rules = rulesByItem.get(item.anchor) ?? [];
    if (rules.length > 0 && item.notStatic) {
      problems.push(`item ${item.anchor}: marked notStatic in the catalogue but enforced by ${rules.join(', ')}`);
    }
    if (rules.length > 0) expected.set(item.anchor, `**Enforced by:** ${rules.map(ruleLink).join(', ')}`);
    else if (item.notStatic) expected.set(item.anchor, `**Not checked statically:** ${item.notStatic}.`);
    else expected.set(item.anchor, '**No rule yet.**');
  }
  return { expected, problems };
}

/** Structural problems: every section and item has its anchor, every item exactly one block under it. */
function structureProblems(parsed, catalogue) {
  const problems = [];
  const anchorCounts = new Map();
  for (const { anchor } of parsed.anchors) anchorCounts.set(anchor, (anchorCounts.get(anchor) ?? 0) + 1);
  for (const [anchor, count] of anchorCounts) {
    if (count > 1) problems.push(`anchor "${anchor}" appears ${count} times`);
  }
  for (const { anchor } of [...catalogue.GUIDE_SECTIONS, ...catalogue.GUIDE_ITEMS]) {
    if (!anchorCounts.has(anchor)) problems.push(`anchor "${anchor}" is missing: add <a id="${anchor}"></a> before its heading`);
  }

  const itemAnchors = new Set(catalogue.GUIDE_ITEMS.map((item) => item.anchor));
  const blockCounts = new Map();
  for (const block of parsed.blocks) {
    blockCounts.set(block.anchor, (blockCounts.get(block.anchor) ?? 0) + 1);
    if (!itemAnchors.has(block.anchor)) {
      problems.push(`line ${block.start + 1}: block "${block.anchor}" names no item of the catalogue`);
    } else if (block.owner !== block.anchor) {
      problems.push(`line ${block.start + 1}: block "${block.anchor}" sits under "${block.owner ?? 'no anchor'}", not under its own item`);
    }
  }
  for (const anchor of itemAnchors) {
    const count = blockCounts.get(anchor) ?? 0;
    if (count === 0) problems.push(`item "${anchor}" has no <!-- rules:${anchor} --> block`);
    if (count > 1) problems.push(`item "${anchor}" has ${count} blocks`);
  }
  return problems;
}

function main() {
  const options = parseArguments(process.argv.slice(2));
  const plugin = loadBuilt('src/index.js');
  const catalogue = loadBuilt('src/guide/catalogue.js');
  const relativeGuide = path.relative(process.cwd(), options.guidePath) || options.guidePath;

  const text = readFileSync(options.guidePath, 'utf8');
  const lines = text.split('\n').map((line) => line.replace(/\r$/, ''));
  const parsed = parseGuide(lines);
  const { expected, problems: metadataProblems } = expectedBlockLines(plugin, catalogue);
  const problems = [...parsed.problems, ...metadataProblems, ...structureProblems(parsed, catalogue)];

  const stale = parsed.blocks.filter((block) => {
    const want = expected.get(block.anchor);
    if (want === undefined) return false;
    const body = lines.slice(block.start + 1, block.end);
    return !(body.length === 1 && body[0] === want);
  });

  if (problems.length > 0) {
    console.error(`${relativeGuide}: the guide does not match the catalogue:`);
    for (const problem of problems) console.error(`  - ${problem}`);
  }

  if (options.check) {
    if (stale.length > 0) {
      console.error(`${relativeGuide}: ${stale.length} stale rules block(s); run \`npm run docs\`:`);
      for (const block of stale) console.error(`  - line ${block.start + 1}: ${block.anchor}`);
    }
    if (problems.length > 0 || stale.length > 0) return 1;
    console.log(`${relativeGuide}: all ${parsed.blocks.length} rules blocks are current.`);
    return 0;
  }

  if (problems.length > 0) return 1;
  // Replace from the bottom up so earlier line numbers stay valid.
  for (const block of [...stale].reverse()) {
    lines.splice(block.start + 1, block.end - block.start - 1, expected.get(block.anchor));
  }
  if (stale.length > 0) writeFileSync(options.guidePath, lines.join('\n'));
  console.log(`${relativeGuide}: updated ${stale.length} of ${parsed.blocks.length} rules blocks.`);
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  console.error(`update-guide: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
