/** Lower-case words of an identifier or path: `auditLogFile` → audit, log, file; `./logs/app.log` → logs, app, log. Linear. */
export function wordsOf(text: string): string[] {
  const words: string[] = [];
  let word = '';
  const limit = Math.min(text.length, 500);
  for (let i = 0; i < limit; i++) {
    const char = text[i];
    const isUpper = char >= 'A' && char <= 'Z';
    const isLower = (char >= 'a' && char <= 'z') || (char >= '0' && char <= '9');
    if (!isUpper && !isLower) {
      if (word) words.push(word);
      word = '';
      continue;
    }
    // A capital starts a word, unless it continues an acronym (`HTTPLog` → http, log).
    const previous = text[i - 1];
    const next = text[i + 1];
    const previousIsUpper = previous !== undefined && previous >= 'A' && previous <= 'Z';
    const nextIsLower = next !== undefined && next >= 'a' && next <= 'z';
    if (isUpper && word && (!previousIsUpper || nextIsLower)) {
      words.push(word);
      word = '';
    }
    word += char.toLowerCase();
  }
  if (word) words.push(word);
  return words;
}

/** `Colors`, `EmailProviderType`, `ROLES`: a name starting with a capital, as enums, classes and constant tables are named. */
export function isCapitalisedName(name: string): boolean {
  return name.length > 1 && name[0] >= 'A' && name[0] <= 'Z';
}

/** `USERS`, `ORDER_ITEMS_TABLE`, `X`: a name in upper case, as constants are named. */
export const CONSTANT_NAME = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/;

/** `LIVE_STATUSES`, `OPEN_STATES`: a constant's name of more than one letter (a lone `T` or `X` is a type or a loop's name). */
export function isConstantName(name: string): boolean {
  return name.length > 1 && CONSTANT_NAME.test(name);
}
