/**
 * Which functions of the project can run when a given function runs: the audit's call graph, built
 * lazily with ts-morph's type checker.
 *
 * From a function it follows every call and `new` inside it (nested callbacks included) to the
 * declarations the checker resolves, across files and imports: plain functions, class methods through
 * `this.service.method()` and injected properties' types, constructors, functions passed as callbacks
 * (`items.map(this.format)`), and interface or abstract methods to their implementations. Declarations
 * in node_modules or .d.ts files are not followed. Reach is breadth-first with a depth limit and a
 * visited set, so recursion and large projects stay bounded.
 */
import { Node, SyntaxKind, type ClassDeclaration, type Symbol as MorphSymbol } from 'ts-morph';

export const DEFAULT_MAX_DEPTH = 12;
/** At most this many implementations are followed for one interface method. */
const MAX_IMPLEMENTATIONS = 12;

/** A node whose body runs when it is called. */
export function isFunctionLike(node: Node): boolean {
  return (
    Node.isFunctionDeclaration(node) ||
    Node.isFunctionExpression(node) ||
    Node.isArrowFunction(node) ||
    Node.isMethodDeclaration(node) ||
    Node.isConstructorDeclaration(node) ||
    Node.isGetAccessorDeclaration(node) ||
    Node.isSetAccessorDeclaration(node)
  );
}

/** Declarations in the project's own sources, not in dependencies or declaration files. */
export function isProjectCode(node: Node): boolean {
  const file = node.getSourceFile();
  return !file.isDeclarationFile() && !file.isInNodeModules();
}

export class CallGraph {
  private readonly calleesCache = new Map<Node, readonly Node[]>();
  private readonly implementationsCache = new Map<Node, Node[]>();
  /** Interfaces and classes → the project classes implementing or extending them; built on first use. */
  private subtypeIndex: Map<Node, ClassDeclaration[]> | undefined;
  /** "Go to implementation" searches the whole program; it runs at most this many times per audit. */
  private languageServiceBudget = 40;

  constructor(private readonly maxDepth = DEFAULT_MAX_DEPTH) {}

  /**
   * The functions an expression denotes: an inline function itself, or what an identifier or property
   * access resolves to (`getUser`, `controller.list`, an imported function). Empty when unknown.
   */
  functionsOf(expression: Node): Node[] {
    if (Node.isArrowFunction(expression) || Node.isFunctionExpression(expression)) return [expression];
    if (Node.isParenthesizedExpression(expression) || Node.isAsExpression(expression) || Node.isNonNullExpression(expression)) {
      return this.functionsOf(expression.getExpression());
    }
    // `handler.bind(this)`: the function being bound.
    if (Node.isCallExpression(expression)) {
      const callee = expression.getExpression();
      if (Node.isPropertyAccessExpression(callee) && callee.getName() === 'bind') return this.functionsOf(callee.getExpression());
      return [];
    }
    let nameNode: Node | undefined;
    if (Node.isIdentifier(expression) || Node.isThisExpression(expression)) nameNode = expression;
    else if (Node.isPropertyAccessExpression(expression)) nameNode = expression.getNameNode();
    else if (Node.isElementAccessExpression(expression)) nameNode = expression.getArgumentExpression();
    if (!nameNode || Node.isThisExpression(nameNode)) return [];
    return this.functionsOfSymbol(safeSymbol(nameNode));
  }

  private functionsOfSymbol(symbol: MorphSymbol | undefined, depth = 0): Node[] {
    if (!symbol || depth > 3) return [];
    if (symbol.isAlias()) {
      const aliased = symbol.getAliasedSymbol();
      if (aliased && aliased !== symbol) return this.functionsOfSymbol(aliased, depth + 1);
    }
    const functions: Node[] = [];
    for (const declaration of symbol.getDeclarations()) {
      if (!isProjectCode(declaration)) continue;
      functions.push(...this.functionsOfDeclaration(declaration, depth));
    }
    return functions;
  }

  private functionsOfDeclaration(declaration: Node, depth: number): Node[] {
    if (isFunctionLike(declaration)) {
      // An overload signature has no body; the implementation is another declaration of the same symbol.
      if ((Node.isFunctionDeclaration(declaration) || Node.isMethodDeclaration(declaration)) && !declaration.hasBody()) {
        return Node.isMethodDeclaration(declaration) && declaration.isAbstract() ? this.implementationsOf(declaration) : [];
      }
      return [declaration];
    }
    if (Node.isMethodSignature(declaration)) return this.implementationsOf(declaration);
    // A function-typed property of an interface (`handle: (input: X) => Promise<Y>`); data properties are skipped.
    if (Node.isPropertySignature(declaration) && Node.isFunctionTypeNode(declaration.getTypeNode())) return this.implementationsOf(declaration);
    if (Node.isVariableDeclaration(declaration) || Node.isPropertyDeclaration(declaration) || Node.isPropertyAssignment(declaration)) {
      const initializer = declaration.getInitializer();
      if (!initializer) return [];
      if (Node.isArrowFunction(initializer) || Node.isFunctionExpression(initializer)) return [initializer];
      // `const handler = wrap(async () => …)` / `export const list = list0`: one level of indirection.
      if (Node.isIdentifier(initializer) && depth < 3) return this.functionsOfSymbol(safeSymbol(initializer), depth + 1);
      return [];
    }
    if (Node.isShorthandPropertyAssignment(declaration)) {
      return this.functionsOfSymbol(declaration.getValueSymbol(), depth + 1);
    }
    if (Node.isClassDeclaration(declaration)) {
      // `new Service()` runs its constructor (and field initializers, which sit outside any function).
      return declaration.getConstructors().filter((constructor) => constructor.hasBody());
    }
    return [];
  }

  /**
   * Implementations of an interface or abstract member: the same-named methods of the project's classes
   * that implement the interface or extend the abstract class (an index built once), else, for members
   * no class implements (object literals typed by the interface), "go to implementation" through the
   * language service, which searches the whole program and so runs a bounded number of times.
   */
  private implementationsOf(member: Node): Node[] {
    let found = this.implementationsCache.get(member);
    if (!found) {
      found = this.implementationsByHeritage(member);
      if (found.length === 0 && this.languageServiceBudget > 0) {
        this.languageServiceBudget--;
        found = this.implementationsByLanguageService(member);
      }
      this.implementationsCache.set(member, found);
    }
    return found;
  }

  private implementationsByHeritage(member: Node): Node[] {
    const owner = member.getParent();
    const name = (member as Node & { getName?: () => string }).getName?.();
    if (!owner || !name || !(Node.isInterfaceDeclaration(owner) || Node.isClassDeclaration(owner))) return [];
    const found: Node[] = [];
    for (const cls of this.subtypesOf(owner)) {
      const method = cls.getInstanceMethod(name);
      if (method && method.hasBody() && method !== member) found.push(method);
      const property = cls.getInstanceProperty(name);
      if (property && Node.isPropertyDeclaration(property)) {
        const initializer = property.getInitializer();
        if (initializer && (Node.isArrowFunction(initializer) || Node.isFunctionExpression(initializer))) found.push(initializer);
      }
      if (found.length >= MAX_IMPLEMENTATIONS) break;
    }
    return found;
  }

  /** Classes of the project that implement an interface or extend a class, directly or through other classes. */
  private subtypesOf(type: Node): ClassDeclaration[] {
    if (!this.subtypeIndex) {
      this.subtypeIndex = new Map();
      for (const file of type.getProject().getSourceFiles()) {
        if (file.isDeclarationFile() || file.isInNodeModules()) continue;
        for (const cls of file.getDescendantsOfKind(SyntaxKind.ClassDeclaration)) {
          for (const heritage of [...cls.getImplements(), ...(cls.getExtends() ? [cls.getExtends()!] : [])]) {
            let symbol = safeSymbol(heritage.getExpression());
            if (symbol?.isAlias()) symbol = symbol.getAliasedSymbol() ?? symbol;
            for (const declaration of symbol?.getDeclarations() ?? []) {
              const list = this.subtypeIndex.get(declaration) ?? [];
              list.push(cls);
              this.subtypeIndex.set(declaration, list);
            }
          }
        }
      }
    }
    const out: ClassDeclaration[] = [];
    const queue = [type];
    const seen = new Set<Node>();
    while (queue.length > 0 && out.length < 50) {
      for (const cls of this.subtypeIndex.get(queue.shift()!) ?? []) {
        if (seen.has(cls)) continue;
        seen.add(cls);
        out.push(cls);
        queue.push(cls);
      }
    }
    return out;
  }

  private implementationsByLanguageService(member: Node): Node[] {
    const name = (member as Node & { getNameNode?: () => Node }).getNameNode?.();
    if (!name) return [];
    try {
      const service = member.getProject().getLanguageService();
      const locations = service.getImplementationsAtPosition(name.getSourceFile(), name.getStart());
      const found: Node[] = [];
      for (const location of locations.slice(0, MAX_IMPLEMENTATIONS)) {
        const target = implementationFunction(location.getNode());
        if (target && target !== member && isProjectCode(target)) found.push(target);
      }
      return found;
    } catch {
      return [];
    }
  }

  /** The functions a function calls, constructs or hands over as callbacks, anywhere in its body. */
  callees(fn: Node): readonly Node[] {
    const cached = this.calleesCache.get(fn);
    if (cached) return cached;
    const out = new Set<Node>();
    try {
      for (const call of fn.getDescendantsOfKind(SyntaxKind.CallExpression)) {
        for (const target of this.functionsOf(call.getExpression())) out.add(target);
        for (const argument of call.getArguments()) {
          if (Node.isIdentifier(argument) || Node.isPropertyAccessExpression(argument)) {
            for (const target of this.functionsOf(argument)) out.add(target);
          }
        }
      }
      for (const construction of fn.getDescendantsOfKind(SyntaxKind.NewExpression)) {
        for (const target of this.functionsOf(construction.getExpression())) out.add(target);
      }
    } catch {
      // Broken code can make the checker throw; what was found so far still counts.
    }
    const callees = [...out].filter((callee) => callee !== fn);
    this.calleesCache.set(fn, callees);
    return callees;
  }

  /** Every function reachable from `entries` (included), within the depth limit. */
  reach(entries: readonly Node[]): Set<Node> {
    const reached = new Set<Node>(entries);
    let frontier = [...entries];
    for (let depth = 0; depth < this.maxDepth && frontier.length > 0; depth++) {
      const next: Node[] = [];
      for (const fn of frontier) {
        for (const callee of this.callees(fn)) {
          if (!reached.has(callee)) {
            reached.add(callee);
            next.push(callee);
          }
        }
      }
      frontier = next;
    }
    return reached;
  }
}

/** The function an implementation location points at: the method itself, or a property's function value. */
function implementationFunction(node: Node): Node | undefined {
  const declaration = Node.isIdentifier(node) || Node.isPrivateIdentifier(node) ? node.getParent() : node;
  if (!declaration) return undefined;
  if (isFunctionLike(declaration)) return declaration;
  if (Node.isPropertyAssignment(declaration) || Node.isPropertyDeclaration(declaration) || Node.isVariableDeclaration(declaration)) {
    const initializer = declaration.getInitializer();
    if (initializer && (Node.isArrowFunction(initializer) || Node.isFunctionExpression(initializer))) return initializer;
  }
  return undefined;
}

function safeSymbol(node: Node): MorphSymbol | undefined {
  try {
    return node.getSymbol();
  } catch {
    return undefined;
  }
}
