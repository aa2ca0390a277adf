/**
 * SQL text in application code: find it (`getSqlText`), know where it reaches the database
 * (`getSqlSink`), read it (`scanSql`, `columnLists`) and point back at the source (`locateInSource`).
 */
export { getSqlText } from './extract';
export { typeIsFromPackages } from './package-types';
export { outermostChainCall, queryBuilderOf, type QueryBuilderEvidence, type QueryBuilderLibrary, type QueryBuilderMatch } from './query-builders';
export {
  leadingKeyword,
  scanSql,
  splitStatements,
  SqlScan,
  startsWithSqlStatement,
  statementVerb,
  SQL_STATEMENT_KEYWORDS,
  type SqlStatementRange,
  type StatementVerb,
} from './scanner';
export { columnLists, selectListItems, starOfItem, type ColumnList, type TokenRange } from './select-lists';
export { isSystemCatalog, readsOnlyCatalogs } from './system-catalogs';
export {
  getSqlSink,
  RAW_SQL_METHODS,
  SQL_SINK_METHODS,
  STATEMENT_FUNCTIONS,
  STATEMENT_METHODS,
  type SqlSink,
  type SqlSinkEvidence,
  type SqlSinkOptions,
} from './sinks';
export {
  holeAt,
  locateInSource,
  pieceAt,
  type SqlHole,
  type SqlHoleKind,
  type SqlSourceLocation,
  type SqlSourceNode,
  type SqlText,
  type SqlTextPiece,
} from './sql-text';
export { getSqlTag, isStringTag, rawFragmentArgument, type SqlTag } from './tags';
export { HOLE_MARKER, SqlLexer, SqlToken, tokenizeSql, type SqlTokenKind, type TokenizeOptions } from './tokenizer';
