/**
 * Does another file of the program use an imported function only by calling it while the module loads
 * (`export const limiter = createRateLimiter(…)`, `if (!global.db) global.db = createDb();`, a class by constructing
 * it: `export const tb = new OSTinybird(…)`), or while NestJS builds and starts the application (a `@Module` class's
 * `static register()`, a provider's `onModuleInit()`, a `ConfigModule.forRoot({ load: [...] })` factory)? Then the
 * function runs once per process, at startup, however many requests the server later serves.
 *
 * Read from the importing file's TypeScript AST by name: any other use of the name (passed as a value,
 * re-exported, called inside a function or a class) answers no, and so does a name shadowed anywhere.
 */
import type * as ts from 'typescript';
import { typescript } from './typescript-module';
import { runsCallbackOnListening } from './deferred-callbacks';

/** Larger importing files are not read: the answer stays "may run anywhere". */
const MAX_FILE_LENGTH = 500_000;

/** Methods NestJS calls once on each provider, controller and module, at startup or shutdown. */
export const NEST_LIFECYCLE_HOOKS: ReadonlySet<string> = new Set(['onModuleInit', 'onApplicationBootstrap', 'onModuleDestroy', 'beforeApplicationShutdown', 'onApplicationShutdown']);
/** Static methods of a `@Module` class that build its dynamic module, called in another module's `imports` at bootstrap. */
const NEST_MODULE_BUILDERS = new Set(['register', 'registerAsync', 'forRoot', 'forRootAsync', 'forFeature', 'forFeatureAsync']);

/** What a local name imports from a `@nestjs/` package: `Module` of `@nestjs/common`. */
interface NestImport {
  source: string;
  imported: string;
}

export function callsOnlyAtModuleLoad(file: ts.SourceFile, localName: string, isStartupName: (name: string) => boolean): boolean {
  if (file.text.length > MAX_FILE_LENGTH || !file.text.includes(localName)) return false;
  const tsm = typescript();
  const nestImports = nestImportsOf(file, tsm);
  const startupMethods = new Set<ts.Node>();
  let calls = 0;
  let otherUse = false;

  // Functions whose body runs where the function is written, once: a top-level startup function (`export async
  // function initAuthSecrets() { secret = await getOrCreateStoredSecret(…) }`, Flowise), a provider's factory,
  // a configuration factory, a NestJS startup method.
  const runsOnceWhereWritten = (node: ts.Node): boolean =>
    startupMethods.has(node) || isTopLevelStartupFunction(node, tsm, isStartupName) || isProviderFactory(node, tsm) || isConfigLoadEntry(node, tsm, nestImports) || isListenCallback(node, tsm);

  // `inFunction`: inside a function or class that may run at any time.
  const visit = (node: ts.Node, inFunction: boolean): void => {
    if (otherUse) return;
    if (tsm.isImportDeclaration(node)) return;
    if (tsm.isIdentifier(node) && node.text === localName) {
      if (isNameOfSomethingElse(node, tsm)) return;
      const parent = node.parent;
      // `new Client(…)` runs the class's constructor as a call runs a function (`export const tb = new OSTinybird(…)`).
      const isCalled = ((tsm.isCallExpression(parent) || tsm.isNewExpression(parent)) && parent.expression === node) || isConfigLoadEntry(node, tsm, nestImports);
      if (!inFunction && isCalled) calls++;
      else otherUse = true;
      return;
    }
    const isClass = tsm.isClassLike(node);
    // Only a class declared at the top of the module is one Nest instantiates and starts.
    if (tsm.isClassDeclaration(node) && tsm.isSourceFile(node.parent) && mentions(file, node, localName)) {
      for (const method of startupMethodsOf(node, tsm, nestImports, isStartupName)) startupMethods.add(method);
    }
    const entersFunction = inFunction || ((tsm.isFunctionLike(node) || isClass) && !runsOnceWhereWritten(node));
    // A class's decorators run once, when the class is defined (`@Module({ providers: [{ useFactory: … }] })`);
    // its startup methods run once too.
    tsm.forEachChild(node, (child) => visit(child, isClass && (tsm.isDecorator(child) || startupMethods.has(child)) ? inFunction : entersFunction));
  };
  visit(file, false);
  return !otherUse && calls > 0;
}

/** The node's text spells the name: a class that does not is not read for its startup methods. */
function mentions(file: ts.SourceFile, node: ts.Node, name: string): boolean {
  const at = file.text.indexOf(name, node.pos);
  return at !== -1 && at < node.end;
}

/** `function initX() {…}` or `const initX = async () => {…}` at the top of the module, named for startup. */
function isTopLevelStartupFunction(node: ts.Node, tsm: typeof ts, isStartupName: (name: string) => boolean): boolean {
  if (tsm.isFunctionDeclaration(node)) return node.name !== undefined && tsm.isSourceFile(node.parent) && isStartupName(node.name.text);
  if (!tsm.isArrowFunction(node) && !tsm.isFunctionExpression(node)) return false;
  const declaration = node.parent;
  return tsm.isVariableDeclaration(declaration) && declaration.initializer === node && tsm.isIdentifier(declaration.name) && tsm.isSourceFile(declaration.parent.parent.parent) && isStartupName(declaration.name.text);
}

/**
 * The callback a server runs once it listens: `server.listen(port, async () => { await connectDB(); … })`, also
 * `server.on('listening', fn)` (Maxun connects its database and recovers its runs there). It runs once per `listen`,
 * which the visit only counts where that runs once itself (at the top of the module, or in a startup function).
 */
function isListenCallback(node: ts.Node, tsm: typeof ts): boolean {
  if (!tsm.isArrowFunction(node) && !tsm.isFunctionExpression(node)) return false;
  const call = node.parent;
  if (!tsm.isCallExpression(call) || !tsm.isPropertyAccessExpression(call.expression) || call.arguments[call.arguments.length - 1] !== node) return false;
  const method = call.expression.name.text;
  const event = call.arguments[0];
  const firstString = event !== undefined && tsm.isStringLiteralLike(event) ? event.text : undefined;
  // `listen(port, host, fn)` at most; `on('listening', fn)` exactly.
  return runsCallbackOnListening(method, firstString) && call.arguments.length <= (method === 'listen' ? 3 : 2);
}

/**
 * A NestJS provider's `useFactory` (`{ provide: DATA_SOURCE, useFactory: () => createDataSource() }`,
 * `TypeOrmModule.forRootAsync({ useFactory: … })`): Nest calls it once, while it builds the module at startup.
 */
function isProviderFactory(node: ts.Node, tsm: typeof ts): boolean {
  const parent = node.parent;
  if (tsm.isMethodDeclaration(node)) return tsm.isObjectLiteralExpression(parent) && tsm.isIdentifier(node.name) && node.name.text === 'useFactory';
  return (tsm.isArrowFunction(node) || tsm.isFunctionExpression(node)) && tsm.isPropertyAssignment(parent) && parent.initializer === node && tsm.isIdentifier(parent.name) && parent.name.text === 'useFactory';
}

/**
 * A factory of `ConfigModule.forRoot({ load: [async () => loadConfiguration(), loadDefaults] })` (`@nestjs/config`):
 * Nest calls each once, while it builds the configuration module at startup. Other callbacks of a module's
 * options may run per request (`GraphQLModule.forRoot({ context: ({ req }) => … })`).
 */
function isConfigLoadEntry(node: ts.Node, tsm: typeof ts, nestImports: ReadonlyMap<string, NestImport>): boolean {
  if (nestImports.size === 0 || !(tsm.isArrowFunction(node) || tsm.isFunctionExpression(node) || tsm.isIdentifier(node))) return false;
  const list = node.parent;
  if (!tsm.isArrayLiteralExpression(list)) return false;
  const property = list.parent;
  if (!tsm.isPropertyAssignment(property) || property.initializer !== list || !tsm.isIdentifier(property.name) || property.name.text !== 'load') return false;
  const options = property.parent;
  const call = options.parent;
  if (!tsm.isCallExpression(call) || call.arguments[0] !== options || !tsm.isPropertyAccessExpression(call.expression)) return false;
  const { expression: receiver, name: method } = call.expression;
  return method.text === 'forRoot' && tsm.isIdentifier(receiver) && isNestImport(nestImports, receiver.text, '@nestjs/config', 'ConfigModule');
}

/**
 * Methods of a class that NestJS runs once: its lifecycle hooks (`onModuleInit`), the static builders of a class
 * decorated `@Module` from `@nestjs/common` (`static register()`), and the methods only they call.
 */
function startupMethodsOf(classNode: ts.ClassDeclaration, tsm: typeof ts, nestImports: ReadonlyMap<string, NestImport>, isStartupName: (name: string) => boolean): Set<ts.Node> {
  const startup = new Set<ts.Node>();
  const candidates: ts.MethodDeclaration[] = [];
  let isModule: boolean | undefined;
  for (const member of classNode.members) {
    if (!tsm.isMethodDeclaration(member) || !member.body || !(tsm.isIdentifier(member.name) || tsm.isPrivateIdentifier(member.name))) continue;
    const name = member.name.text;
    const isStatic = hasModifier(member, tsm.SyntaxKind.StaticKeyword);
    if (tsm.isPrivateIdentifier(member.name)) {
      if (!isStatic) candidates.push(member);
    } else if (isStatic) {
      if (NEST_MODULE_BUILDERS.has(name) && (isModule ??= isNestModuleClass(classNode, tsm, nestImports))) startup.add(member);
    } else if (NEST_LIFECYCLE_HOOKS.has(name)) {
      startup.add(member);
    } else if (hasModifier(member, tsm.SyntaxKind.PrivateKeyword) || isStartupName(name)) {
      candidates.push(member);
    }
  }
  if (startup.size > 0 && candidates.length > 0) addMethodsCalledOnlyAtStartup(classNode, startup, candidates, tsm);
  return startup;
}

/**
 * Adds the candidates the class calls only from its startup methods (`onModuleInit() { await this.loadTemplates(); }`),
 * directly, and at least once. A private method no code outside the class can call; a public one must be named for
 * startup too (Hoppscotch's `initializeInfraConfigTable()`): another class may call it, per request, by that name.
 */
function addMethodsCalledOnlyAtStartup(classNode: ts.ClassDeclaration, startup: Set<ts.Node>, candidates: readonly ts.MethodDeclaration[], tsm: typeof ts): void {
  const uses = thisMemberUses(classNode, tsm);
  const isCallFromStartup = (use: ts.PropertyAccessExpression) => tsm.isCallExpression(use.parent) && use.parent.expression === use && startup.has(enclosingFunction(use.parent, tsm));
  for (let added = true; added; ) {
    added = false;
    for (const candidate of candidates) {
      const calls = uses.get((candidate.name as ts.Identifier | ts.PrivateIdentifier).text);
      if (startup.has(candidate) || !calls?.every(isCallFromStartup)) continue;
      startup.add(candidate);
      added = true;
    }
  }
}

/** `this.name` reads anywhere in the class, by name (in nested functions too: there they count against the method). */
function thisMemberUses(classNode: ts.ClassDeclaration, tsm: typeof ts): Map<string, ts.PropertyAccessExpression[]> {
  const uses = new Map<string, ts.PropertyAccessExpression[]>();
  const visit = (node: ts.Node): void => {
    if (tsm.isPropertyAccessExpression(node) && node.expression.kind === tsm.SyntaxKind.ThisKeyword) {
      const name = node.name.text;
      const list = uses.get(name);
      if (list) list.push(node);
      else uses.set(name, [node]);
    }
    tsm.forEachChild(node, visit);
  };
  for (const member of classNode.members) visit(member);
  return uses;
}

/** The function or class whose body holds the node. */
function enclosingFunction(node: ts.Node, tsm: typeof ts): ts.Node {
  let current = node.parent;
  while (!tsm.isSourceFile(current) && !tsm.isFunctionLike(current) && !tsm.isClassLike(current)) current = current.parent;
  return current;
}

/** `@Module({...})` with `Module` imported from `@nestjs/common`: not a project's own decorator of that name. */
function isNestModuleClass(classNode: ts.ClassDeclaration, tsm: typeof ts, nestImports: ReadonlyMap<string, NestImport>): boolean {
  return (tsm.getDecorators(classNode) ?? []).some(
    ({ expression }) => tsm.isCallExpression(expression) && tsm.isIdentifier(expression.expression) && isNestImport(nestImports, expression.expression.text, '@nestjs/common', 'Module'),
  );
}

function isNestImport(nestImports: ReadonlyMap<string, NestImport>, localName: string, source: string, imported: string): boolean {
  const binding = nestImports.get(localName);
  return binding !== undefined && binding.source === source && binding.imported === imported;
}

/** Named imports from `@nestjs/` packages, by local name (`import { Module as NestModule } from '@nestjs/common'`). */
function nestImportsOf(file: ts.SourceFile, tsm: typeof ts): Map<string, NestImport> {
  const imports = new Map<string, NestImport>();
  if (!file.text.includes('@nestjs/')) return imports;
  for (const statement of file.statements) {
    if (!tsm.isImportDeclaration(statement) || !tsm.isStringLiteral(statement.moduleSpecifier) || !statement.moduleSpecifier.text.startsWith('@nestjs/')) continue;
    const bindings = statement.importClause?.namedBindings;
    if (!bindings || !tsm.isNamedImports(bindings)) continue;
    for (const element of bindings.elements) imports.set(element.name.text, { source: statement.moduleSpecifier.text, imported: (element.propertyName ?? element.name).text });
  }
  return imports;
}

function hasModifier(member: ts.MethodDeclaration, kind: ts.SyntaxKind): boolean {
  return member.modifiers?.some((modifier) => modifier.kind === kind) ?? false;
}

/**
 * `x.name`, `{ name: … }`, a method or property called `name`: the same spelling, another thing; `typeof name` or a
 * class's name in a type (`tb?: OSTinybird`) runs nothing.
 */
function isNameOfSomethingElse(node: ts.Identifier, tsm: typeof ts): boolean {
  const parent = node.parent;
  if (tsm.isTypeQueryNode(parent) || tsm.isTypeReferenceNode(parent)) return true;
  if (tsm.isPropertyAccessExpression(parent) && parent.name === node) return true;
  if ((tsm.isPropertyAssignment(parent) || tsm.isPropertyDeclaration(parent) || tsm.isMethodDeclaration(parent) || tsm.isPropertySignature(parent) || tsm.isMethodSignature(parent)) && parent.name === node) return true;
  return tsm.isQualifiedName(parent) && parent.right === node;
}
