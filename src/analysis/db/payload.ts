/**
 * Payload CMS: the Local API (`payload.find({ collection: 'posts', where })`, `findByID`, `create`, `update`,
 * `delete`, …) and the database adapter under it (`payload.db.find(…)`, `updateOne`, `deleteMany`, …). Each call is
 * one or more queries against the collection it names.
 *
 * The client comes from `getPayload({ config })` or Payload 2's default export; without an import, from a value named
 * `payload` (`req.payload`, `this.payload`) whose call names a collection or a global in an object literal, as every
 * Local API call does. `payload` alone is too common a name (webhook and token payloads) to count without that shape.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../../ast/node-types';
import type { DbOperationKind } from '../db-operations';
import { inFilterLists, staticString } from './arguments';
import { startOperation, type AnalysisTools, type DbValue, type LibraryModel, type Role } from './model';
import { skipExpressionWrappers } from '../library-origin';

/** The Local API's data methods (not `auth`, `login` and the other account flows). */
const LOCAL_API: Readonly<Record<string, DbOperationKind>> = {
  find: 'read',
  findByID: 'read',
  findGlobal: 'read',
  findVersions: 'read',
  findVersionByID: 'read',
  findGlobalVersions: 'read',
  findGlobalVersionByID: 'read',
  findDistinct: 'read',
  count: 'count',
  countVersions: 'count',
  countGlobalVersions: 'count',
  create: 'write',
  update: 'write',
  updateGlobal: 'write',
  delete: 'write',
  duplicate: 'write',
  restoreVersion: 'write',
  restoreGlobalVersion: 'write',
};

/** The database adapter's methods (`payload.db.…`). */
const ADAPTER: Readonly<Record<string, DbOperationKind>> = {
  find: 'read',
  findOne: 'read',
  findGlobal: 'read',
  findVersions: 'read',
  findGlobalVersions: 'read',
  findDistinct: 'read',
  queryDrafts: 'read',
  count: 'count',
  countVersions: 'count',
  create: 'write',
  createGlobal: 'write',
  createVersion: 'write',
  updateOne: 'write',
  updateMany: 'write',
  updateGlobal: 'write',
  updateVersion: 'write',
  upsert: 'write',
  deleteOne: 'write',
  deleteMany: 'write',
  deleteVersions: 'write',
};

/** Bulk forms: a `where` matching many documents changes them in one call. */
const BULK_METHODS = new Set(['updateMany', 'deleteMany', 'deleteVersions']);
const PAYLOAD_NAME = /^payload$/;

/**
 * The value of the option naming what a Local API or adapter call works on: `{ collection: 'posts', … }`, `{ global:
 * 'header', … }` or the adapter's `{ slug: 'header' }`. Every such call names one in an object literal.
 */
export function payloadTargetOption(call: TSESTree.CallExpression): TSESTree.Node | undefined {
  const options = call.arguments[0] && skipExpressionWrappers(call.arguments[0]);
  if (options?.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  for (const property of options.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.computed || property.key.type !== AST_NODE_TYPES.Identifier) continue;
    if (property.key.name === 'collection' || property.key.name === 'global' || property.key.name === 'slug') return property.value;
  }
  return undefined;
}

function namedTarget(call: TSESTree.CallExpression): { named: boolean; target?: string } {
  const option = payloadTargetOption(call);
  return option ? { named: true, target: staticString(option) } : { named: false };
}

/**
 * One call of the Local API or the adapter. `update`/`delete` with a `where` instead of an `id` change every
 * matching document in one call, batched when the filter is a list (`{ id: { in: ids } }`).
 */
function operation(value: DbValue, method: string, call: TSESTree.CallExpression, tools: AnalysisTools, table: Readonly<Record<string, DbOperationKind>>): DbValue | undefined {
  const kind = table[method];
  if (!kind) return undefined;
  const { target } = namedTarget(call);
  return startOperation(value, call, method, kind, { target, isBatched: BULK_METHODS.has(method), keyLists: inFilterLists(call.arguments, { keys: ['in'] }, tools) });
}

/**
 * Where a file spells a Local API or adapter call on a value named `payload` (`req.payload.find(`, `payload.db.deleteOne(`):
 * `payload` alone is in many files (webhooks, tokens) that hold no database value.
 */
const CALL_IN_TEXT = new RegExp(`\\bpayload\\s*\\.\\s*(?:db\\s*\\.\\s*)?(?:${[...new Set([...Object.keys(LOCAL_API), ...Object.keys(ADAPTER)])].join('|')})\\b`);

export const payload: LibraryModel = {
  library: 'payload',
  shapeText: [CALL_IN_TEXT],
  matchesPackage: (source) => source === 'payload',
  methodNames: [...new Set([...Object.keys(LOCAL_API), ...Object.keys(ADAPTER), 'getPayload'])],
  fromModule(path) {
    if (path.length === 0) return { role: 'client' };
    if (path.length === 1 && path[0] === 'getPayload') return { role: 'factory' };
    return undefined;
  },
  fromAnnotation(path) {
    if (path.length !== 1) return undefined;
    if (path[0] === 'Payload' || path[0] === 'BasePayload') return { role: 'client' };
    return path[0] === 'PayloadRequest' ? { role: 'request' } : undefined;
  },
  fromType(typeName) {
    if (typeName === 'BasePayload' || typeName === 'Payload') return { role: 'client' };
    if (typeName === 'PayloadRequest') return { role: 'request' };
    if (typeName === 'BaseDatabaseAdapter' || typeName === 'DatabaseAdapter') return { role: 'adapter' };
    return undefined;
  },
  fromOpaque(names, method, call, tools) {
    if (method === undefined) return undefined;
    const last = names[names.length - 1];
    const client: DbValue = { library: 'payload', role: 'client', evidence: 'shape' };
    // `req.payload.find({ collection: 'posts' })`, `payload.db.deleteOne({ collection, where })`.
    if (PAYLOAD_NAME.test(last) && method in LOCAL_API && namedTarget(call).named) return operation(client, method, call, tools, LOCAL_API);
    if (last === 'db' && names.length > 1 && PAYLOAD_NAME.test(names[names.length - 2]) && method in ADAPTER && namedTarget(call).named) {
      return operation({ ...client, role: 'adapter' }, method, call, tools, ADAPTER);
    }
    return undefined;
  },
  member(value, name) {
    if (value.role === 'client' && name === 'db') return { role: 'adapter' };
    // `req.payload` of a `PayloadRequest` (a hook's or an endpoint's request).
    return value.role === 'request' && name === 'payload' ? { role: 'client' } : undefined;
  },
  call(value, method, call, tools): Role | DbValue | undefined {
    switch (value.role) {
      case 'factory':
        return method === undefined ? { role: 'pending', result: { role: 'client' } } : undefined;
      case 'pending':
        return undefined;
      case 'client':
        return method === undefined ? undefined : operation(value, method, call, tools, LOCAL_API);
      case 'adapter':
        return method === undefined ? undefined : operation(value, method, call, tools, ADAPTER);
      default:
        return undefined;
    }
  },
};
