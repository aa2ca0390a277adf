import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../src/ast/node-types';
import { createRule } from '../src/create-rule';
import { DEFAULT_SCRIPT_GLOBS, scriptsOptionSchema, getRequestPath, type RequestPathAnalyzer } from '../src/analysis/request-path';
import { getRetryLoops, type RetriedIoCategory, type RetryLoop, type RetryLoopAnalyzer, type RetryLoopStatement } from '../src/analysis/retry-loops';
import { textMentionsAny } from '../src/analysis/text-facts';

type MessageIds = 'noDelay' | 'constantDelay' | 'unbounded';

type Options = [{ minConstantDelayMs?: number; scripts?: string[] }];

const DEFAULT_MIN_CONSTANT_DELAY_MS = 1000;

const IO_NAMES: Readonly<Record<RetriedIoCategory, { io: string; connection: string; dependency: string }>> = {
  http: { io: 'an HTTP request', connection: 'an HTTP connection', dependency: 'remote service' },
  database: { io: 'a database call', connection: 'a database connection', dependency: 'database' },
  cache: { io: 'a Redis command', connection: 'a Redis connection', dependency: 'Redis server' },
  queue: { io: 'a queue publish', connection: 'a broker connection', dependency: 'message broker' },
  email: { io: 'an e-mail send', connection: 'a mail server connection', dependency: 'mail server' },
};

const MAX_TEXT = 60;

export default createRule<Options, MessageIds>({
  name: 'no-retry-without-backoff',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow retry loops around I/O that retry at once, after a short constant delay, or forever',
      guide: 'retries-with-backoff',
      recommended: 'recommended',
    },
    schema: [
      {
        type: 'object',
        properties: {
          minConstantDelayMs: {
            type: 'number',
            minimum: 0,
            description: 'A constant delay between attempts shorter than this many milliseconds is reported; a constant delay at least this long is accepted.',
          },
          scripts: scriptsOptionSchema('which serve no traffic.'),
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ minConstantDelayMs: DEFAULT_MIN_CONSTANT_DELAY_MS, scripts: [...DEFAULT_SCRIPT_GLOBS] }],
    messages: {
      noDelay:
        'This loop retries {{what}} as soon as it fails{{forever}}: each failure is followed at once by another attempt, so a struggling {{dependency}} gets a burst of load instead of time to recover. Wait between attempts with exponential backoff and jitter (`delay = base * 2 ** attempt + Math.random() * base`){{capFix}}, or use p-retry.',
      constantDelay:
        'This loop retries {{what}} after the same {{delay}} every time{{forever}}: a short fixed wait keeps every caller hitting a struggling {{dependency}} at full pace, in step with each other. Grow the wait with each attempt and add jitter (`delay = base * 2 ** attempt + Math.random() * base`){{capFix}}, or use p-retry.',
      unbounded:
        'This loop retries {{what}} until it succeeds, with no cap on attempts: while the {{dependency}} is down the caller never returns and the retries never stop. Give up after a few attempts or a deadline (`for (let attempt = 0; attempt < 5; attempt++)`, then rethrow), or use p-retry with `retries`.',
    },
  },
  create(context, [options]) {
    const { sourceCode } = context;
    const minConstantDelayMs = options.minConstantDelayMs ?? DEFAULT_MIN_CONSTANT_DELAY_MS;
    // Every retry shape fails over with `try`/`.catch` or checks a response (`res.ok`, `res.status`).
    if (!textMentionsAny(sourceCode, ['catch', '.ok', 'status'])) return {};
    // Built at the first loop: most files have none.
    let requestPath: RequestPathAnalyzer | undefined;
    let retries: RetryLoopAnalyzer | undefined;

    function check(loop: RetryLoopStatement): void {
      requestPath ??= getRequestPath(context, { scripts: options.scripts });
      // Tests (waiting for a server to boot), scripts, migrations and seeds serve no traffic.
      if (requestPath.fileKind !== 'server') return;
      retries ??= getRetryLoops(context);
      const retry = retries.retryLoop(loop);
      if (!retry) return;
      const unbounded = retry.cap === undefined;
      const what = describeRetried(retry, sourceCode);
      const { dependency } = IO_NAMES[retry.io.category];
      const forever = unbounded ? ' and never gives up' : '';
      const capFix = unbounded ? ' and cap the attempts' : '';
      const loc = headOf(loop);
      const wait = retry.wait;
      if (wait.kind === 'none') {
        context.report({ node: loop, loc, messageId: 'noDelay', data: { what, dependency, forever, capFix } });
      } else if (wait.kind === 'constant' && wait.maxMs < minConstantDelayMs) {
        context.report({ node: loop, loc, messageId: 'constantDelay', data: { what, dependency, forever, capFix, delay: formatDelay(wait.minMs, wait.maxMs) } });
      } else if (unbounded && !retry.io.connection && requestPath.classify(loop).onRequestPath) {
        // Waiting for a dependency forever, with a sensible delay, is a choice startup code and reconnect
        // loops make; a request (or a job) waiting forever for one call is not.
        context.report({ node: loop, loc, messageId: 'unbounded', data: { what, dependency } });
      }
    }

    return {
      ForStatement: check,
      WhileStatement: check,
      DoWhileStatement: check,
    };
  },
});

/** "an HTTP request (`axios.get(…)`)", or "`this.callApi(…)`, which makes an HTTP request (`fetch(…)`, line 12)". */
function describeRetried(retry: RetryLoop, sourceCode: Readonly<TSESLint.SourceCode>): string {
  const names = IO_NAMES[retry.io.category];
  const io = retry.io.connection ? names.connection : names.io;
  const ioCall = `\`${calleeText(retry.io.node, sourceCode)}(…)\``;
  if (retry.io.node === retry.call) return `${io} (${ioCall})`;
  return `\`${calleeText(retry.call, sourceCode)}(…)\`, which makes ${io} (${ioCall}, line ${retry.io.node.loc.start.line})`;
}

function calleeText(node: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): string {
  const callee = node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression ? node.callee : node;
  // Only the start is shown: collapse the whitespace of a bounded prefix, not of a whole chain.
  const text = sourceCode.getText(callee).slice(0, MAX_TEXT * 4).replace(/\s+/g, ' ');
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}

function formatDelay(minMs: number, maxMs: number): string {
  const min = Math.round(minMs);
  const max = Math.round(maxMs);
  return min === max ? `${max} ms` : `${min}–${max} ms`;
}

/** The loop's head, from its keyword to its body, so the report does not underline the whole loop. */
function headOf(loop: RetryLoopStatement): TSESTree.SourceLocation {
  if (loop.type === AST_NODE_TYPES.DoWhileStatement) return { start: loop.loc.start, end: { line: loop.loc.start.line, column: loop.loc.start.column + 2 } };
  return { start: loop.loc.start, end: loop.body.loc.start };
}
