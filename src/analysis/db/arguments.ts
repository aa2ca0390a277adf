/**
 * Reading the arguments of database calls: names of tables and models, SQL text, and whether a filter
 * asks for many keys at once (`in`, `$in`, `In()`, `whereIn`, `inArray`, `IN (`, `= ANY(`).
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../../ast/node-types';
import { CONSTANT_NAME, isConstantName } from '../../ast/identifier-words';
import { parentSkippingWrappers, skipExpressionWrappers } from '../library-origin';
import type { AnalysisTools } from './model';

/** The static text of a string literal or a template literal without substitutions. */
export function staticString(node: TSESTree.Node | undefined): string | undefined {
  if (!node) return undefined;
  const current = skipExpressionWrappers(node);
  if (current.type === AST_NODE_TYPES.Literal && typeof current.value === 'string') return current.value;
  if (current.type === AST_NODE_TYPES.TemplateLiteral && current.expressions.length === 0) return current.quasis[0].value.cooked ?? undefined;
  return undefined;
}

/** The text of string-ish SQL: literals, the static parts of templates and tagged templates, joined. */
export function sqlText(node: TSESTree.Node | undefined): string | undefined {
  if (!node) return undefined;
  const current = skipExpressionWrappers(node);
  if (current.type === AST_NODE_TYPES.Literal && typeof current.value === 'string') return current.value;
  if (current.type === AST_NODE_TYPES.TemplateLiteral) return current.quasis.map((quasi) => quasi.value.raw).join(' ? ');
  if (current.type === AST_NODE_TYPES.TaggedTemplateExpression) return current.quasi.quasis.map((quasi) => quasi.value.raw).join(' ? ');
  // { text: 'SELECT …', values } (pg query config)
  if (current.type === AST_NODE_TYPES.ObjectExpression) {
    for (const property of current.properties) {
      if (property.type === AST_NODE_TYPES.Property && !property.computed && property.key.type === AST_NODE_TYPES.Identifier && (property.key.name === 'text' || property.key.name === 'sql')) {
        return sqlText(property.value);
      }
    }
  }
  return undefined;
}

/** SQL that looks rows up by a list of keys: ` IN (` or `= ANY(`. Linear scan, no regular expression over user text. */
export function sqlIsBatched(text: string | undefined): boolean {
  if (!text) return false;
  const lower = text.toLowerCase();
  let squeezed = '';
  let lastWasSpace = false;
  for (const char of lower) {
    const isSpace = char === ' ' || char === '\n' || char === '\t' || char === '\r';
    if (isSpace) {
      if (!lastWasSpace) squeezed += ' ';
      lastWasSpace = true;
    } else {
      squeezed += char;
      lastWasSpace = false;
    }
  }
  return squeezed.includes(' in (') || squeezed.includes(' in(') || squeezed.includes('= any(') || squeezed.includes('=any(') || squeezed.includes('= any (');
}

/** A table or model name from a string (`'users as u'` → `users`). */
export function tableName(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const trimmed = text.trim();
  const space = trimmed.indexOf(' ');
  return space < 0 ? trimmed : trimmed.slice(0, space);
}

/** The name an argument names a model or table by: `User`, `schema.users` → `users`, `'users'`, `User.name` → `User`. */
export function nameOfArgument(node: TSESTree.Node | undefined): string | undefined {
  if (!node) return undefined;
  const current = skipExpressionWrappers(node);
  if (current.type === AST_NODE_TYPES.Identifier) return current.name;
  const text = staticString(current);
  if (text !== undefined) return tableName(text);
  if (current.type === AST_NODE_TYPES.MemberExpression && !current.computed && current.property.type === AST_NODE_TYPES.Identifier) {
    if (current.property.name === 'name' && current.object.type === AST_NODE_TYPES.Identifier) return current.object.name;
    return current.property.name;
  }
  return undefined;
}

function keyName(property: TSESTree.Property): string | undefined {
  if (!property.computed && property.key.type === AST_NODE_TYPES.Identifier) return property.key.name;
  if (property.key.type === AST_NODE_TYPES.Literal && typeof property.key.value === 'string') return property.key.value;
  return undefined;
}

export interface InFilterStyle {
  /** Keys meaning "one of" inside a filter object: Prisma `in`, Mongo `$in`. */
  keys?: readonly string[];
  /** Functions meaning "one of", with the modules they come from: TypeORM `In`, Drizzle `inArray`. */
  functions?: readonly { name: string; module: (source: string) => boolean }[];
  /** Sequelize: `[Op.in]` keys, and `{ id: [1, 2] }` (an array value means IN). */
  sequelize?: boolean;
}

/**
 * The key lists the filters of `args` ask for at once (object literal filters, nested a few levels): the value of an
 * `in`/`$in` key, the list given to `In(list)`/`inArray(column, list)`, Sequelize's `[Op.in]: list` and
 * `where: { id: list }`. Empty when nothing asks for many keys. Bounded walk.
 */
export function inFilterLists(args: readonly TSESTree.Node[], style: InFilterStyle, tools: AnalysisTools): TSESTree.Node[] {
  const lists: TSESTree.Node[] = [];
  const found = (list: TSESTree.Node) => {
    if (!isSpelledOutList(list)) lists.push(list);
  };
  let budget = 200;
  const visit = (node: TSESTree.Node, depth: number, isFilterValue: boolean, inWhere: boolean): void => {
    if (--budget < 0 || depth > 8) return;
    const current = skipExpressionWrappers(node);
    switch (current.type) {
      case AST_NODE_TYPES.ObjectExpression:
        for (const property of current.properties) {
          if (property.type !== AST_NODE_TYPES.Property) continue;
          const key = keyName(property);
          if ((key !== undefined && style.keys?.includes(key)) || (style.sequelize && property.computed && isOpIn(property.key))) found(property.value);
          // Sequelize reads `where: { id: [1, 2] }` as IN.
          else if (style.sequelize && inWhere && key !== undefined && tools.isArray(property.value)) found(property.value);
          else visit(property.value, depth + 1, true, inWhere || key === 'where');
        }
        return;
      case AST_NODE_TYPES.ArrayExpression:
        if (!isFilterValue) return;
        for (const element of current.elements) if (element !== null && element.type !== AST_NODE_TYPES.SpreadElement) visit(element, depth + 1, true, inWhere);
        return;
      case AST_NODE_TYPES.CallExpression: {
        const callee = skipExpressionWrappers(current.callee);
        if (callee.type === AST_NODE_TYPES.Identifier && style.functions && current.arguments.length > 0) {
          const source = tools.importSource(callee);
          if (style.functions.some((fn) => fn.name === callee.name && source !== undefined && fn.module(source))) {
            found(current.arguments[current.arguments.length - 1]);
            return;
          }
        }
        // and(eq(..), inArray(..)) and similar combinators
        for (const argument of current.arguments) visit(argument, depth + 1, isFilterValue, inWhere);
        return;
      }
      default:
        return;
    }
  };
  for (const argument of args) visit(argument, 0, false, false);
  return lists;
}

/**
 * A list the code spells out element by element (`status: { in: ['pending', 'running'] }`, `[a.buyerId, a.sellerId]`),
 * or holds in a constant (`status: { in: LIVE_STATUSES }`, `Status.ACTIVE_STATES`): a few values fixed where the code
 * is written, not the keys of a batch. A spread (`[...ids, id]`) may hold any number.
 */
export function isSpelledOutList(list: TSESTree.Node): boolean {
  const value = skipExpressionWrappers(list);
  if (value.type === AST_NODE_TYPES.Identifier) return isConstantName(value.name);
  if (value.type === AST_NODE_TYPES.MemberExpression) return !value.computed && value.property.type === AST_NODE_TYPES.Identifier && isConstantName(value.property.name);
  return value.type === AST_NODE_TYPES.ArrayExpression && value.elements.every((element) => element === null || element.type !== AST_NODE_TYPES.SpreadElement);
}

function isOpIn(key: TSESTree.Node): boolean {
  return key.type === AST_NODE_TYPES.MemberExpression && !key.computed && key.property.type === AST_NODE_TYPES.Identifier && key.property.name === 'in';
}

export function isObjectLiteral(node: TSESTree.Node | undefined): boolean {
  return node !== undefined && skipExpressionWrappers(node).type === AST_NODE_TYPES.ObjectExpression;
}

export function isArrayLiteral(node: TSESTree.Node | undefined): boolean {
  return node !== undefined && skipExpressionWrappers(node).type === AST_NODE_TYPES.ArrayExpression;
}

/** A string literal or template: what raw SQL and Knex table names look like. */
export function isStringLike(node: TSESTree.Node | undefined): boolean {
  if (!node) return false;
  const current = skipExpressionWrappers(node);
  return (current.type === AST_NODE_TYPES.Literal && typeof current.value === 'string') || current.type === AST_NODE_TYPES.TemplateLiteral;
}

/**
 * A table's name held in a constant: `USERS_TABLE`, or a member of a constants object (`Tables.ORDER_ITEMS`,
 * `T.featureStrategies`, `TABLES.users`). Knex takes table names; a Drizzle table object is named like a value
 * (`users`, `schema.users`).
 */
export function isTableNameConstant(node: TSESTree.Node | undefined): boolean {
  if (!node) return false;
  const current = skipExpressionWrappers(node);
  if (current.type === AST_NODE_TYPES.Identifier) return CONSTANT_NAME.test(current.name);
  if (current.type !== AST_NODE_TYPES.MemberExpression || current.computed || current.property.type !== AST_NODE_TYPES.Identifier) return false;
  return CONSTANT_NAME.test(current.property.name) || (current.object.type === AST_NODE_TYPES.Identifier && CONSTANT_NAME.test(current.object.name));
}

/** `tableName`, `ordersTable`, `this.table`: a name that ends in "table" or "tableName". */
const TABLE_SUFFIX = /table(?:name)?$/i;

/**
 * What a knex instance is called with when it starts a query on a table (`db(…)`): a string, or a name that
 * says it holds a table's name (`USERS_TABLE` imported from the entity module, `Tables.ORDERS`,
 * `this.tableName`), which without types cannot be read but is no more anything else than a literal would be.
 */
export function holdsTableName(node: TSESTree.Node | undefined): boolean {
  if (!node) return false;
  if (isStringLike(node) || isTableNameConstant(node)) return true;
  const current = skipExpressionWrappers(node);
  const name =
    current.type === AST_NODE_TYPES.Identifier
      ? current.name
      : current.type === AST_NODE_TYPES.MemberExpression && !current.computed && current.property.type === AST_NODE_TYPES.Identifier
        ? current.property.name
        : undefined;
  return name !== undefined && TABLE_SUFFIX.test(name);
}

/**
 * The arguments of the `.from(…)` that continues `db.select(…)`, or undefined when no `.from` follows. What it
 * is given tells Knex (a table's name) from Drizzle (a table object).
 */
export function fromArgumentsAfter(select: TSESTree.CallExpression): TSESTree.CallExpressionArgument[] | undefined {
  const { parent } = parentSkippingWrappers(select);
  if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.computed || parent.property.type !== AST_NODE_TYPES.Identifier || parent.property.name !== 'from') return undefined;
  const fromCall = parent.parent;
  return fromCall?.type === AST_NODE_TYPES.CallExpression ? fromCall.arguments : undefined;
}

/** Identifier-ish arguments naming a table object (Drizzle) or an entity class. */
export function isReference(node: TSESTree.Node | undefined): boolean {
  if (!node) return false;
  const current = skipExpressionWrappers(node);
  return current.type === AST_NODE_TYPES.Identifier || current.type === AST_NODE_TYPES.MemberExpression;
}
