import { type TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../src/ast/node-types';
import { oneLineText } from '../src/ast/source-text';
import { getDbOperations, type DbLibrary } from '../src/analysis/db-operations';
import { getFixedValues, type FixedValueAnalyzer } from '../src/analysis/fixed-values';
import { getReceiverPackage, memberName, packageOfSpecifier } from '../src/analysis/library-origin';
import { describeInput, getRequestInput, type RequestInput, type RequestInputAnalyzer } from '../src/analysis/request-input';
import { getRequestPath } from '../src/analysis/request-path';
import { getSqlSink, getSqlTag, getSqlText, leadingKeyword, outermostChainCall, RAW_SQL_METHODS, readsOnlyCatalogs, scanSql, SQL_SINK_METHODS, STATEMENT_FUNCTIONS, type SqlHole, type SqlScan, type SqlSink } from '../src/analysis/sql';
import { holePositions, type HolePosition } from '../src/analysis/sql/holes';
import { sqlReceiverCheck } from '../src/analysis/sql/receivers';
import { createRule } from '../src/create-rule';
import { functionCallSelector, methodCallSelector } from '../src/ast/selectors';

type MessageIds = 'interpolatedValue' | 'requestInput' | 'newStatementPerValue';
type Options = [{ reportSafeInterpolation?: boolean }];

const MAX_TEXT = 40;
/**
 * Statements that define or change the schema or its rights: the database takes no bound parameters in them
 * (PostgreSQL rejects `$1` in `CREATE TABLE … FOR VALUES FROM ($1)`) and plans none, so only request input,
 * an injection, is reported there (Nango's daily partitions).
 */
// PostgreSQL's `DO $$ … $$` runs an anonymous block, which takes no parameters at all (Parabol's embedding tables).
const DDL_KEYWORDS = new Set(['CREATE', 'ALTER', 'DROP', 'TRUNCATE', 'GRANT', 'REVOKE', 'COMMENT', 'REINDEX', 'CLUSTER', 'REFRESH', 'VACUUM', 'DO']);
const PRISMA_UNSAFE = new Set(['$queryRawUnsafe', '$executeRawUnsafe']);

const METHOD_SINK_SELECTOR = methodCallSelector(SQL_SINK_METHODS);
const FUNCTION_SINK_SELECTOR = functionCallSelector(STATEMENT_FUNCTIONS);
/** Only tagged templates with holes can splice anything. */
const TAGGED_SINK_SELECTOR = 'TaggedTemplateExpression[quasi.expressions.length>0]';
/** TypeORM query-builder conditions are SQL fragments: `.where(\`user.name = '${name}'\`)`. */
const TYPEORM_CONDITIONS = new Set(['where', 'andWhere', 'orWhere', 'having', 'andHaving', 'orHaving']);
const TYPEORM_CONDITION_SELECTOR = `CallExpression[callee.type="MemberExpression"][callee.property.name=/^(?:${[...TYPEORM_CONDITIONS].join('|')})$/][arguments.0.type=/^(?:TemplateLiteral|BinaryExpression)$/]`;

/** Packages whose name says which library's parameter syntax to suggest, when the database analysis is silent. */
const PACKAGE_LIBRARIES: Readonly<Record<string, DbLibrary>> = {
  pg: 'pg',
  mysql: 'mysql2',
  mysql2: 'mysql2',
  sequelize: 'sequelize',
  '@sequelize/core': 'sequelize',
  knex: 'knex',
  objection: 'objection',
  typeorm: 'typeorm',
  'drizzle-orm': 'drizzle',
  kysely: 'kysely',
  '@prisma/client': 'prisma',
};

interface Verdict {
  messageId: MessageIds;
  hole: SqlHole;
  position: HolePosition;
  input?: RequestInput;
}

const ALLOW_LIST_FIX = "Choose identifiers and fragments from a fixed allow-list (`const column = SORT_COLUMNS[req.query.sort] ?? 'id'`).";

export default createRule<Options, MessageIds>({
  name: 'prefer-parameterized-query',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require values to reach SQL as bound parameters, not spliced into the query text',
      guide: 'parameterized-queries',
      recommended: 'recommended',
    },
    schema: [
      {
        type: 'object',
        properties: {
          reportSafeInterpolation: {
            type: 'boolean',
            description:
              'Also report values that cannot inject SQL but still make a new statement per value: numbers (`Number(x)`, `parseInt`, number-typed values) and escaped literals (`escapeLiteral(x)`, `mysql.escape(x)`).',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ reportSafeInterpolation: false }],
    messages: {
      interpolatedValue:
        '`{{api}}` receives SQL with `{{hole}}` spliced into its text: the database parses and plans a new statement for every value, and the value can inject SQL. {{fix}}',
      requestInput:
        '`{{api}}` receives SQL with `{{hole}}`, which comes from the request{{origin}}, spliced into its text: whoever sends the request can inject SQL. {{fix}}',
      newStatementPerValue:
        '`{{api}}` receives SQL with `{{hole}}` spliced into its text: it cannot inject SQL, but every value makes a new statement for the database to parse and plan. {{fix}}',
    },
  },
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const reportSafe = options.reportSafeInterpolation === true;
    // Everything below is looked up on the first candidate only: most files send no SQL with holes.
    let serverFile: boolean | undefined;
    // Tests, scripts, migrations, seeds and config files do not serve requests.
    const isServerFile = () => (serverFile ??= getRequestPath(context).fileKind === 'server');
    let receiverCheck: ((call: TSESTree.CallExpression) => boolean) | undefined;
    const isSqlReceiver = (call: TSESTree.CallExpression) => (receiverCheck ??= sqlReceiverCheck(context))(call);
    let analyses: { fixedValues: FixedValueAnalyzer; requestInput: RequestInputAnalyzer } | undefined;
    const getAnalyses = () => (analyses ??= { fixedValues: getFixedValues(context), requestInput: getRequestInput(context) });
    /** Holes already reported: one SQL constant can reach several sinks, a fragment several templates. */
    const reportedHoles = new Set<TSESTree.Node>();

    function checkSink(node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression): void {
      if (node.type === AST_NODE_TYPES.CallExpression && !mayHoldHoles(node.arguments[0])) return;
      const sink = getSqlSink(node, sourceCode.getScope(node), { isSqlReceiver });
      if (sink) checkSpliced(sink);
    }

    function checkTypeormCondition(call: TSESTree.CallExpression): void {
      const argument = call.arguments[0];
      const sql = getSqlText(argument, sourceCode.getScope(call));
      if (!sql || !sql.holes.some((hole) => hole.kind === 'interpolation')) return;
      const callee = call.callee as TSESTree.MemberExpression;
      const isTypeorm =
        getDbOperations(context).classify(outermostChainCall(call))?.library === 'typeorm' ||
        getReceiverPackage(callee.object, context)?.packageName === 'typeorm';
      if (!isTypeorm) return;
      checkSpliced({ node: call, sqlNode: argument, sql, api: memberName(callee) ?? 'where', evidence: 'raw-method' });
    }

    function checkSpliced(sink: SqlSink): void {
      // Tagged templates bind their holes; only raw fragments inside them are spliced.
      const spliced = sink.sql.holes.filter((hole) => hole.kind === 'interpolation' || hole.kind === 'raw');
      if (spliced.length === 0 || !isServerFile()) return;
      let positions: Map<SqlHole, HolePosition> | undefined;
      let scan: SqlScan | undefined;
      const scanned = () => (scan ??= scanSql(sink.sql.text));
      const positionOf = (hole: SqlHole) => {
        positions ??= holePositions(sink.sql, scanned());
        return positions.get(hole) ?? 'structural';
      };
      const leading = leadingKeyword(sink.sql.text) ?? '';
      // A look at the database's catalogs or a call of its administration functions (a replication slot's check):
      // set-up and maintenance, sent with the same few values, so only request input, an injection, counts there too.
      const ddl = DDL_KEYWORDS.has(leading) || (leading === 'SELECT' && readsOnlyCatalogs(scanned()));
      let first: Verdict | undefined;
      for (const hole of spliced) {
        const verdict = judge(hole, positionOf, ddl);
        if (!verdict) continue;
        if (!reportedHoles.has(hole.expression)) first ??= verdict;
        reportedHoles.add(hole.expression);
      }
      if (first) report(sink, first);
    }

    /** `ddl`: the statement defines or changes the schema, which takes no bound parameters: only request input is reported there. */
    function judge(hole: SqlHole, positionOf: (hole: SqlHole) => HolePosition, ddl: boolean): Verdict | undefined {
      const { fixedValues, requestInput } = getAnalyses();
      const value = fixedValues.classify(hole.expression);
      if (value.kind === 'fixed') return undefined;
      if (value.kind === 'numeric' || value.kind === 'escaped') {
        if (ddl) return undefined;
        const position = positionOf(hole);
        return reportSafe && position !== 'structural' ? { messageId: 'newStatementPerValue', hole, position } : undefined;
      }
      const position = positionOf(hole);
      const input = requestInput.inputOf(value.node) ?? (value.node === hole.expression ? undefined : requestInput.inputOf(hole.expression));
      if (input) return { messageId: 'requestInput', hole, position, input };
      // A fragment of unknown origin in a structural position is usually assembled with its own placeholders.
      return position === 'structural' || ddl ? undefined : { messageId: 'interpolatedValue', hole, position };
    }

    function report(sink: SqlSink, verdict: Verdict): void {
      const hole = shorten(sourceCode.getText(verdict.hole.expression));
      const input = verdict.input ? describeInput(sourceCode, verdict.input) : undefined;
      context.report({
        node: sink.node,
        messageId: verdict.messageId,
        data: {
          api: apiText(sink),
          hole,
          origin: input === undefined || hole.includes(input) ? '' : ` (\`${input}\`)`,
          fix: verdict.input && verdict.position === 'structural' ? ALLOW_LIST_FIX : fixFor(sink, verdict.hole),
        },
      });
    }

    function apiText(sink: SqlSink): string {
      if (sink.node.type === AST_NODE_TYPES.TaggedTemplateExpression) return `${sink.api}\`…\``;
      const callee = oneLineText(sourceCode, sink.node.callee);
      return callee.length <= MAX_TEXT && !callee.includes('\n') ? `${callee}(…)` : `${sink.api}(…)`;
    }

    function libraryOf(call: TSESTree.CallExpression): DbLibrary | undefined {
      const operation = getDbOperations(context).classify(call);
      if (operation) return operation.library;
      // A method's receiver, or a function imported from the library (Objection's `raw`).
      const origin = getReceiverPackage(call.callee.type === AST_NODE_TYPES.MemberExpression ? call.callee.object : call.callee, context);
      return origin ? PACKAGE_LIBRARIES[packageOfSpecifier(origin.packageName)] : undefined;
    }

    /** The library's way of binding a value. */
    function fixFor(sink: SqlSink, hole: SqlHole): string {
      if (sink.node.type === AST_NODE_TYPES.TaggedTemplateExpression || hole.kind === 'raw') {
        return 'Pass the value as a `${…}` parameter of the SQL tag instead of a raw fragment; keep raw fragments for fixed text.';
      }
      const api = sink.api;
      if (TYPEORM_CONDITIONS.has(api)) return `Write \`:name\` and pass the values as parameters: \`.${api}('user.name = :name', { name })\`.`;
      if (PRISMA_UNSAFE.has(api)) {
        return 'Use `prisma.$queryRaw`…${value}…`` (the tag binds every value), or write `$1`, `$2`, … and pass the values as further arguments.';
      }
      if (RAW_SQL_METHODS.has(api)) return `Write \`?\` (\`??\` for an identifier) and pass the values as bindings: \`.${api}('… = ?', [value])\`.`;
      const callee = sink.node.callee;
      if (api === 'raw' && callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier && getSqlTag(callee.object, sourceCode.getScope(callee))) {
        return 'Use the SQL tag itself (sql`… ${value} …`), which binds values; keep `sql.raw` for fixed text.';
      }
      switch (libraryOf(sink.node)) {
        case 'knex':
          return 'Write `?` (`??` for an identifier) and pass the values as bindings: `knex.raw(\'… = ?\', [value])`.';
        case 'objection':
          return 'Write `?` (`??` for an identifier) and pass the values as bindings: `raw(\'… = ?\', [value])`.';
        case 'sequelize':
          return 'Write `:name` and pass `replacements: { name }` (or `$1` with `bind: [value]`) in the options.';
        case 'mysql2':
          return 'Write `?` and pass the values: `connection.execute(sql, [value])` (mysql2 prepares the statement once and caches it).';
        case 'drizzle':
          return 'Build the query with the `sql` tag: `db.execute(sql`… ${value} …`)` binds the value.';
        case 'kysely':
          return 'Build the query with the `sql` tag: `sql`… ${value} …`.execute(db)` binds the value.';
        case 'prisma':
          return 'Use `prisma.$queryRaw`…${value}…`` (the tag binds every value).';
        case 'pg':
          return 'Write `$1`, `$2`, … and pass the values: `pool.query(text, [value])`.';
        default:
          return 'Write placeholders (`$1` for PostgreSQL, `?` for MySQL) and pass the values in the parameters array: `.query(sql, [value])`.';
      }
    }

    return {
      [METHOD_SINK_SELECTOR]: checkSink,
      [FUNCTION_SINK_SELECTOR]: checkSink,
      [TAGGED_SINK_SELECTOR]: checkSink,
      [TYPEORM_CONDITION_SELECTOR]: checkTypeormCondition,
    };
  },
});

/** A string literal cannot hold a hole; anything else (a template, a concatenation, a constant, a config object) may. */
function mayHoldHoles(argument: TSESTree.CallExpressionArgument | undefined): boolean {
  return argument !== undefined && !(argument.type === AST_NODE_TYPES.Literal && typeof argument.value === 'string') && !(argument.type === AST_NODE_TYPES.TemplateLiteral && argument.expressions.length === 0);
}

function shorten(text: string): string {
  const flat = text.slice(0, MAX_TEXT * 4).replace(/\s+/g, ' ');
  return flat.length <= MAX_TEXT ? flat : `${flat.slice(0, MAX_TEXT - 1)}…`;
}
