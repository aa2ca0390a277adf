/** Prisma: `client.<model>.<method>(…)`, fluent relation calls (`findUnique(…).posts()`), raw queries and `$transaction`. */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../../ast/node-types';
import type { DbOperationKind } from '../db-operations';
import { inFilterLists, isArrayLiteral, isObjectLiteral, sqlIsBatched, sqlText } from './arguments';
import { skipExpressionWrappers } from '../library-origin';
import { MEMBER_PREFIX, membersInText, namePatternInText, wordsInText, continueOperation, startOperation, type AnalysisTools, type DbValue, type LibraryModel, type Role } from './model';

const MODEL_METHODS: Readonly<Record<string, DbOperationKind>> = {
  findMany: 'read',
  findFirst: 'read',
  findFirstOrThrow: 'read',
  findUnique: 'read',
  findUniqueOrThrow: 'read',
  create: 'write',
  createMany: 'write',
  createManyAndReturn: 'write',
  update: 'write',
  updateMany: 'write',
  updateManyAndReturn: 'write',
  upsert: 'write',
  delete: 'write',
  deleteMany: 'write',
  count: 'count',
  aggregate: 'count',
  groupBy: 'read',
};

const BATCHED_METHODS = new Set(['createMany', 'createManyAndReturn']);

/**
 * Methods that return Prisma's fluent client (`Prisma__UserClient`): a relation call may follow
 * (`prisma.user.findUnique(…).posts()`), and the query then loads that relation.
 */
const FLUENT_METHODS = new Set(['findUnique', 'findUniqueOrThrow', 'findFirst', 'findFirstOrThrow', 'create', 'update', 'upsert', 'delete']);
/** The generated fluent client type of a model: `Prisma__UserClient`. */
const FLUENT_TYPE_PREFIX = 'Prisma__';
const FLUENT_TYPE_SUFFIX = 'Client';

/** Names no other library uses on `x.<model>`: accepted on call shape alone. */
const DISTINCTIVE_METHODS = new Set(['findMany', 'findUnique', 'findUniqueOrThrow', 'findFirst', 'findFirstOrThrow', 'createMany', 'createManyAndReturn', 'upsert', 'updateMany', 'updateManyAndReturn', 'deleteMany', 'groupBy', 'aggregate']);

const CLIENT_METHODS: Readonly<Record<string, DbOperationKind>> = {
  $queryRaw: 'raw',
  $executeRaw: 'raw',
  $queryRawUnsafe: 'raw',
  $executeRawUnsafe: 'raw',
  $queryRawTyped: 'raw',
  $runCommandRaw: 'raw',
  $transaction: 'transaction',
};

const RAW_TAGS = new Set(['$queryRaw', '$executeRaw']);
const CLIENT_TYPE_NAMES = new Set(['PrismaClient', 'DefaultPrismaClient', 'TransactionClient', 'DynamicClientExtensionThis', 'PrismaClientExtends']);
const PRISMA_NAME = /prisma/i;
/** Receivers commonly holding a Prisma client under a generic name; still need a distinctive method. */
const MODEL_NAME = /^[a-z][A-Za-z0-9_]*$/;

const client: Role = { role: 'client' };

/**
 * Prisma's `upsert` takes `{ where, create, update }`. Other stores name a method so too (Trigger.dev's
 * `ctx.investigations.upsert({ id, projectRef, … })`): a literal without those keys is not Prisma's.
 */
function isPrismaUpsertArgument(argument: TSESTree.Node | undefined): boolean {
  const object = argument && skipExpressionWrappers(argument);
  if (object?.type !== AST_NODE_TYPES.ObjectExpression) return true;
  const keys = new Set<string>();
  for (const property of object.properties) {
    if (property.type === AST_NODE_TYPES.SpreadElement) return true;
    if (!property.computed && property.key.type === AST_NODE_TYPES.Identifier) keys.add(property.key.name);
  }
  return keys.has('where') && (keys.has('create') || keys.has('update'));
}

/**
 * A generic adapter's call that names its model among the arguments, `adapter.findMany({ model: 'user', where: [{ field,
 * value }] })` (Better Auth's database adapter): Prisma's arguments never hold a `model`, and its `where` is an object.
 */
function namesModelInArguments(call: TSESTree.CallExpression): boolean {
  const options = call.arguments[0] && skipExpressionWrappers(call.arguments[0]);
  if (options?.type !== AST_NODE_TYPES.ObjectExpression) return false;
  return options.properties.some(
    (property) =>
      property.type === AST_NODE_TYPES.Property &&
      !property.computed &&
      property.key.type === AST_NODE_TYPES.Identifier &&
      (property.key.name === 'model' || (property.key.name === 'where' && isArrayLiteral(property.value))),
  );
}

function modelOperation(base: DbValue, method: string, call: TSESTree.CallExpression, tools: AnalysisTools): DbValue | undefined {
  const kind = MODEL_METHODS[method];
  if (!kind) return undefined;
  const keyLists = inFilterLists(call.arguments, { keys: ['in'] }, tools);
  return startOperation(base, call, method, kind, { isBatched: BATCHED_METHODS.has(method), keyLists, role: FLUENT_METHODS.has(method) ? 'fluent' : undefined });
}

/**
 * `.posts()` on a fluent query (or on a to-one relation call before it, `.author().posts()`): the same
 * query, now loading the relation. It keeps the operation's method, so `findUnique` stays `findUnique`
 * (Prisma's dataloader batches those, fluent or not). The relation's name goes into `detail`.
 */
function fluentRelation(value: DbValue, method: string, call: TSESTree.CallExpression): DbValue | undefined {
  if (method.startsWith('$') || method.startsWith('_') || method.startsWith('#')) return undefined;
  return continueOperation(value, call, method, { role: 'relation', detail: method });
}

function clientOperation(base: DbValue, method: string, call: TSESTree.CallExpression): DbValue | undefined {
  const kind = CLIENT_METHODS[method];
  if (!kind) return undefined;
  const isBatched = kind === 'raw' && sqlIsBatched(sqlText(call.arguments[0]));
  return startOperation(base, call, method, kind, { isBatched, target: undefined });
}

/** nestjs-prisma's `PrismaService` is a `PrismaClient` (it extends it) that Nest injects (Reactive Resume's services). */
const NESTJS_PRISMA = 'nestjs-prisma';

/**
 * `@nestjs-cls/transactional`: `txHost: TransactionHost<TransactionalAdapterPrisma>` hands out the transaction's
 * Prisma client (or the plain one outside a transaction) as `txHost.tx`.
 */
const NESTJS_CLS_TRANSACTIONAL = '@nestjs-cls/transactional';
const PRISMA_ADAPTER = 'TransactionalAdapterPrisma';

function isPrismaModule(source: string): boolean {
  return (
    source === '@prisma/client' ||
    source.startsWith('@prisma/client/') ||
    source === '.prisma/client' ||
    source.startsWith('.prisma/client/') ||
    source === NESTJS_PRISMA ||
    source === NESTJS_CLS_TRANSACTIONAL
  );
}

/**
 * The file calls a Prisma-only model method on a client of this name somewhere (`db.project.findMany(`): its other
 * model calls (`db.project.delete(…)`, `db.member.create(…)`) are Prisma's too, whatever the client is called
 * (Openpanel's `db` from `@openpanel/db`). Drizzle's `db.query.users.findMany(` names its tables under `query`.
 * A linear scan of the text, remembered for the last file's text (a pure function of the text and the name).
 */
function callsDistinctiveModelMethod(text: string, clientName: string, spelledOut = false): boolean {
  if (clientName === 'query') return false;
  if (text !== scannedText) {
    scannedText = text;
    clientsByName.clear();
  }
  const key = spelledOut ? `${clientName}(` : clientName;
  let known = clientsByName.get(key);
  if (known === undefined) {
    known = scanForDistinctiveModelCall(text, clientName, spelledOut);
    clientsByName.set(key, known);
  }
  return known;
}
let scannedText: string | undefined;
const clientsByName = new Map<string, boolean>();

/** `spelledOut`: only a call whose arguments are written in place (`findMany({ … })`, `findMany()`), not `findFirst(isOpen)`. */
function scanForDistinctiveModelCall(text: string, clientName: string, spelledOut: boolean): boolean {
  const needle = `${clientName}.`;
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
    if (at > 0 && isIdentifierChar(text.charCodeAt(at - 1))) continue;
    const modelEnd = identifierEnd(text, at + needle.length);
    if (modelEnd === at + needle.length || text[modelEnd] !== '.') continue;
    const methodEnd = identifierEnd(text, modelEnd + 1);
    const method = text.slice(modelEnd + 1, methodEnd);
    if (text[methodEnd] !== '(' || !DISTINCTIVE_METHODS.has(method)) continue;
    if (spelledOut && !opensObjectOrCloses(text, methodEnd + 1)) continue;
    // `upsert` alone says little (see isPrismaUpsertArgument): its argument must read like Prisma's.
    if (method !== 'upsert' || upsertTextReadsLikePrisma(text, methodEnd)) return true;
  }
  return false;
}

/** After `(`, past blanks: `{` or `)`. */
function opensObjectOrCloses(text: string, at: number): boolean {
  let index = at;
  while (index < text.length && (text[index] === ' ' || text[index] === '\n' || text[index] === '\r' || text[index] === '\t')) index++;
  return text[index] === '{' || text[index] === ')';
}

const MAX_UPSERT_ARGUMENT_TEXT = 4000;

/** The text of the call opened at `open` names `where` and `create` or `update`. One bounded pass to the closing parenthesis. */
function upsertTextReadsLikePrisma(text: string, open: number): boolean {
  let depth = 0;
  let end = open;
  const limit = Math.min(text.length, open + MAX_UPSERT_ARGUMENT_TEXT);
  for (; end < limit; end++) {
    const char = text[end];
    if (char === '(') depth++;
    else if (char === ')' && --depth === 0) break;
  }
  const argument = text.slice(open, end);
  return hasWord(argument, 'where') && (hasWord(argument, 'create') || hasWord(argument, 'update'));
}

function hasWord(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    if ((at === 0 || !isIdentifierChar(text.charCodeAt(at - 1))) && !isIdentifierChar(text.charCodeAt(at + word.length))) return true;
  }
  return false;
}

function identifierEnd(text: string, start: number): number {
  let end = start;
  while (end < text.length && isIdentifierChar(text.charCodeAt(end))) end++;
  return end;
}

function isIdentifierChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code === 36;
}

export const prisma: LibraryModel = {
  library: 'prisma',
  matchesPackage: isPrismaModule,
  // `x.$transaction`, `x.$queryRaw`…; `prisma`, `PrismaService`, `PrismaClient`; `TransactionClient`; `x.user.findMany` with a distinctive method
  // (only ever a method of a call: `fromOpaque`).
  shapeText: [new RegExp(`${MEMBER_PREFIX}\\$[A-Za-z_]`), namePatternInText(PRISMA_NAME), wordsInText(['TransactionClient']), membersInText(DISTINCTIVE_METHODS)],
  methodNames: [...Object.keys(MODEL_METHODS), ...Object.keys(CLIENT_METHODS), '$extends'],
  fromModule(path, source) {
    if (path.length === 1 && path[0] === (source === NESTJS_PRISMA ? 'PrismaService' : 'PrismaClient')) return { role: 'clientClass' };
    return undefined;
  },
  fromProjectImport(imported) {
    // A client generated to a custom output path: `import { PrismaClient } from '../generated/prisma'`.
    return imported === 'PrismaClient' ? { role: 'clientClass' } : undefined;
  },
  fromAnnotation(path, typeArguments, source) {
    if (source === NESTJS_PRISMA) return path.length === 1 && path[0] === 'PrismaService' ? client : undefined;
    if (source === NESTJS_CLS_TRANSACTIONAL) return path.length === 1 && path[0] === 'TransactionHost' && typeArguments[0] === PRISMA_ADAPTER ? { role: 'transactionHost' } : undefined;
    if (path.length === 1 && path[0] === 'PrismaClient') return client;
    if (path.length === 2 && path[0] === 'Prisma' && path[1] === 'TransactionClient') return client;
    return undefined;
  },
  fromTypeName(name) {
    return /Prisma(Service|Client)/.test(name) || name === 'TransactionClient' ? client : undefined;
  },
  fromType(typeName) {
    if (CLIENT_TYPE_NAMES.has(typeName)) return client;
    if (typeName.endsWith('Delegate') && typeName.length > 'Delegate'.length) {
      const model = typeName.slice(0, -'Delegate'.length);
      return { role: 'model', target: model[0].toLowerCase() + model.slice(1) };
    }
    if (typeName.startsWith(FLUENT_TYPE_PREFIX) && typeName.endsWith(FLUENT_TYPE_SUFFIX) && typeName.length > FLUENT_TYPE_PREFIX.length + FLUENT_TYPE_SUFFIX.length) {
      const model = typeName.slice(FLUENT_TYPE_PREFIX.length, -FLUENT_TYPE_SUFFIX.length);
      return { role: 'fluent', target: model[0].toLowerCase() + model.slice(1) };
    }
    return undefined;
  },
  fromOpaque(names, method, call, tools) {
    if (method === undefined) return undefined;
    const last = names[names.length - 1];
    if (method in CLIENT_METHODS && (method.startsWith('$') || PRISMA_NAME.test(last))) {
      return clientOperation({ library: 'prisma', role: 'client', evidence: 'shape' }, method, call);
    }
    if (names.length < 2 || !(method in MODEL_METHODS) || !MODEL_NAME.test(last)) return undefined;
    const clientName = names[names.length - 2];
    // `x.query.users.findMany()` is Drizzle's relational API: a Prisma client is never named `query`.
    if (clientName === 'query' && names.length >= 3) return undefined;
    const plainArguments = call.arguments.length === 0 || (call.arguments.length === 1 && isObjectLiteral(call.arguments[0]));
    // `db.asset.create(data)` with the arguments built first (Shelf's backup restore): only for a client the name or
    // the file's other calls show to be Prisma's, not on the method's name alone (`store.items.findFirst(predicate)`).
    const heldArguments = !plainArguments && call.arguments.length === 1 && skipExpressionWrappers(call.arguments[0]).type === AST_NODE_TYPES.Identifier;
    if ((!plainArguments && !heldArguments) || namesModelInArguments(call) || (method === 'upsert' && !isPrismaUpsertArgument(call.arguments[0]))) return undefined;
    if (heldArguments) {
      return PRISMA_NAME.test(clientName) || callsDistinctiveModelMethod(tools.text, clientName, true) ? modelOperation({ library: 'prisma', role: 'model', target: last, evidence: 'shape' }, method, call, tools) : undefined;
    }
    if (PRISMA_NAME.test(clientName) || DISTINCTIVE_METHODS.has(method) || callsDistinctiveModelMethod(tools.text, clientName)) {
      return modelOperation({ library: 'prisma', role: 'model', target: last, evidence: 'shape' }, method, call, tools);
    }
    return undefined;
  },
  fromOpaqueTag(names) {
    const last = names[names.length - 1];
    if (!RAW_TAGS.has(last)) return undefined;
    return rawTagOperation({ library: 'prisma', role: 'client', evidence: 'shape' }, last);
  },
  construct(value) {
    return value.role === 'clientClass' ? client : undefined;
  },
  subclass(value) {
    return value.role === 'clientClass' ? value : undefined;
  },
  member(value, name) {
    if (value.role === 'transactionHost') return name === 'tx' ? client : undefined;
    if (value.role !== 'client') return undefined;
    if (RAW_TAGS.has(name)) return { role: 'rawTag', detail: name };
    if (name.startsWith('$') || name.startsWith('_') || name.startsWith('#') || name === 'constructor') return undefined;
    return { role: 'model', target: name };
  },
  call(value, method, call, tools) {
    if (method === undefined) return undefined;
    if (value.role === 'model') return modelOperation(value, method, call, tools);
    if (value.role === 'fluent' || value.role === 'relation') return fluentRelation(value, method, call);
    if (value.role === 'client') {
      if (method === '$extends') return client;
      return clientOperation(value, method, call);
    }
    return undefined;
  },
  callbackParam(value, method, _call, paramIndex) {
    return value.role === 'client' && method === '$transaction' && paramIndex === 0 ? client : undefined;
  },
  tagged(value) {
    if (value.role !== 'rawTag' || !value.detail) return undefined;
    return rawTagOperation(value, value.detail);
  },
};

/** A tagged raw query is not a call: the analyzer reports it through `classifyTaggedTemplate`. */
function rawTagOperation(base: DbValue, method: string): DbValue {
  return { library: 'prisma', evidence: base.evidence, role: 'taggedQuery', detail: method };
}
