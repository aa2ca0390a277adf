/** Source text of a node as messages quote it. */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

/**
 * The source text of `node` on one line, as a message quotes it: a line break inside a method chain goes with
 * its indentation (`axios\n    .post` → `axios.post`), and any other break with surrounding spaces becomes one
 * space. Text holding a comment or a template literal is returned as written, since joining its lines would
 * change what it says. One pass over the text, no regular expression.
 */
export function oneLineText(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): string {
  const text = sourceCode.getText(node);
  return joinLines(text) ?? text;
}

/** `text` on one line as `oneLineText` joins it, or undefined when it holds a comment or a template literal. */
export function joinLines(text: string): string | undefined {
  if (!text.includes('\n')) return text;
  if (text.includes('//') || text.includes('/*') || text.includes('`')) return undefined;
  let result = '';
  let index = 0;
  while (index < text.length) {
    const char = text[index];
    if (char !== '\n' && char !== '\r') {
      result += char;
      index++;
      continue;
    }
    while (index < text.length && isSpace(text[index])) index++;
    let end = result.length;
    while (end > 0 && isSpace(result[end - 1])) end--;
    result = result.slice(0, end);
    const next = text[index];
    const previous = result[result.length - 1];
    const tight = next === '.' || (next === '?' && text[index + 1] === '.') || next === ')' || next === ']' || next === ',' || previous === '(' || previous === '[' || previous === '.';
    if (!tight && result.length > 0 && index < text.length) result += ' ';
  }
  return result;
}

function isSpace(char: string | undefined): boolean {
  return char === ' ' || char === '\t' || char === '\n' || char === '\r';
}
