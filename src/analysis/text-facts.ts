import type { TSESLint } from '@typescript-eslint/utils';
import { FileCache } from './per-file';

/**
 * Words whose absence from a file's text tells a rule or an analysis that it has nothing to find there
 * (`Sync` for blocking calls, `ransaction` for transactions…). Every linted file is asked about many of
 * them, and one `includes` per word and rule scans the whole text each time; one regular expression over
 * the text finds them all in a single pass (a plain alternation of literals: linear, no backtracking).
 */
const WORDS = [
  '.Body',
  '.ok',
  '@aws-sdk/client-s3',
  'Atomics',
  'REDIS',
  'ReadStream',
  'Redis',
  'Repo',
  'Sync',
  'argv',
  'await',
  'aws-sdk',
  'belongsTo',
  'cache-manager',
  'catch',
  'console',
  'download',
  'hasMany',
  'hasOne',
  'node-cache',
  'pino',
  'randomBytes',
  'ransaction',
  'readFile',
  'redis',
  'sequelize',
  'sonic-boom',
  'status',
  'stringify',
  'typeorm',
] as const;

/** Words that count only whole (`fetch`, not `fetchDetails`): identifiers a rule looks for by name. */
const WHOLE_WORDS = ['fetch', 'require'] as const;

export type TextWord = (typeof WORDS)[number] | (typeof WHOLE_WORDS)[number];

/** `text` as a regular expression that matches it literally. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Longest first, so that a word containing another is matched whole; shorter words inside it are added below. */
const WORDS_PATTERN = new RegExp(
  [...WHOLE_WORDS.map((word) => `\\b${escapeRegExp(word)}\\b`), ...[...WORDS].sort((a, b) => b.length - a.length).map(escapeRegExp)].join('|'),
  'g',
);
/** For each word, the listed words it contains (a match of it means they are in the text too). */
const CONTAINED: ReadonlyMap<string, readonly TextWord[]> = new Map(
  WORDS.map((word) => [word, WORDS.filter((other) => other !== word && word.includes(other))]),
);

const mentionedByFile = new FileCache<ReadonlySet<string>>();

function mentionedWords(sourceCode: Readonly<TSESLint.SourceCode>): ReadonlySet<string> {
  return mentionedByFile.get(sourceCode, () => {
    const found = new Set<string>();
    const pattern = WORDS_PATTERN;
    const { text } = sourceCode;
    pattern.lastIndex = 0;
    // Every start position is tried (lastIndex moves one past the match's start), so overlapping words are found.
    for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
      if (!found.has(match[0])) {
        found.add(match[0]);
        for (const inner of CONTAINED.get(match[0]) ?? []) found.add(inner);
      }
      pattern.lastIndex = match.index + 1;
    }
    return found;
  });
}

/** The file's text contains `word` anywhere (code, strings or comments), as `text.includes(word)` would say (as a whole word for the few listed so). */
export function textMentions(sourceCode: Readonly<TSESLint.SourceCode>, word: TextWord): boolean {
  return mentionedWords(sourceCode).has(word);
}

/** The file's text contains at least one of `words`. */
export function textMentionsAny(sourceCode: Readonly<TSESLint.SourceCode>, words: readonly TextWord[]): boolean {
  const mentioned = mentionedWords(sourceCode);
  return words.some((word) => mentioned.has(word));
}

/** The words listed here, for the test that checks them against `includes`. */
export const TEXT_WORDS: readonly TextWord[] = WORDS;
export const TEXT_WHOLE_WORDS: readonly TextWord[] = WHOLE_WORDS;
