/**
 * Selector text for ESLint listeners. A narrow selector lets ESLint hand a rule only the calls it can be
 * about, instead of every call of the file.
 */

/** Names as one regular-expression alternation for an attribute selector (`$` escaped: `$queryRawUnsafe`). */
export function nameSelector(names: Iterable<string>): string {
  return [...names].map((name) => name.replaceAll('$', '\\$')).join('|');
}

/** Calls of a method with one of `names`, written with a dot: `res.send(…)`, `db.query(…)`. */
export function methodCallSelector(names: Iterable<string>): string {
  return `CallExpression[callee.type="MemberExpression"][callee.property.name=/^(?:${nameSelector(names)})$/]`;
}

/** Calls of a function named directly with one of `names`: `sql(…)`, `query(…)`. */
export function functionCallSelector(names: Iterable<string>): string {
  return `CallExpression[callee.type="Identifier"][callee.name=/^(?:${nameSelector(names)})$/]`;
}

/**
 * The calls `methodCallSelector` leaves out although a method name may still be read from them: a name in a
 * string (`res['send'](…)`) or a wrapped callee (`res.send!(…)`, `(res.send as Send)(…)`). Rare, and no call
 * matches both selectors; a rule that must not miss them adds this one and checks the name itself.
 */
export const UNUSUAL_METHOD_CALL_SELECTOR =
  'CallExpression[callee.computed=true][callee.property.type="Literal"], CallExpression[callee.type!="MemberExpression"][callee.type!="Identifier"]';
