/**
 * A tiny glob matcher for the file-path options of rules (`scripts`): `**` (any number of path segments),
 * `*` and `?` (within one segment), `{a,b}`. A pattern without `/` matches the file's base name.
 * Matching is O(pattern × path): the classic wildcard algorithm that only ever backtracks to the last
 * star, at segment and at character level.
 *
 * Every linted file is matched against a dozen patterns, so each pattern first checks the literal text it
 * cannot match without (`.test.` for `**\/*.test.*`): most paths are rejected by one `includes`.
 */

export interface CompiledGlob {
  (filePath: string): boolean;
  /** The same test on a path already split into segments. */
  matchesSegments(pathSegments: readonly string[]): boolean;
  /** Text every matching path contains (empty when the pattern has none, or alternatives). */
  readonly requiredText: string;
}

export function compileGlob(pattern: string): CompiledGlob {
  const alternatives = expandBraces(pattern.replace(/^\.\//, ''));
  const compiled = alternatives.map((alternative) => {
    const matchBase = !alternative.includes('/');
    const segments = alternative.split('/').filter((segment) => segment !== '');
    return { matchBase, segments };
  });
  const matchesSegments = (pathSegments: readonly string[]) => {
    const base = pathSegments.slice(-1);
    return compiled.some(({ matchBase, segments }) => matchSegments(segments, matchBase ? base : pathSegments));
  };
  const requiredText = alternatives.length === 1 ? longestLiteral(alternatives[0]) : '';
  return Object.assign((filePath: string) => (requiredText === '' || filePath.includes(requiredText)) && matchesSegments(splitPath(filePath)), {
    matchesSegments,
    requiredText,
  });
}

/** The longest run of a pattern's characters that any matching path must contain verbatim. */
function longestLiteral(pattern: string): string {
  let longest = '';
  for (const piece of pattern.split(/[*?/]/)) if (piece.length > longest.length) longest = piece;
  return longest;
}

/** Compiled matchers by glob list. A pure function of the patterns (never of linted files), so safe to share. */
const compiledGlobLists = new Map<string, (filePath: string) => boolean>();

/** A glob list's cache key, computed once per options array (ESLint hands every file the same arrays). */
const globListKeys = new WeakMap<readonly string[], string>();
export function globListKey(globs: readonly string[]): string {
  let key = globListKeys.get(globs);
  if (key === undefined) {
    key = globs.join('\0');
    globListKeys.set(globs, key);
  }
  return key;
}

/** One test for a list of globs: the path is split once, and only if some pattern's literal text is in it. */
export function anyGlob(globs: readonly string[]): (filePath: string) => boolean {
  const key = globListKey(globs);
  let matcher = compiledGlobLists.get(key);
  if (!matcher) {
    const matchers = globs.map(compileGlob);
    matcher = (filePath) => {
      let segments: string[] | undefined;
      for (const matches of matchers) {
        if (matches.requiredText !== '' && !filePath.includes(matches.requiredText)) continue;
        segments ??= splitPath(filePath);
        if (matches.matchesSegments(segments)) return true;
      }
      return false;
    };
    if (compiledGlobLists.size < 64) compiledGlobLists.set(key, matcher);
  }
  return matcher;
}

function splitPath(filePath: string): string[] {
  return filePath.split('/').filter((segment) => segment !== '');
}

const MAX_BRACE_EXPANSIONS = 64;

/** `a{b,c}d` → `abd`, `acd`; nested braces allowed. Patterns come from configuration, not from linted code. */
function expandBraces(pattern: string): string[] {
  const open = pattern.indexOf('{');
  if (open < 0) return [pattern];
  let depth = 0;
  let close = -1;
  const commas: number[] = [];
  for (let i = open; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === '{') depth++;
    else if (char === '}' && --depth === 0) {
      close = i;
      break;
    } else if (char === ',' && depth === 1) commas.push(i);
  }
  if (close < 0) return [pattern];
  const before = pattern.slice(0, open);
  const after = expandBraces(pattern.slice(close + 1));
  const bounds = [open, ...commas, close];
  const out: string[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    for (const middle of expandBraces(pattern.slice(bounds[i] + 1, bounds[i + 1]))) {
      for (const tail of after) {
        out.push(before + middle + tail);
        if (out.length >= MAX_BRACE_EXPANSIONS) return out;
      }
    }
  }
  return out;
}

function matchSegments(pattern: readonly string[], segments: readonly string[]): boolean {
  return wildcardMatch(pattern.length, segments.length, (p) => pattern[p] === '**', (p, s) => matchSegment(pattern[p], segments[s]));
}

function matchSegment(pattern: string, segment: string): boolean {
  return wildcardMatch(pattern.length, segment.length, (p) => pattern[p] === '*', (p, s) => pattern[p] === '?' || pattern[p] === segment[s]);
}

/** Wildcard matching over abstract sequences: `isStar(p)` matches any run, `matchOne(p, s)` one item. */
function wildcardMatch(patternLength: number, inputLength: number, isStar: (p: number) => boolean, matchOne: (p: number, s: number) => boolean): boolean {
  let p = 0;
  let s = 0;
  let starP = -1;
  let starS = 0;
  while (s < inputLength) {
    if (p < patternLength && isStar(p)) {
      starP = p++;
      starS = s;
    } else if (p < patternLength && matchOne(p, s)) {
      p++;
      s++;
    } else if (starP >= 0) {
      p = starP + 1;
      s = ++starS;
    } else {
      return false;
    }
  }
  while (p < patternLength && isStar(p)) p++;
  return p === patternLength;
}
