/**
 * Which endpoints does a finding belong to? Those whose handlers reach it: the finding lies inside a
 * handler, or inside a function the handler calls, directly or through other functions (call-graph.ts),
 * across files. Code at a module's top level, startup code and functions no handler reaches belong to no
 * endpoint.
 */
import type { Node, Project } from 'ts-morph';
import { isFunctionLike, type CallGraph } from './call-graph';
import type { DiscoveredEndpoint } from './endpoints';

export interface Located {
  /** Absolute path. */
  filePath: string;
  /** 1-based, as ESLint reports. */
  line: number;
  column: number;
}

/** The functions enclosing a position, innermost first (empty at a module's top level). */
export function enclosingFunctions(project: Project, where: Located): Node[] {
  const file = project.getSourceFile(where.filePath);
  if (!file) return [];
  let position: number;
  try {
    position = file.compilerNode.getPositionOfLineAndCharacter(where.line - 1, where.column - 1);
  } catch {
    return [];
  }
  const functions: Node[] = [];
  for (let node: Node | undefined = file.getDescendantAtPos(position); node; node = node.getParent()) {
    if (isFunctionLike(node)) functions.push(node);
  }
  return functions;
}

/** For each finding (same order), the ids of the endpoints whose handlers reach it. */
export function attributeFindings(
  findings: readonly Located[],
  endpoints: readonly DiscoveredEndpoint[],
  project: Project,
  graph: CallGraph,
): string[][] {
  const endpointsByFunction = new Map<Node, string[]>();
  for (const { endpoint, entries } of endpoints) {
    for (const fn of graph.reach(entries)) {
      const ids = endpointsByFunction.get(fn);
      if (ids) ids.push(endpoint.id);
      else endpointsByFunction.set(fn, [endpoint.id]);
    }
  }
  return findings.map((finding) => {
    const ids = new Set<string>();
    for (const fn of enclosingFunctions(project, finding)) for (const id of endpointsByFunction.get(fn) ?? []) ids.add(id);
    return [...ids];
  });
}
