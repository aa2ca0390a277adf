import type { TSESLint } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { TEXT_WHOLE_WORDS, TEXT_WORDS, textMentions, textMentionsAny } from '../../src/analysis/text-facts';

/** Only the text is read; each call gets a fresh object, as each linted file has its own SourceCode. */
const file = (text: string) => ({ text }) as unknown as TSESLint.SourceCode;

const SAMPLES = [
  '',
  'import { readFileSync } from "node:fs"; const s = readFileSync("a");',
  'await prisma.$transaction(async (tx) => tx.user.findMany());',
  'const IORedis = require("ioredis"); const REDIS_URL = process.env.REDIS_URL;',
  'import { S3Client } from "@aws-sdk/client-s3"; const body = await out.Body.transformToString();',
  'fetch(url).then((res) => res.ok ? res.json() : Promise.reject(res.status)).catch(console.error);',
  'import sequelize from "sequelize"; User.hasMany(Post); Post.belongsTo(User); User.hasOne(Profile);',
  'JSON.stringify(x); pino.destination({ sync: false }); require("sonic-boom"); createReadStream(p);',
  'import NodeCache from "node-cache"; import { caching } from "cache-manager"; process.argv; Atomics.wait(a, 0, 0); randomBytes(8);',
  'typeorm download awaitable syncSync Sync readFileSyncSync ransactionransaction',
  // Words at the very start and end of the text, and texts shorter than a word.
  'Sync',
  '.ok',
  'fetch',
  'require',
  'Sy',
  'r.ok',
  'await fetch',
  'x = require',
  'ünïcödé fetch(ü) — Sync ✓',
];

describe('textMentions', () => {
  it('says what `includes` says, for every word and sample (overlapping and repeated words too)', () => {
    for (const text of SAMPLES) {
      const sourceCode = file(text);
      for (const word of TEXT_WORDS) expect([text, word, textMentions(sourceCode, word)]).toEqual([text, word, text.includes(word)]);
    }
  });

  it('counts whole words only where listed so: `fetch`, not `fetchDetails`', () => {
    expect(TEXT_WHOLE_WORDS).toEqual(['fetch', 'require']);
    for (const text of [...SAMPLES, 'fetch_', '_fetch', '$fetch', 'fetch$', '9fetch', 'this.client.fetchDetails(id)', 'const { fetch } = globalThis; refetch(); globalThis.fetch(u)', 'requireAuth(); const x = require("y");']) {
      for (const word of TEXT_WHOLE_WORDS) expect([text, word, textMentions(file(text), word)]).toEqual([text, word, new RegExp(`\\b${word}\\b`).test(text)]);
    }
  });

  it('answers for any of several words', () => {
    expect(textMentionsAny(file('const x = fs.readFileSync(p);'), ['Atomics', 'Sync'])).toBe(true);
    expect(textMentionsAny(file('const x = fs.readFile(p);'), ['Atomics', 'Sync'])).toBe(false);
  });

  it('finds the words of a large file in one linear pass', () => {
    const text = `${'const value = compute(item);\n'.repeat(20_000)}readFileSync`;
    expect(textMentions(file(text), 'Sync')).toBe(true);
    expect(textMentions(file(text), 'fetch')).toBe(false);
  });
});
