/** Mongoose: model statics, query chains (`find().sort().lean().exec()`), documents and connections. */
import type { TSESTree } from '@typescript-eslint/utils';
import type { DbOperationKind } from '../db-operations';
import { inFilterLists, isSpelledOutList, nameOfArgument, staticString } from './arguments';
import { continueOperation, membersInText, MODEL_CLASS_NAME, MODELS_MODULE_IMPORT_TEXT, receiverFromModelsModule, startOperation, wordsInText, type AnalysisTools, type DbValue, type LibraryModel, type Role } from './model';

const MODEL_STATICS: Readonly<Record<string, DbOperationKind>> = {
  find: 'read',
  findOne: 'read',
  findById: 'read',
  findOneAndUpdate: 'write',
  findByIdAndUpdate: 'write',
  findOneAndDelete: 'write',
  findByIdAndDelete: 'write',
  findOneAndReplace: 'write',
  findOneAndRemove: 'write',
  findByIdAndRemove: 'write',
  updateOne: 'write',
  updateMany: 'write',
  deleteOne: 'write',
  deleteMany: 'write',
  replaceOne: 'write',
  countDocuments: 'count',
  estimatedDocumentCount: 'count',
  exists: 'read',
  distinct: 'read',
  create: 'write',
  insertMany: 'write',
  bulkWrite: 'write',
  bulkSave: 'write',
  aggregate: 'read',
  populate: 'read',
  where: 'read',
};

const BATCHED_METHODS = new Set(['insertMany', 'bulkWrite', 'bulkSave']);
/** What awaiting a query yields: documents (unless `.lean()`). */
const DOCUMENT_RESULTS: Readonly<Record<string, 'one' | 'many'>> = {
  find: 'many',
  findOne: 'one',
  findById: 'one',
  findOneAndUpdate: 'one',
  findByIdAndUpdate: 'one',
  findOneAndReplace: 'one',
  create: 'one',
  insertMany: 'many',
};

const DOCUMENT_METHODS: Readonly<Record<string, DbOperationKind>> = { save: 'write', deleteOne: 'write', updateOne: 'write', remove: 'write', populate: 'read' };

/** Query and aggregate methods that hand back something other than the chain. */
const NOT_CHAIN = new Set(['getFilter', 'getQuery', 'getUpdate', 'getOptions', 'toConstructor', 'model', 'pipeline', 'explain']);

function modelOperation(value: DbValue, method: string, call: TSESTree.CallExpression, tools: AnalysisTools): DbValue | undefined {
  const kind = MODEL_STATICS[method];
  if (!kind) return undefined;
  const results = DOCUMENT_RESULTS[method];
  const createsMany = method === 'create' && call.arguments[0] !== undefined && tools.isArray(call.arguments[0]);
  const result: Role | undefined = results ? { role: 'document', target: value.target, many: results === 'many' || createsMany } : undefined;
  const isBatched = BATCHED_METHODS.has(method) || createsMany;
  return startOperation(value, call, method, kind, { role: method === 'aggregate' ? 'aggregate' : 'query', result, isBatched, keyLists: inFilterLists(call.arguments, { keys: ['$in'] }, tools) });
}

/** Statics only Mongoose models have among the object mappers (the MongoDB driver's collections are not PascalCase imports). */
const DISTINCTIVE_STATICS = new Set(['findById', 'findByIdAndUpdate', 'findByIdAndDelete', 'findByIdAndRemove', 'findOneAndUpdate', 'findOneAndDelete', 'findOneAndReplace', 'findOneAndRemove', 'countDocuments', 'estimatedDocumentCount']);

/**
 * A model of the project's without type information, by a PascalCase name:
 * - imported from the project's models (HyperDX's `import Alert from '@/models/alert'; Alert.find({ team })`);
 * - or taken from a registry named `models`, as Mongoose's own `connection.models` is: erxes hands its models to every
 *   resolver in the GraphQL context (`{ models }: IContext`, then `models.Deals.find(…)`, or `context.models.Deals`).
 * A static only Mongoose has counts anywhere for an imported name; any other model static only when the name comes
 * from a models module or registry and the package depends on Mongoose and on no other object mapper with
 * look-alike statics (Sequelize's `db.models.User.findOne` has the same spelling).
 */
function opaqueModel(names: readonly string[], method: string | undefined, call: TSESTree.CallExpression, tools: AnalysisTools): DbValue | undefined {
  if (method === undefined || !Object.hasOwn(MODEL_STATICS, method)) return undefined;
  const target = names[names.length - 1];
  if (!MODEL_CLASS_NAME.test(target)) return undefined;
  const fromRegistry = names.length >= 2 && names[names.length - 2] === 'models';
  if (names.length !== 1 && !fromRegistry) return undefined;
  if (fromRegistry || !DISTINCTIVE_STATICS.has(method)) {
    if (!fromRegistry && !receiverFromModelsModule(call, tools)) return undefined;
    const mappers = tools.modelMappers();
    if (!mappers.has('mongoose') || mappers.size > 1) return undefined;
  }
  return modelOperation({ library: 'mongoose', role: 'model', target, evidence: 'shape' }, method, call, tools);
}

export const mongoose: LibraryModel = {
  library: 'mongoose',
  matchesPackage: (source) => source === 'mongoose' || source === '@nestjs/mongoose',
  // Distinctive statics anywhere; the others only in a file that imports from a models module or names a registry.
  shapeText: [membersInText(DISTINCTIVE_STATICS), MODELS_MODULE_IMPORT_TEXT, wordsInText(['models'])],
  fromOpaque: opaqueModel,
  unsentBy: NOT_CHAIN,
  methodNames: [...Object.keys(MODEL_STATICS), ...Object.keys(DOCUMENT_METHODS), 'exec', 'cursor'],
  fromModule(path, source) {
    if (source !== 'mongoose') return undefined;
    if (path.length === 0) return { role: 'mongoose' };
    if (path.length !== 1) return undefined;
    if (path[0] === 'model') return { role: 'modelFunction' };
    if (path[0] === 'connection') return { role: 'connection' };
    if (path[0] === 'createConnection') return { role: 'connectionFunction' };
    if (path[0] === 'models') return { role: 'registry' };
    if (path[0] === 'Model') return { role: 'modelBase' };
    return undefined;
  },
  fromAnnotation(path, typeArguments, source) {
    if (source !== 'mongoose' || path.length !== 1) return undefined;
    return roleOfTypeName(path[0], typeArguments[0]);
  },
  fromInjection(decorator, source, argument) {
    if (source !== '@nestjs/mongoose') return undefined;
    if (decorator === 'InjectModel') return { role: 'model', target: nameOfArgument(argument) };
    if (decorator === 'InjectConnection') return { role: 'connection' };
    return undefined;
  },
  fromType(typeName, typeArguments, _isStatic, ownName) {
    return roleOfTypeName(typeName, typeArguments[0] || ownName);
  },
  construct(value) {
    return value.role === 'model' ? { role: 'document', target: value.target } : undefined;
  },
  subclass(value, className) {
    return value.role === 'modelBase' || value.role === 'model' ? { role: 'model', target: className } : undefined;
  },
  member(value, name) {
    if (value.role === 'mongoose' && name === 'connection') return { role: 'connection' };
    // `mongoose.connection.db`: the driver's database handle underneath (GrowthBook's `getCollection(name)`).
    if (value.role === 'connection' && name === 'db') return { library: 'mongodb', role: 'db', evidence: value.evidence } satisfies DbValue;
    if ((value.role === 'mongoose' || value.role === 'connection') && name === 'models') return { role: 'registry' };
    if (value.role === 'registry') return { role: 'model', target: name };
    return undefined;
  },
  call(value, method, call, tools) {
    switch (value.role) {
      case 'modelFunction':
        return method === undefined ? { role: 'model', target: staticString(call.arguments[0]) } : undefined;
      case 'connectionFunction':
        return method === undefined ? { role: 'connection', result: { role: 'connection' } } : undefined;
      case 'mongoose':
      case 'connection':
        if (method === 'model') return { role: 'model', target: staticString(call.arguments[0]) };
        if (method === 'createConnection' && value.role === 'mongoose') return { role: 'connection', result: { role: 'connection' } };
        if (method === 'useDb') return { role: 'connection' };
        // `connection.collection('teams')`: Mongoose hands the driver's collection methods through.
        if (method === 'collection' && value.role === 'connection' && call.arguments.length > 0) {
          return { library: 'mongodb', role: 'collection', target: staticString(call.arguments[0]), evidence: value.evidence } satisfies DbValue;
        }
        if (method === 'transaction') return startOperation(value, call, method, 'transaction');
        return undefined;
      case 'model':
        return method === undefined ? undefined : modelOperation(value, method, call, tools);
      case 'query':
      case 'aggregate':
        if (method === undefined || NOT_CHAIN.has(method)) return undefined;
        if (method === 'lean') return continueOperation(value, call, method, { result: null });
        if (method === 'cursor') return continueOperation(value, call, method, { role: 'cursor' });
        return continueOperation(value, call, method, { keyLists: method === 'in' && call.arguments.length > 0 ? (isSpelledOutList(call.arguments[0]) ? [] : [call.arguments[0]]) : inFilterLists(call.arguments, { keys: ['$in'] }, tools) });
      case 'document': {
        const kind = method === undefined ? undefined : DOCUMENT_METHODS[method];
        return kind && method ? startOperation(value, call, method, kind) : undefined;
      }
      default:
        return undefined;
    }
  },
};

function roleOfTypeName(typeName: string, typeArgument: string | undefined): Role | undefined {
  switch (typeName) {
    case 'Model':
    case 'PaginateModel':
    case 'AggregatePaginateModel':
      return { role: 'model', target: typeArgument || undefined };
    case 'Query':
      return { role: 'query', result: { role: 'document' } };
    case 'Aggregate':
      return { role: 'aggregate' };
    case 'Document':
    case 'HydratedDocument':
      return { role: 'document', target: typeArgument || undefined };
    case 'Connection':
      return { role: 'connection' };
    case 'Mongoose':
      return { role: 'mongoose' };
    default:
      return undefined;
  }
}
