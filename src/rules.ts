// Every rule of the plugin. tests/plugin-structure.test.ts checks this list against rules/, docs/ and tests/.
import noAccumulatingSpread from '../rules/no-accumulating-spread';
import noBlockingCall from '../rules/no-blocking-call';
import noCountForExistence from '../rules/no-count-for-existence';
import noInMemoryFiltering from '../rules/no-in-memory-filtering';
import noIoInTransaction from '../rules/no-io-in-transaction';
import noJsonDeepClone from '../rules/no-json-deep-clone';
import noN1 from '../rules/no-n-plus-one';
import noOffsetPagination from '../rules/no-offset-pagination';
import noPerRequestClient from '../rules/no-per-request-client';
import noQuadraticLookup from '../rules/no-quadratic-lookup';
import noRetryWithoutBackoff from '../rules/no-retry-without-backoff';
import noSelectStar from '../rules/no-select-star';
import noSyncLogging from '../rules/no-sync-logging';
import noUnboundedCache from '../rules/no-unbounded-cache';
import noUnboundedConcurrency from '../rules/no-unbounded-concurrency';
import noUnboundedQuery from '../rules/no-unbounded-query';
import preferParallelIo from '../rules/prefer-parallel-io';
import preferParameterizedQuery from '../rules/prefer-parameterized-query';
import preferStreamResponse from '../rules/prefer-stream-response';
import requireCacheTtl from '../rules/require-cache-ttl';
import requireFetchTimeout from '../rules/require-fetch-timeout';

export const rules = {
  'no-accumulating-spread': noAccumulatingSpread,
  'no-blocking-call': noBlockingCall,
  'no-count-for-existence': noCountForExistence,
  'no-in-memory-filtering': noInMemoryFiltering,
  'no-io-in-transaction': noIoInTransaction,
  'no-json-deep-clone': noJsonDeepClone,
  'no-n-plus-one': noN1,
  'no-offset-pagination': noOffsetPagination,
  'no-per-request-client': noPerRequestClient,
  'no-quadratic-lookup': noQuadraticLookup,
  'no-retry-without-backoff': noRetryWithoutBackoff,
  'no-select-star': noSelectStar,
  'no-sync-logging': noSyncLogging,
  'no-unbounded-cache': noUnboundedCache,
  'no-unbounded-concurrency': noUnboundedConcurrency,
  'no-unbounded-query': noUnboundedQuery,
  'prefer-parallel-io': preferParallelIo,
  'prefer-parameterized-query': preferParameterizedQuery,
  'prefer-stream-response': preferStreamResponse,
  'require-cache-ttl': requireCacheTtl,
  'require-fetch-timeout': requireFetchTimeout,
};

export type RuleName = keyof typeof rules;
