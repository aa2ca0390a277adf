/**
 * Code production never runs: a branch taken only in development or tests (`if (env.isDevelopment) …`,
 * `process.env.NODE_ENV !== 'production' && …`, the rest of a block after `if (isProduction) return;`) or
 * behind a debug switch (`if (DEBUG)`, `verbose && …`, `if (Calculator.ENABLE_LOGGING)`), or one that is always off
 * (`const debugSteps = false`). Whatever it costs, no production request waits for it.
 */
import { findVariable } from '@eslint-community/eslint-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast/node-types';
import { wordsOf } from '../ast/identifier-words';
import { pushChildNodes } from '../ast/children';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** Which outcome of a condition means "not in production": truthy, falsy, or neither is known. */
type NonProductionWhen = 'truthy' | 'falsy' | undefined;

/** A flag with one of these words is off in production: `isDev`, `__DEV__`, `DEBUG`, `verboseLogging`, `ENABLE_TRACING`. */
const OFF_IN_PRODUCTION_WORDS = new Set(['debug', 'verbose', 'trace', 'tracing', 'logging', 'dev', 'development']);
/** The last word of a setting that turns on debugging output, with any prefix (`TRIGGER_CHAT_TEST_DEBUG`); not `…_LOGGING`, which production may use. */
const DEBUG_SETTING_WORDS = new Set(['debug', 'verbose', 'trace']);
/** The first word of a setting that turns on debugging output (`DEBUG_GATEWAY_AUTH`); not `TRACE_…`, which may sample traces in production. */
const DEBUG_FIRST_WORDS = new Set(['debug', 'verbose']);
/** Words too common alone (`if (test)`, `if (local)`): a flag only with an environment word beside them (`isTest`, `isLocalEnv`). */
const NON_PRODUCTION_ENVIRONMENTS = new Set(['test', 'testing', 'local']);
const PRODUCTION_WORDS = new Set(['prod', 'production']);
/** The other words a flag's name may have: `isDebugMode`, `ENABLE_LOGGING`, `shouldLogVerbose`. Any other (`traceId`, `devices`) makes it no flag. */
// Framework prefixes of environment variables: `NEXT_DEBUG`, `NEXT_PUBLIC_DEBUG`, `VITE_DEBUG`, `APP_DEBUG`.
const FLAG_WORDS = new Set(['is', 'in', 'enable', 'enabled', 'use', 'should', 'mode', 'env', 'environment', 'log', 'logs', 'show', 'print', 'next', 'public', 'vite', 'nuxt', 'app']);
const ENVIRONMENT_WORDS = new Set(['is', 'in', 'env', 'environment', 'mode']);
/** What holds an environment's name: `process.env.NODE_ENV`, `env.ENVIRONMENT`, `APP_ENV`, `VERCEL_ENV`, `config.mode`, `STAGE`. */
const ENVIRONMENT_HOLDER_WORDS = new Set(['env', 'environment', 'mode', 'stage']);
const NON_PRODUCTION_NAMES = new Set(['development', 'dev', 'test', 'testing', 'local']);
const PRODUCTION_NAMES = new Set(['production', 'prod']);
const MAX_ANCESTORS = 200;
const MAX_EARLIER_STATEMENTS = 50;
const MAX_CONDITION_DEPTH = 8;

/**
 * `node` runs only outside production: an enclosing branch is taken only in development, in tests or with a
 * debug switch on. A function defined in such a branch counts too: it exists only there.
 */
export function runsOnlyOutsideProduction(node: TSESTree.Node, sourceCode: SourceCode): boolean {
  let child: TSESTree.Node = node;
  let depth = 0;
  for (let current = node.parent; current && depth < MAX_ANCESTORS; child = current, current = current.parent, depth++) {
    switch (current.type) {
      case AST_NODE_TYPES.IfStatement:
      case AST_NODE_TYPES.ConditionalExpression:
        if (child === current.consequent && conditionWhen(current.test, sourceCode) === 'truthy') return true;
        if (child === current.alternate && conditionWhen(current.test, sourceCode) === 'falsy') return true;
        break;
      case AST_NODE_TYPES.LogicalExpression:
        if (child === current.right && current.operator === '&&' && conditionWhen(current.left, sourceCode) === 'truthy') return true;
        if (child === current.right && current.operator === '||' && conditionWhen(current.left, sourceCode) === 'falsy') return true;
        break;
      case AST_NODE_TYPES.BlockStatement:
      case AST_NODE_TYPES.Program:
        if (followsProductionExit(current.body, child, sourceCode)) return true;
        break;
      default:
        break;
    }
  }
  return false;
}

/** An earlier statement of the block leaves it in production: `if (isProduction) return;`, `if (!isDev) throw …`. */
function followsProductionExit(body: readonly TSESTree.Node[], child: TSESTree.Node, sourceCode: SourceCode): boolean {
  const index = body.indexOf(child as TSESTree.Statement);
  for (let i = Math.max(0, index - MAX_EARLIER_STATEMENTS); i < index; i++) {
    const statement = body[i];
    if (statement.type === AST_NODE_TYPES.IfStatement && !statement.alternate && exits(statement.consequent) && conditionWhen(statement.test, sourceCode) === 'falsy') return true;
  }
  return false;
}

function exits(statement: TSESTree.Statement): boolean {
  if (statement.type === AST_NODE_TYPES.BlockStatement) return statement.body.length > 0 && exits(statement.body[statement.body.length - 1]);
  return statement.type === AST_NODE_TYPES.ReturnStatement || statement.type === AST_NODE_TYPES.ThrowStatement;
}

/** When a condition's outcome means the code runs outside production. */
function conditionWhen(test: TSESTree.Node, sourceCode: SourceCode, depth = 0): NonProductionWhen {
  if (depth > MAX_CONDITION_DEPTH) return undefined;
  switch (test.type) {
    case AST_NODE_TYPES.UnaryExpression:
      return test.operator === '!' ? flip(conditionWhen(test.argument, sourceCode, depth + 1)) : undefined;
    case AST_NODE_TYPES.LogicalExpression: {
      const left = conditionWhen(test.left, sourceCode, depth + 1);
      const right = conditionWhen(test.right, sourceCode, depth + 1);
      // `a && b` is truthy only if both are; `a || b` is falsy only if both are.
      if (test.operator === '&&') return left === 'truthy' || right === 'truthy' ? 'truthy' : left === 'falsy' && right === 'falsy' ? 'falsy' : undefined;
      if (test.operator === '||') return left === 'falsy' || right === 'falsy' ? 'falsy' : left === 'truthy' && right === 'truthy' ? 'truthy' : undefined;
      // `options?.debug ?? DEV_MODE`: one side or the other, so only what both say.
      return left === right ? left : undefined;
    }
    case AST_NODE_TYPES.BinaryExpression:
      return comparison(test);
    case AST_NODE_TYPES.CallExpression:
      // `isDev()`, `config.isProduction()`; `env('DEBUG')` reads the variable it names.
      return test.arguments.length === 0 ? flagWhen(test.callee) : flagWhen(test);
    default:
      if (holdsFetchedValue(test, sourceCode)) return undefined;
      // A switch that is never on: what it guards never runs, in production or anywhere.
      return flagWhen(test) ?? (isAlwaysOff(test, sourceCode) ? 'truthy' : moduleConstWhen(test, sourceCode, depth));
  }
}

/**
 * A local name holding what a call looked up for its arguments, or a new object: `const trace = this.getTrace(id);
 * if (!trace) return;` (Refly's trace manager) tests whether a record exists, not whether tracing is on. A switch is
 * read from the environment or a setting by name (`config.get('debug')`), or computed without arguments (`isDebug()`).
 */
function holdsFetchedValue(test: TSESTree.Node, sourceCode: SourceCode): boolean {
  if (test.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = findVariable(sourceCode.getScope(test) as never, test as never) as TSESLint.Scope.Variable | null;
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.type !== 'Variable' || variable?.scope.type === 'module' || variable?.scope.type === 'global' || !def.node.init) return false;
  let init: TSESTree.Node = def.node.init;
  if (init.type === AST_NODE_TYPES.AwaitExpression) init = init.argument;
  if (init.type === AST_NODE_TYPES.NewExpression || init.type === AST_NODE_TYPES.ObjectExpression || init.type === AST_NODE_TYPES.ArrayExpression) return true;
  return init.type === AST_NODE_TYPES.CallExpression && init.arguments.some((argument) => argument.type !== AST_NODE_TYPES.Literal && argument.type !== AST_NODE_TYPES.TemplateLiteral);
}

/**
 * A module `const` holding a condition read once at load: `const DEBUG_GATEWAY_AUTH = process.env.DEBUG_GATEWAY_AUTH
 * === 'true'` (erxes), `const verbose = !isProduction`. What the condition says, its name aside.
 */
function moduleConstWhen(test: TSESTree.Node, sourceCode: SourceCode, depth: number): NonProductionWhen {
  if (test.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = findVariable(sourceCode.getScope(test) as never, test as never) as TSESLint.Scope.Variable | null;
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  const atTopLevel = variable?.scope.type === 'module' || variable?.scope.type === 'global';
  if (def?.type !== 'Variable' || def.parent.kind !== 'const' || !atTopLevel || !def.node.init) return undefined;
  const init = def.node.init;
  const isCondition = init.type === AST_NODE_TYPES.BinaryExpression || init.type === AST_NODE_TYPES.LogicalExpression || init.type === AST_NODE_TYPES.UnaryExpression;
  return isCondition ? conditionWhen(init, sourceCode, depth + 1) : undefined;
}

/**
 * A switch that is always off: a `const` initialised to `false` (`const debugSteps = false`), or a private or
 * read-only field initialised to `false` that its class never assigns (`private logEnabled_ = false`).
 */
function isAlwaysOff(test: TSESTree.Node, sourceCode: SourceCode): boolean {
  if (test.type === AST_NODE_TYPES.Identifier) {
    const variable = findVariable(sourceCode.getScope(test) as never, test as never) as TSESLint.Scope.Variable | null;
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    return def?.type === 'Variable' && def.parent.kind === 'const' && def.node.init?.type === AST_NODE_TYPES.Literal && def.node.init.value === false;
  }
  if (test.type !== AST_NODE_TYPES.MemberExpression || test.object.type !== AST_NODE_TYPES.ThisExpression || test.computed) return false;
  const name = test.property.type === AST_NODE_TYPES.Identifier || test.property.type === AST_NODE_TYPES.PrivateIdentifier ? test.property.name : undefined;
  const classBody = enclosingClassBody(test);
  if (name === undefined || !classBody) return false;
  const field = classBody.body.find(
    (member): member is TSESTree.PropertyDefinition =>
      member.type === AST_NODE_TYPES.PropertyDefinition && !member.static && !member.computed && (member.key.type === AST_NODE_TYPES.Identifier || member.key.type === AST_NODE_TYPES.PrivateIdentifier) && member.key.name === name,
  );
  if (!field || field.value?.type !== AST_NODE_TYPES.Literal || field.value.value !== false) return false;
  // Another module may switch a public field on.
  if (!field.readonly && field.accessibility !== 'private' && field.key.type !== AST_NODE_TYPES.PrivateIdentifier) return false;
  return !assignsThisMember(classBody, name, sourceCode.visitorKeys);
}

function enclosingClassBody(node: TSESTree.Node): TSESTree.ClassBody | undefined {
  for (let current = node.parent; current; current = current.parent) {
    // An arrow function keeps the class's `this`; any other function has its own.
    if (current.type === AST_NODE_TYPES.FunctionDeclaration || (current.type === AST_NODE_TYPES.FunctionExpression && current.parent?.type !== AST_NODE_TYPES.MethodDefinition)) return undefined;
    if (current.type === AST_NODE_TYPES.ClassBody) return current;
  }
  return undefined;
}

const MAX_CLASS_NODES = 20_000;

/** `this.name = …`, `this.name ||= …`, `this.name++` anywhere in the class (a bounded walk). */
function assignsThisMember(classBody: TSESTree.ClassBody, name: string, visitorKeys: TSESLint.SourceCode.VisitorKeys): boolean {
  const stack: TSESTree.Node[] = [classBody];
  for (let visited = 0; stack.length > 0; visited++) {
    if (visited > MAX_CLASS_NODES) return true;
    const node = stack.pop() as TSESTree.Node;
    const target = node.type === AST_NODE_TYPES.AssignmentExpression ? node.left : node.type === AST_NODE_TYPES.UpdateExpression ? node.argument : undefined;
    if (
      target?.type === AST_NODE_TYPES.MemberExpression &&
      target.object.type === AST_NODE_TYPES.ThisExpression &&
      !target.computed &&
      (target.property.type === AST_NODE_TYPES.Identifier || target.property.type === AST_NODE_TYPES.PrivateIdentifier) &&
      target.property.name === name
    ) {
      return true;
    }
    pushChildNodes(node, visitorKeys, stack);
  }
  return false;
}

/** Objects that hold a program's settings: `env`, `config`, `this.options`, `process.env`. */
const SETTINGS_HOLDER = /^(?:env|environment|config|configuration|settings|options|opts|flags|featureFlags)$/i;

/** `env.debugInsights`, `this.config.verboseX`: a property of an object named for settings. */
function isReadFromSettings(node: TSESTree.Node): boolean {
  const member = node.type === AST_NODE_TYPES.ChainExpression ? node.expression : node;
  if (member.type !== AST_NODE_TYPES.MemberExpression) return false;
  const holder = lastName(member.object);
  return holder !== undefined && SETTINGS_HOLDER.test(holder);
}

/** A flag by its name: `env.isDevelopment`, `DEBUG`, `import.meta.env.DEV`, `config.isProduction`. */
function flagWhen(node: TSESTree.Node): NonProductionWhen {
  const name = lastName(node);
  if (name === undefined) return undefined;
  const words = wordsOf(name);
  // `isRunningTests`, `config.isRunningAdapterTests` (Better Auth's adapter factory): on only under a test runner.
  if (words.includes('running') && (words.at(-1) === 'test' || words.at(-1) === 'tests')) return 'truthy';
  // `env.debugAIFeature`, `config.verboseInsights` (Tianji): a setting named first for debugging, whatever it debugs
  // (a local `debugInfo` may be data).
  if (DEBUG_FIRST_WORDS.has(words[0] ?? '') && words.length > 1 && isReadFromSettings(node) && !words.some((word) => PRODUCTION_WORDS.has(word))) return 'truthy';
  let off = false;
  let production = false;
  let environmentWord = false;
  let nonProductionEnvironment = false;
  for (const word of words) {
    if (OFF_IN_PRODUCTION_WORDS.has(word)) off = true;
    else if (PRODUCTION_WORDS.has(word)) production = true;
    else if (NON_PRODUCTION_ENVIRONMENTS.has(word)) nonProductionEnvironment = true;
    else if (!FLAG_WORDS.has(word)) return undefined;
    if (ENVIRONMENT_WORDS.has(word)) environmentWord = true;
  }
  if (off === production && !nonProductionEnvironment) return undefined;
  if (off || (nonProductionEnvironment && environmentWord)) return production ? undefined : 'truthy';
  return production ? 'falsy' : undefined;
}

/**
 * `process.env.NODE_ENV === 'development'`, `env.ENVIRONMENT !== "production"`, either side; a switch read as text,
 * `process.env.DEBUG === 'true'`, `env('NEXT_DEBUG') !== "1"`.
 */
function comparison(test: TSESTree.BinaryExpression): NonProductionWhen {
  const equal = test.operator === '===' || test.operator === '==';
  if (!equal && test.operator !== '!==' && test.operator !== '!=') return undefined;
  // `this.options.debugLogging === true` (Vendure's Stellate plugin), `verbose !== false`: the flag itself, or its opposite.
  const flag = booleanComparison(test);
  if (flag) {
    const whenOn = flagWhen(flag.holder);
    return equal === flag.value ? whenOn : flip(whenOn);
  }
  const rightValue = environmentValue(test.right);
  const [holder, literalValue] = rightValue === undefined ? [test.right, environmentValue(test.left)] : [test.left, rightValue];
  if (literalValue === undefined) return undefined;
  const name = lastName(holder);
  if (name === undefined) return undefined;
  const value = literalValue.toLowerCase();
  if (!wordsOf(name).some((word) => ENVIRONMENT_HOLDER_WORDS.has(word))) {
    // `process.env.TRIGGER_CHAT_TEST_DEBUG === '1'`: a setting named for debugging, whatever its prefix.
    // `process.env.DEBUG_GATEWAY_AUTH === 'true'` (erxes): a setting whose first word is a debugging one, too.
    const words = wordsOf(name);
    const namesDebugSetting = DEBUG_SETTING_WORDS.has(words.at(-1) ?? '') || DEBUG_FIRST_WORDS.has(words[0] ?? '');
    const whenOn = SWITCH_ON_TEXTS.has(value) ? (flagWhen(holder) ?? (namesDebugSetting ? 'truthy' : undefined)) : undefined;
    return equal ? whenOn : flip(whenOn);
  }
  const whenEqual: NonProductionWhen = NON_PRODUCTION_NAMES.has(value) ? 'truthy' : PRODUCTION_NAMES.has(value) ? 'falsy' : undefined;
  return equal ? whenEqual : flip(whenEqual);
}

/** `x === true`, `false !== x`: the other side and the boolean. */
function booleanComparison(test: TSESTree.BinaryExpression): { holder: TSESTree.Node; value: boolean } | undefined {
  if (test.right.type === AST_NODE_TYPES.Literal && typeof test.right.value === 'boolean') return { holder: test.left, value: test.right.value };
  if (test.left.type === AST_NODE_TYPES.Literal && typeof test.left.value === 'boolean') return { holder: test.right, value: test.left.value };
  return undefined;
}

/** A string literal's text, or the member of an environments enum (`Env.Dev`, `Environment.Production`): `Dev`, `Production`. */
function environmentValue(node: TSESTree.Node): string | undefined {
  if (node.type === AST_NODE_TYPES.Literal) return typeof node.value === 'string' ? node.value : undefined;
  if (node.type !== AST_NODE_TYPES.MemberExpression || node.computed || node.property.type !== AST_NODE_TYPES.Identifier) return undefined;
  const enumName = lastName(node.object);
  return enumName !== undefined && wordsOf(enumName).some((word) => ENVIRONMENT_HOLDER_WORDS.has(word)) ? node.property.name : undefined;
}

const SWITCH_ON_TEXTS = new Set(['true', '1', 'on', 'yes']);
/** An environment variable's or setting's name, as a getter takes it: `env('NODE_ENV')`, `config.get('debug')`. */
const SETTING_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function flip(when: NonProductionWhen): NonProductionWhen {
  return when === 'truthy' ? 'falsy' : when === 'falsy' ? 'truthy' : undefined;
}

/** `NODE_ENV` of `process.env.NODE_ENV` or of `env('NODE_ENV')`, `isDev` of `env.isDev` or of `isDev`; through `?.`. */
function lastName(node: TSESTree.Node): string | undefined {
  if (node.type === AST_NODE_TYPES.ChainExpression) return lastName(node.expression);
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const [argument] = node.arguments;
    return node.arguments.length === 1 && argument.type === AST_NODE_TYPES.Literal && typeof argument.value === 'string' && SETTING_NAME.test(argument.value) ? argument.value : undefined;
  }
  if (node.type === AST_NODE_TYPES.Identifier) return node.name;
  if (node.type === AST_NODE_TYPES.MemberExpression) {
    if (!node.computed && node.property.type === AST_NODE_TYPES.Identifier) return node.property.name;
    if (node.computed && node.property.type === AST_NODE_TYPES.Literal && typeof node.property.value === 'string') return node.property.value;
  }
  return undefined;
}
