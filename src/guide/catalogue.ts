/**
 * The guide's table of contents: every checklist area and item, with stable anchors.
 * docs/guide.md follows this list; rules point at an item through `meta.docs.guide`.
 * Items no lint rule can judge carry `notStatic` with the reason, so the guide says so plainly.
 */
export interface GuideSection {
  readonly anchor: string;
  readonly title: string;
}

export interface GuideItem {
  readonly anchor: string;
  readonly title: string;
  readonly section: GuideSectionAnchor;
  /** Why no static rule can check this item; absent when a rule does or could. */
  readonly notStatic?: string;
}

export const GUIDE_SECTIONS = [
  { anchor: 'database', title: 'Database' },
  { anchor: 'network-and-io', title: 'Network and I/O' },
  { anchor: 'event-loop-and-cpu', title: 'Event loop and CPU' },
  { anchor: 'concurrency', title: 'Concurrency' },
  { anchor: 'caching', title: 'Caching' },
  { anchor: 'queues-and-asynchrony', title: 'Queues and asynchrony' },
  { anchor: 'logging-and-observability', title: 'Logging and observability' },
] as const satisfies readonly GuideSection[];

export type GuideSectionAnchor = (typeof GUIDE_SECTIONS)[number]['anchor'];

/** The end of a "not checked statically" reason for items decided by the running system, with the verb agreeing with its subject. */
const runtime = (verb: 'depend' | 'depends') => `${verb} on data volumes, traffic and the running system, which source code does not show`;

export const GUIDE_ITEMS = [
  // Database
  { anchor: 'n-plus-one-queries', title: 'N+1 queries', section: 'database' },
  { anchor: 'select-only-needed-columns', title: 'Select only the columns you need', section: 'database' },
  { anchor: 'paginate-large-results', title: 'Paginate large result sets', section: 'database' },
  { anchor: 'filter-in-the-database', title: 'Filter, count and sort in the database', section: 'database' },
  { anchor: 'connection-pooling', title: 'Create clients and pools once', section: 'database' },
  { anchor: 'short-transactions', title: 'Keep transactions short', section: 'database' },
  { anchor: 'parameterized-queries', title: 'Use parameterized queries', section: 'database' },
  { anchor: 'indexes', title: 'Add the right indexes', section: 'database', notStatic: 'which indexes a query needs follows from the schema, the data distribution and the query plan, not from application code' },
  { anchor: 'query-plans-and-slow-query-log', title: 'Read query plans and the slow-query log', section: 'database', notStatic: 'query plans and slow-query logs exist only on a running database' },
  { anchor: 'joins-and-denormalization', title: 'Keep joins lean; denormalize when justified', section: 'database', notStatic: 'whether a join is unnecessary or a schema should be denormalized is a data-model decision that needs workload numbers' },
  { anchor: 'pool-tuning', title: 'Tune pool sizes and connection timeouts', section: 'database', notStatic: `the right pool size and idle timeout ${runtime('depend')}` },
  { anchor: 'replicas-and-sharding', title: 'Read replicas, partitioning and sharding', section: 'database', notStatic: 'replication and sharding are infrastructure choices outside the application code' },
  { anchor: 'database-maintenance', title: 'Routine database maintenance', section: 'database', notStatic: 'vacuuming, re-indexing and cleaning up old data are operational tasks' },
  // Network and I/O
  { anchor: 'timeouts', title: 'Put a timeout on every outbound call', section: 'network-and-io' },
  { anchor: 'reduce-round-trips', title: 'Reduce round trips', section: 'network-and-io' },
  { anchor: 'connection-reuse', title: 'Reuse connections (keep-alive)', section: 'network-and-io' },
  { anchor: 'stream-large-payloads', title: 'Stream large requests and responses', section: 'network-and-io' },
  { anchor: 'compression', title: 'Compress responses', section: 'network-and-io', notStatic: 'compression is usually switched on in a proxy, a CDN or a middleware registered far from the handlers, so its absence in one file proves nothing' },
  { anchor: 'http2-and-locality', title: 'HTTP/2, CDNs and locality', section: 'network-and-io', notStatic: 'protocols, CDNs and where servers run are deployment choices' },
  { anchor: 'payload-limits', title: 'Enforce payload size limits', section: 'network-and-io', notStatic: 'body-size limits are set in framework or proxy configuration that a per-file rule cannot see whole' },
  // Event loop and CPU
  { anchor: 'blocking-calls', title: 'Keep blocking calls off the event loop', section: 'event-loop-and-cpu' },
  { anchor: 'algorithms-and-data-structures', title: 'Choose efficient algorithms and data structures', section: 'event-loop-and-cpu' },
  { anchor: 'serialization', title: 'Serialize and copy data efficiently', section: 'event-loop-and-cpu' },
  { anchor: 'profile-first', title: 'Profile before you optimize', section: 'event-loop-and-cpu', notStatic: 'profiling measures a running process' },
  { anchor: 'garbage-collection', title: 'Mind garbage-collection pressure', section: 'event-loop-and-cpu', notStatic: `allocation rates and heap sizes ${runtime('depend')}` },
  // Concurrency
  { anchor: 'bounded-concurrency', title: 'Bound concurrency (backpressure)', section: 'concurrency' },
  { anchor: 'retries-with-backoff', title: 'Retry with backoff', section: 'concurrency' },
  { anchor: 'rate-limiting', title: 'Rate limiting and throttling', section: 'concurrency', notStatic: 'rate limits are usually enforced by middleware, gateways or proxies configured outside the handler code' },
  { anchor: 'circuit-breakers-and-bulkheads', title: 'Circuit breakers and bulkheads', section: 'concurrency', notStatic: 'whether a dependency needs a breaker depends on its failure modes and traffic' },
  { anchor: 'scaling-out', title: 'Stateless services, load balancing and scaling', section: 'concurrency', notStatic: 'scaling and load balancing are deployment choices' },
  // Caching
  { anchor: 'cache-ttls', title: 'Give cached entries a TTL', section: 'caching' },
  { anchor: 'bounded-in-process-caches', title: 'Bound in-process caches', section: 'caching' },
  { anchor: 'caching-patterns', title: 'Pick a caching pattern', section: 'caching', notStatic: 'cache-aside, read-through and write-through are design choices that depend on consistency needs' },
  { anchor: 'cache-invalidation', title: 'Invalidate caches deliberately', section: 'caching', notStatic: 'which writes must evict which keys is business logic a linter cannot infer' },
  { anchor: 'cache-stampedes', title: 'Avoid cache stampedes', section: 'caching', notStatic: `whether many requests miss at once ${runtime('depends')}` },
  { anchor: 'http-and-cdn-caching', title: 'HTTP caching headers and CDNs', section: 'caching', notStatic: 'the right Cache-Control for a response depends on how fresh its data must be' },
  // Queues and asynchrony
  { anchor: 'background-jobs', title: 'Offload heavy work to background jobs', section: 'queues-and-asynchrony', notStatic: 'what counts as heavy work depends on data sizes and latency budgets' },
  { anchor: 'message-brokers', title: 'Use message brokers between services', section: 'queues-and-asynchrony', notStatic: 'how services talk to each other is an architecture decision' },
  // Logging and observability
  { anchor: 'asynchronous-logging', title: 'Log asynchronously', section: 'logging-and-observability' },
  { anchor: 'metrics-and-tracing', title: 'Metrics, tracing and dashboards', section: 'logging-and-observability', notStatic: 'whether an endpoint is instrumented is decided in setup code and infrastructure' },
  { anchor: 'performance-testing', title: 'Performance budgets and regression tests', section: 'logging-and-observability', notStatic: 'budgets and load tests are measured against a running system' },
] as const satisfies readonly GuideItem[];

export type GuideItemAnchor = (typeof GUIDE_ITEMS)[number]['anchor'];

const itemsByAnchor = new Map<string, GuideItem>(GUIDE_ITEMS.map((item) => [item.anchor, item]));
const sectionsByAnchor = new Map<string, GuideSection>(GUIDE_SECTIONS.map((section) => [section.anchor, section]));

export function getGuideItem(anchor: GuideItemAnchor): GuideItem {
  const item = itemsByAnchor.get(anchor);
  if (!item) throw new Error(`Unknown guide item: ${anchor}`);
  return item;
}

export function getGuideSection(anchor: GuideSectionAnchor): GuideSection {
  const section = sectionsByAnchor.get(anchor);
  if (!section) throw new Error(`Unknown guide section: ${anchor}`);
  return section;
}

/** "Database › N+1 queries": how messages and docs name a guide item. */
export function guideLabel(anchor: GuideItemAnchor): string {
  const item = getGuideItem(anchor);
  return `${getGuideSection(item.section).title} › ${item.title}`;
}

/** What a rule's `meta.docs` says about the guide: its item, and messages that belong to another item. */
export interface RuleGuideDocs {
  readonly guide: GuideItemAnchor;
  readonly messageGuides?: Readonly<Record<string, GuideItemAnchor>>;
}

/** The guide item a message of the rule names and links: its own entry in `messageGuides`, else the rule's item. */
export function guideOfMessage(docs: RuleGuideDocs, messageId: string | undefined): GuideItemAnchor {
  return (messageId !== undefined && docs.messageGuides && Object.hasOwn(docs.messageGuides, messageId) ? docs.messageGuides[messageId] : undefined) ?? docs.guide;
}

/** Every guide item the rule enforces: its own first, then those some of its messages name. */
export function guideItemsOfRule(docs: RuleGuideDocs): GuideItemAnchor[] {
  return [...new Set([docs.guide, ...Object.values(docs.messageGuides ?? {})])];
}
