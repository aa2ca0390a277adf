// Why ESLint costs more with any rule enabled than with none (the bench's "one empty rule" reference).
//
// For each file, ESLint 10 builds a frozen FileContext holding the file's SourceCode, and gives each enabled
// rule `Object.freeze(Object.assign(Object.create(fileContext), { id, options, report }))`
// (lib/linter/file-context.js, `extend`). V8 turns an object into a prototype (and registers it as one) when
// another is created from it; measured here, such a per-file prototype, and the SourceCode it holds (AST,
// tokens, scopes), then survives young-generation collections and is only freed by full ones. With no rule
// enabled `extend` is never called and the same graphs die young. Patching `extend` to copy the six fields
// into a plain object instead brought the garbage collection of an empty-rule run over the generated project
// down to the parse-only run's (about 0.6 s instead of 1.1 s).
//
// This script shows the effect without ESLint: each iteration builds a ~1 MB graph held by a frozen context,
// and in the "prototype" mode derives one object from that context as ESLint does. Run:
//   node bench/rule-context-gc.cjs plain; node bench/rule-context-gc.cjs copy; node bench/rule-context-gc.cjs prototype
// On the development machine (Node 20.20): plain 2.4 s wall / 0.95 s GC, copy the same,
// prototype 4.8 s / 1.8 s: the wall time doubles.
const { PerformanceObserver } = require('node:perf_hooks');

const mode = process.argv[2] ?? 'prototype';
let gcMs = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcMs += entry.duration;
}).observe({ entryTypes: ['gc'] });

class Context {
  constructor(graph) {
    this.graph = graph;
    Object.freeze(this);
  }
}

/** A stand-in for one file's SourceCode: 20,000 small linked nodes. */
function fileGraph() {
  const nodes = [];
  for (let index = 0; index < 20_000; index++) nodes.push({ index, parent: nodes[index >> 1], name: `n${index}` });
  return nodes;
}

let checksum = 0;
const started = performance.now();
for (let file = 0; file < 1_500; file++) {
  const context = new Context(fileGraph());
  let ruleContext = context;
  if (mode === 'prototype') ruleContext = Object.freeze(Object.assign(Object.create(context), { id: 'rule' }));
  else if (mode === 'copy') ruleContext = Object.freeze({ graph: context.graph, id: 'rule' });
  checksum += ruleContext.graph.length;
}
setTimeout(() => {
  console.log(`${mode}: ${Math.round(performance.now() - started)} ms wall, ${Math.round(gcMs)} ms in GC (${checksum} nodes)`);
}, 20);
