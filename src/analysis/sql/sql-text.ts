/**
 * SQL text assembled from code, with the way back from any offset of the text to the source.
 */
import type { TSESTree } from '@typescript-eslint/utils';

/** The literal a piece of SQL text is written in. */
export type SqlSourceNode = TSESTree.StringLiteral | TSESTree.TemplateLiteral;

/** A run of SQL text written literally in one string literal or one template-literal segment. */
export interface SqlTextPiece {
  /** Span of the SQL text: `text.slice(start, end)`. */
  readonly start: number;
  readonly end: number;
  /** The literal to report: the string literal, or the template literal the segment belongs to. */
  readonly node: SqlSourceNode;
  /** The string literal itself, or the template segment (TemplateElement). */
  readonly element: TSESTree.StringLiteral | TSESTree.TemplateElement;
  /**
   * Source offset of `text[start]` when every character of the piece is written verbatim in the source;
   * undefined when escape sequences make the mapping inexact.
   */
  readonly sourceStart?: number;
}

/**
 * How an expression inside the SQL (a `${…}` hole or a `+` operand) becomes part of the statement:
 * - `parameter`: an SQL tag sends it as a bound parameter (or a fragment the library escapes);
 * - `interpolation`: its text is spliced into the SQL and its value is unknown;
 * - `constant`: its text is spliced into the SQL and known statically: the text is inlined;
 * - `raw`: an explicit raw-SQL escape hatch (`sql.raw(x)`, `Prisma.raw(x)`) with an unknown value.
 */
export type SqlHoleKind = 'parameter' | 'interpolation' | 'constant' | 'raw';

export interface SqlHole {
  readonly kind: SqlHoleKind;
  /** The expression in the code. */
  readonly expression: TSESTree.Node;
  /** Span in the SQL text: a one-character placeholder, or for `constant`, the inlined text. */
  readonly start: number;
  readonly end: number;
}

export interface SqlText {
  readonly text: string;
  /** Literal runs, in text order. Text not covered by a piece is a hole placeholder. */
  readonly pieces: readonly SqlTextPiece[];
  /** Every hole, in text order; they do not overlap. */
  readonly holes: readonly SqlHole[];
  /** The text is the template of an SQL tag (`sql\`…\``, `prisma.$queryRaw\`…\``): holes are parameters. */
  readonly tagged: boolean;
}

function findBySpan<T extends { start: number; end: number }>(items: readonly T[], offset: number): T | undefined {
  let low = 0;
  let high = items.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const item = items[middle];
    if (offset < item.start) high = middle - 1;
    else if (offset >= item.end) low = middle + 1;
    else return item;
  }
  return undefined;
}

/** The literal piece that contains the character at `offset`. */
export function pieceAt(sql: SqlText, offset: number): SqlTextPiece | undefined {
  return findBySpan(sql.pieces, offset);
}

/** The hole whose placeholder or inlined text contains the character at `offset`. */
export function holeAt(sql: SqlText, offset: number): SqlHole | undefined {
  return findBySpan(sql.holes, offset);
}

export interface SqlSourceLocation {
  /** The literal that contains the start of the span. */
  readonly node: SqlSourceNode;
  /** The span's exact source range, when it lies in one piece written without escapes. */
  readonly range?: readonly [number, number];
  /** A key that is the same for the same characters of source, however the text reached the SQL. */
  readonly key: string;
}

/** Where the SQL text span `[start, end)` is written in the source. */
export function locateInSource(sql: SqlText, start: number, end: number): SqlSourceLocation | undefined {
  const piece = pieceAt(sql, start);
  if (!piece) return undefined;
  const offsetInPiece = start - piece.start;
  const key = `${piece.element.range[0]}:${offsetInPiece}`;
  if (piece.sourceStart === undefined || end > piece.end) return { node: piece.node, key };
  const sourceStart = piece.sourceStart + offsetInPiece;
  return { node: piece.node, range: [sourceStart, sourceStart + (end - start)], key };
}
