import { ESLintUtils, type TSESTree } from '@typescript-eslint/utils';
import { getFixedValues } from '../../src/analysis/fixed-values';
import { typedRuleTester, untypedRuleTester } from '../rule-tester';

/** Reports, for each `probe(x)`, what `x` can be: `fixed`, or `<kind>:<the deciding sub-expression>`. */
const probe = ESLintUtils.RuleCreator.withoutDocs({
  meta: { type: 'problem', schema: [], messages: { kind: '{{kind}}' } },
  create(context) {
    const analyzer = getFixedValues(context);
    return {
      'CallExpression[callee.name="probe"]'(node: TSESTree.CallExpression) {
        const value = analyzer.classify(node.arguments[0]);
        const kind = value.kind === 'fixed' ? 'fixed' : `${value.kind}:${context.sourceCode.getText(value.node)}`;
        context.report({ node, messageId: 'kind', data: { kind } });
      },
    };
  },
});

function kinds(code: string, ...expected: string[]) {
  return { code, errors: expected.map((kind) => ({ messageId: 'kind' as const, data: { kind } })) };
}

untypedRuleTester().run('analysis-fixed-values', probe, {
  valid: [],
  invalid: [
    // Literals, constants, enum members, `as const` objects, allow-list lookups.
    kinds("const T = 'users'; probe(T); probe(`${T}_archive`); probe('a' + 1);", 'fixed', 'fixed', 'fixed'),
    kinds("enum Status { Active = 'active' } probe(Status.Active);", 'fixed'),
    kinds("function f(key: string) { const SORT = { a: 'name', b: 'created_at' } as const; probe(SORT[key] ?? 'id'); }", 'fixed'),
    kinds("const SORTS = new Map([['a', 'name']]); function f(k: string) { probe(SORTS.get(k)); }", 'fixed'),
    kinds("const ALLOWED = ['a', 'b']; function f(x: string) { probe(ALLOWED.includes(x) ? x : 'a'); probe(!ALLOWED.includes(x) ? 'a' : x); }", 'fixed', 'fixed'),
    kinds("function f(x: string) { let dir; switch (x) { case 'd': dir = 'DESC'; break; default: dir = 'ASC'; } probe(dir); }", 'fixed'),
    kinds("import { TABLE } from './tables'; probe(TABLE); probe(process.env.SCHEMA);", 'fixed', 'fixed'),
    kinds("function f(dir: 'asc' | 'desc', s: Status) { probe(dir); probe(s); } type Status = 'a' | 'b';", 'fixed', 'fixed'),
    kinds("class R { private readonly table = 'users'; m() { probe(this.table); } }", 'fixed'),
    // Placeholder lists.
    kinds("function f(ids: number[]) { probe(ids.map((_, i) => `$${i + 1}`).join(', ')); probe(ids.map(() => '?').join()); probe(Array(ids.length).fill('?').join(',')); probe('?, '.repeat(ids.length)); }", 'fixed', 'fixed', 'fixed', 'fixed'),
    kinds("function f(n: number) { probe(Array.from({ length: n }, (_, i) => `($${i * 2 + 1}, $${i * 2 + 2})`).join(', ')); }", 'fixed'),
    // pg-promise named placeholders around a name: `$(name)`, `$<name>`, `$[name]`, `$/name/`, `${name}`, with escaping filters.
    kinds(
      "function f(columns: string[]) { probe(columns.map((c) => `$(${c})`).join(', ')); probe(columns.map((c) => `$<${c}>`).join()); probe(columns.map((c) => `$[ ${c}:name ]`).join()); probe(columns.map((c) => `$/${c}~/`).join()); probe(columns.map((c) => `\\${${c}:csv}`).join()); probe(columns.map((c) => `$(old_${c}:json)`).join()); }",
      'fixed', 'fixed', 'fixed', 'fixed', 'fixed', 'fixed',
    ),
    kinds("function f(columns: string[]) { probe(columns.map((c) => '$(' + c + ')').join(', ')); probe(columns.map((c) => '(' + '$<' + c + '>)').join()); probe(columns.map((c) => '${' + c + '}' + ', ').join('')); }", 'fixed', 'fixed', 'fixed'),
    // Not a named placeholder, or one whose filter splices the value (`:raw`, `^`) or leaves it unquoted (`:value`, `#`).
    kinds(
      "function f(columns: string[]) { probe(columns.map((c) => `$(${c}:raw)`).join()); probe(columns.map((c) => `$(${c}^)`).join()); probe(columns.map((c) => `$<${c}:value>`).join()); probe(columns.map((c) => `$[${c}#]`).join()); probe(columns.map((c) => `$(${c}]`).join()); probe(columns.map((c) => `(${c})`).join()); probe(columns.map((c) => `${c} = $(${c})`).join()); probe(columns.map((c) => `$(x ${c})`).join()); }",
      'open:c', 'open:c', 'open:c', 'open:c', 'open:c', 'open:c', 'open:c', 'open:c',
    ),
    kinds("function f(columns: string[], x: string) { probe(columns.map((c) => '$(' + c).join()); probe(columns.map((c) => x + '$(' + c + ')').join()); probe(columns.map((c) => '$(' + c + ':raw)').join()); }", 'open:c', 'open:x', 'open:c'),
    // Helpers of this file: what they return.
    kinds("function placeholders(n: number) { return Array(n).fill('?').join(', '); }\nconst list = (ids: unknown[]) => ids.map((_, i) => `$${i + 1}`).join();\nfunction quote(x: string) { return `'${x}'`; }\nprobe(placeholders(3)); probe(list([])); probe(quote('a'));", 'fixed', 'fixed', "open:quote('a')"),
    // Numbers and escaped literals.
    kinds('function f(x: string, ids: string[]) { probe(Number(x)); probe((Number(x) - 1) * 20); probe(ids.map(Number).join()); probe(ids.length); }', 'numeric:Number(x)', 'numeric:(Number(x) - 1) * 20', 'numeric:ids.map(Number)', 'numeric:ids.length'),
    kinds('function f(limit: number) { probe(limit); }', 'numeric:limit'),
    kinds('function f(pool: any, x: string) { probe(pool.escapeLiteral(x)); probe(pool.escapeIdentifier(x)); }', 'escaped:pool.escapeLiteral(x)', 'fixed'),
    // Open values: parameters, unknown calls, `let` with an open assignment, a lookup in something not fixed.
    kinds('function f(x: string) { probe(x); probe(`a${x}`); probe(x.toUpperCase()); }', 'open:x', 'open:x', 'open:x'),
    kinds("function f(x: string) { let y = 'a'; if (x) y = x; probe(y); }", 'open:x'),
    kinds('function f(m: Record<string, string>, k: string) { probe(m[k]); probe(g(k)); }', 'open:m[k]', 'open:g(k)'),
    kinds("function f(ids: string[]) { probe(ids.map((id) => `'${id}'`).join(',')); }", 'open:id'),
    kinds('probe(new Date().toISOString());', 'open:new Date().toISOString()'),
  ],
});

typedRuleTester().run('analysis-fixed-values (typed)', probe, {
  valid: [],
  invalid: [
    kinds("declare function probe(x: unknown): void;\ndeclare function dir(): 'asc' | 'desc';\nprobe(dir());", 'fixed'),
    kinds("declare function probe(x: unknown): void;\nenum Color { Red, Green }\ndeclare const o: { c: Color; n: number; s: string };\nprobe(o.c);\nprobe(o.n);\nprobe(o.s);", 'fixed', 'numeric:o.n', 'open:o.s'),
  ],
});
