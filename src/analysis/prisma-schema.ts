/**
 * The unique keys a project's Prisma schema declares, by client accessor (`model Tag` is `prisma.tag`): fields
 * marked `@id` or `@unique`, and compound keys (`@@id([a, b])`, `@@unique([a, b])`). A list query that pins such
 * a key returns at most one row per value it is given, as a lookup by `id` does.
 *
 * Where the schema is: at or above the linted file's folder, up to ESLint's working directory, in `schema.prisma`,
 * `prisma/schema.prisma`, `prisma/schema/*.prisma` (a multi-file schema), `prisma/*.prisma` (`schema.full.prisma`),
 * `schema/*.prisma` or `prisma/<provider>/schema.prisma`; failing that, in the same places of the working directory's packages two levels down
 * (`packages/database/prisma/schema.prisma`, where monorepos keep the schema apart from the apps that query it).
 * A model declared by several schemas (one per provider) keeps only the keys they all declare.
 *
 * Schemas are read from disk, never executed, and remembered for a few seconds by path, like package manifests
 * (see package-manifest.ts): a pure function of the disk, safe for `--concurrency`. The text is scanned line by
 * line with anchored patterns that cannot backtrack.
 */
import fs from 'node:fs';
import path from 'node:path';
import { remembered, type DiskMemo } from './disk-memo';
import { isAtOrBelow, listing, subfolders } from './folders';

export interface PrismaModelKeys {
  /** Fields unique on their own (`@id`, `@unique`). */
  fields: ReadonlySet<string>;
  /** Compound keys: each list of fields is unique together. */
  compounds: readonly (readonly string[])[];
  /**
   * Relation fields that hold their own foreign key, by name: `entityVersion EntityVersion @relation(fields:
   * [entityVersionId], references: [id])` → the related model's client accessor and the key fields (`entityVersionId`).
   */
  relations?: ReadonlyMap<string, PrismaRelation>;
  /**
   * Keys that leave only a few rows per value, not one: a compound key without its fields of a small enum type
   * (`@@unique([email, providerName])` with `providerName Provider`, an enum of 7: at most 7 rows per email).
   */
  fewRowsKeys?: readonly (readonly string[])[];
  /** List relation fields (`contacts Contact[]`), by name, with the related model's client accessor (`contact`). */
  listRelations?: ReadonlyMap<string, string>;
}

export interface PrismaRelation {
  /** The related model, by client accessor (`entityVersion`). */
  model: string;
  /** This model's fields the relation stores its key in. */
  fields: readonly string[];
}

export type PrismaKeysByAccessor = ReadonlyMap<string, PrismaModelKeys>;

/**
 * A model's keys from the schema, when it declares any: they then replace the default `id`. A view may declare none,
 * and its `id` may still be unique.
 */
export function declaredKeys(keys: PrismaModelKeys | undefined): PrismaModelKeys | undefined {
  return keys && (keys.fields.size > 0 || keys.compounds.length > 0) ? keys : undefined;
}

const MAX_MEMO_SIZE = 2_000;
/** Bounds the working directory's scan: a monorepo has tens of packages, not thousands. */
const MAX_SCANNED_FOLDERS = 400;

/** The keys of the Prisma schema that applies to `fileName` (see the module's comment); undefined when there is none. */
export function prismaKeysFor(cwd: string, fileName: string): PrismaKeysByAccessor | undefined {
  const now = Date.now();
  const root = path.resolve(cwd);
  // ESLint hands rules absolute names; a relative one (a test's) is relative to the working directory.
  const folder = path.dirname(path.resolve(root, fileName));
  if (!isAtOrBelow(folder, root)) return undefined;
  const files = remembered(schemaFilesByFolder, `${root}\0${folder}`, now, MAX_MEMO_SIZE, () => schemaFilesAbove(root, folder) ?? projectSchemaFiles(root, now));
  return files.length === 0 ? undefined : remembered(keysBySchemaSet, files.join('\0'), now, MAX_MEMO_SIZE, () => keysOfSchemaFiles(files, now));
}

const schemaFilesByFolder: DiskMemo<readonly string[]> = new Map();
const keysBySchemaSet: DiskMemo<PrismaKeysByAccessor> = new Map();
const projectSchemas: DiskMemo<readonly string[]> = new Map();
const schemaTexts: DiskMemo<string> = new Map();

/** The schema files of the nearest folder at or above `folder`, up to `root`, that has any. */
function schemaFilesAbove(root: string, folder: string): readonly string[] | undefined {
  for (let current = folder; ; current = path.dirname(current)) {
    const files = schemaFilesIn(current);
    if (files.length > 0) return files;
    if (current === root || !current.startsWith(root)) return undefined;
  }
}

/** The schemas of the working directory's packages, one and two levels down (`packages/db`, `apps/web`). */
function projectSchemaFiles(root: string, now: number): readonly string[] {
  return remembered(projectSchemas, root, now, MAX_MEMO_SIZE, () => {
    // A set: `packages/db/prisma` is scanned as a package too, and finds `packages/db`'s schema again.
    const found = new Set<string>();
    let scanned = 0;
    for (const first of subfolders(root, listing(root))) {
      if (++scanned > MAX_SCANNED_FOLDERS) break;
      // One listing of each folder serves both questions: its schema files and its subfolders.
      const firstEntries = listing(first);
      for (const file of schemaFilesIn(first, firstEntries)) found.add(file);
      for (const second of subfolders(first, firstEntries)) {
        if (++scanned > MAX_SCANNED_FOLDERS) break;
        for (const file of schemaFilesIn(second)) found.add(file);
      }
    }
    return [...found];
  });
}

/**
 * A package folder's schema files, in the places listed in the module's comment. Most folders hold none: one listing of
 * the folder decides that, and only a `prisma/` or `schema/` folder it shows is listed in turn.
 */
function schemaFilesIn(folder: string, entries: ReadonlyMap<string, 'file' | 'folder'> = listing(folder)): string[] {
  if (entries.get('schema.prisma') === 'file') return [path.join(folder, 'schema.prisma')];
  if (entries.get('prisma') === 'folder') {
    const prismaFolder = path.join(folder, 'prisma');
    const inPrisma = listing(prismaFolder);
    if (inPrisma.get('schema.prisma') === 'file') return [path.join(prismaFolder, 'schema.prisma')];
    if (inPrisma.get('schema') === 'folder') {
      const files = prismaFilesIn(path.join(prismaFolder, 'schema'));
      if (files.length > 0) return files;
    }
    const direct = prismaFilesIn(prismaFolder, inPrisma);
    if (direct.length > 0) return direct;
    // One schema per provider: `prisma/postgresql/schema.prisma`, `prisma/mysql/schema.prisma`.
    const perProvider = [...inPrisma]
      .filter(([name, kind]) => kind === 'folder' && listing(path.join(prismaFolder, name)).get('schema.prisma') === 'file')
      .map(([name]) => path.join(prismaFolder, name, 'schema.prisma'))
      .sort();
    if (perProvider.length > 0) return perProvider;
  }
  return entries.get('schema') === 'folder' ? prismaFilesIn(path.join(folder, 'schema')) : [];
}

/** A folder's entries by name: files and folders (empty when it cannot be read). */
function prismaFilesIn(folder: string, entries: ReadonlyMap<string, 'file' | 'folder'> = listing(folder)): string[] {
  return [...entries]
    .filter(([name, kind]) => kind === 'file' && name.endsWith('.prisma'))
    .map(([name]) => path.join(folder, name))
    .sort();
}

function schemaTextAt(file: string, now: number): string {
  return remembered(schemaTexts, file, now, MAX_MEMO_SIZE, () => {
    try {
      return fs.readFileSync(file, 'utf8');
    } catch {
      return '';
    }
  });
}

/**
 * The keys of a set of schema files. Enums count wherever they are declared: a multi-file schema keeps them apart
 * from the models that use them (`prisma/schema/enums.prisma`).
 */
function keysOfSchemaFiles(files: readonly string[], now: number): PrismaKeysByAccessor {
  const texts = files.map((file) => schemaTextAt(file, now));
  const enums = new Map<string, number>();
  for (const text of texts) for (const [name, size] of enumSizesIn(text)) enums.set(name, Math.max(size, enums.get(name) ?? 0));
  return mergedKeys(texts.map((text) => parsePrismaSchema(text, enums)));
}

/**
 * The keys of every model of one schema file, by client accessor. A multi-file schema's models are each in one
 * file, so the files of one schema simply add up; schemas that each declare a model (one per provider) agree on
 * the keys they all declare.
 */
function mergedKeys(schemas: readonly ReadonlyMap<string, PrismaModelKeys>[]): PrismaKeysByAccessor {
  const merged = new Map<string, PrismaModelKeys>();
  for (const schema of schemas) {
    for (const [accessor, keys] of schema) {
      const known = merged.get(accessor);
      merged.set(accessor, known ? commonKeys(known, keys) : keys);
    }
  }
  return merged;
}

function commonKeys(a: PrismaModelKeys, b: PrismaModelKeys): PrismaModelKeys {
  const sameCompound = (x: readonly string[], y: readonly string[]) => x.length === y.length && x.every((field) => y.includes(field));
  return {
    fields: new Set([...a.fields].filter((field) => b.fields.has(field))),
    compounds: a.compounds.filter((compound) => b.compounds.some((other) => sameCompound(compound, other))),
  };
}

/** `model Tag {` or `view Tag {`: a block whose fields the client queries. */
const BLOCK_START = /^(?:model|view)\s+(\w+)\s*\{/;
const ENUM_START = /^enum\s+(\w+)\s*\{/;
/** At most this many rows per value of the other fields for a compound key's enum fields to leave them "few". */
const MAX_FEW_ROWS = 100;
/** A field line: its name, then the rest (type and attributes). */
const FIELD = /^(\w+)\s+(.*)$/;
/** `@@id([a, b])`, `@@unique([a, b], name: "x")`, `@@unique(fields: [a, b])`: the bracketed list. */
const COMPOUND = /^@@(?:id|unique)\s*\(\s*(?:fields\s*:\s*)?\[([^\]]*)\]/;

/** The keys each model declares, by client accessor (exported for its test). */
export function parsePrismaSchema(text: string, enums: ReadonlyMap<string, number> = enumSizesIn(text)): Map<string, PrismaModelKeys> {
  const models = new Map<string, PrismaModelKeys>();
  /** Each model's required scalar-or-enum field types (`providerName Provider`), for the enum-bounded keys. */
  const fieldTypes = new Map<PrismaModelKeys, Map<string, string>>();
  /** Each model's list fields (`contacts Contact[]`) by their element type, told from scalar lists once every model is known. */
  const listTypes = new Map<PrismaModelKeys, Map<string, string>>();
  const modelNames = new Set<string>();
  let current: { fields: Set<string>; compounds: string[][]; relations: Map<string, PrismaRelation> } | undefined;
  let currentEnum: string | undefined;
  for (const line of schemaLines(text)) {
    if (currentEnum !== undefined) {
      if (line.startsWith('}')) currentEnum = undefined;
      continue;
    }
    if (!current) {
      const start = BLOCK_START.exec(line);
      if (start) {
        current = { fields: new Set(), compounds: [], relations: new Map() };
        models.set(clientAccessor(start[1]), current);
        modelNames.add(start[1]);
        fieldTypes.set(current, new Map());
        listTypes.set(current, new Map());
      } else {
        currentEnum = ENUM_START.exec(line)?.[1];
      }
      continue;
    }
    if (line.startsWith('}')) {
      current = undefined;
      continue;
    }
    if (line.startsWith('@@')) {
      const compound = COMPOUND.exec(line);
      if (compound) {
        const fields = compound[1].split(',').map((field) => field.trim().split('(')[0].trim()).filter((field) => field !== '');
        if (fields.length === 1) current.fields.add(fields[0]);
        else if (fields.length > 1) current.compounds.push(fields);
        // A partitioned table's key gets its time column appended (`@@id([id, createdAt])`): the id alone still names a row.
        const untimed = fields.filter((name) => !isTimeColumn(name));
        if (fields.length > 1 && untimed.length === 1 && untimed[0] === 'id') current.fields.add('id');
      }
      continue;
    }
    const field = FIELD.exec(line);
    if (!field) continue;
    // A required field's type (`Provider`, not `Provider?` or `Provider[]`): a nullable column repeats NULL in a unique key.
    const requiredType = REQUIRED_TYPE.exec(field[2])?.[1];
    if (requiredType !== undefined) fieldTypes.get(current)!.set(field[1], requiredType);
    if (hasKeyAttribute(field[2])) current.fields.add(field[1]);
    const relation = relationOf(field[2]);
    if (relation) current.relations.set(field[1], relation);
    const listType = LIST_TYPE.exec(field[2])?.[1];
    if (listType !== undefined) listTypes.get(current)!.set(field[1], listType);
  }
  if (enums.size > 0) for (const [model, types] of fieldTypes) addFewRowsKeys(model as MutableModelKeys, types, enums);
  for (const [model, lists] of listTypes) {
    const relations = new Map([...lists].filter(([, type]) => modelNames.has(type)).map(([name, type]) => [name, clientAccessor(type)]));
    if (relations.size > 0) (model as MutableModelKeys).listRelations = relations;
  }
  return models;
}

/** A schema's lines without their `//` comments and surrounding blanks, empty ones left out. */
function* schemaLines(text: string): Generator<string> {
  for (const rawLine of text.split('\n')) {
    const comment = rawLine.indexOf('//');
    const line = (comment === -1 ? rawLine : rawLine.slice(0, comment)).trim();
    if (line !== '') yield line;
  }
}

/** The number of values of each enum a schema text declares. */
function enumSizesIn(text: string): Map<string, number> {
  const sizes = new Map<string, number>();
  let currentEnum: string | undefined;
  for (const line of schemaLines(text)) {
    if (currentEnum === undefined) {
      currentEnum = ENUM_START.exec(line)?.[1];
      if (currentEnum !== undefined) sizes.set(currentEnum, 0);
    } else if (line.startsWith('}')) currentEnum = undefined;
    else if (!line.startsWith('@@')) sizes.set(currentEnum, (sizes.get(currentEnum) ?? 0) + 1);
  }
  return sizes;
}

type MutableModelKeys = PrismaModelKeys & { fewRowsKeys?: (readonly string[])[]; listRelations?: ReadonlyMap<string, string> };

/** `Contact[]`, `Contact[] @relation("members")`: a list field's element type. */
const LIST_TYPE = /^(\w+)\[\]/;

/** `String @id`, `Provider @default(LOCAL)`: the type of a field that is neither optional nor a list. */
const REQUIRED_TYPE = /^(\w+)(?![?[\w])/;

/** Each compound key's fields that are not of a small enum type, when there are some of both (`fewRowsKeys`). */
function addFewRowsKeys(model: MutableModelKeys, types: ReadonlyMap<string, string>, enumSizes: ReadonlyMap<string, number>): void {
  for (const compound of model.compounds) {
    let rowsPerValue = 1;
    const others: string[] = [];
    for (const field of compound) {
      const size = enumSizes.get(types.get(field) ?? '');
      if (size === undefined) others.push(field);
      else rowsPerValue *= size;
    }
    if (others.length > 0 && others.length < compound.length && rowsPerValue <= MAX_FEW_ROWS) (model.fewRowsKeys ??= []).push(others);
  }
}

/**
 * `EntityVersion @relation(fields: [entityVersionId], references: [id])`: the related model and the fields holding its
 * key. Read with `indexOf`, not a regular expression, so a long line costs one pass.
 */
function relationOf(rest: string): PrismaRelation | undefined {
  const at = rest.indexOf('@relation(');
  if (at === -1) return undefined;
  // The `fields:` argument, not a relation's name that happens to contain the word.
  let fieldsAt = rest.indexOf('fields', at);
  while (fieldsAt !== -1 && !/^fields\s*:/.test(rest.slice(fieldsAt, fieldsAt + 16))) fieldsAt = rest.indexOf('fields', fieldsAt + 1);
  const open = fieldsAt === -1 ? -1 : rest.indexOf('[', fieldsAt);
  const close = open === -1 ? -1 : rest.indexOf(']', open);
  if (close === -1) return undefined;
  const type = /^\w+/.exec(rest)?.[0];
  const fields = rest.slice(open + 1, close).split(',').map((name) => name.trim()).filter((name) => name !== '');
  return type && fields.length > 0 ? { model: clientAccessor(type), fields } : undefined;
}

/** `createdAt`, `created_at`, `timestamp`, `eventTime`: the columns a table is partitioned by. */
function isTimeColumn(name: string): boolean {
  const lower = name.toLowerCase();
  return name.endsWith('At') || lower.endsWith('_at') || lower.endsWith('time') || lower.endsWith('timestamp') || lower.endsWith('date');
}

/** `String @id @default(cuid())`, `String @unique(map: "x")`: an `@id` or `@unique` attribute, not `@@` nor `@idx`. */
function hasKeyAttribute(rest: string): boolean {
  for (const attribute of ['@id', '@unique']) {
    for (let at = rest.indexOf(attribute); at !== -1; at = rest.indexOf(attribute, at + 1)) {
      const after = rest.charAt(at + attribute.length);
      if (rest.charAt(at - 1) !== '@' && !/\w/.test(after)) return true;
    }
  }
  return false;
}

/** Prisma's client names a model's delegate by the model's name with its first letter lowered: `NewOrderRank` is `newOrderRank`. */
function clientAccessor(model: string): string {
  return model.charAt(0).toLowerCase() + model.slice(1);
}
